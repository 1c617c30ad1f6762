// SPDX-License-Identifier: GPL-2.0
/* Unit tests: a crash's title and signature (signature.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "signature.h"

/* An event of @cause with @msg and the frames @syms (NULL-terminated). */
static struct kc_rec *event(unsigned int cause, const char *msg,
			    const char *const *syms)
{
	static struct kc_rec e;
	unsigned int i;

	memset(&e, 0, sizeof(e));
	e.kind = KCRUMBS_REC_EVENT;
	e.cause = cause;
	snprintf(e.msg, sizeof(e.msg), "%s", msg);
	for (i = 0; syms && syms[i] && i < KC_MAX_FRAMES; i++) {
		e.frames[i].addr = 0xffffffff81000000ull + i * 0x40;
		snprintf(e.frames[i].sym, KC_SYM_MAX, "%s", syms[i]);
	}
	e.nr_frames = i;
	return &e;
}

static struct kc_signature sig(unsigned int cause, const char *msg,
			       const char *const *syms)
{
	struct kc_signature s;

	kc_signature(event(cause, msg, syms), &s);
	return s;
}

static void test_function_names(void **state)
{
	static const struct {
		const char *sym, *name;
	} cases[] = {
		{ "sysrq_handle_crash+0x16/0x20", "sysrq_handle_crash" },
		{ "kcrumbs_PANIC+0x11/0x242 [kcrumbs_trigger]", "kcrumbs_PANIC" },
		{ "ext4_foo+0x1/0x2 [ext4 0123456789abcdef]", "ext4_foo" },
		{ "__handle_sysrq.cold+0x44/0x11c", "__handle_sysrq" },
		{ "tcp_v4_rcv.isra.0+0x10/0x900", "tcp_v4_rcv" },
		{ "memcpy_orig.constprop.0+0x1/0x2", "memcpy_orig" },
		{ "do_one.part.0+0x5/0x50 [m]", "do_one" },
		{ "fn.llvm.1234567890+0x5/0x50", "fn" },
		{ "no_offset_at_all", "no_offset_at_all" },
		{ "  leading_spaces+0x1/0x2", "leading_spaces" },
		{ "? maybe_stale+0x1/0x2", "" },
		{ "?maybe_stale", "" },
		{ "", "" },
		{ "0xffffffffc0001234", "" },
		{ "+0x16/0x20", "" },
		{ "[kcrumbs]", "" },
	};
	char out[KC_FUNC_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(kc_sym_function(cases[i].sym, out, sizeof(out)),
				 strlen(cases[i].name));
		assert_string_equal(out, cases[i].name);
	}
	/* a name longer than the room is cut, never overflows */
	assert_int_equal(kc_sym_function("abcdefgh+0x1/0x2", out, 4), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(kc_sym_function("abc", out, 1), 0);
}

static void test_plumbing(void **state)
{
	static const char *const yes[] = {
		"panic", "vpanic", "nmi_panic", "__crash_kexec", "oops_end",
		"exc_page_fault", "asm_exc_invalid_op", "__warn", "report_bug",
		"watchdog_timer_fn", "perf_event_nmi_handler", "do_machine_check",
		"__stack_chk_fail", "out_of_memory", "rcu_sched_clock_irq",
		"add_taint", "__schedule", "io_schedule", "trace_error_report_end",
		"__traceiter_mce_record", "perf_trace_sched_process_hang",
		"kthread", "ret_from_fork", "mark_oom_victim", "__oom_kill_process",
		"schedule_timeout", "alloc_pages_mpol_noprof", "alloc_pages",
		"__folio_alloc", "get_free_pages_noprof",
		/* a hung task sleeps in these: where it waits, not why */
		"schedule_timeout_uninterruptible", "schedule_timeout_killable",
		"msleep", "usleep_range_state",
		/* the soft lockup's timer, when not inlined */
		"__run_hrtimer",
		/* WARN()'s report on 7.2 (its culprit there, before) */
		"report_bug_entry",
	};
	static const char *const no[] = {
		"sysrq_handle_crash", "kcrumbs_PANIC", "kcrumbs_null_deref",
		"panic_handler", "dies", "tracer", "schedule_work", "",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(kc_is_plumbing(yes[i]));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(kc_is_plumbing(no[i]));
}

static void test_title_message(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "kcrumbs: PANIC trigger", "kcrumbs: PANIC trigger" },
		{ "Watchdog detected hard LOCKUP on cpu 3",
		  "Watchdog detected hard LOCKUP on cpu N" },
		{ "VFS: Unable to mount root fs on unknown-block(0,0)",
		  "VFS: Unable to mount root fs on unknown-block(N,N)" },
		{ "bad page at 0xffffffffc0001234, mask ffff888003a1b2c0 code 00000009",
		  "bad page at N, mask N code N" },
		{ "ext4 e1000 dead face: fs error", "ext4 e1000 dead face: fs error" },
		{ "corrupted in: foo+0x1a/0x40 [mymod] now", "corrupted in: foo now" },
		{ "in: foo+0x1a/0x40 [mymod 0123abcd]", "in: foo" },
		{ "bar+0x1a/0x40", "bar" },
		{ "a+0x/0x1 b", "a+0x/N b" },
		{ "Oops: 0002 [#1] PREEMPT SMP NOPTI", "Oops: N [#N] PREEMPT SMP NOPTI" },
		{ "  tabs\tand\nnewlines\r\n  ", "tabs and newlines" },
		{ "caf\xc3\xa9 \x01 x", "caf?? x" },
		{ "", "" },
	};
	char out[KC_TITLE_MSG_MAX + 1], big[600];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kc_title_message(cases[i].in, out, sizeof(out));
		assert_string_equal(out, cases[i].out);
	}
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	kc_title_message(big, out, sizeof(out));
	assert_int_equal(strlen(out), KC_TITLE_MSG_MAX);
	kc_title_message(big, out, 5);
	assert_string_equal(out, "xxxx");
}

