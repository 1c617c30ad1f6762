// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: `kcrumbs qa` over a fake root, as kcrumbs-qa.service runs it
 * (cmd_qa.c, cmd_qa_step.c, qa_io.c). No run: status and report say so;
 * usage errors write nothing; no capture kernel, or no --yes, refuses; a
 * crash round trip (start, the step fires sysrq-c and is killed as the
 * crash, the capture kernel's files, the next boot's harvest and step)
 * passes with the text, JSON and JUnit reports; the unit run before
 * harvest does not judge on half the evidence; a crash that left nothing
 * is "vanished"; systemctl failing at start cancels the run; a machine
 * that did not crash is judged in the same boot; `qa stop` and SIGTERM
 * cancel the countdown before anything is fired; no capture kernel at the
 * step cancels the run; --json prints one JSON document and nothing else;
 * a damaged state file is refused, never overwritten, and `qa stop` sets
 * it aside.
 *
 * Under a fake root, systemctl, modprobe and wall are only written to
 * ROOT/commands.log; sysrq-c writes "c" to ROOT/proc/sysrq-trigger. Each
 * test has a fake root of its own (setup, teardown).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakeroot.h"
#include "nlerr.h"
#include "region_builder.h"
#include "runcli.h"

#define STATE	"/var/lib/kcrumbs/qa.state"
#define LOG	"/commands.log"
#define SYSRQ	"/proc/sysrq-trigger"
#define PANIC	"/proc/sys/kernel/panic"
#define STAMP	"202612011040"
#define DUMPDIR	"/srv/crash/" STAMP

#define BOOT_A	"aaaaaaaa-1111-2222-3333-444444444444\n"
#define BOOT_B	"bbbbbbbb-1111-2222-3333-444444444444\n"

static char fake[64];
static pid_t bg = -1;	/* a `qa step` in the background */

/* ---- the fake machine ---- */

static void put(const char *path, const char *text)
{
	fakeroot_put(fake, path, text);
}

static char *get(const char *path)
{
	return fakeroot_get(fake, path);
}

static int exists(const char *path)
{
	return fakeroot_exists(fake, path);
}

/* Whether @path exists and holds @what. */
static int has(const char *path, const char *what)
{
	char *t = get(path);
	int yes = t && strstr(t, what);

	free(t);
	return yes;
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)); s += strlen(what))
		n++;
	return n;
}

static void boot(const char *id)
{
	put("/proc/sys/kernel/random/boot_id", id);
}

/*
 * A machine with a capture kernel loaded, kernel.panic 0 (it halts after
 * a panic), kdump-tools' directory at /srv/crash, in boot A.
 */
static int setup(void **state)
{
	(void)state;
	fakeroot_new(fake);
	setenv("KCRUMBS_ROOT", fake, 1);
	unsetenv("KCRUMBS_QA_WAIT");
	put("/proc/sys/kernel/osrelease", "6.1.0-57-amd64\n");
	put("/sys/kernel/kexec_crash_loaded", "1\n");
	put(PANIC, "0\n");
	put(SYSRQ, "");
	put("/etc/default/kdump-tools", "USE_KDUMP=1\nKDUMP_COREDIR=\"/srv/crash\"\n");
	put("/srv/crash/kexec_cmd", "");
	boot(BOOT_A);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (bg > 0) {
		kill(bg, SIGKILL);
		waitpid(bg, NULL, 0);
		bg = -1;
	}
	unsetenv("KCRUMBS_QA_WAIT");
	unsetenv("KCRUMBS_ROOT");
	fakeroot_remove(fake);
	return 0;
}

/* `kcrumbs ARGS`: its exit code, its output dropped */
static int rc_of(const char *args)
{
	struct run r;
	int rc;

	run(&r, args);
	rc = r.rc;
	done(&r);
	return rc;
}

/* ---- a `qa step` in the background, as the unit runs it ---- */

/* Start `kcrumbs qa step`, its output in ROOT/step.out; @wait: KCRUMBS_QA_WAIT. */
static void bg_step(const char *wait)
{
	const char *bin = getenv("KCRUMBS_BIN");
	char out[128];
	int fd;

	assert_non_null(bin);
	snprintf(out, sizeof(out), "%s/step.out", fake);
	fflush(NULL);
	bg = fork();
	assert_true(bg >= 0);
	if (bg == 0) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		close(fd);
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0)
			dup2(fd, 0);
		setenv("KCRUMBS_QA_WAIT", wait, 1);
		execl(bin, bin, "qa", "step", (char *)NULL);
		_exit(127);
	}
}

