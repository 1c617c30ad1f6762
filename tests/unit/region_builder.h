/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building breadcrumb regions byte by byte, as the module lays them out
 * (docs/record-format.md), so decoder tests can craft good and bad ones.
 */
#ifndef KC_TEST_REGION_BUILDER_H
#define KC_TEST_REGION_BUILDER_H

#include <stdint.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "crc32.h"
#include "uapi/kcrumbs.h"

#define RB_SLOTS_OFF 4096

#define RB_NR_MARKS 16

struct rb {
	uint8_t *buf;
	size_t len;
	uint32_t slot_size, nr_slots;
	uint64_t marks_off;
};

static inline void rb_put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static inline void rb_put32(uint8_t *p, uint32_t v)
{
	rb_put16(p, (uint16_t)v);
	rb_put16(p + 2, (uint16_t)(v >> 16));
}
static inline void rb_put64(uint8_t *p, uint64_t v)
{
	rb_put32(p, (uint32_t)v);
	rb_put32(p + 4, (uint32_t)(v >> 32));
}

#define RB_HDR(f) offsetof(struct kcrumbs_region_hdr, f)
#define RB_REC(f) offsetof(struct kcrumbs_record, f)

static inline void rb_seal_header(struct rb *r)
{
	rb_put32(r->buf + RB_HDR(hdr_crc), kc_crc32(r->buf, RB_HDR(hdr_crc)));
}

static inline void rb_init(struct rb *r, uint32_t nr_slots, uint32_t slot_size)
{
	r->nr_slots = nr_slots;
	r->slot_size = slot_size;
	r->marks_off = RB_SLOTS_OFF + (size_t)nr_slots * slot_size;
	r->len = r->marks_off + RB_NR_MARKS * sizeof(struct kcrumbs_mark);
	r->buf = calloc(1, r->len);
	memcpy(r->buf, KCRUMBS_REGION_MAGIC, 8);
	rb_put32(r->buf + RB_HDR(version), KCRUMBS_FORMAT_VERSION);
	rb_put32(r->buf + RB_HDR(hdr_size), sizeof(struct kcrumbs_region_hdr));
	rb_put64(r->buf + RB_HDR(region_size), r->len);
	rb_put64(r->buf + RB_HDR(slots_offset), RB_SLOTS_OFF);
	rb_put32(r->buf + RB_HDR(slot_size), slot_size);
	rb_put32(r->buf + RB_HDR(nr_slots), nr_slots);
	memset(r->buf + RB_HDR(boot_id), 0xab, 16);
	strcpy((char *)r->buf + RB_HDR(release), "6.1.0-56-amd64");
	rb_put64(r->buf + RB_HDR(created_wall_ns), 1795000000000000000ull);
	rb_put64(r->buf + RB_HDR(marks_offset), r->marks_off);
	rb_put32(r->buf + RB_HDR(mark_size), sizeof(struct kcrumbs_mark));
	rb_put32(r->buf + RB_HDR(nr_marks), RB_NR_MARKS);
	rb_seal_header(r);
	rb_put32(r->buf + RB_HDR(state), KCRUMBS_STATE_CRASHED);
}

#define RB_MARK(f) offsetof(struct kcrumbs_mark, f)

static inline uint8_t *rb_mark_entry(struct rb *r, uint64_t seq)
{
	return r->buf + r->marks_off + (seq % RB_NR_MARKS) * sizeof(struct kcrumbs_mark);
}

/* A sealed mark @seq, made at @boot_ns, of @len bytes of @text. */
static inline uint8_t *rb_mark(struct rb *r, uint64_t seq, const char *tag,
			       const void *text, uint16_t len, uint64_t boot_ns)
{
	uint8_t *m = rb_mark_entry(r, seq);

	memset(m, 0, sizeof(struct kcrumbs_mark));
	rb_put64(m + RB_MARK(seq), seq);
	rb_put64(m + RB_MARK(boot_ns), boot_ns);
	rb_put64(m + RB_MARK(wall_ns), 1795000000000000000ull + boot_ns);
	rb_put32(m + RB_MARK(cpu), 0);
	rb_put32(m + RB_MARK(pid), 77);
	strcpy((char *)m + RB_MARK(comm), "deploy.sh");
	if (tag)
		strncpy((char *)m + RB_MARK(tag), tag, KCRUMBS_MARK_TAG_LEN - 1);
	rb_put16(m + RB_MARK(text_len), len);
	memcpy(m + RB_MARK(text), text, len);
	rb_put32(m + RB_MARK(crc), kc_crc32(m + RB_MARK(seq),
					    RB_MARK(text) - RB_MARK(seq) + len));
	rb_put32(m + RB_MARK(magic), KCRUMBS_MARK_MAGIC);
	uint64_t next;
	memcpy(&next, r->buf + RB_HDR(next_mark_seq), 8);
	if (seq + 1 > next)
		rb_put64(r->buf + RB_HDR(next_mark_seq), seq + 1);
	return m;
}

