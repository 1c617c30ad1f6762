/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading /proc and /sys under a root directory: KCRUMBS_ROOT (or the
 * --root option) lets tests point every reader at a fake tree.
 */
#ifndef KC_SYSFS_H
#define KC_SYSFS_H

#include <stddef.h>

/* Is a root directory other than / in use (tests, --root)? */
int kc_root_is_fake(void);

/* Set the root directory ("" or NULL: the real /). */
void kc_set_root(const char *root);

/**
 * kc_path() - the real path of @path under the root directory
 * @buf: output
 * @len: its size
 * @path: absolute path, such as "/proc/sys/kernel/panic"
 *
 * Return: @buf.
 */
const char *kc_path(char *buf, size_t len, const char *path);

/**
 * kc_read_long() - read the first integer of a /proc or /sys file
 * @path: absolute path, taken under the root directory
 * @val: the value
 *
 * Return: 0, or a negative errno (-ENOENT when the file does not exist,
 * -EINVAL when it holds no integer).
 */
int kc_read_long(const char *path, long *val);

/**
 * kc_write_str() - write @s to a /proc or /sys file
 * @path: absolute path, taken under the root directory
 * @s: what to write
 *
 * Return: 0 or a negative errno.
 */
int kc_write_str(const char *path, const char *s);

#endif
