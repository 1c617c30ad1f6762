// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: how a boot ended (harvest.c), and `kcrumbs harvest`,
 * `history`, `last-boot` and `capture` over a fake root: the first boot is
 * unknown; a capture kernel's files make the next boot's verdict
 * "crashed" with cause, message, function and task, archived with the
 * region, a node_exporter metric written, the files not harvested twice;
 * a clean shutdown mark gives "clean"; nothing gives "vanished"; kdump's
 * dump alone gives "crashed" without breadcrumbs; history lists them in
 * order; retention keeps the newest; the summary file reads back.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fakeroot.h"
#include "harvest.h"
#include "journal.h"
#include "nlerr.h"
#include "region_builder.h"
#include "runcli.h"

static const char *const syms[] = {
	"panic+0x118/0x2f4", "sysrq_handle_crash+0x16/0x20",
	"write_sysrq_trigger+0x24/0x40", NULL,
};

static void crash_region(struct rb *b)
{
	rb_init(b, 4, 4096);
	rb_event(b, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_log_tail(b, 1, 0, "[    5.04] sysrq: Trigger a crash\n");
}

static void test_decide(void **state)
{
	struct kc_harvest_in in = { 0 };
	struct kc_summary s;
	struct kc_region r;
	const char *why;
	struct rb b;

	(void)state;
	kc_harvest_decide(&in, &s);
	assert_int_equal(s.fate, KC_H_UNKNOWN);

	in.known = true;
	in.boot_id = "0123";
	in.release = "6.1.0-57-amd64";
	kc_harvest_decide(&in, &s);
	assert_int_equal(s.fate, KC_H_VANISHED);
	assert_string_equal(s.boot_id, "0123");

	in.clean_mark = true;
	kc_harvest_decide(&in, &s);
	assert_int_equal(s.fate, KC_H_CLEAN);

	/* kdump's dump without breadcrumbs beats the clean mark */
	in.dump_path = "/var/crash/202611302330/dump.202611302330";
	kc_harvest_decide(&in, &s);
	assert_int_equal(s.fate, KC_H_CRASHED);
	assert_string_equal(s.cause, "");
	assert_non_null(strstr(s.source, "without breadcrumbs"));

	crash_region(&b);
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	in.captured = &r;
	in.capture_path = "/var/crash/202611302330/kcrumbs.202611302330.json";
	kc_harvest_decide(&in, &s);
	assert_int_equal(s.fate, KC_H_CRASHED);
	assert_string_equal(s.cause, "sysrq");
	assert_string_equal(s.message, "sysrq triggered crash");
	assert_string_equal(s.function, "sysrq_handle_crash+0x16/0x20");
	assert_string_equal(s.task, "kcrumbs-crash");
	assert_string_equal(s.release, "6.1.0-56-amd64");	/* the region's */
	assert_int_equal(s.pid, 42);

	/* a reserved region decides, whatever else there is */
	rb_put32(b.buf + RB_HDR(state), KCRUMBS_STATE_CLEAN);
	rb_seal_header(&b);
	kc_region_free(&r);
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	in.reserved = &r;
	kc_harvest_decide(&in, &s);
	assert_int_equal(s.fate, KC_H_CLEAN);
	assert_string_equal(s.source, "the reserved region");
	kc_region_free(&r);
	free(b.buf);
}

static void test_summary_roundtrip(void **state)
{
	struct kc_summary s = { 0 }, t;
	char *text = NULL, *json = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	s.fate = KC_H_CRASHED;
	strcpy(s.boot_id, "abcd");
	strcpy(s.release, "6.12.118+deb13-amd64");
	s.started_ns = 1796000000000000000ull;
	s.crashed_ns = 1796000000500000000ull;
	strcpy(s.cause, "oops");
	strcpy(s.message, "BUG: a=b c");
	strcpy(s.function, "do_thing+0x1/0x2");
	strcpy(s.title, "BUG: kernel NULL pointer dereference in do_thing");
	strcpy(s.signature, "0123456789abcdef");
	strcpy(s.task, "bash");
	s.pid = 7;
	s.cpu = 1;
	s.survived = 2;
	strcpy(s.source, "kdump, /var/crash/x/kcrumbs.x.json");
	f = open_memstream(&text, &len);
	kc_summary_write(f, &s);
	fclose(f);
	assert_int_equal(kc_summary_parse(text, &t), 0);
	assert_memory_equal(&s, &t, sizeof(s));
	free(text);
	assert_int_equal(kc_summary_parse("boot_id=x\n", &t), -EINVAL);
	assert_int_equal(kc_summary_parse("fate=exploded\n", &t), -EINVAL);
	/* JSON: times as ISO 8601, empty fields null */
	f = open_memstream(&json, &len);
	s.function[0] = '\0';
	kc_summary_json(f, &s);
	fclose(f);
	assert_non_null(strstr(json, "\"fate\":\"crashed\",\"boot_id\":\"abcd\""));
	assert_non_null(strstr(json, "\"started\":\"2026-11-30T"));
	assert_non_null(strstr(json, "\"function\":null,\"title\":\"BUG: kernel NULL "
			       "pointer dereference in do_thing\",\"signature\":\"0123456789abcdef\""));
	free(json);
	/* one line for a person: the title after the rest */
	json = NULL;
	f = open_memstream(&json, &len);
	kc_summary_text(f, &s);
	fclose(f);
	assert_non_null(strstr(json, ", after 2 survived events; title: BUG: kernel NULL "
			       "pointer dereference in do_thing, signature 0123456789abcdef\n"));
	free(json);
}

/* The journal entry: the title and signature in fields of their own. */
static void test_journal_fields(void **state)
{
	struct kc_journal_fields f;
	struct kc_summary s = { 0 };
	char all[4096] = "";
	int i;

	(void)state;
	s.fate = KC_H_CRASHED;
	strcpy(s.cause, "sysrq");
	strcpy(s.title, "sysrq: triggered crash");
	strcpy(s.signature, "5cd2e602d48929c3");
	strcpy(s.task, "bash");
	s.pid = 512;
	kc_journal_fields(&s, "previous boot: crashed: sysrq; title: sysrq: triggered crash", &f);
	for (i = 0; i < f.n; i++)
		snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s\n", f.text[i]);
	kc_journal_fields_free(&f);
	assert_non_null(strstr(all, "MESSAGE=previous boot: crashed: sysrq; title: sysrq: "
			       "triggered crash\n"));
	assert_non_null(strstr(all, "\nPRIORITY=2\n"));
	assert_non_null(strstr(all, "\nKCRUMBS_TITLE=sysrq: triggered crash\n"
			       "KCRUMBS_SIGNATURE=5cd2e602d48929c3\nKCRUMBS_TASK=bash\n"
			       "KCRUMBS_PID=512\n"));
	assert_null(strstr(all, "KCRUMBS_FUNCTION"));	/* empty: left out */
	s.fate = KC_H_CLEAN;
	s.title[0] = s.signature[0] = '\0';
	kc_journal_fields(&s, "x", &f);
	for (i = 0; i < f.n; i++)
		assert_null(strstr(f.text[i], "KCRUMBS_TITLE"));
	kc_journal_fields_free(&f);
}

/* The CLI over a fake root. */
static char fake[64];

static void put(const char *path, const char *text)
{
	fakeroot_put(fake, path, text);
}

static void put_bytes(const char *path, const void *buf, size_t len)
{
	fakeroot_put_bytes(fake, path, buf, len);
}

static int exists(const char *path)
{
	return fakeroot_exists(fake, path);
}

static char *get(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", fake, path);
	return slurp(full);
}

static void mkdir_fake(const char *path)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s%s'", fake, path);
	assert_int_equal(system(cmd), 0);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)); s += strlen(what))
		n++;
	return n;
}

