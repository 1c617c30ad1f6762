/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a boot ended, decided from what it left (kcrumbs harvest), and the
 * one summary that the archive, the journal entry, history and last-boot
 * share. Pure: no I/O.
 */
#ifndef KC_HARVEST_H
#define KC_HARVEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "decode.h"
#include "signature.h"

/* journald's MESSAGE_ID of the entry written at every boot */
#define KC_JOURNAL_MESSAGE_ID "5b8f2a1cd3e94f6a8e07c4b19d2e6f3a"

enum kc_hfate {
	KC_H_CRASHED,	/* a crash: kcrumbs' record, or kdump's dump */
	KC_H_CLEAN,	/* shut down or rebooted cleanly */
	KC_H_VANISHED,	/* ended without a trace */
	KC_H_UNKNOWN,	/* nothing known of it (kcrumbs' first boot here) */
};

struct kc_summary {
	enum kc_hfate fate;
	char boot_id[40];	/* systemd's boot id of the boot that ended */
	char release[65];	/* its kernel */
	uint64_t started_ns;	/* when it started (wall), 0 if unknown */
	uint64_t crashed_ns;	/* when it crashed (wall), 0 if unknown */
	char cause[32];		/* kc_cause_name(), when crashed */
	char message[256];
	char function[160];
	char title[KC_TITLE_MAX];	/* kc_signature()'s, when crashed */
	char signature[17];
	char task[20];
	uint32_t pid, cpu;
	unsigned int survived;	/* events the kernel lived through */
	char source[320];	/* where the verdict comes from */
};

/* What a boot left, gathered by cmd_harvest.c. */
struct kc_harvest_in {
	bool known;		/* the boot is known (the state file) */
	const char *boot_id;
	const char *release;
	uint64_t started_ns;
	bool clean_mark;	/* its shutdown ran `harvest --shutdown` */
	const struct kc_region *reserved;	/* the module's copy, or NULL */
	const struct kc_region *captured;	/* the capture path's, or NULL */
	const char *capture_path;		/* its JSON */
	bool capture_empty;	/* the capture path ran, found no region */
	const char *dump_path;	/* a kdump dump of this boot without ours */
};

/**
 * kc_harvest_decide() - how the boot ended, from what it left
 * @in: the evidence
 * @s: the summary
 *
 * A reserved region decides (its state: crashed, clean, else vanished);
 * else the capture path's region (crashed); else kdump's files alone
 * (crashed, no breadcrumbs); else the clean-shutdown mark; else, for a
 * known boot, vanished; else unknown.
 */
void kc_harvest_decide(const struct kc_harvest_in *in, struct kc_summary *s);

const char *kc_hfate_name(enum kc_hfate fate);

/* key=value lines, one per field: the archive's "summary" file. */
void kc_summary_write(FILE *f, const struct kc_summary *s);

/**
 * kc_summary_parse() - read back kc_summary_write()'s text
 * Return: 0, or -EINVAL when it has no valid fate.
 */
int kc_summary_parse(const char *text, struct kc_summary *s);

/* One object, schema 1 (docs/json.md). */
void kc_summary_json(FILE *f, const struct kc_summary *s);

/* One line for a person (last-boot, harvest, the journal's MESSAGE). */
void kc_summary_text(FILE *f, const struct kc_summary *s);

#endif
