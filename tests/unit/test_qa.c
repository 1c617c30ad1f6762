// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the pure core of `kcrumbs qa` (qa.h). Planning: the policy
 * each effect needs, the expected cause and function, types the machine
 * cannot take skipped with "all" and refused by name, --repeat; the state
 * text: round trip, every truncation and every malformed line rejected,
 * unknown keys ignored; judging: one row per verdict; the reports: the
 * table, JSON that validates, JUnit XML that xmllint reads, hostile
 * strings escaped.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../fuzz/json_check.h"
#include "qa.h"

/* ---- fixtures ---- */

static const struct {
	const char *name;
	uint32_t effect, min_cpus;
} module_types[] = {
	{ "PANIC", KCRUMBS_EFFECT_PANIC, 1 },
	{ "BUG", KCRUMBS_EFFECT_OOPS, 1 },
	{ "WARNING", KCRUMBS_EFFECT_WARN, 1 },
	{ "EXCEPTION", KCRUMBS_EFFECT_OOPS, 1 },
	{ "EXCEPTION_IN_IRQ", KCRUMBS_EFFECT_PANIC, 1 },
	{ "CORRUPT_STACK", KCRUMBS_EFFECT_PANIC, 1 },
	{ "STACK_OVERFLOW", KCRUMBS_EFFECT_PANIC, 1 },
	{ "SOFTLOCKUP", KCRUMBS_EFFECT_SOFTLOCKUP, 1 },
	{ "HARDLOCKUP", KCRUMBS_EFFECT_HARDLOCKUP, 1 },
	{ "HUNG_TASK", KCRUMBS_EFFECT_HUNG_TASK, 1 },
	{ "OOM", KCRUMBS_EFFECT_OOM, 1 },
	{ "PANIC_OTHER_CPU_IRQOFF", KCRUMBS_EFFECT_PANIC, 2 },
	{ "BREADCRUMB_ALL_CPUS", KCRUMBS_EFFECT_NONE, 1 },
};

static void types(struct kc_trigger_list *l)
{
	unsigned int i;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < sizeof(module_types) / sizeof(module_types[0]); i++) {
		snprintf(l->t[i].name, sizeof(l->t[i].name), "%s", module_types[i].name);
		l->t[i].effect = module_types[i].effect;
		l->t[i].min_cpus = module_types[i].min_cpus;
	}
	l->t[i] = kc_trigger_sysrq;
	l->n = i + 1;
}

/* Debian 12's defaults, kdump armed, a VM: no CPU PMU, one CPU. */
static void vm_knobs(struct kc_knobs *k)
{
	*k = (struct kc_knobs){
		.panic = 0, .panic_on_oops = 0, .panic_on_warn = 0,
		.softlockup_panic = 0, .soft_watchdog = 1, .hardlockup_panic = 0,
		.nmi_watchdog = 1, .watchdog_thresh = 10, .hung_task_panic = 0,
		.hung_task_timeout_secs = 120, .panic_on_oom = 0,
		.crash_loaded = 1, .cpu_pmu = 0, .online_cpus = 1,
	};
}

static struct kc_qa_run *new_run(void)
{
	struct kc_qa_run *r = calloc(1, sizeof(*r));

	assert_non_null(r);
	snprintf(r->id, sizeof(r->id), "20261201T0700Z");
	r->started_ns = 1796108400000000000ull;
	r->delay_s = 60;
	r->repeat = 1;
	return r;
}

static int plan(struct kc_qa_run *r, const struct kc_knobs *k,
		const char *const *names, unsigned int n, unsigned int repeat,
		char *why, size_t len)
{
	struct kc_trigger_list l;
	struct kc_qa_plan_in in = {
		.types = &l, .knobs = k, .names = names, .n_names = n,
		.repeat = repeat,
	};

	types(&l);
	return kc_qa_plan(&in, r, why, len);
}

static const struct kc_qa_step *find(const struct kc_qa_run *r, const char *type)
{
	unsigned int i;

	for (i = 0; i < r->n_steps; i++)
		if (!strcmp(r->steps[i].type, type))
			return &r->steps[i];
	return NULL;
}

/* "k=v,k=v" of a step's policy */
static void policy_str(const struct kc_qa_step *s, char *buf, size_t len)
{
	size_t o = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < s->n_policy; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s=%ld", i ? "," : "",
				      s->policy[i].knob->key, s->policy[i].value);
}

/* ---- planning ---- */

