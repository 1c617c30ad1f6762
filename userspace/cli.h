/* SPDX-License-Identifier: GPL-2.0 */
/* The kcrumbs command table. */
#ifndef KC_CLI_H
#define KC_CLI_H

#include <popt.h>

#include "status.h"

struct kc_ctx {
	int json;		/* --json: machine-readable output */
};

/**
 * struct kc_cmd - one `kcrumbs COMMAND`
 * @name: what the user types
 * @args: synopsis of its arguments after the options ("" if none)
 * @summary: one line for `kcrumbs --help`
 * @options: its own popt options (may be NULL); --json and --help are added
 * @run: the handler; @argv holds the arguments left after the options.
 *	 Returns an enum kc_exit code.
 */
struct kc_cmd {
	const char *name;
	const char *args;
	const char *summary;
	const struct poptOption *options;
	int (*run)(struct kc_ctx *ctx, int argc, const char **argv);
};

extern const struct kc_cmd kc_cmds[];
extern const unsigned int kc_n_cmds;

/* Handlers and their options, one file each. */
int kc_cmd_status(struct kc_ctx *ctx, int argc, const char **argv);
int kc_cmd_arm(struct kc_ctx *ctx, int argc, const char **argv);
int kc_cmd_trigger(struct kc_ctx *ctx, int argc, const char **argv);
int kc_cmd_read(struct kc_ctx *ctx, int argc, const char **argv);
int kc_cmd_kdump_args(struct kc_ctx *ctx, int argc, const char **argv);
int kc_cmd_last_boot(struct kc_ctx *ctx, int argc, const char **argv);
int kc_cmd_capture(struct kc_ctx *ctx, int argc, const char **argv);
int kc_cmd_harvest(struct kc_ctx *ctx, int argc, const char **argv);
extern const struct poptOption kc_harvest_options[];
int kc_cmd_history(struct kc_ctx *ctx, int argc, const char **argv);
extern const struct poptOption kc_capture_options[];
int kc_cmd_check(struct kc_ctx *ctx, int argc, const char **argv);
extern const struct poptOption kc_check_options[];
int kc_cmd_crashkernel(struct kc_ctx *ctx, int argc, const char **argv);
extern const struct poptOption kc_crashkernel_options[];
int kc_cmd_mark(struct kc_ctx *ctx, int argc, const char **argv);
extern const struct poptOption kc_mark_options[];
int kc_cmd_policy(struct kc_ctx *ctx, int argc, const char **argv);
extern const struct poptOption kc_policy_options[];
extern const struct poptOption kc_kdump_args_options[];
extern const struct poptOption kc_read_options[];
extern const struct poptOption kc_arm_options[];
extern const struct poptOption kc_trigger_options[];

struct kc_nl;
/* ARM over an open connection; an enum kc_exit code. */
int kc_arm(struct kc_nl *nl, unsigned int seconds);

/**
 * kc_query_status() - ask the loaded module for its status
 * @st: filled on success
 * @errmsg: on failure, the reason in plain words
 * @len: size of @errmsg
 *
 * Return: KC_EXIT_OK or another enum kc_exit code.
 */
int kc_query_status(struct kc_status *st, char *errmsg, size_t len);

#endif
