// SPDX-License-Identifier: GPL-2.0
/* Reading a breadcrumb region out of an ELF core or a raw image. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "elfcore.h"
#include "nlerr.h"
#include "source.h"
#include "sysfs.h"

#define KC_MAX_SEGS	1024
#define KC_ELF_HEAD	(1 << 20)	/* ELF header + program headers */
#define KC_RAW_MAX	(64 << 20)
#define KC_SCAN_CHUNK	(1 << 20)	/* bounds the scan's RSS */
#define KC_SCAN_WINDOW	(2 << 20)	/* mmap window: bounds it as well */
#define KC_PAGE		4096

static int read_at(int fd, void *buf, size_t len, uint64_t off, size_t *got)
{
	ssize_t n;

	*got = 0;
	while (*got < len) {
		n = pread(fd, (char *)buf + *got, len - *got, (off_t)(off + *got));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		*got += (size_t)n;
	}
	return 0;
}

/*
 * Read the ELF header, then exactly as far as the program headers go:
 * in a capture kernel every byte of /proc/vmcore past its headers is
 * copied out of the old kernel's memory, page by page.
 */
static int load_segments(int fd, struct kc_seg *segs, size_t *n,
			 const char **why)
{
	uint8_t *head = malloc(KC_ELF_HEAD);
	uint64_t end;
	Elf64_Ehdr eh;
	size_t got;
	int err;

	if (!head) {
		*why = "out of memory";
		return -ENOMEM;
	}
	err = read_at(fd, head, sizeof(eh), 0, &got);
	if (!err && got == sizeof(eh)) {
		size_t more = 0;

		memcpy(&eh, head, sizeof(eh));
		end = eh.e_phoff + (uint64_t)eh.e_phnum * eh.e_phentsize;
		if (end > sizeof(eh) && end <= KC_ELF_HEAD)
			err = read_at(fd, head + sizeof(eh), end - sizeof(eh),
				      sizeof(eh), &more);
		got += more;
	}
	if (!err)
		err = kc_elf_segments(head, got, segs, KC_MAX_SEGS, n);
	free(head);
	if (err)
		*why = err == -ENOEXEC ? "not an ELF64 core file" :
		       "unreadable ELF program headers";
	return err;
}

/*
 * Read the region the way it is used: the header, the mark ring, then of
 * each slot its first page, and the rest only for a record that says it is
 * longer (slots of a page or less: all of them). A header that does not
 * check out is all that is read: the decoder reports it.
 * Unused bytes stay zero: the decoder checks only the bytes a record's
 * size covers. In a capture kernel every page of /proc/vmcore is copied
 * out of the old kernel's memory, so this reads a fraction of the slots.
 */
