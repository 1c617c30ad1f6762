// SPDX-License-Identifier: GPL-2.0
/*
 * The region decoder, structure-aware: the input is read as field values
 * (layout, header fields, each slot's record, each mark), and a region is
 * built from them with valid header, record and mark CRCs, so the fuzzer
 * spends its time past the CRC checks, where the bounds are. A field can
 * lie: a mask in the input swaps any header field for a raw value, still
 * under a valid CRC, as a page planted in the crashed kernel's memory
 * would be. The region is then decoded and reported, and, when the input
 * asks, wrapped in an ELF core and read back by kc_read_vmcore() (address
 * given: read_sparse trusts the layout it reads there).
 */
#include <elf.h>
#include <stddef.h>

#include "fuzz.h"
#include "region_builder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct in {
	const uint8_t *p;
	size_t n;
};

/* @bytes of the input, little-endian; zeros once it runs out. */
static uint64_t take(struct in *in, size_t bytes)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < bytes && in->n; i++, in->p++, in->n--)
		v |= (uint64_t)in->p[0] << (8 * i);
	return v;
}

static void take_bytes(struct in *in, uint8_t *dst, size_t n)
{
	size_t k = n < in->n ? n : in->n;

	memcpy(dst, in->p, k);
	memset(dst + k, 0, n - k);
	in->p += k;
	in->n -= k;
}

/* Header fields an input may replace with raw values (bit i of the mask). */
enum { L_SIZE, L_SLOTS_OFF, L_SLOT_SIZE, L_NR_SLOTS, L_MARKS_OFF, L_NR_MARKS,
       L_MARK_SIZE, L_HDR_SIZE, L_VERSION, L_UNSEALED };

struct layout {
	uint64_t len, slots_off, marks_off;
	uint32_t slot_size, nr_slots, nr_marks;
};

static void put_header(struct in *in, uint8_t *b, const struct layout *l)
{
	unsigned int lie = (unsigned int)take(in, 2);

#define FIELD(bit, f, w, real) \
	rb_put##w(b + RB_HDR(f), lie & (1u << (bit)) ? take(in, (w) / 8) : (real))
	memcpy(b, KCRUMBS_REGION_MAGIC, 8);
	FIELD(L_VERSION, version, 32, KCRUMBS_FORMAT_VERSION);
	FIELD(L_HDR_SIZE, hdr_size, 32, sizeof(struct kcrumbs_region_hdr));
	FIELD(L_SIZE, region_size, 64, l->len);
	FIELD(L_SLOTS_OFF, slots_offset, 64, l->slots_off);
	FIELD(L_SLOT_SIZE, slot_size, 32, l->slot_size);
	FIELD(L_NR_SLOTS, nr_slots, 32, l->nr_slots);
	FIELD(L_MARKS_OFF, marks_offset, 64, l->marks_off);
	FIELD(L_MARK_SIZE, mark_size, 32, sizeof(struct kcrumbs_mark));
	FIELD(L_NR_MARKS, nr_marks, 32, l->nr_marks);
#undef FIELD
	take_bytes(in, b + RB_HDR(boot_id), 16);
	take_bytes(in, b + RB_HDR(release), KCRUMBS_RELEASE_LEN);
	rb_put64(b + RB_HDR(created_wall_ns), take(in, 8));
	rb_put32(b + RB_HDR(state), (uint32_t)take(in, 1));
	rb_put64(b + RB_HDR(next_seq), take(in, 2));
	rb_put64(b + RB_HDR(next_mark_seq), take(in, 2));
	if (!(lie & (1u << L_UNSEALED)))
		rb_put32(b + RB_HDR(hdr_crc), kc_crc32(b, RB_HDR(hdr_crc)));
}

/* An event's payload: message, then frames with their symbols. */
static uint32_t put_event(struct in *in, uint8_t *s, uint8_t *pl, uint32_t room)
{
	uint32_t off, n, i, nr = (uint32_t)take(in, 1) % 9;

	n = (uint32_t)take(in, 2) % 600;
	n = n < room ? n : room;
	take_bytes(in, pl, n);
	rb_put16(s + RB_REC(msg_len), (uint16_t)n);
	off = n;
	for (i = 0; i < nr && room - off >= sizeof(struct kcrumbs_frame); i++) {
		rb_put64(pl + off, take(in, 8));
		n = (uint32_t)take(in, 1);
		n = n < room - off - sizeof(struct kcrumbs_frame) ? n :
		    room - off - (uint32_t)sizeof(struct kcrumbs_frame);
		rb_put16(pl + off + 8, (uint16_t)n);
		take_bytes(in, pl + off + 16, n);
		off += (uint32_t)sizeof(struct kcrumbs_frame) + n;
	}
	rb_put16(s + RB_REC(nr_frames), (uint16_t)(i + take(in, 1) % 2));
	return off;
}

/* Kinds whose payload is taken as it comes, by sel % 8 (2 .. 7). */
static const uint16_t raw_kinds[6] = {
	KCRUMBS_REC_LOG_TAIL, KCRUMBS_REC_LOG_TAIL, KCRUMBS_REC_LOG_TAIL,
	KCRUMBS_REC_LOG_TAIL, KCRUMBS_REC_SNAPSHOT, KCRUMBS_REC_MCE,
};

