// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs harvest`, run at every boot by kcrumbs-harvest.service: what
 * did the last boot leave? The module's reserved region, or what the
 * capture path saved beside kdump's dump (kcrumbs capture), or kdump's
 * dump alone, or the mark of a clean shutdown (`harvest --shutdown`, the
 * unit's ExecStop). It decides crashed / clean / vanished (harvest.c),
 * archives it in /var/lib/kcrumbs/boots/<boot id>/, writes one journal
 * entry with fixed fields, and a node_exporter textfile metric where that
 * directory exists. Gather, decide, print: the decision is pure.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "cli.h"
#include "coredir.h"
#include "fileio.h"
#include "harvest.h"
#include "journal.h"
#include "kdumpcfg.h"
#include "nlerr.h"
#include "report.h"
#include "source.h"
#include "sysfs.h"

#define KC_PROM_DIR	"/var/lib/prometheus/node-exporter"
#define KC_MAX_CAPTURES	64

static int opt_shutdown, opt_quiet, opt_keep = KC_KEEP_BOOTS;

const struct poptOption kc_harvest_options[] = {
	{ "shutdown", '\0', POPT_ARG_NONE, &opt_shutdown, 0,
	  "mark this boot's end as clean (the unit's ExecStop)", NULL },
	{ "keep", '\0', POPT_ARG_INT, &opt_keep, 0,
	  "archived boots to keep (default 50)", "N" },
	{ "quiet", 'q', POPT_ARG_NONE, &opt_quiet, 0,
	  "print nothing (the journal entry is still written)", NULL },
	POPT_TABLEEND
};

/* One thing the capture path (or kdump alone) left in KDUMP_COREDIR. */
struct capture {
	char dir[4096];		/* KDUMP_COREDIR/<stamp> */
	char json[4400];	/* kcrumbs.<stamp>.json, or "" */
	char region[4400];	/* kcrumbs.<stamp>.region, or "" */
	char dump[4400];	/* dump.<stamp> or vmcore.<stamp>, or "" */
	uint64_t mtime_ns;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t boot_started_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return now_ns() - ((uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec);
}

static void read_small(const char *path, char *buf, size_t len)
{
	char p[4096], *t;
	int err;

	buf[0] = '\0';
	t = kc_file_read(kc_path(p, sizeof(p), path), 4096, &err);
	if (!t)
		return;
	snprintf(buf, len, "%s", t);
	buf[strcspn(buf, "\n")] = '\0';
	free(t);
}

/* kdump-tools' KDUMP_COREDIR, else /var/crash; under the root. */
static void coredir(char *buf, size_t len)
{
	char val[1024];

	kc_path(buf, len, kc_coredir(val, sizeof(val)));
}

static int harvested(const char *list, const char *path)
{
	const char *p = list;
	size_t n = strlen(path);

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, path, n) && (p[n] == '\n' || !p[n]))
			return 1;
	return 0;
}

static int prefixed(const char *name, const char *pre, const char *suf)
{
	size_t n = strlen(name), a = strlen(pre), b = strlen(suf);

	return n > a + b && !strncmp(name, pre, a) && !strcmp(name + n - b, suf);
}

