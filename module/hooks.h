/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: the hooks that take breadcrumbs.
 */
#ifndef _KCRUMBS_HOOKS_H
#define _KCRUMBS_HOOKS_H

#include <linux/types.h>

int kcrumbs_hooks_init(void);
void kcrumbs_hooks_exit(void);
unsigned int kcrumbs_hooks_armed(void);
unsigned int kcrumbs_hooks_wanted(void);
u64 kcrumbs_hooks_probe_missed(void);
u64 kcrumbs_hooks_nmi_seen(void);

#endif /* _KCRUMBS_HOOKS_H */
