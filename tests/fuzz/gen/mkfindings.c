// SPDX-License-Identifier: GPL-2.0
/*
 * Writes hand-made reproducers into tests/fuzz/findings/ for the bugs
 * issue 13 names that need more than a few seconds of fuzzing to reach
 * (a header that lies under a valid CRC, a file of a given shape).
 * Reproducers the fuzzer found are checked in as it wrote them.
 *   cc -std=gnu11 -D_GNU_SOURCE -Imodule -Iuserspace -Itests/unit \
 *      -o mkfindings tests/fuzz/gen/mkfindings.c userspace/crc32.c
 *   ./mkfindings tests/fuzz/findings
 */
#include <elf.h>
#include <stddef.h>
#include <stdio.h>

#include "region_builder.h"

static const char *dir;

static void put(const char *h, const char *name, const void *pre, size_t plen,
		const void *p, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, h, name);
	f = fopen(path, "wb");
	if (!f || fwrite(pre, 1, plen, f) != plen || fwrite(p, 1, len, f) != len) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

/* An ELF core of one PT_LOAD at @paddr holding @len bytes of @p. */
static uint8_t *core(const uint8_t *p, size_t len, uint64_t paddr,
		     uint64_t filesz, size_t *total)
{
	uint8_t *c = calloc(1, 4096 + len);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)c;
	Elf64_Phdr *ph = (Elf64_Phdr *)(c + sizeof(*eh));

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_CORE;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 1;
	ph->p_type = PT_LOAD;
	ph->p_offset = 4096;
	ph->p_paddr = paddr;
	ph->p_filesz = ph->p_memsz = filesz;
	memcpy(c + 4096, p, len);
	*total = 4096 + len;
	return c;
}

int main(int argc, char **argv)
{
	uint8_t a[16] = { 0 }, *c;
	struct rb r;
	size_t len;

	if (argc != 2)
		return 2;
	dir = argv[1];

	/* slots_offset = 2^64 - 4096 under a valid CRC: the sum wraps */
	rb_init(&r, 2, 4096);
	rb_put64(r.buf + RB_HDR(slots_offset), -4096ull);
	rb_put64(r.buf + RB_HDR(marks_offset), RB_SLOTS_OFF);
	rb_seal_header(&r);
	put("region_raw", "slots-offset-wraps", "", 0, r.buf, r.len);
	/* the same region read out of a core by address: read_sparse */
	c = core(r.buf, r.len, 0x3f4a0000, r.len, &len);
	rb_put32(a, (uint32_t)r.len);
	rb_put64(a + 8, 0x3f4a0000);
	put("vmcore", "read-sparse-slots-wrap", a, 16, c, len);
	free(c);
	free(r.buf);

	/* 7200 slots of 144 bytes: a 1 MiB region asks for a 66 MB calloc */
	rb_init(&r, 7200, 144);
	rb_seal_header(&r);
	put("region_raw", "many-small-slots", "", 0, r.buf, r.len);
	free(r.buf);

	/* a segment of 2^62 bytes in a small file: the scan never ends */
	rb_init(&r, 1, 4096);
	c = core(r.buf + 4096, 4096, 0, 1ull << 62, &len);	/* no region */
	memset(a, 0, sizeof(a));
	put("vmcore", "huge-segment-scan", a, 16, c, len);
	free(c);
	/* one page at 1 TiB: the dump's scan reads every page below it */
	c = core(r.buf + 4096, 4096, 1ull << 40, 4096, &len);
	put("kdump", "scan-below-max-pfn", a, 16, c, len);
	free(c);
	free(r.buf);
	return 0;
}
