// SPDX-License-Identifier: GPL-2.0
/* kcrumbs.region=SIZE@ADDR: parsing it. Pure. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

static int parse_num(const char *s, char **end, uint64_t *v)
{
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, end, 0);
	return errno ? -EINVAL : 0;
}

int kc_parse_region(const char *s, uint64_t *size, uint64_t *addr)
{
	char *end;
	int shift = 0;

	if (parse_num(s, &end, size))
		return -EINVAL;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	}
	if (*end != '@' || *size == 0 || *size > (UINT64_MAX >> shift))
		return -EINVAL;
	*size <<= shift;
	if (parse_num(end + 1, &end, addr))
		return -EINVAL;
	if (*end && !isspace((unsigned char)*end))
		return -EINVAL;
	return 0;
}

int kc_cmdline_region(const char *cmdline, uint64_t *size, uint64_t *addr)
{
	static const char key[] = "kcrumbs.region=";
	const char *p = cmdline, *found = NULL;

	/* the last one wins, as for kernel parameters */
	while ((p = strstr(p, key))) {
		if (p == cmdline || isspace((unsigned char)p[-1]))
			found = p + sizeof(key) - 1;
		p += sizeof(key) - 1;
	}
	if (!found)
		return -ENOENT;
	return kc_parse_region(found, size, addr);
}
