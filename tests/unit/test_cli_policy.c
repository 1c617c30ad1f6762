// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: `kcrumbs policy` and `kcrumbs check` as a user runs them,
 * on a fake tree given with --root; the profiles from the source tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakeroot.h"
#include "knobs.h"
#include "nlerr.h"
#include "runcli.h"

static char fake[64];

/* Run `kcrumbs --root FAKE ARGS`. */
static void run_root(struct run *r, const char *args)
{
	char line[512];

	snprintf(line, sizeof(line), "--root %s %.400s", fake, args);
	run(r, line);
}

static char *fake_get(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", fake, path);
	return slurp(full);
}

static long knob(const char *path)
{
	char *t = fake_get(path);
	long v = strtol(t, NULL, 10);

	free(t);
	return v;
}

static int setup(void **state)
{
	char dir[512];
	unsigned int i;

	(void)state;
	snprintf(dir, sizeof(dir), "%s", getenv("KCRUMBS_BIN"));
	strcpy(strrchr(dir, '/'), "/../sysctl.d");
	setenv("KCRUMBS_PROFILES", dir, 1);
	fakeroot_new(fake);
	for (i = 0; i < kc_n_knobs; i++)
		fakeroot_put(fake, kc_knobs_table[i].path,
			     kc_knobs_table[i].boolean_param ? "N\n" : "0\n");
	fakeroot_put(fake, "/proc/cmdline", "root=/dev/vda crashkernel=256M\n");
	fakeroot_put(fake, "/sys/kernel/kexec_crash_size", "268435456\n");
	fakeroot_put(fake, "/sys/kernel/kexec_crash_loaded", "0\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unsetenv("KCRUMBS_PROFILES");
	return fakeroot_remove(fake);
}

static void test_show_text_and_json(void **state)
{
	struct run r;

	(void)state;
	run_root(&r, "policy show");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "KNOB "));
	assert_non_null(strstr(r.out, "\nkernel.panic_on_oops              0       1 "));
	assert_non_null(strstr(r.out, "\ncrash_kexec_post_notifiers        N       - "));
	done(&r);
	run_root(&r, "--json policy show --profile qa");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "{\"schema\":2,\"profile\":\"qa\",\"knobs\":["));
	assert_non_null(strstr(r.out, "{\"key\":\"kernel.panic_on_warn\",\"path\":"
			       "\"/proc/sys/kernel/panic_on_warn\",\"present\":true,"
			       "\"value\":\"0\",\"profile_value\":\"1\",\"differs\":true,"));
	done(&r);
	/* a knob the kernel lacks is absent, not an error */
	unlink(strcat(strcpy((char [600]){ 0 }, fake), "/proc/sys/kernel/hardlockup_panic"));
	run_root(&r, "policy show");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "\nkernel.hardlockup_panic           absent "));
	done(&r);
}

static void test_set_is_all_or_nothing(void **state)
{
	struct run r;

	(void)state;
	run_root(&r, "policy set kernel.panic=10 kernel.panic_on_oops=2");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "kernel.panic_on_oops: 2 is out of range 0..1"));
	assert_int_equal(knob("/proc/sys/kernel/panic"), 0);
	done(&r);
	run_root(&r, "policy set kernel.panic=10 kernel.panic_on_oops=1");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "kernel.panic_on_oops              0 -> 1"));
	assert_int_equal(knob("/proc/sys/kernel/panic"), 10);
	assert_int_equal(knob("/proc/sys/kernel/panic_on_oops"), 1);
	done(&r);
	run_root(&r, "policy set");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);
	run_root(&r, "policy set crash_kexec_post_notifiers=Y --persist");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "boot parameter"));
	done(&r);
}

static void test_diff_and_dry_run(void **state)
{
	struct run r;

	(void)state;
	run_root(&r, "policy diff kdump");
	assert_int_equal(r.rc, 1);
	assert_non_null(strstr(r.out, "differ from profile kdump (now -> profile):"));
	done(&r);
	run_root(&r, "policy apply kdump --dry-run --persist");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "dry run, nothing written"));
	assert_int_equal(knob("/proc/sys/kernel/panic_on_oops"), 0);
	assert_int_equal(access(strcat(strcpy((char [600]){ 0 }, fake),
				       "/etc/sysctl.d/90-kcrumbs.conf"), F_OK), -1);
	done(&r);
	run_root(&r, "policy apply kdump --persist");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "Wrote /etc/sysctl.d/90-kcrumbs.conf."));
	assert_int_equal(knob("/proc/sys/kernel/panic_on_oops"), 1);
	done(&r);
	run_root(&r, "policy apply kdump --persist");
	assert_non_null(strstr(r.out, "Changed 0 knobs"));
	assert_non_null(strstr(r.out, "Unchanged: /etc/sysctl.d/90-kcrumbs.conf."));
	done(&r);
	run_root(&r, "policy diff kdump");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "match profile kdump"));
	done(&r);
	run_root(&r, "--json policy diff qa");
	assert_int_equal(r.rc, 1);
	assert_non_null(strstr(r.out, "{\"schema\":2,\"profile\":\"qa\",\"differences\":"));
	done(&r);
}

