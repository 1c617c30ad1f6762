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
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

#include "decode.h"
#include "source.h"

#define KC_DUMP_MAX_REGION	(64 << 20)
#define KC_PAGE			4096
#define KC_LIBKDUMPFILE		"libkdumpfile.so.10"

/* The few entry points we use, found at run time. */
static struct {
	kdump_ctx_t *(*new)(void);
	void (*free)(kdump_ctx_t *ctx);
	kdump_status (*open_fdset)(kdump_ctx_t *ctx, unsigned int n, const int *fds);
	kdump_status (*read)(kdump_ctx_t *ctx, kdump_addrspace_t as,
			     kdump_addr_t addr, void *buf, size_t *len);
	kdump_status (*get_attr)(kdump_ctx_t *ctx, const char *key,
				 kdump_attr_t *attr);
	const char *(*get_err)(kdump_ctx_t *ctx);
} kd;

static int load_libkdumpfile(const char **why)
{
	void *h;

	if (kd.new)
		return 0;
	h = dlopen(KC_LIBKDUMPFILE, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		*why = "cannot load " KC_LIBKDUMPFILE " (install libkdumpfile10)";
		return -ENOSYS;
	}
	*(void **)&kd.new = dlsym(h, "kdump_new");
	*(void **)&kd.free = dlsym(h, "kdump_free");
	*(void **)&kd.open_fdset = dlsym(h, "kdump_open_fdset");
	*(void **)&kd.read = dlsym(h, "kdump_read");
	*(void **)&kd.get_attr = dlsym(h, "kdump_get_attr");
	*(void **)&kd.get_err = dlsym(h, "kdump_get_err");
	if (!kd.new || !kd.free || !kd.open_fdset || !kd.read || !kd.get_attr ||
	    !kd.get_err) {
		kd.new = NULL;
		*why = KC_LIBKDUMPFILE " lacks a function kcrumbs needs";
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

/* Look at every page start below max_pfn for a valid region header. */
static int scan(kdump_ctx_t *ctx, uint64_t *paddr, uint64_t *size,
		const char **why)
{
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
	for (pfn = 0; pfn < max_pfn; pfn++) {
		if (phys_read(ctx, pfn * KC_PAGE, hdr, sizeof(hdr)) ||
		    hdr[0] != 'K' || kc_region_check_header(hdr, sizeof(hdr), &bad))
			continue;
		*paddr = pfn * KC_PAGE;
		memcpy(size, hdr + offsetof(struct kcrumbs_region_hdr, region_size), 8);
		return 0;
	}
	*why = "no kcrumbs region found in the dump";
	return -ENODATA;
}

int kc_read_kdump(const char *path, uint64_t size, uint64_t paddr,
		  const char *how, struct kc_region_bytes *out,
		  const char **why)
{
	kdump_ctx_t *ctx;
	int fd, err;

	memset(out, 0, sizeof(*out));
	err = load_libkdumpfile(why);
	if (err)
		return err;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		*why = strerror(errno);
		return err;
	}
	ctx = kd.new();
	if (!ctx) {
		close(fd);
		*why = "out of memory";
		return -ENOMEM;
	}
	if (kd.open_fdset(ctx, 1, &fd) != KDUMP_OK) {
		*why = "not a dump libkdumpfile can read (ELF or makedumpfile's format)";
		/*
		 * libkdumpfile 0.5.1 crashes in kdump_free() after a failed
		 * kdump_open_fdset() on a file that starts like a dump: the
		 * context is left to the process's exit, which is near.
		 */
		close(fd);
		return -ENOEXEC;
	}
	if (!size) {
		how = "scan";
		err = scan(ctx, &paddr, &size, why);
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
	kd.free(ctx);
	close(fd);
	return err;
}
