// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: structured crash breadcrumbs that outlive the crash.
 *
 * Module entry and exit. Each concern (netlink, region, hooks) lives in
 * its own file and is brought up here in order and torn down in the
 * reverse order. The crash triggers are another module: trigger_main.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/timekeeping.h>

#include "hooks.h"
#include "kcrumbs.h"
#include "region.h"

static u64 loaded_ns;

u64 kcrumbs_loaded_ns(void)
{
	return loaded_ns;
}

static int __init kcrumbs_init(void)
{
	int err;

	loaded_ns = ktime_get_boottime_ns();

	/* it says why in one line when it refuses */
	err = kcrumbs_region_init();
	if (err)
		return err;

	err = kcrumbs_hooks_init();
	if (err)
		goto out_region;

	err = kcrumbs_netlink_init();
	if (err) {
		pr_err("cannot register generic netlink family: %d\n", err);
		goto out_hooks;
	}

	pr_info("version %s loaded\n", KCRUMBS_VERSION);
	return 0;

out_hooks:
	kcrumbs_hooks_exit();
out_region:
	kcrumbs_region_exit();
	return err;
}

static void __exit kcrumbs_exit(void)
{
	kcrumbs_netlink_exit();
	kcrumbs_hooks_exit();
	kcrumbs_region_exit();
	pr_info("unloaded\n");
}

module_init(kcrumbs_init);
module_exit(kcrumbs_exit);

MODULE_DESCRIPTION("kcrumbs: structured crash breadcrumbs that outlive the crash");
MODULE_AUTHOR("kcrumbs developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(KCRUMBS_VERSION);
