/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * kcrumbs ABI: the only header shared by the kernel module and the CLI.
 *
 * Generic netlink family "kcrumbs". Every command that changes state is
 * GENL_ADMIN_PERM (CAP_NET_ADMIN in the caller's network namespace owner);
 * commands that only read are open to every user and never return kernel
 * addresses to an unprivileged caller.
 *
 * Attribute numbers and command numbers are ABI: append, never renumber.
 */
#ifndef _UAPI_KCRUMBS_H
#define _UAPI_KCRUMBS_H

#include <linux/types.h>

#define KCRUMBS_GENL_NAME	"kcrumbs"
#define KCRUMBS_GENL_VERSION	1

/*
 * Version of the ABI described in this file. Bumped when a command or an
 * attribute changes meaning; adding one does not bump it.
 */
#define KCRUMBS_ABI_VERSION	1

/**
 * enum kcrumbs_cmd - generic netlink commands of the kcrumbs family
 * @KCRUMBS_CMD_UNSPEC: never used
 * @KCRUMBS_CMD_GET_STATUS: read-only; reply carries module version, ABI
 *	version, kernel release and load time (KCRUMBS_ATTR_*)
 * @__KCRUMBS_CMD_MAX: number of commands, internal
 */
enum kcrumbs_cmd {
	KCRUMBS_CMD_UNSPEC,
	KCRUMBS_CMD_GET_STATUS,
	__KCRUMBS_CMD_MAX,
};

#define KCRUMBS_CMD_MAX (__KCRUMBS_CMD_MAX - 1)

/**
 * enum kcrumbs_attr - generic netlink attributes of the kcrumbs family
 * @KCRUMBS_ATTR_UNSPEC: never used
 * @KCRUMBS_ATTR_PAD: padding for 64-bit attributes
 * @KCRUMBS_ATTR_VERSION: NUL-terminated string, the module's version
 * @KCRUMBS_ATTR_ABI_VERSION: u32, the module's KCRUMBS_ABI_VERSION
 * @KCRUMBS_ATTR_KERNEL_RELEASE: NUL-terminated string, utsname()->release
 * @KCRUMBS_ATTR_LOADED_NS: u64, CLOCK_BOOTTIME nanoseconds when the module
 *	was loaded
 * @KCRUMBS_ATTR_NOW_NS: u64, CLOCK_BOOTTIME nanoseconds when the reply was
 *	built, so the reader needs no clock of its own to compute the age
 * @__KCRUMBS_ATTR_MAX: number of attributes, internal
 */
enum kcrumbs_attr {
	KCRUMBS_ATTR_UNSPEC,
	KCRUMBS_ATTR_PAD,
	KCRUMBS_ATTR_VERSION,
	KCRUMBS_ATTR_ABI_VERSION,
	KCRUMBS_ATTR_KERNEL_RELEASE,
	KCRUMBS_ATTR_LOADED_NS,
	KCRUMBS_ATTR_NOW_NS,
	__KCRUMBS_ATTR_MAX,
};

#define KCRUMBS_ATTR_MAX (__KCRUMBS_ATTR_MAX - 1)

/* Longest string attribute the module emits, including the NUL. */
#define KCRUMBS_STR_MAX		65

#endif /* _UAPI_KCRUMBS_H */
