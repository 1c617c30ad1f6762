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
 *	the last KCRUMBS_STATUS_EVENTS records, newest first
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
 * The breadcrumb region: what survives the crash. Fixed-width little-endian
 * fields; docs/record-format.md describes it and is kept in step with this.
 *
 *   [ struct kcrumbs_region_hdr | pad to slots_offset ]
 *   [ slot 0 ][ slot 1 ] ... [ slot nr_slots-1 ]      each slot_size bytes
 *
 * Record with sequence number S lives in slot S % nr_slots and starts with
 * struct kcrumbs_record; its payload follows. A record is valid only when
 * its magic, size, slot and CRC32 all check out.
 */
#define KCRUMBS_REGION_MAGIC	"KCRUMBS"	/* 8 bytes with the NUL */
#define KCRUMBS_FORMAT_VERSION	2
#define KCRUMBS_RECORD_MAGIC	0x4252434bU	/* "KCRB" little-endian */
#define KCRUMBS_RELEASE_LEN	65
#define KCRUMBS_COMM_LEN	16

/**
 * struct kcrumbs_region_hdr - start of the region
 * @magic: KCRUMBS_REGION_MAGIC
 * @version: KCRUMBS_FORMAT_VERSION
 * @hdr_size: sizeof(struct kcrumbs_region_hdr)
 * @region_size: bytes of the whole region
 * @slots_offset: where slot 0 starts, from the region's start
 * @slot_size: bytes per slot
 * @nr_slots: number of slots
 * @boot_id: random, chosen when the region was set up in this boot
 * @release: utsname()->release of the kernel that wrote it, NUL-terminated
 * @pad: zero
 * @created_wall_ns: CLOCK_REALTIME when the region was set up
 * @marks_offset: where mark 0 starts, from the region's start
 * @mark_size: bytes per mark entry (sizeof(struct kcrumbs_mark))
 * @nr_marks: entries in the mark ring
 * @hdr_crc: crc32_le(~0, ...) ^ ~0 over the header up to this field
 * @state: enum kcrumbs_state (not covered by @hdr_crc: it changes)
 * @next_seq: sequence number the next record gets (not covered either)
 * @next_mark_seq: sequence number the next mark gets (nor this)
 */
struct kcrumbs_region_hdr {
	__u8	magic[8];
	__le32	version;
	__le32	hdr_size;
	__le64	region_size;
	__le64	slots_offset;
	__le32	slot_size;
	__le32	nr_slots;
	__u8	boot_id[16];
	char	release[KCRUMBS_RELEASE_LEN];
	__u8	pad[7];
	__le64	created_wall_ns;
	__le64	marks_offset;
	__le32	mark_size;
	__le32	nr_marks;
	__le32	hdr_crc;
	__le32	state;
	__le64	next_seq;
	__le64	next_mark_seq;
};

/**
 * enum kcrumbs_state - what the region says about the boot that wrote it
 * @KCRUMBS_STATE_RUNNING: set up, nothing happened yet
 * @KCRUMBS_STATE_CRASHED: a crash was recorded
 * @KCRUMBS_STATE_CLEAN: the kernel shut down or rebooted cleanly
 */
enum kcrumbs_state {
	KCRUMBS_STATE_RUNNING = 1,
	KCRUMBS_STATE_CRASHED = 2,
	KCRUMBS_STATE_CLEAN = 3,
};

/**
 * enum kcrumbs_rec_kind - what a record holds
 * @KCRUMBS_REC_EVENT: a crash event; payload: message, then frames
 * @KCRUMBS_REC_LOG_TAIL: the last kernel log lines; payload: text
 */
enum kcrumbs_rec_kind {
	KCRUMBS_REC_EVENT = 1,
	KCRUMBS_REC_LOG_TAIL = 2,
};

/**
 * enum kcrumbs_hook - which hook wrote a record
 * @KCRUMBS_HOOK_DIE: die notifier, DIE_OOPS
 * @KCRUMBS_HOOK_CRASH_KEXEC: kprobe at the entry of __crash_kexec()
 * @KCRUMBS_HOOK_PANIC: panic notifier
 * @KCRUMBS_HOOK_NMI: NMI handler (NMI_UNKNOWN, NMI_SERR, NMI_IO_CHECK)
 * @KCRUMBS_HOOK_SELFTEST: the BREADCRUMB_ALL_CPUS self-test
 */
