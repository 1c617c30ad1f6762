// SPDX-License-Identifier: GPL-2.0
/* A crash's title and signature (signature.h). Pure: no I/O. */
#include <stdio.h>
#include <string.h>

#include "signature.h"

/*
 * Frames that say how the kernel died, not where the crash was: panic and
 * kdump, die and its traps, WARN and BUG, page faults, stack overflows and
 * double faults, the watchdogs (soft and hard lockup, hung tasks, RCU
 * stalls) and the timer and perf NMI paths they run from, NMIs, machine
 * checks, the OOM killer and the page allocator's slow path, the
 * scheduler's and locks' ways to sleep (a hung task's stack), and the
 * entry points every kernel thread and system call starts from.
 */
static const char *const plumbing[] = {
	/* panic and kdump */
	"panic", "vpanic", "nmi_panic", "__crash_kexec", "crash_kexec",
	"check_panic_on_warn", "check_panic_on_oom", "add_taint",
	/* die and the traps that call it */
	"oops_begin", "oops_end", "die", "__die", "__die_body", "die_addr",
	"do_trap", "do_error_trap", "handle_bug", "exc_invalid_op",
	"asm_exc_invalid_op", "handle_invalid_op",
	"exc_general_protection", "asm_exc_general_protection",
	/* WARN and BUG */
	"report_bug", "__report_bug", "report_bug_entry", "__warn",
	"warn_slowpath_fmt", "__warn_printk",
	/* page faults */
	"exc_page_fault", "asm_exc_page_fault", "page_fault_oops",
	"kernelmode_fixup_or_oops", "__bad_area_nosemaphore",
	"bad_area_nosemaphore", "do_user_addr_fault", "handle_page_fault",
	"do_kern_addr_fault",
	/* stack overflow, double fault, stack protector */
	"exc_double_fault", "asm_exc_double_fault", "handle_stack_overflow",
	"__stack_chk_fail",
	/* the soft lockup watchdog and the timer interrupt it runs from */
	"watchdog_timer_fn", "__run_hrtimer", "__hrtimer_run_queues", "hrtimer_interrupt",
	"__sysvec_apic_timer_interrupt", "sysvec_apic_timer_interrupt",
	"asm_sysvec_apic_timer_interrupt",
	/* the hard lockup watchdog and the perf NMI it runs from */
	"watchdog_overflow_callback", "watchdog_hardlockup_check",
	"watchdog_buddy_check_hardlockup", "__perf_event_overflow",
	"perf_event_overflow", "handle_pmi_common", "intel_pmu_handle_irq",
	"x86_pmu_handle_irq", "amd_pmu_handle_irq", "amd_pmu_v2_handle_irq",
	"perf_event_nmi_handler",
	/* NMIs */
	"nmi_handle", "default_do_nmi", "exc_nmi", "asm_exc_nmi",
	"end_repeat_nmi", "repeat_nmi", "unknown_nmi_error", "pci_serr_error",
	"io_check_error",
	/* machine checks */
	"mce_panic", "do_machine_check", "exc_machine_check",
	"asm_exc_machine_check", "noist_exc_machine_check", "mce_reign",
	"mce_end",
	/* a task dying */
	"make_task_dead", "do_exit", "rewind_stack_and_make_dead",
	"rewind_stack_do_exit",
	/* stack dumps */
	"dump_stack", "dump_stack_lvl", "show_stack",
	/* out of memory */
	"out_of_memory", "oom_kill_process", "__oom_kill_process",
	"mark_victim", "mark_oom_victim", "__alloc_pages_slowpath", "__alloc_pages",
	"__alloc_pages_noprof", "__alloc_frozen_pages_noprof",
	/* the page allocator's entry points, 6.1 to 7.x */
	"alloc_pages", "alloc_pages_mpol", "alloc_pages_node", "__get_free_pages",
	"get_zeroed_page", "__folio_alloc", "folio_alloc", "vma_alloc_folio",
	"alloc_pages_current", "__alloc_pages_nodemask",
	/* hung tasks: khungtaskd's loop */
	"check_hung_uninterruptible_tasks", "check_hung_task", "watchdog",
	/* RCU stalls and the scheduler tick they are found in */
	"rcu_sched_clock_irq", "panic_on_rcu_stall", "print_other_cpu_stall",
	"print_cpu_stall", "check_cpu_stall", "rcu_pending",
	"update_process_times", "tick_sched_handle", "tick_sched_timer",
	"tick_nohz_handler",
	/* sleeping: where a hung task waits, not why */
	"__schedule", "schedule", "schedule_timeout", "io_schedule",
	"schedule_preempt_disabled", "io_schedule_timeout",
	"schedule_timeout_uninterruptible", "schedule_timeout_interruptible",
	"schedule_timeout_killable", "schedule_timeout_idle", "msleep",
	"msleep_interruptible", "schedule_hrtimeout_range",
	"schedule_hrtimeout_range_clock", "usleep_range_state",
	/* where every kernel thread starts */
	"kthread", "ret_from_fork", "ret_from_fork_asm",
};