static void boot(const char *id)
{
	put("/proc/sys/kernel/random/boot_id", id);
}

static void test_harvest_flow(void **state)
{
	struct run r;
	struct rb b;
	char *t;

	(void)state;
	fakeroot_new(fake);
	setenv("KCRUMBS_ROOT", fake, 1);
	put("/proc/sys/kernel/osrelease", "6.1.0-57-amd64\n");
	put("/etc/default/kdump-tools", "USE_KDUMP=1\nKDUMP_COREDIR=\"/srv/crash\"\n");

	/* boot 1: nothing known before it */
	boot("11111111-1111-1111-1111-111111111111\n");
	run(&r, "history");
	assert_int_equal(r.rc, KC_EXIT_NONE);
	assert_non_null(strstr(r.out, "no boots archived yet"));
	done(&r);
	run(&r, "harvest");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "previous boot: unknown to kcrumbs"));
	done(&r);
	t = get("/var/lib/kcrumbs/current");
	assert_non_null(strstr(t, "boot_id=11111111111111111111111111111111\n"));
	assert_non_null(strstr(t, "release=6.1.0-57-amd64\n"));
	free(t);
	run(&r, "harvest");	/* twice in one boot: nothing more */
	assert_non_null(strstr(r.out, "harvested already"));
	done(&r);

	/* it crashes; the capture kernel saves the breadcrumbs (KDUMP_COREDIR) */
	crash_region(&b);
	put("/srv/crash/202611302330/dmesg.202611302330", "log\n");
	put("/srv/crash/202611302330/dump.202611302330", "dump\n");
	put_bytes("/tmp/region", b.buf, b.len);
	{
		char args[256];

		snprintf(args, sizeof(args), "capture --dir %s/srv/crash/202611302330 "
			 "--vmcore /nonexistent", fake);
		run(&r, args);
		assert_int_equal(r.rc, KC_EXIT_UNREADABLE);
		done(&r);
	}
	/* what capture writes, in place of a VM: the region and its JSON */
	put_bytes("/srv/crash/202611302330/kcrumbs.202611302330.region", b.buf, b.len);
	put("/srv/crash/202611302330/kcrumbs.202611302330.json", "{}\n");
	mkdir_fake("/var/lib/prometheus/node-exporter");

	/* boot 2: the crash */
	boot("22222222-2222-2222-2222-222222222222\n");
	run(&r, "harvest");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "crashed: sysrq (sysrq triggered crash) in "
			       "sysrq_handle_crash+0x16/0x20, task kcrumbs-crash (pid 42)"));
	assert_non_null(strstr(r.out, "; title: sysrq: triggered crash, signature "
			       "5cd2e602d48929c3\n"));
	done(&r);
	assert_true(exists("/var/lib/kcrumbs/boots/11111111111111111111111111111111/region"));
	assert_true(exists("/var/lib/kcrumbs/boots/11111111111111111111111111111111/read.json"));
	t = get("/var/lib/kcrumbs/boots/11111111111111111111111111111111/summary.json");
	assert_non_null(strstr(t, "{\"schema\":1,\"boot\":{\"fate\":\"crashed\","
			       "\"boot_id\":\"11111111111111111111111111111111\""));
	assert_non_null(strstr(t, ",\"title\":\"sysrq: triggered crash\","
			       "\"signature\":\"5cd2e602d48929c3\","));
	free(t);
	t = get("/var/lib/kcrumbs/boots/11111111111111111111111111111111/summary");
	assert_non_null(strstr(t, "\ntitle=sysrq: triggered crash\nsignature=5cd2e602d48929c3\n"));
	free(t);
	t = get("/var/lib/prometheus/node-exporter/kcrumbs.prom");
	assert_non_null(strstr(t, "\nkcrumbs_last_boot_crashed 1\n"));
	assert_non_null(strstr(t, "kcrumbs_last_boot_info{fate=\"crashed\",cause=\"sysrq\","
			       "function=\"sysrq_handle_crash+0x16/0x20\","
			       "signature=\"5cd2e602d48929c3\",kernel=\"6.1.0-56-amd64\"} 1\n"));
	free(t);
	run(&r, "last-boot");	/* dynamic mode: from the archive */
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "previous boot (6.1.0-56-amd64): crashed: sysrq "
			       "(sysrq triggered crash) in sysrq_handle_crash+0x16/0x20"));
	done(&r);

	/* boot 3: boot 2 shut down cleanly; the capture is not taken twice */
	run(&r, "harvest --shutdown");
	assert_int_equal(r.rc, KC_EXIT_OK);
	done(&r);
	boot("33333333-3333-3333-3333-333333333333\n");
	run(&r, "harvest");
	assert_non_null(strstr(r.out, "previous boot (6.1.0-57-amd64) started "));
	assert_non_null(strstr(r.out, ": shut down cleanly"));
	done(&r);
	run(&r, "--json last-boot");
	assert_non_null(strstr(r.out, "{\"schema\":2,\"fate\":\"clean\""));
	done(&r);

	/* boot 4: boot 3 vanished; then a dump with no breadcrumbs */
	boot("44444444-4444-4444-4444-444444444444\n");
	run(&r, "harvest");
	assert_non_null(strstr(r.out, "ended without a trace"));
	done(&r);
	put("/srv/crash/202612010101/dump.202612010101", "dump\n");
	boot("55555555-5555-5555-5555-555555555555\n");
	run(&r, "harvest");
	assert_non_null(strstr(r.out, "crashed (kdump saved a dump; kcrumbs has no breadcrumbs of it)"));
	done(&r);

	run(&r, "history");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, ": crashed: sysrq"));
	assert_true(strstr(r.out, ": crashed: sysrq") < strstr(r.out, "shut down cleanly"));
	assert_true(strstr(r.out, "shut down cleanly") < strstr(r.out, "without a trace"));
	done(&r);
	run(&r, "--json history");
	assert_non_null(strstr(r.out, "{\"schema\":1,\"boots\":[{\"fate\":\"crashed\""));
	done(&r);

	/* retention: the newest N */
	boot("66666666-6666-6666-6666-666666666666\n");
	run(&r, "harvest --keep 2 --quiet");
	assert_string_equal(r.out, "");
	done(&r);
	assert_false(exists("/var/lib/kcrumbs/boots/11111111111111111111111111111111"));
	run(&r, "--json history");
	assert_int_equal(count(r.out, "\"fate\""), 2);
	done(&r);

	free(b.buf);
	unsetenv("KCRUMBS_ROOT");
	fakeroot_remove(fake);
}

