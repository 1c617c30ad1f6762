/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Whole small files: read one (bounded, regular files only) and replace
 * one atomically. The one reader and writer of configuration text.
 */
#ifndef KC_FILEIO_H
#define KC_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/**
 * kc_file_read() - a regular file's whole text
 * @path: the file (a real path: callers apply kc_path())
 * @max: the largest size accepted
 * @err: 0, or -ENOENT, -EISDIR, -EINVAL (not a regular file: a FIFO or a
 *	device is never opened for reading), -EFBIG (over @max), -ENOMEM...
 *
 * Return: the text, NUL-terminated (free() it), or NULL.
 */
char *kc_file_read(const char *path, size_t max, int *err);

/**
 * kc_file_replace() - write @text to @path through a temporary file and
 *	rename(2), so that a reader sees the old or the new file, never half
 * @path: the file
 * @text: its new content
 * @mode: the mode for a new file; an existing file keeps its mode and owner
 *
 * Return: 0 or a negative errno.
 */
int kc_file_replace(const char *path, const char *text, mode_t mode);

/* kc_file_replace() for @len bytes of anything. */
int kc_file_replace_buf(const char *path, const void *buf, size_t len,
			mode_t mode);

/**
 * kc_mkdirs() - make @path and its missing parents (mode 0755)
 * Return: 0 or a negative errno.
 */
int kc_mkdirs(const char *path);

#endif