static void test_plan_all(void **state)
{
	static const struct {
		const char *type;
		enum kc_qa_state state;
		const char *policy, *cause, *function;
	} rows[] = {
		{ "PANIC", KC_QA_PENDING, "kernel.panic=10", "panic", "kcrumbs_PANIC" },
		{ "BUG", KC_QA_PENDING, "kernel.panic_on_oops=1,kernel.panic=10",
		  "oops", "kcrumbs_BUG" },
		{ "WARNING", KC_QA_PENDING, "kernel.panic_on_warn=1,kernel.panic=10",
		  "warn", "kcrumbs_WARNING" },
		{ "EXCEPTION", KC_QA_PENDING, "kernel.panic_on_oops=1,kernel.panic=10",
		  "oops", "kcrumbs_null_deref|kcrumbs_EXCEPTION" },
		{ "EXCEPTION_IN_IRQ", KC_QA_PENDING, "kernel.panic=10", "oops",
		  "kcrumbs_null_deref|irq_timer_fn" },
		{ "CORRUPT_STACK", KC_QA_PENDING, "kernel.panic=10", "stack_corrupt",
		  "kcrumbs_CORRUPT_STACK" },
		{ "STACK_OVERFLOW", KC_QA_PENDING, "kernel.panic=10", "stack_overflow",
		  "overflow_stack" },
		{ "SOFTLOCKUP", KC_QA_PENDING,
		  "kernel.softlockup_panic=1,kernel.watchdog_thresh=1,kernel.panic=10",
		  "soft_lockup", "kcrumbs_SOFTLOCKUP" },
		{ "HARDLOCKUP", KC_QA_SKIPPED,
		  "kernel.hardlockup_panic=1,kernel.panic=10", "hard_lockup",
		  "kcrumbs_HARDLOCKUP" },
		{ "HUNG_TASK", KC_QA_PENDING,
		  "kernel.hung_task_panic=1,kernel.hung_task_timeout_secs=5,kernel.panic=10",
		  "hung_task", "kcrumbs_HUNG_TASK" },
		{ "OOM", KC_QA_PENDING, "vm.panic_on_oom=1,kernel.panic=10", "oom",
		  "kcrumbs_OOM" },
		{ "PANIC_OTHER_CPU_IRQOFF", KC_QA_SKIPPED, "kernel.panic=10", "panic",
		  "kcrumbs_PANIC_OTHER_CPU_IRQOFF" },
		{ "BREADCRUMB_ALL_CPUS", KC_QA_SKIPPED, "kernel.panic=10", "unknown",
		  "kcrumbs_BREADCRUMB_ALL_CPUS" },
		{ "sysrq-c", KC_QA_PENDING, "kernel.panic=10", "sysrq",
		  "sysrq_handle_crash" },
	};
	struct kc_qa_run *r = new_run();
	const struct kc_qa_step *s;
	char why[256], pol[256];
	struct kc_knobs k;
	unsigned int i;

	(void)state;
	vm_knobs(&k);
	assert_int_equal(plan(r, &k, NULL, 0, 1, why, sizeof(why)), 0);
	assert_int_equal(r->n_steps, sizeof(rows) / sizeof(rows[0]));
	for (i = 0; i < r->n_steps; i++) {
		s = &r->steps[i];
		assert_string_equal(s->type, rows[i].type);
		assert_int_equal(s->state, rows[i].state);
		assert_int_equal(s->round, 1);
		policy_str(s, pol, sizeof(pol));
		assert_string_equal(pol, rows[i].policy);
		assert_string_equal(s->expect_cause, rows[i].cause);
		assert_string_equal(s->expect_function, rows[i].function);
		assert_int_equal(s->state == KC_QA_SKIPPED, s->reason[0] != 0);
	}
	/* why each cannot be taken: the outcome logic's words */
	s = find(r, "HARDLOCKUP");
	assert_non_null(strstr(s->reason, "hard lockup detector cannot see it"));
	assert_non_null(strstr(s->reason, "[hang: kernel.hardlockup_panic]"));
	s = find(r, "PANIC_OTHER_CPU_IRQOFF");
	assert_non_null(strstr(s->reason, "needs 2 online CPUs and 1 is online"));
	s = find(r, "BREADCRUMB_ALL_CPUS");
	assert_non_null(strstr(s->reason, "nothing crashes"));

	/* "all" by name is the same plan */
	{
		const char *const all[] = { "ALL" };
		struct kc_qa_run *r2 = new_run();

		assert_int_equal(plan(r2, &k, all, 1, 1, why, sizeof(why)), 0);
		assert_int_equal(r2->n_steps, r->n_steps);
		free(r2);
	}
	free(r);
}

static void test_plan_policy_kept(void **state)
{
	const char *const names[] = { "HUNG_TASK", "softlockup", "OOM", "HARDLOCKUP" };
	struct kc_qa_run *r = new_run();
	char why[256], pol[256];
	struct kc_knobs k;

	(void)state;
	vm_knobs(&k);
	/* what is already fatal stays as it is; a shorter timeout is kept */
	k.panic = -1;
	k.hung_task_panic = 1;
	k.hung_task_timeout_secs = 3;
	k.watchdog_thresh = 0;	/* the lockup detectors off */
	k.panic_on_oom = 2;
	k.cpu_pmu = 1;
	assert_int_equal(plan(r, &k, names, 4, 1, why, sizeof(why)), 0);
	assert_int_equal(r->n_steps, 4);
	policy_str(&r->steps[0], pol, sizeof(pol));
	assert_string_equal(pol, "");
	assert_string_equal(r->steps[1].type, "SOFTLOCKUP");	/* the list's spelling */
	policy_str(&r->steps[1], pol, sizeof(pol));
	assert_string_equal(pol, "kernel.softlockup_panic=1,kernel.watchdog_thresh=1");
	policy_str(&r->steps[2], pol, sizeof(pol));
	assert_string_equal(pol, "");
	policy_str(&r->steps[3], pol, sizeof(pol));
	assert_string_equal(pol, "kernel.hardlockup_panic=1,kernel.watchdog_thresh=10");
	assert_int_equal(r->steps[3].state, KC_QA_PENDING);

	/* a knob the kernel lacks is not set: the type is refused instead */
	k.hung_task_panic = KC_KNOB_ABSENT;
	k.hung_task_timeout_secs = 120;
	assert_int_equal(plan(r, &k, names, 1, 1, why, sizeof(why)), -EPERM);
	assert_non_null(strstr(why, "HUNG_TASK: cannot end in the capture kernel here"));
	free(r);
}