/* kcrumbs installed, never harvested, then a crash: the capture is the
 * last boot's all the same */
static void test_first_harvest_after_a_crash(void **state)
{
	struct run r;
	struct rb b;

	(void)state;
	fakeroot_new(fake);
	setenv("KCRUMBS_ROOT", fake, 1);
	put("/proc/sys/kernel/osrelease", "6.1.0-57-amd64\n");
	boot("77777777-7777-7777-7777-777777777777\n");
	crash_region(&b);
	put_bytes("/var/crash/202611302353/kcrumbs.202611302353.region", b.buf, b.len);
	put("/var/crash/202611302353/kcrumbs.202611302353.json", "{}\n");
	put("/var/crash/202611302353/dump.202611302353", "dump\n");
	run(&r, "harvest");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "crashed: sysrq (sysrq triggered crash)"));
	done(&r);
	run(&r, "last-boot");
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "crashed: sysrq (sysrq triggered crash)"));
	done(&r);
	assert_true(exists("/var/lib/kcrumbs/boots/kdump-202611302353/region"));
	free(b.buf);
	unsetenv("KCRUMBS_ROOT");
	fakeroot_remove(fake);
}

/* the capture's stamp and kdump-config's a minute apart: one crash */
static void test_capture_and_dump_a_minute_apart(void **state)
{
	struct run r;
	struct rb b;

	(void)state;
	fakeroot_new(fake);
	setenv("KCRUMBS_ROOT", fake, 1);
	put("/proc/sys/kernel/osrelease", "6.1.0-57-amd64\n");
	boot("88888888-8888-8888-8888-888888888888\n");
	run(&r, "harvest");
	done(&r);
	crash_region(&b);
	put_bytes("/var/crash/202611302359/kcrumbs.202611302359.region", b.buf, b.len);
	put("/var/crash/202611302359/kcrumbs.202611302359.json", "{}\n");
	put("/var/crash/202612010000/dmesg.202612010000", "log\n");
	put("/var/crash/202612010000/dump.202612010000", "dump\n");
	boot("99999999-9999-9999-9999-999999999999\n");
	run(&r, "harvest");
	assert_non_null(strstr(r.out, "crashed: sysrq (sysrq triggered crash)"));
	done(&r);
	run(&r, "--json history");
	assert_int_equal(count(r.out, "\"fate\":\"crashed\""), 1);
	assert_null(strstr(r.out, "without breadcrumbs"));
	done(&r);
	free(b.buf);
	unsetenv("KCRUMBS_ROOT");
	fakeroot_remove(fake);
}

