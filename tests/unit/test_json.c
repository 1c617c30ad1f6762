// SPDX-License-Identifier: GPL-2.0
/* Unit tests: the JSON string writer always emits valid JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "json.h"

static char *render(const char *s)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	kc_json_string(f, s);
	fclose(f);
	return out;
}

static void check(const char *in, const char *want)
{
	char *got = render(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_plain(void **state)
{
	(void)state;
	check("hello", "\"hello\"");
	check("", "\"\"");
	check(NULL, "\"\"");
}

static void test_escapes(void **state)
{
	(void)state;
	check("a\"b\\c", "\"a\\\"b\\\\c\"");
	check("l1\nl2\tx\r", "\"l1\\nl2\\tx\\r\"");
	check("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
}

static void test_utf8_kept(void **state)
{
	(void)state;
	check("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x92\xa5",
	      "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x92\xa5\"");
}

static void test_invalid_utf8_replaced(void **state)
{
	(void)state;
	check("a\xff" "b", "\"a\\ufffdb\"");		/* stray byte */
	check("\xc3", "\"\\ufffd\"");			/* truncated at end */
	check("\xc0\xaf", "\"\\ufffd\\ufffd\"");	/* overlong '/' */
	check("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");	/* surrogate */
	check("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_utf8_kept),
		cmocka_unit_test(test_invalid_utf8_replaced),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