static void nap(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* Wait up to @secs for the background step to end: its exit code, or -1. */
static int bg_wait(int secs)
{
	int i, st;
	pid_t p;

	for (i = 0; i < secs * 20; i++) {
		p = waitpid(bg, &st, WNOHANG);
		assert_true(p >= 0);
		if (p == bg) {
			bg = -1;
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
		nap();
	}
	return -1;
}

/* Wait up to @secs until @path holds @what (and @path2 @what2 if given). */
static int wait_for(int secs, const char *path, const char *what,
		    const char *path2, const char *what2)
{
	int i;

	for (i = 0; i < secs * 20; i++) {
		if (has(path, what) && (!path2 || has(path2, what2)))
			return 1;
		nap();
	}
	return 0;
}

/*
 * `qa step` fires the pending step and waits for the crash; the crash is
 * a kill -9 once sysrq-c is written and the state says fired. Checks the
 * step's policy is in force.
 */
static void fire_and_crash(void)
{
	char *t;

	bg_step("60");
	if (!wait_for(15, SYSRQ, "c", STATE, "\nstate=fired\n")) {
		t = get("/step.out");
		print_message("qa step output:\n%s\n", t ? t : "(none)");
		free(t);
		fail_msg("qa step did not fire sysrq-c");
	}
	/* the step's policy: a crash kdump misses reboots */
	assert_true(has(PANIC, "10"));
	/* still running: waiting for the crash */
	assert_int_equal(waitpid(bg, NULL, WNOHANG), 0);
	assert_true(has("/step.out", "firing sysrq-c now"));
	assert_int_equal(kill(bg, SIGKILL), 0);
	assert_int_equal(waitpid(bg, NULL, 0), bg);
	bg = -1;
}

/* ---- reading the reports back ---- */

static int tool(const char *name)
{
	char cmd[128];

	/* make deps installs jq and xmllint: never a check left out */
	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	assert_int_equal(system(cmd), 0);
	return 1;
}

/* `--json qa report` in ROOT/report.json; its exit code */
static int json_report(void)
{
	struct run r;
	int rc;

	run(&r, "--json qa report");
	rc = r.rc;
	put("/report.json", r.out);
	done(&r);
	return rc;
}

/* jq -e PROGRAM on ROOT/report.json */
static void jq(const char *program)
{
	char cmd[2048];

	if (!tool("jq"))
		return;
	snprintf(cmd, sizeof(cmd), "jq -e '%s' '%s/report.json' >/dev/null", program, fake);
	if (system(cmd)) {
		char *t = get("/report.json");

		print_message("jq -e '%s' is false on:\n%s\n", program, t);
		free(t);
		fail_msg("jq");
	}
}

/* tests/schema/junit.xsd of the tree KCRUMBS_BIN was built in, if it is there */
static int junit_xsd(char *buf, size_t len)
{
	const char *bin = getenv("KCRUMBS_BIN"), *slash = bin ? strrchr(bin, '/') : NULL;

	/* KCRUMBS_BIN is TREE/build/kcrumbs */
	if (!slash || snprintf(buf, len, "%.*s/../tests/schema/junit.xsd",
			       (int)(slash - bin), bin) >= (int)len)
		return 0;
	return access(buf, R_OK) == 0;
}

/* `qa report --junit ROOT/junit.xml`, well-formed; its exit code */
static int junit_report(void)
{
	char args[256], cmd[1200], xsd[512];
	int rc;

	snprintf(args, sizeof(args), "qa report --junit %s/junit.xml", fake);
	rc = rc_of(args);
	assert_true(exists("/junit.xml"));
	if (tool("xmllint")) {
		snprintf(cmd, sizeof(cmd), "xmllint --noout '%s/junit.xml'", fake);
		assert_int_equal(system(cmd), 0);
		/* and valid under the common JUnit schema (tests/schema) */
		assert_true(junit_xsd(xsd, sizeof(xsd)));
		{
			snprintf(cmd, sizeof(cmd), "xmllint --noout --schema '%s' '%s/junit.xml' "
				 ">/dev/null 2>&1", xsd, fake);
			assert_int_equal(system(cmd), 0);
		}
	}
	return rc;
}

/* xmllint's XPath @expr on ROOT/junit.xml must be true */
static void xpath(const char *expr)
{
	char cmd[1024];

	if (!tool("xmllint"))
		return;
	snprintf(cmd, sizeof(cmd), "test \"$(xmllint --xpath '%s' '%s/junit.xml')\" = true",
		 expr, fake);
	if (system(cmd)) {
		char *t = get("/junit.xml");

		print_message("XPath %s is false on:\n%s\n", expr, t);
		free(t);
		fail_msg("xpath");
	}
}

/* ---- the crash's breadcrumbs, as the capture kernel saves them ---- */

static const char *const syms[] = {
	"panic+0x118/0x2f4", "sysrq_handle_crash+0x16/0x20",
	"write_sysrq_trigger+0x24/0x40", NULL,
};

/* kdump-tools' directory of the crash: dmesg, the dump, kcrumbs capture's files */
static void capture_files(void)
{
	struct rb b;

	rb_init(&b, 4, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_log_tail(&b, 1, 0, "[    5.04] sysrq: Trigger a crash\n");
	put(DUMPDIR "/dmesg." STAMP, "[    5.04] sysrq: Trigger a crash\n");
	put(DUMPDIR "/dump." STAMP, "a compressed vmcore\n");	/* 20 bytes */
	fakeroot_put_bytes(fake, DUMPDIR "/kcrumbs." STAMP ".region", b.buf, b.len);
	put(DUMPDIR "/kcrumbs." STAMP ".json", "{}\n");
	free(b.buf);
}

/* ---- 1. no run ---- */

static void test_no_run(void **state)
{
	struct run r;

	(void)state;
	run(&r, "qa status");
	assert_int_equal(r.rc, KC_EXIT_NONE);
	assert_non_null(strstr(r.err, "no qa run on this machine"));
	assert_non_null(strstr(r.err, "qa start"));
	done(&r);
	run(&r, "qa report");
	assert_int_equal(r.rc, KC_EXIT_NONE);
	assert_non_null(strstr(r.err, "qa start"));
	assert_string_equal(r.out, "");
	done(&r);
	run(&r, "qa");		/* no subcommand: status */
	assert_int_equal(r.rc, KC_EXIT_NONE);
	done(&r);
	run(&r, "qa stop");
	assert_int_equal(r.rc, KC_EXIT_NONE);
	done(&r);
	/* the unit without a run (ConditionPathExists raced): nothing to do */
	run(&r, "qa step");
	assert_int_equal(r.rc, KC_EXIT_OK);
	done(&r);
	assert_false(exists(STATE));
	assert_false(exists(LOG));
	assert_true(has(SYSRQ, "") && !has(SYSRQ, "c"));
}

/* ---- 2. usage ---- */

static void test_usage(void **state)
{
	static const char *const bad[] = {
		"qa start --repeat 0 sysrq-c --yes",
		"qa start --repeat 51 sysrq-c --yes",
		"qa start --delay 4000 sysrq-c --yes",
		"qa start --delay -1 sysrq-c --yes",
		"qa status --yes",
		"qa status extra",
		"qa stop --delay 5",
		"qa stop now",
		"qa report --repeat 2",
		"qa report extra",
		"qa step --yes",
		"qa step extra",
		"qa start sysrq-c --yes --junit /tmp/x.xml",
		"qa frob",
	};
	struct run r;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		run(&r, bad[i]);
		if (r.rc != KC_EXIT_USAGE)
			fail_msg("'%s': exit %d, not 2 (%s)", bad[i], r.rc, r.err);
		assert_true(r.err[0]);
		done(&r);
		assert_false(exists(STATE));
		assert_false(exists(LOG));
	}
	run(&r, "qa frob");
	assert_non_null(strstr(r.err, "unknown subcommand 'frob'"));
	done(&r);
	run(&r, "qa start --delay 4000 sysrq-c --yes");
	assert_non_null(strstr(r.err, "--delay must be 0 to 3600"));
	done(&r);

	/* an unknown type: usage, with the valid ones */
	run(&r, "qa start NOPE --yes");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown crash type 'NOPE'"));
	assert_non_null(strstr(r.err, "sysrq-c"));
	done(&r);
	run(&r, "qa start sysrq-c NOPE --delay 0 --yes");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);
	assert_false(exists(STATE));
	assert_false(has(LOG, "systemctl"));
	assert_true(has(PANIC, "0"));
}

/* ---- 3. no capture kernel at start ---- */

static void test_start_without_capture_kernel(void **state)
{
	struct run r;

	(void)state;
	put("/sys/kernel/kexec_crash_loaded", "0\n");
	run(&r, "qa start sysrq-c --delay 0 --yes");
	assert_int_equal(r.rc, KC_EXIT_REFUSED);
	assert_non_null(strstr(r.err, "no capture kernel is loaded"));
	assert_non_null(strstr(r.err, "kexec_crash_loaded"));
	done(&r);
	assert_false(exists(STATE));
	assert_false(has(LOG, "systemctl"));
	/* an unreadable flag is no capture kernel either */
	fakeroot_remove(fake);
	assert_int_equal(setup(NULL), 0);
	put("/sys/kernel/kexec_crash_loaded", "");
	assert_int_equal(rc_of("qa start sysrq-c --yes"), KC_EXIT_REFUSED);
	assert_false(exists(STATE));
}

/* ---- 4. without --yes: the plan, nothing else ---- */

static void test_start_without_yes(void **state)
{
	struct run r;

	(void)state;
	run(&r, "qa start sysrq-c --repeat 2 --delay 5");
	assert_int_equal(r.rc, KC_EXIT_REFUSED);
	assert_non_null(strstr(r.out, "would crash this machine 2 time(s)"));
	assert_non_null(strstr(r.out, "  sysrq-c: expect sysrq in sysrq_handle_crash; "
			       "with kernel.panic=10\n"));
	assert_non_null(strstr(r.out, "  sysrq-c#2: expect sysrq"));
	assert_non_null(strstr(r.err, "refusing without --yes"));
	done(&r);
	assert_false(exists(STATE));
	assert_false(has(LOG, "systemctl"));
	assert_true(has(PANIC, "0"));
	assert_false(has(SYSRQ, "c"));
}

/* ---- 5. a crash, captured, judged at the next boot: passed ---- */

static void test_crash_round_trip(void **state)
{
	struct run r;
	char *t;

	(void)state;
	run(&r, "harvest");		/* boot A is known */
	assert_int_equal(r.rc, KC_EXIT_OK);
	done(&r);

	run(&r, "qa start sysrq-c --delay 0 --yes");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "planned: 1 crash(es), one per boot, each after a 0 s countdown"));
	done(&r);
	assert_true(exists(STATE));
	t = get(STATE);
	assert_non_null(strstr(t, "kcrumbs-qa=1\n"));
	assert_non_null(strstr(t, "\nsaved=kernel.panic=0\n"));
	assert_non_null(strstr(t, "\ntype=sysrq-c\nround=1\npolicy=kernel.panic=10\n"));
	assert_non_null(strstr(t, "\nstate=pending\n"));
	assert_non_null(strstr(t, "\nend=1\n"));
	free(t);
	assert_true(has(LOG, "systemctl enable kcrumbs-qa.service\n"));
	assert_true(has(LOG, "systemctl start --no-block kcrumbs-qa.service\n"));
	assert_false(has(PANIC, "10"));		/* start sets no policy */

	run(&r, "qa start sysrq-c --delay 0 --yes");
	assert_int_equal(r.rc, KC_EXIT_REFUSED);
	assert_non_null(strstr(r.err, "in progress"));
	done(&r);
	run(&r, "qa status");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "next: sysrq-c, after a 0 s countdown"));
	assert_non_null(strstr(r.out, "\nsysrq-c "));
	done(&r);

	/* the unit at boot A: fires; the crash */
	fire_and_crash();
	run(&r, "qa status");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "sysrq-c fired at "));
	done(&r);

	/* the capture kernel saves the dump and the breadcrumbs; boot B */
	capture_files();
	boot(BOOT_B);
	run(&r, "harvest");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "crashed: sysrq"));
	done(&r);

	/* the unit at boot B: judges, and the run ends */
	run(&r, "qa step");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "kcrumbs qa: sysrq-c: passed\n"));
	assert_true(strstr(r.out, "the policy from before the run is restored") ||
		    strstr(r.err, "the policy from before the run is restored"));
	assert_non_null(strstr(r.out, " ended (kcrumbs qa report)"));
	done(&r);
	assert_true(has(PANIC, "0"));
	assert_false(has(PANIC, "10"));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));
	assert_true(has(SYSRQ, "c"));

	run(&r, "qa report");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "\nsysrq-c                passed    sysrq          "
			       "sysrq_handle_crash "));
	assert_non_null(strstr(r.out, "qa: 1 passed, 0 failed, 0 not run, 0 not judged\n"));
	done(&r);
	run(&r, "qa status");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, ": finished\n"));
	done(&r);

	assert_int_equal(json_report(), KC_EXIT_OK);
	jq(".schema == 1 and .counts.tests == 1 and .counts.passed == 1 and "
	   ".counts.failed == 0 and .counts.errors == 0");
	jq(".saved_policy == {\"kernel.panic\": 0} and .delay_s == 0 and .repeat == 1");
	jq(".steps[0] | .type == \"sysrq-c\" and .state == \"passed\" and "
	   ".verdict == \"pass\" and .reason == null");
	jq(".steps[0] | .cause == \"sysrq\" and "
	   ".function == \"sysrq_handle_crash+0x16/0x20\" and "
	   ".expect_functions == [\"sysrq_handle_crash\"] and .policy == {\"kernel.panic\": 10}");
	jq(".steps[0].dump_dir | endswith(\"/" STAMP "\")");
	jq(".steps[0].files | any(.name == \"dump." STAMP "\" and .size == \"20\")");
	jq(".steps[0].files | map(.name) == [\"dmesg." STAMP "\", \"dump." STAMP "\", "
	   "\"kcrumbs." STAMP ".json\", \"kcrumbs." STAMP ".region\"]");
	jq(".steps[0] | .dump_bytes == \"20\" and .boot_id == \"aaaaaaaa111122223333444444444444\"");
	jq(".steps[0] | .fired != null and .crashed != null and .capture != null and "
	   ".dump_saved != null and .up != null and .crash_to_capture_ns != null and "
	   "(.up_ns | tonumber) >= (.fired_ns | tonumber) and "
	   "(.capture_ns | tonumber) >= (.fired_ns | tonumber) - 1000000000");

	assert_int_equal(junit_report(), KC_EXIT_OK);
	xpath("count(//testsuite/testcase) = 1 and count(//testcase[@name=\"sysrq-c\"]) = 1 and "
	      "count(//testcase/failure) = 0 and count(//testcase/error) = 0 and "
	      "count(//testcase/skipped) = 0 and //testsuite/@failures = 0");
	xpath("contains(//testsuite/system-out, \"sysrq-c: passed\") and "
	      "contains(//testsuite/system-out, \"dump." STAMP " 20 bytes\")");
}

