/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: storing marks (annotations), for the netlink MARK command and
 * the exported API in kcrumbs_mark.h.
 */
#ifndef _KCRUMBS_MARKS_H
#define _KCRUMBS_MARKS_H

#include <linux/types.h>

#include "uapi/kcrumbs.h"

/**
 * struct kcrumbs_mark_time - when a mark was made, on the three clocks
 * @mono_ns: CLOCK_MONOTONIC
 * @boot_ns: CLOCK_BOOTTIME
 * @wall_ns: CLOCK_REALTIME
 */
struct kcrumbs_mark_time {
	u64 mono_ns;
	u64 boot_ns;
	u64 wall_ns;
};

void kcrumbs_mark_now(struct kcrumbs_mark_time *t);
s64 kcrumbs_mark_write(const char *tag, const void *text, size_t len,
		       u16 flags, const struct kcrumbs_mark_time *t);

#endif /* _KCRUMBS_MARKS_H */
