// SPDX-License-Identifier: GPL-2.0
/*
 * Shell completion scripts, generated from the command table and the popt
 * tables: what is completed is what is parsed. The script's data (the
 * commands, each scope's options, which options take an argument and what
 * kind, the subcommand words, the knobs) is written from the tables; its
 * logic is the fixed text at the end.
 */
#include <errno.h>
#include <string.h>

#include "completion.h"
#include "knobs.h"

static const struct {
	const char *metavar;
	enum kc_arg_kind kind;
} metavars[] = {
	{ "FILE", KC_ARG_FILE },
	{ "PATH", KC_ARG_FILE },
	{ "DIR", KC_ARG_DIR },
	{ "PROFILE", KC_ARG_PROFILE },
	{ "TYPE", KC_ARG_TYPE },
	{ "KEY=VALUE", KC_ARG_KNOB },
};

static const char *const kind_names[] = {
	[KC_ARG_TEXT] = "text",
	[KC_ARG_FILE] = "file",
	[KC_ARG_DIR] = "dir",
	[KC_ARG_PROFILE] = "profile",
	[KC_ARG_TYPE] = "type",
	[KC_ARG_KNOB] = "knob",
};

#define N_KINDS (sizeof(kind_names) / sizeof(kind_names[0]))

enum kc_arg_kind kc_arg_kind(const char *metavar, int *repeats)
{
	size_t n = metavar ? strlen(metavar) : 0;
	int rep = n > 3 && strcmp(metavar + n - 3, "...") == 0;
	unsigned int i;

	if (repeats)
		*repeats = rep;
	if (rep)
		n -= 3;
	for (i = 0; i < sizeof(metavars) / sizeof(metavars[0]); i++)
		if (strlen(metavars[i].metavar) == n &&
		    strncmp(metavar, metavars[i].metavar, n) == 0)
			return metavars[i].kind;
	return KC_ARG_TEXT;
}

const char *kc_arg_kind_name(enum kc_arg_kind kind)
{
	return (unsigned int)kind < N_KINDS ? kind_names[kind] : "text";
}

/* popt's own test for a table's end */
static int table_end(const struct poptOption *o)
{
	return !o->longName && !o->shortName && !o->arg;
}

static unsigned int opt_type(const struct poptOption *o)
{
	return o->argInfo & POPT_ARG_MASK;
}

/* @o takes an argument: the next word, or after '=' */
static int takes_arg(const struct poptOption *o)
{
	switch (opt_type(o)) {
	case POPT_ARG_NONE:
	case POPT_ARG_VAL:
	case POPT_ARG_INCLUDE_TABLE:
	case POPT_ARG_CALLBACK:
	case POPT_ARG_INTL_DOMAIN:
#ifdef POPT_ARG_MAINCALL
	case POPT_ARG_MAINCALL:
#endif
		return 0;
	}
	/* an optional one only as --opt=ARG: the next word is not it */
	return !(o->argInfo & POPT_ARGFLAG_OPTIONAL);
}

/* An option's names, as the command line spells them. */
struct opt_names {
	char lng[128];		/* "--dump", or "" */
	char shrt[3];		/* "-d", or "" */
};

static void names_of(const struct poptOption *o, struct opt_names *nm)
{
	nm->lng[0] = '\0';
	nm->shrt[0] = '\0';
	if (o->longName)
		snprintf(nm->lng, sizeof(nm->lng), "--%s", o->longName);
	if (o->shortName) {
		nm->shrt[0] = '-';
		nm->shrt[1] = o->shortName;
		nm->shrt[2] = '\0';
	}
}

/*
 * Call @fn on every option of @t that has a name, nested tables
 * included (in the order popt searches them). A non-zero return stops.
 */
static int walk(const struct poptOption *t,
		int (*fn)(const struct poptOption *o, void *arg), void *arg)
{
	int err;

	for (; t && !table_end(t); t++) {
		if (opt_type(t) == POPT_ARG_INCLUDE_TABLE) {
			err = walk(t->arg, fn, arg);
			if (err)
				return err;
			continue;
		}
		if (!t->longName && !t->shortName)
			continue;	/* a callback, a translation domain */
		err = fn(t, arg);
		if (err)
			return err;
	}
	return 0;
}

