// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs status`: the module's state, over generic netlink, and the
 * trigger module's arm window when it is loaded.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nl.h"
#include "nlerr.h"
#include "sysfs.h"

static int parse_status(struct nlattr **tb, struct nlattr *head, int len,
			void *arg)
{
	int err = kc_status_from_attrs(tb, arg);

	return err ? err : kc_status_events_from_stream(head, len, arg);
}

static int parse_trigger_status(struct nlattr **tb, struct nlattr *head,
				int len, void *arg)
{
	(void)head;
	(void)len;
	return kc_status_trigger_from_attrs(tb, arg);
}

/*
 * The arm window, from kcrumbs_trigger.ko when it is loaded; its absence
 * is no error (a production machine does not load it).
 */
static void query_trigger(struct kc_status *st)
{
	struct kc_nl nl;

	if (kc_nl_open_family(&nl, KCRUMBS_TRIGGER_GENL_NAME) == KC_EXIT_OK &&
	    kc_nl_request(&nl, KCRUMBS_CMD_GET_STATUS, NULL, NULL,
			  parse_trigger_status, st) != KC_EXIT_OK) {
		st->trigger_loaded = 0;
		st->armed_ms = 0;
	}
	kc_nl_close(&nl);
}

int kc_query_status(struct kc_status *st, char *errmsg, size_t len)
{
	struct kc_nl nl;
	long enabled;
	int rc;

	rc = kc_nl_open(&nl);
	if (rc == KC_EXIT_OK)
		rc = kc_nl_request(&nl, KCRUMBS_CMD_GET_STATUS, NULL, NULL,
				   parse_status, st);
	if (rc != KC_EXIT_OK)
		snprintf(errmsg, len, "%s", nl.errmsg);
	kc_nl_close(&nl);
	if (rc == KC_EXIT_OK)
		query_trigger(st);
	/* all kprobes disarmed at once: only debugfs tells (root, mounted) */
	if (rc == KC_EXIT_OK &&
	    kc_read_long("/sys/kernel/debug/kprobes/enabled", &enabled) == 0)
		st->kprobes_disarmed = enabled == 0;
	return rc;
}

int kc_cmd_status(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_status st;
	char why[512];
	int rc;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs status: takes no arguments\n");
		return KC_EXIT_USAGE;
	}

	rc = kc_query_status(&st, why, sizeof(why));
	if (rc != KC_EXIT_OK) {
		if (ctx->json)
			kc_status_print_json_absent(stdout, why);
		fprintf(stderr, "kcrumbs: %s\n", why);
		return rc;
	}
	if (ctx->json)
		kc_status_print_json(stdout, &st);
	else
		kc_status_print_text(stdout, &st);
	return KC_EXIT_OK;
}
