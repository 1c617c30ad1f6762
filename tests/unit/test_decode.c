// SPDX-License-Identifier: GPL-2.0
/* Unit tests: the region decoder on crafted regions, good and bad. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "region_builder.h"

static const char *const syms[] = {
	"panic+0x118/0x2f4", "sysrq_handle_crash+0x16/0x20", NULL,
};

static void test_crc32_vector(void **state)
{
	(void)state;
	assert_int_equal(kc_crc32("123456789", 9), 0xCBF43926);
	assert_int_equal(kc_crc32("", 0), 0);
}

/* The layout docs/record-format.md documents, pinned. */
static void test_layout_matches_the_document(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct kcrumbs_region_hdr), 176);
	assert_int_equal(RB_HDR(version), 8);
	assert_int_equal(RB_HDR(region_size), 16);
	assert_int_equal(RB_HDR(slots_offset), 24);
	assert_int_equal(RB_HDR(slot_size), 32);
	assert_int_equal(RB_HDR(nr_slots), 36);
	assert_int_equal(RB_HDR(boot_id), 40);
	assert_int_equal(RB_HDR(release), 56);
	assert_int_equal(RB_HDR(created_wall_ns), 128);
	assert_int_equal(RB_HDR(marks_offset), 136);
	assert_int_equal(RB_HDR(mark_size), 144);
	assert_int_equal(RB_HDR(nr_marks), 148);
	assert_int_equal(RB_HDR(hdr_crc), 152);
	assert_int_equal(RB_HDR(state), 156);
	assert_int_equal(RB_HDR(next_seq), 160);
	assert_int_equal(RB_HDR(next_mark_seq), 168);
	assert_int_equal(sizeof(struct kcrumbs_record), 112);
	assert_int_equal(RB_REC(size), 8);
	assert_int_equal(RB_REC(seq), 16);
	assert_int_equal(RB_REC(comm), 40);
	assert_int_equal(RB_REC(ip), 80);
	assert_int_equal(RB_REC(hook), 88);
	assert_int_equal(RB_REC(cost_ns), 96);
	assert_int_equal(RB_REC(msg_len), 100);
	assert_int_equal(RB_REC(nr_frames), 102);
	assert_int_equal(RB_REC(payload_len), 104);
	assert_int_equal(sizeof(struct kcrumbs_frame), 16);
	assert_int_equal(sizeof(struct kcrumbs_mark), 256);
	assert_int_equal(RB_MARK(seq), 8);
	assert_int_equal(RB_MARK(boot_ns), 24);
	assert_int_equal(RB_MARK(cpu), 40);
	assert_int_equal(RB_MARK(comm), 48);
	assert_int_equal(RB_MARK(tag), 64);
	assert_int_equal(RB_MARK(text_len), 80);
	assert_int_equal(RB_MARK(flags), 82);
	assert_int_equal(RB_MARK(text), 88);
	assert_int_equal(KCRUMBS_MARK_HDR_LEN, 88);
	assert_int_equal(sizeof(struct kcrumbs_snapshot), 272);
	assert_int_equal(RB_SNAP(uptime_ns), 8);
	assert_int_equal(RB_SNAP(load), 16);
	assert_int_equal(RB_SNAP(mem_total), 40);
	assert_int_equal(RB_SNAP(swap_free), 80);
	assert_int_equal(RB_SNAP(tasks), 88);
	assert_int_equal(RB_SNAP(known), 100);
	assert_int_equal(RB_SNAP(trail), 104);
	assert_int_equal(RB_SNAP(nodename), 136);
	assert_int_equal(RB_SNAP(version), 201);
	assert_int_equal(RB_SNAP(reserved), 266);
	assert_int_equal(sizeof(struct kcrumbs_mce), 96);
	assert_int_equal(RB_MCE(mcgstatus), 24);
	assert_int_equal(RB_MCE(ipid), 64);
	assert_int_equal(RB_MCE(bank), 72);
	assert_int_equal(RB_MCE(apicid), 84);
	assert_int_equal(RB_MCE(severity), 88);
	assert_int_equal(RB_MCE(cpuvendor), 90);
}

