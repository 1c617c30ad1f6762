// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: where breadcrumbs are taken.
 *
 * With a crash kernel loaded, panic() calls __crash_kexec() before the
 * panic notifiers and kmsg_dump(), and an oops calls crash_kexec() before
 * panic(): a panic notifier alone never runs under kdump. So:
 *  - die notifier (DIE_OOPS): the oops, with its registers;
 *  - kprobe at the entry of __crash_kexec(): every road into kdump; the
 *    last moment before the capture kernel, so it writes the log tail;
 *  - panic notifier: machines without kdump (and crash_kexec_post_notifiers);
 *  - NMI handler (unknown NMIs): before the kernel decides. Not SERR or
 *    IO check: the kernel WARNs when a second handler registers there
 *    (hpwdt, igen6_edac have one), which panics a machine with
 *    panic_on_warn. Those end in nmi_panic(), which the kprobe sees, and
 *    the kernel's log line tells the cause;
 *  - reboot notifier: a clean shutdown, so the next boot can tell;
 *  - the trail (trail.c): WARNs, soft lockup and hung task warnings, RCU
 *    stalls, OOM kills and machine checks the kernel carries on after.
 * Each can be turned off with a module parameter. A hook that cannot be
 * put in place is reported, and the others still load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kdebug.h>
#include <linux/kexec.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/reboot.h>
#include <asm/nmi.h>

#include "classify.h"
#include "hooks.h"
#include "recorder.h"
#include "region.h"
#include "trail.h"
#include "unwind.h"

static bool hook_die = true;
module_param(hook_die, bool, 0444);
MODULE_PARM_DESC(hook_die, "Record oopses from the die notifier (default on)");

static bool hook_crash_kexec = true;
module_param(hook_crash_kexec, bool, 0444);
MODULE_PARM_DESC(hook_crash_kexec, "Record at the entry of __crash_kexec(), before kdump (default on)");

static char *crash_kexec_symbol = "__crash_kexec";
module_param(crash_kexec_symbol, charp, 0444);
MODULE_PARM_DESC(crash_kexec_symbol, "The function the kdump hook probes (default __crash_kexec; for a kernel that renamed it)");

static bool hook_panic = true;
module_param(hook_panic, bool, 0444);
MODULE_PARM_DESC(hook_panic, "Record from the panic notifier, for machines without kdump (default on)");

static bool hook_nmi = true;
module_param(hook_nmi, bool, 0444);
MODULE_PARM_DESC(hook_nmi, "Record the first unknown NMI, count the others (default on)");

static bool hook_reboot = true;
module_param(hook_reboot, bool, 0444);
MODULE_PARM_DESC(hook_reboot, "Mark a clean shutdown or reboot (default on)");

static int die_cb(struct notifier_block *nb, unsigned long val, void *data)
{
	struct die_args *args = data;

	if (val != DIE_OOPS)
		return NOTIFY_DONE;
	kcrumbs_trail_note(KCRUMBS_TRAIL_OOPS);
	kcrumbs_record_crash(KCRUMBS_HOOK_DIE, kcrumbs_cause_of_die(args->str),
			     args->regs, args->regs, args->str,
			     KCRUMBS_SEEN | KCRUMBS_OOPS);
	return NOTIFY_DONE;
}

static struct notifier_block die_nb = {
	.notifier_call = die_cb,
	.priority = INT_MAX,	/* before anyone who might stop the chain */
};

/*
 * __crash_kexec(struct pt_regs *regs): the crash's registers, or NULL. The
 * backtrace unwinds from the probe's own registers: __crash_kexec's caller
 * and up. The probe sits on the function's first instruction (an ftrace
 * site), where the unwinder has no usable data; but there the stack
 * pointer points at the return address, so start one frame up, in the
 * caller, as if returning to it.
 *
 * Fatal for sure when a crash kernel is loaded, or when panic() calls it
 * (without registers). An oops calls it with registers even with no crash
 * kernel, and may then be survived (a task that oopses while exiting).
 */
static int crash_kexec_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct pt_regs *crash_regs =
		(struct pt_regs *)regs_get_kernel_argument(regs, 0);
	unsigned int how = KCRUMBS_FINAL;
	struct pt_regs caller;

	if (!crash_regs || kexec_crash_loaded())
		how |= KCRUMBS_FATAL;
	kcrumbs_probe_caller(regs, &caller);
	kcrumbs_record_crash(KCRUMBS_HOOK_CRASH_KEXEC, KCRUMBS_CAUSE_UNKNOWN,
			     crash_regs, crash_regs ? crash_regs : &caller,
			     NULL, how);
	return 0;
}

static struct kprobe crash_kexec_kp = {
	.symbol_name = "__crash_kexec",
	.pre_handler = crash_kexec_pre,
};

static int panic_cb(struct notifier_block *nb, unsigned long val, void *msg)
{
	kcrumbs_record_crash(KCRUMBS_HOOK_PANIC, KCRUMBS_CAUSE_UNKNOWN, NULL,
			     NULL, msg, KCRUMBS_FINAL | KCRUMBS_FATAL);
	return NOTIFY_DONE;
}

static struct notifier_block panic_nb = {
	.notifier_call = panic_cb,
	.priority = INT_MAX,
};

/* Unknown NMIs seen; only the first is recorded (a walk costs in NMI). */
static atomic64_t nmi_seen = ATOMIC64_INIT(0);