static void test_plan_refusals(void **state)
{
	const char *const hard[] = { "PANIC", "HARDLOCKUP" };
	const char *const bogus[] = { "PANIC", "NOPE" };
	const char *const two[] = { "PANIC", "sysrq-c" };
	struct kc_qa_run *r = new_run();
	struct kc_knobs k;
	char why[1200];
	unsigned int i;

	(void)state;
	vm_knobs(&k);
	/* named and impossible here: the whole plan is refused, and says why */
	assert_int_equal(plan(r, &k, hard, 2, 1, why, sizeof(why)), -EPERM);
	assert_non_null(strstr(why, "HARDLOCKUP: cannot end in the capture kernel here"));
	assert_int_equal(r->n_steps, 0);
	/* unknown: refused, naming the known ones */
	assert_int_equal(plan(r, &k, bogus, 2, 1, why, sizeof(why)), -ENOENT);
	assert_non_null(strstr(why, "unknown crash type 'NOPE'"));
	assert_non_null(strstr(why, "sysrq-c"));
	/* --repeat */
	assert_int_equal(plan(r, &k, two, 2, 0, why, sizeof(why)), -EINVAL);
	assert_int_equal(plan(r, &k, two, 2, KC_QA_MAX_REPEAT + 1, why, sizeof(why)),
			 -EINVAL);
	assert_int_equal(plan(r, &k, two, 2, 3, why, sizeof(why)), 0);
	assert_int_equal(r->n_steps, 6);
	assert_int_equal(r->repeat, 3);
	for (i = 0; i < 6; i++) {
		assert_string_equal(r->steps[i].type, two[i % 2]);
		assert_int_equal(r->steps[i].round, i / 2 + 1);
	}
	/* "all" repeated: the skipped types once, in the first round */
	assert_int_equal(plan(r, &k, NULL, 0, 2, why, sizeof(why)), 0);
	assert_int_equal(r->n_steps, 14 + 11);
	for (i = 14; i < r->n_steps; i++)
		assert_int_equal(r->steps[i].state, KC_QA_PENDING);
	/* too many steps */
	assert_int_equal(plan(r, &k, NULL, 0, KC_QA_MAX_REPEAT, why, sizeof(why)),
			 -E2BIG);
	assert_int_equal(r->n_steps, 0);
	/* no capture kernel: nothing is planned */
	k.crash_loaded = 0;
	assert_int_equal(plan(r, &k, two, 2, 1, why, sizeof(why)), -EPERM);
	assert_non_null(strstr(why, "no capture kernel is loaded"));
	free(r);
}

/*
 * MCE_INJECT, the CLI's own: recorded as mce with mce-inject's
 * trigger_mce as the culprit (tests/vm/scenarios/trigger-mce-inject.sh);
 * where this machine cannot take it, skipped with "all" and refused by
 * name, saying why.
 */
static void test_plan_mce_inject(void **state)
{
	const char *const one[] = { "mce_inject" };
	struct kc_trigger_list *l = calloc(1, sizeof(*l));
	struct kc_qa_run *r = new_run();
	struct kc_qa_plan_in in = { .types = l, .repeat = 1 };
	const struct kc_qa_step *s;
	struct kc_knobs k;
	char why[512], pol[256];

	(void)state;
	assert_non_null(l);
	vm_knobs(&k);
	in.knobs = &k;
	l->t[l->n++] = kc_trigger_sysrq;
	l->t[l->n++] = kc_trigger_mce_inject;
	assert_int_equal(kc_qa_plan(&in, r, why, sizeof(why)), 0);
	assert_int_equal(r->n_steps, 2);
	s = find(r, "MCE_INJECT");
	assert_non_null(s);
	assert_int_equal(s->state, KC_QA_PENDING);
	policy_str(s, pol, sizeof(pol));
	assert_string_equal(pol, "kernel.panic=10");
	assert_string_equal(s->expect_cause, "mce");
	assert_string_equal(s->expect_function, "trigger_mce");

	snprintf(l->t[1].unavailable, sizeof(l->t[1].unavailable),
		 "this kernel has no mce-inject module");
	l->t[1].unavailable_by = "mce-inject";
	assert_int_equal(kc_qa_plan(&in, r, why, sizeof(why)), 0);
	s = find(r, "MCE_INJECT");
	assert_int_equal(s->state, KC_QA_SKIPPED);
	assert_non_null(strstr(s->reason, "cannot run here: this kernel has no mce-inject "
			       "module [unavailable: mce-inject]"));
	in.names = one;
	in.n_names = 1;
	assert_int_equal(kc_qa_plan(&in, r, why, sizeof(why)), -EPERM);
	assert_non_null(strstr(why, "MCE_INJECT: cannot end in the capture kernel here: "
			       "cannot run here: this kernel has no mce-inject module"));
	free(r);
	free(l);
}

/* ---- the state ---- */

static char *to_text(const struct kc_qa_run *r)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	kc_qa_state_write(f, r);
	fclose(f);
	return buf;
}

/* A run with a step in every state, evidence and hostile text. */
static struct kc_qa_run *full_run(void)
{
	const char *const names[] = { "PANIC", "BUG", "sysrq-c", "OOM", "WARNING",
				      "SOFTLOCKUP" };
	struct kc_qa_run *r = new_run();
	struct kc_qa_step *s;
	struct kc_knobs k;
	char why[256];

	vm_knobs(&k);
	assert_int_equal(plan(r, &k, names, 6, 1, why, sizeof(why)), 0);
	r->saved[0].knob = kc_knob_find("kernel.panic");
	r->saved[0].value = 0;
	r->saved[1].knob = kc_knob_find("crash_kexec_post_notifiers");
	r->saved[1].value = 1;
	r->n_saved = 2;
	s = &r->steps[0];
	s->state = KC_QA_PASSED;
	s->verdict = KC_QA_V_PASS;
	s->fired_ns = 1796108460000000000ull;
	snprintf(s->boot_id, sizeof(s->boot_id), "0123456789abcdef0123456789abcdef");
	snprintf(s->dump_dir, sizeof(s->dump_dir), "/var/crash/202612010701");
	snprintf(s->files[0].name, sizeof(s->files[0].name), "dump.202612010701");
	s->files[0].size = 43123456;
	snprintf(s->files[1].name, sizeof(s->files[1].name), "dmesg.202612010701");
	s->files[1].size = 81234;
	s->n_files = 2;
	snprintf(s->cause, sizeof(s->cause), "panic");
	snprintf(s->function, sizeof(s->function), "kcrumbs_PANIC+0x1a/0x30 [kcrumbs_trigger]");
	snprintf(s->signature, sizeof(s->signature), "0123456789abcdef");
	s->crashed_ns = 1796108461000000000ull;
	s->capture_ns = 1796108475500000000ull;
	s->dump_ns = 1796108546250000000ull;
	s->up_ns = 1796108600125000000ull;
	s = &r->steps[1];
	s->state = KC_QA_FAILED;
	s->verdict = KC_QA_V_WRONG_CAUSE;
	s->fired_ns = 1796108700000000000ull;
	snprintf(s->cause, sizeof(s->cause), "warn");
	snprintf(s->reason, sizeof(s->reason),
		 "wrong cause: <\"&'> \xc3\xa9 \xef\xbf\xbe \xff end");
	s = &r->steps[2];
	s->state = KC_QA_FIRED;
	s->fired_ns = 1796108800000000000ull;
	r->steps[3].state = KC_QA_CANCELLED;
	snprintf(r->steps[3].reason, sizeof(r->steps[3].reason), "cancelled at the console");
	r->steps[4].state = KC_QA_SKIPPED;
	snprintf(r->steps[4].reason, sizeof(r->steps[4].reason), "skipped]]>");
	return r;
}

