// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs mark`: annotations kept in the region beside the kernel's own
 * breadcrumbs. One mark from the arguments, or one per line of standard
 * input, sent KCRUMBS_MARK_BATCH_MAX to a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "cli.h"
#include "nl.h"
#include "nlerr.h"

static char *opt_tag;
static int opt_batch = KCRUMBS_MARK_BATCH_MAX;

const struct poptOption kc_mark_options[] = {
	{ "tag", 't', POPT_ARG_STRING, &opt_tag, 0,
	  "a tag for the mark: who or what it is about (15 bytes at most)",
	  "TAG" },
	{ "batch", 'b', POPT_ARG_INT, &opt_batch, 0,
	  "with -: lines per message, 1 to 64 (default 64)", "N" },
	POPT_TABLEEND
};

/* A batch of marks for one KCRUMBS_CMD_MARK message. */
struct batch {
	unsigned int n;
	char *text[KCRUMBS_MARK_BATCH_MAX];
	size_t len[KCRUMBS_MARK_BATCH_MAX];
};

static int fill_batch(struct nl_msg *msg, void *arg)
{
	const struct batch *b = arg;
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < b->n; i++) {
		nest = nla_nest_start(msg, KCRUMBS_ATTR_MARK);
		if (!nest ||
		    nla_put(msg, KCRUMBS_MARK_ATTR_TEXT, (int)b->len[i], b->text[i]) ||
		    (opt_tag && nla_put_string(msg, KCRUMBS_MARK_ATTR_TAG, opt_tag)))
			return -NLE_NOMEM;
		nla_nest_end(msg, nest);
	}
	return 0;
}

static void batch_free(struct batch *b)
{
	while (b->n)
		free(b->text[--b->n]);
}

/* Send what is batched; on failure say which lines were not stored. */
static int flush(struct kc_nl *nl, struct batch *b, unsigned long first)
{
	int rc;

	if (!b->n)
		return KC_EXIT_OK;
	rc = kc_nl_request(nl, KCRUMBS_CMD_MARK, fill_batch, b, NULL, NULL);
	if (rc != KC_EXIT_OK) {
		kc_nl_report(nl);
		if (first)
			fprintf(stderr, "kcrumbs mark: lines %lu to %lu not stored%s\n",
				first, first + b->n - 1, first > 1 ?
				" (the lines before them were)" : "");
	}
	batch_free(b);
	return rc;
}

/* One line per mark from standard input, without its newline. */
static int mark_stdin(struct kc_nl *nl, unsigned long *count)
{
	struct batch b = { 0 };
	unsigned long line = 0, first = 1;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = KC_EXIT_OK;

	while ((n = getline(&buf, &cap, stdin)) >= 0) {
		line++;
		if (n && buf[n - 1] == '\n')
			n--;
		b.text[b.n] = malloc((size_t)n + 1);
		if (!b.text[b.n]) {
			rc = KC_EXIT_FAIL;
			break;
		}
		memcpy(b.text[b.n], buf, (size_t)n);
		b.len[b.n++] = (size_t)n;
		if (b.n == (unsigned int)opt_batch) {
			rc = flush(nl, &b, first);
			if (rc)
				break;
			*count += (unsigned int)opt_batch;
			first = line + 1;
		}
	}
	if (!rc) {
		unsigned int last = b.n;

		rc = flush(nl, &b, first);
		if (!rc)
			*count += last;
	}
	batch_free(&b);
	free(buf);
	return rc;
}

/* The arguments, joined by spaces, as one mark. */
static int mark_args(struct kc_nl *nl, int argc, const char **argv)
{
	struct batch b = { 0 };
	size_t len = 0;
	char *text;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = calloc(1, len + 1);
	if (!text)
		return KC_EXIT_FAIL;
	for (i = 0; i < argc; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	b.text[0] = text;
	b.len[0] = strlen(text);
	b.n = 1;
	return flush(nl, &b, 0);
}

int kc_cmd_mark(struct kc_ctx *ctx, int argc, const char **argv)
{
	unsigned long count = 0;
	struct kc_nl nl;
	int rc;

	if (argc < 1) {
		fprintf(stderr, "kcrumbs mark: needs TEXT, or - to read lines "
			"from standard input\n");
		return KC_EXIT_USAGE;
	}
	if (opt_batch < 1 || opt_batch > KCRUMBS_MARK_BATCH_MAX) {
		fprintf(stderr, "kcrumbs mark: --batch must be 1 to %d, not %d\n",
			KCRUMBS_MARK_BATCH_MAX, opt_batch);
		return KC_EXIT_USAGE;
	}
	if (opt_tag && strlen(opt_tag) >= KCRUMBS_MARK_TAG_LEN) {
		fprintf(stderr, "kcrumbs mark: --tag is %zu bytes; at most %d\n",
			strlen(opt_tag), KCRUMBS_MARK_TAG_LEN - 1);
		return KC_EXIT_USAGE;
	}
	rc = kc_nl_open(&nl);
	if (rc != KC_EXIT_OK) {
		kc_nl_report(&nl);
		return rc;
	}
	if (argc == 1 && strcmp(argv[0], "-") == 0) {
		rc = mark_stdin(&nl, &count);
	} else {
		rc = mark_args(&nl, argc, argv);
		count = rc ? 0 : 1;
	}
	kc_nl_close(&nl);
	if (ctx->json)
		printf("{\"schema\":1,\"stored\":%lu,\"exit\":%d}\n", count, rc);
	return rc;
}
