// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: MCE_INJECT (mce_inject.h) over a fake root. Why a machine
 * cannot take it, one reason each; the facts read from the tree, "hw"
 * tried and the mode put back; the crash type list and its outcome; the
 * firing: the files written and their order (inotify sees each close
 * after a write, in order), the module loaded and debugfs mounted first
 * (commands.log), every failure said; and `kcrumbs trigger` end to end.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakeroot.h"
#include "runcli.h"
#include "mce_inject.h"
#include "nlerr.h"
#include "sysfs.h"

#define DIR KC_MCE_INJECT_DIR

static char root[64];

static void put(const char *path, const char *text)
{
	fakeroot_put(root, path, text);
}

/* The text of @path in the fake tree (free() it). */
static char *get(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, path);
	return slurp(full);
}

static void assert_file(const char *path, const char *want)
{
	char *got = get(path);

	assert_string_equal(got, want);
	free(got);
}

static int has(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, path);
	return access(full, F_OK) == 0;
}

static void rm(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, path);
	assert_int_equal(remove(full), 0);
}

/* A machine that can take it: Debian 12's kernel in QEMU, mce-inject in. */
static int setup(void **state)
{
	char bank[96];
	int i;

	(void)state;
	fakeroot_new(root);
	setenv("KCRUMBS_ROOT", root, 1);
	setenv("KCRUMBS_TRIGGER_WAIT", "0", 1);
	put("/proc/sys/kernel/osrelease", "6.1.0-57-amd64\n");
	put("/proc/sys/kernel/panic", "0\n");
	put("/sys/kernel/kexec_crash_loaded", "1\n");
	put("/sys/devices/system/cpu/online", "0-1\n");
	for (i = 0; i < 10; i++) {
		snprintf(bank, sizeof(bank),
			 "/sys/devices/system/machinecheck/machinecheck0/bank%d", i);
		put(bank, "ffffffffffffffff\n");
	}
	put("/proc/mounts", "sysfs /sys sysfs rw 0 0\n"
	    "debugfs /sys/kernel/debug debugfs rw,relatime 0 0\n");
	put("/sys/kernel/security/lockdown", "[none] integrity confidentiality\n");
	put("/sys/module/mce_inject/refcnt", "0\n");
	put(DIR "/flags", "sw\n");
	put(DIR "/status", "0\n");
	put(DIR "/misc", "0\n");
	put(DIR "/addr", "0\n");
	put(DIR "/cpu", "0\n");
	put(DIR "/bank", "0\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unsetenv("KCRUMBS_ROOT");
	unsetenv("KCRUMBS_TRIGGER_WAIT");
	return fakeroot_remove(root);
}

/* The tests that expect it to run need the host to be x86_64 too. */
static void need_x86_64(void)
{
	struct utsname u;

	if (uname(&u) || strcmp(u.machine, "x86_64"))
		skip();
}

/* Watch the fake mce-inject directory for files written and closed. */
static int watch(void)
{
	char full[512];
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	assert_true(fd >= 0);
	snprintf(full, sizeof(full), "%s%s", root, DIR);
	/* IN_OPEN too: inotify merges an event with the same one just before
	 * it, and two writes in a row would be seen as one */
	assert_true(inotify_add_watch(fd, full, IN_OPEN | IN_CLOSE_WRITE) >= 0);
	return fd;
}

/* The files written since watch(), in order: "flags,status,...". */
static void written(int fd, char *out, size_t len)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	size_t used = 0;
	ssize_t n;
	char *p;

	out[0] = '\0';
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (p = buf; p < buf + n; p += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)p;
			if (!(e->mask & IN_CLOSE_WRITE))
				continue;
			used += (size_t)snprintf(out + used, len - used, "%s%s",
						 used ? "," : "", e->name);
		}
	close(fd);
}

/* ---- why not ---- */