/*
 * The unit ran before harvest in the boot after the crash (harvest failed,
 * or was late: the unit only Wants= it): without harvest's summary the
 * breadcrumbs are unknown, so the step must not be judged (and failed as
 * no_breadcrumbs) on that; once harvest has run, it passes.
 */
static void test_step_before_harvest(void **state)
{
	struct run r;

	(void)state;
	assert_int_equal(rc_of("harvest"), KC_EXIT_OK);
	assert_int_equal(rc_of("qa start sysrq-c --delay 0 --yes"), KC_EXIT_OK);
	fire_and_crash();
	capture_files();
	boot(BOOT_B);
	run(&r, "qa step");		/* no harvest in boot B yet */
	assert_non_null(strstr(r.out, "kcrumbs harvest has not run in this boot"));
	done(&r);
	assert_false(has(STATE, "\nverdict=no_breadcrumbs\n"));
	assert_false(has(STATE, "\nstate=failed\n"));
	run(&r, "harvest");
	assert_int_equal(r.rc, KC_EXIT_OK);
	done(&r);
	assert_int_equal(rc_of("qa step"), KC_EXIT_OK);
	assert_int_equal(json_report(), KC_EXIT_OK);
	jq(".steps[0] | .state == \"passed\" and .cause == \"sysrq\"");
	assert_true(has(PANIC, "0"));
}

