// SPDX-License-Identifier: GPL-2.0
/* Unit tests: decoding LIST_TRIGGERS replies; lookup; listing. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <netlink/msg.h>

#include "triggers.h"

static struct nl_msg *msg_new(void)
{
	struct nl_msg *m = nlmsg_alloc();

	assert_non_null(m);
	assert_non_null(nlmsg_put(m, 0, 0, 0x20, 0, 0));
	return m;
}

static void put_type(struct nl_msg *m, const char *name, const char *desc,
		     uint32_t effect)
{
	struct nlattr *n = nla_nest_start(m, KCRUMBS_ATTR_TRIGGER);

	assert_non_null(n);
	if (name)
		nla_put_string(m, KCRUMBS_TRIGGER_ATTR_NAME, name);
	nla_put_string(m, KCRUMBS_TRIGGER_ATTR_CATEGORY, "bugs");
	nla_put_string(m, KCRUMBS_TRIGGER_ATTR_DESC, desc);
	nla_put_u32(m, KCRUMBS_TRIGGER_ATTR_EFFECT, effect);
	nla_nest_end(m, n);
}

/* A type as a newer module lists it: with its minimum of online CPUs. */
static void put_type_cpus(struct nl_msg *m, const char *name, uint32_t cpus,
			  int attr_len)
{
	struct nlattr *n = nla_nest_start(m, KCRUMBS_ATTR_TRIGGER);
	uint64_t wide = cpus;

	assert_non_null(n);
	nla_put_string(m, KCRUMBS_TRIGGER_ATTR_NAME, name);
	nla_put_string(m, KCRUMBS_TRIGGER_ATTR_CATEGORY, "lockups");
	nla_put_string(m, KCRUMBS_TRIGGER_ATTR_DESC, "needs CPUs");
	nla_put_u32(m, KCRUMBS_TRIGGER_ATTR_EFFECT, KCRUMBS_EFFECT_PANIC);
	nla_put(m, KCRUMBS_TRIGGER_ATTR_MIN_CPUS, attr_len, &wide);
	nla_nest_end(m, n);
}

static int decode(struct nl_msg *m, struct kc_trigger_list *l)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	return kc_triggers_add_attrs(nlmsg_attrdata(h, 0), nlmsg_attrlen(h, 0), l);
}

static void test_decode_list(void **state)
{
	struct kc_trigger_list *l = calloc(1, sizeof(*l));
	struct nl_msg *m = msg_new();

	(void)state;
	l->t[l->n++] = kc_trigger_sysrq;
	put_type(m, "PANIC", "calls panic()", KCRUMBS_EFFECT_PANIC);
	nla_put_u32(m, KCRUMBS_ATTR_ARMED_MS, 5);	/* skipped */
	put_type(m, "EXCEPTION", "NULL write", KCRUMBS_EFFECT_OOPS);
	assert_int_equal(decode(m, l), 0);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->t[1].name, "PANIC");
	assert_string_equal(l->t[1].category, "bugs");
	assert_int_equal(l->t[2].effect, KCRUMBS_EFFECT_OOPS);
	assert_int_equal(l->t[2].builtin, 0);
	assert_ptr_equal(kc_trigger_find(l, "exception"), &l->t[2]);
	assert_ptr_equal(kc_trigger_find(l, "SYSRQ-C"), &l->t[0]);
	assert_null(kc_trigger_find(l, "PANICX"));
	nlmsg_free(m);
	free(l);
}

