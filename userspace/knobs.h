/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The panic knobs: one table of what each one is, where it lives, its
 * range and the kernel's default; and the validation of a value. Pure.
 */
#ifndef KC_KNOBS_H
#define KC_KNOBS_H

#include <stdbool.h>
#include <stddef.h>

/**
 * struct kc_knob - one panic knob
 * @key: its name, as sysctl(8) shows it ("kernel.panic"); a boot
 *	 parameter has no dot ("crash_kexec_post_notifiers")
 * @path: the file that holds it
 * @min: lowest valid value
 * @max: highest valid value
 * @def: the kernel's own default (Debian 12's build where it is a
 *	 config option)
 * @boolean_param: a bool module parameter: reads Y/N, written as Y/N;
 *	 sysctl.d cannot set it (it is not under /proc/sys)
 * @meaning: what it does, in one line
 */
struct kc_knob {
	const char *key;
	const char *path;
	long min;
	long max;
	long def;
	bool boolean_param;
	const char *meaning;
};

extern const struct kc_knob kc_knobs_table[];
extern const unsigned int kc_n_knobs;

/* The knob named @key ("kernel.panic" or "kernel/panic"), or NULL. */
const struct kc_knob *kc_knob_find(const char *key);

/**
 * kc_knob_parse() - validate a value for a knob
 * @k: the knob
 * @s: the value as text: an integer (decimal, 0x hex or 0 octal, as the
 *     kernel's proc_dointvec reads it); for a bool parameter also
 *     Y/N/y/n
 * @val: the value
 * @why: on failure, the reason ("out of range 0..1", "not a number")
 * @len: size of @why
 *
 * Return: 0 or -EINVAL.
 */
int kc_knob_parse(const struct kc_knob *k, const char *s, long *val,
		  char *why, size_t len);

/**
 * kc_knob_format() - a value as the knob's file wants it written
 * @k: the knob
 * @val: the value
 * @buf: output ("1", "Y")
 * @len: size of @buf
 */
void kc_knob_format(const struct kc_knob *k, long val, char *buf, size_t len);

#endif
