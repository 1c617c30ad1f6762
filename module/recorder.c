// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: writing breadcrumbs from panic, die and NMI context.
 *
 * Rules of this file: no sleeping, no allocation, no lock, no printk.
 * Everything is written into the region's pre-allocated slots. A per-CPU
 * guard stops a fault inside the recorder from recursing into it, without
 * silencing the CPU once the faulting task is gone (see guard_enter()).
 *
 * One crash, one event. The die notifier and the NMI handler are the
 * first to see a crash: they always record. The final hooks (the
 * __crash_kexec kprobe, the panic notifier) join the event their CPU
 * recorded if it is the same crash: the same registers (an oops hands
 * them to crash_kexec()), a panic message of the same kind ("Fatal
 * exception" after an oops, "NMI: Not continuing" after an NMI), no
 * message at all, or a final hook that already ran on this CPU. Else,
 * such as a sysrq crash after an NMI the kernel survived, they record a
 * new event. The first fatal hook records the log tail, once, after its
 * event, and marks the boot crashed: an event alone (an oops or an NMI the
 * kernel survived, a self-test) never does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/hardirq.h>
#include <linux/kallsyms.h>
#include <linux/kmsg_dump.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "recorder.h"
#include "region.h"
#include "unwind.h"

#define KCRUMBS_MAX_FRAMES	32
#define KCRUMBS_SAME_CRASH_NS	(10ULL * NSEC_PER_SEC)
#define KCRUMBS_MSG_MAX		256
/* the largest log tail: a 64 KiB slot less its record header */
#define KCRUMBS_TAIL_MAX	(64 * 1024)

/*
 * @busy: a recorder runs on this CPU, entered by @holder (pid @holder_pid)
 *	at context level @level (see ctx_level())
 * @event_seq: this CPU's last event, + 1 (0: none)
 * @event_ns: when it was recorded
 * @event_regs: the registers it was handed
 * @event_cause: its cause
 * @final_seq: the event a fatal hook recorded or joined on this CPU, + 1
 */
struct cpu_state {
	bool busy;
	int level;
	struct task_struct *holder;
	pid_t holder_pid;
	u64 event_seq;
	u64 event_ns;
	struct pt_regs *event_regs;
	enum kcrumbs_cause event_cause;
	u64 final_seq;
};

static DEFINE_PER_CPU(struct cpu_state, cpu_state);
static atomic_t log_tail_done = ATOMIC_INIT(0);
/* the log, read once by the first fatal hook before its event is written */
static char log_scratch[KCRUMBS_TAIL_MAX];
static atomic64_t nested = ATOMIC64_INIT(0);
static atomic64_t recovered = ATOMIC64_INIT(0);

/* The panic message, when the hook did not get it: from the log. */
static const char panic_prefix[] = "Kernel panic - not syncing: ";

/* Causes told by the panic message: the first match wins. */
static const struct {
	const char *needle;
	enum kcrumbs_cause cause;
} msg_causes[] = {
	{ "sysrq triggered crash", KCRUMBS_CAUSE_SYSRQ },
	{ "softlockup: hung tasks", KCRUMBS_CAUSE_SOFT_LOCKUP },
	{ "Hard LOCKUP", KCRUMBS_CAUSE_HARD_LOCKUP },
	{ "hung_task: blocked tasks", KCRUMBS_CAUSE_HUNG_TASK },
	{ "Out of memory", KCRUMBS_CAUSE_OOM },
	{ "panic_on_warn set", KCRUMBS_CAUSE_WARN },
	{ "stack-protector:", KCRUMBS_CAUSE_STACK_CORRUPT },
	{ "RCU Stall", KCRUMBS_CAUSE_RCU_STALL },
	{ "NMI IOCK error", KCRUMBS_CAUSE_NMI_IOCHK },
	{ "NMI: Not continuing", KCRUMBS_CAUSE_NMI_UNKNOWN },
	{ "Fatal exception", KCRUMBS_CAUSE_OOPS },
};

/*
 * "NMI: Not continuing" ends both an unknown NMI and a PCI SERR one; the
 * kernel's line before it tells which (arch/x86/kernel/nmi.c). kcrumbs
 * registers no SERR or IO-check handler (a second one there makes the
 * kernel WARN): this is how those are told.
 */
static const struct {
	const char *needle;
	enum kcrumbs_cause cause;
} nmi_lines[] = {
	{ "NMI received for unknown reason", KCRUMBS_CAUSE_NMI_UNKNOWN },
	{ "NMI: PCI system error (SERR)", KCRUMBS_CAUSE_NMI_SERR },
	{ "NMI: IOCK error", KCRUMBS_CAUSE_NMI_IOCHK },
};

/* Where the last @needle in @log starts, or NULL. */
static const char *last_in(const char *log, size_t len, const char *needle)
{
	const char *found = NULL, *p = log, *end = log + len;
	size_t n = strlen(needle);

	while ((p = strnstr(p, needle, end - p))) {
		found = p;
		p += n;
	}
	return found;
}

static enum kcrumbs_cause nmi_cause_in(const char *log, size_t len,
				       enum kcrumbs_cause cause)
{
	const char *best = NULL, *at;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(nmi_lines); i++) {
		at = last_in(log, len, nmi_lines[i].needle);
		if (at && at > best) {
			best = at;
			cause = nmi_lines[i].cause;
		}
	}
	return cause;
}

