// SPDX-License-Identifier: GPL-2.0
/*
 * The panic knobs. Ranges are what the knob means, which is sometimes
 * narrower than what the kernel accepts (panic_on_oops=7 is taken and
 * means 1): a value outside them is refused, so a typo never lands.
 * Defaults are Linux's, with Debian 12's config where one decides
 * (CONFIG_MAGIC_SYSRQ_DEFAULT_ENABLE=0x01b6, CONFIG_PANIC_TIMEOUT=0).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "knobs.h"
#include "sysctl_conf.h"

#define SYSCTL(k, p, lo, hi, d, m) \
	{ .key = k, .path = "/proc/sys/" p, .min = lo, .max = hi, .def = d, \
	  .meaning = m }

const struct kc_knob kc_knobs_table[] = {
	SYSCTL("kernel.panic", "kernel/panic", INT_MIN, INT_MAX, 0,
	       "after a panic: 0 stay halted, N reboot after N s, -1 reboot at once"),
	SYSCTL("kernel.panic_on_oops", "kernel/panic_on_oops", 0, 1, 0,
	       "1: an oops panics (and kdump captures it); 0: the task dies, the kernel goes on"),
	SYSCTL("kernel.panic_on_warn", "kernel/panic_on_warn", 0, 1, 0,
	       "1: a WARN() panics"),
	SYSCTL("kernel.hung_task_panic", "kernel/hung_task_panic", 0, 1, 0,
	       "1: a task blocked longer than hung_task_timeout_secs panics"),
	SYSCTL("kernel.hung_task_timeout_secs", "kernel/hung_task_timeout_secs",
	       0, LONG_MAX / 1000, 120,
	       "seconds in D state before a task counts as hung; 0 turns the detector off"),
	SYSCTL("kernel.softlockup_panic", "kernel/softlockup_panic", 0, 1, 0,
	       "1: a soft lockup (a CPU looping in the kernel, 2*watchdog_thresh s) panics"),
	SYSCTL("kernel.hardlockup_panic", "kernel/hardlockup_panic", 0, 1, 0,
	       "1: a hard lockup (a CPU stuck with interrupts off) panics"),
	SYSCTL("kernel.nmi_watchdog", "kernel/nmi_watchdog", 0, 1, 1,
	       "1: the hard lockup detector runs (needs a CPU PMU: most VMs lack one)"),
	SYSCTL("kernel.watchdog_thresh", "kernel/watchdog_thresh", 0, 60, 10,
	       "lockup detectors' threshold in seconds; 0 turns both off"),
	SYSCTL("kernel.panic_on_io_nmi", "kernel/panic_on_io_nmi", 0, 1, 0,
	       "1: an I/O check NMI (a bus error) panics"),
	SYSCTL("kernel.panic_on_unrecovered_nmi", "kernel/panic_on_unrecovered_nmi",
	       0, 1, 0,
	       "1: an NMI the firmware reports as uncorrectable (SERR) panics"),
	SYSCTL("kernel.unknown_nmi_panic", "kernel/unknown_nmi_panic", 0, 1, 0,
	       "1: an NMI nobody claims (a BMC's 'diag interrupt') panics"),
	SYSCTL("vm.panic_on_oom", "vm/panic_on_oom", 0, 2, 0,
	       "1: out of memory panics instead of killing (2: even in a cgroup)"),
	SYSCTL("kernel.sysrq", "kernel/sysrq", 0, 511, 438,
	       "magic SysRq keys: 0 off, 1 all, else a bitmask (8: crash/dump keys)"),
	SYSCTL("kernel.panic_print", "kernel/panic_print", 0, 127, 0,
	       "what a panic prints first: bitmask of tasks, memory, timers, locks, ftrace, log, CPUs"),
	{ .key = "crash_kexec_post_notifiers",
	  .path = "/sys/module/kernel/parameters/crash_kexec_post_notifiers",
	  .min = 0, .max = 1, .def = 0, .boolean_param = true,
	  .meaning = "Y: panic notifiers and kmsg dumpers run before kdump (riskier for kdump); boot parameter" },
};

const unsigned int kc_n_knobs = sizeof(kc_knobs_table) /
				sizeof(kc_knobs_table[0]);

const struct kc_knob *kc_knob_find(const char *key)
{
	char path[KC_SYSCTL_KEY_MAX], full[KC_SYSCTL_KEY_MAX + 16];
	unsigned int i;

	if (kc_sysctl_norm(key, path, sizeof(path)))
		return NULL;
	snprintf(full, sizeof(full), "/proc/sys/%s", path);
	for (i = 0; i < kc_n_knobs; i++)
		if (strcmp(kc_knobs_table[i].key, key) == 0 ||
		    strcmp(kc_knobs_table[i].path, full) == 0)
			return &kc_knobs_table[i];
	return NULL;
}

static int parse_bool(const char *s, long *val)
{
	if (strcmp(s, "Y") == 0 || strcmp(s, "y") == 0) {
		*val = 1;
		return 0;
	}
	if (strcmp(s, "N") == 0 || strcmp(s, "n") == 0) {
		*val = 0;
		return 0;
	}
	return -EINVAL;
}

int kc_knob_parse(const struct kc_knob *k, const char *s, long *val,
		  char *why, size_t len)
{
	char *end;

	if (k->boolean_param && parse_bool(s, val) == 0)
		return 0;
	errno = 0;
	*val = strtol(s, &end, 0);
	if (end == s || *end) {
		snprintf(why, len, "'%s' is not a number%s", s,
			 k->boolean_param ? " nor Y/N" : "");
		return -EINVAL;
	}
	if (errno || *val < k->min || *val > k->max) {
		snprintf(why, len, "%s is out of range %ld..%ld", s, k->min,
			 k->max);
		return -EINVAL;
	}
	return 0;
}

void kc_knob_format(const struct kc_knob *k, long val, char *buf, size_t len)
{
	if (k->boolean_param)
		snprintf(buf, len, "%s", val ? "Y" : "N");
	else
		snprintf(buf, len, "%ld", val);
}
