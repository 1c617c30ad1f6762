/* SPDX-License-Identifier: GPL-2.0 */
/*
 * makedumpfile's flattened format (makedumpfile -F), what kdump-tools
 * writes as /var/crash/<stamp>/dump.<stamp>: a 4096-byte header that
 * starts "makedumpfile", then blocks of { be64 offset, be64 size, size
 * bytes } that say where each piece of a kdump-compressed (or ELF) file
 * goes, ended by a block with offset and size -1. Putting every block at
 * its offset gives the file back (makedumpfile -R does the same).
 */
#ifndef KC_FLAT_H
#define KC_FLAT_H

#include <stddef.h>
#include <stdint.h>

#define KC_FLAT_HDR_SIZE	4096
/* What an unflattened file may span, and one block: a dump of 1 TiB of RAM. */
#define KC_FLAT_MAX_END		(1ull << 40)
#define KC_FLAT_MAX_BLOCK	(1ull << 30)

/**
 * kc_flat_is() - does @buf start a flattened dump?
 * @buf: the file's first bytes
 * @len: how many (at least 32 to say yes)
 *
 * Return: true for the signature with type 1 and version 1.
 */
int kc_flat_is(const uint8_t *buf, size_t len);

/**
 * kc_flat_block() - decode one block header
 * @b: its 16 bytes
 * @off: where the block's bytes go in the unflattened file
 * @size: how many bytes follow the header
 *
 * Return: 1 for the end marker, 0 for a block within KC_FLAT_MAX_END and
 * KC_FLAT_MAX_BLOCK, -EINVAL otherwise.
 */
int kc_flat_block(const uint8_t b[16], uint64_t *off, uint64_t *size);

/**
 * kc_flat_unflatten() - write the file a flattened stream describes
 * @in: the flattened dump, read from its start
 * @out: an empty file, written with pwrite() (sparse where no block is)
 * @why: on failure or a stream cut short, why
 *
 * Streams through a 64 KiB buffer whatever the input says.
 *
 * Return: 0 when the end marker was reached; 1 when the stream ended
 * early (a dump cut short: what came before it was written, and may be
 * enough to read); a negative errno when @in is not a flattened dump, a
 * block is out of bounds, or @out cannot be written.
 */
int kc_flat_unflatten(int in, int out, const char **why);

#endif
