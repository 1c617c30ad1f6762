/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs' archive of past boots, /var/lib/kcrumbs: the state file of the
 * running boot, one directory per ended boot under boots/ (summary,
 * summary.json, and the region with its read.json when there was one).
 */
#ifndef KC_ARCHIVE_H
#define KC_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "harvest.h"

#define KC_LIBDIR	"/var/lib/kcrumbs"
#define KC_STATE	KC_LIBDIR "/current"
#define KC_CLEAN	KC_LIBDIR "/clean"
#define KC_HARVESTED	KC_LIBDIR "/harvested"
#define KC_BOOTS	KC_LIBDIR "/boots"
#define KC_KEEP_BOOTS	50

/* The state file: which boot is running, and which one ran before it. */
struct kc_state {
	char boot_id[40];
	char release[65];
	uint64_t started_ns;
	char previous[40];
};

/* Read the state file; 0, or a negative errno (-ENOENT: none yet). */
int kc_state_read(struct kc_state *st);

/* The running boot's id (32 hex digits, as journalctl shows it). */
int kc_boot_id(char *buf, size_t len);

struct kc_archived {
	char name[64];		/* its directory under boots/ */
	uint64_t archived_ns;	/* when harvest wrote it (its summary's mtime) */
	struct kc_summary s;
};

/**
 * kc_archive_list() - every archived boot, oldest first
 * @out: malloc'd array (free it)
 * @n: how many
 *
 * Return: 0, or a negative errno (-ENOENT: no archive).
 */
int kc_archive_list(struct kc_archived **out, size_t *n);

#endif
