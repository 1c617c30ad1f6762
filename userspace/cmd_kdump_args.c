// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs kdump-args`: the arguments the capture kernel's command line
 * needs so that `kcrumbs read` finds the region without scanning the dump.
 * Only the arguments go to standard output, so that $(kcrumbs kdump-args)
 * can be put on a command line; guidance goes to standard error.
 * `--install` writes them into kdump's configuration (kdumpcfg.c), which
 * kdump-tools.service does again at every boot (its kcrumbs drop-in), so
 * the capture kernel never carries a stale address.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmdline.h"
#include "fileio.h"
#include "json.h"
#include "kdumpcfg.h"
#include "nlerr.h"
#include "sysfs.h"

#define KC_KDUMP_TOOLS_CFG	"/etc/default/kdump-tools"
#define KC_KDUMPCTL_CFG		"/etc/sysconfig/kdump"
#define KC_CFG_MAX		(256 * 1024)

static int opt_raw, opt_install, opt_uninstall, opt_quiet;
static const char *opt_config;

const struct poptOption kc_kdump_args_options[] = {
	{ "install", 'i', POPT_ARG_NONE, &opt_install, 0,
	  "write them into kdump's configuration (/etc/default/kdump-tools or "
	  "/etc/sysconfig/kdump), keeping everything else", NULL },
	{ "uninstall", 'u', POPT_ARG_NONE, &opt_uninstall, 0,
	  "take out of kdump's configuration what --install put there (the "
	  "region's argument, a KDUMP_CMDLINE it wrote): the package's removal "
	  "runs it", NULL },
	{ "config", 'c', POPT_ARG_STRING, &opt_config, 0,
	  "with --install or --uninstall: this file (kdump-tools' format unless it is a "
	  "sysconfig/kdump)", "FILE" },
	{ "quiet", 'q', POPT_ARG_NONE, &opt_quiet, 0,
	  "no guidance on standard error (at boot)", NULL },
	{ "raw", 'r', POPT_ARG_NONE, &opt_raw, 0,
	  "the same as without it (kept for scripts)", NULL },
	POPT_TABLEEND
};

#define say(...) do { if (!opt_quiet) fprintf(stderr, __VA_ARGS__); } while (0)

static int read_line(const char *path, char *buf, size_t len)
{
	char p[4096];
	FILE *f = fopen(kc_path(p, sizeof(p), path), "r");

	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* The region's argument; 0, or an exit code with the reason said. */
static int region_arg(char *arg, size_t len, uint64_t *size, uint64_t *addr,
		      char *mode, size_t mode_len)
{
	char region[128];
	int err = read_line("/sys/kernel/kcrumbs/region", region, sizeof(region));

	if (err == -ENOENT) {
		fprintf(stderr, "kcrumbs kdump-args: the kcrumbs kernel module is not "
			"loaded (load it with: modprobe kcrumbs)\n");
		return KC_EXIT_NOMODULE;
	}
	if (err == -EACCES || err == -EPERM) {
		fprintf(stderr, "kcrumbs kdump-args: permission denied: the region's "
			"physical address is for root only\n");
		return KC_EXIT_PERM;
	}
	if (err || kc_parse_region(region, size, addr)) {
		fprintf(stderr, "kcrumbs kdump-args: cannot read /sys/kernel/kcrumbs/region\n");
		return KC_EXIT_FAIL;
	}
	if (read_line("/sys/kernel/kcrumbs/mode", mode, mode_len))
		snprintf(mode, mode_len, "unknown");
	snprintf(arg, len, "kcrumbs.region=%" PRIu64 "@0x%" PRIx64, *size, *addr);
	return KC_EXIT_OK;
}

/* Which file, which tool: --config, else the one that exists. */
static const char *config_file(char *path, size_t len, enum kc_kdump_flavor *fl)
{
	const char *c = opt_config;
	char p[4096];
	FILE *f;

	if (!c) {
		f = fopen(kc_path(p, sizeof(p), KC_KDUMP_TOOLS_CFG), "r");
		c = f ? KC_KDUMP_TOOLS_CFG : KC_KDUMPCTL_CFG;
		if (f)
			fclose(f);
		kc_path(path, len, c);
	} else {
		snprintf(path, len, "%s", c);
	}
	*fl = strstr(c, "sysconfig/kdump") ? KC_KDUMPCTL : KC_KDUMP_TOOLS;
	return c;
}

/* Print each line of @b that @a does not have, marked with @mark. */
static void show_changes(const char *a, const char *b, char mark)
{
	const char *p = b, *nl;
	size_t n;
	char *line;

	for (; *p; p = nl ? nl + 1 : p + n) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		line = strndup(p, n);
		if (line && n && !strstr(a, line))
			say("  %c %s\n", mark, line);
		free(line);
		if (!nl)
			break;
	}
}

