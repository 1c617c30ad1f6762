// SPDX-License-Identifier: GPL-2.0
/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320). Pure. */
#include "crc32.h"

static uint32_t table[256];

static void make_table(void)
{
	uint32_t c;
	int n, k;

	for (n = 0; n < 256; n++) {
		c = (uint32_t)n;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
		table[n] = c;
	}
}

uint32_t kc_crc32(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint32_t c = ~0U;

	if (!table[1])
		make_table();
	while (len--)
		c = table[(c ^ *b++) & 0xff] ^ (c >> 8);
	return ~c;
}
