// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs qa step`, kcrumbs-qa.service's ExecStart at every boot of a
 * run: judge the crash fired in the last boot from what it left, then
 * set the policy the next type needs, count down (a `kcrumbs qa stop`, or
 * stopping the unit, cancels the run), save the step as fired and fire
 * it. When no step is left: the operator's policy back, the unit
 * disabled. docs/qa.md.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "archive.h"
#include "cmd_qa.h"
#include "nl.h"
#include "nlerr.h"
#include "qa_io.h"
#include "sysfs.h"
#include "triggers.h"

/* How long a fired type may take to crash the machine (KCRUMBS_QA_WAIT). */
#define KC_QA_CRASH_WAIT_S	300

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: sleep() returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static unsigned int crash_wait(void)
{
	const char *v = getenv("KCRUMBS_QA_WAIT");
	char *end;
	unsigned long n;

	if (!v || !*v)
		return KC_QA_CRASH_WAIT_S;
	n = strtoul(v, &end, 10);
	return *end || n > 86400 ? KC_QA_CRASH_WAIT_S : (unsigned int)n;
}

static void judged(const struct kc_qa_step *s)
{
	printf("kcrumbs qa: %s%s: %s%s%s\n", s->type, s->round > 1 ? " (again)" : "",
	       kc_qa_state_name(s->state), s->reason[0] ? ": " : "", s->reason);
	fflush(stdout);
}

static int save(const struct kc_qa_run *run)
{
	int err = kc_qa_save(run);

	if (err)
		fprintf(stderr, "kcrumbs qa: cannot write %s: %s\n", KC_QA_STATE_FILE,
			strerror(-err));
	return err;
}

/* Every step fired in an earlier boot (or this one): pass or fail. */
static void judge_fired(struct kc_qa_run *run)
{
	static struct kc_qa_found f;
	unsigned int i;

	for (i = 0; i < run->n_steps; i++) {
		struct kc_qa_step *s = &run->steps[i];

		if (s->state != KC_QA_FIRED)
			continue;
		kc_qa_gather(s, &f);
		if (f.note[0])
			printf("kcrumbs qa: evidence: %s\n", f.note);
		kc_qa_judge(s, &f.ev);
		judged(s);
	}
}

/* A step fired in an earlier boot, to be judged now. */
static bool fired_before(const struct kc_qa_run *run)
{
	char id[40];
	unsigned int i;

	if (kc_boot_id(id, sizeof(id)))
		return false;
	for (i = 0; i < run->n_steps; i++)
		if (run->steps[i].state == KC_QA_FIRED && strcmp(run->steps[i].boot_id, id))
			return true;
	return false;
}

/*
 * Harvest's state names this boot: it archived the last one. If not (the
 * unit ran first, or harvest failed), harvest is run here, once.
 */
static bool harvested(struct kc_ctx *ctx)
{
	struct kc_ctx quiet = *ctx;
	const char *argv[] = { NULL };
	struct kc_state st;
	char id[40];

	if (kc_boot_id(id, sizeof(id)))
		return false;
	if (!kc_state_read(&st) && !strcmp(st.boot_id, id))
		return true;
	quiet.json = 0;
	printf("kcrumbs qa: kcrumbs harvest has not run in this boot: running it\n");
	fflush(stdout);
	kc_cmd_harvest(&quiet, 0, argv);
	return !kc_state_read(&st) && !strcmp(st.boot_id, id);
}

/* The end of the run: the operator's policy back, the unit off, the table. */
static void finish(struct kc_qa_run *run)
{
	kc_qa_restore(run, stdout);
	kc_qa_unit("disable");
	printf("kcrumbs qa: run %s ended (kcrumbs qa report)\n", run->id);
	kc_qa_report_text(stdout, run);
	fflush(stdout);
}

static void skip(struct kc_qa_step *s, const char *why)
{
	s->state = KC_QA_SKIPPED;
	kc_qa_put(s->reason, sizeof(s->reason), why);
	judged(s);
}

/*
 * The step's type, ready to fire under the policy now set: NULL and the
 * step skipped when this machine cannot take it now.
 */
static const struct kc_trigger *ready(struct kc_qa_step *s, struct kc_nl *nl,
				      struct kc_trigger_list *l)
{
	const char *modprobe[] = { "modprobe", "kcrumbs_trigger", NULL };
	const struct kc_trigger *t;
	struct kc_outcome o;
	struct kc_knobs k;
	char why[400];
	int loaded;

