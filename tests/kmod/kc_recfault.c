// SPDX-License-Identifier: GPL-2.0
/*
 * kc_recfault: drives kcrumbs' recorder through its exported self-test
 * entry (module/kcrumbs_selftest.h) the way only a bug would.
 *
 *   mode=fault    a kernel thread hands the recorder a message pointer
 *                 that faults: the oops happens inside the recorder and
 *                 the thread dies there, leaving the recursion guard
 *                 taken. The next record on that CPU must still be
 *                 written.
 *   mode=address  one self-test event whose message carries a kernel
 *                 address, for the status reply to hide from a caller
 *                 without CAP_SYSLOG.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/string.h>

#include "kcrumbs_selftest.h"

static char *mode = "fault";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "fault or address");

#define ADDRESS_MSG "kc_recfault: a kernel address ffffffffc0a1b2c3 in a message"

/* Not NULL (the recorder takes NULL as "no message"): the first page. */
#define BAD_MSG	((const char *)8)

static int fault_thread(void *unused)
{
	pr_info("handing the recorder a bad message pointer\n");
	kcrumbs_record_selftest(BAD_MSG);
	pr_info("the recorder returned: it did not fault\n");
	return 0;
}

static int __init kc_recfault_init(void)
{
	struct task_struct *t;

	if (!strcmp(mode, "address")) {
		kcrumbs_record_selftest(ADDRESS_MSG);
		return 0;
	}
	if (strcmp(mode, "fault"))
		return -EINVAL;
	t = kthread_run(fault_thread, NULL, "kc_recfault");
	return PTR_ERR_OR_ZERO(t);
}

static void __exit kc_recfault_exit(void)
{
}

module_init(kc_recfault_init);
module_exit(kc_recfault_exit);

MODULE_DESCRIPTION("kcrumbs VM tests: a fault inside the recorder; an address in a message");
MODULE_LICENSE("GPL");
