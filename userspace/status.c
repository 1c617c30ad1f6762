// SPDX-License-Identifier: GPL-2.0
/* The module's status: decoded from netlink attributes, printed. Pure. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "attr.h"
#include "decode.h"
#include "json.h"
#include "status.h"
#include "text.h"

static const int required[] = {
	KCRUMBS_ATTR_VERSION, KCRUMBS_ATTR_ABI_VERSION,
	KCRUMBS_ATTR_KERNEL_RELEASE, KCRUMBS_ATTR_LOADED_NS,
	KCRUMBS_ATTR_NOW_NS,
};

/* Optional: what the recorder could not do, and the hooks asked for. */
static int counters_from_attrs(struct nlattr **tb, struct kc_status *st)
{
	static const int u64s[] = { KCRUMBS_ATTR_PROBE_MISSED, KCRUMBS_ATTR_NMI_SEEN,
				    KCRUMBS_ATTR_DROPPED, KCRUMBS_ATTR_NESTED,
				    KCRUMBS_ATTR_RECOVERED };
	uint64_t *dst[] = { &st->probe_missed, &st->nmi_seen, &st->dropped,
			    &st->nested, &st->recovered };
	size_t i;

	if (!tb[KCRUMBS_ATTR_HOOKS_WANTED])
		return 0;
	if (kc_attr_len(tb[KCRUMBS_ATTR_HOOKS_WANTED], sizeof(uint32_t)) ||
	    !tb[KCRUMBS_ATTR_PREVIOUS] ||
	    kc_attr_len(tb[KCRUMBS_ATTR_PREVIOUS], sizeof(uint32_t)))
		return -EBADMSG;
	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++) {
		if (!tb[u64s[i]] || kc_attr_len(tb[u64s[i]], sizeof(uint64_t)))
			return -EBADMSG;
		*dst[i] = nla_get_u64(tb[u64s[i]]);
	}
	st->hooks_wanted = nla_get_u32(tb[KCRUMBS_ATTR_HOOKS_WANTED]);
	st->has_previous = nla_get_u32(tb[KCRUMBS_ATTR_PREVIOUS]);
	st->has_counters = 1;
	return 0;
}

static int region_from_attrs(struct nlattr **tb, struct kc_status *st)
{
	static const int u64s[] = { KCRUMBS_ATTR_REGION_SIZE,
				    KCRUMBS_ATTR_RECORDS, KCRUMBS_ATTR_MARKS };
	static const int u32s[] = { KCRUMBS_ATTR_NR_SLOTS, KCRUMBS_ATTR_SLOT_SIZE,
				    KCRUMBS_ATTR_NR_MARKS, KCRUMBS_ATTR_HOOKS };
	size_t i;

	for (i = 0; i < sizeof(u64s) / sizeof(u64s[0]); i++)
		if (!tb[u64s[i]] || kc_attr_len(tb[u64s[i]], sizeof(uint64_t)))
			return -EBADMSG;
	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++)
		if (!tb[u32s[i]] || kc_attr_len(tb[u32s[i]], sizeof(uint32_t)))
			return -EBADMSG;
	if (kc_attr_str(st->region_mode, sizeof(st->region_mode),
			tb[KCRUMBS_ATTR_REGION_MODE]))
		return -EBADMSG;
	if (tb[KCRUMBS_ATTR_REGION_PHYS]) {
		if (kc_attr_len(tb[KCRUMBS_ATTR_REGION_PHYS], sizeof(uint64_t)))
			return -EBADMSG;
		st->has_phys = 1;
		st->region_phys = nla_get_u64(tb[KCRUMBS_ATTR_REGION_PHYS]);
	}
	st->has_region = 1;
	st->region_size = nla_get_u64(tb[KCRUMBS_ATTR_REGION_SIZE]);
	st->records = nla_get_u64(tb[KCRUMBS_ATTR_RECORDS]);
	st->marks = nla_get_u64(tb[KCRUMBS_ATTR_MARKS]);
	st->nr_slots = nla_get_u32(tb[KCRUMBS_ATTR_NR_SLOTS]);
	st->slot_size = nla_get_u32(tb[KCRUMBS_ATTR_SLOT_SIZE]);
	st->nr_marks = nla_get_u32(tb[KCRUMBS_ATTR_NR_MARKS]);
	st->hooks = nla_get_u32(tb[KCRUMBS_ATTR_HOOKS]);
	return counters_from_attrs(tb, st);
}

