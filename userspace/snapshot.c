// SPDX-License-Identifier: GPL-2.0
/* The system at a fatal event, for people and scripts (snapshot.h). Pure. */
#include <inttypes.h>
#include <string.h>

#include "json.h"
#include "snapshot.h"
#include "text.h"

/*
 * The kernel's taint flags (kernel/panic.c taint_flags[],
 * Documentation/admin-guide/tainted-kernels.rst): bit, letter when set,
 * what it means. Flag 0 reads G when it is not set. 18 is TAINT_TEST
 * (6.0+), 19 TAINT_FWCTL (6.15+).
 */
static const struct {
	char letter;
	const char *words;
} taint_flags[KC_TAINT_FLAGS] = {
	{ 'P', "a proprietary module was loaded" },
	{ 'F', "a module was force loaded" },
	{ 'S', "the system is out of specification (SMP unsafe, or a CPU not meant for it)" },
	{ 'R', "a module was force unloaded" },
	{ 'M', "a processor reported a machine check" },
	{ 'B', "a bad page was referenced, or a page had unexpected flags" },
	{ 'U', "userspace asked for the taint" },
	{ 'D', "the kernel died recently: an oops or a BUG" },
	{ 'A', "an ACPI table was overridden" },
	{ 'W', "a WARN happened" },
	{ 'C', "a staging driver was loaded" },
	{ 'I', "a workaround for a platform firmware bug was applied" },
	{ 'O', "an out-of-tree module was loaded" },
	{ 'E', "an unsigned module was loaded" },
	{ 'L', "a soft lockup happened" },
	{ 'K', "the kernel was live patched" },
	{ 'X', "an auxiliary taint (defined by the distribution)" },
	{ 'T', "the kernel was built with the struct randomization plugin" },
	{ 'N', "an in-kernel test was run" },
	{ 'J', "userspace used a mutating fwctl debug operation" },
};

char kc_taint_flag(unsigned int bit, int set, const char **words)
{
	if (bit >= KC_TAINT_FLAGS) {
		*words = "a taint flag this reader does not know";
		return 0;
	}
	if (bit == 0 && !set) {
		*words = "every module loaded is GPL-compatible";
		return 'G';
	}
	*words = taint_flags[bit].words;
	return taint_flags[bit].letter;
}

void kc_taint_letters(uint64_t mask, char *buf, size_t len)
{
	const char *words;
	size_t o = 0;
	unsigned int i;
	int unknown = 0;

	if (!len)
		return;
	if (!mask) {
		snprintf(buf, len, "Not tainted");
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < 64; i++) {
		char c;

		if (i && !(mask >> i & 1))
			continue;
		c = kc_taint_flag(i, (int)(mask >> i & 1), &words);
		if (!c) {
			unknown = 1;
			continue;
		}
		if (o + 3 > len)
			return;
		if (o)
			buf[o++] = ' ';
		buf[o++] = c;
		buf[o] = '\0';
	}
	if (unknown && o + 3 <= len)
		snprintf(buf + o, len - o, " ?");
}

void kc_load_text(uint64_t load, char *buf, size_t len)
{
	/* /proc/loadavg adds FIXED_1/200 to round to two decimals */
	if (load <= UINT64_MAX - 10)
		load += 10;
	snprintf(buf, len, "%" PRIu64 ".%02u", load >> 11,
		 (unsigned int)(((load & 2047) * 100) >> 11));
}

void kc_size_text(uint64_t bytes, char *buf, size_t len)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	unsigned int u = 0;
	uint64_t scale = 1024;

	if (bytes < 1024) {
		snprintf(buf, len, "%" PRIu64 " B", bytes);
		return;
	}
	while (u + 1 < sizeof(units) / sizeof(units[0]) && bytes / scale >= 1024) {
		scale *= 1024;
		u++;
	}
	/* one decimal, rounded down: never more than there was */
	snprintf(buf, len, "%" PRIu64 ".%u %s", bytes / scale,
		 (unsigned int)(bytes % scale * 10 / scale), units[u]);
}