/* FNV-1a 64 test vectors, and the signature's bytes as documented. */
static void test_fnv1a_and_what_is_hashed(void **state)
{
	static const char *const syms[] = {
		"panic+0x13d/0x2f4", "kcrumbs_PANIC+0x11/0x242 [kcrumbs_trigger]",
		"crash_thread+0x2f/0x50 [kcrumbs_trigger]", "kthread+0xda/0x100",
		"ret_from_fork+0x22/0x30", NULL,
	};
	static const char bytes[] = "panic\0panic: kcrumbs: PANIC trigger in "
				    "kcrumbs_PANIC\0crash_thread";
	struct kc_signature s;
	char want[17];

	(void)state;
	assert_true(kc_fnv1a(KC_FNV_BASIS, "", 0) == 0xcbf29ce484222325ull);
	assert_true(kc_fnv1a(KC_FNV_BASIS, "a", 1) == 0xaf63dc4c8601ec8cull);
	assert_true(kc_fnv1a(KC_FNV_BASIS, "foobar", 6) == 0x85944171f73967e8ull);

	s = sig(KCRUMBS_CAUSE_PANIC, "kcrumbs: PANIC trigger", syms);
	assert_string_equal(s.title, "panic: kcrumbs: PANIC trigger in kcrumbs_PANIC");
	assert_string_equal(s.culprit, "kcrumbs_PANIC");
	assert_string_equal(s.more[0], "crash_thread");
	assert_string_equal(s.more[1], "");	/* kthread, ret_from_fork: plumbing */
	assert_int_equal(s.hashed, 1);
	/* cause NUL title NUL, each name after the culprit NUL */
	snprintf(want, sizeof(want), "%016llx",
		 (unsigned long long)kc_fnv1a(KC_FNV_BASIS, bytes, sizeof(bytes)));
	assert_string_equal(s.hash, want);
	assert_int_equal(strlen(s.hash), 16);
}

