// SPDX-License-Identifier: GPL-2.0
/* Unit tests: decoding and printing the module's status reply. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <netlink/msg.h>

#include "status.h"

struct reply {
	struct nl_msg *msg;
	struct nlattr *tb[KCRUMBS_ATTR_MAX + 1];
};

static void reply_begin(struct reply *r)
{
	r->msg = nlmsg_alloc();
	assert_non_null(r->msg);
	assert_non_null(nlmsg_put(r->msg, 0, 0, 0x20, 0, 0));
}

static void reply_parse(struct reply *r)
{
	assert_int_equal(nlmsg_parse(nlmsg_hdr(r->msg), 0, r->tb,
				     KCRUMBS_ATTR_MAX, NULL), 0);
}

static void reply_full(struct reply *r, const char *ver, uint32_t abi)
{
	reply_begin(r);
	nla_put_string(r->msg, KCRUMBS_ATTR_VERSION, ver);
	nla_put_u32(r->msg, KCRUMBS_ATTR_ABI_VERSION, abi);
	nla_put_string(r->msg, KCRUMBS_ATTR_KERNEL_RELEASE, "6.1.0-56-amd64");
	nla_put_u64(r->msg, KCRUMBS_ATTR_LOADED_NS, 1000000000ull);
	nla_put_u64(r->msg, KCRUMBS_ATTR_NOW_NS, 3500000000ull);
	reply_parse(r);
}

static char *capture(void (*print)(FILE *, const struct kc_status *),
		     const struct kc_status *st)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_non_null(f);
	print(f, st);
	fclose(f);
	return out;
}

static void test_decode_full_reply(void **state)
{
	struct kc_status st;
	struct reply r;

	(void)state;
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	assert_string_equal(st.version, "0.1.0");
	assert_string_equal(st.kernel_release, "6.1.0-56-amd64");
	assert_int_equal(st.abi_version, KCRUMBS_ABI_VERSION);
	assert_int_equal(st.loaded_ns, 1000000000ull);
	assert_int_equal(st.now_ns, 3500000000ull);
	nlmsg_free(r.msg);
}

static void test_missing_attribute_rejected(void **state)
{
	struct kc_status st;
	struct reply r;

	(void)state;
	reply_begin(&r);
	nla_put_string(r.msg, KCRUMBS_ATTR_VERSION, "0.1.0");
	reply_parse(&r);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), -EBADMSG);
	nlmsg_free(r.msg);
}

static void test_malformed_attributes_rejected(void **state)
{
	char longstr[KCRUMBS_STR_MAX + 10];
	struct kc_status st;
	struct reply r;
	uint16_t shortint = 1;

	(void)state;
	/* a string longer than the ABI allows */
	memset(longstr, 'x', sizeof(longstr) - 1);
	longstr[sizeof(longstr) - 1] = '\0';
	reply_full(&r, longstr, KCRUMBS_ABI_VERSION);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), -EBADMSG);
	nlmsg_free(r.msg);

	/* a string without its NUL */
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	nla_put(r.msg, KCRUMBS_ATTR_VERSION, 3, "abc");
	reply_parse(&r);	/* last instance wins */
	assert_int_equal(kc_status_from_attrs(r.tb, &st), -EBADMSG);
	nlmsg_free(r.msg);

	/* an integer of the wrong width */
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	nla_put(r.msg, KCRUMBS_ATTR_ABI_VERSION, sizeof(shortint), &shortint);
	reply_parse(&r);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), -EBADMSG);
	nlmsg_free(r.msg);
}

static void test_text_output(void **state)
{
	struct kc_status st;
	struct reply r;
	char *out;

	(void)state;
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "module:         loaded, version 0.1.0\n"));
	assert_non_null(strstr(out, "kernel:         6.1.0-56-amd64\n"));
	assert_non_null(strstr(out, "loaded for:     2.500 s\n"));
	assert_null(strstr(out, "another ABI"));
	free(out);
	nlmsg_free(r.msg);
}

static void test_abi_mismatch_is_said(void **state)
{
	struct kc_status st;
	struct reply r;
	char *out;

	(void)state;
	reply_full(&r, "9.0.0", KCRUMBS_ABI_VERSION + 1);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "another ABI"));
	free(out);
	out = capture(kc_status_print_json, &st);
	assert_non_null(strstr(out, "\"abi_match\":false"));
	free(out);
	nlmsg_free(r.msg);
}

