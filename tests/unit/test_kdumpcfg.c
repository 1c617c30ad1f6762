// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: kdump's configuration as text. `kdump-args --install`
 * uncomments Debian's default append line with its default (keeping
 * systemd.unit=kdump-tools-dump.service), replaces a stale
 * kcrumbs.region=, is idempotent, keeps every other byte, refuses shell
 * syntax it cannot rewrite; the memmap '$' hazard gets a marked
 * KDUMP_CMDLINE that follows /proc/cmdline and goes away with it; the
 * capture command line is computed as kdump-config does.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kdumpcfg.h"

/* The lines of Debian 12's /etc/default/kdump-tools that matter here. */
static const char debian[] =
	"# kdump-tools configuration\n"
	"USE_KDUMP=1\n"
	"KDUMP_COREDIR=\"/var/crash\"\n"
	"#KDUMP_KEXEC_ARGS=\"\"\n"
	"#KDUMP_CMDLINE=\"\"\n"
	"#KDUMP_CMDLINE_APPEND=\"reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1 irqpoll usbcore.nousb\"\n"
	"#KDUMP_FAIL_CMD=\"reboot -f\"\n";

static const char cmdline[] =
	"BOOT_IMAGE=/boot/vmlinuz-6.1.0-57-amd64 root=UUID=ab ro crashkernel=384M-:256M quiet";
static const char memmap_cmdline[] =
	"BOOT_IMAGE=/boot/vmlinuz-6.1.0-57-amd64 root=UUID=ab ro memmap=1M$0x30000000 crashkernel=384M-:256M quiet";

static char *edit(const char *cfg, const char *arg, const char *proc)
{
	const char *why = NULL;
	char *out = NULL;

	assert_int_equal(kc_kdumpcfg_edit(cfg, KC_KDUMP_TOOLS, arg, proc, &out, &why), 0);
	assert_non_null(out);
	return out;
}

static void test_uncomments_debian_default(void **state)
{
	char *out, *again, val[512];

	(void)state;
	out = edit(debian, "kcrumbs.region=167936@0x29c0000", cmdline);
	assert_non_null(strstr(out,
		"\nKDUMP_CMDLINE_APPEND=\"reset_devices systemd.unit=kdump-tools-dump.service "
		"nr_cpus=1 irqpoll usbcore.nousb kcrumbs.region=167936@0x29c0000\"\n"));
	assert_null(strstr(out, "#KDUMP_CMDLINE_APPEND"));
	/* every other line as it was, in its place */
	assert_non_null(strstr(out, "#KDUMP_CMDLINE=\"\"\nKDUMP_CMDLINE_APPEND="));
	assert_non_null(strstr(out, "\n#KDUMP_FAIL_CMD=\"reboot -f\"\n"));
	assert_int_equal(strlen(out), strlen(debian) - 1 +
			 strlen(" kcrumbs.region=167936@0x29c0000"));
	assert_int_equal(kc_kdumpcfg_get(out, "KDUMP_CMDLINE_APPEND", val, sizeof(val)), 1);
	assert_non_null(strstr(val, "systemd.unit=kdump-tools-dump.service"));
	/* the same edit again changes nothing */
	again = edit(out, "kcrumbs.region=167936@0x29c0000", cmdline);
	assert_string_equal(again, out);
	free(again);
	/* a new address replaces the old one, once */
	again = edit(out, "kcrumbs.region=167936@0x9cc0000", cmdline);
	assert_null(strstr(again, "0x29c0000"));
	assert_non_null(strstr(again, "usbcore.nousb kcrumbs.region=167936@0x9cc0000\"\n"));
	free(again);
	/* no region to carry: the argument goes, the line stays */
	again = edit(out, NULL, cmdline);
	assert_null(strstr(again, "kcrumbs.region"));
	assert_non_null(strstr(again, "\nKDUMP_CMDLINE_APPEND=\"reset_devices "));
	free(again);
	free(out);
	/* nothing to carry and nothing there: the file is left alone */
	out = edit(debian, NULL, cmdline);
	assert_string_equal(out, debian);
	free(out);
}

static void test_keeps_operator_append(void **state)
{
	static const char cfg[] =
		"USE_KDUMP=1\n"
		"export KDUMP_CMDLINE_APPEND='reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1 kcrumbs.region=4096@0x1000 irqpoll'  # mine\n"
		"MAKEDUMP_ARGS=\"-c -d 31\"";	/* no final newline */
	char *out;

	(void)state;
	out = edit(cfg, "kcrumbs.region=8192@0x2000", cmdline);
	assert_string_equal(out,
		"USE_KDUMP=1\n"
		"KDUMP_CMDLINE_APPEND=\"reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1 irqpoll kcrumbs.region=8192@0x2000\"\n"
		"MAKEDUMP_ARGS=\"-c -d 31\"");
	free(out);
}

