// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the region out of a saved dump through libkdumpfile: ELF cores
 * and makedumpfile's compressed format (kdump-tools' default), whatever
 * makedumpfile filtered out (-d 31 keeps the region: it is kernel memory
 * in use).
 *
 * libkdumpfile is loaded with dlopen() when --dump is used, not linked:
 * it brings libstdc++ and four compression libraries, which would slow
 * every other command's start, in the capture kernel above all.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

#include "decode.h"
#include "flat.h"
#include "source.h"

#define KC_DUMP_MAX_REGION	(64 << 20)
#define KC_PAGE			4096
#define KC_DUMP_CACHE_PAGES	8
/* Debian 12 and 13 ship libkdumpfile.so.10, Debian 14 .so.12: same calls. */
static const char *const kc_libkdumpfile[] = {
	"libkdumpfile.so.12", "libkdumpfile.so.11", "libkdumpfile.so.10",
};

/* The few entry points we use, found at run time. */
static struct {
	kdump_ctx_t *(*new)(void);
	void (*free)(kdump_ctx_t *ctx);
	kdump_status (*open_fdset)(kdump_ctx_t *ctx, unsigned int n, const int *fds);
	kdump_status (*read)(kdump_ctx_t *ctx, kdump_addrspace_t as,
			     kdump_addr_t addr, void *buf, size_t *len);
	kdump_status (*get_attr)(kdump_ctx_t *ctx, const char *key,
				 kdump_attr_t *attr);
	kdump_status (*set_attr)(kdump_ctx_t *ctx, const char *key,
				 const kdump_attr_t *attr);
	const char *(*get_err)(kdump_ctx_t *ctx);
} kd;

