/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The crash types: decoded from LIST_TRIGGERS, plus the CLI's own sysrq-c
 * and MCE_INJECT.
 */
#ifndef KC_TRIGGERS_H
#define KC_TRIGGERS_H

#include <stdint.h>
#include <stdio.h>
#include <netlink/attr.h>

#include "outcome.h"
#include "uapi/kcrumbs.h"

#define KC_TRIGGERS_MAX 64
#define KC_TRIGGERS_JSON_SCHEMA 1
#define KC_TRIGGER_WHY_MAX 224

/* The crash types the CLI does itself (struct kc_trigger's builtin). */
enum kc_builtin {
	KC_BUILTIN_NONE = 0,		/* the trigger module's */
	KC_BUILTIN_SYSRQ,		/* sysrq-c */
	KC_BUILTIN_MCE_INJECT,		/* MCE_INJECT (mce_inject.h) */
};

struct kc_trigger {
	char name[KCRUMBS_TRIGGER_NAME_MAX];
	char category[KCRUMBS_TRIGGER_NAME_MAX];
	char desc[KCRUMBS_TRIGGER_DESC_MAX];
	uint32_t effect;	/* enum kcrumbs_effect */
	uint32_t min_cpus;	/* online CPUs it needs (1 when the module
				 * does not say) */
	int builtin;		/* enum kc_builtin: done by the CLI itself,
				 * no trigger module needed */
	char unavailable[KC_TRIGGER_WHY_MAX];	/* why it cannot run here
						 * ("": it can) */
	const char *unavailable_by;	/* what decides it (decided_by) */
};

struct kc_trigger_list {
	struct kc_trigger t[KC_TRIGGERS_MAX];
	unsigned int n;
};

/*
 * The CLI's own entries: sysrq-c, which needs no module, and MCE_INJECT,
 * which needs the kernel's mce-inject (kc_mce_inject_probe() says whether
 * this machine can take it).
 */
extern const struct kc_trigger kc_trigger_sysrq;
extern const struct kc_trigger kc_trigger_mce_inject;

/**
 * kc_triggers_add_attrs() - append the crash types of a LIST_TRIGGERS reply
 * @head: the reply's attribute stream
 * @len: its length
 * @l: the list to append to
 *
 * Every nested KCRUMBS_ATTR_TRIGGER must carry a well-formed name,
 * category, description and effect, and may carry a u32 minimum of online
 * CPUs (1 when absent); other top-level attributes are skipped.
 *
 * Return: 0, -EBADMSG on a malformed entry, -E2BIG past KC_TRIGGERS_MAX.
 */
int kc_triggers_add_attrs(struct nlattr *head, int len,
			  struct kc_trigger_list *l);

/*
 * What @t will do on this machine now: unavailable, with its reason, when
 * @t->unavailable says so, else kc_outcome_needs() for it.
 */
void kc_trigger_outcome(const struct kc_trigger *t, const struct kc_knobs *k,
			struct kc_outcome *out);

/* Case-insensitive lookup; NULL when absent. */
const struct kc_trigger *kc_trigger_find(const struct kc_trigger_list *l,
					 const char *name);

/* "PANIC, BUG, ...": every name in @l, into @buf. */
void kc_trigger_names(const struct kc_trigger_list *l, char *buf, size_t len);

void kc_triggers_print_text(FILE *f, const struct kc_trigger_list *l,
			    const struct kc_knobs *k);
void kc_triggers_print_json(FILE *f, const struct kc_trigger_list *l,
			    const struct kc_knobs *k, int module_loaded);

#endif
