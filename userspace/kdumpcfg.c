// SPDX-License-Identifier: GPL-2.0
/*
 * kdump's configuration files as text (kdumpcfg.h): what a variable is set
 * to, the command line kdump-config gives the capture kernel, and the
 * edit `kcrumbs kdump-args --install` makes. Pure.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kdumpcfg.h"

#define KC_VAL_MAX	4096

static int parse_assignment(const char *s, size_t len, const char *var,
			    bool commented, char *val, size_t vlen);

struct line {
	const char *s;		/* its text, newline included */
	size_t len;
};

/*
 * Is @s (one line, @len bytes) an assignment to @var? @commented: look
 * behind one '#'. Returns 1 and the value in @val, 0 when it is not one,
 * -EINVAL for an assignment to @var that kcrumbs cannot read.
 */
/* parse_assignment(), with @val written only when it returns 1 */
static int assignment(const char *s, size_t len, const char *var,
		      bool commented, char *val, size_t vlen)
{
	char tmp[KC_VAL_MAX];
	int r;

	if (vlen > sizeof(tmp))
		vlen = sizeof(tmp);
	r = parse_assignment(s, len, var, commented, tmp, vlen);
	if (r == 1)
		memcpy(val, tmp, strlen(tmp) + 1);
	return r;
}

static int parse_assignment(const char *s, size_t len, const char *var,
			    bool commented, char *val, size_t vlen)
{
	const char *p = s, *end = s + len, *q;
	size_t n = strlen(var), o = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (commented) {
		if (p == end || *p != '#')
			return 0;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
	}
	if (end - p >= 7 && !memcmp(p, "export ", 7))
		p += 7;
	if ((size_t)(end - p) <= n || memcmp(p, var, n) || p[n] != '=')
		return 0;
	p += n + 1;
	if (p < end && (*p == '"' || *p == '\'')) {
		char quote = *p++;

		q = memchr(p, quote, (size_t)(end - p));
		if (!q)
			return -EINVAL;
		for (; p < q; p++) {
			if (quote == '"' && (*p == '$' || *p == '`' || *p == '\\'))
				return -EINVAL;
			if (o + 1 >= vlen)
				return -EINVAL;
			val[o++] = *p;
		}
		p = q + 1;
	} else {
		/* sh: '#' starts a comment only at a word's start */
		for (; p < end && *p != ' ' && *p != '\t' && *p != '\n'; p++) {
			if (strchr("$`\\\"';&|<>()", *p) || o + 1 >= vlen)
				return -EINVAL;
			val[o++] = *p;
		}
	}
	val[o] = '\0';
	/* only blanks and a comment may follow */
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p != '\n' && *p != '#')
		return commented ? 0 : -EINVAL;
	return 1;
}

static size_t split(const char *cfg, struct line *l, size_t max)
{
	const char *p = cfg, *nl;
	size_t n = 0;

	while (*p && n < max) {
		nl = strchr(p, '\n');
		l[n].s = p;
		l[n].len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		p += l[n].len;
		n++;
	}
	return n;
}

static size_t count_lines(const char *cfg)
{
	size_t n = 1;

	for (; *cfg; cfg++)
		n += *cfg == '\n';
	return n;
}

/* The last active assignment to @var: its index, or -1; -2 if unreadable. */
static long last_assignment(const struct line *l, size_t n, const char *var,
			    char *val, size_t vlen)
{
	long found = -1;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		r = assignment(l[i].s, l[i].len, var, false, val, vlen);
		if (r < 0)
			found = -2;
		else if (r)
			found = (long)i;
	}
	if (found >= 0)	/* the value of the last one */
		assignment(l[found].s, l[found].len, var, false, val, vlen);
	return found;
}

int kc_kdumpcfg_get(const char *cfg, const char *var, char *val, size_t len)
{
	size_t n = count_lines(cfg);
	struct line *l = calloc(n, sizeof(*l));
	long i;

	if (!l)
		return -ENOMEM;
	n = split(cfg, l, n);
	i = last_assignment(l, n, var, val, len);
	free(l);
	if (i == -2)
		return -EINVAL;
	if (i < 0)
		val[0] = '\0';
	return i >= 0;
}