/* What each KDUMP_COREDIR/<stamp>/ holds that is not harvested yet. */
static size_t find_captures(const char *list, struct capture *c, size_t max)
{
	char root[4096];
	struct dirent *d, *e;
	struct stat st;
	DIR *dh, *sub;
	size_t n = 0;

	coredir(root, sizeof(root));
	dh = opendir(root);
	if (!dh)
		return 0;
	while ((d = readdir(dh)) && n < max) {
		struct capture *k = &c[n];

		if (d->d_name[0] == '.')
			continue;
		memset(k, 0, sizeof(*k));
		if (snprintf(k->dir, sizeof(k->dir), "%s/%s", root, d->d_name) >=
		    (int)sizeof(k->dir) || harvested(list, k->dir))
			continue;
		sub = opendir(k->dir);
		if (!sub)
			continue;
		/* more than one capture in a directory: the newest stamp's */
		while ((e = readdir(sub))) {
			if (prefixed(e->d_name, "kcrumbs.", ".json") &&
			    (!k->json[0] || strcmp(e->d_name, strrchr(k->json, '/') + 1) > 0))
				snprintf(k->json, sizeof(k->json), "%s/%s", k->dir, e->d_name);
			else if (prefixed(e->d_name, "kcrumbs.", ".region") &&
				 (!k->region[0] ||
				  strcmp(e->d_name, strrchr(k->region, '/') + 1) > 0))
				snprintf(k->region, sizeof(k->region), "%s/%s", k->dir, e->d_name);
			else if (prefixed(e->d_name, "dump.", "") ||
				 prefixed(e->d_name, "vmcore.", ""))
				snprintf(k->dump, sizeof(k->dump), "%s/%s", k->dir, e->d_name);
		}
		closedir(sub);
		if (!k->json[0] && !k->dump[0])
			continue;
		if (!stat(k->json[0] ? k->json : k->dump, &st))
			k->mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000ull +
				      (uint64_t)st.st_mtim.tv_nsec;
		n++;
	}
	closedir(dh);
	return n;
}

static char *read_json_of(const struct kc_region_bytes *src, const struct kc_region *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	kc_report_json(f, src, r);
	fclose(f);
	return text;
}

/* boots/<name>/: summary, summary.json, and the region when there is one. */
static int archive(const char *name, const struct kc_summary *s,
		   const struct kc_region_bytes *src, const struct kc_region *r)
{
	char dir[4096], path[4400], *text = NULL;
	size_t len = 0;
	FILE *f;
	int err;

	kc_path(dir, sizeof(dir), KC_BOOTS);
	snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/%s", name);
	err = kc_mkdirs(dir);
	if (err)
		return err;
	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	kc_summary_write(f, s);
	fclose(f);
	snprintf(path, sizeof(path), "%s/summary", dir);
	err = kc_file_replace(path, text, 0644);
	free(text);
	if (err)
		return err;
	text = NULL;
	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	fputs("{\"schema\":1,\"boot\":", f);
	kc_summary_json(f, s);
	fputs("}\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/summary.json", dir);
	err = kc_file_replace(path, text, 0644);
	free(text);
	if (err || !src || !src->buf)
		return err;
	/* the raw bytes and the full read: root only, kernel addresses */
	snprintf(path, sizeof(path), "%s/region", dir);
	err = kc_file_replace_buf(path, src->buf, src->len, 0600);
	if (err || !r)
		return err;
	text = read_json_of(src, r);
	if (!text)
		return -ENOMEM;
	snprintf(path, sizeof(path), "%s/read.json", dir);
	err = kc_file_replace(path, text, 0600);
	free(text);
	return err;
}

static void remove_dir(const char *dir)
{
	char path[4400];
	struct dirent *d;
	DIR *dh = opendir(dir);

	if (!dh)
		return;
	while ((d = readdir(dh))) {
		if (d->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, d->d_name) <
		    (int)sizeof(path))
			unlink(path);
	}
	closedir(dh);
	rmdir(dir);
}

/* Keep the newest opt_keep boots; returns how many crashes are kept. */
static unsigned int retain(void)
{
	struct kc_archived *a;
	char dir[4400], root[4096];
	unsigned int crashes = 0;
	size_t n, i;

	if (kc_archive_list(&a, &n))
		return 0;
	kc_path(root, sizeof(root), KC_BOOTS);
	for (i = 0; i < n; i++) {
		if (opt_keep >= 0 && n - i > (size_t)opt_keep) {
			snprintf(dir, sizeof(dir), "%s/%s", root, a[i].name);
			remove_dir(dir);
			continue;
		}
		crashes += a[i].s.fate == KC_H_CRASHED;
	}
	free(a);
	return crashes;
}

