/* SPDX-License-Identifier: GPL-2.0 */
/* A small JSON writer: always valid output, whatever bytes come in. */
#ifndef KC_JSON_H
#define KC_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Numbers that can pass 2^53 (addresses, nanosecond times, sequence
 * numbers) go out as strings: jq 1.6 (Debian 12) and JavaScript keep only
 * 53 bits of a number, and 18446744071589476918 became 18446744071589476000.
 */

/* ,"KEY":"DECIMAL" (@comma: the leading comma) */
void kc_json_u64(FILE *f, int comma, const char *key, uint64_t v);

/* ,"KEY":"0xHEX" */
void kc_json_hex(FILE *f, int comma, const char *key, uint64_t v);

/*
 * A wall-clock time: ,"KEY_ns":"DECIMAL","KEY":"2026-11-30T23:54:59.180Z"
 * (ISO 8601 UTC, milliseconds; null for 0)
 */
void kc_json_wall(FILE *f, int comma, const char *key, uint64_t ns);

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
