// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the region that outlives the crash.
 *
 * Dynamic mode: pages allocated at load. They stay in the crashed kernel's
 * memory, so the capture kernel finds them in /proc/vmcore at the physical
 * address published in /sys/kernel/kcrumbs/region (pass it on the capture
 * kernel's command line as kcrumbs.region=SIZE@ADDR).
 *
 * Reserved mode (mem_address and mem_size, over memory the kernel does not
 * hand out, such as memmap=1M$0x30000000; or, from 6.11, a region the
 * kernel set aside at boot for reserve_mem=SIZE:ALIGN:NAME, found by the
 * name in mem_name): the region also survives a warm reboot. At load,
 * what the previous boot left there is validated and, if it is a region,
 * copied aside and exposed read-only as /sys/kernel/kcrumbs/previous
 * before anything new is written.
 *
 * After the record slots comes the mark ring: annotations from userspace
 * (netlink) and other modules (kcrumbs_mark()), the oldest overwritten.
 *
 * Writing is lock-free: a record or a mark reserves its entry with one
 * atomic increment, invalidates the slot's magic, fills it, and publishes the
 * magic last, after the CRC. Readers trust nothing they cannot check.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/crash_dump.h>
#include <linux/crc32.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kobject.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>
#include <asm/cacheflush.h>

#include "compat.h"
#include "region.h"

static unsigned int nr_slots = 8;
module_param(nr_slots, uint, 0444);
MODULE_PARM_DESC(nr_slots, "Record slots in the region (default 8, 2 to 256)");

static unsigned int slot_kib = 16;
module_param(slot_kib, uint, 0444);
MODULE_PARM_DESC(slot_kib, "KiB per record slot: bounds the log tail (default 16, 4 to 64)");

static unsigned int nr_marks = 128;
module_param(nr_marks, uint, 0444);
MODULE_PARM_DESC(nr_marks, "Entries in the mark ring, 256 bytes each (default 128, 16 to 4096)");

static unsigned long mem_address;
module_param(mem_address, ulong, 0444);
MODULE_PARM_DESC(mem_address, "Physical address of reserved memory for the region (reserved mode)");

static unsigned long mem_size;
module_param(mem_size, ulong, 0444);
MODULE_PARM_DESC(mem_size, "Bytes of reserved memory at mem_address; 0: reserve_mem or dynamic mode (default)");

static char *mem_name = "kcrumbs";
module_param(mem_name, charp, 0444);
MODULE_PARM_DESC(mem_name, "Without mem_size: the reserve_mem=SIZE:ALIGN:NAME region to use, if the kernel (6.11+) has one (default kcrumbs; empty: none)");

static unsigned int mem_type;
module_param(mem_type, uint, 0444);
MODULE_PARM_DESC(mem_type, "Mapping of reserved memory: 0 write-back (default), 1 write-through, 2 write-combining");

/*
 * kcrumbs.region=SIZE@ADDR is on a capture kernel's command line for the
 * CLI (kcrumbs kdump-args): the kernel hands it to the module too. Declared
 * so that it is taken without an "unknown parameter" warning; never used.
 */
static char *region;
module_param(region, charp, 0444);
MODULE_PARM_DESC(region, "Read by the kcrumbs CLI in a capture kernel; ignored by the module");

#define KCRUMBS_SLOTS_OFFSET	4096
#define KCRUMBS_MAX_SLOTS	256
#define HDR_CRC_LEN		offsetof(struct kcrumbs_region_hdr, hdr_crc)
/* the part of the header that never changes during a boot */
#define HDR_FIXED_LEN		offsetof(struct kcrumbs_region_hdr, state)

/*
 * The layout, in the module's own memory, read-only once loaded: the write
 * path computes every address from these, never from the region, whose
 * header a stray write may have changed.
 */
struct kcrumbs_layout {
	u8 *base;		/* the mapping */
	size_t size;		/* bytes of the region */
	size_t map_size;	/* bytes mapped: reserved memory may be larger */
	phys_addr_t phys;
	bool reserved;
	bool claimed;		/* request_mem_region() took it */
	u32 nr_slots;
	u32 slot_size;
	size_t marks_off;
	u32 nr_marks;
};

static struct kcrumbs_layout lay __ro_after_init;
/* the header as set up: written back over the region's before a record */
static struct kcrumbs_region_hdr pristine __ro_after_init;

static void *previous;		/* the previous boot's region, as found */
static size_t previous_size;
static atomic64_t next_seq = ATOMIC64_INIT(0);
static atomic64_t next_mark_seq = ATOMIC64_INIT(0);
static atomic64_t dropped = ATOMIC64_INIT(0);
/* who writes each slot now: one writer at a time, never two */
static atomic_t slot_busy[KCRUMBS_MAX_SLOTS];
static struct kobject *kcrumbs_kobj;

static struct kcrumbs_region_hdr *hdr(void)
{
	return (struct kcrumbs_region_hdr *)lay.base;
}

static u32 kcrumbs_crc(const void *p, size_t len)
{
	return crc32_le(~0U, p, len) ^ ~0U;
}

static u32 slot_index(u64 seq)
{
	return do_div(seq, lay.nr_slots);
}

static struct kcrumbs_record *slot(u32 idx)
{
	return (struct kcrumbs_record *)(lay.base + KCRUMBS_SLOTS_OFFSET +
					 (size_t)idx * lay.slot_size);
}

/*
 * Put back the header's fixed part from the module's copy, and the mark
 * count from the module's counter: the capture kernel or the next boot
 * then finds the region whatever was scribbled over it. (The record count
 * and the state are written by the caller.) Concurrent writers write the
 * same bytes.
 */
static void heal_header(void)
{
	if (memcmp(lay.base, &pristine, HDR_FIXED_LEN))
		memcpy(lay.base, &pristine, HDR_FIXED_LEN);
	WRITE_ONCE(hdr()->next_mark_seq,
		   cpu_to_le64(atomic64_read(&next_mark_seq)));
}

/**
 * kcrumbs_region_reserve() - take a slot for a record
 * @seq: set to the record's sequence number
 * @cap: set to the bytes the record may use, header included
 * @keep: a record (its sequence number + 1; 0: none) whose slot must not
 *	be taken: a log tail never overwrites the event it belongs to
 *
 * Safe in any context: atomic operations only, no lock, no wait. The slot
 * is owned by this writer until kcrumbs_region_commit(): a second writer
 * whose sequence number falls on a slot being written takes the next one,
 * so a slot never holds two writers' bytes. Slot 0 keeps the boot's first
 * record (its first event, the root cause) and is not reused when the ring
 * wraps. The slot's magic is cleared first, so a reader never trusts a
 * half-written record.
 *
 * Return: the record to fill, or NULL when there is no region or every
 * slot is being written (counted as dropped).
 */
struct kcrumbs_record *kcrumbs_region_reserve(u64 *seq, size_t *cap, u64 keep)
{
	u32 idx, keep_idx = keep ? slot_index(keep - 1) : 0;
	struct kcrumbs_record *rec;
	unsigned int tries;

	if (!lay.base)
		return NULL;
	for (tries = 0; tries < 2 * lay.nr_slots; tries++) {
		*seq = atomic64_inc_return(&next_seq) - 1;
		idx = slot_index(*seq);
		if (*seq && !idx)
			continue;	/* slot 0 is the first record's */
		if (keep && idx == keep_idx)
			continue;
		if (atomic_cmpxchg(&slot_busy[idx], 0, 1))
			continue;	/* another writer is in it */
		heal_header();
		rec = slot(idx);
		WRITE_ONCE(rec->magic, 0);
		/* the cleared magic is visible before any new byte of the record */
		smp_wmb();
		*cap = lay.slot_size;
		WRITE_ONCE(hdr()->next_seq, cpu_to_le64(*seq + 1));
		return rec;
	}
	atomic64_inc(&dropped);
	return NULL;
}

/**
 * kcrumbs_region_commit() - seal a filled record (CRC, then magic) and
 * give its slot up
 * @rec: from kcrumbs_region_reserve(), with every field but magic and crc
 * @size: the record's size field, as its writer set it (not read back)
 */
void kcrumbs_region_commit(struct kcrumbs_record *rec, u32 size)
{
	u32 idx = ((u8 *)rec - lay.base - KCRUMBS_SLOTS_OFFSET) / lay.slot_size;

	size = min_t(u32, size, lay.slot_size - offsetof(struct kcrumbs_record, size));
	rec->crc = cpu_to_le32(kcrumbs_crc(&rec->size, size));
	/* every byte of the record is visible before its magic */
	smp_wmb();
	WRITE_ONCE(rec->magic, cpu_to_le32(KCRUMBS_RECORD_MAGIC));
	atomic_set_release(&slot_busy[idx], 0);
}

/**
 * kcrumbs_region_mark_reserve() - take the next entry of the mark ring
 * @seq: the mark's sequence number
 *
 * Safe in any context, NMI included: one atomic operation, no lock. The
 * oldest mark is overwritten once the ring is full.
 *
 * Return: the entry to fill, its magic cleared, or NULL with no region.
 */
struct kcrumbs_mark *kcrumbs_region_mark_reserve(u64 *seq)
{
	struct kcrumbs_mark *m;
	u64 idx;

	if (!lay.base)
		return NULL;
	*seq = atomic64_inc_return(&next_mark_seq) - 1;
	idx = *seq;
	m = (struct kcrumbs_mark *)(lay.base + lay.marks_off) +
	    do_div(idx, lay.nr_marks);
	WRITE_ONCE(m->magic, 0);
	/* the cleared magic is visible before any new byte of the mark */
	smp_wmb();
	WRITE_ONCE(hdr()->next_mark_seq, cpu_to_le64(*seq + 1));
	return m;
}

/**
 * kcrumbs_region_mark_commit() - seal a filled mark: CRC, then magic
 * @m: from kcrumbs_region_mark_reserve(), every field but magic and crc set
 * @text_len: the bytes of text its writer put in (not read back)
 */
void kcrumbs_region_mark_commit(struct kcrumbs_mark *m, size_t text_len)
{
	size_t len = KCRUMBS_MARK_HDR_LEN - offsetof(struct kcrumbs_mark, seq) +
		     min_t(size_t, text_len, KCRUMBS_MARK_TEXT_MAX);

	m->crc = cpu_to_le32(kcrumbs_crc(&m->seq, len));
	/* every byte of the mark is visible before its magic */
	smp_wmb();
	WRITE_ONCE(m->magic, cpu_to_le32(KCRUMBS_MARK_MAGIC));
}

/**
 * kcrumbs_region_info() - where the region is and how full
 * @info: filled; zeroed when there is no region
 */
void kcrumbs_region_info(struct kcrumbs_region_info *info)
{
	memset(info, 0, sizeof(*info));
	if (!lay.base)
		return;
	info->reserved = lay.reserved;
	info->size = lay.size;
	info->phys = lay.phys;
	info->nr_slots = lay.nr_slots;
	info->slot_size = lay.slot_size;
	info->records = atomic64_read(&next_seq);
	info->nr_marks = lay.nr_marks;
	info->marks = atomic64_read(&next_mark_seq);
	info->dropped = atomic64_read(&dropped);
	info->has_previous = !!previous;
}

/**
 * kcrumbs_region_record() - a committed record of this boot, if intact
 * @seq: its sequence number
 * @buf: where to copy it, at least kcrumbs_region_slot_size() bytes
 *
 * Process context only. The record is copied out and checked there (magic,
 * sequence number, size and CRC), so a writer that reuses the slot
 * meanwhile cannot change what the caller reads.
 *
 * Return: @buf as a record, or NULL when the slot holds another record, or
 * one being written, or a bad one.
 */
const struct kcrumbs_record *kcrumbs_region_record(u64 seq, void *buf)
{
	struct kcrumbs_record *rec = buf;
	u32 size;

	if (!lay.base || seq >= (u64)atomic64_read(&next_seq))
		return NULL;
	memcpy(buf, slot(slot_index(seq)), lay.slot_size);
	size = le32_to_cpu(rec->size);
	if (le32_to_cpu(rec->magic) != KCRUMBS_RECORD_MAGIC ||
	    le64_to_cpu(rec->seq) != seq ||
	    size < sizeof(*rec) - offsetof(struct kcrumbs_record, size) ||
	    size > lay.slot_size - offsetof(struct kcrumbs_record, size) ||
	    le32_to_cpu(rec->crc) != kcrumbs_crc(&rec->size, size))
		return NULL;
	return rec;
}

/**
 * kcrumbs_region_slot_size() - bytes of one slot
 *
 * Return: the slot size, 0 with no region.
 */
size_t kcrumbs_region_slot_size(void)
{
	return lay.slot_size;
}

/**
 * kcrumbs_region_set_state() - say how this boot is ending
 * @state: enum kcrumbs_state; CRASHED is never overwritten by CLEAN
 *
 * A crash puts the header back first, and in reserved memory mapped
 * write-back flushes the region out of the CPU caches, for a platform whose
 * warm reset loses them.
 */
void kcrumbs_region_set_state(enum kcrumbs_state state)
{
	if (!lay.base)
		return;
	heal_header();
	if (state == KCRUMBS_STATE_CLEAN &&
	    le32_to_cpu(READ_ONCE(hdr()->state)) == KCRUMBS_STATE_CRASHED)
		return;
	WRITE_ONCE(hdr()->state, cpu_to_le32(state));
	if (state == KCRUMBS_STATE_CRASHED && lay.reserved && mem_type == 0)
		clflush_cache_range(lay.base, lay.size);
}

/*
 * Is there a region from the previous boot at @old, in @size bytes of
 * reserved memory? Checked before it is believed: magic, version, header
 * CRC, and that its own size is at least a header and fits. Its layout may
 * differ from this boot's (another slot_kib or nr_marks): the reader
 * decodes it by its own header and checks every record again.
 */
static bool previous_valid(const struct kcrumbs_region_hdr *old, size_t size)
{
	u64 old_size = le64_to_cpu(old->region_size);

	return !memcmp(old->magic, KCRUMBS_REGION_MAGIC, sizeof(old->magic)) &&
	       le32_to_cpu(old->version) == KCRUMBS_FORMAT_VERSION &&
	       le32_to_cpu(old->hdr_crc) == kcrumbs_crc(old, HDR_CRC_LEN) &&
	       old_size >= sizeof(*old) && old_size <= size;
}

/* Copy the previous boot's region aside, before this boot writes. */
static void save_previous(const void *base, size_t map_size)
{
	const struct kcrumbs_region_hdr *old = base;
	size_t size;

	if (!previous_valid(old, map_size))
		return;
	size = le64_to_cpu(old->region_size);
	previous = vmalloc(size);
	if (!previous) {
		pr_warn("no memory to keep the previous boot's records\n");
		return;
	}
	memcpy(previous, base, size);
	previous_size = size;
	if (le32_to_cpu(old->nr_slots) != nr_slots ||
	    le32_to_cpu(old->slot_size) != slot_kib * 1024 ||
	    le32_to_cpu(old->nr_marks) != nr_marks)
		pr_info("previous boot's region kept as it was: %u slots of %u KiB and %u marks (now %u, %u KiB, %u)\n",
			le32_to_cpu(old->nr_slots), le32_to_cpu(old->slot_size) / 1024,
			le32_to_cpu(old->nr_marks), nr_slots, slot_kib, nr_marks);
}

/* Bytes of the region before the mark ring, and in all. */
static size_t marks_offset(void)
{
	return KCRUMBS_SLOTS_OFFSET + (size_t)nr_slots * slot_kib * 1024;
}

static size_t layout_size(void)
{
	return marks_offset() + (size_t)nr_marks * KCRUMBS_MARK_SIZE;
}

static const struct {
	unsigned long flags;
	const char *name;
} mem_types[] = {
	{ MEMREMAP_WB, "write-back" },
	{ MEMREMAP_WT, "write-through" },
	{ MEMREMAP_WC, "write-combining" },
};

/*
 * Reserved memory must be memory the kernel does not use: no byte of
 * System RAM (a memmap= that fell off the command line leaves a
 * modprobe.d option pointing at live pages) and no resource someone else
 * claimed. Says why in one line when it is not.
 */
static int check_reserved(phys_addr_t addr, size_t size)
{
	if (!size || addr + size < addr) {
		pr_err("refused: mem_address %pa + mem_size %zu wraps\n", &addr, size);
		return -EINVAL;
	}
	if (region_intersects(addr, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("refused: %zu bytes at %pa overlap System RAM (is memmap= or reserve_mem= still on the kernel command line?)\n",
		       size, &addr);
		return -EBUSY;
	}
	return 0;
}

/*
 * In a capture kernel, the crashed kernel's reserved region is read and
 * left exactly as found: it is the record being captured. This kernel
 * records into pages of its own.
 */
static void keep_crashed_kernels(phys_addr_t addr, size_t size)
{
	void *old = memremap(addr, size, MEMREMAP_WB);

	if (!old) {
		pr_warn("capture kernel: cannot map the crashed kernel's region at %pa\n",
			&addr);
		return;
	}
	save_previous(old, size);
	memunmap(old);
	pr_info("capture kernel: the region at %pa is left as found%s\n", &addr,
		previous ? " (read-only in /sys/kernel/kcrumbs/previous)" : "");
}

/*
 * Claim memory given as mem_address/mem_size: checked, then taken with
 * request_mem_region() so that no other driver maps it too.
 */
static int claim_reserved(phys_addr_t addr, size_t size)
{
	int err = check_reserved(addr, size);

	if (err)
		return err;
	if (!request_mem_region(addr, size, "kcrumbs")) {
		pr_err("refused: %zu bytes at %pa are claimed by another driver (see /proc/iomem)\n",
		       size, &addr);
		return -EBUSY;
	}
	lay.claimed = true;
	return 0;
}

/*
 * @from_kernel: a reserve_mem= region, which the kernel set aside for us
 * out of System RAM (so neither checked against it nor claimed; and only
 * write-back, as memremap() maps RAM no other way).
 */
static int map_reserved(phys_addr_t addr, size_t size, bool from_kernel)
{
	size_t fixed = KCRUMBS_SLOTS_OFFSET + (size_t)nr_marks * KCRUMBS_MARK_SIZE;
	int err;

	if (mem_type >= ARRAY_SIZE(mem_types) || (from_kernel && mem_type)) {
		pr_err("refused: mem_type must be 0 (write-back), 1 (write-through) or 2 (write-combining); a reserve_mem= region takes 0 only\n");
		return -EINVAL;
	}
	if (size < fixed + 2 * 4096) {
		pr_err("refused: reserved memory must be at least %zu bytes with %u marks\n",
		       fixed + 2 * 4096, nr_marks);
		return -EINVAL;
	}
	nr_slots = min_t(size_t, (size - fixed) / (slot_kib * 1024), KCRUMBS_MAX_SLOTS);
	if (nr_slots < 2) {
		pr_err("refused: reserved memory holds fewer than 2 slots of %u KiB\n", slot_kib);
		return -EINVAL;
	}
	if (!from_kernel) {
		err = claim_reserved(addr, size);
		if (err)
			return err;
	}
	lay.base = memremap(addr, size, mem_types[mem_type].flags);
	if (!lay.base) {
		if (lay.claimed)
			release_mem_region(addr, size);
		lay.claimed = false;
		pr_err("refused: cannot map %zu bytes at %pa %s\n", size, &addr,
		       mem_types[mem_type].name);
		return -ENOMEM;
	}
	lay.map_size = size;
	lay.size = layout_size();
	lay.reserved = true;
	lay.phys = addr;
	save_previous(lay.base, size);
	return 0;
}

static int alloc_dynamic(void)
{
	size_t size = layout_size();
	size_t max = PAGE_SIZE << KCRUMBS_MAX_ALLOC_ORDER;

	if (size > max) {
		pr_err("refused: a dynamic region of %zu bytes is more than the %zu the page allocator gives in one piece: lower nr_slots or slot_kib, or use reserved memory\n",
		       size, max);
		return -EINVAL;
	}
	lay.base = alloc_pages_exact(size, GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
	if (!lay.base) {
		pr_err("refused: no %zu contiguous bytes free for the region\n", size);
		return -ENOMEM;
	}
	lay.size = size;
	lay.map_size = size;
	lay.phys = virt_to_phys(lay.base);
	return 0;
}

/*
 * Where the region goes: mem_address/mem_size when given; else the
 * reserve_mem= region named mem_name when the kernel has one; else pages
 * allocated now. In a capture kernel, reserved memory is only read.
 */
static int region_setup(void)
{
	phys_addr_t start = mem_address, size = mem_size;
	bool from_kernel = false;

	if (!size && mem_name && *mem_name &&
	    kcrumbs_reserve_mem_find(mem_name, &start, &size)) {
		pr_info("using reserve_mem region '%s': %pa bytes at %pa\n",
			mem_name, &size, &start);
		from_kernel = true;
	}
	if (size && is_kdump_kernel()) {
		keep_crashed_kernels(start, size);
		return alloc_dynamic();
	}
	if (size)
		return map_reserved(start, size, from_kernel);
	return alloc_dynamic();
}

static void region_release(void)
{
	/* leave no magic: for a dump scan, or for the next boot to trust */
	memset(lay.base, 0, lay.size);
	if (lay.reserved) {
		memunmap(lay.base);
		if (lay.claimed)
			release_mem_region(lay.phys, lay.map_size);
	} else {
		free_pages_exact(lay.base, lay.size);
	}
	vfree(previous);
	previous = NULL;
}

static void init_header(void)
{
	struct kcrumbs_region_hdr *h = &pristine;

	lay.nr_slots = nr_slots;
	lay.slot_size = slot_kib * 1024;
	lay.marks_off = marks_offset();
	lay.nr_marks = nr_marks;

	memset(h, 0, sizeof(*h));
	memcpy(h->magic, KCRUMBS_REGION_MAGIC, sizeof(h->magic));
	h->version = cpu_to_le32(KCRUMBS_FORMAT_VERSION);
	h->hdr_size = cpu_to_le32(sizeof(*h));
	h->region_size = cpu_to_le64(lay.size);
	h->slots_offset = cpu_to_le64(KCRUMBS_SLOTS_OFFSET);
	h->slot_size = cpu_to_le32(lay.slot_size);
	h->nr_slots = cpu_to_le32(lay.nr_slots);
	get_random_bytes(h->boot_id, sizeof(h->boot_id));
	strscpy(h->release, utsname()->release, sizeof(h->release));
	h->created_wall_ns = cpu_to_le64(ktime_get_real_ns());
	h->marks_offset = cpu_to_le64(lay.marks_off);
	h->mark_size = cpu_to_le32(KCRUMBS_MARK_SIZE);
	h->nr_marks = cpu_to_le32(lay.nr_marks);
	h->hdr_crc = cpu_to_le32(kcrumbs_crc(h, HDR_CRC_LEN));
	h->state = cpu_to_le32(KCRUMBS_STATE_RUNNING);

	memset(lay.base, 0, lay.size);
	memcpy(lay.base, h, sizeof(*h));
}

static ssize_t region_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%zu@0x%llx\n", lay.size,
			  (unsigned long long)lay.phys);
}

static ssize_t mode_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", lay.reserved ? "reserved" : "dynamic");
}

