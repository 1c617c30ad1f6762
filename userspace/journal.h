/* SPDX-License-Identifier: GPL-2.0 */
/* One structured journald entry, through libsystemd (dlopen()ed). */
#ifndef KC_JOURNAL_H
#define KC_JOURNAL_H

#include "harvest.h"

/**
 * kc_journal_summary() - the boot's summary as a journal entry
 * @s: the summary
 * @message: its MESSAGE (one line)
 *
 * Fields: MESSAGE_ID (KC_JOURNAL_MESSAGE_ID), PRIORITY (2 crashed,
 * 4 vanished, 6 otherwise), SYSLOG_IDENTIFIER=kcrumbs, KCRUMBS_VERDICT,
 * KCRUMBS_CAUSE, KCRUMBS_MESSAGE, KCRUMBS_FUNCTION, KCRUMBS_TASK,
 * KCRUMBS_PID, KCRUMBS_KERNEL, KCRUMBS_BOOT_ID, KCRUMBS_SOURCE (empty
 * ones left out).
 *
 * Return: 0, -ENOSYS without libsystemd, or sd_journal_sendv()'s error.
 */
int kc_journal_summary(const struct kc_summary *s, const char *message);

#endif