/* The same bug on another boot, kernel build or module load: the same. */
static void test_same_bug_same_signature(void **state)
{
	static const char *const a[] = {
		"panic+0x13d/0x2f4", "kcrumbs_null_deref+0x5/0x20 [kcrumbs_trigger]",
		"kcrumbs_EXCEPTION+0x9/0x10 [kcrumbs_trigger]",
		"crash_thread+0x2f/0x50 [kcrumbs_trigger]", NULL,
	};
	static const char *const b[] = {	/* another build: offsets, clones */
		"vpanic+0x259/0x440", "panic+0x6b/0x70",
		"kcrumbs_null_deref.cold+0x7/0x30 [kcrumbs_trigger 0123456789abcdef]",
		"? stale_entry+0x1/0x2",
		"kcrumbs_EXCEPTION.isra.0+0xb/0x14 [kcrumbs_trigger 0123456789abcdef]",
		"crash_thread.constprop.0+0x33/0x60 [kcrumbs_trigger 0123456789abcdef]",
		"kthread+0x1/0x2", NULL,
	};
	struct kc_signature x, y;
	struct kc_rec *e;

	(void)state;
	x = sig(KCRUMBS_CAUSE_OOPS, "BUG: kernel NULL pointer dereference, address: "
		"0000000000000000", a);
	e = event(KCRUMBS_CAUSE_OOPS, "BUG: kernel NULL pointer dereference, address: "
		  "0000000000000008", b);
	e->frames[2].addr = 0xffffffffc0a01234ull;	/* KASLR */
	e->ip = 0xffffffffc0a01234ull;
	kc_signature(e, &y);
	assert_string_equal(x.title, "BUG: kernel NULL pointer dereference in kcrumbs_null_deref");
	assert_string_equal(y.title, x.title);
	assert_string_equal(y.hash, x.hash);
	assert_int_equal(x.hashed, 2);
	assert_int_equal(y.hashed, 2);
}

/* Another cause, culprit or caller: another signature. */
static void test_different_bugs_differ(void **state)
{
	static const char *const a[] = { "panic+0x1/0x2", "foo+0x1/0x2",
					 "bar+0x1/0x2", "baz+0x1/0x2", NULL };
	static const char *const b[] = { "panic+0x1/0x2", "qux+0x1/0x2",
					 "bar+0x1/0x2", "baz+0x1/0x2", NULL };
	static const char *const c[] = { "panic+0x1/0x2", "foo+0x1/0x2",
					 "bar+0x1/0x2", "other+0x1/0x2", NULL };
	struct kc_signature s1, s2, s3, s4, s5;

	(void)state;
	s1 = sig(KCRUMBS_CAUSE_WARN, "panic_on_warn set ...", a);
	s2 = sig(KCRUMBS_CAUSE_WARN, "panic_on_warn set ...", b);
	s3 = sig(KCRUMBS_CAUSE_WARN, "panic_on_warn set ...", c);
	s4 = sig(KCRUMBS_CAUSE_SOFT_LOCKUP, "softlockup: hung tasks", a);
	s5 = sig(KCRUMBS_CAUSE_PANIC, "panic_on_warn set ...", a);
	assert_string_equal(s1.title, "WARNING in foo");
	assert_string_equal(s2.title, "WARNING in qux");
	assert_string_equal(s3.title, "WARNING in foo");
	assert_string_equal(s4.title, "BUG: soft lockup in foo");
	assert_string_not_equal(s1.hash, s2.hash);
	assert_string_not_equal(s1.hash, s3.hash);	/* the callers differ */
	assert_string_not_equal(s1.hash, s4.hash);
	assert_string_not_equal(s1.hash, s5.hash);
	/* the cause is hashed even when the title is the same */
	s4 = sig(KCRUMBS_CAUSE_STACK_OVERFLOW, "", a);
	s5 = sig(KCRUMBS_CAUSE_OOPS, "BUG: stack guard page was hit at 0x1", a);
	assert_string_equal(s4.title, s5.title);
	assert_string_not_equal(s4.hash, s5.hash);
}

