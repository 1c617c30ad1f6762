// SPDX-License-Identifier: GPL-2.0
/*
 * The dump reader, kc_read_kdump(), on a file in memory: libkdumpfile
 * (dlopen()ed, not instrumented: ASan sees only what it does to our
 * memory, and its own crashes as SEGV) parses an ELF core or
 * makedumpfile's format. Same 16-byte argument prefix as the vmcore
 * harness; the size is masked to 1 MiB.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__asan_default_options(void);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * The reader bounds a dump scan in time (KCRUMBS_SCAN_SECONDS, 120 s by
 * default); a fuzzer input may take 10 s, so the bound is 2 s here
 * unless the caller sets one.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("KCRUMBS_SCAN_SECONDS", "2", 0);
	return 0;
}

/*
 * libkdumpfile is not instrumented, so ASan cannot see it read memory it
 * freed; glibc reuses that memory at once, ASan's quarantine keeps it
 * intact, and a use after free that crashes the real CLI passes here.
 * Filling freed memory with 0xff makes such reads crash here as well.
 */
const char *__asan_default_options(void)
{
	return "free_fill_byte=255:max_free_fill_size=4096";
}

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
	want &= (1u << 20) - 1;
	fd = fuzz_memfile(data + 16, size - 16, path, sizeof(path));
	if (fd < 0)
		return 0;
	if (!kc_read_kdump(path, want, paddr, "address given", &out, &why)) {
		fuzz_region(&out);
		free(out.buf);
	}
	close(fd);
	return 0;
}
