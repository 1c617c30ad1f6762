// SPDX-License-Identifier: GPL-2.0
/* Panic policy: read the knobs, plan changes, apply them all or nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "policy.h"
#include "sysfs.h"

#include "buildinfo.h"

#define PROC_SYS "/proc/sys/"
#define MAX_FILE (64 * 1024)

static void addf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Append a formatted line to @buf, as far as it fits. */
static void addf(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* Read a whole file (a real path, not under the root) into a new buffer. */
static char *slurp(const char *path, int *err)
{
	return kc_file_read(path, MAX_FILE, err);
}

static void read_knob(const struct kc_knob *k, struct kc_knob_state *s)
{
	char p[4096], text[8] = "";
	FILE *f;

	s->present = false;
	if (!k->boolean_param) {
		s->present = kc_read_long(k->path, &s->value) == 0;
		return;
	}
	f = fopen(kc_path(p, sizeof(p), k->path), "r");
	if (!f)
		return;
	if (fgets(text, sizeof(text), f) && (text[0] == 'Y' || text[0] == 'N')) {
		s->present = true;
		s->value = text[0] == 'Y';
	}
	fclose(f);
}

void kc_policy_read(struct kc_knob_state *st)
{
	unsigned int i;

	for (i = 0; i < kc_n_knobs; i++)
		read_knob(&kc_knobs_table[i], &st[i]);
}

static int exe_profiledir(char *dir, size_t len)
{
	char exe[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return -ENOENT;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -ENOENT;
	*slash = '\0';
	if (snprintf(dir, len, "%s/../sysctl.d", exe) >= (int)len)
		return -ENAMETOOLONG;
	return 0;
}

/* The directory profiles are read from: the first of the three that exists. */
static int profiledir(char *dir, size_t len)
{
	const char *env = getenv("KCRUMBS_PROFILES");
	struct stat sb;

	if (env && *env) {
		snprintf(dir, len, "%s", env);
		return 0;
	}
	snprintf(dir, len, "%s", KCRUMBS_PROFILEDIR);
	if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		return 0;
	return exe_profiledir(dir, len);
}

void kc_profile_list(char *buf, size_t len)
{
	char dir[4096], cmd[4200];
	FILE *p;

	buf[0] = '\0';
	if (profiledir(dir, sizeof(dir)))
		return;
	/* ls sorts, and no profile name holds a quote */
	if (strchr(dir, '\''))
		return;
	snprintf(cmd, sizeof(cmd), "cd '%s' 2>/dev/null && ls *.conf 2>/dev/null",
		 dir);
	p = popen(cmd, "r");
	if (!p)
		return;
	while (fgets(cmd, sizeof(cmd), p)) {
		cmd[strcspn(cmd, "\n")] = '\0';
		if (strlen(cmd) > 5)
			cmd[strlen(cmd) - 5] = '\0';	/* ".conf" */
		addf(buf, len, "%s%s", buf[0] ? " " : "", cmd);
	}
	pclose(p);
}

int kc_profile_load(const char *name, struct kc_sysctl_file *f, char *path,
		    size_t len, char *err)
{
	char dir[4096], list[512], why[256];
	char *text;
	int rc;

	if (strchr(name, '/')) {
		snprintf(path, len, "%s", name);
	} else {
		if (profiledir(dir, sizeof(dir)))
			dir[0] = '\0';
		snprintf(path, len, "%s/%s.conf", dir, name);
	}
	text = slurp(path, &rc);
	if (!text) {
		kc_profile_list(list, sizeof(list));
		if (strchr(name, '/') || rc != -ENOENT)
			snprintf(err, len, "cannot read %s: %s", path,
				 rc == -EINVAL ? "not a regular file" :
				 rc == -EFBIG ? "larger than 64 KiB" :
				 kc_errtext(rc));
		else
			snprintf(err, len, "no profile '%s' (profiles: %s)",
				 name, list[0] ? list : "none found");
		return -ENOENT;
	}
	rc = kc_sysctl_parse(text, f, why, sizeof(why));
	free(text);
	if (rc)
		snprintf(err, len, "%s: %s", path, why);
	else if (!f->n)
		snprintf(err, len, "%s: no setting in it: not a profile", path);
	return rc ? rc : f->n ? 0 : -EINVAL;
}

static const char *knob_sysctl_path(const struct kc_knob *k)
{
	return k->boolean_param ? NULL : k->path + strlen(PROC_SYS);
}

/* Every explicit key of @f must be a knob sysctl.d can set. */
static int check_keys(const struct kc_sysctl_file *f, struct kc_plan *plan,
		      char *err, size_t len)
{
	const struct kc_knob *k;
	char key[KC_SYSCTL_KEY_MAX];
	unsigned int i;

	for (i = 0; i < f->n; i++) {
		const struct kc_sysctl_entry *e = &f->entries[i];

		if (e->glob || e->exclude)
			continue;
		k = kc_knob_find(e->path);
		kc_sysctl_dotted(e->path, key, sizeof(key));
		if (k && !k->boolean_param)
			continue;
		if (k) {
			snprintf(err, len, "line %u: %s is a boot parameter: "
				 "sysctl.d cannot set it", e->line, k->key);
			return -EINVAL;
		}
		if (!e->ignore_failure) {
			snprintf(err, len, "line %u: %s is not a panic knob "
				 "kcrumbs manages ('kcrumbs policy show' lists "
				 "them)", e->line, key);
			return -EINVAL;
		}
		addf(plan->notes, sizeof(plan->notes),
		     "line %u: %s is not a panic knob: ignored ('-')\n",
		     e->line, key);
	}
	return 0;
}

int kc_plan_profile(const struct kc_sysctl_file *f,
		    const struct kc_knob_state *st, struct kc_plan *plan,
		    char *err, size_t len)
{
	char why[128];
	unsigned int i;

	memset(plan, 0, sizeof(*plan));
	if (check_keys(f, plan, err, len))
		return -EINVAL;
	for (i = 0; i < kc_n_knobs; i++) {
		const struct kc_knob *k = &kc_knobs_table[i];
		const struct kc_sysctl_entry *e;
		struct kc_change *c = &plan->ch[plan->n];

		if (!knob_sysctl_path(k))
			continue;
		e = kc_sysctl_lookup(f, knob_sysctl_path(k));
		if (!e)
			continue;
		if (kc_knob_parse(k, e->value, &c->to, why, sizeof(why))) {
			snprintf(err, len, "line %u: %s: %s", e->line, k->key, why);
			return -EINVAL;
		}
		if (!st[i].present && e->ignore_failure)
			addf(plan->notes, sizeof(plan->notes),
			     "%s: absent on this kernel, skipped ('-')\n", k->key);
		c->k = k;
		c->present = st[i].present;
		c->from = st[i].value;
		c->ignore_failure = e->ignore_failure;
		plan->n++;
	}
	return 0;
}

static struct kc_change *plan_slot(struct kc_plan *plan,
				   const struct kc_knob *k)
{
	unsigned int i;

	for (i = 0; i < plan->n; i++)
		if (plan->ch[i].k == k)
			return &plan->ch[i];
	return &plan->ch[plan->n++];
}

int kc_plan_args(int argc, const char **argv, const struct kc_knob_state *st,
		 struct kc_plan *plan, char *err, size_t len)
{
	char key[KC_SYSCTL_KEY_MAX], why[128];
	const struct kc_knob *k;
	struct kc_change *c;
	const char *eq;
	long val;
	int i;

	memset(plan, 0, sizeof(*plan));
	for (i = 0; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i] ||
		    (size_t)(eq - argv[i]) >= sizeof(key)) {
			snprintf(err, len, "'%s': expected KEY=VALUE", argv[i]);
			return -EINVAL;
		}
		memcpy(key, argv[i], (size_t)(eq - argv[i]));
		key[eq - argv[i]] = '\0';
		k = kc_knob_find(key);
		if (!k) {
			snprintf(err, len, "'%s': not a panic knob kcrumbs "
				 "manages ('kcrumbs policy show' lists them)", key);
			return -EINVAL;
		}
		if (kc_knob_parse(k, eq + 1, &val, why, sizeof(why))) {
			snprintf(err, len, "%s: %s", k->key, why);
			return -EINVAL;
		}
		if (!st[k - kc_knobs_table].present) {
			snprintf(err, len, "%s: this kernel has no such knob (%s)",
				 k->key, k->path);
			return -ENOENT;
		}
		c = plan_slot(plan, k);
		c->k = k;
		c->present = true;
		c->from = st[k - kc_knobs_table].value;
		c->to = val;
	}
	return 0;
}

