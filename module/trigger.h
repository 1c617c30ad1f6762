/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcrumbs: controlled crashes for QA, as LKDTM has them: a table of crash
 * types per category, one file per category, each row built by CRASHTYPE().
 */
#ifndef _KCRUMBS_TRIGGER_H
#define _KCRUMBS_TRIGGER_H

#include <linux/types.h>

#include "uapi/kcrumbs.h"

/**
 * struct kcrumbs_crashtype - one crash type
 * @name: what KCRUMBS_CMD_TRIGGER takes
 * @desc: what it does, one line
 * @effect: enum kcrumbs_effect, from which userspace tells what follows
 *	under the current panic policy
 * @min_cpus: online CPUs it needs (1 for most); with fewer it is refused
 * @func: does it; runs in a kernel thread of its own and may not return
 */
struct kcrumbs_crashtype {
	const char *name;
	const char *desc;
	enum kcrumbs_effect effect;
	unsigned int min_cpus;
	void (*func)(void);
};

#define CRASHTYPE_CPUS(_name, _effect, _cpus, _desc)	\
	{						\
		.name = __stringify(_name),		\
		.desc = _desc,				\
		.effect = KCRUMBS_EFFECT_ ## _effect,	\
		.min_cpus = _cpus,			\
		.func = kcrumbs_ ## _name,		\
	}

#define CRASHTYPE(_name, _effect, _desc)		\
	CRASHTYPE_CPUS(_name, _effect, 1, _desc)

/**
 * struct kcrumbs_crashtype_category - one file's table of crash types
 * @name: the category's name ("bugs")
 * @types: its rows
 * @len: how many
 */
struct kcrumbs_crashtype_category {
	const char *name;
	const struct kcrumbs_crashtype *types;
	size_t len;
};

extern const struct kcrumbs_crashtype_category kcrumbs_bugs_crashtypes;
extern const struct kcrumbs_crashtype_category kcrumbs_lockups_crashtypes;
extern const struct kcrumbs_crashtype_category kcrumbs_mem_crashtypes;
extern const struct kcrumbs_crashtype_category kcrumbs_selftest_crashtypes;

const struct kcrumbs_crashtype *
kcrumbs_crashtype_next(size_t *pos, const char **cat);
const struct kcrumbs_crashtype *kcrumbs_find_crashtype(const char *name);
const char *kcrumbs_unknown_type_msg(void);
const char *kcrumbs_crashtype_unavailable(const struct kcrumbs_crashtype *ct);

void kcrumbs_arm(unsigned int seconds, u32 portid);
unsigned int kcrumbs_armed_ms(void);
int kcrumbs_trigger(const struct kcrumbs_crashtype *ct, u32 portid,
		    const char **why);

int kcrumbs_trigger_init(void);

int kcrumbs_trigger_netlink_init(void);
void kcrumbs_trigger_netlink_exit(void);

#endif /* _KCRUMBS_TRIGGER_H */