static void test_good_region(void **state)
{
	struct kc_region r;
	const char *why;
	struct rb b;

	(void)state;
	rb_init(&b, 4, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_log_tail(&b, 1, 0, "[ 5.0] sysrq: Trigger a crash\n[ 5.1] Kernel panic\n");
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_recs, 2);
	assert_int_equal(r.n_bad, 0);
	assert_int_equal(r.n_empty, 2);
	assert_string_equal(r.release, "6.1.0-56-amd64");
	assert_int_equal(r.state, KCRUMBS_STATE_CRASHED);
	assert_int_equal(r.recs[0].kind, KCRUMBS_REC_EVENT);
	assert_string_equal(r.recs[0].msg, "sysrq triggered crash");
	assert_string_equal(kc_cause_name(r.recs[0].cause), "sysrq");
	assert_string_equal(r.recs[0].comm, "kcrumbs-crash");
	assert_int_equal(r.recs[0].pid, 42);
	assert_int_equal(r.recs[0].nr_frames, 2);
	assert_string_equal(r.recs[0].frames[1].sym, "sysrq_handle_crash+0x16/0x20");
	assert_int_equal(r.recs[1].kind, KCRUMBS_REC_LOG_TAIL);
	assert_int_equal(r.recs[1].related_seq, 0);
	assert_memory_equal(r.recs[1].text, "[ 5.0] sysrq", 12);
	kc_region_free(&r);
	free(b.buf);
}

static void test_wrapped_ring_sorted_by_seq(void **state)
{
	struct kc_region r;
	const char *why;
	struct rb b;
	uint64_t s;

	(void)state;
	rb_init(&b, 3, 4096);
	for (s = 0; s < 7; s++)	/* 7 records in 3 slots: 4, 5, 6 remain */
		rb_event(&b, s, KCRUMBS_CAUSE_PANIC, "p", NULL);
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_recs, 3);
	assert_int_equal(r.recs[0].seq, 4);
	assert_int_equal(r.recs[1].seq, 5);
	assert_int_equal(r.recs[2].seq, 6);
	kc_region_free(&r);
	free(b.buf);
}

static void expect_bad_header(struct rb *b, size_t len, const char *want)
{
	struct kc_region r;
	const char *why = NULL;

	assert_int_equal(kc_region_decode(b->buf, len, &r, &why), -EBADMSG);
	assert_non_null(strstr(why, want));
}

static void test_bad_headers(void **state)
{
	struct rb b;

	(void)state;
	rb_init(&b, 2, 4096);
	expect_bad_header(&b, 100, "too short");
	expect_bad_header(&b, b.len - 1, "cut short");

	b.buf[0] = 'X';
	expect_bad_header(&b, b.len, "no kcrumbs magic");
	b.buf[0] = 'K';

	rb_put32(b.buf + RB_HDR(version), 1);	/* before the mark ring */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "unsupported format version");
	rb_put32(b.buf + RB_HDR(version), KCRUMBS_FORMAT_VERSION);

	b.buf[RB_HDR(release)] = 'X';	/* not resealed */
	expect_bad_header(&b, b.len, "header CRC mismatch");
	rb_seal_header(&b);

	rb_put32(b.buf + RB_HDR(nr_marks), 1000);	/* past region_size */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "mark ring sizes are inconsistent");
	rb_put32(b.buf + RB_HDR(nr_marks), RB_NR_MARKS);
	rb_put32(b.buf + RB_HDR(mark_size), 128);
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "mark ring sizes are inconsistent");
	rb_put32(b.buf + RB_HDR(mark_size), sizeof(struct kcrumbs_mark));
	rb_put64(b.buf + RB_HDR(marks_offset), 4096);	/* over the slots */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "mark ring sizes are inconsistent");
	rb_put64(b.buf + RB_HDR(marks_offset), b.marks_off);

	rb_put32(b.buf + RB_HDR(nr_slots), 1000);	/* past region_size */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "inconsistent");
	free(b.buf);
}

