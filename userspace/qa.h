/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `kcrumbs qa` (issue 17), its pure core: a run of crash types, one crash
 * per boot. Planning (which types, with which policy, expecting what),
 * the run's state as key=value text, the verdict on one fired step from
 * what the next boot found, and the reports (a table, JSON, JUnit XML).
 * No I/O but the FILE * the reports and the state are written to: the
 * command that gathers the evidence, sets the policy and fires the crash
 * is wired on top (docs/qa.md).
 */
#ifndef KC_QA_H
#define KC_QA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "harvest.h"
#include "knobs.h"
#include "outcome.h"
#include "triggers.h"

#define KC_QA_STATE_VERSION	1	/* the state text's first line */
#define KC_QA_JSON_SCHEMA	1
#define KC_QA_MAX_STEPS		128	/* types x repeat */
#define KC_QA_MAX_REPEAT	50
#define KC_QA_MAX_DELAY_S	3600	/* the countdown before each crash */
#define KC_QA_MAX_POLICY	6	/* knob settings one step needs */
#define KC_QA_MAX_SAVED		32	/* the operator's knobs, saved */
#define KC_QA_MAX_FILES		8	/* files of one kdump-tools dump dir */
#define KC_QA_NAME_MAX		KCRUMBS_TRIGGER_NAME_MAX
#define KC_QA_ID_MAX		40
#define KC_QA_EXPECT_MAX	96	/* "a|b|c": alternatives */
#define KC_QA_REASON_MAX	320
#define KC_QA_PATH_MAX		256
#define KC_QA_FILE_NAME_MAX	64

/* kernel.hung_task_timeout_secs for a HUNG_TASK step (default 120 s) */
#define KC_QA_HUNG_TIMEOUT_S	5
/* kernel.panic for every step where it is 0: a crash that kdump misses
 * reboots the machine after this many seconds, instead of halting it */
#define KC_QA_PANIC_REBOOT_S	10

/**
 * struct kc_qa_setting - one knob and its value
 * @knob: the knob, an entry of kc_knobs_table[] (never a name the tool
 *	does not know)
 * @value: its value, within the knob's range
 */
struct kc_qa_setting {
	const struct kc_knob *knob;
	long value;
};

enum kc_qa_state {
	KC_QA_PENDING,		/* not fired yet */
	KC_QA_FIRED,		/* fired; judged at the next boot */
	KC_QA_PASSED,
	KC_QA_FAILED,
	KC_QA_SKIPPED,		/* this machine cannot take it (reason) */
	KC_QA_CANCELLED,	/* cancelled at the console, or by qa stop */
	__KC_QA_STATE_MAX,
};

/* A step's verdict: pass, or why it failed. */
enum kc_qa_verdict {
	KC_QA_V_NONE,		/* not judged */
	KC_QA_V_PASS,
	KC_QA_V_DID_NOT_CRASH,	/* still the boot it was fired in */
	KC_QA_V_OTHER_BOOT,	/* the boot that ended is not the fired one */
	KC_QA_V_CLEAN_REBOOT,	/* a clean shutdown, not a crash */
	KC_QA_V_VANISHED,	/* no record, no capture, no dump */
	KC_QA_V_NO_CAPTURE,	/* a crash record, but kdump never ran */
	KC_QA_V_NO_DUMP,	/* the capture kernel ran, no dump saved */
	KC_QA_V_EMPTY_DUMP,	/* a dump file of 0 bytes */
	KC_QA_V_NO_BREADCRUMBS,	/* a dump, but no kcrumbs record */
	KC_QA_V_WRONG_CAUSE,
	KC_QA_V_WRONG_FUNCTION,
	__KC_QA_V_MAX,
};

/**
 * struct kc_qa_file - one file of a kdump-tools dump directory
 * @name: its name, no directory ("dump.202612010712")
 * @size: its size in bytes
 */
struct kc_qa_file {
	char name[KC_QA_FILE_NAME_MAX];
	uint64_t size;
};

/**
 * struct kc_qa_step - one crash of the run
 * @type: the crash type ("PANIC", "sysrq-c")
 * @round: which repetition, from 1
 * @policy: the knobs it needs, applied over the operator's saved policy
 * @n_policy: how many
 * @expect_cause: the cause class(es) it must be recorded with, "a|b"
 *	(kc_cause_name(): "panic", "oops", "soft_lockup"...)
 * @expect_function: the crash function(s), "a|b": the recorded culprit
 *	frame's function name must be one of them exactly
 * @state: where it stands
 * @verdict: the verdict once judged
 * @fired_ns: wall time it was fired, 0 before
 * @boot_id: the boot it was fired in
 * @dump_dir: kdump-tools' directory for this crash ("" if none)
 * @files: that directory's files
 * @n_files: how many
 * @cause: the cause the breadcrumbs recorded ("" if none)
 * @function: the recorded culprit frame ("kcrumbs_PANIC+0x1a/0x30")
 * @signature: the crash's signature hash
 * @crashed_ns: the crash's wall time, from the record
 * @capture_ns: when the capture kernel ran (its capture JSON)
 * @dump_ns: when kdump-tools finished saving (the dump dir's latest mtime)
 * @up_ns: when the system ran again (the judging boot)
 * @reason: why it failed, or was skipped or cancelled
 */