static void test_state_roundtrip(void **state)
{
	struct kc_qa_run *r = full_run(), *back = calloc(1, sizeof(*back));
	char *t1, *t2, why[256];

	(void)state;
	assert_non_null(back);
	t1 = to_text(r);
	assert_int_equal(kc_qa_state_parse(t1, back, why, sizeof(why)), 0);
	t2 = to_text(back);
	assert_string_equal(t1, t2);
	assert_int_equal(back->n_steps, 6);
	assert_int_equal(back->n_saved, 2);
	assert_ptr_equal(back->saved[1].knob, kc_knob_find("crash_kexec_post_notifiers"));
	assert_non_null(strstr(t1, "saved=crash_kexec_post_notifiers=Y\n"));
	assert_non_null(strstr(t1, "file=43123456 dump.202612010701\n"));
	assert_int_equal(back->steps[0].files[0].size, 43123456);
	assert_int_equal(back->steps[0].up_ns, 1796108600125000000ull);
	assert_int_equal(back->steps[1].verdict, KC_QA_V_WRONG_CAUSE);
	assert_int_equal(back->steps[5].state, KC_QA_PENDING);
	assert_int_equal(memcmp(r, back, sizeof(*r)), 0);
	free(t1);
	free(t2);
	free(back);
	free(r);
}

/* A write cut short anywhere (a crash mid-write) never reads as whole. */
static void test_state_truncated(void **state)
{
	struct kc_qa_run *r = full_run(), *back = calloc(1, sizeof(*back));
	char *t = to_text(r), why[256];
	size_t n = strlen(t), cut;
	char c;

	(void)state;
	assert_non_null(back);
	for (cut = 0; cut + 1 < n; cut++) {
		c = t[cut];
		t[cut] = '\0';
		/* only a cut inside the end line's number can still parse... */
		if (kc_qa_state_parse(t, back, why, sizeof(why)) == 0)
			fail_msg("a text cut at %zu of %zu parsed", cut, n);
		t[cut] = c;
	}
	/* ... and it has none: "end=6" cut to "end=" is not a number */
	assert_int_equal(kc_qa_state_parse(t, back, why, sizeof(why)), 0);
	free(t);
	free(back);
	free(r);
}

static void test_state_rejected(void **state)
{
	static const struct {
		const char *text, *why;
	} rows[] = {
		{ "", "empty" },
		{ "run_id=x\n", "not a kcrumbs qa state" },
		{ "kcrumbs-qa=2\n", "state version '2'" },
		{ "kcrumbs-qa=1\nrun_id=x\nrepeat=1\n", "no end line" },
		{ "kcrumbs-qa=1\nrun_id=x\nrepeat=1\nend=1\n", "end says 1 steps, 0 read" },
		{ "kcrumbs-qa=1\nrun_id=x\nrepeat=1\nend=0\nx=1\n", "text after the end" },
		{ "kcrumbs-qa=1\nrepeat=1\nend=0\n", "no run_id" },
		{ "kcrumbs-qa=1\nrun_id=a b\n", "is not a name" },
		{ "kcrumbs-qa=1\nrun_id=\n", "is not a name" },
		{ "kcrumbs-qa=1\nrepeat=0\n", "not a number in 1..50" },
		{ "kcrumbs-qa=1\nrepeat=51\n", "not a number in 1..50" },
		{ "kcrumbs-qa=1\ndelay_s=-1\n", "not a number in 0..3600" },
		{ "kcrumbs-qa=1\ndelay_s=3601\n", "not a number in 0..3600" },
		{ "kcrumbs-qa=1\nstarted_ns=18446744073709551616\n", "is not a number" },
		{ "kcrumbs-qa=1\nstarted_ns= 1\n", "is not a number" },
		{ "kcrumbs-qa=1\nstarted_ns=1x\n", "is not a number" },
		{ "kcrumbs-qa=1\nsaved=kernel.bogus=1\n", "unknown knob 'kernel.bogus'" },
		{ "kcrumbs-qa=1\nsaved=kernel/panic=1\n", "unknown knob 'kernel/panic'" },
		{ "kcrumbs-qa=1\nsaved=kernel.panic_on_oops=2\n", "out of range 0..1" },
		{ "kcrumbs-qa=1\nsaved=kernel.panic\n", "not KNOB=VALUE" },
		{ "kcrumbs-qa=1\nno equals sign\n", "not KEY=VALUE" },
		{ "kcrumbs-qa=1\nstep=1\n", "step 1 out of order" },
		{ "kcrumbs-qa=1\nstep=0\nround=1\nstep=1\n", "step 0 has no type" },
		{ "kcrumbs-qa=1\nstep=0\ntype=PA NIC\n", "is not a name" },
		{ "kcrumbs-qa=1\nstep=0\ntype=PANIC\nround=0\n", "1..50" },
		{ "kcrumbs-qa=1\nstep=0\ntype=PANIC\nround=1\nstate=done\n",
		  "unknown value 'done'" },
		{ "kcrumbs-qa=1\nstep=0\ntype=PANIC\nround=1\nverdict=meh\n",
		  "unknown value 'meh'" },
		{ "kcrumbs-qa=1\nrun_id=x\nrepeat=1\nstep=0\ntype=PANIC\nround=1\n"
		  "state=passed\nend=1\n", "state passed with verdict none" },
		{ "kcrumbs-qa=1\nrun_id=x\nrepeat=1\nstep=0\ntype=PANIC\nround=1\n"
		  "state=failed\nverdict=pass\nend=1\n", "state failed with verdict pass" },
		{ "kcrumbs-qa=1\nrun_id=x\nrepeat=1\nstep=0\ntype=PANIC\nround=1\n"
		  "verdict=vanished\nend=1\n", "state pending with verdict vanished" },
		{ "kcrumbs-qa=1\nrun_id=x\nrepeat=1\nstep=0\ntype=PANIC\nround=1\n"
		  "fired_ns=5\nend=1\n", "pending but fired" },
		{ "kcrumbs-qa=1\nstep=0\nreason=a\rb\n", "control character" },
		{ "kcrumbs-qa=1\nstep=0\nsignature=0123456789abcdef0\n", "longer than 16" },
		{ "kcrumbs-qa=1\nstep=0\nfile=12\n", "not SIZE NAME" },
		{ "kcrumbs-qa=1\nstep=0\nfile=12 \n", "not a file name" },
		{ "kcrumbs-qa=1\nstep=0\nfile=12 a/b\n", "not a file name" },
		{ "kcrumbs-qa=1\nstep=0\nfile=12 ..\n", "not a file name" },
		{ "kcrumbs-qa=1\nstep=0\nfile=-1 a\n", "not a size" },
		{ "kcrumbs-qa=1\nstep=0\npolicy=vm.panic_on_oom=3\n", "out of range 0..2" },
		{ "kcrumbs-qa=1\nstep=0\npolicy=a=1\npolicy=a=1\n", "unknown knob 'a'" },
	};
	struct kc_qa_run *r = calloc(1, sizeof(*r));
	char why[256];
	unsigned int i;

	(void)state;
	assert_non_null(r);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (kc_qa_state_parse(rows[i].text, r, why, sizeof(why)) != -EINVAL)
			fail_msg("row %u parsed: %s", i, rows[i].text);
		if (!strstr(why, rows[i].why))
			fail_msg("row %u: '%s' does not say '%s'", i, why, rows[i].why);
	}
	free(r);
}