/*
 * Headers whose sums wrap, with a valid CRC (a page planted in the crashed
 * kernel's memory gets one): refused, not followed before the buffer.
 * And the module's own limits.
 */
static void test_headers_that_wrap(void **state)
{
	struct kc_region r;
	const char *why;
	struct rb b;

	(void)state;
	rb_init(&b, 2, 4096);
	rb_put64(b.buf + RB_HDR(slots_offset), UINT64_MAX - 4095);	/* + 2 * 4096 wraps */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "header sizes are inconsistent");
	rb_put64(b.buf + RB_HDR(slots_offset), RB_SLOTS_OFF);

	rb_put64(b.buf + RB_HDR(marks_offset), UINT64_MAX - 4095);	/* + 16 * 256 wraps */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "mark ring sizes are inconsistent");
	rb_put64(b.buf + RB_HDR(marks_offset), b.marks_off);

	rb_put32(b.buf + RB_HDR(nr_slots), 65536);	/* a 612 MB calloc */
	rb_put64(b.buf + RB_HDR(region_size), UINT64_MAX);
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "header sizes are inconsistent");
	rb_put64(b.buf + RB_HDR(region_size), b.len);

	rb_put32(b.buf + RB_HDR(nr_slots), 257);	/* the module's limit is 256 */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "header sizes are inconsistent");
	rb_put32(b.buf + RB_HDR(nr_slots), 2);

	rb_put32(b.buf + RB_HDR(slot_size), 64);	/* under a record header */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "header sizes are inconsistent");
	rb_put32(b.buf + RB_HDR(slot_size), 4096);

	rb_put32(b.buf + RB_HDR(nr_marks), 4097);	/* the module's limit is 4096 */
	rb_seal_header(&b);
	expect_bad_header(&b, b.len, "mark ring sizes are inconsistent");
	rb_put32(b.buf + RB_HDR(nr_marks), RB_NR_MARKS);

	rb_seal_header(&b);
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	kc_region_free(&r);
	free(b.buf);
}

/* Corrupt records are reported, never trusted, and the rest still read. */
static void test_bad_records_reported_intact_ones_read(void **state)
{
	struct kc_region r;
	const char *why;
	struct rb b;
	uint8_t *s;
	unsigned int i;
	int seen[8] = { 0 };

	(void)state;
	rb_init(&b, 8, 4096);
	for (i = 0; i < 8; i++)
		rb_event(&b, i, KCRUMBS_CAUSE_OOPS, "Oops", syms);

	rb_slot(&b, 1)[sizeof(struct kcrumbs_record) + 1] ^= 1;	/* bad CRC */
	s = rb_slot(&b, 2);
	rb_put32(s + RB_REC(magic), 0);		/* torn: magic not yet written */
	s = rb_slot(&b, 3);
	rb_put32(s + RB_REC(size), 1u << 20);	/* size past the slot */
	s = rb_slot(&b, 4);
	rb_put64(s + RB_REC(seq), 5);		/* in the wrong slot */
	rb_seal(s);
	s = rb_slot(&b, 5);
	rb_put16(s + RB_REC(nr_frames), 40);	/* frames past the payload */
	rb_seal(s);
	s = rb_slot(&b, 6);
	rb_put16(s + RB_REC(msg_len), 4000);	/* message past the payload */
	rb_seal(s);

	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_recs, 2);
	assert_int_equal(r.recs[0].seq, 0);
	assert_int_equal(r.recs[1].seq, 7);
	assert_int_equal(r.n_bad, 6);
	for (i = 0; i < r.n_bad; i++)
		seen[r.bad[i].slot] = 1;
	for (i = 1; i <= 6; i++)
		assert_true(seen[i]);
	assert_non_null(strstr(r.bad[0].problem, "CRC"));
	assert_non_null(strstr(r.bad[1].problem, "torn"));
	assert_non_null(strstr(r.bad[2].problem, "size"));
	assert_non_null(strstr(r.bad[3].problem, "wrong slot"));
	assert_non_null(strstr(r.bad[4].problem, "frames"));
	assert_non_null(strstr(r.bad[5].problem, "message"));
	kc_region_free(&r);
	free(b.buf);
}

