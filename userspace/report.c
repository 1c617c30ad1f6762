// SPDX-License-Identifier: GPL-2.0
/* Printing decoded breadcrumbs. Pure: writes only to the FILE it is given. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "lastboot.h"
#include "mce.h"
#include "report.h"
#include "signature.h"
#include "snapshot.h"
#include "text.h"

static void wall(char *buf, size_t len, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000u);
	struct tm tm;

	if (!ns || !gmtime_r(&t, &tm)) {
		snprintf(buf, len, "unknown");
		return;
	}
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf + strlen(buf), len - strlen(buf), ".%03u UTC",
		 (unsigned int)(ns / 1000000u % 1000u));
}

static void hex(char *buf, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(buf + 2 * i, "%02x", p[i]);
}

/* A mark's bytes on one line, every \xNN in it an escape. */
static void put_line(FILE *f, const uint8_t *s, size_t n)
{
	kc_text(f, (const char *)s, n > KCRUMBS_MARK_TEXT_MAX ? KCRUMBS_MARK_TEXT_MAX : n,
		KC_TEXT_BACKSLASH);
}

static void text_mark(FILE *f, const struct kc_mark *m)
{
	char when[64];

	wall(when, sizeof(when), m->wall_ns);
	fprintf(f, "mark #%" PRIu64, m->seq);
	if (m->tag[0]) {
		fputs(" [", f);
		kc_text_str(f, m->tag);
		fputc(']', f);
	}
	fprintf(f, ": %" PRIu64 ".%06" PRIu64
		" s after boot, %s, cpu %" PRIu32 ", pid %" PRIu32 " (",
		m->boot_ns / 1000000000u, m->boot_ns / 1000u % 1000000u, when,
		m->cpu, m->pid);
	kc_text_str(f, m->comm);
	fprintf(f, ")%s%s%s\n  ", m->flags & KCRUMBS_MARK_F_KERNEL ? ", from the kernel" : "",
		m->flags & KCRUMBS_MARK_F_NMI ? ", in NMI" :
		m->flags & KCRUMBS_MARK_F_IRQ ? ", in interrupt" : "",
		m->flags & KCRUMBS_MARK_F_TRUNCATED ? ", truncated" : "");
	put_line(f, m->text, m->text_len);
	fputc('\n', f);
}

/* What an event is on the time line: the crash, or one of its trail. */
static const char *role(const struct kc_verdict *v, const struct kc_rec *e)
{
	if (e == v->event)
		return "the crash";
	return e->cause == KCRUMBS_CAUSE_SELFTEST ? "self-test" : "survived";
}

static void text_event(FILE *f, const struct kc_region *r, const struct kc_rec *e,
		       const struct kc_verdict *v)
{
	const struct kc_rec *snap = kc_region_related(r, KCRUMBS_REC_SNAPSHOT, e->seq);
	struct kc_signature sig;
	char when[64];
	unsigned int i;

	wall(when, sizeof(when), e->wall_ns);
	kc_signature(e, &sig);
	fprintf(f, "event #%" PRIu64 ": %s", e->seq, kc_cause_name(e->cause));
	if (e->msg[0]) {
		fputs(" — ", f);
		kc_text_str(f, e->msg);
	}
	fprintf(f, "\n  title: %s   signature: %s   (%s)", sig.title, sig.hash,
		role(v, e));
	fprintf(f, "\n  cpu %" PRIu32 ", pid %" PRIu32 " (", e->cpu, e->pid);
	kc_text_str(f, e->comm);
	fprintf(f, "), %s, %" PRIu64 ".%06" PRIu64 " s after boot\n", when,
		e->boot_ns / 1000000000u, e->boot_ns / 1000u % 1000000u);
	fprintf(f, "  recorded by the %s hook%s%s in %" PRIu32 " ns\n",
		kc_hook_name(e->hook),
		e->flags & KCRUMBS_REC_F_NMI ? ", in NMI" : "",
		e->flags & KCRUMBS_REC_F_HARDIRQ ? ", in hard interrupt" :
		e->flags & KCRUMBS_REC_F_IRQ ? ", in interrupt" : "", e->cost_ns);
	if (e->ip && e->nr_frames) {
		fputs("  at ", f);
		kc_text_str(f, e->frames[0].sym);
		fputc('\n', f);
	}
	if (e->nr_frames)
		fputs("  backtrace:\n", f);
	for (i = e->ip ? 1 : 0; i < e->nr_frames; i++) {
		fputs("    ", f);
		kc_text_str(f, e->frames[i].sym);
		fputc('\n', f);
	}
	if (snap) {
		fprintf(f, "  system (snapshot #%" PRIu64 "):\n", snap->seq);
		kc_snapshot_text(f, &snap->snap, r->release, "    ");
	}
}

