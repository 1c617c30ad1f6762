/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shell completion, generated from the command table (kc_cmds) and the
 * popt tables main.c parses with: a command or an option added there is
 * completed without a line written here. Pure: writes to a FILE.
 */
#ifndef KC_COMPLETION_H
#define KC_COMPLETION_H

#include <stdio.h>

#include "cli.h"

/*
 * What an option's argument, or a command's operand, completes to: read
 * from its metavariable (popt's argDescrip, kc_cmd.operand).
 */
enum kc_arg_kind {
	KC_ARG_TEXT,		/* anything else (N, SIZE, TAG): nothing offered */
	KC_ARG_FILE,		/* FILE, PATH: file names */
	KC_ARG_DIR,		/* DIR: directory names */
	KC_ARG_PROFILE,		/* PROFILE: the policy profiles' names */
	KC_ARG_TYPE,		/* TYPE: the crash types, from `trigger --list` */
	KC_ARG_KNOB,		/* KEY=VALUE: a panic knob's KEY= (knobs.c) */
};

/**
 * kc_arg_kind() - how a metavariable's values complete
 * @metavar: "FILE", "DIR", "PROFILE", "TYPE", "KEY=VALUE", with or
 *	     without a trailing "..."; NULL is KC_ARG_TEXT
 * @repeats: if not NULL, set to whether it ended in "..." (any number)
 *
 * Return: the kind; KC_ARG_TEXT for a name it does not know.
 */
enum kc_arg_kind kc_arg_kind(const char *metavar, int *repeats);

/* "file", "dir", ...: the kind's name in the generated script */
const char *kc_arg_kind_name(enum kc_arg_kind kind);

/**
 * struct kc_completion_spec - what a completion script is generated from
 * @prog: the command's name ("kcrumbs")
 * @version: its version, for the script's first line
 * @cmds: the commands (kc_cmds)
 * @n_cmds: how many
 * @global: the options before COMMAND (kc_global_options)
 * @common: the options every command takes besides its own, as main.c's
 *	    run_cmd() adds them (kc_common_options)
 * @profiledir: where the policy profiles are installed
 *		(KCRUMBS_PROFILEDIR); $KCRUMBS_PROFILES wins at completion
 *		time, as it does for kcrumbs itself
 */
struct kc_completion_spec {
	const char *prog;
	const char *version;
	const struct kc_cmd *cmds;
	unsigned int n_cmds;
	const struct poptOption *global;
	const struct poptOption *common;
	const char *profiledir;
};

/**
 * kc_completion_bash() - write a bash completion script
 * @f: where to write
 * @s: the tables to read
 *
 * The script defines _kcrumbs and runs `complete -F _kcrumbs PROG`. It
 * completes the global options and the command names before a command;
 * after one, its options (nested POPT_ARG_INCLUDE_TABLE tables included,
 * POPT_ARGFLAG_DOC_HIDDEN ones left out) and @s->common; an option's
 * argument and the command's operands by their kind (enum kc_arg_kind);
 * and a command's subcommand words. It needs bash 4 and nothing else
 * (not the bash-completion package).
 *
 * Return: 0; -EINVAL if a command, subcommand, option or knob name holds
 * a character other than letters, digits, '.', '_' and '-' (it would need
 * shell quoting); -EIO if writing failed.
 */
int kc_completion_bash(FILE *f, const struct kc_completion_spec *s);

#endif
