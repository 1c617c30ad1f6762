/* SPDX-License-Identifier: GPL-2.0 */
/* A small JSON writer: always valid output, whatever bytes come in. */
#ifndef KC_JSON_H
#define KC_JSON_H

#include <stddef.h>
#include <stdio.h>

/**
 * kc_json_string() - write @s as a JSON string literal
 * @f: where to write
 * @s: NUL-terminated bytes; control characters are escaped and bytes that
 *     are not valid UTF-8 become U+FFFD, so the output is always valid JSON
 */
void kc_json_string(FILE *f, const char *s);

/**
 * kc_utf8_len() - length of the valid UTF-8 sequence at @p
 * @p: bytes; a sequence never runs past a NUL
 *
 * Return: 1 to 4, or 0 when @p does not start a valid sequence (overlong
 * forms, surrogates and values past U+10FFFF are not valid).
 */
size_t kc_utf8_len(const unsigned char *p);

#endif
