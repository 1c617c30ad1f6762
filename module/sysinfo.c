// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the system at a fatal event, as crash's `sys` and `kmem -i`
 * show it, from counters any context can read: no lock, no allocation,
 * nothing that can sleep or fault.
 *
 * What a module cannot read is left out and flagged, never guessed:
 *  - the thread count: nr_threads is not exported; the initial pid
 *    namespace's pid_allocated is (a thread holds one pid; a pid also
 *    lives on while a process group or session names it);
 *  - the swap total: total_swap_pages and si_swapinfo() are not exported
 *    (and si_swapinfo() takes swap_lock); nr_swap_pages, the free swap, is.
 * The taint mask is read flag by flag with test_taint(): get_taint() is
 * not exported.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pid_namespace.h>
#include <linux/sched/loadavg.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>
#include <linux/vmstat.h>

#include "sysinfo.h"
#include "trail.h"

/* the record format document gives these sizes */
static_assert(sizeof(struct kcrumbs_snapshot) == 272);
static_assert(sizeof(struct kcrumbs_mce) == 96);

static u64 taint_mask(void)
{
	u64 mask = 0;
	unsigned int i;

	for (i = 0; i < TAINT_FLAGS_COUNT && i < 64; i++)
		if (test_taint(i))
			mask |= BIT_ULL(i);
	return mask;
}

static void fill_memory(struct kcrumbs_snapshot *s)
{
	unsigned long slab;

	s->mem_total = cpu_to_le64((u64)totalram_pages() << PAGE_SHIFT);
	s->mem_free = cpu_to_le64((u64)global_zone_page_state(NR_FREE_PAGES)
				  << PAGE_SHIFT);
	s->page_cache = cpu_to_le64((u64)global_node_page_state(NR_FILE_PAGES)
				    << PAGE_SHIFT);
	slab = global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
	       global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	s->slab = cpu_to_le64((u64)slab << PAGE_SHIFT);
	s->swap_free = cpu_to_le64((u64)max(get_nr_swap_pages(), 0L) << PAGE_SHIFT);
}

/**
 * kcrumbs_snapshot_fill() - take the system's snapshot; safe in NMI context
 * @s: where, zeroed by this function
 */
void kcrumbs_snapshot_fill(struct kcrumbs_snapshot *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->taint = cpu_to_le64(taint_mask());
	s->uptime_ns = cpu_to_le64(ktime_get_boot_fast_ns());
	for (i = 0; i < ARRAY_SIZE(s->load); i++)
		s->load[i] = cpu_to_le64(avenrun[i]);
	fill_memory(s);
	s->tasks = cpu_to_le32(READ_ONCE(init_pid_ns.pid_allocated) & ~PIDNS_ADDING);
	s->cpus_online = cpu_to_le32(num_online_cpus());
	s->cpus_possible = cpu_to_le32(num_possible_cpus());
	s->known = cpu_to_le32(KCRUMBS_SNAP_TASKS | KCRUMBS_SNAP_SWAP);
	for (i = 0; i < __KCRUMBS_TRAIL_MAX; i++)
		s->trail[i] = cpu_to_le32(kcrumbs_trail_count(i));
	strscpy(s->nodename, init_uts_ns.name.nodename, sizeof(s->nodename));
	strscpy(s->version, init_uts_ns.name.version, sizeof(s->version));
}