/* ---- 6. a crash that left nothing: vanished ---- */

static void test_vanished(void **state)
{
	struct run r;

	(void)state;
	assert_int_equal(rc_of("harvest"), KC_EXIT_OK);
	assert_int_equal(rc_of("qa start sysrq-c --delay 0 --yes"), KC_EXIT_OK);
	fire_and_crash();
	/* qa stop after the crash was fired: the next boot still judges it */
	run(&r, "qa stop");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "one crash is fired already"));
	done(&r);
	assert_true(has(STATE, "\nstate=fired\n"));
	assert_false(has(LOG, "systemctl disable"));
	/* the machine reset; nothing captured */
	boot(BOOT_B);
	run(&r, "harvest");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "ended without a trace"));
	done(&r);
	run(&r, "qa step");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "sysrq-c: failed: vanished: "));
	done(&r);
	assert_true(has(PANIC, "0"));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));

	run(&r, "qa report");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.out, "\nsysrq-c                failed "));
	assert_non_null(strstr(r.out, "vanished: no crash record, no capture, no dump"));
	assert_non_null(strstr(r.out, "qa: 0 passed, 1 failed, 0 not run, 0 not judged\n"));
	done(&r);
	assert_int_equal(json_report(), KC_EXIT_FAIL);
	jq(".counts.failed == 1 and .counts.passed == 0");
	jq(".steps[0] | .state == \"failed\" and .verdict == \"vanished\" and "
	   "(.reason | startswith(\"vanished: \")) and .dump_dir == null and .files == [] "
	   "and .cause == null");
	assert_int_equal(junit_report(), KC_EXIT_FAIL);
	xpath("count(//testcase) = 1 and count(//testcase/failure[@type=\"vanished\"]) = 1 and "
	      "starts-with(//failure/@message, \"vanished: \") and //testsuite/@failures = 1");
}

