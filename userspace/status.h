/* SPDX-License-Identifier: GPL-2.0 */
/* The module's status: decoded from netlink attributes, printed. Pure. */
#ifndef KC_STATUS_H
#define KC_STATUS_H

#include <stdint.h>
#include <stdio.h>
#include <netlink/attr.h>

#include "uapi/kcrumbs.h"

/* Version of the JSON that `kcrumbs status --json` prints. */
#define KC_STATUS_JSON_SCHEMA 3

/* One of the last records the module reports (KCRUMBS_ATTR_EVENT). */
struct kc_status_event {
	uint64_t seq, boot_ns;
	uint32_t kind, cause, hook, cpu, pid;
	char comm[KCRUMBS_COMM_LEN + 1];
	char msg[KCRUMBS_STR_MAX];
};

struct kc_status {
	char version[KCRUMBS_STR_MAX];
	char kernel_release[KCRUMBS_STR_MAX];
	uint32_t abi_version;
	uint64_t loaded_ns;	/* CLOCK_BOOTTIME at module load */
	uint64_t now_ns;	/* CLOCK_BOOTTIME when the reply was built */
	int trigger_loaded;	/* kcrumbs_trigger.ko answered */
	uint32_t armed_ms;	/* its time left to trigger, 0: not armed */
	int has_region;		/* modules before the mark ring send none */
	char region_mode[16];
	int has_phys;		/* only a CAP_NET_ADMIN caller gets it */
	uint64_t region_size, region_phys, records, marks;
	uint32_t nr_slots, slot_size, nr_marks, hooks;
	int has_counters;	/* modules before 0.2 send none of these */
	uint32_t hooks_wanted;	/* the hooks the parameters ask for */
	uint64_t probe_missed, nmi_seen, dropped, nested, recovered;
	uint32_t has_previous;
	int kprobes_disarmed;	/* debugfs kprobes/enabled reads 0 */
	unsigned int n_events;
	struct kc_status_event events[KCRUMBS_STATUS_EVENTS];
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

/**
 * kc_status_events_from_stream() - decode the KCRUMBS_ATTR_EVENT attributes
 * @head: the reply's attribute stream
 * @len: its length
 * @st: events appended, at most KCRUMBS_STATUS_EVENTS
 *
 * Return: 0, or -EBADMSG for a malformed event.
 */
int kc_status_events_from_stream(struct nlattr *head, int len,
				 struct kc_status *st);

/**
 * kc_status_hooks_live() - the hooks that would fire now
 * @st: a decoded status
 *
 * Return: the module's armed hooks, less the kprobe when every kprobe is
 * disarmed (debugfs kprobes/enabled = 0, which a module cannot see).
 */
uint32_t kc_status_hooks_live(const struct kc_status *st);

/**
 * kc_status_trigger_from_attrs() - decode the trigger module's GET_STATUS
 * @tb: attributes indexed by enum kcrumbs_attr
 * @st: its trigger fields set on success (the module is loaded)
 *
 * Return: 0, or -EBADMSG when KCRUMBS_ATTR_ARMED_MS is missing or malformed.
 */
int kc_status_trigger_from_attrs(struct nlattr **tb, struct kc_status *st);

void kc_status_print_text(FILE *f, const struct kc_status *st);
void kc_status_print_json(FILE *f, const struct kc_status *st);

/* JSON for `status --json` when the module is not loaded. */
void kc_status_print_json_absent(FILE *f, const char *why);

#endif
