/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: what the recorder exports for the trigger module's self-test
 * (kcrumbs_trigger.ko). Not an API for other modules: kcrumbs_mark.h is.
 */
#ifndef _KCRUMBS_SELFTEST_H
#define _KCRUMBS_SELFTEST_H

/**
 * kcrumbs_record_selftest() - record a self-test breadcrumb
 * @msg: its message, NUL-terminated
 *
 * Safe from any context the recorder's hooks run in, IPI included.
 */
void kcrumbs_record_selftest(const char *msg);

#endif /* _KCRUMBS_SELFTEST_H */
