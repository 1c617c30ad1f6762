// SPDX-License-Identifier: GPL-2.0
/* Unit tests: what a crash type does under a given panic policy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakeroot.h"
#include "outcome.h"
#include "sysfs.h"

/* Debian 12 defaults, kdump armed, detectors working. */
static struct kc_knobs defaults(void)
{
	struct kc_knobs k = {
		.panic = 0, .panic_on_oops = 0, .panic_on_warn = 0,
		.softlockup_panic = 0, .soft_watchdog = 1,
		.hardlockup_panic = 0, .nmi_watchdog = 1, .watchdog_thresh = 10,
		.hung_task_panic = 0, .hung_task_timeout_secs = 120,
		.panic_on_oom = 0, .crash_loaded = 1, .cpu_pmu = 1,
	};
	return k;
}

static struct kc_outcome run(enum kcrumbs_effect e, const struct kc_knobs *k)
{
	struct kc_outcome o;

	kc_outcome(e, k, &o);
	return o;
}

static void test_panic_always_captured_with_kdump(void **state)
{
	struct kc_knobs k = defaults();
	struct kc_outcome o = run(KCRUMBS_EFFECT_PANIC, &k);

	(void)state;
	assert_int_equal(o.kind, KC_OUTCOME_CAPTURE);
	assert_string_equal(o.decided_by, "always");
	assert_non_null(strstr(o.text, "kdump"));
}

static void test_panic_without_crash_kernel(void **state)
{
	struct kc_knobs k = defaults();
	struct kc_outcome o;

	(void)state;
	k.crash_loaded = 0;
	o = run(KCRUMBS_EFFECT_PANIC, &k);
	assert_int_equal(o.kind, KC_OUTCOME_PANIC);
	assert_non_null(strstr(o.text, "halts until reset"));

	k.panic = 10;
	o = run(KCRUMBS_EFFECT_PANIC, &k);
	assert_non_null(strstr(o.text, "reboot after 10 s"));

	k.panic = -1;		/* a real value: reboot at once */
	o = run(KCRUMBS_EFFECT_PANIC, &k);
	assert_non_null(strstr(o.text, "immediate reboot"));

	k.panic = KC_KNOB_ABSENT;
	o = run(KCRUMBS_EFFECT_PANIC, &k);
	assert_non_null(strstr(o.text, "halts until reset"));

	k.crash_loaded = KC_KNOB_ABSENT;	/* kernel without kexec */
	o = run(KCRUMBS_EFFECT_PANIC, &k);
	assert_int_equal(o.kind, KC_OUTCOME_PANIC);
}

/* Each policy knob flips its effect from "does not panic" to captured. */
static void test_each_knob_decides(void **state)
{
	static const struct {
		enum kcrumbs_effect e;
		size_t off;
		const char *knob;
		enum kc_outcome_kind otherwise;
	} cases[] = {
		{ KCRUMBS_EFFECT_OOPS, offsetof(struct kc_knobs, panic_on_oops),
		  "kernel.panic_on_oops", KC_OUTCOME_CARRY_ON },
		{ KCRUMBS_EFFECT_WARN, offsetof(struct kc_knobs, panic_on_warn),
		  "kernel.panic_on_warn", KC_OUTCOME_CARRY_ON },
		{ KCRUMBS_EFFECT_SOFTLOCKUP, offsetof(struct kc_knobs, softlockup_panic),
		  "kernel.softlockup_panic", KC_OUTCOME_HANG },
		{ KCRUMBS_EFFECT_HARDLOCKUP, offsetof(struct kc_knobs, hardlockup_panic),
		  "kernel.hardlockup_panic", KC_OUTCOME_HANG },
		{ KCRUMBS_EFFECT_HUNG_TASK, offsetof(struct kc_knobs, hung_task_panic),
		  "kernel.hung_task_panic", KC_OUTCOME_HANG },
		{ KCRUMBS_EFFECT_OOM, offsetof(struct kc_knobs, panic_on_oom),
		  "vm.panic_on_oom", KC_OUTCOME_CARRY_ON },
	};
	struct kc_outcome o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kc_knobs k = defaults();

		o = run(cases[i].e, &k);
		assert_int_equal(o.kind, cases[i].otherwise);
		assert_string_equal(o.decided_by, cases[i].knob);

		*(long *)((char *)&k + cases[i].off) = 1;
		o = run(cases[i].e, &k);
		assert_int_equal(o.kind, KC_OUTCOME_CAPTURE);
		assert_string_equal(o.decided_by, cases[i].knob);

		*(long *)((char *)&k + cases[i].off) = KC_KNOB_ABSENT;
		o = run(cases[i].e, &k);
		assert_int_equal(o.kind, cases[i].otherwise);
	}
}

