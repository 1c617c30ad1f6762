// SPDX-License-Identifier: GPL-2.0
/* The crash types: decoded from LIST_TRIGGERS, plus the CLI's own. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "attr.h"
#include "json.h"
#include "triggers.h"

const struct kc_trigger kc_trigger_sysrq = {
	.name = "sysrq-c",
	.category = "sysrq",
	.desc = "writes 'c' to /proc/sysrq-trigger: the kernel's own crash, no module needed",
	.effect = KCRUMBS_EFFECT_PANIC,
	.min_cpus = 1,
	.builtin = KC_BUILTIN_SYSRQ,
};

const struct kc_trigger kc_trigger_mce_inject = {
	.name = "MCE_INJECT",
	.category = "mce",
	.desc = "a fatal machine check (uncorrected, processor context corrupt) "
		"through the kernel's mce-inject: do_machine_check() panics",
	.effect = KCRUMBS_EFFECT_PANIC,
	.min_cpus = 1,
	.builtin = KC_BUILTIN_MCE_INJECT,
};

static int decode_one(struct nlattr *nest, struct kc_trigger *t)
{
	struct nlattr *tb[KCRUMBS_TRIGGER_ATTR_MAX + 1];

	memset(t, 0, sizeof(*t));
	if (nla_parse_nested(tb, KCRUMBS_TRIGGER_ATTR_MAX, nest, NULL) ||
	    !tb[KCRUMBS_TRIGGER_ATTR_NAME] || !tb[KCRUMBS_TRIGGER_ATTR_CATEGORY] ||
	    !tb[KCRUMBS_TRIGGER_ATTR_DESC] ||
	    kc_attr_len(tb[KCRUMBS_TRIGGER_ATTR_EFFECT], sizeof(uint32_t)) ||
	    kc_attr_str(t->name, sizeof(t->name), tb[KCRUMBS_TRIGGER_ATTR_NAME]) ||
	    kc_attr_str(t->category, sizeof(t->category),
			tb[KCRUMBS_TRIGGER_ATTR_CATEGORY]) ||
	    kc_attr_str(t->desc, sizeof(t->desc), tb[KCRUMBS_TRIGGER_ATTR_DESC]) ||
	    (tb[KCRUMBS_TRIGGER_ATTR_MIN_CPUS] &&
	     kc_attr_len(tb[KCRUMBS_TRIGGER_ATTR_MIN_CPUS], sizeof(uint32_t))))
		return -EBADMSG;
	t->effect = nla_get_u32(tb[KCRUMBS_TRIGGER_ATTR_EFFECT]);
	t->min_cpus = tb[KCRUMBS_TRIGGER_ATTR_MIN_CPUS] ?
		      nla_get_u32(tb[KCRUMBS_TRIGGER_ATTR_MIN_CPUS]) : 1;
	return 0;
}

int kc_triggers_add_attrs(struct nlattr *head, int len,
			  struct kc_trigger_list *l)
{
	struct nlattr *nla;
	int rem, err;

	nla_for_each_attr(nla, head, len, rem) {
		if (nla_type(nla) != KCRUMBS_ATTR_TRIGGER)
			continue;
		if (l->n >= KC_TRIGGERS_MAX)
			return -E2BIG;
		err = decode_one(nla, &l->t[l->n]);
		if (err)
			return err;
		l->n++;
	}
	return 0;
}

void kc_trigger_outcome(const struct kc_trigger *t, const struct kc_knobs *k,
			struct kc_outcome *out)
{
	if (!t->unavailable[0]) {
		kc_outcome_needs(t->effect, t->min_cpus, k, out);
		return;
	}
	memset(out, 0, sizeof(*out));
	out->kind = KC_OUTCOME_UNAVAILABLE;
	out->decided_by = t->unavailable_by ? t->unavailable_by : "this machine";
	snprintf(out->text, sizeof(out->text), "cannot run here: %s",
		 t->unavailable);
}

const struct kc_trigger *kc_trigger_find(const struct kc_trigger_list *l,
					 const char *name)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->t[i].name, name) == 0)
			return &l->t[i];
	return NULL;
}

void kc_trigger_names(const struct kc_trigger_list *l, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int i;
	int n;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < l->n && used < len; i++) {
		n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
			     l->t[i].name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

void kc_triggers_print_text(FILE *f, const struct kc_trigger_list *l,
			    const struct kc_knobs *k)
{
	struct kc_outcome o;
	unsigned int i;

	for (i = 0; i < l->n; i++) {
		kc_trigger_outcome(&l->t[i], k, &o);
		fprintf(f, "%-17s %s\n", l->t[i].name, l->t[i].desc);
		fprintf(f, "%-17s now: %s [%s: %s]\n", "", o.text,
			kc_outcome_kind_name(o.kind), o.decided_by);
	}
}

void kc_triggers_print_json(FILE *f, const struct kc_trigger_list *l,
			    const struct kc_knobs *k, int module_loaded)
{
	struct kc_outcome o;
	unsigned int i;

	fprintf(f, "{\"schema\":%d,\"module_loaded\":%s,\"crash_kernel_loaded\":%s,"
		"\"triggers\":[", KC_TRIGGERS_JSON_SCHEMA,
		module_loaded ? "true" : "false",
		k->crash_loaded > 0 ? "true" : "false");
	for (i = 0; i < l->n; i++) {
		kc_trigger_outcome(&l->t[i], k, &o);
		fputs(i ? ",{\"name\":" : "{\"name\":", f);
		kc_json_string(f, l->t[i].name);
		fputs(",\"category\":", f);
		kc_json_string(f, l->t[i].category);
		fputs(",\"description\":", f);
		kc_json_string(f, l->t[i].desc);
		fputs(",\"effect\":", f);
		kc_json_string(f, kc_effect_name(l->t[i].effect));
		fprintf(f, ",\"needs_module\":%s,\"outcome\":",
			l->t[i].builtin ? "false" : "true");
		kc_json_string(f, kc_outcome_kind_name(o.kind));
		fputs(",\"decided_by\":", f);
		kc_json_string(f, o.decided_by);
		fputs(",\"outcome_text\":", f);
		kc_json_string(f, o.text);
		fprintf(f, ",\"min_cpus\":%u}", l->t[i].min_cpus);
	}
	fputs("]}\n", f);
}
