// SPDX-License-Identifier: GPL-2.0
/* Unit tests: the previous boot's fate; read --previous and last-boot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "decode.h"
#include "fakeroot.h"
#include "lastboot.h"
#include "nlerr.h"
#include "region_builder.h"

static char *text(const struct kc_region *r, const struct kc_verdict *v, int json)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (json)
		kc_last_boot_json(f, r, v);
	else
		kc_last_boot_text(f, r, v);
	fclose(f);
	return out;
}

static void decode(struct rb *b, struct kc_region *r)
{
	const char *why;

	assert_int_equal(kc_region_decode(b->buf, b->len, r, &why), 0);
}

static void test_crashed_names_the_function_past_panic(void **state)
{
	static const char *const syms[] = {
		"panic+0x13d/0x2f4", "kcrumbs_PANIC+0x11/0x11 [kcrumbs_trigger]", NULL,
	};
	struct kc_verdict v;
	struct kc_region r;
	struct rb b;
	char *out;

	(void)state;
	rb_init(&b, 4, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_OOPS, "first", NULL);
	rb_event(&b, 1, KCRUMBS_CAUSE_PANIC, "kcrumbs: PANIC trigger", syms);
	rb_log_tail(&b, 2, 1, "log\n");
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_CRASHED);
	assert_int_equal(v.event->seq, 1);		/* the one the tail names */
	assert_int_equal(v.n_survived, 1);
	assert_string_equal(v.function, "kcrumbs_PANIC+0x11/0x11 [kcrumbs_trigger]");
	out = text(&r, &v, 0);
	assert_string_equal(out, "previous boot (6.1.0-56-amd64): crashed: panic "
			    "(kcrumbs: PANIC trigger) in kcrumbs_PANIC+0x11/0x11 "
			    "[kcrumbs_trigger] on CPU 1, task kcrumbs-crash (pid 42), "
			    "after 1 survived oops\n"
			    "  title: panic: kcrumbs: PANIC trigger in kcrumbs_PANIC   "
			    "signature: b88e886201436a6d\n");
	free(out);
	out = text(&r, &v, 1);
	assert_non_null(strstr(out, "{\"schema\":2,\"fate\":\"crashed\","
			       "\"release\":\"6.1.0-56-amd64\",\"cause\":\"panic\","));
	assert_non_null(strstr(out, "\"function\":\"kcrumbs_PANIC+0x11/0x11 [kcrumbs_trigger]\","
			       "\"title\":\"panic: kcrumbs: PANIC trigger in kcrumbs_PANIC\","
			       "\"signature\":\"b88e886201436a6d\","));
	assert_non_null(strstr(out, "\"survived_events\":[{\"seq\":\"0\",\"cause\":\"oops\","
			       "\"message\":\"first\",\"title\":\"Oops\",\"signature\":\""));
	free(out);
	kc_region_free(&r);
	free(b.buf);
}

/* 7.2: panic() is a wrapper around vpanic(), the first frame */
static void test_crashed_names_the_function_past_vpanic(void **state)
{
	static const char *const syms[] = {
		"vpanic+0x259/0x440", "panic+0x6b/0x70",
		"kcrumbs_PANIC+0x15/0x20 [kcrumbs_trigger]", NULL,
	};
	struct kc_verdict v;
	struct kc_region r;
	struct rb b;

	(void)state;
	rb_init(&b, 4, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_PANIC, "kcrumbs: PANIC trigger", syms);
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_CRASHED);
	assert_string_equal(v.function, "kcrumbs_PANIC+0x15/0x20 [kcrumbs_trigger]");
	kc_region_free(&r);
	free(b.buf);
}

static void test_oops_uses_its_ip(void **state)
{
	static const char *const syms[] = { "kcrumbs_null_deref+0x5/0x20", "crash_thread+0x2f/0x50", NULL };
	struct kc_verdict v;
	struct kc_region r;
	struct rb b;

	(void)state;
	rb_init(&b, 2, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_OOPS, "Oops", syms);
	rb_put64(rb_slot(&b, 0) + RB_REC(ip), 0xffffffffc0000005ull);
	rb_seal(rb_slot(&b, 0));
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_string_equal(v.function, "kcrumbs_null_deref+0x5/0x20");
	kc_region_free(&r);
	free(b.buf);
}

