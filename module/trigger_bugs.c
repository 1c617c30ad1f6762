// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: crash types that are bugs: panic, BUG, WARN, bad pointers (in
 * process and in interrupt context), a smashed stack, an overflowed stack,
 * a BUG() in a softirq and a panic() in a hard interrupt.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/delay.h>
#include <linux/irq_work.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/string.h>
#include <linux/timer.h>

#include "trigger.h"

static void kcrumbs_PANIC(void)
{
	panic("kcrumbs: PANIC trigger");
}

static void kcrumbs_BUG(void)
{
	BUG();
}

static void kcrumbs_WARNING(void)
{
	WARN(1, "kcrumbs: WARNING trigger");
}

/* Read through READ_ONCE(): the compiler cannot know it is NULL. */
static int *null_ptr;

static noinline void kcrumbs_null_deref(void)
{
	WRITE_ONCE(*READ_ONCE(null_ptr), 0);
}

static void kcrumbs_EXCEPTION(void)
{
	kcrumbs_null_deref();
}

static struct timer_list irq_timer;

static void irq_timer_fn(struct timer_list *t)
{
	kcrumbs_null_deref();
}

static void kcrumbs_EXCEPTION_IN_IRQ(void)
{
	timer_setup(&irq_timer, irq_timer_fn, 0);
	mod_timer(&irq_timer, jiffies + 1);
	/* the oops happens in the timer softirq; this thread only waits */
	for (;;)
		msleep(1000);
}

/* Hidden from the compiler so that it sees neither the size nor the target. */
static size_t smash_len = 64;

static noinline void smash(char *buf, size_t len)
{
	memset(buf, 0xff, len);
}

static noinline void kcrumbs_CORRUPT_STACK(void)
{
	char buf[8];

	smash(buf, READ_ONCE(smash_len));
	/* keep buf, and so the canary, alive up to the return */
	barrier_data(buf);
}

/*
 * Each level keeps a buffer alive across the call to the next (so the call
 * is not a tail call and the frames pile up), and the depth limit is read
 * at run time (so the compiler sees no infinite recursion to fold away).
 * The 16 KiB stack ends in the vmap guard page after a few dozen levels:
 * the CPU cannot push the page fault's frame there and raises a double
 * fault instead, which the kernel reports as a stack overflow.
 */
static unsigned long overflow_max_depth = ULONG_MAX;

static noinline unsigned long overflow_stack(unsigned long depth)
{
	u8 buf[256];

	memset(buf, depth, sizeof(buf));
	barrier_data(buf);
	if (depth >= READ_ONCE(overflow_max_depth))
		return buf[0];
	return overflow_stack(depth + 1) + buf[depth % sizeof(buf)];
}

static void kcrumbs_STACK_OVERFLOW(void)
{
	pr_info("STACK_OVERFLOW: returned from depth %lu\n", overflow_stack(0));
}

static struct timer_list bug_timer;

static void bug_timer_fn(struct timer_list *t)
{
	BUG();
}

static void kcrumbs_BUG_IN_SOFTIRQ(void)
{
	timer_setup(&bug_timer, bug_timer_fn, 0);
	mod_timer(&bug_timer, jiffies + 1);
	/* the BUG() happens in the timer softirq; this thread only waits */
	for (;;)
		msleep(1000);
}

/* Hard: runs in the IRQ_WORK interrupt, even on PREEMPT_RT. */
static void hardirq_panic_fn(struct irq_work *work)
{
	panic("kcrumbs: PANIC_IN_HARDIRQ trigger");
}

static struct irq_work hardirq_panic_work = IRQ_WORK_INIT_HARD(hardirq_panic_fn);

static void kcrumbs_PANIC_IN_HARDIRQ(void)
{
	irq_work_queue(&hardirq_panic_work);
	/* the panic happens in the self-interrupt; this thread only waits */
	for (;;)
		msleep(1000);
}

static const struct kcrumbs_crashtype crashtypes[] = {
	CRASHTYPE(PANIC, PANIC, "calls panic()"),
	CRASHTYPE(BUG, OOPS, "hits BUG(): an invalid-opcode oops"),
	CRASHTYPE(WARNING, WARN, "hits WARN(): a warning with a backtrace"),
	CRASHTYPE(EXCEPTION, OOPS,
		  "writes through a NULL pointer: a page-fault oops"),
	CRASHTYPE(EXCEPTION_IN_IRQ, PANIC,
		  "NULL write from a timer (softirq): an oops in interrupt context, always fatal"),
	CRASHTYPE(CORRUPT_STACK, PANIC,
		  "overwrites its own stack canary: the stack protector panics"),
	CRASHTYPE(STACK_OVERFLOW, PANIC,
		  "recurses into its stack's guard page: a double fault, always fatal"),
	CRASHTYPE(BUG_IN_SOFTIRQ, PANIC,
		  "BUG() from a timer (softirq): an oops in interrupt context, always fatal"),
	CRASHTYPE(PANIC_IN_HARDIRQ, PANIC,
		  "calls panic() from a hard interrupt (irq_work)"),
};

const struct kcrumbs_crashtype_category kcrumbs_bugs_crashtypes = {
	.name = "bugs",
	.types = crashtypes,
	.len = ARRAY_SIZE(crashtypes),
};
