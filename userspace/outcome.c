// SPDX-License-Identifier: GPL-2.0
/*
 * What a crash type will do on this machine now. One rule per effect; the
 * decision (kc_outcome) is pure, the knob reading (kc_knobs_read) is not.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "outcome.h"
#include "sysfs.h"

#define KNOB(f) offsetof(struct kc_knobs, f)

static long knob(const struct kc_knobs *k, size_t off)
{
	return *(const long *)((const char *)k + off);
}

static bool soft_detector(const struct kc_knobs *k)
{
	return k->soft_watchdog > 0 && k->watchdog_thresh > 0;
}

static bool nmi_detector(const struct kc_knobs *k)
{
	return k->nmi_watchdog > 0 && k->watchdog_thresh > 0 &&
	       k->cpu_pmu > 0;
}

static bool hung_detector(const struct kc_knobs *k)
{
	return k->hung_task_timeout_secs > 0;
}

/*
 * One row per enum kcrumbs_effect: the knob that makes it panic (none:
 * it always does), the detector that must see it first (none: nothing
 * to detect), and what happens when it does not panic.
 */
static const struct rule {
	const char *name;
	const char *knob;
	size_t knob_off;
	bool (*detected)(const struct kc_knobs *k);
	enum kc_outcome_kind otherwise;
	const char *otherwise_text;
	const char *undetected_text;
} rules[__KCRUMBS_EFFECT_MAX] = {
	[KCRUMBS_EFFECT_PANIC] = { "panic", NULL, 0, NULL,
		KC_OUTCOME_CARRY_ON, "", "" },
	[KCRUMBS_EFFECT_OOPS] = { "oops", "kernel.panic_on_oops",
		KNOB(panic_on_oops), NULL, KC_OUTCOME_CARRY_ON,
		"oops: the crashing kernel thread dies, the kernel carries on (tainted)",
		"" },
	[KCRUMBS_EFFECT_WARN] = { "warn", "kernel.panic_on_warn",
		KNOB(panic_on_warn), NULL, KC_OUTCOME_CARRY_ON,
		"a warning and a backtrace in the log, the kernel carries on (tainted)",
		"" },
	[KCRUMBS_EFFECT_SOFTLOCKUP] = { "softlockup", "kernel.softlockup_panic",
		KNOB(softlockup_panic), soft_detector, KC_OUTCOME_HANG,
		"one CPU stays stuck for good; the soft lockup detector reports it every few seconds",
		"one CPU stays stuck for good and nothing reports it (soft lockup detector off)" },
	[KCRUMBS_EFFECT_HARDLOCKUP] = { "hardlockup", "kernel.hardlockup_panic",
		KNOB(hardlockup_panic), nmi_detector, KC_OUTCOME_HANG,
		"one CPU stays stuck with interrupts off; the NMI watchdog reports it",
		"one CPU stays stuck with interrupts off and the hard lockup detector cannot see it (NMI watchdog off, or no CPU PMU as in most VMs)" },
	[KCRUMBS_EFFECT_HUNG_TASK] = { "hung_task", "kernel.hung_task_panic",
		KNOB(hung_task_panic), hung_detector, KC_OUTCOME_HANG,
		"a kernel thread stays blocked for good; the hung task detector reports it",
		"a kernel thread stays blocked for good and nothing reports it (hung_task_timeout_secs is 0)" },
	[KCRUMBS_EFFECT_OOM] = { "oom", "vm.panic_on_oom",
		KNOB(panic_on_oom), NULL, KC_OUTCOME_CARRY_ON,
		"the OOM killer kills the largest process, then kcrumbs gives its memory back",
		"" },
	[KCRUMBS_EFFECT_NONE] = { "none", "never", 0, NULL, KC_OUTCOME_CARRY_ON,
		"breadcrumbs are recorded, nothing crashes", "" },
};

const char *kc_effect_name(unsigned int effect)
{
	return effect < __KCRUMBS_EFFECT_MAX ? rules[effect].name : "unknown";
}

const char *kc_outcome_kind_name(enum kc_outcome_kind kind)
{
	static const char *const names[] = {
		[KC_OUTCOME_CAPTURE] = "capture",
		[KC_OUTCOME_PANIC] = "panic",
		[KC_OUTCOME_CARRY_ON] = "carry-on",
		[KC_OUTCOME_HANG] = "hang",
		[KC_OUTCOME_UNAVAILABLE] = "unavailable",
	};

	return names[kind];
}

static void panic_text(const struct kc_knobs *k, struct kc_outcome *out)
{
	if (k->crash_loaded > 0) {
		out->kind = KC_OUTCOME_CAPTURE;
		snprintf(out->text, sizeof(out->text),
			 "panic; the capture kernel (kdump) takes over");
		return;
	}
	out->kind = KC_OUTCOME_PANIC;
	if (k->panic > 0)
		snprintf(out->text, sizeof(out->text),
			 "panic with no crash kernel loaded: reboot after %ld s, nothing captured",
			 k->panic);
	else if (k->panic < 0 && k->panic != KC_KNOB_ABSENT)
		snprintf(out->text, sizeof(out->text),
			 "panic with no crash kernel loaded: immediate reboot, nothing captured");
	else
		snprintf(out->text, sizeof(out->text),
			 "panic with no crash kernel loaded: the machine halts until reset");
}