enum kcrumbs_hook {
	KCRUMBS_HOOK_DIE = 1,
	KCRUMBS_HOOK_CRASH_KEXEC = 2,
	KCRUMBS_HOOK_PANIC = 3,
	KCRUMBS_HOOK_NMI = 4,
	KCRUMBS_HOOK_SELFTEST = 5,
};

/**
 * enum kcrumbs_cause - what the crash was, from the hook and the message
 * @KCRUMBS_CAUSE_UNKNOWN: could not tell
 * @KCRUMBS_CAUSE_PANIC: panic() with a message not listed below
 * @KCRUMBS_CAUSE_OOPS: an oops (die())
 * @KCRUMBS_CAUSE_SYSRQ: "sysrq triggered crash"
 * @KCRUMBS_CAUSE_SOFT_LOCKUP: "softlockup: hung tasks"
 * @KCRUMBS_CAUSE_HARD_LOCKUP: "Hard LOCKUP"
 * @KCRUMBS_CAUSE_HUNG_TASK: "hung_task: blocked tasks"
 * @KCRUMBS_CAUSE_OOM: "Out of memory"
 * @KCRUMBS_CAUSE_WARN: "panic_on_warn set"
 * @KCRUMBS_CAUSE_STACK_CORRUPT: "stack-protector: ..."
 * @KCRUMBS_CAUSE_NMI_UNKNOWN: an NMI for an unknown reason
 * @KCRUMBS_CAUSE_NMI_SERR: a PCI SERR NMI
 * @KCRUMBS_CAUSE_NMI_IOCHK: an I/O channel check NMI
 * @KCRUMBS_CAUSE_RCU_STALL: "RCU Stall"
 * @KCRUMBS_CAUSE_SELFTEST: a self-test breadcrumb, no crash
 * @__KCRUMBS_CAUSE_MAX: number of causes, internal
 */
enum kcrumbs_cause {
	KCRUMBS_CAUSE_UNKNOWN,
	KCRUMBS_CAUSE_PANIC,
	KCRUMBS_CAUSE_OOPS,
	KCRUMBS_CAUSE_SYSRQ,
	KCRUMBS_CAUSE_SOFT_LOCKUP,
	KCRUMBS_CAUSE_HARD_LOCKUP,
	KCRUMBS_CAUSE_HUNG_TASK,
	KCRUMBS_CAUSE_OOM,
	KCRUMBS_CAUSE_WARN,
	KCRUMBS_CAUSE_STACK_CORRUPT,
	KCRUMBS_CAUSE_NMI_UNKNOWN,
	KCRUMBS_CAUSE_NMI_SERR,
	KCRUMBS_CAUSE_NMI_IOCHK,
	KCRUMBS_CAUSE_RCU_STALL,
	KCRUMBS_CAUSE_SELFTEST,
	__KCRUMBS_CAUSE_MAX,
};

/* Record flags: the context the hook ran in. */
#define KCRUMBS_REC_F_NMI	0x1	/* in NMI */
#define KCRUMBS_REC_F_IRQ	0x2	/* in hard or soft interrupt */
#define KCRUMBS_REC_F_TRUNCATED	0x4	/* payload cut to fit the slot */

/**
 * struct kcrumbs_record - header of one record, in its slot
 * @magic: KCRUMBS_RECORD_MAGIC, written last
 * @crc: crc32_le(~0, ...) ^ ~0 over @size bytes from @size, i.e. the rest
 *	of this header and the payload
 * @size: bytes from @size to the end of the payload
 * @kind: enum kcrumbs_rec_kind
 * @cause: enum kcrumbs_cause (events)
 * @seq: sequence number; the record sits in slot @seq % nr_slots
 * @related_seq: for a log tail, the event it belongs to
 * @cpu: CPU that wrote it
 * @pid: task that was running (0 when idle or unknown)
 * @comm: that task's name, NUL-padded
 * @mono_ns: CLOCK_MONOTONIC when the hook fired
 * @boot_ns: CLOCK_BOOTTIME when the hook fired
 * @wall_ns: CLOCK_REALTIME when the hook fired
 * @ip: instruction pointer of the crash (regs->ip when the hook had
 *	registers), else 0
 * @hook: enum kcrumbs_hook
 * @flags: KCRUMBS_REC_F_*
 * @cost_ns: from the hook's entry to this record being complete
 * @msg_len: bytes of message at the start of the payload (no NUL)
 * @nr_frames: frames after the message, each struct kcrumbs_frame
 *	followed by its symbol text
 * @payload_len: bytes of payload after this header
 */
