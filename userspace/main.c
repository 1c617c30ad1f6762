// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: command-line front end.
 *
 * Global options first, then COMMAND and its own options:
 *   kcrumbs [--json] COMMAND [OPTIONS] [ARGS]
 * Commands come from one table (commands.c); --help lists them from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "nlerr.h"
#include "sysfs.h"

#include "buildinfo.h"

static void print_commands(FILE *f)
{
	unsigned int i;

	fputs("\nCommands:\n", f);
	for (i = 0; i < kc_n_cmds; i++)
		fprintf(f, "  %-11s %s\n", kc_cmds[i].name, kc_cmds[i].summary);
	fputs("\nRun 'kcrumbs COMMAND --help' for a command's options.\n"
	      "Exit codes: 0 ok, 1 failed, 2 usage, 3 module not loaded, "
	      "4 permission denied,\n"
	      "            5 refused for safety (not confirmed, not armed, "
	      "no crash kernel),\n"
	      "            read: 6 no breadcrumbs, 7 corrupt records present, "
	      "8 source unreadable.\n"
	      "Environment: KCRUMBS_ROOT=DIR is --root DIR; KCRUMBS_PROFILES=DIR "
	      "holds the policy profiles.\n", f);
}

static const struct kc_cmd *find_cmd(const char *name)
{
	unsigned int i;

	for (i = 0; i < kc_n_cmds; i++)
		if (strcmp(kc_cmds[i].name, name) == 0)
			return &kc_cmds[i];
	return NULL;
}

static int print_version(void)
{
	struct kc_status st;
	char why[512];
	int loaded = kc_query_status(&st, why, sizeof(why)) == KC_EXIT_OK;

	if (kc_globals.ctx.json) {
		printf("{\"schema\":1,\"version\":\"%s\",\"abi\":%d,\"module\":",
		       KCRUMBS_VERSION, KCRUMBS_ABI_VERSION);
		if (loaded) {
			fputs("{\"loaded\":true,\"version\":", stdout);
			kc_json_string(stdout, st.version);
			printf(",\"abi\":%u,\"kernel_release\":", st.abi_version);
			kc_json_string(stdout, st.kernel_release);
		} else {
			fputs("{\"loaded\":false,\"error\":", stdout);
			kc_json_string(stdout, why);
		}
		fputs("}}\n", stdout);
		return KC_EXIT_OK;
	}
	printf("kcrumbs %s (ABI %d)\n", KCRUMBS_VERSION, KCRUMBS_ABI_VERSION);
	if (loaded)
		printf("module %s (ABI %u) on %s\n", st.version,
		       st.abi_version, st.kernel_release);
	else
		printf("module: %s\n", why);
	return KC_EXIT_OK;
}

/* Report a popt error the same way everywhere; returns KC_EXIT_USAGE. */
static int usage_error(poptContext con, const char *who, int rc)
{
	fprintf(stderr, "%s: %s: %s\nTry '%s --help'.\n", who,
		poptBadOption(con, POPT_BADOPTION_NOALIAS), poptStrerror(rc),
		who);
	return KC_EXIT_USAGE;
}

static int run_cmd(const struct kc_cmd *cmd, int argc, const char **argv)
{
	struct poptOption opts[] = {
		{ NULL, '\0', POPT_ARG_INCLUDE_TABLE,
		  (void *)cmd->options, 0, "Command options:", NULL },
		{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, (void *)kc_common_options, 0,
		  "Options:", NULL },
		POPT_TABLEEND
	};
	char who[64], synopsis[256];
	const char **args, **av;
	poptContext con;
	int rc, n = 0;

	/* popt prints argv[0] in its usage line: make it "kcrumbs CMD" */
	snprintf(who, sizeof(who), "kcrumbs %s", cmd->name);
	av = calloc((size_t)argc + 1, sizeof(*av));
	if (!av) {
		fprintf(stderr, "kcrumbs: out of memory\n");
		return KC_EXIT_FAIL;
	}
	memcpy(av, argv, (size_t)argc * sizeof(*av));
	av[0] = who;
	con = poptGetContext(who, argc, av, cmd->options ? opts : opts + 1, 0);
	snprintf(synopsis, sizeof(synopsis), "[OPTIONS] %s", cmd->args);
	poptSetOtherOptionHelp(con, synopsis);

	while ((rc = poptGetNextOpt(con)) > 0)
		;
	if (rc < -1) {
		rc = usage_error(con, who, rc);
		goto out;
	}
	if (kc_globals.help) {
		printf("%s\n\n", cmd->summary);
		poptPrintHelp(con, stdout, 0);
		rc = KC_EXIT_OK;
		goto out;
	}
	args = poptGetArgs(con);
	while (args && args[n])
		n++;
	rc = cmd->run(&kc_globals.ctx, n, args ? args : (const char *[]){ NULL });
out:
	poptFreeContext(con);
	free(av);
	return rc;
}

