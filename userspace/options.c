// SPDX-License-Identifier: GPL-2.0
/*
 * The global options: before COMMAND, and the two every command takes
 * besides its own. main.c parses with these tables; `kcrumbs completion`
 * reads them, as it reads each command's.
 */
#include "cli.h"

struct kc_globals kc_globals;

const struct poptOption kc_common_options[] = {
	{ "json", 'j', POPT_ARG_NONE, &kc_globals.ctx.json, 0,
	  "machine-readable JSON on stdout", NULL },
	{ "help", 'h', POPT_ARG_NONE, &kc_globals.help, 0,
	  "show this help and exit", NULL },
	POPT_TABLEEND
};

const struct poptOption kc_global_options[] = {
	{ "version", 'V', POPT_ARG_NONE, &kc_globals.version, 0,
	  "print the tool's version and the loaded module's, then exit",
	  NULL },
	{ "root", '\0', POPT_ARG_STRING, &kc_globals.root, 0,
	  "read /proc, /sys, /boot and /etc under DIR (as KCRUMBS_ROOT does)",
	  "DIR" },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, (void *)kc_common_options, 0,
	  "Options:", NULL },
	POPT_TABLEEND
};
