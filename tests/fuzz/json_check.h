/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A strict JSON validator (RFC 8259) for the fuzz harnesses: the writer
 * promises valid output whatever bytes come in, so the harnesses check it
 * and abort() when it is not. Strings must be valid UTF-8 with no raw
 * control characters; exactly one value, whitespace around it.
 */
#ifndef KC_FUZZ_JSON_CHECK_H
#define KC_FUZZ_JSON_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

struct jc {
	const unsigned char *p, *end;
	int depth;
};

static int jc_value(struct jc *j);

static void jc_ws(struct jc *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p) && *j->p)
		j->p++;
}

static int jc_lit(struct jc *j, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n))
		return -1;
	j->p += n;
	return 0;
}

static int jc_digits(struct jc *j)
{
	const unsigned char *s = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s ? 0 : -1;
}

static int jc_number(struct jc *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (jc_digits(j))
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (jc_digits(j))
			return -1;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (jc_digits(j))
			return -1;
	}
	return 0;
}

static int jc_string(struct jc *j)
{
	unsigned char tmp[5];
	size_t n, k;

	if (j->p >= j->end || *j->p != '"')
		return -1;
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		if (*j->p < 0x20)
			return -1;
		if (*j->p == '\\') {
			if (++j->p >= j->end)
				return -1;
			if (*j->p == 'u') {
				for (k = 1; k <= 4; k++)
					if (j->p + k >= j->end ||
					    !strchr("0123456789abcdefABCDEF", j->p[k]) ||
					    !j->p[k])
						return -1;
				j->p += 5;
			} else if (*j->p && strchr("\"\\/bfnrt", *j->p)) {
				j->p++;
			} else {
				return -1;
			}
			continue;
		}
		/* kc_utf8_len() stops at a NUL: hand it a terminated copy */
		n = (size_t)(j->end - j->p) < 4 ? (size_t)(j->end - j->p) : 4;
		memset(tmp, 0, sizeof(tmp));
		memcpy(tmp, j->p, n);
		n = kc_utf8_len(tmp);
		if (!n)
			return -1;
		j->p += n;
	}
	if (j->p >= j->end)
		return -1;
	j->p++;
	return 0;
}

static int jc_container(struct jc *j, unsigned char close)
{
	j->p++;
	if (++j->depth > 64)
		return -1;
	jc_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return 0;
	}
	for (;;) {
		jc_ws(j);
		if (close == '}') {
			if (jc_string(j))
				return -1;
			jc_ws(j);
			if (j->p >= j->end || *j->p != ':')
				return -1;
			j->p++;
			jc_ws(j);
		}
		if (jc_value(j))
			return -1;
		jc_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			j->depth--;
			return 0;
		}
		return -1;
	}
}

static int jc_value(struct jc *j)
{
	if (j->p >= j->end)
		return -1;
	switch (*j->p) {
	case '{': return jc_container(j, '}');
	case '[': return jc_container(j, ']');
	case '"': return jc_string(j);
	case 't': return jc_lit(j, "true");
	case 'f': return jc_lit(j, "false");
	case 'n': return jc_lit(j, "null");
	default: return jc_number(j);
	}
}

/* 0 when @s[0..@n) is exactly one JSON value with optional whitespace. */
static inline int json_check(const char *s, size_t n)
{
	struct jc j = { (const unsigned char *)s, (const unsigned char *)s + n, 0 };

	jc_ws(&j);
	if (jc_value(&j))
		return -1;
	jc_ws(&j);
	return j.p == j.end ? 0 : -1;
}

/* Abort with the offending document: a finding, as a crash would be. */
static inline void json_check_or_abort(const char *what, const char *s, size_t n)
{
	if (json_check(s, n) == 0)
		return;
	fprintf(stderr, "%s: output is not valid JSON (%zu bytes):\n", what, n);
	fwrite(s, 1, n, stderr);
	fputc('\n', stderr);
	abort();
}

#endif
