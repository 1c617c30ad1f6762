// SPDX-License-Identifier: GPL-2.0
/* A small JSON writer. Pure: writes only to the FILE it is given. */
#include <inttypes.h>
#include <stdint.h>
#include <time.h>
#include <string.h>

#include "json.h"

size_t kc_utf8_len(const unsigned char *p)
{
	size_t n, i;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static const char *short_escape(unsigned char c)
{
	static const char *const esc[] = {
		['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b",
		['\f'] = "\\f", ['\n'] = "\\n", ['\r'] = "\\r",
		['\t'] = "\\t",
	};

	return c < sizeof(esc) / sizeof(esc[0]) ? esc[c] : NULL;
}

void kc_json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const char *esc;
	size_t n;

	fputc('"', f);
	while (*p) {
		esc = short_escape(*p);
		if (esc) {
			fputs(esc, f);
			p++;
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(f, "\\u%04x", *p);
			p++;
		} else if ((n = kc_utf8_len(p)) > 0) {
			fwrite(p, 1, n, f);
			p += n;
		} else {
			fputs("\\ufffd", f);
			p++;
		}
	}
	fputc('"', f);
}

void kc_json_u64(FILE *f, int comma, const char *key, uint64_t v)
{
	fprintf(f, "%s\"%s\":\"%" PRIu64 "\"", comma ? "," : "", key, v);
}

void kc_json_hex(FILE *f, int comma, const char *key, uint64_t v)
{
	fprintf(f, "%s\"%s\":\"0x%" PRIx64 "\"", comma ? "," : "", key, v);
}

void kc_json_wall(FILE *f, int comma, const char *key, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000ull);
	char iso[40];
	struct tm tm;

	fprintf(f, "%s\"%s_ns\":\"%" PRIu64 "\",\"%s\":", comma ? "," : "", key,
		ns, key);
	if (!ns || !gmtime_r(&t, &tm) || !strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%S", &tm)) {
		fputs("null", f);
		return;
	}
	fprintf(f, "\"%s.%03uZ\"", iso, (unsigned int)(ns % 1000000000ull / 1000000));
}
