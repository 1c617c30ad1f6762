/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `kcrumbs check`: would a crash now be captured? One row per check, each
 * ok, warn or fail with the command that fixes it. Every file is read
 * under the root directory (sysfs.h), so tests run on a fake tree.
 */
#ifndef KC_CHECK_H
#define KC_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kc_check_status {
	KC_CHECK_OK,
	KC_CHECK_WARN,	/* a crash is still captured, but something is off */
	KC_CHECK_FAIL,	/* a crash now would not be captured */
};

/**
 * struct kc_check_result - one row
 * @name: what was checked
 * @status: the verdict
 * @detail: what was found
 * @fix: the command or step that fixes it ("" when ok)
 */
struct kc_check_result {
	const char *name;
	enum kc_check_status status;
	char detail[512];
	char fix[512];
};

#define KC_CHECK_MAX 16

/**
 * kc_check_run() - run every check
 * @profile: the profile the panic knobs are compared with
 * @res: KC_CHECK_MAX results
 *
 * Return: how many results were filled.
 */
unsigned int kc_check_run(const char *profile, struct kc_check_result *res);

/* "ok", "warn", "fail". */
const char *kc_check_status_name(enum kc_check_status s);

/**
 * kc_iomem_crash() - the "Crash kernel" ranges of a /proc/iomem text
 * @text: the file's text
 * @start: the lowest range's start
 * @size: the ranges' total size (0 when there are none)
 * @hidden: set when the addresses read as zero (read without root)
 *
 * Return: how many ranges there are.
 */
unsigned int kc_iomem_crash(const char *text, uint64_t *start, uint64_t *size,
			    bool *hidden);

/**
 * kc_config_value() - an option's value in a kernel .config text
 * @text: the config
 * @opt: "CONFIG_KEXEC"
 *
 * Return: 'y', 'm', or 0 when it is not set.
 */
char kc_config_value(const char *text, const char *opt);

#endif
