// SPDX-License-Identifier: GPL-2.0
/*
 * `kcrumbs crashkernel [SPEC]`: what a crashkernel= value reserves on
 * this machine (or on --ram SIZE), what is reserved now, what a rule of
 * thumb recommends and the boot loader line that sets it. The rules are
 * in crashkernel.c; this file reads /proc and /sys and prints.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "crashkernel.h"
#include "json.h"
#include "nlerr.h"
#include "sysfs.h"

#define WHO		"kcrumbs crashkernel"
#define MAX_WARNINGS	6
/* docs/crashkernel.md; 2: the byte counts are strings, offset a hex string */
#define KC_CK_JSON_SCHEMA	2
#define MAX_CPUS	65536
#define GRUB_VAR	"GRUB_CMDLINE_LINUX_DEFAULT"

static char *opt_ram, *opt_cpus;

const struct poptOption kc_crashkernel_options[] = {
	{ "ram", '\0', POPT_ARG_STRING, &opt_ram, 0,
	  "evaluate as if this machine had SIZE of RAM (such as 16G)", "SIZE" },
	{ "cpus", '\0', POPT_ARG_STRING, &opt_cpus, 0,
	  "recommend for N CPUs (default: the CPUs online)", "N" },
	POPT_TABLEEND
};

struct ck_value {
	const char *text;		/* after "crashkernel=" */
	struct kc_ck_spec spec;
};

struct ck_report {
	/* what is evaluated */
	const char *spec_source;	/* "argument" or "cmdline" */
	struct kc_ck_cmdline cl;	/* /proc/cmdline's values */
	struct ck_value values[3];
	unsigned int n_values;
	struct kc_ck_set set;
	char spec[3 * KC_CK_VALUE_MAX + 64];	/* "" when none */
	/* the machine */
	uint64_t ram;
	const char *ram_source;		/* "--ram", "iomem" or "meminfo" */
	unsigned int cpus;
	const char *cpus_source;	/* "--cpus", "online" or "possible" */
	struct kc_ck_iomem io;
	int has_crash_size;
	uint64_t crash_size;		/* /sys/kernel/kexec_crash_size */
	/* the verdict */
	struct kc_ck_eval ev;
	uint64_t recommended;
	char line[3 * KC_CK_VALUE_MAX + 128];
	char warnings[MAX_WARNINGS][400];
	unsigned int n_warnings;
};

