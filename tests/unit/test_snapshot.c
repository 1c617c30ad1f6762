// SPDX-License-Identifier: GPL-2.0
/* Unit tests: the system at a fatal event, for people and scripts (snapshot.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "region_builder.h"
#include "snapshot.h"

static void test_taint_letters(void **state)
{
	static const struct {
		uint64_t mask;
		const char *text;
	} cases[] = {
		{ 0, "Not tainted" },
		{ 0x1, "P" },
		{ 0x1201, "P W O" },
		{ 0x200, "G W" },
		{ 0x3000, "G O E" },
		{ 1u << 18 | 1u << 19, "G N J" },
		{ 1ull << 40, "G ?" },
		{ 1ull << 40 | 1ull << 63 | 0x4000, "G L ?" },
		{ 0xfffff, "P F S R M B U D A W C I O E L K X T N J" },
		{ UINT64_MAX, "P F S R M B U D A W C I O E L K X T N J ?" },
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kc_taint_letters(cases[i].mask, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
	kc_taint_letters(0x1201, buf, 4);	/* cut, never past the buffer */
	assert_string_equal(buf, "P W");
	kc_taint_letters(0x1201, buf, 3);
	assert_string_equal(buf, "P");
	kc_taint_letters(0x1201, buf, 1);
	assert_string_equal(buf, "");
}

static void test_taint_words(void **state)
{
	const char *w;

	(void)state;
	assert_int_equal(kc_taint_flag(9, 1, &w), 'W');
	assert_string_equal(w, "a WARN happened");
	assert_int_equal(kc_taint_flag(12, 1, &w), 'O');
	assert_string_equal(w, "an out-of-tree module was loaded");
	assert_int_equal(kc_taint_flag(0, 1, &w), 'P');
	assert_int_equal(kc_taint_flag(0, 0, &w), 'G');
	assert_int_equal(kc_taint_flag(18, 1, &w), 'N');
	assert_int_equal(kc_taint_flag(19, 1, &w), 'J');
	assert_int_equal(kc_taint_flag(20, 1, &w), 0);
	assert_non_null(strstr(w, "does not know"));
}

static void test_numbers(void **state)
{
	char b[48];

	(void)state;
	kc_load_text(0, b, sizeof(b));
	assert_string_equal(b, "0.00");
	kc_load_text(1055, b, sizeof(b));	/* 0.515: rounded as /proc/loadavg */
	assert_string_equal(b, "0.52");
	kc_load_text(2048 * 12 + 1024, b, sizeof(b));
	assert_string_equal(b, "12.50");
	kc_load_text(UINT64_MAX, b, sizeof(b));
	assert_string_equal(b, "9007199254740991.99");

	kc_size_text(0, b, sizeof(b));
	assert_string_equal(b, "0 B");
	kc_size_text(1023, b, sizeof(b));
	assert_string_equal(b, "1023 B");
	kc_size_text(2047, b, sizeof(b));
	assert_string_equal(b, "1.9 KiB");
	kc_size_text(120ull << 20, b, sizeof(b));
	assert_string_equal(b, "120.0 MiB");
	kc_size_text((2ull << 30) - 1, b, sizeof(b));
	assert_string_equal(b, "1.9 GiB");
	kc_size_text(UINT64_MAX, b, sizeof(b));
	assert_string_equal(b, "15.9 EiB");

	kc_uptime_text(83ull * 1000000000ull, b, sizeof(b));
	assert_string_equal(b, "00:01:23");
	kc_uptime_text(86400ull * 1000000000ull, b, sizeof(b));
	assert_string_equal(b, "1 day, 00:00:00");
	kc_uptime_text(UINT64_MAX, b, sizeof(b));
	assert_string_equal(b, "213503 days, 23:34:33");
}

static struct kc_snapshot decoded(void)
{
	uint8_t p[sizeof(struct kcrumbs_snapshot)];
	struct kc_region r;
	struct kc_snapshot s;
	const char *why;
	struct rb b;

	rb_init(&b, 2, 4096);
	rb_snapshot_bytes(p);
	rb_record(&b, 0, KCRUMBS_REC_SNAPSHOT, 0, p, sizeof(p));
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_recs, 1);
	s = r.recs[0].snap;
	kc_region_free(&r);
	free(b.buf);
	return s;
}