static void test_decode_min_cpus(void **state)
{
	struct kc_trigger_list *l = calloc(1, sizeof(*l));
	struct kc_knobs k = { .crash_loaded = 1, .online_cpus = 1 };
	struct nl_msg *m = msg_new();
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	put_type(m, "PANIC", "calls panic()", KCRUMBS_EFFECT_PANIC);
	put_type_cpus(m, "PANIC_OTHER_CPU_IRQOFF", 2, sizeof(uint32_t));
	assert_int_equal(decode(m, l), 0);
	assert_int_equal(l->n, 2);
	assert_int_equal(l->t[0].min_cpus, 1);	/* absent: any machine */
	assert_int_equal(l->t[1].min_cpus, 2);
	nlmsg_free(m);

	f = open_memstream(&out, &len);
	kc_triggers_print_text(f, l, &k);
	fclose(f);
	assert_non_null(strstr(out, "now: cannot run here: it needs 2 online CPUs and 1 is online"
			       " (the module refuses it) [unavailable: online CPUs]\n"));
	assert_non_null(strstr(out, "now: panic; the capture kernel (kdump) takes over [capture: always]\n"));
	free(out);

	out = NULL;
	f = open_memstream(&out, &len);
	kc_triggers_print_json(f, l, &k, 1);
	fclose(f);
	assert_non_null(strstr(out, "\"outcome\":\"unavailable\",\"decided_by\":\"online CPUs\","));
	assert_non_null(strstr(out, "(the module refuses it)\",\"min_cpus\":2}"));
	assert_non_null(strstr(out, "\"min_cpus\":1}"));
	free(out);

	/* two CPUs online: it runs, and is captured */
	k.online_cpus = 2;
	out = NULL;
	f = open_memstream(&out, &len);
	kc_triggers_print_text(f, l, &k);
	fclose(f);
	assert_null(strstr(out, "unavailable"));
	free(out);

	/* a minimum that is not a u32 is a malformed entry */
	l->n = 0;
	m = msg_new();
	put_type_cpus(m, "X", 2, sizeof(uint64_t));
	assert_int_equal(decode(m, l), -EBADMSG);
	nlmsg_free(m);
	free(l);
}

