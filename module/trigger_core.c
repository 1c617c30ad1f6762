// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the crash type tables, the arm window and the thread that fires
 * a crash.
 *
 * A crash fires in a kernel thread of its own, never in the netlink
 * caller's context: generic netlink holds its locks around our handler, and
 * a task that oopses or hangs while holding them would take every generic
 * netlink family on the machine down with it. The thread pins the module
 * for as long as it may run module code.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/string.h>

#include "trigger.h"

/* Lets the netlink reply reach the caller before the crash. */
#define KCRUMBS_TRIGGER_DELAY_MS	200

static const struct kcrumbs_crashtype_category *const categories[] = {
	&kcrumbs_bugs_crashtypes,
	&kcrumbs_lockups_crashtypes,
	&kcrumbs_mem_crashtypes,
};

/* jiffies at which the arm window closes; 0 when not armed. */
static atomic_long_t armed_until = ATOMIC_LONG_INIT(0);

/* "unknown crash type; valid: PANIC, BUG, ...": built once at load. */
static char unknown_msg[512];

/**
 * kcrumbs_for_each_crashtype() - call @fn for every crash type, in order
 * @fn: the callback
 * @arg: passed to @fn
 *
 * Return: 0, or the first non-zero value @fn returned.
 */
int kcrumbs_for_each_crashtype(kcrumbs_crashtype_fn fn, void *arg)
{
	size_t c, i;
	int ret;

	for (c = 0; c < ARRAY_SIZE(categories); c++) {
		for (i = 0; i < categories[c]->len; i++) {
			ret = fn(categories[c]->name, &categories[c]->types[i],
				 arg);
			if (ret)
				return ret;
		}
	}
	return 0;
}

struct lookup {
	const char *name;
	const struct kcrumbs_crashtype *found;
};

static int match_name(const char *cat, const struct kcrumbs_crashtype *ct,
		      void *arg)
{
	struct lookup *l = arg;

	if (strcmp(ct->name, l->name))
		return 0;
	l->found = ct;
	return 1;
}

/**
 * kcrumbs_find_crashtype() - look a crash type up by its exact name
 * @name: NUL-terminated
 *
 * Return: the crash type, or NULL.
 */
const struct kcrumbs_crashtype *kcrumbs_find_crashtype(const char *name)
{
	struct lookup l = { .name = name };

	kcrumbs_for_each_crashtype(match_name, &l);
	return l.found;
}

static int add_name(const char *cat, const struct kcrumbs_crashtype *ct,
		    void *arg)
{
	bool *first = arg;

	if (!*first)
		strlcat(unknown_msg, ", ", sizeof(unknown_msg));
	*first = false;
	strlcat(unknown_msg, ct->name, sizeof(unknown_msg));
	return 0;
}

/**
 * kcrumbs_unknown_type_msg() - the error for an unknown crash type
 *
 * Return: "unknown crash type; valid: " and every name, in a string that
 * lives as long as the module (so an extended ACK may point at it).
 */
const char *kcrumbs_unknown_type_msg(void)
{
	return unknown_msg;
}

/**
 * kcrumbs_arm() - open the window in which one trigger is accepted
 * @seconds: its length (capped at KCRUMBS_ARM_MAX_SECONDS); 0 closes it
 */
void kcrumbs_arm(unsigned int seconds)
{
	unsigned long until;

	if (!seconds) {
		atomic_long_set(&armed_until, 0);
		return;
	}
	seconds = min_t(unsigned int, seconds, KCRUMBS_ARM_MAX_SECONDS);
	until = jiffies + seconds * HZ;
	atomic_long_set(&armed_until, until ? until : 1);
}

/**
 * kcrumbs_armed_ms() - time left in the arm window
 *
 * Return: milliseconds, 0 when not armed or expired.
 */
unsigned int kcrumbs_armed_ms(void)
{
	unsigned long until = atomic_long_read(&armed_until);

	if (!until || time_after_eq(jiffies, until))
		return 0;
	return jiffies_to_msecs(until - jiffies);
}

static int crash_thread(void *arg)
{
	const struct kcrumbs_crashtype *ct = arg;

	msleep(KCRUMBS_TRIGGER_DELAY_MS);
	pr_warn("trigger %s: %s\n", ct->name, ct->desc);
	ct->func();
	pr_warn("trigger %s: returned, the kernel carried on\n", ct->name);
	module_put_and_kthread_exit(0);
}

/**
 * kcrumbs_trigger() - fire a crash type, if armed
 * @ct: the crash type
 * @why: on failure, why, for the caller's extended ACK
 *
 * Consumes the arm window whatever the outcome, so one ARM allows at most
 * one TRIGGER.
 *
 * Return: 0 once the crash thread is started, -EAGAIN when not armed or the
 * window has closed, or the error from starting the thread.
 */
int kcrumbs_trigger(const struct kcrumbs_crashtype *ct, const char **why)
{
	unsigned long until = atomic_long_xchg(&armed_until, 0);
	struct task_struct *t;

	if (!until) {
		*why = "not armed: arm first (kcrumbs arm), then trigger within the window";
		return -EAGAIN;
	}
	if (time_after_eq(jiffies, until)) {
		*why = "the arm window has closed: arm again";
		return -EAGAIN;
	}

	__module_get(THIS_MODULE);
	t = kthread_run(crash_thread, (void *)ct, "kcrumbs-crash");
	if (IS_ERR(t)) {
		module_put(THIS_MODULE);
		*why = "cannot start the crash thread";
		return PTR_ERR(t);
	}
	return 0;
}

/**
 * kcrumbs_trigger_init() - build the message that lists every name
 *
 * Return: 0.
 */
int kcrumbs_trigger_init(void)
{
	bool first = true;

	strscpy(unknown_msg, "unknown crash type; valid: ", sizeof(unknown_msg));
	kcrumbs_for_each_crashtype(add_name, &first);
	return 0;
}
