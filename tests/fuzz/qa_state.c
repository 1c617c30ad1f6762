// SPDX-License-Identifier: GPL-2.0
/*
 * A qa run's state text (qa_state.c), as `kcrumbs qa` will read it at
 * every boot: the parser must never crash, and what it accepts must be
 * within the limits, written back to a text that parses to the same text
 * again, and give a table, JSON that validates and JUnit XML without a
 * forbidden character. The input also goes through the XML escaper whole.
 */
#include "fuzz.h"
#include "qa.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *state_text(const struct kc_qa_run *r)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	if (!f)
		abort();
	kc_qa_state_write(f, r);
	fclose(f);
	return buf;
}

static void check_limits(const struct kc_qa_run *r)
{
	unsigned int i;

	if (r->n_steps > KC_QA_MAX_STEPS || r->n_saved > KC_QA_MAX_SAVED ||
	    !r->repeat || r->repeat > KC_QA_MAX_REPEAT ||
	    r->delay_s > KC_QA_MAX_DELAY_S || !r->id[0])
		abort();
	for (i = 0; i < r->n_steps; i++)
		if (r->steps[i].n_files > KC_QA_MAX_FILES ||
		    r->steps[i].n_policy > KC_QA_MAX_POLICY ||
		    r->steps[i].state >= __KC_QA_STATE_MAX ||
		    r->steps[i].verdict >= __KC_QA_V_MAX)
			abort();
}

/* No markup character unescaped, no control character but \n, UTF-8. */
static void check_xml(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		if (p[i] == '"' || p[i] == '\'' ||
		    (p[i] < 0x20 && p[i] != '\n'))
			abort();
		len = kc_utf8_len(p + i);
		if (!len)
			abort();
		i += len;
	}
}

static void reports(const struct kc_qa_run *r)
{
	FILE *null = fopen("/dev/null", "w");

	if (!null)
		abort();
	kc_qa_report_text(null, r);
	kc_qa_report_junit(null, r, "host");
	fclose(null);
	FUZZ_JSON("kc_qa_report_json", kc_qa_report_json(f, r));
}

static void escape(const char *text)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	if (!f)
		abort();
	kc_xml_text(f, text);
	fclose(f);
	if (strpbrk(buf, "<>\n"))
		abort();
	check_xml(buf, n);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_qa_run *r = malloc(sizeof(*r)), *back = malloc(sizeof(*back));
	char *text = fuzz_text(data, size), *t1 = NULL, *t2 = NULL, why[256];

	if (!r || !back || !text)
		goto out;
	escape(text);
	if (kc_qa_state_parse(text, r, why, sizeof(why)))
		goto out;
	check_limits(r);
	t1 = state_text(r);
	if (kc_qa_state_parse(t1, back, why, sizeof(why))) {
		fprintf(stderr, "written state does not parse: %s\n%s", why, t1);
		abort();
	}
	t2 = state_text(back);
	if (strcmp(t1, t2))
		abort();
	reports(r);
out:
	free(t1);
	free(t2);
	free(text);
	free(back);
	free(r);
	return 0;
}
