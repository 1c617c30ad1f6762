// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the trail, what the kernel complained about and carried on
 * after. Each is an event that never marks the boot crashed; the first of
 * each kind per boot is recorded in full (message, task, backtrace), the
 * rest only counted (the counts go into the fatal event's snapshot).
 *
 * The mechanism for each is the most stable one the kernel offers, the same
 * on 6.1, 6.12 and 7.2 (docs/design.md, "The trail"):
 *  - WARN and soft lockup: a kprobe on add_taint(), exported and unchanged
 *    for years, called with TAINT_WARN at the end of __warn() and with
 *    TAINT_SOFTLOCKUP after the soft lockup report. The error_report_end
 *    tracepoint would see a WARN only, and neither runs when panic_on_warn
 *    panics first (then the panic hooks record it). The message is the
 *    kernel's own report line, from the log.
 *  - hung task: the sched_process_hang tracepoint, before the report and
 *    before hung_task_panic; its task is the hung one (name, pid, stack).
 *  - OOM kill: the mark_victim tracepoint, for each task the OOM killer
 *    picks; the backtrace is the allocation that ran out.
 *  - RCU stall: the rcu_stall_warning tracepoint (built with TREE_RCU
 *    whatever CONFIG_RCU_TRACE says), before the report and the panic.
 *  - machine checks: a kprobe on mce_gen_pool_add(), where every machine
 *    check the kernel logs goes (mce_log(), inlined into its callers in
 *    mce/core.c, is not where to probe): the #MC handler's bank scan before
 *    it decides to panic, and the poller's corrected errors. The decode
 *    chain (mce_register_decode_chain()) runs later, from a workqueue:
 *    never for a machine check that panics.
 *    Uncorrected ones are always recorded, corrected ones the first
 *    KCRUMBS_MCE_CORRECTED_FULL times.
 * None of these take a lock the recorder could wait on; the recorder's
 * per-CPU guard stops a fault in it from recursing. The tracepoints are
 * not exported to modules: they are found by name
 * (for_each_kernel_tracepoint()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <asm/mce.h>

#include "recorder.h"
#include "trail.h"
#include "unwind.h"

#define KCRUMBS_MCE_CORRECTED_FULL	4

static bool hook_trail = true;
module_param(hook_trail, bool, 0444);
MODULE_PARM_DESC(hook_trail, "Record WARNs, soft lockup and hung task warnings, RCU stalls, OOM kills and machine checks the kernel carries on after (default on)");

static atomic_t counts[__KCRUMBS_TRAIL_MAX];

/**
 * kcrumbs_trail_note() - count one of @kind
 * @kind: what the kernel complained about
 *
 * Return: how many of @kind in this boot, this one included: 1 for the
 * first, which is the one recorded in full.
 */
u32 kcrumbs_trail_note(enum kcrumbs_trail kind)
{
	return atomic_inc_return(&counts[kind]);
}

/**
 * kcrumbs_trail_count() - how many of @kind in this boot
 * @kind: what the kernel complained about
 *
 * Return: the count.
 */
u32 kcrumbs_trail_count(enum kcrumbs_trail kind)
{
	return kind < __KCRUMBS_TRAIL_MAX ? atomic_read(&counts[kind]) : 0;
}

/* Record the first of @kind with the log's last @prefix line as message. */
static void record_reported(enum kcrumbs_trail kind, enum kcrumbs_cause cause,
			    const char *prefix, const char *fallback,
			    struct pt_regs *stack)
{
	char msg[KCRUMBS_MSG_MAX];
	struct kcrumbs_sight si = {
		.hook = KCRUMBS_HOOK_TAINT, .cause = cause, .stack = stack,
		.msg = msg,
	};

	if (kcrumbs_trail_note(kind) > 1)
		return;
	si.msg_len = kcrumbs_log_line_copy(prefix, msg, sizeof(msg));
	if (!si.msg_len) {
		si.msg = fallback;
		si.msg_len = strlen(fallback);
	}
	kcrumbs_record_trail(&si);
}

/* add_taint(unsigned int flag, enum lockdep_ok) */
static int add_taint_pre(struct kprobe *p, struct pt_regs *regs)
{
	unsigned long flag = regs_get_kernel_argument(regs, 0);
	struct pt_regs caller;

	kcrumbs_probe_caller(regs, &caller);
	if (flag == TAINT_WARN)
		record_reported(KCRUMBS_TRAIL_WARN, KCRUMBS_CAUSE_WARN,
				"WARNING: ", "WARNING", &caller);
	else if (flag == TAINT_SOFTLOCKUP)
		record_reported(KCRUMBS_TRAIL_SOFT_LOCKUP,
				KCRUMBS_CAUSE_SOFT_LOCKUP, "BUG: soft lockup",
				"BUG: soft lockup", &caller);
	return 0;
}

static struct kprobe add_taint_kp = {
	.symbol_name = "add_taint",
	.pre_handler = add_taint_pre,
};

/*
 * mce_gen_pool_add(struct mce *) to 6.12; (struct mce_hw_err *) in 7.x,
 * whose first member is the struct mce.
 */
static int mce_log_pre(struct kprobe *p, struct pt_regs *regs)
{
	const struct mce *m = (const struct mce *)regs_get_kernel_argument(regs, 0);
	struct kcrumbs_mce r = {};
	u32 n = kcrumbs_trail_note(KCRUMBS_TRAIL_MCE);

	if (!m || (!(m->status & MCI_STATUS_UC) && n > KCRUMBS_MCE_CORRECTED_FULL))
		return 0;
	r.status = cpu_to_le64(m->status);
	r.addr = cpu_to_le64(m->addr);
	r.misc = cpu_to_le64(m->misc);
	r.mcgstatus = cpu_to_le64(m->mcgstatus);
	r.ip = cpu_to_le64(m->ip);
	r.tsc = cpu_to_le64(m->tsc);
	r.time = cpu_to_le64(m->time);
	r.synd = cpu_to_le64(m->synd);
	r.ipid = cpu_to_le64(m->ipid);
	r.bank = cpu_to_le32(m->bank);
	r.cpu = cpu_to_le32(m->extcpu);
	r.socketid = cpu_to_le32(m->socketid);
	r.apicid = cpu_to_le32(m->apicid);
	r.severity = m->severity;
	r.cs = m->cs;
	r.cpuvendor = m->cpuvendor;
	kcrumbs_record_mce(&r);
	return 0;
}

static struct kprobe mce_log_kp = {
	.symbol_name = "mce_gen_pool_add",
	.pre_handler = mce_log_pre,
};

/* A tracepoint's trail event: the first of @kind, its message from @fmt. */
static __printf(4, 5) void record_tp(enum kcrumbs_trail kind,
				     enum kcrumbs_cause cause,
				     struct task_struct *task, const char *fmt, ...)
{
	char msg[KCRUMBS_MSG_MAX];
	struct kcrumbs_sight si = {
		.hook = KCRUMBS_HOOK_TRACEPOINT, .cause = cause, .task = task,
		.msg = msg,
	};
	va_list ap;

	if (kcrumbs_trail_note(kind) > 1)
		return;
	va_start(ap, fmt);
	si.msg_len = vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kcrumbs_record_trail(&si);
}

/* the hung task's own name, pid and stack */
static void hang_probe(void *data, struct task_struct *tsk)
{
	record_tp(KCRUMBS_TRAIL_HUNG_TASK, KCRUMBS_CAUSE_HUNG_TASK, tsk,
		  "INFO: task %s:%d blocked for too long", tsk->comm,
		  task_pid_nr(tsk));
}

/* the victim named; the stack is the allocation that ran out */
static void victim_probe(void *data, struct task_struct *task, uid_t uid)
{
	record_tp(KCRUMBS_TRAIL_OOM_KILL, KCRUMBS_CAUSE_OOM_KILL, NULL,
		  "Out of memory: killed process %d (%s)", task_pid_nr(task),
		  task->comm);
}

static void rcu_stall_probe(void *data, const char *rcuname, const char *what)
{
	record_tp(KCRUMBS_TRAIL_RCU_STALL, KCRUMBS_CAUSE_RCU_STALL, NULL,
		  "INFO: %s detected stall (%s)", rcuname, what);
}

static struct tp_hook {
	const char *name;
	void *probe;
	struct tracepoint *tp;
	bool registered;
} tp_hooks[] = {
	{ "sched_process_hang", hang_probe },
	{ "mark_victim", victim_probe },
	{ "rcu_stall_warning", rcu_stall_probe },
};

static void find_tp(struct tracepoint *tp, void *priv)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tp_hooks); i++)
		if (!strcmp(tp->name, tp_hooks[i].name))
			tp_hooks[i].tp = tp;
}

