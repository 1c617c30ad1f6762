// SPDX-License-Identifier: GPL-2.0
/*
 * A qa run's state as key=value text (qa.h, docs/qa.md): written whole,
 * read back with every value checked. Pure.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "qa.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const state_names[__KC_QA_STATE_MAX] = {
	[KC_QA_PENDING] = "pending",
	[KC_QA_FIRED] = "fired",
	[KC_QA_PASSED] = "passed",
	[KC_QA_FAILED] = "failed",
	[KC_QA_SKIPPED] = "skipped",
	[KC_QA_CANCELLED] = "cancelled",
};

static const char *const verdict_names[__KC_QA_V_MAX] = {
	[KC_QA_V_NONE] = "none",
	[KC_QA_V_PASS] = "pass",
	[KC_QA_V_DID_NOT_CRASH] = "did_not_crash",
	[KC_QA_V_OTHER_BOOT] = "other_boot",
	[KC_QA_V_CLEAN_REBOOT] = "clean_reboot",
	[KC_QA_V_VANISHED] = "vanished",
	[KC_QA_V_NO_CAPTURE] = "no_capture",
	[KC_QA_V_NO_DUMP] = "no_dump",
	[KC_QA_V_EMPTY_DUMP] = "empty_dump",
	[KC_QA_V_NO_BREADCRUMBS] = "no_breadcrumbs",
	[KC_QA_V_WRONG_CAUSE] = "wrong_cause",
	[KC_QA_V_WRONG_FUNCTION] = "wrong_function",
};

const char *kc_qa_state_name(enum kc_qa_state s)
{
	return (unsigned int)s < __KC_QA_STATE_MAX ? state_names[s] : "unknown";
}

const char *kc_qa_verdict_name(enum kc_qa_verdict v)
{
	return (unsigned int)v < __KC_QA_V_MAX ? verdict_names[v] : "unknown";
}

void kc_qa_put(char *dst, size_t len, const char *src)
{
	size_t i, o = 0;

	if (!len)
		return;
	memset(dst, 0, len);
	for (i = 0; src && src[i] && o + 1 < len; i++) {
		unsigned char c = (unsigned char)src[i];

		dst[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
}

/* ---- transitions ---- */

int kc_qa_next(const struct kc_qa_run *run)
{
	unsigned int i;

	for (i = 0; i < run->n_steps && i < KC_QA_MAX_STEPS; i++)
		if (run->steps[i].state == KC_QA_PENDING)
			return (int)i;
	return -1;
}

int kc_qa_fire(struct kc_qa_step *s, const char *boot_id, uint64_t now_ns)
{
	if (s->state != KC_QA_PENDING || !now_ns)
		return -EINVAL;
	s->state = KC_QA_FIRED;
	s->fired_ns = now_ns;
	kc_qa_put(s->boot_id, sizeof(s->boot_id), boot_id);
	return 0;
}

unsigned int kc_qa_cancel(struct kc_qa_run *run, const char *reason)
{
	unsigned int i, n = 0;

	for (i = 0; i < run->n_steps && i < KC_QA_MAX_STEPS; i++) {
		if (run->steps[i].state != KC_QA_PENDING)
			continue;
		run->steps[i].state = KC_QA_CANCELLED;
		kc_qa_put(run->steps[i].reason, sizeof(run->steps[i].reason),
			  reason);
		n++;
	}
	return n;
}

/* ---- writing ---- */

static void put_settings(FILE *f, const char *key,
			 const struct kc_qa_setting *s, unsigned int n)
{
	char v[32];
	unsigned int i;

	for (i = 0; i < n; i++) {
		kc_knob_format(s[i].knob, s[i].value, v, sizeof(v));
		fprintf(f, "%s=%s=%s\n", key, s[i].knob->key, v);
	}
}

/* @v and a newline, its control characters as '?': one line, always. */
static void wline(FILE *f, const char *v)
{
	for (; *v; v++)
		fputc((unsigned char)*v < 0x20 || *v == 0x7f ? '?' : *v, f);
	fputc('\n', f);
}

static void wstr(FILE *f, const char *key, const char *v)
{
	fprintf(f, "%s=", key);
	wline(f, v);
}

static void wnum(FILE *f, const char *key, uint64_t v)
{
	fprintf(f, "%s=%" PRIu64 "\n", key, v);
}

