// SPDX-License-Identifier: GPL-2.0
/*
 * crashkernel=, as `kcrumbs crashkernel` reads it: the value parser and
 * its error caret, evaluation on a few amounts of RAM, the command-line
 * scan, and the /proc parsers (iomem, meminfo, cpu list) on the same text.
 */
#include <stdio.h>

#include "crashkernel.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void value(const char *s)
{
	static const uint64_t rams[] = { 0, 1ull << 30, 4ull << 30, 64ull << 30,
					 UINT64_MAX };
	struct kc_ck_spec spec;
	struct kc_ck_error err;
	struct kc_ck_set set = { 0 };
	struct kc_ck_eval ev;
	char buf[256], small[8];
	uint64_t sz;
	size_t i;

	if (kc_ck_parse(s, &spec, &err)) {
		kc_ck_format_error(buf, sizeof(buf), s, &err);
		kc_ck_format_error(small, sizeof(small), s, &err);
		return;
	}
	if (spec.kind == KC_CK_RANGES && spec.n_ranges > KC_CK_MAX_RANGES)
		abort();
	kc_ck_set_add(&set, &spec);
	for (i = 0; i < sizeof(rams) / sizeof(rams[0]); i++) {
		kc_ck_evaluate(&spec, rams[i], &ev);
		kc_ck_choose(&set, rams[i], &ev);
		kc_ck_size_for(s, rams[i], &sz);
		kc_ck_human(buf, sizeof(buf), ev.size);
	}
	kc_ck_parse_size(s, &sz, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_ck_cmdline *cl = malloc(sizeof(*cl));
	struct kc_ck_iomem io;
	unsigned int cpus;
	uint64_t total;
	char *s = fuzz_text(data, size);

	if (!s || !cl)
		goto out;
	value(s);
	if (kc_ck_from_cmdline(s, cl) > 0) {
		if (cl->has_plain)
			value(cl->plain);
		if (cl->has_high)
			value(cl->high);
		if (cl->has_low)
			value(cl->low);
	}
	kc_ck_iomem_parse(s, &io);
	kc_ck_memtotal(s, &total);
	if (!kc_ck_cpulist_count(s, &cpus))
		kc_ck_recommend(total, cpus);
out:
	free(cl);
	free(s);
	return 0;
}
