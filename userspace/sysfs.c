// SPDX-License-Identifier: GPL-2.0
/* Reading /proc and /sys under a root directory. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysfs.h"

static const char *root_dir;

void kc_set_root(const char *root)
{
	root_dir = root;
}

static const char *root(void)
{
	if (root_dir)
		return root_dir;
	return getenv("KCRUMBS_ROOT") ? getenv("KCRUMBS_ROOT") : "";
}

int kc_root_is_fake(void)
{
	return root()[0] != '\0';
}

const char *kc_path(char *buf, size_t len, const char *path)
{
	snprintf(buf, len, "%s%s", root(), path);
	return buf;
}

int kc_read_long(const char *path, long *val)
{
	char p[4096], text[64], *end;
	ssize_t n;
	int fd;

	fd = open(kc_path(p, sizeof(p), path), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n < 0)
		return -EIO;
	text[n] = '\0';
	errno = 0;
	*val = strtol(text, &end, 10);
	if (errno || end == text)
		return -EINVAL;
	return 0;
}

int kc_write_str(const char *path, const char *s)
{
	size_t len = strlen(s);
	char p[4096];
	ssize_t n;
	int fd, err = 0;

	/* O_TRUNC as a shell's '>' does: no effect on /proc and /sys */
	fd = open(kc_path(p, sizeof(p), path), O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, s, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	if (close(fd) && !err)
		err = -errno;
	return err;
}