static void write_step(FILE *f, unsigned int i, const struct kc_qa_step *s)
{
	unsigned int j;

	wnum(f, "step", i);
	wstr(f, "type", s->type);
	wnum(f, "round", s->round);
	put_settings(f, "policy", s->policy, s->n_policy);
	wstr(f, "expect_cause", s->expect_cause);
	wstr(f, "expect_function", s->expect_function);
	wstr(f, "state", kc_qa_state_name(s->state));
	wstr(f, "verdict", kc_qa_verdict_name(s->verdict));
	wnum(f, "fired_ns", s->fired_ns);
	wstr(f, "boot_id", s->boot_id);
	wstr(f, "dump_dir", s->dump_dir);
	for (j = 0; j < s->n_files; j++) {
		fprintf(f, "file=%" PRIu64 " ", s->files[j].size);
		wline(f, s->files[j].name);
	}
	wstr(f, "cause", s->cause);
	wstr(f, "function", s->function);
	wstr(f, "signature", s->signature);
	wnum(f, "crashed_ns", s->crashed_ns);
	wnum(f, "capture_ns", s->capture_ns);
	wnum(f, "dump_ns", s->dump_ns);
	wnum(f, "up_ns", s->up_ns);
	wstr(f, "reason", s->reason);
}

void kc_qa_state_write(FILE *f, const struct kc_qa_run *run)
{
	unsigned int i;

	wnum(f, "kcrumbs-qa", KC_QA_STATE_VERSION);
	wstr(f, "run_id", run->id);
	wnum(f, "started_ns", run->started_ns);
	wnum(f, "delay_s", run->delay_s);
	wnum(f, "repeat", run->repeat);
	put_settings(f, "saved", run->saved, run->n_saved);
	for (i = 0; i < run->n_steps; i++)
		write_step(f, i, &run->steps[i]);
	fprintf(f, "end=%u\n", run->n_steps);
}

/* ---- reading ---- */

struct parser {
	struct kc_qa_run *run;
	struct kc_qa_step *step;	/* the current block, NULL before one */
	unsigned int line;
	bool version, end;
	char *why;
	size_t len;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct parser *p, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(p->why, p->len, "line %u: %s", p->line, msg);
	return -EINVAL;
}

/* A decimal without sign, leading blanks or trailing bytes, within @max. */
static int num(const char *v, uint64_t max, uint64_t *out)
{
	unsigned long long n;
	char *end;

	if (*v < '0' || *v > '9')
		return -EINVAL;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno || *end || n > max)
		return -EINVAL;
	*out = n;
	return 0;
}

static int parse_u64(struct parser *p, const char *v, uint64_t *out)
{
	return num(v, UINT64_MAX, out) ? fail(p, "'%.40s' is not a number", v) : 0;
}

static int parse_uint(struct parser *p, const char *v, unsigned int lo,
		      unsigned int hi, unsigned int *out)
{
	uint64_t n;

	if (num(v, hi, &n) || n < lo)
		return fail(p, "'%.40s' is not a number in %u..%u", v, lo, hi);
	*out = (unsigned int)n;
	return 0;
}

/* Printable text (no control characters) that fits @len with its NUL. */
static int parse_str(struct parser *p, const char *v, char *dst, size_t len)
{
	size_t i, n = strlen(v);

	if (n >= len)
		return fail(p, "value longer than %zu bytes", len - 1);
	for (i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return fail(p, "control character in a value");
	memset(dst, 0, len);
	memcpy(dst, v, n);
	return 0;
}

/* A name: not empty, [A-Za-z0-9._:-] only (run ids, types). */
static int parse_name(struct parser *p, const char *v, char *dst, size_t len)
{
	if (!*v || strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			  "0123456789._:-") != strlen(v))
		return fail(p, "'%.40s' is not a name", v);
	return parse_str(p, v, dst, len);
}

static int parse_enum(struct parser *p, const char *v,
		      const char *const *names, unsigned int n, unsigned int *out)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v, names[i])) {
			*out = i;
			return 0;
		}
	return fail(p, "unknown value '%.40s'", v);
}