/* ---- systemctl cannot enable the unit: the run is cancelled at once ---- */

static void test_unit_cannot_start(void **state)
{
	struct run r;

	(void)state;
	put("/fail/systemctl", "");
	run(&r, "qa start sysrq-c --delay 0 --yes");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.err, "systemctl enable kcrumbs-qa.service failed"));
	assert_non_null(strstr(r.err, "the run is cancelled"));
	done(&r);
	assert_true(has(STATE, "\nstate=cancelled\n"));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));
	assert_true(has(PANIC, "0"));
	assert_int_equal(json_report(), KC_EXIT_FAIL);	/* nothing tested */
	jq(".steps[0].state == \"cancelled\" and "
	   "(.steps[0].reason | test(\"could not be enabled\"))");
	/* the cancelled run is not in progress: once systemctl works, a run starts */
	{
		char p[128];

		snprintf(p, sizeof(p), "%s/fail/systemctl", fake);
		assert_int_equal(unlink(p), 0);
	}
	assert_int_equal(rc_of("qa start sysrq-c --delay 0 --yes"), KC_EXIT_OK);
	assert_true(has(STATE, "\nstate=pending\n"));
	assert_true(has(LOG, "systemctl start --no-block kcrumbs-qa.service\n"));
}

/* ---- 7. the machine did not crash: judged in the same boot ---- */

