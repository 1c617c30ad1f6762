// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer: kc_json_string() on any bytes, into a memstream; the
 * output must be one valid JSON string (UTF-8, no raw controls) or the
 * harness aborts. kc_utf8_len() is checked against the validator too.
 */
#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);

	if (!s)
		return 0;
	FUZZ_JSON("kc_json_string", kc_json_string(f, s));
	/* and inside a document, as the reports use it */
	FUZZ_JSON("kc_json_string in an object",
		  (fputs("{\"k\":[", f), kc_json_string(f, s), fputs(",null]}", f)));
	FUZZ_JSON("kc_report_json_error", kc_report_json_error(f, s, size ? data[0] : 0));
	free(s);
	return 0;
}