const char *kc_errtext(int err)
{
	if (err < 0)
		err = -err;
	if (err == 524)	/* ENOTSUPP, kernel-internal */
		return "not supported by this kernel or machine";
	return strerror(err);
}

/* Write back the old values of the changes before @upto; count failures. */
static unsigned int rollback(struct kc_plan *plan, unsigned int upto,
			     char *err, size_t len)
{
	unsigned int failed = 0, i = upto;
	char text[32];

	while (i-- > 0) {
		struct kc_change *c = &plan->ch[i];
		int rc;

		if (!c->written)
			continue;
		kc_knob_format(c->k, c->from, text, sizeof(text));
		rc = kc_write_str(c->k->path, text);
		if (rc) {
			failed++;
			addf(err, len, "; ROLLBACK FAILED for %s (%s): it stays %ld",
			     c->k->key, kc_errtext(rc), c->to);
			continue;
		}
		c->written = false;
	}
	return failed;
}

int kc_plan_apply(struct kc_plan *plan, char *err, size_t len)
{
	unsigned int i;
	char text[32];
	int rc;

	for (i = 0; i < plan->n; i++)
		if (!plan->ch[i].present && !plan->ch[i].ignore_failure) {
			snprintf(err, len, "%s: this kernel has no such knob "
				 "(%s); nothing changed", plan->ch[i].k->key,
				 plan->ch[i].k->path);
			return -ENOENT;
		}
	for (i = 0; i < plan->n; i++) {
		struct kc_change *c = &plan->ch[i];

		if (!c->present || c->from == c->to)
			continue;
		kc_knob_format(c->k, c->to, text, sizeof(text));
		rc = kc_write_str(c->k->path, text);
		if (rc == 0) {
			c->written = true;
			continue;
		}
		if (c->ignore_failure) {
			c->failed = true;
			addf(plan->notes, sizeof(plan->notes),
			     "%s: cannot write %s (%s), skipped ('-')\n",
			     c->k->key, text, kc_errtext(rc));
			continue;
		}
		snprintf(err, len, "%s: cannot write %s to %s: %s", c->k->key,
			 text, c->k->path, kc_errtext(rc));
		if (rollback(plan, i, err, len) == 0)
			addf(err, len, "; nothing changed (the knobs written "
			     "before it were set back)");
		return rc;
	}
	return 0;
}

