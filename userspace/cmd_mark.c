// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs mark`: annotations kept in the region beside the kernel's own
 * breadcrumbs. One mark from the arguments, or one per line of standard
 * input, sent KCRUMBS_MARK_BATCH_MAX to a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

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

/* A batch of marks for one KCRUMBS_CMD_MARK message, in one buffer. */
struct batch {
	unsigned int n;
	char *text[KCRUMBS_MARK_BATCH_MAX];
	size_t len[KCRUMBS_MARK_BATCH_MAX];
	size_t used;
	char *owned;		/* mark_args: the joined arguments */
	char data[KCRUMBS_MARK_BATCH_MAX * KCRUMBS_MARK_TEXT_MAX];
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
	free(b->owned);
	b->owned = NULL;
	b->n = 0;
	b->used = 0;
}

/* Batches posted without waiting: which lines each carried. */
struct posted {
	size_t n, cap;
	struct { uint32_t seq; unsigned long first, count; } *b;
};

static int remember(struct posted *p, uint32_t seq, unsigned long first,
		    unsigned long count)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		void *b = realloc(p->b, cap * sizeof(*p->b));

		if (!b)
			return -1;
		p->b = b;
		p->cap = cap;
	}
	p->b[p->n].seq = seq;
	p->b[p->n].first = first;
	p->b[p->n++].count = count;
	return 0;
}

/* Say which lines a failure was for: the last batch, or a posted one. */
static void report_lines(const struct kc_nl *nl, const struct posted *p,
			 unsigned long first, unsigned long count)
{
	size_t i;

	for (i = 0; p && i < p->n; i++)
		if (p->b[i].seq == nl->failed_seq) {
			first = p->b[i].first;
			count = p->b[i].count;
		}
	if (first)
		fprintf(stderr, "kcrumbs mark: lines %lu to %lu not stored\n",
			first, first + count - 1);
}

/*
 * Send what is batched: posted (no round trip) when more follows, else
 * as a request, whose answer also carries any failure of the posted ones.
 */
static int flush(struct kc_nl *nl, struct batch *b, unsigned long first,
		 struct posted *p, int last)
{
	unsigned long count = b->n;
	uint32_t seq;
	int rc;

	if (!b->n && !last)
		return KC_EXIT_OK;
	if (!last) {
		rc = kc_nl_post(nl, KCRUMBS_CMD_MARK, fill_batch, b, &seq);
		if (!rc && remember(p, seq, first, count))
			rc = KC_EXIT_FAIL;
	} else {
		rc = kc_nl_request(nl, KCRUMBS_CMD_MARK, fill_batch, b, NULL, NULL);
	}
	if (rc != KC_EXIT_OK) {
		kc_nl_report(nl);
		report_lines(nl, p, first, count);
	}
	batch_free(b);
	return rc;
}

/* @len is at most KCRUMBS_MARK_TEXT_MAX: the batch has room for it. */
static void add_line(struct batch *b, const char *text, size_t len)
{
	b->text[b->n] = b->data + b->used;
	memcpy(b->text[b->n], text, len);
	b->len[b->n++] = len;
	b->used += len;
}

/*
 * One line per mark from standard input, without its newline. A line over
 * the limit is refused here, by number; the others are stored.
 */
static int mark_stdin(struct kc_nl *nl, unsigned long *count)
{
	struct batch *b = calloc(1, sizeof(*b));
	struct posted p = { 0 };
	unsigned long line = 0, first = 1, too_long = 0;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = KC_EXIT_OK;

	if (!b)
		return KC_EXIT_FAIL;
	while ((n = getline(&buf, &cap, stdin)) >= 0) {
		line++;
		if (n && buf[n - 1] == '\n')
			n--;
		if (n > KCRUMBS_MARK_TEXT_MAX) {
			fprintf(stderr, "kcrumbs mark: line %lu: %zd bytes, over the "
				"%d-byte limit: not stored\n", line, n,
				KCRUMBS_MARK_TEXT_MAX);
			too_long++;
			continue;
		}
		/* a full batch goes once we know more follows */
		if (b->n == (unsigned int)opt_batch) {
			*count += b->n;
			rc = flush(nl, b, first, &p, 0);
			if (rc)
				break;
			first = line;
		}
		add_line(b, buf, (size_t)n);
	}
	if (!rc && (b->n || p.n)) {
		unsigned int last = b->n;

		rc = flush(nl, b, first, &p, 1);
		*count = rc ? 0 : *count + last;
	}
	batch_free(b);
	free(b);
	free(buf);
	free(p.b);
	return rc ? rc : too_long ? KC_EXIT_FAIL : KC_EXIT_OK;
}

/* The arguments, joined by spaces, as one mark. */
static int mark_args(struct kc_nl *nl, int argc, const char **argv)
{
	struct batch *b = calloc(1, sizeof(*b));
	size_t len = 0;
	char *text;
	int i, rc;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = calloc(1, len + 1);
	if (!text || !b) {
		free(text);
		free(b);
		return KC_EXIT_FAIL;
	}
	for (i = 0; i < argc; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	/* over-long text goes to the kernel, which refuses it, saying why */
	b->owned = text;
	b->text[0] = text;
	b->len[0] = strlen(text);
	b->n = 1;
	rc = flush(nl, b, 0, NULL, 1);
	free(b);
	return rc;
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
	/* messages sized for a batch: libnl's default is a zeroed page each */
	nlmsg_set_default_size((size_t)NLMSG_HDRLEN + GENL_HDRLEN +
			       (size_t)opt_batch * (KCRUMBS_MARK_TEXT_MAX +
						     KCRUMBS_MARK_TAG_LEN + 32));
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