/* A panic knob is moot when the detector that must fire first is off. */
static void test_detector_off_means_hang(void **state)
{
	struct kc_knobs k = defaults();
	struct kc_outcome o;

	(void)state;
	k.softlockup_panic = k.hardlockup_panic = k.hung_task_panic = 1;

	k.soft_watchdog = 0;
	o = run(KCRUMBS_EFFECT_SOFTLOCKUP, &k);
	assert_int_equal(o.kind, KC_OUTCOME_HANG);
	assert_non_null(strstr(o.text, "nothing reports it"));

	k.cpu_pmu = 0;		/* a VM without a PMU: no perf NMI watchdog */
	o = run(KCRUMBS_EFFECT_HARDLOCKUP, &k);
	assert_int_equal(o.kind, KC_OUTCOME_HANG);
	assert_non_null(strstr(o.text, "cannot see it"));
	k.cpu_pmu = 1;
	k.nmi_watchdog = 0;
	o = run(KCRUMBS_EFFECT_HARDLOCKUP, &k);
	assert_int_equal(o.kind, KC_OUTCOME_HANG);

	k.hung_task_timeout_secs = 0;
	o = run(KCRUMBS_EFFECT_HUNG_TASK, &k);
	assert_int_equal(o.kind, KC_OUTCOME_HANG);
	assert_non_null(strstr(o.text, "hung_task_timeout_secs is 0"));
}

static void test_unknown_effect(void **state)
{
	struct kc_knobs k = defaults();
	struct kc_outcome o = run((enum kcrumbs_effect)99, &k);

	(void)state;
	assert_int_equal(o.kind, KC_OUTCOME_HANG);
	assert_non_null(strstr(o.text, "older than the module"));
	assert_string_equal(kc_effect_name(99), "unknown");
	assert_string_equal(kc_effect_name(KCRUMBS_EFFECT_OOPS), "oops");
}

/* A crash type that needs 2 online CPUs cannot run on one, and says why. */
static void test_needs_two_cpus(void **state)
{
	struct kc_knobs k = defaults();
	struct kc_outcome o;

	(void)state;
	k.online_cpus = 1;
	kc_outcome_needs(KCRUMBS_EFFECT_PANIC, 2, &k, &o);
	assert_int_equal(o.kind, KC_OUTCOME_UNAVAILABLE);
	assert_string_equal(kc_outcome_kind_name(o.kind), "unavailable");
	assert_string_equal(o.decided_by, "online CPUs");
	assert_string_equal(o.text,
			    "cannot run here: it needs 2 online CPUs and 1 is online (the module refuses it)");

	k.online_cpus = 3;
	kc_outcome_needs(KCRUMBS_EFFECT_PANIC, 4, &k, &o);
	assert_non_null(strstr(o.text, "needs 4 online CPUs and 3 are online"));

	/* enough CPUs: the effect and the knobs decide, as for any type */
	k.online_cpus = 2;
	kc_outcome_needs(KCRUMBS_EFFECT_PANIC, 2, &k, &o);
	assert_int_equal(o.kind, KC_OUTCOME_CAPTURE);
	assert_string_equal(o.decided_by, "always");
	k.online_cpus = 1;
	kc_outcome_needs(KCRUMBS_EFFECT_OOPS, 1, &k, &o);
	assert_int_equal(o.kind, KC_OUTCOME_CARRY_ON);
	kc_outcome_needs(KCRUMBS_EFFECT_OOPS, 0, &k, &o);	/* an older module */
	assert_int_equal(o.kind, KC_OUTCOME_CARRY_ON);

	/* not known: assumed enough, the module still refuses if not */
	k.online_cpus = KC_KNOB_ABSENT;
	kc_outcome_needs(KCRUMBS_EFFECT_PANIC, 2, &k, &o);
	assert_int_equal(o.kind, KC_OUTCOME_CAPTURE);
	k.online_cpus = 0;
	kc_outcome_needs(KCRUMBS_EFFECT_PANIC, 2, &k, &o);
	assert_int_equal(o.kind, KC_OUTCOME_CAPTURE);
}