static enum kcrumbs_cause cause_of(const char *msg, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(msg_causes); i++)
		if (strnstr(msg, msg_causes[i].needle, len))
			return msg_causes[i].cause;
	return KCRUMBS_CAUSE_PANIC;
}

static void fill_common(struct kcrumbs_record *rec, u16 kind, u64 seq, u64 t0)
{
	struct task_struct *t = current;

	/* magic is already 0 (reserve): zeroing it again keeps it so */
	memset(rec, 0, sizeof(*rec));
	rec->kind = cpu_to_le16(kind);
	rec->seq = cpu_to_le64(seq);
	rec->cpu = cpu_to_le32(raw_smp_processor_id());
	rec->pid = cpu_to_le32(task_pid_nr(t));
	memcpy(rec->comm, t->comm, min(sizeof(rec->comm), sizeof(t->comm)));
	rec->mono_ns = cpu_to_le64(t0);
	rec->boot_ns = cpu_to_le64(ktime_get_boot_fast_ns());
	rec->wall_ns = cpu_to_le64(ktime_get_real_fast_ns());
	rec->flags = cpu_to_le32((in_nmi() ? KCRUMBS_REC_F_NMI : 0) |
				 (in_interrupt() ? KCRUMBS_REC_F_IRQ : 0));
}

static void finish(struct kcrumbs_record *rec, size_t payload, u64 t0)
{
	u32 size = sizeof(*rec) - offsetof(struct kcrumbs_record, size) + payload;

	rec->payload_len = cpu_to_le32(payload);
	rec->size = cpu_to_le32(size);
	rec->cost_ns = cpu_to_le32(min_t(u64, ktime_get_mono_fast_ns() - t0, U32_MAX));
	kcrumbs_region_commit(rec, size);
}

/*
 * "func+0x1c/0x40" -> "func+0x1d/0x40", in place: the offset of a return
 * address looked up at address - 1. @len is the string's length and there
 * is room for one more byte. Returns the new length.
 */
static int bump_offset(char *s, int len)
{
	char *plus = strnstr(s, "+0x", len), *slash, *c, num[20];
	unsigned long off = 0;
	int n, rest;

	if (!plus)
		return len;
	slash = strnchr(plus, len - (plus - s), '/');
	if (!slash || slash - plus > 3 + 16)
		return len;
	for (c = plus + 3; c < slash; c++) {
		if (hex_to_bin(*c) < 0)
			return len;
		off = off << 4 | hex_to_bin(*c);
	}
	n = snprintf(num, sizeof(num), "%lx", off + 1);
	rest = len - (slash - s);
	memmove(plus + 3 + n, slash, rest);
	memcpy(plus + 3, num, n);
	return (plus + 3 + n + rest) - s;
}

