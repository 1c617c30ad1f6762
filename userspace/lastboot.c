// SPDX-License-Identifier: GPL-2.0
/* The previous boot's fate, from its region. Pure. */
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "json.h"
#include "lastboot.h"
#include "signature.h"
#include "text.h"

/* The culprit frame's symbol text, as recorded (signature.c decides). */
static const char *where(const struct kc_rec *e)
{
	int i = kc_culprit_frame(e);

	return i < 0 ? NULL : e->frames[i].sym;
}

/* An event the kernel lived through: not the fatal one, not a self-test. */
static bool survived(const struct kc_region *r, const struct kc_verdict *v,
		     const struct kc_rec *e)
{
	(void)r;
	return e->kind == KCRUMBS_REC_EVENT && e != v->event &&
	       e->cause != KCRUMBS_CAUSE_SELFTEST;
}

/*
 * The event the first fatal hook's log tail names, if it survived; else
 * the last event not marked as one the kernel carried on after; else the
 * last event.
 */
static const struct kc_rec *fatal_event(const struct kc_region *r)
{
	const struct kc_rec *last = NULL, *last_trail = NULL, *e;
	unsigned int i;

	for (i = r->n_recs; i-- > 0;) {
		if (r->recs[i].kind != KCRUMBS_REC_LOG_TAIL)
			continue;
		e = kc_region_find(r, KCRUMBS_REC_EVENT, r->recs[i].related_seq);
		if (e)
			return e;
	}
	for (i = 0; i < r->n_recs; i++) {	/* sorted: the last wins */
		if (r->recs[i].kind != KCRUMBS_REC_EVENT)
			continue;
		if (r->recs[i].flags & KCRUMBS_REC_F_TRAIL)
			last_trail = &r->recs[i];
		else
			last = &r->recs[i];
	}
	return last ? last : last_trail;
}

void kc_last_boot(const struct kc_region *r, struct kc_verdict *v)
{
	unsigned int i;

	memset(v, 0, sizeof(*v));
	if (r->state == KCRUMBS_STATE_CRASHED) {
		v->fate = KC_FATE_CRASHED;
		v->event = fatal_event(r);
		v->function = v->event ? where(v->event) : NULL;
	} else if (r->state == KCRUMBS_STATE_CLEAN) {
		v->fate = KC_FATE_CLEAN;
	} else {
		v->fate = KC_FATE_VANISHED;
	}
	for (i = 0; i < r->n_recs; i++)
		v->n_survived += survived(r, v, &r->recs[i]);
}

const char *kc_fate_name(enum kc_fate fate)
{
	static const char *const names[] = {
		[KC_FATE_CRASHED] = "crashed",
		[KC_FATE_CLEAN] = "clean",
		[KC_FATE_VANISHED] = "vanished",
	};

	return names[fate];
}

/*
 * ", after 1 survived oops, 2 survived nmi_unknown" and the newline: the
 * events the kernel lived through, by cause, in the order first seen.
 */
static void print_survived(FILE *f, const struct kc_region *r,
			   const struct kc_verdict *v)
{
	unsigned int i, j, n;
	const char *sep = ", after ";

	for (i = 0; i < r->n_recs; i++) {
		const struct kc_rec *a = &r->recs[i];

		if (!survived(r, v, a))
			continue;
		for (j = 0; j < i; j++)
			if (survived(r, v, &r->recs[j]) && r->recs[j].cause == a->cause)
				break;
		if (j < i)
			continue;	/* this cause is counted already */
		for (n = 0, j = i; j < r->n_recs; j++)
			n += survived(r, v, &r->recs[j]) && r->recs[j].cause == a->cause;
		fprintf(f, "%s%u survived %s", sep, n, kc_cause_name(a->cause));
		sep = ", ";
	}
	fputc('\n', f);
}

/* "previous boot (RELEASE): ", the release as safe text. */
static void previous(FILE *f, const struct kc_region *r)
{
	fputs("previous boot (", f);
	kc_text_str(f, r->release);
	fputs("): ", f);
}

void kc_last_boot_text(FILE *f, const struct kc_region *r,
		       const struct kc_verdict *v)
{
	const struct kc_rec *e = v->event;
	struct kc_signature sig;

	switch (v->fate) {
	case KC_FATE_CLEAN:
		previous(f, r);
		fputs("shut down cleanly", f);
		print_survived(f, r, v);
		return;
	case KC_FATE_VANISHED:
		previous(f, r);
		fputs("ended without a trace: power loss, a hard reset, or a hang "
		      "kcrumbs could not see", f);
		print_survived(f, r, v);
		return;
	case KC_FATE_CRASHED:
		break;
	}
	previous(f, r);
	if (!e) {
		fputs("crashed; its records are corrupt\n", f);
		return;
	}
	fprintf(f, "crashed: %s", kc_cause_name(e->cause));
	if (e->msg[0]) {
		fputs(" (", f);
		kc_text_str(f, e->msg);
		fputc(')', f);
	}
	if (v->function) {
		fputs(" in ", f);
		kc_text_str(f, v->function);
	}
	fprintf(f, " on CPU %" PRIu32 ", task ", e->cpu);
	kc_text_str(f, e->comm);
	fprintf(f, " (pid %" PRIu32 ")", e->pid);
	print_survived(f, r, v);
	kc_signature(e, &sig);
	fprintf(f, "  title: %s   signature: %s\n", sig.title, sig.hash);
}

/* ,"title":"...","signature":"..." of an event */
static void json_signature(FILE *f, const struct kc_rec *e)
{
	struct kc_signature sig;

	kc_signature(e, &sig);
	fputs(",\"title\":", f);
	kc_json_string(f, sig.title);
	fprintf(f, ",\"signature\":\"%s\"", sig.hash);
}

void kc_last_boot_json(FILE *f, const struct kc_region *r,
		       const struct kc_verdict *v)
{
	const struct kc_rec *e = v->event;
	unsigned int i, n;

	fprintf(f, "{\"schema\":2,\"fate\":\"%s\",\"release\":", kc_fate_name(v->fate));
	kc_json_string(f, r->release);
	if (e) {
		fprintf(f, ",\"cause\":\"%s\",\"message\":", kc_cause_name(e->cause));
		kc_json_string(f, e->msg);
		fputs(",\"function\":", f);
		if (v->function)
			kc_json_string(f, v->function);
		else
			fputs("null", f);
		json_signature(f, e);
		fprintf(f, ",\"cpu\":%" PRIu32 ",\"pid\":%" PRIu32 ",\"comm\":",
			e->cpu, e->pid);
		kc_json_string(f, e->comm);
		kc_json_wall(f, 1, "wall", e->wall_ns);
	}
	fprintf(f, ",\"survived\":%u,\"survived_events\":[", v->n_survived);
	for (i = 0, n = 0; i < r->n_recs; i++) {
		const struct kc_rec *a = &r->recs[i];

		if (!survived(r, v, a))
			continue;
		fputs(n++ ? ",{" : "{", f);
		kc_json_u64(f, 0, "seq", a->seq);
		fprintf(f, ",\"cause\":\"%s\",\"message\":", kc_cause_name(a->cause));
		kc_json_string(f, a->msg);
		json_signature(f, a);
		fputc('}', f);
	}
	fputs("]}\n", f);
}