static void test_why_not(void **state)
{
	static const struct kc_mce_inject_facts ok = {
		.machine = "x86_64", .release = "6.1.0-57-amd64", .root = 1,
		.banks = 10, .loaded = 0, .dir = 0, .known = 1, .debugfs = 0,
		.lockdown = "none", .hw = 0,
	};
	struct kc_mce_inject_facts f;
	const char *by = NULL;
	char why[KC_TRIGGER_WHY_MAX];

	(void)state;
	/* loadable, debugfs not mounted, hw not tried: the firing sees to it */
	assert_null(kc_mce_inject_why_not(&ok, &by, why, sizeof(why)));
	f = ok;
	f.hw = 1;
	f.loaded = f.dir = 1;
	f.known = 0;		/* loaded by hand (insmod): enough */
	f.lockdown[0] = '\0';	/* no securityfs: not known, no reason */
	assert_null(kc_mce_inject_why_not(&f, &by, why, sizeof(why)));

	f = ok;
	strcpy(f.machine, "aarch64");
	assert_ptr_equal(kc_mce_inject_why_not(&f, &by, why, sizeof(why)), why);
	assert_string_equal(by, "architecture");
	assert_string_equal(why, "machine checks are x86's, and this machine is aarch64");

	f = ok;
	f.banks = 0;
	kc_mce_inject_why_not(&f, &by, why, sizeof(why));
	assert_string_equal(by, "machine check banks");
	assert_non_null(strstr(why, "the kernel handles no machine checks (no bank in "
			       "/sys/devices/system/machinecheck/machinecheck0: mce=off"));

	f = ok;
	f.known = 0;
	kc_mce_inject_why_not(&f, &by, why, sizeof(why));
	assert_string_equal(by, "mce-inject");
	assert_string_equal(why, "this kernel has no mce-inject module (CONFIG_X86_MCE_INJECT): "
			    "not loaded, and not in /lib/modules/6.1.0-57-amd64/modules.dep "
			    "or modules.builtin");

	f = ok;
	f.root = 0;
	kc_mce_inject_why_not(&f, &by, why, sizeof(why));
	assert_string_equal(by, "root");
	assert_string_equal(why, "it needs root (mce-inject is in debugfs)");

	f = ok;
	strcpy(f.lockdown, "integrity");
	kc_mce_inject_why_not(&f, &by, why, sizeof(why));
	assert_string_equal(by, "kernel lockdown");
	assert_non_null(strstr(why, "locked down (integrity: Secure Boot?)"));

	f = ok;
	f.loaded = f.dir = 1;
	f.hw = -EINVAL;
	kc_mce_inject_why_not(&f, &by, why, sizeof(why));
	assert_string_equal(by, "mce-inject");
	assert_non_null(strstr(why, "the kernel refuses hardware injection here "
			       "(mce-inject takes \"sw\" only"));
	f.hw = -EISDIR;
	kc_mce_inject_why_not(&f, &by, why, sizeof(why));
	assert_string_equal(why, "mce-inject refuses \"hw\" in its flags: Is a directory");

	/* the first reason wins: a foreign machine is not asked for root */
	f = ok;
	strcpy(f.machine, "ppc64le");
	f.root = 0;
	f.banks = 0;
	kc_mce_inject_why_not(&f, &by, why, sizeof(why));
	assert_string_equal(by, "architecture");
}

/* ---- the facts ---- */

