/* SPDX-License-Identifier: GPL-2.0 */
/* The input as a C string of exactly its length: parsers take text. */
#ifndef KC_FUZZ_TEXT_H
#define KC_FUZZ_TEXT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A malloc'd NUL-terminated copy (ASan sees a read past the NUL). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif
