/* SPDX-License-Identifier: GPL-2.0 */
/* kcrumbs: the system at a fatal event (sysinfo.c). */
#ifndef _KCRUMBS_SYSINFO_H
#define _KCRUMBS_SYSINFO_H

#include "uapi/kcrumbs_region.h"

void kcrumbs_snapshot_fill(struct kcrumbs_snapshot *s);

#endif /* _KCRUMBS_SYSINFO_H */
