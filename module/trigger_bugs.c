// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: crash types that are bugs: panic, BUG, WARN, bad pointers (in
 * process and in interrupt context) and a smashed stack.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/delay.h>
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
};

const struct kcrumbs_crashtype_category kcrumbs_bugs_crashtypes = {
	.name = "bugs",
	.types = crashtypes,
	.len = ARRAY_SIZE(crashtypes),
};
