// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the one recorder entry the trigger module uses. Its
 * BREADCRUMB_ALL_CPUS self-test records through here, so the recorder
 * itself carries no code whose purpose is to crash the machine.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>

#include "kcrumbs_selftest.h"
#include "recorder.h"

/**
 * kcrumbs_record_selftest() - record a self-test breadcrumb
 * @msg: its message, NUL-terminated
 *
 * A crash event with hook and cause "selftest", as if a hook had seen
 * one, but never final: no log tail, no joining of another event. Safe
 * in IPI and NMI context, as every recorder path is.
 */
void kcrumbs_record_selftest(const char *msg)
{
	kcrumbs_record_crash(KCRUMBS_HOOK_SELFTEST, KCRUMBS_CAUSE_SELFTEST,
			     NULL, NULL, msg, false);
}
EXPORT_SYMBOL_GPL(kcrumbs_record_selftest);