static void test_did_not_crash(void **state)
{
	struct run r;

	(void)state;
	assert_int_equal(rc_of("qa start sysrq-c --repeat 2 --delay 0 --yes"), KC_EXIT_OK);
	setenv("KCRUMBS_QA_WAIT", "0", 1);
	run(&r, "qa step");
	unsetenv("KCRUMBS_QA_WAIT");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_int_equal(count(r.out, "firing sysrq-c now"), 2);
	assert_non_null(strstr(r.out, "kcrumbs qa: sysrq-c: failed: did not crash"));
	assert_non_null(strstr(r.out, "kcrumbs qa: sysrq-c (again): failed: did not crash"));
	assert_non_null(strstr(r.out, " ended (kcrumbs qa report)"));
	done(&r);
	assert_true(has(SYSRQ, "c"));
	assert_true(has(PANIC, "0"));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));

	run(&r, "qa report");
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(r.out, "\nsysrq-c#2 "));
	assert_non_null(strstr(r.out, "qa: 0 passed, 2 failed, 0 not run, 0 not judged\n"));
	done(&r);
	assert_int_equal(json_report(), KC_EXIT_FAIL);
	jq(".counts.tests == 2 and .counts.failed == 2");
	jq("[.steps[] | .state == \"failed\" and .verdict == \"did_not_crash\" and "
	   "(.reason | startswith(\"did not crash\")) and "
	   ".boot_id == \"aaaaaaaa111122223333444444444444\"] == [true, true]");
	jq("[.steps[].round] == [1, 2]");
	assert_int_equal(junit_report(), KC_EXIT_FAIL);
	xpath("count(//testcase/failure[@type=\"did_not_crash\"]) = 2 and "
	      "count(//testcase[@name=\"sysrq-c #2\"]) = 1");
	run(&r, "qa status");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, ": finished\n"));
	done(&r);
	/* the run is over: a new one may start */
	assert_int_equal(rc_of("qa start sysrq-c --delay 0 --yes"), KC_EXIT_OK);
}

/* ---- 8. qa stop during the countdown ---- */

/* `qa start --delay 30`, the unit counting down in the background */
static void counting_down(void)
{
	char *t;

	assert_int_equal(rc_of("qa start sysrq-c --delay 30 --yes"), KC_EXIT_OK);
	bg_step("60");
	if (!wait_for(15, "/step.out", "CRASHES in", LOG, "wall kcrumbs qa run ")) {
		t = get("/step.out");
		print_message("qa step output:\n%s\n", t ? t : "(none)");
		free(t);
		fail_msg("no countdown");
	}
	/* the policy is set before the countdown; wall tells the users */
	assert_true(has(PANIC, "10"));
	assert_true(has(LOG, "wall kcrumbs qa run "));
	assert_true(has("/step.out", "this machine CRASHES in 30 s: sysrq-c (step 1 of 1)"));
}

