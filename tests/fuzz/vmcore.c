// SPDX-License-Identifier: GPL-2.0
/*
 * The vmcore reader on a file in memory (a memfd): kc_read_vmcore() as
 * `read --vmcore` runs it, in scan mode or with an address, and
 * kc_read_raw() as `read --region` does; whatever they return is decoded
 * and reported. The input is 16 bytes of arguments, then the file:
 *   u32 size (0: scan; else masked to 4 MiB), u32 pad, u64 paddr.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_region_bytes out;
	const char *why;
	uint32_t want;
	uint64_t paddr;
	char path[64];
	int fd;

	if (size < 16)
		return 0;
	memcpy(&want, data, 4);
	memcpy(&paddr, data + 8, 8);
	want &= (4u << 20) - 1;
	fd = fuzz_memfile(data + 16, size - 16, path, sizeof(path));
	if (fd < 0)
		return 0;
	if (!kc_read_vmcore(path, want, paddr, "address given", &out, &why)) {
		fuzz_region(&out);
		free(out.buf);
	}
	if (!kc_read_raw(path, &out, &why)) {
		fuzz_region(&out);
		free(out.buf);
	}
	close(fd);
	return 0;
}