static void text_tail(FILE *f, const struct kc_rec *t, unsigned int lines)
{
	const char *start = t->text, *end = t->text + t->text_len, *p = end;
	unsigned int n = 0;

	while (end > start && end[-1] == '\n')
		end--;
	p = end;
	while (p > start && (!lines || n < lines)) {
		p--;
		if (*p == '\n' && ++n == lines) {
			p++;
			break;
		}
	}
	fprintf(f, "log tail #%" PRIu64 " (event #%" PRIu64 ", %zu bytes)%s:\n",
		t->seq, t->related_seq, t->text_len,
		lines ? ", last lines" : "");
	kc_text(f, p, (size_t)(end - p), KC_TEXT_LINES);
	fputc('\n', f);
}

#define KC_LOG_MCES 16

/*
 * A crash of cause mce whose machine check no hook saw (it panicked before
 * the banks were logged: every fatal one on AMD, a local one on Intel):
 * the machine checks mce_panic() printed, from the crash's log tail.
 * None when an uncorrected machine check record is there.
 */
static unsigned int log_mces(const struct kc_region *r, const struct kc_verdict *v,
			     struct kc_mce *out)
{
	unsigned int i;

	if (!v->event || v->event->cause != KCRUMBS_CAUSE_MCE)
		return 0;
	for (i = 0; i < r->n_recs; i++)
		if (r->recs[i].kind == KCRUMBS_REC_MCE &&
		    r->recs[i].mce.status >> 61 & 1)
			return 0;
	for (i = 0; i < r->n_recs; i++)
		if (r->recs[i].kind == KCRUMBS_REC_LOG_TAIL &&
		    r->recs[i].related_seq == v->event->seq)
			return kc_mce_from_log(r->recs[i].text, r->recs[i].text_len,
					       out, KC_LOG_MCES);
	return 0;
}

/* Events and machine checks go on the time line; log tails and snapshots do not. */
static int on_timeline(const struct kc_rec *rec)
{
	return rec->kind == KCRUMBS_REC_EVENT || rec->kind == KCRUMBS_REC_MCE;
}

/*
 * Events, machine checks and marks merged by CLOCK_BOOTTIME; log tails
 * and snapshots are left out (a snapshot goes under its event). A blank
 * line sets each event apart; marks follow one another.
 */
static void text_timeline(FILE *f, const struct kc_region *r)
{
	unsigned int e = 0, m = 0;
	int after_mark = 0;
	struct kc_verdict v;

	kc_last_boot(r, &v);

	for (;;) {
		while (e < r->n_recs && !on_timeline(&r->recs[e]))
			e++;
		if (e == r->n_recs && m == r->n_marks)
			break;
		if (m < r->n_marks &&
		    (e == r->n_recs || r->marks[m].boot_ns <= r->recs[e].boot_ns)) {
			text_mark(f, &r->marks[m++]);
			after_mark = 1;
			continue;
		}
		if (after_mark)
			fputc('\n', f);
		if (r->recs[e].kind == KCRUMBS_REC_MCE)
			kc_mce_text(f, r->recs[e].seq, &r->recs[e].mce);
		else
			text_event(f, r, &r->recs[e], &v);
		e++;
		fputc('\n', f);
		after_mark = 0;
	}
	if (after_mark)
		fputc('\n', f);
}

