// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs kdump-args`: what the capture kernel's command line needs so
 * that `kcrumbs read` finds the region without scanning the dump.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmdline.h"
#include "json.h"
#include "nlerr.h"
#include "sysfs.h"

static int opt_raw;

const struct poptOption kc_kdump_args_options[] = {
	{ "raw", 'r', POPT_ARG_NONE, &opt_raw, 0,
	  "print only the argument, for scripts", NULL },
	POPT_TABLEEND
};

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

static int region_arg(char *arg, size_t len, uint64_t *size, uint64_t *addr,
		      char *mode, size_t mode_len)
{
	char region[128];
	int err = read_line("/sys/kernel/kcrumbs/region", region, sizeof(region));

	if (err == -ENOENT) {
		fprintf(stderr, "kcrumbs: the kcrumbs kernel module is not loaded "
			"(load it with: modprobe kcrumbs)\n");
		return KC_EXIT_NOMODULE;
	}
	if (err == -EACCES || err == -EPERM) {
		fprintf(stderr, "kcrumbs: permission denied: the region's physical "
			"address is for root only\n");
		return KC_EXIT_PERM;
	}
	if (err || kc_parse_region(region, size, addr)) {
		fprintf(stderr, "kcrumbs: cannot read /sys/kernel/kcrumbs/region\n");
		return KC_EXIT_FAIL;
	}
	if (read_line("/sys/kernel/kcrumbs/mode", mode, mode_len))
		snprintf(mode, mode_len, "unknown");
	snprintf(arg, len, "kcrumbs.region=%" PRIu64 "@0x%" PRIx64, *size, *addr);
	return KC_EXIT_OK;
}

int kc_cmd_kdump_args(struct kc_ctx *ctx, int argc, const char **argv)
{
	char arg[128], mode[32];
	uint64_t size, addr;
	int rc;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs kdump-args: takes no arguments\n");
		return KC_EXIT_USAGE;
	}
	rc = region_arg(arg, sizeof(arg), &size, &addr, mode, sizeof(mode));
	if (rc)
		return rc;
	if (ctx->json) {
		printf("{\"schema\":1,\"arg\":\"%s\",\"size\":%" PRIu64
		       ",\"address\":%" PRIu64 ",\"mode\":", arg, size, addr);
		kc_json_string(stdout, mode);
		fputs("}\n", stdout);
	} else if (opt_raw) {
		printf("%s\n", arg);
	} else {
		printf("Append to the capture kernel's command line:\n  %s\n\n"
		       "kdump-tools, /etc/default/kdump-tools:\n"
		       "  KDUMP_CMDLINE_APPEND=\"<what is there> %s\"\n"
		       "kdumpctl, /etc/sysconfig/kdump:\n"
		       "  KDUMP_COMMANDLINE_APPEND=\"<what is there> %s\"\n"
		       "then reload kdump (kdump-config load, or kdumpctl restart).\n",
		       arg, arg, arg);
		if (strcmp(mode, "dynamic") == 0)
			printf("\nThe region is %s: its address changes each time "
			       "kcrumbs loads, so reload kdump after loading it.\n"
			       "Without the argument, 'kcrumbs read' scans the dump "
			       "for the region instead.\n", mode);
	}
	return KC_EXIT_OK;
}