/* Append word @w (@n bytes) to @out with one space between words. */
static int add_word(char *out, size_t len, const char *w, size_t n)
{
	size_t o = strlen(out);

	if (o + (o ? 1 : 0) + n + 1 > len)
		return -EINVAL;
	if (o)
		out[o++] = ' ';
	memcpy(out + o, w, n);
	out[o + n] = '\0';
	return 0;
}

static bool drops(const char *w, size_t n)
{
	static const char *const names[] = {
		"crashkernel=", "hugepages=", "hugepagesz=", "abm=",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (n >= strlen(names[i]) && !memcmp(w, names[i], strlen(names[i])))
			return true;
	return false;
}

/*
 * Copy the words of @in to @out, without those kdump-config drops (@kdump),
 * those holding a '$' (@dollar), those starting with @prefix.
 */
static int filter_words(const char *in, char *out, size_t len, bool kdump,
			bool dollar, const char *prefix)
{
	const char *p = in, *w;
	size_t n;

	out[0] = '\0';
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			return 0;
		w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		n = (size_t)(p - w);
		if (kdump && drops(w, n))
			continue;
		if (dollar && memchr(w, '$', n))
			continue;
		if (prefix && n >= strlen(prefix) && !memcmp(w, prefix, strlen(prefix)))
			continue;
		if (add_word(out, len, w, n))
			return -EINVAL;
	}
}

int kc_kdumpcfg_capture_cmdline(const char *cfg, const char *proc_cmdline,
				char *out, size_t len)
{
	char val[KC_VAL_MAX];
	int r;

	r = kc_kdumpcfg_get(cfg, "KDUMP_CMDLINE", val, sizeof(val));
	if (r < 0)
		return r;
	if (r && val[0])
		snprintf(out, len, "%s", val);
	else if (filter_words(proc_cmdline, out, len, true, false, NULL))
		return -EINVAL;
	r = kc_kdumpcfg_get(cfg, "KDUMP_CMDLINE_APPEND", val, sizeof(val));
	if (r < 0)
		return r;
	if (add_word(out, len, r && val[0] ? val : KC_KDUMP_TOOLS_APPEND,
		     strlen(r && val[0] ? val : KC_KDUMP_TOOLS_APPEND)))
		return -EINVAL;
	return 0;
}

const char *kc_kdumpcfg_hazard(const char *capture_cmdline)
{
	const char *d = strchr(capture_cmdline, '$');

	if (!d)
		return NULL;
	while (d > capture_cmdline && d[-1] != ' ')
		d--;
	return d;
}

/* The edit being built: the lines, some replaced, some added. */
struct edit {
	struct line *l;
	char **repl;		/* per line: new text, "" to delete, NULL kept */
	char *tail;		/* lines added at the end */
	size_t n;
};

static char *assign_line(const char *var, const char *val, const char *mark)
{
	size_t len = strlen(var) + strlen(val) + (mark ? strlen(mark) + 1 : 0) + 8;
	char *s = malloc(len);

	if (s)
		snprintf(s, len, "%s%s%s=\"%s\"\n", mark ? mark : "",
			 mark ? "\n" : "", var, val);
	return s;
}

static int set_repl(struct edit *e, size_t i, char *s)
{
	if (!s)
		return -ENOMEM;
	free(e->repl[i]);
	e->repl[i] = s;
	return 0;
}

static int add_tail(struct edit *e, char *s)
{
	size_t a = e->tail ? strlen(e->tail) : 0;
	char *t;

	if (!s)
		return -ENOMEM;
	t = realloc(e->tail, a + strlen(s) + 2);
	if (!t) {
		free(s);
		return -ENOMEM;
	}
	if (!a)
		t[0] = '\0';
	e->tail = t;
	strcat(t, s);
	free(s);
	return 0;
}

/* Is line @i a comment starting with KC_KDUMPCFG_MARK? */
static bool marked(const struct edit *e, long i)
{
	size_t m = strlen(KC_KDUMPCFG_MARK);

	return i >= 0 && e->l[i].len >= m && !memcmp(e->l[i].s, KC_KDUMPCFG_MARK, m);
}

