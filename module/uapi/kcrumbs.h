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
 *	version, kernel release, load time and the arm window (KCRUMBS_ATTR_*)
 * @KCRUMBS_CMD_ARM: admin; opens (or with 0 seconds closes) the window in
 *	which one TRIGGER is accepted: KCRUMBS_ATTR_ARM_SECONDS, at most
 *	KCRUMBS_ARM_MAX_SECONDS
 * @KCRUMBS_CMD_TRIGGER: admin; fires the crash type KCRUMBS_ATTR_TRIGGER_NAME
 *	from a new kernel thread. Refused (with an extended ACK saying why)
 *	unless armed; consumes the arm window
 * @KCRUMBS_CMD_LIST_TRIGGERS: read-only; reply carries one nested
 *	KCRUMBS_ATTR_TRIGGER per crash type (enum kcrumbs_trigger_attr)
 * @__KCRUMBS_CMD_MAX: number of commands, internal
 */
enum kcrumbs_cmd {
	KCRUMBS_CMD_UNSPEC,
	KCRUMBS_CMD_GET_STATUS,
	KCRUMBS_CMD_ARM,
	KCRUMBS_CMD_TRIGGER,
	KCRUMBS_CMD_LIST_TRIGGERS,
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
 * @KCRUMBS_ATTR_ARM_SECONDS: u32, ARM request: window length, 0 disarms
 * @KCRUMBS_ATTR_ARMED_MS: u32, status: milliseconds left in the arm
 *	window, 0 when not armed
 * @KCRUMBS_ATTR_TRIGGER_NAME: string, TRIGGER request: the crash type
 * @KCRUMBS_ATTR_TRIGGER: nested (enum kcrumbs_trigger_attr), one crash type
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
	KCRUMBS_ATTR_ARM_SECONDS,
	KCRUMBS_ATTR_ARMED_MS,
	KCRUMBS_ATTR_TRIGGER_NAME,
	KCRUMBS_ATTR_TRIGGER,
	__KCRUMBS_ATTR_MAX,
};

#define KCRUMBS_ATTR_MAX (__KCRUMBS_ATTR_MAX - 1)

/**
 * enum kcrumbs_trigger_attr - attributes nested in KCRUMBS_ATTR_TRIGGER
 * @KCRUMBS_TRIGGER_ATTR_UNSPEC: never used
 * @KCRUMBS_TRIGGER_ATTR_NAME: string, what TRIGGER takes ("PANIC")
 * @KCRUMBS_TRIGGER_ATTR_CATEGORY: string, the table it lives in ("bugs")
 * @KCRUMBS_TRIGGER_ATTR_DESC: string, what it does, in one line
 * @KCRUMBS_TRIGGER_ATTR_EFFECT: u32, enum kcrumbs_effect
 * @__KCRUMBS_TRIGGER_ATTR_MAX: number of attributes, internal
 */
enum kcrumbs_trigger_attr {
	KCRUMBS_TRIGGER_ATTR_UNSPEC,
	KCRUMBS_TRIGGER_ATTR_NAME,
	KCRUMBS_TRIGGER_ATTR_CATEGORY,
	KCRUMBS_TRIGGER_ATTR_DESC,
	KCRUMBS_TRIGGER_ATTR_EFFECT,
	__KCRUMBS_TRIGGER_ATTR_MAX,
};

#define KCRUMBS_TRIGGER_ATTR_MAX (__KCRUMBS_TRIGGER_ATTR_MAX - 1)

/**
 * enum kcrumbs_effect - what a crash type does, before panic policy applies
 * @KCRUMBS_EFFECT_PANIC: always panics
 * @KCRUMBS_EFFECT_OOPS: an oops; panics when kernel.panic_on_oops is set,
 *	else the thread that triggered it dies
 * @KCRUMBS_EFFECT_WARN: a WARN(); panics when kernel.panic_on_warn is set
 * @KCRUMBS_EFFECT_SOFTLOCKUP: a CPU spins with preemption off; panics when
 *	the soft lockup detector sees it and kernel.softlockup_panic is set
 * @KCRUMBS_EFFECT_HARDLOCKUP: a CPU spins with interrupts off; panics when
 *	the NMI watchdog sees it and kernel.hardlockup_panic is set
 * @KCRUMBS_EFFECT_HUNG_TASK: a thread sleeps uninterruptibly forever; panics
 *	when the hung task detector sees it and kernel.hung_task_panic is set
 * @KCRUMBS_EFFECT_OOM: memory runs out; panics when vm.panic_on_oom is set,
 *	else the OOM killer kills a process
 * @__KCRUMBS_EFFECT_MAX: number of effects, internal
 */
enum kcrumbs_effect {
	KCRUMBS_EFFECT_PANIC,
	KCRUMBS_EFFECT_OOPS,
	KCRUMBS_EFFECT_WARN,
	KCRUMBS_EFFECT_SOFTLOCKUP,
	KCRUMBS_EFFECT_HARDLOCKUP,
	KCRUMBS_EFFECT_HUNG_TASK,
	KCRUMBS_EFFECT_OOM,
	__KCRUMBS_EFFECT_MAX,
};

/* Longest arm window, in seconds. */
#define KCRUMBS_ARM_MAX_SECONDS	60

/* Longest string attribute the module emits, including the NUL. */
#define KCRUMBS_STR_MAX		65

/* Longest crash type name, and description, including the NUL. */
#define KCRUMBS_TRIGGER_NAME_MAX	32
#define KCRUMBS_TRIGGER_DESC_MAX	160

#endif /* _UAPI_KCRUMBS_H */
