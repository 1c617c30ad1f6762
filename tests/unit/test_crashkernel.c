// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: crashkernel= parsed as Linux 6.1 parses it, evaluated for
 * an amount of RAM as x86_64 does, the recommendation rule, the caret
 * formatter, and `kcrumbs crashkernel` itself on fake /proc and /sys trees.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "crashkernel.h"
#include "fakeroot.h"
#include "nlerr.h"
#include "sysfs.h"


#define K (1ULL << 10)
#define M (1ULL << 20)
#define G (1ULL << 30)
#define T (1ULL << 40)

static struct kc_ck_spec parse_ok(const char *value)
{
	struct kc_ck_error err = { 0, NULL };
	struct kc_ck_spec spec;
	int rc = kc_ck_parse(value, &spec, &err);

	if (rc)
		fail_msg("'%s': %s at %zu", value, err.reason, err.offset);
	return spec;
}

static void parse_bad(const char *value, size_t offset, const char *reason)
{
	struct kc_ck_error err = { 0, NULL };
	struct kc_ck_spec spec;

	if (kc_ck_parse(value, &spec, &err) != -EINVAL)
		fail_msg("'%s' parsed", value);
	if (err.offset != offset || !strstr(err.reason, reason))
		fail_msg("'%s': got \"%s\" at %zu, want \"%s\" at %zu", value,
			 err.reason, err.offset, reason, offset);
}

static void test_plain_sizes(void **state)
{
	static const struct {
		const char *value;
		uint64_t size;
	} cases[] = {
		{ "256M", 256 * M }, { "256m", 256 * M }, { "1024K", M },
		{ "1G", G }, { "2T", 2 * T }, { "1P", 1ULL << 50 },
		{ "1E", 1ULL << 60 }, { "134217728", 128 * M },
		{ "0x10000000", 256 * M }, { "0X10M", 16 * M },
		{ "010M", 8 * M },		/* memparse(): a leading 0 is octal */
		{ "0", 0 }, { "0x1e", 30 },	/* hex digit, not the E suffix */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kc_ck_spec s = parse_ok(cases[i].value);

		assert_int_equal(s.kind, KC_CK_SIMPLE);
		assert_int_equal(s.size, cases[i].size);
		assert_false(s.has_offset);
	}
}

static void test_offset(void **state)
{
	struct kc_ck_spec s;

	(void)state;
	s = parse_ok("256M@16M");
	assert_int_equal(s.kind, KC_CK_SIMPLE);
	assert_int_equal(s.size, 256 * M);
	assert_true(s.has_offset);
	assert_int_equal(s.offset, 16 * M);
	s = parse_ok("128M@0x1000000");
	assert_int_equal(s.offset, 0x1000000);
	s = parse_ok("512M-2G:64M,2G-:128M@16M");
	assert_int_equal(s.kind, KC_CK_RANGES);
	assert_int_equal(s.n_ranges, 2);
	assert_true(s.has_offset);
	assert_int_equal(s.offset, 16 * M);
}

static void test_ranges(void **state)
{
	const char *v = "384M-2G:64M,2G-:128M";
	struct kc_ck_spec s = parse_ok(v);

	(void)state;
	assert_int_equal(s.kind, KC_CK_RANGES);
	assert_int_equal(s.n_ranges, 2);
	assert_int_equal(s.ranges[0].start, 384 * M);
	assert_int_equal(s.ranges[0].end, 2 * G);
	assert_int_equal(s.ranges[0].size, 64 * M);
	assert_int_equal(s.ranges[1].start, 2 * G);
	assert_int_equal(s.ranges[1].end, UINT64_MAX);	/* open-ended */
	assert_int_equal(s.ranges[1].size, 128 * M);
	assert_false(s.has_offset);
	/* each range's place in the text, for messages */
	assert_int_equal(s.ranges[0].at, 0);
	assert_int_equal(s.ranges[0].len, 11);
	assert_int_equal(s.ranges[1].at, 12);
	assert_int_equal(s.ranges[1].len, 8);

	s = parse_ok("1G-:512M");
	assert_int_equal(s.n_ranges, 1);
	assert_int_equal(s.ranges[0].end, UINT64_MAX);
	s = parse_ok("0-:0");
	assert_int_equal(s.ranges[0].start, 0);
	s = parse_ok("1G-4G:192M,4G-64G:256M,64G-:512M");
	assert_int_equal(s.n_ranges, 3);
	assert_int_equal(s.ranges[2].start, 64 * G);
}

