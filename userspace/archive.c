// SPDX-License-Identifier: GPL-2.0
/* kcrumbs' archive of past boots (archive.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive.h"
#include "fileio.h"
#include "sysfs.h"

int kc_boot_id(char *buf, size_t len)
{
	char p[4096], *text;
	size_t i, o = 0;
	int err;

	text = kc_file_read(kc_path(p, sizeof(p), "/proc/sys/kernel/random/boot_id"),
			    128, &err);
	if (!text)
		return err;
	for (i = 0; text[i] && o + 1 < len; i++)
		if (text[i] != '-' && text[i] != '\n')
			buf[o++] = text[i];
	buf[o] = '\0';
	free(text);
	return o ? 0 : -EINVAL;
}

static void field(const char *text, const char *key, char *val, size_t len)
{
	size_t k = strlen(key);
	const char *p = text;

	val[0] = '\0';
	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, k) && p[k] == '=') {
			size_t n = strcspn(p + k + 1, "\n");

			if (n >= len)
				n = len - 1;
			memcpy(val, p + k + 1, n);
			val[n] = '\0';
			return;
		}
	}
}

int kc_state_read(struct kc_state *st)
{
	char p[4096], num[32], *text;
	int err;

	memset(st, 0, sizeof(*st));
	text = kc_file_read(kc_path(p, sizeof(p), KC_STATE), 4096, &err);
	if (!text)
		return err;
	field(text, "boot_id", st->boot_id, sizeof(st->boot_id));
	field(text, "release", st->release, sizeof(st->release));
	field(text, "previous", st->previous, sizeof(st->previous));
	field(text, "started_ns", num, sizeof(num));
	st->started_ns = strtoull(num, NULL, 10);
	free(text);
	return st->boot_id[0] ? 0 : -EINVAL;
}

/* When the boot started, to the second (else when it crashed) */
static uint64_t order_key(const struct kc_summary *s)
{
	return (s->started_ns ? s->started_ns : s->crashed_ns) / 1000000000ull;
}

/* Oldest first; boots that started in the same second, in harvest order. */
static int by_time(const void *a, const void *b)
{
	const struct kc_archived *x = a, *y = b;
	uint64_t kx = order_key(&x->s), ky = order_key(&y->s);

	if (kx != ky)
		return kx < ky ? -1 : 1;
	if (x->archived_ns != y->archived_ns)
		return x->archived_ns < y->archived_ns ? -1 : 1;
	return strcmp(x->name, y->name);
}

int kc_archive_list(struct kc_archived **out, size_t *n)
{
	char dir[4096], path[4400], *text;
	struct kc_archived *a = NULL, *t;
	size_t cap = 0;
	struct dirent *d;
	DIR *dh;
	int err;

	*out = NULL;
	*n = 0;
	dh = opendir(kc_path(dir, sizeof(dir), KC_BOOTS));
	if (!dh)
		return -errno;
	while ((d = readdir(dh))) {
		if (d->d_name[0] == '.' || strlen(d->d_name) >= sizeof(a->name))
			continue;
		snprintf(path, sizeof(path), "%s/%s/summary", dir, d->d_name);
		text = kc_file_read(path, 16384, &err);
		if (!text)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			t = realloc(a, cap * sizeof(*a));
			if (!t) {
				free(text);
				break;
			}
			a = t;
		}
		if (!kc_summary_parse(text, &a[*n].s)) {
			struct stat st;

			a[*n].archived_ns = stat(path, &st) ? 0 :
				(uint64_t)st.st_mtim.tv_sec * 1000000000ull +
				(uint64_t)st.st_mtim.tv_nsec;
			snprintf(a[*n].name, sizeof(a[*n].name), "%s", d->d_name);
			(*n)++;
		}
		free(text);
	}
	closedir(dh);
	if (*n)
		qsort(a, *n, sizeof(*a), by_time);
	*out = a;
	return 0;
}
