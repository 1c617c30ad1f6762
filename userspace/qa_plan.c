// SPDX-License-Identifier: GPL-2.0
/*
 * Planning a qa run (qa.h): which types, the policy that makes each one
 * fatal, and what its crash must be recorded as. Pure.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "qa.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define KNOB(f) offsetof(struct kc_knobs, f)

/* kernel.watchdog_thresh for a soft lockup step: reported after 2 s (the
 * BRIEF type spins 6 s, a 10 s threshold would never see it) */
#define KC_QA_WATCHDOG_THRESH_S	1

/* The knobs of kc_knobs_table[] that outcome.c reads, and where. */
static const struct {
	const char *key;
	size_t off;
} knob_fields[] = {
	{ "kernel.panic", KNOB(panic) },
	{ "kernel.panic_on_oops", KNOB(panic_on_oops) },
	{ "kernel.panic_on_warn", KNOB(panic_on_warn) },
	{ "kernel.softlockup_panic", KNOB(softlockup_panic) },
	{ "kernel.hardlockup_panic", KNOB(hardlockup_panic) },
	{ "kernel.nmi_watchdog", KNOB(nmi_watchdog) },
	{ "kernel.watchdog_thresh", KNOB(watchdog_thresh) },
	{ "kernel.hung_task_panic", KNOB(hung_task_panic) },
	{ "kernel.hung_task_timeout_secs", KNOB(hung_task_timeout_secs) },
	{ "vm.panic_on_oom", KNOB(panic_on_oom) },
};

static long *knob_field(struct kc_knobs *k, const char *key)
{
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(knob_fields); i++)
		if (!strcmp(knob_fields[i].key, key))
			return (long *)((char *)k + knob_fields[i].off);
	return NULL;
}

void kc_qa_knobs_apply(struct kc_knobs *k, const struct kc_qa_setting *s,
		       unsigned int n)
{
	unsigned int i;
	long *v;

	for (i = 0; i < n; i++) {
		v = knob_field(k, s[i].knob->key);
		if (v)
			*v = s[i].value;
	}
}

/*
 * What a setting wants of the knob's value now: NEED_ON, anything above 0
 * will do, else @value; NEED_AT_MOST, above 0 and at most @value, else
 * @value; NEED_NONZERO, anything but 0, else @value.
 */
enum need_kind { NEED_ON, NEED_AT_MOST, NEED_NONZERO };

struct need {
	const char *key;
	long value;
	enum need_kind kind;
};

#define MAX_NEEDS 3

/* Per effect, the knobs that make it panic, and the detectors it needs. */
static const struct need effect_needs[__KCRUMBS_EFFECT_MAX][MAX_NEEDS] = {
	[KCRUMBS_EFFECT_OOPS] = { { "kernel.panic_on_oops", 1, NEED_ON } },
	[KCRUMBS_EFFECT_WARN] = { { "kernel.panic_on_warn", 1, NEED_ON } },
	[KCRUMBS_EFFECT_SOFTLOCKUP] = {
		{ "kernel.softlockup_panic", 1, NEED_ON },
		{ "kernel.watchdog_thresh", KC_QA_WATCHDOG_THRESH_S, NEED_AT_MOST },
	},
	[KCRUMBS_EFFECT_HARDLOCKUP] = {
		{ "kernel.hardlockup_panic", 1, NEED_ON },
		{ "kernel.nmi_watchdog", 1, NEED_ON },
		{ "kernel.watchdog_thresh", 10, NEED_ON },
	},
	[KCRUMBS_EFFECT_HUNG_TASK] = {
		{ "kernel.hung_task_panic", 1, NEED_ON },
		{ "kernel.hung_task_timeout_secs", KC_QA_HUNG_TIMEOUT_S,
		  NEED_AT_MOST },
	},
	[KCRUMBS_EFFECT_OOM] = { { "vm.panic_on_oom", 1, NEED_ON } },
};

/* Every step: a crash kdump misses reboots rather than halts. */
static const struct need common_need = {
	"kernel.panic", KC_QA_PANIC_REBOOT_S, NEED_NONZERO
};

static bool need_met(const struct need *n, long now)
{
	switch (n->kind) {
	case NEED_ON:
		return now > 0;
	case NEED_AT_MOST:
		return now > 0 && now <= n->value;
	case NEED_NONZERO:
		return now != 0;
	}
	return false;
}

/* Add @n to @out unless met, or the kernel lacks the knob (the outcome
 * check then says why the type cannot be taken). */