static int nmi_unknown_cb(unsigned int type, struct pt_regs *regs)
{
	kcrumbs_trail_note(KCRUMBS_TRAIL_NMI);
	if (atomic64_inc_return(&nmi_seen) == 1)
		kcrumbs_record_crash(KCRUMBS_HOOK_NMI, KCRUMBS_CAUSE_NMI_UNKNOWN,
				     regs, regs, "", KCRUMBS_SEEN);
	return NMI_DONE;	/* never claim it: the kernel decides */
}

static int reboot_cb(struct notifier_block *nb, unsigned long action, void *d)
{
	kcrumbs_region_set_state(KCRUMBS_STATE_CLEAN);
	return NOTIFY_DONE;
}

static struct notifier_block reboot_nb = {
	.notifier_call = reboot_cb,
};

/* Which hooks were put in place (the kprobe may be disarmed since). */
static unsigned int armed_hooks;

/**
 * kcrumbs_hooks_init() - put every enabled hook in place
 *
 * Return: 0, or the first error; what was registered is undone.
 */
int kcrumbs_hooks_init(void)
{
	int err;

	if (hook_die) {
		err = register_die_notifier(&die_nb);
		if (err)
			return err;
		armed_hooks |= BIT(KCRUMBS_HOOK_DIE);
	}
	if (hook_crash_kexec) {
		/*
		 * Without it a crash under kdump is recorded only when another
		 * hook sees it first (an oops, an unknown NMI): say so, load.
		 */
		crash_kexec_kp.symbol_name = crash_kexec_symbol;
		err = register_kprobe(&crash_kexec_kp);
		if (err)
			pr_warn("cannot probe %s (%d): panics under kdump go unrecorded; the other hooks are in place\n",
				crash_kexec_symbol, err);
		else
			armed_hooks |= BIT(KCRUMBS_HOOK_CRASH_KEXEC);
	}
	if (hook_panic) {
		atomic_notifier_chain_register(&panic_notifier_list, &panic_nb);
		armed_hooks |= BIT(KCRUMBS_HOOK_PANIC);
	}
	if (hook_nmi) {
		err = register_nmi_handler(NMI_UNKNOWN, nmi_unknown_cb, 0, "kcrumbs");
		if (err)
			goto out_panic;
		armed_hooks |= BIT(KCRUMBS_HOOK_NMI);
	}
	if (hook_reboot)
		register_reboot_notifier(&reboot_nb);
	return kcrumbs_trail_init();

out_panic:
	if (hook_panic)
		atomic_notifier_chain_unregister(&panic_notifier_list, &panic_nb);
	if (armed_hooks & BIT(KCRUMBS_HOOK_CRASH_KEXEC))
		unregister_kprobe(&crash_kexec_kp);
	if (hook_die)
		unregister_die_notifier(&die_nb);
	armed_hooks = 0;
	return err;
}

/**
 * kcrumbs_hooks_exit() - remove every hook, in reverse order
 */
void kcrumbs_hooks_exit(void)
{
	kcrumbs_trail_exit();
	if (hook_reboot)
		unregister_reboot_notifier(&reboot_nb);
	if (hook_nmi)
		unregister_nmi_handler(NMI_UNKNOWN, "kcrumbs");
	if (hook_panic)
		atomic_notifier_chain_unregister(&panic_notifier_list, &panic_nb);
	if (armed_hooks & BIT(KCRUMBS_HOOK_CRASH_KEXEC))
		unregister_kprobe(&crash_kexec_kp);
	if (hook_die)
		unregister_die_notifier(&die_nb);
	armed_hooks = 0;
}

/**
 * kcrumbs_hooks_armed() - the hooks that would fire now
 *
 * The kprobe counts only while it is registered and not disabled (a probe
 * whose function went away is gone). kprobes disarmed all at once
 * (debugfs kprobes/enabled = 0) are not visible to a module: the CLI reads
 * that file itself.
 *
 * Return: a bit per enum kcrumbs_hook.
 */
unsigned int kcrumbs_hooks_armed(void)
{
	unsigned int armed = armed_hooks | kcrumbs_trail_armed();

	if ((armed & BIT(KCRUMBS_HOOK_CRASH_KEXEC)) &&
	    kprobe_disabled(&crash_kexec_kp))
		armed &= ~BIT(KCRUMBS_HOOK_CRASH_KEXEC);
	return armed;
}

/**
 * kcrumbs_hooks_wanted() - the hooks the module parameters ask for
 *
 * Return: a bit per enum kcrumbs_hook.
 */
unsigned int kcrumbs_hooks_wanted(void)
{
	return (hook_die ? BIT(KCRUMBS_HOOK_DIE) : 0) |
	       (hook_crash_kexec ? BIT(KCRUMBS_HOOK_CRASH_KEXEC) : 0) |
	       (hook_panic ? BIT(KCRUMBS_HOOK_PANIC) : 0) |
	       (hook_nmi ? BIT(KCRUMBS_HOOK_NMI) : 0) | kcrumbs_trail_wanted();
}

/**
 * kcrumbs_hooks_probe_missed() - hits of the __crash_kexec kprobe that did
 * not run its handler (another kprobe was running on that CPU)
 *
 * Return: the kprobe's nmissed count, 0 when it is not registered.
 */
u64 kcrumbs_hooks_probe_missed(void)
{
	return (armed_hooks & BIT(KCRUMBS_HOOK_CRASH_KEXEC)) ?
	       crash_kexec_kp.nmissed : 0;
}

/**
 * kcrumbs_hooks_nmi_seen() - unknown NMIs the handler saw (only the
 * first is recorded)
 *
 * Return: how many.
 */
u64 kcrumbs_hooks_nmi_seen(void)
{
	return atomic64_read(&nmi_seen);
}