static void test_many_ranges(void **state)
{
	char v[2048];
	size_t n = 0;
	int i;

	(void)state;
	for (i = 0; i < KC_CK_MAX_RANGES; i++)
		n += (size_t)snprintf(v + n, sizeof(v) - n, "%s%dG-%dG:64M",
				      i ? "," : "", i + 1, i + 2);
	assert_int_equal(parse_ok(v).n_ranges, KC_CK_MAX_RANGES);
	snprintf(v + n, sizeof(v) - n, ",100G-:1G");
	parse_bad(v, n + 1, "too many ranges");
}

static void test_high_low(void **state)
{
	struct kc_ck_spec s;

	(void)state;
	s = parse_ok("256M,high");
	assert_int_equal(s.kind, KC_CK_HIGH);
	assert_int_equal(s.size, 256 * M);
	s = parse_ok("128M,low");
	assert_int_equal(s.kind, KC_CK_LOW);
	assert_int_equal(s.size, 128 * M);
	s = parse_ok("0,low");
	assert_int_equal(s.kind, KC_CK_LOW);
	assert_int_equal(s.size, 0);
}

static void test_malformed(void **state)
{
	(void)state;
	parse_bad("", 0, "empty");
	parse_bad("abc", 0, "expected a size");
	parse_bad("384M-", 5, "expected a size or ':' after '-'");
	parse_bad("2G-1G:64M", 3, "range end must be above its start");
	parse_bad("1G-1G:64M", 3, "range end must be above its start");
	parse_bad("384M-2G64M", 7, "expected ':' after a range");
	parse_bad("384M:64M", 4, "expected '-' after a range's start");
	parse_bad("384M-2G:", 8, "expected a size after ':'");
	parse_bad("384M-2G:64M,", 12, "expected a size (the start of a range)");
	parse_bad("384M-2G:64M;", 11, "expected ',', '@OFFSET' or the end");
	parse_bad("64Q", 2, "unknown suffix");
	parse_bad("64MB", 3, "one suffix letter only");
	parse_bad("64MiB", 3, "one suffix letter only");
	parse_bad("08M", 1, "octal");
	parse_bad("256M@", 5, "expected an offset after '@'");
	parse_bad("256M@16M/", 8, "unexpected character after the offset");
	parse_bad("256M,medium", 5, "expected 'high' or 'low' after ','");
	parse_bad("256M,", 5, "expected 'high' or 'low' after ','");
	parse_bad("256M x", 4, "expected '@OFFSET', ',high', ',low' or the end");
	parse_bad("1G-:256M,high", 2, "SIZE,high takes a size alone");
	parse_bad("256M@16M,high", 4, "SIZE,high takes a size alone");
	parse_bad("1G-:64M,low", 2, "SIZE,low takes a size alone");
	parse_bad(",low", 0, "expected a size");
	parse_bad("-1G", 0, "expected a size");
}

static void test_overflow(void **state)
{
	(void)state;
	parse_bad("99999999999999999999G", 0, "too large");
	parse_bad("18446744073709551616", 0, "too large");
	parse_bad("16384P", 5, "too large");	/* 2^64 */
	parse_bad("0x10000000000000000", 0, "too large");
	parse_bad("1G-99999999999999999999:64M", 3, "too large");
	/* the largest value that fits */
	assert_int_equal(parse_ok("18446744073709551615").size, UINT64_MAX);
	assert_int_equal(parse_ok("16383P").size, 16383ULL << 50);
}

static void test_parse_size(void **state)
{
	struct kc_ck_error err;
	uint64_t v;

	(void)state;
	assert_int_equal(kc_ck_parse_size("16G", &v, &err), 0);
	assert_int_equal(v, 16 * G);
	assert_int_equal(kc_ck_parse_size("16GB", &v, &err), -EINVAL);
	assert_int_equal(err.offset, 3);
	assert_int_equal(kc_ck_parse_size("", &v, &err), -EINVAL);
	assert_int_equal(kc_ck_parse_size("16G ", &v, &err), -EINVAL);
	assert_int_equal(err.offset, 3);
}

static void test_cmdline_last_wins(void **state)
{
	struct kc_ck_cmdline cl;

	(void)state;
	assert_int_equal(kc_ck_from_cmdline("BOOT_IMAGE=/vmlinuz root=/dev/sda1 "
					    "crashkernel=128M quiet crashkernel=256M\n",
					    &cl), 1);
	assert_true(cl.has_plain);
	assert_string_equal(cl.plain, "256M");
	assert_false(cl.has_high);
	assert_false(cl.has_low);
}