struct kcrumbs_record {
	__le32	magic;
	__le32	crc;
	__le32	size;
	__le16	kind;
	__le16	cause;
	__le64	seq;
	__le64	related_seq;
	__le32	cpu;
	__le32	pid;
	char	comm[KCRUMBS_COMM_LEN];
	__le64	mono_ns;
	__le64	boot_ns;
	__le64	wall_ns;
	__le64	ip;
	__le32	hook;
	__le32	flags;
	__le32	cost_ns;
	__le16	msg_len;
	__le16	nr_frames;
	__le32	payload_len;
	__le32	reserved;
};

/**
 * struct kcrumbs_frame - one backtrace frame in an event's payload
 * @addr: return address (the first frame: the crash's ip, when known)
 * @sym_len: bytes of symbol text that follow ("func+0x1a/0x40 [mod]"),
 *	no NUL; the next frame starts right after it (copy, do not cast:
 *	frames are not aligned)
 * @reserved: zero
 */
struct kcrumbs_frame {
	__le64	addr;
	__le16	sym_len;
	__le16	reserved[3];
};

#define KCRUMBS_MARK_MAGIC	0x4d52434bU	/* "KCRM" little-endian */
#define KCRUMBS_MARK_SIZE	256
#define KCRUMBS_MARK_TAG_LEN	16
/* Most bytes of text one mark holds: what is left of its entry. */
#define KCRUMBS_MARK_TEXT_MAX	168
/* Most marks one KCRUMBS_CMD_MARK message carries. */
#define KCRUMBS_MARK_BATCH_MAX	64

/* Mark flags. */
#define KCRUMBS_MARK_F_KERNEL		0x1	/* from the in-kernel API */
#define KCRUMBS_MARK_F_NMI		0x2	/* written in NMI context */
#define KCRUMBS_MARK_F_IRQ		0x4	/* in hard or soft interrupt */
#define KCRUMBS_MARK_F_TRUNCATED	0x8	/* text cut to fit */

/**
 * struct kcrumbs_mark - one annotation, in the mark ring
 * @magic: KCRUMBS_MARK_MAGIC, written last
 * @crc: crc32_le(~0, ...) ^ ~0 over the entry from @seq to the end of its
 *	text (KCRUMBS_MARK_HDR_LEN - 8 + @text_len bytes)
 * @seq: the mark's sequence number; it sits in entry @seq % nr_marks
 * @mono_ns: CLOCK_MONOTONIC when it was made
 * @boot_ns: CLOCK_BOOTTIME when it was made: orders marks and records
 * @wall_ns: CLOCK_REALTIME when it was made
 * @cpu: CPU that wrote it
 * @pid: the task running then (the sender, for a netlink mark)
 * @comm: that task's name, NUL-padded
 * @tag: the mark's tag, NUL-padded ("" when none)
 * @text_len: bytes of @text used
 * @flags: KCRUMBS_MARK_F_*
 * @reserved: zero
 * @text: the annotation, any bytes, no NUL
 */
struct kcrumbs_mark {
	__le32	magic;
	__le32	crc;
	__le64	seq;
	__le64	mono_ns;
	__le64	boot_ns;
	__le64	wall_ns;
	__le32	cpu;
	__le32	pid;
	char	comm[KCRUMBS_COMM_LEN];
	char	tag[KCRUMBS_MARK_TAG_LEN];
	__le16	text_len;
	__le16	flags;
	__le32	reserved;
	__u8	text[KCRUMBS_MARK_TEXT_MAX];
};

/* Bytes of a mark before its text. */
#define KCRUMBS_MARK_HDR_LEN	(KCRUMBS_MARK_SIZE - KCRUMBS_MARK_TEXT_MAX)

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
