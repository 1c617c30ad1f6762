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

/* the persistent record format: causes, hooks and records */
#include "kcrumbs_region.h"

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
 * @KCRUMBS_CMD_MARK: admin; stores one annotation per nested
 *	KCRUMBS_ATTR_MARK (enum kcrumbs_mark_attr), at most
 *	KCRUMBS_MARK_BATCH_MAX per message, in the region's mark ring. All
 *	or nothing: one text over KCRUMBS_MARK_TEXT_MAX bytes rejects the
 *	message with an extended ACK, and no mark of it is stored
 * @__KCRUMBS_CMD_MAX: number of commands, internal
 */
enum kcrumbs_cmd {
	KCRUMBS_CMD_UNSPEC,
	KCRUMBS_CMD_GET_STATUS,
	KCRUMBS_CMD_ARM,
	KCRUMBS_CMD_TRIGGER,
	KCRUMBS_CMD_LIST_TRIGGERS,
	KCRUMBS_CMD_MARK,
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
 * @KCRUMBS_ATTR_MARK: nested (enum kcrumbs_mark_attr), one annotation
 * @KCRUMBS_ATTR_REGION_MODE: string, status: "dynamic" or "reserved"
 * @KCRUMBS_ATTR_REGION_SIZE: u64, status: bytes of the region
 * @KCRUMBS_ATTR_REGION_PHYS: u64, status: its physical address; only in
 *	replies to a caller with CAP_NET_ADMIN
 * @KCRUMBS_ATTR_NR_SLOTS: u32, status: record slots
 * @KCRUMBS_ATTR_SLOT_SIZE: u32, status: bytes per slot
 * @KCRUMBS_ATTR_RECORDS: u64, status: records written in this boot (those
 *	beyond NR_SLOTS overwrote the oldest)
 * @KCRUMBS_ATTR_NR_MARKS: u32, status: entries in the mark ring
 * @KCRUMBS_ATTR_MARKS: u64, status: marks written in this boot (those
 *	beyond NR_MARKS overwrote the oldest)
 * @KCRUMBS_ATTR_HOOKS: u32, status: bit (1 << enum kcrumbs_hook) set for
 *	each hook that is armed
 * @KCRUMBS_ATTR_EVENT: nested (enum kcrumbs_event_attr), status: one of
 *	the last KCRUMBS_STATUS_EVENTS records, newest first. Its message
 *	has every run of 8 or more hex digits (a kernel address) zeroed for a
 *	caller without CAP_SYSLOG, as %pK does under kptr_restrict
 * @KCRUMBS_ATTR_HOOKS_WANTED: u32, status: bit (1 << enum kcrumbs_hook)
 *	for each hook the module parameters ask for; a bit set here and not
 *	in KCRUMBS_ATTR_HOOKS is a hook that failed or was disarmed
 * @KCRUMBS_ATTR_PROBE_MISSED: u64, status: hits of the __crash_kexec
 *	kprobe whose handler did not run (another kprobe was running)
 * @KCRUMBS_ATTR_NMI_SEEN: u64, status: unknown NMIs seen; the first is
 *	recorded, the others only counted
 * @KCRUMBS_ATTR_DROPPED: u64, status: records not written because every
 *	slot was being written by another CPU
 * @KCRUMBS_ATTR_NESTED: u64, status: hook entries not recorded because
 *	the recorder was busy on the same CPU (an NMI inside it, a fault)
 * @KCRUMBS_ATTR_RECOVERED: u64, status: times a CPU's recorder was taken
 *	back from a task that died inside it
 * @KCRUMBS_ATTR_PREVIOUS: u32, status: 1 when the previous boot's region
 *	was found and kept (/sys/kernel/kcrumbs/previous)
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
	KCRUMBS_ATTR_MARK,
	KCRUMBS_ATTR_REGION_MODE,
	KCRUMBS_ATTR_REGION_SIZE,
	KCRUMBS_ATTR_REGION_PHYS,
	KCRUMBS_ATTR_NR_SLOTS,
	KCRUMBS_ATTR_SLOT_SIZE,
	KCRUMBS_ATTR_RECORDS,
	KCRUMBS_ATTR_NR_MARKS,
	KCRUMBS_ATTR_MARKS,
	KCRUMBS_ATTR_HOOKS,
	KCRUMBS_ATTR_EVENT,
	KCRUMBS_ATTR_HOOKS_WANTED,
	KCRUMBS_ATTR_PROBE_MISSED,
	KCRUMBS_ATTR_NMI_SEEN,
	KCRUMBS_ATTR_DROPPED,
	KCRUMBS_ATTR_NESTED,
	KCRUMBS_ATTR_RECOVERED,
	KCRUMBS_ATTR_PREVIOUS,
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
 * @KCRUMBS_TRIGGER_ATTR_MIN_CPUS: u32, online CPUs it needs (absent from
 *	older modules: 1); with fewer, TRIGGER refuses it with ENXIO and an
 *	extended ACK that says why
 * @__KCRUMBS_TRIGGER_ATTR_MAX: number of attributes, internal
 */
enum kcrumbs_trigger_attr {
	KCRUMBS_TRIGGER_ATTR_UNSPEC,
	KCRUMBS_TRIGGER_ATTR_NAME,
	KCRUMBS_TRIGGER_ATTR_CATEGORY,
	KCRUMBS_TRIGGER_ATTR_DESC,
	KCRUMBS_TRIGGER_ATTR_EFFECT,
	KCRUMBS_TRIGGER_ATTR_MIN_CPUS,
	__KCRUMBS_TRIGGER_ATTR_MAX,
};

#define KCRUMBS_TRIGGER_ATTR_MAX (__KCRUMBS_TRIGGER_ATTR_MAX - 1)

/**
 * enum kcrumbs_mark_attr - attributes nested in KCRUMBS_ATTR_MARK
 * @KCRUMBS_MARK_ATTR_UNSPEC: never used
 * @KCRUMBS_MARK_ATTR_TEXT: binary, the annotation: any bytes, at most
 *	KCRUMBS_MARK_TEXT_MAX (the reader escapes what is not printable)
 * @KCRUMBS_MARK_ATTR_TAG: string, optional, at most KCRUMBS_MARK_TAG_LEN - 1
 *	bytes: who or what the mark is about ("deploy", "fio")
 * @__KCRUMBS_MARK_ATTR_MAX: number of attributes, internal
 */
enum kcrumbs_mark_attr {
	KCRUMBS_MARK_ATTR_UNSPEC,
	KCRUMBS_MARK_ATTR_TEXT,
	KCRUMBS_MARK_ATTR_TAG,
	__KCRUMBS_MARK_ATTR_MAX,
};

#define KCRUMBS_MARK_ATTR_MAX (__KCRUMBS_MARK_ATTR_MAX - 1)

/**
 * enum kcrumbs_event_attr - attributes nested in KCRUMBS_ATTR_EVENT
 * @KCRUMBS_EVENT_ATTR_UNSPEC: never used
 * @KCRUMBS_EVENT_ATTR_PAD: padding for 64-bit attributes
 * @KCRUMBS_EVENT_ATTR_SEQ: u64, the record's sequence number
 * @KCRUMBS_EVENT_ATTR_KIND: u32, enum kcrumbs_rec_kind
 * @KCRUMBS_EVENT_ATTR_CAUSE: u32, enum kcrumbs_cause
 * @KCRUMBS_EVENT_ATTR_HOOK: u32, enum kcrumbs_hook
 * @KCRUMBS_EVENT_ATTR_CPU: u32
 * @KCRUMBS_EVENT_ATTR_PID: u32
 * @KCRUMBS_EVENT_ATTR_COMM: string
 * @KCRUMBS_EVENT_ATTR_BOOT_NS: u64, CLOCK_BOOTTIME when it was recorded
 * @KCRUMBS_EVENT_ATTR_MSG: string, the message (cut to KCRUMBS_STR_MAX)
 * @__KCRUMBS_EVENT_ATTR_MAX: number of attributes, internal
 */
enum kcrumbs_event_attr {
	KCRUMBS_EVENT_ATTR_UNSPEC,
	KCRUMBS_EVENT_ATTR_PAD,
	KCRUMBS_EVENT_ATTR_SEQ,
	KCRUMBS_EVENT_ATTR_KIND,
	KCRUMBS_EVENT_ATTR_CAUSE,
	KCRUMBS_EVENT_ATTR_HOOK,
	KCRUMBS_EVENT_ATTR_CPU,
	KCRUMBS_EVENT_ATTR_PID,
	KCRUMBS_EVENT_ATTR_COMM,
	KCRUMBS_EVENT_ATTR_BOOT_NS,
	KCRUMBS_EVENT_ATTR_MSG,
	__KCRUMBS_EVENT_ATTR_MAX,
};

#define KCRUMBS_EVENT_ATTR_MAX (__KCRUMBS_EVENT_ATTR_MAX - 1)

/* Most recent records a status reply carries. */
#define KCRUMBS_STATUS_EVENTS	4

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
 * @KCRUMBS_EFFECT_NONE: a self-test that records without crashing
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
	KCRUMBS_EFFECT_NONE,
	__KCRUMBS_EFFECT_MAX,
};