/* One slot: empty, raw bytes, or a record sealed with a valid CRC. */
static void put_slot(struct in *in, uint8_t *s, const struct layout *l,
		     uint32_t idx)
{
	unsigned int sel = (unsigned int)take(in, 1);
	uint32_t room = l->slot_size - (uint32_t)sizeof(struct kcrumbs_record);
	uint8_t *pl = s + sizeof(struct kcrumbs_record);
	uint32_t payload;

	if (sel % 8 == 0)
		return;		/* never written */
	if (sel % 8 == 1) {
		take_bytes(in, s, (uint32_t)take(in, 2) % l->slot_size);
		return;
	}
	rb_put16(s + RB_REC(kind), sel & 0x40 ? (uint16_t)take(in, 2) :
		 !(sel & 8) ? KCRUMBS_REC_EVENT : raw_kinds[sel % 8 - 2]);
	rb_put16(s + RB_REC(cause), (uint16_t)take(in, 1));
	rb_put64(s + RB_REC(seq), sel & 0x20 ? take(in, 8) :
		 idx + (uint64_t)l->nr_slots * take(in, 1));
	rb_put64(s + RB_REC(related_seq), take(in, 1));
	take_bytes(in, s + RB_REC(cpu), RB_REC(hook) - RB_REC(cpu) + 12);
	if (sel & 8) {
		payload = (uint32_t)take(in, 2) % (room + 1);
		take_bytes(in, pl, payload);
	} else {
		payload = put_event(in, s, pl, room);
	}
	rb_put32(s + RB_REC(payload_len), payload);
	rb_seal(s);
	if (sel & 0x80)	/* a lying size or payload length, still sealed */
		rb_put32(s + (sel & 0x10 ? RB_REC(size) : RB_REC(payload_len)),
			 (uint32_t)take(in, 4));
	if (sel & 0x80 && sel & 0x04)
		rb_put32(s + RB_REC(crc), kc_crc32(s + RB_REC(size),
			 payload + sizeof(struct kcrumbs_record) - RB_REC(size)));
}

static void put_mark(struct in *in, uint8_t *m, uint32_t idx, uint32_t nr)
{
	unsigned int sel = (unsigned int)take(in, 1);
	uint16_t len;

	if (sel % 8 == 0)
		return;
	if (sel % 8 == 1) {
		take_bytes(in, m, (uint32_t)take(in, 1));
		return;
	}
	rb_put64(m + RB_MARK(seq), sel & 0x20 ? take(in, 8) :
		 idx + (uint64_t)nr * take(in, 1));
	take_bytes(in, m + RB_MARK(mono_ns), RB_MARK(text_len) - RB_MARK(mono_ns));
	len = sel & 0x40 ? (uint16_t)take(in, 2) :
	      (uint16_t)(take(in, 1) % (KCRUMBS_MARK_TEXT_MAX + 1));
	rb_put16(m + RB_MARK(text_len), len);
	rb_put16(m + RB_MARK(flags), (uint16_t)take(in, 1));
	take_bytes(in, m + RB_MARK(text), len < KCRUMBS_MARK_TEXT_MAX ? len :
		   KCRUMBS_MARK_TEXT_MAX);
	if (len <= KCRUMBS_MARK_TEXT_MAX)
		rb_put32(m + RB_MARK(crc), kc_crc32(m + RB_MARK(seq),
			 RB_MARK(text) - RB_MARK(seq) + len));
	rb_put32(m + RB_MARK(magic), KCRUMBS_MARK_MAGIC);
}

/* The region as the one PT_LOAD of an ELF core, read back by address. */
static void through_vmcore(const uint8_t *region, size_t len, uint64_t paddr)
{
	size_t off = 4096, total = off + len;
	uint8_t *core = calloc(1, total);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)core;
	Elf64_Phdr *ph = (Elf64_Phdr *)(core + sizeof(*eh));
	struct kc_region_bytes out;
	const char *why;
	char path[64];
	int fd;

	if (!core)
		return;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_CORE;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 1;
	ph->p_type = PT_LOAD;
	ph->p_offset = off;
	ph->p_paddr = paddr;
	ph->p_filesz = ph->p_memsz = len;
	memcpy(core + off, region, len);
	fd = fuzz_memfile(core, total, path, sizeof(path));
	free(core);
	if (fd < 0)
		return;
	if (!kc_read_vmcore(path, len, paddr, "address given", &out, &why)) {
		fuzz_region(&out);
		free(out.buf);
	}
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	unsigned int opts = (unsigned int)take(&in, 1);
	struct kc_region_bytes src = { NULL, 0, 0, "raw image" };
	struct layout l;
	uint32_t i;
	uint8_t *b;

	/* a real layout, small: up to 8 slots of up to 8 KiB, 8 marks */
	l.nr_slots = 1 + (uint32_t)take(&in, 1) % 8;
	l.slot_size = 512 * (1 + (uint32_t)take(&in, 1) % 16);
	l.slots_off = opts & 1 ? 4096 : (sizeof(struct kcrumbs_region_hdr) + 7) & ~7ul;
	l.nr_marks = (uint32_t)take(&in, 1) % 9;
	l.marks_off = l.slots_off + (uint64_t)l.nr_slots * l.slot_size;
	l.len = l.marks_off + (uint64_t)l.nr_marks * sizeof(struct kcrumbs_mark) +
		take(&in, 1) % 4 * 512;
	b = calloc(1, l.len);
	if (!b)
		return 0;
	put_header(&in, b, &l);
	for (i = 0; i < l.nr_slots; i++)
		put_slot(&in, b + l.slots_off + (uint64_t)i * l.slot_size, &l, i);
	for (i = 0; i < l.nr_marks; i++)
		put_mark(&in, b + l.marks_off + (uint64_t)i * sizeof(struct kcrumbs_mark),
			 i, l.nr_marks);
	src.buf = b;
	src.len = l.len;
	fuzz_region(&src);
	if (opts & 2)
		through_vmcore(b, l.len, 0x1000000 + 4096 * (uint64_t)(opts >> 2));
	free(b);
	return 0;
}
