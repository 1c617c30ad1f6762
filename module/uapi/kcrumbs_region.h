/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * kcrumbs persistent record format: what a crashed kernel leaves in memory
 * and what every reader (the kcrumbs CLI, the capture path, crash and drgn
 * extensions) decodes. docs/record-format.md describes it and is kept in
 * step with this file.
 *
 * This is an ABI of its own, apart from the netlink interface
 * (kcrumbs.h): a reader needs only this header. Fixed-width little-endian
 * fields; nothing here depends on the kernel that wrote it.
 */
#ifndef _UAPI_KCRUMBS_REGION_H
#define _UAPI_KCRUMBS_REGION_H

#include <linux/types.h>

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
 * @KCRUMBS_REC_SNAPSHOT: the system at a fatal event (@related_seq);
 *	payload: struct kcrumbs_snapshot
 * @KCRUMBS_REC_MCE: one machine check the kernel logged; payload:
 *	struct kcrumbs_mce
 */
enum kcrumbs_rec_kind {
	KCRUMBS_REC_EVENT = 1,
	KCRUMBS_REC_LOG_TAIL = 2,
	KCRUMBS_REC_SNAPSHOT = 3,
	KCRUMBS_REC_MCE = 4,
};

/**
 * enum kcrumbs_hook - which hook wrote a record
 * @KCRUMBS_HOOK_DIE: die notifier, DIE_OOPS
 * @KCRUMBS_HOOK_CRASH_KEXEC: kprobe at the entry of __crash_kexec()
 * @KCRUMBS_HOOK_PANIC: panic notifier
 * @KCRUMBS_HOOK_NMI: NMI handler (NMI_UNKNOWN, NMI_SERR, NMI_IO_CHECK)
 * @KCRUMBS_HOOK_SELFTEST: the BREADCRUMB_ALL_CPUS self-test
 * @KCRUMBS_HOOK_TRACEPOINT: a kernel tracepoint (sched_process_hang,
 *	mark_victim, rcu_stall_warning)
 * @KCRUMBS_HOOK_TAINT: kprobe at the entry of add_taint() (a WARN, a soft
 *	lockup)
 * @KCRUMBS_HOOK_MCE: kprobe at the entry of mce_gen_pool_add() (a machine
 *	check the kernel logs)
 */
enum kcrumbs_hook {
	KCRUMBS_HOOK_DIE = 1,
	KCRUMBS_HOOK_CRASH_KEXEC = 2,
	KCRUMBS_HOOK_PANIC = 3,
	KCRUMBS_HOOK_NMI = 4,
	KCRUMBS_HOOK_SELFTEST = 5,
	KCRUMBS_HOOK_TRACEPOINT = 6,
	KCRUMBS_HOOK_TAINT = 7,
	KCRUMBS_HOOK_MCE = 8,
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
 * @KCRUMBS_CAUSE_MCE: a machine check: fatal ("Fatal machine check",
 *	"Fatal local machine check", "Machine check from unknown source",
 *	"Timeout: Not all CPUs entered broadcast exception handler",
 *	"Timeout synchronizing machine check over CPUs"), or, in a
 *	KCRUMBS_REC_MCE record, any machine check the kernel logged
 * @KCRUMBS_CAUSE_STACK_OVERFLOW: the kernel stack's guard page was hit
 *	(die "stack guard page"; "kernel stack overflow")
 * @KCRUMBS_CAUSE_DOUBLE_FAULT: a double fault (die "double fault")
 * @KCRUMBS_CAUSE_KILL_INIT: "Attempted to kill init!"
 * @KCRUMBS_CAUSE_KILL_IDLE: "Attempted to kill the idle task!"
 * @KCRUMBS_CAUSE_OOM_DEADLOCK: "System is deadlocked on memory": out of
 *	memory with nothing the OOM killer could kill
 * @KCRUMBS_CAUSE_WARN_LIMIT: "Warned too often (kernel.warn_limit is N)"
 * @KCRUMBS_CAUSE_OOPS_LIMIT: "Oopsed too often (kernel.oops_limit is N)"
 * @KCRUMBS_CAUSE_TAINT: "panic_on_taint set ..."
 * @KCRUMBS_CAUSE_OOM_KILL: the OOM killer killed a task (a trail event)
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
	KCRUMBS_CAUSE_MCE,
	KCRUMBS_CAUSE_STACK_OVERFLOW,
	KCRUMBS_CAUSE_DOUBLE_FAULT,
	KCRUMBS_CAUSE_KILL_INIT,
	KCRUMBS_CAUSE_KILL_IDLE,
	KCRUMBS_CAUSE_OOM_DEADLOCK,
	KCRUMBS_CAUSE_WARN_LIMIT,
	KCRUMBS_CAUSE_OOPS_LIMIT,
	KCRUMBS_CAUSE_TAINT,
	KCRUMBS_CAUSE_OOM_KILL,
	__KCRUMBS_CAUSE_MAX,
};

/* Record flags: the context the hook ran in. */
#define KCRUMBS_REC_F_NMI	0x1	/* in NMI */
#define KCRUMBS_REC_F_IRQ	0x2	/* in hard or soft interrupt */
#define KCRUMBS_REC_F_TRUNCATED	0x4	/* payload cut to fit the slot */
#define KCRUMBS_REC_F_TRAIL	0x8	/* an event the kernel carries on after */
#define KCRUMBS_REC_F_HARDIRQ	0x10	/* in a hard interrupt (with F_IRQ; not in NMI) */

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

