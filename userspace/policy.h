/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Panic policy: the knobs' current values, profiles (sysctl.d files),
 * plans of changes, and applying a plan all or nothing. Every /proc, /sys
 * and /etc path is taken under the root directory (sysfs.h).
 */
#ifndef KC_POLICY_H
#define KC_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "knobs.h"
#include "sysctl_conf.h"

#define KC_MAX_KNOBS 32
#define KC_DROPIN "/etc/sysctl.d/90-kcrumbs.conf"

/**
 * struct kc_knob_state - a knob on this machine now
 * @present: the kernel has it
 * @value: its value, when present
 */
struct kc_knob_state {
	bool present;
	long value;
};

/* Read every knob of kc_knobs_table into @st (kc_n_knobs entries). */
void kc_policy_read(struct kc_knob_state *st);

/**
 * struct kc_change - one knob a plan sets
 * @k: the knob
 * @present: the kernel has it
 * @from: its value now (when present)
 * @to: the value wanted
 * @ignore_failure: '-' in the profile: absent or failing, it is skipped
 * @written: set by kc_plan_apply() once the new value is in
 * @failed: set by kc_plan_apply() when the kernel refused a change with
 *	    @ignore_failure, which was then skipped
 */
struct kc_change {
	const struct kc_knob *k;
	bool present;
	long from;
	long to;
	bool ignore_failure;
	bool written;
	bool failed;
};

/**
 * struct kc_plan - what a profile or a `set` would change
 * @n: number of changes
 * @ch: the changes, in knob-table order for a profile
 * @notes: lines for the user about skipped entries
 */
struct kc_plan {
	unsigned int n;
	struct kc_change ch[KC_MAX_KNOBS];
	char notes[1024];
};

/**
 * kc_profile_load() - find and parse a profile
 * @name: a profile's name ("kdump"), or a path to a sysctl.d file
 * @f: the parsed file
 * @path: where it was found
 * @len: size of @path and @err
 * @err: on failure, why (not found: the profiles there are)
 *
 * Profiles are looked for in $KCRUMBS_PROFILES, then the installed
 * directory, then ../sysctl.d beside the binary (a build tree).
 *
 * Return: 0, -ENOENT or -EINVAL.
 */
int kc_profile_load(const char *name, struct kc_sysctl_file *f, char *path,
		    size_t len, char *err);

/* The profiles available, space separated, into @buf. */
void kc_profile_list(char *buf, size_t len);

/**
 * kc_plan_profile() - the plan that brings this machine to a profile
 * @f: the profile
 * @st: the knobs now (kc_policy_read())
 * @plan: the plan: every knob the profile sets, changed or not
 * @err: on failure, why, naming the line and the knob
 * @len: size of @err
 *
 * A knob this kernel lacks is in the plan, not present; kc_plan_apply()
 * refuses it unless the profile has '-' before it.
 *
 * Return: 0, or -EINVAL when the profile sets an unknown knob or a value
 * out of range.
 */
int kc_plan_profile(const struct kc_sysctl_file *f,
		    const struct kc_knob_state *st, struct kc_plan *plan,
		    char *err, size_t len);

/**
 * kc_plan_args() - the plan for `policy set KEY=VALUE ...`
 * @argc: number of arguments
 * @argv: the KEY=VALUE arguments
 * @st: the knobs now
 * @plan: the plan
 * @err: on failure, why, naming the argument
 * @len: size of @err
 *
 * Return: 0; -EINVAL for a malformed argument, an unknown knob or a value
 * out of range; -ENOENT for a knob this kernel lacks.
 */
int kc_plan_args(int argc, const char **argv, const struct kc_knob_state *st,
		 struct kc_plan *plan, char *err, size_t len);

/**
 * kc_plan_apply() - write a plan all or nothing
 * @plan: the plan; each change's @written tells what was written
 * @err: on failure, the knob and why, and what the rollback did
 * @len: size of @err
 *
 * Refuses, writing nothing, when a knob without @ignore_failure is absent.
 * Writes only the knobs whose value differs. On the first failure (of a
 * change without @ignore_failure) the changes already written are written
 * back to their old values, in reverse order.
 *
 * Return: 0, -ENOENT for an absent knob, or the negative errno of the
 * failed write (-EACCES, -EPERM: not root).
 */
int kc_plan_apply(struct kc_plan *plan, char *err, size_t len);

/* strerror(), with words for the kernel's ENOTSUPP (524) too. */
const char *kc_errtext(int err);

/**
 * kc_dropin_text() - the drop-in that persists a plan
 * @plan: the plan
 * @what: what wrote it, for the header ("kcrumbs policy apply kdump")
 * @profile: the profile's name for `show` to compare against, or "custom"
 * @when: a timestamp for the header
 * @buf: output
 * @len: size of @buf
 *
 * Return: 0, or -ENOSPC when it does not fit.
 */
int kc_dropin_text(const struct kc_plan *plan, const char *what,
		   const char *profile, const char *when, char *buf,
		   size_t len);

/**
 * kc_dropin_write() - install the drop-in, unless it says the same already
 * @text: its new content; its first line (the header with the time) is
 *	  not compared
 * @changed: set when the file was written
 * @err: on failure, why
 * @len: size of @err
 *
 * Writes a temporary file beside it, then renames it into place.
 *
 * Return: 0 or a negative errno.
 */
int kc_dropin_write(const char *text, bool *changed, char *err, size_t len);

/**
 * kc_dropin_profile() - the profile the installed drop-in came from
 * @name: output ("kdump", "custom"); "" when there is no drop-in
 * @len: size of @name
 */
void kc_dropin_profile(char *name, size_t len);

/**
 * kc_dropin_load() - parse the installed drop-in
 * @f: its entries (none when there is no drop-in)
 *
 * Return: 0, or -EINVAL when it cannot be parsed.
 */
int kc_dropin_load(struct kc_sysctl_file *f);

#endif
