// SPDX-License-Identifier: GPL-2.0
/* kcrumbs.region=SIZE@ADDR: the value alone, and found on a command line. */
#include "cmdline.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	uint64_t sz, addr;

	if (!s)
		return 0;
	if (!kc_parse_region(s, &sz, &addr) && sz == 0)
		abort();	/* a region of no bytes is refused */
	kc_cmdline_region(s, &sz, &addr);
	free(s);
	return 0;
}