	if (strcmp(s->type, kc_trigger_sysrq.name))
		kc_qa_command(modprobe);
	if (kc_trigger_load_types(nl, l, &loaded) != KC_EXIT_OK) {
		kc_nl_report(nl);
		skip(s, "the trigger module's list of crash types cannot be read");
		return NULL;
	}
	t = kc_trigger_find(l, s->type);
	if (!t) {
		snprintf(why, sizeof(why), "this machine does not offer %s now%s",
			 s->type, loaded ? "" : " (the trigger module is not loaded)");
		skip(s, why);
		return NULL;
	}
	kc_knobs_read(&k);
	kc_trigger_outcome(t, &k, &o);
	if (o.kind != KC_OUTCOME_CAPTURE) {
		snprintf(why, sizeof(why), "cannot end in the capture kernel now: %s [%s]",
			 o.text, o.decided_by);
		skip(s, why);
		return NULL;
	}
	return t;
}

/*
 * One second of the countdown. On a terminal (qa step run by hand) a key
 * cancels: returns 1 when one was pressed.
 */
static int tick(bool tty)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	char c;

	if (!tty) {
		sleep(1);
		return 0;
	}
	if (poll(&p, 1, 1000) > 0 && (p.revents & POLLIN))
		return read(STDIN_FILENO, &c, 1) == 1;
	return 0;
}

/*
 * The countdown before step @i: 0 to fire; 1 when `qa stop` cancelled the
 * step (the state says so); 2 when a signal stopped the unit; 3 when a key
 * was pressed at the terminal.
 */