static void test_cpulist_count(void **state)
{
	static const struct {
		const char *s;
		long n;
	} cases[] = {
		{ "0", 1 }, { "0\n", 1 }, { "0-1\n", 2 }, { "0-3", 4 },
		{ "0,2-5,7\n", 6 }, { "1,3", 2 }, { "0-0", 1 },
		{ "", -1 }, { "\n", -1 }, { "a", -1 }, { "3-1", -1 },
		{ "0-", -1 }, { "-1", -1 }, { "0,", -1 }, { "0-3x", -1 },
		{ "0 1", -1 }, { "0\n\n", -1 }, { "0-99999999", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (kc_cpulist_count(cases[i].s) != cases[i].n)
			fail_msg("'%s': %ld, expected %ld", cases[i].s,
				 kc_cpulist_count(cases[i].s), cases[i].n);
	}
}

static void test_knobs_read_from_root(void **state)
{
	struct kc_knobs k;
	char dir[64];

	(void)state;
	fakeroot_new(dir);
	fakeroot_put(dir, "/proc/sys/kernel/panic", "-1\n");
	fakeroot_put(dir, "/proc/sys/kernel/panic_on_oops", "1\n");
	fakeroot_put(dir, "/proc/sys/vm/panic_on_oom", "2\n");
	fakeroot_put(dir, "/proc/sys/kernel/watchdog_thresh", "garbage\n");
	fakeroot_put(dir, "/sys/kernel/kexec_crash_loaded", "1\n");
	fakeroot_put(dir, "/sys/devices/system/cpu/online", "0-1\n");
	kc_set_root(dir);
	kc_knobs_read(&k);
	kc_set_root(NULL);
	assert_int_equal(k.online_cpus, 2);
	assert_int_equal(k.panic, -1);
	assert_int_equal(k.panic_on_oops, 1);
	assert_int_equal(k.panic_on_oom, 2);
	assert_int_equal(k.crash_loaded, 1);
	assert_int_equal(k.watchdog_thresh, KC_KNOB_ABSENT);	/* not a number */
	assert_int_equal(k.hung_task_panic, KC_KNOB_ABSENT);	/* no file */
	assert_int_equal(k.cpu_pmu, 0);
	assert_int_equal(fakeroot_remove(dir), 0);
}

static void test_knobs_read_no_online_file(void **state)
{
	struct kc_knobs k;
	char dir[64];

	(void)state;
	fakeroot_new(dir);
	fakeroot_put(dir, "/proc/sys/kernel/panic", "0\n");
	kc_set_root(dir);
	kc_knobs_read(&k);
	assert_int_equal(k.online_cpus, KC_KNOB_ABSENT);
	fakeroot_put(dir, "/sys/devices/system/cpu/online", "garbage\n");
	kc_knobs_read(&k);
	kc_set_root(NULL);
	assert_int_equal(k.online_cpus, KC_KNOB_ABSENT);
	assert_int_equal(fakeroot_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_panic_always_captured_with_kdump),
		cmocka_unit_test(test_panic_without_crash_kernel),
		cmocka_unit_test(test_each_knob_decides),
		cmocka_unit_test(test_detector_off_means_hang),
		cmocka_unit_test(test_unknown_effect),
		cmocka_unit_test(test_needs_two_cpus),
		cmocka_unit_test(test_cpulist_count),
		cmocka_unit_test(test_knobs_read_from_root),
		cmocka_unit_test(test_knobs_read_no_online_file),
	};

	return cmocka_run_group_tests_name("outcome", tests, NULL, NULL);
}
