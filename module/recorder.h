/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: writing breadcrumbs from panic, die and NMI context.
 */
#ifndef _KCRUMBS_RECORDER_H
#define _KCRUMBS_RECORDER_H

#include <linux/ptrace.h>
#include <linux/types.h>

#include "uapi/kcrumbs.h"

/* How a hook sees the crash: see kcrumbs_record_crash(). */
#define KCRUMBS_SEEN	0x0
#define KCRUMBS_FINAL	0x1
#define KCRUMBS_FATAL	0x2

void kcrumbs_record_crash(enum kcrumbs_hook hook, enum kcrumbs_cause cause,
			  struct pt_regs *regs, struct pt_regs *stack,
			  const char *msg, unsigned int how);
void kcrumbs_recorder_stats(u64 *nested_out, u64 *recovered_out);

#endif /* _KCRUMBS_RECORDER_H */
