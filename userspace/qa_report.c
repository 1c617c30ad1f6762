// SPDX-License-Identifier: GPL-2.0
/*
 * A qa run's reports (qa.h): a table for a person, JSON (docs/qa.md) and
 * JUnit XML for CI, all from the same struct. Pure: writes only to the
 * FILE it is given.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "qa.h"
#include "signature.h"
#include "text.h"

void kc_qa_count(const struct kc_qa_run *run, struct kc_qa_counts *c)
{
	unsigned int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < run->n_steps; i++) {
		switch (run->steps[i].state) {
		case KC_QA_PASSED:
			c->passed++;
			break;
		case KC_QA_FAILED:
			c->failed++;
			break;
		case KC_QA_FIRED:
			c->errors++;
			break;
		default:
			c->skipped++;
			break;
		}
		c->tests++;
	}
}

/* ---- the table ---- */

/* "12.345 s", or "-" when unknown. */
static void secs(char *buf, size_t len, int64_t ns)
{
	if (ns < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%" PRId64 ".%03u s", ns / 1000000000,
			 (unsigned int)(ns % 1000000000 / 1000000));
}

static void mib(char *buf, size_t len, uint64_t bytes, bool any)
{
	if (!any)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f MiB", (double)bytes / (1024.0 * 1024.0));
}

/* @s escaped for a terminal ("-" if empty), padded to @width and a
 * space (0: the last cell, no padding) */
static void cell(FILE *f, const char *s, int width)
{
	int n = *s ? (int)strlen(s) : 1;

	kc_text_str(f, *s ? s : "-");
	if (width)
		fprintf(f, "%*s", n < width ? width - n + 1 : 1, "");
}

static void row(FILE *f, const struct kc_qa_step *s)
{
	char name[KC_QA_NAME_MAX + 16], fn[KC_FUNC_MAX], cap[24], dump[24],
	     up[24], size[24];

	if (s->round > 1)
		snprintf(name, sizeof(name), "%s#%u", s->type, s->round);
	else
		snprintf(name, sizeof(name), "%s", s->type);
	kc_sym_function(s->function, fn, sizeof(fn));
	secs(cap, sizeof(cap), kc_qa_span(s->crashed_ns, s->capture_ns));
	secs(dump, sizeof(dump), kc_qa_span(s->crashed_ns, s->dump_ns));
	secs(up, sizeof(up), kc_qa_span(s->crashed_ns, s->up_ns));
	mib(size, sizeof(size), kc_qa_dump_bytes(s), s->n_files > 0);
	cell(f, name, 22);
	cell(f, kc_qa_state_name(s->state), 9);
	cell(f, s->cause, 14);
	cell(f, fn, 28);
	cell(f, cap, 10);
	cell(f, dump, 10);
	cell(f, up, 10);
	cell(f, size, s->reason[0] ? 10 : 0);
	kc_text_str(f, s->reason);
	fputc('\n', f);
}

void kc_qa_report_text(FILE *f, const struct kc_qa_run *run)
{
	struct kc_qa_counts c;
	unsigned int i;

	fprintf(f, "%-22s %-9s %-14s %-28s %-10s %-10s %-10s %-10s %s\n",
		"TYPE", "RESULT", "CAUSE", "FUNCTION", "->CAPTURE", "->DUMP",
		"->UP", "DUMP", "REASON");
	for (i = 0; i < run->n_steps; i++)
		row(f, &run->steps[i]);
	kc_qa_count(run, &c);
	fprintf(f, "qa: %u passed, %u failed, %u not run, %u not judged\n",
		c.passed, c.failed, c.skipped, c.errors);
}

/* ---- JSON ---- */

static void json_opt(FILE *f, const char *key, const char *v)
{
	fprintf(f, ",\"%s\":", key);
	if (*v)
		kc_json_string(f, v);
	else
		fputs("null", f);
}

/* ,"KEY":["a","b"] from "a|b" */
static void json_alts(FILE *f, const char *key, const char *alts)
{
	char one[KC_QA_EXPECT_MAX];
	size_t n;

	fprintf(f, ",\"%s\":[", key);
	while (*alts) {
		n = strcspn(alts, "|");
		snprintf(one, sizeof(one), "%.*s", (int)n, alts);
		kc_json_string(f, one);
		alts += n + (alts[n] == '|');
		if (*alts)
			fputc(',', f);
	}
	fputc(']', f);
}

static void json_settings(FILE *f, const char *key,
			  const struct kc_qa_setting *s, unsigned int n)
{
	unsigned int i;

	fprintf(f, ",\"%s\":{", key);
	for (i = 0; i < n; i++)
		fprintf(f, "%s\"%s\":%ld", i ? "," : "", s[i].knob->key,
			s[i].value);
	fputc('}', f);
}

/* ,"KEY_ns":"N" or null */
static void json_span(FILE *f, const char *key, int64_t ns)
{
	char k[48];

	snprintf(k, sizeof(k), "%s_ns", key);
	if (ns < 0)
		fprintf(f, ",\"%s\":null", k);
	else
		kc_json_u64(f, 1, k, (uint64_t)ns);
}

