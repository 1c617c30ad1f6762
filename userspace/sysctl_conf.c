// SPDX-License-Identifier: GPL-2.0
/* sysctl.d(5) files: parsing and key lookup, with no I/O. */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "sysctl_conf.h"

static const char *skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *trim_end(const char *s, const char *end)
{
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\r'))
		end--;
	return end;
}

int kc_sysctl_norm(const char *key, char *path, size_t len)
{
	size_t n = strlen(key), first = strcspn(key, "./"), i;
	bool swap = key[first] == '.';

	if (n == 0 || n >= len)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		char c = key[i];

		if (swap && c == '.')
			c = '/';
		else if (swap && c == '/')
			c = '.';
		path[i] = c;
	}
	path[n] = '\0';
	return 0;
}

void kc_sysctl_dotted(const char *path, char *key, size_t len)
{
	size_t i;

	for (i = 0; path[i] && i + 1 < len; i++)
		key[i] = path[i] == '/' ? '.' : path[i] == '.' ? '/' : path[i];
	if (len)
		key[i] = '\0';
}

static int copy_field(char *dst, size_t size, const char *s, const char *e)
{
	size_t n = (size_t)(e - s);

	if (n >= size)
		return -EINVAL;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

/* One non-comment line, [s, e) without its newline, into @ent. */
static int parse_line(const char *s, const char *e, struct kc_sysctl_entry *ent,
		      const char **why)
{
	const char *eq = memchr(s, '=', (size_t)(e - s)), *kend;
	char key[KC_SYSCTL_KEY_MAX];

	memset(ent, 0, sizeof(*ent));
	if (*s == '-') {
		ent->ignore_failure = true;
		s = skip_blank(s + 1, e);
	}
	kend = trim_end(s, eq ? eq : e);
	if (!eq && !ent->ignore_failure) {
		*why = "expected KEY = VALUE";
		return -EINVAL;
	}
	if (kend == s) {
		*why = "empty key";
		return -EINVAL;
	}
	if (copy_field(key, sizeof(key), s, kend) ||
	    kc_sysctl_norm(key, ent->path, sizeof(ent->path))) {
		*why = "key too long";
		return -EINVAL;
	}
	ent->glob = strpbrk(ent->path, "*?[") != NULL;
	if (!eq) {
		ent->exclude = true;	/* "-KEY": keep KEY out of a glob */
		return 0;
	}
	s = skip_blank(eq + 1, e);
	if (copy_field(ent->value, sizeof(ent->value), s, trim_end(s, e))) {
		*why = "value too long";
		return -EINVAL;
	}
	return 0;
}

int kc_sysctl_parse(const char *text, struct kc_sysctl_file *out, char *err,
		    size_t len)
{
	const char *p = text, *why = NULL;
	unsigned int line = 0;

	out->n = 0;
	while (*p) {
		const char *nl = strchr(p, '\n'), *e = nl ? nl : p + strlen(p);
		const char *s = skip_blank(p, e);

		line++;
		p = nl ? nl + 1 : e;
		if (trim_end(s, e) == s || *s == '#' || *s == ';')
			continue;
		if (out->n == KC_SYSCTL_MAX_LINES) {
			why = "too many assignments";
		} else if (parse_line(s, trim_end(s, e),
				      &out->entries[out->n], &why) == 0) {
			out->entries[out->n++].line = line;
			continue;
		}
		snprintf(err, len, "line %u: %s", line, why);
		return -EINVAL;
	}
	return 0;
}

static bool matches(const struct kc_sysctl_entry *e, const char *path)
{
	if (e->glob)
		return fnmatch(e->path, path, FNM_PATHNAME) == 0;
	return strcmp(e->path, path) == 0;
}

const struct kc_sysctl_entry *kc_sysctl_lookup(const struct kc_sysctl_file *f,
					       const char *path)
{
	const struct kc_sysctl_entry *explicit = NULL, *glob = NULL;
	bool excluded = false;
	unsigned int i;

	for (i = 0; i < f->n; i++) {
		const struct kc_sysctl_entry *e = &f->entries[i];

		if (!matches(e, path))
			continue;
		if (e->exclude)
			excluded = true;
		else if (e->glob)
			glob = e;
		else
			explicit = e;
	}
	if (explicit)
		return explicit;
	return excluded ? NULL : glob;
}
