// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the kcrumbs binary's command line, run as a user would run
 * it (KCRUMBS_BIN names it). No module is needed: what needs one is in
 * tests/vm.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakeroot.h"
#include "runcli.h"
#include "nlerr.h"
#include "uapi/kcrumbs.h"

static void test_help_lists_commands(void **state)
{
	struct run r;

	(void)state;
	run(&r, "--help");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "Usage: kcrumbs"));
	assert_non_null(strstr(r.out, "Commands:"));
	assert_non_null(strstr(r.out, "  status "));
	assert_non_null(strstr(r.out, "3 module not loaded"));
	done(&r);
}

static void test_no_command_is_usage_error(void **state)
{
	struct run r;

	(void)state;
	run(&r, "");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "Commands:"));
	assert_string_equal(r.out, "");
	done(&r);
}

static void test_unknown_command(void **state)
{
	struct run r;

	(void)state;
	run(&r, "bogus");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown command 'bogus'"));
	assert_non_null(strstr(r.err, "  status "));
	done(&r);
}

static void test_bad_options(void **state)
{
	struct run r;

	(void)state;
	run(&r, "--frobnicate");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "--frobnicate: unknown option"));
	done(&r);

	run(&r, "status --frobnicate");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "kcrumbs status: --frobnicate: unknown option"));
	assert_non_null(strstr(r.err, "Try 'kcrumbs status --help'"));
	done(&r);

	run(&r, "status extra");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "takes no arguments"));
	done(&r);
}

static void test_command_help(void **state)
{
	struct run r;

	(void)state;
	run(&r, "status --help");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "Usage: kcrumbs status"));
	assert_non_null(strstr(r.out, "--json"));
	done(&r);
}

static void test_version(void **state)
{
	char want[64];
	struct run r;

	(void)state;
	snprintf(want, sizeof(want), "kcrumbs %s (ABI %d)\n", KCRUMBS_VERSION,
		 KCRUMBS_ABI_VERSION);
	run(&r, "--version");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_memory_equal(r.out, want, strlen(want));
	assert_non_null(strstr(r.out, "module"));
	done(&r);
}

static void test_status_without_module(void **state)
{
	struct stat st;
	struct run r;

	(void)state;
	if (stat("/sys/module/kcrumbs", &st) == 0)
		skip();		/* loaded on this host: tests/vm covers it */
	run(&r, "status");
	assert_int_equal(r.rc, KC_EXIT_NOMODULE);
	assert_string_equal(r.err, "kcrumbs: the kcrumbs kernel module is not "
			    "loaded (load it with: modprobe kcrumbs)\n");
	done(&r);

	run(&r, "--json status");
	assert_int_equal(r.rc, KC_EXIT_NOMODULE);
	assert_non_null(strstr(r.out, "{\"schema\":3,\"module\":{\"loaded\":false,"));
	done(&r);
}

/* A fake /proc and /sys: KCRUMBS_ROOT points the binary at it. */
static char fake[64];

static void fake_put(const char *path, const char *text)
{
	fakeroot_put(fake, path, text);
}

static char *fake_get(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", fake, path);
	return slurp(full);
}

static void unlink_fake(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", fake, path);
	assert_int_equal(unlink(full), 0);
}

static int fake_setup(void **state)
{
	(void)state;
	fakeroot_new(fake);
	setenv("KCRUMBS_ROOT", fake, 1);
	fake_put("/proc/sys/kernel/panic", "0\n");
	fake_put("/proc/sys/kernel/panic_on_oops", "0\n");
	fake_put("/sys/kernel/kexec_crash_loaded", "0\n");
	fake_put("/proc/sysrq-trigger", "");
	return 0;
}

static int fake_teardown(void **state)
{
	(void)state;
	unsetenv("KCRUMBS_ROOT");
	return fakeroot_remove(fake);
}

static int module_loaded(void)
{
	struct stat st;

	return stat("/sys/module/kcrumbs", &st) == 0;
}

/* The crash types live in a module of their own. */
static int trigger_module_loaded(void)
{
	struct stat st;

	return stat("/sys/module/kcrumbs_trigger", &st) == 0;
}

/*
 * sysrq-c needs no module. The host's real kexec_crash_loaded is never
 * consulted (the fake tree says), and no test here passes --force: even
 * a KCRUMBS_ROOT bug could not crash the machine running the tests.
 */