static void test_malformed_entry_rejected(void **state)
{
	struct kc_trigger_list *l = calloc(1, sizeof(*l));
	char longname[KCRUMBS_TRIGGER_NAME_MAX + 8];
	struct nl_msg *m;

	(void)state;
	m = msg_new();
	put_type(m, NULL, "no name", KCRUMBS_EFFECT_PANIC);
	assert_int_equal(decode(m, l), -EBADMSG);
	nlmsg_free(m);

	memset(longname, 'A', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	m = msg_new();
	put_type(m, longname, "too long", KCRUMBS_EFFECT_PANIC);
	l->n = 0;
	assert_int_equal(decode(m, l), -EBADMSG);
	nlmsg_free(m);
	free(l);
}

static void test_list_is_bounded(void **state)
{
	struct kc_trigger_list *l = calloc(1, sizeof(*l));
	struct nl_msg *m = nlmsg_alloc_size(65536);
	int i;

	(void)state;
	assert_non_null(nlmsg_put(m, 0, 0, 0x20, 0, 0));
	for (i = 0; i < KC_TRIGGERS_MAX + 1; i++)
		put_type(m, "X", "x", KCRUMBS_EFFECT_PANIC);
	assert_int_equal(decode(m, l), -E2BIG);
	assert_int_equal(l->n, KC_TRIGGERS_MAX);
	nlmsg_free(m);
	free(l);
}

static void test_names_and_outputs(void **state)
{
	struct kc_trigger_list *l = calloc(1, sizeof(*l));
	struct kc_knobs k = { .crash_loaded = 1, .panic_on_oops = 0 };
	char names[64], *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	l->t[l->n++] = kc_trigger_sysrq;
	strcpy(l->t[1].name, "EXCEPTION");
	strcpy(l->t[1].category, "bugs");
	strcpy(l->t[1].desc, "a \"NULL\" write");
	l->t[1].effect = KCRUMBS_EFFECT_OOPS;
	l->n = 2;
	kc_trigger_names(l, names, sizeof(names));
	assert_string_equal(names, "sysrq-c, EXCEPTION");
	kc_trigger_names(l, names, 10);		/* truncates, stays a string */
	assert_int_equal(strlen(names), 9);

	f = open_memstream(&out, &len);
	kc_triggers_print_json(f, l, &k, 1);
	fclose(f);
	assert_non_null(strstr(out, "{\"schema\":1,\"module_loaded\":true,"
			       "\"crash_kernel_loaded\":true,\"triggers\":["));
	assert_non_null(strstr(out, "\"name\":\"sysrq-c\",\"category\":\"sysrq\""));
	assert_non_null(strstr(out, "\"needs_module\":false,\"outcome\":\"capture\""));
	assert_non_null(strstr(out, "\"description\":\"a \\\"NULL\\\" write\""));
	assert_non_null(strstr(out, "\"effect\":\"oops\",\"needs_module\":true,"
			       "\"outcome\":\"carry-on\",\"decided_by\":\"kernel.panic_on_oops\""));
	free(out);

	out = NULL;
	f = open_memstream(&out, &len);
	kc_triggers_print_text(f, l, &k);
	fclose(f);
	assert_non_null(strstr(out, "EXCEPTION         a \"NULL\" write\n"));
	assert_non_null(strstr(out, "[carry-on: kernel.panic_on_oops]\n"));
	free(out);
	free(l);
}

/* The CLI's own types; one this machine cannot take says why. */
static void test_builtin_types(void **state)
{
	struct kc_knobs k = { .crash_loaded = 1, .online_cpus = 1 };
	struct kc_trigger_list *l = calloc(1, sizeof(*l));
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(kc_trigger_sysrq.builtin, KC_BUILTIN_SYSRQ);
	assert_int_equal(kc_trigger_mce_inject.builtin, KC_BUILTIN_MCE_INJECT);
	assert_int_equal(kc_trigger_mce_inject.effect, KCRUMBS_EFFECT_PANIC);
	assert_string_equal(kc_trigger_mce_inject.category, "mce");
	assert_string_equal(kc_trigger_mce_inject.unavailable, "");
	l->t[l->n++] = kc_trigger_sysrq;
	l->t[l->n] = kc_trigger_mce_inject;
	snprintf(l->t[l->n].unavailable, sizeof(l->t[l->n].unavailable),
		 "machine checks are x86's, and this machine is aarch64");
	l->t[l->n++].unavailable_by = "architecture";
	assert_ptr_equal(kc_trigger_find(l, "mce_inject"), &l->t[1]);

	f = open_memstream(&out, &len);
	kc_triggers_print_text(f, l, &k);
	fclose(f);
	assert_non_null(strstr(out, "MCE_INJECT        a fatal machine check"));
	assert_non_null(strstr(out, "now: cannot run here: machine checks are x86's, and this "
			       "machine is aarch64 [unavailable: architecture]\n"));
	free(out);

	out = NULL;
	f = open_memstream(&out, &len);
	kc_triggers_print_json(f, l, &k, 0);
	fclose(f);
	assert_non_null(strstr(out, "\"name\":\"MCE_INJECT\",\"category\":\"mce\","));
	assert_non_null(strstr(out, "\"needs_module\":false,\"outcome\":\"unavailable\","
			       "\"decided_by\":\"architecture\",\"outcome_text\":\"cannot run "
			       "here: machine checks are x86's, and this machine is aarch64\""));
	free(out);

	/* the reason gone: a panic, captured */
	l->t[1].unavailable[0] = '\0';
	out = NULL;
	f = open_memstream(&out, &len);
	kc_triggers_print_text(f, l, &k);
	fclose(f);
	assert_null(strstr(out, "unavailable"));
	free(out);
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_list),
		cmocka_unit_test(test_decode_min_cpus),
		cmocka_unit_test(test_malformed_entry_rejected),
		cmocka_unit_test(test_list_is_bounded),
		cmocka_unit_test(test_names_and_outputs),
		cmocka_unit_test(test_builtin_types),
	};

	return cmocka_run_group_tests_name("triggers", tests, NULL, NULL);
}