static ssize_t previous_read(struct file *f, struct kobject *kobj,
			     KCRUMBS_BIN_ATTR_CONST struct bin_attribute *attr,
			     char *buf, loff_t off, size_t count)
{
	return memory_read_from_buffer(buf, count, &off, previous, previous_size);
}

static ssize_t live_read(struct file *f, struct kobject *kobj,
			 KCRUMBS_BIN_ATTR_CONST struct bin_attribute *attr,
			 char *buf, loff_t off, size_t count)
{
	return memory_read_from_buffer(buf, count, &off, lay.base, lay.size);
}

/*
 * Root only, read only: this boot's region as it is now (kcrumbs read
 * --region /sys/kernel/kcrumbs/live). Read while CPUs write: a record
 * being written reads as torn or with a bad CRC, never as whole.
 */
static struct bin_attribute live_attr = __BIN_ATTR(live, 0400, live_read, NULL, 0);

/* Root only, read only: the previous boot's region as it was found. */
static struct bin_attribute previous_attr = __BIN_ATTR(previous, 0400,
							previous_read, NULL, 0);

/* Root only: a physical address is not for every user. */
static struct kobj_attribute region_attr = __ATTR(region, 0400, region_show, NULL);
static struct kobj_attribute mode_attr = __ATTR(mode, 0444, mode_show, NULL);