static void test_state_limits(void **state)
{
	struct kc_qa_run *r = calloc(1, sizeof(*r));
	char *big = malloc(64 * 1024), why[256];
	size_t o = 0;
	unsigned int i;

	(void)state;
	assert_non_null(r);
	assert_non_null(big);
	/* more files, knobs or steps than the struct holds */
	o = (size_t)sprintf(big, "kcrumbs-qa=1\nstep=0\ntype=A\nround=1\n");
	for (i = 0; i <= KC_QA_MAX_FILES; i++)
		o += (size_t)sprintf(big + o, "file=1 f%u\n", i);
	assert_int_equal(kc_qa_state_parse(big, r, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "more than 8 files"));
	o = (size_t)sprintf(big, "kcrumbs-qa=1\n");
	for (i = 0; i <= KC_QA_MAX_SAVED; i++)
		o += (size_t)sprintf(big + o, "saved=kernel.panic=%u\n", i);
	assert_int_equal(kc_qa_state_parse(big, r, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "more than 32 knobs"));
	o = (size_t)sprintf(big, "kcrumbs-qa=1\n");
	for (i = 0; i <= KC_QA_MAX_STEPS; i++)
		o += (size_t)sprintf(big + o, "step=%u\ntype=A\nround=1\n", i);
	assert_int_equal(kc_qa_state_parse(big, r, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "not a number in 0..127"));
	/* a line longer than any value */
	memset(big, 'a', 4000);
	memcpy(big, "kcrumbs-qa=1\nreason=", 20);
	big[4000] = '\0';
	assert_int_equal(kc_qa_state_parse(big, r, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "line 2: line longer than"));
	free(big);
	free(r);
}

/* Unknown keys (a newer tool's) are ignored; blank lines too. */
static void test_state_unknown_keys(void **state)
{
	static const char text[] =
		"kcrumbs-qa=1\nrun_id=r1\nrepeat=2\nfuture=whatever\n\n"
		"step=0\ntype=PANIC\nround=2\nstate=fired\nfired_ns=7\n"
		"future_step_key=1\nend=1";
	struct kc_qa_run *r = calloc(1, sizeof(*r));
	char why[256];

	(void)state;
	assert_non_null(r);
	assert_int_equal(kc_qa_state_parse(text, r, why, sizeof(why)), 0);
	assert_string_equal(r->id, "r1");
	assert_int_equal(r->repeat, 2);
	assert_int_equal(r->steps[0].state, KC_QA_FIRED);
	assert_int_equal(r->steps[0].fired_ns, 7);
	free(r);
}

/* next, fire, judge, cancel: a run's steps move on */
static void test_transitions(void **state)
{
	const char *const names[] = { "PANIC", "sysrq-c", "OOM" };
	struct kc_qa_run *r = new_run();
	struct kc_knobs k;
	char why[256];

	(void)state;
	vm_knobs(&k);
	assert_int_equal(plan(r, &k, names, 3, 1, why, sizeof(why)), 0);
	assert_int_equal(kc_qa_next(r), 0);
	assert_int_equal(kc_qa_fire(&r->steps[0], "boot\n1", 0), -EINVAL);
	assert_int_equal(kc_qa_fire(&r->steps[0], "boot\n1", 5), 0);
	assert_int_equal(r->steps[0].state, KC_QA_FIRED);
	assert_string_equal(r->steps[0].boot_id, "boot?1");
	assert_int_equal(r->steps[0].fired_ns, 5);
	assert_int_equal(kc_qa_fire(&r->steps[0], "x", 6), -EINVAL);
	assert_int_equal(kc_qa_next(r), 1);
	assert_int_equal(kc_qa_cancel(r, "qa stop"), 2);
	assert_int_equal(kc_qa_next(r), -1);
	assert_int_equal(r->steps[0].state, KC_QA_FIRED);	/* still to judge */
	assert_int_equal(r->steps[2].state, KC_QA_CANCELLED);
	assert_string_equal(r->steps[2].reason, "qa stop");
	assert_int_equal(kc_qa_cancel(r, "again"), 0);
	free(r);
}