static void test_trigger_list_without_module(void **state)
{
	struct run r;

	(void)state;
	if (trigger_module_loaded())
		skip();
	run(&r, "trigger --list");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "sysrq-c "));
	assert_non_null(strstr(r.out, "halts until reset"));
	assert_non_null(strstr(r.out, "the trigger module is not loaded: modprobe kcrumbs_trigger"));
	assert_non_null(strstr(r.out, "No crash kernel is loaded"));
	done(&r);

	run(&r, "--json trigger --list");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "{\"schema\":1,\"module_loaded\":false,"
			       "\"crash_kernel_loaded\":false,"));
	assert_non_null(strstr(r.out, "\"outcome\":\"panic\""));
	done(&r);
}

static void test_trigger_refusals(void **state)
{
	struct run r;
	char *written;

	(void)state;
	run(&r, "trigger");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "needs one crash type"));
	done(&r);

	run(&r, "trigger --list PANIC");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);

	run(&r, "trigger sysrq-c");
	assert_int_equal(r.rc, KC_EXIT_REFUSED);
	assert_non_null(strstr(r.out, "sysrq-c: writes 'c' to /proc/sysrq-trigger"));
	assert_non_null(strstr(r.out, "on this machine now: panic with no crash kernel"));
	assert_non_null(strstr(r.err, "refusing without --yes"));
	done(&r);

	run(&r, "trigger sysrq-c --yes");
	assert_int_equal(r.rc, KC_EXIT_REFUSED);
	assert_non_null(strstr(r.err, "no crash kernel is loaded"));
	assert_non_null(strstr(r.err, "--force"));
	done(&r);

	written = fake_get("/proc/sysrq-trigger");
	assert_string_equal(written, "");	/* nothing was fired */
	free(written);
}

static void test_trigger_sysrq_fires_with_crash_kernel(void **state)
{
	struct run r;
	char *written;

	(void)state;
	fake_put("/sys/kernel/kexec_crash_loaded", "1\n");
	run(&r, "trigger SYSRQ-C --yes");
	fake_put("/sys/kernel/kexec_crash_loaded", "0\n");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "the capture kernel (kdump) takes over"));
	assert_non_null(strstr(r.out, "triggered sysrq-c"));
	done(&r);
	written = fake_get("/proc/sysrq-trigger");
	assert_string_equal(written, "c");
	free(written);
}

static void test_trigger_unknown_type(void **state)
{
	struct run r;

	(void)state;
	if (trigger_module_loaded())
		skip();
	run(&r, "trigger PANIC --yes");
	assert_int_equal(r.rc, KC_EXIT_NOMODULE);
	assert_non_null(strstr(r.err, "unknown crash type 'PANIC'; valid: sysrq-c"));
	assert_non_null(strstr(r.err, "module is not loaded"));
	assert_non_null(strstr(r.err, "the trigger module is not loaded: modprobe kcrumbs_trigger"));
	done(&r);
}

static const char kdump_tools_default[] =
	"USE_KDUMP=1\n"
	"#KDUMP_CMDLINE=\"\"\n"
	"#KDUMP_CMDLINE_APPEND=\"reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1 irqpoll usbcore.nousb\"\n";

static void test_kdump_args(void **state)
{
	struct run r;

	(void)state;
	run(&r, "kdump-args");
	assert_int_equal(r.rc, KC_EXIT_NOMODULE);	/* fake tree: no module */
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "not loaded"));
	done(&r);

	fake_put("/sys/kernel/kcrumbs/region", "135168@0x3c80000\n");
	fake_put("/sys/kernel/kcrumbs/mode", "dynamic\n");
	run(&r, "kdump-args --raw");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_string_equal(r.out, "kcrumbs.region=135168@0x3c80000\n");
	assert_string_equal(r.err, "");
	done(&r);

	/* only the argument on stdout, so $(kcrumbs kdump-args) works */
	run(&r, "kdump-args");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_string_equal(r.out, "kcrumbs.region=135168@0x3c80000\n");
	assert_non_null(strstr(r.err, "sudo kcrumbs kdump-args --install"));
	assert_non_null(strstr(r.err, "KDUMP_COMMANDLINE_APPEND"));
	assert_non_null(strstr(r.err, "address changes each time"));
	done(&r);
	run(&r, "kdump-args --quiet");
	assert_string_equal(r.out, "kcrumbs.region=135168@0x3c80000\n");
	assert_string_equal(r.err, "");
	done(&r);

	run(&r, "--json kdump-args");
	assert_string_equal(r.out, "{\"schema\":2,\"arg\":\"kcrumbs.region=135168@0x3c80000\","
			    "\"size\":\"135168\",\"address\":\"0x3c80000\",\"mode\":\"dynamic\"}\n");
	done(&r);

	run(&r, "kdump-args --config /x");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);

	fake_put("/sys/kernel/kcrumbs/region", "garbage\n");
	run(&r, "kdump-args");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	done(&r);
}

