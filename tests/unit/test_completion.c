// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: the bash completion script (completion.c, `kcrumbs
 * completion bash`). Every command and every option of the real tables is
 * in it, walked here independently of the generator; then the script the
 * binary prints is sourced in `bash --norc` and _kcrumbs is called with
 * COMP_WORDS and COMP_CWORD set, as bash does on <TAB>.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "completion.h"
#include "fakeroot.h"
#include "knobs.h"
#include "nlerr.h"
#include "runcli.h"

/* the binary's script, in a file bash sources */
static char script[] = "/tmp/kc-completion.XXXXXX";
/* files and directories for FILE and DIR arguments */
static char tree[64];

static const struct kc_completion_spec real = {
	.prog = "kcrumbs",
	.version = "test",
	.cmds = kc_cmds,
	.n_cmds = 0,		/* kc_n_cmds: set in main() */
	.global = kc_global_options,
	.common = kc_common_options,
	.profiledir = "/nonexistent",
};

static char *generate(const struct kc_completion_spec *s, int *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	*err = kc_completion_bash(f, s);
	fclose(f);
	return buf;
}

/* The line of @text that starts with @start; a copy, or NULL. */
static char *line_of(const char *text, const char *start)
{
	size_t n = strlen(start);
	const char *p = text, *end;

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, start, n) == 0) {
			end = strchr(p, '\n');
			return strndup(p, end ? (size_t)(end - p) : strlen(p));
		}
	return NULL;
}

/* @word is one of @list's words (separated by spaces, quotes, '|', ':') */
static int has_word(const char *list, const char *word)
{
	static const char seps[] = " '|:\t\n";
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || strchr(seps, p[-1])) &&
		    (p[n] == '\0' || strchr(seps, p[n]) || p[n] == ')'))
			return 1;
		p++;
	}
	return 0;
}

/* Every named option of @t, nested tables included, as popt sees them. */
static void each_option(const struct poptOption *t,
			void (*fn)(const struct poptOption *o, void *arg),
			void *arg)
{
	for (; t && (t->longName || t->shortName || t->arg); t++) {
		if ((t->argInfo & POPT_ARG_MASK) == POPT_ARG_INCLUDE_TABLE)
			each_option(t->arg, fn, arg);
		else if (t->longName || t->shortName)
			fn(t, arg);
	}
}

struct scope_check {
	const char *script;
	const char *scope;	/* "" before a command */
	const char *opts;	/* the scope's line in _kcrumbs_opts */
	unsigned int n;		/* options checked */
};

static int arg_taking(const struct poptOption *o)
{
	unsigned int type = o->argInfo & POPT_ARG_MASK;

	return type != POPT_ARG_NONE && type != POPT_ARG_VAL &&
	       !(o->argInfo & POPT_ARGFLAG_OPTIONAL);
}

static void check_option(const struct poptOption *o, void *arg)
{
	struct scope_check *c = arg;
	char name[160], pattern[200], *line;
	const char *kind;

	c->n++;
	snprintf(name, sizeof(name), "--%s", o->longName ? o->longName : "");
	if (o->longName && !has_word(c->opts, name))
		fail_msg("kcrumbs %s: %s is not completed", c->scope, name);
	if (o->shortName) {
		snprintf(name, sizeof(name), "-%c", o->shortName);
		if (!has_word(c->opts, name))
			fail_msg("kcrumbs %s: %s is not completed", c->scope, name);
	}
	if (!arg_taking(o) || !o->longName)
		return;
	/* the line of _kcrumbs_arg naming it says its argument's kind */
	snprintf(pattern, sizeof(pattern), "%s:--%s", c->scope, o->longName);
	line = strstr(c->script, "\n_kcrumbs_arg()");
	assert_non_null(line);
	line = strstr(line, pattern);
	if (!line)
		fail_msg("kcrumbs %s: %s's argument is not known", c->scope,
			 pattern);
	kind = kc_arg_kind_name(kc_arg_kind(o->argDescrip, NULL));
	line = strndup(line, strcspn(line, "\n"));
	assert_non_null(strstr(line, kind));
	free(line);
}

static void test_arg_kinds(void **state)
{
	int rep;

	(void)state;
	assert_int_equal(kc_arg_kind("FILE", &rep), KC_ARG_FILE);
	assert_int_equal(rep, 0);
	assert_int_equal(kc_arg_kind("PATH", NULL), KC_ARG_FILE);
	assert_int_equal(kc_arg_kind("DIR", NULL), KC_ARG_DIR);
	assert_int_equal(kc_arg_kind("PROFILE", NULL), KC_ARG_PROFILE);
	assert_int_equal(kc_arg_kind("TYPE", NULL), KC_ARG_TYPE);
	assert_int_equal(kc_arg_kind("KEY=VALUE...", &rep), KC_ARG_KNOB);
	assert_int_equal(rep, 1);
	assert_int_equal(kc_arg_kind("FILE...", &rep), KC_ARG_FILE);
	assert_int_equal(rep, 1);
	assert_int_equal(kc_arg_kind("N", &rep), KC_ARG_TEXT);
	assert_int_equal(rep, 0);
	assert_int_equal(kc_arg_kind("FILES", NULL), KC_ARG_TEXT);
	assert_int_equal(kc_arg_kind("...", NULL), KC_ARG_TEXT);
	assert_int_equal(kc_arg_kind(NULL, &rep), KC_ARG_TEXT);
	assert_string_equal(kc_arg_kind_name(KC_ARG_DIR), "dir");
}

/*
 * Every command of kc_cmds, every option of its table and of the common
 * table, every global option and every subcommand word is in the script:
 * an option added to a table cannot be left out.
 */
static void test_every_command_and_option(void **state)
{
	struct scope_check c;
	const struct kc_subcmd *sc;
	char start[128], *cmds, *line;
	unsigned int i, total = 0;
	int err;
	char *s = generate((const struct kc_completion_spec *)*state, &err);

	assert_int_equal(err, 0);
	assert_non_null(strstr(s, "\n_kcrumbs()\n"));
	assert_non_null(strstr(s, "\ncomplete -F _kcrumbs kcrumbs\n"));
	cmds = line_of(s, "\techo 'status ");
	assert_non_null(cmds);

	c.script = s;
	c.scope = "";
	c.n = 0;
	line = line_of(s, "\t'') echo '");
	assert_non_null(line);
	c.opts = line;
	each_option(kc_global_options, check_option, &c);
	assert_true(has_word(line, "--version") && has_word(line, "--root") &&
		    has_word(line, "--json") && has_word(line, "--help"));
	total += c.n;
	free(line);

	for (i = 0; i < kc_n_cmds; i++) {
		if (!has_word(cmds, kc_cmds[i].name))
			fail_msg("command %s is not completed", kc_cmds[i].name);
		snprintf(start, sizeof(start), "\t%s) echo '", kc_cmds[i].name);
		line = line_of(s, start);
		if (!line)
			fail_msg("command %s has no options line", kc_cmds[i].name);
		c.scope = kc_cmds[i].name;
		c.opts = line;
		c.n = 0;
		each_option(kc_cmds[i].options, check_option, &c);
		each_option(kc_common_options, check_option, &c);
		assert_true(has_word(line, "--json") && has_word(line, "--help"));
		total += c.n;
		free(line);
		if (!kc_cmds[i].subcmds)
			continue;
		line = line_of(strstr(s, "\n_kcrumbs_words()"), start);
		assert_non_null(line);
		for (sc = kc_cmds[i].subcmds; sc->name; sc++)
			if (!has_word(line, sc->name))
				fail_msg("%s %s is not completed", kc_cmds[i].name,
					 sc->name);
		free(line);
	}
	for (i = 0; i < kc_n_knobs; i++)
		assert_true(has_word(s, kc_knobs_table[i].key));
	/*
	 * the tables were really walked: the global four, the common two of
	 * every command, and more than read's own seven
	 */
	assert_true(total > 4 + 2 * kc_n_cmds + 7);
	free(cmds);
	free(s);
}

/* Nested include tables, a callback, a hidden option, an optional one. */
static int noop(struct kc_ctx *ctx, int argc, const char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	return 0;
}

static void cb(poptContext con, enum poptCallbackReason reason,
	       const struct poptOption *opt, const char *arg, const void *data)
{
	(void)con;
	(void)reason;
	(void)opt;
	(void)arg;
	(void)data;
}

static int flag;
static char *str;

static const struct poptOption inner[] = {
	{ "deep", 'D', POPT_ARG_STRING, &str, 0, "a nested option", "DIR" },
	POPT_TABLEEND
};

static const struct poptOption middle[] = {
	{ "middle", '\0', POPT_ARG_NONE, &flag, 0, "one level down", NULL },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, (void *)inner, 0, NULL, NULL },
	POPT_TABLEEND
};

static const struct poptOption outer[] = {
	{ NULL, '\0', POPT_ARG_CALLBACK, (void *)cb, 0, NULL, NULL },
	{ "top", 't', POPT_ARG_STRING, NULL, 1, "a file", "FILE" },
	{ "secret", '\0', POPT_ARG_STRING | POPT_ARGFLAG_DOC_HIDDEN, &str, 0,
	  "hidden", "PROFILE" },
	{ "maybe", '\0', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL, &str, 0,
	  "only as --maybe=X", "FILE" },
	{ "count", 'c', POPT_ARG_INT, &flag, 0, "a number", "N" },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, (void *)middle, 0, NULL, NULL },
	POPT_TABLEEND
};

static const struct poptOption common[] = {
	{ "json", 'j', POPT_ARG_NONE, &flag, 0, NULL, NULL },
	POPT_TABLEEND
};

static const struct kc_subcmd words[] = {
	{ "one", "FILE...", noop },
	{ "two", NULL, noop },
	{ NULL, NULL, NULL }
};

static void test_nested_tables(void **state)
{
	const struct kc_cmd cmds[] = {
		{ .name = "alpha", .args = "", .summary = "", .options = outer,
		  .run = noop },
		{ .name = "beta", .args = "", .summary = "", .subcmds = words,
		  .operand = "TYPE", .run = noop },
	};
	const struct kc_completion_spec s = {
		.prog = "kcrumbs", .version = "1", .cmds = cmds, .n_cmds = 2,
		.global = common, .common = common, .profiledir = "/it's",
	};
	char *out, *line;
	int err;

	(void)state;
	out = generate(&s, &err);
	assert_int_equal(err, 0);
	line = line_of(out, "\talpha) echo '");
	assert_non_null(line);
	assert_string_equal(line, "\talpha) echo '--top -t --maybe --count -c "
			    "--middle --deep -D --json -j' ;;");
	free(line);
	assert_non_null(strstr(out, "\talpha:--top|alpha:-t) echo file ;;\n"));
	assert_non_null(strstr(out, "\talpha:--deep|alpha:-D) echo dir ;;\n"));
	assert_non_null(strstr(out, "\talpha:--count|alpha:-c) echo text ;;\n"));
	/* hidden: not offered, but its argument is still skipped */
	assert_non_null(strstr(out, "\talpha:--secret) echo profile ;;\n"));
	/* optional: the next word is not its argument */
	assert_null(strstr(out, "alpha:--maybe"));
	assert_non_null(strstr(out, "\tbeta) echo 'one two' ;;\n"));
	assert_non_null(strstr(out, "\tbeta:) echo type ;;\n"));
	assert_non_null(strstr(out, "\tbeta:one) echo file... ;;\n"));
	assert_null(strstr(out, "beta:two"));
	assert_non_null(strstr(out, "_kcrumbs_profiledir='/it'\\''s'\n"));
	free(out);
}

static void test_refuses_names_needing_quotes(void **state)
{
	static const struct poptOption bad_opt[] = {
		{ "a b", '\0', POPT_ARG_NONE, &flag, 0, NULL, NULL },
		POPT_TABLEEND
	};
	struct kc_cmd cmds[] = {
		{ .name = "ok", .args = "", .summary = "", .run = noop },
	};
	struct kc_completion_spec s = {
		.prog = "kcrumbs", .version = "1", .cmds = cmds, .n_cmds = 1,
		.global = common, .common = common, .profiledir = "/",
	};
	char *out;
	int err;

	(void)state;
	out = generate(&s, &err);
	assert_int_equal(err, 0);
	free(out);

	cmds[0].name = "x;rm";
	out = generate(&s, &err);
	assert_int_equal(err, -EINVAL);
	assert_string_equal(out, "");	/* nothing half-written */
	free(out);

	cmds[0].name = "ok";
	cmds[0].options = bad_opt;
	out = generate(&s, &err);
	assert_int_equal(err, -EINVAL);
	free(out);

	cmds[0].options = NULL;
	cmds[0].subcmds = (const struct kc_subcmd[]){ { "$(x)", NULL, noop },
						      { NULL, NULL, NULL } };
	out = generate(&s, &err);
	assert_int_equal(err, -EINVAL);
	free(out);
}

static void test_command(void **state)
{
	char path[4200], *made;
	struct run r;

	(void)state;
	run(&r, "completion bash");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_true(strncmp(r.out, "# bash completion for kcrumbs", 29) == 0);
	assert_non_null(strstr(r.out, "\ncomplete -F _kcrumbs kcrumbs\n"));
	assert_string_equal(r.err, "");
	/* make cli's build/kcrumbs.bash-completion is this output */
	snprintf(path, sizeof(path), "%s", getenv("KCRUMBS_BIN"));
	strcpy(strrchr(path, '/'), "/kcrumbs.bash-completion");
	made = slurp(path);
	assert_string_equal(made, r.out);
	free(made);
	done(&r);

	run(&r, "completion zsh");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "unknown shell 'zsh' (known: bash)"));
	assert_string_equal(r.out, "");
	done(&r);

	run(&r, "completion");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.err, "which shell?"));
	done(&r);

	run(&r, "completion bash extra");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);

	run(&r, "completion --help");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "Usage: kcrumbs completion [OPTIONS] bash"));
	done(&r);

	run(&r, "--help");
	assert_non_null(strstr(r.out, "  completion "));
	done(&r);

	/* a script is not JSON: --json gets its one document, an error */
	run(&r, "--json completion bash");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_non_null(strstr(r.out, "{\"schema\":1,\"error\":"));
	assert_non_null(strstr(r.out, "\"exit\":2}"));
	done(&r);
}

/*
 * What _kcrumbs offers for the words @w (the last one is being completed),
 * one per line, with @env before bash (e.g. "KCRUMBS_PROFILES=/x") and
 * @pre run after the script is sourced.
 */
static char *complete_env(const char *env, const char *pre, const char *const *w)
{
	char cmd[8192], *out = NULL;
	size_t used, len = 0;
	FILE *p, *o;
	int c, st;

	used = (size_t)snprintf(cmd, sizeof(cmd),
		"cd '%s' && env %s bash --norc --noprofile -c '. \"$0\"; %s; "
		"COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); "
		"_kcrumbs \"$1\" \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD - 1]}\"; "
		"[ ${#COMPREPLY[@]} = 0 ] || printf \"%%s\\n\" \"${COMPREPLY[@]}\"' '%s'",
		tree, env ? env : "", pre ? pre : ":", script);
	for (; *w; w++)
		used += (size_t)snprintf(cmd + used, sizeof(cmd) - used, " '%s'", *w);
	assert_true(used < sizeof(cmd));
	p = popen(cmd, "r");
	assert_non_null(p);
	o = open_memstream(&out, &len);
	assert_non_null(o);
	while ((c = fgetc(p)) != EOF)
		fputc(c, o);
	fclose(o);
	st = pclose(p);
	assert_int_equal(st, 0);
	return out;
}

#define complete(...) complete_env(NULL, NULL, (const char *const[]){ __VA_ARGS__, NULL })

/* @out holds exactly the lines @want (any order) */
static void assert_offers(char *out, const char *const *want)
{
	size_t n = 0, lines = 0;
	const char *p;
	char line[512];

	for (p = out; *p; p = strchr(p, '\n') + 1)
		lines++;
	for (; want[n]; n++) {
		/* a whole line: "\nWORD\n" in "\n" OUT */
		snprintf(line, sizeof(line), "\n%s\n", want[n]);
		for (p = out; *p; p = strchr(p, '\n') + 1)
			if (strncmp(p, line + 1, strlen(line + 1)) == 0)
				break;
		if (!*p)
			fail_msg("'%s' not offered; offered:\n%s", want[n], out);
	}
	if (lines != n)
		fail_msg("%zu offered, %zu wanted:\n%s", lines, n, out);
	free(out);
}

#define offers(out, ...) assert_offers(out, (const char *const[]){ __VA_ARGS__, NULL })

static void test_bash_commands(void **state)
{
	const char *names[32];
	unsigned int i;

	(void)state;
	offers(complete("kcrumbs", "re"), "read");
	offers(complete("kcrumbs", "--json", "sta"), "status");
	offers(complete("kcrumbs", "-j", "--root", "/tmp", "st"), "status");
	offers(complete("kcrumbs", "c"), "capture", "check", "crashkernel",
	       "completion");
	/* all of them, from the table */
	assert_true(kc_n_cmds < 32);
	for (i = 0; i < kc_n_cmds; i++)
		names[i] = kc_cmds[i].name;
	names[i] = NULL;
	assert_offers(complete("kcrumbs", ""), names);
	offers(complete("kcrumbs", "bogus", ""), NULL);
}

struct want_opts {
	const char *v[64];
	unsigned int n;
};

static void add_long(const struct poptOption *o, void *arg)
{
	struct want_opts *w = arg;
	static char names[64][160];

	if (!o->longName || (o->argInfo & POPT_ARGFLAG_DOC_HIDDEN))
		return;
	assert_true(w->n < 63);
	snprintf(names[w->n], sizeof(names[0]), "--%s", o->longName);
	w->v[w->n] = names[w->n];
	w->v[++w->n] = NULL;
}

static void test_bash_options(void **state)
{
	struct want_opts w;
	unsigned int i;

	(void)state;
	offers(complete("kcrumbs", "read", "--d"), "--dump");
	offers(complete("kcrumbs", "read", "--vmcore", "x", "--re"), "--region");
	offers(complete("kcrumbs", "capture", "--d"), "--dir");
	offers(complete("kcrumbs", "policy", "apply", "qa", "--d"), "--dry-run");
	offers(complete("kcrumbs", "trigger", "--y"), "--yes");
	offers(complete("kcrumbs", "mark", "-", "--t"), "--tag");
	offers(complete("kcrumbs", "--v"), "--version");
	/* after "--" an argument, not an option */
	offers(complete("kcrumbs", "mark", "--", "--t"), NULL);
	/* before a command, the global options; after each, its own */
	w.n = 0;
	w.v[0] = NULL;
	each_option(kc_global_options, add_long, &w);
	assert_offers(complete("kcrumbs", "--"), w.v);
	for (i = 0; i < kc_n_cmds; i++) {
		w.n = 0;
		w.v[0] = NULL;
		each_option(kc_cmds[i].options, add_long, &w);
		each_option(kc_common_options, add_long, &w);
		assert_offers(complete("kcrumbs", kc_cmds[i].name, "--"), w.v);
	}
}

struct arg_check {
	const char *cmd;	/* NULL: before one */
};

/* Every FILE option completes files, every DIR one directories. */
static void check_file_arg(const struct poptOption *o, void *arg)
{
	const struct arg_check *a = arg;
	enum kc_arg_kind k = kc_arg_kind(o->argDescrip, NULL);
	char opt[160], eq[200], w1[200], w2[200], w3[200];
	const char *cmd = a->cmd ? a->cmd : "--json";

	if (!arg_taking(o) || (k != KC_ARG_FILE && k != KC_ARG_DIR))
		return;
	snprintf(opt, sizeof(opt), "--%s", o->longName);
	if (k == KC_ARG_DIR) {
		offers(complete("kcrumbs", cmd, opt, "s"), "sub");
		return;
	}
	offers(complete("kcrumbs", cmd, opt, "s"), "sub", "saved.core",
	       "saved.region");
	/* --opt=VALUE: bash splits it at '=' */
	offers(complete("kcrumbs", cmd, opt, "=", "saved.r"), "saved.region");
	offers(complete("kcrumbs", cmd, opt, "="), "sub", "profiles",
	       "saved.core", "saved.region");
	/* and when '=' is not among COMP_WORDBREAKS, one word */
	snprintf(eq, sizeof(eq), "%s=s", opt);
	snprintf(w1, sizeof(w1), "%s=sub", opt);
	snprintf(w2, sizeof(w2), "%s=saved.core", opt);
	snprintf(w3, sizeof(w3), "%s=saved.region", opt);
	offers(complete("kcrumbs", cmd, eq), w1, w2, w3);
}

static void test_bash_option_arguments(void **state)
{
	struct arg_check a = { NULL };
	unsigned int i;

	(void)state;
	offers(complete("kcrumbs", "read", "--dump", "saved."), "saved.core",
	       "saved.region");
	offers(complete("kcrumbs", "read", "--region", "=", "saved.r"),
	       "saved.region");
	offers(complete("kcrumbs", "read", "--dump", "saved.core", "--save", "sa"),
	       "saved.core", "saved.region");
	offers(complete("kcrumbs", "capture", "--dir", "s"), "sub");
	offers(complete("kcrumbs", "capture", "-d", "s"), "sub");
	offers(complete("kcrumbs", "--root", "s"), "sub");
	offers(complete("kcrumbs", "arm", "--seconds", ""), NULL);
	offers(complete("kcrumbs", "read", "--log-lines", ""), NULL);
	/* an option's argument is not the command or a subcommand */
	offers(complete("kcrumbs", "--root", "sub", "hi"), "history");
	offers(complete("kcrumbs", "policy", "--profile", "qa", "s"), "show",
	       "set");
	/* every FILE and DIR option of every table */
	each_option(kc_global_options, check_file_arg, &a);
	for (i = 0; i < kc_n_cmds; i++) {
		a.cmd = kc_cmds[i].name;
		each_option(kc_cmds[i].options, check_file_arg, &a);
	}
}

/* The profiles in @dir, as kcrumbs names them (basename less .conf). */
static void profiles_in(const char *dir, struct want_opts *w)
{
	static char names[64][256];
	struct dirent *e;
	DIR *d = opendir(dir);
	size_t n;

	assert_non_null(d);
	w->n = 0;
	while ((e = readdir(d))) {
		n = strlen(e->d_name);
		if (n <= 5 || strcmp(e->d_name + n - 5, ".conf"))
			continue;
		assert_true(w->n < 63);
		snprintf(names[w->n], sizeof(names[0]), "%.*s", (int)(n - 5),
			 e->d_name);
		w->v[w->n] = names[w->n];
		w->n++;
	}
	w->v[w->n] = NULL;
	closedir(d);
}

static void test_bash_policy(void **state)
{
	char dir[4200], env[4300], pre[300];
	const struct kc_subcmd *sc;
	struct want_opts w;

	(void)state;
	/* the words, from the handler's own table */
	w.n = 0;
	for (sc = kc_policy_subcmds; sc->name; sc++)
		w.v[w.n++] = sc->name;
	w.v[w.n] = NULL;
	assert_offers(complete("kcrumbs", "policy", ""), w.v);
	offers(complete("kcrumbs", "policy", "show", "set", ""), NULL);
	offers(complete("kcrumbs", "policy", "bogus", ""), NULL);

	/* the repository's profiles, through $KCRUMBS_PROFILES */
	snprintf(dir, sizeof(dir), "%s", getenv("KCRUMBS_BIN"));
	strcpy(strrchr(dir, '/'), "/../sysctl.d");
	profiles_in(dir, &w);
	assert_true(w.n >= 4);
	snprintf(env, sizeof(env), "KCRUMBS_PROFILES='%s'", dir);
	assert_offers(complete_env(env, NULL, (const char *const[]){
		"kcrumbs", "policy", "apply", "", NULL }), w.v);
	assert_offers(complete_env(env, NULL, (const char *const[]){
		"kcrumbs", "policy", "diff", "", NULL }), w.v);
	assert_offers(complete_env(env, NULL, (const char *const[]){
		"kcrumbs", "check", "--profile", "", NULL }), w.v);
	assert_offers(complete_env(env, NULL, (const char *const[]){
		"kcrumbs", "policy", "show", "-p", "", NULL }), w.v);
	offers(complete_env(env, NULL, (const char *const[]){
		"kcrumbs", "policy", "apply", "pro", NULL }), "production");
	/* one PROFILE: nothing after it */
	offers(complete_env(env, NULL, (const char *const[]){
		"kcrumbs", "policy", "apply", "qa", "", NULL }), NULL);

	/* the script's own variable, when $KCRUMBS_PROFILES is not set */
	snprintf(pre, sizeof(pre), "_kcrumbs_profiledir=%s/profiles", tree);
	offers(complete_env("-u KCRUMBS_PROFILES", pre, (const char *const[]){
		"kcrumbs", "policy", "apply", "", NULL }), "mine");

	/* set KEY=VALUE...: the knobs, from knobs.c, any number of them */
	offers(complete("kcrumbs", "policy", "set", "vm."), "vm.panic_on_oom=");
	offers(complete("kcrumbs", "policy", "set", "kernel.panic", "=", "1",
			"crash"), "crash_kexec_post_notifiers=");
	offers(complete("kcrumbs", "policy", "set", "kernel.panic", "=", ""),
	       NULL);
}

static void test_bash_trigger_and_completion(void **state)
{
	const char *bin = getenv("KCRUMBS_BIN");
	char *out;

	(void)state;
	/* the crash types, from `kcrumbs trigger --list`: sysrq-c at least */
	out = complete_env(NULL, NULL, (const char *const[]){
		bin, "trigger", "", NULL });
	assert_true(strncmp(out, "sysrq-c\n", 8) == 0 || strstr(out, "\nsysrq-c\n"));
	free(out);
	offers(complete_env(NULL, NULL, (const char *const[]){
		bin, "trigger", "sys", NULL }), "sysrq-c");
	offers(complete_env(NULL, NULL, (const char *const[]){
		bin, "trigger", "sysrq-c", "", NULL }), NULL);
	offers(complete("kcrumbs", "completion", ""), "bash");
	offers(complete("kcrumbs", "completion", "bash", ""), NULL);
	/* a command without operands offers nothing */
	offers(complete("kcrumbs", "status", ""), NULL);
}

/* shellcheck finds nothing in the script, where it is installed */
static void test_shellcheck(void **state)
{
	char cmd[256];

	(void)state;
	if (system("command -v shellcheck >/dev/null 2>&1")) {
		print_message("shellcheck is not installed\n");
		skip();
	}
	snprintf(cmd, sizeof(cmd), "shellcheck -s bash '%s' >&2", script);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	struct run r;
	FILE *f;
	int fd;

	(void)state;
	fakeroot_new(tree);
	fakeroot_put(tree, "/saved.core", "");
	fakeroot_put(tree, "/saved.region", "");
	fakeroot_put(tree, "/sub/x", "");
	fakeroot_put(tree, "/profiles/mine.conf", "");
	fakeroot_put(tree, "/profiles/README", "");
	run(&r, "completion bash");
	fd = mkstemp(script);
	if (fd < 0 || r.rc != KC_EXIT_OK)
		return -1;
	f = fdopen(fd, "w");
	fputs(r.out, f);
	fclose(f);
	done(&r);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(script);
	return fakeroot_remove(tree);
}

int main(void)
{
	struct kc_completion_spec spec = real;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arg_kinds),
		cmocka_unit_test_prestate(test_every_command_and_option, &spec),
		cmocka_unit_test(test_nested_tables),
		cmocka_unit_test(test_refuses_names_needing_quotes),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_bash_commands),
		cmocka_unit_test(test_bash_options),
		cmocka_unit_test(test_bash_option_arguments),
		cmocka_unit_test(test_bash_policy),
		cmocka_unit_test(test_bash_trigger_and_completion),
		cmocka_unit_test(test_shellcheck),
	};

	spec.n_cmds = kc_n_cmds;
	return cmocka_run_group_tests_name("completion", tests, setup, teardown);
}