/*
 * Prefixes of plumbing: tracing (a tracepoint hook's own frames) and
 * perf's trace events.
 */
static const char *const plumbing_prefixes[] = {
	"trace_", "__traceiter_", "perf_trace_",
};

/* The recorder's own module: its frames are never the crash's. */
#define KC_OWN_MODULE "kcrumbs"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

int kc_is_plumbing(const char *name)
{
	size_t i, n;

	for (i = 0; i < ARRAY_LEN(plumbing); i++)
		if (!strcmp(name, plumbing[i]))
			return 1;
	for (i = 0; i < ARRAY_LEN(plumbing_prefixes); i++)
		if (!strncmp(name, plumbing_prefixes[i], strlen(plumbing_prefixes[i])))
			return 1;
	/* 6.10+: allocators behind memory allocation profiling's wrappers */
	n = strlen(name);
	if (n > 7 && !strcmp(name + n - 7, "_noprof"))
		return 1;
	return 0;
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

size_t kc_sym_function(const char *sym, char *out, size_t len)
{
	size_t n = 0;

	while (*sym == ' ')
		sym++;
	if (is_digit(*sym))	/* "?" marks, bare addresses: no name */
		sym = "";
	while (is_name_char(sym[n]))
		n++;
	if (n >= len)
		n = len - 1;
	memcpy(out, sym, n);
	out[n] = '\0';
	return n;
}

/* Is the frame's module (" [mod]" or " [mod buildid]") the recorder's? */
static int in_own_module(const char *sym)
{
	const char *m = strstr(sym, " [");
	size_t n = strlen(KC_OWN_MODULE);

	return m && !strncmp(m + 2, KC_OWN_MODULE, n) &&
	       (m[2 + n] == ']' || m[2 + n] == ' ');
}

/*
 * A symbol's offset at @p, "+0x1a/0x40", with the module after it, if
 * any (" [mod]", " [mod buildid]"): its length, or 0.
 */
static size_t offset_len(const char *p)
{
	size_t n = 0, m;
	int part;

	for (part = 0; part < 2; part++) {
		if (p[n] != (part ? '/' : '+') || p[n + 1] != '0' || p[n + 2] != 'x' ||
		    !is_hex(p[n + 3]))
			return 0;
		for (n += 3; is_hex(p[n]); n++)
			;
	}
	if (p[n] != ' ' || p[n + 1] != '[')
		return n;
	for (m = n + 2; is_name_char(p[m]) || p[m] == ' '; m++)
		;
	return p[m] == ']' ? m + 1 : n;
}

/*
 * A word that changes from one boot or machine to the next: a number, a
 * 0x hex number, or a run of 4 or more hex digits with a digit in it
 * that starts with a digit or is 8 or more long (an address, a mask).
 * "ext4", "e1000", "dead" stay.
 */
static int is_number(const char *w, size_t n)
{
	size_t i, digits = 0;

	if (n > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
		for (i = 2; i < n && is_hex(w[i]); i++)
			;
		if (i == n)
			return 1;
	}
	for (i = 0; i < n && is_hex(w[i]); i++)
		digits += is_digit(w[i]);
	if (i < n)
		return 0;
	if (digits == n)
		return 1;
	return n >= 4 && digits && (is_digit(w[0]) || n >= 8);
}

/* Append @n bytes of @s to @out (length *@o, room @len), as room allows. */
static void put(char *out, size_t len, size_t *o, const char *s, size_t n)
{
	if (n > len - 1 - *o)
		n = len - 1 - *o;
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
}

void kc_title_message(const char *msg, char *out, size_t len)
{
	const char *p = msg;
	size_t o = 0, n;
	int space = 0;

	if (len > KC_TITLE_MSG_MAX + 1)
		len = KC_TITLE_MSG_MAX + 1;
	out[0] = '\0';
	while (*p && o + 1 < len) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c == 0x7f) {
			space = o > 0;
			p++;
			continue;
		}
		if (space) {
			put(out, len, &o, " ", 1);
			space = 0;
		}
		if (c == '+' && (n = offset_len(p))) {
			p += n;
		} else if (is_name_char((char)c)) {
			for (n = 0; is_name_char(p[n]); n++)
				;
			if (is_number(p, n))
				put(out, len, &o, "N", 1);
			else
				put(out, len, &o, p, n);
			p += n;
		} else {
			put(out, len, &o, c < 0x80 ? p : "?", 1);
			p++;
		}
	}
}

