// SPDX-License-Identifier: GPL-2.0
/* The previous boot's fate, from its region. Pure. */
#include <inttypes.h>
#include <string.h>

#include "json.h"
#include "lastboot.h"

/*
 * Frames that say how the kernel died, not where the crash was. vpanic():
 * in 7.2 (not yet in 6.12) panic() is a wrapper around it, so it is the
 * first frame of a panic.
 */
static const char *const plumbing[] = {
	"panic+", "panic.", "vpanic+", "vpanic.", "nmi_panic", "__crash_kexec",
	"crash_kexec",
};

static int is_plumbing(const char *sym)
{
	size_t i;

	for (i = 0; i < sizeof(plumbing) / sizeof(plumbing[0]); i++)
		if (!strncmp(sym, plumbing[i], strlen(plumbing[i])))
			return 1;
	return 0;
}

static const char *where(const struct kc_rec *e)
{
	unsigned int i;

	if (e->ip && e->nr_frames)
		return e->frames[0].sym;
	for (i = 0; i < e->nr_frames; i++)
		if (!is_plumbing(e->frames[i].sym))
			return e->frames[i].sym;
	return NULL;
}

void kc_last_boot(const struct kc_region *r, struct kc_verdict *v)
{
	unsigned int i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < r->n_recs; i++)
		if (r->recs[i].kind == KCRUMBS_REC_EVENT)
			v->event = &r->recs[i];	/* sorted: the last wins */
	if (v->event) {
		v->fate = KC_FATE_CRASHED;
		v->function = where(v->event);
	} else if (r->state == KCRUMBS_STATE_CLEAN) {
		v->fate = KC_FATE_CLEAN;
	} else if (r->state == KCRUMBS_STATE_CRASHED) {
		v->fate = KC_FATE_CRASHED;	/* its records did not survive */
	} else {
		v->fate = KC_FATE_VANISHED;
	}
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

void kc_last_boot_text(FILE *f, const struct kc_region *r,
		       const struct kc_verdict *v)
{
	const struct kc_rec *e = v->event;

	switch (v->fate) {
	case KC_FATE_CLEAN:
		fprintf(f, "previous boot (%s): shut down cleanly\n", r->release);
		return;
	case KC_FATE_VANISHED:
		fprintf(f, "previous boot (%s): ended without a trace: power loss, "
			"a hard reset, or a hang kcrumbs could not see\n", r->release);
		return;
	case KC_FATE_CRASHED:
		break;
	}
	if (!e) {
		fprintf(f, "previous boot (%s): crashed; its records are corrupt\n",
			r->release);
		return;
	}
	fprintf(f, "previous boot (%s): crashed: %s", r->release,
		kc_cause_name(e->cause));
	if (e->msg[0])
		fprintf(f, " (%s)", e->msg);
	if (v->function)
		fprintf(f, " in %s", v->function);
	fprintf(f, " on CPU %" PRIu32 ", task %s (pid %" PRIu32 ")\n", e->cpu,
		e->comm, e->pid);
}

void kc_last_boot_json(FILE *f, const struct kc_region *r,
		       const struct kc_verdict *v)
{
	const struct kc_rec *e = v->event;

	fprintf(f, "{\"schema\":1,\"fate\":\"%s\",\"release\":", kc_fate_name(v->fate));
	kc_json_string(f, r->release);
	if (e) {
		fprintf(f, ",\"cause\":\"%s\",\"message\":", kc_cause_name(e->cause));
		kc_json_string(f, e->msg);
		fputs(",\"function\":", f);
		if (v->function)
			kc_json_string(f, v->function);
		else
			fputs("null", f);
		fprintf(f, ",\"cpu\":%" PRIu32 ",\"pid\":%" PRIu32 ",\"comm\":",
			e->cpu, e->pid);
		kc_json_string(f, e->comm);
		fprintf(f, ",\"wall_ns\":%" PRIu64, e->wall_ns);
	}
	fputs("}\n", f);
}