void kc_report_text(FILE *f, const struct kc_region_bytes *src,
		    const struct kc_region *r, unsigned int log_lines)
{
	char when[64], id[33];
	unsigned int i;

	wall(when, sizeof(when), r->created_wall_ns);
	hex(id, r->boot_id, sizeof(r->boot_id));
	fprintf(f, "region: %" PRIu64 " bytes at 0x%" PRIx64 " (%s), written by ",
		r->region_size, src->paddr, src->how);
	kc_text_str(f, r->release);
	fputc('\n', f);
	fprintf(f, "boot:   %s, set up %s, state %s\n", id, when,
		kc_state_name(r->state));
	fprintf(f, "slots:  %u of %" PRIu32 " used, %u corrupt\n", r->n_recs,
		r->nr_slots, r->n_bad);
	fprintf(f, "marks:  %u kept of %" PRIu64 " made (ring of %" PRIu32
		"), %u corrupt\n\n", r->n_marks, r->next_mark_seq, r->nr_marks,
		r->n_bad_marks);
	/* events and marks in time order: what happened, and around it */
	text_timeline(f, r);
	{
		struct kc_mce mces[KC_LOG_MCES];
		struct kc_verdict v;
		unsigned int n;

		kc_last_boot(r, &v);
		n = log_mces(r, &v, mces);
		for (i = 0; i < n; i++) {
			kc_mce_text(f, 0, &mces[i]);
			fputc('\n', f);
		}
	}
	for (i = 0; i < r->n_recs; i++) {
		if (r->recs[i].kind == KCRUMBS_REC_LOG_TAIL) {
			text_tail(f, &r->recs[i], log_lines);
			fputc('\n', f);
		}
	}
	/* a snapshot whose event was overwritten, or never written */
	for (i = 0; i < r->n_recs; i++) {
		const struct kc_rec *s = &r->recs[i];

		if (s->kind != KCRUMBS_REC_SNAPSHOT ||
		    kc_region_find(r, KCRUMBS_REC_EVENT, s->related_seq))
			continue;
		fprintf(f, "snapshot #%" PRIu64 " (event #%" PRIu64 ", not kept):\n",
			s->seq, s->related_seq);
		kc_snapshot_text(f, &s->snap, r->release, "  ");
		fputc('\n', f);
	}
	for (i = 0; i < r->n_bad; i++)
		fprintf(f, "CORRUPT slot %u: %s (not trusted)\n", r->bad[i].slot,
			r->bad[i].problem);
	for (i = 0; i < r->n_bad_marks; i++)
		fprintf(f, "CORRUPT mark entry %u: %s (not trusted)\n",
			r->bad_marks[i].slot, r->bad_marks[i].problem);
	if (!r->n_recs && !r->n_marks)
		fputs("no breadcrumbs recorded\n", f);
}

static void json_str_n(FILE *f, const char *s, size_t n)
{
	char *copy = strndup(s, n);

	kc_json_string(f, copy ? copy : "");
	free(copy);
}

