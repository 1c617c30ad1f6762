/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: what a crash was, from strings the kernel printed (classify.c).
 */
#ifndef _KCRUMBS_CLASSIFY_H
#define _KCRUMBS_CLASSIFY_H

#include <linux/types.h>

#include "uapi/kcrumbs_region.h"

const char *kcrumbs_last_in(const char *log, size_t len, const char *needle);
enum kcrumbs_cause kcrumbs_cause_of_panic(const char *msg, size_t len);
enum kcrumbs_cause kcrumbs_cause_of_die(const char *str);
enum kcrumbs_cause kcrumbs_nmi_cause_in(const char *log, size_t len,
					enum kcrumbs_cause cause);
enum kcrumbs_cause kcrumbs_cause_class(enum kcrumbs_cause cause);
const char *kcrumbs_oops_line(const char *log, size_t len, const char *str,
			      size_t *msg_len);

const char *kcrumbs_log_line(const char *log, size_t len, const char *needle,
			     size_t *msg_len);

#endif /* _KCRUMBS_CLASSIFY_H */
