// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the knob table, plans from profiles and from KEY=VALUE,
 * applying all or nothing with rollback, and the persisted drop-in; on a
 * fake /proc/sys tree.
 */
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
#include <errno.h>

#include "fakeroot.h"
#include "policy.h"
#include "sysfs.h"

static char root[64];

/* A tree with every knob at the kernel's default. */
static int setup(void **state)
{
	char text[32];
	unsigned int i;

	(void)state;
	fakeroot_new(root);
	kc_set_root(root);
	for (i = 0; i < kc_n_knobs; i++) {
		kc_knob_format(&kc_knobs_table[i], kc_knobs_table[i].def, text,
			       sizeof(text));
		strcat(text, "\n");
		fakeroot_put(root, kc_knobs_table[i].path, text);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	kc_set_root(NULL);
	return fakeroot_remove(root);
}

static long file_value(const char *path)
{
	long v = -12345;

	assert_int_equal(kc_read_long(path, &v), 0);
	return v;
}

static void file_text(const char *path, char *buf, size_t len)
{
	char p[512];
	FILE *f = fopen(kc_path(p, sizeof(p), path), "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void test_knob_table_is_sane(void **state)
{
	unsigned int i;

	(void)state;
	assert_true(kc_n_knobs >= 16);
	for (i = 0; i < kc_n_knobs; i++) {
		const struct kc_knob *k = &kc_knobs_table[i];

		assert_true(k->min <= k->def && k->def <= k->max);
		assert_ptr_equal(kc_knob_find(k->key), k);
		assert_true(strlen(k->meaning) > 10);
	}
	assert_ptr_equal(kc_knob_find("kernel/panic_on_oops"),
			 kc_knob_find("kernel.panic_on_oops"));
	assert_null(kc_knob_find("kernel.no_such_knob"));
	assert_non_null(kc_knob_find("crash_kexec_post_notifiers"));
}

static void test_knob_values_validated(void **state)
{
	const struct kc_knob *oops = kc_knob_find("kernel.panic_on_oops");
	const struct kc_knob *sysrq = kc_knob_find("kernel.sysrq");
	const struct kc_knob *post = kc_knob_find("crash_kexec_post_notifiers");
	const struct kc_knob *panic = kc_knob_find("kernel.panic");
	char why[128], buf[8];
	long v;

	(void)state;
	assert_int_equal(kc_knob_parse(oops, "1", &v, why, sizeof(why)), 0);
	assert_int_equal(v, 1);
	assert_int_equal(kc_knob_parse(oops, "2", &v, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "2 is out of range 0..1");
	assert_int_equal(kc_knob_parse(oops, "yes", &v, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "'yes' is not a number");
	assert_int_equal(kc_knob_parse(oops, "1x", &v, why, sizeof(why)), -EINVAL);
	assert_int_equal(kc_knob_parse(oops, "", &v, why, sizeof(why)), -EINVAL);
	assert_int_equal(kc_knob_parse(oops, "Y", &v, why, sizeof(why)), -EINVAL);
	/* the kernel reads 0x and 0 prefixes: so do we */
	assert_int_equal(kc_knob_parse(sysrq, "0x1b6", &v, why, sizeof(why)), 0);
	assert_int_equal(v, 438);
	assert_int_equal(kc_knob_parse(sysrq, "512", &v, why, sizeof(why)), -EINVAL);
	assert_int_equal(kc_knob_parse(panic, "-1", &v, why, sizeof(why)), 0);
	assert_int_equal(v, -1);
	assert_int_equal(kc_knob_parse(panic, "99999999999999999999", &v, why,
				       sizeof(why)), -EINVAL);
	assert_int_equal(kc_knob_parse(post, "Y", &v, why, sizeof(why)), 0);
	assert_int_equal(v, 1);
	assert_int_equal(kc_knob_parse(post, "n", &v, why, sizeof(why)), 0);
	assert_int_equal(v, 0);
	kc_knob_format(post, 1, buf, sizeof(buf));
	assert_string_equal(buf, "Y");
}

static void test_read_present_absent_and_bool(void **state)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	const struct kc_knob *post = kc_knob_find("crash_kexec_post_notifiers");
	char p[512];

	(void)state;
	unlink(kc_path(p, sizeof(p), "/proc/sys/kernel/hardlockup_panic"));
	fakeroot_put(root, post->path, "Y\n");
	kc_policy_read(st);
	assert_false(st[kc_knob_find("kernel.hardlockup_panic") - kc_knobs_table].present);
	assert_true(st[post - kc_knobs_table].present);
	assert_int_equal(st[post - kc_knobs_table].value, 1);
	assert_int_equal(st[kc_knob_find("kernel.sysrq") - kc_knobs_table].value, 438);
}

static int plan_text(const char *text, struct kc_plan *plan, char *err)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	struct kc_sysctl_file f;
	char why[128];

	assert_int_equal(kc_sysctl_parse(text, &f, why, sizeof(why)), 0);
	kc_policy_read(st);
	err[0] = '\0';
	return kc_plan_profile(&f, st, plan, err, 512);
}

static void test_profile_plan_and_apply(void **state)
{
	struct kc_plan plan;
	char err[512];

	(void)state;
	assert_int_equal(plan_text("kernel.panic_on_oops = 1\n"
				   "kernel.*_panic = 1\n"
				   "-kernel.hardlockup_panic\n"
				   "kernel.sysrq = 0x1be\n", &plan, err), 0);
	/* table order: panic_on_oops, hung_task, softlockup, unknown_nmi, sysrq */
	assert_int_equal(plan.n, 5);
	assert_string_equal(plan.ch[0].k->key, "kernel.panic_on_oops");
	assert_int_equal(plan.ch[0].from, 0);
	assert_int_equal(plan.ch[0].to, 1);
	assert_int_equal(kc_plan_apply(&plan, err, sizeof(err)), 0);
	assert_int_equal(file_value("/proc/sys/kernel/panic_on_oops"), 1);
	assert_int_equal(file_value("/proc/sys/kernel/hung_task_panic"), 1);
	assert_int_equal(file_value("/proc/sys/kernel/softlockup_panic"), 1);
	assert_int_equal(file_value("/proc/sys/kernel/hardlockup_panic"), 0);
	assert_int_equal(file_value("/proc/sys/kernel/unknown_nmi_panic"), 1);
	assert_int_equal(file_value("/proc/sys/kernel/panic_on_warn"), 0);
	assert_int_equal(file_value("/proc/sys/kernel/sysrq"), 446);
}

static void test_profile_errors_name_line_and_knob(void **state)
{
	struct kc_plan plan;
	char err[512];

	(void)state;
	assert_int_equal(plan_text("kernel.panic = 1\nkernel.panic_on_oops = 3\n",
				   &plan, err), -EINVAL);
	assert_string_equal(err, "line 2: kernel.panic_on_oops: 3 is out of range 0..1");
	assert_int_equal(plan_text("net.ipv4.ip_forward = 1\n", &plan, err), -EINVAL);
	assert_non_null(strstr(err, "line 1: net.ipv4.ip_forward is not a panic knob"));
	assert_int_equal(plan_text("crash_kexec_post_notifiers = 1\n", &plan, err),
			 -EINVAL);
	assert_non_null(strstr(err, "boot parameter"));
	/* '-' before an unknown key: a note, not an error */
	assert_int_equal(plan_text("-net.ipv4.ip_forward = 1\n", &plan, err), 0);
	assert_non_null(strstr(plan.notes, "net.ipv4.ip_forward is not a panic knob: ignored"));
}

static void test_absent_knob_refused_unless_dashed(void **state)
{
	struct kc_plan plan;
	char err[512], p[512];

	(void)state;
	unlink(kc_path(p, sizeof(p), "/proc/sys/kernel/hardlockup_panic"));
	assert_int_equal(plan_text("kernel.panic_on_oops = 1\n"
				   "kernel.hardlockup_panic = 1\n", &plan, err), 0);
	assert_int_equal(kc_plan_apply(&plan, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "kernel.hardlockup_panic: this kernel has no such knob"));
	/* nothing was written, not even the knob before it */
	assert_int_equal(file_value("/proc/sys/kernel/panic_on_oops"), 0);
	assert_int_equal(plan_text("kernel.panic_on_oops = 1\n"
				   "-kernel.hardlockup_panic = 1\n", &plan, err), 0);
	assert_non_null(strstr(plan.notes, "kernel.hardlockup_panic: absent"));
	assert_int_equal(kc_plan_apply(&plan, err, sizeof(err)), 0);
	assert_int_equal(file_value("/proc/sys/kernel/panic_on_oops"), 1);
}

/* A knob that cannot be written: its file replaced by a directory. */
static void make_unwritable(const char *path)
{
	char p[512];

	kc_path(p, sizeof(p), path);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkdir(p, 0755), 0);
}

static void test_failed_write_rolls_back(void **state)
{
	struct kc_plan plan;
	char err[512];

	(void)state;
	/* written in table order: panic, panic_on_oops, then panic_on_warn fails */
	make_unwritable("/proc/sys/kernel/panic_on_warn");
	fakeroot_put(root, "/proc/sys/kernel/panic_on_warn/x", "");
	assert_int_equal(plan_text("kernel.panic = 10\nkernel.panic_on_oops = 1\n"
				   "kernel.panic_on_warn = 1\n"
				   "kernel.sysrq = 1\n", &plan, err), 0);
	/* the directory reads as absent; make the plan try to write it */
	plan.ch[2].present = true;
	plan.ch[2].from = 0;
	assert_int_not_equal(kc_plan_apply(&plan, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "kernel.panic_on_warn: cannot write 1"));
	assert_non_null(strstr(err, "nothing changed"));
	assert_int_equal(file_value("/proc/sys/kernel/panic"), 0);
	assert_int_equal(file_value("/proc/sys/kernel/panic_on_oops"), 0);
	assert_int_equal(file_value("/proc/sys/kernel/sysrq"), 438);
	assert_false(plan.ch[0].written);
}

static void test_dashed_write_failure_is_skipped(void **state)
{
	struct kc_plan plan;
	char err[512];

	(void)state;
	make_unwritable("/proc/sys/kernel/nmi_watchdog");
	assert_int_equal(plan_text("-kernel.nmi_watchdog = 0\n"
				   "kernel.panic_on_oops = 1\n", &plan, err), 0);
	plan.ch[1].present = true;	/* nmi_watchdog: a write that fails */
	plan.ch[1].from = 1;
	assert_int_equal(kc_plan_apply(&plan, err, sizeof(err)), 0);
	assert_non_null(strstr(plan.notes, "kernel.nmi_watchdog: cannot write 0"));
	assert_true(plan.ch[1].failed);
	assert_false(plan.ch[1].written);
	assert_true(plan.ch[0].written);	/* panic_on_oops */
	assert_int_equal(file_value("/proc/sys/kernel/panic_on_oops"), 1);
}

static void test_set_args(void **state)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	struct kc_plan plan;
	char err[256], p[512];
	const char *ok[] = { "kernel.panic=5", "vm.panic_on_oom=2",
			     "kernel/panic=-1", "crash_kexec_post_notifiers=Y" };
	const char *bad[] = { "kernel.panic" };
	const char *range[] = { "kernel.panic=1", "kernel.panic_on_warn=2" };
	const char *unknown[] = { "kernel.pnic=1" };
	const char *absent[] = { "kernel.hardlockup_panic=1" };

	(void)state;
	kc_policy_read(st);
	assert_int_equal(kc_plan_args(4, ok, st, &plan, err, sizeof(err)), 0);
	assert_int_equal(plan.n, 3);		/* kernel.panic twice: last wins */
	assert_int_equal(plan.ch[0].to, -1);
	assert_int_equal(kc_plan_apply(&plan, err, sizeof(err)), 0);
	assert_int_equal(file_value("/proc/sys/kernel/panic"), -1);
	assert_int_equal(file_value("/proc/sys/vm/panic_on_oom"), 2);
	file_text("/sys/module/kernel/parameters/crash_kexec_post_notifiers", err,
		  sizeof(err));
	assert_string_equal(err, "Y");
	assert_int_equal(kc_plan_args(1, bad, st, &plan, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "'kernel.panic': expected KEY=VALUE");
	assert_int_equal(kc_plan_args(2, range, st, &plan, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "kernel.panic_on_warn: 2 is out of range 0..1");
	assert_int_equal(kc_plan_args(1, unknown, st, &plan, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "'kernel.pnic': not a panic knob"));
	unlink(kc_path(p, sizeof(p), "/proc/sys/kernel/hardlockup_panic"));
	kc_policy_read(st);
	assert_int_equal(kc_plan_args(1, absent, st, &plan, err, sizeof(err)), -ENOENT);
}

static void test_dropin_written_once(void **state)
{
	struct kc_plan plan;
	char err[512], text[4096], again[4096], name[32];
	bool changed;

	(void)state;
	assert_int_equal(plan_text("kernel.panic_on_oops = 1\n"
				   "-kernel.hardlockup_panic = 1\n", &plan, err), 0);
	assert_int_equal(kc_dropin_text(&plan, "kcrumbs policy apply t --persist",
					 "kdump", "2026-01-01 00:00:00 UTC", text,
					 sizeof(text)), 0);
	assert_non_null(strstr(text, "# Written by kcrumbs "));
	assert_non_null(strstr(text, "('kcrumbs policy apply t --persist') on 2026-01-01"));
	assert_non_null(strstr(text, "\nkernel.panic_on_oops = 1\n"));
	assert_non_null(strstr(text, "\n-kernel.hardlockup_panic = 1\n"));
	kc_dropin_profile(name, sizeof(name));
	assert_string_equal(name, "");
	/* /etc/sysctl.d does not exist yet: it is made */
	assert_int_equal(kc_dropin_write(text, &changed, err, sizeof(err)), 0);
	assert_true(changed);
	file_text(KC_DROPIN, again, sizeof(again));
	assert_string_equal(again, text);
	kc_dropin_profile(name, sizeof(name));
	assert_string_equal(name, "kdump");
	/* the same policy later: the file is left alone */
	kc_dropin_text(&plan, "kcrumbs policy apply t --persist", "kdump",
		       "2027-02-02 00:00:00 UTC", again, sizeof(again));
	assert_int_equal(kc_dropin_write(again, &changed, err, sizeof(err)), 0);
	assert_false(changed);
	file_text(KC_DROPIN, again, sizeof(again));
	assert_string_equal(again, text);
	/* and what it holds parses back to the same plan */
	{
		struct kc_sysctl_file f;

		assert_int_equal(kc_dropin_load(&f), 0);
		assert_int_equal(f.n, 2);
		assert_true(f.entries[1].ignore_failure);
	}
}

static void test_shipped_profiles_are_valid(void **state)
{
	const char *names[] = { "kdump", "production", "qa", "default" };
	struct kc_knob_state st[KC_MAX_KNOBS];
	char dir[512], path[512], err[512], list[256];
	const char *bin = getenv("KCRUMBS_BIN");
	struct kc_sysctl_file f;
	struct kc_plan plan;
	unsigned int i, j;

	(void)state;
	assert_non_null(bin);
	snprintf(dir, sizeof(dir), "%s", bin);
	assert_non_null(strrchr(dir, '/'));
	strcpy(strrchr(dir, '/'), "/../sysctl.d");
	setenv("KCRUMBS_PROFILES", dir, 1);
	kc_policy_read(st);
	for (i = 0; i < 4; i++) {
		assert_int_equal(kc_profile_load(names[i], &f, path, sizeof(path), err), 0);
		assert_int_equal(kc_plan_profile(&f, st, &plan, err, sizeof(err)), 0);
		/* each sets every sysctl knob of the table */
		assert_int_equal(plan.n, kc_n_knobs - 1);
	}
	/* default.conf holds the table's defaults, and nothing changes */
	kc_profile_load("default", &f, path, sizeof(path), err);
	kc_plan_profile(&f, st, &plan, err, sizeof(err));
	for (j = 0; j < plan.n; j++)
		assert_int_equal(plan.ch[j].to, plan.ch[j].k->def);
	assert_int_equal(kc_profile_load("nosuch", &f, path, sizeof(path), err), -ENOENT);
	assert_non_null(strstr(err, "no profile 'nosuch' (profiles: default kdump production qa)"));
	kc_profile_list(list, sizeof(list));
	assert_string_equal(list, "default kdump production qa");
	unsetenv("KCRUMBS_PROFILES");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_knob_table_is_sane),
		cmocka_unit_test(test_knob_values_validated),
		cmocka_unit_test_setup_teardown(test_read_present_absent_and_bool, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_plan_and_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_errors_name_line_and_knob, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent_knob_refused_unless_dashed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashed_write_failure_is_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_args, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dropin_written_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shipped_profiles_are_valid, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
