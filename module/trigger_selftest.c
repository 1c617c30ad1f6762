// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: self-tests in the trigger table. BREADCRUMB_ALL_CPUS makes every
 * online CPU record one breadcrumb at the same instant, as CPUs that crash
 * together would: an IPI to all, a spin barrier until each has arrived,
 * then each writes, through the recorder's exported kcrumbs_record_selftest(),
 * a message naming its CPU. Each record must read back intact, one per CPU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/smp.h>

#include "kcrumbs_selftest.h"
#include "trigger.h"

static atomic_t arrived;

#define BARRIER_SPINS	10000000

static void record_here(void *unused)
{
	int cpus = num_online_cpus();
	unsigned long spins = 0;
	char msg[32];

	/* formatted before the barrier: after it, the CPUs record together */
	snprintf(msg, sizeof(msg), "BREADCRUMB_ALL_CPUS cpu %d",
		 smp_processor_id());
	atomic_inc(&arrived);
	/* bounded: a CPU that never comes must not hang the others */
	while (atomic_read(&arrived) < cpus && ++spins < BARRIER_SPINS)
		cpu_relax();
	kcrumbs_record_selftest(msg);
}

static void kcrumbs_BREADCRUMB_ALL_CPUS(void)
{
	atomic_set(&arrived, 0);
	on_each_cpu(record_here, NULL, 1);
	pr_info("BREADCRUMB_ALL_CPUS: %d CPUs recorded together\n",
		atomic_read(&arrived));
}

static const struct kcrumbs_crashtype crashtypes[] = {
	CRASHTYPE(BREADCRUMB_ALL_CPUS, NONE,
		  "every CPU records a breadcrumb at the same instant; no crash"),
};

const struct kcrumbs_crashtype_category kcrumbs_selftest_crashtypes = {
	.name = "selftest",
	.types = crashtypes,
	.len = ARRAY_SIZE(crashtypes),
};
