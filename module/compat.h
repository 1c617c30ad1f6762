/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: every difference between the kernels the module builds for, in
 * one place. The other files use what is defined here and never test
 * LINUX_VERSION_CODE themselves.
 *
 * Built with W=1 and tested in the VM on Debian 12's 6.1, Debian 13's 6.12
 * and Debian unstable's 7.2 (README, "Kernels tested").
 *
 * Checked against those three kernels' headers and found the same, so
 * nothing here:
 *  - __crash_kexec(struct pt_regs *): kernel/kexec_core.c up to 6.8,
 *    kernel/crash_core.c (declared in linux/crash_core.h) from 6.9. The
 *    name and the argument did not change and it stays a function of its
 *    own, so the kprobe on its entry is placed the same way on all three.
 *  - generic netlink: plain genl_ops with a policy and maxattr per op
 *    register on all three (split ops, 6.2+, are not needed).
 *  - the log tail: kmsg_dump_rewind() and kmsg_dump_get_buffer() with a
 *    struct kmsg_dump_iter (5.13+). kcrumbs registers no kmsg_dumper, so
 *    the dumper callback's change (struct kmsg_dump_detail *, 6.13) does
 *    not reach it.
 *  - die notifier, register_nmi_handler(), the panic and reboot notifier
 *    chains, register_kprobe(), the ORC unwinder's unwind_start() and
 *    unwind_next_frame(), sprint_symbol(), timer_setup()/mod_timer(),
 *    module_put_and_kthread_exit(), strscpy()/strlcat().
 */
#ifndef _KCRUMBS_COMPAT_H
#define _KCRUMBS_COMPAT_H

#include <linux/mm.h>
#include <linux/types.h>
#include <linux/version.h>

/*
 * hex_to_bin(): in linux/kernel.h in 6.1; in linux/hex.h from 6.2, which
 * linux/kernel.h still includes in 6.12 but no longer in 7.2.
 */
#if __has_include("linux/hex.h")	/* "": checkpatch reads <> as operators */
#include <linux/hex.h>
#else
#include <linux/kernel.h>
#endif

/*
 * A sysfs binary attribute's read() is handed a const struct bin_attribute
 * from 6.16 on (6.13 to 6.15 had it as read_new()). Written before the
 * parameter's type: KCRUMBS_BIN_ATTR_CONST struct bin_attribute *attr.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define KCRUMBS_BIN_ATTR_CONST const
#else
#define KCRUMBS_BIN_ATTR_CONST
#endif

/*
 * The largest order the page allocator hands out: MAX_ORDER - 1 up to 6.3,
 * MAX_ORDER (made inclusive) in 6.4 to 6.7, MAX_PAGE_ORDER from 6.8.
 */
#if defined(MAX_PAGE_ORDER)
#define KCRUMBS_MAX_ALLOC_ORDER	MAX_PAGE_ORDER
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define KCRUMBS_MAX_ALLOC_ORDER	MAX_ORDER
#else
#define KCRUMBS_MAX_ALLOC_ORDER	(MAX_ORDER - 1)
#endif

/**
 * kcrumbs_reserve_mem_find() - a reserve_mem= region by its name
 * @name: the name given as reserve_mem=SIZE:ALIGN:NAME on the command line
 * @start: set to its physical address when found
 * @size: set to its size when found
 *
 * reserve_mem= and reserve_mem_find_by_name() exist from 6.11; before,
 * nothing is found.
 *
 * Return: true when the kernel has such a region.
 */
static inline bool kcrumbs_reserve_mem_find(const char *name,
					    phys_addr_t *start,
					    phys_addr_t *size)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
	return reserve_mem_find_by_name(name, start, size) == 1;
#else
	return false;
#endif
}

#endif /* _KCRUMBS_COMPAT_H */
