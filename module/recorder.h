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
#define KCRUMBS_OOPS	0x4

/* the longest message an event keeps */
#define KCRUMBS_MSG_MAX	256

struct task_struct;

/**
 * struct kcrumbs_sight - an event as a hook saw it
 * @hook: which hook
 * @cause: what it was (KCRUMBS_CAUSE_UNKNOWN: tell from the message)
 * @regs: the crash's registers, or NULL: the record's ip
 * @stack: registers to unwind the backtrace from, or NULL
 * @task: the task the event is about, or NULL for the current one
 * @msg: the message, or NULL; not NUL-terminated
 * @msg_len: its bytes
 * @flags: record flags to set (KCRUMBS_REC_F_TRAIL)
 */
struct kcrumbs_sight {
	enum kcrumbs_hook hook;
	enum kcrumbs_cause cause;
	struct pt_regs *regs;
	struct pt_regs *stack;
	struct task_struct *task;
	const char *msg;
	size_t msg_len;
	u32 flags;
};

void kcrumbs_record_crash(enum kcrumbs_hook hook, enum kcrumbs_cause cause,
			  struct pt_regs *regs, struct pt_regs *stack,
			  const char *msg, unsigned int how);
void kcrumbs_record_trail(struct kcrumbs_sight *si);
size_t kcrumbs_log_line_copy(const char *prefix, char *buf, size_t room);
void kcrumbs_record_mce(const struct kcrumbs_mce *m);
void kcrumbs_recorder_stats(u64 *nested_out, u64 *recovered_out);

#endif /* _KCRUMBS_RECORDER_H */
