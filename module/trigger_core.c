// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the crash type tables, the arm window and the thread that fires
 * a crash.
 *
 * A crash fires in a kernel thread of its own, never in the netlink
 * caller's context: generic netlink holds its locks around our handler, and
 * a task that oopses or hangs while holding them would take every generic
 * netlink family on the machine down with it. The thread pins the module
 * for as long as it may run module code: the reference is taken before the
 * thread starts and dropped by module_put_and_kthread_exit(), its last act.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "trigger.h"

/* Lets the netlink reply reach the caller before the crash. */
#define KCRUMBS_TRIGGER_DELAY_MS	200

static const struct kcrumbs_crashtype_category *const categories[] = {
	&kcrumbs_bugs_crashtypes,
	&kcrumbs_lockups_crashtypes,
	&kcrumbs_mem_crashtypes,
	&kcrumbs_selftest_crashtypes,
};

/*
 * The arm window: when it closes (jiffies; 0 when not armed) and the
 * netlink socket that opened it, which alone may fire the trigger.
 * Process context only (the netlink handlers). A window whose socket has
 * closed is left to expire (60 s at most): only a socket given the same
 * port id, which also needs CAP_SYS_BOOT, could use it.
 */
static DEFINE_SPINLOCK(arm_lock);
static unsigned long armed_until;
static u32 armed_portid;

/* "unknown crash type; valid: PANIC, BUG, ...": built once at load. */
static char unknown_msg[512];

/*
 * Why a crash type cannot run here, for the extended ACK. Written and
 * read under the generic netlink lock, which is held until the ACK is
 * sent.
 */
static char unavailable_msg[128];

/**
 * kcrumbs_crashtype_next() - walk every crash type, in table order
 * @pos: 0 to start; advanced on each call
 * @cat: set to the crash type's category name
 *
 * Return: the next crash type, or NULL after the last.
 */
const struct kcrumbs_crashtype *
kcrumbs_crashtype_next(size_t *pos, const char **cat)
{
	size_t c, i = *pos;

	for (c = 0; c < ARRAY_SIZE(categories); c++) {
		if (i < categories[c]->len) {
			*cat = categories[c]->name;
			(*pos)++;
			return &categories[c]->types[i];
		}
		i -= categories[c]->len;
	}
	return NULL;
}

/**
 * kcrumbs_find_crashtype() - look a crash type up by its exact name
 * @name: NUL-terminated
 *
 * Return: the crash type, or NULL.
 */
const struct kcrumbs_crashtype *kcrumbs_find_crashtype(const char *name)
{
	const struct kcrumbs_crashtype *ct;
	const char *cat;
	size_t pos = 0;

	while ((ct = kcrumbs_crashtype_next(&pos, &cat)))
		if (!strcmp(ct->name, name))
			return ct;
	return NULL;
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
 * @seconds: its length (capped at KCRUMBS_ARM_MAX_SECONDS); 0 closes it,
 *	whoever opened it
 * @portid: the netlink socket that arms: only it may trigger
 */
void kcrumbs_arm(unsigned int seconds, u32 portid)
{
	unsigned long until = 0;

	if (seconds) {
		seconds = min_t(unsigned int, seconds, KCRUMBS_ARM_MAX_SECONDS);
		until = jiffies + seconds * HZ;
		if (!until)
			until = 1;
	}
	spin_lock(&arm_lock);
	armed_until = until;
	armed_portid = until ? portid : 0;
	spin_unlock(&arm_lock);
}

/**
 * kcrumbs_armed_ms() - time left in the arm window
 *
 * Return: milliseconds, 0 when not armed or expired.
 */
unsigned int kcrumbs_armed_ms(void)
{
	unsigned long until, now = jiffies;

	spin_lock(&arm_lock);
	until = armed_until;
	spin_unlock(&arm_lock);
	if (!until || time_after_eq(now, until))
		return 0;
	return jiffies_to_msecs(until - now);
}

/**
 * kcrumbs_crashtype_unavailable() - why a crash type cannot run now
 * @ct: the crash type
 *
 * Call with the generic netlink lock held (from a netlink handler).
 *
 * Return: the reason, in a string that lives until the next call, or
 * NULL when it can run.
 */
const char *kcrumbs_crashtype_unavailable(const struct kcrumbs_crashtype *ct)
{
	unsigned int online = num_online_cpus();

	if (online >= ct->min_cpus)
		return NULL;
	snprintf(unavailable_msg, sizeof(unavailable_msg),
		 "%s needs %u online CPUs and %u %s online: it cannot run here",
		 ct->name, ct->min_cpus, online, online == 1 ? "is" : "are");
	return unavailable_msg;
}

/*
 * Take the arm window for a trigger from @portid: consumed when it is
 * @portid's (whatever follows), left to its owner when it is not.
 */
static int take_window(u32 portid, const char **why)
{
	unsigned long until;
	int err = 0;

	spin_lock(&arm_lock);
	until = armed_until;
	if (!until) {
		*why = "not armed: arm first (kcrumbs arm), then trigger within the window";
		err = -EAGAIN;
	} else if (time_after_eq(jiffies, until)) {
		*why = "the arm window has closed: arm again";
		err = -EAGAIN;
	} else if (armed_portid != portid) {
		*why = "armed by another netlink socket: arm and trigger on one socket";
		err = -EPERM;
	}
	if (err != -EPERM) {
		armed_until = 0;
		armed_portid = 0;
	}
	spin_unlock(&arm_lock);
	return err;
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
 * kcrumbs_trigger() - fire a crash type, if armed by the same socket
 * @ct: the crash type
 * @portid: the netlink socket asking (NETLINK_CB(skb).portid)
 * @why: on failure, why, for the caller's extended ACK
 *
 * Consumes the arm window whatever the outcome, so one ARM allows at most
 * one TRIGGER; a trigger from another socket than the one that armed is
 * refused and leaves the window to its owner. The crash thread holds a
 * reference on this module, taken before it starts, so the module cannot
 * be unloaded while the thread may still run its code.
 *
 * Return: 0 once the crash thread is started, -EAGAIN when not armed or
 * the window has closed, -EPERM when another socket armed, -ENXIO when
 * the machine lacks what the crash type needs (kcrumbs_crashtype_unavailable()),
 * -ENODEV when the module is being unloaded, or the error from starting
 * the thread.
 */
int kcrumbs_trigger(const struct kcrumbs_crashtype *ct, u32 portid,
		    const char **why)
{
	struct task_struct *t;
	int err;

	err = take_window(portid, why);
	if (err)
		return err;
	*why = kcrumbs_crashtype_unavailable(ct);
	if (*why)
		return -ENXIO;

	if (!try_module_get(THIS_MODULE)) {
		*why = "the trigger module is being unloaded";
		return -ENODEV;
	}
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
	const struct kcrumbs_crashtype *ct;
	const char *cat, *sep = "";
	size_t pos = 0;

	strscpy(unknown_msg, "unknown crash type; valid: ", sizeof(unknown_msg));
	while ((ct = kcrumbs_crashtype_next(&pos, &cat))) {
		strlcat(unknown_msg, sep, sizeof(unknown_msg));
		strlcat(unknown_msg, ct->name, sizeof(unknown_msg));
		sep = ", ";
	}
	return 0;
}
