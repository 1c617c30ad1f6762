/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CLI's crash type MCE_INJECT: a fatal machine check through the
 * kernel's own injector, mce-inject (arch/x86/kernel/cpu/mce/inject.c,
 * CONFIG_X86_MCE_INJECT), where the kernel has it. Its debugfs files
 * (/sys/kernel/debug/mce-inject/) take the bank's registers; "hw" in
 * flags makes the write of bank put them in the bank's MSRs and raise
 * int $18 on the chosen CPU: do_machine_check() finds an uncorrected,
 * processor-context-corrupt error and panics. Whether this machine can
 * take one now, and why not; and the firing. Every path goes through
 * kc_path() (sysfs.h), so that tests run over a fake root.
 */
#ifndef KC_MCE_INJECT_H
#define KC_MCE_INJECT_H

#include <stddef.h>
#include <stdint.h>

#include "triggers.h"

#define KC_MCE_INJECT_DIR	"/sys/kernel/debug/mce-inject"

/* What is injected: VAL|UC|EN|PCC, MCA error code 0x0001 (unclassified) */
#define KC_MCE_INJECT_STATUS	0xb200000000000001ULL

/* How long the firing waits for the panic before saying it did not come */
#define KC_MCE_INJECT_WAIT_S	5

/* What decides whether this machine can take MCE_INJECT. */
struct kc_mce_inject_facts {
	char machine[65];	/* uname -m */
	char release[128];	/* /proc/sys/kernel/osrelease */
	int root;		/* effective uid 0 (or a fake root) */
	int banks;		/* CPU 0's machine check banks (sysfs' bankN) */
	int loaded;		/* /sys/module/mce_inject or its directory */
	int dir;		/* KC_MCE_INJECT_DIR exists */
	int known;		/* modules.dep or modules.builtin of this
				 * release names mce-inject.ko */
	int debugfs;		/* debugfs is mounted on /sys/kernel/debug */
	char lockdown[20];	/* "none", "integrity", "confidentiality";
				 * "" when /sys/kernel/security says nothing */
	int hw;			/* flags took "hw": 1; not tried: 0; refused:
				 * the negative errno */
};

/**
 * kc_mce_inject_facts_read() - read the facts under the root directory
 * @f: filled
 * @try_hw: with the directory there and root, ask mce-inject whether it
 *	takes "hw" (it refuses it where the platform forbids writing the
 *	bank registers: writing flags is the only way to know); the mode
 *	it had is put back
 */
void kc_mce_inject_facts_read(struct kc_mce_inject_facts *f, int try_hw);

/**
 * kc_mce_inject_why_not() - why this machine cannot take MCE_INJECT now
 * @f: the facts
 * @by: set to what decides it ("architecture", "machine check banks",
 *	"mce-inject", "root", "kernel lockdown"), for the outcome's
 *	decided_by
 * @buf: the reason, for a person
 * @len: its size
 *
 * A module that is not loaded but that this kernel has (modules.dep) is
 * no reason: the firing loads it.
 *
 * Return: NULL when it can, else @buf.
 */
const char *kc_mce_inject_why_not(const struct kc_mce_inject_facts *f,
				  const char **by, char *buf, size_t len);

/**
 * kc_mce_inject_probe() - fill @t's unavailable reason (empty: it can run
 *	here) from the facts of this machine, "hw" tried
 * @t: the MCE_INJECT entry of a crash type list
 */
void kc_mce_inject_probe(struct kc_trigger *t);

/**
 * kc_mce_inject_fire() - inject the fatal machine check now
 * @wait_s: seconds to wait for the panic after the injection
 *
 * Loads mce-inject (modprobe) and mounts debugfs when needed, then writes
 * flags "hw", status KC_MCE_INJECT_STATUS, misc and addr 0, cpu (the
 * first online CPU, which this process then runs on) and bank (1, or 0
 * with one bank), in that order; the write of bank fires. Every failure
 * is said on stderr. Still alive @wait_s seconds later, it puts flags
 * back and says so.
 *
 * Return: an enum kc_exit code: KC_EXIT_PERM without root or under
 * lockdown, KC_EXIT_FAIL when anything failed or the machine survived
 * (never KC_EXIT_OK: a success does not return).
 */
int kc_mce_inject_fire(unsigned int wait_s);

#endif
