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
		"{\"schema\":1,\"module\":{\"loaded\":true,\"version\":\"0.1.0\","
		"\"abi\":1,\"abi_match\":true,"
		"\"kernel_release\":\"6.1.0-56-amd64\","
		"\"loaded_for_ns\":2500000000,\"armed_ms\":0}}\n");
	free(out);
	nlmsg_free(r.msg);
}

static void test_arm_window(void **state)
{
	struct kc_status st;
	struct reply r;
	char *out;

	(void)state;
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	nla_put_u32(r.msg, KCRUMBS_ATTR_ARMED_MS, 4250);
	reply_parse(&r);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	assert_int_equal(st.armed_ms, 4250);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "triggers:       ARMED for 4.250 s more\n"));
	free(out);
	out = capture(kc_status_print_json, &st);
	assert_non_null(strstr(out, "\"armed_ms\":4250}}"));
	free(out);
	nlmsg_free(r.msg);

	/* absent (an older module): not armed */
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), 0);
	out = capture(kc_status_print_text, &st);
	assert_non_null(strstr(out, "triggers:       not armed\n"));
	free(out);
	nlmsg_free(r.msg);

	/* present but malformed */
	reply_full(&r, "0.1.0", KCRUMBS_ABI_VERSION);
	nla_put_u64(r.msg, KCRUMBS_ATTR_ARMED_MS, 1);
	reply_parse(&r);
	assert_int_equal(kc_status_from_attrs(r.tb, &st), -EBADMSG);
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
	assert_string_equal(out, "{\"schema\":1,\"module\":{\"loaded\":false,"
			    "\"error\":\"not \\\"loaded\\\"\"}}\n");
	free(out);
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
		cmocka_unit_test(test_json_absent),
	};

	return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
