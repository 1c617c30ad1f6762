/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: the in-kernel API for other modules. Drop a breadcrumb, a short
 * annotation kept in the region beside the crash records, from any
 * context: process, softirq, hardirq or NMI. No lock, no allocation, no
 * sleep, no printk. docs/annotations.md; an example module is in
 * tests/kmod/kcrumbs_example.c.
 *
 * Build against it with KBUILD_EXTRA_SYMBOLS pointing at kcrumbs'
 * Module.symvers; load kcrumbs.ko first (modprobe resolves it).
 */
#ifndef _KCRUMBS_MARK_H
#define _KCRUMBS_MARK_H

#include <linux/compiler_attributes.h>
#include <linux/types.h>

/**
 * kcrumbs_mark() - drop a formatted breadcrumb
 * @tag: who or what it is about, at most 15 bytes kept; may be NULL
 * @fmt: printf format, as vsnprintf() takes it
 *
 * Text longer than KCRUMBS_MARK_TEXT_MAX (168) bytes is cut and the mark
 * flagged truncated.
 *
 * Return: the mark's sequence number (>= 0), or -ENODEV when the region
 * is not set up.
 */
__printf(2, 3) s64 kcrumbs_mark(const char *tag, const char *fmt, ...);

/**
 * kcrumbs_mark_str() - drop a breadcrumb of @len bytes of any content
 * @tag: who or what it is about, at most 15 bytes kept; may be NULL
 * @text: the bytes; need not be NUL-terminated nor printable
 * @len: how many; more than KCRUMBS_MARK_TEXT_MAX are cut (and flagged)
 *
 * The cheaper call: no formatting.
 *
 * Return: as kcrumbs_mark().
 */
s64 kcrumbs_mark_str(const char *tag, const void *text, size_t len);

#endif /* _KCRUMBS_MARK_H */
