// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs read`: the breadcrumbs of a crash, from /proc/vmcore (the
 * default, in a capture kernel), another ELF core, or a raw region image.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmdline.h"
#include "decode.h"
#include "nlerr.h"
#include "report.h"
#include "source.h"
#include "sysfs.h"

static char *opt_vmcore, *opt_region, *opt_address, *opt_save, *opt_dump;
static int opt_previous;
static int opt_log_lines = 20;

/*
 * popt strdup()s a string option's value and leaves the one before to
 * leak when an option is given twice: these go through take_string(),
 * which keeps the last and frees the one before.
 */
enum { OPT_VMCORE = 1, OPT_DUMP, OPT_REGION, OPT_ADDRESS, OPT_SAVE };

static char **const string_opts[] = {
	[OPT_VMCORE] = &opt_vmcore, [OPT_DUMP] = &opt_dump,
	[OPT_REGION] = &opt_region, [OPT_ADDRESS] = &opt_address,
	[OPT_SAVE] = &opt_save,
};

static void take_string(poptContext con, enum poptCallbackReason reason,
			const struct poptOption *opt, const char *arg,
			const void *data)
{
	char **slot;

	(void)con;
	(void)data;
	if (reason != POPT_CALLBACK_REASON_OPTION || opt->val <= 0 ||
	    (size_t)opt->val >= sizeof(string_opts) / sizeof(string_opts[0]))
		return;
	slot = string_opts[opt->val];
	free(*slot);
	*slot = arg ? strdup(arg) : NULL;
}

const struct poptOption kc_read_options[] = {
	{ NULL, '\0', POPT_ARG_CALLBACK, (void *)take_string, 0, NULL, NULL },
	{ "vmcore", '\0', POPT_ARG_STRING, NULL, OPT_VMCORE,
	  "an ELF core to read (default /proc/vmcore)", "FILE" },
	{ "dump", '\0', POPT_ARG_STRING, NULL, OPT_DUMP,
	  "a saved dump, ELF or makedumpfile's format (read with libkdumpfile)",
	  "FILE" },
	{ "region", '\0', POPT_ARG_STRING, NULL, OPT_REGION,
	  "a raw region image to read instead", "FILE" },
	{ "previous", 'p', POPT_ARG_NONE, &opt_previous, 0,
	  "what the module kept from the previous boot (reserved mode)", NULL },
	{ "address", '\0', POPT_ARG_STRING, NULL, OPT_ADDRESS,
	  "where the region is (default: kcrumbs.region= on this kernel's "
	  "command line, else scan the dump)", "SIZE@ADDR" },
	{ "save", '\0', POPT_ARG_STRING, NULL, OPT_SAVE,
	  "also write the region's raw bytes to FILE (read it later with "
	  "--region)", "FILE" },
	{ "log-lines", '\0', POPT_ARG_INT, &opt_log_lines, 0,
	  "log tail lines to show in text, 0 for all (default 20)", "N" },
	POPT_TABLEEND
};

/* --address, else kcrumbs.region= on /proc/cmdline, else 0 (scan). */
static int locate(uint64_t *size, uint64_t *addr, const char **how)
{
	char path[4096], line[4096];
	FILE *f;
	int err;

	*size = 0;
	if (opt_address) {
		/* all of it: kc_parse_region() stops at a space, as on a command line */
		if (opt_address[strcspn(opt_address, " \t\n")] ||
		    kc_parse_region(opt_address, size, addr)) {
			fprintf(stderr, "kcrumbs read: --address wants SIZE@ADDR "
				"(such as 135168@0x3f4a0000), not '%s'\n",
				opt_address);
			return KC_EXIT_USAGE;
		}
		*how = "address given";
		return KC_EXIT_OK;
	}
	f = fopen(kc_path(path, sizeof(path), "/proc/cmdline"), "r");
	if (!f || !fgets(line, sizeof(line), f)) {
		if (f)
			fclose(f);
		return KC_EXIT_OK;
	}
	fclose(f);
	err = kc_cmdline_region(line, size, addr);
	if (err == -EINVAL)
		fprintf(stderr, "kcrumbs read: kcrumbs.region= on the kernel "
			"command line is malformed; scanning the dump instead\n");
	if (err)
		*size = 0;
	else
		*how = "kernel command line";
	return KC_EXIT_OK;
}