static int read_sparse(int fd, uint64_t off, uint8_t *buf, uint64_t size)
{
	uint64_t slots_off, s, len, rec, marks_off;
	uint32_t slot_size, nr, i, nr_marks;
	const char *why;
	size_t got;
	int err;

	err = read_at(fd, buf, KC_PAGE < size ? KC_PAGE : size, off, &got);
	if (err || got < sizeof(struct kcrumbs_region_hdr))
		return err ? err : -EIO;
	/*
	 * Nothing in the header is used before it is checked (CRC, and its
	 * sizes against each other and the module's limits, without sums
	 * that wrap); and it must fit in what was asked for.
	 */
	if (kc_region_check_header(buf, got, &why))
		return 0;	/* the decoder says why, from this page */
	memcpy(&len, buf + offsetof(struct kcrumbs_region_hdr, region_size), 8);
	memcpy(&slots_off, buf + offsetof(struct kcrumbs_region_hdr, slots_offset), 8);
	memcpy(&slot_size, buf + offsetof(struct kcrumbs_region_hdr, slot_size), 4);
	memcpy(&nr, buf + offsetof(struct kcrumbs_region_hdr, nr_slots), 4);
	memcpy(&marks_off, buf + offsetof(struct kcrumbs_region_hdr, marks_offset), 8);
	memcpy(&nr_marks, buf + offsetof(struct kcrumbs_region_hdr, nr_marks), 4);
	if (len > size)
		return 0;	/* the decoder says it is cut short */
	/* the checked header keeps all of these inside len, so inside size */
	len = (uint64_t)nr_marks * sizeof(struct kcrumbs_mark);
	err = read_at(fd, buf + marks_off, len, off + marks_off, &got);
	if (err || got != len)
		return err ? err : -EIO;
	if (slot_size <= KC_PAGE) {
		/* small slots: all of them, at most 256 pages */
		len = (uint64_t)nr * slot_size;
		err = read_at(fd, buf + slots_off, len, off + slots_off, &got);
		return err ? err : got != len ? -EIO : 0;
	}
	for (i = 0; i < nr; i++) {
		s = slots_off + (uint64_t)i * slot_size;
		err = read_at(fd, buf + s, KC_PAGE, off + s, &got);
		if (err || got != KC_PAGE)
			return err ? err : -EIO;
		memcpy(&len, buf + s + offsetof(struct kcrumbs_record, size), 4);
		len &= 0xffffffff;
		rec = len + offsetof(struct kcrumbs_record, size);
		if (rec > KC_PAGE && rec <= slot_size) {
			err = read_at(fd, buf + s + KC_PAGE, rec - KC_PAGE,
				      off + s + KC_PAGE, &got);
			if (err || got != rec - KC_PAGE)
				return err ? err : -EIO;
		}
	}
	return 0;
}

/* Read [paddr, paddr + size) of physical memory from the core. */
static int read_phys(int fd, const struct kc_seg *segs, size_t n,
		     uint64_t paddr, uint64_t size, struct kc_region_bytes *out,
		     const char **why)
{
	uint64_t off;
	int err;

	if (size > KC_RAW_MAX) {
		*why = "region size is implausibly large";
		return -EINVAL;
	}
	if (kc_elf_offset(segs, n, paddr, size, &off)) {
		*why = "the region's address is not in the dump";
		return -ENOENT;
	}
	out->buf = calloc(1, size);
	if (!out->buf) {
		*why = "out of memory";
		return -ENOMEM;
	}
	err = read_sparse(fd, off, out->buf, size);
	if (err) {
		free(out->buf);
		out->buf = NULL;
		*why = "short read from the dump";
		return err ? err : -EIO;
	}
	out->len = size;
	out->paddr = paddr;
	return 0;
}

/*
 * What a scan found: the crashed kernel's memory can hold older valid
 * headers besides the live region (reserved mode's copy of the boot
 * before, page cache of archived region files), so every candidate is
 * weighed and the newest (created_wall_ns) wins: the live region is the
 * last one a module set up.
 */
struct found {
	int any;
	uint64_t paddr, size, created;
};

/* Does the page at @p (@avail bytes readable) start a region? Keep it if newest. */
static int region_at(const uint8_t *p, size_t avail, uint64_t pa,
		     struct found *f)
{
	const char *why;
	uint64_t created;

	if (p[0] != 'K' || kc_region_check_header(p, avail, &why))
		return 0;
	memcpy(&created, p + offsetof(struct kcrumbs_region_hdr, created_wall_ns), 8);
	if (!f->any || created > f->created) {
		f->any = 1;
		f->paddr = pa;
		f->created = created;
		memcpy(&f->size, p + offsetof(struct kcrumbs_region_hdr, region_size), 8);
	}
	return 1;
}

/*
 * The scan through mmap(2): only the first byte of each physical page is
 * looked at (the region starts page-aligned), the rest is never copied.
 * /proc/vmcore maps the old kernel's memory directly (remap_pfn_range:
 * nothing is copied and, being PFN mappings, nothing counts in RSS); a
 * regular file is mapped a window at a time, MAP_POPULATE, so RSS stays
 * within one window. Returns 1 found, 0 not found, -errno when mmap is not
 * possible (then the read(2) scan does it).
 */
