// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs qa`: a QA run of crash types, one crash per boot, judged at the
 * next boot (docs/qa.md). This file: start, status, stop, report and the
 * dispatch; the unit's own step (judge, set the policy, count down, fire)
 * is in cmd_qa_step.c. The decisions are qa.h's, pure; the I/O qa_io.h's.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_qa.h"
#include "fileio.h"
#include "nl.h"
#include "nlerr.h"
#include "policy.h"
#include "qa_io.h"
#include "sysfs.h"
#include "triggers.h"

#define KC_QA_DEFAULT_DELAY_S	120

/* KC_UNSET: not given (they go with start only) */
#define KC_UNSET INT_MIN
static int opt_repeat = KC_UNSET, opt_delay = KC_UNSET, opt_yes;
static char *opt_junit;

const struct poptOption kc_qa_options[] = {
	{ "repeat", 'r', POPT_ARG_INT, &opt_repeat, 0,
	  "start: run the list of types N times (1-50, default 1)", "N" },
	{ "delay", 'd', POPT_ARG_INT, &opt_delay, 0,
	  "start: the countdown before each crash, in seconds, during which "
	  "`kcrumbs qa stop` cancels the run (0-3600, default 120)", "S" },
	{ "yes", 'y', POPT_ARG_NONE, &opt_yes, 0,
	  "start: confirm: really crash this machine, once per type", NULL },
	{ "junit", '\0', POPT_ARG_STRING, &opt_junit, 0,
	  "report: also write the report as JUnit XML to FILE (- : standard output)",
	  "FILE" },
	POPT_TABLEEND
};

/* The one run this command works on: too big for the stack. */
struct kc_qa_run kc_qa_the_run;

static void iso(uint64_t ns, char *buf, size_t len)
{
	time_t t = (time_t)(ns / 1000000000ull);
	struct tm tm;

	if (!ns || !gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, len, "-");
}

int kc_qa_need_root(const char *what)
{
	if (geteuid() == 0 || kc_root_is_fake())
		return KC_EXIT_OK;
	fprintf(stderr, "kcrumbs qa %s: permission denied: needs root\n", what);
	return KC_EXIT_PERM;
}

/* Load the run (under the lock when @lock); prints why not. */
int kc_qa_open(struct kc_qa_run *run, const char *what, int *lock)
{
	char why[256];
	int err;

	if (lock) {
		*lock = kc_qa_lock();
		if (*lock < 0) {
			fprintf(stderr, "kcrumbs qa %s: cannot take the lock %s: %s\n", what,
				KC_QA_LOCK_FILE, strerror(-*lock));
			return KC_EXIT_FAIL;
		}
	}
	err = kc_qa_load(run, why, sizeof(why));
	if (!err)
		return KC_EXIT_OK;
	if (lock) {
		kc_qa_unlock(*lock);
		*lock = -1;
	}
	if (err == -ENOENT) {
		fprintf(stderr, "kcrumbs qa %s: no qa run on this machine "
			"(kcrumbs qa start TYPE... --yes plans one)\n", what);
		return KC_EXIT_NONE;
	}
	fprintf(stderr, "kcrumbs qa %s: %s cannot be read: %s\n", what,
		KC_QA_STATE_FILE, why);
	return err == -EINVAL ? KC_EXIT_CORRUPT : KC_EXIT_FAIL;
}

int kc_qa_unit(const char *verb)
{
	const char *en[] = { "systemctl", verb, "--no-block", KC_QA_UNIT, NULL };
	const char *dis[] = { "systemctl", verb, KC_QA_UNIT, NULL };
	int rc;

	/* enable and disable take no --no-block before systemd 253 */
	rc = kc_qa_command(strcmp(verb, "start") && strcmp(verb, "stop") ? dis : en);
	if (rc)
		fprintf(stderr, "kcrumbs qa: systemctl %s %s failed (%d)\n", verb,
			KC_QA_UNIT, rc);
	return rc;
}

void kc_qa_restore(const struct kc_qa_run *run, FILE *out)
{
	char err[512];
	int rc = kc_qa_set_policy(run, NULL, err, sizeof(err));

	if (rc)
		fprintf(stderr, "kcrumbs qa: the operator's policy was not restored: %s\n",
			err[0] ? err : kc_errtext(-rc));
	else if (err[0])
		fprintf(stderr, "kcrumbs qa: policy restored, but: %s\n", err);
	else
		fprintf(out, "kcrumbs qa: the policy from before the run is restored\n");
}

static void plan_table(const struct kc_qa_run *run)
{
	const struct kc_qa_step *s;
	unsigned int i, j;

	for (i = 0; i < run->n_steps; i++) {
		s = &run->steps[i];
		if (s->state == KC_QA_SKIPPED) {
			printf("  %-22s skipped: %s\n", s->type, s->reason);
			continue;
		}
		printf("  %s", s->type);
		if (s->round > 1)
			printf("#%u", s->round);
		printf(": expect %s in %s", s->expect_cause, s->expect_function);
		for (j = 0; j < s->n_policy; j++)
			printf("%s%s=%ld", j ? ", " : "; with ", s->policy[j].knob->key,
			       s->policy[j].value);
		printf("\n");
	}
}

static bool needs_module(int argc, const char **argv)
{
	int i;

	if (!argc)
		return true;	/* all */
	for (i = 0; i < argc; i++)
		if (strcasecmp(argv[i], kc_trigger_sysrq.name) &&
		    strcasecmp(argv[i], kc_trigger_mce_inject.name))
			return true;
	return false;
}

static int qa_start(struct kc_ctx *ctx, int argc, const char **argv)
{
	static struct kc_trigger_list l;
	struct kc_qa_run *run = &kc_qa_the_run;
	struct kc_qa_plan_in in = { 0 };
	const char *modprobe[] = { "modprobe", "kcrumbs_trigger", NULL };
	struct kc_knobs k;
	struct kc_nl nl;
	char why[1024];
	int rc, loaded, lock, err;

	if (opt_repeat == KC_UNSET)
		opt_repeat = 1;
	if (opt_delay == KC_UNSET)
		opt_delay = KC_QA_DEFAULT_DELAY_S;
	if (opt_repeat < 1 || opt_repeat > KC_QA_MAX_REPEAT) {
		fprintf(stderr, "kcrumbs qa start: --repeat must be 1 to %d, not %d\n",
			KC_QA_MAX_REPEAT, opt_repeat);
		return KC_EXIT_USAGE;
	}
	if (opt_delay < 0 || opt_delay > KC_QA_MAX_DELAY_S) {
		fprintf(stderr, "kcrumbs qa start: --delay must be 0 to %d seconds, not %d\n",
			KC_QA_MAX_DELAY_S, opt_delay);
		return KC_EXIT_USAGE;
	}
	rc = kc_qa_need_root("start");
	if (rc)
		return rc;
	lock = kc_qa_lock();
	if (lock < 0) {
		fprintf(stderr, "kcrumbs qa start: cannot take the lock %s: %s\n",
			KC_QA_LOCK_FILE, strerror(-lock));
		return KC_EXIT_FAIL;
	}
	err = kc_qa_load(run, why, sizeof(why));
	if (err && err != -ENOENT) {
		fprintf(stderr, "kcrumbs qa start: %s cannot be read: %s\n"
			"(kcrumbs qa stop sets it aside and ends that run)\n",
			KC_QA_STATE_FILE, why);
		rc = err == -EINVAL ? KC_EXIT_CORRUPT : KC_EXIT_FAIL;
		goto out;
	}
	if (!err && kc_qa_active(run)) {
		fprintf(stderr, "kcrumbs qa start: run %s is in progress "
			"(kcrumbs qa status; kcrumbs qa stop ends it)\n", run->id);
		rc = KC_EXIT_REFUSED;
		goto out;
	}
	/* the crash types: the trigger module's, loaded if it is not and a
	 * type other than sysrq-c is asked for */
	if (needs_module(argc, argv))
		kc_qa_command(modprobe);
	rc = kc_trigger_load_types(&nl, &l, &loaded);
	kc_nl_close(&nl);
	if (rc != KC_EXIT_OK)
		goto out;
	if (!loaded)
		fprintf(stderr, "kcrumbs qa start: the trigger module (kcrumbs_trigger) "
			"is not loaded and modprobe did not load it: only the CLI's own types "
			"(sysrq-c, MCE_INJECT)\n");
	kc_knobs_read(&k);
	memset(run, 0, sizeof(*run));
	in.types = &l;
	in.knobs = &k;
	in.names = argv;
	in.n_names = (unsigned int)argc;
	in.repeat = (unsigned int)opt_repeat;
	err = kc_qa_plan(&in, run, why, sizeof(why));
	if (err) {
		fprintf(stderr, "kcrumbs qa start: %s\n", why);
		rc = err == -ENOENT || err == -EINVAL || err == -E2BIG ? KC_EXIT_USAGE :
		     KC_EXIT_REFUSED;
		goto out;
	}
	if (!kc_qa_active(run)) {
		fprintf(stderr, "kcrumbs qa start: no type this machine can take:\n");
		plan_table(run);
		rc = KC_EXIT_REFUSED;
		goto out;
	}
	run->started_ns = kc_qa_now_ns();
	{
		time_t t = (time_t)(run->started_ns / 1000000000ull);
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(run->id, sizeof(run->id), "%Y%m%dT%H%M%SZ", &tm);
	}
	run->delay_s = (unsigned int)opt_delay;
	if (kc_qa_save_policy(run)) {
		fprintf(stderr, "kcrumbs qa start: too many knobs to save\n");
		rc = KC_EXIT_FAIL;
		goto out;
	}
	if (!opt_yes) {
		printf("kcrumbs qa would crash this machine %u time(s), once per boot:\n",
		       run->n_steps);
		plan_table(run);
		fprintf(stderr, "kcrumbs qa start: refusing without --yes: this crashes "
			"the machine, once per boot, until the run ends\n");
		rc = KC_EXIT_REFUSED;
		goto out;
	}
	err = kc_qa_save(run);
	if (err) {
		fprintf(stderr, "kcrumbs qa start: cannot write %s: %s\n",
			KC_QA_STATE_FILE, strerror(-err));
		rc = KC_EXIT_FAIL;
		goto out;
	}
	if (kc_qa_unit("enable") || kc_qa_unit("start")) {
		kc_qa_cancel(run, "kcrumbs-qa.service could not be enabled and started");
		kc_qa_save(run);
		kc_qa_command((const char *[]){ "systemctl", "disable", KC_QA_UNIT, NULL });
		fprintf(stderr, "kcrumbs qa start: the run is cancelled\n");
		rc = KC_EXIT_FAIL;
		goto out;
	}
	if (ctx->json) {
		kc_qa_report_json(stdout, run);
	} else {
		printf("kcrumbs qa: run %s planned: %u crash(es), one per boot, each after "
		       "a %u s countdown\n", run->id, run->n_steps, run->delay_s);
		plan_table(run);
		printf("kcrumbs-qa.service fires the first now and judges each at the next "
		       "boot.\nTo cancel: kcrumbs qa stop. Progress: kcrumbs qa status.\n");
	}
	rc = KC_EXIT_OK;
out:
	kc_qa_unlock(lock);
	return rc;
}

