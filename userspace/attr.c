// SPDX-License-Identifier: GPL-2.0
/* Checked access to netlink attributes. Pure. */
#include <errno.h>
#include <string.h>

#include "attr.h"

int kc_attr_str(char *dst, size_t len, const struct nlattr *nla)
{
	const char *s = nla_data(nla);
	int n = nla_len(nla);

	if (n <= 0 || (size_t)n > len || memchr(s, '\0', (size_t)n) == NULL)
		return -EBADMSG;
	memcpy(dst, s, (size_t)n);
	return 0;
}

int kc_attr_len(const struct nlattr *nla, int size)
{
	return nla && nla_len(nla) == size ? 0 : -EBADMSG;
}
