// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: crash types that stop a CPU or a task for good: soft lockup,
 * hard lockup, hung task. What notices them is the kernel's own detectors.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irqflags.h>
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

static const struct kcrumbs_crashtype crashtypes[] = {
	CRASHTYPE(SOFTLOCKUP, SOFTLOCKUP,
		  "spins forever with preemption disabled"),
	CRASHTYPE(HARDLOCKUP, HARDLOCKUP,
		  "spins forever with interrupts disabled"),
	CRASHTYPE(HUNG_TASK, HUNG_TASK,
		  "sleeps forever in uninterruptible state (D)"),
};

const struct kcrumbs_crashtype_category kcrumbs_lockups_crashtypes = {
	.name = "lockups",
	.types = crashtypes,
	.len = ARRAY_SIZE(crashtypes),
};
