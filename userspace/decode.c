// SPDX-License-Identifier: GPL-2.0
/* Decoding a breadcrumb region. Pure: bytes in, structures out. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "decode.h"

/* Little-endian loads from possibly unaligned bytes. */
static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

#define HDR(f) offsetof(struct kcrumbs_region_hdr, f)
#define REC(f) offsetof(struct kcrumbs_record, f)
#define MARK(f) offsetof(struct kcrumbs_mark, f)
#define SNAP(f) offsetof(struct kcrumbs_snapshot, f)
#define MCE(f) offsetof(struct kcrumbs_mce, f)

int kc_region_check_header(const uint8_t *buf, size_t len, const char **why)
{
	uint64_t size, slots_off, need, marks_off;
	uint32_t slot_size, nr, nr_marks;

	if (len < sizeof(struct kcrumbs_region_hdr)) {
		*why = "too short for a region header";
		return -EBADMSG;
	}
	if (memcmp(buf, KCRUMBS_REGION_MAGIC, 8)) {
		*why = "no kcrumbs magic";
		return -EBADMSG;
	}
	if (le32(buf + HDR(version)) != KCRUMBS_FORMAT_VERSION) {
		*why = "unsupported format version";
		return -EBADMSG;
	}
	if (le32(buf + HDR(hdr_crc)) != kc_crc32(buf, HDR(hdr_crc))) {
		*why = "header CRC mismatch";
		return -EBADMSG;
	}
	size = le64(buf + HDR(region_size));
	slots_off = le64(buf + HDR(slots_offset));
	slot_size = le32(buf + HDR(slot_size));
	nr = le32(buf + HDR(nr_slots));
	/*
	 * Compared without adding: a sum of fields a crashed kernel left
	 * behind may wrap. The limits are the module's own.
	 */
	if (le32(buf + HDR(hdr_size)) != sizeof(struct kcrumbs_region_hdr) ||
	    size > KC_REGION_MAX || slots_off < sizeof(struct kcrumbs_region_hdr) ||
	    slots_off > size || nr == 0 || nr > KC_MAX_SLOTS ||
	    slot_size < sizeof(struct kcrumbs_record) || slot_size % 8 ||
	    slot_size > KC_SLOT_MAX || nr > (size - slots_off) / slot_size) {
		*why = "header sizes are inconsistent";
		return -EBADMSG;
	}
	need = slots_off + (uint64_t)nr * slot_size;	/* <= size: no wrap */
	marks_off = le64(buf + HDR(marks_offset));
	nr_marks = le32(buf + HDR(nr_marks));
	if (le32(buf + HDR(mark_size)) != sizeof(struct kcrumbs_mark) ||
	    marks_off < need || marks_off > size || nr_marks > KC_MAX_MARKS ||
	    nr_marks > (size - marks_off) / sizeof(struct kcrumbs_mark)) {
		*why = "header's mark ring sizes are inconsistent";
		return -EBADMSG;
	}
	return 0;
}

/* Frames: each struct kcrumbs_frame, then its symbol text. */
static const char *decode_frames(const uint8_t *p, size_t len,
				 unsigned int nr, struct kc_rec *r)
{
	size_t off = 0, n;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (len - off < sizeof(struct kcrumbs_frame))
			return "frames run past the payload";
		n = le16(p + off + offsetof(struct kcrumbs_frame, sym_len));
		if (len - off - sizeof(struct kcrumbs_frame) < n)
			return "a frame's symbol runs past the payload";
		if (i < KC_MAX_FRAMES) {
			struct kc_frame *f = &r->frames[r->nr_frames++];
			size_t keep = n < KC_SYM_MAX - 1 ? n : KC_SYM_MAX - 1;

			f->addr = le64(p + off);
			memcpy(f->sym, p + off + sizeof(struct kcrumbs_frame), keep);
			f->sym[keep] = '\0';
		}
		off += sizeof(struct kcrumbs_frame) + n;
	}
	return NULL;
}

/*
 * A snapshot's payload: at least a struct kcrumbs_snapshot (a newer
 * module may append to it); its strings end at their NUL or their size.
 */
