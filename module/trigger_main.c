// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs_trigger: controlled crashes for QA, apart from the recorder.
 *
 * As LKDTM is apart from pstore: a production machine loads kcrumbs.ko,
 * which records crashes, and not this module, whose purpose is to cause
 * them. It depends on kcrumbs.ko (the self-test records through it) and
 * answers on its own generic netlink family, "kcrumbs_trigger".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "kcrumbs.h"
#include "trigger.h"

static int __init kcrumbs_trigger_mod_init(void)
{
	int err;

	err = kcrumbs_trigger_init();
	if (err)
		return err;

	err = kcrumbs_trigger_netlink_init();
	if (err) {
		pr_err("cannot register generic netlink family: %d\n", err);
		return err;
	}

	pr_info("version %s loaded: crash triggers available to CAP_SYS_BOOT\n",
		KCRUMBS_VERSION);
	return 0;
}

static void __exit kcrumbs_trigger_mod_exit(void)
{
	kcrumbs_trigger_netlink_exit();
	pr_info("unloaded\n");
}

module_init(kcrumbs_trigger_mod_init);
module_exit(kcrumbs_trigger_mod_exit);

MODULE_DESCRIPTION("kcrumbs_trigger: controlled crashes for testing kcrumbs and kdump");
MODULE_AUTHOR("kcrumbs developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(KCRUMBS_VERSION);
