/* SPDX-License-Identifier: GPL-2.0 */
/* Netlink errors in plain words: pure functions, no I/O. */
#ifndef KC_NLERR_H
#define KC_NLERR_H

#include <stddef.h>
#include <linux/netlink.h>

/* Exit codes every command shares; documented in docs/kcrumbs.8. */
enum kc_exit {
	KC_EXIT_OK = 0,
	KC_EXIT_FAIL = 1,	/* the operation failed */
	KC_EXIT_USAGE = 2,	/* bad command line */
	KC_EXIT_NOMODULE = 3,	/* kcrumbs.ko (or, for a trigger,
				 * kcrumbs_trigger.ko) is not loaded */
	KC_EXIT_PERM = 4,	/* the caller lacks the privilege */
	KC_EXIT_REFUSED = 5,	/* refused for safety: not confirmed, not
				 * armed, no crash kernel */
	KC_EXIT_NONE = 6,	/* read: no breadcrumbs found */
	KC_EXIT_CORRUPT = 7,	/* read: corrupt records present (the
				 * intact ones were printed) */
	KC_EXIT_UNREADABLE = 8,	/* read: the source cannot be read */
};

/* Where a netlink error happened, so the message can name the cause. */
enum kc_nl_stage {
	KC_NL_CONNECT,	/* socket, connect to generic netlink */
	KC_NL_RESOLVE,	/* looking up the family */
	KC_NL_REQUEST,	/* the kernel answered our request with an error */
};

/**
 * kc_nl_explain() - turn a netlink failure into a sentence for a person
 * @stage: where it failed
 * @err: positive errno (from the kernel's ACK or the socket layer)
 * @extack: the kernel's extended ACK text, or NULL
 * @buf: output buffer
 * @len: size of @buf
 *
 * Return: the exit code (enum kc_exit) the command should end with.
 */
int kc_nl_explain(enum kc_nl_stage stage, int err, const char *extack,
		  char *buf, size_t len);

/**
 * kc_nl_explain_family() - kc_nl_explain() for a given family
 * @family: KCRUMBS_GENL_NAME, KCRUMBS_TRIGGER_GENL_NAME, or NULL (kcrumbs)
 * @stage: where it failed
 * @err: positive errno
 * @extack: the kernel's extended ACK text, or NULL
 * @buf: output buffer
 * @len: size of @buf
 *
 * A missing family names the module to load: "modprobe kcrumbs" or
 * "modprobe kcrumbs_trigger".
 *
 * Return: the exit code (enum kc_exit) the command should end with.
 */
int kc_nl_explain_family(const char *family, enum kc_nl_stage stage, int err,
			 const char *extack, char *buf, size_t len);

/**
 * kc_extack_msg() - find NLMSGERR_ATTR_MSG in a netlink error message
 * @nlh: an NLMSG_ERROR message as received
 * @len: bytes received for it (bounds every access)
 *
 * Return: pointer into @nlh at the NUL-terminated message, or NULL when
 * the message carries none or is malformed.
 */
const char *kc_extack_msg(const struct nlmsghdr *nlh, size_t len);

#endif
