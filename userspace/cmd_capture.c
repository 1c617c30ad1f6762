// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs capture`: in the capture kernel, before the dump is saved,
 * keep the crashed kernel's breadcrumbs beside it: kcrumbs.<stamp>.json
 * (what `read --json` prints) and kcrumbs.<stamp>.region (the raw bytes)
 * in kdump-tools' directory for this crash, $KDUMP_COREDIR/<stamp>, the
 * one kdump-config is about to make for dump.<stamp> and dmesg.<stamp>.
 * It runs first (kdump-tools-dump.service's ExecStartPre), so a dump that
 * fails or is cut short still leaves them. When nothing can be read, the
 * JSON says why: the next boot then knows that kdump did run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmdline.h"
#include "decode.h"
#include "fileio.h"
#include "lastboot.h"
#include "nlerr.h"
#include "report.h"
#include "source.h"
#include "sysfs.h"
#include "text.h"

static char *opt_dir, *opt_vmcore;

const struct poptOption kc_capture_options[] = {
	{ "dir", 'd', POPT_ARG_STRING, &opt_dir, 0,
	  "where to write (default: $KDUMP_COREDIR or /var/crash, then the "
	  "minute's stamp, as kdump-tools names its directory)", "DIR" },
	{ "vmcore", '\0', POPT_ARG_STRING, &opt_vmcore, 0,
	  "the crashed kernel's memory (default /proc/vmcore)", "FILE" },
	POPT_TABLEEND
};

/*
 * kdump-config names the directory with `date +%Y%m%d%H%M` a moment after
 * this runs (1-3 s in a TCG guest: the init script, then sourcing its
 * configuration): in a minute's last 15 s, wait for the next one, so both
 * land on the same stamp.
 */
static void stamp_now(char *stamp, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	if (tm.tm_sec >= 45) {
		sleep((unsigned int)(61 - tm.tm_sec));
		t = time(NULL);
		localtime_r(&t, &tm);
	}
	strftime(stamp, len, "%Y%m%d%H%M", &tm);
}

static int locate(uint64_t *size, uint64_t *addr, const char **how)
{
	char path[4096], line[4096];
	FILE *f = fopen(kc_path(path, sizeof(path), "/proc/cmdline"), "r");

	*size = 0;
	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f) && !kc_cmdline_region(line, size, addr))
		*how = "kernel command line";
	else
		*size = 0;
	fclose(f);
	return 0;
}

static int write_json(const char *path, const struct kc_region_bytes *src,
		      const struct kc_region *r, const char *why, int code)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int err;

	if (!f)
		return -ENOMEM;
	if (r)
		kc_report_json(f, src, r);
	else
		kc_report_json_error(f, why, code);
	if (fclose(f)) {
		free(text);
		return -ENOMEM;
	}
	err = kc_file_replace_buf(path, text, len, 0600);
	free(text);
	return err;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int kc_cmd_capture(struct kc_ctx *ctx, int argc, const char **argv)
{
	const char *why = "", *how = "", *coredir;
	char vmcore[4096], dir[4096], stamp[32], json[4200], raw[4200];
	struct kc_region_bytes src = { 0 };
	struct kc_verdict v = { 0 };
	struct kc_region r;
	uint64_t size, addr = 0;
	int err, rc = KC_EXIT_OK, decoded = 0;

	(void)ctx;
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs capture: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	locate(&size, &addr, &how);
	if (opt_vmcore)
		snprintf(vmcore, sizeof(vmcore), "%s", opt_vmcore);
	else
		kc_path(vmcore, sizeof(vmcore), "/proc/vmcore");
	err = kc_read_vmcore(vmcore, size, addr, how, &src, &why);
	/* no /proc/vmcore at all, as against an address the dump lacks */
	if (err == -ENOENT && !opt_vmcore && access(vmcore, F_OK)) {
		fprintf(stderr, "kcrumbs capture: %s: not found: this is not a "
			"capture kernel (name a core with --vmcore)\n", vmcore);
		return KC_EXIT_UNREADABLE;
	}
	if (err && !opt_vmcore) {
		/*
		 * Reserved mode: the region is not System RAM, so /proc/vmcore
		 * (built from the RAM ranges) leaves it out; kcrumbs, loaded
		 * in this capture kernel with the same options, keeps it
		 * read-only as the previous boot's.
		 */
		const char *pwhy;

		if (!kc_read_previous(&src, &pwhy)) {
			src.how = "the reserved region (kcrumbs in the capture kernel)";
			err = 0;
		} else {
			free(src.buf);
			memset(&src, 0, sizeof(src));
		}
	}
	if (err) {
		rc = err == -ENODATA ? KC_EXIT_NONE : KC_EXIT_UNREADABLE;
	} else if (kc_region_decode(src.buf, src.len, &r, &why)) {
		rc = KC_EXIT_NONE;
	} else {
		decoded = 1;
		rc = r.n_bad || r.n_bad_marks ? KC_EXIT_CORRUPT : KC_EXIT_OK;
	}

	stamp_now(stamp, sizeof(stamp));
	if (opt_dir) {
		snprintf(dir, sizeof(dir), "%s", opt_dir);
	} else {
		coredir = getenv("KDUMP_COREDIR");
		snprintf(dir, sizeof(dir), "%s/%s", coredir && *coredir ?
			 coredir : "/var/crash", stamp);
	}
	snprintf(json, sizeof(json), "%s/kcrumbs.%s.json", dir, stamp);
	snprintf(raw, sizeof(raw), "%s/kcrumbs.%s.region", dir, stamp);
	err = kc_mkdirs(dir);
	if (!err)
		err = write_json(json, &src, decoded ? &r : NULL, why, rc);
	/* the bytes as found, even when they do not decode: evidence */
	if (!err && src.buf)
		err = kc_file_replace_buf(raw, src.buf, src.len, 0600);
	if (err) {
		fprintf(stderr, "kcrumbs capture: cannot write in %s: %s\n", dir,
			strerror(-err));
		rc = KC_EXIT_FAIL;
		goto out;
	}
	sync_dir(dir);
	sync();
	if (decoded)
		kc_last_boot(&r, &v);
	if (decoded && v.event) {
		printf("kcrumbs capture: the crash's breadcrumbs are in %s: ", json);
		kc_text_str(stdout, kc_cause_name(v.event->cause));
		fputs(" — ", stdout);
		kc_text_str(stdout, v.event->msg);
		if (v.function) {
			fputs(" in ", stdout);
			kc_text_str(stdout, v.function);
		}
		putchar('\n');
	} else {
		printf("kcrumbs capture: no crash event in the breadcrumbs (%s); "
		       "said so in %s\n", decoded ? "none recorded" : why, json);
	}
out:
	if (decoded)
		kc_region_free(&r);
	free(src.buf);
	return rc;
}