/*
 * Append one frame with its symbol at @p; returns bytes used, 0 if full.
 * A return address may be the first byte after a call to a noreturn
 * function, that is the next function: look it up at @addr - 1 and show
 * @addr's offset, as the kernel's %pB does.
 */
static size_t put_frame(u8 *p, size_t room, unsigned long addr, bool ret)
{
	struct kcrumbs_frame f = { .addr = cpu_to_le64(addr) };
	int len;

	if (room < sizeof(f) + KSYM_SYMBOL_LEN)
		return 0;
	if (ret) {
		len = sprint_symbol((char *)p + sizeof(f), addr - 1);
		len = bump_offset((char *)p + sizeof(f), len);
	} else {
		len = sprint_symbol((char *)p + sizeof(f), addr);
	}
	f.sym_len = cpu_to_le16(len);
	memcpy(p, &f, sizeof(f));
	return sizeof(f) + len;
}

static bool in_this_module(unsigned long addr)
{
	return within_module(addr, THIS_MODULE);
}

/*
 * The stack @regs describes, from its instruction pointer on; without
 * registers, the current stack minus the recorder's own frames. Every
 * address is a return address but the first one of a stack that starts at
 * the crash's own registers (@exact).
 */
static size_t put_frames(struct kcrumbs_record *rec, u8 *p, size_t room,
			 struct pt_regs *regs, bool exact)
{
	unsigned long entries[KCRUMBS_MAX_FRAMES];
	unsigned int n, i = 0, nr = 0;
	size_t used = 0, len;

	if (regs) {
		n = kcrumbs_unwind(regs, entries, ARRAY_SIZE(entries));
	} else {
		n = stack_trace_save(entries, ARRAY_SIZE(entries), 0);
		while (i < n && in_this_module(entries[i]))
			i++;
	}
	for (; i < n; i++) {
		len = put_frame(p + used, room - used, entries[i],
				!(exact && nr == 0));
		if (!len) {
			rec->flags |= cpu_to_le32(KCRUMBS_REC_F_TRUNCATED);
			break;
		}
		used += len;
		nr++;
	}
	rec->nr_frames = cpu_to_le16(nr);
	return used;
}

static void fill_event(struct kcrumbs_record *rec, u64 seq, size_t cap,
		       enum kcrumbs_hook hook, enum kcrumbs_cause cause,
		       struct pt_regs *regs, struct pt_regs *stack,
		       const char *msg, size_t msg_len, u64 t0)
{
	size_t used;
	u8 *p;

	fill_common(rec, KCRUMBS_REC_EVENT, seq, t0);
	rec->cause = cpu_to_le16(cause);
	rec->hook = cpu_to_le32(hook);
	rec->ip = cpu_to_le64(regs ? instruction_pointer(regs) : 0);
	p = (u8 *)(rec + 1);
	msg_len = min_t(size_t, msg_len, KCRUMBS_MSG_MAX);
	memcpy(p, msg, msg_len);
	rec->msg_len = cpu_to_le16(msg_len);
	used = msg_len + put_frames(rec, p + msg_len, cap - sizeof(*rec) - msg_len,
				    stack, regs && stack == regs);
	finish(rec, used, t0);
}

/* Read the log's last lines into log_scratch, at most @room bytes. */
static size_t read_log(size_t room)
{
	struct kmsg_dump_iter iter = {};
	size_t len = 0;

	kmsg_dump_rewind(&iter);
	kmsg_dump_get_buffer(&iter, false, log_scratch,
			     min_t(size_t, room, sizeof(log_scratch)), &len);
	return len;
}

