// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: text from a crashed kernel's memory reaches a terminal only
 * as printable text (terminal escapes in the release, a task name, a
 * symbol, a tag, a log line are escaped), and a log tail of newlines only
 * is printed without reading before it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "json.h"
#include "lastboot.h"
#include "region_builder.h"
#include "report.h"
#include "source.h"
#include "text.h"

static char *out_of(void (*fn)(FILE *f, const void *arg), const void *arg)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	fn(f, arg);
	fclose(f);
	return out;
}

struct bytes {
	const char *s;
	size_t n;
	unsigned int flags;
};

static void write_text(FILE *f, const void *arg)
{
	const struct bytes *b = arg;

	kc_text(f, b->s, b->n, b->flags);
}

static char *text(const char *s, size_t n, unsigned int flags)
{
	struct bytes b = { s, n, flags };

	return out_of(write_text, &b);
}

/*
 * No byte a terminal acts on: the output is valid UTF-8 with no C0
 * control but newline and tab, no DEL, no C1 control (U+0080-U+009F).
 */
static void assert_inert(const char *out)
{
	const unsigned char *p = (const unsigned char *)out;
	size_t k;

	while (*p) {
		k = kc_utf8_len(p);
		assert_true(k > 0);
		assert_false(*p < 0x20 && *p != '\n' && *p != '\t');
		assert_false(*p == 0x7f);
		assert_false(p[0] == 0xc2 && p[1] < 0xa0);
		p += k;
	}
}

static void test_escapes(void **state)
{
	char *out;

	(void)state;
	out = text("a\x1b]0;pwned\x07" "b\x1b[2J", 16, 0);
	assert_string_equal(out, "a\\x1b]0;pwned\\x07b\\x1b[2J");
	assert_inert(out);
	free(out);
	/* C1 CSI raw (invalid UTF-8) and encoded as U+009B */
	out = text("x\x9b" "31m\xc2\x9b" "1m", 9, 0);
	assert_string_equal(out, "x\\x9b31m\\xc2\\x9b1m");
	free(out);
	/* valid UTF-8 passes; a NUL inside is escaped, not an end */
	out = text("caf\xc3\xa9 \xf0\x9f\x92\xa5\0z", 12, 0);
	assert_string_equal(out, "caf\xc3\xa9 \xf0\x9f\x92\xa5\\x00z");
	free(out);
	/* a sequence cut by the end is escaped byte by byte */
	out = text("ok\xe2\x82", 4, 0);
	assert_string_equal(out, "ok\\xe2\\x82");
	free(out);
	out = text("l1\nl2\tx\r", 8, KC_TEXT_LINES);
	assert_string_equal(out, "l1\nl2\tx\\x0d");
	free(out);
	out = text("l1\n", 3, 0);
	assert_string_equal(out, "l1\\x0a");
	free(out);
	out = text("a\\x41", 5, KC_TEXT_BACKSLASH);
	assert_string_equal(out, "a\\\\x41");
	free(out);
}

static const char evil[] = "\x1b]0;owned\x07\x1b[2J";

static void write_report(FILE *f, const void *arg)
{
	const struct rb *b = arg;
	struct kc_region_bytes src = { .buf = b->buf, .len = b->len, .how = "test" };
	struct kc_region r;
	struct kc_verdict v;
	const char *why;

	assert_int_equal(kc_region_decode(b->buf, b->len, &r, &why), 0);
	kc_report_text(f, &src, &r, 0);
	kc_last_boot(&r, &v);
	kc_last_boot_text(f, &r, &v);
	kc_region_free(&r);
}

/* Every string the region carries, made hostile: the text is inert. */
static void test_region_strings_escaped(void **state)
{
	static const char *const syms[] = { "evil\x1b[2J+0x1/0x2", NULL };
	struct rb b;
	char *out;

	(void)state;
	rb_init(&b, 4, 4096);
	memcpy(b.buf + RB_HDR(release), evil, sizeof(evil));
	rb_seal_header(&b);
	rb_event(&b, 0, KCRUMBS_CAUSE_PANIC, evil, syms);
	memcpy(rb_slot(&b, 0) + RB_REC(comm), "\x1b[2Jx", 6);
	rb_seal(rb_slot(&b, 0));
	rb_log_tail(&b, 1, 0, "line\x1b]0;t\x07\n");
	rb_mark(&b, 0, "\x1b[2J", "m\x1b", 2, 1);
	out = out_of(write_report, &b);
	assert_null(strchr(out, '\x1b'));
	assert_null(strchr(out, '\x07'));
	assert_non_null(strstr(out, "written by \\x1b]0;owned\\x07\\x1b[2J"));
	assert_non_null(strstr(out, "previous boot (\\x1b]0;owned"));
	assert_non_null(strstr(out, "task \\x1b[2Jx"));
	assert_non_null(strstr(out, "evil\\x1b[2J+0x1/0x2"));
	assert_non_null(strstr(out, "[\\x1b[2J]"));
	assert_inert(out);
	free(out);
	free(b.buf);
}

/*
 * A log tail of newlines only: the text starts a heap block here, so a
 * read before it is a valgrind error (it was: end[-1] before end > start).
 */
static void test_tail_of_newlines(void **state)
{
	struct kc_region_bytes src = { .how = "test" };
	struct kc_region r;
	char *nl = malloc(3), *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	memcpy(nl, "\n\n\n", 3);
	memset(&r, 0, sizeof(r));
	r.recs = calloc(1, sizeof(*r.recs));
	r.n_recs = 1;
	r.recs[0].kind = KCRUMBS_REC_LOG_TAIL;
	r.recs[0].text = nl;
	r.recs[0].text_len = 3;
	f = open_memstream(&out, &len);
	kc_report_text(f, &src, &r, 0);
	fclose(f);
	assert_non_null(strstr(out, "log tail #0 (event #0, 3 bytes):\n\n"));
	free(out);
	free(r.recs);
	free(nl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_region_strings_escaped),
		cmocka_unit_test(test_tail_of_newlines),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