static int kc_main(int argc, const char **argv);

/*
 * --json promises one JSON document on stdout, whatever happens: a usage
 * error, a refusal, a module that is not loaded. Both streams are held
 * until the command is done; if it wrote nothing to stdout and failed,
 * its error (the first line it wrote to stderr) becomes
 * {"schema":1,"error":"...","exit":N}. stderr still gets every line.
 */
struct json_guard {
	FILE *out, *err;
	char *obuf, *ebuf;
	size_t olen, elen;
};

static int wants_json(int argc, const char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j"))
			return 1;
	return 0;
}

static void json_begin(struct json_guard *g)
{
	FILE *o = open_memstream(&g->obuf, &g->olen);
	FILE *e = o ? open_memstream(&g->ebuf, &g->elen) : NULL;

	g->out = NULL;
	if (!o || !e) {
		if (o)
			fclose(o);
		return;		/* no memory: streams as they are */
	}
	g->out = stdout;
	g->err = stderr;
	stdout = o;
	stderr = e;
}

/* The first non-empty line of @s (@n bytes), into @line: the error. */
static void first_line(const char *s, size_t n, char *line, size_t len)
{
	size_t start = 0, end;

	while (start < n && s[start] == '\n')
		start++;
	for (end = start; end < n && s[end] != '\n'; end++)
		;
	snprintf(line, len, "%.*s", (int)(end - start), s + start);
}

static void json_end(struct json_guard *g, int rc)
{
	char line[1024];

	if (!g->out)
		return;
	fclose(stdout);
	fclose(stderr);
	stdout = g->out;
	stderr = g->err;
	fwrite(g->ebuf, 1, g->elen, stderr);
	if (g->olen) {
		fwrite(g->obuf, 1, g->olen, stdout);
	} else if (rc != KC_EXIT_OK) {
		first_line(g->ebuf, g->elen, line, sizeof(line));
		fputs("{\"schema\":1,\"error\":", stdout);
		kc_json_string(stdout, line[0] ? line : "failed");
		printf(",\"exit\":%d}\n", rc);
	}
	free(g->obuf);
	free(g->ebuf);
}

int main(int argc, const char **argv)
{
	struct json_guard guard = { 0 };
	int json = wants_json(argc, argv);
	int rc;

	if (json)
		json_begin(&guard);
	rc = kc_main(argc, argv);
	if (json)
		json_end(&guard, rc);
	return rc;
}

static int kc_main(int argc, const char **argv)
{
	const struct kc_cmd *cmd;
	const char **rest;
	poptContext con;
	int rc, n = 0;

	con = poptGetContext("kcrumbs", argc, argv, kc_global_options,
			     POPT_CONTEXT_POSIXMEHARDER);
	poptSetOtherOptionHelp(con, "[OPTIONS] COMMAND [COMMAND OPTIONS] [ARGS]");
	while ((rc = poptGetNextOpt(con)) > 0)
		;
	if (rc < -1) {
		rc = usage_error(con, "kcrumbs", rc);
		goto out;
	}
	if (kc_globals.root)
		kc_set_root(kc_globals.root);
	if (kc_globals.version) {
		rc = print_version();
		goto out;
	}
	rest = poptGetArgs(con);
	if (kc_globals.help || !rest || !rest[0]) {
		FILE *f = kc_globals.help ? stdout : stderr;

		fputs("kcrumbs: structured crash breadcrumbs that outlive the "
		      "crash.\n\n", f);
		poptPrintHelp(con, f, 0);
		print_commands(f);
		rc = kc_globals.help ? KC_EXIT_OK : KC_EXIT_USAGE;
		goto out;
	}
	cmd = find_cmd(rest[0]);
	if (!cmd) {
		fprintf(stderr, "kcrumbs: unknown command '%s'\n", rest[0]);
		print_commands(stderr);
		rc = KC_EXIT_USAGE;
		goto out;
	}
	while (rest[n])
		n++;
	/* popt treats argv[0] as the program name: the command's name is it */
	rc = run_cmd(cmd, n, rest);
out:
	poptFreeContext(con);
	return rc;
}