static void prom_label(FILE *f, const char *key, const char *v, const char *sep)
{
	fprintf(f, "%s%s=\"", sep, key);
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f);
		if (*v == '\n')
			fputs("\\n", f);
		else
			fputc(*v, f);
	}
	fputc('"', f);
}

/* node_exporter's textfile collector, where it is installed. */
static void prometheus(const struct kc_summary *s, unsigned int crashes)
{
	char dir[4096], path[4400], *text = NULL;
	size_t len = 0;
	struct stat st;
	FILE *f;

	kc_path(dir, sizeof(dir), KC_PROM_DIR);
	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		return;
	f = open_memstream(&text, &len);
	if (!f)
		return;
	fprintf(f, "# HELP kcrumbs_last_boot_crashed Whether the previous boot "
		"ended in a crash.\n# TYPE kcrumbs_last_boot_crashed gauge\n"
		"kcrumbs_last_boot_crashed %d\n", s->fate == KC_H_CRASHED);
	fputs("# HELP kcrumbs_last_boot_info How the previous boot ended.\n"
	      "# TYPE kcrumbs_last_boot_info gauge\nkcrumbs_last_boot_info{", f);
	prom_label(f, "fate", kc_hfate_name(s->fate), "");
	prom_label(f, "cause", s->cause, ",");
	prom_label(f, "function", s->function, ",");
	prom_label(f, "signature", s->signature, ",");
	prom_label(f, "kernel", s->release, ",");
	fputs("} 1\n", f);
	fprintf(f, "# HELP kcrumbs_archived_crashes Crashes in kcrumbs' archive "
		"of past boots.\n# TYPE kcrumbs_archived_crashes gauge\n"
		"kcrumbs_archived_crashes %u\n", crashes);
	fclose(f);
	snprintf(path, sizeof(path), "%s/kcrumbs.prom", dir);
	kc_file_replace(path, text, 0644);
	free(text);
}

static void add_harvested(char **list, const char *path)
{
	size_t a = *list ? strlen(*list) : 0;
	char *t = realloc(*list, a + strlen(path) + 2);

	if (!t)
		return;
	if (!a)
		t[0] = '\0';
	strcat(t, path);
	strcat(t, "\n");
	*list = t;
}

static int write_state(const char *boot_id, const char *previous)
{
	char p[4096], release[128], text[512];

	read_small("/proc/sys/kernel/osrelease", release, sizeof(release));
	snprintf(text, sizeof(text), "boot_id=%s\nrelease=%s\nstarted_ns=%" PRIu64
		 "\nprevious=%s\n", boot_id, release, boot_started_ns(), previous);
	kc_path(p, sizeof(p), KC_LIBDIR);
	if (kc_mkdirs(p))
		return -EIO;
	return kc_file_replace(kc_path(p, sizeof(p), KC_STATE), text, 0644);
}

static int mark_clean(void)
{
	char p[4096], id[40];
	int err = kc_boot_id(id, sizeof(id));

	if (err) {
		fprintf(stderr, "kcrumbs harvest: cannot read this boot's id\n");
		return KC_EXIT_FAIL;
	}
	kc_mkdirs(kc_path(p, sizeof(p), KC_LIBDIR));
	strcat(id, "\n");
	if (kc_file_replace(kc_path(p, sizeof(p), KC_CLEAN), id, 0644)) {
		fprintf(stderr, "kcrumbs harvest: cannot write %s\n", KC_CLEAN);
		return KC_EXIT_FAIL;
	}
	return KC_EXIT_OK;
}

/* A capture's region, read and decoded; 0 when it decodes. */
static int load_capture(const struct capture *c, struct kc_region_bytes *src,
			struct kc_region *r)
{
	const char *why;