static int add_need(const struct need *n, const struct kc_knobs *k,
		    struct kc_qa_setting *out, unsigned int *cnt,
		    unsigned int max)
{
	struct kc_knobs tmp = *k;
	const struct kc_knob *knob = kc_knob_find(n->key);
	long *now = knob_field(&tmp, n->key);

	if (!knob || !now || *now == KC_KNOB_ABSENT || need_met(n, *now))
		return 0;
	if (*cnt >= max)
		return -E2BIG;
	out[*cnt].knob = knob;
	out[(*cnt)++].value = n->value;
	return 0;
}

int kc_qa_policy(const struct kc_trigger *t, const struct kc_knobs *k,
		 struct kc_qa_setting *out, unsigned int max)
{
	unsigned int i, n = 0;
	int err;

	if (t->effect < __KCRUMBS_EFFECT_MAX)
		for (i = 0; i < MAX_NEEDS && effect_needs[t->effect][i].key; i++) {
			err = add_need(&effect_needs[t->effect][i], k, out, &n, max);
			if (err)
				return err;
		}
	err = add_need(&common_need, k, out, &n, max);
	return err ? err : (int)n;
}

/* The cause a crash of each effect is recorded with (docs/record-format.md). */
static const unsigned int effect_cause[__KCRUMBS_EFFECT_MAX] = {
	[KCRUMBS_EFFECT_PANIC] = KCRUMBS_CAUSE_PANIC,
	[KCRUMBS_EFFECT_OOPS] = KCRUMBS_CAUSE_OOPS,
	[KCRUMBS_EFFECT_WARN] = KCRUMBS_CAUSE_WARN,
	[KCRUMBS_EFFECT_SOFTLOCKUP] = KCRUMBS_CAUSE_SOFT_LOCKUP,
	[KCRUMBS_EFFECT_HARDLOCKUP] = KCRUMBS_CAUSE_HARD_LOCKUP,
	[KCRUMBS_EFFECT_HUNG_TASK] = KCRUMBS_CAUSE_HUNG_TASK,
	[KCRUMBS_EFFECT_OOM] = KCRUMBS_CAUSE_OOM,
	[KCRUMBS_EFFECT_NONE] = KCRUMBS_CAUSE_UNKNOWN,
};

/*
 * Types whose record differs from their effect's cause, or whose culprit
 * frame is not kcrumbs_<TYPE> (tests/vm/scenarios/trigger-*.sh read them
 * back so; the culprit is signature.c's first frame that is not plumbing).
 * NULL: the default.
 */
static const struct {
	const char *type;
	const char *cause;
	const char *function;
} expect_overrides[] = {
	{ "sysrq-c", "sysrq", "sysrq_handle_crash" },
	/* mce-inject's int $18: "Fatal local machine check" (trigger-mce-inject) */
	{ "MCE_INJECT", "mce", "trigger_mce" },
	{ "EXCEPTION", NULL, "kcrumbs_null_deref|kcrumbs_EXCEPTION" },
	{ "EXCEPTION_IN_IRQ", "oops", "kcrumbs_null_deref|irq_timer_fn" },
	{ "BUG_IN_SOFTIRQ", "oops", "bug_timer_fn" },
	{ "CORRUPT_STACK", "stack_corrupt", NULL },
	{ "STACK_OVERFLOW", "stack_overflow", "overflow_stack" },
	{ "PANIC_IN_HARDIRQ", NULL, "hardirq_panic_fn" },
	{ "HARDLOCKUP_SPINLOCK", NULL,
	  "kcrumbs_HARDLOCKUP_SPINLOCK|native_queued_spin_lock_slowpath|_raw_spin_lock" },
};

static void expect(const struct kc_trigger *t, struct kc_qa_step *s)
{
	const char *cause = kc_cause_name(t->effect < __KCRUMBS_EFFECT_MAX ?
					  effect_cause[t->effect] : 0);
	const char *fn = NULL;
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(expect_overrides); i++) {
		if (strcmp(expect_overrides[i].type, t->name))
			continue;
		if (expect_overrides[i].cause)
			cause = expect_overrides[i].cause;
		fn = expect_overrides[i].function;
	}
	kc_qa_put(s->expect_cause, sizeof(s->expect_cause), cause);
	if (fn)
		kc_qa_put(s->expect_function, sizeof(s->expect_function), fn);
	else
		snprintf(s->expect_function, sizeof(s->expect_function),
			 "kcrumbs_%s", t->name);
}

/*
 * One step for @t: its policy and expectations, and whether it ends in the
 * capture kernel under that policy (0), or not (-EPERM, @s->reason says).
 */