static int load_libkdumpfile(const char **why)
{
	void *h = NULL;
	size_t i;

	if (kd.new)
		return 0;
	for (i = 0; !h && i < sizeof(kc_libkdumpfile) / sizeof(*kc_libkdumpfile); i++)
		h = dlopen(kc_libkdumpfile[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		*why = "cannot load libkdumpfile (install libkdumpfile10, or "
		       "libkdumpfile12 on Debian 14)";
		return -ENOSYS;
	}
	*(void **)&kd.new = dlsym(h, "kdump_new");
	*(void **)&kd.free = dlsym(h, "kdump_free");
	*(void **)&kd.open_fdset = dlsym(h, "kdump_open_fdset");
	*(void **)&kd.read = dlsym(h, "kdump_read");
	*(void **)&kd.get_attr = dlsym(h, "kdump_get_attr");
	*(void **)&kd.get_err = dlsym(h, "kdump_get_err");
	*(void **)&kd.set_attr = dlsym(h, "kdump_set_attr");
	if (!kd.new || !kd.free || !kd.open_fdset || !kd.read || !kd.get_attr ||
	    !kd.get_err || !kd.set_attr) {
		kd.new = NULL;
		*why = "libkdumpfile lacks a function kcrumbs needs";
		return -ENOSYS;
	}
	return 0;
}

/*
 * Read @len bytes of physical memory; 0 or -ENODATA (filtered, absent).
 * Machine-physical, not kernel-physical: they are the same outside Xen,
 * and a KPHYSADDR read makes libkdumpfile 0.5.1 set up the kernel's page
 * table walk first, which fails on Debian 6.1 dumps ("Cannot determine
 * 5-level paging", seen in the VM).
 */
static int phys_read(kdump_ctx_t *ctx, uint64_t addr, void *buf, size_t len)
{
	size_t got = len;

	if (kd.read(ctx, KDUMP_MACHPHYSADDR, addr, buf, &got) != KDUMP_OK ||
	    got != len)
		return -ENODATA;
	return 0;
}

/*
 * A library context reading @fd, configured to stay small: read(2), not
 * mmap(2) (the default maps 4 MiB windows and keeps them: 1 GiB of RSS in
 * a scan); a page cache of a few pages (1024 by default). NULL when the
 * library cannot read @fd, with *@why set.
 */
static kdump_ctx_t *dump_ctx(int fd, const char **why)
{
	kdump_attr_t a = { .type = KDUMP_NUMBER };
	kdump_ctx_t *ctx = kd.new();

	if (!ctx) {
		*why = "out of memory";
		return NULL;
	}
	a.val.number = KDUMP_MMAP_NEVER;
	kd.set_attr(ctx, KDUMP_ATTR_FILE_MMAP_POLICY, &a);
	/*
	 * A page -d 1 left out of an ELF dump was a page of zeros, as the
	 * region's unused slots are: read it so (the compressed format keeps
	 * such pages as one shared zero page; ELF leaves them out).
	 */
	a.val.number = 1;
	kd.set_attr(ctx, KDUMP_ATTR_ZERO_EXCLUDED, &a);
	a.val.number = KC_DUMP_CACHE_PAGES;
	kd.set_attr(ctx, "cache.size", &a);
	if (kd.open_fdset(ctx, 1, &fd) != KDUMP_OK) {
		*why = "not a dump libkdumpfile can read (ELF, makedumpfile's "
		       "compressed or flattened format)";
		/*
		 * libkdumpfile 0.5.1 crashes in kdump_free() after a failed
		 * kdump_open_fdset() on a file that starts like a dump: the
		 * context is left to the process's exit, which is near.
		 */
		return NULL;
	}
	return ctx;
}

/*
 * How long a scan may take: KCRUMBS_SCAN_SECONDS, else 120 s. A dump that
 * says it covers a terabyte is read a page at a time through the library.
 */
static unsigned int scan_seconds(void)
{
	const char *s = getenv("KCRUMBS_SCAN_SECONDS");
	unsigned long v = s ? strtoul(s, NULL, 10) : 0;

	return v && v < 86400 ? (unsigned int)v : 120;
}

/*
 * A scan reads every page once, and libkdumpfile 0.5.1 keeps each file
 * page it read(2) in a cache of 1024 pages that no attribute bounds (4 MiB,
 * half the reader's budget): the context is made again every
 * KC_SCAN_RECYCLE pages read, which frees it.
 */
#define KC_SCAN_RECYCLE		128

static int scan(kdump_ctx_t **ctxp, int fd, uint64_t *paddr, uint64_t *size,
		const char **why)
{
	kdump_ctx_t *ctx = *ctxp;
	unsigned int reads = 0;
	static char msg[160];
	time_t deadline;
	uint8_t hdr[sizeof(struct kcrumbs_region_hdr)];
	kdump_num_t max_pfn;
	kdump_attr_t attr;
	const char *bad;
	uint64_t pfn;

	if (kd.get_attr(ctx, "max_pfn", &attr) != KDUMP_OK ||
	    attr.type != KDUMP_NUMBER) {
		*why = "the dump does not say how much memory it covers: give --address";
		return -EINVAL;
	}
	max_pfn = attr.val.number;
	deadline = time(NULL) + scan_seconds();
	for (pfn = 0; pfn < max_pfn; pfn++) {
		/* a page at a time through the library: bounded in time */
		if (!(pfn & 0xfff) && pfn && time(NULL) > deadline) {
			snprintf(msg, sizeof(msg), "no kcrumbs region in the dump's "
				 "first %llu MiB (the scan stopped after %u s): give "
				 "--address SIZE@ADDR", (unsigned long long)(pfn >> 8),
				 scan_seconds());
			*why = msg;
			return -ETIMEDOUT;
		}
		if (phys_read(ctx, pfn * KC_PAGE, hdr, sizeof(hdr)))
			continue;
		if (++reads == KC_SCAN_RECYCLE) {
			reads = 0;
			kd.free(ctx);
			ctx = *ctxp = dump_ctx(fd, why);
			if (!ctx)
				return -EIO;
		}
		if (hdr[0] != 'K' || kc_region_check_header(hdr, sizeof(hdr), &bad))
			continue;
		*paddr = pfn * KC_PAGE;
		memcpy(size, hdr + offsetof(struct kcrumbs_region_hdr, region_size), 8);
		return 0;
	}
	*why = "no kcrumbs region found in the dump";
	return -ENODATA;
}

/* An unlinked file for the unflattened dump: TMPDIR, else /var/tmp (disk). */
static int tmpfile_fd(const char **why)
{
	const char *dirs[] = { getenv("TMPDIR"), "/var/tmp", "/tmp" };
	size_t i;
	int fd;

	for (i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		fd = open(dirs[i], O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		if (fd >= 0)
			return fd;
	}
	*why = "cannot make a temporary file to unflatten the dump in "
	       "(set TMPDIR)";
	return -EIO;
}

/*
 * The file libkdumpfile reads: @path itself, or, for makedumpfile's
 * flattened format, the file it stands for, rebuilt in a temporary file.
 * *@cut_short says that the flattened stream ended early.
 */
static int open_dump(const char *path, int *cut_short, const char **why)
{
	uint8_t head[32];
	int fd, tmp, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		*why = strerror(errno);
		return err;
	}
	if (pread(fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    !kc_flat_is(head, sizeof(head)))
		return fd;
	tmp = tmpfile_fd(why);
	if (tmp < 0) {
		close(fd);
		return tmp;
	}
	err = kc_flat_unflatten(fd, tmp, why);
	close(fd);
	if (err < 0) {
		close(tmp);
		return err;
	}
	*cut_short = err == 1;
	return tmp;
}

static int read_kdump_here(const char *path, uint64_t size, uint64_t paddr,
			   const char *how, struct kc_region_bytes *out,
			   const char **why)
{
	kdump_ctx_t *ctx;
	int fd, err, cut_short = 0;

	memset(out, 0, sizeof(*out));
	err = load_libkdumpfile(why);
	if (err)
		return err;
	fd = open_dump(path, &cut_short, why);
	if (fd < 0)
		return fd;
	ctx = dump_ctx(fd, why);
	if (!ctx) {
		if (cut_short) {
			*why = "the flattened dump is cut short before its "
			       "headers (a partial dump)";
		}
		close(fd);
		return -ENOEXEC;
	}
	if (!size) {
		how = "scan";
		err = scan(&ctx, fd, &paddr, &size, why);
		if (err)
			goto out;
	}
	if (size > KC_DUMP_MAX_REGION) {
		*why = "region size is implausibly large";
		err = -EINVAL;
		goto out;
	}
	out->buf = malloc(size);
	if (!out->buf) {
		*why = "out of memory";
		err = -ENOMEM;
		goto out;
	}
	err = phys_read(ctx, paddr, out->buf, size);
	if (err) {
		static char msg[256];

		free(out->buf);
		out->buf = NULL;
		snprintf(msg, sizeof(msg), "cannot read the region at 0x%llx "
			 "(libkdumpfile: %s)", (unsigned long long)paddr,
			 kd.get_err(ctx) ? kd.get_err(ctx) : "no data");
		*why = msg;
		err = -ENOENT;
		goto out;
	}
	out->len = size;
	out->paddr = paddr;
	out->how = how;
out:
	if (err && cut_short) {
		static char cut_msg[320];

		snprintf(cut_msg, sizeof(cut_msg), "%s (the flattened dump is "
			 "cut short: a partial dump)", *why);
		*why = cut_msg;
	}
	if (ctx)
		kd.free(ctx);
	close(fd);
	return err;
}

/*
 * libkdumpfile 0.5.1 is not safe on files that are not well-formed dumps
 * (found by tests/fuzz: a SIGSEGV on an ELF header cut short, a SIGBUS on
 * segments past the end of the file, a use after free after a failed
 * open, a 16 GiB allocation for a 4 KiB file): it runs in a child process
 * with its address space bounded, and the region comes back through a
 * pipe. Whatever the library does, the reader reports, never dies.
 */
#define KC_DUMP_AS_LIMIT	(1ull << 30)

struct child_reply {
	int32_t err;
	uint64_t paddr, len;
	char how[32];
	char why[256];
};

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static size_t read_all(int fd, void *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

static void __attribute__((noreturn))
child(int fd, const char *path, uint64_t size, uint64_t paddr, const char *how)
{
	struct rlimit as = { KC_DUMP_AS_LIMIT, KC_DUMP_AS_LIMIT };
	/* and in time: a library loop on a hostile file ends the child */
	struct rlimit cpu = { scan_seconds() * 2 + 60, scan_seconds() * 2 + 60 };
	struct child_reply r = { 0 };
	struct kc_region_bytes out;
	const char *why = "";

	setrlimit(RLIMIT_AS, &as);
	setrlimit(RLIMIT_CPU, &cpu);
	r.err = read_kdump_here(path, size, paddr, how, &out, &why);
	snprintf(r.why, sizeof(r.why), "%s", why ? why : "");
	if (!r.err) {
		r.paddr = out.paddr;
		r.len = out.len;
		snprintf(r.how, sizeof(r.how), "%s", out.how ? out.how : "");
	}
	if (write_all(fd, &r, sizeof(r)) || (r.len && write_all(fd, out.buf, r.len)))
		_exit(1);
	_exit(0);
}

int kc_read_kdump(const char *path, uint64_t size, uint64_t paddr,
		  const char *how, struct kc_region_bytes *out,
		  const char **why)
{
	static char msg[320], how_buf[32];
	struct child_reply r;
	int p[2], st = 0;
	pid_t pid;

	memset(out, 0, sizeof(*out));
	if (pipe2(p, O_CLOEXEC)) {
		*why = strerror(errno);
		return -errno;
	}
	fflush(NULL);	/* the child must not write the parent's buffers again */
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		*why = strerror(errno);
		return -errno;
	}
	if (pid == 0) {
		close(p[0]);
		child(p[1], path, size, paddr, how);
	}
	close(p[1]);
	memset(&r, 0, sizeof(r));
	if (read_all(p[0], &r, sizeof(r)) == sizeof(r) && !r.err &&
	    r.len && r.len <= KC_DUMP_MAX_REGION) {
		out->buf = malloc(r.len);
		if (out->buf && read_all(p[0], out->buf, r.len) != r.len) {
			free(out->buf);
			out->buf = NULL;
		}
	}
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(st)) {
		snprintf(msg, sizeof(msg), "not a dump libkdumpfile can read "
			 "(it died on it: %s)", strsignal(WTERMSIG(st)));
		*why = msg;
		free(out->buf);
		out->buf = NULL;
		return -ENOEXEC;
	}
	snprintf(msg, sizeof(msg), "%s", r.why);
	*why = msg;
	if (r.err)
		return r.err;
	if (!out->buf || !WIFEXITED(st) || WEXITSTATUS(st)) {
		free(out->buf);
		out->buf = NULL;
		*why = "the dump reader process failed";
		return -EIO;
	}
	snprintf(how_buf, sizeof(how_buf), "%s", r.how);
	out->len = r.len;
	out->paddr = r.paddr;
	out->how = how_buf;
	return 0;
}
