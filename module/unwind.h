/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: a backtrace from a register set, not from where we stand.
 */
#ifndef _KCRUMBS_UNWIND_H
#define _KCRUMBS_UNWIND_H

#include <linux/ptrace.h>

struct task_struct;

unsigned int kcrumbs_unwind(struct pt_regs *regs, unsigned long *entries,
			    unsigned int max);
unsigned int kcrumbs_unwind_task(struct task_struct *task,
				 unsigned long *entries, unsigned int max);

/*
 * The registers of a kprobe's caller, from the probe's own at a function's
 * first instruction (an ftrace site, where the unwinder has no data): the
 * stack pointer points at the return address, so start one frame up, as
 * if returning to the caller.
 */
static inline void kcrumbs_probe_caller(const struct pt_regs *regs,
					struct pt_regs *caller)
{
	*caller = *regs;
	caller->ip = *(unsigned long *)regs->sp;
	caller->sp = regs->sp + sizeof(unsigned long);
}

#endif /* _KCRUMBS_UNWIND_H */
