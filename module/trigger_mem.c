// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: crash types about memory. OOM takes pages until the kernel runs
 * out and calls the OOM killer; an OOM notifier tells it that happened, and
 * it then gives every page back. With vm.panic_on_oom the kernel panics
 * first; without, the OOM killer has killed one process by then.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/notifier.h>
#include <linux/oom.h>
#include <linux/sched.h>

#include "trigger.h"

static bool oom_seen;

static int oom_notify(struct notifier_block *nb, unsigned long unused,
		      void *freed)
{
	/* free nothing here: that would stop panic_on_oom and the killer */
	WRITE_ONCE(oom_seen, true);
	return NOTIFY_OK;
}

static struct notifier_block oom_nb = {
	.notifier_call = oom_notify,
};

static void kcrumbs_OOM(void)
{
	unsigned long n = 0;
	struct page *page, *tmp;
	LIST_HEAD(pages);

	WRITE_ONCE(oom_seen, false);
	if (register_oom_notifier(&oom_nb))
		return;
	while (!READ_ONCE(oom_seen)) {
		page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		if (!page)
			break;
		list_add(&page->lru, &pages);
		n++;
		cond_resched();
	}
	list_for_each_entry_safe(page, tmp, &pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	unregister_oom_notifier(&oom_nb);
	pr_warn("OOM: held %lu pages when the OOM killer ran; all freed\n", n);
}

static const struct kcrumbs_crashtype crashtypes[] = {
	CRASHTYPE(OOM, OOM,
		  "allocates kernel pages until the OOM killer runs, then frees them"),
};

const struct kcrumbs_crashtype_category kcrumbs_mem_crashtypes = {
	.name = "mem",
	.types = crashtypes,
	.len = ARRAY_SIZE(crashtypes),
};
