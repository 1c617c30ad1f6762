// SPDX-License-Identifier: GPL-2.0
/* Talking to kcrumbs.ko and kcrumbs_trigger.ko over generic netlink (libnl-genl-3). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "nl.h"
#include "nlerr.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct reply_ctx {
	kc_nl_parse_fn parse;
	void *parse_arg;
	uint32_t seq;		/* our request's sequence number */
	uint32_t failed_seq;	/* the request an error was for */
	int done;		/* our request's ACK or error has arrived */
	int err;		/* positive errno from the kernel or @parse */
	char extack[256];
};

static int fail(struct kc_nl *nl, enum kc_nl_stage stage, int err,
		const char *extack)
{
	nl->exit_code = kc_nl_explain_family(nl->family_name, stage, err,
					     extack, nl->errmsg,
					     sizeof(nl->errmsg));
	return nl->exit_code;
}

int kc_nl_open(struct kc_nl *nl)
{
	return kc_nl_open_family(nl, KCRUMBS_GENL_NAME);
}

static int open_family(struct kc_nl *nl, const char *name);

/* Opened, or nothing left to close: a caller may skip kc_nl_close(). */
int kc_nl_open_family(struct kc_nl *nl, const char *name)
{
	int rc = open_family(nl, name);

	if (rc != KC_EXIT_OK)
		kc_nl_close(nl);
	return rc;
}

static int open_family(struct kc_nl *nl, const char *name)
{
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->family_name = name;
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return fail(nl, KC_NL_CONNECT, ENOMEM, NULL);

	err = genl_connect(nl->sk);
	if (err < 0)
		return fail(nl, KC_NL_CONNECT, EPROTONOSUPPORT, NULL);

	/* Ask for the kernel's explanation with every error; harmless if
	 * the kernel is too old to give one.
	 */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	/*
	 * Requests posted without an ACK (kc_nl_post) leave gaps in the
	 * sequence: the callbacks match replies to their request themselves.
	 */
	nl_socket_disable_seq_check(nl->sk);

	nl->family = genl_ctrl_resolve(nl->sk, name);
	if (nl->family < 0) {
		if (nl->family == -NLE_OBJ_NOTFOUND)
			return fail(nl, KC_NL_RESOLVE, ENOENT, NULL);
		snprintf(nl->errmsg, sizeof(nl->errmsg),
			 "cannot look up the %s netlink family: %s", name,
			 nl_geterror(nl->family));
		nl->exit_code = KC_EXIT_FAIL;
		return nl->exit_code;
	}
	return KC_EXIT_OK;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct reply_ctx *rc = arg;
	const struct nlmsghdr *nlh;
	const char *msg;

	(void)who;
	/* libnl hands us the payload; the header sits just before it */
	nlh = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	if (e->error == 0) {		/* an ACK: ours, or a stray one */
		rc->done = e->msg.nlmsg_seq == rc->seq;
		return rc->done ? NL_STOP : NL_OK;
	}
	/* an error: for our request, or for one posted before it */
	rc->err = e->error < 0 ? -e->error : e->error;
	rc->failed_seq = e->msg.nlmsg_seq;
	rc->done = 1;
	msg = kc_extack_msg(nlh, nlh->nlmsg_len);
	if (msg)
		snprintf(rc->extack, sizeof(rc->extack), "%s", msg);
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct reply_ctx *rc = arg;

	if (nlmsg_hdr(msg)->nlmsg_seq != rc->seq)
		return NL_OK;	/* not ours: an ACK a posted request asked for */
	rc->done = 1;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct reply_ctx *rc = arg;
	struct nlattr *tb[KCRUMBS_ATTR_MAX + 1];
	int err;

	if (nlmsg_hdr(msg)->nlmsg_seq != rc->seq)
		return NL_OK;
	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, KCRUMBS_ATTR_MAX, NULL);
	if (err < 0) {
		rc->err = EBADMSG;
		return NL_STOP;
	}
	if (rc->parse) {
		struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));

		err = rc->parse(tb, genlmsg_attrdata(gh, 0),
				genlmsg_attrlen(gh, 0), rc->parse_arg);
		if (err) {
			rc->err = err < 0 ? -err : err;
			return NL_STOP;
		}
	}
	return NL_OK;
}

static struct nl_msg *build_request(struct kc_nl *nl, uint8_t cmd,
				    kc_nl_fill_fn fill, void *fill_arg)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, 0,
			 cmd, KCRUMBS_GENL_VERSION) ||
	    (fill && fill(msg, fill_arg) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int kc_nl_request(struct kc_nl *nl, uint8_t cmd, kc_nl_fill_fn fill,
		  void *fill_arg, kc_nl_parse_fn parse, void *parse_arg)
{
	struct reply_ctx rc = { .parse = parse, .parse_arg = parse_arg };
	struct nl_msg *msg;
	int err;

	msg = build_request(nl, cmd, fill, fill_arg);
	if (!msg)
		return fail(nl, KC_NL_REQUEST, ENOMEM, NULL);

	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &rc);
	nl_socket_modify_cb(nl->sk, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &rc);
	nl_socket_modify_err_cb(nl->sk, NL_CB_CUSTOM, on_error, &rc);

	err = nl_send_auto(nl->sk, msg);
	rc.seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (err < 0)
		return fail(nl, KC_NL_REQUEST, EIO, NULL);

	/*
	 * Read until this request's own ACK or error: one nl_recvmsgs() may
	 * return after the reply, and an ACK left queued would be taken as
	 * the answer to the next request.
	 */
	do {
		err = nl_recvmsgs_default(nl->sk);
	} while (err >= 0 && !rc.done && !rc.err);
	if (rc.err) {
		nl->failed_seq = rc.failed_seq;
		return fail(nl, KC_NL_REQUEST, rc.err, rc.extack);
	}
	if (err < 0) {
		snprintf(nl->errmsg, sizeof(nl->errmsg),
			 "netlink receive failed: %s", nl_geterror(err));
		nl->exit_code = KC_EXIT_FAIL;
		return nl->exit_code;
	}
	return KC_EXIT_OK;
}

int kc_nl_post(struct kc_nl *nl, uint8_t cmd, kc_nl_fill_fn fill,
	       void *fill_arg, uint32_t *seq)
{
	struct nl_msg *msg;
	int err;

	msg = build_request(nl, cmd, fill, fill_arg);
	if (!msg)
		return fail(nl, KC_NL_REQUEST, ENOMEM, NULL);
	/* the kernel acknowledges an error even when no ACK is asked for */
	nl_socket_disable_auto_ack(nl->sk);
	err = nl_send_auto(nl->sk, msg);
	nl_socket_enable_auto_ack(nl->sk);
	*seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (err < 0)
		return fail(nl, KC_NL_REQUEST, EIO, NULL);
	return KC_EXIT_OK;
}

void kc_nl_close(struct kc_nl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}

void kc_nl_report(const struct kc_nl *nl)
{
	fprintf(stderr, "kcrumbs: %s\n", nl->errmsg);
}
