// SPDX-License-Identifier: GPL-2.0
/* Text from a crashed kernel's memory, safe for a terminal. Pure. */
#include <string.h>

#include "json.h"
#include "text.h"

/* Is the valid UTF-8 sequence of @k bytes at @p a C1 control (U+0080-9F)? */
static int is_c1(const unsigned char *p, size_t k)
{
	return k == 2 && p[0] == 0xc2 && p[1] < 0xa0;
}

void kc_text(FILE *f, const char *s, size_t n, unsigned int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char seq[5];
	size_t i = 0, k, m;

	while (i < n) {
		unsigned char c = p[i];

		if (c == '\\' && (flags & KC_TEXT_BACKSLASH)) {
			fputs("\\\\", f);
			i++;
			continue;
		}
		if ((c == '\n' || c == '\t') && (flags & KC_TEXT_LINES)) {
			fputc(c, f);
			i++;
			continue;
		}
		/* a sequence is looked at only within the n bytes */
		m = n - i < 4 ? n - i : 4;
		memset(seq, 0, sizeof(seq));
		memcpy(seq, p + i, m);
		k = c ? kc_utf8_len(seq) : 0;
		if (k == 0 || c < 0x20 || c == 0x7f || is_c1(seq, k)) {
			fprintf(f, "\\x%02x", c);
			i++;
			continue;
		}
		fwrite(p + i, 1, k, f);
		i += k;
	}
}

void kc_text_str(FILE *f, const char *s)
{
	kc_text(f, s, strlen(s), 0);
}
