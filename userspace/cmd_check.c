// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs check`: is kdump really armed? Exits 0 only when a crash now
 * would be captured; every row that is not ok says how to fix it.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "json.h"
#include "nlerr.h"
#include "policy.h"

static char *opt_profile;

const struct poptOption kc_check_options[] = {
	{ "profile", 'p', POPT_ARG_STRING, &opt_profile, 0,
	  "compare the panic knobs with PROFILE (default: the persisted one, "
	  "else kdump)", "PROFILE" },
	POPT_TABLEEND
};

static void print_json(const char *profile, const struct kc_check_result *r,
		       unsigned int n, unsigned int fails, unsigned int warns)
{
	unsigned int i;

	printf("{\"schema\":1,\"ready\":%s,\"failures\":%u,\"warnings\":%u,"
	       "\"profile\":", fails ? "false" : "true", fails, warns);
	kc_json_string(stdout, profile);
	fputs(",\"checks\":[", stdout);
	for (i = 0; i < n; i++) {
		printf("%s{\"name\":", i ? "," : "");
		kc_json_string(stdout, r[i].name);
		printf(",\"status\":\"%s\",\"detail\":",
		       kc_check_status_name(r[i].status));
		kc_json_string(stdout, r[i].detail);
		fputs(",\"fix\":", stdout);
		kc_json_string(stdout, r[i].fix);
		fputs("}", stdout);
	}
	fputs("]}\n", stdout);
}

static void print_text(const struct kc_check_result *r, unsigned int n,
		       unsigned int fails, unsigned int warns)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		printf("%-5s %s: %s\n", kc_check_status_name(r[i].status),
		       r[i].name, r[i].detail);
		if (r[i].fix[0])
			printf("      fix: %s\n", r[i].fix);
	}
	if (fails)
		printf("\nkdump is NOT armed: a crash now would not be captured "
		       "(%u failure%s, %u warning%s).\n", fails,
		       fails == 1 ? "" : "s", warns, warns == 1 ? "" : "s");
	else
		printf("\nkdump is armed: a crash now would be captured "
		       "(%u warning%s).\n", warns, warns == 1 ? "" : "s");
}

int kc_cmd_check(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_check_result r[KC_CHECK_MAX];
	unsigned int i, n, fails = 0, warns = 0;
	const char *profile = opt_profile;
	char persisted[64];

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs check: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	if (!profile) {
		kc_dropin_profile(persisted, sizeof(persisted));
		profile = persisted[0] && strcmp(persisted, "custom") ?
			  persisted : "kdump";
	}
	n = kc_check_run(profile, r);
	for (i = 0; i < n; i++) {
		fails += r[i].status == KC_CHECK_FAIL;
		warns += r[i].status == KC_CHECK_WARN;
	}
	if (ctx->json)
		print_json(profile, r, n, fails, warns);
	else
		print_text(r, n, fails, warns);
	return fails ? KC_EXIT_FAIL : KC_EXIT_OK;
}
