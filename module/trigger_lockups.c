// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: crash types that stop a CPU or a task for good: soft lockup,
 * hard lockup (a bare spin, a spinlock taken twice), hung task, and a panic
 * while another CPU spins with interrupts off. What notices them is the
 * kernel's own detectors, or kdump's NMI that stops the other CPUs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/panic.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

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

static DEFINE_SPINLOCK(twice_lock);

/*
 * The bug: a lock taken with interrupts off, then taken again by the CPU
 * that holds it. It spins in the lock's slow path for good, where only
 * an NMI can reach it. The unlocks are never reached; they keep this
 * function's frame on the stack (no tail call into the lock).
 */
static noinline void kcrumbs_HARDLOCKUP_SPINLOCK(void)
{
	spin_lock_irq(&twice_lock);
	spin_lock(&twice_lock);
	spin_unlock(&twice_lock);
	spin_unlock_irq(&twice_lock);
}

/* PANIC_OTHER_CPU_IRQOFF: the spinner's CPU, once it spins. */
static int irqoff_cpu = -1;

static int irqoff_spin(void *unused)
{
	local_irq_disable();
	WRITE_ONCE(irqoff_cpu, raw_smp_processor_id());
	for (;;)
		cpu_relax();
	return 0;
}

#define KCRUMBS_SPINNER_WAIT_MS	5000

/*
 * This thread stays on its CPU; a kernel thread bound to another one
 * spins there with interrupts off; once it spins, this CPU panics. kdump's
 * NMI shootdown must stop the spinner (interrupts cannot) for the capture
 * to go on. The trigger is refused with fewer than 2 online CPUs.
 */
static void kcrumbs_PANIC_OTHER_CPU_IRQOFF(void)
{
	int here = raw_smp_processor_id(), there, waited = 0;
	struct task_struct *t;

	set_cpus_allowed_ptr(current, cpumask_of(here));
	here = raw_smp_processor_id();
	there = cpumask_any_but(cpu_online_mask, here);
	if (there >= nr_cpu_ids) {
		pr_warn("PANIC_OTHER_CPU_IRQOFF: no other online CPU\n");
		return;
	}
	WRITE_ONCE(irqoff_cpu, -1);
	t = kthread_create(irqoff_spin, NULL, "kcrumbs-irqoff");
	if (IS_ERR(t)) {
		pr_warn("PANIC_OTHER_CPU_IRQOFF: cannot start the spinner\n");
		return;
	}
	kthread_bind(t, there);
	wake_up_process(t);
	while (READ_ONCE(irqoff_cpu) < 0 && waited < KCRUMBS_SPINNER_WAIT_MS) {
		msleep(20);
		waited += 20;
	}
	/* panic either way: the spinner, once it runs, never leaves */
	panic("kcrumbs: PANIC_OTHER_CPU_IRQOFF trigger on CPU %d, CPU %d %s",
	      here, there, READ_ONCE(irqoff_cpu) == there ?
	      "spins with interrupts off" : "did not start spinning in time");
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
	CRASHTYPE(HARDLOCKUP_SPINLOCK, HARDLOCKUP,
		  "takes a spinlock with interrupts off, then takes it again: spins forever"),
	CRASHTYPE_CPUS(PANIC_OTHER_CPU_IRQOFF, PANIC, 2,
		       "panics while another CPU spins with interrupts off: kdump stops it by NMI"),
};

const struct kcrumbs_crashtype_category kcrumbs_lockups_crashtypes = {
	.name = "lockups",
	.types = crashtypes,
	.len = ARRAY_SIZE(crashtypes),
};
