// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs arm`: open the window in which one trigger is accepted, in
 * kcrumbs_trigger.ko. The window belongs to this connection: only its
 * TRIGGER is accepted, so `kcrumbs trigger` arms and fires over one
 * connection of its own. This command opens a window that `kcrumbs
 * status` shows, and closes any window (--seconds 0).
 */
#include <stdint.h>
#include <stdio.h>

#include <netlink/attr.h>

#include "cli.h"
#include "nl.h"
#include "nlerr.h"

#define KC_ARM_DEFAULT_SECONDS 10

static int arm_seconds = KC_ARM_DEFAULT_SECONDS;

const struct poptOption kc_arm_options[] = {
	{ "seconds", 's', POPT_ARG_INT, &arm_seconds, 0,
	  "length of the window, 1 to 60 s; 0 closes it (default 10)", "N" },
	POPT_TABLEEND
};

static int fill_seconds(struct nl_msg *msg, void *arg)
{
	return nla_put_u32(msg, KCRUMBS_ATTR_ARM_SECONDS, *(uint32_t *)arg);
}

int kc_arm(struct kc_nl *nl, unsigned int seconds)
{
	uint32_t s = seconds;

	return kc_nl_request(nl, KCRUMBS_CMD_ARM, fill_seconds, &s, NULL, NULL);
}

int kc_cmd_arm(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct kc_nl nl;
	int rc;

	(void)ctx;
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "kcrumbs arm: takes no arguments (use --seconds N)\n");
		return KC_EXIT_USAGE;
	}
	if (arm_seconds < 0 || arm_seconds > KCRUMBS_ARM_MAX_SECONDS) {
		fprintf(stderr, "kcrumbs arm: --seconds must be 0 to %d, not %d\n",
			KCRUMBS_ARM_MAX_SECONDS, arm_seconds);
		return KC_EXIT_USAGE;
	}
	rc = kc_nl_open_family(&nl, KCRUMBS_TRIGGER_GENL_NAME);
	if (rc == KC_EXIT_OK)
		rc = kc_arm(&nl, (unsigned int)arm_seconds);
	if (rc != KC_EXIT_OK)
		kc_nl_report(&nl);
	else if (arm_seconds)
		printf("armed for %d s, for this connection only: a trigger from another\n"
		       "process is refused ('kcrumbs trigger' arms its own window)\n",
		       arm_seconds);
	else
		printf("disarmed\n");
	kc_nl_close(&nl);
	return rc;
}
