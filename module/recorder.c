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

#include "classify.h"
#include "compat.h"
#include "recorder.h"
#include "region.h"
#include "sysinfo.h"
#include "unwind.h"

#define KCRUMBS_MAX_FRAMES	32
#define KCRUMBS_SAME_CRASH_NS	(10ULL * NSEC_PER_SEC)
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
/* the log's last lines, for an oops' own first line (oops_message()) */
static char oops_scratch[16 * 1024];
static atomic_t oops_scratch_busy = ATOMIC_INIT(0);
static atomic64_t nested = ATOMIC64_INIT(0);
/* the last trail event, on any CPU: its seq + 1, when, its cause */
static struct {
	u64 seq;
	u64 ns;
	enum kcrumbs_cause cause;
} last_trail;
static atomic64_t recovered = ATOMIC64_INIT(0);

/* The panic message, when the hook did not get it: from the log. */
static const char panic_prefix[] = "Kernel panic - not syncing: ";

static void fill_common(struct kcrumbs_record *rec, u16 kind, u64 seq, u64 t0,
			struct task_struct *t)
{
	if (!t)
		t = current;

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
				 (in_interrupt() ? KCRUMBS_REC_F_IRQ : 0) |
				 (in_hardirq() && !in_nmi() ?
				  KCRUMBS_REC_F_HARDIRQ : 0));
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
			 struct pt_regs *regs, bool exact,
			 struct task_struct *task)
{
	unsigned long entries[KCRUMBS_MAX_FRAMES];
	unsigned int n, i = 0, nr = 0;
	size_t used = 0, len;

