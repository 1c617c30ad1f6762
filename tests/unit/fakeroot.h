/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake /proc and /sys tree for unit tests: a temporary directory that
 * KCRUMBS_ROOT (or kc_set_root()) points the code at.
 */
#ifndef KC_TEST_FAKEROOT_H
#define KC_TEST_FAKEROOT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* Make a fresh tree; @dir (64 bytes or more) receives its path. */
static inline void fakeroot_new(char *dir)
{
	strcpy(dir, "/tmp/kc-fakeroot.XXXXXX");
	assert_non_null(mkdtemp(dir));
}

/* Write @text to @path (absolute, as on a real machine) inside @dir. */
static inline void fakeroot_put(const char *dir, const char *path,
				const char *text)
{
	char full[512], cmd[600];
	FILE *f;

	snprintf(full, sizeof(full), "%s%s", dir, path);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", full);
	assert_int_equal(system(cmd), 0);
	f = fopen(full, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Write @len bytes of @buf to @path inside @dir (its directories made). */
static inline void fakeroot_put_bytes(const char *dir, const char *path,
				      const void *buf, size_t len)
{
	char full[512];
	FILE *f;

	fakeroot_put(dir, path, "");
	snprintf(full, sizeof(full), "%s%s", dir, path);
	f = fopen(full, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
}

/* Whether @path exists inside @dir. */
static inline int fakeroot_exists(const char *dir, const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", dir, path);
	return access(full, F_OK) == 0;
}

/* The text of @path inside @dir (free() it), or NULL when it is missing. */
static inline char *fakeroot_get(const char *dir, const char *path)
{
	char full[512], *buf = NULL;
	size_t n = 0, got;
	FILE *f;

	snprintf(full, sizeof(full), "%s%s", dir, path);
	f = fopen(full, "r");
	if (!f)
		return NULL;
	for (;;) {
		buf = realloc(buf, n + 4097);
		assert_non_null(buf);
		got = fread(buf + n, 1, 4096, f);
		n += got;
		if (got < 4096)
			break;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static inline int fakeroot_remove(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

#endif
