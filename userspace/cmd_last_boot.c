// SPDX-License-Identifier: GPL-2.0
/* `kcrumbs last-boot`: the previous boot's fate in one line. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "lastboot.h"
#include "nlerr.h"
#include "report.h"
#include "source.h"

int kc_cmd_last_boot(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_region_bytes src;
	struct kc_verdict v;
	struct kc_region r;
	const char *why;
	int rc;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs last-boot: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	rc = kc_read_previous(&src, &why);
	if (!rc && kc_region_decode(src.buf, src.len, &r, &why))
		rc = KC_EXIT_CORRUPT;
	if (rc) {
		if (ctx->json)
			kc_report_json_error(stdout, why, rc);
		fprintf(stderr, "kcrumbs last-boot: %s\n", why);
		if (src.buf)
			free(src.buf);
		return rc;
	}
	kc_last_boot(&r, &v);
	if (ctx->json)
		kc_last_boot_json(stdout, &r, &v);
	else
		kc_last_boot_text(stdout, &r, &v);
	kc_region_free(&r);
	free(src.buf);
	return KC_EXIT_OK;
}