void kc_outcome(enum kcrumbs_effect effect, const struct kc_knobs *k,
		struct kc_outcome *out)
{
	const struct rule *r;

	memset(out, 0, sizeof(*out));
	if ((unsigned int)effect >= __KCRUMBS_EFFECT_MAX) {
		out->kind = KC_OUTCOME_HANG;
		out->decided_by = "unknown";
		snprintf(out->text, sizeof(out->text),
			 "unknown effect %u: this tool is older than the module",
			 (unsigned int)effect);
		return;
	}
	r = &rules[effect];
	out->decided_by = r->knob ? r->knob : "always";
	if (r->detected && !r->detected(k)) {
		out->kind = KC_OUTCOME_HANG;
		snprintf(out->text, sizeof(out->text), "%s", r->undetected_text);
		return;
	}
	if (effect == KCRUMBS_EFFECT_NONE) {
		out->kind = r->otherwise;
		snprintf(out->text, sizeof(out->text), "%s", r->otherwise_text);
		return;
	}
	if (!r->knob || knob(k, r->knob_off) > 0) {
		panic_text(k, out);
		return;
	}
	out->kind = r->otherwise;
	snprintf(out->text, sizeof(out->text), "%s", r->otherwise_text);
}

void kc_outcome_needs(enum kcrumbs_effect effect, unsigned int min_cpus,
		      const struct kc_knobs *k, struct kc_outcome *out)
{
	/* not known (KC_KNOB_ABSENT, or 0 from a zeroed struct): assume enough */
	if (k->online_cpus <= 0 || k->online_cpus >= (long)min_cpus) {
		kc_outcome(effect, k, out);
		return;
	}
	memset(out, 0, sizeof(*out));
	out->kind = KC_OUTCOME_UNAVAILABLE;
	out->decided_by = "online CPUs";
	snprintf(out->text, sizeof(out->text),
		 "cannot run here: it needs %u online CPUs and %ld %s online (the module refuses it)",
		 min_cpus, k->online_cpus, k->online_cpus == 1 ? "is" : "are");
}

long kc_cpulist_count(const char *s)
{
	unsigned long a, b;
	long n = 0;
	char *end;

	for (;;) {
		if (!isdigit((unsigned char)*s))
			return -1;
		a = strtoul(s, &end, 10);
		b = a;
		if (*end == '-') {
			s = end + 1;
			if (!isdigit((unsigned char)*s))
				return -1;
			b = strtoul(s, &end, 10);
			if (b < a || b - a > 1UL << 20)
				return -1;
		}
		n += (long)(b - a + 1);
		s = end;
		if (*s != ',')
			break;
		s++;
	}
	if (*s == '\n')
		s++;
	return *s ? -1 : n;
}

/* Online CPUs, KC_KNOB_ABSENT when the file is missing or not a list. */
static long online_cpus(void)
{
	char p[4096], *text;
	long n;
	int err;

	text = kc_file_read(kc_path(p, sizeof(p), "/sys/devices/system/cpu/online"),
			    4096, &err);
	if (!text)
		return KC_KNOB_ABSENT;
	n = kc_cpulist_count(text);
	free(text);
	return n > 0 ? n : KC_KNOB_ABSENT;
}

/* Where each knob is read from. */
static const struct {
	const char *path;
	size_t off;
} knob_files[] = {
	{ "/proc/sys/kernel/panic", KNOB(panic) },
	{ "/proc/sys/kernel/panic_on_oops", KNOB(panic_on_oops) },
	{ "/proc/sys/kernel/panic_on_warn", KNOB(panic_on_warn) },
	{ "/proc/sys/kernel/softlockup_panic", KNOB(softlockup_panic) },
	{ "/proc/sys/kernel/soft_watchdog", KNOB(soft_watchdog) },
	{ "/proc/sys/kernel/hardlockup_panic", KNOB(hardlockup_panic) },
	{ "/proc/sys/kernel/nmi_watchdog", KNOB(nmi_watchdog) },
	{ "/proc/sys/kernel/watchdog_thresh", KNOB(watchdog_thresh) },
	{ "/proc/sys/kernel/hung_task_panic", KNOB(hung_task_panic) },
	{ "/proc/sys/kernel/hung_task_timeout_secs", KNOB(hung_task_timeout_secs) },
	{ "/proc/sys/vm/panic_on_oom", KNOB(panic_on_oom) },
	{ "/sys/kernel/kexec_crash_loaded", KNOB(crash_loaded) },
};

void kc_knobs_read(struct kc_knobs *k)
{
	char p[4096];
	struct stat st;
	size_t i;
	long v;

	for (i = 0; i < sizeof(knob_files) / sizeof(knob_files[0]); i++) {
		if (kc_read_long(knob_files[i].path, &v))
			v = KC_KNOB_ABSENT;
		*(long *)((char *)k + knob_files[i].off) = v;
	}
	k->cpu_pmu = stat(kc_path(p, sizeof(p), "/sys/bus/event_source/devices/cpu"),
			  &st) == 0;
	k->online_cpus = online_cpus();
}
