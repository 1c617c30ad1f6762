// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: marks, short annotations from userspace (KCRUMBS_CMD_MARK) and
 * other modules (kcrumbs_mark()), in the region's mark ring. Any context:
 * one atomic increment reserves an entry; the NMI-safe clocks stamp it;
 * its CRC and then its magic seal it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "kcrumbs_mark.h"
#include "marks.h"
#include "region.h"

static void fill_tag(struct kcrumbs_mark *m, const char *tag)
{
	size_t i;

	for (i = 0; tag && i < sizeof(m->tag) - 1 && tag[i]; i++)
		m->tag[i] = tag[i];
}

/**
 * kcrumbs_mark_now() - read the three clocks a mark carries, NMI-safe
 * @t: filled
 */
void kcrumbs_mark_now(struct kcrumbs_mark_time *t)
{
	t->mono_ns = ktime_get_mono_fast_ns();
	t->boot_ns = ktime_get_boot_fast_ns();
	t->wall_ns = ktime_get_real_fast_ns();
}

/**
 * kcrumbs_mark_write() - store one mark
 * @tag: its tag, or NULL
 * @text: its bytes
 * @len: how many; cut to KCRUMBS_MARK_TEXT_MAX (flagged)
 * @flags: KCRUMBS_MARK_F_* to add (KERNEL for the in-kernel API)
 * @t: when it was made (the marks of one netlink message share it), or
 *     NULL for now
 *
 * Return: the mark's sequence number, or -ENODEV with no region.
 */
s64 kcrumbs_mark_write(const char *tag, const void *text, size_t len,
		       u16 flags, const struct kcrumbs_mark_time *t)
{
	struct kcrumbs_mark_time now;
	struct task_struct *task = current;
	struct kcrumbs_mark *m;
	u64 seq;

	if (!t) {
		kcrumbs_mark_now(&now);
		t = &now;
	}
	m = kcrumbs_region_mark_reserve(&seq);
	if (!m)
		return -ENODEV;
	if (len > KCRUMBS_MARK_TEXT_MAX) {
		len = KCRUMBS_MARK_TEXT_MAX;
		flags |= KCRUMBS_MARK_F_TRUNCATED;
	}
	if (in_nmi())
		flags |= KCRUMBS_MARK_F_NMI;
	else if (in_interrupt())
		flags |= KCRUMBS_MARK_F_IRQ;
	/* magic is already 0 (reserve): zeroing it again keeps it so */
	memset(m, 0, KCRUMBS_MARK_HDR_LEN);
	m->seq = cpu_to_le64(seq);
	m->mono_ns = cpu_to_le64(t->mono_ns);
	m->boot_ns = cpu_to_le64(t->boot_ns);
	m->wall_ns = cpu_to_le64(t->wall_ns);
	m->cpu = cpu_to_le32(raw_smp_processor_id());
	m->pid = cpu_to_le32(task_pid_nr(task));
	memcpy(m->comm, task->comm, min(sizeof(m->comm), sizeof(task->comm)));
	fill_tag(m, tag);
	m->text_len = cpu_to_le16(len);
	m->flags = cpu_to_le16(flags);
	memcpy(m->text, text, len);
	kcrumbs_region_mark_commit(m, len);
	return seq;
}

s64 kcrumbs_mark_str(const char *tag, const void *text, size_t len)
{
	return kcrumbs_mark_write(tag, text, len, KCRUMBS_MARK_F_KERNEL, NULL);
}
EXPORT_SYMBOL_GPL(kcrumbs_mark_str);

s64 kcrumbs_mark(const char *tag, const char *fmt, ...)
{
	char buf[KCRUMBS_MARK_TEXT_MAX + 1];
	u16 flags = KCRUMBS_MARK_F_KERNEL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if (n > KCRUMBS_MARK_TEXT_MAX) {
		n = KCRUMBS_MARK_TEXT_MAX;
		flags |= KCRUMBS_MARK_F_TRUNCATED;
	}
	return kcrumbs_mark_write(tag, buf, n, flags, NULL);
}
EXPORT_SYMBOL_GPL(kcrumbs_mark);