void kc_uptime_text(uint64_t ns, char *buf, size_t len)
{
	uint64_t s = ns / 1000000000u, days = s / 86400;

	s %= 86400;
	if (days)
		snprintf(buf, len, "%" PRIu64 " day%s, %02u:%02u:%02u", days,
			 days == 1 ? "" : "s", (unsigned int)(s / 3600),
			 (unsigned int)(s / 60 % 60), (unsigned int)(s % 60));
	else
		snprintf(buf, len, "%02u:%02u:%02u", (unsigned int)(s / 3600),
			 (unsigned int)(s / 60 % 60), (unsigned int)(s % 60));
}

static const struct {
	const char *json, *text;
} trails[__KCRUMBS_TRAIL_MAX] = {
	[KCRUMBS_TRAIL_WARN] = { "warn", "warnings" },
	[KCRUMBS_TRAIL_OOPS] = { "oops", "oopses" },
	[KCRUMBS_TRAIL_SOFT_LOCKUP] = { "soft_lockup", "soft lockups" },
	[KCRUMBS_TRAIL_HUNG_TASK] = { "hung_task", "hung tasks" },
	[KCRUMBS_TRAIL_RCU_STALL] = { "rcu_stall", "RCU stalls" },
	[KCRUMBS_TRAIL_OOM_KILL] = { "oom_kill", "OOM kills" },
	[KCRUMBS_TRAIL_MCE] = { "mce", "machine checks" },
	[KCRUMBS_TRAIL_NMI] = { "nmi", "NMIs" },
};

const char *kc_trail_name(unsigned int i)
{
	return i < __KCRUMBS_TRAIL_MAX ? trails[i].json : "unknown";
}

const char *kc_trail_text(unsigned int i)
{
	return i < __KCRUMBS_TRAIL_MAX ? trails[i].text : "unknown";
}

/* "  KEY: " with KEY right-aligned, as crash's `sys` does. */
static void key(FILE *f, const char *indent, const char *k)
{
	fprintf(f, "%s%12s: ", indent, k);
}

static void text_memory(FILE *f, const struct kc_snapshot *s, const char *indent)
{
	char a[32], b[32], c[32], d[32];

	kc_size_text(s->mem_total, a, sizeof(a));
	kc_size_text(s->mem_free, b, sizeof(b));
	kc_size_text(s->page_cache, c, sizeof(c));
	kc_size_text(s->slab, d, sizeof(d));
	key(f, indent, "MEMORY");
	fprintf(f, "%s total, %s free, %s page cache, %s slab\n", a, b, c, d);
	key(f, indent, "SWAP");
	if (!(s->known & KCRUMBS_SNAP_SWAP)) {
		fputs("unknown\n", f);
		return;
	}
	kc_size_text(s->swap_free, b, sizeof(b));
	if (!(s->known & KCRUMBS_SNAP_SWAP_TOTAL)) {
		/* the total is not exported to modules: free is all there is */
		fprintf(f, "%s free (total: not known to the kernel module)\n", b);
		return;
	}
	kc_size_text(s->swap_total > s->swap_free ? s->swap_total - s->swap_free : 0,
		     a, sizeof(a));
	kc_size_text(s->swap_total, c, sizeof(c));
	fprintf(f, "%s used of %s, %s free\n", a, c, b);
}

static void text_taint(FILE *f, const struct kc_snapshot *s, const char *indent)
{
	char letters[64];
	const char *words;
	unsigned int i;
	char c;

	kc_taint_letters(s->taint, letters, sizeof(letters));
	key(f, indent, "TAINTED");
	fprintf(f, "%s (0x%" PRIx64 ")\n", letters, s->taint);
	for (i = 0; s->taint && i < 64; i++) {
		if (!(s->taint >> i & 1))
			continue;
		c = kc_taint_flag(i, 1, &words);
		fprintf(f, "%s%14s", indent, "");
		if (c)
			fprintf(f, "%c: %s\n", c, words);
		else
			fprintf(f, "bit %u: %s\n", i, words);
	}
}