static int scan_mmap(int fd, const struct kc_seg *segs, size_t n,
		     struct found *f)
{
	uint64_t fsize, first, pa, off, base, len, end;
	struct stat st;
	uint8_t *m;
	size_t i;

	if (fstat(fd, &st))
		return -errno;
	fsize = (uint64_t)st.st_size;
	for (i = 0; i < n; i++) {
		/* the segment's first page-aligned physical address */
		first = (segs[i].paddr + KC_PAGE - 1) & ~(uint64_t)(KC_PAGE - 1);
		if (first - segs[i].paddr >= segs[i].size)
			continue;
		end = segs[i].offset + segs[i].size;
		if (fsize && end > fsize)	/* a segment past the end of the file */
			end = fsize;
		for (pa = first; ; ) {
			off = segs[i].offset + (pa - segs[i].paddr);
			if (off >= end)
				break;
			base = off & ~(uint64_t)(KC_PAGE - 1);
			len = end - base < KC_SCAN_WINDOW ? end - base : KC_SCAN_WINDOW;
			m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd,
				 (off_t)base);
			if (m == MAP_FAILED)
				return -errno;
			for (; off < base + len; off += KC_PAGE, pa += KC_PAGE) {
				/*
				 * a header across the window's end (a file offset
				 * not page-aligned to its address): the next
				 * window starts at it
				 */
				if (base + len - off < sizeof(struct kcrumbs_region_hdr) &&
				    base + len < end && off > base)
					break;
				region_at(m + (off - base), base + len - off, pa, f);
			}
			munmap(m, len);
		}
	}
	return 0;
}

/* Look at every page start of every segment for a valid region header. */
static int scan(int fd, const struct kc_seg *segs, size_t n, uint64_t *paddr,
		uint64_t *size)
{
	struct found f = { 0 };
	uint8_t *chunk;
	uint64_t pos, len;
	size_t i, got, j;

	if (scan_mmap(fd, segs, n, &f) >= 0)
		goto out;
	memset(&f, 0, sizeof(f));
	chunk = malloc(KC_SCAN_CHUNK);
	if (!chunk)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		for (pos = 0; pos < segs[i].size; pos += KC_SCAN_CHUNK) {
			len = segs[i].size - pos < KC_SCAN_CHUNK ?
			      segs[i].size - pos : KC_SCAN_CHUNK;
			if (read_at(fd, chunk, len, segs[i].offset + pos, &got) ||
			    got == 0)
				break;	/* a segment that claims more than the file holds */
			for (j = 0; j < got; j += KC_PAGE)
				region_at(chunk + j, got - j, segs[i].paddr + pos + j, &f);
			if (got < len)
				break;	/* the file ended inside this segment */
		}
	}
	free(chunk);
out:
	if (!f.any)
		return -ENOENT;
	*paddr = f.paddr;
	*size = f.size;
	return 0;
}

/*
 * Open @path for reading, refusing what is not a regular file before any
 * read: a FIFO would block forever, /dev/zero never ends. (/proc/vmcore
 * and sysfs binary files are regular files.)
 */
static int open_regular(const char *path, const char **why)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		*why = strerror(errno);
		return -errno;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		*why = "not a regular file (a FIFO, a device or a directory)";
		return -EINVAL;
	}
	return fd;
}