static void test_json_output(void **state)
{
	struct kc_status st;
	struct reply r;
	char *out;

	(void)state;
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	out = capture(kc_status_print_json, &st);
	assert_string_equal(out,
		"{\"schema\":3,\"module\":{\"loaded\":true,\"version\":\"0.1.0\","
		"\"abi\":1,\"abi_match\":true,"
		"\"kernel_release\":\"6.1.0-56-amd64\","
		"\"loaded_for_ns\":\"2500000000\"},"
		"\"trigger_module\":{\"loaded\":false}}\n");
	free(out);
	nlmsg_free(r.msg);
}

/* The trigger module's GET_STATUS reply: the arm window alone. */
static void trigger_reply(struct reply *r, int with_armed, uint32_t ms)
{
	reply_begin(r);
	if (with_armed)
		nla_put_u32(r->msg, KCRUMBS_ATTR_ARMED_MS, ms);
	reply_parse(r);
}

static void test_arm_window(void **state)
{
	struct kc_status st;
	struct reply r, t;
	char *out;

	(void)state;
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	trigger_reply(&t, 1, 4250);
	assert_int_equal(kc_status_trigger_from_attrs(t.tb, &st), 0);
	assert_int_equal(st.trigger_loaded, 1);
	assert_int_equal(st.armed_ms, 4250);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "triggers:       ARMED for 4.250 s more\n"));
	assert_null(strstr(out, "trigger module: not loaded"));
	free(out);
	out = capture(kc_status_print_json, &st);
	assert_non_null(strstr(out, "\"loaded_for_ns\":\"2500000000\"},"
			       "\"trigger_module\":{\"loaded\":true,\"armed_ms\":4250}}"));
	free(out);
	nlmsg_free(t.msg);

	/* loaded, not armed */
	trigger_reply(&t, 1, 0);
	assert_int_equal(kc_status_trigger_from_attrs(t.tb, &st), 0);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "triggers:       not armed\n"));
	free(out);
	nlmsg_free(t.msg);
	nlmsg_free(r.msg);

	/* the recorder's reply says nothing of the window */
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	nla_put_u32(r.msg, KCRUMBS_ATTR_ARMED_MS, 4250);
	reply_parse(&r);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	assert_int_equal(st.trigger_loaded, 0);
	assert_int_equal(st.armed_ms, 0);
	nlmsg_free(r.msg);

	/* trigger reply without the attribute, or malformed */
	trigger_reply(&t, 0, 0);
	assert_int_equal(kc_status_trigger_from_attrs(t.tb, &st), -EBADMSG);
	nlmsg_free(t.msg);
	reply_begin(&t);
	nla_put_u64(t.msg, KCRUMBS_ATTR_ARMED_MS, 1);
	reply_parse(&t);
	assert_int_equal(kc_status_trigger_from_attrs(t.tb, &st), -EBADMSG);
	nlmsg_free(t.msg);
}

/* Without kcrumbs_trigger.ko (production): no window, said so. */
static void test_trigger_module_absent(void **state)
{
	struct kc_status st;
	struct reply r;
	char *out;

	(void)state;
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "trigger module: not loaded\n"));
	assert_null(strstr(out, "triggers:"));
	assert_null(strstr(out, "armed"));
	free(out);
	out = capture(kc_status_print_json, &st);
	assert_non_null(strstr(out, "\"trigger_module\":{\"loaded\":false}"));
	assert_null(strstr(out, "armed_ms"));
	free(out);
	nlmsg_free(r.msg);
}

static void test_json_absent(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	kc_status_print_json_absent(f, "not \"loaded\"");
	fclose(f);
	assert_string_equal(out, "{\"schema\":3,\"module\":{\"loaded\":false,"
			    "\"error\":\"not \\\"loaded\\\"\"}}\n");
	free(out);
}

