/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: a backtrace from a register set, not from where we stand.
 */
#ifndef _KCRUMBS_UNWIND_H
#define _KCRUMBS_UNWIND_H

#include <linux/ptrace.h>

unsigned int kcrumbs_unwind(struct pt_regs *regs, unsigned long *entries,
			    unsigned int max);

#endif /* _KCRUMBS_UNWIND_H */