/* The log tail record, after its event (@event: its seq + 1, or 0). */
static void put_log_tail(size_t len, u64 event, u64 t0)
{
	struct kcrumbs_record *rec;
	size_t cap;
	u64 seq;

	rec = kcrumbs_region_reserve(&seq, &cap, event);
	if (!rec)
		return;
	fill_common(rec, KCRUMBS_REC_LOG_TAIL, seq, t0);
	len = min(len, cap - sizeof(*rec));
	memcpy(rec + 1, log_scratch, len);
	rec->related_seq = cpu_to_le64(event ? event - 1 : 0);
	finish(rec, len, t0);
}

/* The last panic line of @log (see panic_prefix), without its newline. */
static const char *panic_msg_in(const char *log, size_t len, size_t *msg_len)
{
	const char *found = last_in(log, len, panic_prefix), *end = log + len, *nl;

	if (!found)
		return NULL;
	found += sizeof(panic_prefix) - 1;
	nl = memchr(found, '\n', end - found);
	*msg_len = (nl ? nl : end) - found;
	return found;
}

/* Panic messages and the events they follow belong to one of these. */
static int cause_class(enum kcrumbs_cause cause)
{
	switch (cause) {
	case KCRUMBS_CAUSE_NMI_UNKNOWN:
	case KCRUMBS_CAUSE_NMI_SERR:
	case KCRUMBS_CAUSE_NMI_IOCHK:
		return KCRUMBS_CAUSE_NMI_UNKNOWN;
	default:
		return cause;
	}
}

/*
 * Is what a final hook sees the crash this CPU's last event recorded?
 * Yes when a fatal hook already ran here (the second of panic notifier and
 * __crash_kexec). Else only within seconds of the event: with registers,
 * when they are the event's (an oops hands them to crash_kexec()); without,
 * when the hook has no message of its own, or one of the same kind.
 */
static bool same_crash(const struct cpu_state *cs, struct pt_regs *regs,
		       bool has_msg, enum kcrumbs_cause cause, u64 t0)
{
	if (cs->final_seq)
		return true;
	if (!cs->event_seq || t0 - cs->event_ns > KCRUMBS_SAME_CRASH_NS)
		return false;
	if (regs)
		return regs == cs->event_regs;
	return !has_msg || cause_class(cause) == cause_class(cs->event_cause);
}

/* Record a new event; remember it as this CPU's. Returns its seq + 1. */
static u64 new_event(struct cpu_state *cs, enum kcrumbs_hook hook,
		     enum kcrumbs_cause cause, struct pt_regs *regs,
		     struct pt_regs *stack, const char *msg, size_t msg_len,
		     u64 t0)
{
	struct kcrumbs_record *ev;
	size_t cap;
	u64 seq;

	ev = kcrumbs_region_reserve(&seq, &cap, 0);
	if (!ev)
		return 0;
	fill_event(ev, seq, cap, hook, cause, regs, stack, msg ? msg : "",
		   msg ? msg_len : 0, t0);
	cs->event_seq = seq + 1;
	cs->event_ns = t0;
	cs->event_regs = regs;
	cs->event_cause = cause;
	return seq + 1;
}

/* 0 task, 1 softirq, 2 hardirq, 3 NMI: a context interrupts only lower ones. */
static int ctx_level(void)
{
	if (in_nmi())
		return 3;
	if (in_hardirq())
		return 2;
	if (in_serving_softirq())
		return 1;
	return 0;
}

/*
 * Enter the recorder on this CPU, preemption off. A recorder already busy
 * here is either interrupted by this context (a higher level: leave it
 * be, record nothing), or this is a fault inside it coming back through
 * the die notifier (the same level and task: record nothing, or it would
 * recurse), or its holder is gone: a task that died inside the recorder,
 * or an interrupt that never returned to it. Preemption is off in the
 * recorder, so nothing else leaves it busy: take it over, and count that.
 */
static bool guard_enter(struct cpu_state *cs)
{
	int level = ctx_level();

	if (cs->busy) {
		if (level > cs->level ||
		    (level == cs->level && cs->holder == current &&
		     cs->holder_pid == current->pid)) {
			atomic64_inc(&nested);
			return false;
		}
		atomic64_inc(&recovered);
	}
	cs->busy = true;
	cs->level = level;
	cs->holder = current;
	cs->holder_pid = current->pid;
	return true;
}