/* The options a scope parses: a command's own and the common ones. */
static int walk_scope(const struct kc_completion_spec *s,
		      const struct kc_cmd *cmd,
		      int (*fn)(const struct poptOption *o, void *arg),
		      void *arg)
{
	int err;

	if (!cmd)
		return walk(s->global, fn, arg);
	err = walk(cmd->options, fn, arg);
	return err ? err : walk(s->common, fn, arg);
}

/* Letters, digits, '.', '_', '-': a word the script can carry unquoted. */
static int plain(const char *w)
{
	if (!w || !*w)
		return 0;
	for (; *w; w++)
		if (!((*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z') ||
		      (*w >= '0' && *w <= '9') || *w == '.' || *w == '_' ||
		      *w == '-'))
			return 0;
	return 1;
}

static int check_opt(const struct poptOption *o, void *arg)
{
	char c[2] = { o->shortName, '\0' };

	(void)arg;
	if (o->longName && !plain(o->longName))
		return -EINVAL;
	if (o->shortName && (!plain(c) || c[0] == '-' || c[0] == '.'))
		return -EINVAL;
	return 0;
}

static int check_names(const struct kc_completion_spec *s)
{
	const struct kc_subcmd *sc;
	unsigned int i;
	int err = walk_scope(s, NULL, check_opt, NULL);

	for (i = 0; !err && i < s->n_cmds; i++) {
		if (!plain(s->cmds[i].name))
			return -EINVAL;
		err = walk_scope(s, &s->cmds[i], check_opt, NULL);
		for (sc = s->cmds[i].subcmds; !err && sc && sc->name; sc++)
			if (!plain(sc->name))
				return -EINVAL;
	}
	for (i = 0; !err && i < kc_n_knobs; i++)
		if (!plain(kc_knobs_table[i].key))
			return -EINVAL;
	return err;
}

/* A string as one single-quoted shell word. */
static void put_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

/* The visible names of a scope's options, space-separated. */
struct list_state {
	FILE *f;
	int n;
};

static int list_opt(const struct poptOption *o, void *arg)
{
	struct list_state *ls = arg;
	struct opt_names nm;

	if (o->argInfo & POPT_ARGFLAG_DOC_HIDDEN)
		return 0;
	names_of(o, &nm);
	if (nm.lng[0])
		fprintf(ls->f, "%s%s", ls->n++ ? " " : "", nm.lng);
	if (nm.shrt[0])
		fprintf(ls->f, "%s%s", ls->n++ ? " " : "", nm.shrt);
	return 0;
}

static void emit_opts(FILE *f, const struct kc_completion_spec *s)
{
	struct list_state ls = { f, 0 };
	unsigned int i;

	fputs("# _kcrumbs_opts COMMAND: its options (no COMMAND: those before one)\n"
	      "_kcrumbs_opts()\n{\n\tcase $1 in\n\t'') echo '", f);
	walk_scope(s, NULL, list_opt, &ls);
	fputs("' ;;\n", f);
	for (i = 0; i < s->n_cmds; i++) {
		ls.n = 0;
		fprintf(f, "\t%s) echo '", s->cmds[i].name);
		walk_scope(s, &s->cmds[i], list_opt, &ls);
		fputs("' ;;\n", f);
	}
	fputs("\tesac\n}\n\n", f);
}

/* The case pattern of a scope's options whose argument is one kind. */
struct arg_state {
	FILE *f;
	const char *scope;
	enum kc_arg_kind kind;
	int n;
};

static int pattern_opt(const struct poptOption *o, void *arg)
{
	struct arg_state *as = arg;
	struct opt_names nm;

	if (!takes_arg(o) || kc_arg_kind(o->argDescrip, NULL) != as->kind)
		return 0;
	names_of(o, &nm);
	if (nm.lng[0])
		fprintf(as->f, "%s%s:%s", as->n++ ? "|" : "\t", as->scope, nm.lng);
	if (nm.shrt[0])
		fprintf(as->f, "%s%s:%s", as->n++ ? "|" : "\t", as->scope, nm.shrt);
	return 0;
}

static void emit_scope_args(FILE *f, const struct kc_completion_spec *s,
			    const struct kc_cmd *cmd)
{
	struct arg_state as = { f, cmd ? cmd->name : "", KC_ARG_TEXT, 0 };
	unsigned int k;

	for (k = 0; k < N_KINDS; k++) {
		as.kind = (enum kc_arg_kind)k;
		as.n = 0;
		walk_scope(s, cmd, pattern_opt, &as);
		if (as.n)
			fprintf(f, ") echo %s ;;\n", kind_names[k]);
	}
}

static void emit_args(FILE *f, const struct kc_completion_spec *s)
{
	unsigned int i;

	fputs("# _kcrumbs_arg COMMAND OPTION: the kind of OPTION's argument (file, dir,\n"
	      "# profile, type, knob, text); nothing when it takes none\n"
	      "_kcrumbs_arg()\n{\n\tcase $1:$2 in\n", f);
	emit_scope_args(f, s, NULL);
	for (i = 0; i < s->n_cmds; i++)
		emit_scope_args(f, s, &s->cmds[i]);
	fputs("\tesac\n}\n\n", f);
}

static void emit_operand(FILE *f, const char *pattern, const char *operand)
{
	int repeats;
	enum kc_arg_kind kind = kc_arg_kind(operand, &repeats);

	fprintf(f, "\t%s) echo %s%s ;;\n", pattern, kind_names[kind],
		repeats ? "..." : "");
}

static void emit_words(FILE *f, const struct kc_completion_spec *s)
{
	const struct kc_subcmd *sc;
	char pattern[256];
	unsigned int i;

	fputs("# _kcrumbs_words COMMAND: the words its first argument is one of\n"
	      "_kcrumbs_words()\n{\n\tcase $1 in\n", f);
	for (i = 0; i < s->n_cmds; i++) {
		if (!s->cmds[i].subcmds || !s->cmds[i].subcmds[0].name)
			continue;
		fprintf(f, "\t%s) echo '", s->cmds[i].name);
		for (sc = s->cmds[i].subcmds; sc->name; sc++)
			fprintf(f, "%s%s", sc == s->cmds[i].subcmds ? "" : " ",
				sc->name);
		fputs("' ;;\n", f);
	}
	fputs("\tesac\n}\n\n", f);

	fputs("# _kcrumbs_operand COMMAND [WORD]: the kind of its arguments (after\n"
	      "# WORD, for a command with words); \"...\" after it: any number\n"
	      "_kcrumbs_operand()\n{\n\tcase $1:$2 in\n", f);
	for (i = 0; i < s->n_cmds; i++) {
		if (s->cmds[i].operand) {
			snprintf(pattern, sizeof(pattern), "%s:", s->cmds[i].name);
			emit_operand(f, pattern, s->cmds[i].operand);
		}
		for (sc = s->cmds[i].subcmds; sc && sc->name; sc++) {
			if (!sc->operand)
				continue;
			snprintf(pattern, sizeof(pattern), "%s:%s",
				 s->cmds[i].name, sc->name);
			emit_operand(f, pattern, sc->operand);
		}
	}
	fputs("\tesac\n}\n\n", f);
}

/* The script's logic: the same for every table. */
static const char script_logic[] =
"# _kcrumbs_profiles PROG: the policy profiles' names, from where kcrumbs\n"
"# reads them: $KCRUMBS_PROFILES, else _kcrumbs_profiledir, else the\n"
"# sysctl.d/ beside PROG's directory\n"
"_kcrumbs_profiles()\n"
"{\n"
"\tlocal dir=${KCRUMBS_PROFILES:-$_kcrumbs_profiledir} f exe\n"
"\n"
"\tif [ -z \"${KCRUMBS_PROFILES-}\" ] && [ ! -d \"$dir\" ]; then\n"
"\t\texe=$(type -P \"$1\") && exe=$(readlink -f \"$exe\") &&\n"
"\t\t\tdir=${exe%/*}/../sysctl.d\n"
"\tfi\n"
"\tcompgen -G \"$dir/*.conf\" | while IFS= read -r f; do\n"
"\t\tf=${f##*/}\n"
"\t\tprintf '%s\\n' \"${f%.conf}\"\n"
"\tdone\n"
"}\n"
"\n"
"# _kcrumbs_types PROG: the crash types, as `PROG trigger --list` names them now\n"
"_kcrumbs_types()\n"
"{\n"
"\t\"$1\" --json trigger --list 2>/dev/null |\n"
"\t\tgrep -o '\"name\":\"[^\"]*\"' | cut -d'\"' -f4\n"
"}\n"
"\n"
"# _kcrumbs_values KIND PROG CUR: COMPREPLY for a value of KIND\n"
"_kcrumbs_values()\n"
"{\n"
"\tlocal words=''\n"
"\n"
"\tcase $1 in\n"
"\tfile|dir)\n"
"\t\tcompopt -o filenames 2>/dev/null\n"
"\t\tif [ \"$1\" = dir ]; then\n"
"\t\t\tmapfile -t COMPREPLY < <(compgen -d -- \"$3\")\n"
"\t\telse\n"
"\t\t\tmapfile -t COMPREPLY < <(compgen -f -- \"$3\")\n"
"\t\tfi\n"
"\t\treturn 0 ;;\n"
"\tknob)\n"
"\t\tcompopt -o nospace 2>/dev/null\n"
"\t\tmapfile -t COMPREPLY < <(compgen -S = -W \"$(_kcrumbs_knobs)\" -- \"$3\")\n"
"\t\treturn 0 ;;\n"
"\tprofile) words=$(_kcrumbs_profiles \"$2\") ;;\n"
"\ttype) words=$(_kcrumbs_types \"$2\") ;;\n"
"\tesac\n"
"\tmapfile -t COMPREPLY < <(compgen -W \"$words\" -- \"$3\")\n"
"}\n"
"\n"
"# _kcrumbs PROG: bash calls it with COMP_WORDS and COMP_CWORD set\n"
"_kcrumbs()\n"
"{\n"
"\tlocal prog=${1:-${COMP_WORDS[0]}} cur=${COMP_WORDS[COMP_CWORD]}\n"
"\tlocal cmd='' word='' kind='' w i=1 n=0 opts=1\n"
"\n"
"\tCOMPREPLY=()\n"
"\t# what comes before the word: global options, COMMAND, its options\n"
"\t# (an option's argument is skipped), its WORD, its operands (n)\n"
"\twhile [ \"$i\" -lt \"$COMP_CWORD\" ]; do\n"
"\t\tw=${COMP_WORDS[i]}\n"
"\t\tif [ \"$opts\" = 1 ] && [[ $w == -?* ]]; then\n"
"\t\t\tif [ \"$w\" = -- ]; then\n"
"\t\t\t\t[ -z \"$cmd\" ] || opts=0\n"
"\t\t\telse\n"
"\t\t\t\tkind=$(_kcrumbs_arg \"$cmd\" \"$w\")\n"
"\t\t\t\tif [ -n \"$kind\" ]; then\n"
"\t\t\t\t\ti=$((i + 1))\n"
"\t\t\t\t\t# --opt=ARG: bash splits the word at '='\n"
"\t\t\t\t\tif [ \"${COMP_WORDS[i]}\" = = ] &&\n"
"\t\t\t\t\t   [ \"$i\" -lt \"$COMP_CWORD\" ]; then\n"
"\t\t\t\t\t\ti=$((i + 1))\n"
"\t\t\t\t\tfi\n"
"\t\t\t\t\tif [ \"$i\" -eq \"$COMP_CWORD\" ]; then\n"
"\t\t\t\t\t\t[ \"$cur\" != = ] || cur=\n"
"\t\t\t\t\t\t_kcrumbs_values \"$kind\" \"$prog\" \"$cur\"\n"
"\t\t\t\t\t\treturn 0\n"
"\t\t\t\t\tfi\n"
"\t\t\t\tfi\n"
"\t\t\tfi\n"
"\t\telif [ \"$w\" = = ]; then\n"
"\t\t\ti=$((i + 1))\t# KEY=VALUE, split at '=': its VALUE\n"
"\t\telif [ -z \"$cmd\" ]; then\n"
"\t\t\tcmd=$w\n"
"\t\telif [ -z \"$word\" ] && [ -n \"$(_kcrumbs_words \"$cmd\")\" ]; then\n"
"\t\t\tword=$w\n"
"\t\telse\n"
"\t\t\tn=$((n + 1))\n"
"\t\tfi\n"
"\t\ti=$((i + 1))\n"
"\tdone\n"
"\n"
"\tif [ \"$opts\" = 1 ] && [[ $cur == -* ]]; then\n"
"\t\tif [[ $cur == --*=* ]]; then\t# '=' not among COMP_WORDBREAKS\n"
"\t\t\tkind=$(_kcrumbs_arg \"$cmd\" \"${cur%%=*}\")\n"
"\t\t\t[ -n \"$kind\" ] || return 0\n"
"\t\t\t_kcrumbs_values \"$kind\" \"$prog\" \"${cur#*=}\"\n"
"\t\t\tCOMPREPLY=(\"${COMPREPLY[@]/#/${cur%%=*}=}\")\n"
"\t\t\treturn 0\n"
"\t\tfi\n"
"\t\tmapfile -t COMPREPLY < <(compgen -W \"$(_kcrumbs_opts \"$cmd\")\" -- \"$cur\")\n"
"\t\treturn 0\n"
"\tfi\n"
"\t# a KEY=VALUE's VALUE: nothing to offer\n"
"\tif [ \"$cur\" = = ] || [ \"${COMP_WORDS[COMP_CWORD - 1]}\" = = ]; then\n"
"\t\treturn 0\n"
"\tfi\n"
"\tif [ -z \"$cmd\" ]; then\n"
"\t\tmapfile -t COMPREPLY < <(compgen -W \"$(_kcrumbs_commands)\" -- \"$cur\")\n"
"\t\treturn 0\n"
"\tfi\n"
"\tw=$(_kcrumbs_words \"$cmd\")\n"
"\tif [ -n \"$w\" ] && [ -z \"$word\" ]; then\n"
"\t\tmapfile -t COMPREPLY < <(compgen -W \"$w\" -- \"$cur\")\n"
"\t\treturn 0\n"
"\tfi\n"
"\tkind=$(_kcrumbs_operand \"$cmd\" \"$word\")\n"
"\tcase $kind in\n"
"\t'') return 0 ;;\n"
"\t*...) kind=${kind%...} ;;\n"
"\t*) [ \"$n\" -eq 0 ] || return 0 ;;\n"
"\tesac\n"
"\t_kcrumbs_values \"$kind\" \"$prog\" \"$cur\"\n"
"}\n"
"\n";

int kc_completion_bash(FILE *f, const struct kc_completion_spec *s)
{
	unsigned int i;
	int err = check_names(s);

	if (err || !plain(s->prog))
		return -EINVAL;
	fprintf(f, "# bash completion for %s %s: generated by `%s completion bash`\n"
		"# from the tool's own command and option tables. Do not edit:\n"
		"# regenerate it.\n\n", s->prog, s->version, s->prog);
	fputs("# where the policy profiles are installed\n_kcrumbs_profiledir=", f);
	put_quoted(f, s->profiledir ? s->profiledir : "");
	fputs("\n\n# _kcrumbs_commands: the commands\n_kcrumbs_commands()\n{\n\techo '", f);
	for (i = 0; i < s->n_cmds; i++)
		fprintf(f, "%s%s", i ? " " : "", s->cmds[i].name);
	fputs("'\n}\n\n", f);
	emit_opts(f, s);
	emit_args(f, s);
	emit_words(f, s);
	fputs("# _kcrumbs_knobs: the panic knobs `policy set` takes\n"
	      "_kcrumbs_knobs()\n{\n\techo '", f);
	for (i = 0; i < kc_n_knobs; i++)
		fprintf(f, "%s%s", i ? " " : "", kc_knobs_table[i].key);
	fputs("'\n}\n\n", f);
	fputs(script_logic, f);
	fprintf(f, "complete -F _kcrumbs %s\n", s->prog);
	return ferror(f) ? -EIO : 0;
}
