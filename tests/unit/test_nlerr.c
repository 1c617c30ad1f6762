// SPDX-License-Identifier: GPL-2.0
/* Unit tests: netlink errors in plain words, extended ACK parsing. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "nlerr.h"
#include "uapi/kcrumbs.h"

static char buf[512];

static void test_family_missing_means_module_not_loaded(void **state)
{
	(void)state;
	assert_int_equal(kc_nl_explain(KC_NL_RESOLVE, ENOENT, NULL, buf,
				       sizeof(buf)), KC_EXIT_NOMODULE);
	assert_non_null(strstr(buf, "kcrumbs kernel module is not loaded"));
	assert_non_null(strstr(buf, "modprobe kcrumbs"));
}

static void test_trigger_family_missing_names_trigger_module(void **state)
{
	(void)state;
	assert_int_equal(kc_nl_explain_family(KCRUMBS_TRIGGER_GENL_NAME,
					      KC_NL_RESOLVE, ENOENT, NULL, buf,
					      sizeof(buf)), KC_EXIT_NOMODULE);
	assert_string_equal(buf, "the trigger module is not loaded: "
			    "modprobe kcrumbs_trigger");
	/* unloaded between lookup and request */
	assert_int_equal(kc_nl_explain_family(KCRUMBS_TRIGGER_GENL_NAME,
					      KC_NL_REQUEST, ENOENT, NULL, buf,
					      sizeof(buf)), KC_EXIT_NOMODULE);
	assert_non_null(strstr(buf, "modprobe kcrumbs_trigger"));
	/* the recorder's family still names the recorder */
	assert_int_equal(kc_nl_explain_family(KCRUMBS_GENL_NAME, KC_NL_RESOLVE,
					      ENOENT, NULL, buf, sizeof(buf)),
			 KC_EXIT_NOMODULE);
	assert_non_null(strstr(buf, "modprobe kcrumbs)"));
}

static void test_eperm_with_reason_says_the_kernels(void **state)
{
	(void)state;
	assert_int_equal(kc_nl_explain_family(KCRUMBS_TRIGGER_GENL_NAME,
					      KC_NL_REQUEST, EPERM,
					      "crashing the machine needs CAP_SYS_BOOT",
					      buf, sizeof(buf)), KC_EXIT_PERM);
	/* not "needs root (CAP_NET_ADMIN)": the caller may be root in a container */
	assert_string_equal(buf, "permission denied (kernel reports: crashing "
			    "the machine needs CAP_SYS_BOOT)");
}

/* A crash type this machine cannot run: refused (exit 5), the kernel's why. */
static void test_enxio_is_a_refusal_with_the_reason(void **state)
{
	(void)state;
	assert_int_equal(kc_nl_explain_family(KCRUMBS_TRIGGER_GENL_NAME,
					      KC_NL_REQUEST, ENXIO,
					      "PANIC_OTHER_CPU_IRQOFF needs 2 online CPUs and 1 is online: it cannot run here",
					      buf, sizeof(buf)), KC_EXIT_REFUSED);
	assert_string_equal(buf, "refused (kernel reports: PANIC_OTHER_CPU_IRQOFF "
			    "needs 2 online CPUs and 1 is online: it cannot run here)");
	assert_int_equal(kc_nl_explain(KC_NL_REQUEST, ENXIO, NULL, buf,
				       sizeof(buf)), KC_EXIT_REFUSED);
	assert_string_equal(buf, "refused: this crash type cannot run here");
}

static void test_eperm_means_privilege(void **state)
{
	(void)state;
	assert_int_equal(kc_nl_explain(KC_NL_REQUEST, -EPERM, NULL, buf,
				       sizeof(buf)), KC_EXIT_PERM);
	assert_non_null(strstr(buf, "permission denied"));
	assert_non_null(strstr(buf, "root"));
	/* never a bare errno string */
	assert_null(strstr(buf, "Operation not permitted"));
}

static void test_extack_text_is_appended(void **state)
{
	(void)state;
	assert_int_equal(kc_nl_explain(KC_NL_REQUEST, EINVAL, "bad trigger",
				       buf, sizeof(buf)), KC_EXIT_FAIL);
	assert_string_equal(buf, "Invalid argument (kernel reports: bad trigger)");
}

static void test_unknown_command_names_versions(void **state)
{
	(void)state;
	kc_nl_explain(KC_NL_REQUEST, EOPNOTSUPP, NULL, buf, sizeof(buf));
	assert_non_null(strstr(buf, "does not know this command"));
}

