// SPDX-License-Identifier: GPL-2.0
/* Netlink errors in plain words. Pure: no I/O, callable from unit tests. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nlerr.h"
#include "uapi/kcrumbs.h"

#define NOT_LOADED "the kcrumbs kernel module is not loaded " \
		   "(load it with: modprobe kcrumbs)"
#define TRIGGER_NOT_LOADED "the trigger module is not loaded: " \
			   "modprobe kcrumbs_trigger"

/* What an errno from the kernel's answer means to a kcrumbs user. */
static const struct {
	int err;
	int code;
	const char *what;
	const char *what_extack;	/* when the kernel says more, or NULL */
} request_errors[] = {
	/* the kernel's reason, when it gives one, names what is missing
	 * (CAP_SYS_BOOT for a trigger, the arming socket)
	 */
	{ EPERM, KC_EXIT_PERM,
	  "permission denied: this needs root (CAP_NET_ADMIN)",
	  "permission denied" },
	{ EACCES, KC_EXIT_PERM,
	  "permission denied: this needs root (CAP_NET_ADMIN)",
	  "permission denied" },
	{ EOPNOTSUPP, KC_EXIT_FAIL,
	  "the loaded kcrumbs module does not know this command "
	  "(module older than this tool?)", NULL },
	/* the module's safety refusals: not armed, window closed */
	{ EAGAIN, KC_EXIT_REFUSED, "refused", NULL },
	/* a crash type this machine cannot run (too few online CPUs) */
	{ ENXIO, KC_EXIT_REFUSED, "refused: this crash type cannot run here",
	  "refused" },
	/* the family vanished between lookup and request: unloaded */
	{ ENOENT, KC_EXIT_NOMODULE, NOT_LOADED, NULL },
};

static int is_trigger(const char *family)
{
	return family && strcmp(family, KCRUMBS_TRIGGER_GENL_NAME) == 0;
}

static int explain_resolve(const char *family, int err, char *buf, size_t len)
{
	if (err == ENOENT) {
		snprintf(buf, len, "%s",
			 is_trigger(family) ? TRIGGER_NOT_LOADED : NOT_LOADED);
		return KC_EXIT_NOMODULE;
	}
	snprintf(buf, len, "cannot look up the %s netlink family: %s",
		 family ? family : KCRUMBS_GENL_NAME, strerror(err));
	return KC_EXIT_FAIL;
}

static int explain_request(const char *family, int err, const char *extack,
			   char *buf, size_t len)
{
	const char *what = strerror(err);
	int code = KC_EXIT_FAIL;
	size_t i;

	for (i = 0; i < sizeof(request_errors) / sizeof(request_errors[0]); i++) {
		if (request_errors[i].err == err) {
			what = request_errors[i].what;
			if (extack && *extack && request_errors[i].what_extack)
				what = request_errors[i].what_extack;
			code = request_errors[i].code;
			break;
		}
	}
	if (err == ENOENT && is_trigger(family))
		what = TRIGGER_NOT_LOADED;
	if (extack && *extack)
		snprintf(buf, len, "%s (kernel reports: %s)", what, extack);
	else
		snprintf(buf, len, "%s", what);
	return code;
}

int kc_nl_explain(enum kc_nl_stage stage, int err, const char *extack,
		  char *buf, size_t len)
{
	return kc_nl_explain_family(NULL, stage, err, extack, buf, len);
}

int kc_nl_explain_family(const char *family, enum kc_nl_stage stage, int err,
			 const char *extack, char *buf, size_t len)
{
	if (err < 0)
		err = -err;

	switch (stage) {
	case KC_NL_CONNECT:
		snprintf(buf, len,
			 "cannot open a generic netlink socket: %s",
			 strerror(err));
		return KC_EXIT_FAIL;
	case KC_NL_RESOLVE:
		return explain_resolve(family, err, buf, len);
	case KC_NL_REQUEST:
	default:
		return explain_request(family, err, extack, buf, len);
	}
}

const char *kc_extack_msg(const struct nlmsghdr *nlh, size_t len)
{
	const struct nlmsgerr *e;
	const struct nlattr *nla;
	size_t off, end;

	if (len < NLMSG_HDRLEN + sizeof(*e) || nlh->nlmsg_len > len ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e) ||
	    nlh->nlmsg_type != NLMSG_ERROR || !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;

	e = (const struct nlmsgerr *)NLMSG_DATA(nlh);
	off = NLMSG_HDRLEN + sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		/* the kernel echoed the whole request back */
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return NULL;
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	}
	end = nlh->nlmsg_len;

	while (off + NLA_HDRLEN <= end) {
		nla = (const struct nlattr *)((const char *)nlh + off);
		if (nla->nla_len < NLA_HDRLEN || off + nla->nla_len > end)
			return NULL;
		if ((nla->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
			const char *s = (const char *)nla + NLA_HDRLEN;
			size_t n = nla->nla_len - NLA_HDRLEN;

			if (n == 0 || memchr(s, '\0', n) == NULL)
				return NULL;
			return s;
		}
		off += NLA_ALIGN(nla->nla_len);
	}
	return NULL;
}