/* ---- judging ---- */

#define BOOT_FIRED "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define BOOT_NOW "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

enum prev_kind { P_NONE, P_CRASHED, P_BARE, P_CLEAN, P_VANISHED, P_OTHER };

static const struct kc_qa_file dump_files[] = {
	{ "dmesg.202612010701", 81234 }, { "dump.202612010701", 43123456 },
};
static const struct kc_qa_file empty_files[] = {
	{ "dmesg.202612010701", 81234 }, { "dump.202612010701", 0 },
};

static void test_judge(void **state)
{
	static const struct {
		const char *what;
		const char *boot_now;
		enum prev_kind prev;
		const char *cause, *function;
		bool capture;
		const struct kc_qa_file *files;
		unsigned int n_files;
		enum kc_qa_verdict verdict;
		const char *reason;
	} rows[] = {
		{ "all there", BOOT_NOW, P_CRASHED, "panic", "kcrumbs_PANIC+0x1a/0x30",
		  true, dump_files, 2, KC_QA_V_PASS, "" },
		{ "an alternative function", BOOT_NOW, P_CRASHED, "panic",
		  "native_queued_spin_lock_slowpath+0x1", true, dump_files, 2,
		  KC_QA_V_PASS, "" },
		{ "a .cold part", BOOT_NOW, P_CRASHED, "panic",
		  "kcrumbs_PANIC.cold+0x5/0x9", true, dump_files, 2, KC_QA_V_PASS, "" },
		{ "same boot", BOOT_FIRED, P_NONE, "", "", false, NULL, 0,
		  KC_QA_V_DID_NOT_CRASH, "did not crash: still the boot it was fired in" },
		{ "another boot ended", BOOT_NOW, P_OTHER, "panic", "kcrumbs_PANIC",
		  true, dump_files, 2, KC_QA_V_OTHER_BOOT, "a boot in between" },
		{ "clean reboot", BOOT_NOW, P_CLEAN, "", "", false, NULL, 0,
		  KC_QA_V_CLEAN_REBOOT, "a clean reboot instead of a crash" },
		{ "vanished", BOOT_NOW, P_VANISHED, "", "", false, NULL, 0,
		  KC_QA_V_VANISHED, "vanished: no crash record, no capture, no dump, though a capture kernel was loaded" },
		{ "no summary at all", BOOT_NOW, P_NONE, "", "", false, NULL, 0,
		  KC_QA_V_VANISHED, "(harvest: no summary of the boot)" },
		{ "recorded, never captured", BOOT_NOW, P_CRASHED, "panic",
		  "kcrumbs_PANIC", false, NULL, 0, KC_QA_V_NO_CAPTURE,
		  "the crash was recorded (panic) but the capture kernel never ran" },
		{ "capture ran, no dump dir", BOOT_NOW, P_CRASHED, "panic",
		  "kcrumbs_PANIC", true, NULL, 0, KC_QA_V_NO_DUMP,
		  "saved no dump (no dump directory; files: none)" },
		{ "dump dir without a dump", BOOT_NOW, P_CRASHED, "panic",
		  "kcrumbs_PANIC", true, dump_files, 1, KC_QA_V_NO_DUMP,
		  "saved no dump (in /var/crash/202612010701; files: dmesg.202612010701 81234)" },
		{ "empty dump", BOOT_NOW, P_CRASHED, "panic", "kcrumbs_PANIC", true,
		  empty_files, 2, KC_QA_V_EMPTY_DUMP, "is empty (0 bytes)" },
		{ "dump, no breadcrumbs", BOOT_NOW, P_BARE, "", "", false, dump_files, 2,
		  KC_QA_V_NO_BREADCRUMBS, "kcrumbs recorded no breadcrumbs" },
		{ "wrong cause", BOOT_NOW, P_CRASHED, "oops", "kcrumbs_PANIC", true,
		  dump_files, 2, KC_QA_V_WRONG_CAUSE, "wrong cause: expected panic, recorded oops" },
		{ "wrong function", BOOT_NOW, P_CRASHED, "panic",
		  "kcrumbs_PANIC_IN_HARDIRQ+0x1/0x2", true, dump_files, 2,
		  KC_QA_V_WRONG_FUNCTION,
		  "wrong function: expected kcrumbs_PANIC|native_queued_spin_lock_slowpath, "
		  "recorded kcrumbs_PANIC_IN_HARDIRQ+0x1/0x2" },
		{ "no function", BOOT_NOW, P_CRASHED, "panic", "", true, dump_files, 2,
		  KC_QA_V_WRONG_FUNCTION, "recorded none" },
	};
	struct kc_qa_step s;
	struct kc_summary prev;
	struct kc_qa_evidence ev;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&s, 0, sizeof(s));
		snprintf(s.type, sizeof(s.type), "PANIC");
		s.round = 1;
		snprintf(s.expect_cause, sizeof(s.expect_cause), "panic");
		snprintf(s.expect_function, sizeof(s.expect_function),
			 "kcrumbs_PANIC|native_queued_spin_lock_slowpath");
		s.state = KC_QA_FIRED;
		s.fired_ns = 1000000000000ull;
		snprintf(s.boot_id, sizeof(s.boot_id), BOOT_FIRED);

		memset(&prev, 0, sizeof(prev));
		prev.fate = rows[i].prev == P_CLEAN ? KC_H_CLEAN :
			    rows[i].prev == P_VANISHED ? KC_H_VANISHED : KC_H_CRASHED;
		snprintf(prev.boot_id, sizeof(prev.boot_id), "%s",
			 rows[i].prev == P_OTHER ? "cccc" : BOOT_FIRED);
		snprintf(prev.cause, sizeof(prev.cause), "%s", rows[i].cause);
		snprintf(prev.function, sizeof(prev.function), "%s", rows[i].function);
		snprintf(prev.signature, sizeof(prev.signature), "0123456789abcdef");
		prev.crashed_ns = 1001000000000ull;

		memset(&ev, 0, sizeof(ev));
		ev.boot_id = rows[i].boot_now;
		ev.prev = rows[i].prev == P_NONE ? NULL : &prev;
		ev.capture_json = rows[i].capture;
		ev.capture_ns = 1015500000000ull;
		ev.dump_dir = rows[i].files ? "/var/crash/202612010701" : NULL;
		ev.files = rows[i].files;
		ev.n_files = rows[i].n_files;
		ev.dump_ns = 1086000000000ull;
		ev.now_ns = 1140250000000ull;

		assert_int_equal(kc_qa_judge(&s, &ev), 0);
		if (s.verdict != rows[i].verdict || !strstr(s.reason, rows[i].reason))
			fail_msg("%s: verdict %s, reason '%s'", rows[i].what,
				 kc_qa_verdict_name(s.verdict), s.reason);
		assert_int_equal(s.state, rows[i].verdict == KC_QA_V_PASS ?
				 KC_QA_PASSED : KC_QA_FAILED);
		assert_int_equal(s.up_ns, 1140250000000ull);
		assert_int_equal(!!s.reason[0], rows[i].verdict != KC_QA_V_PASS);
	}
	/* the evidence of the last row, kept */
	assert_string_equal(s.dump_dir, "/var/crash/202612010701");
	assert_int_equal(s.n_files, 2);
	assert_int_equal(kc_qa_dump_bytes(&s), 43123456);
	assert_int_equal(kc_qa_span(s.crashed_ns, s.capture_ns), 14500000000ll);
	assert_int_equal(kc_qa_span(s.crashed_ns, s.dump_ns), 85000000000ll);
	assert_int_equal(kc_qa_span(s.capture_ns, s.crashed_ns), -1);
	assert_int_equal(kc_qa_span(0, s.crashed_ns), -1);
	/* only a fired step is judged */
	assert_int_equal(kc_qa_judge(&s, &ev), -EINVAL);
}

