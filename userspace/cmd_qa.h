/* SPDX-License-Identifier: GPL-2.0 */
/* What cmd_qa.c and cmd_qa_step.c share (`kcrumbs qa`). */
#ifndef KC_CMD_QA_H
#define KC_CMD_QA_H

#include "cli.h"
#include "qa.h"

/* The one run the command works on (static storage: it is large). */
extern struct kc_qa_run kc_qa_the_run;

/* KC_EXIT_OK for root or a fake root, else KC_EXIT_PERM with a message. */
int kc_qa_need_root(const char *what);

/**
 * kc_qa_open() - load the run, saying why not
 * @run: the run
 * @what: the subcommand, for messages
 * @lock: NULL to read without the lock (the file is replaced whole, so a
 *	reader sees a whole one); else the lock is taken first and held on
 *	success (kc_qa_unlock() it), released on failure (-1)
 *
 * Return: KC_EXIT_OK, KC_EXIT_NONE (no run), KC_EXIT_CORRUPT or
 * KC_EXIT_FAIL.
 */
int kc_qa_open(struct kc_qa_run *run, const char *what, int *lock);

/* systemctl VERB kcrumbs-qa.service (start and stop: --no-block); its status. */
int kc_qa_unit(const char *verb);

/* The operator's saved policy back, saying so on @out (errors on stderr). */
void kc_qa_restore(const struct kc_qa_run *run, FILE *out);

/* `qa step`: kcrumbs-qa.service's ExecStart (cmd_qa_step.c). */
int kc_qa_step(struct kc_ctx *ctx, int argc, const char **argv);

#endif