/* "KNOB=VALUE", a knob of kc_knobs_table[] with a value in its range */
static int parse_setting(struct parser *p, const char *v,
			 struct kc_qa_setting *s, unsigned int *n,
			 unsigned int max)
{
	char key[64], why[128];
	const char *eq = strchr(v, '=');
	const struct kc_knob *k;
	long val;

	if (*n >= max)
		return fail(p, "more than %u knobs", max);
	if (!eq || (size_t)(eq - v) >= sizeof(key))
		return fail(p, "not KNOB=VALUE");
	memcpy(key, v, (size_t)(eq - v));
	key[eq - v] = '\0';
	k = kc_knob_find(key);
	if (!k || strcmp(k->key, key))
		return fail(p, "unknown knob '%.40s'", key);
	if (kc_knob_parse(k, eq + 1, &val, why, sizeof(why)))
		return fail(p, "%s: %s", k->key, why);
	s[*n].knob = k;
	s[(*n)++].value = val;
	return 0;
}

/* "SIZE NAME": a file name without '/' */
static int parse_file(struct parser *p, struct kc_qa_step *s, const char *v)
{
	const char *sp = strchr(v, ' ');
	char size[24];
	uint64_t n;

	if (s->n_files >= KC_QA_MAX_FILES)
		return fail(p, "more than %u files", KC_QA_MAX_FILES);
	if (!sp || (size_t)(sp - v) >= sizeof(size))
		return fail(p, "not SIZE NAME");
	memcpy(size, v, (size_t)(sp - v));
	size[sp - v] = '\0';
	if (num(size, UINT64_MAX, &n))
		return fail(p, "'%.23s' is not a size", size);
	if (!sp[1] || strchr(sp + 1, '/') || !strcmp(sp + 1, ".") ||
	    !strcmp(sp + 1, ".."))
		return fail(p, "not a file name");
	s->files[s->n_files].size = n;
	return parse_str(p, sp + 1, s->files[s->n_files++].name,
			 KC_QA_FILE_NAME_MAX);
}

static int run_key(struct parser *p, const char *key, const char *v)
{
	struct kc_qa_run *r = p->run;

	if (!strcmp(key, "run_id"))
		return parse_name(p, v, r->id, sizeof(r->id));
	if (!strcmp(key, "started_ns"))
		return parse_u64(p, v, &r->started_ns);
	if (!strcmp(key, "delay_s"))
		return parse_uint(p, v, 0, KC_QA_MAX_DELAY_S, &r->delay_s);
	if (!strcmp(key, "repeat"))
		return parse_uint(p, v, 1, KC_QA_MAX_REPEAT, &r->repeat);
	if (!strcmp(key, "saved"))
		return parse_setting(p, v, r->saved, &r->n_saved, KC_QA_MAX_SAVED);
	return 1;	/* not a run key */
}

/* The string fields of a step, by offset: one table, not a chain. */
#define SSTR(k, f) { k, offsetof(struct kc_qa_step, f), \
		     sizeof(((struct kc_qa_step *)0)->f) }
static const struct {
	const char *key;
	size_t off, len;
} step_strs[] = {
	SSTR("expect_cause", expect_cause),
	SSTR("expect_function", expect_function),
	SSTR("boot_id", boot_id),
	SSTR("dump_dir", dump_dir),
	SSTR("cause", cause),
	SSTR("function", function),
	SSTR("signature", signature),
	SSTR("reason", reason),
};

#define SNUM(k, f) { k, offsetof(struct kc_qa_step, f) }
static const struct {
	const char *key;
	size_t off;
} step_nums[] = {
	SNUM("fired_ns", fired_ns),
	SNUM("crashed_ns", crashed_ns),
	SNUM("capture_ns", capture_ns),
	SNUM("dump_ns", dump_ns),
	SNUM("up_ns", up_ns),
};

static int step_key(struct parser *p, const char *key, const char *v)
{
	struct kc_qa_step *s = p->step;
	unsigned int i, e = 0;
	int err;

	for (i = 0; i < ARRAY_LEN(step_strs); i++)
		if (!strcmp(key, step_strs[i].key))
			return parse_str(p, v, (char *)s + step_strs[i].off,
					 step_strs[i].len);
	for (i = 0; i < ARRAY_LEN(step_nums); i++)
		if (!strcmp(key, step_nums[i].key))
			return parse_u64(p, v, (uint64_t *)((char *)s +
							    step_nums[i].off));
	if (!strcmp(key, "type"))
		return parse_name(p, v, s->type, sizeof(s->type));
	if (!strcmp(key, "round"))
		return parse_uint(p, v, 1, KC_QA_MAX_REPEAT, &s->round);
	if (!strcmp(key, "policy"))
		return parse_setting(p, v, s->policy, &s->n_policy,
				     KC_QA_MAX_POLICY);
	if (!strcmp(key, "file"))
		return parse_file(p, s, v);
	if (!strcmp(key, "state")) {
		err = parse_enum(p, v, state_names, __KC_QA_STATE_MAX, &e);
		s->state = (enum kc_qa_state)e;
		return err;
	}
	if (!strcmp(key, "verdict")) {
		err = parse_enum(p, v, verdict_names, __KC_QA_V_MAX, &e);
		s->verdict = (enum kc_qa_verdict)e;
		return err;
	}
	return 1;
}

