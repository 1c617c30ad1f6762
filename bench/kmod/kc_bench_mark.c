// SPDX-License-Identifier: GPL-2.0
/*
 * kc_bench_mark: benchmark helper, not part of kcrumbs. Times kcrumbs'
 * in-kernel API, kcrumbs_mark_str() and kcrumbs_mark(), per call: on
 * load, @calls calls on one CPU, then @calls calls on every online CPU at
 * once (one bound kthread each, released together). As a yardstick, the
 * same loop reading the three NMI-safe clocks a mark stamps. Results, in
 * ns per call, are read-only parameters.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/timekeeping.h>

#include "kcrumbs_mark.h"

static unsigned int calls = 100000;
module_param(calls, uint, 0444);
MODULE_PARM_DESC(calls, "Calls per measurement (default 100000)");

static unsigned long str_ns, fmt_ns, clocks_ns, all_cpus_ns, nr_cpus;
module_param(str_ns, ulong, 0444);
MODULE_PARM_DESC(str_ns, "kcrumbs_mark_str(), 32 bytes, one CPU: ns per call");
module_param(fmt_ns, ulong, 0444);
MODULE_PARM_DESC(fmt_ns, "kcrumbs_mark() with a %d and a %s, one CPU: ns per call");
module_param(clocks_ns, ulong, 0444);
MODULE_PARM_DESC(clocks_ns, "the three fast clocks alone, one CPU: ns per call");
module_param(all_cpus_ns, ulong, 0444);
MODULE_PARM_DESC(all_cpus_ns, "kcrumbs_mark_str() on every CPU at once: mean ns per call");
module_param(nr_cpus, ulong, 0444);
MODULE_PARM_DESC(nr_cpus, "CPUs in the all-CPU run");

static const char text[32] = "benchmark mark, 32 bytes long..";

enum kind { STR, FMT, CLOCKS };

static u64 loop(enum kind k)
{
	u64 t0 = ktime_get_ns(), sink = 0;
	unsigned int i;

	for (i = 0; i < calls; i++) {
		switch (k) {
		case STR:
			kcrumbs_mark_str("bench", text, sizeof(text));
			break;
		case FMT:
			kcrumbs_mark("bench", "call %d of %s", i, "bench");
			break;
		case CLOCKS:
			sink += ktime_get_mono_fast_ns() + ktime_get_boot_fast_ns() +
				ktime_get_real_fast_ns();
			break;
		}
	}
	barrier_data(&sink);
	return (ktime_get_ns() - t0) / calls;
}

static DECLARE_COMPLETION(go);
static atomic_t running;
static atomic64_t total_ns;
static DECLARE_COMPLETION(all_done);

static int cpu_thread(void *unused)
{
	wait_for_completion(&go);
	atomic64_add(loop(STR), &total_ns);
	if (atomic_dec_and_test(&running))
		complete(&all_done);
	return 0;
}

static int run_all_cpus(void)
{
	struct task_struct *t;
	unsigned int cpu;

	atomic_set(&running, num_online_cpus());
	for_each_online_cpu(cpu) {
		t = kthread_create(cpu_thread, NULL, "kc_bench/%u", cpu);
		if (IS_ERR(t))
			return PTR_ERR(t);	/* the others wait forever: a bench */
		kthread_bind(t, cpu);
		wake_up_process(t);
	}
	complete_all(&go);
	wait_for_completion(&all_done);
	nr_cpus = num_online_cpus();
	all_cpus_ns = atomic64_read(&total_ns) / nr_cpus;
	return 0;
}

static int __init bench_init(void)
{
	if (!calls)
		return -EINVAL;
	clocks_ns = loop(CLOCKS);
	str_ns = loop(STR);
	fmt_ns = loop(FMT);
	return run_all_cpus();
}

static void __exit bench_exit(void)
{
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("Benchmark helper: the cost of kcrumbs_mark()");
MODULE_LICENSE("GPL");
