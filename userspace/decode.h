/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decoding a breadcrumb region (docs/record-format.md). Pure: works on the
 * region's bytes, checks every bound before use, trusts no record whose
 * magic, size, slot or CRC does not check out, and never fails as a whole
 * because one record is bad.
 */
#ifndef KC_DECODE_H
#define KC_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "uapi/kcrumbs.h"

/* The module's own limits: a header past them is not one it wrote. */
#define KC_MAX_SLOTS	256
#define KC_MAX_MARKS	4096
#define KC_SLOT_MAX	(64u * 1024)
#define KC_REGION_MAX	(64ull << 20)

#define KC_MAX_FRAMES 64
#define KC_SYM_MAX 128

struct kc_frame {
	uint64_t addr;
	char sym[KC_SYM_MAX];
};

/* A KCRUMBS_REC_SNAPSHOT's payload, decoded (struct kcrumbs_snapshot). */
struct kc_snapshot {
	uint64_t taint, uptime_ns, load[3];
	uint64_t mem_total, mem_free, page_cache, slab, swap_total, swap_free;
	uint32_t tasks, cpus_online, cpus_possible, known;
	uint32_t trail[__KCRUMBS_TRAIL_MAX];
	char nodename[KCRUMBS_NODENAME_LEN + 1];
	char version[KCRUMBS_VERSION_LEN + 1];
};

/* A KCRUMBS_REC_MCE's payload, decoded (struct kcrumbs_mce). */
struct kc_mce {
	uint64_t status, addr, misc, mcgstatus, ip, tsc, time, synd, ipid;
	uint32_t bank, cpu, socketid, apicid;
	unsigned int severity, cs, cpuvendor;
	int from_log;	/* read from the crash's log lines, not a record */
};

struct kc_rec {
	unsigned int slot;
	uint64_t seq, related_seq;
	unsigned int kind, cause, hook, flags;
	uint32_t cpu, pid, cost_ns;
	char comm[KCRUMBS_COMM_LEN + 1];
	uint64_t mono_ns, boot_ns, wall_ns, ip;
	char msg[512];
	unsigned int nr_frames;
	struct kc_frame frames[KC_MAX_FRAMES];
	const char *text;	/* log tail: points into the region bytes */
	size_t text_len;
	union {
		struct kc_snapshot snap;	/* KCRUMBS_REC_SNAPSHOT */
		struct kc_mce mce;		/* KCRUMBS_REC_MCE */
	};
};

struct kc_mark {
	unsigned int slot;
	uint64_t seq, mono_ns, boot_ns, wall_ns;
	uint32_t cpu, pid;
	unsigned int flags;
	char comm[KCRUMBS_COMM_LEN + 1];
	char tag[KCRUMBS_MARK_TAG_LEN + 1];
	size_t text_len;
	uint8_t text[KCRUMBS_MARK_TEXT_MAX];	/* any bytes: escape them */
};

struct kc_bad {
	unsigned int slot;
	const char *problem;
};

struct kc_region {
	uint8_t boot_id[16];
	char release[KCRUMBS_RELEASE_LEN + 1];
	uint64_t region_size, created_wall_ns, next_seq;
	uint32_t slot_size, nr_slots, state;
	unsigned int n_recs, n_bad, n_empty;
	struct kc_rec *recs;	/* sorted by seq */
	struct kc_bad *bad;
	uint64_t next_mark_seq;
	uint32_t nr_marks;
	unsigned int n_marks, n_bad_marks;
	struct kc_mark *marks;	/* sorted by seq */
	struct kc_bad *bad_marks;	/* .slot: the mark ring's entry */
};

/**
 * kc_region_check_header() - is there a valid region header at @buf?
 * @buf: candidate bytes
 * @len: bytes available
 * @why: on failure, why (static string)
 *
 * Return: 0, or -EBADMSG.
 */
int kc_region_check_header(const uint8_t *buf, size_t len, const char **why);

/**
 * kc_region_decode() - decode every slot of a region
 * @buf: the region's bytes; log tails point into them, keep them alive
 * @len: bytes in @buf
 * @r: filled; free with kc_region_free()
 * @why: on failure, why
 *
 * Return: 0 (bad records are listed in @r->bad), -EBADMSG for a bad
 * header, -ENOMEM.
 */
int kc_region_decode(const uint8_t *buf, size_t len, struct kc_region *r,
		     const char **why);

void kc_region_free(struct kc_region *r);

/**
 * kc_region_find() - the record of @kind with sequence number @seq
 * @r: a decoded region
 * @kind: KCRUMBS_REC_*
 * @seq: its sequence number
 *
 * Return: the record, or NULL.
 */
const struct kc_rec *kc_region_find(const struct kc_region *r,
				    unsigned int kind, uint64_t seq);

/**
 * kc_region_related() - the record of @kind that belongs to record @seq
 * @r: a decoded region
 * @kind: KCRUMBS_REC_*: a log tail or a snapshot
 * @seq: the event's sequence number (their related_seq)
 *
 * Return: the newest such record, or NULL.
 */
const struct kc_rec *kc_region_related(const struct kc_region *r,
				       unsigned int kind, uint64_t seq);

/* Names for text and JSON; "unknown" when out of range. */
const char *kc_cause_name(unsigned int cause);
const char *kc_hook_name(unsigned int hook);
const char *kc_state_name(unsigned int state);
/* A record kind: "event", "log_tail", "snapshot", "mce" (JSON) ... */
const char *kc_kind_name(unsigned int kind);
/* ... and for text: "event", "log tail", "snapshot", "machine check". */
const char *kc_kind_text(unsigned int kind);

#endif