	memset(src, 0, sizeof(*src));
	if (!c->region[0] || kc_read_raw(c->region, src, &why))
		return -ENOENT;
	src->how = "kdump capture";
	if (kc_region_decode(src->buf, src->len, r, &why)) {
		free(src->buf);
		src->buf = NULL;
		return -EINVAL;
	}
	return 0;
}

/* Captures that are not the last boot's: archived on their own. */
static void archive_orphan(const struct capture *c, char **list)
{
	struct kc_harvest_in in = { 0 };
	struct kc_region_bytes src;
	struct kc_summary s;
	struct kc_region r;
	const char *stamp = strrchr(c->dir, '/');
	char name[64];
	int ok = !load_capture(c, &src, &r);

	in.captured = ok ? &r : NULL;
	in.capture_path = c->json[0] ? c->json : c->dump;
	in.capture_empty = !ok && c->json[0];
	in.dump_path = c->dump[0] ? c->dump : NULL;
	kc_harvest_decide(&in, &s);
	snprintf(name, sizeof(name), "kdump-%s", stamp ? stamp + 1 : "unknown");
	archive(name, &s, ok ? &src : NULL, ok ? &r : NULL);
	add_harvested(list, c->dir);
	if (ok) {
		kc_region_free(&r);
		free(src.buf);
	}
}

