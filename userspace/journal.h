/* SPDX-License-Identifier: GPL-2.0 */
/* One structured journald entry, through libsystemd (dlopen()ed). */
#ifndef KC_JOURNAL_H
#define KC_JOURNAL_H

#include "harvest.h"

#define KC_JOURNAL_MAX_FIELDS 20

/* The entry's fields, each "KEY=value", malloc()ed. */
struct kc_journal_fields {
	char *text[KC_JOURNAL_MAX_FIELDS];
	int n;
};

/**
 * kc_journal_fields() - the journal entry of a boot's summary
 * @s: the summary
 * @message: its MESSAGE (one line)
 * @f: filled; free with kc_journal_fields_free()
 *
 * Fields: MESSAGE, MESSAGE_ID (KC_JOURNAL_MESSAGE_ID), PRIORITY (2
 * crashed, 4 vanished, 6 otherwise), SYSLOG_IDENTIFIER=kcrumbs,
 * KCRUMBS_VERDICT, KCRUMBS_CAUSE, KCRUMBS_MESSAGE, KCRUMBS_FUNCTION,
 * KCRUMBS_TITLE, KCRUMBS_SIGNATURE (signature.h), KCRUMBS_TASK,
 * KCRUMBS_PID, KCRUMBS_KERNEL, KCRUMBS_BOOT_ID, KCRUMBS_SOURCE (empty ones
 * left out).
 */
void kc_journal_fields(const struct kc_summary *s, const char *message,
		       struct kc_journal_fields *f);

void kc_journal_fields_free(struct kc_journal_fields *f);

/**
 * kc_journal_summary() - the boot's summary as a journal entry
 * @s: the summary
 * @message: its MESSAGE (one line)
 *
 * Writes kc_journal_fields().
 *
 * Return: 0, -ENOSYS without libsystemd, or sd_journal_sendv()'s error.
 */
int kc_journal_summary(const struct kc_summary *s, const char *message);

#endif