/* Every single-byte corruption of a record: never a crash, never trusted. */
static void test_every_byte_flip_detected(void **state)
{
	struct kc_region r;
	const char *why;
	struct rb b;
	size_t i, len;
	uint8_t *s;

	(void)state;
	rb_init(&b, 1, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_OOPS, "Oops: 0002", syms);
	s = rb_slot(&b, 0);
	memcpy(&len, s + RB_REC(size), 4);
	len = (len & 0xffffffff) + RB_REC(size);
	for (i = 0; i < len; i++) {
		s[i] ^= 0x5a;
		assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
		assert_int_equal(r.n_recs, 0);
		assert_int_equal(r.n_bad, 1);
		kc_region_free(&r);
		s[i] ^= 0x5a;
	}
	free(b.buf);
}

/* Every cause has a name, each its own: text, JSON and the journal use them. */
static void test_every_cause_named(void **state)
{
	static const struct {
		unsigned int cause;
		const char *name;
	} added[] = {
		{ KCRUMBS_CAUSE_MCE, "mce" },
		{ KCRUMBS_CAUSE_STACK_OVERFLOW, "stack_overflow" },
		{ KCRUMBS_CAUSE_DOUBLE_FAULT, "double_fault" },
		{ KCRUMBS_CAUSE_KILL_INIT, "kill_init" },
		{ KCRUMBS_CAUSE_KILL_IDLE, "kill_idle" },
		{ KCRUMBS_CAUSE_OOM_DEADLOCK, "oom_deadlock" },
		{ KCRUMBS_CAUSE_WARN_LIMIT, "warn_limit" },
		{ KCRUMBS_CAUSE_OOPS_LIMIT, "oops_limit" },
		{ KCRUMBS_CAUSE_TAINT, "panic_on_taint" },
		{ KCRUMBS_CAUSE_OOM_KILL, "oom_kill" },
	};
	unsigned int i, j;

	(void)state;
	for (i = 0; i < sizeof(added) / sizeof(added[0]); i++)
		assert_string_equal(kc_cause_name(added[i].cause), added[i].name);
	for (i = 1; i < __KCRUMBS_CAUSE_MAX; i++) {
		assert_string_not_equal(kc_cause_name(i), "unknown");
		for (j = 0; j < i; j++)
			assert_string_not_equal(kc_cause_name(i), kc_cause_name(j));
	}
}

/* A snapshot decodes field by field and belongs to its event. */
static void test_snapshot_record(void **state)
{
	struct kc_region r;
	const struct kc_rec *snap;
	const char *why;
	struct rb b;
	uint8_t *s;

	(void)state;
	rb_init(&b, 8, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_snapshot(&b, 1, 0, sizeof(struct kcrumbs_snapshot));
	rb_snapshot(&b, 2, 0, sizeof(struct kcrumbs_snapshot) + 16);	/* a newer module's */
	s = rb_snapshot(&b, 3, 0, sizeof(struct kcrumbs_snapshot));
	memset(s + sizeof(struct kcrumbs_record) + RB_SNAP(nodename), 'n',
	       KCRUMBS_NODENAME_LEN);			/* no NUL: cut at its size */
	rb_seal(s);
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_recs, 4);
	assert_int_equal(r.n_bad, 0);
	assert_int_equal(r.recs[1].kind, KCRUMBS_REC_SNAPSHOT);
	assert_int_equal(r.recs[1].related_seq, 0);
	assert_true(r.recs[1].snap.taint == 0x1201);
	assert_true(r.recs[1].snap.load[0] == 1055);
	assert_true(r.recs[1].snap.mem_total == 2ull << 30);
	assert_true(r.recs[1].snap.swap_free == 768ull << 20);
	assert_int_equal(r.recs[1].snap.tasks, 312);
	assert_int_equal(r.recs[1].snap.cpus_possible, 8);
	assert_int_equal(r.recs[1].snap.trail[KCRUMBS_TRAIL_WARN], 3);
	assert_int_equal(r.recs[1].snap.trail[KCRUMBS_TRAIL_OOPS], 1);
	assert_int_equal(r.recs[1].snap.trail[KCRUMBS_TRAIL_NMI], 0);
	assert_string_equal(r.recs[1].snap.nodename, "web-17");
	assert_string_equal(r.recs[1].snap.version,
			    "#1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)");
	assert_int_equal(r.recs[2].kind, KCRUMBS_REC_SNAPSHOT);
	assert_int_equal(strlen(r.recs[3].snap.nodename), KCRUMBS_NODENAME_LEN);
	/* the event's: the newest */
	snap = kc_region_related(&r, KCRUMBS_REC_SNAPSHOT, 0);
	assert_non_null(snap);
	assert_int_equal(snap->seq, 3);
	assert_null(kc_region_related(&r, KCRUMBS_REC_SNAPSHOT, 1));
	assert_ptr_equal(kc_region_find(&r, KCRUMBS_REC_EVENT, 0), &r.recs[0]);
	assert_null(kc_region_find(&r, KCRUMBS_REC_EVENT, 1));
	kc_region_free(&r);
	free(b.buf);
}

