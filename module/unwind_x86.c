// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: a backtrace from a register set (x86, ORC or frame pointers).
 *
 * stack_trace_save() walks from where the recorder stands, and from a
 * kprobe that walk stops at the probe's trampoline, which has no unwind
 * data. Starting from the registers the hook was handed (the fault's, the
 * NMI's, the probe's) gives the frames that matter, first to last.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/sched.h>
#include <asm/unwind.h>

#include "unwind.h"

/**
 * kcrumbs_unwind() - return addresses of the stack @regs describes
 * @regs: registers of the current task's interrupted context
 * @entries: output, the first being @regs' instruction pointer
 * @max: room in @entries
 *
 * Safe in NMI context: the unwinder reads the stack and takes no lock.
 *
 * Return: entries filled.
 */
unsigned int kcrumbs_unwind(struct pt_regs *regs, unsigned long *entries,
			    unsigned int max)
{
	struct unwind_state state;
	unsigned int n = 0;
	unsigned long addr;

	if (!max)
		return 0;
	/* the unwinder starts past the frame @regs is in: put it first */
	entries[n++] = instruction_pointer(regs);
	for (unwind_start(&state, current, regs, NULL);
	     !unwind_done(&state) && n < max; unwind_next_frame(&state)) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		entries[n++] = addr;
	}
	return n;
}

/**
 * kcrumbs_unwind_task() - return addresses of a task that is not running
 * @task: a task blocked in the scheduler (a hung task), kept alive by the
 *	caller (rcu_read_lock() over the task list)
 * @entries: output, innermost first
 * @max: room in @entries
 *
 * Return: entries filled; 0 for the current task (use the other one).
 */
unsigned int kcrumbs_unwind_task(struct task_struct *task,
				 unsigned long *entries, unsigned int max)
{
	struct unwind_state state;
	unsigned int n = 0;
	unsigned long addr;

	if (task == current)
		return 0;
	for (unwind_start(&state, task, NULL, NULL);
	     !unwind_done(&state) && n < max; unwind_next_frame(&state)) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		entries[n++] = addr;
	}
	return n;
}
