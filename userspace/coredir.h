/* SPDX-License-Identifier: GPL-2.0 */
/* Where kdump-tools saves its dumps: $KDUMP_COREDIR, else /var/crash. */
#ifndef KC_COREDIR_H
#define KC_COREDIR_H

#include <stddef.h>

/**
 * kc_coredir() - kdump-tools' KDUMP_COREDIR as /etc/default/kdump-tools
 *	sets it (the last assignment, as kdump-config reads it), or
 *	/var/crash when it is unset, empty or not absolute
 * @buf: the directory as the machine names it (not under the root
 *	directory: apply kc_path() to open it)
 * @len: size of @buf
 *
 * Return: @buf.
 */
const char *kc_coredir(char *buf, size_t len);

#endif