struct kc_qa_step {
	char type[KC_QA_NAME_MAX];
	unsigned int round;
	struct kc_qa_setting policy[KC_QA_MAX_POLICY];
	unsigned int n_policy;
	char expect_cause[KC_QA_EXPECT_MAX];
	char expect_function[KC_QA_EXPECT_MAX];
	enum kc_qa_state state;
	enum kc_qa_verdict verdict;
	uint64_t fired_ns;
	char boot_id[KC_QA_ID_MAX];
	char dump_dir[KC_QA_PATH_MAX];
	struct kc_qa_file files[KC_QA_MAX_FILES];
	unsigned int n_files;
	char cause[32];
	char function[160];
	char signature[17];
	uint64_t crashed_ns;
	uint64_t capture_ns;
	uint64_t dump_ns;
	uint64_t up_ns;
	char reason[KC_QA_REASON_MAX];
};

/**
 * struct kc_qa_run - a planned run
 * @id: the run's id ([A-Za-z0-9._:-], not empty)
 * @started_ns: wall time it was started
 * @delay_s: the countdown before each crash, which a person can cancel
 * @repeat: how many times the list of types is run
 * @saved: the operator's policy before the run, restored at its end
 * @n_saved: how many knobs
 * @steps: the crashes, in order
 * @n_steps: how many
 */
struct kc_qa_run {
	char id[KC_QA_ID_MAX];
	uint64_t started_ns;
	unsigned int delay_s;
	unsigned int repeat;
	struct kc_qa_setting saved[KC_QA_MAX_SAVED];
	unsigned int n_saved;
	struct kc_qa_step steps[KC_QA_MAX_STEPS];
	unsigned int n_steps;
};

/* "pending", "fired", ...; "unknown" out of range. */
const char *kc_qa_state_name(enum kc_qa_state s);

/* "pass", "did_not_crash", ...: JSON, JUnit's failure type; "unknown". */
const char *kc_qa_verdict_name(enum kc_qa_verdict v);

/**
 * kc_qa_put() - copy @src into @dst as one line of text: control
 *	characters become '?', so it is safe in the state file and a terminal
 * @dst: the buffer (all of it is written: no stale bytes past the NUL)
 * @len: its size
 * @src: a string or NULL
 */
void kc_qa_put(char *dst, size_t len, const char *src);

/* ---- the state (qa_state.c) ---- */

/**
 * kc_qa_state_write() - the run as key=value text
 * @f: where to write (the I/O code writes it to a temporary file and
 *	renames it over the state file)
 * @run: the run
 *
 * A "kcrumbs-qa=1" line, the run's keys, one "step=N" block per step and
 * an "end=N" line (N: the number of steps), so that a truncated text is
 * told from a whole one. Layout in docs/qa.md.
 */
void kc_qa_state_write(FILE *f, const struct kc_qa_run *run);

/**
 * kc_qa_state_parse() - read back kc_qa_state_write()'s text
 * @text: NUL-terminated
 * @run: the run (zeroed first)
 * @why: on failure, what is wrong and on which line
 * @len: size of @why
 *
 * Every value is checked (numbers, ranges, names, knobs and their ranges,
 * string lengths, no control characters); unknown keys are ignored (a
 * newer tool's field), a missing version or end line, a step out of order
 * or more than the limits reject the whole text.
 *
 * Return: 0, or -EINVAL.
 */
int kc_qa_state_parse(const char *text, struct kc_qa_run *run, char *why,
		      size_t len);

/* Index of the first pending step: the next to fire; -1 when none is left. */
int kc_qa_next(const struct kc_qa_run *run);

/**
 * kc_qa_fire() - mark a pending step fired, before the crash is fired
 * @s: the step
 * @boot_id: this boot's id
 * @now_ns: now (wall)
 *
 * The state is saved with this before the crash, so the next boot knows
 * what to judge.
 *
 * Return: 0, or -EINVAL when @s is not pending or @now_ns is 0.
 */
int kc_qa_fire(struct kc_qa_step *s, const char *boot_id, uint64_t now_ns);

/**
 * kc_qa_cancel() - cancel every step not fired yet (qa stop, a key at the
 *	console during the countdown)
 * @run: the run
 * @reason: why, kept in each step
 *
 * Return: how many steps were cancelled.
 */
unsigned int kc_qa_cancel(struct kc_qa_run *run, const char *reason);

/* ---- planning (qa_plan.c) ---- */

/**
 * struct kc_qa_plan_in - what a plan is made from
 * @types: the crash types (the module's list and kc_trigger_sysrq)
 * @knobs: the knobs now
 * @names: the requested types; none, or the one name "all": every type
 *	this machine can take
 * @n_names: how many
 * @repeat: how many times to run the list (1..KC_QA_MAX_REPEAT)
 */
struct kc_qa_plan_in {
	const struct kc_trigger_list *types;
	const struct kc_knobs *knobs;
	const char *const *names;
	unsigned int n_names;
	unsigned int repeat;
};

