/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PT_LOAD segments of an ELF64 core (/proc/vmcore, a saved ELF dump):
 * where each physical range sits in the file. Pure: works on bytes.
 */
#ifndef KC_ELFCORE_H
#define KC_ELFCORE_H

#include <stddef.h>
#include <stdint.h>

struct kc_seg {
	uint64_t paddr;		/* physical address of the segment */
	uint64_t offset;	/* where it starts in the file */
	uint64_t size;		/* bytes present in the file */
};

/**
 * kc_elf_segments() - the PT_LOAD segments of an ELF64 little-endian core
 * @buf: the file's first bytes: its header and program headers
 * @len: bytes in @buf
 * @segs: output
 * @max: room in @segs
 * @n: segments found
 *
 * Return: 0; -ENOEXEC when @buf is not an ELF64 LE core; -EBADMSG when the
 * program headers lie outside @buf; -E2BIG past @max segments.
 */
int kc_elf_segments(const uint8_t *buf, size_t len, struct kc_seg *segs,
		    size_t max, size_t *n);

/**
 * kc_elf_offset() - where [@paddr, @paddr + @size) is in the file
 * @segs: from kc_elf_segments()
 * @n: how many
 * @paddr: physical address
 * @size: bytes wanted, all in one segment
 * @off: the file offset
 *
 * Return: 0, or -ENOENT when no segment holds the whole range.
 */
int kc_elf_offset(const struct kc_seg *segs, size_t n, uint64_t paddr,
		  uint64_t size, uint64_t *off);

#endif
