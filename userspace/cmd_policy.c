// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs policy show|set|apply|diff`: the panic knobs, now and against a
 * profile; changes all or nothing; --persist into one sysctl.d drop-in.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"
#include "nlerr.h"
#include "policy.h"

static char *opt_profile;
static int opt_persist, opt_dry_run;

const struct poptOption kc_policy_options[] = {
	{ "profile", 'p', POPT_ARG_STRING, &opt_profile, 0,
	  "show: compare against PROFILE (default: the persisted one, else kdump)",
	  "PROFILE" },
	{ "persist", '\0', POPT_ARG_NONE, &opt_persist, 0,
	  "set, apply: also write " KC_DROPIN " for the next boots", NULL },
	{ "dry-run", 'n', POPT_ARG_NONE, &opt_dry_run, 0,
	  "set, apply: say what would change, change nothing", NULL },
	POPT_TABLEEND
};

/* The profile `show` compares against. */
static const char *chosen_profile(char *buf, size_t len)
{
	if (opt_profile)
		return opt_profile;
	kc_dropin_profile(buf, len);
	if (buf[0] && strcmp(buf, "custom") != 0)
		return buf;
	return "kdump";
}

static void value_text(const struct kc_knob *k, bool present, long v,
		       char *buf, size_t len)
{
	if (!present)
		snprintf(buf, len, "absent");
	else
		kc_knob_format(k, v, buf, len);
}

/*
 * A knob's value as a decimal string: a long can pass 2^53, which jq 1.6
 * and JavaScript round (kernel.hung_task_timeout_secs goes to 2^63/1000).
 */
static void json_value(bool present, long v)
{
	if (present)
		printf("\"%ld\"", v);
	else
		fputs("null", stdout);
}

/* The profile's value for knob @i, if it sets it. */
static const struct kc_change *profile_change(const struct kc_plan *plan,
					      unsigned int i)
{
	unsigned int j;

	for (j = 0; j < plan->n; j++)
		if (plan->ch[j].k == &kc_knobs_table[i])
			return &plan->ch[j];
	return NULL;
}

static void show_json(const char *profile, const struct kc_knob_state *st,
		      const struct kc_plan *plan)
{
	unsigned int i;

	fputs("{\"schema\":2,\"profile\":", stdout);
	kc_json_string(stdout, profile);
	fputs(",\"knobs\":[", stdout);
	for (i = 0; i < kc_n_knobs; i++) {
		const struct kc_knob *k = &kc_knobs_table[i];
		const struct kc_change *c = profile_change(plan, i);

		printf("%s{\"key\":", i ? "," : "");
		kc_json_string(stdout, k->key);
		fputs(",\"path\":", stdout);
		kc_json_string(stdout, k->path);
		printf(",\"present\":%s,\"value\":", st[i].present ? "true" : "false");
		json_value(st[i].present, st[i].value);
		fputs(",\"profile_value\":", stdout);
		json_value(c != NULL, c ? c->to : 0);
		printf(",\"differs\":%s,\"default\":\"%ld\",\"min\":\"%ld\",\"max\":\"%ld\","
		       "\"boot_parameter\":%s,\"meaning\":",
		       c && st[i].present && c->to != st[i].value ? "true" : "false",
		       k->def, k->min, k->max, k->boolean_param ? "true" : "false");
		kc_json_string(stdout, k->meaning);
		fputs("}", stdout);
	}
	fputs("]}\n", stdout);
}

static void show_text(const char *profile, const struct kc_knob_state *st,
		      const struct kc_plan *plan)
{
	char now[32], want[32];
	unsigned int i;

	printf("%-33s %-7s %-9s %s\n", "KNOB", "NOW", profile, "MEANING");
	for (i = 0; i < kc_n_knobs; i++) {
		const struct kc_knob *k = &kc_knobs_table[i];
		const struct kc_change *c = profile_change(plan, i);

		value_text(k, st[i].present, st[i].value, now, sizeof(now));
		if (c)
			kc_knob_format(k, c->to, want, sizeof(want));
		else
			snprintf(want, sizeof(want), "-");
		printf("%-33s %-7s %-9s %s%s\n", k->key, now, want, k->meaning,
		       c && st[i].present && c->to != st[i].value ? "  <- differs" : "");
	}
	printf("\n'-': %s leaves it alone. 'absent': this kernel has no such knob.\n",
	       profile);
}

/* Load @name and plan it against @st; prints the error. */
static int load_plan(const char *name, const struct kc_knob_state *st,
		     struct kc_plan *plan)
{
	struct kc_sysctl_file f;
	char path[4096], err[4096];

	if (kc_profile_load(name, &f, path, sizeof(path), err)) {
		fprintf(stderr, "kcrumbs policy: %s\n", err);
		return KC_EXIT_USAGE;
	}
	if (kc_plan_profile(&f, st, plan, err, sizeof(err))) {
		fprintf(stderr, "kcrumbs policy: profile %s: %s\n", path, err);
		return KC_EXIT_FAIL;
	}
	return KC_EXIT_OK;
}

static int policy_show(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	struct kc_plan plan;
	const char *profile;
	char buf[64];
	int rc;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs policy show: takes no arguments "
			"(--profile PROFILE to compare against one)\n");
		return KC_EXIT_USAGE;
	}
	profile = chosen_profile(buf, sizeof(buf));
	kc_policy_read(st);
	rc = load_plan(profile, st, &plan);
	if (rc)
		return rc;
	if (ctx->json)
		show_json(profile, st, &plan);
	else
		show_text(profile, st, &plan);
	return KC_EXIT_OK;
}

static unsigned int count_changes(const struct kc_plan *plan)
{
	unsigned int i, n = 0;

	for (i = 0; i < plan->n; i++)
		n += plan->ch[i].present && plan->ch[i].from != plan->ch[i].to;
	return n;
}

static unsigned int count_written(const struct kc_plan *plan)
{
	unsigned int i, n = 0;

	for (i = 0; i < plan->n; i++)
		n += plan->ch[i].written;
	return n;
}

/* Knobs the plan sets that this kernel lacks, without '-': apply refuses. */
static unsigned int count_missing(const struct kc_plan *plan, bool show)
{
	unsigned int i, n = 0;

	for (i = 0; i < plan->n; i++) {
		const struct kc_change *c = &plan->ch[i];

		if (c->present || c->ignore_failure)
			continue;
		n++;
		if (show)
			printf("  %-33s absent: no such knob on this kernel\n",
			       c->k->key);
	}
	return n;
}

static void changes_json(const struct kc_plan *plan, const char *field)
{
	unsigned int i, n = 0;

	printf("\"%s\":[", field);
	for (i = 0; i < plan->n; i++) {
		const struct kc_change *c = &plan->ch[i];

		printf("%s{\"key\":", n++ ? "," : "");
		kc_json_string(stdout, c->k->key);
		fputs(",\"from\":", stdout);
		json_value(c->present, c->from);
		printf(",\"to\":\"%ld\",\"changes\":%s,\"present\":%s,"
		       "\"ignore_failure\":%s}", c->to,
		       c->present && c->from != c->to ? "true" : "false",
		       c->present ? "true" : "false",
		       c->ignore_failure ? "true" : "false");
	}
	fputs("]", stdout);
}

static void changes_text(const struct kc_plan *plan, bool all)
{
	char from[32], to[32];
	unsigned int i;

	for (i = 0; i < plan->n; i++) {
		const struct kc_change *c = &plan->ch[i];
		bool differs = c->present && c->from != c->to;

		if (!differs && !all)
			continue;
		value_text(c->k, c->present, c->from, from, sizeof(from));
		kc_knob_format(c->k, c->to, to, sizeof(to));
		if (differs && c->failed)
			printf("  %-33s %s (wanted %s: refused, skipped)\n",
			       c->k->key, from, to);
		else if (differs)
			printf("  %-33s %s -> %s\n", c->k->key, from, to);
		else if (c->present)
			printf("  %-33s %s (unchanged)\n", c->k->key, from);
		else
			printf("  %-33s absent (%s)\n", c->k->key,
			       c->ignore_failure ? "skipped: '-' in the profile" :
			       "no such knob on this kernel: apply refuses");
	}
	if (plan->notes[0])
		printf("%s", plan->notes);
}

static int policy_diff(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	struct kc_plan plan;
	unsigned int n;
	int rc;

	if (argc != 1) {
		fprintf(stderr, "kcrumbs policy diff: needs one PROFILE\n");
		return KC_EXIT_USAGE;
	}
	kc_policy_read(st);
	rc = load_plan(argv[0], st, &plan);
	if (rc)
		return rc;
	n = count_changes(&plan) + count_missing(&plan, false);
	if (ctx->json) {
		fputs("{\"schema\":2,\"profile\":", stdout);
		kc_json_string(stdout, argv[0]);
		printf(",\"differences\":%u,", n);
		changes_json(&plan, "knobs");
		fputs("}\n", stdout);
	} else if (n == 0) {
		printf("This machine's panic knobs match profile %s.\n", argv[0]);
	} else {
		printf("%u knob%s differ%s from profile %s (now -> profile):\n", n,
		       n == 1 ? "" : "s", n == 1 ? "s" : "", argv[0]);
		changes_text(&plan, false);
		count_missing(&plan, true);
	}
	return n ? KC_EXIT_FAIL : KC_EXIT_OK;
}

static void timestamp(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static int exit_for(int err)
{
	return err == -EACCES || err == -EPERM ? KC_EXIT_PERM : KC_EXIT_FAIL;
}

/* Apply @plan (and persist it); prints what happened. */
static int run_plan(struct kc_ctx *ctx, struct kc_plan *plan, const char *what,
		    const char *profile)
{
	char err[4096], when[64], text[8192];
	bool changed = false;
	unsigned int n = count_changes(plan);
	int rc;

	if (opt_dry_run) {
		unsigned int missing = count_missing(plan, false);

		if (ctx->json) {
			printf("{\"schema\":2,\"dry_run\":true,\"changes\":%u,"
			       "\"refused\":%s,", n, missing ? "true" : "false");
			changes_json(plan, "knobs");
			fputs("}\n", stdout);
		} else {
			printf("Would change %u knob%s (dry run, nothing "
			       "written):\n", n, n == 1 ? "" : "s");
			changes_text(plan, true);
			if (missing)
				printf("Apply would refuse: %u knob%s missing on "
				       "this kernel.\n", missing,
				       missing == 1 ? " is" : "s are");
			else if (opt_persist)
				printf("Would write %s.\n", KC_DROPIN);
		}
		return missing ? KC_EXIT_FAIL : KC_EXIT_OK;
	}
	timestamp(when, sizeof(when));
	if (opt_persist &&
	    kc_dropin_text(plan, what, profile, when, text, sizeof(text))) {
		fprintf(stderr, "kcrumbs policy: the drop-in does not fit\n");
		return KC_EXIT_FAIL;
	}
	rc = kc_plan_apply(plan, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "kcrumbs policy: %s\n", err);
		if (exit_for(rc) == KC_EXIT_PERM)
			fprintf(stderr, "kcrumbs policy: changing the panic "
				"policy needs root\n");
		return exit_for(rc);
	}
	rc = opt_persist ? kc_dropin_write(text, &changed, err, sizeof(err)) : 0;
	if (rc) {
		fprintf(stderr, "kcrumbs policy: the running kernel has the new "
			"values, but %s\n", err);
		return exit_for(rc);
	}
	if (ctx->json) {
		printf("{\"schema\":2,\"dry_run\":false,\"changes\":%u,", n);
		changes_json(plan, "knobs");
		printf(",\"written\":%u,\"persisted\":%s,\"dropin_changed\":%s}\n",
		       count_written(plan),
		       opt_persist ? "true" : "false", changed ? "true" : "false");
		return KC_EXIT_OK;
	}
	n = count_written(plan);
	printf("Changed %u knob%s:\n", n, n == 1 ? "" : "s");
	changes_text(plan, true);
	if (opt_persist)
		printf("%s %s.\n", changed ? "Wrote" : "Unchanged:", KC_DROPIN);
	return KC_EXIT_OK;
}

static int policy_apply(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	struct kc_plan plan;
	char what[256];
	int rc;

	if (argc != 1) {
		fprintf(stderr, "kcrumbs policy apply: needs one PROFILE\n");
		return KC_EXIT_USAGE;
	}
	kc_policy_read(st);
	rc = load_plan(argv[0], st, &plan);
	if (rc)
		return rc;
	snprintf(what, sizeof(what), "kcrumbs policy apply %s --persist", argv[0]);
	return run_plan(ctx, &plan, what,
			strchr(argv[0], '/') ? "custom" : argv[0]);
}

/* set --persist: the drop-in's entries, with these changes on top. */
static int merge_dropin(struct kc_plan *plan, const struct kc_knob_state *st)
{
	struct kc_sysctl_file f;
	struct kc_plan old;
	char err[512];
	unsigned int i, j;

	if (kc_dropin_load(&f) || kc_plan_profile(&f, st, &old, err, sizeof(err))) {
		fprintf(stderr, "kcrumbs policy: cannot merge into %s; remove "
			"or fix it first\n", KC_DROPIN);
		return KC_EXIT_FAIL;
	}
	for (i = 0; i < old.n; i++) {
		for (j = 0; j < plan->n; j++)
			if (plan->ch[j].k == old.ch[i].k)
				break;
		if (j == plan->n && plan->n < KC_MAX_KNOBS) {
			old.ch[i].from = old.ch[i].to;	/* kept, not changed now */
			plan->ch[plan->n++] = old.ch[i];
		}
	}
	return KC_EXIT_OK;
}

static int policy_set(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	struct kc_plan plan;
	char err[512];
	unsigned int i;
	int rc;

	if (argc < 1) {
		fprintf(stderr, "kcrumbs policy set: needs KEY=VALUE ...\n");
		return KC_EXIT_USAGE;
	}
	kc_policy_read(st);
	rc = kc_plan_args(argc, argv, &st[0], &plan, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "kcrumbs policy set: %s\n", err);
		return rc == -ENOENT ? KC_EXIT_FAIL : KC_EXIT_USAGE;
	}
	for (i = 0; opt_persist && i < plan.n; i++)
		if (plan.ch[i].k->boolean_param) {
			fprintf(stderr, "kcrumbs policy set: %s is a boot "
				"parameter: sysctl.d cannot persist it; add "
				"%s=%s to the kernel command line instead\n",
				plan.ch[i].k->key, plan.ch[i].k->key,
				plan.ch[i].to ? "Y" : "N");
			return KC_EXIT_USAGE;
		}
	if (opt_persist && (rc = merge_dropin(&plan, st)))
		return rc;
	return run_plan(ctx, &plan, "kcrumbs policy set ... --persist", "custom");
}

/* the words after `policy`: dispatched on here, completed from commands.c */
const struct kc_subcmd kc_policy_subcmds[] = {
	{ "show", NULL, policy_show },
	{ "set", "KEY=VALUE...", policy_set },
	{ "apply", "PROFILE", policy_apply },
	{ "diff", "PROFILE", policy_diff },
	{ NULL, NULL, NULL }
};

int kc_cmd_policy(struct kc_ctx *ctx, int argc, const char **argv)
{
	unsigned int i;

	if (argc < 1)
		return policy_show(ctx, 0, argv);
	if ((opt_persist || opt_dry_run) && strcmp(argv[0], "set") &&
	    strcmp(argv[0], "apply")) {
		fprintf(stderr, "kcrumbs policy %s: --persist and --dry-run go "
			"with set and apply only\n", argv[0]);
		return KC_EXIT_USAGE;
	}
	if (opt_profile && strcmp(argv[0], "show")) {
		fprintf(stderr, "kcrumbs policy %s: --profile goes with show "
			"only (apply and diff name their PROFILE)\n", argv[0]);
		return KC_EXIT_USAGE;
	}
	for (i = 0; kc_policy_subcmds[i].name; i++)
		if (strcmp(argv[0], kc_policy_subcmds[i].name) == 0)
			return kc_policy_subcmds[i].run(ctx, argc - 1, argv + 1);
	fprintf(stderr, "kcrumbs policy: unknown subcommand '%s' "
		"(show, set, apply, diff)\n", argv[0]);
	return KC_EXIT_USAGE;
}