static void test_cmdline_suffixed_apart(void **state)
{
	struct kc_ck_cmdline cl;

	(void)state;
	assert_int_equal(kc_ck_from_cmdline("crashkernel=512M,high crashkernel=1G-:128M "
					    "crashkernel=64M,low crashkernel=256M,high",
					    &cl), 3);
	assert_string_equal(cl.plain, "1G-:128M");
	assert_string_equal(cl.high, "256M,high");
	assert_string_equal(cl.low, "64M,low");
}

static void test_cmdline_other_args(void **state)
{
	struct kc_ck_cmdline cl;
	struct kc_ck_error err;
	struct kc_ck_spec spec;

	(void)state;
	assert_int_equal(kc_ck_from_cmdline("console=ttyS0,115200 acpi_osi=\"Windows 2015\" "
					    "quiet memmap=1M$0x30000000\n", &cl), 0);
	assert_false(cl.has_plain);
	/*
	 * quotes mean nothing to get_last_crashkernel(): the last one is
	 * the quoted one, with its quote, and it does not parse
	 */
	assert_int_equal(kc_ck_from_cmdline("crashkernel=256M dyndbg=\"crashkernel=1G\"",
					    &cl), 1);
	assert_string_equal(cl.plain, "1G\"");
	assert_int_equal(kc_ck_parse(cl.plain, &spec, &err), -EINVAL);
	assert_int_equal(err.offset, 2);
	/* strstr(): a longer name ending in crashkernel= counts too */
	assert_int_equal(kc_ck_from_cmdline("crashkernel=64M foo.crashkernel=1G", &cl), 1);
	assert_string_equal(cl.plain, "1G");
	/* an empty value is present, and malformed */
	assert_int_equal(kc_ck_from_cmdline("crashkernel= quiet", &cl), 1);
	assert_true(cl.has_plain);
	assert_string_equal(cl.plain, "");
}

static void test_cmdline_too_long(void **state)
{
	struct kc_ck_cmdline *cl = malloc(sizeof(*cl));
	char *line = malloc(KC_CK_VALUE_MAX + 32);

	(void)state;
	assert_non_null(cl);
	assert_non_null(line);
	strcpy(line, "crashkernel=");
	memset(line + 12, '1', KC_CK_VALUE_MAX);
	line[12 + KC_CK_VALUE_MAX] = '\0';
	assert_int_equal(kc_ck_from_cmdline(line, cl), -E2BIG);
	free(line);
	free(cl);
}

static struct kc_ck_eval eval(const char *value, uint64_t ram)
{
	struct kc_ck_spec spec = parse_ok(value);
	struct kc_ck_eval ev;

	kc_ck_evaluate(&spec, ram, &ev);
	return ev;
}

static void test_evaluate_ranges(void **state)
{
	const char *v = "384M-2G:64M,2G-:128M";
	struct kc_ck_eval ev;

	(void)state;
	ev = eval(v, G);
	assert_int_equal(ev.size, 64 * M);
	assert_int_equal(ev.range, 0);
	ev = eval(v, 16 * G);
	assert_int_equal(ev.size, 128 * M);
	assert_int_equal(ev.range, 1);
	assert_int_equal(eval(v, 2 * G).size, 128 * M);	/* end is exclusive */
	/* RAM is rounded up to 128 MiB, as firmware keeps some of it */
	assert_int_equal(eval(v, 2 * G - 100 * M).size, 128 * M);
	assert_int_equal(eval(v, 2 * G - 129 * M).size, 64 * M);
	assert_int_equal(eval(v, 256 * M + 1).size, 64 * M);
	ev = eval(v, 256 * M);
	assert_int_equal(ev.size, 0);
	assert_int_equal(ev.range, -1);
	assert_non_null(strstr(ev.why, "no range matches 256 MiB"));
	assert_false(ev.rejected);
}

static void test_evaluate_first_match(void **state)
{
	(void)state;
	assert_int_equal(eval("1G-:128M,2G-:256M", 4 * G).size, 128 * M);
	assert_int_equal(eval("1G-:128M,2G-:256M", 4 * G).range, 0);
	assert_int_equal(eval("2G-:256M,1G-:128M", 4 * G).size, 256 * M);
}

static void test_evaluate_rejected(void **state)
{
	struct kc_ck_spec spec = parse_ok("512M-:2G");
	struct kc_ck_eval ev;

	(void)state;
	/* a size not below RAM: "crashkernel: invalid size" */
	assert_int_equal(kc_ck_evaluate(&spec, G, &ev), -EINVAL);
	assert_true(ev.rejected);
	assert_int_equal(ev.size, 0);
	assert_non_null(strstr(ev.why, "invalid size"));
	/* only ranges tried before the match count */
	assert_int_equal(eval("1G-4G:256M,4G-:8G", 2 * G).size, 256 * M);
	assert_true(eval("1G-4G:256M,4G-:8G", 5 * G).rejected);
	assert_int_equal(kc_ck_evaluate(&spec, 4 * G, &ev), 0);
	assert_int_equal(ev.size, 2 * G);
}