static void json_files(FILE *f, const struct kc_qa_step *s)
{
	unsigned int i;

	fputs(",\"files\":[", f);
	for (i = 0; i < s->n_files; i++) {
		fputs(i ? ",{\"name\":" : "{\"name\":", f);
		kc_json_string(f, s->files[i].name);
		kc_json_u64(f, 1, "size", s->files[i].size);
		fputc('}', f);
	}
	fputc(']', f);
	kc_json_u64(f, 1, "dump_bytes", kc_qa_dump_bytes(s));
}

static void json_step(FILE *f, const struct kc_qa_step *s)
{
	fputs("{\"type\":", f);
	kc_json_string(f, s->type);
	fprintf(f, ",\"round\":%u,\"state\":\"%s\",\"verdict\":\"%s\"", s->round,
		kc_qa_state_name(s->state), kc_qa_verdict_name(s->verdict));
	json_opt(f, "reason", s->reason);
	json_settings(f, "policy", s->policy, s->n_policy);
	json_alts(f, "expect_causes", s->expect_cause);
	json_alts(f, "expect_functions", s->expect_function);
	kc_json_wall(f, 1, "fired", s->fired_ns);
	json_opt(f, "boot_id", s->boot_id);
	json_opt(f, "cause", s->cause);
	json_opt(f, "function", s->function);
	json_opt(f, "signature", s->signature);
	json_opt(f, "dump_dir", s->dump_dir);
	json_files(f, s);
	kc_json_wall(f, 1, "crashed", s->crashed_ns);
	kc_json_wall(f, 1, "capture", s->capture_ns);
	kc_json_wall(f, 1, "dump_saved", s->dump_ns);
	kc_json_wall(f, 1, "up", s->up_ns);
	json_span(f, "crash_to_capture", kc_qa_span(s->crashed_ns, s->capture_ns));
	json_span(f, "crash_to_dump", kc_qa_span(s->crashed_ns, s->dump_ns));
	json_span(f, "crash_to_up", kc_qa_span(s->crashed_ns, s->up_ns));
	fputc('}', f);
}

void kc_qa_report_json(FILE *f, const struct kc_qa_run *run)
{
	struct kc_qa_counts c;
	unsigned int i;

	kc_qa_count(run, &c);
	fprintf(f, "{\"schema\":%d,\"run_id\":", KC_QA_JSON_SCHEMA);
	kc_json_string(f, run->id);
	kc_json_wall(f, 1, "started", run->started_ns);
	fprintf(f, ",\"delay_s\":%u,\"repeat\":%u", run->delay_s, run->repeat);
	json_settings(f, "saved_policy", run->saved, run->n_saved);
	fprintf(f, ",\"counts\":{\"tests\":%u,\"passed\":%u,\"failed\":%u,"
		"\"skipped\":%u,\"errors\":%u},\"steps\":[", c.tests, c.passed,
		c.failed, c.skipped, c.errors);
	for (i = 0; i < run->n_steps; i++) {
		if (i)
			fputc(',', f);
		json_step(f, &run->steps[i]);
	}
	fputs("]}\n", f);
}

/* ---- JUnit XML ---- */

static const char *xml_entity(unsigned char c)
{
	static const char *const ent[] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;", ['\''] = "&apos;", ['\t'] = "&#9;",
		['\n'] = "&#10;", ['\r'] = "&#13;",
	};

	return c < sizeof(ent) / sizeof(ent[0]) ? ent[c] : NULL;
}

/* U+FFFE and U+FFFF are not XML characters. */
static bool xml_nonchar(const unsigned char *p, size_t n)
{
	return n == 3 && p[0] == 0xef && p[1] == 0xbf &&
	       (p[2] == 0xbe || p[2] == 0xbf);
}

void kc_xml_text(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const char *e;
	size_t n;

	while (*p) {
		e = xml_entity(*p);
		n = kc_utf8_len(p);
		if (e) {
			fputs(e, f);
			p++;
		} else if (*p < 0x20 || !n || xml_nonchar(p, n)) {
			fputc('?', f);
			p += n ? n : 1;
		} else {
			fwrite(p, 1, n, f);
			p += n;
		}
	}
}

/* Decimal seconds of @ns (< 0: 0). */
static void xml_secs(FILE *f, int64_t ns)
{
	if (ns < 0)
		ns = 0;
	fprintf(f, "%" PRId64 ".%03u", ns / 1000000000,
		(unsigned int)(ns % 1000000000 / 1000000));
}

/* A test case's time: from firing to the system running again. */
static int64_t case_ns(const struct kc_qa_step *s)
{
	return kc_qa_span(s->fired_ns, s->up_ns);
}

