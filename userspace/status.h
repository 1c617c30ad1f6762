/* SPDX-License-Identifier: GPL-2.0 */
/* The module's status: decoded from netlink attributes, printed. Pure. */
#ifndef KC_STATUS_H
#define KC_STATUS_H

#include <stdint.h>
#include <stdio.h>
#include <netlink/attr.h>

#include "uapi/kcrumbs.h"

/* Version of the JSON that `kcrumbs status --json` prints. */
#define KC_STATUS_JSON_SCHEMA 1

struct kc_status {
	char version[KCRUMBS_STR_MAX];
	char kernel_release[KCRUMBS_STR_MAX];
	uint32_t abi_version;
	uint64_t loaded_ns;	/* CLOCK_BOOTTIME at module load */
	uint64_t now_ns;	/* CLOCK_BOOTTIME when the reply was built */
	uint32_t armed_ms;	/* time left to trigger, 0: not armed */
};

/**
 * kc_status_from_attrs() - decode a GET_STATUS reply
 * @tb: attributes indexed by enum kcrumbs_attr
 * @st: filled on success
 *
 * Every attribute is checked for presence, length and (strings) a NUL
 * inside its bounds before use.
 *
 * Return: 0, or -EBADMSG when a required attribute is missing or malformed.
 */
int kc_status_from_attrs(struct nlattr **tb, struct kc_status *st);

void kc_status_print_text(FILE *f, const struct kc_status *st);
void kc_status_print_json(FILE *f, const struct kc_status *st);

/* JSON for `status --json` when the module is not loaded. */
void kc_status_print_json_absent(FILE *f, const char *why);

#endif