static int event_from_attr(struct nlattr *nest, struct kc_status_event *e)
{
	struct nlattr *tb[KCRUMBS_EVENT_ATTR_MAX + 1];
	static const int u32s[] = { KCRUMBS_EVENT_ATTR_KIND, KCRUMBS_EVENT_ATTR_CAUSE,
				    KCRUMBS_EVENT_ATTR_HOOK, KCRUMBS_EVENT_ATTR_CPU,
				    KCRUMBS_EVENT_ATTR_PID };
	size_t i;

	memset(e, 0, sizeof(*e));
	if (nla_parse_nested(tb, KCRUMBS_EVENT_ATTR_MAX, nest, NULL))
		return -EBADMSG;
	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++)
		if (!tb[u32s[i]] || kc_attr_len(tb[u32s[i]], sizeof(uint32_t)))
			return -EBADMSG;
	if (!tb[KCRUMBS_EVENT_ATTR_SEQ] || !tb[KCRUMBS_EVENT_ATTR_BOOT_NS] ||
	    kc_attr_len(tb[KCRUMBS_EVENT_ATTR_SEQ], sizeof(uint64_t)) ||
	    kc_attr_len(tb[KCRUMBS_EVENT_ATTR_BOOT_NS], sizeof(uint64_t)) ||
	    !tb[KCRUMBS_EVENT_ATTR_COMM] || !tb[KCRUMBS_EVENT_ATTR_MSG] ||
	    nla_len(tb[KCRUMBS_EVENT_ATTR_COMM]) > KCRUMBS_COMM_LEN)
		return -EBADMSG;
	/* comm is sent without a NUL; an empty message is a lone NUL */
	memcpy(e->comm, nla_data(tb[KCRUMBS_EVENT_ATTR_COMM]),
	       (size_t)nla_len(tb[KCRUMBS_EVENT_ATTR_COMM]));
	if (nla_len(tb[KCRUMBS_EVENT_ATTR_MSG]) > 1 &&
	    kc_attr_str(e->msg, sizeof(e->msg), tb[KCRUMBS_EVENT_ATTR_MSG]))
		return -EBADMSG;
	e->seq = nla_get_u64(tb[KCRUMBS_EVENT_ATTR_SEQ]);
	e->boot_ns = nla_get_u64(tb[KCRUMBS_EVENT_ATTR_BOOT_NS]);
	e->kind = nla_get_u32(tb[KCRUMBS_EVENT_ATTR_KIND]);
	e->cause = nla_get_u32(tb[KCRUMBS_EVENT_ATTR_CAUSE]);
	e->hook = nla_get_u32(tb[KCRUMBS_EVENT_ATTR_HOOK]);
	e->cpu = nla_get_u32(tb[KCRUMBS_EVENT_ATTR_CPU]);
	e->pid = nla_get_u32(tb[KCRUMBS_EVENT_ATTR_PID]);
	return 0;
}

int kc_status_events_from_stream(struct nlattr *head, int len,
				 struct kc_status *st)
{
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, head, len, rem) {
		if (nla_type(a) != KCRUMBS_ATTR_EVENT)
			continue;
		if (st->n_events == KCRUMBS_STATUS_EVENTS)
			break;
		if (event_from_attr(a, &st->events[st->n_events]))
			return -EBADMSG;
		st->n_events++;
	}
	return 0;
}

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
	if (tb[KCRUMBS_ATTR_REGION_MODE] && region_from_attrs(tb, st))
		return -EBADMSG;
	st->abi_version = nla_get_u32(tb[KCRUMBS_ATTR_ABI_VERSION]);
	st->loaded_ns = nla_get_u64(tb[KCRUMBS_ATTR_LOADED_NS]);
	st->now_ns = nla_get_u64(tb[KCRUMBS_ATTR_NOW_NS]);
	return 0;
}

int kc_status_trigger_from_attrs(struct nlattr **tb, struct kc_status *st)
{
	if (!tb[KCRUMBS_ATTR_ARMED_MS] ||
	    kc_attr_len(tb[KCRUMBS_ATTR_ARMED_MS], sizeof(uint32_t)))
		return -EBADMSG;
	st->trigger_loaded = 1;
	st->armed_ms = nla_get_u32(tb[KCRUMBS_ATTR_ARMED_MS]);
	return 0;
}