static const char *decode_snapshot(const uint8_t *p, size_t len,
				   struct kc_snapshot *k)
{
	unsigned int i;

	if (len < sizeof(struct kcrumbs_snapshot))
		return "snapshot payload is shorter than struct kcrumbs_snapshot";
	k->taint = le64(p + SNAP(taint));
	k->uptime_ns = le64(p + SNAP(uptime_ns));
	for (i = 0; i < 3; i++)
		k->load[i] = le64(p + SNAP(load) + 8 * i);
	k->mem_total = le64(p + SNAP(mem_total));
	k->mem_free = le64(p + SNAP(mem_free));
	k->page_cache = le64(p + SNAP(page_cache));
	k->slab = le64(p + SNAP(slab));
	k->swap_total = le64(p + SNAP(swap_total));
	k->swap_free = le64(p + SNAP(swap_free));
	k->tasks = le32(p + SNAP(tasks));
	k->cpus_online = le32(p + SNAP(cpus_online));
	k->cpus_possible = le32(p + SNAP(cpus_possible));
	k->known = le32(p + SNAP(known));
	for (i = 0; i < __KCRUMBS_TRAIL_MAX; i++)
		k->trail[i] = le32(p + SNAP(trail) + 4 * i);
	memcpy(k->nodename, p + SNAP(nodename), KCRUMBS_NODENAME_LEN);
	k->nodename[KCRUMBS_NODENAME_LEN] = '\0';
	memcpy(k->version, p + SNAP(version), KCRUMBS_VERSION_LEN);
	k->version[KCRUMBS_VERSION_LEN] = '\0';
	return NULL;
}

/* A machine check's payload: at least a struct kcrumbs_mce. */
static const char *decode_mce(const uint8_t *p, size_t len, struct kc_mce *k)
{
	if (len < sizeof(struct kcrumbs_mce))
		return "machine check payload is shorter than struct kcrumbs_mce";
	k->status = le64(p + MCE(status));
	k->addr = le64(p + MCE(addr));
	k->misc = le64(p + MCE(misc));
	k->mcgstatus = le64(p + MCE(mcgstatus));
	k->ip = le64(p + MCE(ip));
	k->tsc = le64(p + MCE(tsc));
	k->time = le64(p + MCE(time));
	k->synd = le64(p + MCE(synd));
	k->ipid = le64(p + MCE(ipid));
	k->bank = le32(p + MCE(bank));
	k->cpu = le32(p + MCE(cpu));
	k->socketid = le32(p + MCE(socketid));
	k->apicid = le32(p + MCE(apicid));
	k->severity = p[MCE(severity)];
	k->cs = p[MCE(cs)];
	k->cpuvendor = p[MCE(cpuvendor)];
	return NULL;
}

/* One slot; NULL when it decoded, else why not. *empty: never written. */
static const char *decode_slot(const uint8_t *s, uint32_t slot_size,
			       unsigned int idx, uint32_t nr_slots,
			       struct kc_rec *r, int *empty)
{
	uint32_t size, payload, magic = le32(s + REC(magic));
	const uint8_t *pl = s + sizeof(struct kcrumbs_record);
	size_t msg_len, keep;

	*empty = 0;
	if (magic == 0) {
		size_t i;

		for (i = 0; i < sizeof(struct kcrumbs_record); i++)
			if (s[i])
				return "torn: magic not written (interrupted mid-record)";
		*empty = 1;
		return "empty";
	}
	if (magic != KCRUMBS_RECORD_MAGIC)
		return "bad record magic";
	size = le32(s + REC(size));
	if (size < sizeof(struct kcrumbs_record) - REC(size) ||
	    size > slot_size - REC(size))
		return "record size out of bounds";
	if (le32(s + REC(crc)) != kc_crc32(s + REC(size), size))
		return "record CRC mismatch";
	payload = le32(s + REC(payload_len));
	if (payload != size - (sizeof(struct kcrumbs_record) - REC(size)))
		return "payload length disagrees with the record size";

