/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: declarations shared between the module's own files.
 */
#ifndef _KCRUMBS_H
#define _KCRUMBS_H

#include <linux/types.h>

#ifndef KCRUMBS_VERSION
#error "KCRUMBS_VERSION must be set by Kbuild (from dkms.conf)"
#endif

/**
 * kcrumbs_loaded_ns() - CLOCK_BOOTTIME nanoseconds at which the module loaded
 *
 * Return: the time recorded by module init.
 */
u64 kcrumbs_loaded_ns(void);

int kcrumbs_netlink_init(void);
void kcrumbs_netlink_exit(void);

#endif /* _KCRUMBS_H */