static void test_states_without_events(void **state)
{
	struct kc_verdict v;
	struct kc_region r;
	struct rb b;
	char *out;

	(void)state;
	rb_init(&b, 2, 4096);
	rb_put32(b.buf + RB_HDR(state), KCRUMBS_STATE_CLEAN);
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_CLEAN);
	out = text(&r, &v, 0);
	assert_non_null(strstr(out, "shut down cleanly"));
	free(out);
	kc_region_free(&r);

	rb_put32(b.buf + RB_HDR(state), KCRUMBS_STATE_RUNNING);
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_VANISHED);
	out = text(&r, &v, 1);
	assert_string_equal(out, "{\"schema\":2,\"fate\":\"vanished\",\"release\":"
			    "\"6.1.0-56-amd64\",\"survived\":0,\"survived_events\":[]}\n");
	free(out);
	kc_region_free(&r);

	rb_put32(b.buf + RB_HDR(state), KCRUMBS_STATE_CRASHED);	/* records lost */
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_CRASHED);
	out = text(&r, &v, 0);
	assert_non_null(strstr(out, "crashed; its records are corrupt"));
	free(out);
	kc_region_free(&r);
	free(b.buf);
}

/*
 * A crash the kernel survived (an oops with panic_on_oops=0, an unknown
 * NMI) is an event, not a verdict: the boot that then rebooted cleanly
 * was clean, and one that vanished vanished.
 */
static void test_survived_events_are_not_the_verdict(void **state)
{
	struct kc_verdict v;
	struct kc_region r;
	struct rb b;
	char *out;

	(void)state;
	rb_init(&b, 4, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_OOPS, "Oops: 0002 [#1] SMP NOPTI", NULL);
	rb_event(&b, 1, KCRUMBS_CAUSE_NMI_UNKNOWN, "", NULL);
	rb_event(&b, 2, KCRUMBS_CAUSE_OOPS, "Oops: 0000 [#2] SMP NOPTI", NULL);
	rb_event(&b, 3, KCRUMBS_CAUSE_SELFTEST, "BREADCRUMB_ALL_CPUS", NULL);
	rb_put32(b.buf + RB_HDR(state), KCRUMBS_STATE_CLEAN);
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_CLEAN);
	assert_null(v.event);
	assert_int_equal(v.n_survived, 3);
	out = text(&r, &v, 0);
	assert_string_equal(out, "previous boot (6.1.0-56-amd64): shut down cleanly, "
			    "after 2 survived oops, 1 survived nmi_unknown\n");
	free(out);
	out = text(&r, &v, 1);
	assert_non_null(strstr(out, "\"fate\":\"clean\""));
	assert_non_null(strstr(out, "\"survived\":3,\"survived_events\":[{\"seq\":\"0\","
			       "\"cause\":\"oops\",\"message\":\"Oops: 0002 [#1] SMP NOPTI\","
			       "\"title\":\"Oops\",\"signature\":\""));
	free(out);
	kc_region_free(&r);

	rb_put32(b.buf + RB_HDR(state), KCRUMBS_STATE_RUNNING);
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_VANISHED);
	out = text(&r, &v, 0);
	assert_non_null(strstr(out, "ended without a trace: power loss, a hard reset, "
			       "or a hang kcrumbs could not see, after 2 survived oops"));
	free(out);
	kc_region_free(&r);
	free(b.buf);
}

/* The fatal event is the one the log tail names, not the newest one. */
static void test_fatal_event_is_the_tails(void **state)
{
	struct kc_verdict v;
	struct kc_region r;
	struct rb b;

	(void)state;
	rb_init(&b, 4, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", NULL);
	rb_log_tail(&b, 1, 0, "Kernel panic - not syncing: sysrq triggered crash\n");
	rb_event(&b, 2, KCRUMBS_CAUSE_NMI_UNKNOWN, "", NULL);
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_CRASHED);
	assert_int_equal(v.event->seq, 0);
	assert_int_equal(v.n_survived, 1);
	kc_region_free(&r);
	free(b.buf);
}

/*
 * No log tail (lost): the last event the kernel did not carry on after is
 * the crash, not a trail event recorded after it on another CPU.
 */
