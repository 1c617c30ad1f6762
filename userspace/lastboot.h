/* SPDX-License-Identifier: GPL-2.0 */
/* The previous boot's fate, from its region. Pure. */
#ifndef KC_LASTBOOT_H
#define KC_LASTBOOT_H

#include <stdio.h>

#include "decode.h"

enum kc_fate {
	KC_FATE_CRASHED,	/* the region says crashed: a fatal hook ran */
	KC_FATE_CLEAN,		/* shut down or rebooted cleanly */
	KC_FATE_VANISHED,	/* ended without a trace */
};

struct kc_verdict {
	enum kc_fate fate;
	const struct kc_rec *event;	/* the fatal event, when crashed */
	const char *function;		/* its culprit frame's text, if any */
	unsigned int n_survived;	/* the other events but self-tests */
};

/**
 * kc_last_boot() - how the boot that wrote @r ended
 * @r: its decoded region
 * @v: the verdict
 *
 * The region's state decides: "crashed" (a fatal hook ran: a panic, or a
 * crash kernel taking over), "clean" (the reboot notifier ran), else
 * "vanished" (power loss, hard reset, or a hang no hook saw). An event
 * alone is a crash the kernel survived (an oops with panic_on_oops=0, an
 * unknown NMI, a self-test): counted in @n_survived, never the verdict.
 * The fatal event is the one the log tail names (its related_seq), else
 * the last event not marked KCRUMBS_REC_F_TRAIL, else the last. Its
 * function is its culprit frame, the first that is not plumbing
 * (kc_culprit_frame()): the crash's own ip when recorded, else the first
 * past panic().
 */
void kc_last_boot(const struct kc_region *r, struct kc_verdict *v);

const char *kc_fate_name(enum kc_fate fate);

void kc_last_boot_text(FILE *f, const struct kc_region *r,
		       const struct kc_verdict *v);
void kc_last_boot_json(FILE *f, const struct kc_region *r,
		       const struct kc_verdict *v);

#endif