static uint64_t loaded_for_ns(const struct kc_status *st)
{
	return st->now_ns > st->loaded_ns ? st->now_ns - st->loaded_ns : 0;
}

static uint64_t over(uint64_t written, uint32_t ring)
{
	return written > ring ? written - ring : 0;
}

/* "die, crash_kexec, panic, nmi" from the hook bits. */
static void hooks_text(char *buf, size_t len, uint32_t hooks, int json)
{
	unsigned int h;

	buf[0] = '\0';
	for (h = 1; h < 32; h++) {
		if (!(hooks & (1u << h)))
			continue;
		snprintf(buf + strlen(buf), len - strlen(buf), json ? "%s\"%s\"" : "%s%s",
			 buf[0] ? (json ? "," : ", ") : "", kc_hook_name(h));
	}
	if (!buf[0] && !json)
		snprintf(buf, len, "none");
}

uint32_t kc_status_hooks_live(const struct kc_status *st)
{
	/* the kprobes: debugfs kprobes/enabled = 0 disarms them all */
	uint32_t kp = 1u << KCRUMBS_HOOK_CRASH_KEXEC | 1u << KCRUMBS_HOOK_TAINT |
		      1u << KCRUMBS_HOOK_MCE;

	return st->kprobes_disarmed ? st->hooks & ~kp : st->hooks;
}

/* Hooks asked for and not firing, and what the recorder had to skip. */
static void print_hook_problems_text(FILE *f, const struct kc_status *st)
{
	uint32_t missing = st->hooks_wanted & ~kc_status_hooks_live(st);
	char names[128];

	if (missing) {
		hooks_text(names, sizeof(names), missing, 0);
		fprintf(f, "NOT ARMED:      %s%s\n", names, st->kprobes_disarmed ?
			" (every kprobe is disarmed: debugfs kprobes/enabled is 0; "
			"echo 1 > /sys/kernel/debug/kprobes/enabled)" :
			" (see dmesg: it could not be put in place, or was disabled)");
	}
	if (!st->has_counters)
		return;
	fprintf(f, "recorder:       %" PRIu64 " probe hit%s missed, %" PRIu64
		" unknown NMI%s seen (the first recorded), %" PRIu64
		" record%s dropped, %" PRIu64 " nested entr%s skipped, %" PRIu64
		" recovered after a fault\n",
		st->probe_missed, st->probe_missed == 1 ? "" : "s",
		st->nmi_seen, st->nmi_seen == 1 ? "" : "s",
		st->dropped, st->dropped == 1 ? "" : "s",
		st->nested, st->nested == 1 ? "y" : "ies", st->recovered);
	fprintf(f, "previous boot:  %s\n", st->has_previous ?
		"kept (kcrumbs last-boot, kcrumbs read --previous)" :
		"none found in the region");
}

static void print_region_text(FILE *f, const struct kc_status *st)
{
	char hooks[128];
	unsigned int i;

	fprintf(f, "region:         %s, %" PRIu64 " bytes", st->region_mode,
		st->region_size);
	if (st->has_phys)
		fprintf(f, " at 0x%" PRIx64 "\n", st->region_phys);
	else
		fputs(" (address: root only)\n", f);
	fprintf(f, "records:        %" PRIu64 " written, %" PRIu64
		" overwritten (%" PRIu32 " slots of %" PRIu32 " bytes)\n",
		st->records, over(st->records, st->nr_slots), st->nr_slots,
		st->slot_size);
	fprintf(f, "marks:          %" PRIu64 " written, %" PRIu64
		" overwritten (ring of %" PRIu32 ")\n", st->marks,
		over(st->marks, st->nr_marks), st->nr_marks);
	hooks_text(hooks, sizeof(hooks), kc_status_hooks_live(st), 0);
	fprintf(f, "hooks:          %s\n", hooks);
	print_hook_problems_text(f, st);
	if (!st->n_events)
		fputs("last events:    none in this boot\n", f);
	for (i = 0; i < st->n_events; i++) {
		const struct kc_status_event *e = &st->events[i];

		fprintf(f, "%s #%" PRIu64 " %s %s (%s hook), cpu %" PRIu32 ", pid %"
			PRIu32 " (", i ? "               " : "last events:   ", e->seq,
			kc_kind_text(e->kind),
			e->kind == KCRUMBS_REC_EVENT ? kc_cause_name(e->cause) : "",
			kc_hook_name(e->hook), e->cpu, e->pid);
		kc_text_str(f, e->comm);
		fprintf(f, "), %" PRIu64 ".%03" PRIu64 " s after boot%s",
			e->boot_ns / 1000000000u, e->boot_ns / 1000000u % 1000u,
			e->msg[0] ? ": " : "");
		kc_text_str(f, e->msg);
		fputc('\n', f);
	}
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
	if (!st->trigger_loaded)
		fprintf(f, "trigger module: not loaded\n");
	else if (st->armed_ms)
		fprintf(f, "triggers:       ARMED for %" PRIu32 ".%03" PRIu32 " s more\n",
			st->armed_ms / 1000, st->armed_ms % 1000);
	else
		fprintf(f, "triggers:       not armed\n");
	if (st->has_region)
		print_region_text(f, st);
}