void kc_snapshot_text(FILE *f, const struct kc_snapshot *s, const char *release,
		      const char *indent)
{
	char buf[3][32];
	unsigned int i;

	key(f, indent, "NODENAME");
	kc_text_str(f, s->nodename);
	fputc('\n', f);
	key(f, indent, "RELEASE");
	kc_text_str(f, release);
	fputc('\n', f);
	key(f, indent, "VERSION");
	kc_text_str(f, s->version);
	fputc('\n', f);
	kc_uptime_text(s->uptime_ns, buf[0], sizeof(buf[0]));
	key(f, indent, "UPTIME");
	fprintf(f, "%s\n", buf[0]);
	for (i = 0; i < 3; i++)
		kc_load_text(s->load[i], buf[i], sizeof(buf[i]));
	key(f, indent, "LOAD AVERAGE");
	fprintf(f, "%s, %s, %s\n", buf[0], buf[1], buf[2]);
	key(f, indent, "TASKS");
	if (s->known & KCRUMBS_SNAP_TASKS)
		fprintf(f, "%" PRIu32 " (pids in use)\n", s->tasks);
	else
		fputs("unknown\n", f);
	key(f, indent, "CPUS");
	fprintf(f, "%" PRIu32 " online of %" PRIu32 " possible\n", s->cpus_online,
		s->cpus_possible);
	text_memory(f, s, indent);
	text_taint(f, s, indent);
	key(f, indent, "TRAIL");
	for (i = 0; i < __KCRUMBS_TRAIL_MAX; i++)
		fprintf(f, "%s%s %" PRIu32, i ? ", " : "", kc_trail_text(i), s->trail[i]);
	fputc('\n', f);
}

void kc_snapshot_json(FILE *f, const struct kc_snapshot *s)
{
	char buf[64];
	unsigned int i;

	fputs("{\"nodename\":", f);
	kc_json_string(f, s->nodename);
	fputs(",\"version\":", f);
	kc_json_string(f, s->version);
	kc_json_u64(f, 1, "uptime_ns", s->uptime_ns);
	fputs(",\"load\":[", f);
	for (i = 0; i < 3; i++) {
		kc_load_text(s->load[i], buf, sizeof(buf));
		fprintf(f, "%s\"%s\"", i ? "," : "", buf);
	}
	fputs("],\"tasks\":", f);
	if (s->known & KCRUMBS_SNAP_TASKS)
		fprintf(f, "%" PRIu32, s->tasks);
	else
		fputs("null", f);
	fprintf(f, ",\"cpus_online\":%" PRIu32 ",\"cpus_possible\":%" PRIu32,
		s->cpus_online, s->cpus_possible);
	kc_json_u64(f, 1, "mem_total_bytes", s->mem_total);
	kc_json_u64(f, 1, "mem_free_bytes", s->mem_free);
	kc_json_u64(f, 1, "page_cache_bytes", s->page_cache);
	kc_json_u64(f, 1, "slab_bytes", s->slab);
	if (s->known & KCRUMBS_SNAP_SWAP_TOTAL)
		kc_json_u64(f, 1, "swap_total_bytes", s->swap_total);
	else
		fputs(",\"swap_total_bytes\":null", f);
	if (s->known & KCRUMBS_SNAP_SWAP)
		kc_json_u64(f, 1, "swap_free_bytes", s->swap_free);
	else
		fputs(",\"swap_free_bytes\":null", f);
	kc_json_hex(f, 1, "taint", s->taint);
	kc_taint_letters(s->taint, buf, sizeof(buf));
	fprintf(f, ",\"taint_flags\":\"%s\",\"trail\":{", s->taint ? buf : "");
	for (i = 0; i < __KCRUMBS_TRAIL_MAX; i++)
		fprintf(f, "%s\"%s\":%" PRIu32, i ? "," : "", kc_trail_name(i), s->trail[i]);
	fputs("}}", f);
}