int kc_dropin_text(const struct kc_plan *plan, const char *what,
		   const char *profile, const char *when, char *buf,
		   size_t len)
{
	unsigned int i;
	char text[32];

	buf[0] = '\0';
	addf(buf, len, "# Written by kcrumbs %s ('%s') on %s.\n"
	     "# kcrumbs-profile: %s\n"
	     "# Panic policy, applied at boot by systemd-sysctl. Change it with\n"
	     "# 'kcrumbs policy', or delete this file to keep the kernel's "
	     "defaults.\n"
	     "# /etc/sysctl.conf (99-sysctl.conf) is read after this file and "
	     "wins\n# where both set a key.\n",
	     KCRUMBS_VERSION, what, when, profile);
	for (i = 0; i < plan->n; i++) {
		const struct kc_change *c = &plan->ch[i];

		kc_knob_format(c->k, c->to, text, sizeof(text));
		addf(buf, len, "%s%s = %s\n", c->ignore_failure ? "-" : "",
		     c->k->key, text);
	}
	return strlen(buf) + 1 >= len ? -ENOSPC : 0;
}

/* @s after its first line ("" when it has one line only). */
static const char *body(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? nl + 1 : "";
}

/* mkdir -p of @path's directory. */
static int mkparent(const char *path)
{
	char dir[4096], *p;

	snprintf(dir, sizeof(dir), "%s", path);
	p = strrchr(dir, '/');
	if (!p || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

static int write_new(const char *tmp, const char *text)
{
	size_t len = strlen(text);
	int fd, rc = 0;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len || fsync(fd))
		rc = errno ? -errno : -EIO;
	if (close(fd) && !rc)
		rc = -errno;
	return rc;
}

int kc_dropin_write(const char *text, bool *changed, char *err, size_t len)
{
	char path[4096], tmp[4200];
	char *old;
	int rc;

	*changed = false;
	kc_path(path, sizeof(path), KC_DROPIN);
	old = slurp(path, &rc);
	if (old && strcmp(body(old), body(text)) == 0) {
		free(old);
		return 0;
	}
	free(old);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	rc = mkparent(path);
	if (!rc)
		rc = write_new(tmp, text);
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc) {
		unlink(tmp);
		snprintf(err, len, "cannot write %s: %s", path, kc_errtext(rc));
		return rc;
	}
	*changed = true;
	return 0;
}

void kc_dropin_profile(char *name, size_t len)
{
	char path[4096], *text, *p;
	int rc;

	name[0] = '\0';
	text = slurp(kc_path(path, sizeof(path), KC_DROPIN), &rc);
	if (!text)
		return;
	p = strstr(text, "\n# kcrumbs-profile: ");
	if (p) {
		p += strlen("\n# kcrumbs-profile: ");
		snprintf(name, len, "%.*s", (int)strcspn(p, " \n"), p);
	}
	free(text);
}

int kc_dropin_load(struct kc_sysctl_file *f)
{
	char path[4096], why[128], *text;
	int rc;

	f->n = 0;
	text = slurp(kc_path(path, sizeof(path), KC_DROPIN), &rc);
	if (!text)
		return 0;
	rc = kc_sysctl_parse(text, f, why, sizeof(why));
	free(text);
	return rc;
}
