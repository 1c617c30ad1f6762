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

/**
 * struct kcrumbs_region_info - the region, for a status reply
 * @reserved: reserved mode (else dynamic)
 * @size: bytes
 * @phys: physical address
 * @nr_slots: record slots
 * @slot_size: bytes per slot
 * @records: records written in this boot
 * @nr_marks: entries in the mark ring
 * @marks: marks written in this boot
 * @dropped: records not written because every slot was being written
 * @has_previous: the previous boot's region was found and kept
 */
struct kcrumbs_region_info {
	bool reserved;
	size_t size;
	phys_addr_t phys;
	u32 nr_slots;
	u32 slot_size;
	u64 records;
	u32 nr_marks;
	u64 marks;
	u64 dropped;
	bool has_previous;
};

struct kcrumbs_record *kcrumbs_region_reserve(u64 *seq, size_t *cap, u64 keep);
struct kcrumbs_mark *kcrumbs_region_mark_reserve(u64 *seq);
void kcrumbs_region_mark_commit(struct kcrumbs_mark *m, size_t text_len);
void kcrumbs_region_info(struct kcrumbs_region_info *info);
const struct kcrumbs_record *kcrumbs_region_record(u64 seq, void *buf);
size_t kcrumbs_region_slot_size(void);
void kcrumbs_region_commit(struct kcrumbs_record *rec, u32 size);
void kcrumbs_region_set_state(enum kcrumbs_state state);

#endif /* _KCRUMBS_REGION_H */