static void test_set_persist_merges_into_dropin(void **state)
{
	struct run r;
	char *d;

	(void)state;
	run_root(&r, "policy apply production --persist");
	assert_int_equal(r.rc, KC_EXIT_OK);
	done(&r);
	run_root(&r, "policy set kernel.panic=60 --persist");
	assert_int_equal(r.rc, KC_EXIT_OK);
	done(&r);
	d = fake_get("/etc/sysctl.d/90-kcrumbs.conf");
	assert_non_null(strstr(d, "\nkernel.panic = 60\n"));
	assert_non_null(strstr(d, "\nkernel.panic_on_oops = 1\n"));
	assert_non_null(strstr(d, "# kcrumbs-profile: custom\n"));
	free(d);
}

static void test_usage_errors(void **state)
{
	struct run r;

	(void)state;
	run_root(&r, "policy frobnicate");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown subcommand 'frobnicate'"));
	done(&r);
	run_root(&r, "policy show --persist");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);
	run_root(&r, "policy apply nosuch");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "no profile 'nosuch' (profiles: default kdump production qa)"));
	done(&r);
	run_root(&r, "policy --help");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "--persist"));
	assert_non_null(strstr(r.out, "apply PROFILE"));
	done(&r);
}

/* A profile that is no file of settings is refused, never "0 knobs". */
static void test_profiles_that_are_not_files(void **state)
{
	char path[512], line[600];
	struct run r;
	FILE *f;
	int i;

	(void)state;
	snprintf(line, sizeof(line), "policy apply %s", fake);	/* a directory */
	run_root(&r, line);
	assert_int_not_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.err, "Is a directory"));
	assert_null(strstr(r.out, "Changed 0"));
	done(&r);
	run_root(&r, "policy apply /dev/zero");
	assert_int_not_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.err, "not a regular file"));
	done(&r);
	snprintf(path, sizeof(path), "%s/empty.conf", fake);
	f = fopen(path, "w");
	fputs("# nothing\n", f);
	fclose(f);
	snprintf(line, sizeof(line), "policy apply %s", path);
	run_root(&r, line);
	assert_int_not_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.err, "no setting in it"));
	done(&r);
	/* over 64 KiB: refused whole, not cut mid-line */
	snprintf(path, sizeof(path), "%s/big.conf", fake);
	f = fopen(path, "w");
	for (i = 0; i < 3000; i++)
		fputs("kernel.panic_on_oops = 1 # a comment to make it long\n", f);
	fclose(f);
	snprintf(line, sizeof(line), "policy apply %s", path);
	run_root(&r, line);
	assert_int_not_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.err, "larger than 64 KiB"));
	assert_int_equal(knob("/proc/sys/kernel/panic_on_oops"), 0);
	done(&r);
}

static void test_check_exit_codes(void **state)
{
	struct run r;

	(void)state;
	run_root(&r, "check");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.out, "fail  capture kernel loaded: no"));
	assert_non_null(strstr(r.out, "kdump is NOT armed"));
	done(&r);
	run_root(&r, "--json check");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.out, "{\"schema\":1,\"ready\":false,"));
	done(&r);
	fakeroot_put(fake, "/sys/kernel/kexec_crash_loaded", "1\n");
	fakeroot_put(fake, "/proc/sys/kernel/osrelease", "6.1.0-56-amd64\n");
	fakeroot_put(fake, "/boot/config-6.1.0-56-amd64",
		     "CONFIG_KEXEC=y\nCONFIG_CRASH_DUMP=y\nCONFIG_PROC_VMCORE=y\n");
	/* a crash now would be captured, but without breadcrumbs */
	run_root(&r, "check");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.out, "fail  kcrumbs module: not loaded"));
	done(&r);
	fakeroot_put(fake, "/sys/kernel/kcrumbs/mode", "dynamic\n");
	fakeroot_put(fake, "/sys/kernel/kcrumbs/region", "4096@0x1000\n");
	fakeroot_put(fake, "/etc/modules-load.d/kcrumbs.conf", "kcrumbs\n");
	run_root(&r, "check");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "kdump is armed"));
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_show_text_and_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_and_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_persist_merges_into_dropin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_usage_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_exit_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profiles_that_are_not_files, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