static bool add_taint_armed, mce_armed;

/**
 * kcrumbs_trail_init() - put the trail's hooks in place
 *
 * A hook that cannot be placed is reported and left out (status shows it
 * not armed); the others still go in.
 *
 * Return: 0.
 */
int kcrumbs_trail_init(void)
{
	size_t i;
	int err;

	if (!hook_trail)
		return 0;
	err = register_kprobe(&add_taint_kp);
	if (err)
		pr_warn("cannot probe add_taint (%d): survived WARNs and soft lockups go unrecorded\n",
			err);
	add_taint_armed = !err;
	err = register_kprobe(&mce_log_kp);
	if (err)
		pr_warn("cannot probe mce_gen_pool_add (%d): machine checks go unrecorded\n",
			err);
	mce_armed = !err;
	for_each_kernel_tracepoint(find_tp, NULL);
	for (i = 0; i < ARRAY_SIZE(tp_hooks); i++) {
		struct tp_hook *h = &tp_hooks[i];

		err = h->tp ? tracepoint_probe_register(h->tp, h->probe, NULL) : -ENOENT;
		if (err)
			pr_warn("cannot attach to tracepoint %s (%d)\n", h->name, err);
		h->registered = !err;
	}
	return 0;
}

/**
 * kcrumbs_trail_exit() - remove the trail's hooks; no probe runs after
 */