/**
 * kc_qa_plan() - the steps of a run
 * @in: the request
 * @run: its steps are replaced (and @run->repeat set); the rest is kept
 * @why: on failure, why
 * @len: size of @why
 *
 * Each type gets the policy that makes it fatal here (kc_qa_policy()),
 * the cause and function it must be recorded with, and is checked with
 * kc_outcome_needs() under that policy: it must end in the capture
 * kernel. With "all", a type that cannot (no detector, too few CPUs, no
 * crash at all) becomes a skipped step with the reason; a type named
 * explicitly that cannot is refused, as is any plan without a loaded
 * capture kernel.
 *
 * Return: 0; -ENOENT for an unknown type, -EPERM for a refused one or no
 * capture kernel, -E2BIG past KC_QA_MAX_STEPS, -EINVAL for a bad repeat.
 */
int kc_qa_plan(const struct kc_qa_plan_in *in, struct kc_qa_run *run,
	       char *why, size_t len);

/**
 * kc_qa_policy() - the knobs that make a crash type fatal here
 * @t: the type
 * @k: the knobs now
 * @out: the settings (only those that differ from @k)
 * @max: room in @out
 *
 * Return: how many, or -E2BIG.
 */
int kc_qa_policy(const struct kc_trigger *t, const struct kc_knobs *k,
		 struct kc_qa_setting *out, unsigned int max);

/**
 * kc_qa_knobs_apply() - @k as it will be under @s: the kc_knobs fields
 *	that outcome.c reads
 * @k: the knobs, changed in place
 * @s: settings
 * @n: how many
 */
void kc_qa_knobs_apply(struct kc_knobs *k, const struct kc_qa_setting *s,
		       unsigned int n);

/* ---- judging (qa_judge.c) ---- */

/**
 * struct kc_qa_evidence - what the boot after a fired step found
 * @boot_id: this boot's id
 * @prev: kcrumbs harvest's summary of the boot that ended, or NULL
 * @capture_json: the capture path's JSON of that crash exists
 * @capture_ns: its time (mtime, or the time in it), 0 if unknown
 * @dump_dir: kdump-tools' directory for that crash, or NULL
 * @files: its files
 * @n_files: how many (at most KC_QA_MAX_FILES are kept)
 * @dump_ns: the latest mtime in @dump_dir, 0 if unknown
 * @now_ns: now: the system runs again
 */
struct kc_qa_evidence {
	const char *boot_id;
	const struct kc_summary *prev;
	bool capture_json;
	uint64_t capture_ns;
	const char *dump_dir;
	const struct kc_qa_file *files;
	unsigned int n_files;
	uint64_t dump_ns;
	uint64_t now_ns;
};

/**
 * kc_qa_judge() - pass or fail a fired step, with the reason
 * @step: a KC_QA_FIRED step; becomes KC_QA_PASSED or KC_QA_FAILED with
 *	the evidence copied in
 * @ev: the evidence
 *
 * Return: 0, or -EINVAL when @step was not fired (left unchanged).
 */
int kc_qa_judge(struct kc_qa_step *step, const struct kc_qa_evidence *ev);

/* Whether @name is a dump file (kdump-tools' dump.*, or vmcore*). */
bool kc_qa_is_dump_file(const char *name);

/* Sum of the sizes of @step's dump files. */
uint64_t kc_qa_dump_bytes(const struct kc_qa_step *step);

/* @to - @from in ns, or -1 when either is 0 or @to is earlier. */
int64_t kc_qa_span(uint64_t from, uint64_t to);

/* ---- reports (qa_report.c) ---- */

/**
 * struct kc_qa_counts - a run's steps by outcome
 * @tests: every step
 * @passed: passed
 * @failed: failed
 * @skipped: skipped, cancelled or still pending
 * @errors: fired and not judged
 */
struct kc_qa_counts {
	unsigned int tests, passed, failed, skipped, errors;
};

void kc_qa_count(const struct kc_qa_run *run, struct kc_qa_counts *c);

/* A table for a person, one row per step, and a totals line. */
void kc_qa_report_text(FILE *f, const struct kc_qa_run *run);

/* One object, schema KC_QA_JSON_SCHEMA (docs/qa.md). */
void kc_qa_report_json(FILE *f, const struct kc_qa_run *run);

/**
 * kc_qa_report_junit() - JUnit XML, as CI systems read it
 * @f: where to write
 * @run: the run
 * @hostname: the testsuite's hostname attribute
 */
void kc_qa_report_junit(FILE *f, const struct kc_qa_run *run,
			const char *hostname);

/**
 * kc_xml_text() - @s as XML 1.0 character data or attribute value
 * @f: where to write
 * @s: any bytes: markup characters become references, tab, newline and
 *	carriage return character references (they would be normalised away
 *	in an attribute), and what XML 1.0 forbids (other control
 *	characters, invalid UTF-8, U+FFFE, U+FFFF) becomes '?'
 */
void kc_xml_text(FILE *f, const char *s);

#endif
