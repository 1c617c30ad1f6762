// SPDX-License-Identifier: GPL-2.0
/* Whole small files (fileio.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

char *kc_file_read(const char *path, size_t max, int *err)
{
	char *buf = NULL;
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		*err = -errno;
		return NULL;
	}
	/* a directory reads as nothing, /dev/zero never ends, a FIFO blocks */
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		*err = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
		goto out_close;
	}
	buf = malloc(max + 2);
	if (!buf) {
		*err = -ENOMEM;
		goto out_close;
	}
	/* one byte more than allowed: a longer file is refused, not cut */
	while (got <= max) {
		n = read(fd, buf + got, max + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			/* a read error is not the end: never half a file */
			*err = -errno;
			free(buf);
			buf = NULL;
			goto out_close;
		}
		if (!n)
			break;
		got += (size_t)n;
	}
	if (got > max) {
		free(buf);
		buf = NULL;
		*err = -EFBIG;
		goto out_close;
	}
	buf[got] = '\0';
	*err = 0;
out_close:
	close(fd);
	return buf;
}

int kc_file_replace(const char *path, const char *text, mode_t mode)
{
	return kc_file_replace_buf(path, text, strlen(text), mode);
}

int kc_mkdirs(const char *path)
{
	char p[4096], *s;

	if (!path[0])
		return -EINVAL;
	if (snprintf(p, sizeof(p), "%s", path) >= (int)sizeof(p))
		return -ENAMETOOLONG;
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s)
			continue;
		if (s[-1] != '/') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) && errno != EEXIST)
				return -errno;
			*s = c;
		}
		if (!*s)
			return 0;
	}
}

/*
 * The rename reaches the disk: harvest's state and capture's files are
 * written just before a crash loop or kdump-tools' reboot -f.
 */
static void sync_parent(const char *path)
{
	char dir[4096], *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int kc_file_replace_buf(const char *path, const void *buf, size_t len,
			mode_t mode)
{
	const char *text = buf;
	char tmp[4200];
	struct stat st;
	int fd, rc = 0;
	int have = !stat(path, &st);

	if (snprintf(tmp, sizeof(tmp), "%s.kcrumbs-new.%d", path, (int)getpid()) >=
	    (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		  have ? st.st_mode & 07777 : mode);
	if (fd < 0)
		return -errno;
	if (have && (fchmod(fd, st.st_mode & 07777) ||
		     (fchown(fd, st.st_uid, st.st_gid) && errno != EPERM)))
		rc = -errno;
	errno = 0;
	if (!rc && (write(fd, text, len) != (ssize_t)len || fsync(fd)))
		rc = errno ? -errno : -EIO;
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc) {
		unlink(tmp);
		return rc;
	}
	sync_parent(path);
	return 0;
}
