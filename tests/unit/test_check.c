// SPDX-License-Identifier: GPL-2.0
/* Unit tests: `kcrumbs check` on fake trees, and its pure parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "check.h"
#include "fakeroot.h"
#include "policy.h"
#include "sysfs.h"

static char root[64];

static const char iomem[] =
	"00000000-00000fff : Reserved\n"
	"00001000-0009fbff : System RAM\n"
	"00100000-3ffdffff : System RAM\n"
	"  2f000000-3effffff : Crash kernel\n"
	"  30000000-300fffff : reserved\n"
	"100000000-13fffffff : System RAM\n"
	"  13c000000-13fffffff : Crash kernel\n";

/* A machine where kdump is armed, with the knobs of profile kdump. */
static int setup(void **state)
{
	char dir[512], path[512], err[512];
	const char *bin = getenv("KCRUMBS_BIN");
	struct kc_knob_state st[KC_MAX_KNOBS];
	struct kc_sysctl_file f;
	struct kc_plan plan;
	unsigned int i;

	(void)state;
	assert_non_null(bin);
	snprintf(dir, sizeof(dir), "%s", bin);
	strcpy(strrchr(dir, '/'), "/../sysctl.d");
	setenv("KCRUMBS_PROFILES", dir, 1);
	fakeroot_new(root);
	kc_set_root(root);
	fakeroot_put(root, "/proc/cmdline",
		     "BOOT_IMAGE=/vmlinuz root=/dev/sda1 crashkernel=256M quiet\n");
	fakeroot_put(root, "/proc/iomem", iomem);
	fakeroot_put(root, "/sys/kernel/kexec_crash_size", "268435456\n");
	fakeroot_put(root, "/sys/kernel/kexec_crash_loaded", "1\n");
	fakeroot_put(root, "/proc/sys/kernel/osrelease", "6.1.0-56-amd64\n");
	fakeroot_put(root, "/boot/config-6.1.0-56-amd64",
		     "CONFIG_KEXEC=y\nCONFIG_KEXEC_FILE=y\nCONFIG_CRASH_DUMP=y\n"
		     "CONFIG_PROC_VMCORE=y\n");
	fakeroot_put(root, "/usr/sbin/kdump-config", "");
	fakeroot_put(root, "/etc/default/kdump-tools",
		     "USE_KDUMP=1\nKDUMP_CMDLINE_APPEND=\"kcrumbs.region=1@0x1\"\n");
	fakeroot_put(root, "/sys/kernel/kcrumbs/mode", "dynamic\n");
	fakeroot_put(root, "/sys/kernel/kcrumbs/region", "1@0x1\n");
	fakeroot_put(root, "/usr/lib/modules-load.d/kcrumbs.conf", "# the recorder\nkcrumbs\n");
	/* systemd, with kdump-tools enabled (WantedBy=basic.target) */
	fakeroot_put(root, "/run/systemd/system/.keep", "");
	fakeroot_put(root, "/etc/systemd/system/basic.target.wants/kdump-tools.service", "");
	fakeroot_put(root, "/var/crash/kexec_cmd", "/sbin/kexec -p --command-line=\"root=/dev/sda1 "
		     "quiet reset_devices kcrumbs.region=1@0x1\" --initrd=/var/lib/kdump/initrd.img "
		     "/var/lib/kdump/vmlinuz\n");
	fakeroot_put(root, "/sys/bus/event_source/devices/cpu/type", "4\n");
	fakeroot_put(root, "/sys/module/kernel/parameters/crash_kexec_post_notifiers",
		     "N\n");
	for (i = 0; i < kc_n_knobs; i++)
		if (!kc_knobs_table[i].boolean_param)
			fakeroot_put(root, kc_knobs_table[i].path, "0\n");
	kc_policy_read(st);
	assert_int_equal(kc_profile_load("kdump", &f, path, sizeof(path), err), 0);
	assert_int_equal(kc_plan_profile(&f, st, &plan, err, sizeof(err)), 0);
	assert_int_equal(kc_plan_apply(&plan, err, sizeof(err)), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kc_set_root(NULL);
	unsetenv("KCRUMBS_PROFILES");
	return fakeroot_remove(root);
}

/* Run the checks; return the row named @name. */
static struct kc_check_result row(const char *name, unsigned int *fails)
{
	struct kc_check_result r[KC_CHECK_MAX], found;
	unsigned int i, n = kc_check_run("kdump", r);

	memset(&found, 0, sizeof(found));
	*fails = 0;
	for (i = 0; i < n; i++) {
		*fails += r[i].status == KC_CHECK_FAIL;
		if (strcmp(r[i].name, name) == 0)
			found = r[i];
	}
	assert_non_null(found.name);
	return found;
}

static void test_iomem_crash_ranges(void **state)
{
	uint64_t start, size;
	bool hidden;

	(void)state;
	assert_int_equal(kc_iomem_crash(iomem, &start, &size, &hidden), 2);
	assert_int_equal(start, 0x2f000000);
	assert_int_equal(size, 0x10000000 + 0x4000000);
	assert_false(hidden);
	assert_int_equal(kc_iomem_crash("00000000-00000000 : System RAM\n"
					"  00000000-00000000 : Crash kernel\n",
					&start, &size, &hidden), 1);
	assert_true(hidden);
	assert_int_equal(size, 0);
	assert_int_equal(kc_iomem_crash("", &start, &size, &hidden), 0);
	assert_int_equal(kc_iomem_crash("garbage\n: Crash kernel\n", &start,
					&size, &hidden), 0);
}

static void test_config_values(void **state)
{
	const char *cfg = "# CONFIG_KEXEC is not set\nCONFIG_KEXEC_FILE=y\n"
			  "CONFIG_CRASH_DUMP=y\nCONFIG_PROC_VMCORE=m\n"
			  "XCONFIG_FOO=y\n";

	(void)state;
	assert_int_equal(kc_config_value(cfg, "CONFIG_KEXEC"), 0);
	assert_int_equal(kc_config_value(cfg, "CONFIG_KEXEC_FILE"), 'y');
	assert_int_equal(kc_config_value(cfg, "CONFIG_PROC_VMCORE"), 'm');
	assert_int_equal(kc_config_value(cfg, "CONFIG_FOO"), 0);
}

static void test_armed_machine_passes(void **state)
{
	struct kc_check_result r[KC_CHECK_MAX];
	unsigned int i, n;

	(void)state;
	n = kc_check_run("kdump", r);
	assert_true(n >= 9);
	for (i = 0; i < n; i++) {
		if (r[i].status != KC_CHECK_OK)
			print_message("%s: %s\n", r[i].name, r[i].detail);
		assert_int_equal(r[i].status, KC_CHECK_OK);
		assert_string_equal(r[i].fix, "");
	}
	assert_non_null(strstr(r[0].detail, "crashkernel=256M"));
	assert_non_null(strstr(r[1].detail, "320 MiB at 0x2f000000"));
}

static void test_not_loaded_fails(void **state)
{
	struct kc_check_result r;
	unsigned int fails;

	(void)state;
	fakeroot_put(root, "/sys/kernel/kexec_crash_loaded", "0\n");
	r = row("capture kernel loaded", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_int_equal(fails, 1);
	assert_non_null(strstr(r.detail, "kexec_crash_loaded is 0"));
	assert_non_null(strstr(r.fix, "kdump-config load"));
}

static void test_no_crashkernel_fails_twice(void **state)
{
	struct kc_check_result r;
	unsigned int fails;
	char p[512];

	(void)state;
	fakeroot_put(root, "/proc/cmdline", "root=/dev/sda1 xcrashkernel=1G\n");
	fakeroot_put(root, "/proc/iomem", "00100000-3ffdffff : System RAM\n");
	unlink(kc_path(p, sizeof(p), "/sys/kernel/kexec_crash_size"));
	r = row("crashkernel= on the kernel command line", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_non_null(strstr(r.fix, "kcrumbs crashkernel"));
	r = row("memory reserved for the capture kernel", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_int_equal(fails, 2);
}

static void test_malformed_crashkernel_fails(void **state)
{
	struct kc_check_result r;
	unsigned int fails;

	(void)state;
	fakeroot_put(root, "/proc/cmdline", "root=/dev/sda1 crashkernel=384M-2G64M\n");
	r = row("crashkernel= on the kernel command line", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_non_null(strstr(r.detail, "crashkernel=384M-2G64M is malformed at character 8: expected ':' after a range"));
}

static void test_config_missing_option_fails(void **state)
{
	struct kc_check_result r;
	unsigned int fails;

	(void)state;
	fakeroot_put(root, "/boot/config-6.1.0-56-amd64",
		     "CONFIG_KEXEC=y\n# CONFIG_CRASH_DUMP is not set\n"
		     "CONFIG_PROC_VMCORE=y\n");
	r = row("kernel built for kdump", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_non_null(strstr(r.detail, "CONFIG_CRASH_DUMP"));
}

static void test_warnings_do_not_fail(void **state)
{
	struct kc_check_result r;
	unsigned int fails;
	char p[512];

	(void)state;
	unlink(kc_path(p, sizeof(p), "/usr/sbin/kdump-config"));
	fakeroot_put(root, "/proc/sys/kernel/panic_on_oops", "0\n");
	fakeroot_put(root, "/proc/sys/kernel/sysrq", "0\n");
	fakeroot_put(root, "/sys/module/kernel/parameters/crash_kexec_post_notifiers",
		     "Y\n");
	r = row("kdump service", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_int_equal(fails, 0);
	r = row("panic knobs", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_non_null(strstr(r.detail, "kernel.panic_on_oops 0->1"));
	assert_string_equal(r.fix, "kcrumbs policy apply kdump --persist");
	assert_int_equal(row("magic SysRq", &fails).status, KC_CHECK_WARN);
	assert_int_equal(row("crash_kexec_post_notifiers", &fails).status,
			 KC_CHECK_WARN);
}

/* The module: loaded, and set to load at boot, or the check fails. */
static void test_module_truths(void **state)
{
	struct kc_check_result r;
	unsigned int fails;
	char p[512];

	(void)state;
	r = row("kcrumbs module", &fails);
	assert_int_equal(r.status, KC_CHECK_OK);
	assert_non_null(strstr(r.detail, "at every boot"));
	assert_non_null(strstr(r.detail, "the capture kernel told where"));

	unlink(kc_path(p, sizeof(p), "/usr/lib/modules-load.d/kcrumbs.conf"));
	r = row("kcrumbs module", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_int_equal(fails, 1);
	assert_non_null(strstr(r.detail, "not set to load at boot"));
	assert_non_null(strstr(r.fix, "/etc/modules-load.d/kcrumbs.conf"));
	/* /etc/modules counts too; a line that merely starts so does not */
	fakeroot_put(root, "/etc/modules", "# modules\nkcrumbs_trigger\n");
	assert_int_equal(row("kcrumbs module", &fails).status, KC_CHECK_FAIL);
	fakeroot_put(root, "/etc/modules", "# modules\nkcrumbs\n");
	assert_int_equal(row("kcrumbs module", &fails).status, KC_CHECK_OK);

	unlink(kc_path(p, sizeof(p), "/sys/kernel/kcrumbs/mode"));
	r = row("kcrumbs module", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_non_null(strstr(r.detail, "not loaded"));
	assert_string_equal(r.fix, "modprobe kcrumbs");
	fakeroot_put(root, "/sys/kernel/kcrumbs/mode", "dynamic\n");

	/* reloaded since kdump-tools loaded the capture kernel */
	fakeroot_put(root, "/sys/kernel/kcrumbs/region", "135168@0x9cc0000\n");
	r = row("kcrumbs module", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_non_null(strstr(r.detail, "loaded with 1@0x1"));
	assert_string_equal(r.fix, "systemctl restart kdump-tools");
	assert_int_equal(fails, 0);
}

static void test_kdump_tools_enabled(void **state)
{
	struct kc_check_result r;
	unsigned int fails;
	char p[512];

	(void)state;
	r = row("kdump service", &fails);
	assert_int_equal(r.status, KC_CHECK_OK);
	assert_non_null(strstr(r.detail, "enabled at boot"));
	unlink(kc_path(p, sizeof(p), "/etc/systemd/system/basic.target.wants/kdump-tools.service"));
	r = row("kdump service", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_non_null(strstr(r.detail, "NOT enabled at boot"));
	assert_string_equal(r.fix, "systemctl enable --now kdump-tools");
}

/* kdump-config's eval and a '$' on the command line: fail, never "armed" */
static void test_memmap_eval_hazard(void **state)
{
	struct kc_check_result r;
	unsigned int fails;

	(void)state;
	r = row("capture command line", &fails);
	assert_int_equal(r.status, KC_CHECK_OK);
	fakeroot_put(root, "/proc/cmdline",
		     "root=/dev/sda1 memmap=1M$0x30000000 crashkernel=256M quiet\n");
	r = row("capture command line", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_int_equal(fails, 1);
	assert_non_null(strstr(r.detail, "holds 'memmap=1M$0x30000000'"));
	assert_non_null(strstr(r.fix, "kcrumbs kdump-args --install"));
	/* fixed in the configuration, but the loaded one still has it */
	fakeroot_put(root, "/etc/default/kdump-tools",
		     "USE_KDUMP=1\nKDUMP_CMDLINE=\"root=/dev/sda1 quiet\"\n");
	fakeroot_put(root, "/var/crash/kexec_cmd",
		     "/sbin/kexec -p --command-line=\"root=/dev/sda1 memmap=1M$0x30000000 quiet\"\n");
	r = row("capture command line", &fails);
	assert_int_equal(r.status, KC_CHECK_FAIL);
	assert_non_null(strstr(r.detail, "was loaded with 'memmap=1M$0x30000000'"));
	fakeroot_put(root, "/var/crash/kexec_cmd",
		     "/sbin/kexec -p --command-line=\"root=/dev/sda1 quiet\"\n");
	assert_int_equal(row("capture command line", &fails).status, KC_CHECK_OK);
}

/* nmi_watchdog=1 wanted on hardware with no PMU: not applicable, no warning */
static void test_nmi_watchdog_without_pmu(void **state)
{
	struct kc_check_result r;
	unsigned int fails;
	char p[512];

	(void)state;
	fakeroot_put(root, "/proc/sys/kernel/nmi_watchdog", "0\n");
	r = row("panic knobs", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_non_null(strstr(r.detail, "kernel.nmi_watchdog 0->1"));
	unlink(kc_path(p, sizeof(p), "/sys/bus/event_source/devices/cpu/type"));
	rmdir(kc_path(p, sizeof(p), "/sys/bus/event_source/devices/cpu"));
	r = row("panic knobs", &fails);
	assert_int_equal(r.status, KC_CHECK_OK);
	assert_non_null(strstr(r.detail, "kernel.nmi_watchdog not applicable (no hardware PMU"));
}

static void test_dynamic_region_not_passed_warns(void **state)
{
	unsigned int fails;
	struct kc_check_result r;

	(void)state;
	fakeroot_put(root, "/etc/default/kdump-tools", "USE_KDUMP=1\n");
	fakeroot_put(root, "/var/crash/kexec_cmd", "/sbin/kexec -p --command-line=\"quiet\"\n");
	r = row("kcrumbs module", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_non_null(strstr(r.fix, "kcrumbs kdump-args --install"));
}

/* A kprobe asked for and not firing is a warning, never "armed". */
static void test_probe_state(void **state)
{
	unsigned int fails;
	struct kc_check_result r;
	const char *armed = "ffffffff8113a0e0  k  __crash_kexec+0x0    [FTRACE]\n";

	(void)state;
	fakeroot_put(root, "/sys/kernel/debug/kprobes/enabled", "1\n");
	fakeroot_put(root, "/sys/kernel/debug/kprobes/list", armed);
	r = row("crash_kexec probe", &fails);
	assert_int_equal(r.status, KC_CHECK_OK);
	assert_string_equal(r.detail, "armed");

	fakeroot_put(root, "/sys/kernel/debug/kprobes/enabled", "0\n");
	r = row("crash_kexec probe", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_non_null(strstr(r.detail, "every kprobe is disarmed"));
	assert_string_equal(r.fix, "echo 1 > /sys/kernel/debug/kprobes/enabled");

	fakeroot_put(root, "/sys/kernel/debug/kprobes/enabled", "1\n");
	fakeroot_put(root, "/sys/kernel/debug/kprobes/list",
		     "ffffffff8113a0e0  k  __crash_kexec+0x0    [DISABLED][FTRACE]\n");
	r = row("crash_kexec probe", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_string_equal(r.detail, "registered but disabled");

	fakeroot_put(root, "/sys/kernel/debug/kprobes/list", "");
	r = row("crash_kexec probe", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_non_null(strstr(r.detail, "not registered"));

	/* 6.12 (IBT): the probe sits past the ENDBR64 */
	fakeroot_put(root, "/sys/kernel/debug/kprobes/list",
		     "ffffffffa5b2c574  k  __crash_kexec+0x4    [FTRACE]\n");
	r = row("crash_kexec probe", &fails);
	assert_int_equal(r.status, KC_CHECK_OK);

	fakeroot_put(root, "/sys/kernel/debug/kprobes/list", armed);
	fakeroot_put(root, "/sys/module/kcrumbs/parameters/hook_crash_kexec", "N\n");
	r = row("crash_kexec probe", &fails);
	assert_int_equal(r.status, KC_CHECK_WARN);
	assert_non_null(strstr(r.detail, "hook_crash_kexec=N"));
	assert_int_equal(fails, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iomem_crash_ranges),
		cmocka_unit_test(test_config_values),
		cmocka_unit_test_setup_teardown(test_armed_machine_passes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_loaded_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_crashkernel_fails_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_crashkernel_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_missing_option_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warnings_do_not_fail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dynamic_region_not_passed_warns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_module_truths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kdump_tools_enabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memmap_eval_hazard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nmi_watchdog_without_pmu, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_state, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
