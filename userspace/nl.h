/* SPDX-License-Identifier: GPL-2.0 */
/* Talking to kcrumbs.ko over generic netlink (libnl-genl-3). */
#ifndef KC_NL_H
#define KC_NL_H

#include <stdint.h>
#include <netlink/msg.h>
#include <netlink/attr.h>

#include "uapi/kcrumbs.h"

struct kc_nl {
	struct nl_sock *sk;
	int family;
	const char *family_name;	/* KCRUMBS_GENL_NAME or KCRUMBS_TRIGGER_GENL_NAME */
	int exit_code;		/* enum kc_exit of the last failure */
	uint32_t failed_seq;	/* the request the kernel refused */
	char errmsg[512];	/* that failure, in plain words */
};

/* Fill a request's attributes; return 0 or a negative libnl error. */
typedef int (*kc_nl_fill_fn)(struct nl_msg *msg, void *arg);
/*
 * Take a reply: its attributes indexed by type (the last of each type) and
 * the raw stream (for repeated ones); return 0 or a negative errno.
 */
typedef int (*kc_nl_parse_fn)(struct nlattr **tb, struct nlattr *head,
			      int len, void *arg);

/**
 * kc_nl_open() - connect to generic netlink and resolve the kcrumbs family
 * @nl: state to fill
 *
 * Return: KC_EXIT_OK, or an exit code with @nl->errmsg set.
 */
int kc_nl_open(struct kc_nl *nl);

/**
 * kc_nl_open_family() - connect to generic netlink and resolve a family
 * @nl: state to fill
 * @name: KCRUMBS_GENL_NAME (kcrumbs.ko) or KCRUMBS_TRIGGER_GENL_NAME
 *	(kcrumbs_trigger.ko)
 *
 * Return: KC_EXIT_OK, or an exit code with @nl->errmsg set: a missing
 * family is KC_EXIT_NOMODULE, with a message naming the module to load.
 */
int kc_nl_open_family(struct kc_nl *nl, const char *name);

/**
 * kc_nl_request() - send one command and collect its reply
 * @nl: an open connection
 * @cmd: enum kcrumbs_cmd
 * @fill: adds the request's attributes, or NULL
 * @fill_arg: passed to @fill
 * @parse: called for each reply message, or NULL
 * @parse_arg: passed to @parse
 *
 * Return: KC_EXIT_OK, or an exit code with @nl->errmsg set, including the
 * kernel's extended ACK text when it sent one.
 */
int kc_nl_request(struct kc_nl *nl, uint8_t cmd, kc_nl_fill_fn fill,
		  void *fill_arg, kc_nl_parse_fn parse, void *parse_arg);

/**
 * kc_nl_post() - send one command without waiting for its ACK
 * @nl: an open connection
 * @cmd: enum kcrumbs_cmd
 * @fill: adds the request's attributes, or NULL
 * @fill_arg: passed to @fill
 * @seq: the request's sequence number
 *
 * The kernel still reports a failure; the next kc_nl_request() on @nl
 * returns it (with @nl->failed_seq naming the request). For streams of
 * writes, such as marks, where a round trip each would cost more than
 * the write.
 *
 * Return: KC_EXIT_OK, or an exit code when it could not be sent.
 */
int kc_nl_post(struct kc_nl *nl, uint8_t cmd, kc_nl_fill_fn fill,
	       void *fill_arg, uint32_t *seq);

void kc_nl_close(struct kc_nl *nl);

/* Print @nl->errmsg on stderr, the one place netlink errors are reported. */
void kc_nl_report(const struct kc_nl *nl);

#endif
