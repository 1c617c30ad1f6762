// SPDX-License-Identifier: GPL-2.0
/* Unit tests: the sysctl.d(5) parser and its key lookup rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <errno.h>

#include "sysctl_conf.h"

static struct kc_sysctl_file f;
static char err[256];

static int parse(const char *text)
{
	err[0] = '\0';
	return kc_sysctl_parse(text, &f, err, sizeof(err));
}

static const char *value_of(const char *path)
{
	const struct kc_sysctl_entry *e = kc_sysctl_lookup(&f, path);

	return e ? e->value : NULL;
}

static void test_comments_blank_and_whitespace(void **state)
{
	(void)state;
	assert_int_equal(parse("# a comment\n"
			       "; another\n"
			       "   # indented comment\n"
			       "\n"
			       "   \t \n"
			       "  kernel.panic   =   10  \n"
			       "kernel.sysrq=1\r\n"
			       "\tvm.panic_on_oom\t= 2"), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.entries[0].path, "kernel/panic");
	assert_string_equal(f.entries[0].value, "10");
	assert_int_equal(f.entries[0].line, 6);
	assert_string_equal(value_of("kernel/sysrq"), "1");
	assert_string_equal(value_of("vm/panic_on_oom"), "2");
	assert_int_equal(f.entries[2].line, 8);
}

static void test_value_keeps_inner_equals_and_may_be_empty(void **state)
{
	(void)state;
	assert_int_equal(parse("kernel.core_pattern = |/bin/x a=b c\n"
			       "kernel.domainname =\n"), 0);
	assert_string_equal(value_of("kernel/core_pattern"), "|/bin/x a=b c");
	assert_string_equal(value_of("kernel/domainname"), "");
}

static void test_separators_as_sysctl_d_defines_them(void **state)
{
	char path[128], key[128];

	(void)state;
	assert_int_equal(kc_sysctl_norm("kernel.panic", path, sizeof(path)), 0);
	assert_string_equal(path, "kernel/panic");
	assert_int_equal(kc_sysctl_norm("kernel/panic", path, sizeof(path)), 0);
	assert_string_equal(path, "kernel/panic");
	/* first separator a dot: dots and slashes swap */
	kc_sysctl_norm("net.ipv4.conf.enp3s0/200.forwarding", path, sizeof(path));
	assert_string_equal(path, "net/ipv4/conf/enp3s0.200/forwarding");
	/* first separator a slash: left intact */
	kc_sysctl_norm("net/ipv4/conf/enp3s0.200/forwarding", path, sizeof(path));
	assert_string_equal(path, "net/ipv4/conf/enp3s0.200/forwarding");
	kc_sysctl_dotted("net/ipv4/conf/enp3s0.200/forwarding", key, sizeof(key));
	assert_string_equal(key, "net.ipv4.conf.enp3s0/200.forwarding");
	assert_int_equal(kc_sysctl_norm("", path, sizeof(path)), -EINVAL);
	assert_int_equal(kc_sysctl_norm("kernel.panic", path, 5), -EINVAL);
}

static void test_dash_prefix_ignores_failure(void **state)
{
	(void)state;
	assert_int_equal(parse("-kernel.hardlockup_panic = 1\n"
			       "- kernel.nmi_watchdog = 0\n"
			       "kernel.panic = 5\n"), 0);
	assert_true(f.entries[0].ignore_failure);
	assert_string_equal(f.entries[0].path, "kernel/hardlockup_panic");
	assert_true(f.entries[1].ignore_failure);
	assert_string_equal(f.entries[1].path, "kernel/nmi_watchdog");
	assert_false(f.entries[2].ignore_failure);
}

static void test_later_assignment_wins(void **state)
{
	(void)state;
	assert_int_equal(parse("kernel.panic = 5\nkernel/panic = 7\n"), 0);
	assert_string_equal(value_of("kernel/panic"), "7");
}

static void test_glob_matches_within_one_level(void **state)
{
	(void)state;
	assert_int_equal(parse("kernel.*_panic = 1\n"), 0);
	assert_true(f.entries[0].glob);
	assert_string_equal(value_of("kernel/hung_task_panic"), "1");
	assert_string_equal(value_of("kernel/softlockup_panic"), "1");
	assert_null(value_of("kernel/panic_on_oops"));
	assert_null(value_of("vm/panic"));
	/* '*' does not cross a separator */
	assert_int_equal(parse("net.*.forwarding = 1\n"), 0);
	assert_null(value_of("net/ipv4/conf/all/forwarding"));
	assert_string_equal(value_of("net/ipv4/forwarding"), "1");
}

static void test_explicit_assignment_beats_glob_in_any_order(void **state)
{
	(void)state;
	assert_int_equal(parse("kernel.softlockup_panic = 0\n"
			       "kernel.*_panic = 1\n"), 0);
	assert_string_equal(value_of("kernel/softlockup_panic"), "0");
	assert_string_equal(value_of("kernel/hung_task_panic"), "1");
	assert_int_equal(parse("kernel.*_panic = 1\n"
			       "kernel.softlockup_panic = 0\n"), 0);
	assert_string_equal(value_of("kernel/softlockup_panic"), "0");
}

static void test_exclusion_removes_a_glob_match(void **state)
{
	(void)state;
	assert_int_equal(parse("kernel.*_panic = 1\n"
			       "-kernel.hardlockup_panic\n"), 0);
	assert_true(f.entries[1].exclude);
	assert_false(f.entries[1].glob);
	assert_null(value_of("kernel/hardlockup_panic"));
	assert_string_equal(value_of("kernel/hung_task_panic"), "1");
	/* an excluding glob, and an explicit line that still wins */
	assert_int_equal(parse("kernel.*_panic = 1\n"
			       "-kernel.hard*\n"
			       "kernel.hardlockup_panic = 0\n"), 0);
	assert_string_equal(value_of("kernel/hardlockup_panic"), "0");
}

static void test_malformed_lines_name_the_line(void **state)
{
	char longkey[300];

	(void)state;
	assert_int_equal(parse("# ok\nkernel.panic\n"), -EINVAL);
	assert_string_equal(err, "line 2: expected KEY = VALUE");
	assert_int_equal(parse("kernel.panic = 1\n  = 1\n"), -EINVAL);
	assert_string_equal(err, "line 2: empty key");
	assert_int_equal(parse("kernel.panic = 1\n\n-\n"), -EINVAL);
	assert_string_equal(err, "line 3: empty key");
	memset(longkey, 'k', sizeof(longkey) - 3);
	strcpy(longkey + sizeof(longkey) - 3, "=1");
	assert_int_equal(parse(longkey), -EINVAL);
	assert_string_equal(err, "line 1: key too long");
}

static void test_empty_file_and_no_final_newline(void **state)
{
	(void)state;
	assert_int_equal(parse(""), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(parse("kernel.panic=3"), 0);
	assert_string_equal(value_of("kernel/panic"), "3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comments_blank_and_whitespace),
		cmocka_unit_test(test_value_keeps_inner_equals_and_may_be_empty),
		cmocka_unit_test(test_separators_as_sysctl_d_defines_them),
		cmocka_unit_test(test_dash_prefix_ignores_failure),
		cmocka_unit_test(test_later_assignment_wins),
		cmocka_unit_test(test_glob_matches_within_one_level),
		cmocka_unit_test(test_explicit_assignment_beats_glob_in_any_order),
		cmocka_unit_test(test_exclusion_removes_a_glob_match),
		cmocka_unit_test(test_malformed_lines_name_the_line),
		cmocka_unit_test(test_empty_file_and_no_final_newline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
