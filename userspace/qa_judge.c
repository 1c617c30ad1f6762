// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict on one fired qa step, from what the next boot found (qa.h):
 * a table of checks, in order, the first that fails gives the reason.
 * Pure.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "qa.h"
#include "signature.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

bool kc_qa_is_dump_file(const char *name)
{
	return !strncmp(name, "dump.", 5) || !strncmp(name, "vmcore", 6);
}

uint64_t kc_qa_dump_bytes(const struct kc_qa_step *step)
{
	uint64_t sum = 0;
	unsigned int i;

	for (i = 0; i < step->n_files; i++)
		if (kc_qa_is_dump_file(step->files[i].name))
			sum += step->files[i].size;
	return sum;
}

int64_t kc_qa_span(uint64_t from, uint64_t to)
{
	if (!from || !to || to < from || to - from > INT64_MAX)
		return -1;
	return (int64_t)(to - from);
}

/* Whether @s is one of the '|'-separated @alts, exactly. */
static bool one_of(const char *s, const char *alts)
{
	size_t n = strlen(s);
	const char *bar;

	if (!n)
		return false;
	for (;;) {
		bar = strchr(alts, '|');
		if ((bar ? (size_t)(bar - alts) : strlen(alts)) == n &&
		    !strncmp(alts, s, n))
			return true;
		if (!bar)
			return false;
		alts = bar + 1;
	}
}

/* The evidence, copied into the step whatever the verdict. */
static void take_evidence(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	unsigned int i;

	kc_qa_put(s->dump_dir, sizeof(s->dump_dir), ev->dump_dir);
	s->n_files = 0;
	for (i = 0; ev->dump_dir && i < ev->n_files && i < KC_QA_MAX_FILES; i++) {
		kc_qa_put(s->files[i].name, sizeof(s->files[i].name),
			  ev->files[i].name);
		s->files[i].size = ev->files[i].size;
		s->n_files++;
	}
	s->capture_ns = ev->capture_json ? ev->capture_ns : 0;
	s->dump_ns = ev->dump_dir ? ev->dump_ns : 0;
	s->up_ns = ev->now_ns;
	if (!ev->prev)
		return;
	kc_qa_put(s->cause, sizeof(s->cause), ev->prev->cause);
	kc_qa_put(s->function, sizeof(s->function), ev->prev->function);
	kc_qa_put(s->signature, sizeof(s->signature), ev->prev->signature);
	s->crashed_ns = ev->prev->crashed_ns;
}

static bool have_dump_file(const struct kc_qa_step *s, bool nonempty)
{
	unsigned int i;

	for (i = 0; i < s->n_files; i++)
		if (kc_qa_is_dump_file(s->files[i].name) &&
		    (!nonempty || s->files[i].size))
			return true;
	return false;
}

static bool crashed(const struct kc_qa_evidence *ev)
{
	return ev->prev && ev->prev->fate == KC_H_CRASHED;
}

static bool captured(const struct kc_qa_evidence *ev)
{
	return ev->capture_json || ev->dump_dir;
}

/*
 * One check: a verdict and its reason when it fails (return true), or
 * false to go on to the next.
 */
typedef bool (*check_fn)(struct kc_qa_step *s, const struct kc_qa_evidence *ev);

static bool same_boot(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	if (!ev->boot_id || strcmp(ev->boot_id, s->boot_id))
		return false;
	s->verdict = KC_QA_V_DID_NOT_CRASH;
	snprintf(s->reason, sizeof(s->reason),
		 "did not crash: still the boot it was fired in (boot id %.36s)",
		 s->boot_id);
	return true;
}

static bool other_boot(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	if (!ev->prev || !ev->prev->boot_id[0] ||
	    !strcmp(ev->prev->boot_id, s->boot_id))
		return false;
	s->verdict = KC_QA_V_OTHER_BOOT;
	snprintf(s->reason, sizeof(s->reason),
		 "the boot that ended (%.36s) is not the one the crash was fired in (%.36s): "
		 "a boot in between", ev->prev->boot_id, s->boot_id);
	return true;
}

static bool clean(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	if (!ev->prev || ev->prev->fate != KC_H_CLEAN || captured(ev))
		return false;
	s->verdict = KC_QA_V_CLEAN_REBOOT;
	snprintf(s->reason, sizeof(s->reason),
		 "a clean reboot instead of a crash: the boot was shut down "
		 "(the crash did not happen, or someone rebooted during the countdown)");
	return true;
}

