/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `kcrumbs qa`: the I/O around the pure core (qa.h). The state file and
 * its lock, the operator's policy saved and set, the evidence a crash
 * left for the next boot, and the commands the run needs (systemctl,
 * modprobe): under a fake root (--root, tests) these are written to
 * ROOT/commands.log instead of being run.
 */
#ifndef KC_QA_IO_H
#define KC_QA_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "archive.h"
#include "harvest.h"
#include "qa.h"

#define KC_QA_STATE_FILE	KC_LIBDIR "/qa.state"
#define KC_QA_LOCK_FILE		KC_LIBDIR "/qa.lock"
#define KC_QA_UNIT		"kcrumbs-qa.service"
#define KC_QA_STATE_MAX		(1 << 20)

/* Wall time now, in ns. */
uint64_t kc_qa_now_ns(void);

/**
 * kc_qa_lock() - take the run's lock (flock on KC_QA_LOCK_FILE), waiting
 *	for it: `qa stop`, `qa start` and the unit never interleave
 * Return: the lock's descriptor, or a negative errno.
 */
int kc_qa_lock(void);
void kc_qa_unlock(int fd);

/**
 * kc_qa_load() - read and parse the state file
 * @run: the run
 * @why: on -EINVAL, what is wrong with the file
 * @len: size of @why
 *
 * Return: 0; -ENOENT when there is no run; -EINVAL for a damaged file;
 * another negative errno when it cannot be read.
 */
int kc_qa_load(struct kc_qa_run *run, char *why, size_t len);

/* Write the state file whole (a temporary file and rename(2)). */
int kc_qa_save(const struct kc_qa_run *run);

/* Whether a run still has steps to fire or to judge. */
bool kc_qa_active(const struct kc_qa_run *run);

/**
 * kc_qa_save_policy() - the operator's policy into @run->saved: the value
 *	of every knob of kc_knobs_table this kernel has
 * Return: 0, or -E2BIG.
 */
int kc_qa_save_policy(struct kc_qa_run *run);

/**
 * kc_qa_set_policy() - the saved policy, then @step's settings over it,
 *	written now (runtime only: nothing under /etc changes)
 * @run: the run (its saved policy)
 * @step: the step, or NULL: the saved policy alone (the end of a run)
 * @err: on failure, which knob and why
 * @len: size of @err
 *
 * The step's settings are written all or nothing; a saved value that the
 * kernel refuses back is reported in @err but does not stop the rest.
 *
 * Return: 0 or a negative errno.
 */
int kc_qa_set_policy(const struct kc_qa_run *run, const struct kc_qa_step *step,
		     char *err, size_t len);

/**
 * struct kc_qa_found - what the boot after a fired step found, and the
 *	storage kc_qa_evidence points into
 * @ev: the evidence for kc_qa_judge()
 * @boot_id: this boot's id
 * @prev: harvest's summary of the boot that ended (this boot's harvest)
 * @dump_dir: kdump-tools' directory of the crash
 * @files: its files
 * @note: what could not be read, for the log ("" if all could)
 */
struct kc_qa_found {
	struct kc_qa_evidence ev;
	char boot_id[40];
	struct kc_summary prev;
	char dump_dir[KC_QA_PATH_MAX];
	struct kc_qa_file files[KC_QA_MAX_FILES];
	char note[256];
};

/**
 * kc_qa_gather() - the evidence of a fired step
 * @s: the step (its fired_ns bounds what belongs to its crash)
 * @found: filled
 *
 * The previous boot's summary is the one `kcrumbs harvest` archived at
 * this boot (its state file names it), so harvest must have run first
 * (kcrumbs-qa.service runs after kcrumbs-harvest.service). In kdump-tools'
 * directory, the subdirectories written since the step was fired belong
 * to its crash: the capture path's kcrumbs.*.json tells that the capture
 * kernel ran (its mtime: when), the directory with a dump.* or vmcore*
 * file (else one with any file) is the dump directory, its latest mtime
 * when the dump was saved.
 */
void kc_qa_gather(const struct kc_qa_step *s, struct kc_qa_found *found);

/**
 * kc_qa_command() - run a command the run needs, and wait for it
 * @argv: the command, NULL-terminated (looked up in PATH)
 *
 * Under a fake root the command line is appended to ROOT/commands.log and
 * not run; it then fails (exit 1) when ROOT/fail/<argv[0]> exists.
 *
 * Return: its exit status (0: success), or a negative errno when it could
 * not be started.
 */
int kc_qa_command(const char *const argv[]);

#endif