static void test_fatal_event_without_tail_is_not_a_trail_one(void **state)
{
	struct kc_verdict v;
	struct kc_region r;
	struct rb b;

	(void)state;
	rb_init(&b, 4, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_WARN, "WARNING", NULL);
	rb_put32(rb_slot(&b, 0) + RB_REC(flags), KCRUMBS_REC_F_TRAIL);
	rb_seal(rb_slot(&b, 0));
	rb_event(&b, 1, KCRUMBS_CAUSE_HARD_LOCKUP, "Hard LOCKUP", NULL);
	rb_event(&b, 2, KCRUMBS_CAUSE_OOM_KILL, "Out of memory: Killed process 9", NULL);
	rb_put32(rb_slot(&b, 2) + RB_REC(flags), KCRUMBS_REC_F_TRAIL);
	rb_seal(rb_slot(&b, 2));
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.fate, KC_FATE_CRASHED);
	assert_int_equal(v.event->seq, 1);
	assert_int_equal(v.n_survived, 2);
	kc_region_free(&r);

	/* only trail events: the last of them */
	rb_event(&b, 1, KCRUMBS_CAUSE_OOM_KILL, "Out of memory: Killed process 8", NULL);
	rb_put32(rb_slot(&b, 1) + RB_REC(flags), KCRUMBS_REC_F_TRAIL);
	rb_seal(rb_slot(&b, 1));
	decode(&b, &r);
	kc_last_boot(&r, &v);
	assert_int_equal(v.event->seq, 2);
	kc_region_free(&r);
	free(b.buf);
}

/* The commands, on a fake /sys. */
static char dir[64];

static int run(const char *args, char *out, size_t len)
{
	char cmd[512];
	FILE *p;
	size_t n;
	int st;

	snprintf(cmd, sizeof(cmd), "'%s' %s 2>&1", getenv("KCRUMBS_BIN"), args);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return WEXITSTATUS(st);
}

static void test_commands_on_fake_sys(void **state)
{
	char out[8192], path[128];
	struct rb b;
	FILE *f;

	(void)state;
	fakeroot_new(dir);
	setenv("KCRUMBS_ROOT", dir, 1);
	assert_int_equal(run("last-boot", out, sizeof(out)), KC_EXIT_NOMODULE);
	assert_int_equal(run("read --previous", out, sizeof(out)), KC_EXIT_NOMODULE);

	fakeroot_put(dir, "/sys/kernel/kcrumbs/mode", "dynamic\n");
	assert_int_equal(run("last-boot", out, sizeof(out)), KC_EXIT_NONE);
	assert_non_null(strstr(out, "only in reserved mode"));
	assert_int_equal(run("--json last-boot", out, sizeof(out)), KC_EXIT_NONE);
	assert_non_null(strstr(out, "\"exit\":6}"));

	rb_init(&b, 2, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_HUNG_TASK, "hung_task: blocked tasks", NULL);
	snprintf(path, sizeof(path), "%s/sys/kernel/kcrumbs/previous", dir);
	f = fopen(path, "w");
	fwrite(b.buf, 1, b.len, f);
	fclose(f);
	assert_int_equal(run("last-boot", out, sizeof(out)), KC_EXIT_OK);
	assert_non_null(strstr(out, "crashed: hung_task (hung_task: blocked tasks)"));
	assert_int_equal(run("read --previous", out, sizeof(out)), KC_EXIT_OK);
	assert_non_null(strstr(out, "(previous boot)"));
	assert_int_equal(run("read --previous --region x", out, sizeof(out)), KC_EXIT_USAGE);

	f = fopen(path, "w");			/* a broken header */
	fwrite("KCRUMBS", 1, 8, f);
	fclose(f);
	assert_int_equal(run("last-boot", out, sizeof(out)), KC_EXIT_CORRUPT);
	free(b.buf);
	unsetenv("KCRUMBS_ROOT");
	assert_int_equal(fakeroot_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crashed_names_the_function_past_panic),
		cmocka_unit_test(test_crashed_names_the_function_past_vpanic),
		cmocka_unit_test(test_oops_uses_its_ip),
		cmocka_unit_test(test_states_without_events),
		cmocka_unit_test(test_survived_events_are_not_the_verdict),
		cmocka_unit_test(test_fatal_event_is_the_tails),
		cmocka_unit_test(test_fatal_event_without_tail_is_not_a_trail_one),
		cmocka_unit_test(test_commands_on_fake_sys),
	};

	return cmocka_run_group_tests_name("lastboot", tests, NULL, NULL);
}