/* A reply from a module with a region, and two of its last events. */
static void reply_region(struct reply *r, int with_phys)
{
	struct nlattr *ev;

	reply_begin(r);
	nla_put_string(r->msg, KCRUMBS_ATTR_VERSION, "0.1.0");
	nla_put_u32(r->msg, KCRUMBS_ATTR_ABI_VERSION, KCRUMBS_ABI_VERSION);
	nla_put_string(r->msg, KCRUMBS_ATTR_KERNEL_RELEASE, "6.1.0-56-amd64");
	nla_put_u64(r->msg, KCRUMBS_ATTR_LOADED_NS, 1000000000ull);
	nla_put_u64(r->msg, KCRUMBS_ATTR_NOW_NS, 3500000000ull);
	nla_put_string(r->msg, KCRUMBS_ATTR_REGION_MODE, "reserved");
	nla_put_u64(r->msg, KCRUMBS_ATTR_REGION_SIZE, 200704);
	if (with_phys)
		nla_put_u64(r->msg, KCRUMBS_ATTR_REGION_PHYS, 0x30000000);
	nla_put_u32(r->msg, KCRUMBS_ATTR_NR_SLOTS, 8);
	nla_put_u32(r->msg, KCRUMBS_ATTR_SLOT_SIZE, 16384);
	nla_put_u64(r->msg, KCRUMBS_ATTR_RECORDS, 10);
	nla_put_u32(r->msg, KCRUMBS_ATTR_NR_MARKS, 128);
	nla_put_u64(r->msg, KCRUMBS_ATTR_MARKS, 130);
	nla_put_u32(r->msg, KCRUMBS_ATTR_HOOKS, (1u << KCRUMBS_HOOK_DIE) |
		    (1u << KCRUMBS_HOOK_NMI));
	ev = nla_nest_start(r->msg, KCRUMBS_ATTR_EVENT);
	nla_put_u64(r->msg, KCRUMBS_EVENT_ATTR_SEQ, 9);
	nla_put_u32(r->msg, KCRUMBS_EVENT_ATTR_KIND, KCRUMBS_REC_EVENT);
	nla_put_u32(r->msg, KCRUMBS_EVENT_ATTR_CAUSE, KCRUMBS_CAUSE_OOPS);
	nla_put_u32(r->msg, KCRUMBS_EVENT_ATTR_HOOK, KCRUMBS_HOOK_DIE);
	nla_put_u32(r->msg, KCRUMBS_EVENT_ATTR_CPU, 1);
	nla_put_u32(r->msg, KCRUMBS_EVENT_ATTR_PID, 101);
	nla_put(r->msg, KCRUMBS_EVENT_ATTR_COMM, 13, "kcrumbs-crash");
	nla_put_u64(r->msg, KCRUMBS_EVENT_ATTR_BOOT_NS, 2250000000ull);
	nla_put_string(r->msg, KCRUMBS_EVENT_ATTR_MSG, "Oops");
	nla_nest_end(r->msg, ev);
	reply_parse(r);
}

static void test_region_and_events(void **state)
{
	struct kc_status st;
	struct reply r;
	char *out;

	(void)state;
	reply_region(&r, 1);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	assert_int_equal(kc_status_events_from_stream(nlmsg_attrdata(nlmsg_hdr(r.msg), 0),
						      nlmsg_attrlen(nlmsg_hdr(r.msg), 0), &st), 0);
	assert_true(st.has_region);
	assert_true(st.has_phys);
	assert_int_equal(st.n_events, 1);
	assert_string_equal(st.events[0].comm, "kcrumbs-crash");
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "region:         reserved, 200704 bytes at 0x30000000\n"));
	assert_non_null(strstr(out, "records:        10 written, 2 overwritten (8 slots of 16384 bytes)\n"));
	assert_non_null(strstr(out, "marks:          130 written, 2 overwritten (ring of 128)\n"));
	assert_non_null(strstr(out, "hooks:          die, nmi\n"));
	assert_non_null(strstr(out, "last events:    #9 event oops (die hook), cpu 1, pid 101 (kcrumbs-crash), 2.250 s after boot: Oops\n"));
	free(out);
	out = capture(kc_status_print_json, &st);
	assert_non_null(strstr(out, ",\"region\":{\"mode\":\"reserved\",\"size\":\"200704\",\"phys\":\"0x30000000\","
			       "\"slots\":8,\"slot_size\":16384,\"records\":\"10\",\"records_overwritten\":\"2\","
			       "\"mark_ring\":128,\"marks\":\"130\",\"marks_overwritten\":\"2\"},"
			       "\"hooks\":[\"die\",\"nmi\"],\"hooks_not_armed\":[],\"kprobes_disarmed\":false,"
			       "\"last_events\":[{\"seq\":\"9\",\"kind\":\"event\","
			       "\"cause\":\"oops\",\"hook\":\"die\",\"cpu\":1,\"pid\":101,"
			       "\"comm\":\"kcrumbs-crash\",\"boot_ns\":\"2250000000\",\"message\":\"Oops\"}]}\n"));
	free(out);
	nlmsg_free(r.msg);

	/* not root: no address, said so */
	reply_region(&r, 0);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	assert_false(st.has_phys);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "region:         reserved, 200704 bytes (address: root only)\n"));
	assert_non_null(strstr(out, "last events:    none in this boot\n"));
	free(out);
	nlmsg_free(r.msg);
}