static struct attribute *kcrumbs_attrs[] = {
	&region_attr.attr,
	&mode_attr.attr,
	NULL,
};

static const struct attribute_group kcrumbs_group = {
	.attrs = kcrumbs_attrs,
};

/**
 * kcrumbs_region_init() - set the region up and publish where it is; in
 * reserved mode, keep what the previous boot left there first
 *
 * Return: 0 or a negative errno.
 */
int kcrumbs_region_init(void)
{
	int err;

	BUILD_BUG_ON(sizeof(struct kcrumbs_mark) != KCRUMBS_MARK_SIZE);
	if (nr_slots < 2 || nr_slots > KCRUMBS_MAX_SLOTS || slot_kib < 4 ||
	    slot_kib > 64 || nr_marks < 16 || nr_marks > 4096) {
		pr_err("refused: nr_slots must be 2..256, slot_kib 4..64, nr_marks 16..4096\n");
		return -EINVAL;
	}
	err = region_setup();
	if (err)
		return err;
	init_header();

	kcrumbs_kobj = kobject_create_and_add("kcrumbs", kernel_kobj);
	if (!kcrumbs_kobj) {
		err = -ENOMEM;
		goto out_release;
	}
	err = sysfs_create_group(kcrumbs_kobj, &kcrumbs_group);
	if (err)
		goto out_put;
	live_attr.size = lay.size;
	err = sysfs_create_bin_file(kcrumbs_kobj, &live_attr);
	if (err)
		goto out_put;
	if (previous) {
		previous_attr.size = previous_size;
		err = sysfs_create_bin_file(kcrumbs_kobj, &previous_attr);
		if (err)
			goto out_put;
	}
	return 0;

out_put:
	kobject_put(kcrumbs_kobj);
out_release:
	region_release();
	pr_err("refused: cannot publish /sys/kernel/kcrumbs: %d\n", err);
	return err;
}

/**
 * kcrumbs_region_exit() - unpublish and release the region (its magic is
 * wiped: a region nobody watched any more is no record of the boot)
 */
void kcrumbs_region_exit(void)
{
	kobject_put(kcrumbs_kobj);
	region_release();
}