/* What a whole step must be: a type, and a verdict that fits its state. */
static int check_step(struct parser *p, const struct kc_qa_step *s)
{
	if (!s)
		return 0;
	if (!s->type[0] || !s->round)
		return fail(p, "step %ld has no type or round",
			    (long)(s - p->run->steps));
	if ((s->state == KC_QA_PASSED) != (s->verdict == KC_QA_V_PASS) ||
	    (s->state == KC_QA_FAILED) != (s->verdict > KC_QA_V_PASS))
		return fail(p, "step %ld: state %s with verdict %s",
			    (long)(s - p->run->steps), kc_qa_state_name(s->state),
			    kc_qa_verdict_name(s->verdict));
	if (s->state == KC_QA_PENDING && s->fired_ns)
		return fail(p, "step %ld: pending but fired",
			    (long)(s - p->run->steps));
	return 0;
}

static int new_step(struct parser *p, const char *v)
{
	unsigned int i = 0;
	int err = check_step(p, p->step);

	if (err)
		return err;
	if (parse_uint(p, v, 0, KC_QA_MAX_STEPS - 1, &i))
		return -EINVAL;
	if (i != p->run->n_steps)
		return fail(p, "step %u out of order (expected %u)", i,
			    p->run->n_steps);
	p->step = &p->run->steps[p->run->n_steps++];
	return 0;
}

static int end_line(struct parser *p, const char *v)
{
	unsigned int n = 0;
	int err = check_step(p, p->step);

	if (err)
		return err;
	if (parse_uint(p, v, 0, KC_QA_MAX_STEPS, &n))
		return -EINVAL;
	if (n != p->run->n_steps)
		return fail(p, "end says %u steps, %u read", n, p->run->n_steps);
	p->end = true;
	return 0;
}

static int version_line(struct parser *p, const char *v)
{
	if (strcmp(v, "1"))
		return fail(p, "state version '%.20s', this tool reads 1", v);
	p->version = true;
	return 0;
}

static int one_line(struct parser *p, char *line)
{
	char *eq = strchr(line, '=');
	int err;

	if (!*line)
		return 0;
	if (!eq)
		return fail(p, "not KEY=VALUE");
	*eq = '\0';
	if (!p->version)
		return strcmp(line, "kcrumbs-qa") ?
		       fail(p, "not a kcrumbs qa state") :
		       version_line(p, eq + 1);
	if (p->end)
		return fail(p, "text after the end line");
	if (!strcmp(line, "step"))
		return new_step(p, eq + 1);
	if (!strcmp(line, "end"))
		return end_line(p, eq + 1);
	err = p->step ? step_key(p, line, eq + 1) : run_key(p, line, eq + 1);
	return err > 0 ? 0 : err;	/* unknown keys are ignored */
}

static int check_run(struct parser *p)
{
	if (!p->version)
		return fail(p, "not a kcrumbs qa state (empty)");
	if (!p->end)
		return fail(p, "no end line: the text is cut short");
	if (!p->run->id[0] || !p->run->repeat)
		return fail(p, "no run_id or repeat");
	return 0;
}

int kc_qa_state_parse(const char *text, struct kc_qa_run *run, char *why,
		      size_t len)
{
	struct parser p = { .run = run, .why = why, .len = len };
	char line[512];
	const char *s = text, *nl;
	size_t n;
	int err;

	memset(run, 0, sizeof(*run));
	if (len)
		why[0] = '\0';
	while (*s) {
		p.line++;
		nl = strchr(s, '\n');
		n = nl ? (size_t)(nl - s) : strlen(s);
		if (n >= sizeof(line))
			return fail(&p, "line longer than %zu bytes", sizeof(line) - 1);
		memcpy(line, s, n);
		line[n] = '\0';
		err = one_line(&p, line);
		if (err)
			return err;
		s += n + (nl ? 1 : 0);
	}
	return check_run(&p);
}
