// SPDX-License-Identifier: GPL-2.0
/* The module's status: decoded from netlink attributes, printed. Pure. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "attr.h"
#include "json.h"
#include "status.h"

static const int required[] = {
	KCRUMBS_ATTR_VERSION, KCRUMBS_ATTR_ABI_VERSION,
	KCRUMBS_ATTR_KERNEL_RELEASE, KCRUMBS_ATTR_LOADED_NS,
	KCRUMBS_ATTR_NOW_NS,
};

int kc_status_from_attrs(struct nlattr **tb, struct kc_status *st)
{
	size_t i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!tb[required[i]])
			return -EBADMSG;
	if (kc_attr_len(tb[KCRUMBS_ATTR_ABI_VERSION], sizeof(uint32_t)) ||
	    kc_attr_len(tb[KCRUMBS_ATTR_LOADED_NS], sizeof(uint64_t)) ||
	    kc_attr_len(tb[KCRUMBS_ATTR_NOW_NS], sizeof(uint64_t)) ||
	    kc_attr_str(st->version, sizeof(st->version),
			tb[KCRUMBS_ATTR_VERSION]) ||
	    kc_attr_str(st->kernel_release, sizeof(st->kernel_release),
			tb[KCRUMBS_ATTR_KERNEL_RELEASE]))
		return -EBADMSG;
	/* optional: modules before the arm window do not send it */
	if (tb[KCRUMBS_ATTR_ARMED_MS]) {
		if (kc_attr_len(tb[KCRUMBS_ATTR_ARMED_MS], sizeof(uint32_t)))
			return -EBADMSG;
		st->armed_ms = nla_get_u32(tb[KCRUMBS_ATTR_ARMED_MS]);
	}
	st->abi_version = nla_get_u32(tb[KCRUMBS_ATTR_ABI_VERSION]);
	st->loaded_ns = nla_get_u64(tb[KCRUMBS_ATTR_LOADED_NS]);
	st->now_ns = nla_get_u64(tb[KCRUMBS_ATTR_NOW_NS]);
	return 0;
}

static uint64_t loaded_for_ns(const struct kc_status *st)
{
	return st->now_ns > st->loaded_ns ? st->now_ns - st->loaded_ns : 0;
}

void kc_status_print_text(FILE *f, const struct kc_status *st)
{
	uint64_t up = loaded_for_ns(st);

	fprintf(f, "module:         loaded, version %s\n", st->version);
	fprintf(f, "abi:            %" PRIu32 "%s\n", st->abi_version,
		st->abi_version == KCRUMBS_ABI_VERSION ?
		"" : " (this tool speaks another ABI: update one of them)");
	fprintf(f, "kernel:         %s\n", st->kernel_release);
	fprintf(f, "loaded for:     %" PRIu64 ".%03" PRIu64 " s\n",
		up / 1000000000u, up / 1000000u % 1000u);
	if (st->armed_ms)
		fprintf(f, "triggers:       ARMED for %" PRIu32 ".%03" PRIu32 " s more\n",
			st->armed_ms / 1000, st->armed_ms % 1000);
	else
		fprintf(f, "triggers:       not armed\n");
}

void kc_status_print_json(FILE *f, const struct kc_status *st)
{
	fprintf(f, "{\"schema\":%d,\"module\":{\"loaded\":true,\"version\":",
		KC_STATUS_JSON_SCHEMA);
	kc_json_string(f, st->version);
	fprintf(f, ",\"abi\":%" PRIu32 ",\"abi_match\":%s,\"kernel_release\":",
		st->abi_version,
		st->abi_version == KCRUMBS_ABI_VERSION ? "true" : "false");
	kc_json_string(f, st->kernel_release);
	fprintf(f, ",\"loaded_for_ns\":%" PRIu64 ",\"armed_ms\":%" PRIu32 "}}\n",
		loaded_for_ns(st), st->armed_ms);
}

void kc_status_print_json_absent(FILE *f, const char *why)
{
	fprintf(f, "{\"schema\":%d,\"module\":{\"loaded\":false,\"error\":",
		KC_STATUS_JSON_SCHEMA);
	kc_json_string(f, why);
	fputs("}}\n", f);
}
