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
 *  - NMI handlers (unknown, SERR, IO check): before the kernel decides;
 *  - reboot notifier: a clean shutdown, so the next boot can tell.
 * Each can be turned off with a module parameter.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kdebug.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/reboot.h>
#include <asm/nmi.h>

#include "hooks.h"
#include "recorder.h"
#include "region.h"

static bool hook_die = true;
module_param(hook_die, bool, 0444);
MODULE_PARM_DESC(hook_die, "Record oopses from the die notifier (default on)");

static bool hook_crash_kexec = true;
module_param(hook_crash_kexec, bool, 0444);
MODULE_PARM_DESC(hook_crash_kexec, "Record at the entry of __crash_kexec(), before kdump (default on)");

static bool hook_panic = true;
module_param(hook_panic, bool, 0444);
MODULE_PARM_DESC(hook_panic, "Record from the panic notifier, for machines without kdump (default on)");

static bool hook_nmi = true;
module_param(hook_nmi, bool, 0444);
MODULE_PARM_DESC(hook_nmi, "Record unknown, SERR and IO-check NMIs (default on)");

static bool hook_reboot = true;
module_param(hook_reboot, bool, 0444);
MODULE_PARM_DESC(hook_reboot, "Mark a clean shutdown or reboot (default on)");

static int die_cb(struct notifier_block *nb, unsigned long val, void *data)
{
	struct die_args *args = data;

	if (val == DIE_OOPS)
		kcrumbs_record_crash(KCRUMBS_HOOK_DIE, KCRUMBS_CAUSE_OOPS,
				     args->regs, args->regs, args->str, false);
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
 */
static int crash_kexec_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct pt_regs *crash_regs = (struct pt_regs *)regs->di;
	struct pt_regs caller = *regs;

	caller.ip = *(unsigned long *)regs->sp;
	caller.sp = regs->sp + sizeof(unsigned long);
	kcrumbs_record_crash(KCRUMBS_HOOK_CRASH_KEXEC, KCRUMBS_CAUSE_UNKNOWN,
			     crash_regs, crash_regs ? crash_regs : &caller,
			     NULL, true);
	return 0;
}

static struct kprobe crash_kexec_kp = {
	.symbol_name = "__crash_kexec",
	.pre_handler = crash_kexec_pre,
};

static int panic_cb(struct notifier_block *nb, unsigned long val, void *msg)
{
	kcrumbs_record_crash(KCRUMBS_HOOK_PANIC, KCRUMBS_CAUSE_UNKNOWN, NULL,
			     NULL, msg, true);
	return NOTIFY_DONE;
}

static struct notifier_block panic_nb = {
	.notifier_call = panic_cb,
	.priority = INT_MAX,
};

static int nmi_cb(enum kcrumbs_cause cause, struct pt_regs *regs)
{
	kcrumbs_record_crash(KCRUMBS_HOOK_NMI, cause, regs, regs, "", false);
	return NMI_DONE;	/* never claim it: the kernel decides */
}

static int nmi_unknown_cb(unsigned int type, struct pt_regs *regs)
{
	return nmi_cb(KCRUMBS_CAUSE_NMI_UNKNOWN, regs);
}

static int nmi_serr_cb(unsigned int type, struct pt_regs *regs)
{
	return nmi_cb(KCRUMBS_CAUSE_NMI_SERR, regs);
}

static int nmi_iochk_cb(unsigned int type, struct pt_regs *regs)
{
	return nmi_cb(KCRUMBS_CAUSE_NMI_IOCHK, regs);
}

static int reboot_cb(struct notifier_block *nb, unsigned long action, void *d)
{
	kcrumbs_region_set_state(KCRUMBS_STATE_CLEAN);
	return NOTIFY_DONE;
}

static struct notifier_block reboot_nb = {
	.notifier_call = reboot_cb,
};

/* Which hooks are in place, for status. */
static unsigned int armed_hooks;

static int register_nmis(void)
{
	int err;

	err = register_nmi_handler(NMI_UNKNOWN, nmi_unknown_cb, 0, "kcrumbs");
	if (err)
		return err;
	err = register_nmi_handler(NMI_SERR, nmi_serr_cb, 0, "kcrumbs");
	if (err)
		goto out_unknown;
	err = register_nmi_handler(NMI_IO_CHECK, nmi_iochk_cb, 0, "kcrumbs");
	if (err)
		goto out_serr;
	return 0;

out_serr:
	unregister_nmi_handler(NMI_SERR, "kcrumbs");
out_unknown:
	unregister_nmi_handler(NMI_UNKNOWN, "kcrumbs");
	return err;
}

static void unregister_nmis(void)
{
	unregister_nmi_handler(NMI_IO_CHECK, "kcrumbs");
	unregister_nmi_handler(NMI_SERR, "kcrumbs");
	unregister_nmi_handler(NMI_UNKNOWN, "kcrumbs");
}

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
		err = register_kprobe(&crash_kexec_kp);
		if (err) {
			pr_err("cannot probe __crash_kexec: %d\n", err);
			goto out_die;
		}
		armed_hooks |= BIT(KCRUMBS_HOOK_CRASH_KEXEC);
	}
	if (hook_panic) {
		atomic_notifier_chain_register(&panic_notifier_list, &panic_nb);
		armed_hooks |= BIT(KCRUMBS_HOOK_PANIC);
	}
	if (hook_nmi) {
		err = register_nmis();
		if (err)
			goto out_panic;
		armed_hooks |= BIT(KCRUMBS_HOOK_NMI);
	}
	if (hook_reboot)
		register_reboot_notifier(&reboot_nb);
	return 0;

out_panic:
	if (hook_panic)
		atomic_notifier_chain_unregister(&panic_notifier_list, &panic_nb);
	if (hook_crash_kexec)
		unregister_kprobe(&crash_kexec_kp);
out_die:
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
	if (hook_reboot)
		unregister_reboot_notifier(&reboot_nb);
	if (hook_nmi)
		unregister_nmis();
	if (hook_panic)
		atomic_notifier_chain_unregister(&panic_notifier_list, &panic_nb);
	if (hook_crash_kexec)
		unregister_kprobe(&crash_kexec_kp);
	if (hook_die)
		unregister_die_notifier(&die_nb);
	armed_hooks = 0;
}

/**
 * kcrumbs_hooks_armed() - the hooks in place
 *
 * Return: a bit per enum kcrumbs_hook.
 */
unsigned int kcrumbs_hooks_armed(void)
{
	return armed_hooks;
}