int kc_read_vmcore(const char *path, uint64_t size, uint64_t paddr,
		   const char *how, struct kc_region_bytes *out,
		   const char **why)
{
	static char fallback[128], at_addr[384];
	uint64_t where;
	struct kc_seg *segs = calloc(KC_MAX_SEGS, sizeof(*segs));
	size_t n = 0;
	int fd, err;

	memset(out, 0, sizeof(*out));
	fallback[0] = '\0';
	if (!segs) {
		*why = "out of memory";
		return -ENOMEM;
	}
	fd = open_regular(path, why);
	if (fd < 0) {
		err = fd;
		goto out;
	}
	err = load_segments(fd, segs, &n, why);
	if (err)
		goto out_close;
	if (size) {
		/*
		 * An address from the command line or the user that holds no
		 * region (a dynamic region's address from an earlier boot):
		 * the scan finds it, and the source says so.
		 */
		err = read_phys(fd, segs, n, paddr, size, out, why);
		if (!err && !kc_region_check_header(out->buf, out->len, why)) {
			out->how = how;
			goto out_close;
		}
		/*
		 * An address the dump does not hold at all is not RAM: a
		 * reserved region, which /proc/vmcore leaves out. A scan would
		 * find only older copies; the caller has the module's copy.
		 */
		if (err && (err != -ENOENT || kc_elf_offset(segs, n, paddr, 1, &where)))
			goto out_close;
		free(out->buf);
		memset(out, 0, sizeof(*out));
		snprintf(fallback, sizeof(fallback), "scan: no region at "
			 "0x%llx, the address %s", (unsigned long long)paddr,
			 strcmp(how, "kernel command line") ? "given" :
			 "on the kernel command line");
		snprintf(at_addr, sizeof(at_addr), "no kcrumbs region at 0x%llx, "
			 "the address %s (%s), nor anywhere else in the dump (scanned)",
			 (unsigned long long)paddr, strcmp(how, "kernel command line") ?
			 "given" : "on the kernel command line", *why);
		size = 0;
	}
	if (!size) {
		how = fallback[0] ? fallback : "scan";
		err = scan(fd, segs, n, &paddr, &size);
		if (err) {
			*why = fallback[0] ? at_addr : "no kcrumbs region found in the dump";
			err = err == -ENOENT ? -ENODATA : err;
			goto out_close;
		}
	}
	err = read_phys(fd, segs, n, paddr, size, out, why);
	out->how = how;
out_close:
	close(fd);
out:
	free(segs);
	return err;
}

int kc_read_raw(const char *path, struct kc_region_bytes *out,
		const char **why)
{
	struct stat st;
	size_t got;
	int fd, err;

	memset(out, 0, sizeof(*out));
	fd = open_regular(path, why);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) || st.st_size > KC_RAW_MAX) {
		close(fd);
		*why = "not a plausible region image (larger than 64 MiB)";
		return -EFBIG;
	}
	out->buf = malloc((size_t)st.st_size + 1);
	if (!out->buf) {
		close(fd);
		*why = "out of memory";
		return -ENOMEM;
	}
	err = read_at(fd, out->buf, (size_t)st.st_size, 0, &got);
	close(fd);
	if (err) {
		free(out->buf);
		out->buf = NULL;
		*why = strerror(-err);
		return err;
	}
	out->len = got;
	out->how = "raw image";
	return 0;
}

int kc_read_previous(struct kc_region_bytes *out, const char **why)
{
	char path[4096];
	struct stat st;
	int err;

	err = kc_read_raw(kc_path(path, sizeof(path), "/sys/kernel/kcrumbs/previous"),
			  out, why);
	if (!err) {
		out->how = "previous boot";
		return KC_EXIT_OK;
	}
	if (err == -EACCES || err == -EPERM) {
		*why = "permission denied: the previous boot's records are for root";
		return KC_EXIT_PERM;
	}
	if (err != -ENOENT) {
		*why = "cannot read /sys/kernel/kcrumbs/previous";
		return KC_EXIT_UNREADABLE;
	}
	if (stat(kc_path(path, sizeof(path), "/sys/kernel/kcrumbs"), &st)) {
		*why = "the kcrumbs kernel module is not loaded (load it with: modprobe kcrumbs)";
		return KC_EXIT_NOMODULE;
	}
	*why = "no record of the previous boot: kcrumbs keeps one only in "
	       "reserved mode (mem_address, mem_size), from the second boot on";
	return KC_EXIT_NONE;
}
