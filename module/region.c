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
#include <linux/crc32.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>

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

#define KCRUMBS_SLOTS_OFFSET	4096
#define HDR_CRC_LEN		offsetof(struct kcrumbs_region_hdr, hdr_crc)

static struct kcrumbs_region_hdr *hdr;
static size_t region_size;
static phys_addr_t region_phys;
static bool reserved;
static void *previous;		/* the previous boot's region, as found */
static size_t previous_size;
static atomic64_t next_seq = ATOMIC64_INIT(0);
static atomic64_t next_mark_seq = ATOMIC64_INIT(0);
static struct kobject *kcrumbs_kobj;

static u32 kcrumbs_crc(const void *p, size_t len)
{
	return crc32_le(~0U, p, len) ^ ~0U;
}

static void *slot(u64 seq)
{
	u32 n = le32_to_cpu(hdr->nr_slots);

	return (u8 *)hdr + KCRUMBS_SLOTS_OFFSET +
	       (size_t)do_div(seq, n) * le32_to_cpu(hdr->slot_size);
}

/**
 * kcrumbs_region_reserve() - take the next slot for a record
 * @seq: the record's sequence number
 * @cap: bytes the record may use, header included
 *
 * Safe in any context: one atomic operation, no lock. The slot's magic is
 * cleared first, so a reader never trusts a half-written record.
 *
 * Return: the record to fill, or NULL when there is no region.
 */
struct kcrumbs_record *kcrumbs_region_reserve(u64 *seq, size_t *cap)
{
	struct kcrumbs_record *rec;

	if (!hdr)
		return NULL;
	*seq = atomic64_inc_return(&next_seq) - 1;
	rec = slot(*seq);
	WRITE_ONCE(rec->magic, 0);
	/* the cleared magic is visible before any new byte of the record */
	smp_wmb();
	*cap = le32_to_cpu(hdr->slot_size);
	WRITE_ONCE(hdr->next_seq, cpu_to_le64(*seq + 1));
	return rec;
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

	if (!hdr)
		return NULL;
	*seq = atomic64_inc_return(&next_mark_seq) - 1;
	idx = *seq;
	m = (struct kcrumbs_mark *)((u8 *)hdr + le64_to_cpu(hdr->marks_offset)) +
	    do_div(idx, nr_marks);
	WRITE_ONCE(m->magic, 0);
	/* the cleared magic is visible before any new byte of the mark */
	smp_wmb();
	WRITE_ONCE(hdr->next_mark_seq, cpu_to_le64(*seq + 1));
	return m;
}

/**
 * kcrumbs_region_mark_commit() - seal a filled mark: CRC, then magic
 * @m: from kcrumbs_region_mark_reserve(), every field but magic and crc set
 */
void kcrumbs_region_mark_commit(struct kcrumbs_mark *m)
{
	size_t len = KCRUMBS_MARK_HDR_LEN - offsetof(struct kcrumbs_mark, seq) +
		     le16_to_cpu(m->text_len);

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
	if (!hdr)
		return;
	info->reserved = reserved;
	info->size = region_size;
	info->phys = region_phys;
	info->nr_slots = le32_to_cpu(hdr->nr_slots);
	info->slot_size = le32_to_cpu(hdr->slot_size);
	info->records = atomic64_read(&next_seq);
	info->nr_marks = nr_marks;
	info->marks = atomic64_read(&next_mark_seq);
}

/**
 * kcrumbs_region_record() - a committed record of this boot, if intact
 * @seq: its sequence number
 *
 * Return: the record, or NULL when the slot holds another one, or one
 * being written, or a bad one.
 */
const struct kcrumbs_record *kcrumbs_region_record(u64 seq)
{
	const struct kcrumbs_record *rec;

	if (!hdr || seq >= (u64)atomic64_read(&next_seq))
		return NULL;
	rec = slot(seq);
	if (le32_to_cpu(READ_ONCE(rec->magic)) != KCRUMBS_RECORD_MAGIC)
		return NULL;
	/* the magic was published after the rest */
	smp_rmb();
	if (le64_to_cpu(rec->seq) != seq)
		return NULL;
	return rec;
}

/**
 * kcrumbs_region_commit() - seal a filled record: CRC, then magic
 * @rec: from kcrumbs_region_reserve(), with every field but magic and crc
 */
void kcrumbs_region_commit(struct kcrumbs_record *rec)
{
	rec->crc = cpu_to_le32(kcrumbs_crc(&rec->size, le32_to_cpu(rec->size)));
	/* every byte of the record is visible before its magic */
	smp_wmb();
	WRITE_ONCE(rec->magic, cpu_to_le32(KCRUMBS_RECORD_MAGIC));
}

/**
 * kcrumbs_region_set_state() - say how this boot is ending
 * @state: enum kcrumbs_state; CRASHED is never overwritten by CLEAN
 */
void kcrumbs_region_set_state(enum kcrumbs_state state)
{
	if (!hdr)
		return;
	if (state == KCRUMBS_STATE_CLEAN &&
	    le32_to_cpu(READ_ONCE(hdr->state)) == KCRUMBS_STATE_CRASHED)
		return;
	WRITE_ONCE(hdr->state, cpu_to_le32(state));
}

/*
 * Is there a region from the previous boot at @old? Enough is checked to
 * decide to keep it: magic, version, header CRC and that it fits. The
 * reader checks every record again.
 */