/* The append variable: every kcrumbs.region= replaced by @arg. */
static int edit_append(struct edit *e, const char *var, const char *deflt,
		       const char *arg, const char **why)
{
	char val[KC_VAL_MAX], out[KC_VAL_MAX];
	long i = last_assignment(e->l, e->n, var, val, sizeof(val));
	size_t k;

	if (i == -2) {
		*why = "its capture-kernel append line uses shell syntax kcrumbs "
		       "does not rewrite: add the kcrumbs.region= argument to it by hand";
		return -EINVAL;
	}
	if (i < 0) {
		/* Debian's commented default line, uncommented in place */
		for (k = 0; k < e->n; k++)
			if (assignment(e->l[k].s, e->l[k].len, var, true, val,
				       sizeof(val)) == 1)
				i = (long)k;
		if (i < 0 && !deflt) {
			*why = "it does not set the capture kernel's append line: "
			       "add the kcrumbs.region= argument to it by hand";
			return -EINVAL;
		}
		if (i < 0 || !val[0])
			snprintf(val, sizeof(val), "%s", deflt ? deflt : "");
		if (!arg && !strstr(val, "kcrumbs.region="))
			return 0;	/* nothing to carry, nothing to uncomment */
	} else if (!val[0] && deflt) {
		/* set but empty: kdump-config uses its default */
		snprintf(val, sizeof(val), "%s", deflt);
	}
	if (filter_words(val, out, sizeof(out), false, false, "kcrumbs.region=") ||
	    (!out[0] && deflt && snprintf(out, sizeof(out), "%s", deflt) < 0) ||
	    (arg && add_word(out, sizeof(out), arg, strlen(arg)))) {
		*why = "the capture kernel's append line is too long";
		return -EINVAL;
	}
	if (strpbrk(out, "\"$`\\")) {
		*why = "its capture-kernel append line holds characters kcrumbs "
		       "cannot write in double quotes: add the kcrumbs.region= "
		       "argument to it by hand";
		return -EINVAL;
	}
	if (i >= 0)
		return set_repl(e, (size_t)i, assign_line(var, out, NULL));
	return add_tail(e, assign_line(var, out, NULL));
}

/*
 * The hazard is gone: every marked KDUMP_CMDLINE goes (with its marker),
 * and /proc/cmdline is used again; unless a line kcrumbs cannot read would
 * then take over.
 */
static int drop_ours(struct edit *e, const char **why)
{
	char val[KC_VAL_MAX];
	size_t j;
	int r, left = 0;

	for (j = 0; j < e->n; j++) {
		r = assignment(e->l[j].s, e->l[j].len, "KDUMP_CMDLINE", false, val,
			       sizeof(val));
		if (r == 1 && j > 0 && marked(e, (long)j - 1)) {
			if (set_repl(e, j - 1, strdup("")) || set_repl(e, j, strdup("")))
				return -ENOMEM;
		} else if (r < 0) {
			left = 1;
		}
	}
	if (left) {
		*why = "another KDUMP_CMDLINE line uses shell syntax kcrumbs does "
		       "not rewrite: remove it, or the marked one by hand";
		return -EINVAL;
	}
	return 0;
}

/*
 * kdump-tools' '$' hazard: kdump-config puts /proc/cmdline in a command it
 * evals, so memmap=1M$0x30000000 reaches the capture kernel as
 * memmap=1M<script name>x30000000, and it hangs. A marked KDUMP_CMDLINE
 * without such arguments, kept in step with /proc/cmdline.
 */