static void test_no_line_at_all(void **state)
{
	char *out;

	(void)state;
	out = edit("USE_KDUMP=1", "kcrumbs.region=8192@0x2000", cmdline);
	assert_string_equal(out, "USE_KDUMP=1\nKDUMP_CMDLINE_APPEND=\""
			    KC_KDUMP_TOOLS_APPEND " kcrumbs.region=8192@0x2000\"\n");
	free(out);
	/* set but empty: kdump-config's default applies, so it is written */
	out = edit("KDUMP_CMDLINE_APPEND=\"\"\n", "kcrumbs.region=1@0x1", cmdline);
	assert_string_equal(out, "KDUMP_CMDLINE_APPEND=\"" KC_KDUMP_TOOLS_APPEND
			    " kcrumbs.region=1@0x1\"\n");
	free(out);
}

/* a second commented line never lends its text to the first (review) */
static void test_two_commented_lines(void **state)
{
	static const char cfg[] =
		"#KDUMP_CMDLINE_APPEND=\"reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1 irqpoll usbcore.nousb\"\n"
		"#KDUMP_CMDLINE_APPEND=nr_cpus=2 was too few\n"
		"#KDUMP_CMDLINE_APPEND=\"nr_cpus=1 $EXTRA\"\n";
	char *out;

	(void)state;
	out = edit(cfg, "kcrumbs.region=1@0x1", cmdline);
	assert_string_equal(out, "KDUMP_CMDLINE_APPEND=\"" KC_KDUMP_TOOLS_APPEND
			    " kcrumbs.region=1@0x1\"\n"
			    "#KDUMP_CMDLINE_APPEND=nr_cpus=2 was too few\n"
			    "#KDUMP_CMDLINE_APPEND=\"nr_cpus=1 $EXTRA\"\n");
	free(out);
	/* in sh, '#' inside a word is not a comment */
	out = edit("KDUMP_CMDLINE_APPEND=irqpoll#nr_cpus=1\n", "kcrumbs.region=1@0x1", cmdline);
	assert_string_equal(out, "KDUMP_CMDLINE_APPEND=\"irqpoll#nr_cpus=1 kcrumbs.region=1@0x1\"\n");
	free(out);
}

static void test_refuses_shell(void **state)
{
	static const char *const bad[] = {
		"KDUMP_CMDLINE_APPEND=\"reset_devices $(extra)\"\n",
		"KDUMP_CMDLINE_APPEND=\"reset_devices ${X}\"\n",
		"KDUMP_CMDLINE_APPEND=\"reset_devices\n",
		"KDUMP_CMDLINE_APPEND=`cat /x`\n",
		"KDUMP_CMDLINE_APPEND=\"a\"; rm -rf /\n",
	};
	const char *why;
	char *out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		why = NULL;
		assert_int_equal(kc_kdumpcfg_edit(bad[i], KC_KDUMP_TOOLS, "kcrumbs.region=1@0x1",
						  cmdline, &out, &why), -EINVAL);
		assert_null(out);
		assert_non_null(strstr(why, "by hand"));
	}
}