static void test_kdump_args_install(void **state)
{
	char args[256];
	struct run r;
	char *cfg;

	(void)state;
	fake_put("/sys/kernel/kcrumbs/region", "135168@0x3c80000\n");
	fake_put("/sys/kernel/kcrumbs/mode", "dynamic\n");
	fake_put("/proc/cmdline", "root=/dev/vda ro crashkernel=384M-:256M\n");
	run(&r, "kdump-args --install");
	assert_int_equal(r.rc, KC_EXIT_FAIL);	/* no kdump at all */
	assert_non_null(strstr(r.err, "apt install kdump-tools"));
	done(&r);

	fake_put("/etc/default/kdump-tools", kdump_tools_default);
	run(&r, "kdump-args --install");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.err, "updated /etc/default/kdump-tools"));
	assert_non_null(strstr(r.err, "systemctl restart kdump-tools"));
	cfg = fake_get("/etc/default/kdump-tools");
	assert_string_equal(cfg, "USE_KDUMP=1\n#KDUMP_CMDLINE=\"\"\n"
		"KDUMP_CMDLINE_APPEND=\"reset_devices systemd.unit=kdump-tools-dump.service "
		"nr_cpus=1 irqpoll usbcore.nousb kcrumbs.region=135168@0x3c80000\"\n");
	free(cfg);
	done(&r);
	run(&r, "kdump-args --install");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.err, "already carries kcrumbs.region=135168@0x3c80000"));
	done(&r);

	/* the next boot: a new address, and the memmap '$' hazard */
	fake_put("/sys/kernel/kcrumbs/region", "135168@0x9cc0000\n");
	fake_put("/proc/cmdline", "root=/dev/vda ro memmap=1M$0x30000000 crashkernel=384M-:256M\n");
	run(&r, "kdump-args --install --quiet");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_string_equal(r.err, "");
	cfg = fake_get("/etc/default/kdump-tools");
	assert_non_null(strstr(cfg, "usbcore.nousb kcrumbs.region=135168@0x9cc0000\""));
	assert_non_null(strstr(cfg, "\nKDUMP_CMDLINE=\"root=/dev/vda ro\"\n"));
	free(cfg);
	done(&r);

	/* the module not loaded: the stale address is taken out */
	unlink_fake("/sys/kernel/kcrumbs/region");
	run(&r, "kdump-args --install");
	assert_int_equal(r.rc, KC_EXIT_NOMODULE);
	cfg = fake_get("/etc/default/kdump-tools");
	assert_null(strstr(cfg, "kcrumbs.region="));
	assert_non_null(strstr(cfg, "usbcore.nousb\"\n"));
	free(cfg);
	done(&r);

	/* shell syntax it cannot rewrite: refused, file untouched */
	fake_put("/sys/kernel/kcrumbs/region", "135168@0x3c80000\n");
	fake_put("/etc/kdump.cfg", "KDUMP_CMDLINE_APPEND=\"$(cat /x)\"\n");
	snprintf(args, sizeof(args), "kdump-args --install --config %s/etc/kdump.cfg", fake);
	run(&r, args);
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.err, "by hand"));
	cfg = fake_get("/etc/kdump.cfg");
	assert_string_equal(cfg, "KDUMP_CMDLINE_APPEND=\"$(cat /x)\"\n");
	free(cfg);
	done(&r);
	run(&r, "kdump-args --install --config /tmp/nonexistent-kc-cfg");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.err, "cannot read /tmp/nonexistent-kc-cfg"));
	done(&r);
	/* kdumpctl's file, by its name */
	fake_put("/etc/sysconfig/kdump", "KDUMP_COMMANDLINE_APPEND=\"irqpoll nr_cpus=1\"\n");
	snprintf(args, sizeof(args), "kdump-args --install --config %s/etc/sysconfig/kdump", fake);
	run(&r, args);
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.err, "kdumpctl restart"));
	cfg = fake_get("/etc/sysconfig/kdump");
	assert_string_equal(cfg, "KDUMP_COMMANDLINE_APPEND=\"irqpoll nr_cpus=1 "
			    "kcrumbs.region=135168@0x3c80000\"\n");
	free(cfg);
	done(&r);
}