/*
 * Write @arg (NULL: none) into kdump's configuration; @uninstall: and
 * take out the KDUMP_CMDLINE written for a '$' in /proc/cmdline.
 */
static int install(const char *arg, int uninstall)
{
	char path[4096], cmdline[8192] = "";
	enum kc_kdump_flavor fl;
	const char *name, *why = "";
	char *old, *new;
	int err;

	name = config_file(path, sizeof(path), &fl);
	old = kc_file_read(path, KC_CFG_MAX, &err);
	if (!old && uninstall && err == -ENOENT) {
		say("kcrumbs kdump-args: no %s: nothing to take out\n", name);
		return KC_EXIT_OK;
	}
	if (!old) {
		fprintf(stderr, "kcrumbs kdump-args: cannot read %s: %s%s\n", name,
			strerror(-err), err == -ENOENT && !opt_config ?
			" (neither kdump-tools nor kdumpctl is installed: "
			"apt install kdump-tools)" : "");
		return KC_EXIT_FAIL;
	}
	/* an empty command line holds no '$': the marked KDUMP_CMDLINE goes */
	if (!uninstall)
		read_line("/proc/cmdline", cmdline, sizeof(cmdline));
	err = kc_kdumpcfg_edit(old, fl, arg, cmdline, &new, &why);
	if (err) {
		fprintf(stderr, "kcrumbs kdump-args: %s: %s\n", name, why);
		free(old);
		return KC_EXIT_FAIL;
	}
	if (!strcmp(old, new)) {
		say("kcrumbs kdump-args: %s already carries %s\n", name,
		    arg ? arg : uninstall ? "nothing of kcrumbs" : "no region");
		goto out;
	}
	err = kc_file_replace(path, new, 0644);
	if (err) {
		fprintf(stderr, "kcrumbs kdump-args: cannot write %s: %s\n", name,
			strerror(-err));
		free(old);
		free(new);
		return err == -EACCES || err == -EPERM ? KC_EXIT_PERM : KC_EXIT_FAIL;
	}
	say("kcrumbs kdump-args: updated %s:\n", name);
	show_changes(new, old, '-');
	show_changes(old, new, '+');
	say("then reload kdump: %s\n", fl == KC_KDUMPCTL ? "kdumpctl restart" :
	    "systemctl restart kdump-tools (it is also done at every boot)");
out:
	free(old);
	free(new);
	return KC_EXIT_OK;
}

int kc_cmd_kdump_args(struct kc_ctx *ctx, int argc, const char **argv)
{
	char arg[128], mode[32];
	uint64_t size, addr;
	int rc, irc;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs kdump-args: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	if (opt_install && opt_uninstall) {
		fprintf(stderr, "kcrumbs kdump-args: --install or --uninstall, not both\n");
		return KC_EXIT_USAGE;
	}
	if (opt_config && !opt_install && !opt_uninstall) {
		fprintf(stderr, "kcrumbs kdump-args: --config goes with --install or "
			"--uninstall\n");
		return KC_EXIT_USAGE;
	}
	if (opt_uninstall)
		return install(NULL, 1);
	rc = region_arg(arg, sizeof(arg), &size, &addr, mode, sizeof(mode));
	if (opt_install) {
		/* without the module: a stale address is taken out all the same */
		if (rc && rc != KC_EXIT_NOMODULE)
			return rc;
		irc = install(rc ? NULL : arg, 0);
		return irc ? irc : rc;
	}
	if (rc)
		return rc;
	if (ctx->json) {
		printf("{\"schema\":2,\"arg\":\"%s\",\"size\":\"%" PRIu64
		       "\",\"address\":\"0x%" PRIx64 "\",\"mode\":", arg, size, addr);
		kc_json_string(stdout, mode);
		fputs("}\n", stdout);
		return KC_EXIT_OK;
	}
	printf("%s\n", arg);
	if (opt_raw || opt_quiet)
		return KC_EXIT_OK;
	say("\nkcrumbs kdump-args: put the line above on the capture kernel's "
	    "command line:\n"
	    "  kdump-tools: sudo kcrumbs kdump-args --install "
	    "(KDUMP_CMDLINE_APPEND in /etc/default/kdump-tools)\n"
	    "  kdumpctl:    KDUMP_COMMANDLINE_APPEND in /etc/sysconfig/kdump, "
	    "then kdumpctl restart\n");
	if (strcmp(mode, "dynamic") == 0)
		say("The region is dynamic: its address changes each time kcrumbs "
		    "loads. kdump-tools' kcrumbs drop-in writes it again at every "
		    "boot; after loading kcrumbs by hand, run --install and reload "
		    "kdump. Without the argument, 'kcrumbs read' scans the dump.\n");
	return KC_EXIT_OK;
}