static void test_memmap_hazard(void **state)
{
	char *out, *again, val[512], capture[1024];
	const char *why = NULL;

	(void)state;
	/* Debian's default: the capture line holds the '$' */
	assert_int_equal(kc_kdumpcfg_capture_cmdline(debian, memmap_cmdline, capture,
						     sizeof(capture)), 0);
	assert_string_equal(kc_kdumpcfg_hazard(capture), "memmap=1M$0x30000000 quiet "
			    KC_KDUMP_TOOLS_APPEND);
	out = edit(debian, "kcrumbs.region=1048576@0x30000000", memmap_cmdline);
	assert_int_equal(kc_kdumpcfg_get(out, "KDUMP_CMDLINE", val, sizeof(val)), 1);
	assert_string_equal(val, "BOOT_IMAGE=/boot/vmlinuz-6.1.0-57-amd64 root=UUID=ab ro quiet");
	assert_non_null(strstr(out, "#KDUMP_CMDLINE=\"\"\n" KC_KDUMPCFG_MARK));
	assert_int_equal(kc_kdumpcfg_capture_cmdline(out, memmap_cmdline, capture,
						     sizeof(capture)), 0);
	assert_null(kc_kdumpcfg_hazard(capture));
	assert_non_null(strstr(capture, "root=UUID=ab ro quiet reset_devices "
			       "systemd.unit=kdump-tools-dump.service"));
	/* idempotent; follows a changed /proc/cmdline */
	again = edit(out, "kcrumbs.region=1048576@0x30000000", memmap_cmdline);
	assert_string_equal(again, out);
	free(again);
	again = edit(out, "kcrumbs.region=1048576@0x30000000",
		     "root=UUID=cd memmap=1M$0x30000000 ro");
	assert_int_equal(kc_kdumpcfg_get(again, "KDUMP_CMDLINE", val, sizeof(val)), 1);
	assert_string_equal(val, "root=UUID=cd ro");
	assert_int_equal(strstr(again, KC_KDUMPCFG_MARK) - again,
			 strstr(out, KC_KDUMPCFG_MARK) - out);
	free(again);
	/* memmap= gone from /proc/cmdline: ours goes, Debian's line stays */
	again = edit(out, "kcrumbs.region=1048576@0x30000000", cmdline);
	assert_int_equal(kc_kdumpcfg_get(again, "KDUMP_CMDLINE", val, sizeof(val)), 0);
	assert_null(strstr(again, KC_KDUMPCFG_MARK));
	assert_non_null(strstr(again, "#KDUMP_CMDLINE=\"\"\nKDUMP_CMDLINE_APPEND"));
	free(again);
	free(out);
	/* KDUMP_CMDLINE set by hand without '$': the operator's, kept */
	out = edit("KDUMP_CMDLINE=\"root=/dev/sda1 ro\"\n", NULL, memmap_cmdline);
	assert_string_equal(out, "KDUMP_CMDLINE=\"root=/dev/sda1 ro\"\n");
	free(out);
	/* set by hand with '$': refused, with what to do */
	assert_int_equal(kc_kdumpcfg_edit("KDUMP_CMDLINE='root=/dev/sda1 memmap=1M$0x1'\n",
					  KC_KDUMP_TOOLS, NULL, memmap_cmdline, &out, &why),
			 -EINVAL);
	assert_non_null(strstr(why, "remove the argument"));
	/* /proc/cmdline with a quote as well: not written, said why */
	assert_int_equal(kc_kdumpcfg_edit(debian, KC_KDUMP_TOOLS, NULL,
					  "root=/dev/vda dyndbg=\"file x +p\" memmap=1M$0x1",
					  &out, &why), -EINVAL);
	assert_non_null(strstr(why, "set KDUMP_CMDLINE by hand"));
}

static void test_kdumpctl(void **state)
{
	static const char fedora[] =
		"KDUMP_COMMANDLINE_REMOVE=\"hugepages hugepagesz slub_debug quiet\"\n"
		"KDUMP_COMMANDLINE_APPEND=\"irqpoll nr_cpus=1 reset_devices\"\n"
		"KDUMP_IMG=\"vmlinuz\"\n";
	const char *why = NULL;
	char *out;

	(void)state;
	assert_int_equal(kc_kdumpcfg_edit(fedora, KC_KDUMPCTL, "kcrumbs.region=1@0x1",
					  memmap_cmdline, &out, &why), 0);
	assert_non_null(strstr(out, "\nKDUMP_COMMANDLINE_APPEND=\"irqpoll nr_cpus=1 "
			       "reset_devices kcrumbs.region=1@0x1\"\n"));
	assert_null(strstr(out, "KDUMP_CMDLINE"));	/* kdump-tools' hazard fix only */
	free(out);
	assert_int_equal(kc_kdumpcfg_edit("KDUMP_IMG=vmlinuz\n", KC_KDUMPCTL,
					  "kcrumbs.region=1@0x1", NULL, &out, &why), -EINVAL);
	assert_non_null(strstr(why, "by hand"));
}

static void test_capture_cmdline(void **state)
{
	char capture[1024];

	(void)state;
	assert_int_equal(kc_kdumpcfg_capture_cmdline(debian, cmdline, capture,
						     sizeof(capture)), 0);
	assert_string_equal(capture, "BOOT_IMAGE=/boot/vmlinuz-6.1.0-57-amd64 root=UUID=ab "
			    "ro quiet " KC_KDUMP_TOOLS_APPEND);
	assert_null(kc_kdumpcfg_hazard(capture));
	assert_int_equal(kc_kdumpcfg_capture_cmdline("KDUMP_CMDLINE=\"x\"\nKDUMP_CMDLINE_APPEND=y\n",
						     cmdline, capture, sizeof(capture)), 0);
	assert_string_equal(capture, "x y");
	assert_int_equal(kc_kdumpcfg_capture_cmdline("KDUMP_CMDLINE=\"$(x)\"\n", cmdline,
						     capture, sizeof(capture)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uncomments_debian_default),
		cmocka_unit_test(test_keeps_operator_append),
		cmocka_unit_test(test_no_line_at_all),
		cmocka_unit_test(test_two_commented_lines),
		cmocka_unit_test(test_refuses_shell),
		cmocka_unit_test(test_memmap_hazard),
		cmocka_unit_test(test_kdumpctl),
		cmocka_unit_test(test_capture_cmdline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