static void test_stop_during_countdown(void **state)
{
	struct run r;

	(void)state;
	counting_down();
	run(&r, "qa stop");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "stopped: 1 step(s) cancelled"));
	done(&r);
	assert_int_equal(bg_wait(5), KC_EXIT_OK);
	assert_true(has("/step.out", "cancelled"));
	assert_false(has("/step.out", "firing"));
	assert_false(has(SYSRQ, "c"));
	assert_true(has(PANIC, "0"));
	assert_true(has(LOG, "systemctl stop --no-block kcrumbs-qa.service\n"));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));

	run(&r, "qa report");
	assert_int_equal(r.rc, KC_EXIT_FAIL);	/* cancelled: nothing tested */
	assert_non_null(strstr(r.out, "\nsysrq-c                cancelled "));
	assert_non_null(strstr(r.out, "kcrumbs qa stop"));
	assert_non_null(strstr(r.out, "qa: 0 passed, 0 failed, 1 not run, 0 not judged\n"));
	done(&r);
	assert_int_equal(json_report(), KC_EXIT_FAIL);
	jq(".counts.skipped == 1 and .steps[0].state == \"cancelled\" and "
	   ".steps[0].verdict == \"none\" and .steps[0].fired == null and "
	   "(.steps[0].reason | test(\"kcrumbs qa stop\"))");
	assert_int_equal(junit_report(), KC_EXIT_FAIL);
	xpath("count(//testcase/skipped) = 1 and count(//testcase/failure) = 0 and "
	      "contains(//testcase/skipped/@message, \"kcrumbs qa stop\")");
	/* stopped twice: it has ended */
	run(&r, "qa stop");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "has ended already"));
	done(&r);
}

/* ---- 9. the unit stopped (SIGTERM) during the countdown ---- */

static void test_sigterm_during_countdown(void **state)
{
	struct run r;

	(void)state;
	counting_down();
	assert_int_equal(kill(bg, SIGTERM), 0);
	assert_int_equal(bg_wait(5), KC_EXIT_OK);
	assert_true(has("/step.out", "kcrumbs-qa.service was stopped during the countdown"));
	assert_false(has("/step.out", "firing"));
	assert_false(has(SYSRQ, "c"));
	assert_true(has(PANIC, "0"));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));
	run(&r, "qa report");
	assert_int_equal(r.rc, KC_EXIT_FAIL);	/* cancelled: nothing tested */
	assert_non_null(strstr(r.out, "\nsysrq-c                cancelled "));
	done(&r);
	assert_int_equal(json_report(), KC_EXIT_FAIL);
	jq(".steps[0].state == \"cancelled\" and "
	   "(.steps[0].reason | test(\"kcrumbs-qa.service was stopped\"))");
}

/* ---- 10. no capture kernel in the step's boot ---- */

static void test_no_capture_kernel_at_step(void **state)
{
	struct run r;

	(void)state;
	assert_int_equal(rc_of("qa start sysrq-c --repeat 2 --delay 0 --yes"), KC_EXIT_OK);
	put("/sys/kernel/kexec_crash_loaded", "0\n");
	run(&r, "qa step");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "kexec_crash_loaded"));
	assert_null(strstr(r.out, "firing"));
	done(&r);
	assert_false(has(SYSRQ, "c"));
	assert_true(has(PANIC, "0"));
	assert_false(has(LOG, "wall "));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));
	/* (not asserted: its exit code, 0 with nothing tested; see docs/qa.md) */
	json_report();
	jq(".counts.skipped == 2 and [.steps[] | .state == \"cancelled\" and "
	   "(.reason | test(\"/sys/kernel/kexec_crash_loaded is not 1\")) and "
	   ".fired == null] == [true, true]");
}

/* ---- --json: one JSON document on standard output, nothing else ---- */

/* `--json ARGS` into ROOT/report.json; its exit code */
static int json_of(const char *args)
{
	char cmd[256];
	struct run r;
	int rc;

	snprintf(cmd, sizeof(cmd), "--json %s", args);
	run(&r, cmd);
	rc = r.rc;
	put("/report.json", r.out);
	done(&r);
	return rc;
}

static void test_json_output(void **state)
{
	(void)state;
	assert_int_equal(json_of("qa start sysrq-c --delay 30 --yes"), KC_EXIT_OK);
	jq(".schema == 1 and .delay_s == 30 and .steps[0].state == \"pending\"");
	assert_int_equal(json_of("qa status"), KC_EXIT_OK);
	jq(".steps[0].state == \"pending\"");
	assert_int_equal(json_of("qa report"), KC_EXIT_FAIL);	/* not run yet */
	jq(".counts.tests == 1");
	/* stop: the run as it is now, and only that */
	assert_int_equal(json_of("qa stop"), KC_EXIT_OK);
	assert_true(has(PANIC, "0"));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));
	jq(".steps[0].state == \"cancelled\"");
}