static inline uint8_t *rb_slot(struct rb *r, uint64_t seq)
{
	return r->buf + RB_SLOTS_OFF + (seq % r->nr_slots) * r->slot_size;
}

/* Seal a record whose payload_len is set: size, CRC, magic. */
static inline void rb_seal(uint8_t *s)
{
	uint32_t payload;

	memcpy(&payload, s + RB_REC(payload_len), 4);
	rb_put32(s + RB_REC(size), (uint32_t)(sizeof(struct kcrumbs_record) -
				   RB_REC(size)) + payload);
	rb_put32(s + RB_REC(crc), kc_crc32(s + RB_REC(size),
					   sizeof(struct kcrumbs_record) -
					   RB_REC(size) + payload));
	rb_put32(s + RB_REC(magic), KCRUMBS_RECORD_MAGIC);
}

static inline uint8_t *rb_common(struct rb *r, uint64_t seq, uint16_t kind)
{
	uint8_t *s = rb_slot(r, seq);

	memset(s, 0, r->slot_size);
	rb_put16(s + RB_REC(kind), kind);
	rb_put64(s + RB_REC(seq), seq);
	rb_put32(s + RB_REC(cpu), 1);
	rb_put32(s + RB_REC(pid), 42);
	strcpy((char *)s + RB_REC(comm), "kcrumbs-crash");
	rb_put64(s + RB_REC(boot_ns), 5500000000ull);
	rb_put64(s + RB_REC(wall_ns), 1795000001000000000ull);
	rb_put32(s + RB_REC(hook), KCRUMBS_HOOK_CRASH_KEXEC);
	return s;
}

/* An event with @msg and the symbols in @syms (NULL-terminated). */
static inline void rb_event(struct rb *r, uint64_t seq, uint16_t cause,
			    const char *msg, const char *const *syms)
{
	uint8_t *s = rb_common(r, seq, KCRUMBS_REC_EVENT), *p;
	size_t off = strlen(msg);
	uint16_t n = 0;

	rb_put16(s + RB_REC(cause), cause);
	p = s + sizeof(struct kcrumbs_record);
	memcpy(p, msg, off);
	rb_put16(s + RB_REC(msg_len), (uint16_t)off);
	for (; syms && syms[n]; n++) {
		uint16_t len = (uint16_t)strlen(syms[n]);

		rb_put64(p + off, 0xffffffff81000000ull + n);
		rb_put16(p + off + 8, len);
		memset(p + off + 10, 0, 6);
		memcpy(p + off + 16, syms[n], len);
		off += 16 + len;
	}
	rb_put16(s + RB_REC(nr_frames), n);
	rb_put32(s + RB_REC(payload_len), (uint32_t)off);
	rb_seal(s);
}

static inline void rb_log_tail(struct rb *r, uint64_t seq, uint64_t event,
			       const char *text)
{
	uint8_t *s = rb_common(r, seq, KCRUMBS_REC_LOG_TAIL);

	rb_put64(s + RB_REC(related_seq), event);
	memcpy(s + sizeof(struct kcrumbs_record), text, strlen(text));
	rb_put32(s + RB_REC(payload_len), (uint32_t)strlen(text));
	rb_seal(s);
}

/* A record of @kind with @len bytes of @payload, for @related. */
static inline uint8_t *rb_record(struct rb *r, uint64_t seq, uint16_t kind,
				 uint64_t related, const void *payload, uint32_t len)
{
	uint8_t *s = rb_common(r, seq, kind);

	rb_put64(s + RB_REC(related_seq), related);
	memcpy(s + sizeof(struct kcrumbs_record), payload, len);
	rb_put32(s + RB_REC(payload_len), len);
	rb_seal(s);
	return s;
}

#define RB_SNAP(f) offsetof(struct kcrumbs_snapshot, f)

/*
 * A snapshot of event @event: web-17, up 2 days 03:04:05, load 0.52 0.31
 * 0.12, 312 tasks, 4 of 8 CPUs, 2 GiB with 120 MiB free, 800 MiB page
 * cache, 90 MiB slab, 1 GiB of swap 256 MiB used, tainted P W O, 3 WARNs
 * and 1 oops. @len: its payload's bytes (less than the struct: cut short).
 */