/*
 * A hook asked for and not firing is said, never shown as armed: the
 * kprobe that failed to register, or every kprobe disarmed through
 * debugfs (which the module cannot see); and what the recorder skipped.
 */
static void test_hooks_not_armed(void **state)
{
	struct kc_status st;
	struct reply r;
	char *out;

	(void)state;
	reply_region(&r, 1);
	nla_put_u32(r.msg, KCRUMBS_ATTR_HOOKS_WANTED, (1u << KCRUMBS_HOOK_DIE) |
		    (1u << KCRUMBS_HOOK_CRASH_KEXEC) | (1u << KCRUMBS_HOOK_NMI));
	nla_put_u64(r.msg, KCRUMBS_ATTR_PROBE_MISSED, 3);
	nla_put_u64(r.msg, KCRUMBS_ATTR_NMI_SEEN, 42);
	nla_put_u64(r.msg, KCRUMBS_ATTR_DROPPED, 1);
	nla_put_u64(r.msg, KCRUMBS_ATTR_NESTED, 0);
	nla_put_u64(r.msg, KCRUMBS_ATTR_RECOVERED, 1);
	nla_put_u32(r.msg, KCRUMBS_ATTR_PREVIOUS, 1);
	reply_parse(&r);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	assert_true(st.has_counters);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "hooks:          die, nmi\n"
			       "NOT ARMED:      crash_kexec (see dmesg"));
	assert_non_null(strstr(out, "recorder:       3 probe hits missed, 42 unknown NMIs "
			       "seen (the first recorded), 1 record dropped, 0 nested "
			       "entries skipped, 1 recovered after a fault\n"));
	assert_non_null(strstr(out, "previous boot:  kept"));
	free(out);
	out = capture(kc_status_print_json, &st);
	assert_non_null(strstr(out, "\"hooks_not_armed\":[\"crash_kexec\"],"
			       "\"kprobes_disarmed\":false,\"probe_missed\":\"3\",\"nmi_seen\":\"42\","
			       "\"records_dropped\":\"1\",\"nested_skipped\":\"0\",\"recovered\":\"1\","
			       "\"previous_boot\":true"));
	free(out);

	/* armed by the module, disarmed for all by debugfs */
	st.hooks |= 1u << KCRUMBS_HOOK_CRASH_KEXEC;
	st.kprobes_disarmed = 1;
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "hooks:          die, nmi\n"
			       "NOT ARMED:      crash_kexec (every kprobe is disarmed"));
	free(out);
	st.kprobes_disarmed = 0;
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "hooks:          die, crash_kexec, nmi\n"));
	assert_null(strstr(out, "NOT ARMED"));
	free(out);
	nlmsg_free(r.msg);
}

static void test_region_malformed_rejected(void **state)
{
	struct kc_status st;
	struct reply r;

	(void)state;
	reply_begin(&r);
	nla_put_string(r.msg, KCRUMBS_ATTR_VERSION, "0.1.0");
	nla_put_u32(r.msg, KCRUMBS_ATTR_ABI_VERSION, KCRUMBS_ABI_VERSION);
	nla_put_string(r.msg, KCRUMBS_ATTR_KERNEL_RELEASE, "6.1.0-56-amd64");
	nla_put_u64(r.msg, KCRUMBS_ATTR_LOADED_NS, 1);
	nla_put_u64(r.msg, KCRUMBS_ATTR_NOW_NS, 2);
	nla_put_string(r.msg, KCRUMBS_ATTR_REGION_MODE, "dynamic");
	nla_put_u32(r.msg, KCRUMBS_ATTR_REGION_SIZE, 4096);	/* u64 expected */
	reply_parse(&r);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), -EBADMSG);
	nlmsg_free(r.msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_full_reply),
		cmocka_unit_test(test_missing_attribute_rejected),
		cmocka_unit_test(test_malformed_attributes_rejected),
		cmocka_unit_test(test_text_output),
		cmocka_unit_test(test_abi_mismatch_is_said),
		cmocka_unit_test(test_json_output),
		cmocka_unit_test(test_arm_window),
		cmocka_unit_test(test_trigger_module_absent),
		cmocka_unit_test(test_json_absent),
		cmocka_unit_test(test_region_and_events),
		cmocka_unit_test(test_hooks_not_armed),
		cmocka_unit_test(test_region_malformed_rejected),
	};

	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
