/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A parser for sysctl.d(5) files, the format of the policy profiles in
 * sysctl.d/ and of the drop-in `policy --persist` writes. Pure: no I/O.
 *
 * What it follows from sysctl.d(5) (systemd 252, Debian 12):
 *  - one "KEY = VALUE" per line; whitespace around both is dropped;
 *  - empty lines and lines whose first non-blank is '#' or ';' are comments;
 *  - '/' or '.' separate a key's parts: when the first separator is a '.',
 *    dots and slashes swap ("a.b/c.d" is the path a/b.c/d);
 *  - a '-' before the key: a failure to set it is ignored;
 *  - a key may be a glob(7) pattern: the value goes to every matching key,
 *    except keys with an explicit assignment of their own (whatever the
 *    order) and keys excluded by a "-KEY" line without '=' (KEY may be a
 *    glob too);
 *  - a later assignment to the same key wins.
 */
#ifndef KC_SYSCTL_CONF_H
#define KC_SYSCTL_CONF_H

#include <stdbool.h>
#include <stddef.h>

#define KC_SYSCTL_KEY_MAX 128
#define KC_SYSCTL_VAL_MAX 128
#define KC_SYSCTL_MAX_LINES 256

/**
 * struct kc_sysctl_entry - one assignment line
 * @path: the key as a path under /proc/sys ("kernel/panic")
 * @value: the value, or "" for an exclusion
 * @ignore_failure: the line began with '-'
 * @exclude: "-KEY" without '=': keeps KEY out of any glob's matches
 * @glob: @path holds a glob pattern
 * @line: its line number, from 1
 */
struct kc_sysctl_entry {
	char path[KC_SYSCTL_KEY_MAX];
	char value[KC_SYSCTL_VAL_MAX];
	bool ignore_failure;
	bool exclude;
	bool glob;
	unsigned int line;
};

/**
 * struct kc_sysctl_file - a parsed file, assignments in file order
 * @n: number of entries
 * @entries: the entries
 */
struct kc_sysctl_file {
	unsigned int n;
	struct kc_sysctl_entry entries[KC_SYSCTL_MAX_LINES];
};

/**
 * kc_sysctl_parse() - parse the text of a sysctl.d file
 * @text: the whole file, NUL-terminated
 * @out: the entries
 * @err: on failure, "line N: why"
 * @len: size of @err
 *
 * Return: 0, or -EINVAL for a malformed line (no '=', empty key, a key or
 * value too long, too many lines).
 */
int kc_sysctl_parse(const char *text, struct kc_sysctl_file *out, char *err,
		    size_t len);

/**
 * kc_sysctl_norm() - a key as its path under /proc/sys
 * @key: "kernel.panic", "kernel/panic", "net.ipv4.conf.eth0/1.x", ...
 * @path: output
 * @len: size of @path
 *
 * Return: 0, or -EINVAL when @key is empty or does not fit.
 */
int kc_sysctl_norm(const char *key, char *path, size_t len);

/**
 * kc_sysctl_dotted() - a /proc/sys path as the dotted name sysctl(8) shows
 * @path: "kernel/panic"
 * @key: output, "kernel.panic"
 * @len: size of @key
 */
void kc_sysctl_dotted(const char *path, char *key, size_t len);

/**
 * kc_sysctl_lookup() - the assignment a file makes to one key
 * @f: the parsed file
 * @path: the key, as a path ("kernel/panic")
 *
 * Applies the rules above: the last explicit assignment wins; otherwise the
 * last glob that matches, unless an exclusion matches the key.
 *
 * Return: the entry that decides, or NULL when the file does not set @path.
 */
const struct kc_sysctl_entry *kc_sysctl_lookup(const struct kc_sysctl_file *f,
					       const char *path);

#endif