static bool vanished(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	if (crashed(ev) || captured(ev))
		return false;
	s->verdict = KC_QA_V_VANISHED;
	/* a capture kernel was loaded when it was fired (qa step checks) */
	snprintf(s->reason, sizeof(s->reason),
		 "vanished: no crash record, no capture, no dump, though a capture "
		 "kernel was loaded: it did not come up or saved nothing (its console "
		 "says why), or the machine hung or reset (harvest: %s)",
		 ev->prev ? kc_hfate_name(ev->prev->fate) : "no summary of the boot");
	return true;
}

static bool no_capture(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	if (captured(ev))
		return false;
	s->verdict = KC_QA_V_NO_CAPTURE;
	snprintf(s->reason, sizeof(s->reason),
		 "the crash was recorded (%.31s) but the capture kernel never ran: "
		 "kdump did not take over", s->cause[0] ? s->cause : "no cause");
	return true;
}

/* "dmesg.X 1234, ..." of @s's files, or "none". */
static void file_list(const struct kc_qa_step *s, char *buf, size_t len)
{
	size_t o = 0;
	unsigned int i;

	snprintf(buf, len, "none");
	for (i = 0; i < s->n_files && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%.40s %" PRIu64,
				      i ? ", " : "", s->files[i].name,
				      s->files[i].size);
}

static bool no_dump(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	char files[160];

	(void)ev;
	if (have_dump_file(s, false))
		return false;
	file_list(s, files, sizeof(files));
	s->verdict = KC_QA_V_NO_DUMP;
	snprintf(s->reason, sizeof(s->reason),
		 "the capture kernel ran but kdump-tools saved no dump (%s%.100s; files: %.100s)",
		 s->dump_dir[0] ? "in " : "no dump directory",
		 s->dump_dir[0] ? s->dump_dir : "", files);
	return true;
}

static bool empty_dump(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	(void)ev;
	if (have_dump_file(s, true))
		return false;
	s->verdict = KC_QA_V_EMPTY_DUMP;
	snprintf(s->reason, sizeof(s->reason),
		 "kdump-tools' dump file in %.200s is empty (0 bytes)", s->dump_dir);
	return true;
}

static bool no_breadcrumbs(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	(void)ev;
	if (s->cause[0])
		return false;
	s->verdict = KC_QA_V_NO_BREADCRUMBS;
	snprintf(s->reason, sizeof(s->reason),
		 "kdump saved a dump but kcrumbs recorded no breadcrumbs of the crash");
	return true;
}

static bool wrong_cause(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	(void)ev;
	if (one_of(s->cause, s->expect_cause))
		return false;
	s->verdict = KC_QA_V_WRONG_CAUSE;
	snprintf(s->reason, sizeof(s->reason),
		 "wrong cause: expected %s, recorded %s", s->expect_cause, s->cause);
	return true;
}

static bool wrong_function(struct kc_qa_step *s, const struct kc_qa_evidence *ev)
{
	char name[KC_FUNC_MAX];

	(void)ev;
	kc_sym_function(s->function, name, sizeof(name));
	if (!s->expect_function[0] || one_of(name, s->expect_function))
		return false;
	s->verdict = KC_QA_V_WRONG_FUNCTION;
	snprintf(s->reason, sizeof(s->reason),
		 "wrong function: expected %s, recorded %s", s->expect_function,
		 s->function[0] ? s->function : "none");
	return true;
}

/* In order: the first that fails decides. */
static const check_fn checks[] = {
	same_boot, other_boot, clean, vanished, no_capture, no_dump,
	empty_dump, no_breadcrumbs, wrong_cause, wrong_function,
};

int kc_qa_judge(struct kc_qa_step *step, const struct kc_qa_evidence *ev)
{
	unsigned int i;

	if (step->state != KC_QA_FIRED)
		return -EINVAL;
	take_evidence(step, ev);
	memset(step->reason, 0, sizeof(step->reason));
	for (i = 0; i < ARRAY_LEN(checks); i++)
		if (checks[i](step, ev)) {
			step->state = KC_QA_FAILED;
			return 0;
		}
	step->verdict = KC_QA_V_PASS;
	step->state = KC_QA_PASSED;
	return 0;
}