static void test_connect_failure(void **state)
{
	(void)state;
	assert_int_equal(kc_nl_explain(KC_NL_CONNECT, EPROTONOSUPPORT, NULL,
				       buf, sizeof(buf)), KC_EXIT_FAIL);
	assert_non_null(strstr(buf, "generic netlink socket"));
}

static void test_message_truncates_safely(void **state)
{
	char small[8];

	(void)state;
	kc_nl_explain(KC_NL_REQUEST, EPERM, "x", small, sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

/* Build an NLMSG_ERROR message the way the kernel does. */
struct errmsg {
	union {
		struct nlmsghdr nlh;
		unsigned char raw[256];
	};
	size_t len;
};

static void put_tlv(struct errmsg *m, uint16_t type, const void *data,
		    uint16_t dlen)
{
	struct nlattr *nla = (struct nlattr *)(m->raw + m->len);

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + dlen;
	memcpy(m->raw + m->len + NLA_HDRLEN, data, dlen);
	m->len += NLA_ALIGN(nla->nla_len);
	m->nlh.nlmsg_len = m->len;
}

static void make_err(struct errmsg *m, int capped, size_t echoed_payload)
{
	struct nlmsgerr *e;

	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_type = NLMSG_ERROR;
	m->nlh.nlmsg_flags = NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0);
	e = (struct nlmsgerr *)NLMSG_DATA(&m->nlh);
	e->error = -EINVAL;
	e->msg.nlmsg_len = NLMSG_HDRLEN + echoed_payload;
	m->len = NLMSG_HDRLEN + sizeof(*e);
	if (!capped)
		m->len += NLMSG_ALIGN(echoed_payload);
	m->nlh.nlmsg_len = m->len;
}

static void test_extack_capped(void **state)
{
	struct errmsg m;
	uint32_t off = 4;

	(void)state;
	make_err(&m, 1, 0);
	put_tlv(&m, NLMSGERR_ATTR_OFFS, &off, sizeof(off));
	put_tlv(&m, NLMSGERR_ATTR_MSG, "not armed", 10);
	assert_string_equal(kc_extack_msg(&m.nlh, m.len), "not armed");
}

static void test_extack_after_echoed_request(void **state)
{
	struct errmsg m;

	(void)state;
	make_err(&m, 0, 12);
	put_tlv(&m, NLMSGERR_ATTR_MSG, "unknown type", 13);
	assert_string_equal(kc_extack_msg(&m.nlh, m.len), "unknown type");
}

static void test_extack_absent_or_malformed(void **state)
{
	struct errmsg m;
	struct nlattr *nla;

	(void)state;
	make_err(&m, 1, 0);
	assert_null(kc_extack_msg(&m.nlh, m.len));		/* no TLVs */

	put_tlv(&m, NLMSGERR_ATTR_MSG, "abc", 3);		/* no NUL */
	assert_null(kc_extack_msg(&m.nlh, m.len));

	make_err(&m, 1, 0);
	put_tlv(&m, NLMSGERR_ATTR_MSG, "ok", 3);
	assert_null(kc_extack_msg(&m.nlh, m.len - 4));		/* short read */

	nla = (struct nlattr *)(m.raw + NLMSG_HDRLEN + sizeof(struct nlmsgerr));
	nla->nla_len = 200;					/* overruns */
	assert_null(kc_extack_msg(&m.nlh, m.len));

	make_err(&m, 1, 0);
	put_tlv(&m, NLMSGERR_ATTR_MSG, "ok", 3);
	m.nlh.nlmsg_flags &= ~NLM_F_ACK_TLVS;			/* no flag */
	assert_null(kc_extack_msg(&m.nlh, m.len));

	make_err(&m, 0, 4096);			/* echo longer than message */
	assert_null(kc_extack_msg(&m.nlh, m.len));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_family_missing_means_module_not_loaded),
		cmocka_unit_test(test_trigger_family_missing_names_trigger_module),
		cmocka_unit_test(test_eperm_with_reason_says_the_kernels),
		cmocka_unit_test(test_enxio_is_a_refusal_with_the_reason),
		cmocka_unit_test(test_eperm_means_privilege),
		cmocka_unit_test(test_extack_text_is_appended),
		cmocka_unit_test(test_unknown_command_names_versions),
		cmocka_unit_test(test_connect_failure),
		cmocka_unit_test(test_message_truncates_safely),
		cmocka_unit_test(test_extack_capped),
		cmocka_unit_test(test_extack_after_echoed_request),
		cmocka_unit_test(test_extack_absent_or_malformed),
	};

	return cmocka_run_group_tests_name("nlerr", tests, NULL, NULL);
}
