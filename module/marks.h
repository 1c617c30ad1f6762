/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: storing marks (annotations), for the netlink MARK command and
 * the exported API in kcrumbs_mark.h.
 */
#ifndef _KCRUMBS_MARKS_H
#define _KCRUMBS_MARKS_H

#include <linux/types.h>

#include "uapi/kcrumbs.h"

s64 kcrumbs_mark_write(const char *tag, const void *text, size_t len,
		       u16 flags);

#endif /* _KCRUMBS_MARKS_H */