static void print_region_json(FILE *f, const struct kc_status *st)
{
	char hooks[160];
	unsigned int i;

	fputs(",\"region\":{\"mode\":", f);
	kc_json_string(f, st->region_mode);
	kc_json_u64(f, 1, "size", st->region_size);
	if (st->has_phys)
		kc_json_hex(f, 1, "phys", st->region_phys);
	fprintf(f, ",\"slots\":%" PRIu32 ",\"slot_size\":%" PRIu32,
		st->nr_slots, st->slot_size);
	kc_json_u64(f, 1, "records", st->records);
	kc_json_u64(f, 1, "records_overwritten", over(st->records, st->nr_slots));
	fprintf(f, ",\"mark_ring\":%" PRIu32, st->nr_marks);
	kc_json_u64(f, 1, "marks", st->marks);
	kc_json_u64(f, 1, "marks_overwritten", over(st->marks, st->nr_marks));
	fputc('}', f);
	hooks_text(hooks, sizeof(hooks), kc_status_hooks_live(st), 1);
	fprintf(f, ",\"hooks\":[%s]", hooks);
	hooks_text(hooks, sizeof(hooks), st->hooks_wanted & ~kc_status_hooks_live(st), 1);
	fprintf(f, ",\"hooks_not_armed\":[%s],\"kprobes_disarmed\":%s", hooks,
		st->kprobes_disarmed ? "true" : "false");
	if (st->has_counters) {
		kc_json_u64(f, 1, "probe_missed", st->probe_missed);
		kc_json_u64(f, 1, "nmi_seen", st->nmi_seen);
		kc_json_u64(f, 1, "records_dropped", st->dropped);
		kc_json_u64(f, 1, "nested_skipped", st->nested);
		kc_json_u64(f, 1, "recovered", st->recovered);
		fprintf(f, ",\"previous_boot\":%s", st->has_previous ? "true" : "false");
	}
	fputs(",\"last_events\":[", f);
	for (i = 0; i < st->n_events; i++) {
		const struct kc_status_event *e = &st->events[i];

		fputs(i ? ",{" : "{", f);
		kc_json_u64(f, 0, "seq", e->seq);
		fprintf(f, ",\"kind\":\"%s\",\"cause\":\"%s\","
			"\"hook\":\"%s\",\"cpu\":%" PRIu32 ",\"pid\":%" PRIu32
			",\"comm\":",
			kc_kind_name(e->kind),
			kc_cause_name(e->cause), kc_hook_name(e->hook), e->cpu, e->pid);
		kc_json_string(f, e->comm);
		kc_json_u64(f, 1, "boot_ns", e->boot_ns);
		fputs(",\"message\":", f);
		kc_json_string(f, e->msg);
		fputc('}', f);
	}
	fputc(']', f);
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
	kc_json_u64(f, 1, "loaded_for_ns", loaded_for_ns(st));
	fputc('}', f);
	if (st->trigger_loaded)
		fprintf(f, ",\"trigger_module\":{\"loaded\":true,\"armed_ms\":%"
			PRIu32 "}", st->armed_ms);
	else
		fputs(",\"trigger_module\":{\"loaded\":false}", f);
	if (st->has_region)
		print_region_json(f, st);
	fputs("}\n", f);
}

void kc_status_print_json_absent(FILE *f, const char *why)
{
	fprintf(f, "{\"schema\":%d,\"module\":{\"loaded\":false,\"error\":",
		KC_STATUS_JSON_SCHEMA);
	kc_json_string(f, why);
	fputs("}}\n", f);
}