/* Longest arm window, in seconds. */
#define KCRUMBS_ARM_MAX_SECONDS	60

/* Longest string attribute the module emits, including the NUL. */
#define KCRUMBS_STR_MAX		65

/* Longest crash type name, and description, including the NUL. */
#define KCRUMBS_TRIGGER_NAME_MAX	32
#define KCRUMBS_TRIGGER_DESC_MAX	160

/*
 * Generic netlink family "kcrumbs_trigger", of the separate trigger module
 * (kcrumbs_trigger.ko): the crash types live there, not in kcrumbs.ko. It
 * carries KCRUMBS_CMD_ARM, KCRUMBS_CMD_TRIGGER and KCRUMBS_CMD_LIST_TRIGGERS
 * with the attributes above, and KCRUMBS_CMD_GET_STATUS, read-only, whose
 * reply carries KCRUMBS_ATTR_ARMED_MS alone. The "kcrumbs" family no longer
 * answers those three commands nor sends KCRUMBS_ATTR_ARMED_MS.
 *
 * ARM and TRIGGER need CAP_NET_ADMIN and CAP_SYS_BOOT in the initial user
 * namespace (as reboot(2)). The arm window belongs to the netlink socket
 * that opened it: a TRIGGER from another socket is refused (EPERM).
 */
#define KCRUMBS_TRIGGER_GENL_NAME	"kcrumbs_trigger"
#define KCRUMBS_TRIGGER_GENL_VERSION	1

#endif /* _UAPI_KCRUMBS_H */
