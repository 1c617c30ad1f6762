// SPDX-License-Identifier: GPL-2.0
/* How a boot ended, and its summary (harvest.h). Pure. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harvest.h"
#include "json.h"
#include "lastboot.h"
#include "text.h"

static const char *const fate_names[] = {
	[KC_H_CRASHED] = "crashed",
	[KC_H_CLEAN] = "clean",
	[KC_H_VANISHED] = "vanished",
	[KC_H_UNKNOWN] = "unknown",
};

const char *kc_hfate_name(enum kc_hfate fate)
{
	return (unsigned int)fate < 4 ? fate_names[fate] : "unknown";
}

/* Copy @src into @dst as one printable line (no newline, no escapes). */
static void put(char *dst, size_t len, const char *src)
{
	size_t i, o = 0;

	memset(dst, 0, len);	/* no bytes of an earlier value past the NUL */
	for (i = 0; src && src[i] && o + 1 < len; i++) {
		unsigned char c = (unsigned char)src[i];

		dst[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	dst[o] = '\0';
}

static void from_region(const struct kc_region *r, struct kc_summary *s)
{
	struct kc_signature sig;
	struct kc_verdict v;

	kc_last_boot(r, &v);
	put(s->release, sizeof(s->release), r->release);
	s->survived = v.n_survived;
	switch (v.fate) {
	case KC_FATE_CRASHED:
		s->fate = KC_H_CRASHED;
		break;
	case KC_FATE_CLEAN:
		s->fate = KC_H_CLEAN;
		break;
	case KC_FATE_VANISHED:
		s->fate = KC_H_VANISHED;
		break;
	}
	if (s->fate != KC_H_CRASHED || !v.event)
		return;
	put(s->cause, sizeof(s->cause), kc_cause_name(v.event->cause));
	put(s->message, sizeof(s->message), v.event->msg);
	put(s->function, sizeof(s->function), v.function);
	kc_signature(v.event, &sig);
	put(s->title, sizeof(s->title), sig.title);
	put(s->signature, sizeof(s->signature), sig.hash);
	put(s->task, sizeof(s->task), v.event->comm);
	s->pid = v.event->pid;
	s->cpu = v.event->cpu;
	s->crashed_ns = v.event->wall_ns;
}

void kc_harvest_decide(const struct kc_harvest_in *in, struct kc_summary *s)
{
	memset(s, 0, sizeof(*s));
	put(s->boot_id, sizeof(s->boot_id), in->boot_id);
	put(s->release, sizeof(s->release), in->release);
	s->started_ns = in->started_ns;
	if (in->reserved) {
		from_region(in->reserved, s);
		put(s->source, sizeof(s->source), "the reserved region");
	} else if (in->captured) {
		from_region(in->captured, s);
		s->fate = KC_H_CRASHED;	/* the capture kernel ran */
		snprintf(s->source, sizeof(s->source), "kdump, %s", in->capture_path);
	} else if (in->capture_empty || in->dump_path) {
		s->fate = KC_H_CRASHED;
		snprintf(s->source, sizeof(s->source), "kdump, without breadcrumbs: %s",
			 in->capture_empty ? in->capture_path : in->dump_path);
	} else if (in->clean_mark) {
		s->fate = KC_H_CLEAN;
		put(s->source, sizeof(s->source), "its clean shutdown");
	} else {
		s->fate = in->known ? KC_H_VANISHED : KC_H_UNKNOWN;
		put(s->source, sizeof(s->source), in->known ?
		    "nothing: no crash record, dump or clean shutdown" :
		    "nothing: kcrumbs did not know it");
	}
}

void kc_summary_write(FILE *f, const struct kc_summary *s)
{
	fprintf(f, "fate=%s\nboot_id=%s\nrelease=%s\nstarted_ns=%" PRIu64
		"\ncrashed_ns=%" PRIu64 "\ncause=%s\nmessage=%s\nfunction=%s\n"
		"title=%s\nsignature=%s\n"
		"task=%s\npid=%" PRIu32 "\ncpu=%" PRIu32 "\nsurvived=%u\nsource=%s\n",
		kc_hfate_name(s->fate), s->boot_id, s->release, s->started_ns,
		s->crashed_ns, s->cause, s->message, s->function, s->title,
		s->signature, s->task, s->pid, s->cpu, s->survived, s->source);
}

static uint64_t num(const char *v)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(v, &end, 10);
	return errno || *end || *v == '-' ? 0 : n;
}

int kc_summary_parse(const char *text, struct kc_summary *s)
{
	const char *p = text, *nl, *eq;
	char key[32], val[512];
	int have_fate = 0;
	size_t k, n;

	memset(s, 0, sizeof(*s));
	for (; *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		eq = memchr(p, '=', n);
		if (!eq || (size_t)(eq - p) >= sizeof(key))
			continue;
		k = (size_t)(eq - p);
		memcpy(key, p, k);
		key[k] = '\0';
		n -= k + 1;
		if (n >= sizeof(val))
			n = sizeof(val) - 1;
		memcpy(val, eq + 1, n);
		val[n] = '\0';
		if (!strcmp(key, "fate")) {
			for (k = 0; k < 4; k++)
				if (!strcmp(val, fate_names[k])) {
					s->fate = (enum kc_hfate)k;
					have_fate = 1;
				}
		} else if (!strcmp(key, "boot_id")) {
			put(s->boot_id, sizeof(s->boot_id), val);
		} else if (!strcmp(key, "release")) {
			put(s->release, sizeof(s->release), val);
		} else if (!strcmp(key, "started_ns")) {
			s->started_ns = num(val);
		} else if (!strcmp(key, "crashed_ns")) {
			s->crashed_ns = num(val);
		} else if (!strcmp(key, "cause")) {
			put(s->cause, sizeof(s->cause), val);
		} else if (!strcmp(key, "message")) {
			put(s->message, sizeof(s->message), val);
		} else if (!strcmp(key, "function")) {
			put(s->function, sizeof(s->function), val);
		} else if (!strcmp(key, "title")) {
			put(s->title, sizeof(s->title), val);
		} else if (!strcmp(key, "signature")) {
			put(s->signature, sizeof(s->signature), val);
		} else if (!strcmp(key, "task")) {
			put(s->task, sizeof(s->task), val);
		} else if (!strcmp(key, "pid")) {
			s->pid = (uint32_t)num(val);
		} else if (!strcmp(key, "cpu")) {
			s->cpu = (uint32_t)num(val);
		} else if (!strcmp(key, "survived")) {
			s->survived = (unsigned int)num(val);
		} else if (!strcmp(key, "source")) {
			put(s->source, sizeof(s->source), val);
		}
		if (!nl)
			break;
	}
	return have_fate ? 0 : -EINVAL;
}

/* "2026-11-30 23:30:01 UTC", or "" for 0. */
static void when(char *buf, size_t len, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000ull);
	struct tm tm;

	buf[0] = '\0';
	if (ns && gmtime_r(&t, &tm))
		strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static void iso(char *buf, size_t len, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000ull);
	struct tm tm;

	buf[0] = '\0';
	if (ns && gmtime_r(&t, &tm))
		strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void json_opt(FILE *f, const char *key, const char *v)
{
	fprintf(f, ",\"%s\":", key);
	if (v && *v)
		kc_json_string(f, v);
	else
		fputs("null", f);
}

void kc_summary_json(FILE *f, const struct kc_summary *s)
{
	char t[40];

	fprintf(f, "{\"fate\":\"%s\"", kc_hfate_name(s->fate));
	json_opt(f, "boot_id", s->boot_id);
	json_opt(f, "release", s->release);
	iso(t, sizeof(t), s->started_ns);
	json_opt(f, "started", t);
	iso(t, sizeof(t), s->crashed_ns);
	json_opt(f, "crashed", t);
	json_opt(f, "cause", s->cause);
	json_opt(f, "message", s->message);
	json_opt(f, "function", s->function);
	json_opt(f, "title", s->title);
	json_opt(f, "signature", s->signature);
	json_opt(f, "task", s->task);
	if (s->fate == KC_H_CRASHED && s->task[0])
		fprintf(f, ",\"pid\":%" PRIu32 ",\"cpu\":%" PRIu32, s->pid, s->cpu);
	fprintf(f, ",\"survived\":%u", s->survived);
	json_opt(f, "source", s->source);
	fputc('}', f);
}

void kc_summary_text(FILE *f, const struct kc_summary *s)
{
	char t[40];

	fputs("boot", f);
	if (s->release[0]) {
		fputs(" (", f);
		kc_text_str(f, s->release);
		fputc(')', f);
	}
	when(t, sizeof(t), s->started_ns);
	if (t[0])
		fprintf(f, " started %s", t);
	switch (s->fate) {
	case KC_H_CLEAN:
		fputs(": shut down cleanly", f);
		break;
	case KC_H_VANISHED:
		fputs(": ended without a trace: power loss, a hard reset, or a "
		      "hang kcrumbs could not see", f);
		break;
	case KC_H_UNKNOWN:
		fputs(": unknown to kcrumbs", f);
		break;
	case KC_H_CRASHED:
		fputs(": crashed", f);
		if (s->cause[0]) {
			fputs(": ", f);
			kc_text_str(f, s->cause);
		}
		if (s->message[0]) {
			fputs(" (", f);
			kc_text_str(f, s->message);
			fputc(')', f);
		}
		if (s->function[0]) {
			fputs(" in ", f);
			kc_text_str(f, s->function);
		}
		if (s->task[0]) {
			fputs(", task ", f);
			kc_text_str(f, s->task);
			fprintf(f, " (pid %" PRIu32 ") on CPU %" PRIu32, s->pid, s->cpu);
		}
		when(t, sizeof(t), s->crashed_ns);
		if (t[0])
			fprintf(f, ", at %s", t);
		if (!s->cause[0])
			fputs(" (kdump saved a dump; kcrumbs has no breadcrumbs of it)", f);
		break;
	}
	if (s->survived)
		fprintf(f, ", after %u survived event%s", s->survived,
			s->survived == 1 ? "" : "s");
	if (s->fate == KC_H_CRASHED && s->title[0]) {
		fputs("; title: ", f);
		kc_text_str(f, s->title);
		if (s->signature[0]) {
			fputs(", signature ", f);
			kc_text_str(f, s->signature);
		}
	}
	fputc('\n', f);
}