static bool previous_valid(const struct kcrumbs_region_hdr *old, size_t size)
{
	return !memcmp(old->magic, KCRUMBS_REGION_MAGIC, sizeof(old->magic)) &&
	       le32_to_cpu(old->version) == KCRUMBS_FORMAT_VERSION &&
	       le32_to_cpu(old->hdr_crc) == kcrumbs_crc(old, HDR_CRC_LEN) &&
	       le64_to_cpu(old->region_size) <= size;
}

/* Copy the previous boot's region aside, before this boot writes. */
static void save_previous(void)
{
	size_t size = le64_to_cpu(hdr->region_size);

	if (!previous_valid(hdr, region_size))
		return;
	previous = vmalloc(size);
	if (!previous) {
		pr_warn("no memory to keep the previous boot's records\n");
		return;
	}
	memcpy(previous, hdr, size);
	previous_size = size;
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

static int map_reserved(phys_addr_t addr, size_t size)
{
	size_t fixed = KCRUMBS_SLOTS_OFFSET + (size_t)nr_marks * KCRUMBS_MARK_SIZE;

	if (size < fixed + 2 * 4096) {
		pr_err("reserved memory must be at least %zu bytes with %u marks\n",
		       fixed + 2 * 4096, nr_marks);
		return -EINVAL;
	}
	nr_slots = min_t(size_t, (size - fixed) / (slot_kib * 1024), 256);
	if (nr_slots < 2) {
		pr_err("reserved memory holds fewer than 2 slots of %u KiB\n", slot_kib);
		return -EINVAL;
	}
	region_size = layout_size();
	hdr = memremap(addr, region_size, MEMREMAP_WB);
	if (!hdr) {
		pr_err("cannot map %zu bytes at %pa\n", region_size, &addr);
		return -ENOMEM;
	}
	reserved = true;
	region_phys = addr;
	save_previous();
	return 0;
}

static int alloc_dynamic(void)
{
	region_size = layout_size();
	hdr = alloc_pages_exact(region_size, GFP_KERNEL | __GFP_ZERO);
	if (!hdr)
		return -ENOMEM;
	region_phys = virt_to_phys(hdr);
	return 0;
}

/*
 * Where the region goes: mem_address/mem_size when given; else the
 * reserve_mem= region named mem_name when the kernel has one; else pages
 * allocated now.
 */
static int region_setup(void)
{
	phys_addr_t start, size;

	if (mem_size)
		return map_reserved(mem_address, mem_size);
	if (mem_name && *mem_name &&
	    kcrumbs_reserve_mem_find(mem_name, &start, &size)) {
		pr_info("using reserve_mem region '%s': %pa bytes at %pa\n",
			mem_name, &size, &start);
		return map_reserved(start, size);
	}
	return alloc_dynamic();
}

static void region_release(void)
{
	/* leave no magic: for a dump scan, or for the next boot to trust */
	memset(hdr, 0, region_size);
	if (reserved)
		memunmap(hdr);
	else
		free_pages_exact(hdr, region_size);
	hdr = NULL;
	vfree(previous);
	previous = NULL;
}

static void init_header(void)
{
	memset(hdr, 0, region_size);
	memcpy(hdr->magic, KCRUMBS_REGION_MAGIC, sizeof(hdr->magic));
	hdr->version = cpu_to_le32(KCRUMBS_FORMAT_VERSION);
	hdr->hdr_size = cpu_to_le32(sizeof(*hdr));
	hdr->region_size = cpu_to_le64(region_size);
	hdr->slots_offset = cpu_to_le64(KCRUMBS_SLOTS_OFFSET);
	hdr->slot_size = cpu_to_le32(slot_kib * 1024);
	hdr->nr_slots = cpu_to_le32(nr_slots);
	get_random_bytes(hdr->boot_id, sizeof(hdr->boot_id));
	strscpy(hdr->release, utsname()->release, sizeof(hdr->release));
	hdr->created_wall_ns = cpu_to_le64(ktime_get_real_ns());
	hdr->marks_offset = cpu_to_le64(marks_offset());
	hdr->mark_size = cpu_to_le32(KCRUMBS_MARK_SIZE);
	hdr->nr_marks = cpu_to_le32(nr_marks);
	hdr->hdr_crc = cpu_to_le32(kcrumbs_crc(hdr, HDR_CRC_LEN));
	hdr->state = cpu_to_le32(KCRUMBS_STATE_RUNNING);
	hdr->next_seq = 0;
	hdr->next_mark_seq = 0;
}

static ssize_t region_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%zu@0x%llx\n", region_size,
			  (unsigned long long)region_phys);
}

static ssize_t mode_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", reserved ? "reserved" : "dynamic");
}

static ssize_t previous_read(struct file *f, struct kobject *kobj,
			     KCRUMBS_BIN_ATTR_CONST struct bin_attribute *attr,
			     char *buf, loff_t off, size_t count)
{
	return memory_read_from_buffer(buf, count, &off, previous, previous_size);
}

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
	if (nr_slots < 2 || nr_slots > 256 || slot_kib < 4 || slot_kib > 64 ||
	    nr_marks < 16 || nr_marks > 4096) {
		pr_err("nr_slots must be 2..256, slot_kib 4..64, nr_marks 16..4096\n");
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
