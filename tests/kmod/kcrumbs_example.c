// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs_example: how another module drops breadcrumbs with kcrumbs'
 * in-kernel API (module/kcrumbs_mark.h). It marks once when it loads, in
 * process context, and once from a hard interrupt (an irq_work), to show
 * that the call needs no lock and no sleeping context. Writing to the
 * "mark" parameter drops one more:
 *	echo 'fio job 7 at 80%' > /sys/module/kcrumbs_example/parameters/mark
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irq_work.h>
#include <linux/module.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "kcrumbs_mark.h"

static void in_irq_work(struct irq_work *work)
{
	kcrumbs_mark("example", "from a hard interrupt on CPU %d",
		     smp_processor_id());
}

static struct irq_work example_work;

static int mark_set(const char *val, const struct kernel_param *kp)
{
	s64 seq = kcrumbs_mark_str("example", val, strcspn(val, "\n"));

	return seq < 0 ? (int)seq : 0;
}

static const struct kernel_param_ops mark_ops = {
	.set = mark_set,
};

module_param_cb(mark, &mark_ops, NULL, 0200);
MODULE_PARM_DESC(mark, "Write text here to drop a breadcrumb with it");

static int __init example_init(void)
{
	s64 seq = kcrumbs_mark("example", "kcrumbs_example loaded on CPU %d",
			       raw_smp_processor_id());

	if (seq < 0)
		return (int)seq;
	init_irq_work(&example_work, in_irq_work);
	irq_work_queue(&example_work);
	return 0;
}

static void __exit example_exit(void)
{
	irq_work_sync(&example_work);
}

module_init(example_init);
module_exit(example_exit);
MODULE_DESCRIPTION("Example user of the kcrumbs in-kernel API");
MODULE_LICENSE("GPL");
