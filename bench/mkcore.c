// SPDX-License-Identifier: GPL-2.0
/*
 * bench/mkcore: write a synthetic ELF64 core of SIZE bytes of
 * pseudo-random "memory" (one PT_LOAD from physical 0) with a kcrumbs
 * region at the end of it: the worst case for a scan.
 *   mkcore FILE SIZE_MIB        prints the region's SIZE@ADDR
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "region_builder.h"

#define CHUNK (1 << 20)

int main(int argc, char **argv)
{
	static const char *const syms[] = {
		"panic+0x13d/0x2f4", "sysrq_handle_crash+0x16/0x20", NULL,
	};
	uint64_t mem, x = 0x9e3779b97f4a7c15ull, at, i;
	Elf64_Ehdr eh = { 0 };
	Elf64_Phdr ph = { 0 };
	uint64_t *chunk;
	struct rb b;
	FILE *f;

	if (argc != 3 || !(mem = strtoull(argv[2], NULL, 0) << 20)) {
		fprintf(stderr, "usage: mkcore FILE SIZE_MIB\n");
		return 2;
	}
	f = fopen(argv[1], "w");
	chunk = malloc(CHUNK);
	if (!f || !chunk)
		return 1;
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_type = ET_CORE;
	eh.e_phoff = sizeof(eh);
	eh.e_phentsize = sizeof(ph);
	eh.e_phnum = 1;
	ph.p_type = PT_LOAD;
	ph.p_offset = 4096;
	ph.p_filesz = ph.p_memsz = mem;
	fwrite(&eh, sizeof(eh), 1, f);
	fwrite(&ph, sizeof(ph), 1, f);
	fseek(f, 4096, SEEK_SET);

	rb_init(&b, 8, 16384);
	rb_event(&b, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_log_tail(&b, 1, 0, "[ 5.0] sysrq: Trigger a crash\n");
	at = mem - (1 << 20);
	for (i = 0; i < mem; i += CHUNK) {
		size_t j;

		for (j = 0; j < CHUNK / 8; j++) {	/* xorshift64 */
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			chunk[j] = x;
		}
		if (i == at)
			memcpy(chunk, b.buf, b.len);
		fwrite(chunk, CHUNK, 1, f);
	}
	printf("%zu@0x%llx\n", b.len, (unsigned long long)at);
	free(b.buf);
	free(chunk);
	return fclose(f) ? 1 : 0;
}
