/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: the trail, what the kernel complained about and lived through
 * (trail.c).
 */
#ifndef _KCRUMBS_TRAIL_H
#define _KCRUMBS_TRAIL_H

#include <linux/types.h>

#include "uapi/kcrumbs_region.h"

u32 kcrumbs_trail_note(enum kcrumbs_trail kind);
u32 kcrumbs_trail_count(enum kcrumbs_trail kind);
int kcrumbs_trail_init(void);
void kcrumbs_trail_exit(void);
unsigned int kcrumbs_trail_armed(void);
unsigned int kcrumbs_trail_wanted(void);

#endif /* _KCRUMBS_TRAIL_H */