/* More files than a step keeps; control characters in what it copies. */
static void test_judge_hostile(void **state)
{
	struct kc_qa_file many[KC_QA_MAX_FILES + 3];
	struct kc_qa_step s = { .state = KC_QA_FIRED, .round = 1 };
	struct kc_summary prev = { .fate = KC_H_CRASHED };
	struct kc_qa_evidence ev = {
		.boot_id = "now", .prev = &prev, .capture_json = true,
		.dump_dir = "/var/crash/x\ny", .files = many,
		.n_files = KC_QA_MAX_FILES + 3,
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < KC_QA_MAX_FILES + 3; i++) {
		snprintf(many[i].name, sizeof(many[i].name), "dump.%u\x1b[2J", i);
		many[i].size = 1;
	}
	snprintf(s.expect_cause, sizeof(s.expect_cause), "panic");
	snprintf(prev.cause, sizeof(prev.cause), "pan\nic");
	assert_int_equal(kc_qa_judge(&s, &ev), 0);
	assert_int_equal(s.n_files, KC_QA_MAX_FILES);
	assert_string_equal(s.dump_dir, "/var/crash/x?y");
	assert_string_equal(s.files[0].name, "dump.0?[2J");
	assert_int_equal(s.verdict, KC_QA_V_WRONG_CAUSE);
	assert_null(strchr(s.reason, '\n'));
}

/* ---- reports ---- */

static char *capture(int which, const struct kc_qa_run *r, const char *host)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	if (which == 0)
		kc_qa_report_text(f, r);
	else if (which == 1)
		kc_qa_report_json(f, r);
	else
		kc_qa_report_junit(f, r, host);
	fclose(f);
	return buf;
}

static void test_report_text(void **state)
{
	struct kc_qa_run *r = full_run();
	char *t = capture(0, r, NULL);

	(void)state;
	assert_non_null(strstr(t, "TYPE "));
	assert_non_null(strstr(t, "PANIC                  passed    panic          "
				  "kcrumbs_PANIC                14.500 s   85.250 s   "
				  "139.125 s  41.1 MiB\n"));
	assert_non_null(strstr(t, "BUG                    failed    warn"));
	/* a terminal sees no raw control bytes or invalid UTF-8 */
	assert_non_null(strstr(t, "\\xff end"));
	assert_non_null(strstr(t, "cancelled at the console"));
	assert_non_null(strstr(t, "qa: 1 passed, 1 failed, 3 not run, 1 not judged\n"));
	free(t);
	free(r);
}

static void test_report_json(void **state)
{
	struct kc_qa_run *r = full_run();
	char *t = capture(1, r, NULL);

	(void)state;
	assert_int_equal(json_check(t, strlen(t)), 0);
	assert_non_null(strstr(t, "{\"schema\":1,\"run_id\":\"20261201T0700Z\","
				  "\"started_ns\":\"1796108400000000000\","
				  "\"started\":\"2026-12-01T07:00:00.000Z\""));
	assert_non_null(strstr(t, "\"saved_policy\":{\"kernel.panic\":0,"
				  "\"crash_kexec_post_notifiers\":1}"));
	assert_non_null(strstr(t, "\"counts\":{\"tests\":6,\"passed\":1,\"failed\":1,"
				  "\"skipped\":3,\"errors\":1}"));
	assert_non_null(strstr(t, "{\"type\":\"PANIC\",\"round\":1,\"state\":\"passed\","
				  "\"verdict\":\"pass\",\"reason\":null,"
				  "\"policy\":{\"kernel.panic\":10},"
				  "\"expect_causes\":[\"panic\"],"
				  "\"expect_functions\":[\"kcrumbs_PANIC\"]"));
	assert_non_null(strstr(t, "\"files\":[{\"name\":\"dump.202612010701\","
				  "\"size\":\"43123456\"},{\"name\":\"dmesg.202612010701\","
				  "\"size\":\"81234\"}],\"dump_bytes\":\"43123456\""));
	assert_non_null(strstr(t, "\"crash_to_capture_ns\":\"14500000000\","
				  "\"crash_to_dump_ns\":\"85250000000\","
				  "\"crash_to_up_ns\":\"139125000000\"}"));
	assert_non_null(strstr(t, "\"crash_to_capture_ns\":null"));
	assert_non_null(strstr(t, "\"up_ns\":\"0\",\"up\":null"));
	free(t);
	free(r);
}