	memset(r, 0, sizeof(*r));
	r->slot = idx;
	r->seq = le64(s + REC(seq));
	if (r->seq % nr_slots != idx)
		return "record is in the wrong slot for its sequence number";
	r->related_seq = le64(s + REC(related_seq));
	r->kind = le16(s + REC(kind));
	r->cause = le16(s + REC(cause));
	r->cpu = le32(s + REC(cpu));
	r->pid = le32(s + REC(pid));
	memcpy(r->comm, s + REC(comm), KCRUMBS_COMM_LEN);
	r->mono_ns = le64(s + REC(mono_ns));
	r->boot_ns = le64(s + REC(boot_ns));
	r->wall_ns = le64(s + REC(wall_ns));
	r->ip = le64(s + REC(ip));
	r->hook = le32(s + REC(hook));
	r->flags = le32(s + REC(flags));
	r->cost_ns = le32(s + REC(cost_ns));

	if (r->kind == KCRUMBS_REC_LOG_TAIL) {
		r->text = (const char *)pl;
		r->text_len = payload;
		return NULL;
	}
	if (r->kind == KCRUMBS_REC_SNAPSHOT)
		return decode_snapshot(pl, payload, &r->snap);
	if (r->kind == KCRUMBS_REC_MCE)
		return decode_mce(pl, payload, &r->mce);
	if (r->kind != KCRUMBS_REC_EVENT)
		return "unknown record kind";
	msg_len = le16(s + REC(msg_len));
	if (msg_len > payload)
		return "message runs past the payload";
	keep = msg_len < sizeof(r->msg) - 1 ? msg_len : sizeof(r->msg) - 1;
	memcpy(r->msg, pl, keep);
	r->msg[keep] = '\0';
	return decode_frames(pl + msg_len, payload - msg_len,
			     le16(s + REC(nr_frames)), r);
}

/* One entry of the mark ring; NULL when it decoded, else why not. */
static const char *decode_mark(const uint8_t *m, unsigned int idx,
			       uint32_t nr_marks, struct kc_mark *k, int *empty)
{
	uint32_t magic = le32(m + MARK(magic));
	size_t len = le16(m + MARK(text_len)), i;

	*empty = 0;
	if (magic == 0) {
		for (i = 0; i < KCRUMBS_MARK_HDR_LEN; i++)
			if (m[i])
				return "torn: magic not written (interrupted mid-mark)";
		*empty = 1;
		return "empty";
	}
	if (magic != KCRUMBS_MARK_MAGIC)
		return "bad mark magic";
	if (len > KCRUMBS_MARK_TEXT_MAX)
		return "mark text length out of bounds";
	if (le32(m + MARK(crc)) != kc_crc32(m + MARK(seq), MARK(text) - MARK(seq) + len))
		return "mark CRC mismatch";
	memset(k, 0, sizeof(*k));
	k->slot = idx;
	k->seq = le64(m + MARK(seq));
	if (k->seq % nr_marks != idx)
		return "mark is in the wrong entry for its sequence number";
	k->mono_ns = le64(m + MARK(mono_ns));
	k->boot_ns = le64(m + MARK(boot_ns));
	k->wall_ns = le64(m + MARK(wall_ns));
	k->cpu = le32(m + MARK(cpu));
	k->pid = le32(m + MARK(pid));
	k->flags = le16(m + MARK(flags));
	memcpy(k->comm, m + MARK(comm), KCRUMBS_COMM_LEN);
	memcpy(k->tag, m + MARK(tag), KCRUMBS_MARK_TAG_LEN);
	k->text_len = len;
	memcpy(k->text, m + MARK(text), len);
	return NULL;
}