static int make_step(const struct kc_trigger *t, const struct kc_knobs *k,
		     unsigned int round, struct kc_qa_step *s)
{
	struct kc_knobs after = *k;
	struct kc_outcome o;
	int n;

	memset(s, 0, sizeof(*s));
	kc_qa_put(s->type, sizeof(s->type), t->name);
	s->round = round;
	n = kc_qa_policy(t, k, s->policy, KC_QA_MAX_POLICY);
	if (n < 0)
		return n;
	s->n_policy = (unsigned int)n;
	expect(t, s);
	kc_qa_knobs_apply(&after, s->policy, s->n_policy);
	kc_trigger_outcome(t, &after, &o);
	if (o.kind == KC_OUTCOME_CAPTURE)
		return 0;
	snprintf(s->reason, sizeof(s->reason),
		 "cannot end in the capture kernel here: %s [%s: %s]", o.text,
		 kc_outcome_kind_name(o.kind), o.decided_by ? o.decided_by : "?");
	s->state = KC_QA_SKIPPED;
	return -EPERM;
}

static bool wants_all(const struct kc_qa_plan_in *in)
{
	return !in->n_names ||
	       (in->n_names == 1 && !strcasecmp(in->names[0], "all"));
}

/* The types asked for, in order: every one for "all". */
static int pick(const struct kc_qa_plan_in *in, const struct kc_trigger **picked,
		unsigned int *n, char *why, size_t len)
{
	char names[1024];
	unsigned int i;

	*n = 0;
	if (wants_all(in)) {
		for (i = 0; i < in->types->n; i++)
			picked[(*n)++] = &in->types->t[i];
		return 0;
	}
	if (in->n_names > KC_QA_MAX_STEPS) {
		snprintf(why, len, "more than %u types", KC_QA_MAX_STEPS);
		return -E2BIG;
	}
	for (i = 0; i < in->n_names; i++) {
		picked[*n] = kc_trigger_find(in->types, in->names[i]);
		if (!picked[*n]) {
			kc_trigger_names(in->types, names, sizeof(names));
			snprintf(why, len, "unknown crash type '%.40s' (known: %s)",
				 in->names[i], names);
			return -ENOENT;
		}
		(*n)++;
	}
	return 0;
}

static int check_request(const struct kc_qa_plan_in *in, char *why, size_t len)
{
	if (in->repeat < 1 || in->repeat > KC_QA_MAX_REPEAT) {
		snprintf(why, len, "--repeat %u: it must be 1..%u", in->repeat,
			 KC_QA_MAX_REPEAT);
		return -EINVAL;
	}
	if (in->knobs->crash_loaded <= 0) {
		snprintf(why, len, "no capture kernel is loaded "
			 "(/sys/kernel/kexec_crash_loaded): a qa run needs kdump armed");
		return -EPERM;
	}
	return 0;
}

/* Append @s to @run's steps. */
static int append(struct kc_qa_run *run, const struct kc_qa_step *s,
		  char *why, size_t len)
{
	if (run->n_steps >= KC_QA_MAX_STEPS) {
		snprintf(why, len, "more than %u steps: fewer types or a smaller --repeat",
			 KC_QA_MAX_STEPS);
		return -E2BIG;
	}
	run->steps[run->n_steps++] = *s;
	return 0;
}

/* One round: the types that can be taken; round 1 also the skipped ones. */
static int plan_round(const struct kc_qa_plan_in *in,
		      const struct kc_trigger *const *picked, unsigned int n,
		      unsigned int round, struct kc_qa_run *run, char *why,
		      size_t len)
{
	struct kc_qa_step s;
	unsigned int i;
	int err;

	for (i = 0; i < n; i++) {
		err = make_step(picked[i], in->knobs, round, &s);
		if (err == -EPERM && !wants_all(in)) {
			snprintf(why, len, "%s: %s", s.type, s.reason);
			return err;
		}
		if (err == -E2BIG) {
			snprintf(why, len, "%s: needs more than %u knobs set",
				 s.type, KC_QA_MAX_POLICY);
			return err;
		}
		if (err == -EPERM && round > 1)
			continue;
		err = append(run, &s, why, len);
		if (err)
			return err;
	}
	return 0;
}

int kc_qa_plan(const struct kc_qa_plan_in *in, struct kc_qa_run *run,
	       char *why, size_t len)
{
	const struct kc_trigger *picked[KC_QA_MAX_STEPS + KC_TRIGGERS_MAX];
	unsigned int n, r;
	int err;

	run->n_steps = 0;
	err = check_request(in, why, len);
	if (!err)
		err = pick(in, picked, &n, why, len);
	for (r = 1; !err && r <= in->repeat; r++)
		err = plan_round(in, picked, n, r, run, why, len);
	if (err) {
		run->n_steps = 0;
		return err;
	}
	run->repeat = in->repeat;
	return 0;
}