static inline void rb_snapshot_bytes(uint8_t *p)
{
	static const uint32_t trail[__KCRUMBS_TRAIL_MAX] = { 3, 1 };
	unsigned int i;

	memset(p, 0, sizeof(struct kcrumbs_snapshot));
	rb_put64(p + RB_SNAP(taint), 0x1201);
	rb_put64(p + RB_SNAP(uptime_ns), (2ull * 86400 + 3 * 3600 + 4 * 60 + 5) *
		 1000000000ull + 999999999);
	rb_put64(p + RB_SNAP(load), 1055);		/* 0.515 + 0.005: 0.52 */
	rb_put64(p + RB_SNAP(load) + 8, 635);		/* 0.31 */
	rb_put64(p + RB_SNAP(load) + 16, 246);		/* 0.12 */
	rb_put64(p + RB_SNAP(mem_total), 2ull << 30);
	rb_put64(p + RB_SNAP(mem_free), 120ull << 20);
	rb_put64(p + RB_SNAP(page_cache), 800ull << 20);
	rb_put64(p + RB_SNAP(slab), 90ull << 20);
	rb_put64(p + RB_SNAP(swap_total), 1ull << 30);
	rb_put64(p + RB_SNAP(swap_free), 768ull << 20);
	rb_put32(p + RB_SNAP(tasks), 312);
	rb_put32(p + RB_SNAP(cpus_online), 4);
	rb_put32(p + RB_SNAP(cpus_possible), 8);
	rb_put32(p + RB_SNAP(known), KCRUMBS_SNAP_TASKS | KCRUMBS_SNAP_SWAP |
		 KCRUMBS_SNAP_SWAP_TOTAL);
	for (i = 0; i < __KCRUMBS_TRAIL_MAX; i++)
		rb_put32(p + RB_SNAP(trail) + 4 * i, trail[i]);
	strcpy((char *)p + RB_SNAP(nodename), "web-17");
	strcpy((char *)p + RB_SNAP(version),
	       "#1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)");
}

static inline uint8_t *rb_snapshot(struct rb *r, uint64_t seq, uint64_t event,
				   uint32_t len)
{
	uint8_t p[sizeof(struct kcrumbs_snapshot) + 16] = { 0 };

	rb_snapshot_bytes(p);
	return rb_record(r, seq, KCRUMBS_REC_SNAPSHOT, event, p,
			 len < sizeof(p) ? len : sizeof(p));
}

#define RB_MCE(f) offsetof(struct kcrumbs_mce, f)

/*
 * A machine check: CPU 2 bank 4, @status, ADDR and MISC set, MCG_STATUS
 * 0x5 (restart IP valid, in machine check), severity @severity. @len as
 * for rb_snapshot().
 */
static inline uint8_t *rb_mce(struct rb *r, uint64_t seq, uint64_t status,
			      uint8_t severity, uint32_t len)
{
	uint8_t p[sizeof(struct kcrumbs_mce)] = { 0 };
	uint8_t *s;

	rb_put64(p + RB_MCE(status), status);
	rb_put64(p + RB_MCE(addr), 0x12345000);
	rb_put64(p + RB_MCE(misc), 0x86);
	rb_put64(p + RB_MCE(mcgstatus), 0x5);
	rb_put64(p + RB_MCE(ip), 0xffffffff81234567ull);
	rb_put64(p + RB_MCE(tsc), 123456789);
	rb_put64(p + RB_MCE(time), 1795000001);
	rb_put32(p + RB_MCE(bank), 4);
	rb_put32(p + RB_MCE(cpu), 2);
	rb_put32(p + RB_MCE(socketid), 1);
	rb_put32(p + RB_MCE(apicid), 6);
	p[RB_MCE(severity)] = severity;
	p[RB_MCE(cs)] = 0x10;
	s = rb_record(r, seq, KCRUMBS_REC_MCE, 0, p, len < sizeof(p) ? len : sizeof(p));
	rb_put16(s + RB_REC(cause), KCRUMBS_CAUSE_MCE);
	rb_put32(s + RB_REC(hook), KCRUMBS_HOOK_TRACEPOINT);
	rb_seal(s);
	return s;
}

/* An ELF64 core: a PT_NOTE and one PT_LOAD of @payload at @paddr. */
static inline size_t rb_make_core(uint8_t **out, uint64_t paddr, const uint8_t *payload,
			size_t len)
{
	size_t total = 8192 + len;
	uint8_t *b = calloc(1, total);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
	Elf64_Phdr *ph = (Elf64_Phdr *)(b + sizeof(*eh));

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_type = ET_CORE;
	eh->e_phoff = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 2;
	ph[0].p_type = PT_NOTE;
	ph[0].p_offset = 4096;
	ph[0].p_filesz = 16;
	ph[1].p_type = PT_LOAD;
	ph[1].p_paddr = paddr;
	ph[1].p_offset = 8192;
	ph[1].p_filesz = len;
	memcpy(b + 8192, payload, len);
	*out = b;
	return total;
}

#endif
