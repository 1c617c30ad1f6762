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
 * struct kc_subcmd - a word a command takes as its first argument
 * @name: the word (`policy apply`)
 * @operand: what its arguments are, as in struct kc_cmd, or NULL
 * @run: its handler, given the arguments after the word; an enum kc_exit
 */
struct kc_subcmd {
	const char *name;
	const char *operand;
	int (*run)(struct kc_ctx *ctx, int argc, const char **argv);
};

/**
 * struct kc_cmd - one `kcrumbs COMMAND`
 * @name: what the user types
 * @args: synopsis of its arguments after the options ("" if none)
 * @summary: one line for `kcrumbs --help`
 * @options: its own popt options (may be NULL); --json and --help are added
 * @subcmds: the words its first argument is one of, ended by a NULL name;
 *	     NULL if none. The handler dispatches on the same table.
 * @operand: what its arguments are, for completion (NULL: nothing to
 *	     offer), named as an option's argDescrip is: FILE, DIR, PROFILE,
 *	     TYPE (a crash type), KEY=VALUE (a panic knob); a trailing "..."
 *	     means any number of them (completion.h)
 * @run: the handler; @argv holds the arguments left after the options.
 *	 Returns an enum kc_exit code.
 */
struct kc_cmd {
	const char *name;
	const char *args;
	const char *summary;
	const struct poptOption *options;
	const struct kc_subcmd *subcmds;
	const char *operand;
	int (*run)(struct kc_ctx *ctx, int argc, const char **argv);
};

extern const struct kc_cmd kc_cmds[];
extern const unsigned int kc_n_cmds;

/**
 * struct kc_globals - what the global options set (options.c)
 * @ctx: --json, handed to every command
 * @help: --help, before or after COMMAND
 * @version: --version
 * @root: --root DIR, or NULL
 */
struct kc_globals {
	struct kc_ctx ctx;
	int help;
	int version;
	char *root;
};

extern struct kc_globals kc_globals;
/* --json and --help: before COMMAND and after every one */
extern const struct poptOption kc_common_options[];
/* before COMMAND: --version, --root and kc_common_options */
extern const struct poptOption kc_global_options[];

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
extern const struct kc_subcmd kc_policy_subcmds[];
int kc_cmd_qa(struct kc_ctx *ctx, int argc, const char **argv);
extern const struct poptOption kc_qa_options[];
extern const struct kc_subcmd kc_qa_subcmds[];
int kc_cmd_completion(struct kc_ctx *ctx, int argc, const char **argv);
extern const struct kc_subcmd kc_completion_subcmds[];
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

struct kc_trigger_list;
struct kc_trigger;
/**
 * kc_trigger_load_types() - the crash types: sysrq-c, MCE_INJECT (its
 *	availability probed: kc_mce_inject_probe()), then the trigger
 *	module's (LIST_TRIGGERS) when it is loaded
 * @nl: a connection, opened to the trigger module's family when it is
 *	loaded (close it with kc_nl_close() in every case)
 * @l: the list
 * @loaded: set when the trigger module answered
 *
 * Return: an enum kc_exit code (not loaded is KC_EXIT_OK, @loaded 0).
 */
int kc_trigger_load_types(struct kc_nl *nl, struct kc_trigger_list *l,
			  int *loaded);

/**
 * kc_trigger_fire() - fire a crash type now, with no question asked: the
 *	caller has checked (sysrq-c; MCE_INJECT, kc_mce_inject_fire(), which
 *	returns only when the machine survived or it failed; or ARM then
 *	TRIGGER over @nl)
 * Return: an enum kc_exit code.
 */
int kc_trigger_fire(struct kc_nl *nl, const struct kc_trigger *t);

#endif
