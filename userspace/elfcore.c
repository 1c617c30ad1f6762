// SPDX-License-Identifier: GPL-2.0
/* The PT_LOAD segments of an ELF64 core. Pure: works on bytes. */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "elfcore.h"

int kc_elf_segments(const uint8_t *buf, size_t len, struct kc_seg *segs,
		    size_t max, size_t *n)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	uint64_t end;
	size_t i;

	*n = 0;
	if (len < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, buf, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_type != ET_CORE)
		return -ENOEXEC;
	if (eh.e_phentsize != sizeof(ph))
		return -EBADMSG;
	end = eh.e_phoff + (uint64_t)eh.e_phnum * sizeof(ph);
	if (eh.e_phoff > len || end > len || end < eh.e_phoff)
		return -EBADMSG;
	for (i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, buf + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_filesz == 0)
			continue;
		if (*n >= max)
			return -E2BIG;
		segs[*n].paddr = ph.p_paddr;
		segs[*n].offset = ph.p_offset;
		segs[*n].size = ph.p_filesz;
		(*n)++;
	}
	return 0;
}

int kc_elf_offset(const struct kc_seg *segs, size_t n, uint64_t paddr,
		  uint64_t size, uint64_t *off)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (paddr < segs[i].paddr || size > segs[i].size ||
		    paddr - segs[i].paddr > segs[i].size - size)
			continue;
		*off = segs[i].offset + (paddr - segs[i].paddr);
		return 0;
	}
	return -ENOENT;
}
