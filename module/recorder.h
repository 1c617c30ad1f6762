/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: writing breadcrumbs from panic, die and NMI context.
 */
#ifndef _KCRUMBS_RECORDER_H
#define _KCRUMBS_RECORDER_H

#include <linux/ptrace.h>
#include <linux/types.h>

#include "uapi/kcrumbs.h"

void kcrumbs_record_crash(enum kcrumbs_hook hook, enum kcrumbs_cause cause,
			  struct pt_regs *regs, struct pt_regs *stack,
			  const char *msg, bool final);

#endif /* _KCRUMBS_RECORDER_H */
