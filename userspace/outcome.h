/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a crash type will do on this machine now: its effect (from the
 * module) under the panic policy and kdump state (read from /proc, /sys).
 * The decision is pure, for unit tests.
 */
#ifndef KC_OUTCOME_H
#define KC_OUTCOME_H

#include <limits.h>
#include <stddef.h>

#include "uapi/kcrumbs.h"

#define KC_KNOB_ABSENT LONG_MIN	/* kernel.panic=-1 is a real value */

/* The knobs that decide outcomes; KC_KNOB_ABSENT where the kernel lacks one. */
struct kc_knobs {
	long panic;			/* kernel.panic */
	long panic_on_oops;		/* kernel.panic_on_oops */
	long panic_on_warn;		/* kernel.panic_on_warn */
	long softlockup_panic;		/* kernel.softlockup_panic */
	long soft_watchdog;		/* kernel.soft_watchdog */
	long hardlockup_panic;		/* kernel.hardlockup_panic */
	long nmi_watchdog;		/* kernel.nmi_watchdog */
	long watchdog_thresh;		/* kernel.watchdog_thresh */
	long hung_task_panic;		/* kernel.hung_task_panic */
	long hung_task_timeout_secs;	/* kernel.hung_task_timeout_secs */
	long panic_on_oom;		/* vm.panic_on_oom */
	long crash_loaded;		/* /sys/kernel/kexec_crash_loaded */
	long cpu_pmu;			/* 1 if /sys/bus/event_source/devices/cpu
					 * exists: the perf NMI watchdog needs it */
	long online_cpus;		/* CPUs in /sys/devices/system/cpu/online */
};

enum kc_outcome_kind {
	KC_OUTCOME_CAPTURE,	/* panics, and kdump captures it */
	KC_OUTCOME_PANIC,	/* panics with no crash kernel loaded */
	KC_OUTCOME_CARRY_ON,	/* reported; the kernel carries on */
	KC_OUTCOME_HANG,	/* something stays stuck for good */
	KC_OUTCOME_UNAVAILABLE,	/* cannot run here: the module refuses it */
};

struct kc_outcome {
	enum kc_outcome_kind kind;
	const char *decided_by;	/* the knob that decides, "always", or what
				 * the machine lacks ("online CPUs") */
	char text[256];		/* for a person */
};

/* Read every knob under the root directory (see sysfs.h). */
void kc_knobs_read(struct kc_knobs *k);

/**
 * kc_outcome() - what @effect will do under @k
 * @effect: enum kcrumbs_effect
 * @k: the knobs
 * @out: the verdict
 */
void kc_outcome(enum kcrumbs_effect effect, const struct kc_knobs *k,
		struct kc_outcome *out);

/**
 * kc_outcome_needs() - kc_outcome() for a crash type that needs
 *	@min_cpus online CPUs: with fewer it cannot run here (the module
 *	refuses it), and the outcome says why
 * @effect: enum kcrumbs_effect
 * @min_cpus: online CPUs it needs (0 or 1: any machine)
 * @k: the knobs (online_cpus 0 or KC_KNOB_ABSENT: not known, assumed
 *	enough)
 * @out: the verdict
 */
void kc_outcome_needs(enum kcrumbs_effect effect, unsigned int min_cpus,
		      const struct kc_knobs *k, struct kc_outcome *out);

/**
 * kc_cpulist_count() - how many CPUs a kernel CPU list names
 * @s: "0", "0-3", "0,2-5,7" (sysfs' online file), maybe with a newline
 *
 * Return: the count, or -1 when @s is not such a list.
 */
long kc_cpulist_count(const char *s);

/* "capture", "panic", "carry-on", "hang", "unavailable": for JSON. */
const char *kc_outcome_kind_name(enum kc_outcome_kind kind);

/* "panic", "oops", ...: for JSON and text; "unknown" when out of range. */
const char *kc_effect_name(unsigned int effect);

#endif