static char *print(const struct kc_snapshot *s, int json)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (json)
		kc_snapshot_json(f, s);
	else
		kc_snapshot_text(f, s, "6.1.0-56-amd64", "  ");
	fclose(f);
	return out;
}

static void test_text(void **state)
{
	struct kc_snapshot s = decoded();
	char *out;

	(void)state;
	out = print(&s, 0);
	assert_string_equal(out,
		"      NODENAME: web-17\n"
		"       RELEASE: 6.1.0-56-amd64\n"
		"       VERSION: #1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)\n"
		"        UPTIME: 2 days, 03:04:05\n"
		"  LOAD AVERAGE: 0.52, 0.31, 0.12\n"
		"         TASKS: 312 (pids in use)\n"
		"          CPUS: 4 online of 8 possible\n"
		"        MEMORY: 2.0 GiB total, 120.0 MiB free, 800.0 MiB page cache, 90.0 MiB slab\n"
		"          SWAP: 256.0 MiB used of 1.0 GiB, 768.0 MiB free\n"
		"       TAINTED: P W O (0x1201)\n"
		"                P: a proprietary module was loaded\n"
		"                W: a WARN happened\n"
		"                O: an out-of-tree module was loaded\n"
		"         TRAIL: warnings 3, oopses 1, soft lockups 0, hung tasks 0, "
		"RCU stalls 0, OOM kills 0, machine checks 0, NMIs 0\n");
	free(out);

	/* what this module writes: free swap, not the total (not exported) */
	s.known = KCRUMBS_SNAP_TASKS | KCRUMBS_SNAP_SWAP;
	out = print(&s, 0);
	assert_non_null(strstr(out, "          SWAP: 768.0 MiB free (total: not known to the kernel module)\n"));
	free(out);

	/* what the kernel could not read; a taint this reader does not know */
	s.known = 0;
	s.taint = 1ull << 33;
	s.nodename[0] = '\0';
	out = print(&s, 0);
	assert_non_null(strstr(out, "      NODENAME: \n"));
	assert_non_null(strstr(out, "         TASKS: unknown\n"));
	assert_non_null(strstr(out, "          SWAP: unknown\n"));
	assert_non_null(strstr(out, "       TAINTED: G ? (0x200000000)\n"
			       "                bit 33: a taint flag this reader does not know\n"));
	free(out);
	s.taint = 0;
	out = print(&s, 0);
	assert_non_null(strstr(out, "       TAINTED: Not tainted (0x0)\n         TRAIL:"));
	free(out);
}

static void test_json(void **state)
{
	struct kc_snapshot s = decoded();
	char *out;

	(void)state;
	out = print(&s, 1);
	assert_string_equal(out,
		"{\"nodename\":\"web-17\",\"version\":\"#1 SMP PREEMPT_DYNAMIC Debian "
		"6.1.158-1 (2025-11-09)\",\"uptime_ns\":\"183845999999999\","
		"\"load\":[\"0.52\",\"0.31\",\"0.12\"],\"tasks\":312,\"cpus_online\":4,"
		"\"cpus_possible\":8,\"mem_total_bytes\":\"2147483648\","
		"\"mem_free_bytes\":\"125829120\",\"page_cache_bytes\":\"838860800\","
		"\"slab_bytes\":\"94371840\",\"swap_total_bytes\":\"1073741824\","
		"\"swap_free_bytes\":\"805306368\",\"taint\":\"0x1201\","
		"\"taint_flags\":\"P W O\",\"trail\":{\"warn\":3,\"oops\":1,"
		"\"soft_lockup\":0,\"hung_task\":0,\"rcu_stall\":0,\"oom_kill\":0,"
		"\"mce\":0,\"nmi\":0}}");
	free(out);
	s.known = 0;
	s.taint = 0;
	out = print(&s, 1);
	assert_non_null(strstr(out, "\"tasks\":null,"));
	assert_non_null(strstr(out, "\"swap_total_bytes\":null,\"swap_free_bytes\":null,"
			       "\"taint\":\"0x0\",\"taint_flags\":\"\","));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_taint_letters),
		cmocka_unit_test(test_taint_words),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests_name("snapshot", tests, NULL, NULL);
}