/* ---- 11. a damaged state file ---- */

/* the damaged file's text, as the test wrote it */
static char damaged_text[8192];

/* Write @text as the state file. */
static void damage(const char *text)
{
	assert_true(strlen(text) < sizeof(damaged_text));
	strcpy(damaged_text, text);
	put(STATE, text);
}

/* Whether the file at @path still holds damaged_text. */
/* @path, or (a name ending in ".damaged") the one qa stop set aside, holds
 * the damaged text unchanged */
static int kept(const char *path)
{
	char full[512], cmd[700];
	size_t n = strlen(path);
	FILE *f;
	char *t;
	int same;

	if (n > 8 && !strcmp(path + n - 8, ".damaged")) {
		snprintf(cmd, sizeof(cmd), "ls -d '%s%s'.* 2>/dev/null | head -n 1", fake, path);
		f = popen(cmd, "r");
		assert_non_null(f);
		if (!fgets(full, sizeof(full), f))
			full[0] = '\0';
		pclose(f);
		full[strcspn(full, "\n")] = '\0';
		if (!full[0])
			return 0;
		t = slurp(full);
	} else {
		t = get(path);
	}
	same = t && !strcmp(t, damaged_text);
	free(t);
	return same;
}

/*
 * The readers and the unit refuse it (exit 7, with the reason), nothing is
 * fired; `qa start` refuses it too, the file kept (the run it held may
 * have a crash fired, and it holds the operator's saved policy); `qa stop`
 * sets it aside as qa.state.damaged and disables the unit; then the
 * machine has no run and a new one can start.
 */
static void damaged(const char *why)
{
	static const char *const cmds[] = {
		"qa status", "qa report", "qa step", "qa start sysrq-c --delay 0 --yes",
	};
	char *log = get(LOG);
	int enabled = log ? count(log, "systemctl enable") : 0;
	struct run r;
	unsigned int i;

	free(log);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		run(&r, cmds[i]);
		if (r.rc != KC_EXIT_CORRUPT)
			fail_msg("'%s': exit %d, not 7 (%s%s)", cmds[i], r.rc, r.out, r.err);
		assert_non_null(strstr(r.err, "/var/lib/kcrumbs/qa.state cannot be read: "));
		assert_non_null(strstr(r.err, why));
		done(&r);
		assert_true(kept(STATE));
	}
	log = get(LOG);
	assert_int_equal(log ? count(log, "systemctl enable") : 0, enabled);
	free(log);
	assert_false(has(SYSRQ, "c"));
	assert_false(has(PANIC, "10"));

	run(&r, "qa stop");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "qa.state.damaged"));
	done(&r);
	assert_false(exists(STATE));
	assert_true(kept(STATE ".damaged"));
	assert_true(has(LOG, "systemctl disable kcrumbs-qa.service\n"));
	assert_int_equal(rc_of("qa status"), KC_EXIT_NONE);
	assert_int_equal(rc_of("qa start sysrq-c --delay 0 --yes"), KC_EXIT_OK);
	assert_true(kept(STATE ".damaged"));
}

static void test_damaged_garbage(void **state)
{
	(void)state;
	damage("garbage\n\x01\x02 not a state\n");
	damaged("line 1: not KEY=VALUE");
}

static void test_damaged_cut(void **state)
{
	char *t, *end;

	(void)state;
	assert_int_equal(rc_of("qa start sysrq-c --delay 0 --yes"), KC_EXIT_OK);
	t = get(STATE);
	assert_non_null(t);
	end = strstr(t, "\nend=1\n");
	if (end)
		end[1] = '\0';		/* cut before its end line */
	damage(t);
	free(t);
	assert_non_null(end);
	damaged("no end line: the text is cut short");
	/* a version this tool does not read */
	assert_int_equal(rc_of("qa stop"), KC_EXIT_OK);
	damage("kcrumbs-qa=2\n");
	assert_int_equal(rc_of("qa status"), KC_EXIT_CORRUPT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_usage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_start_without_capture_kernel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_start_without_yes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crash_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_before_harvest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vanished, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_cannot_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_did_not_crash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_during_countdown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigterm_during_countdown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_capture_kernel_at_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_garbage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_cut, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
