// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs trigger`: crash this machine on purpose, in a chosen way, after
 * saying what will happen. The safety lives here: --yes to confirm, a
 * crash kernel or --force, and the trigger module's own arm window, which
 * belongs to the socket that opened it: ARM and TRIGGER go over one
 * connection (kcrumbs_trigger.ko's family).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "cli.h"
#include "mce_inject.h"
#include "nl.h"
#include "nlerr.h"
#include "sysfs.h"
#include "triggers.h"

/* The module's own window for the one trigger that follows. */
#define KC_TRIGGER_ARM_SECONDS 5

static int opt_list, opt_yes, opt_force, opt_no_arm;

const struct poptOption kc_trigger_options[] = {
	{ "list", 'l', POPT_ARG_NONE, &opt_list, 0,
	  "list the crash types and what each would do on this machine now",
	  NULL },
	{ "yes", 'y', POPT_ARG_NONE, &opt_yes, 0,
	  "confirm: really crash this machine", NULL },
	{ "force", 'f', POPT_ARG_NONE, &opt_force, 0,
	  "crash even though no crash kernel is loaded (nothing will be captured)",
	  NULL },
	{ "no-arm", '\0', POPT_ARG_NONE, &opt_no_arm, 0,
	  "do not arm first (the module then refuses: a window belongs to the connection that armed it)",
	  NULL },
	POPT_TABLEEND
};

static int parse_list(struct nlattr **tb, struct nlattr *head, int len,
		      void *arg)
{
	(void)tb;
	return kc_triggers_add_attrs(head, len, arg);
}

int kc_trigger_load_types(struct kc_nl *nl, struct kc_trigger_list *l,
		      int *loaded)
{
	int rc;

	memset(l, 0, sizeof(*l));
	l->t[l->n++] = kc_trigger_sysrq;
	l->t[l->n] = kc_trigger_mce_inject;
	kc_mce_inject_probe(&l->t[l->n++]);
	*loaded = 0;
	rc = kc_nl_open_family(nl, KCRUMBS_TRIGGER_GENL_NAME);
	if (rc == KC_EXIT_NOMODULE)
		return KC_EXIT_OK;
	if (rc == KC_EXIT_OK)
		rc = kc_nl_request(nl, KCRUMBS_CMD_LIST_TRIGGERS, NULL, NULL,
				   parse_list, l);
	if (rc != KC_EXIT_OK)
		return rc;
	*loaded = 1;
	return KC_EXIT_OK;
}

static int list_types(struct kc_ctx *ctx, const struct kc_trigger_list *l,
		      const struct kc_knobs *k, int loaded)
{
	if (ctx->json) {
		kc_triggers_print_json(stdout, l, k, loaded);
		return KC_EXIT_OK;
	}
	kc_triggers_print_text(stdout, l, k);
	if (!loaded)
		printf("\n(only the CLI's own types: the trigger module is not loaded: "
		       "modprobe kcrumbs_trigger)\n");
	if (k->crash_loaded <= 0)
		printf("\nNo crash kernel is loaded: a panic now is not captured.\n");
	return KC_EXIT_OK;
}

static int fill_name(struct nl_msg *msg, void *arg)
{
	return nla_put_string(msg, KCRUMBS_ATTR_TRIGGER_NAME, arg);
}

static int fire_sysrq(void)
{
	int err = kc_write_str("/proc/sysrq-trigger", "c");

	if (err == -EACCES || err == -EPERM) {
		fprintf(stderr, "kcrumbs: permission denied: writing /proc/sysrq-trigger needs root\n");
		return KC_EXIT_PERM;
	}
	if (err) {
		fprintf(stderr, "kcrumbs: cannot write /proc/sysrq-trigger: %s\n",
			strerror(-err));
		return KC_EXIT_FAIL;
	}
	printf("triggered sysrq-c\n");
	return KC_EXIT_OK;
}

static int fire_module(struct kc_nl *nl, const struct kc_trigger *t, int arm)
{
	int rc = KC_EXIT_OK;

	if (arm)
		rc = kc_arm(nl, KC_TRIGGER_ARM_SECONDS);
	if (rc == KC_EXIT_OK)
		rc = kc_nl_request(nl, KCRUMBS_CMD_TRIGGER, fill_name,
				   (void *)t->name, NULL, NULL);
	if (rc != KC_EXIT_OK) {
		kc_nl_report(nl);
		return rc;
	}
	printf("triggered %s: a kernel thread fires it now\n", t->name);
	fflush(stdout);
	return KC_EXIT_OK;
}

/*
 * How long a crash the CLI fires itself (MCE_INJECT) may take to come:
 * KCRUMBS_TRIGGER_WAIT seconds, else KC_MCE_INJECT_WAIT_S.
 */
static unsigned int builtin_wait(void)
{
	const char *v = getenv("KCRUMBS_TRIGGER_WAIT");
	unsigned long n;
	char *end;

	if (!v || !*v)
		return KC_MCE_INJECT_WAIT_S;
	n = strtoul(v, &end, 10);
	return *end || n > 3600 ? KC_MCE_INJECT_WAIT_S : (unsigned int)n;
}

static int fire(struct kc_nl *nl, const struct kc_trigger *t, int arm)
{
	switch (t->builtin) {
	case KC_BUILTIN_SYSRQ:
		return fire_sysrq();
	case KC_BUILTIN_MCE_INJECT:
		return kc_mce_inject_fire(builtin_wait());
	default:
		return fire_module(nl, t, arm);
	}
}

int kc_trigger_fire(struct kc_nl *nl, const struct kc_trigger *t)
{
	return fire(nl, t, 1);
}

static int unknown_type(const char *name, const struct kc_trigger_list *l,
			int loaded)
{
	char names[1024];

	kc_trigger_names(l, names, sizeof(names));
	fprintf(stderr, "kcrumbs trigger: unknown crash type '%s'; valid: %s\n",
		name, names);
	if (!loaded) {
		fprintf(stderr, "kcrumbs: the trigger module is not loaded: modprobe kcrumbs_trigger\n");
		return KC_EXIT_NOMODULE;
	}
	return KC_EXIT_USAGE;
}

/* Say what will happen, then apply the CLI's safety rules. */
static int explain_and_check(const struct kc_trigger *t,
			     const struct kc_knobs *k)
{
	struct kc_outcome o;

	kc_trigger_outcome(t, k, &o);
	printf("%s: %s\n", t->name, t->desc);
	printf("on this machine now: %s [%s: %s]\n", o.text,
	       kc_outcome_kind_name(o.kind), o.decided_by);
	fflush(stdout);
	if (!opt_yes) {
		fprintf(stderr, "kcrumbs: refusing without --yes: this crashes the machine\n");
		return KC_EXIT_REFUSED;
	}
	if (k->crash_loaded <= 0 && !opt_force) {
		fprintf(stderr,
			"kcrumbs: refusing: no crash kernel is loaded (/sys/kernel/kexec_crash_loaded is not 1),\n"
			"so nothing would be captured and the machine would just die.\n"
			"Load one (kdump-tools, kdumpctl or kexec -p), or add --force.\n");
		return KC_EXIT_REFUSED;
	}
	return KC_EXIT_OK;
}

int kc_cmd_trigger(struct kc_ctx *ctx, int argc, const char **argv)
{
	static struct kc_trigger_list l;
	const struct kc_trigger *t;
	struct kc_knobs k;
	struct kc_nl nl;
	int rc, loaded;

	if (opt_list ? argc != 0 : argc != 1) {
		fprintf(stderr, opt_list ?
			"kcrumbs trigger: --list takes no crash type\n" :
			"kcrumbs trigger: needs one crash type ('kcrumbs trigger --list' shows them)\n");
		return KC_EXIT_USAGE;
	}
	rc = kc_trigger_load_types(&nl, &l, &loaded);
	if (rc != KC_EXIT_OK) {
		kc_nl_report(&nl);
		goto out;
	}
	kc_knobs_read(&k);
	if (opt_list) {
		rc = list_types(ctx, &l, &k, loaded);
		goto out;
	}
	t = kc_trigger_find(&l, argv[0]);
	if (!t) {
		rc = unknown_type(argv[0], &l, loaded);
		goto out;
	}
	rc = explain_and_check(t, &k);
	if (rc == KC_EXIT_OK)
		rc = fire(&nl, t, !opt_no_arm);
out:
	kc_nl_close(&nl);
	return rc;
}
