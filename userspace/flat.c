// SPDX-License-Identifier: GPL-2.0
/*
 * makedumpfile's flattened format, turned back into the file it stands
 * for (flat.h). kdump-tools always writes it (kdump-config passes -F), and
 * libkdumpfile 0.5.1, Debian 12's, does not read it: docs/design.md says
 * why kcrumbs does this itself rather than running makedumpfile -R.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "flat.h"

#define KC_FLAT_SIG	"makedumpfile"
#define KC_FLAT_BUF	(64 * 1024)

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

int kc_flat_is(const uint8_t *buf, size_t len)
{
	static const uint8_t sig[16] = KC_FLAT_SIG;	/* NUL-padded to 16 */

	return len >= 32 && !memcmp(buf, sig, sizeof(sig)) &&
	       be64(buf + 16) == 1 && be64(buf + 24) == 1;
}

int kc_flat_block(const uint8_t b[16], uint64_t *off, uint64_t *size)
{
	*off = be64(b);
	*size = be64(b + 8);
	if (*off == UINT64_MAX && *size == UINT64_MAX)
		return 1;
	if (*off >= KC_FLAT_MAX_END || *size > KC_FLAT_MAX_BLOCK ||
	    *size > KC_FLAT_MAX_END - *off)
		return -EINVAL;
	return 0;
}

/* Read exactly @len bytes; return how many were read before EOF or -errno. */
static ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static int write_full(int fd, const void *buf, size_t len, uint64_t off)
{
	ssize_t n;

	while (len) {
		n = pwrite(fd, buf, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			return -EIO;
		buf = (const char *)buf + n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* Copy @size bytes of @in to @out at @off; 1 when @in ends first. */
static int copy_block(int in, int out, uint64_t off, uint64_t size,
		      uint8_t *buf, const char **why)
{
	ssize_t n;
	size_t want;
	int err;

	while (size) {
		want = size < KC_FLAT_BUF ? (size_t)size : KC_FLAT_BUF;
		n = read_full(in, buf, want);
		if (n < 0) {
			*why = strerror((int)-n);
			return (int)n;
		}
		err = n ? write_full(out, buf, (size_t)n, off) : 0;
		if (err) {
			*why = err == -ENOSPC ? "no space left to unflatten the dump "
			       "(set TMPDIR to a larger file system)" :
			       "cannot write the unflattened dump";
			return err;
		}
		if ((size_t)n < want) {
			*why = "the flattened dump is cut short (a partial dump)";
			return 1;
		}
		off += (uint64_t)n;
		size -= (uint64_t)n;
	}
	return 0;
}

int kc_flat_unflatten(int in, int out, const char **why)
{
	static uint8_t buf[KC_FLAT_BUF];
	uint8_t b[16];
	uint64_t off, size;
	ssize_t n;
	int err;

	n = read_full(in, buf, KC_FLAT_HDR_SIZE);
	if (n < 0) {
		*why = strerror((int)-n);
		return (int)n;
	}
	if (n < KC_FLAT_HDR_SIZE || !kc_flat_is(buf, (size_t)n)) {
		*why = "not a flattened makedumpfile dump";
		return -ENOEXEC;
	}
	for (;;) {
		n = read_full(in, b, sizeof(b));
		if (n < 0) {
			*why = strerror((int)-n);
			return (int)n;
		}
		if (n < (ssize_t)sizeof(b)) {
			*why = "the flattened dump is cut short (a partial dump)";
			return 1;
		}
		err = kc_flat_block(b, &off, &size);
		if (err == 1)
			return 0;
		if (err) {
			*why = "a block of the flattened dump is out of bounds";
			return err;
		}
		err = copy_block(in, out, off, size, buf, why);
		if (err)
			return err;
	}
}