static void test_facts(void **state)
{
	struct kc_mce_inject_facts f;
	int fd;
	char seen[256];

	(void)state;
	kc_mce_inject_facts_read(&f, 0);
	assert_string_equal(f.release, "6.1.0-57-amd64");
	assert_int_equal(f.root, 1);		/* a fake root is root's */
	assert_int_equal(f.banks, 10);
	assert_int_equal(f.dir, 1);
	assert_int_equal(f.loaded, 1);
	assert_int_equal(f.known, 0);		/* no modules.dep here */
	assert_int_equal(f.debugfs, 1);
	assert_string_equal(f.lockdown, "none");
	assert_int_equal(f.hw, 0);		/* not tried */

	/* "hw" tried: taken, and the mode put back */
	fd = watch();
	kc_mce_inject_facts_read(&f, 1);
	assert_int_equal(f.hw, 1);
	written(fd, seen, sizeof(seen));
	assert_string_equal(seen, "flags,flags");
	assert_file(DIR "/flags", "sw\n");
	/* already "hw": nothing to put back */
	put(DIR "/flags", "hw\n");
	fd = watch();
	kc_mce_inject_facts_read(&f, 1);
	written(fd, seen, sizeof(seen));
	assert_string_equal(seen, "flags");
	/* refused */
	rm(DIR "/flags");
	snprintf(seen, sizeof(seen), "%s%s", root, DIR "/flags");
	assert_int_equal(mkdir(seen, 0755), 0);
	kc_mce_inject_facts_read(&f, 1);
	assert_int_equal(f.hw, -EISDIR);

	/* not loaded, no debugfs, but this kernel has it */
	assert_int_equal(fakeroot_remove(root), 0);
	fakeroot_new(root);
	setenv("KCRUMBS_ROOT", root, 1);
	put("/proc/sys/kernel/osrelease", "6.12.48+deb13-amd64\n");
	put("/lib/modules/6.12.48+deb13-amd64/modules.dep",
	    "kernel/fs/pstore/ramoops.ko.xz: kernel/lib/reed_solomon/reed_solomon.ko.xz\n"
	    "kernel/arch/x86/kernel/cpu/mce/mce-inject.ko.xz:\n");
	kc_mce_inject_facts_read(&f, 1);
	assert_int_equal(f.known, 1);
	assert_int_equal(f.loaded, 0);
	assert_int_equal(f.dir, 0);
	assert_int_equal(f.debugfs, 0);
	assert_int_equal(f.banks, 0);
	assert_string_equal(f.lockdown, "");
	assert_int_equal(f.hw, 0);		/* nothing to ask */
	/* built in */
	put("/lib/modules/6.12.48+deb13-amd64/modules.dep", "kernel/fs/x.ko: kernel/y/mce-inject.ko\n");
	kc_mce_inject_facts_read(&f, 0);
	assert_int_equal(f.known, 0);		/* a dependency is not the module */
	put("/lib/modules/6.12.48+deb13-amd64/modules.builtin",
	    "kernel/arch/x86/kernel/cpu/mce/mce-inject.ko\n");
	kc_mce_inject_facts_read(&f, 0);
	assert_int_equal(f.known, 1);
}

/* ---- the list ---- */

static void test_probe_and_outcome(void **state)
{
	struct kc_knobs k = { .crash_loaded = 1, .online_cpus = 2 };
	struct kc_trigger t = kc_trigger_mce_inject;
	struct kc_outcome o;

	(void)state;
	need_x86_64();
	kc_mce_inject_probe(&t);
	assert_string_equal(t.unavailable, "");
	kc_trigger_outcome(&t, &k, &o);
	assert_int_equal(o.kind, KC_OUTCOME_CAPTURE);
	assert_string_equal(o.decided_by, "always");

	put("/sys/kernel/security/lockdown", "none integrity [confidentiality]\n");
	kc_mce_inject_probe(&t);
	kc_trigger_outcome(&t, &k, &o);
	assert_int_equal(o.kind, KC_OUTCOME_UNAVAILABLE);
	assert_string_equal(o.decided_by, "kernel lockdown");
	assert_non_null(strstr(o.text, "cannot run here: the kernel is locked down "
			       "(confidentiality: Secure Boot?)"));
	/* and again when it can: the reason is gone */
	put("/sys/kernel/security/lockdown", "[none] integrity confidentiality\n");
	kc_mce_inject_probe(&t);
	assert_string_equal(t.unavailable, "");
	assert_null(t.unavailable_by);
}

