// SPDX-License-Identifier: GPL-2.0
/*
 * ELF core headers on memory: kc_elf_segments() on the input as a file's
 * first bytes, then kc_elf_offset() for ranges taken from its tail, as
 * the reader looks an address up in the segments.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfcore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_seg segs[64];
	uint64_t q[2], off;
	size_t n = 0, i;

	kc_elf_segments(data, size, segs, sizeof(segs) / sizeof(segs[0]), &n);
	if (n > sizeof(segs) / sizeof(segs[0]))
		abort();	/* more segments than room: an overflow */
	/* the last 16 bytes as (paddr, size); and each segment's own ends */
	if (size >= 16) {
		memcpy(q, data + size - 16, 16);
		if (!kc_elf_offset(segs, n, q[0], q[1], &off) && n == 0)
			abort();
	}
	for (i = 0; i < n; i++) {
		if (kc_elf_offset(segs, n, segs[i].paddr, segs[i].size, &off))
			abort();	/* a whole segment must be found */
		kc_elf_offset(segs, n, segs[i].paddr + segs[i].size - 1, 2, &off);
	}
	return 0;
}