static const char *now_line(const struct kc_qa_run *run, char *buf, size_t len)
{
	char when[64];
	unsigned int i;

	for (i = 0; i < run->n_steps; i++)
		if (run->steps[i].state == KC_QA_FIRED) {
			iso(run->steps[i].fired_ns, when, sizeof(when));
			snprintf(buf, len, "%s fired at %s: judged at the next boot",
				 run->steps[i].type, when);
			return buf;
		}
	if (kc_qa_next(run) >= 0)
		snprintf(buf, len, "next: %s, after a %u s countdown (kcrumbs-qa.service)",
			 run->steps[kc_qa_next(run)].type, run->delay_s);
	else
		snprintf(buf, len, "finished");
	return buf;
}

static int qa_status(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_qa_run *run = &kc_qa_the_run;
	char when[64], line[256];
	int rc;

	(void)argv;
	if (argc) {
		fprintf(stderr, "kcrumbs qa status: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	/* the state is replaced whole (rename): read without the lock */
	rc = kc_qa_open(run, "status", NULL);
	if (rc)
		return rc;
	if (ctx->json) {
		kc_qa_report_json(stdout, run);
		return KC_EXIT_OK;
	}
	iso(run->started_ns, when, sizeof(when));
	printf("run %s, started %s, countdown %u s: %s\n", run->id, when, run->delay_s,
	       now_line(run, line, sizeof(line)));
	kc_qa_report_text(stdout, run);
	return KC_EXIT_OK;
}

/*
 * qa stop on a damaged state: the run cannot be read, so it is ended; the
 * file is kept as qa.state.damaged.<time> (an earlier one is not lost).
 */
static int set_aside(FILE *say)
{
	unsigned long long now = kc_qa_now_ns() / 1000000000ull;
	char from[4096], to[4200];
	int lock = kc_qa_lock();

	kc_path(from, sizeof(from), KC_QA_STATE_FILE);
	snprintf(to, sizeof(to), "%s.damaged.%llu", from, now);
	if (rename(from, to)) {
		fprintf(stderr, "kcrumbs qa stop: cannot move %s aside: %s\n",
			KC_QA_STATE_FILE, strerror(errno));
		kc_qa_unlock(lock);
		return KC_EXIT_FAIL;
	}
	kc_qa_unit("stop");
	kc_qa_unit("disable");
	kc_qa_unlock(lock);
	fprintf(say, "kcrumbs qa: the damaged state is now %s.damaged.%llu and "
		"kcrumbs-qa.service is disabled; the policy from before that run could "
		"not be read back: check it (kcrumbs policy show)\n", KC_QA_STATE_FILE, now);
	return KC_EXIT_OK;
}

static int qa_stop(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_qa_run *run = &kc_qa_the_run;
	/* with --json, standard output holds the JSON alone */
	FILE *say = ctx->json ? stderr : stdout;
	unsigned int i, n, fired = 0;
	int rc, lock, err;

	(void)argv;
	if (argc) {
		fprintf(stderr, "kcrumbs qa stop: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	rc = kc_qa_need_root("stop");
	if (rc)
		return rc;
	rc = kc_qa_open(run, "stop", &lock);
	if (rc == KC_EXIT_CORRUPT)
		return set_aside(say);
	if (rc)
		return rc;
	if (!kc_qa_active(run)) {
		fprintf(say, "kcrumbs qa: run %s has ended already\n", run->id);
		goto out;
	}
	n = kc_qa_cancel(run, "kcrumbs qa stop");
	for (i = 0; i < run->n_steps; i++)
		fired += run->steps[i].state == KC_QA_FIRED;
	err = kc_qa_save(run);
	if (err) {
		fprintf(stderr, "kcrumbs qa stop: cannot write %s: %s\n",
			KC_QA_STATE_FILE, strerror(-err));
		rc = KC_EXIT_FAIL;
		goto out;
	}
	/* a countdown running now sees its step cancelled and ends */
	kc_qa_unit("stop");
	if (fired) {
		fprintf(say, "kcrumbs qa: %u step(s) cancelled; one crash is fired already: "
			"the next boot judges it, then the run ends and the policy is "
			"restored\n", n);
	} else {
		kc_qa_restore(run, say);
		kc_qa_unit("disable");
		fprintf(say, "kcrumbs qa: run %s stopped: %u step(s) cancelled\n", run->id, n);
	}
out:
	if (ctx->json && !rc)
		kc_qa_report_json(stdout, run);
	kc_qa_unlock(lock);
	return rc;
}

static int write_junit(const struct kc_qa_run *run)
{
	char *text = NULL;
	size_t len = 0;
	struct utsname u;
	FILE *f;
	int err;

	if (uname(&u))
		snprintf(u.nodename, sizeof(u.nodename), "localhost");
	if (!strcmp(opt_junit, "-")) {
		kc_qa_report_junit(stdout, run, u.nodename);
		return KC_EXIT_OK;
	}
	f = open_memstream(&text, &len);
	if (!f)
		return KC_EXIT_FAIL;
	kc_qa_report_junit(f, run, u.nodename);
	fclose(f);
	err = kc_file_replace(opt_junit, text, 0644);
	free(text);
	if (err) {
		fprintf(stderr, "kcrumbs qa report: cannot write %s: %s\n", opt_junit,
			strerror(-err));
		return KC_EXIT_FAIL;
	}
	return KC_EXIT_OK;
}

/* Steps skipped because this machine cannot take them. */
static unsigned int skipped_only(const struct kc_qa_run *run)
{
	unsigned int i, n = 0;

	for (i = 0; i < run->n_steps; i++)
		n += run->steps[i].state == KC_QA_SKIPPED;
	return n;
}

static int qa_report(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_qa_run *run = &kc_qa_the_run;
	struct kc_qa_counts c;
	int rc;

	(void)argv;
	if (argc) {
		fprintf(stderr, "kcrumbs qa report: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	rc = kc_qa_open(run, "report", NULL);
	if (rc)
		return rc;
	if (opt_junit && !strcmp(opt_junit, "-") && ctx->json) {
		fprintf(stderr, "kcrumbs qa report: --json and --junit - both want standard output\n");
		return KC_EXIT_USAGE;
	}
	if (opt_junit) {
		rc = write_junit(run);
		if (rc)
			return rc;
	}
	if (ctx->json)
		kc_qa_report_json(stdout, run);
	else if (!opt_junit || strcmp(opt_junit, "-"))
		kc_qa_report_text(stdout, run);
	/* 0 only when every step this machine can take passed */
	kc_qa_count(run, &c);
	return c.passed + skipped_only(run) == c.tests ? KC_EXIT_OK : KC_EXIT_FAIL;
}

const struct kc_subcmd kc_qa_subcmds[] = {
	{ "start", "TYPE...", qa_start },
	{ "status", NULL, qa_status },
	{ "stop", NULL, qa_stop },
	{ "report", NULL, qa_report },
	{ "step", NULL, kc_qa_step },
	{ NULL, NULL, NULL }
};

int kc_cmd_qa(struct kc_ctx *ctx, int argc, const char **argv)
{
	unsigned int i;

	if (argc < 1)
		return qa_status(ctx, 0, argv);
	if (opt_junit && strcmp(argv[0], "report")) {
		fprintf(stderr, "kcrumbs qa %s: --junit goes with report only\n", argv[0]);
		return KC_EXIT_USAGE;
	}
	if ((opt_yes || opt_repeat != KC_UNSET || opt_delay != KC_UNSET) && strcmp(argv[0], "start")) {
		fprintf(stderr, "kcrumbs qa %s: --yes, --repeat and --delay go with start only\n",
			argv[0]);
		return KC_EXIT_USAGE;
	}
	for (i = 0; kc_qa_subcmds[i].name; i++)
		if (!strcmp(argv[0], kc_qa_subcmds[i].name))
			return kc_qa_subcmds[i].run(ctx, argc - 1, argv + 1);
	fprintf(stderr, "kcrumbs qa: unknown subcommand '%s' (start, status, stop, report, step)\n",
		argv[0]);
	return KC_EXIT_USAGE;
}
