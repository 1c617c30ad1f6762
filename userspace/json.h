/* SPDX-License-Identifier: GPL-2.0 */
/* A small JSON writer: always valid output, whatever bytes come in. */
#ifndef KC_JSON_H
#define KC_JSON_H

#include <stdio.h>

/**
 * kc_json_string() - write @s as a JSON string literal
 * @f: where to write
 * @s: NUL-terminated bytes; control characters are escaped and bytes that
 *     are not valid UTF-8 become U+FFFD, so the output is always valid JSON
 */
void kc_json_string(FILE *f, const char *s);

#endif
