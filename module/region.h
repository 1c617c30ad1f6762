/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: the region that outlives the crash, and its record slots.
 */
#ifndef _KCRUMBS_REGION_H
#define _KCRUMBS_REGION_H

#include <linux/types.h>

#include "uapi/kcrumbs.h"

int kcrumbs_region_init(void);
void kcrumbs_region_exit(void);

struct kcrumbs_record *kcrumbs_region_reserve(u64 *seq, size_t *cap);
void kcrumbs_region_commit(struct kcrumbs_record *rec);
void kcrumbs_region_set_state(enum kcrumbs_state state);

#endif /* _KCRUMBS_REGION_H */
