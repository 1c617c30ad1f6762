/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the Makefile passes on the command line (-DKCRUMBS_VERSION,
 * -DKCRUMBS_PROFILEDIR), the profile directory's default, and no build without
 * a version: one place for them.
 */
#ifndef KC_BUILDINFO_H
#define KC_BUILDINFO_H

#ifndef KCRUMBS_PROFILEDIR
#define KCRUMBS_PROFILEDIR "/usr/share/kcrumbs/sysctl.d"
#endif
#ifndef KCRUMBS_VERSION
#error "KCRUMBS_VERSION must be set by the Makefile (from dkms.conf)"
#endif

#endif