static void json_rec(FILE *f, const struct kc_region *r, const struct kc_rec *e,
		     const struct kc_verdict *v)
{
	const struct kc_rec *snap;
	struct kc_signature sig;
	unsigned int i;

	fputc('{', f);
	kc_json_u64(f, 0, "seq", e->seq);
	fprintf(f, ",\"slot\":%u,\"kind\":\"%s\",\"cpu\":%" PRIu32
		",\"pid\":%" PRIu32 ",\"comm\":", e->slot,
		kc_kind_name(e->kind), e->cpu, e->pid);
	kc_json_string(f, e->comm);
	kc_json_u64(f, 1, "mono_ns", e->mono_ns);
	kc_json_u64(f, 1, "boot_ns", e->boot_ns);
	kc_json_wall(f, 1, "wall", e->wall_ns);
	fprintf(f, ",\"hook\":\"%s\",\"in_nmi\":%s,\"in_irq\":%s,\"in_hardirq\":%s,"
		"\"truncated\":%s,\"cost_ns\":%" PRIu32,
		kc_hook_name(e->hook), e->flags & KCRUMBS_REC_F_NMI ? "true" : "false",
		e->flags & KCRUMBS_REC_F_IRQ ? "true" : "false",
		e->flags & KCRUMBS_REC_F_HARDIRQ ? "true" : "false",
		e->flags & KCRUMBS_REC_F_TRUNCATED ? "true" : "false", e->cost_ns);
	if (e->kind == KCRUMBS_REC_LOG_TAIL) {
		kc_json_u64(f, 1, "related_seq", e->related_seq);
		fputs(",\"text\":", f);
		json_str_n(f, e->text, e->text_len);
		fputc('}', f);
		return;
	}
	if (e->kind == KCRUMBS_REC_SNAPSHOT) {
		kc_json_u64(f, 1, "related_seq", e->related_seq);
		fputs(",\"snapshot\":", f);
		kc_snapshot_json(f, &e->snap);
		fputc('}', f);
		return;
	}
	if (e->kind == KCRUMBS_REC_MCE) {
		fprintf(f, ",\"cause\":\"%s\",\"mce\":", kc_cause_name(e->cause));
		kc_mce_json(f, e->seq, &e->mce);
		fputc('}', f);
		return;
	}
	fprintf(f, ",\"cause\":\"%s\",\"message\":", kc_cause_name(e->cause));
	kc_json_string(f, e->msg);
	kc_signature(e, &sig);
	fputs(",\"title\":", f);
	kc_json_string(f, sig.title);
	fprintf(f, ",\"signature\":\"%s\",\"culprit\":", sig.hash);
	if (sig.culprit[0])
		kc_json_string(f, sig.culprit);
	else
		fputs("null", f);
	fprintf(f, ",\"trail\":%s", e == v->event ? "false" : "true");
	kc_json_hex(f, 1, "ip", e->ip);
	fputs(",\"frames\":[", f);
	for (i = 0; i < e->nr_frames; i++) {
		fputs(i ? ",{" : "{", f);
		kc_json_hex(f, 0, "addr", e->frames[i].addr);
		fputs(",\"sym\":", f);
		kc_json_string(f, e->frames[i].sym);
		fputc('}', f);
	}
	fputs("],\"snapshot\":", f);
	snap = kc_region_related(r, KCRUMBS_REC_SNAPSHOT, e->seq);
	if (snap)
		kc_snapshot_json(f, &snap->snap);
	else
		fputs("null", f);
	fputc('}', f);
}

/* Text that is not plain printable ASCII also goes out as hex. */
static int needs_hex(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] >= 0x7f)
			return 1;
	return 0;
}

static void json_mark(FILE *f, const struct kc_mark *m)
{
	size_t i;

	fputc('{', f);
	kc_json_u64(f, 0, "seq", m->seq);
	fprintf(f, ",\"entry\":%u,\"cpu\":%" PRIu32
		",\"pid\":%" PRIu32 ",\"comm\":", m->slot, m->cpu, m->pid);
	kc_json_string(f, m->comm);
	fputs(",\"tag\":", f);
	kc_json_string(f, m->tag);
	kc_json_u64(f, 1, "mono_ns", m->mono_ns);
	kc_json_u64(f, 1, "boot_ns", m->boot_ns);
	kc_json_wall(f, 1, "wall", m->wall_ns);
	fprintf(f, ",\"from_kernel\":%s,\"in_nmi\":%s,\"in_irq\":%s,"
		"\"truncated\":%s,\"text\":",
		m->flags & KCRUMBS_MARK_F_KERNEL ? "true" : "false",
		m->flags & KCRUMBS_MARK_F_NMI ? "true" : "false",
		m->flags & KCRUMBS_MARK_F_IRQ ? "true" : "false",
		m->flags & KCRUMBS_MARK_F_TRUNCATED ? "true" : "false");
	json_str_n(f, (const char *)m->text, m->text_len);
	if (needs_hex(m->text, m->text_len)) {
		fputs(",\"text_hex\":\"", f);
		for (i = 0; i < m->text_len; i++)
			fprintf(f, "%02x", m->text[i]);
		fputc('"', f);
	}
	fputc('}', f);
}

