// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: crash types that stop a CPU or a task for good: soft lockup,
 * hard lockup, hung task. What notices them is the kernel's own detectors.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>
#include <linux/sched.h>

#include "trigger.h"

static void kcrumbs_SOFTLOCKUP(void)
{
	preempt_disable();
	for (;;)
		cpu_relax();
}

static void kcrumbs_HARDLOCKUP(void)
{
	local_irq_disable();
	for (;;)
		cpu_relax();
}

static void kcrumbs_HUNG_TASK(void)
{
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
	}
}

/*
 * Brief ones: the detectors report them (a warning, or a panic with
 * softlockup_panic / hung_task_panic set), then the thread carries on.
 * With kernel.watchdog_thresh=1 the soft lockup report comes after 2 s;
 * with kernel.hung_task_timeout_secs=2 the hung task report within 4 s.
 */
#define KCRUMBS_BRIEF_SPIN_S	6
#define KCRUMBS_BRIEF_SLEEP_S	10

static void kcrumbs_SOFTLOCKUP_BRIEF(void)
{
	unsigned long end = jiffies + KCRUMBS_BRIEF_SPIN_S * HZ;

	preempt_disable();
	while (time_before(jiffies, end))
		cpu_relax();
	preempt_enable();
}

static void kcrumbs_HUNG_TASK_BRIEF(void)
{
	schedule_timeout_uninterruptible(KCRUMBS_BRIEF_SLEEP_S * HZ);
	/* not a tail call: this function stays on the sleeping task's stack */
	pr_info("HUNG_TASK_BRIEF: awake after %d s\n", KCRUMBS_BRIEF_SLEEP_S);
}

static const struct kcrumbs_crashtype crashtypes[] = {
	CRASHTYPE(SOFTLOCKUP, SOFTLOCKUP,
		  "spins forever with preemption disabled"),
	CRASHTYPE(HARDLOCKUP, HARDLOCKUP,
		  "spins forever with interrupts disabled"),
	CRASHTYPE(HUNG_TASK, HUNG_TASK,
		  "sleeps forever in uninterruptible state (D)"),
	CRASHTYPE(SOFTLOCKUP_BRIEF, SOFTLOCKUP,
		  "spins 6 s with preemption disabled, then carries on"),
	CRASHTYPE(HUNG_TASK_BRIEF, HUNG_TASK,
		  "sleeps 10 s uninterruptibly (D), then carries on"),
};

const struct kcrumbs_crashtype_category kcrumbs_lockups_crashtypes = {
	.name = "lockups",
	.types = crashtypes,
	.len = ARRAY_SIZE(crashtypes),
};
