// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs qa`'s I/O: the state file and its lock, the policy, the
 * evidence of a crash, and the commands it runs (qa_io.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "coredir.h"
#include "fileio.h"
#include "policy.h"
#include "qa_io.h"
#include "sysfs.h"

uint64_t kc_qa_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int kc_qa_lock(void)
{
	char p[4096];
	int fd, err = kc_mkdirs(kc_path(p, sizeof(p), KC_LIBDIR));

	if (err)
		return err;
	fd = open(kc_path(p, sizeof(p), KC_QA_LOCK_FILE),
		  O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			err = -errno;
			close(fd);
			return err;
		}
	}
	return fd;
}

void kc_qa_unlock(int fd)
{
	if (fd >= 0)
		close(fd);	/* drops the lock */
}

int kc_qa_load(struct kc_qa_run *run, char *why, size_t len)
{
	char p[4096], *text;
	int err;

	why[0] = '\0';
	text = kc_file_read(kc_path(p, sizeof(p), KC_QA_STATE_FILE),
			    KC_QA_STATE_MAX, &err);
	if (!text) {
		snprintf(why, len, "%s", strerror(-err));
		return err;
	}
	err = kc_qa_state_parse(text, run, why, len);
	free(text);
	return err;
}

int kc_qa_save(const struct kc_qa_run *run)
{
	char p[4096], *text = NULL;
	size_t n = 0;
	FILE *f;
	int err = kc_mkdirs(kc_path(p, sizeof(p), KC_LIBDIR));

	if (err)
		return err;
	f = open_memstream(&text, &n);
	if (!f)
		return -ENOMEM;
	kc_qa_state_write(f, run);
	if (fclose(f)) {
		free(text);
		return -ENOMEM;
	}
	err = kc_file_replace(kc_path(p, sizeof(p), KC_QA_STATE_FILE), text, 0644);
	free(text);
	return err;
}

bool kc_qa_active(const struct kc_qa_run *run)
{
	unsigned int i;

	for (i = 0; i < run->n_steps; i++)
		if (run->steps[i].state == KC_QA_PENDING ||
		    run->steps[i].state == KC_QA_FIRED)
			return true;
	return false;
}

int kc_qa_save_policy(struct kc_qa_run *run)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	unsigned int i;

	kc_policy_read(st);
	run->n_saved = 0;
	for (i = 0; i < kc_n_knobs; i++) {
		if (!st[i].present)
			continue;
		if (run->n_saved == KC_QA_MAX_SAVED)
			return -E2BIG;
		run->saved[run->n_saved].knob = &kc_knobs_table[i];
		run->saved[run->n_saved].value = st[i].value;
		run->n_saved++;
	}
	return 0;
}

static struct kc_change *change_for(struct kc_plan *plan, const struct kc_knob *k)
{
	unsigned int i;

	for (i = 0; i < plan->n; i++)
		if (plan->ch[i].k == k)
			return &plan->ch[i];
	if (plan->n == KC_MAX_KNOBS)
		return NULL;
	return &plan->ch[plan->n++];
}

static int add_setting(struct kc_plan *plan, const struct kc_knob_state *st,
		       const struct kc_qa_setting *s, bool ignore_failure)
{
	struct kc_change *c = change_for(plan, s->knob);
	unsigned int idx = (unsigned int)(s->knob - kc_knobs_table);

	if (!c || idx >= kc_n_knobs)
		return -E2BIG;
	c->k = s->knob;
	c->present = st[idx].present;
	c->from = st[idx].value;
	c->to = s->value;
	c->ignore_failure = ignore_failure;
	return 0;
}

int kc_qa_set_policy(const struct kc_qa_run *run, const struct kc_qa_step *step,
		     char *err, size_t len)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	static struct kc_plan plan;
	unsigned int i;
	int rc;

	err[0] = '\0';
	memset(&plan, 0, sizeof(plan));
	kc_policy_read(st);
	/* the operator's values back: best effort, each one on its own */
	for (i = 0; i < run->n_saved; i++) {
		rc = add_setting(&plan, st, &run->saved[i], true);
		if (rc)
			return rc;
	}
	for (i = 0; step && i < step->n_policy; i++) {
		rc = add_setting(&plan, st, &step->policy[i], false);
		if (rc)
			return rc;
	}
	rc = kc_plan_apply(&plan, err, len);
	if (rc)
		return rc;
	for (i = 0; i < plan.n; i++)
		if (plan.ch[i].failed) {
			size_t o = strlen(err);

			snprintf(err + o, len - o, "%s%s could not be set back to %ld",
				 o ? "; " : "", plan.ch[i].k->key, plan.ch[i].to);
		}
	return 0;
}

static uint64_t mtime_ns(const struct stat *st)
{
	return (uint64_t)st->st_mtim.tv_sec * 1000000000ull +
	       (uint64_t)st->st_mtim.tv_nsec;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct kc_qa_file *)a)->name,
		      ((const struct kc_qa_file *)b)->name);
}

/*
 * One directory of kdump-tools' that was written since @since: what it
 * holds. Returns 0 when nothing in it is that new.
 */
struct dirscan {
	struct kc_qa_file files[KC_QA_MAX_FILES];
	unsigned int n_files;
	bool dump;		/* a dump.* or vmcore* */
	uint64_t latest_ns;	/* latest mtime of its files */
	uint64_t json_ns;	/* earliest kcrumbs.*.json's mtime, 0: none */
};

