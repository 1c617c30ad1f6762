// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs last-boot`: the previous boot's fate in one line. From the
 * module's copy of the reserved region; else (dynamic mode, through kdump)
 * from what kcrumbs-harvest.service archived at this boot's start.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "cli.h"
#include "fileio.h"
#include "harvest.h"
#include "json.h"
#include "lastboot.h"
#include "nlerr.h"
#include "report.h"
#include "source.h"
#include "sysfs.h"

static void print_region(struct kc_ctx *ctx, const struct kc_region *r)
{
	struct kc_verdict v;

	kc_last_boot(r, &v);
	if (ctx->json)
		kc_last_boot_json(stdout, r, &v);
	else
		kc_last_boot_text(stdout, r, &v);
}

/*
 * The archive's entry for the boot before this one. Return: an exit code;
 * *@found says whether there was one.
 */
static int from_archive(struct kc_ctx *ctx, int *found)
{
	char dir[4096], path[4400], *text;
	struct kc_region_bytes src = { 0 };
	struct kc_summary s;
	struct kc_region r;
	struct kc_state st;
	const char *why;
	int err;

	*found = 0;
	if (kc_state_read(&st) || !st.previous[0])
		return KC_EXIT_NONE;
	kc_path(dir, sizeof(dir), KC_BOOTS);
	snprintf(path, sizeof(path), "%s/%s/summary", dir, st.previous);
	text = kc_file_read(path, 16384, &err);
	if (!text)
		return err == -EACCES ? KC_EXIT_PERM : KC_EXIT_NONE;
	err = kc_summary_parse(text, &s);
	free(text);
	if (err)
		return KC_EXIT_CORRUPT;
	*found = 1;
	/* the region kept, when there was one: the same words as reserved mode */
	snprintf(path, sizeof(path), "%s/%s/region", dir, st.previous);
	if (s.fate == KC_H_CRASHED && !kc_read_raw(path, &src, &why) &&
	    !kc_region_decode(src.buf, src.len, &r, &why)) {
		print_region(ctx, &r);
		kc_region_free(&r);
		free(src.buf);
		return KC_EXIT_OK;
	}
	free(src.buf);
	if (ctx->json) {
		fputs("{\"schema\":2,\"fate\":", stdout);
		kc_json_string(stdout, kc_hfate_name(s.fate));
		fputs(",\"release\":", stdout);
		kc_json_string(stdout, s.release);
		fputs(",\"survived\":0,\"survived_events\":[],\"source\":", stdout);
		kc_json_string(stdout, s.source);
		fputs("}\n", stdout);
	} else {
		fputs("previous ", stdout);
		kc_summary_text(stdout, &s);
	}
	return KC_EXIT_OK;
}

int kc_cmd_last_boot(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_region_bytes src = { 0 };
	struct kc_region r;
	const char *why;
	int rc, arc, found;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs last-boot: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	rc = kc_read_previous(&src, &why);
	if (!rc && kc_region_decode(src.buf, src.len, &r, &why))
		rc = KC_EXIT_CORRUPT;
	if (rc == KC_EXIT_NONE || rc == KC_EXIT_NOMODULE) {
		/* dynamic mode: what the harvest archived */
		arc = from_archive(ctx, &found);
		if (found) {
			free(src.buf);
			return arc;
		}
	}
	if (rc) {
		if (ctx->json)
			kc_report_json_error(stdout, why, rc);
		fprintf(stderr, "kcrumbs last-boot: %s\n", why);
		free(src.buf);
		return rc;
	}
	print_region(ctx, &r);
	kc_region_free(&r);
	free(src.buf);
	return KC_EXIT_OK;
}