static void test_list_cli(void **state)
{
	struct run r;

	(void)state;
	need_x86_64();
	run(&r, "trigger --list");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "\nMCE_INJECT        a fatal machine check "));
	assert_non_null(strstr(r.out, "do_machine_check() panics\n                  now: "
			       "panic; the capture kernel (kdump) takes over [capture: always]\n"));
	done(&r);
	assert_file(DIR "/flags", "sw\n");	/* asked, and put back */

	/* no module anywhere */
	rm(DIR "/flags");
	rm(DIR "/status");
	rm(DIR "/misc");
	rm(DIR "/addr");
	rm(DIR "/cpu");
	rm(DIR "/bank");
	rm(DIR);
	rm("/sys/module/mce_inject/refcnt");
	rm("/sys/module/mce_inject");
	run(&r, "trigger --list");
	assert_non_null(strstr(r.out, "now: cannot run here: this kernel has no mce-inject "
			       "module (CONFIG_X86_MCE_INJECT): not loaded, and not in "
			       "/lib/modules/6.1.0-57-amd64/modules.dep or modules.builtin "
			       "[unavailable: mce-inject]\n"));
	done(&r);
	run(&r, "--json trigger --list");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "{\"name\":\"MCE_INJECT\",\"category\":\"mce\","));
	assert_non_null(strstr(r.out, "\"effect\":\"panic\",\"needs_module\":false,"
			       "\"outcome\":\"unavailable\",\"decided_by\":\"mce-inject\","
			       "\"outcome_text\":\"cannot run here: this kernel has no mce-inject"));
	done(&r);
}

/* ---- firing ---- */

static void test_fire_sequence(void **state)
{
	char seen[256];
	int fd;

	(void)state;
	need_x86_64();
	fd = watch();
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_FAIL);	/* still alive */
	written(fd, seen, sizeof(seen));
	/* bank last: its write fires; then the mode put back */
	assert_string_equal(seen, "flags,status,misc,addr,cpu,bank,flags");
	assert_file(DIR "/status", "0xb200000000000001\n");
	assert_file(DIR "/misc", "0\n");
	assert_file(DIR "/addr", "0\n");
	assert_file(DIR "/cpu", "0\n");
	assert_file(DIR "/bank", "1\n");
	assert_file(DIR "/flags", "sw\n");
	assert_false(has("/commands.log"));	/* nothing to load, nothing to mount */

	/* mode "" (a fresh file): nothing to put back, so "hw" is seen; the
	 * first online CPU; one bank: bank 0 */
	put(DIR "/flags", "");
	put("/sys/devices/system/cpu/online", "2-3,5\n");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank9");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank8");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank7");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank6");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank5");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank4");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank3");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank2");
	rm("/sys/devices/system/machinecheck/machinecheck0/bank1");
	fd = watch();
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_FAIL);
	written(fd, seen, sizeof(seen));
	assert_string_equal(seen, "flags,status,misc,addr,cpu,bank");
	assert_file(DIR "/flags", "hw\n");	/* the newline: flags drops the last byte */
	assert_file(DIR "/cpu", "2\n");
	assert_file(DIR "/bank", "0\n");
}

static void test_fire_loads_and_mounts(void **state)
{
	char seen[256];
	int fd;

	(void)state;
	need_x86_64();
	/* not loaded, debugfs not mounted: modprobe, then mount; under a fake
	 * root neither makes the directory appear, and that is said */
	rm(DIR "/flags");
	rm(DIR "/status");
	rm(DIR "/misc");
	rm(DIR "/addr");
	rm(DIR "/cpu");
	rm(DIR "/bank");
	rm(DIR);
	rm("/sys/module/mce_inject/refcnt");
	rm("/sys/module/mce_inject");
	put("/proc/mounts", "sysfs /sys sysfs rw 0 0\n");
	put("/lib/modules/6.1.0-57-amd64/modules.dep",
	    "kernel/arch/x86/kernel/cpu/mce/mce-inject.ko:\n");
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_FAIL);
	assert_file("/commands.log", "modprobe mce-inject\n"
		    "mount -t debugfs debugfs /sys/kernel/debug\n");

	/* modprobe fails: nothing mounted, nothing written */
	rm("/commands.log");
	put("/fail/modprobe", "");
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_FAIL);
	assert_file("/commands.log", "modprobe mce-inject\n");

	/* loaded by hand (insmod), debugfs mounted elsewhere: said */
	rm("/commands.log");
	put("/sys/module/mce_inject/refcnt", "0\n");
	put("/proc/mounts", "debugfs /mnt/dbg debugfs rw 0 0\n");
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_FAIL);
	assert_file("/commands.log", "mount -t debugfs debugfs /sys/kernel/debug\n");

	/* the directory there: nothing to load, nothing to mount */
	rm("/commands.log");
	put(DIR "/flags", "sw\n");
	put(DIR "/status", "0\n");
	put(DIR "/misc", "0\n");
	put(DIR "/addr", "0\n");
	put(DIR "/cpu", "0\n");
	put(DIR "/bank", "0\n");
	fd = watch();
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_FAIL);
	written(fd, seen, sizeof(seen));
	assert_string_equal(seen, "flags,status,misc,addr,cpu,bank,flags");
	assert_false(has("/commands.log"));
}