void kcrumbs_trail_exit(void)
{
	bool any = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tp_hooks); i++) {
		if (!tp_hooks[i].registered)
			continue;
		tracepoint_probe_unregister(tp_hooks[i].tp, tp_hooks[i].probe, NULL);
		tp_hooks[i].registered = false;
		any = true;
	}
	if (any)
		tracepoint_synchronize_unregister();
	if (mce_armed)
		unregister_kprobe(&mce_log_kp);
	if (add_taint_armed)
		unregister_kprobe(&add_taint_kp);
	mce_armed = false;
	add_taint_armed = false;
}

/**
 * kcrumbs_trail_armed() - the trail's hooks that would fire now
 *
 * Return: BIT(KCRUMBS_HOOK_TAINT), BIT(KCRUMBS_HOOK_MCE) and
 * BIT(KCRUMBS_HOOK_TRACEPOINT) (every tracepoint attached), as they are.
 */
unsigned int kcrumbs_trail_armed(void)
{
	unsigned int armed = 0;
	bool all = true;
	size_t i;

	if (add_taint_armed && !kprobe_disabled(&add_taint_kp))
		armed |= BIT(KCRUMBS_HOOK_TAINT);
	if (mce_armed && !kprobe_disabled(&mce_log_kp))
		armed |= BIT(KCRUMBS_HOOK_MCE);
	for (i = 0; i < ARRAY_SIZE(tp_hooks); i++)
		all &= tp_hooks[i].registered;
	if (all)
		armed |= BIT(KCRUMBS_HOOK_TRACEPOINT);
	return armed;
}

/**
 * kcrumbs_trail_wanted() - the trail's hooks the module parameters ask for
 *
 * Return: a bit per enum kcrumbs_hook.
 */
unsigned int kcrumbs_trail_wanted(void)
{
	return hook_trail ? BIT(KCRUMBS_HOOK_TAINT) | BIT(KCRUMBS_HOOK_MCE) |
			    BIT(KCRUMBS_HOOK_TRACEPOINT) : 0;
}