static void test_evaluate_simple_high_low(void **state)
{
	struct kc_ck_eval ev;

	(void)state;
	ev = eval("256M@16M", 4 * G);
	assert_int_equal(ev.size, 256 * M);
	assert_int_equal(ev.offset, 16 * M);
	assert_false(ev.high);
	ev = eval("512M,high", 8 * G);
	assert_int_equal(ev.size, 512 * M);
	assert_true(ev.high);
	assert_int_equal(ev.low, KC_CK_LOW_DEFAULT);
	assert_int_equal(eval("512M,high", 4 * G).low, 0);	/* all below 4 GiB */
	assert_int_equal(eval("0,high", 8 * G).low, 0);
	ev = eval("128M,low", 8 * G);
	assert_int_equal(ev.size, 0);
	assert_non_null(strstr(ev.why, ",high"));
	assert_int_equal(eval("0", G).size, 0);
}

static struct kc_ck_eval choose(const char *plain, const char *high,
				const char *low, uint64_t ram)
{
	struct kc_ck_spec p, h, l;
	struct kc_ck_set set = { 0 };
	struct kc_ck_eval ev;

	if (plain) {
		p = parse_ok(plain);
		kc_ck_set_add(&set, &p);
	}
	if (high) {
		h = parse_ok(high);
		kc_ck_set_add(&set, &h);
	}
	if (low) {
		l = parse_ok(low);
		kc_ck_set_add(&set, &l);
	}
	kc_ck_choose(&set, ram, &ev);
	return ev;
}

static void test_choose(void **state)
{
	struct kc_ck_eval ev;

	(void)state;
	ev = choose("256M", "1G,high", NULL, 8 * G);	/* the plain one wins */
	assert_int_equal(ev.size, 256 * M);
	assert_false(ev.high);
	ev = choose("1G-2G:64M", "1G,high", NULL, 8 * G);	/* no match */
	assert_int_equal(ev.size, G);
	assert_true(ev.high);
	assert_true(ev.fell_back);
	assert_int_equal(ev.low, KC_CK_LOW_DEFAULT);
	ev = choose("1G-:4G", "1G,high", NULL, 2 * G);	/* rejected */
	assert_int_equal(ev.size, G);
	assert_true(ev.fell_back);
	ev = choose(NULL, "1G,high", "64M,low", 8 * G);
	assert_int_equal(ev.low, 64 * M);
	assert_false(ev.fell_back);
	assert_int_equal(choose(NULL, "1G,high", "0,low", 8 * G).low, 0);
	ev = choose(NULL, NULL, NULL, 8 * G);
	assert_int_equal(ev.size, 0);
	assert_string_equal(ev.why, "no crashkernel= at all");
	ev = choose(NULL, NULL, "64M,low", 8 * G);
	assert_int_equal(ev.size, 0);
	/* too big to place: nothing, and no fall back to ,high */
	ev = choose("2G", "256M,high", NULL, G);
	assert_int_equal(ev.size, 0);
	assert_non_null(strstr(ev.why, "does not fit"));
}

static void test_recommend(void **state)
{
	(void)state;
	assert_int_equal(kc_ck_recommend(0, 0), 176 * M);
	assert_int_equal(kc_ck_recommend(G, 1), 176 * M);	/* 173.1 */
	assert_int_equal(kc_ck_recommend(16 * G, 4), 224 * M);	/* 210 */
	assert_int_equal(kc_ck_recommend(T, 1), 240 * M);	/* 237 */
	assert_int_equal(kc_ck_recommend(4 * T, 64), 1200 * M);	/* 1185 */
	/* exactly on a 16 MiB step, and one byte past it */
	assert_int_equal(kc_ck_recommend(240 * G, 0), 176 * M);
	assert_int_equal(kc_ck_recommend(240 * G + 1, 0), 192 * M);
	assert_non_null(strstr(kc_ck_rule, "12 MiB per CPU"));
}