/* A payload shorter than its struct, or a kind past 4: corrupt, with why. */
static void test_short_payloads_and_unknown_kinds(void **state)
{
	uint8_t p[8] = { 0 };
	struct kc_region r;
	const char *why;
	struct rb b;

	(void)state;
	rb_init(&b, 8, 4096);
	rb_snapshot(&b, 0, 0, sizeof(struct kcrumbs_snapshot) - 1);
	rb_snapshot(&b, 1, 0, 0);
	rb_mce(&b, 2, 0, 0, sizeof(struct kcrumbs_mce) - 1);
	rb_record(&b, 3, 5, 0, p, sizeof(p));
	rb_record(&b, 4, 0xffff, 0, p, sizeof(p));
	rb_record(&b, 5, 0, 0, p, sizeof(p));
	rb_mce(&b, 6, 0, 0, sizeof(struct kcrumbs_mce));
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_recs, 1);
	assert_int_equal(r.recs[0].kind, KCRUMBS_REC_MCE);
	assert_int_equal(r.n_bad, 6);
	assert_string_equal(r.bad[0].problem,
			    "snapshot payload is shorter than struct kcrumbs_snapshot");
	assert_string_equal(r.bad[1].problem,
			    "snapshot payload is shorter than struct kcrumbs_snapshot");
	assert_string_equal(r.bad[2].problem,
			    "machine check payload is shorter than struct kcrumbs_mce");
	assert_string_equal(r.bad[3].problem, "unknown record kind");
	assert_string_equal(r.bad[4].problem, "unknown record kind");
	assert_string_equal(r.bad[5].problem, "unknown record kind");
	kc_region_free(&r);
	free(b.buf);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(kc_cause_name(KCRUMBS_CAUSE_HUNG_TASK), "hung_task");
	assert_string_equal(kc_cause_name(999), "unknown");
	assert_string_equal(kc_cause_name(__KCRUMBS_CAUSE_MAX), "unknown");
	assert_string_equal(kc_hook_name(KCRUMBS_HOOK_TRACEPOINT), "tracepoint");
	assert_string_equal(kc_hook_name(KCRUMBS_HOOK_TAINT), "taint");
	assert_string_equal(kc_hook_name(KCRUMBS_HOOK_MCE), "mce");
	assert_string_equal(kc_hook_name(KCRUMBS_HOOK_MCE + 1), "unknown");
	assert_string_equal(kc_hook_name(KCRUMBS_HOOK_DIE), "die");
	assert_string_equal(kc_hook_name(0), "unknown");
	assert_string_equal(kc_state_name(KCRUMBS_STATE_CLEAN), "clean");
	assert_string_equal(kc_state_name(77), "unknown");
	assert_string_equal(kc_kind_name(KCRUMBS_REC_LOG_TAIL), "log_tail");
	assert_string_equal(kc_kind_name(KCRUMBS_REC_SNAPSHOT), "snapshot");
	assert_string_equal(kc_kind_name(KCRUMBS_REC_MCE), "mce");
	assert_string_equal(kc_kind_name(5), "unknown");
	assert_string_equal(kc_kind_name(0), "unknown");
	assert_string_equal(kc_kind_text(KCRUMBS_REC_LOG_TAIL), "log tail");
	assert_string_equal(kc_kind_text(KCRUMBS_REC_MCE), "machine check");
}

