/* SPDX-License-Identifier: GPL-2.0 */
/* CRC-32 (IEEE 802.3), as the kernel's crc32_le(~0, p, n) ^ ~0. Pure. */
#ifndef KC_CRC32_H
#define KC_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t kc_crc32(const void *p, size_t len);

#endif
