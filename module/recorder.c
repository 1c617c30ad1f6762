// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: writing breadcrumbs from panic, die and NMI context.
 *
 * Rules of this file: no sleeping, no allocation, no lock, no printk.
 * Everything is written into the region's pre-allocated slots. A per-CPU
 * depth counter stops a fault inside the recorder from recursing into it.
 *
 * One crash, one event. The die notifier and the NMI handlers are the
 * first to see a crash: they always record. The final hooks (the
 * __crash_kexec kprobe, the panic notifier) join the event their CPU
 * recorded if it is the same crash: the same registers (an oops hands
 * them to crash_kexec()), or a panic message of the same kind ("Fatal
 * exception" after an oops, "NMI: Not continuing" after an NMI). Else,
 * such as a sysrq crash after an NMI the kernel survived, they record a
 * new event. The first final hook also records the log tail, once.
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

struct cpu_state {
	int depth;		/* recursion guard */
	u64 event_seq;		/* this CPU's last event, + 1 (0: none) */
	u64 event_ns;		/* when it was recorded */
	struct pt_regs *event_regs;	/* the registers it was handed */
	enum kcrumbs_cause event_cause;
};

static DEFINE_PER_CPU(struct cpu_state, cpu_state);
static atomic_t log_tail_done = ATOMIC_INIT(0);

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
	rec->payload_len = cpu_to_le32(payload);
	rec->size = cpu_to_le32(sizeof(*rec) - offsetof(struct kcrumbs_record, size) +
				payload);
	rec->cost_ns = cpu_to_le32(min_t(u64, ktime_get_mono_fast_ns() - t0, U32_MAX));
	kcrumbs_region_commit(rec);
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
	kcrumbs_region_set_state(KCRUMBS_STATE_CRASHED);
}

/*
 * The log tail record, filled but not sealed: the caller reads the panic
 * message in it, names its event, then seals it with finish().
 */
static struct kcrumbs_record *fill_log_tail(u64 t0, size_t *len)
{
	struct kmsg_dump_iter iter = {};
	struct kcrumbs_record *rec;
	size_t cap;
	u64 seq;

	*len = 0;
	rec = kcrumbs_region_reserve(&seq, &cap);
	if (!rec)
		return NULL;
	fill_common(rec, KCRUMBS_REC_LOG_TAIL, seq, t0);
	kmsg_dump_rewind(&iter);
	kmsg_dump_get_buffer(&iter, false, (char *)(rec + 1), cap - sizeof(*rec),
			     len);
	return rec;
}

/* The last panic line of @log (see panic_prefix), without its newline. */
static const char *panic_msg_in(const char *log, size_t len, size_t *msg_len)
{
	const char *found = NULL, *p = log, *end = log + len, *nl;

	while ((p = strnstr(p, panic_prefix, end - p))) {
		found = p + sizeof(panic_prefix) - 1;
		p = found;
	}
	if (!found)
		return NULL;
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

/* Is what a final hook sees the crash this CPU's last event recorded? */
static bool same_crash(const struct cpu_state *cs, struct pt_regs *regs,
		       enum kcrumbs_cause cause, u64 t0)
{
	if (!cs->event_seq || t0 - cs->event_ns > KCRUMBS_SAME_CRASH_NS)
		return false;
	if (regs)
		return regs == cs->event_regs;
	return cause_class(cause) == cause_class(cs->event_cause);
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

	ev = kcrumbs_region_reserve(&seq, &cap);
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

/**
 * kcrumbs_record_crash() - record what a hook saw; safe in NMI context
 * @hook: which hook
 * @cause: what it was, or KCRUMBS_CAUSE_UNKNOWN to tell from @msg (or
 *	from the log's panic line when @msg is NULL)
 * @regs: the crash's registers, or NULL: the record's ip
 * @stack: registers to unwind the backtrace from, or NULL for the
 *	current stack
 * @msg: the message, or NULL
 * @final: a final hook (the last before the capture kernel or the
 *	reboot): join the same crash's event, and write the log tail
 */
void kcrumbs_record_crash(enum kcrumbs_hook hook, enum kcrumbs_cause cause,
			  struct pt_regs *regs, struct pt_regs *stack,
			  const char *msg, bool final)
{
	u64 t0 = ktime_get_mono_fast_ns();
	struct kcrumbs_record *tail = NULL;
	size_t tail_len = 0, msg_len = 0;
	struct cpu_state *cs;
	u64 event;

	preempt_disable_notrace();
	cs = this_cpu_ptr(&cpu_state);
	if (++cs->depth > 1)
		goto out;

	if (msg)
		msg_len = strnlen(msg, KCRUMBS_MSG_MAX);
	if (!final) {
		new_event(cs, hook, cause, regs, stack, msg, msg_len, t0);
		goto out;
	}

	if (!atomic_xchg(&log_tail_done, 1))
		tail = fill_log_tail(t0, &tail_len);
	if (!msg && tail)
		msg = panic_msg_in((const char *)(tail + 1), tail_len, &msg_len);
	if (cause == KCRUMBS_CAUSE_UNKNOWN)
		cause = msg ? cause_of(msg, msg_len) :
			regs ? KCRUMBS_CAUSE_OOPS : KCRUMBS_CAUSE_PANIC;

	if (same_crash(cs, regs, cause, t0))
		event = cs->event_seq;
	else
		event = new_event(cs, hook, cause, regs, stack, msg, msg_len, t0);

	if (tail) {
		tail->related_seq = cpu_to_le64(event ? event - 1 : 0);
		finish(tail, tail_len, t0);
	}
out:
	cs->depth--;
	preempt_enable_notrace();
}
