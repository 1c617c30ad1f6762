/* SPDX-License-Identifier: GPL-2.0 */
/* kcrumbs.region=SIZE@ADDR: parsing it. Pure. */
#ifndef KC_CMDLINE_H
#define KC_CMDLINE_H

#include <stdint.h>

/**
 * kc_parse_region() - parse SIZE@ADDR
 * @s: the text, such as "135168@0x3f4a0000" or "132K@0x3f4a0000"; SIZE and
 *     ADDR are decimal or 0x-hex, SIZE may end in K, M or G
 * @size: the size
 * @addr: the physical address
 *
 * Return: 0, or -EINVAL.
 */
int kc_parse_region(const char *s, uint64_t *size, uint64_t *addr);

/**
 * kc_cmdline_region() - find kcrumbs.region= on a kernel command line
 * @cmdline: the whole line
 * @size: the size
 * @addr: the address
 *
 * Return: 0; -ENOENT when absent; -EINVAL when present but malformed.
 */
int kc_cmdline_region(const char *cmdline, uint64_t *size, uint64_t *addr);

#endif
