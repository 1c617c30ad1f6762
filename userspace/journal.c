// SPDX-License-Identifier: GPL-2.0
/*
 * The journal entry of `kcrumbs harvest`: sd_journal_sendv() from
 * libsystemd.so.0, loaded when needed, so that the CLI neither links it
 * nor needs it in a capture kernel or a container.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "journal.h"

#define KC_MAX_FIELDS 16

struct fields {
	struct iovec iov[KC_MAX_FIELDS];
	char *text[KC_MAX_FIELDS];
	int n;
};

static void add(struct fields *f, const char *key, const char *val)
{
	size_t len;

	if (!val || !*val || f->n >= KC_MAX_FIELDS)
		return;
	len = strlen(key) + strlen(val) + 2;
	f->text[f->n] = malloc(len);
	if (!f->text[f->n])
		return;
	snprintf(f->text[f->n], len, "%s=%s", key, val);
	f->iov[f->n].iov_base = f->text[f->n];
	f->iov[f->n].iov_len = strlen(f->text[f->n]);
	f->n++;
}

int kc_journal_summary(const struct kc_summary *s, const char *message)
{
	int (*sendv)(const struct iovec *iov, int n);
	struct fields f = { .n = 0 };
	char num[24];
	void *h;
	int i, r;

	h = dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return -ENOSYS;
	*(void **)&sendv = dlsym(h, "sd_journal_sendv");
	if (!sendv) {
		dlclose(h);
		return -ENOSYS;
	}
	add(&f, "MESSAGE", message);
	add(&f, "MESSAGE_ID", KC_JOURNAL_MESSAGE_ID);
	add(&f, "PRIORITY", s->fate == KC_H_CRASHED ? "2" :
	    s->fate == KC_H_VANISHED ? "4" : "6");
	add(&f, "SYSLOG_IDENTIFIER", "kcrumbs");
	add(&f, "KCRUMBS_VERDICT", kc_hfate_name(s->fate));
	add(&f, "KCRUMBS_CAUSE", s->cause);
	add(&f, "KCRUMBS_MESSAGE", s->message);
	add(&f, "KCRUMBS_FUNCTION", s->function);
	add(&f, "KCRUMBS_TASK", s->task);
	if (s->task[0]) {
		snprintf(num, sizeof(num), "%u", (unsigned int)s->pid);
		add(&f, "KCRUMBS_PID", num);
	}
	add(&f, "KCRUMBS_KERNEL", s->release);
	add(&f, "KCRUMBS_BOOT_ID", s->boot_id);
	add(&f, "KCRUMBS_SOURCE", s->source);
	r = sendv(f.iov, f.n);
	for (i = 0; i < f.n; i++)
		free(f.text[i]);
	dlclose(h);
	return r;
}
