// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs completion bash`: print the bash completion script, generated
 * from the command table and the option tables (completion.c), so that
 * every command and option is completed as soon as it exists.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "completion.h"
#include "nlerr.h"

#include "buildinfo.h"

static int completion_bash(struct kc_ctx *ctx, int argc, const char **argv)
{
	const struct kc_completion_spec s = {
		.prog = "kcrumbs",
		.version = KCRUMBS_VERSION,
		.cmds = kc_cmds,
		.n_cmds = kc_n_cmds,
		.global = kc_global_options,
		.common = kc_common_options,
		.profiledir = KCRUMBS_PROFILEDIR,
	};
	int err;

	(void)ctx;
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs completion bash: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	err = kc_completion_bash(stdout, &s);
	if (!err && fflush(stdout))
		err = -EIO;
	if (err == -EINVAL) {
		fprintf(stderr, "kcrumbs completion: a name in the command table "
			"would need shell quoting\n");
		return KC_EXIT_FAIL;
	}
	if (err) {
		fprintf(stderr, "kcrumbs completion: cannot write the script: %s\n",
			strerror(-err));
		return KC_EXIT_FAIL;
	}
	return KC_EXIT_OK;
}

/* the shells: dispatched on here, completed from commands.c */
const struct kc_subcmd kc_completion_subcmds[] = {
	{ "bash", NULL, completion_bash },
	{ NULL, NULL, NULL }
};

/* "bash, zsh": the shells known, for an error message */
static void shells(char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; kc_completion_subcmds[i].name && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? ", " : "",
					 kc_completion_subcmds[i].name);
}

int kc_cmd_completion(struct kc_ctx *ctx, int argc, const char **argv)
{
	char known[128];
	unsigned int i;

	shells(known, sizeof(known));
	if (ctx->json) {
		fprintf(stderr, "kcrumbs completion: prints a shell script, not "
			"JSON: run it without --json\n");
		return KC_EXIT_USAGE;
	}
	if (argc < 1) {
		fprintf(stderr, "kcrumbs completion: which shell? (%s)\n", known);
		return KC_EXIT_USAGE;
	}
	for (i = 0; kc_completion_subcmds[i].name; i++)
		if (strcmp(argv[0], kc_completion_subcmds[i].name) == 0)
			return kc_completion_subcmds[i].run(ctx, argc - 1,
							    argv + 1);
	fprintf(stderr, "kcrumbs completion: unknown shell '%s' (known: %s)\n",
		argv[0], known);
	return KC_EXIT_USAGE;
}