static int countdown(const struct kc_qa_run *run, unsigned int i)
{
	static struct kc_qa_run now;
	const struct kc_qa_step *s = &run->steps[i];
	struct termios saved, raw;
	bool tty = isatty(STDIN_FILENO) && !tcgetattr(STDIN_FILENO, &saved);
	char msg[512], why[128];
	unsigned int left;
	int rc = 0;

	snprintf(msg, sizeof(msg),
		 "kcrumbs qa run %s: this machine CRASHES in %u s: %s (step %u of %u). "
		 "To cancel the run: kcrumbs qa stop%s", run->id, run->delay_s, s->type,
		 i + 1, run->n_steps, tty ? ", or any key here" : "");
	printf("%s\n", msg);
	fflush(stdout);
	if (run->delay_s)
		kc_qa_command((const char *[]){ "wall", msg, NULL });
	if (tty) {
		/* a key, not a line: no Enter needed */
		raw = saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	for (left = run->delay_s; left > 0 && !rc; left--) {
		if (got_signal) {
			rc = 2;
			break;
		}
		if (!kc_qa_load(&now, why, sizeof(why)) &&
		    (i >= now.n_steps || now.steps[i].state != KC_QA_PENDING)) {
			rc = 1;
			break;
		}
		if (left % 10 == 0 || left <= 5) {
			printf("kcrumbs qa: %s in %u s (kcrumbs qa stop cancels)\n", s->type, left);
			fflush(stdout);
		}
		if (tick(tty))
			rc = 3;
	}
	if (tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	if (!rc && got_signal)
		rc = 2;
	return rc;
}

/*
 * Fire step @i, the lock held in *@lock; returns when the machine did not
 * crash, with the lock held again and the step judged.
 */
static void fire(struct kc_qa_run *run, unsigned int i, const struct kc_trigger *t,
		 struct kc_nl *nl, int *lock)
{
	static struct kc_qa_found f;
	struct kc_qa_step *s = &run->steps[i];
	unsigned int waited, wait = crash_wait();
	char id[40], why[KC_QA_REASON_MAX];
	int rc;

	if (kc_boot_id(id, sizeof(id)) || kc_qa_fire(s, id, kc_qa_now_ns())) {
		skip(s, "this boot's id cannot be read");
		save(run);
		return;
	}
	if (save(run)) {
		/* never crash with a state that does not say so */
		s->state = KC_QA_PENDING;
		kc_qa_cancel(run, "the state could not be saved before the crash");
		return;
	}
	printf("kcrumbs qa: firing %s now\n", s->type);
	fflush(stdout);
	sync();
	/* qa stop, meanwhile, sees the step fired and leaves it */
	kc_qa_unlock(*lock);
	rc = kc_trigger_fire(nl, t);
	for (waited = 0; rc == KC_EXIT_OK && waited < wait && !got_signal; waited++)
		sleep(1);
	*lock = kc_qa_lock();
	if (got_signal && rc == KC_EXIT_OK)
		return;	/* a shutdown: the next boot judges it */
	/* still here: it did not crash */
	if (kc_qa_load(run, why, sizeof(why)) || run->steps[i].state != KC_QA_FIRED)
		return;
	kc_qa_gather(s, &f);
	kc_qa_judge(s, &f.ev);
	if (rc != KC_EXIT_OK)
		snprintf(why, sizeof(why), "did not crash: the trigger failed (exit %d)", rc);
	else
		snprintf(why, sizeof(why), "did not crash: the machine still ran %u s "
			 "after %s was fired", wait, s->type);
	kc_qa_put(s->reason, sizeof(s->reason), why);
	judged(s);
	save(run);
}

int kc_qa_step(struct kc_ctx *ctx, int argc, const char **argv)
{
	static struct kc_trigger_list l;
	struct kc_qa_run *run = &kc_qa_the_run;
	const struct kc_trigger *t;
	char err[512], why[KC_QA_REASON_MAX];
	struct kc_nl nl;
	long crash_loaded;
	int rc, lock, next, c;

	(void)argv;
	if (argc) {
		fprintf(stderr, "kcrumbs qa step: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	rc = kc_qa_need_root("step");
	if (rc)
		return rc;
	catch_signals();
	rc = kc_qa_open(run, "step", &lock);
	if (rc)
		return rc == KC_EXIT_NONE ? KC_EXIT_OK : rc;
	if (fired_before(run) && !harvested(ctx)) {
		/* judged without the summary, a crash would look unrecorded */
		fprintf(stderr, "kcrumbs qa: kcrumbs harvest has not archived the last boot in "
			"this one: the crash fired then cannot be judged, nothing is fired.\n"
			"Run kcrumbs harvest, then systemctl restart kcrumbs-qa.service\n");
		kc_qa_unlock(lock);
		return KC_EXIT_FAIL;
	}
	judge_fired(run);
	save(run);
	while ((next = kc_qa_next(run)) >= 0) {
		struct kc_qa_step *s = &run->steps[next];

		if (kc_read_long("/sys/kernel/kexec_crash_loaded", &crash_loaded) ||
		    crash_loaded != 1) {
			kc_qa_cancel(run, "no capture kernel is loaded in this boot "
				     "(/sys/kernel/kexec_crash_loaded is not 1): "
				     "kdump-tools did not load it (kdump-config status)");
			judged(s);
			break;
		}
		rc = kc_qa_set_policy(run, s, err, sizeof(err));
		if (rc) {
			snprintf(why, sizeof(why), "the policy %s needs cannot be set: %.250s",
				 s->type, err[0] ? err : strerror(-rc));
			kc_qa_cancel(run, why);
			judged(s);
			break;
		}
		t = ready(s, &nl, &l);
		if (!t) {
			kc_nl_close(&nl);
			save(run);
			continue;
		}
		kc_qa_unlock(lock);
		c = countdown(run, (unsigned int)next);
		lock = kc_qa_lock();
		if (kc_qa_load(run, why, sizeof(why))) {
			fprintf(stderr, "kcrumbs qa: the state changed under the countdown: %s\n", why);
			kc_nl_close(&nl);
			kc_qa_unlock(lock);
			return KC_EXIT_FAIL;
		}
		if (c == 1 || run->steps[next].state != KC_QA_PENDING) {
			/* qa stop cancelled it, restored the policy, disabled the unit */
			printf("kcrumbs qa: cancelled by kcrumbs qa stop\n");
			kc_nl_close(&nl);
			kc_qa_unlock(lock);
			return KC_EXIT_OK;
		}
		if (c == 2 || c == 3) {
			kc_qa_cancel(run, c == 3 ?
				     "a key was pressed during the countdown" :
				     "kcrumbs-qa.service was stopped during "
				     "the countdown (systemctl stop, or a shutdown)");
			judged(&run->steps[next]);
			kc_nl_close(&nl);
			break;
		}
		fire(run, (unsigned int)next, t, &nl, &lock);
		kc_nl_close(&nl);
		if (got_signal) {
			kc_qa_unlock(lock);
			return KC_EXIT_OK;
		}
	}
	if (!kc_qa_active(run)) {
		save(run);
		finish(run);
	}
	kc_qa_unlock(lock);
	return KC_EXIT_OK;
}
