// SPDX-License-Identifier: GPL-2.0
/* `kcrumbs history`: past boots and how each ended, from the archive. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "cli.h"
#include "harvest.h"
#include "nlerr.h"
#include "report.h"

int kc_cmd_history(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_archived *a;
	size_t n, i;
	int err;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs history: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	err = kc_archive_list(&a, &n);
	if (err && err != -ENOENT) {
		if (ctx->json)
			kc_report_json_error(stdout, "cannot read " KC_BOOTS, KC_EXIT_FAIL);
		fprintf(stderr, "kcrumbs history: cannot read %s: %s\n", KC_BOOTS,
			strerror(-err));
		return err == -EACCES ? KC_EXIT_PERM : KC_EXIT_FAIL;
	}
	if (ctx->json) {
		fputs("{\"schema\":1,\"boots\":[", stdout);
		for (i = 0; i < n; i++) {
			fputs(i ? "," : "", stdout);
			kc_summary_json(stdout, &a[i].s);
		}
		fputs("]}\n", stdout);
	} else if (!n) {
		printf("no boots archived yet (kcrumbs-harvest.service archives "
		       "each boot's end at the next boot, in %s)\n", KC_BOOTS);
	} else {
		for (i = 0; i < n; i++)
			kc_summary_text(stdout, &a[i].s);
	}
	free(a);
	return n ? KC_EXIT_OK : KC_EXIT_NONE;
}