static void test_fire_refusals(void **state)
{
	char full[512];
	struct run r;

	(void)state;
	need_x86_64();
	/* a file mce-inject lacks: said, flags put back */
	rm(DIR "/misc");
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_FAIL);
	assert_file(DIR "/flags", "sw\n");
	assert_file(DIR "/bank", "0\n");	/* never fired */
	put(DIR "/misc", "0\n");

	/* "hw" refused (here: flags is a directory) */
	put(DIR "/status", "0\n");
	rm(DIR "/flags");
	snprintf(full, sizeof(full), "%s%s", root, DIR "/flags");
	assert_int_equal(mkdir(full, 0755), 0);
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_FAIL);
	assert_file(DIR "/status", "0\n");	/* nothing after it */
	assert_int_equal(rmdir(full), 0);
	put(DIR "/flags", "sw\n");

	/* locked down: refused before anything is written */
	put("/sys/kernel/security/lockdown", "none [integrity] confidentiality\n");
	assert_int_equal(kc_mce_inject_fire(0), KC_EXIT_PERM);
	assert_file(DIR "/flags", "sw\n");

	/* and through the CLI: what it says */
	run(&r, "trigger MCE_INJECT --yes");
	assert_int_equal(r.rc, KC_EXIT_PERM);
	assert_non_null(strstr(r.out, "MCE_INJECT: a fatal machine check"));
	assert_non_null(strstr(r.out, "on this machine now: cannot run here: the kernel is "
			       "locked down (integrity: Secure Boot?)"));
	assert_non_null(strstr(r.err, "kcrumbs: MCE_INJECT cannot run here: the kernel is "
			       "locked down (integrity: Secure Boot?), and debugfs files "
			       "cannot be written [kernel lockdown]\n"));
	done(&r);
	put("/sys/kernel/security/lockdown", "[none] integrity confidentiality\n");

	rm(DIR "/misc");
	run(&r, "trigger MCE_INJECT --yes");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.err, "kcrumbs: MCE_INJECT: cannot write 0 to "
			       "/sys/kernel/debug/mce-inject/misc: No such file or directory\n"));
	done(&r);
}

static void test_fire_cli(void **state)
{
	struct run r;

	(void)state;
	need_x86_64();
	/* the CLI's safety first: --yes */
	run(&r, "trigger MCE_INJECT");
	assert_int_equal(r.rc, KC_EXIT_REFUSED);
	done(&r);
	assert_file(DIR "/status", "0\n");

	run(&r, "trigger mce_inject --yes");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.out, "on this machine now: panic; the capture kernel (kdump) "
			       "takes over [capture: always]\n"));
	assert_non_null(strstr(r.out, "injecting a fatal machine check: CPU 0, bank 1, "
			       "status 0xb200000000000001\n"));
	assert_non_null(strstr(r.err, "kcrumbs: MCE_INJECT: the machine is still alive 0 s "
			       "after the injection: no panic came."));
	done(&r);
	assert_file(DIR "/bank", "1\n");
	assert_file(DIR "/flags", "sw\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_why_not),
		cmocka_unit_test_setup_teardown(test_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_and_outcome, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_cli, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fire_sequence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fire_loads_and_mounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fire_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fire_cli, setup, teardown),
	};

	return cmocka_run_group_tests_name("mce_inject", tests, NULL, NULL);
}