uint64_t kc_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

/* How a title is made. */
enum {
	T_IN_F = 0x1,	/* " in CULPRIT" ends it, and the frames are hashed */
	T_MSG = 0x2,	/* ": MESSAGE" follows the text, when there is one */
};

struct title_rule {
	unsigned int cause;
	const char *prefix;	/* the message starts so; NULL: any */
	const char *text;
	unsigned int how;
};

/* The first rule of the event's cause whose prefix matches. */
static const struct title_rule rules[] = {
	{ KCRUMBS_CAUSE_OOPS, "BUG: kernel NULL pointer dereference",
	  "BUG: kernel NULL pointer dereference", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "BUG: unable to handle page fault",
	  "BUG: unable to handle kernel paging request", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "BUG: unable to handle kernel paging request",
	  "BUG: unable to handle kernel paging request", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "kernel BUG at", "kernel BUG", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "general protection fault",
	  "general protection fault", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "invalid opcode", "invalid opcode", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "BUG: stack guard page was hit",
	  "BUG: stack guard page was hit", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "stack guard page",
	  "BUG: stack guard page was hit", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "kernel stack overflow",
	  "BUG: stack guard page was hit", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, "double fault", "double fault", T_IN_F },
	{ KCRUMBS_CAUSE_OOPS, NULL, "Oops", T_IN_F },
	{ KCRUMBS_CAUSE_WARN, NULL, "WARNING", T_IN_F },
	{ KCRUMBS_CAUSE_SOFT_LOCKUP, NULL, "BUG: soft lockup", T_IN_F },
	{ KCRUMBS_CAUSE_HARD_LOCKUP, NULL, "BUG: hard lockup", T_IN_F },
	{ KCRUMBS_CAUSE_HUNG_TASK, NULL, "INFO: task hung", T_IN_F },
	{ KCRUMBS_CAUSE_RCU_STALL, NULL, "INFO: rcu detected stall", T_IN_F },
	{ KCRUMBS_CAUSE_OOM, NULL, "out of memory: panic_on_oom", 0 },
	{ KCRUMBS_CAUSE_OOM_DEADLOCK, NULL,
	  "out of memory: system is deadlocked on memory", 0 },
	{ KCRUMBS_CAUSE_OOM_KILL, NULL, "out of memory: OOM kill", T_IN_F },
	{ KCRUMBS_CAUSE_STACK_CORRUPT, NULL,
	  "stack-protector: kernel stack is corrupted", T_IN_F },
	{ KCRUMBS_CAUSE_STACK_OVERFLOW, NULL, "BUG: stack guard page was hit",
	  T_IN_F },
	{ KCRUMBS_CAUSE_DOUBLE_FAULT, NULL, "double fault", T_IN_F },
	{ KCRUMBS_CAUSE_MCE, NULL, "machine check", T_MSG },
	{ KCRUMBS_CAUSE_NMI_UNKNOWN, NULL, "NMI: unknown reason", 0 },
	{ KCRUMBS_CAUSE_NMI_SERR, NULL, "NMI: PCI system error (SERR)", 0 },
	{ KCRUMBS_CAUSE_NMI_IOCHK, NULL, "NMI: IOCK error", 0 },
	{ KCRUMBS_CAUSE_KILL_INIT, NULL, "Attempted to kill init", 0 },
	{ KCRUMBS_CAUSE_KILL_IDLE, NULL, "Attempted to kill the idle task", 0 },
	{ KCRUMBS_CAUSE_WARN_LIMIT, NULL, "panic: warn_limit reached", 0 },
	{ KCRUMBS_CAUSE_OOPS_LIMIT, NULL, "panic: oops_limit reached", 0 },
	{ KCRUMBS_CAUSE_TAINT, NULL, "panic: panic_on_taint", 0 },
	/* always sysrq_handle_crash: naming it says nothing more */
	{ KCRUMBS_CAUSE_SYSRQ, NULL, "sysrq: triggered crash", 0 },
	{ KCRUMBS_CAUSE_PANIC, NULL, "panic", T_MSG | T_IN_F },
	{ KCRUMBS_CAUSE_SELFTEST, NULL, "selftest", 0 },
};