void kc_report_json(FILE *f, const struct kc_region_bytes *src,
		    const struct kc_region *r)
{
	struct kc_verdict v;
	const char *sep;
	char id[33];
	unsigned int i;

	kc_last_boot(r, &v);
	hex(id, r->boot_id, sizeof(r->boot_id));
	fprintf(f, "{\"schema\":%d,\"source\":{\"how\":", KC_READ_JSON_SCHEMA);
	kc_json_string(f, src->how);
	kc_json_hex(f, 1, "paddr", src->paddr);
	fputs("},\"region\":{", f);
	kc_json_u64(f, 0, "size", r->region_size);
	fputs(",\"release\":", f);
	kc_json_string(f, r->release);
	fprintf(f, ",\"boot_id\":\"%s\"", id);
	kc_json_wall(f, 1, "created", r->created_wall_ns);
	fprintf(f, ",\"state\":\"%s\"", kc_state_name(r->state));
	kc_json_u64(f, 1, "next_seq", r->next_seq);
	fprintf(f, ",\"slots\":%" PRIu32 ",\"slot_size\":%" PRIu32,
		r->nr_slots, r->slot_size);
	kc_json_u64(f, 1, "next_mark_seq", r->next_mark_seq);
	fprintf(f, ",\"nr_marks\":%" PRIu32 "},\"records\":[", r->nr_marks);
	for (i = 0; i < r->n_recs; i++) {
		if (i)
			fputc(',', f);
		json_rec(f, r, &r->recs[i], &v);
	}
	fputs("],\"mces\":[", f);
	for (i = 0, sep = ""; i < r->n_recs; i++) {
		if (r->recs[i].kind != KCRUMBS_REC_MCE)
			continue;
		fputs(sep, f);
		kc_mce_json(f, r->recs[i].seq, &r->recs[i].mce);
		sep = ",";
	}
	{
		struct kc_mce mces[KC_LOG_MCES];
		unsigned int n = log_mces(r, &v, mces);

		for (i = 0; i < n; i++) {
			fputs(sep, f);
			kc_mce_json(f, 0, &mces[i]);
			sep = ",";
		}
	}
	fputs("],\"corrupt\":[", f);
	for (i = 0; i < r->n_bad; i++) {
		fprintf(f, "%s{\"slot\":%u,\"problem\":", i ? "," : "", r->bad[i].slot);
		kc_json_string(f, r->bad[i].problem);
		fputc('}', f);
	}
	fputs("],\"marks\":[", f);
	for (i = 0; i < r->n_marks; i++) {
		if (i)
			fputc(',', f);
		json_mark(f, &r->marks[i]);
	}
	fputs("],\"marks_corrupt\":[", f);
	for (i = 0; i < r->n_bad_marks; i++) {
		fprintf(f, "%s{\"entry\":%u,\"problem\":", i ? "," : "",
			r->bad_marks[i].slot);
		kc_json_string(f, r->bad_marks[i].problem);
		fputc('}', f);
	}
	fputs("]}\n", f);
}

void kc_report_json_error(FILE *f, const char *why, int exit_code)
{
	fprintf(f, "{\"schema\":1,\"error\":");	/* the error object: its own schema */
	kc_json_string(f, why);
	fprintf(f, ",\"exit\":%d}\n", exit_code);
}