/* The mark ring: oldest overwritten, every kind of damage reported. */
static void test_marks_ring(void **state)
{
	struct kc_region r;
	const char *why;
	struct rb b;
	uint64_t s;
	uint8_t *m;

	(void)state;
	rb_init(&b, 2, 4096);
	for (s = 0; s < RB_NR_MARKS + 5; s++)	/* wraps: 5..20 remain */
		rb_mark(&b, s, "t", "x", 1, 1000 + s);
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_marks, RB_NR_MARKS);
	assert_int_equal(r.marks[0].seq, 5);
	assert_int_equal(r.marks[RB_NR_MARKS - 1].seq, RB_NR_MARKS + 4);
	assert_int_equal(r.next_mark_seq, RB_NR_MARKS + 5);
	assert_string_equal(r.marks[0].tag, "t");
	assert_string_equal(r.marks[0].comm, "deploy.sh");
	assert_int_equal(r.n_bad_marks, 0);
	kc_region_free(&r);

	m = rb_mark_entry(&b, 6);
	m[KCRUMBS_MARK_HDR_LEN] ^= 1;			/* text: bad CRC */
	m = rb_mark_entry(&b, 7);
	rb_put32(m + RB_MARK(magic), 0);		/* torn */
	m = rb_mark_entry(&b, 8);
	rb_put16(m + RB_MARK(text_len), KCRUMBS_MARK_TEXT_MAX + 1);
	m = rb_mark_entry(&b, 9);
	rb_put64(m + RB_MARK(seq), 10);			/* wrong entry */
	rb_put32(m + RB_MARK(crc), kc_crc32(m + RB_MARK(seq), RB_MARK(text) - RB_MARK(seq) + 1));
	m = rb_mark_entry(&b, 11);
	rb_put32(m + RB_MARK(magic), 0x12345678);	/* not a mark */
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_marks, RB_NR_MARKS - 5);
	assert_int_equal(r.n_bad_marks, 5);
	assert_string_equal(r.bad_marks[0].problem, "mark CRC mismatch");
	assert_string_equal(r.bad_marks[1].problem, "torn: magic not written (interrupted mid-mark)");
	assert_string_equal(r.bad_marks[2].problem, "mark text length out of bounds");
	assert_string_equal(r.bad_marks[3].problem, "mark is in the wrong entry for its sequence number");
	assert_string_equal(r.bad_marks[4].problem, "bad mark magic");
	kc_region_free(&r);
	free(b.buf);
}

/* Any bytes, the full length: stored and read back as they were. */
static void test_marks_any_bytes(void **state)
{
	uint8_t text[KCRUMBS_MARK_TEXT_MAX];
	struct kc_region r;
	const char *why;
	struct rb b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(text); i++)
		text[i] = (uint8_t)(i * 7);
	rb_init(&b, 2, 4096);
	rb_mark(&b, 0, NULL, text, sizeof(text), 1);
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_marks, 1);
	assert_int_equal(r.marks[0].text_len, sizeof(text));
	assert_memory_equal(r.marks[0].text, text, sizeof(text));
	assert_string_equal(r.marks[0].tag, "");
	kc_region_free(&r);
	free(b.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32_vector),
		cmocka_unit_test(test_layout_matches_the_document),
		cmocka_unit_test(test_good_region),
		cmocka_unit_test(test_wrapped_ring_sorted_by_seq),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_headers_that_wrap),
		cmocka_unit_test(test_bad_records_reported_intact_ones_read),
		cmocka_unit_test(test_every_byte_flip_detected),
		cmocka_unit_test(test_snapshot_record),
		cmocka_unit_test(test_short_payloads_and_unknown_kinds),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_every_cause_named),
		cmocka_unit_test(test_marks_ring),
		cmocka_unit_test(test_marks_any_bytes),
	};

	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