int kc_cmd_harvest(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_region_bytes rsrc = { 0 }, csrc = { 0 };
	struct kc_region rres, rcap;
	struct kc_harvest_in in = { 0 };
	struct capture *caps;
	struct kc_state st;
	struct kc_summary s;
	char p[4096], id[40], clean[64], *list, *msg = NULL, name[64];
	const char *why;
	size_t ncap, i, mine = (size_t)-1, len = 0;
	uint64_t since;
	int have_res = 0, have_cap = 0, err, known, pass;
	unsigned int crashes;
	FILE *f;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs harvest: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	if (opt_shutdown)
		return mark_clean();
	if (kc_boot_id(id, sizeof(id))) {
		fprintf(stderr, "kcrumbs harvest: cannot read this boot's id\n");
		return KC_EXIT_FAIL;
	}
	known = !kc_state_read(&st);
	if (known && !strcmp(st.boot_id, id)) {
		/* run twice in one boot: the last boot is harvested already */
		if (!opt_quiet)
			printf("kcrumbs harvest: this boot is harvested already\n");
		return KC_EXIT_OK;
	}
	read_small(KC_CLEAN, clean, sizeof(clean));
	list = kc_file_read(kc_path(p, sizeof(p), KC_HARVESTED), 1 << 20, &err);

	/* the module's copy of the last boot's region (reserved mode) */
	if (!kc_read_previous(&rsrc, &why) &&
	    !kc_region_decode(rsrc.buf, rsrc.len, &rres, &why))
		have_res = 1;
	/*
	 * A region set up before the last boot began is older still (that
	 * boot did not load kcrumbs): not its verdict. Five minutes of slack
	 * for a clock set at boot.
	 */
	if (have_res && known && rres.created_wall_ns + 300ull * 1000000000ull <
	    st.started_ns) {
		kc_region_free(&rres);
		have_res = 0;
	}
	/* what the capture path left; the newest since the last boot began */
	caps = calloc(KC_MAX_CAPTURES, sizeof(*caps));
	ncap = caps ? find_captures(list, caps, KC_MAX_CAPTURES) : 0;
	/*
	 * The last boot's crash: the newest capture since it began; when it
	 * is not known (kcrumbs' first harvest here), one made in the hour
	 * before this boot (the capture kernel runs just before it).
	 */
	since = known ? st.started_ns : boot_started_ns() - 3600ull * 1000000000ull;
	/* with breadcrumbs first; kdump's dump alone only when none has them */
	for (pass = 0; pass < 2 && mine == (size_t)-1; pass++)
		for (i = 0; i < ncap; i++)
			if (caps[i].mtime_ns >= since && (pass || caps[i].json[0]) &&
			    (mine == (size_t)-1 || caps[i].mtime_ns > caps[mine].mtime_ns))
				mine = i;
	for (i = 0; i < ncap; i++) {
		if (i == mine)
			continue;
		/*
		 * kdump's directory of the same crash, a minute on from the
		 * capture's (kdump-config's stamp taken past the minute): the
		 * same crash, not another
		 */
		if (mine != (size_t)-1 && caps[mine].json[0] && !caps[i].json[0] &&
		    caps[i].mtime_ns + 180ull * 1000000000ull >= caps[mine].mtime_ns &&
		    caps[i].mtime_ns <= caps[mine].mtime_ns + 180ull * 1000000000ull) {
			if (!caps[mine].dump[0])
				snprintf(caps[mine].dump, sizeof(caps[mine].dump), "%s",
					 caps[i].dump);
			add_harvested(&list, caps[i].dir);
			continue;
		}
		archive_orphan(&caps[i], &list);
	}

	in.known = known;
	in.boot_id = known ? st.boot_id : "";
	in.release = known ? st.release : "";
	in.started_ns = known ? st.started_ns : 0;
	in.clean_mark = known && !strcmp(clean, st.boot_id);
	in.reserved = have_res ? &rres : NULL;
	if (mine != (size_t)-1) {
		struct capture *c = &caps[mine];

		have_cap = !load_capture(c, &csrc, &rcap);
		in.captured = have_cap ? &rcap : NULL;
		in.capture_path = c->json[0] ? c->json : c->dump;
		in.capture_empty = !have_cap && c->json[0];
		in.dump_path = c->dump[0] ? c->dump : NULL;
		add_harvested(&list, c->dir);
	}
	kc_harvest_decide(&in, &s);
	if (!known && mine != (size_t)-1) {
		const char *stamp = strrchr(caps[mine].dir, '/');

		snprintf(name, sizeof(name), "kdump-%s", stamp ? stamp + 1 : "unknown");
		known = 1;	/* the crash is known, if the boot is not */
	} else if (known) {
		snprintf(name, sizeof(name), "%s", st.boot_id);
	}
	if (known) {
		err = have_res ? archive(name, &s, &rsrc, &rres) :
		      archive(name, &s, have_cap ? &csrc : NULL, have_cap ? &rcap : NULL);
		if (err)
			fprintf(stderr, "kcrumbs harvest: cannot archive in %s: %s\n",
				KC_BOOTS, strerror(-err));
	}
	if (list)
		kc_file_replace(kc_path(p, sizeof(p), KC_HARVESTED), list, 0644);
	crashes = retain();

	f = open_memstream(&msg, &len);
	if (f) {
		fputs("previous ", f);
		kc_summary_text(f, &s);
		fclose(f);
		if (len && msg[len - 1] == '\n')
			msg[len - 1] = '\0';
	}
	/* a fake root (tests) writes no entry into the real journal */
	if (known && !kc_root_is_fake()) {
		err = kc_journal_summary(&s, msg ? msg : "");
		if (err == -ENOSYS && !opt_quiet)
			fprintf(stderr, "kcrumbs harvest: no libsystemd: no journal entry\n");
	}
	if (known)
		prometheus(&s, crashes);
	if (write_state(id, known ? name : ""))
		fprintf(stderr, "kcrumbs harvest: cannot write %s\n", KC_STATE);
	unlink(kc_path(p, sizeof(p), KC_CLEAN));

	if (ctx->json) {
		fputs("{\"schema\":1,\"previous\":", stdout);
		kc_summary_json(stdout, &s);
		fputs("}\n", stdout);
	} else if (!opt_quiet) {
		printf("kcrumbs harvest: %s\n", msg ? msg : "");
	}
	free(msg);
	free(list);
	free(caps);
	if (have_res)
		kc_region_free(&rres);
	if (have_cap)
		kc_region_free(&rcap);
	free(rsrc.buf);
	free(csrc.buf);
	return KC_EXIT_OK;
}