static void guard_exit(struct cpu_state *cs)
{
	cs->busy = false;
}

/* What a final hook does after reading the log: its event, its tail. */
static void record_final(struct cpu_state *cs, enum kcrumbs_hook hook,
			 enum kcrumbs_cause cause, struct pt_regs *regs,
			 struct pt_regs *stack, const char *msg, size_t msg_len,
			 bool fatal, u64 t0)
{
	size_t tail_len = 0;
	bool tail = false;
	u64 event;

	if (fatal && !atomic_xchg(&log_tail_done, 1)) {
		tail_len = read_log(kcrumbs_region_slot_size());
		tail = true;
		if (!msg)
			msg = panic_msg_in(log_scratch, tail_len, &msg_len);
	}
	if (cause == KCRUMBS_CAUSE_UNKNOWN)
		cause = msg ? cause_of(msg, msg_len) :
			regs ? KCRUMBS_CAUSE_OOPS : KCRUMBS_CAUSE_PANIC;
	if (cause == KCRUMBS_CAUSE_NMI_UNKNOWN && tail)
		cause = nmi_cause_in(log_scratch, tail_len, cause);

	if (same_crash(cs, regs, !!msg, cause, t0))
		event = cs->final_seq ? cs->final_seq : cs->event_seq;
	else
		event = new_event(cs, hook, cause, regs, stack, msg, msg_len, t0);

	if (tail)
		put_log_tail(tail_len, event, t0);
	if (fatal) {
		cs->final_seq = event ? event : cs->final_seq;
		kcrumbs_region_set_state(KCRUMBS_STATE_CRASHED);
	}
}

/**
 * kcrumbs_record_crash() - record what a hook saw; safe in NMI context
 * @hook: which hook
 * @cause: what it was, or KCRUMBS_CAUSE_UNKNOWN to tell from @msg (or
 *	from the log's panic line when @msg is NULL)
 * @regs: the crash's registers, or NULL: the record's ip
 * @stack: registers to unwind the backtrace from, or NULL for the
 *	current stack
 * @msg: the message, or NULL
 * @how: KCRUMBS_SEEN for a first sight (die, NMI, self-test): a new
 *	event, the boot not marked crashed; KCRUMBS_FINAL for a final hook
 *	(the last before the capture kernel or the reboot): join the same
 *	crash's event; with KCRUMBS_FATAL too, the kernel is going down for
 *	sure: write the log tail and mark the boot crashed
 */
void kcrumbs_record_crash(enum kcrumbs_hook hook, enum kcrumbs_cause cause,
			  struct pt_regs *regs, struct pt_regs *stack,
			  const char *msg, unsigned int how)
{
	u64 t0 = ktime_get_mono_fast_ns();
	struct cpu_state *cs;
	size_t msg_len = 0;

	preempt_disable_notrace();
	cs = this_cpu_ptr(&cpu_state);
	if (!guard_enter(cs))
		goto out;

	if (msg)
		msg_len = strnlen(msg, KCRUMBS_MSG_MAX);
	if (how & KCRUMBS_FINAL)
		record_final(cs, hook, cause, regs, stack, msg, msg_len,
			     how & KCRUMBS_FATAL, t0);
	else
		new_event(cs, hook, cause, regs, stack, msg, msg_len, t0);
	guard_exit(cs);
out:
	preempt_enable_notrace();
}

/**
 * kcrumbs_recorder_stats() - what the recorder could not do
 * @nested_out: set to the entries skipped because a recorder was busy on
 *	the same CPU (an NMI inside it, or a fault inside it)
 * @recovered_out: set to the times a CPU's recorder was taken over from a
 *	holder that died inside it
 */
void kcrumbs_recorder_stats(u64 *nested_out, u64 *recovered_out)
{
	*nested_out = atomic64_read(&nested);
	*recovered_out = atomic64_read(&recovered);
}