	if (task && task != current) {
		n = kcrumbs_unwind_task(task, entries, ARRAY_SIZE(entries));
	} else if (regs) {
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
		       const struct kcrumbs_sight *si, u64 t0)
{
	size_t used, msg_len;
	u8 *p;

	fill_common(rec, KCRUMBS_REC_EVENT, seq, t0, si->task);
	rec->cause = cpu_to_le16(si->cause);
	rec->hook = cpu_to_le32(si->hook);
	rec->flags |= cpu_to_le32(si->flags);
	rec->ip = cpu_to_le64(si->regs ? instruction_pointer(si->regs) : 0);
	p = (u8 *)(rec + 1);
	msg_len = si->msg ? min_t(size_t, si->msg_len, KCRUMBS_MSG_MAX) : 0;
	memcpy(p, si->msg, msg_len);
	rec->msg_len = cpu_to_le16(msg_len);
	used = msg_len + put_frames(rec, p + msg_len, cap - sizeof(*rec) - msg_len,
				    si->stack, si->regs && si->stack == si->regs,
				    si->task);
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
	fill_common(rec, KCRUMBS_REC_LOG_TAIL, seq, t0, NULL);
	len = min(len, cap - sizeof(*rec));
	memcpy(rec + 1, log_scratch, len);
	rec->related_seq = cpu_to_le64(event ? event - 1 : 0);
	finish(rec, len, t0);
}

/* The last panic line of @log (see panic_prefix), without its newline. */
static const char *panic_msg_in(const char *log, size_t len, size_t *msg_len)
{
	const char *found = kcrumbs_last_in(log, len, panic_prefix), *end = log + len, *nl;

	if (!found)
		return NULL;
	found += sizeof(panic_prefix) - 1;
	nl = memchr(found, '\n', end - found);
	*msg_len = (nl ? nl : end) - found;
	return found;
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
	return !has_msg || kcrumbs_cause_class(cause) == kcrumbs_cause_class(cs->event_cause);
}

/* Record a new event; remember it as this CPU's. Returns its seq + 1. */
static u64 new_event(struct cpu_state *cs, const struct kcrumbs_sight *si,
		     u64 t0)
{
	struct kcrumbs_record *ev;
	size_t cap;
	u64 seq;

	ev = kcrumbs_region_reserve(&seq, &cap, 0);
	if (!ev)
		return 0;
	fill_event(ev, seq, cap, si, t0);
	cs->event_seq = seq + 1;
	cs->event_ns = t0;
	cs->event_regs = si->regs;
	cs->event_cause = si->cause;
	return seq + 1;
}

/* The system's snapshot, after its event (@event: its seq + 1). */
static void put_snapshot(u64 event, u64 t0)
{
	struct kcrumbs_record *rec;
	size_t cap;
	u64 seq;

	if (!event)
		return;
	/* a slot is 4 KiB at least (slot_kib) */
	BUILD_BUG_ON(sizeof(*rec) + sizeof(struct kcrumbs_snapshot) > 4096);
	rec = kcrumbs_region_reserve(&seq, &cap, event);
	if (!rec)
		return;
	fill_common(rec, KCRUMBS_REC_SNAPSHOT, seq, t0, NULL);
	kcrumbs_snapshot_fill((struct kcrumbs_snapshot *)(rec + 1));
	rec->related_seq = cpu_to_le64(event - 1);
	finish(rec, sizeof(struct kcrumbs_snapshot), t0);
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

/*
 * Is the panic a final hook sees the one a trail event just warned of, on
 * any CPU? khungtaskd warns of a hung task, then panics after its loop,
 * maybe on another CPU; the soft lockup and RCU stall panics follow their
 * warnings at once. Then the warning's event is the crash.
 */
static bool trail_led_here(enum kcrumbs_cause cause, u64 t0)
{
	u64 seq = READ_ONCE(last_trail.seq), ns = READ_ONCE(last_trail.ns);

	return seq && t0 - ns <= KCRUMBS_SAME_CRASH_NS &&
	       kcrumbs_cause_class(cause) ==
	       kcrumbs_cause_class(READ_ONCE(last_trail.cause));
}

/* What a final hook does after reading the log: its event, its tail. */
static void record_final(struct cpu_state *cs, struct kcrumbs_sight *si,
			 bool fatal, u64 t0)
{
	size_t tail_len = 0;
	bool tail = false;
	u64 event;

	if (fatal && !atomic_xchg(&log_tail_done, 1)) {
		tail_len = read_log(kcrumbs_region_slot_size());
		tail = true;
		if (!si->msg)
			si->msg = panic_msg_in(log_scratch, tail_len, &si->msg_len);
	}
	if (si->cause == KCRUMBS_CAUSE_UNKNOWN)
		si->cause = si->msg ? kcrumbs_cause_of_panic(si->msg, si->msg_len) :
			    si->regs ? KCRUMBS_CAUSE_OOPS : KCRUMBS_CAUSE_PANIC;
	if (si->cause == KCRUMBS_CAUSE_NMI_UNKNOWN && tail)
		si->cause = kcrumbs_nmi_cause_in(log_scratch, tail_len, si->cause);

	if (same_crash(cs, si->regs, !!si->msg, si->cause, t0))
		event = cs->final_seq ? cs->final_seq : cs->event_seq;
	else if (!si->regs && trail_led_here(si->cause, t0))
		event = READ_ONCE(last_trail.seq);
	else
		event = new_event(cs, si, t0);

	if (tail) {
		put_snapshot(event, t0);
		put_log_tail(tail_len, event, t0);
	}
	if (fatal) {
		cs->final_seq = event ? event : cs->final_seq;
		kcrumbs_region_set_state(KCRUMBS_STATE_CRASHED);
	}
}

/*
 * Read the log's last lines into oops_scratch and run @find on them; copy
 * the line it finds into @buf. One reader of the scratch buffer at a
 * time: a second CPU here at the same moment gets nothing (0).
 */
static size_t log_find(const char *key, char *buf, size_t room,
		       const char *(*find)(const char *, size_t, const char *,
					   size_t *))
{
	struct kmsg_dump_iter iter = {};
	const char *line;
	size_t got = 0, n = 0;

	if (atomic_cmpxchg(&oops_scratch_busy, 0, 1))
		return 0;
	kmsg_dump_rewind(&iter);
	kmsg_dump_get_buffer(&iter, false, oops_scratch, sizeof(oops_scratch), &got);
	line = find(oops_scratch, got, key, &n);
	n = line ? min(n, room) : 0;
	memcpy(buf, line, n);
	atomic_set(&oops_scratch_busy, 0);
	return n;
}

/**
 * kcrumbs_log_line_copy() - the log's last line that starts with @prefix
 * @prefix: what it starts with, after its stamps ("WARNING: ")
 * @buf: where to copy it (no NUL)
 * @room: bytes of @buf
 *
 * Safe in NMI context.
 *
 * Return: bytes copied; 0 when there is no such line (or another CPU is
 * reading the log for the same purpose).
 */
size_t kcrumbs_log_line_copy(const char *prefix, char *buf, size_t room)
{
	return log_find(prefix, buf, room, kcrumbs_log_line);
}

/*
 * die()'s string, or better, the oops' own first line from the log ("BUG:
 * kernel NULL pointer dereference, address: ..."), copied into @buf.
 */
static const char *oops_message(const char *str, char *buf, size_t room,
				size_t *len)
{
	size_t n;

	*len = str ? strnlen(str, KCRUMBS_MSG_MAX) : 0;
	if (!str)
		return NULL;
	n = log_find(str, buf, room, kcrumbs_oops_line);
	if (!n)
		return str;
	*len = n;
	return buf;
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
 *	sure: write the log tail and mark the boot crashed. KCRUMBS_OOPS:
 *	@msg is die()'s string; the message is the oops' first line from
 *	the log when it is there
 */
void kcrumbs_record_crash(enum kcrumbs_hook hook, enum kcrumbs_cause cause,
			  struct pt_regs *regs, struct pt_regs *stack,
			  const char *msg, unsigned int how)
{
	struct kcrumbs_sight si = {
		.hook = hook, .cause = cause, .regs = regs, .stack = stack,
		.msg = msg,
	};
	u64 t0 = ktime_get_mono_fast_ns();
	char line[KCRUMBS_MSG_MAX];
	struct cpu_state *cs;

	preempt_disable_notrace();
	cs = this_cpu_ptr(&cpu_state);
	if (!guard_enter(cs))
		goto out;

	if (how & KCRUMBS_OOPS)
		si.msg = oops_message(msg, line, sizeof(line), &si.msg_len);
	else if (msg)
		si.msg_len = strnlen(msg, KCRUMBS_MSG_MAX);
	if (how & KCRUMBS_FINAL)
		record_final(cs, &si, how & KCRUMBS_FATAL, t0);
	else
		new_event(cs, &si, t0);
	guard_exit(cs);
out:
	preempt_enable_notrace();
}

/**
 * kcrumbs_record_trail() - record what the kernel complained about and
 *	carries on after (a WARN, a soft lockup or hung task warning, an OOM
 *	kill); safe in NMI context
 * @si: what: hook, cause, message; @si->task the task it is about (its
 *	pid, name and stack) or NULL for the current one; @si->stack
 *	registers to unwind from, or NULL
 *
 * A final hook on this CPU may still join the event (softlockup_panic
 * panics right after the warning): then it is the crash.
 */
void kcrumbs_record_trail(struct kcrumbs_sight *si)
{
	u64 t0 = ktime_get_mono_fast_ns();
	struct cpu_state *cs;

	preempt_disable_notrace();
	cs = this_cpu_ptr(&cpu_state);
	if (guard_enter(cs)) {
		u64 event;

		si->flags |= KCRUMBS_REC_F_TRAIL;
		event = new_event(cs, si, t0);
		if (event) {
			WRITE_ONCE(last_trail.cause, si->cause);
			WRITE_ONCE(last_trail.ns, t0);
			WRITE_ONCE(last_trail.seq, event);
		}
		guard_exit(cs);
	}
	preempt_enable_notrace();
}

/**
 * kcrumbs_record_mce() - record one machine check; safe in #MC context
 * @m: what the kernel logged, in the record's layout
 */
void kcrumbs_record_mce(const struct kcrumbs_mce *m)
{
	u64 t0 = ktime_get_mono_fast_ns();
	struct kcrumbs_record *rec;
	struct cpu_state *cs;
	size_t cap;
	u64 seq;

	preempt_disable_notrace();
	cs = this_cpu_ptr(&cpu_state);
	if (!guard_enter(cs))
		goto out;
	BUILD_BUG_ON(sizeof(*rec) + sizeof(*m) > 4096);
	rec = kcrumbs_region_reserve(&seq, &cap, 0);
	if (rec) {
		fill_common(rec, KCRUMBS_REC_MCE, seq, t0, NULL);
		rec->cause = cpu_to_le16(KCRUMBS_CAUSE_MCE);
		rec->hook = cpu_to_le32(KCRUMBS_HOOK_MCE);
		rec->ip = m->ip;
		memcpy(rec + 1, m, sizeof(*m));
		finish(rec, sizeof(*m), t0);
	}
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