static void test_references(void **state)
{
	uint64_t size;

	(void)state;
	assert_int_equal(kc_ck_n_references, 2);
	assert_string_equal(kc_ck_references[0].value, "384M-:128M");
	assert_int_equal(kc_ck_size_for(kc_ck_references[0].value, G, &size), 0);
	assert_int_equal(size, 128 * M);
	assert_int_equal(kc_ck_size_for(kc_ck_references[0].value, 256 * M, &size), 0);
	assert_int_equal(size, 0);
	assert_int_equal(kc_ck_size_for(kc_ck_references[1].value, G, &size), 0);
	assert_int_equal(size, 0);
	assert_int_equal(kc_ck_size_for(kc_ck_references[1].value, 16 * G, &size), 0);
	assert_int_equal(size, 256 * M);
	assert_int_equal(kc_ck_size_for(kc_ck_references[1].value, 64 * G, &size), 0);
	assert_int_equal(size, 512 * M);
	assert_int_equal(kc_ck_size_for("1G,high", 8 * G, &size), 0);
	assert_int_equal(size, G + KC_CK_LOW_DEFAULT);
	assert_int_equal(kc_ck_size_for("nope", G, &size), -EINVAL);
}

static void test_caret(void **state)
{
	struct kc_ck_error err;
	struct kc_ck_spec spec;
	char buf[256], tiny[10];

	(void)state;
	assert_int_equal(kc_ck_parse("384M-2G64M", &spec, &err), -EINVAL);
	assert_string_equal(kc_ck_format_error(buf, sizeof(buf), "384M-2G64M", &err),
			    "crashkernel=384M-2G64M\n"
			    "                   ^ expected ':' after a range\n");
	assert_int_equal(kc_ck_parse("", &spec, &err), -EINVAL);
	assert_string_equal(kc_ck_format_error(buf, sizeof(buf), "", &err),
			    "crashkernel=\n"
			    "            ^ empty: expected a size\n");
	/* a control character keeps its column */
	assert_int_equal(kc_ck_parse("1\tG", &spec, &err), -EINVAL);
	assert_string_equal(kc_ck_format_error(buf, sizeof(buf), "1\tG", &err),
			    "crashkernel=1?G\n"
			    "             ^ expected '@OFFSET', ',high', ',low' or the end after the size\n");
	/* truncated, still a string */
	kc_ck_format_error(tiny, sizeof(tiny), "384M-2G64M", &err);
	assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
}

static void test_iomem(void **state)
{
	static const char root[] =
		"00000000-00000fff : Reserved\n"
		"00001000-0009fbff : System RAM\n"
		"000f0000-000fffff : Reserved\n"
		"  000f0000-000fffff : System ROM\n"
		"00100000-3ffdffff : System RAM\n"
		"  01000000-01e03816 : Kernel code\n"
		"  2b000000-3affffff : Crash kernel\n"
		"100000000-43fffffff : System RAM\n"
		"  100000000-10fffffff : Crash kernel\n";
	static const char user[] =
		"00000000-00000000 : Reserved\n"
		"00000000-00000000 : System RAM\n"
		"  00000000-00000000 : Crash kernel\n";
	struct kc_ck_iomem io;

	(void)state;
	assert_int_equal(kc_ck_iomem_parse(root, &io), 0);
	assert_true(io.visible);
	assert_int_equal(io.ram, (0x9fbffULL - 0x1000 + 1) +
			 (0x3ffdffffULL - 0x100000 + 1) + 13 * G);
	assert_int_equal(io.crash, 256 * M + 256 * M);
	assert_int_equal(kc_ck_iomem_parse(user, &io), 0);
	assert_false(io.visible);
	assert_int_equal(io.ram, 0);
	assert_int_equal(kc_ck_iomem_parse("", &io), 0);
	assert_int_equal(kc_ck_iomem_parse("garbage\n", &io), -EINVAL);
	assert_int_equal(kc_ck_iomem_parse("2000-1000 : System RAM\n", &io), -EINVAL);
}