static void test_xml_text(void **state)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{ "plain", "plain" },
		{ "<a href=\"x\">&'", "&lt;a href=&quot;x&quot;&gt;&amp;&apos;" },
		{ "]]>", "]]&gt;" },
		{ "tab\tnl\ncr\r", "tab&#9;nl&#10;cr&#13;" },
		{ "\x01\x08\x0b\x0c\x1b\x1f", "??????" },
		{ "\xc3\xa9\xe2\x82\xac", "\xc3\xa9\xe2\x82\xac" },
		{ "\xef\xbf\xbe\xef\xbf\xbf", "??" },
		{ "\xff\xc3", "??" },
		{ "\xed\xa0\x80", "???" },	/* a surrogate: not UTF-8 */
		{ "\x7f", "\x7f" },
	};
	char *buf;
	size_t n;
	unsigned int i;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		buf = NULL;
		f = open_memstream(&buf, &n);
		assert_non_null(f);
		kc_xml_text(f, rows[i].in);
		fclose(f);
		if (strcmp(buf, rows[i].out))
			fail_msg("row %u: '%s'", i, buf);
		free(buf);
	}
}

/* Well-formed for xmllint (libxml2-utils), where it is installed. */
/* tests/schema/junit.xsd, beside the build's binary (KCRUMBS_BIN) */
static void schema_path(char *buf, size_t len)
{
	const char *bin = getenv("KCRUMBS_BIN");
	const char *slash = bin ? strrchr(bin, '/') : NULL;

	assert_non_null(slash);
	/* ROOT/build/kcrumbs -> ROOT/tests/schema/junit.xsd */
	snprintf(buf, len, "%.*s/../tests/schema/junit.xsd", (int)(slash - bin), bin);
}

static void xmllint(const char *doc)
{
	char path[] = "/tmp/kc-qa-junit-XXXXXX", cmd[1200], xsd[1024];
	int fd;

	/* make deps installs it (libxml2-utils): never skipped */
	assert_int_equal(system("command -v xmllint >/dev/null 2>&1"), 0);
	schema_path(xsd, sizeof(xsd));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, doc, strlen(doc)), (ssize_t)strlen(doc));
	close(fd);
	/* well-formed, and valid against the common JUnit schema */
	snprintf(cmd, sizeof(cmd), "xmllint --noout --schema '%s' '%s' >&2", xsd, path);
	assert_int_equal(system(cmd), 0);
	/* the failure's message, read back by the parser */
	snprintf(cmd, sizeof(cmd),
		 "xmllint --xpath 'string(//failure/@message)' '%s' | "
		 "grep -qF 'wrong cause: <\"&'\\''> '", path);
	assert_int_equal(system(cmd), 0);
	unlink(path);
}

static void test_report_junit(void **state)
{
	struct kc_qa_run *r = full_run();
	char *t;

	(void)state;
	snprintf(r->steps[1].type, sizeof(r->steps[1].type), "B<U>G");
	r->steps[1].round = 2;
	t = capture(2, r, "host\"&<\x01>");
	assert_non_null(strstr(t, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				  "<testsuites>\n"
				  "  <testsuite name=\"kcrumbs-qa\" package=\"kcrumbs.qa\" id=\"0\" "
				  "tests=\"6\" failures=\"1\" errors=\"1\" skipped=\"3\" time=\"140.125\" "
				  "timestamp=\"2026-12-01T07:00:00\" "
				  "hostname=\"host&quot;&amp;&lt;?&gt;\">\n"));
	/* a pass has no child (Ant's schema: one at most); its evidence is in
	 * the suite's system-out, after the test cases */
	assert_non_null(strstr(t, "<testcase classname=\"kcrumbs.qa\" name=\"PANIC\" "
				  "time=\"140.125\"/>\n"));
	assert_non_null(strstr(t, "<system-out>PANIC: passed&#10;expected cause panic"));
	assert_non_null(strstr(t, "</system-out>\n    <system-err></system-err>\n"
				  "  </testsuite>\n</testsuites>\n"));
	assert_non_null(strstr(t, "<testcase classname=\"kcrumbs.qa\" name=\"B&lt;U&gt;G #2\" "
				  "time=\"0.000\">\n      <failure message=\"wrong cause: "
				  "&lt;&quot;&amp;&apos;&gt; \xc3\xa9 ? ? end\" type=\"wrong_cause\">"));
	assert_non_null(strstr(t, "<error message=\"fired, not judged yet\""));
	assert_non_null(strstr(t, "<skipped message=\"cancelled at the console\"/>"));
	assert_non_null(strstr(t, "<skipped message=\"skipped]]&gt;\"/>"));
	assert_non_null(strstr(t, "<skipped message=\"not run: pending\"/>"));
	xmllint(t);
	free(t);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_all),
		cmocka_unit_test(test_plan_policy_kept),
		cmocka_unit_test(test_plan_refusals),
		cmocka_unit_test(test_plan_mce_inject),
		cmocka_unit_test(test_state_roundtrip),
		cmocka_unit_test(test_state_truncated),
		cmocka_unit_test(test_state_rejected),
		cmocka_unit_test(test_state_limits),
		cmocka_unit_test(test_state_unknown_keys),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_judge_hostile),
		cmocka_unit_test(test_report_text),
		cmocka_unit_test(test_report_json),
		cmocka_unit_test(test_xml_text),
		cmocka_unit_test(test_report_junit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