static void junit_details(FILE *f, const struct kc_qa_step *s)
{
	char cap[24], dump[24], up[24];
	unsigned int i;

	secs(cap, sizeof(cap), kc_qa_span(s->crashed_ns, s->capture_ns));
	secs(dump, sizeof(dump), kc_qa_span(s->crashed_ns, s->dump_ns));
	secs(up, sizeof(up), kc_qa_span(s->crashed_ns, s->up_ns));
	fputs("expected cause ", f);
	kc_xml_text(f, s->expect_cause);
	fputs(", function ", f);
	kc_xml_text(f, s->expect_function);
	fputs("\nrecorded cause ", f);
	kc_xml_text(f, s->cause[0] ? s->cause : "none");
	fputs(", function ", f);
	kc_xml_text(f, s->function[0] ? s->function : "none");
	fputs(", signature ", f);
	kc_xml_text(f, s->signature[0] ? s->signature : "none");
	fputs("\nboot ", f);
	kc_xml_text(f, s->boot_id);
	fputs("\ndump dir ", f);
	kc_xml_text(f, s->dump_dir[0] ? s->dump_dir : "none");
	for (i = 0; i < s->n_files; i++) {
		fputs("\n  ", f);
		kc_xml_text(f, s->files[i].name);
		fprintf(f, " %" PRIu64 " bytes", s->files[i].size);
	}
	fprintf(f, "\ncrash to capture kernel %s, to saved dump %s, to running system %s\n",
		cap, dump, up);
}

/*
 * One test case. Its details go in the failure's text, or (a pass) in the
 * suite's system-out: Ant's schema allows a test case one child at most.
 */
static void junit_case(FILE *f, const struct kc_qa_step *s)
{
	fputs("    <testcase classname=\"kcrumbs.qa\" name=\"", f);
	kc_xml_text(f, s->type);
	if (s->round > 1)
		fprintf(f, " #%u", s->round);
	fputs("\" time=\"", f);
	xml_secs(f, case_ns(s));
	if (s->state == KC_QA_PASSED) {
		fputs("\"/>\n", f);
		return;
	}
	fputs("\">\n", f);
	if (s->state == KC_QA_FAILED) {
		fputs("      <failure message=\"", f);
		kc_xml_text(f, s->reason);
		fprintf(f, "\" type=\"%s\">", kc_qa_verdict_name(s->verdict));
		junit_details(f, s);
		fputs("</failure>\n", f);
	} else if (s->state == KC_QA_FIRED) {
		fputs("      <error message=\"fired, not judged yet\" type=\"not_judged\"/>\n", f);
	} else {
		fputs("      <skipped message=\"", f);
		if (!s->reason[0])
			fputs("not run: ", f);
		kc_xml_text(f, s->reason[0] ? s->reason : kc_qa_state_name(s->state));
		fputs("\"/>\n", f);
	}
	fputs("    </testcase>\n", f);
}

void kc_qa_report_junit(FILE *f, const struct kc_qa_run *run,
			const char *hostname)
{
	time_t t = (time_t)(run->started_ns / 1000000000ull);
	struct kc_qa_counts c;
	int64_t total = 0;
	char stamp[32] = "1970-01-01T00:00:00";
	unsigned int i;
	struct tm tm;

	kc_qa_count(run, &c);
	for (i = 0; i < run->n_steps; i++)
		total += case_ns(&run->steps[i]) > 0 ? case_ns(&run->steps[i]) : 0;
	if (run->started_ns && gmtime_r(&t, &tm))
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	/*
	 * What both common schemas accept (Jenkins' junit-10.xsd and Ant's
	 * JUnit.xsd): <testsuites> without attributes, a <testsuite> with a
	 * package and an id, its properties first, system-out and
	 * system-err last.
	 */
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
		"  <testsuite name=\"kcrumbs-qa\" package=\"kcrumbs.qa\" id=\"0\" "
		"tests=\"%u\" failures=\"%u\" errors=\"%u\" skipped=\"%u\" time=\"",
		c.tests, c.failed, c.errors, c.skipped);
	xml_secs(f, total);
	fprintf(f, "\" timestamp=\"%s\" hostname=\"", stamp);
	kc_xml_text(f, hostname && *hostname ? hostname : "localhost");
	fputs("\">\n    <properties>\n      <property name=\"run_id\" value=\"", f);
	kc_xml_text(f, run->id);
	fprintf(f, "\"/>\n      <property name=\"repeat\" value=\"%u\"/>\n"
		"      <property name=\"delay_s\" value=\"%u\"/>\n    </properties>\n",
		run->repeat, run->delay_s);
	for (i = 0; i < run->n_steps; i++)
		junit_case(f, &run->steps[i]);
	/* every judged step's evidence, passed ones included */
	fputs("    <system-out>", f);
	for (i = 0; i < run->n_steps; i++) {
		const struct kc_qa_step *s = &run->steps[i];

		if (s->state != KC_QA_PASSED && s->state != KC_QA_FAILED)
			continue;
		kc_xml_text(f, s->type);
		if (s->round > 1)
			fprintf(f, " #%u", s->round);
		fprintf(f, ": %s&#10;", kc_qa_state_name(s->state));
		junit_details(f, s);
	}
	fputs("</system-out>\n    <system-err></system-err>\n  </testsuite>\n</testsuites>\n", f);
}