static int edit_cmdline(struct edit *e, const char *proc_cmdline,
			const char **why)
{
	static const char mark[] = KC_KDUMPCFG_MARK " /proc/cmdline without its '$' "
		"arguments (kdump-config evals it); rewritten by kcrumbs kdump-args --install";
	char val[KC_VAL_MAX], out[KC_VAL_MAX];
	long i = last_assignment(e->l, e->n, "KDUMP_CMDLINE", val, sizeof(val));
	bool ours = i > 0 && marked(e, i - 1);
	size_t k;

	if (i == -2) {
		*why = "its KDUMP_CMDLINE line uses shell syntax kcrumbs does not "
		       "rewrite: make sure it holds no '$'";
		return -EINVAL;
	}
	if (!strchr(proc_cmdline, '$')) {
		if (!ours)
			return 0;
		return drop_ours(e, why);
	}
	if (i >= 0 && !ours && val[0]) {
		if (!strchr(val, '$'))
			return 0;	/* set by hand, and safe */
		*why = "its KDUMP_CMDLINE holds a '$', which kdump-config's eval "
		       "expands: the capture kernel would hang; remove the argument "
		       "with the '$' from KDUMP_CMDLINE";
		return -EINVAL;
	}
	if (filter_words(proc_cmdline, out, sizeof(out), true, true, NULL) ||
	    strpbrk(out, "\"`\\")) {
		*why = "/proc/cmdline holds a '$' argument (memmap=SIZE$ADDR), which "
		       "kdump-config's eval expands, and quotes kcrumbs cannot write "
		       "safely: set KDUMP_CMDLINE by hand, without that argument";
		return -EINVAL;
	}
	/* an empty KDUMP_CMDLINE is unset to kdump-config: /proc/cmdline again */
	if (!out[0])
		snprintf(out, sizeof(out), "reset_devices");
	if (ours)
		return set_repl(e, (size_t)i, assign_line("KDUMP_CMDLINE", out, NULL));
	/*
	 * after Debian's commented KDUMP_CMDLINE line, else at the end (and
	 * at the end when an empty one, unset to kdump-config, is active)
	 */
	for (k = 0; i < 0 && k < e->n; k++) {
		if (assignment(e->l[k].s, e->l[k].len, "KDUMP_CMDLINE", true, val,
			       sizeof(val)) == 1) {
			size_t a = e->l[k].len;
			char *s, *line = assign_line("KDUMP_CMDLINE", out, mark);

			if (!line)
				return -ENOMEM;
			s = malloc(a + strlen(line) + 2);
			if (!s) {
				free(line);
				return -ENOMEM;
			}
			memcpy(s, e->l[k].s, a);
			s[a] = '\0';
			if (a && s[a - 1] != '\n')
				strcat(s, "\n");
			strcat(s, line);
			free(line);
			return set_repl(e, k, s);
		}
	}
	return add_tail(e, assign_line("KDUMP_CMDLINE", out, mark));
}

static char *render(const struct edit *e)
{
	size_t len = 1, i;
	char *s, *o;

	for (i = 0; i < e->n; i++)
		len += e->repl[i] ? strlen(e->repl[i]) : e->l[i].len + 1;
	len += e->tail ? strlen(e->tail) + 1 : 0;
	s = o = malloc(len);
	if (!s)
		return NULL;
	for (i = 0; i < e->n; i++) {
		if (e->repl[i]) {
			o = stpcpy(o, e->repl[i]);
			continue;
		}
		memcpy(o, e->l[i].s, e->l[i].len);
		o += e->l[i].len;
		/* a last line without its newline gets one if lines follow */
		if (e->l[i].s[e->l[i].len - 1] != '\n' && e->tail)
			*o++ = '\n';
	}
	if (e->tail)
		o = stpcpy(o, e->tail);
	*o = '\0';
	return s;
}

int kc_kdumpcfg_edit(const char *cfg, enum kc_kdump_flavor flavor,
		     const char *region_arg, const char *proc_cmdline,
		     char **out, const char **why)
{
	struct edit e = { 0 };
	size_t i, max = count_lines(cfg);
	int err = -ENOMEM;

	*out = NULL;
	e.l = calloc(max, sizeof(*e.l));
	e.repl = calloc(max, sizeof(*e.repl));
	if (!e.l || !e.repl) {
		*why = "out of memory";
		goto out;
	}
	e.n = split(cfg, e.l, max);
	if (flavor == KC_KDUMP_TOOLS) {
		err = edit_append(&e, "KDUMP_CMDLINE_APPEND", KC_KDUMP_TOOLS_APPEND,
				  region_arg, why);
		if (!err)
			err = edit_cmdline(&e, proc_cmdline ? proc_cmdline : "", why);
	} else {
		err = edit_append(&e, "KDUMP_COMMANDLINE_APPEND", NULL, region_arg, why);
	}
	if (!err) {
		*out = render(&e);
		if (!*out) {
			*why = "out of memory";
			err = -ENOMEM;
		}
	} else if (err == -ENOMEM) {
		*why = "out of memory";
	}
out:
	for (i = 0; e.repl && i < max; i++)
		free(e.repl[i]);
	free(e.repl);
	free(e.l);
	free(e.tail);
	return err;
}
