// SPDX-License-Identifier: GPL-2.0
/*
 * The region decoder on raw bytes, as `read --region FILE` hands it a
 * file: header checks, every slot and mark, then the text and JSON
 * reports and the last-boot verdict. Most inputs stop at the header CRC;
 * region_struct gets past it.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly @size bytes: ASan sees any read past the end */
	uint8_t *buf = malloc(size ? size : 1);
	struct kc_region_bytes src = { buf, size, 0, "raw image" };
	const char *why;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	kc_region_check_header(buf, size, &why);
	fuzz_region(&src);
	free(buf);
	return 0;
}
