// SPDX-License-Identifier: GPL-2.0
/*
 * Machine checks from a crashed kernel's log lines (mce_log.c): any text
 * gives at most the room given, each printable as text and as JSON that
 * parses. The parser gets exactly the input's bytes, so ASan sees a read
 * past its end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "mce.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1), *out = NULL;
	struct kc_mce m[4];
	unsigned int n, i;
	size_t len = 0;
	FILE *f;

	if (!text)
		return 0;
	memcpy(text, data, size);
	n = kc_mce_from_log(text, size, m, 4);
	if (n > 4)
		abort();
	for (i = 0; i < n; i++) {
		if (!m[i].from_log)
			abort();
		f = open_memstream(&out, &len);
		if (!f)
			abort();
		kc_mce_text(f, 0, &m[i]);
		fclose(f);
		free(out);
		out = NULL;
		f = open_memstream(&out, &len);
		if (!f)
			abort();
		kc_mce_json(f, 0, &m[i]);
		fclose(f);
		json_check_or_abort("mce json", out, len);
		free(out);
		out = NULL;
	}
	free(text);
	return 0;
}