static int scan_dir(const char *dir, uint64_t since, struct dirscan *d)
{
	char path[4400];
	struct dirent *e;
	struct stat st;
	DIR *dh = opendir(dir);
	size_t n;

	memset(d, 0, sizeof(*d));
	if (!dh)
		return 0;
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.' ||
		    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path) ||
		    lstat(path, &st) || !S_ISREG(st.st_mode) || mtime_ns(&st) < since)
			continue;
		if (mtime_ns(&st) > d->latest_ns)
			d->latest_ns = mtime_ns(&st);
		n = strlen(e->d_name);
		if (!strncmp(e->d_name, "kcrumbs.", 8) && n > 13 &&
		    !strcmp(e->d_name + n - 5, ".json") &&
		    (!d->json_ns || mtime_ns(&st) < d->json_ns))
			d->json_ns = mtime_ns(&st);
		if (kc_qa_is_dump_file(e->d_name))
			d->dump = true;
		if (d->n_files < KC_QA_MAX_FILES && n < KC_QA_FILE_NAME_MAX) {
			snprintf(d->files[d->n_files].name, KC_QA_FILE_NAME_MAX, "%s",
				 e->d_name);
			d->files[d->n_files].size = (uint64_t)st.st_size;
			d->n_files++;
		}
	}
	closedir(dh);
	qsort(d->files, d->n_files, sizeof(d->files[0]), by_name);
	return d->latest_ns != 0;
}

/* The subdirectories of kdump-tools' directory written since @since. */
static void scan_coredir(uint64_t since, struct kc_qa_found *f)
{
	char cd[1024], root[4096], dir[4400], best[4400] = "";
	struct dirscan d, bd;
	struct dirent *e;
	DIR *dh;
	int best_rank = 0, rank;

	kc_path(root, sizeof(root), kc_coredir(cd, sizeof(cd)));
	dh = opendir(root);
	if (!dh) {
		snprintf(f->note, sizeof(f->note), "cannot open %.200s: %s", cd,
			 strerror(errno));
		return;
	}
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.' ||
		    snprintf(dir, sizeof(dir), "%s/%s", root, e->d_name) >= (int)sizeof(dir) ||
		    !scan_dir(dir, since, &d))
			continue;
		if (d.json_ns && (!f->ev.capture_json || d.json_ns < f->ev.capture_ns)) {
			f->ev.capture_json = true;
			f->ev.capture_ns = d.json_ns;
		}
		/* a dump beats a directory without one; then the newest */
		rank = d.dump ? 2 : 1;
		if (rank > best_rank ||
		    (rank == best_rank && d.latest_ns > bd.latest_ns)) {
			best_rank = rank;
			bd = d;
			snprintf(best, sizeof(best), "%s/%s", cd, e->d_name);
		}
	}
	closedir(dh);
	if (!best_rank)
		return;
	snprintf(f->dump_dir, sizeof(f->dump_dir), "%s", best);
	memcpy(f->files, bd.files, sizeof(bd.files));
	f->ev.dump_dir = f->dump_dir;
	f->ev.files = f->files;
	f->ev.n_files = bd.n_files;
	f->ev.dump_ns = bd.latest_ns;
}

/* Harvest's summary of the boot that ended, as archived at this boot. */
static void previous_summary(struct kc_qa_found *f)
{
	char p[4096], rel[200], *text;
	struct kc_state st;
	int err;

	if (kc_state_read(&st) || strcmp(st.boot_id, f->boot_id)) {
		snprintf(f->note, sizeof(f->note),
			 "kcrumbs harvest has not run in this boot: no summary of the last one");
		return;
	}
	if (!st.previous[0]) {
		snprintf(f->note, sizeof(f->note),
			 "kcrumbs harvest knew nothing of the last boot");
		return;
	}
	snprintf(rel, sizeof(rel), "%s/%s/summary", KC_BOOTS, st.previous);
	text = kc_file_read(kc_path(p, sizeof(p), rel), 64 * 1024, &err);
	if (!text || kc_summary_parse(text, &f->prev)) {
		snprintf(f->note, sizeof(f->note), "cannot read %s", rel);
		free(text);
		return;
	}
	free(text);
	f->ev.prev = &f->prev;
}

void kc_qa_gather(const struct kc_qa_step *s, struct kc_qa_found *f)
{
	memset(f, 0, sizeof(*f));
	f->ev.now_ns = kc_qa_now_ns();
	if (!kc_boot_id(f->boot_id, sizeof(f->boot_id)))
		f->ev.boot_id = f->boot_id;
	/* the same boot: nothing of a crash to look for */
	if (f->ev.boot_id && !strcmp(f->boot_id, s->boot_id))
		return;
	previous_summary(f);
	/* one second of slack: a file system's timestamps are coarser */
	scan_coredir(s->fired_ns > 1000000000ull ? s->fired_ns - 1000000000ull : 0, f);
}

static int fake_command(const char *const argv[])
{
	char p[4096], rel[300], line[1024] = "";
	size_t o = 0;
	unsigned int i;
	FILE *f;

	for (i = 0; argv[i] && o < sizeof(line); i++)
		o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%s",
				      i ? " " : "", argv[i]);
	f = fopen(kc_path(p, sizeof(p), "/commands.log"), "a");
	if (f) {
		fprintf(f, "%s\n", line);
		fclose(f);
	}
	snprintf(rel, sizeof(rel), "/fail/%s", argv[0]);
	return access(kc_path(p, sizeof(p), rel), F_OK) ? 0 : 1;
}

int kc_qa_command(const char *const argv[])
{
	int st;
	pid_t pid;

	if (kc_root_is_fake())
		return fake_command(argv);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "kcrumbs qa: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(st))
		return WEXITSTATUS(st) == 127 ? -ENOENT : WEXITSTATUS(st);
	return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}
