// SPDX-License-Identifier: GPL-2.0
/*
 * kdump's configuration as text (kdumpcfg.c) and the archive's summary
 * file (harvest.c): the input, split at its first NUL byte, is a config
 * file and a /proc/cmdline. The edit must keep every line it does not
 * manage, be idempotent, and leave no '$' in the capture command line it
 * says it fixed; the summary must read back what it wrote.
 */
#include "harvest.h"
#include "kdumpcfg.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void edit_twice(const char *cfg, enum kc_kdump_flavor fl,
		       const char *arg, const char *cmdline)
{
	char *out = NULL, *again = NULL, capture[8192];
	const char *why = NULL;

	if (kc_kdumpcfg_edit(cfg, fl, arg, cmdline, &out, &why)) {
		if (!why || out)
			abort();	/* a refusal says why and writes nothing */
		return;
	}
	if (kc_kdumpcfg_edit(out, fl, arg, cmdline, &again, &why) ||
	    strcmp(out, again))
		abort();	/* idempotent */
	if (fl == KC_KDUMP_TOOLS && !kc_kdumpcfg_capture_cmdline(out, cmdline, capture,
							     sizeof(capture)) &&
	    kc_kdumpcfg_hazard(capture) && !strchr(cfg, '$'))
		abort();	/* a '$' from /proc/cmdline survived the fix */
	free(out);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), *cmdline, *text = NULL, val[256];
	struct kc_summary sum, back;
	size_t len = 0;
	FILE *f;

	if (!s)
		return 0;
	cmdline = s + strlen(s);
	if ((size_t)(cmdline - s) < size)
		cmdline = (char *)fuzz_text(data + (cmdline - s) + 1,
					    size - (size_t)(cmdline - s) - 1);
	else
		cmdline = strdup("root=/dev/vda memmap=1M$0x30000000 ro");
	if (!cmdline)
		goto out;
	edit_twice(s, KC_KDUMP_TOOLS, "kcrumbs.region=4096@0x1000", cmdline);
	edit_twice(s, KC_KDUMP_TOOLS, NULL, cmdline);
	edit_twice(s, KC_KDUMPCTL, "kcrumbs.region=4096@0x1000", cmdline);
	kc_kdumpcfg_get(s, "KDUMP_CMDLINE_APPEND", val, sizeof(val));
	kc_kdumpcfg_get(s, "KDUMP_COREDIR", val, 2);

	/* the summary file: what parses writes back the same */
	if (!kc_summary_parse(s, &sum)) {
		f = open_memstream(&text, &len);
		if (f) {
			kc_summary_write(f, &sum);
			kc_summary_json(f, &sum);
			kc_summary_text(f, &sum);
			fclose(f);
			if (kc_summary_parse(text, &back) ||
			    memcmp(&sum, &back, sizeof(sum)))
				abort();
		}
		free(text);
	}
	free(cmdline);
out:
	free(s);
	return 0;
}