/* A whole /proc or /sys file under the root directory; NULL and errno. */
static char *read_text(const char *path)
{
	size_t len = 0, cap = 0, n = 1;
	char p[4096], *buf = NULL, *grown;
	FILE *f = fopen(kc_path(p, sizeof(p), path), "r");

	if (!f)
		return NULL;
	while (n && cap < (4u << 20)) {
		if (cap - len < 4096) {
			grown = realloc(buf, cap + 16384);
			if (!grown)
				break;
			buf = grown;
			cap += 16384;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	}
	if (n || ferror(f)) {	/* out of memory, too long, or EIO */
		free(buf);
		fclose(f);
		errno = n ? ENOMEM : EIO;
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage(const char *fmt, ...)
{
	va_list ap;

	fputs(WHO ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry '" WHO " --help'.\n", stderr);
	return KC_EXIT_USAGE;
}

static int parse_options(struct ck_report *r)
{
	struct kc_ck_error err;
	char *end;
	unsigned long n;

	if (opt_ram && (kc_ck_parse_size(opt_ram, &r->ram, &err) || !r->ram))
		return usage("--ram %s: expected a size such as 16G", opt_ram);
	if (opt_ram)
		r->ram_source = "--ram";
	if (!opt_cpus)
		return 0;
	errno = 0;
	n = strtoul(opt_cpus, &end, 10);
	if (errno || end == opt_cpus || *end || !n || n > MAX_CPUS ||
	    opt_cpus[0] == '-')
		return usage("--cpus %s: expected a number of CPUs, 1 to 65536", opt_cpus);
	r->cpus = (unsigned int)n;
	r->cpus_source = "--cpus";
	return 0;
}

static const char *spec_where(const struct ck_report *r)
{
	return strcmp(r->spec_source, "argument") ? "/proc/cmdline" : "the argument";
}

static int parse_error(struct kc_ctx *ctx, const struct ck_report *r,
		       const char *value, const struct kc_ck_error *err)
{
	char buf[2 * KC_CK_VALUE_MAX + 256];
	char spec[KC_CK_VALUE_MAX + 16];

	fprintf(stderr, WHO ": malformed crashkernel= in %s:\n%s",
		spec_where(r), kc_ck_format_error(buf, sizeof(buf), value, err));
	if (!ctx->json)
		return KC_EXIT_USAGE;
	snprintf(spec, sizeof(spec), "crashkernel=%s", value);
	printf("{\"schema\":%d,\"spec\":", KC_CK_JSON_SCHEMA);
	kc_json_string(stdout, spec);
	printf(",\"spec_source\":\"%s\",\"error\":{\"offset\":%zu,\"reason\":",
	       r->spec_source, err->offset);
	kc_json_string(stdout, err->reason);
	fputs("}}\n", stdout);
	return KC_EXIT_USAGE;
}

/* Parse every value; the set then holds the ones in force. */
static int parse_values(struct kc_ctx *ctx, struct ck_report *r)
{
	struct kc_ck_error err;
	size_t n = 0;
	unsigned int i;

	for (i = 0; i < r->n_values; i++) {
		struct ck_value *v = &r->values[i];

		if (kc_ck_parse(v->text, &v->spec, &err))
			return parse_error(ctx, r, v->text, &err);
		kc_ck_set_add(&r->set, &v->spec);
		n += (size_t)snprintf(r->spec + n, sizeof(r->spec) - n,
				      "%scrashkernel=%s", i ? " " : "", v->text);
		if (n >= sizeof(r->spec))
			n = sizeof(r->spec) - 1;
	}
	return KC_EXIT_OK;
}

static void add_value(struct ck_report *r, const char *text)
{
	r->values[r->n_values++].text = text;
}

/* The values in force on a command line, as the kernel picks them. */
static int values_from_line(struct ck_report *r, const char *line)
{
	if (kc_ck_from_cmdline(line, &r->cl) < 0)
		return -1;
	if (r->cl.has_plain)
		add_value(r, r->cl.plain);
	if (r->cl.has_high)
		add_value(r, r->cl.high);
	if (r->cl.has_low)
		add_value(r, r->cl.low);
	return 0;
}

static int values_from_cmdline(struct ck_report *r)
{
	char *line = read_text("/proc/cmdline");
	int err;

	if (!line) {
		fprintf(stderr, WHO ": cannot read /proc/cmdline: %s\n",
			strerror(errno));
		return KC_EXIT_FAIL;
	}
	err = values_from_line(r, line);
	free(line);
	if (err) {
		fprintf(stderr, WHO ": a crashkernel= on /proc/cmdline is too long\n");
		return KC_EXIT_FAIL;
	}
	return KC_EXIT_OK;
}

/* SPEC: one value, with or without "crashkernel=", or a command line. */
static int values_from_arg(struct ck_report *r, const char *arg)
{
	static const char prefix[] = "crashkernel=";

	r->spec_source = "argument";
	if (strchr(arg, ' ')) {
		if (values_from_line(r, arg) || !r->n_values)
			return usage("'%s': no crashkernel= in it, or one too long", arg);
		return KC_EXIT_OK;
	}
	if (strncmp(arg, prefix, sizeof(prefix) - 1) == 0)
		arg += sizeof(prefix) - 1;
	if (strlen(arg) >= KC_CK_VALUE_MAX)
		return usage("SPEC is longer than %d characters", KC_CK_VALUE_MAX - 1);
	add_value(r, arg);
	return KC_EXIT_OK;
}

static int gather_spec(struct kc_ctx *ctx, struct ck_report *r, const char *arg)
{
	int rc;

	if (arg) {
		rc = values_from_arg(r, arg);
	} else {
		r->spec_source = "cmdline";
		rc = values_from_cmdline(r);
	}
	return rc ? rc : parse_values(ctx, r);
}

/* "Crash kernel" in /proc/iomem, and /sys/kernel/kexec_crash_size. */
static void read_reserved(struct ck_report *r)
{
	char *text = read_text("/proc/iomem");
	long size;

	if (!text || kc_ck_iomem_parse(text, &r->io))
		memset(&r->io, 0, sizeof(r->io));
	free(text);
	if (!kc_read_long("/sys/kernel/kexec_crash_size", &size) && size >= 0) {
		r->has_crash_size = 1;
		r->crash_size = (uint64_t)size;
	}
}

static int read_ram(struct ck_report *r)
{
	char *text;
	int err;

	if (r->ram_source)
		return KC_EXIT_OK;
	if (r->io.visible && r->io.ram) {
		r->ram = r->io.ram;
		r->ram_source = "iomem";
		return KC_EXIT_OK;
	}
	text = read_text("/proc/meminfo");
	err = text ? kc_ck_memtotal(text, &r->ram) : -errno;
	free(text);
	if (err) {
		fprintf(stderr, WHO ": cannot tell the RAM size: /proc/iomem "
			"hides its addresses (not root?) and /proc/meminfo has "
			"no MemTotal\n");
		return KC_EXIT_FAIL;
	}
	/* the crash kernel's area is taken out of MemTotal: add it back */
	if (r->has_crash_size)
		r->ram += r->crash_size;
	r->ram_source = "meminfo";
	return KC_EXIT_OK;
}

static int read_cpus(struct ck_report *r)
{
	static const char *const sources[] = { "online", "possible" };
	char path[64], *text;
	unsigned int i;
	int err;

	for (i = 0; !r->cpus_source && i < 2; i++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/%s", sources[i]);
		text = read_text(path);
		err = !text || kc_ck_cpulist_count(text, &r->cpus);
		free(text);
		if (!err)
			r->cpus_source = sources[i];
	}
	if (r->cpus_source)
		return KC_EXIT_OK;
	fprintf(stderr, WHO ": cannot read the CPU count from "
		"/sys/devices/system/cpu/online or possible (use --cpus N)\n");
	return KC_EXIT_FAIL;
}

/* What is reserved now, and how it compares with the spec; -1: unknown. */
static int reserved_now(const struct ck_report *r, uint64_t *now, uint64_t *want)
{
	if (r->io.visible) {
		*now = r->io.crash;
		*want = r->ev.size + r->ev.low;
		return 0;
	}
	if (r->has_crash_size) {
		*now = r->crash_size;	/* the main area only */
		*want = r->ev.size;
		return 0;
	}
	return -1;
}

static void warn(struct ck_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(struct ck_report *r, const char *fmt, ...)
{
	va_list ap;

	if (r->n_warnings == MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(r->warnings[r->n_warnings++], sizeof(r->warnings[0]), fmt, ap);
	va_end(ap);
}

static void warn_size(struct ck_report *r)
{
	uint64_t total = r->ev.size + r->ev.low;
	char ram[32], got[32], rec[32];

	kc_ck_human(ram, sizeof(ram), r->ram);
	kc_ck_human(got, sizeof(got), total);
	kc_ck_human(rec, sizeof(rec), r->recommended);
	if (!r->n_values)
		warn(r, "no crashkernel= on the kernel command line: nothing is "
		     "reserved, so kdump cannot work");
	else if (r->ev.rejected)
		warn(r, "the kernel rejects this crashkernel= on %s of RAM: "
		     "nothing is reserved, so kdump cannot work", ram);
	else if (!total)
		warn(r, "this crashkernel= reserves nothing on %s of RAM, so "
		     "kdump cannot work", ram);
	else if (total < r->recommended)
		warn(r, "this crashkernel= reserves %s on %s of RAM, less than "
		     "the %s recommended", got, ram, rec);
}

static void warn_now(struct ck_report *r)
{
	uint64_t now, want;
	char a[32], b[32];

	if (strcmp(r->spec_source, "cmdline") || opt_ram ||
	    reserved_now(r, &now, &want) || now == want)
		return;
	warn(r, "reserved now (%s) is not what this crashkernel= gives (%s): "
	     "the reservation failed (see: dmesg | grep -i crashkernel), "
	     "kexec_crash_size was lowered, or the kernel counted RAM "
	     "differently", kc_ck_human(a, sizeof(a), now),
	     kc_ck_human(b, sizeof(b), want));
}

static void bootloader_line(struct ck_report *r)
{
	int keep = r->n_values && !r->ev.rejected &&
		   r->ev.size + r->ev.low >= r->recommended;

	if (keep)
		snprintf(r->line, sizeof(r->line), GRUB_VAR "=\"$" GRUB_VAR " %s\"",
			 r->spec);
	else
		snprintf(r->line, sizeof(r->line),
			 GRUB_VAR "=\"$" GRUB_VAR " crashkernel=%" PRIu64 "M\"",
			 r->recommended / KC_CK_MIB);
}

static void decide(struct ck_report *r)
{
	kc_ck_choose(&r->set, r->ram, &r->ev);
	r->recommended = kc_ck_recommend(r->ram, r->cpus);
	bootloader_line(r);
	warn_size(r);
	if (r->ev.fell_back && r->ev.size)
		warn(r, "the plain crashkernel= gives nothing on this RAM: the "
		     "kernel falls back to the ,high one");
	if (r->ev.size && r->ev.offset)
		warn(r, "a fixed @OFFSET fails when that memory is in use; "
		     "without it the kernel picks a place itself");
	warn_now(r);
}

/* The text of the value the reservation comes from, for its ranges. */
static const char *plain_text(const struct ck_report *r)
{
	unsigned int i;

	for (i = 0; i < r->n_values; i++)
		if (&r->values[i].spec == r->set.plain)
			return r->values[i].text;
	return "";
}

static const char *ram_source_text(const struct ck_report *r)
{
	if (!strcmp(r->ram_source, "iomem"))
		return "System RAM in /proc/iomem";
	if (!strcmp(r->ram_source, "meminfo"))
		return r->has_crash_size ?
			"MemTotal in /proc/meminfo + kexec_crash_size; /proc/iomem hides addresses from non-root" :
			"MemTotal in /proc/meminfo; /proc/iomem hides addresses from non-root";
	return "--ram";
}

static void print_reserves(const struct ck_report *r)
{
	const struct kc_ck_range *rg;
	char a[32], b[32];

	printf("%-14s", "reserves:");
	if (!r->ev.size) {
		printf("nothing: %s\n", r->ev.why);
		return;
	}
	printf("%s", kc_ck_human(a, sizeof(a), r->ev.size));
	if (r->ev.range >= 0) {
		rg = &r->set.plain->ranges[r->ev.range];
		printf(" (range %d of %u: %.*s)", r->ev.range + 1,
		       r->set.plain->n_ranges, (int)rg->len, plain_text(r) + rg->at);
	}
	if (r->ev.high)
		printf(" (,high: may lie above 4 GiB)");
	if (r->ev.low)
		printf(" + %s below 4 GiB", kc_ck_human(b, sizeof(b), r->ev.low));
	if (r->ev.offset)
		printf(" at 0x%" PRIx64, r->ev.offset);
	printf(" on %s of RAM\n", kc_ck_human(b, sizeof(b), r->ram));
}

static void print_now(const struct ck_report *r)
{
	char a[32];

	printf("%-14s", "reserved now:");
	if (r->io.visible)
		printf("%s (\"Crash kernel\" in /proc/iomem)",
		       r->io.crash ? kc_ck_human(a, sizeof(a), r->io.crash) : "none");
	else if (r->has_crash_size)
		printf("%s (/sys/kernel/kexec_crash_size)",
		       r->crash_size ? kc_ck_human(a, sizeof(a), r->crash_size) : "none");
	else
		printf("unknown (no /sys/kernel/kexec_crash_size, /proc/iomem hidden)");
	if (r->io.visible && r->has_crash_size)
		printf("; kexec_crash_size %" PRIu64, r->crash_size);
	putchar('\n');
}

static void print_recommended(const struct ck_report *r)
{
	char a[32];
	uint64_t size;
	unsigned int i;

	printf("%-14s%s (%s)\n", "recommended:",
	       kc_ck_human(a, sizeof(a), r->recommended), kc_ck_rule);
	for (i = 0; i < kc_ck_n_references; i++) {
		const struct kc_ck_reference *ref = &kc_ck_references[i];

		if (kc_ck_size_for(ref->value, r->ram, &size))
			continue;
		printf("%-14s%s (%s) gives %s\n", "", ref->name, ref->value,
		       size ? kc_ck_human(a, sizeof(a), size) : "nothing");
	}
}

static void print_text(const struct ck_report *r)
{
	char a[32];
	unsigned int i;

	if (r->n_values)
		printf("%-14s%s (%s)\n", "spec:", r->spec, spec_where(r));
	else
		printf("%-14snone set (/proc/cmdline)\n", "spec:");
	printf("%-14s%s (%s)\n", "RAM:", kc_ck_human(a, sizeof(a), r->ram),
	       ram_source_text(r));
	printf("%-14s%u (%s%s)\n", "CPUs:", r->cpus,
	       strcmp(r->cpus_source, "--cpus") ? "/sys/devices/system/cpu/" : "",
	       r->cpus_source);
	print_reserves(r);
	print_now(r);
	print_recommended(r);
	printf("%-14s%s\n", "to set it:", r->line);
	printf("%-14sin /etc/default/grub.d/kdump-tools.cfg if kdump-tools installed it (read\n"
	       "%-14slast, so its crashkernel= wins), else at the end of /etc/default/grub;\n"
	       "%-14sthen: update-grub, and reboot\n", "", "", "");
	for (i = 0; i < r->n_warnings; i++)
		printf("warning: %s\n", r->warnings[i]);
}

static void json_u64_or_null(const char *key, int known, uint64_t v)
{
	if (known)
		kc_json_u64(stdout, 1, key, v);
	else
		printf(",\"%s\":null", key);
}

static void print_json_compare(const struct ck_report *r)
{
	const char *sep = "";
	uint64_t size;
	unsigned int i;

	fputs(",\"compare\":[", stdout);
	for (i = 0; i < kc_ck_n_references; i++) {
		const struct kc_ck_reference *ref = &kc_ck_references[i];

		if (kc_ck_size_for(ref->value, r->ram, &size))
			continue;
		printf("%s{\"name\":", sep);
		sep = ",";
		kc_json_string(stdout, ref->name);
		fputs(",\"spec\":", stdout);
		kc_json_string(stdout, ref->value);
		fputs(",\"source\":", stdout);
		kc_json_string(stdout, ref->source);
		kc_json_u64(stdout, 1, "bytes", size);
		putchar('}');
	}
	putchar(']');
}

static void print_json(const struct ck_report *r)
{
	uint64_t now, want;
	unsigned int i;
	int known = !reserved_now(r, &now, &want);

	printf("{\"schema\":%d,\"spec\":", KC_CK_JSON_SCHEMA);
	if (r->n_values)
		kc_json_string(stdout, r->spec);
	else
		fputs("null", stdout);
	printf(",\"spec_source\":\"%s\"", r->spec_source);
	kc_json_u64(stdout, 1, "ram_bytes", r->ram);
	printf(",\"ram_source\":\"%s\",\"cpus\":%u,\"cpus_source\":\"%s\"",
	       r->ram_source, r->cpus, r->cpus_source);
	kc_json_u64(stdout, 1, "reserves_bytes", r->ev.size);
	kc_json_u64(stdout, 1, "low_bytes", r->ev.low);
	printf(",\"high\":%s", r->ev.high ? "true" : "false");
	kc_json_hex(stdout, 1, "offset", r->ev.offset);
	json_u64_or_null("reserved_now_bytes", known, now);
	json_u64_or_null("kexec_crash_size", r->has_crash_size, r->crash_size);
	fputs(",\"why\":", stdout);
	if (r->ev.why[0] && !r->ev.size)
		kc_json_string(stdout, r->ev.why);
	else
		fputs("null", stdout);
	kc_json_u64(stdout, 1, "recommended_bytes", r->recommended);
	fputs(",\"rule\":", stdout);
	kc_json_string(stdout, kc_ck_rule);
	print_json_compare(r);
	fputs(",\"bootloader_line\":", stdout);
	kc_json_string(stdout, r->line);
	fputs(",\"warnings\":[", stdout);
	for (i = 0; i < r->n_warnings; i++) {
		if (i)
			putchar(',');
		kc_json_string(stdout, r->warnings[i]);
	}
	fputs("]}\n", stdout);
}

static int run(struct kc_ctx *ctx, struct ck_report *r, const char *arg)
{
	int rc = parse_options(r);

	if (!rc)
		rc = gather_spec(ctx, r, arg);
	if (rc)
		return rc;
	read_reserved(r);
	rc = read_ram(r);
	if (!rc)
		rc = read_cpus(r);
	if (rc)
		return rc;
	decide(r);
	if (ctx->json)
		print_json(r);
	else
		print_text(r);
	return KC_EXIT_OK;
}

int kc_cmd_crashkernel(struct kc_ctx *ctx, int argc, const char **argv)
{
	struct ck_report *r;
	int rc;

	if (argc > 1)
		return usage("takes one SPEC at most (quote a whole command line)");
	r = calloc(1, sizeof(*r));
	if (!r) {
		fprintf(stderr, WHO ": out of memory\n");
		return KC_EXIT_FAIL;
	}
	rc = run(ctx, r, argc ? argv[0] : NULL);
	free(r);
	return rc;
}