/**
 * enum kcrumbs_trail - what the kernel complained about and lived through;
 *	the first of each kind per boot is an event, the rest are counted
 *	(struct kcrumbs_snapshot @trail)
 */
enum kcrumbs_trail {
	KCRUMBS_TRAIL_WARN,
	KCRUMBS_TRAIL_OOPS,
	KCRUMBS_TRAIL_SOFT_LOCKUP,
	KCRUMBS_TRAIL_HUNG_TASK,
	KCRUMBS_TRAIL_RCU_STALL,
	KCRUMBS_TRAIL_OOM_KILL,
	KCRUMBS_TRAIL_MCE,
	KCRUMBS_TRAIL_NMI,
	__KCRUMBS_TRAIL_MAX,
};

#define KCRUMBS_NODENAME_LEN	65
#define KCRUMBS_VERSION_LEN	65

/* struct kcrumbs_snapshot @known: which fields the kernel could read */
#define KCRUMBS_SNAP_TASKS	0x1	/* @tasks */
#define KCRUMBS_SNAP_SWAP	0x2	/* @swap_free */
#define KCRUMBS_SNAP_SWAP_TOTAL	0x4	/* @swap_total (not exported to modules: never set yet) */

/**
 * struct kcrumbs_snapshot - the system at a fatal event: what crash's
 *	`sys` and `kmem -i` show, from counters any context can read
 * @taint: the kernel's taint mask (bit N: taint flag N, as /proc/sys/kernel/tainted)
 * @uptime_ns: CLOCK_BOOTTIME
 * @load: the load averages over 1, 5 and 15 minutes, fixed point:
 *	value / 2048 (the kernel's avenrun[], FSHIFT 11)
 * @mem_total: bytes of RAM the kernel manages (totalram_pages)
 * @mem_free: bytes free (NR_FREE_PAGES)
 * @page_cache: bytes of file pages (NR_FILE_PAGES)
 * @slab: bytes of slab, reclaimable and not
 * @swap_total: bytes of swap, when KCRUMBS_SNAP_SWAP_TOTAL
 * @swap_free: bytes of swap free, when KCRUMBS_SNAP_SWAP
 * @tasks: pids in use in the initial pid namespace (each thread holds one;
 *	a pid also lives on while a process group or session names it), when
 *	KCRUMBS_SNAP_TASKS
 * @cpus_online: CPUs online
 * @cpus_possible: CPUs possible
 * @known: KCRUMBS_SNAP_*
 * @trail: how many of each enum kcrumbs_trail the kernel saw in this boot
 * @nodename: the host name (init_uts_ns), NUL-terminated
 * @version: the kernel's version string ("#1 SMP PREEMPT_DYNAMIC Debian
 *	6.1.158-1 (2025-11-09)"), NUL-terminated
 * @reserved: zero
 */
struct kcrumbs_snapshot {
	__le64	taint;
	__le64	uptime_ns;
	__le64	load[3];
	__le64	mem_total;
	__le64	mem_free;
	__le64	page_cache;
	__le64	slab;
	__le64	swap_total;
	__le64	swap_free;
	__le32	tasks;
	__le32	cpus_online;
	__le32	cpus_possible;
	__le32	known;
	__le32	trail[__KCRUMBS_TRAIL_MAX];
	char	nodename[KCRUMBS_NODENAME_LEN];
	char	version[KCRUMBS_VERSION_LEN];
	__u8	reserved[6];
};

/**
 * struct kcrumbs_mce - one machine check, as the kernel logged it (its
 *	struct mce, arch/x86/include/uapi/asm/mce.h)
 * @status: the bank's MCi_STATUS (bit 63 valid, 62 overflow, 61
 *	uncorrected, 60 enabled, 59 MISC valid, 58 ADDR valid, 57 processor
 *	context corrupt, 56 signalled, 55 action required; 15:0 MCA error
 *	code, 31:16 model specific)
 * @addr: MCi_ADDR
 * @misc: MCi_MISC
 * @mcgstatus: MCG_STATUS (bit 0 restart IP valid, 1 error IP valid, 2 in
 *	machine check)
 * @ip: the instruction pointer, when the kernel knew it
 * @tsc: the time stamp counter then
 * @time: wall clock, seconds
 * @synd: MCA_SYND (AMD)
 * @ipid: MCA_IPID (AMD)
 * @bank: the bank
 * @cpu: the CPU (extcpu)
 * @socketid: its socket
 * @apicid: its APIC id
 * @severity: the kernel's grading: 0 none (corrected), 1 deferred, 2
 *	keep, 3 some, 4 action optional, 5 uncorrected, 6 action required,
 *	7 panic (enum severity_level, arch/x86/kernel/cpu/mce/internal.h)
 * @cs: code segment then (3: user mode)
 * @cpuvendor: X86_VENDOR_*: 0 Intel, 2 AMD, 9 Hygon, 10 Zhaoxin
 * @reserved: zero
 */
struct kcrumbs_mce {
	__le64	status;
	__le64	addr;
	__le64	misc;
	__le64	mcgstatus;
	__le64	ip;
	__le64	tsc;
	__le64	time;
	__le64	synd;
	__le64	ipid;
	__le32	bank;
	__le32	cpu;
	__le32	socketid;
	__le32	apicid;
	__u8	severity;
	__u8	cs;
	__u8	cpuvendor;
	__u8	reserved[5];
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

#endif /* _UAPI_KCRUMBS_REGION_H */
