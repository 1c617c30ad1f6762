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

static void add(struct kc_journal_fields *f, const char *key, const char *val)
{
	size_t len;

	if (!val || !*val || f->n >= KC_JOURNAL_MAX_FIELDS)
		return;
	len = strlen(key) + strlen(val) + 2;
	f->text[f->n] = malloc(len);
	if (!f->text[f->n])
		return;
	snprintf(f->text[f->n], len, "%s=%s", key, val);
	f->n++;
}

void kc_journal_fields(const struct kc_summary *s, const char *message,
		       struct kc_journal_fields *f)
{
	char num[24];

	f->n = 0;
	add(f, "MESSAGE", message);
	add(f, "MESSAGE_ID", KC_JOURNAL_MESSAGE_ID);
	add(f, "PRIORITY", s->fate == KC_H_CRASHED ? "2" :
	    s->fate == KC_H_VANISHED ? "4" : "6");
	add(f, "SYSLOG_IDENTIFIER", "kcrumbs");
	add(f, "KCRUMBS_VERDICT", kc_hfate_name(s->fate));
	add(f, "KCRUMBS_CAUSE", s->cause);
	add(f, "KCRUMBS_MESSAGE", s->message);
	add(f, "KCRUMBS_FUNCTION", s->function);
	add(f, "KCRUMBS_TITLE", s->title);
	add(f, "KCRUMBS_SIGNATURE", s->signature);
	add(f, "KCRUMBS_TASK", s->task);
	if (s->task[0]) {
		snprintf(num, sizeof(num), "%u", (unsigned int)s->pid);
		add(f, "KCRUMBS_PID", num);
	}
	add(f, "KCRUMBS_KERNEL", s->release);
	add(f, "KCRUMBS_BOOT_ID", s->boot_id);
	add(f, "KCRUMBS_SOURCE", s->source);
}

void kc_journal_fields_free(struct kc_journal_fields *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		free(f->text[i]);
	f->n = 0;
}

int kc_journal_summary(const struct kc_summary *s, const char *message)
{
	int (*sendv)(const struct iovec *iov, int n);
	struct iovec iov[KC_JOURNAL_MAX_FIELDS];
	struct kc_journal_fields f;
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
	kc_journal_fields(s, message, &f);
	for (i = 0; i < f.n; i++) {
		iov[i].iov_base = f.text[i];
		iov[i].iov_len = strlen(f.text[i]);
	}
	r = sendv(iov, f.n);
	kc_journal_fields_free(&f);
	dlclose(h);
	return r;
}
