// SPDX-License-Identifier: GPL-2.0
/*
 * makedumpfile's flattened format, kc_flat_unflatten(): the input is the
 * stream, the output a memfd (sparse writes up to the 1 TiB bound).
 */
#include <sys/mman.h>
#include <unistd.h>

#include "flat.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	char path[64];
	int in, out;

	in = fuzz_memfile(data, size, path, sizeof(path));
	if (in < 0)
		return 0;
	lseek(in, 0, SEEK_SET);
	out = memfd_create("kc-flat-out", MFD_CLOEXEC);
	if (out >= 0) {
		if (kc_flat_unflatten(in, out, &why) && !why)
			abort();	/* every failure says why */
		close(out);
	}
	close(in);
	return 0;
}