static void test_meminfo_cpus_human(void **state)
{
	unsigned int n;
	uint64_t b;
	char h[32];

	(void)state;
	assert_int_equal(kc_ck_memtotal("MemTotal:       16318108 kB\nMemFree: 1 kB\n", &b), 0);
	assert_int_equal(b, 16318108ULL * 1024);
	assert_int_equal(kc_ck_memtotal("MemFree: 1 kB\n", &b), -ENOENT);
	assert_int_equal(kc_ck_memtotal("XMemTotal: 1 kB\n", &b), -ENOENT);

	assert_int_equal(kc_ck_cpulist_count("0-3\n", &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(kc_ck_cpulist_count("0-3,8,10-11\n", &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(kc_ck_cpulist_count("0", &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(kc_ck_cpulist_count("", &n), -EINVAL);
	assert_int_equal(kc_ck_cpulist_count("3-1\n", &n), -EINVAL);
	assert_int_equal(kc_ck_cpulist_count("0-3,\n", &n), -EINVAL);
	assert_int_equal(kc_ck_cpulist_count("x\n", &n), -EINVAL);

	assert_string_equal(kc_ck_human(h, sizeof(h), 0), "0");
	assert_string_equal(kc_ck_human(h, sizeof(h), 1023), "1023 bytes");
	assert_string_equal(kc_ck_human(h, sizeof(h), 64 * M), "64 MiB");
	assert_string_equal(kc_ck_human(h, sizeof(h), G), "1 GiB");
	assert_string_equal(kc_ck_human(h, sizeof(h), G + 512 * M), "1.5 GiB");
	assert_string_equal(kc_ck_human(h, sizeof(h), UINT64_MAX), "16.0 EiB");
}

/* `kcrumbs crashkernel` on a fake tree: its exit code, stdout, stderr. */
struct run {
	int rc;
	char *out;
	char *err;
};

static int redirect(int fd, char *path)
{
	int saved, tmp;

	fflush(NULL);
	saved = dup(fd);
	tmp = mkstemp(path);
	assert_true(saved >= 0 && tmp >= 0);
	assert_true(dup2(tmp, fd) >= 0);
	close(tmp);
	return saved;
}

static char *restore(int fd, int saved, const char *path)
{
	FILE *f;
	char *buf;
	long n;

	fflush(NULL);
	assert_true(dup2(saved, fd) >= 0);
	close(saved);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	return buf;
}

/* Free what popt allocated for string options, so runs do not leak. */
static void reset_options(void)
{
	const struct poptOption *o;

	for (o = kc_crashkernel_options; o->longName; o++) {
		if (o->argInfo == POPT_ARG_STRING) {
			free(*(char **)o->arg);
			*(char **)o->arg = NULL;
		}
	}
}

/* @args as typed after "kcrumbs crashkernel", parsed by popt as main.c does */
static void run(struct run *r, const char *root, int json, const char *args)
{
	char line[512], outp[] = "/tmp/kc-ck-out.XXXXXX", errp[] = "/tmp/kc-ck-err.XXXXXX";
	struct kc_ctx ctx = { .json = json };
	const char **argv, **rest;
	int argc, n = 0, rc, so, se;
	poptContext con;

	snprintf(line, sizeof(line), "crashkernel %s", args);
	assert_int_equal(poptParseArgvString(line, &argc, &argv), 0);
	con = poptGetContext("kcrumbs crashkernel", argc, argv,
			     kc_crashkernel_options, 0);
	while ((rc = poptGetNextOpt(con)) > 0)
		;
	assert_int_equal(rc, -1);
	rest = poptGetArgs(con);
	while (rest && rest[n])
		n++;
	kc_set_root(root);
	so = redirect(1, outp);
	se = redirect(2, errp);
	r->rc = kc_cmd_crashkernel(&ctx, n, rest ? rest : (const char *[]){ NULL });
	r->err = restore(2, se, errp);
	r->out = restore(1, so, outp);
	kc_set_root(NULL);
	reset_options();
	poptFreeContext(con);
	free(argv);
}

static void done(struct run *r)
{
	free(r->out);
	free(r->err);
}

static void expect(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("wanted \"%s\" in:\n%s", want, text);
}

/* A 1 GiB guest as a user sees it: /proc/iomem without addresses. */
static void user_view_1g(char *dir, const char *cmdline)
{
	fakeroot_new(dir);
	fakeroot_put(dir, "/proc/cmdline", cmdline);
	/* 1 GiB less the kernel's own and the 64 MiB crash kernel area */
	fakeroot_put(dir, "/proc/meminfo", "MemTotal:         901120 kB\n"
		     "MemFree:          700000 kB\n");
	fakeroot_put(dir, "/proc/iomem", "00000000-00000000 : Reserved\n"
		     "00000000-00000000 : System RAM\n"
		     "  00000000-00000000 : Crash kernel\n");
	fakeroot_put(dir, "/sys/kernel/kexec_crash_size", "67108864\n");
	fakeroot_put(dir, "/sys/devices/system/cpu/online", "0-1\n");
}

static void test_cmd_cmdline_meminfo(void **state)
{
	struct run r;
	char dir[64];

	(void)state;
	user_view_1g(dir, "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro "
		     "crashkernel=384M-2G:64M,2G-:128M quiet\n");
	run(&r, dir, 0, "");
	assert_int_equal(r.rc, KC_EXIT_OK);
	expect(r.out, "crashkernel=384M-2G:64M,2G-:128M (/proc/cmdline)");
	expect(r.out, "MemTotal in /proc/meminfo + kexec_crash_size");
	expect(r.out, "CPUs:         2 (/sys/devices/system/cpu/online)");
	expect(r.out, "reserves:     64 MiB (range 1 of 2: 384M-2G:64M)");
	expect(r.out, "reserved now: 64 MiB (/sys/kernel/kexec_crash_size)");
	expect(r.out, "recommended:  192 MiB");
	expect(r.out, "Debian 12 kdump-tools (384M-:128M) gives 128 MiB");
	expect(r.out, "crashkernel=192M\"");
	expect(r.out, "update-grub");
	expect(r.out, "warning: this crashkernel= reserves 64 MiB on 944 MiB of RAM, "
	       "less than the 192 MiB recommended");
	assert_null(strstr(r.out, "reserved now (")); /* it matches */
	assert_string_equal(r.err, "");
	done(&r);

	run(&r, dir, 1, "");
	assert_int_equal(r.rc, KC_EXIT_OK);
	expect(r.out, "{\"schema\":2,\"spec\":\"crashkernel=384M-2G:64M,2G-:128M\","
	       "\"spec_source\":\"cmdline\",\"ram_bytes\":\"989855744\","
	       "\"ram_source\":\"meminfo\",\"cpus\":2,\"cpus_source\":\"online\","
	       "\"reserves_bytes\":\"67108864\",");
	expect(r.out, "\"reserved_now_bytes\":\"67108864\",\"kexec_crash_size\":\"67108864\"");
	expect(r.out, "\"recommended_bytes\":\"201326592\"");
	expect(r.out, "\"bootloader_line\":\"GRUB_CMDLINE_LINUX_DEFAULT="
	       "\\\"$GRUB_CMDLINE_LINUX_DEFAULT crashkernel=192M\\\"\"");
	expect(r.out, "\"warnings\":[\"this crashkernel= reserves 64 MiB");
	done(&r);
	assert_int_equal(fakeroot_remove(dir), 0);
}

static void test_cmd_none_set(void **state)
{
	struct run r;
	char dir[64];

	(void)state;
	user_view_1g(dir, "root=/dev/vda1 quiet\n");
	run(&r, dir, 0, "");
	assert_int_equal(r.rc, KC_EXIT_OK);
	expect(r.out, "spec:         none set (/proc/cmdline)");
	expect(r.out, "warning: no crashkernel= on the kernel command line");
	done(&r);
	run(&r, dir, 1, "");
	expect(r.out, "{\"schema\":2,\"spec\":null,");
	expect(r.out, "\"reserves_bytes\":\"0\",");
	expect(r.out, "\"why\":\"no crashkernel= at all\"");
	done(&r);
	assert_int_equal(fakeroot_remove(dir), 0);
}

static void test_cmd_root_view(void **state)
{
	struct run r;
	char dir[64];

	(void)state;
	fakeroot_new(dir);
	fakeroot_put(dir, "/proc/cmdline", "crashkernel=384M-2G:64M,2G-:128M\n");
	fakeroot_put(dir, "/proc/iomem",
		     "00001000-0009ffff : System RAM\n"
		     "00100000-bfffffff : System RAM\n"
		     "  20000000-2fffffff : Crash kernel\n"
		     "100000000-43fff0fff : System RAM\n");
	fakeroot_put(dir, "/sys/kernel/kexec_crash_size", "268435456\n");
	fakeroot_put(dir, "/sys/devices/system/cpu/possible", "0-7\n");
	run(&r, dir, 0, "");
	assert_int_equal(r.rc, KC_EXIT_OK);
	expect(r.out, "(System RAM in /proc/iomem)");
	expect(r.out, "CPUs:         8 (/sys/devices/system/cpu/possible)");
	expect(r.out, "reserves:     128 MiB (range 2 of 2: 2G-:128M)");
	expect(r.out, "reserved now: 256 MiB (\"Crash kernel\" in /proc/iomem); "
	       "kexec_crash_size 268435456");
	expect(r.out, "warning: reserved now (256 MiB) is not what this crashkernel= "
	       "gives (128 MiB)");
	done(&r);
	assert_int_equal(fakeroot_remove(dir), 0);
}

static void test_cmd_options_and_spec(void **state)
{
	struct run r;
	char dir[64];

	(void)state;
	user_view_1g(dir, "quiet\n");
	run(&r, dir, 0, "--ram 16G --cpus 1 384M-2G:64M,2G-:128M");
	assert_int_equal(r.rc, KC_EXIT_OK);
	expect(r.out, "crashkernel=384M-2G:64M,2G-:128M (the argument)");
	expect(r.out, "RAM:          16 GiB (--ram)");
	expect(r.out, "CPUs:         1 (--cpus)");
	expect(r.out, "reserves:     128 MiB (range 2 of 2: 2G-:128M) on 16 GiB of RAM");
	expect(r.out, "recommended:  176 MiB");
	expect(r.out, "Fedora/RHEL kdumpctl (2G-64G:256M,64G-:512M) gives 256 MiB");
	done(&r);
	/* enough: the spec itself goes in the boot loader line */
	run(&r, dir, 0, "--ram 16G crashkernel=512M");
	expect(r.out, "crashkernel=512M\"");
	assert_null(strstr(r.out, "warning:"));
	done(&r);
	/* a whole command line as SPEC */
	run(&r, dir, 1, "--ram 8G 'crashkernel=1G-2G:64M crashkernel=256M,high crashkernel=0,low'");
	assert_int_equal(r.rc, KC_EXIT_OK);
	expect(r.out, "\"reserves_bytes\":\"268435456\",\"low_bytes\":\"0\",\"high\":true");
	expect(r.out, "falls back to the ,high one");
	done(&r);
	assert_int_equal(fakeroot_remove(dir), 0);
}

static void test_cmd_malformed(void **state)
{
	struct run r;
	char dir[64];

	(void)state;
	user_view_1g(dir, "ro crashkernel=384M-2G64M quiet\n");
	run(&r, dir, 0, "");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err,
			    "kcrumbs crashkernel: malformed crashkernel= in /proc/cmdline:\n"
			    "crashkernel=384M-2G64M\n"
			    "                   ^ expected ':' after a range\n");
	done(&r);
	run(&r, dir, 1, "--ram 1G 64Q");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	assert_string_equal(r.out, "{\"schema\":2,\"spec\":\"crashkernel=64Q\","
			    "\"spec_source\":\"argument\",\"error\":{\"offset\":2,"
			    "\"reason\":\"unknown suffix: use K, M, G, T, P or E\"}}\n");
	done(&r);
	run(&r, dir, 0, "--ram lots 1G");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	expect(r.err, "--ram lots: expected a size");
	done(&r);
	run(&r, dir, 0, "--cpus 0 1G");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);
	run(&r, dir, 0, "1G 2G");
	assert_int_equal(r.rc, KC_EXIT_USAGE);
	done(&r);
	assert_int_equal(fakeroot_remove(dir), 0);
}

static void test_cmd_unreadable(void **state)
{
	struct run r;
	char dir[64];

	(void)state;
	fakeroot_new(dir);
	run(&r, dir, 0, "");		/* no /proc/cmdline */
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	expect(r.err, "cannot read /proc/cmdline");
	done(&r);
	run(&r, dir, 0, "--cpus 2 1G");	/* no iomem, no meminfo */
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	expect(r.err, "cannot tell the RAM size");
	done(&r);
	run(&r, dir, 0, "--ram 4G 1G");	/* no CPU list */
	assert_int_equal(r.rc, KC_EXIT_FAIL);
	expect(r.err, "--cpus N");
	done(&r);
	/* given everything, nothing needs reading; "reserved now" is unknown */
	run(&r, dir, 1, "--ram 4G --cpus 2 1G");
	assert_int_equal(r.rc, KC_EXIT_OK);
	expect(r.out, "\"reserved_now_bytes\":null,\"kexec_crash_size\":null");
	done(&r);
	assert_int_equal(fakeroot_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_sizes),
		cmocka_unit_test(test_offset),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_many_ranges),
		cmocka_unit_test(test_high_low),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_cmdline_last_wins),
		cmocka_unit_test(test_cmdline_suffixed_apart),
		cmocka_unit_test(test_cmdline_other_args),
		cmocka_unit_test(test_cmdline_too_long),
		cmocka_unit_test(test_evaluate_ranges),
		cmocka_unit_test(test_evaluate_first_match),
		cmocka_unit_test(test_evaluate_rejected),
		cmocka_unit_test(test_evaluate_simple_high_low),
		cmocka_unit_test(test_choose),
		cmocka_unit_test(test_recommend),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_caret),
		cmocka_unit_test(test_iomem),
		cmocka_unit_test(test_meminfo_cpus_human),
		cmocka_unit_test(test_cmd_cmdline_meminfo),
		cmocka_unit_test(test_cmd_none_set),
		cmocka_unit_test(test_cmd_root_view),
		cmocka_unit_test(test_cmd_options_and_spec),
		cmocka_unit_test(test_cmd_malformed),
		cmocka_unit_test(test_cmd_unreadable),
	};

	return cmocka_run_group_tests_name("crashkernel", tests, NULL, NULL);
}