static int save(const struct kc_region_bytes *src)
{
	/* never overwrite; root only: it holds kernel addresses and log text */
	int fd = open(opt_save, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	if (fd >= 0 && !f)
		close(fd);

	if (!f || fwrite(src->buf, 1, src->len, f) != src->len) {
		fprintf(stderr, "kcrumbs read: cannot write %s: %s\n", opt_save,
			f ? "short write" : strerror(errno));
		if (f)
			fclose(f);
		return KC_EXIT_FAIL;
	}
	if (fclose(f)) {
		fprintf(stderr, "kcrumbs read: cannot write %s: %s\n", opt_save,
			strerror(errno));
		return KC_EXIT_FAIL;
	}
	return KC_EXIT_OK;
}

static int fail(struct kc_ctx *ctx, int code, const char *what, const char *why)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s: %s", what, why);
	if (ctx->json)
		kc_report_json_error(stdout, msg, code);
	fprintf(stderr, "kcrumbs read: %s\n", msg);
	return code;
}

int kc_cmd_read(struct kc_ctx *ctx, int argc, const char **argv)
{
	const char *why = "", *how = "", *src_name;
	struct kc_region_bytes src;
	struct kc_region r;
	char path[4096];
	uint64_t size, addr = 0;
	int rc, err;

	(void)argv;
	if (argc > 0 || (!!opt_vmcore + !!opt_region + !!opt_dump + opt_previous) > 1 ||
	    opt_log_lines < 0) {
		fprintf(stderr, "kcrumbs read: takes no arguments; --vmcore, "
			"--dump, --region and --previous exclude each other; "
			"--log-lines is 0 or more\n");
		return KC_EXIT_USAGE;
	}
	if (opt_previous) {
		src_name = "the previous boot";
		rc = kc_read_previous(&src, &why);
		if (rc)
			return fail(ctx, rc, src_name, why);
		err = 0;
	} else if (opt_region) {
		src_name = opt_region;
		err = kc_read_raw(opt_region, &src, &why);
	} else if (opt_dump) {
		src_name = opt_dump;
		if (opt_address && locate(&size, &addr, &how))
			return KC_EXIT_USAGE;
		if (!opt_address)
			size = 0;	/* this kernel's cmdline says nothing of a saved dump */
		err = kc_read_kdump(opt_dump, size, addr, how, &src, &why);
	} else {
		rc = locate(&size, &addr, &how);
		if (rc)
			return rc;
		src_name = opt_vmcore ? opt_vmcore :
			   kc_path(path, sizeof(path), "/proc/vmcore");
		err = kc_read_vmcore(src_name, size, addr, how, &src, &why);
	}
	if (err == -ENODATA)
		return fail(ctx, KC_EXIT_NONE, src_name, why);
	if (err == -ENOENT && !opt_vmcore && !opt_region && !opt_dump &&
	    access(src_name, F_OK))
		return fail(ctx, KC_EXIT_UNREADABLE, src_name,
			    "not found: this is not a capture kernel; name a dump "
			    "with --vmcore FILE or an image with --region FILE");
	if (err == -ENOENT && !opt_region && !opt_dump)
		return fail(ctx, KC_EXIT_UNREADABLE, src_name,
			    "the region's address is not in the dump: a reserved "
			    "region is not System RAM, and the dump leaves it out "
			    "(read kcrumbs' copy with --previous)");
	if (err)
		return fail(ctx, KC_EXIT_UNREADABLE, src_name, why);

	if (!strncmp(src.how, "scan: ", 6))
		fprintf(stderr, "kcrumbs read: %s: found by a scan instead\n",
			src.how + 6);
	/* saved as found, before decoding: a bad region is evidence too */
	if (opt_save && save(&src)) {
		free(src.buf);
		return KC_EXIT_FAIL;
	}
	err = kc_region_decode(src.buf, src.len, &r, &why);
	if (err) {
		free(src.buf);
		return fail(ctx, err == -ENOMEM ? KC_EXIT_FAIL : KC_EXIT_NONE,
			    src_name, why);
	}
	if (ctx->json)
		kc_report_json(stdout, &src, &r);
	else
		kc_report_text(stdout, &src, &r, (unsigned int)opt_log_lines);
	rc = r.n_bad || r.n_bad_marks ? KC_EXIT_CORRUPT :
	     r.n_recs || r.n_marks ? KC_EXIT_OK : KC_EXIT_NONE;
	kc_region_free(&r);
	free(src.buf);
	return rc;
}
