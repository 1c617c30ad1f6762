/* SPDX-License-Identifier: GPL-2.0 */
/* Checked access to netlink attributes. Pure. */
#ifndef KC_ATTR_H
#define KC_ATTR_H

#include <stddef.h>
#include <netlink/attr.h>

/**
 * kc_attr_str() - copy a string attribute, refusing a malformed one
 * @dst: output
 * @len: its size
 * @nla: the attribute
 *
 * Return: 0, or -EBADMSG when it is empty, has no NUL within its length,
 * or does not fit in @dst.
 */
int kc_attr_str(char *dst, size_t len, const struct nlattr *nla);

/* -EBADMSG unless @nla carries exactly @size bytes. */
int kc_attr_len(const struct nlattr *nla, int size);

#endif
