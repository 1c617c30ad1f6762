// SPDX-License-Identifier: GPL-2.0
/*
 * Extended ACK parsing: kc_extack_msg() on the input as a received
 * NLMSG_ERROR message. The input is copied into an aligned buffer of
 * exactly its size, as recv() fills one; when it is long enough, the
 * header's type and flags are forced to an error with TLVs half the
 * time, so the fuzzer reaches the attribute walk. The message found is
 * then explained as the CLI does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nlerr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh;
	const char *msg;
	char buf[256];
	size_t n;

	if (size < 1)
		return 0;
	n = size - 1;
	nlh = aligned_alloc(8, (n + 7) & ~(size_t)7 ? (n + 7) & ~(size_t)7 : 8);
	if (!nlh)
		return 0;
	memcpy(nlh, data + 1, n);
	if (data[0] & 1 && n >= sizeof(*nlh)) {
		nlh->nlmsg_type = NLMSG_ERROR;
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		if (data[0] & 2)
			nlh->nlmsg_len = (uint32_t)n;
	}
	msg = kc_extack_msg(nlh, n);
	if (msg && (msg < (char *)nlh || msg >= (char *)nlh + n ||
		    !memchr(msg, '\0', (size_t)((char *)nlh + n - msg))))
		abort();	/* must point at a terminated string inside */
	kc_nl_explain((enum kc_nl_stage)(data[0] >> 2 & 3), data[0] >> 4, msg,
		      buf, sizeof(buf));
	free(nlh);
	return 0;
}