static int mark_by_seq(const void *a, const void *b)
{
	const struct kc_mark *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int decode_marks(const uint8_t *buf, struct kc_region *r)
{
	uint64_t off = le64(buf + HDR(marks_offset));
	const char *problem;
	unsigned int i;
	int empty;

	r->nr_marks = le32(buf + HDR(nr_marks));
	r->next_mark_seq = le64(buf + HDR(next_mark_seq));
	r->marks = calloc(r->nr_marks + 1, sizeof(*r->marks));
	r->bad_marks = calloc(r->nr_marks + 1, sizeof(*r->bad_marks));
	if (!r->marks || !r->bad_marks)
		return -ENOMEM;
	for (i = 0; i < r->nr_marks; i++) {
		problem = decode_mark(buf + off + (uint64_t)i * sizeof(struct kcrumbs_mark),
				      i, r->nr_marks, &r->marks[r->n_marks], &empty);
		if (!problem)
			r->n_marks++;
		else if (!empty)
			r->bad_marks[r->n_bad_marks++] = (struct kc_bad){ i, problem };
	}
	qsort(r->marks, r->n_marks, sizeof(*r->marks), mark_by_seq);
	return 0;
}

static int by_seq(const void *a, const void *b)
{
	const struct kc_rec *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int kc_region_decode(const uint8_t *buf, size_t len, struct kc_region *r,
		     const char **why)
{
	uint64_t slots_off;
	const char *problem;
	unsigned int i;
	int empty;

	memset(r, 0, sizeof(*r));
	if (kc_region_check_header(buf, len, why))
		return -EBADMSG;
	memcpy(r->boot_id, buf + HDR(boot_id), sizeof(r->boot_id));
	memcpy(r->release, buf + HDR(release), KCRUMBS_RELEASE_LEN);
	r->region_size = le64(buf + HDR(region_size));
	r->created_wall_ns = le64(buf + HDR(created_wall_ns));
	r->next_seq = le64(buf + HDR(next_seq));
	r->state = le32(buf + HDR(state));
	r->slot_size = le32(buf + HDR(slot_size));
	r->nr_slots = le32(buf + HDR(nr_slots));
	slots_off = le64(buf + HDR(slots_offset));
	if (len < r->region_size) {
		*why = "region is cut short";
		return -EBADMSG;
	}
	r->recs = calloc(r->nr_slots, sizeof(*r->recs));
	r->bad = calloc(r->nr_slots, sizeof(*r->bad));
	if (!r->recs || !r->bad) {
		kc_region_free(r);
		*why = "out of memory";
		return -ENOMEM;
	}
	for (i = 0; i < r->nr_slots; i++) {
		problem = decode_slot(buf + slots_off + (uint64_t)i * r->slot_size,
				      r->slot_size, i, r->nr_slots,
				      &r->recs[r->n_recs], &empty);
		if (!problem)
			r->n_recs++;
		else if (empty)
			r->n_empty++;
		else
			r->bad[r->n_bad++] = (struct kc_bad){ i, problem };
	}
	qsort(r->recs, r->n_recs, sizeof(*r->recs), by_seq);
	if (decode_marks(buf, r)) {
		kc_region_free(r);
		*why = "out of memory";
		return -ENOMEM;
	}
	return 0;
}

void kc_region_free(struct kc_region *r)
{
	free(r->recs);
	free(r->bad);
	free(r->marks);
	free(r->bad_marks);
	r->recs = NULL;
	r->bad = NULL;
	r->marks = NULL;
	r->bad_marks = NULL;
}

const struct kc_rec *kc_region_find(const struct kc_region *r,
				    unsigned int kind, uint64_t seq)
{
	unsigned int i;

	for (i = 0; i < r->n_recs; i++)
		if (r->recs[i].kind == kind && r->recs[i].seq == seq)
			return &r->recs[i];
	return NULL;
}

const struct kc_rec *kc_region_related(const struct kc_region *r,
				       unsigned int kind, uint64_t seq)
{
	unsigned int i;

	for (i = r->n_recs; i-- > 0;)	/* sorted: the newest first */
		if (r->recs[i].kind == kind && r->recs[i].related_seq == seq)
			return &r->recs[i];
	return NULL;
}

/* names[i], or "unknown" past the table or at a hole in it. */
static const char *lookup(const char *const *names, size_t n, unsigned int i)
{
	return i < n && names[i] ? names[i] : "unknown";
}

#define LOOKUP(names, i) lookup(names, sizeof(names) / sizeof(names[0]), i)

const char *kc_cause_name(unsigned int cause)
{
	static const char *const names[__KCRUMBS_CAUSE_MAX] = {
		[KCRUMBS_CAUSE_UNKNOWN] = "unknown",
		[KCRUMBS_CAUSE_PANIC] = "panic",
		[KCRUMBS_CAUSE_OOPS] = "oops",
		[KCRUMBS_CAUSE_SYSRQ] = "sysrq",
		[KCRUMBS_CAUSE_SOFT_LOCKUP] = "soft_lockup",
		[KCRUMBS_CAUSE_HARD_LOCKUP] = "hard_lockup",
		[KCRUMBS_CAUSE_HUNG_TASK] = "hung_task",
		[KCRUMBS_CAUSE_OOM] = "oom",
		[KCRUMBS_CAUSE_WARN] = "warn",
		[KCRUMBS_CAUSE_STACK_CORRUPT] = "stack_corrupt",
		[KCRUMBS_CAUSE_NMI_UNKNOWN] = "nmi_unknown",
		[KCRUMBS_CAUSE_NMI_SERR] = "nmi_serr",
		[KCRUMBS_CAUSE_NMI_IOCHK] = "nmi_iochk",
		[KCRUMBS_CAUSE_RCU_STALL] = "rcu_stall",
		[KCRUMBS_CAUSE_SELFTEST] = "selftest",
		[KCRUMBS_CAUSE_MCE] = "mce",
		[KCRUMBS_CAUSE_STACK_OVERFLOW] = "stack_overflow",
		[KCRUMBS_CAUSE_DOUBLE_FAULT] = "double_fault",
		[KCRUMBS_CAUSE_KILL_INIT] = "kill_init",
		[KCRUMBS_CAUSE_KILL_IDLE] = "kill_idle",
		[KCRUMBS_CAUSE_OOM_DEADLOCK] = "oom_deadlock",
		[KCRUMBS_CAUSE_WARN_LIMIT] = "warn_limit",
		[KCRUMBS_CAUSE_OOPS_LIMIT] = "oops_limit",
		[KCRUMBS_CAUSE_TAINT] = "panic_on_taint",
		[KCRUMBS_CAUSE_OOM_KILL] = "oom_kill",
	};

	return LOOKUP(names, cause);
}

const char *kc_hook_name(unsigned int hook)
{
	static const char *const names[] = {
		[KCRUMBS_HOOK_DIE] = "die",
		[KCRUMBS_HOOK_CRASH_KEXEC] = "crash_kexec",
		[KCRUMBS_HOOK_PANIC] = "panic",
		[KCRUMBS_HOOK_NMI] = "nmi",
		[KCRUMBS_HOOK_SELFTEST] = "selftest",
		[KCRUMBS_HOOK_TRACEPOINT] = "tracepoint",
		[KCRUMBS_HOOK_TAINT] = "taint",
		[KCRUMBS_HOOK_MCE] = "mce",
	};

	return LOOKUP(names, hook);
}

const char *kc_state_name(unsigned int state)
{
	static const char *const names[] = {
		[KCRUMBS_STATE_RUNNING] = "running",
		[KCRUMBS_STATE_CRASHED] = "crashed",
		[KCRUMBS_STATE_CLEAN] = "clean",
	};

	return LOOKUP(names, state);
}

static const struct {
	const char *json, *text;
} kinds[] = {
	[KCRUMBS_REC_EVENT] = { "event", "event" },
	[KCRUMBS_REC_LOG_TAIL] = { "log_tail", "log tail" },
	[KCRUMBS_REC_SNAPSHOT] = { "snapshot", "snapshot" },
	[KCRUMBS_REC_MCE] = { "mce", "machine check" },
};

const char *kc_kind_name(unsigned int kind)
{
	return kind < sizeof(kinds) / sizeof(kinds[0]) && kinds[kind].json ?
	       kinds[kind].json : "unknown";
}

const char *kc_kind_text(unsigned int kind)
{
	return kind < sizeof(kinds) / sizeof(kinds[0]) && kinds[kind].text ?
	       kinds[kind].text : "unknown";
}
