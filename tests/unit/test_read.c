// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: kcrumbs.region= parsing, ELF core segments, and `kcrumbs
 * read` run on crafted dumps and images (KCRUMBS_BIN).
 */
#include <elf.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "cmdline.h"
#include "elfcore.h"
#include "fakeroot.h"
#include "nlerr.h"
#include "region_builder.h"

static void test_parse_region(void **state)
{
	uint64_t size, addr;

	(void)state;
	assert_int_equal(kc_parse_region("135168@0x3f4a0000", &size, &addr), 0);
	assert_int_equal(size, 135168);
	assert_int_equal(addr, 0x3f4a0000);
	assert_int_equal(kc_parse_region("132K@0x1000", &size, &addr), 0);
	assert_int_equal(size, 132 * 1024);
	assert_int_equal(kc_parse_region("1M@4096 ", &size, &addr), 0);
	assert_int_equal(size, 1 << 20);
	assert_int_equal(addr, 4096);
	assert_int_equal(kc_parse_region("", &size, &addr), -EINVAL);
	assert_int_equal(kc_parse_region("@0x1", &size, &addr), -EINVAL);
	assert_int_equal(kc_parse_region("12@", &size, &addr), -EINVAL);
	assert_int_equal(kc_parse_region("12@zz", &size, &addr), -EINVAL);
	assert_int_equal(kc_parse_region("0@0x1", &size, &addr), -EINVAL);
	assert_int_equal(kc_parse_region("12x@1", &size, &addr), -EINVAL);
	assert_int_equal(kc_parse_region("12@0x1junk", &size, &addr), -EINVAL);
	assert_int_equal(kc_parse_region("-1@0x1", &size, &addr), -EINVAL);
	assert_int_equal(kc_parse_region("99999999999G@1", &size, &addr), -EINVAL);
}

static void test_cmdline_region(void **state)
{
	uint64_t size, addr;

	(void)state;
	assert_int_equal(kc_cmdline_region("console=ttyS0 kcrumbs.region=4096@0x2000 quiet",
					   &size, &addr), 0);
	assert_int_equal(size, 4096);
	assert_int_equal(addr, 0x2000);
	assert_int_equal(kc_cmdline_region("kcrumbs.region=1@0x1 kcrumbs.region=2@0x2\n",
					   &size, &addr), 0);
	assert_int_equal(size, 2);	/* the last wins */
	assert_int_equal(kc_cmdline_region("xkcrumbs.region=4096@0x2000", &size, &addr),
			 -ENOENT);
	assert_int_equal(kc_cmdline_region("quiet", &size, &addr), -ENOENT);
	assert_int_equal(kc_cmdline_region("kcrumbs.region=nope", &size, &addr), -EINVAL);
}


static void test_elf_segments(void **state)
{
	struct kc_seg segs[4];
	uint8_t *core, payload[8192] = { 0 };
	uint64_t off;
	size_t n, len;

	(void)state;
	len = rb_make_core(&core, 0x100000, payload, sizeof(payload));
	assert_int_equal(kc_elf_segments(core, len, segs, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(segs[0].paddr, 0x100000);
	assert_int_equal(kc_elf_offset(segs, n, 0x101000, 4096, &off), 0);
	assert_int_equal(off, 8192 + 4096);
	assert_int_equal(kc_elf_offset(segs, n, 0x101001, 4096, &off), -ENOENT);
	assert_int_equal(kc_elf_offset(segs, n, 0xfffff, 16, &off), -ENOENT);
	assert_int_equal(kc_elf_offset(segs, n, 0x100000, 8193, &off), -ENOENT);
	assert_int_equal(kc_elf_segments(core, len, segs, 0, &n), -E2BIG);
	assert_int_equal(kc_elf_segments(core, 100, segs, 4, &n), -EBADMSG);
	core[EI_CLASS] = ELFCLASS32;
	assert_int_equal(kc_elf_segments(core, len, segs, 4, &n), -ENOEXEC);
	assert_int_equal(kc_elf_segments(core, 10, segs, 4, &n), -ENOEXEC);
	free(core);
}

/* ---- `kcrumbs read` on files ---- */

static char dir[64];

static int setup(void **state)
{
	(void)state;
	fakeroot_new(dir);
	setenv("KCRUMBS_ROOT", dir, 1);
	fakeroot_put(dir, "/proc/cmdline", "console=ttyS0 quiet\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unsetenv("KCRUMBS_ROOT");
	return fakeroot_remove(dir);
}

static void write_file(const char *name, const uint8_t *b, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, len, f), len);
	fclose(f);
}

struct out {
	int rc;
	char text[65536];
};

static void run(struct out *o, const char *args)
{
	char cmd[1024];
	FILE *p;
	size_t n;
	int st;

	/* bounded: a reader that blocks (a FIFO) or loops fails, exit 124 */
	snprintf(cmd, sizeof(cmd), "cd '%s' && timeout 60 '%s' %s 2>&1", dir,
		 getenv("KCRUMBS_BIN"), args);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(o->text, 1, sizeof(o->text) - 1, p);
	o->text[n] = '\0';
	st = pclose(p);
	assert_true(WIFEXITED(st));
	o->rc = WEXITSTATUS(st);
}

static const char *const syms[] = {
	"panic+0x118/0x2f4", "sysrq_handle_crash+0x16/0x20",
	"write_sysrq_trigger+0x24/0x40", NULL,
};

static void crash_region(struct rb *b)
{
	rb_init(b, 4, 4096);
	rb_event(b, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_log_tail(b, 1, 0, "[    5.04] sysrq: Trigger a crash\n[    5.05] Kernel panic - not syncing: sysrq triggered crash\n");
}

static void test_read_vmcore_by_address_scan_and_cmdline(void **state)
{
	static struct out o;
	uint8_t *core;
	struct rb b;
	size_t len;

	(void)state;
	crash_region(&b);
	len = rb_make_core(&core, 0x40000000, b.buf, b.len);
	write_file("vmcore", core, len);

	run(&o, "read --vmcore vmcore --address 24576@0x40000000");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "region: 24576 bytes at 0x40000000 (address given), written by 6.1.0-56-amd64"));
	assert_non_null(strstr(o.text, "event #0: sysrq"));
	assert_non_null(strstr(o.text, "sysrq triggered crash"));
	assert_non_null(strstr(o.text, "cpu 1, pid 42 (kcrumbs-crash)"));
	assert_non_null(strstr(o.text, "recorded by the crash_kexec hook"));
	assert_non_null(strstr(o.text, "\n    sysrq_handle_crash+0x16/0x20\n"));
	assert_non_null(strstr(o.text, "log tail #1 (event #0"));
	assert_non_null(strstr(o.text, "sysrq: Trigger a crash"));
	assert_non_null(strstr(o.text, "state crashed"));

	run(&o, "read --vmcore vmcore");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "at 0x40000000 (scan)"));

	fakeroot_put(dir, "/proc/cmdline", "quiet kcrumbs.region=24576@0x40000000\n");
	run(&o, "read --vmcore vmcore");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "(kernel command line)"));

	/* a stale address (a dynamic region's, from an earlier boot): the
	 * scan finds the region, and the reader says so */
	fakeroot_put(dir, "/proc/cmdline", "quiet kcrumbs.region=24576@0x40002000\n");
	run(&o, "read --vmcore vmcore");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "region: 24576 bytes at 0x40000000 (scan: no region at "
			       "0x40002000, the address on the kernel command line)"));
	assert_non_null(strstr(o.text, "kcrumbs read: no region at 0x40002000, the address on "
			       "the kernel command line: found by a scan instead"));
	assert_non_null(strstr(o.text, "event #0: sysrq"));
	run(&o, "read --vmcore vmcore --address 4096@0x40001000");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "(scan: no region at 0x40001000, the address given)"));
	run(&o, "read --vmcore vmcore --address 24576@0x7000000000");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	fakeroot_put(dir, "/proc/cmdline", "quiet kcrumbs.region=24576@0x40000000\n");

	run(&o, "read --vmcore vmcore --log-lines 1");
	assert_null(strstr(o.text, "sysrq: Trigger a crash"));
	assert_non_null(strstr(o.text, "Kernel panic - not syncing"));

	run(&o, "read --vmcore vmcore --save saved.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	run(&o, "read --region saved.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "event #0: sysrq"));
	run(&o, "read --vmcore vmcore --save saved.img");	/* never overwrites */
	assert_int_equal(o.rc, KC_EXIT_FAIL);
	assert_non_null(strstr(o.text, "cannot write saved.img: File exists"));

	/*
	 * --dump goes through libkdumpfile, which needs the VMCOREINFO a real
	 * dump carries: its reading is tested in the VM (sysrq-crash, with a
	 * makedumpfile dump); here, only its command line.
	 */
	run(&o, "read --dump vmcore --vmcore vmcore");
	assert_int_equal(o.rc, KC_EXIT_USAGE);

	run(&o, "--json read --vmcore vmcore");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "{\"schema\":2,\"source\":{\"how\":\"kernel command line\",\"paddr\":\"0x40000000\"},"));
	assert_non_null(strstr(o.text, "\"state\":\"crashed\""));
	assert_non_null(strstr(o.text, "\"kind\":\"event\",\"cpu\":1,\"pid\":42,\"comm\":\"kcrumbs-crash\""));
	assert_non_null(strstr(o.text, "\"cause\":\"sysrq\",\"message\":\"sysrq triggered crash\""));
	assert_non_null(strstr(o.text, "{\"addr\":\"0xffffffff81000001\",\"sym\":\"sysrq_handle_crash+0x16/0x20\"}"));
	assert_non_null(strstr(o.text, "\"kind\":\"log_tail\""));
	assert_non_null(strstr(o.text, "\"related_seq\":\"0\",\"text\":\"[    5.04] sysrq: Trigger a crash\\n"));
	assert_non_null(strstr(o.text, "\"corrupt\":[],\"marks\":[],\"marks_corrupt\":[]}"));
	free(core);
	free(b.buf);
}

static void test_read_raw_region_and_corruption(void **state)
{
	static struct out o;
	struct rb b;

	(void)state;
	crash_region(&b);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "(raw image)"));

	rb_slot(&b, 1)[sizeof(struct kcrumbs_record) + 3] ^= 0xff;
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_CORRUPT);
	assert_non_null(strstr(o.text, "event #0: sysrq"));	/* still read */
	assert_non_null(strstr(o.text, "CORRUPT slot 1: record CRC mismatch (not trusted)"));
	run(&o, "--json read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_CORRUPT);
	assert_non_null(strstr(o.text, "\"corrupt\":[{\"slot\":1,\"problem\":\"record CRC mismatch\"}]"));
	free(b.buf);

	rb_init(&b, 4, 4096);		/* set up, nothing recorded */
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_NONE);
	assert_non_null(strstr(o.text, "no breadcrumbs recorded"));
	free(b.buf);
}

/* Set an event's flags and seal it again. */
static void set_flags(struct rb *b, uint64_t seq, uint32_t flags)
{
	uint8_t *s = rb_slot(b, seq);

	rb_put32(s + RB_REC(flags), flags);
	rb_seal(s);
}

/* The context a hook ran in: NMI, hard interrupt, softirq, task. */
static void test_read_context_flags(void **state)
{
	static struct out o;
	struct rb b;

	(void)state;
	crash_region(&b);
	set_flags(&b, 0, KCRUMBS_REC_F_IRQ | KCRUMBS_REC_F_HARDIRQ);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "recorded by the crash_kexec hook, in hard interrupt in "));
	run(&o, "--json read --region region.img");
	assert_non_null(strstr(o.text, "\"in_nmi\":false,\"in_irq\":true,\"in_hardirq\":true,"));

	/* a softirq, or a record from before the hard interrupt flag */
	set_flags(&b, 0, KCRUMBS_REC_F_IRQ);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_non_null(strstr(o.text, "recorded by the crash_kexec hook, in interrupt in "));
	run(&o, "--json read --region region.img");
	assert_non_null(strstr(o.text, "\"in_nmi\":false,\"in_irq\":true,\"in_hardirq\":false,"));

	set_flags(&b, 0, KCRUMBS_REC_F_NMI | KCRUMBS_REC_F_IRQ);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_non_null(strstr(o.text, "recorded by the crash_kexec hook, in NMI, in interrupt in "));

	set_flags(&b, 0, 0);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_non_null(strstr(o.text, "recorded by the crash_kexec hook in "));
	run(&o, "--json read --region region.img");
	assert_non_null(strstr(o.text, "\"in_nmi\":false,\"in_irq\":false,\"in_hardirq\":false,"));
	free(b.buf);
}

/* Marks and events in time order; odd bytes escaped, in text and JSON. */
static void test_read_marks_interleaved(void **state)
{
	static struct out o;
	struct rb b;
	char *before, *event, *after;

	(void)state;
	crash_region(&b);	/* the event: 5.5 s after boot */
	rb_mark(&b, 0, "deploy", "deploy 4512 started", 19, 4000000000ull);
	rb_mark(&b, 1, "fio", "job 7 at 80%\n\x01\\", 15, 6000000000ull);
	rb_mark(&b, 2, NULL, "d\xc3\xa9j\xc3\xa0 \xe2\x9c\x93 \xff\xc3", 13, 7000000000ull);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "marks:  3 kept of 3 made (ring of 16), 0 corrupt"));
	before = strstr(o.text, "mark #0 [deploy]: 4.000000 s after boot");
	event = strstr(o.text, "event #0: sysrq");
	after = strstr(o.text, "mark #1 [fio]: 6.000000 s after boot");
	assert_non_null(before);
	assert_non_null(event);
	assert_non_null(after);
	assert_true(before < event && event < after);
	assert_non_null(strstr(o.text, "pid 77 (deploy.sh)\n  deploy 4512 started\n"));
	assert_non_null(strstr(o.text, "  job 7 at 80%\\x0a\\x01\\\\\n"));
	/* valid UTF-8 as it is; a stray byte and a cut sequence escaped */
	assert_non_null(strstr(o.text, "  d\xc3\xa9j\xc3\xa0 \xe2\x9c\x93 \\xff\\xc3\n"));
	run(&o, "--json read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "\"marks\":[{\"seq\":\"0\",\"entry\":0,\"cpu\":0,\"pid\":77,\"comm\":\"deploy.sh\",\"tag\":\"deploy\""));
	assert_non_null(strstr(o.text, "\"text\":\"deploy 4512 started\"}"));
	assert_non_null(strstr(o.text, "\"text\":\"job 7 at 80%\\n\\u0001\\\\\",\"text_hex\":\"6a6f622037206174203830250a015c\"}"));

	/* a corrupt mark: exit 7, the rest still read */
	rb_mark_entry(&b, 1)[KCRUMBS_MARK_HDR_LEN] ^= 0xff;
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_CORRUPT);
	assert_non_null(strstr(o.text, "mark #0 [deploy]"));
	assert_non_null(strstr(o.text, "CORRUPT mark entry 1: mark CRC mismatch (not trusted)"));
	free(b.buf);

	/* marks alone are breadcrumbs too */
	rb_init(&b, 2, 4096);
	rb_mark(&b, 0, NULL, "only a mark", 11, 1);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "mark #0: 0.000000 s after boot"));
	free(b.buf);
}

/* Each event's title and signature; the crash marked, the trail survived. */
static void test_read_titles_and_trail(void **state)
{
	static const char *const oops[] = {
		"kcrumbs_null_deref+0x5/0x20 [kcrumbs_trigger]",
		"kcrumbs_EXCEPTION+0x9/0x10 [kcrumbs_trigger]", NULL,
	};
	static struct out o;
	struct rb b;
	char *nmi, *bug, *crash;

	(void)state;
	rb_init(&b, 8, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_NMI_UNKNOWN, "", NULL);
	rb_put32(rb_slot(&b, 0) + RB_REC(flags), KCRUMBS_REC_F_TRAIL | KCRUMBS_REC_F_NMI);
	rb_seal(rb_slot(&b, 0));
	rb_event(&b, 1, KCRUMBS_CAUSE_OOPS, "BUG: kernel NULL pointer dereference, "
		 "address: 0000000000000000", oops);
	rb_put64(rb_slot(&b, 1) + RB_REC(ip), 0xffffffffc0a01005ull);
	rb_seal(rb_slot(&b, 1));
	rb_event(&b, 2, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_log_tail(&b, 3, 2, "[    5.05] Kernel panic - not syncing: sysrq triggered crash\n");
	rb_event(&b, 4, KCRUMBS_CAUSE_SELFTEST, "BREADCRUMB_ALL_CPUS", NULL);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	nmi = strstr(o.text, "event #0: nmi_unknown\n  title: NMI: unknown reason   "
		     "signature: ");
	bug = strstr(o.text, "event #1: oops — BUG: kernel NULL pointer dereference, "
		     "address: 0000000000000000\n  title: BUG: kernel NULL pointer "
		     "dereference in kcrumbs_null_deref   signature: ");
	crash = strstr(o.text, "event #2: sysrq — sysrq triggered crash\n  title: sysrq: "
		       "triggered crash   signature: 5cd2e602d48929c3   (the crash)\n");
	assert_non_null(nmi);
	assert_non_null(bug);
	assert_non_null(crash);
	assert_true(nmi < bug && bug < crash);
	assert_non_null(strstr(nmi, "   (survived)\n"));
	assert_true(strstr(nmi, "   (survived)\n") < bug);
	assert_true(strstr(bug, "   (survived)\n") < crash);
	assert_non_null(strstr(o.text, "event #4: selftest — BREADCRUMB_ALL_CPUS\n  title: "
			       "selftest   signature: "));
	assert_non_null(strstr(crash, "   (self-test)\n"));

	run(&o, "--json read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "\"cause\":\"nmi_unknown\",\"message\":\"\","
			       "\"title\":\"NMI: unknown reason\",\"signature\":\""));
	assert_non_null(strstr(o.text, "\"title\":\"BUG: kernel NULL pointer dereference in "
			       "kcrumbs_null_deref\",\"signature\":\""));
	assert_non_null(strstr(o.text, "\",\"culprit\":\"kcrumbs_null_deref\",\"trail\":true,"));
	assert_non_null(strstr(o.text, "\"title\":\"sysrq: triggered crash\",\"signature\":"
			       "\"5cd2e602d48929c3\",\"culprit\":\"sysrq_handle_crash\","
			       "\"trail\":false,"));
	assert_non_null(strstr(o.text, "\"title\":\"selftest\",\"signature\":\""));
	assert_non_null(strstr(o.text, "\"culprit\":null,\"trail\":true,"));

	/* a boot that did not crash: every event is of the trail */
	rb_put32(b.buf + RB_HDR(state), KCRUMBS_STATE_CLEAN);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_null(strstr(o.text, "(the crash)"));
	assert_non_null(strstr(o.text, "signature: 5cd2e602d48929c3   (survived)\n"));
	run(&o, "--json read --region region.img");
	assert_null(strstr(o.text, "\"trail\":false"));
	free(b.buf);
}

/* The system at the crash, under its event; one whose event is gone, alone. */
static void test_read_snapshot(void **state)
{
	static struct out o;
	struct rb b;
	char *crash, *block, *tail;

	(void)state;
	crash_region(&b);			/* event 0, log tail 1 */
	rb_snapshot(&b, 2, 0, sizeof(struct kcrumbs_snapshot));
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	crash = strstr(o.text, "event #0: sysrq — sysrq triggered crash\n");
	block = strstr(o.text, "    write_sysrq_trigger+0x24/0x40\n"
		       "  system (snapshot #2):\n"
		       "        NODENAME: web-17\n"
		       "         RELEASE: 6.1.0-56-amd64\n"
		       "         VERSION: #1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)\n"
		       "          UPTIME: 2 days, 03:04:05\n"
		       "    LOAD AVERAGE: 0.52, 0.31, 0.12\n"
		       "           TASKS: 312 (pids in use)\n"
		       "            CPUS: 4 online of 8 possible\n"
		       "          MEMORY: 2.0 GiB total, 120.0 MiB free, 800.0 MiB page cache, "
		       "90.0 MiB slab\n"
		       "            SWAP: 256.0 MiB used of 1.0 GiB, 768.0 MiB free\n"
		       "         TAINTED: P W O (0x1201)\n"
		       "                  P: a proprietary module was loaded\n"
		       "                  W: a WARN happened\n"
		       "                  O: an out-of-tree module was loaded\n"
		       "           TRAIL: warnings 3, oopses 1, soft lockups 0, hung tasks 0, "
		       "RCU stalls 0, OOM kills 0, machine checks 0, NMIs 0\n\n");
	tail = strstr(o.text, "log tail #1 (event #0");
	assert_non_null(crash);
	assert_non_null(block);
	assert_non_null(tail);
	assert_true(crash < block && block < tail);
	assert_null(strstr(o.text, "not kept"));

	run(&o, "--json read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "\"sym\":\"write_sysrq_trigger+0x24/0x40\"}],"
			       "\"snapshot\":{\"nodename\":\"web-17\",\"version\":\"#1 SMP "
			       "PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)\",\"uptime_ns\":"
			       "\"183845999999999\",\"load\":[\"0.52\",\"0.31\",\"0.12\"],"
			       "\"tasks\":312,"));
	assert_non_null(strstr(o.text, "\"kind\":\"snapshot\","));
	assert_non_null(strstr(o.text, "\"related_seq\":\"0\",\"snapshot\":{\"nodename\":"));

	/* the event overwritten (a ring of 4: 5 records more): shown alone */
	rb_event(&b, 4, KCRUMBS_CAUSE_NMI_UNKNOWN, "", NULL);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_null(strstr(o.text, "event #0:"));
	assert_non_null(strstr(o.text, "snapshot #2 (event #0, not kept):\n"
			       "      NODENAME: web-17\n"));
	run(&o, "--json read --region region.img");
	assert_non_null(strstr(o.text, "\"frames\":[],\"snapshot\":null}"));

	/* cut short: corrupt, with why */
	rb_snapshot(&b, 2, 0, 100);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_CORRUPT);
	assert_non_null(strstr(o.text, "CORRUPT slot 2: snapshot payload is shorter than "
			       "struct kcrumbs_snapshot (not trusted)\n"));
	free(b.buf);
}

/* Machine checks on the time line, each in words; in JSON, "mces". */
static void test_read_mces(void **state)
{
	static struct out o;
	struct rb b;
	char *mce1, *crash, *mce2, *tail;
	uint8_t *s;

	(void)state;
	rb_init(&b, 8, 4096);
	s = rb_mce(&b, 0, 0x9c0000000000017aull, 0, sizeof(struct kcrumbs_mce));
	rb_put64(s + RB_REC(boot_ns), 1000000000ull);	/* before the crash */
	rb_seal(s);
	rb_event(&b, 1, KCRUMBS_CAUSE_MCE, "Fatal machine check", NULL);
	rb_mce(&b, 2, 0xbe00000000800400ull, 7, sizeof(struct kcrumbs_mce));
	rb_log_tail(&b, 3, 1, "[    5.05] Kernel panic - not syncing: Fatal machine check\n");
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	mce1 = strstr(o.text, "\nmachine check #0: CPU 2 bank 4: corrected, address valid, "
		      "misc valid — status 0x9c0000000000017a addr 0x12345000 misc 0x86 "
		      "mcgstatus 0x5 severity none (corrected)\n"
		      "  error 0x017a: cache hierarchy: eviction, generic, level 2; "
		      "model-specific 0x0000\n");
	crash = strstr(o.text, "\nevent #1: mce — Fatal machine check\n  title: machine "
		       "check: Fatal machine check   signature: ");
	mce2 = strstr(o.text, "\nmachine check #2: CPU 2 bank 4: uncorrected, processor "
		      "context corrupt, address valid, misc valid — status 0xbe00000000800400 "
		      "addr 0x12345000 misc 0x86 mcgstatus 0x5 severity panic\n");
	tail = strstr(o.text, "\nlog tail #3 (event #1");
	assert_non_null(mce1);
	assert_non_null(crash);
	assert_non_null(mce2);
	assert_non_null(tail);
	assert_true(mce1 < crash && crash < mce2 && mce2 < tail);
	assert_non_null(strstr(crash, "   (the crash)\n"));

	run(&o, "--json read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "\"kind\":\"mce\","));
	assert_non_null(strstr(o.text, "\"cause\":\"mce\",\"mce\":{\"seq\":\"0\",\"source\":\"record\",\"cpu\":2,"));
	assert_non_null(strstr(o.text, "],\"mces\":[{\"seq\":\"0\",\"source\":\"record\",\"cpu\":2,\"bank\":4,"));
	assert_non_null(strstr(o.text, "\"severity\":\"none\"},{\"seq\":\"2\",\"source\":\"record\",\"cpu\":2,"));
	assert_non_null(strstr(o.text, "\"severity\":\"panic\"}],\"corrupt\":[]"));

	/* cut short: corrupt, with why; the rest still read */
	rb_mce(&b, 2, 0xbe00000000800400ull, 7, 40);
	write_file("region.img", b.buf, b.len);
	run(&o, "read --region region.img");
	assert_int_equal(o.rc, KC_EXIT_CORRUPT);
	assert_non_null(strstr(o.text, "CORRUPT slot 2: machine check payload is shorter than "
			       "struct kcrumbs_mce (not trusted)\n"));
	assert_non_null(strstr(o.text, "machine check #0:"));
	assert_null(strstr(o.text, "machine check #2:"));
	free(b.buf);
}

static void test_read_failures(void **state)
{
	static struct out o;
	uint8_t *core, zeros[16384] = { 0 };
	size_t len;

	(void)state;
	len = rb_make_core(&core, 0x1000, zeros, sizeof(zeros));
	write_file("empty.core", core, len);
	free(core);

	run(&o, "read --vmcore empty.core");
	assert_int_equal(o.rc, KC_EXIT_NONE);
	assert_non_null(strstr(o.text, "no kcrumbs region found in the dump"));

	run(&o, "--json read --vmcore empty.core");
	assert_non_null(strstr(o.text, "{\"schema\":1,\"error\":"));
	assert_non_null(strstr(o.text, "\"exit\":6}"));

	/* an address that holds no region: the scan is tried, and says so */
	/* not in the dump at all (a reserved region, not RAM): no scan */
	run(&o, "read --vmcore empty.core --address 4096@0x99999999");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(o.text, "the region's address is not in the dump"));
	run(&o, "read --vmcore empty.core --address 4096@0x1000");
	assert_int_equal(o.rc, KC_EXIT_NONE);
	assert_non_null(strstr(o.text, "no kcrumbs region at 0x1000, the address given (no kcrumbs magic"));

	run(&o, "read --vmcore missing.core");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);

	run(&o, "read");	/* /proc/vmcore under the fake root: absent */
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(o.text, "not a capture kernel"));

	write_file("notelf", (const uint8_t *)"hello", 5);
	run(&o, "read --vmcore notelf");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(o.text, "not an ELF64 core"));
	run(&o, "read --dump notelf");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(o.text, "not a dump libkdumpfile can read"));
	run(&o, "read --dump missing.core");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(o.text, "No such file"));

	run(&o, "read --address nope");
	assert_int_equal(o.rc, KC_EXIT_USAGE);
	run(&o, "read --vmcore a --region b");
	assert_int_equal(o.rc, KC_EXIT_USAGE);
	run(&o, "read extra");
	assert_int_equal(o.rc, KC_EXIT_USAGE);
}

/*
 * The crashed kernel's memory holds an older valid region too (reserved
 * mode's copy of the boot before, page cache of an archived region file):
 * the scan takes the newest, wherever it is; and a header is found when
 * the core's file offsets are not page-aligned to its addresses, across
 * the scan's 2 MiB mmap windows.
 */
static void test_scan_takes_the_newest(void **state)
{
	static struct out o;
	const size_t pages = 1024, len = pages * 4096;
	uint8_t *mem = calloc(1, len), *core;
	struct rb old, new;
	size_t clen;

	(void)state;
	crash_region(&new);
	rb_put64(new.buf + RB_HDR(created_wall_ns), 2000000000000000000ull);
	rb_seal_header(&new);
	crash_region(&old);
	rb_put64(old.buf + RB_HDR(created_wall_ns), 1000000000000000000ull);
	rb_seal_header(&old);
	/* the old one first, the new one 600 pages on (past the 2 MiB window) */
	memcpy(mem + 2 * 4096, old.buf, old.len);
	memcpy(mem + 600 * 4096, new.buf, new.len);
	clen = rb_make_core(&core, 0x10000000, mem, len);
	write_file("two.core", core, clen);
	run(&o, "read --vmcore two.core");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "at 0x10258000 (scan)"));
	free(core);

	/* file offsets 8096 bytes past the page: a header across a window end */
	memset(mem, 0, len);
	memcpy(mem + 511 * 4096, new.buf, new.len);
	clen = rb_make_core(&core, 0x10000000, mem, len);
	/* shift the segment's data by -96 bytes in the file: p_offset 8096 */
	memmove(core + 8096, core + 8192, len);
	((Elf64_Phdr *)(core + sizeof(Elf64_Ehdr)))[1].p_offset = 8096;
	write_file("skew.core", core, clen - 96);
	run(&o, "read --vmcore skew.core");
	assert_int_equal(o.rc, KC_EXIT_OK);
	assert_non_null(strstr(o.text, "at 0x101ff000 (scan)"));
	free(core);
	free(mem);
	free(old.buf);
	free(new.buf);
}

/*
 * Hostile inputs: a header whose sums wrap (valid CRC) at the given
 * address and in a scan; an ELF segment far larger than the file; a FIFO
 * and a device instead of an image; junk after --address; --save mode.
 */
static void test_read_hostile(void **state)
{
	static struct out o;
	char path[256], cmd[512];
	struct stat st;
	uint8_t *core;
	struct rb b;
	size_t len;

	(void)state;
	crash_region(&b);
	rb_put64(b.buf + RB_HDR(slots_offset), UINT64_MAX - 4095);
	rb_seal_header(&b);
	len = rb_make_core(&core, 0x40000000, b.buf, b.len);
	write_file("wrap.core", core, len);
	free(core);
	run(&o, "read --vmcore wrap.core --address 24576@0x40000000");
	assert_int_equal(o.rc, KC_EXIT_NONE);
	assert_non_null(strstr(o.text, "header sizes are inconsistent"));
	run(&o, "read --vmcore wrap.core");	/* the scan skips it */
	assert_int_equal(o.rc, KC_EXIT_NONE);
	free(b.buf);

	/* a PT_LOAD of 2^62 bytes in a 68 KiB file: the scan ends at EOF */
	crash_region(&b);
	memset(b.buf, 0, 8);	/* no magic anywhere */
	len = rb_make_core(&core, 0x1000, b.buf, b.len);
	((Elf64_Phdr *)(core + sizeof(Elf64_Ehdr)))[1].p_filesz = 1ull << 62;
	((Elf64_Phdr *)(core + sizeof(Elf64_Ehdr)))[1].p_memsz = 1ull << 62;
	write_file("huge.core", core, len);
	free(core);
	free(b.buf);
	run(&o, "read --vmcore huge.core");
	assert_int_equal(o.rc, KC_EXIT_NONE);
	assert_non_null(strstr(o.text, "no kcrumbs region found"));

	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	run(&o, "read --region fifo");	/* blocked forever in open() */
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(o.text, "not a regular file"));
	run(&o, "read --vmcore fifo");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	run(&o, "read --region /dev/zero");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(o.text, "not a regular file"));

	run(&o, "read --vmcore wrap.core --address '24576@0x40000000 junk'");
	assert_int_equal(o.rc, KC_EXIT_USAGE);

	crash_region(&b);
	write_file("good.img", b.buf, b.len);
	free(b.buf);
	run(&o, "read --region good.img --save saved.img");
	assert_int_equal(o.rc, KC_EXIT_OK);
	snprintf(path, sizeof(path), "%s/saved.img", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);	/* kernel addresses: root's */
	run(&o, "read --region good.img --save saved.img");	/* never overwritten */
	assert_int_equal(o.rc, KC_EXIT_FAIL);
	/* starts like makedumpfile's format, then nothing valid */
	{
		uint8_t fake[8192];

		memset(fake, 0xff, sizeof(fake));
		memcpy(fake, "KDUMP   ", 8);
		write_file("fake.kdump", fake, sizeof(fake));
		memcpy(fake, "DISKDUMP", 8);
		write_file("fake.diskdump", fake, sizeof(fake));
	}
	run(&o, "read --dump fake.kdump");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);
	assert_non_null(strstr(o.text, "not a dump libkdumpfile can read"));
	run(&o, "read --dump fake.diskdump");
	assert_int_equal(o.rc, KC_EXIT_UNREADABLE);

	snprintf(cmd, sizeof(cmd), "rm -f '%s/fifo'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_region),
		cmocka_unit_test(test_cmdline_region),
		cmocka_unit_test(test_elf_segments),
		cmocka_unit_test_setup_teardown(test_read_vmcore_by_address_scan_and_cmdline,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_raw_region_and_corruption,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_context_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_marks_interleaved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_titles_and_trail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_mces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_takes_the_newest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_hostile, setup, teardown),
	};

	return cmocka_run_group_tests_name("read", tests, NULL, NULL);
}
