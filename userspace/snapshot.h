/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The system at a fatal event (a KCRUMBS_REC_SNAPSHOT record), for people
 * and scripts: what crash's `sys` and `kmem -i` show. Pure: writes only to
 * the FILE or buffer it is given.
 */
#ifndef KC_SNAPSHOT_H
#define KC_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decode.h"

/* Taint flags the kernel knows of (kernel/panic.c taint_flags[]). */
#define KC_TAINT_FLAGS 20

/**
 * kc_taint_letters() - a taint mask as the kernel prints it: "P W O"
 * @mask: /proc/sys/kernel/tainted's bits
 * @buf: "Not tainted" for 0; else the first flag's letter (P, or G when
 *	it is not set), then the letter of each other flag set, space apart;
 *	a bit the table does not know adds "?"
 * @len: bytes at @buf (64 hold any mask)
 */
void kc_taint_letters(uint64_t mask, char *buf, size_t len);

/**
 * kc_taint_flag() - flag @bit's letter and what it means
 * @bit: 0 .. KC_TAINT_FLAGS - 1
 * @set: whether it is set (flag 0 has a letter either way: P or G)
 * @words: what it means, in words
 *
 * Return: the letter, or 0 for a bit the table does not know.
 */
char kc_taint_flag(unsigned int bit, int set, const char **words);

/* "0.52": a load average (fixed point, 11 bits) as /proc/loadavg rounds it. */
void kc_load_text(uint64_t load, char *buf, size_t len);

/* "1.9 GiB", "120.3 MiB", "512 KiB", "12 B": binary units, one decimal. */
void kc_size_text(uint64_t bytes, char *buf, size_t len);

/* "2 days, 03:04:05", "00:01:23": as crash's `sys` shows an uptime. */
void kc_uptime_text(uint64_t ns, char *buf, size_t len);

/* The names of enum kcrumbs_trail, in JSON ("warn") and text ("warnings"). */
const char *kc_trail_name(unsigned int i);
const char *kc_trail_text(unsigned int i);

/**
 * kc_snapshot_text() - the snapshot as an indented block of "KEY: value"
 * @f: where
 * @s: the decoded snapshot
 * @release: the kernel's release (the region header's)
 * @indent: put before each line
 */
void kc_snapshot_text(FILE *f, const struct kc_snapshot *s, const char *release,
		      const char *indent);

/* The snapshot as a JSON object (docs/json.md, `read`). */
void kc_snapshot_json(FILE *f, const struct kc_snapshot *s);

#endif