/* A cause without a rule: unknown, or newer than this reader. */
static const struct title_rule unknown_rule = {
	KCRUMBS_CAUSE_UNKNOWN, NULL, "unknown crash", T_MSG | T_IN_F,
};

static const struct title_rule *rule_for(const struct kc_rec *e)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(rules); i++)
		if (rules[i].cause == e->cause &&
		    (!rules[i].prefix ||
		     !strncmp(e->msg, rules[i].prefix, strlen(rules[i].prefix))))
			return &rules[i];
	return &unknown_rule;
}

/* Frame @i's function name into @name, when it names one that counts. */
static int counts(const struct kc_rec *e, unsigned int i, char *name)
{
	return kc_sym_function(e->frames[i].sym, name, KC_FUNC_MAX) &&
	       !kc_is_plumbing(name) && !in_own_module(e->frames[i].sym);
}

static unsigned int nr_frames(const struct kc_rec *e)
{
	return e->nr_frames < KC_MAX_FRAMES ? e->nr_frames : KC_MAX_FRAMES;
}

int kc_culprit_frame(const struct kc_rec *e)
{
	char name[KC_FUNC_MAX];
	unsigned int i;

	for (i = 0; i < nr_frames(e); i++)
		if (counts(e, i, name))
			return (int)i;
	return -1;
}

/* The culprit and the names after it: frames that are not plumbing. */
static void find_functions(const struct kc_rec *e, struct kc_signature *s)
{
	char name[KC_FUNC_MAX];
	unsigned int i, found = 0;

	for (i = 0; i < nr_frames(e) && found < 1 + KC_SIG_MORE; i++) {
		if (!counts(e, i, name))
			continue;
		memcpy(found ? s->more[found - 1] : s->culprit, name, sizeof(name));
		found++;
	}
}

static void make_title(const struct kc_rec *e, const struct title_rule *r,
		       struct kc_signature *s)
{
	char msg[KC_TITLE_MSG_MAX + 1] = "";
	size_t o = 0;

	s->title[0] = '\0';
	put(s->title, sizeof(s->title), &o, r->text, strlen(r->text));
	if (r->how & T_MSG)
		kc_title_message(e->msg, msg, sizeof(msg));
	if (msg[0]) {
		put(s->title, sizeof(s->title), &o, ": ", 2);
		put(s->title, sizeof(s->title), &o, msg, strlen(msg));
	}
	if ((r->how & T_IN_F) && s->culprit[0]) {
		put(s->title, sizeof(s->title), &o, " in ", 4);
		put(s->title, sizeof(s->title), &o, s->culprit, strlen(s->culprit));
	}
}

void kc_signature(const struct kc_rec *e, struct kc_signature *s)
{
	const struct title_rule *r = rule_for(e);
	const char *cause = kc_cause_name(e->cause);
	uint64_t h = KC_FNV_BASIS;
	unsigned int i;

	memset(s, 0, sizeof(*s));
	find_functions(e, s);
	make_title(e, r, s);
	h = kc_fnv1a(h, cause, strlen(cause) + 1);
	h = kc_fnv1a(h, s->title, strlen(s->title) + 1);
	for (i = 0; (r->how & T_IN_F) && s->culprit[0] && i < KC_SIG_MORE &&
		    s->more[i][0]; i++) {
		h = kc_fnv1a(h, s->more[i], strlen(s->more[i]) + 1);
		s->hashed++;
	}
	s->value = h;
	snprintf(s->hash, sizeof(s->hash), "%016llx", (unsigned long long)h);
}