/*
 * The capture kernel in reserved mode: the region is not System RAM, so
 * /proc/vmcore (here an ELF core of other memory) lacks its address;
 * capture reads kcrumbs' copy instead (the full-system VM caught the old
 * code taking that for "not a capture kernel").
 */
static void test_capture_reserved(void **state)
{
	static const uint8_t elf_head[64] = {
		0x7f, 'E', 'L', 'F', 2, 1, 1, 0, [16] = 4, 0, 62, 0, 1, 0, 0, 0,
		[32] = 64, [52] = 64, 0, 56, 0, 1, 0,
	};
	uint8_t core[8192] = { 0 };
	char args[256];
	struct run r;
	struct rb b;

	(void)state;
	fakeroot_new(fake);
	setenv("KCRUMBS_ROOT", fake, 1);
	/* one PT_LOAD of 4 KiB at 0x1000: the region's 0x30000000 is not in it */
	memcpy(core, elf_head, sizeof(elf_head));
	core[64] = 1;				/* p_type PT_LOAD */
	core[64 + 9] = 0x10;			/* p_offset 4096 */
	core[64 + 25] = 0x10;			/* p_paddr 0x1000 */
	core[64 + 33] = 0x10;			/* p_filesz 4096 */
	put_bytes("/proc/vmcore", core, sizeof(core));
	put("/proc/cmdline", "root=/dev/vda kcrumbs.region=24576@0x30000000\n");
	crash_region(&b);
	put_bytes("/sys/kernel/kcrumbs/previous", b.buf, b.len);
	snprintf(args, sizeof(args), "capture --dir %s/var/crash/202612010045", fake);
	run(&r, args);
	assert_int_equal(r.rc, KC_EXIT_OK);
	assert_non_null(strstr(r.out, "the crash's breadcrumbs are in"));
	assert_non_null(strstr(r.out, "sysrq — sysrq triggered crash"));
	done(&r);
	snprintf(args, sizeof(args), "ls %s/var/crash/202612010045/kcrumbs.*.json "
		 "%s/var/crash/202612010045/kcrumbs.*.region >/dev/null 2>&1", fake, fake);
	assert_int_equal(system(args), 0);
	/* read says where to look, not "not a capture kernel" */
	run(&r, "read");
	assert_int_equal(r.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(r.err, "read kcrumbs' copy with --previous"));
	done(&r);
	free(b.buf);
	unsetenv("KCRUMBS_ROOT");
	fakeroot_remove(fake);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_summary_roundtrip),
		cmocka_unit_test(test_journal_fields),
		cmocka_unit_test(test_harvest_flow),
		cmocka_unit_test(test_first_harvest_after_a_crash),
		cmocka_unit_test(test_capture_and_dump_a_minute_apart),
		cmocka_unit_test(test_capture_reserved),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