static void test_arm_usage(void **state)
{
	struct run r;

	(void)state;
	run(&r, "arm --seconds 61");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "--seconds must be 0 to 60, not 61"));
	done(&r);
	run(&r, "arm --seconds -1");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);
	run(&r, "arm now");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);
	if (trigger_module_loaded())
		return;
	run(&r, "arm");
	assert_int_equal(r.rc, KC_EXIT_NOMODULE);
	assert_non_null(strstr(r.err, "the trigger module is not loaded: modprobe kcrumbs_trigger"));
	done(&r);
}

/* --json: one JSON document on stdout whatever fails; stderr says it too. */
static void expect_json_error(const char *args, int rc, const char *msg)
{
	struct run r;

	run(&r, args);
	assert_int_equal(r.rc, rc);
	assert_non_null(strstr(r.out, "{\"schema\":1,\"error\":"));
	assert_non_null(strstr(r.out, msg));
	assert_non_null(strstr(r.err, msg));
	/* one line, one document */
	assert_ptr_equal(strchr(r.out, '\n'), r.out + strlen(r.out) - 1);
	done(&r);
}

static void test_json_errors(void **state)
{
	struct run r;

	(void)state;
	expect_json_error("--json frobnicate", KC_EXIT_USAGE, "unknown command 'frobnicate'");
	expect_json_error("--json read --bogus", KC_EXIT_USAGE, "--bogus: unknown option");
	expect_json_error("read --json --address 'nope'", KC_EXIT_USAGE, "--address wants SIZE@ADDR");
	expect_json_error("--json kdump-args", KC_EXIT_NOMODULE, "not loaded");
	expect_json_error("--json arm", KC_EXIT_NOMODULE, "not loaded");
	expect_json_error("--json trigger PANIC --yes --force", KC_EXIT_NOMODULE,
			  "unknown crash type 'PANIC'");
	expect_json_error("--json policy frobnicate", KC_EXIT_USAGE, "frobnicate");
	run(&r, "--json --version");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "{\"schema\":1,\"version\":\""));
	assert_non_null(strstr(r.out, "\"module\":{\"loaded\":false,"));
	done(&r);
}

/* The CLI itself under valgrind: no leak on these error paths. */
static void test_no_leaks_on_errors(void **state)
{
	static const char *const args[] = {
		"mark hello",				/* no module */
		"read --region /nonexist --region /nonexist2",	/* given twice */
		"--json read --vmcore /nonexist --save /nonexist/x",
		"status",
	};
	char cmd[1024];
	size_t i;
	int st;

	(void)state;
	for (i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		snprintf(cmd, sizeof(cmd), "valgrind -q --leak-check=full "
			 "--errors-for-leak-kinds=definite --error-exitcode=99 "
			 "'%s' %s >/dev/null 2>&1", getenv("KCRUMBS_BIN"), args[i]);
		st = system(cmd);
		assert_true(WIFEXITED(st));
		if (WEXITSTATUS(st) == 99)
			fail_msg("kcrumbs %s leaks (valgrind)", args[i]);
	}
}

static void test_mark_usage(void **state)
{
	struct run r;

	(void)state;
	run(&r, "mark");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "needs TEXT, or - to read lines"));
	done(&r);
	run(&r, "mark --batch 0 -");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "--batch must be 1 to 64, not 0"));
	done(&r);
	run(&r, "mark --tag 0123456789abcdef x");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "--tag is 16 bytes; at most 15"));
	done(&r);
	if (module_loaded())
		return;
	run(&r, "mark hello");
	assert_int_equal(r.rc, KC_EXIT_NOMODULE);
	assert_non_null(strstr(r.err, "not loaded"));
	done(&r);
	run(&r, "mark --help");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "--batch"));
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_lists_commands),
		cmocka_unit_test(test_no_command_is_usage_error),
		cmocka_unit_test(test_unknown_command),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_command_help),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_status_without_module),
		cmocka_unit_test_setup_teardown(test_trigger_list_without_module,
						fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_trigger_refusals,
						fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_trigger_sysrq_fires_with_crash_kernel,
						fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_trigger_unknown_type,
						fake_setup, fake_teardown),
		cmocka_unit_test_setup_teardown(test_kdump_args_install, fake_setup,
						fake_teardown),
		cmocka_unit_test_setup_teardown(test_kdump_args, fake_setup,
						fake_teardown),
		cmocka_unit_test(test_arm_usage),
		cmocka_unit_test(test_mark_usage),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_no_leaks_on_errors),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