/*
 * A sysrq crash: panic is plumbing, sysrq_handle_crash the culprit; the
 * title does not name it (it always is that function), and the stack
 * below it (a write to /proc/sysrq-trigger, the keyboard) is not hashed.
 */
static void test_sysrq_skips_plumbing(void **state)
{
	static const char *const proc[] = {
		"panic+0x13d/0x2f4", "sysrq_handle_crash+0x16/0x20",
		"__handle_sysrq.cold+0x44/0x11c", "write_sysrq_trigger+0x24/0x40",
		"proc_reg_write+0x56/0xa0", NULL,
	};
	static const char *const kbd[] = {
		"vpanic+0x1/0x2", "panic+0x6b/0x70", "sysrq_handle_crash+0x1a/0x20",
		"__handle_sysrq+0x90/0x1a0", "sysrq_filter+0x3a/0x3f0", NULL,
	};
	struct kc_signature a, b;

	(void)state;
	a = sig(KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", proc);
	b = sig(KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", kbd);
	assert_string_equal(a.title, "sysrq: triggered crash");
	assert_string_equal(a.culprit, "sysrq_handle_crash");
	assert_string_equal(a.more[0], "__handle_sysrq");
	assert_string_equal(a.more[1], "write_sysrq_trigger");
	assert_int_equal(a.hashed, 0);
	assert_string_equal(a.hash, b.hash);
}

/* The recorder's own frames ([kcrumbs]) and tracing are never the culprit. */
static void test_recorder_and_tracing_skipped(void **state)
{
	static const char *const syms[] = {
		"kcrumbs_record_crash+0x50/0x100 [kcrumbs]",
		"tp_warn_cb+0x10/0x20 [kcrumbs 0123abcd]",
		"trace_error_report_end+0x5/0x10", "__traceiter_error_report_end+0x1/0x2",
		"__warn+0x7d/0x130", "report_bug+0xe6/0x170", "handle_bug+0x41/0x70",
		"exc_invalid_op+0x13/0x60", "asm_exc_invalid_op+0x16/0x20",
		"kcrumbs_WARNING+0x10/0x20 [kcrumbs_trigger]",
		"crash_thread+0x2f/0x50 [kcrumbs_trigger]", NULL,
	};
	struct kc_signature s;

	(void)state;
	s = sig(KCRUMBS_CAUSE_WARN, "", syms);
	assert_string_equal(s.culprit, "kcrumbs_WARNING");
	assert_string_equal(s.title, "WARNING in kcrumbs_WARNING");
	assert_string_equal(s.more[0], "crash_thread");
}

/* Every cause's title: the table, with and without a culprit. */
static void test_titles(void **state)
{
	static const char *const f[] = { "panic+0x1/0x2", "culprit_fn+0x1/0x2 [m]",
					 "caller+0x1/0x2", NULL };
	static const char in_f[] = " in culprit_fn";
	static const struct {
		unsigned int cause;
		const char *msg, *title;	/* without frames: no " in culprit_fn" */
	} cases[] = {
		{ KCRUMBS_CAUSE_OOPS, "BUG: kernel NULL pointer dereference, address: 0000000000000000",
		  "BUG: kernel NULL pointer dereference in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "BUG: unable to handle page fault for address: ffffc90000a3bfd8",
		  "BUG: unable to handle kernel paging request in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "BUG: unable to handle kernel paging request at ffff",
		  "BUG: unable to handle kernel paging request in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "kernel BUG at mm/slub.c:379!", "kernel BUG in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "general protection fault, probably for non-canonical "
		  "address 0xdffffc0000000000", "general protection fault in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "invalid opcode", "invalid opcode in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "BUG: stack guard page was hit at 00000000",
		  "BUG: stack guard page was hit in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "stack guard page", "BUG: stack guard page was hit in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "double fault", "double fault in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "Oops", "Oops in culprit_fn" },
		{ KCRUMBS_CAUSE_OOPS, "", "Oops in culprit_fn" },
		{ KCRUMBS_CAUSE_WARN, "panic_on_warn set ...", "WARNING in culprit_fn" },
		{ KCRUMBS_CAUSE_SOFT_LOCKUP, "softlockup: hung tasks", "BUG: soft lockup in culprit_fn" },
		{ KCRUMBS_CAUSE_HARD_LOCKUP, "Hard LOCKUP", "BUG: hard lockup in culprit_fn" },
		{ KCRUMBS_CAUSE_HUNG_TASK, "hung_task: blocked tasks", "INFO: task hung in culprit_fn" },
		{ KCRUMBS_CAUSE_RCU_STALL, "RCU Stall", "INFO: rcu detected stall in culprit_fn" },
		{ KCRUMBS_CAUSE_OOM, "Out of memory: system-wide panic_on_oom is enabled",
		  "out of memory: panic_on_oom" },
		{ KCRUMBS_CAUSE_OOM_DEADLOCK, "System is deadlocked on memory",
		  "out of memory: system is deadlocked on memory" },
		{ KCRUMBS_CAUSE_OOM_KILL, "Out of memory: Killed process 812 (stress)",
		  "out of memory: OOM kill in culprit_fn" },
		{ KCRUMBS_CAUSE_STACK_CORRUPT, "stack-protector: Kernel stack is corrupted in: "
		  "culprit_fn+0x40/0x40 [m]", "stack-protector: kernel stack is corrupted in culprit_fn" },
		{ KCRUMBS_CAUSE_STACK_OVERFLOW, "kernel stack overflow",
		  "BUG: stack guard page was hit in culprit_fn" },
		{ KCRUMBS_CAUSE_DOUBLE_FAULT, "double fault", "double fault in culprit_fn" },
		{ KCRUMBS_CAUSE_MCE, "Fatal machine check", "machine check: Fatal machine check" },
		{ KCRUMBS_CAUSE_MCE, "", "machine check" },
		{ KCRUMBS_CAUSE_NMI_UNKNOWN, "", "NMI: unknown reason" },
		{ KCRUMBS_CAUSE_NMI_SERR, "NMI: Not continuing", "NMI: PCI system error (SERR)" },
		{ KCRUMBS_CAUSE_NMI_IOCHK, "NMI IOCK error: Not continuing", "NMI: IOCK error" },
		{ KCRUMBS_CAUSE_KILL_INIT, "Attempted to kill init! exitcode=0x00000009",
		  "Attempted to kill init" },
		{ KCRUMBS_CAUSE_KILL_IDLE, "Attempted to kill the idle task!",
		  "Attempted to kill the idle task" },
		{ KCRUMBS_CAUSE_WARN_LIMIT, "Warned too often (kernel.warn_limit is 10)",
		  "panic: warn_limit reached" },
		{ KCRUMBS_CAUSE_OOPS_LIMIT, "Oopsed too often (kernel.oops_limit is 10000)",
		  "panic: oops_limit reached" },
		{ KCRUMBS_CAUSE_TAINT, "panic_on_taint set ...", "panic: panic_on_taint" },
		{ KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", "sysrq: triggered crash" },
		{ KCRUMBS_CAUSE_PANIC, "VFS: Unable to mount root fs on unknown-block(0,0)",
		  "panic: VFS: Unable to mount root fs on unknown-block(N,N) in culprit_fn" },
		{ KCRUMBS_CAUSE_PANIC, "", "panic in culprit_fn" },
		{ KCRUMBS_CAUSE_SELFTEST, "BREADCRUMB_ALL_CPUS", "selftest" },
		{ KCRUMBS_CAUSE_UNKNOWN, "what", "unknown crash: what in culprit_fn" },
		{ 999, "", "unknown crash in culprit_fn" },
	};
	struct kc_signature s;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = sig(cases[i].cause, cases[i].msg, f);
		assert_string_equal(s.title, cases[i].title);
		assert_int_equal(strlen(s.hash), 16);
		s = sig(cases[i].cause, cases[i].msg, NULL);
		n = strlen(cases[i].title);
		if (n > strlen(in_f) && !strcmp(cases[i].title + n - strlen(in_f), in_f))
			n -= strlen(in_f);
		assert_int_equal(strlen(s.title), n);
		assert_memory_equal(s.title, cases[i].title, n);
		assert_string_equal(s.culprit, "");
	}
}

/* Titles without the function hash no frames: one NMI, one signature. */
static void test_no_function_no_frames_hashed(void **state)
{
	static const char *const a[] = { "default_idle+0x1/0x2", "cpu_idle+0x1/0x2", NULL };
	static const char *const b[] = { "copy_page+0x1/0x2", "do_wp_page+0x1/0x2", NULL };
	struct kc_signature x, y;

	(void)state;
	x = sig(KCRUMBS_CAUSE_NMI_UNKNOWN, "", a);
	y = sig(KCRUMBS_CAUSE_NMI_UNKNOWN, "", b);
	assert_string_equal(x.hash, y.hash);
	assert_int_equal(x.hashed, 0);
	assert_string_equal(x.culprit, "default_idle");
}

/* No frames, all plumbing, all "?": a title and a signature all the same. */
static void test_no_frames(void **state)
{
	static const char *const plumb[] = { "panic+0x1/0x2", "? foo+0x1/0x2",
					     "0xffffffffc0001234", "", NULL };
	struct kc_signature a, b;

	(void)state;
	a = sig(KCRUMBS_CAUSE_OOPS, "Oops", NULL);
	b = sig(KCRUMBS_CAUSE_OOPS, "Oops", plumb);
	assert_string_equal(a.title, "Oops");
	assert_string_equal(a.hash, b.hash);
	assert_int_equal(strspn(a.hash, "0123456789abcdef"), 16);
	assert_true(a.value != 0);
}

static void assert_printable(const char *s, size_t max)
{
	size_t n = strlen(s), i;

	assert_true(n < max);
	for (i = 0; i < n; i++)
		assert_true(s[i] >= 0x20 && s[i] < 0x7f);
}

/* Hostile events: never past a buffer, always one printable line. */
static void test_hostile(void **state)
{
	static struct kc_rec e;
	struct kc_signature s;
	unsigned int i;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.cause = KCRUMBS_CAUSE_PANIC;
	memset(e.msg, '\n', sizeof(e.msg) - 1);
	kc_signature(&e, &s);
	assert_string_equal(s.title, "panic");
	for (i = 0; i < sizeof(e.msg) - 1; i++)
		e.msg[i] = (char)(i % 255 + 1);
	e.nr_frames = KC_MAX_FRAMES;
	for (i = 0; i < KC_MAX_FRAMES; i++) {
		memset(e.frames[i].sym, 'a' + i % 26, KC_SYM_MAX - 1);	/* no '+', no NUL room left */
		e.frames[i].sym[KC_SYM_MAX - 1] = '\0';
	}
	kc_signature(&e, &s);
	assert_printable(s.title, KC_TITLE_MAX);
	assert_int_equal(strlen(s.culprit), KC_SYM_MAX - 1);
	assert_true(strstr(s.title, " in aaaa") != NULL);
	e.nr_frames = 65535;	/* more than decoded: only those are read */
	kc_signature(&e, &s);
	assert_printable(s.title, KC_TITLE_MAX);
	e.cause = 0xffff;
	kc_signature(&e, &s);
	assert_printable(s.title, KC_TITLE_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_function_names),
		cmocka_unit_test(test_plumbing),
		cmocka_unit_test(test_title_message),
		cmocka_unit_test(test_fnv1a_and_what_is_hashed),
		cmocka_unit_test(test_same_bug_same_signature),
		cmocka_unit_test(test_different_bugs_differ),
		cmocka_unit_test(test_sysrq_skips_plumbing),
		cmocka_unit_test(test_recorder_and_tracing_skipped),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_no_function_no_frames_hashed),
		cmocka_unit_test(test_no_frames),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests_name("signature", tests, NULL, NULL);
}
