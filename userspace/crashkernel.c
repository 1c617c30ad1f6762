// SPDX-License-Identifier: GPL-2.0
/*
 * crashkernel=: parsing, evaluating, recommending. Pure: no I/O.
 * The grammar follows parse_crashkernel*() in kernel/crash_core.c and the
 * choice between values reserve_crashkernel() in arch/x86/kernel/setup.c
 * (both Linux 6.1); docs/crashkernel.md describes both.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "crashkernel.h"

#define GIB		((uint64_t)1 << 30)
#define RAM_ROUND	(128 * KC_CK_MIB)	/* parse_crashkernel_mem() */
#define PREFIX		"crashkernel="

/* A parse in progress: the text, where we are, and where to report. */
struct cur {
	const char *s;
	size_t pos;
	struct kc_ck_error *err;
};

static int fail(struct cur *c, size_t at, const char *reason)
{
	c->err->offset = at;
	c->err->reason = reason;
	return -EINVAL;
}

static char at(const struct cur *c)
{
	return c->s[c->pos];
}

static int digit_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
		return (ch | 0x20) - 'a' + 10;
	return -1;
}

/* memparse()'s base 0: "0x" and a hex digit is hex, a leading 0 octal. */
static unsigned int number_base(struct cur *c)
{
	const char *p = c->s + c->pos;

	if (p[0] == '0' && (p[1] | 0x20) == 'x' && isxdigit((unsigned char)p[2])) {
		c->pos += 2;
		return 16;
	}
	return p[0] == '0' ? 8 : 10;
}

static int parse_digits(struct cur *c, const char *what, uint64_t *val)
{
	size_t start = c->pos;
	unsigned int base;
	uint64_t v = 0;
	int d;

	if (!isdigit((unsigned char)at(c)))
		return fail(c, start, what);
	base = number_base(c);
	while ((d = digit_value(at(c))) >= 0 && (unsigned int)d < base) {
		if (v > (UINT64_MAX - (unsigned int)d) / base)
			return fail(c, start, "too large: more than 64 bits");
		v = v * base + (unsigned int)d;
		c->pos++;
	}
	if (base == 8 && isdigit((unsigned char)at(c)))
		return fail(c, c->pos, "a leading 0 makes the number octal: no 8 or 9");
	*val = v;
	return 0;
}

static int parse_suffix(struct cur *c, uint64_t *val)
{
	static const char suffixes[] = "KMGTPE";
	const char *q = NULL;
	unsigned int shift;

	if (at(c))
		q = strchr(suffixes, toupper((unsigned char)at(c)));
	if (q) {
		shift = 10 * (unsigned int)(q - suffixes + 1);
		if (*val > (UINT64_MAX >> shift))
			return fail(c, c->pos, "too large: more than 64 bits");
		*val <<= shift;
		c->pos++;
	} else if (isalpha((unsigned char)at(c))) {
		return fail(c, c->pos, "unknown suffix: use K, M, G, T, P or E");
	}
	if (isalpha((unsigned char)at(c)))
		return fail(c, c->pos,
			    "one suffix letter only: K, M, G, T, P or E (not MB or MiB)");
	return 0;
}

/* A number with an optional suffix; @what is the reason if none is here. */
static int parse_number(struct cur *c, const char *what, uint64_t *val)
{
	if (parse_digits(c, what, val))
		return -EINVAL;
	return parse_suffix(c, val);
}

/* What may follow a plain size or the last range: @OFFSET or the end. */
static int parse_tail(struct cur *c, struct kc_ck_spec *spec, const char *what)
{
	if (at(c) == '@') {
		c->pos++;
		if (parse_number(c, "expected an offset after '@'", &spec->offset))
			return -EINVAL;
		spec->has_offset = 1;
		if (at(c))
			return fail(c, c->pos, "unexpected character after the offset");
		return 0;
	}
	if (at(c) == ',')
		return fail(c, c->pos + 1, "expected 'high' or 'low' after ','");
	if (at(c))
		return fail(c, c->pos, what);
	return 0;
}

static int parse_simple(struct cur *c, struct kc_ck_spec *spec)
{
	if (parse_number(c, "expected a size", &spec->size))
		return -EINVAL;
	return parse_tail(c, spec, "expected '@OFFSET', ',high', ',low' or the end after the size");
}

static int parse_range_end(struct cur *c, struct kc_ck_range *r)
{
	size_t end_at = c->pos;

	r->end = UINT64_MAX;
	if (at(c) == ':')
		return 0;
	if (parse_number(c, "expected a size or ':' after '-'", &r->end))
		return -EINVAL;
	if (r->end <= r->start)
		return fail(c, end_at, "range end must be above its start");
	return 0;
}

static int parse_range(struct cur *c, struct kc_ck_range *r)
{
	r->at = c->pos;
	if (parse_number(c, "expected a size (the start of a range)", &r->start))
		return -EINVAL;
	if (at(c) != '-')
		return fail(c, c->pos, "expected '-' after a range's start");
	c->pos++;
	if (parse_range_end(c, r))
		return -EINVAL;
	if (at(c) != ':')
		return fail(c, c->pos, "expected ':' after a range");
	c->pos++;
	if (parse_number(c, "expected a size after ':'", &r->size))
		return -EINVAL;
	r->len = c->pos - r->at;
	return 0;
}

static int parse_ranges(struct cur *c, struct kc_ck_spec *spec)
{
	for (;;) {
		if (spec->n_ranges == KC_CK_MAX_RANGES)
			return fail(c, c->pos, "too many ranges (at most 32)");
		if (parse_range(c, &spec->ranges[spec->n_ranges]))
			return -EINVAL;
		spec->n_ranges++;
		if (at(c) != ',')
			break;
		c->pos++;
	}
	return parse_tail(c, spec, "expected ',', '@OFFSET' or the end after a range's size");
}

/* SIZE,high and SIZE,low: nothing but a size before the suffix. */
static int parse_suffixed(struct cur *c, struct kc_ck_spec *spec,
			  const char *suffix)
{
	if (parse_number(c, "expected a size", &spec->size))
		return -EINVAL;
	if (strcmp(c->s + c->pos, suffix) != 0)
		return fail(c, c->pos, spec->kind == KC_CK_HIGH ?
			    "SIZE,high takes a size alone: no range, no @offset" :
			    "SIZE,low takes a size alone: no range, no @offset");
	return 0;
}

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static const struct {
	const char *suffix;
	enum kc_ck_kind kind;
} suffixed[] = {
	{ ",high", KC_CK_HIGH },
	{ ",low", KC_CK_LOW },
};

int kc_ck_parse(const char *value, struct kc_ck_spec *spec,
		struct kc_ck_error *err)
{
	struct cur c = { .s = value, .pos = 0, .err = err };
	size_t i, len = strlen(value);

	memset(spec, 0, sizeof(*spec));
	if (!len)
		return fail(&c, 0, "empty: expected a size");
	for (i = 0; i < sizeof(suffixed) / sizeof(suffixed[0]); i++) {
		if (ends_with(value, len, suffixed[i].suffix)) {
			spec->kind = suffixed[i].kind;
			return parse_suffixed(&c, spec, suffixed[i].suffix);
		}
	}
	/* the kernel takes a ':' for ranges; a '-' can only mean one too */
	if (strpbrk(value, ":-")) {
		spec->kind = KC_CK_RANGES;
		return parse_ranges(&c, spec);
	}
	spec->kind = KC_CK_SIMPLE;
	return parse_simple(&c, spec);
}

int kc_ck_parse_size(const char *s, uint64_t *val, struct kc_ck_error *err)
{
	struct cur c = { .s = s, .pos = 0, .err = err };

	if (parse_number(&c, "expected a size", val))
		return -EINVAL;
	if (at(&c))
		return fail(&c, c.pos, "unexpected character after the size");
	return 0;
}

static size_t put_visible(char *buf, size_t len, size_t n, const char *s)
{
	for (; *s && n + 1 < len; s++, n++) {
		unsigned char ch = (unsigned char)*s;

		buf[n] = (ch < 0x20 || ch > 0x7e) ? '?' : (char)ch;
	}
	buf[n] = '\0';
	return n;
}

const char *kc_ck_format_error(char *buf, size_t len, const char *value,
			       const struct kc_ck_error *err)
{
	size_t n, col = strlen(PREFIX) + err->offset;

	if (!len)
		return buf;
	n = put_visible(buf, len, 0, PREFIX);
	n = put_visible(buf, len, n, value);
	if (n + 1 < len)
		buf[n++] = '\n';
	while (col-- && n + 1 < len)
		buf[n++] = ' ';
	buf[n] = '\0';
	snprintf(buf + n, len - n, "^ %s\n", err->reason);
	return buf;
}

/* What the kernel matches ranges against: RAM rounded up to 128 MiB. */
static uint64_t ram_rounded(uint64_t ram)
{
	if (ram > UINT64_MAX - (RAM_ROUND - 1))
		return UINT64_MAX;
	return (ram + RAM_ROUND - 1) / RAM_ROUND * RAM_ROUND;
}

static int eval_ranges(const struct kc_ck_spec *spec, uint64_t ram,
		       struct kc_ck_eval *ev)
{
	uint64_t total = ram_rounded(ram);
	char h[32], h2[32];
	unsigned int i;

	for (i = 0; i < spec->n_ranges; i++) {
		const struct kc_ck_range *r = &spec->ranges[i];

		if (r->size >= total) {
			ev->rejected = 1;
			snprintf(ev->why, sizeof(ev->why),
				 "range %u's size (%s) is not below RAM (%s): the kernel rejects the whole value (\"crashkernel: invalid size\")",
				 i + 1, kc_ck_human(h2, sizeof(h2), r->size),
				 kc_ck_human(h, sizeof(h), total));
			return -EINVAL;
		}
		if (total >= r->start && total < r->end) {
			ev->size = r->size;
			ev->range = (int)i;
			ev->offset = spec->offset;
			return 0;
		}
	}
	snprintf(ev->why, sizeof(ev->why),
		 "no range matches %s of RAM (rounded up to 128 MiB, as the kernel does)",
		 kc_ck_human(h, sizeof(h), total));
	return 0;
}

int kc_ck_evaluate(const struct kc_ck_spec *spec, uint64_t ram,
		   struct kc_ck_eval *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->range = -1;
	switch (spec->kind) {
	case KC_CK_RANGES:
		return eval_ranges(spec, ram, ev);
	case KC_CK_SIMPLE:
		ev->size = spec->size;
		ev->offset = spec->offset;
		break;
	case KC_CK_HIGH:
		ev->size = spec->size;
		ev->high = 1;
		/* the low part comes only with a reservation above 4 GiB */
		ev->low = spec->size && ram > 4 * GIB ? KC_CK_LOW_DEFAULT : 0;
		break;
	case KC_CK_LOW:
		snprintf(ev->why, sizeof(ev->why),
			 "crashkernel=SIZE,low alone reserves nothing: it sizes the part below 4 GiB of a ,high reservation");
		return 0;
	}
	if (!ev->size)
		snprintf(ev->why, sizeof(ev->why), "a size of 0 reserves nothing");
	return 0;
}

void kc_ck_set_add(struct kc_ck_set *set, const struct kc_ck_spec *spec)
{
	if (spec->kind == KC_CK_HIGH)
		set->high = spec;
	else if (spec->kind == KC_CK_LOW)
		set->low = spec;
	else
		set->plain = spec;
}

/* A size at or above RAM finds no room: the kernel reserves nothing. */
static void check_fits(struct kc_ck_eval *ev, uint64_t ram)
{
	uint64_t total = ev->size + ev->low;
	char h1[32], h2[32];

	if (total >= ev->size && total < ram)
		return;
	snprintf(ev->why, sizeof(ev->why),
		 "%s does not fit in %s of RAM: the kernel finds no place for it (\"crashkernel reservation failed\")",
		 kc_ck_human(h1, sizeof(h1), total), kc_ck_human(h2, sizeof(h2), ram));
	ev->size = 0;
	ev->low = 0;
}

static void choose_high(const struct kc_ck_set *set, uint64_t ram,
			struct kc_ck_eval *ev)
{
	kc_ck_evaluate(set->high, ram, ev);
	if (ev->low && set->low)
		ev->low = set->low->size;	/* crashkernel=0,low: none */
}

void kc_ck_choose(const struct kc_ck_set *set, uint64_t ram,
		  struct kc_ck_eval *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->range = -1;
	if (set->plain && !kc_ck_evaluate(set->plain, ram, ev) && ev->size) {
		check_fits(ev, ram);
	} else if (set->high) {
		/* the plain value is absent, rejected or gives 0 */
		choose_high(set, ram, ev);
		ev->fell_back = !!set->plain;
		if (ev->size)
			check_fits(ev, ram);
	} else if (set->low) {
		kc_ck_evaluate(set->low, ram, ev);
	} else if (!set->plain) {
		snprintf(ev->why, sizeof(ev->why), "no crashkernel= at all");
	}
}

int kc_ck_from_cmdline(const char *line, struct kc_ck_cmdline *cl)
{
	const char *p = line, *v;
	size_t n;

	memset(cl, 0, sizeof(*cl));
	while ((p = strstr(p, PREFIX))) {
		char *dst = cl->plain;
		int *has = &cl->has_plain;

		v = p + strlen(PREFIX);
		n = strcspn(v, "\n ");
		if (ends_with(v, n, ",high")) {
			dst = cl->high;
			has = &cl->has_high;
		} else if (ends_with(v, n, ",low")) {
			dst = cl->low;
			has = &cl->has_low;
		}
		if (n >= KC_CK_VALUE_MAX)
			return -E2BIG;
		memcpy(dst, v, n);
		dst[n] = '\0';
		*has = 1;
		p++;		/* as the kernel: the next match may overlap */
	}
	return cl->has_plain + cl->has_high + cl->has_low;
}

const char kc_ck_rule[] =
	"161 MiB + 64 MiB per TiB of RAM + 12 MiB per CPU, rounded up to 16 MiB";

uint64_t kc_ck_recommend(uint64_t ram, unsigned int cpus)
{
	const uint64_t round = 16 * KC_CK_MIB;
	uint64_t b;

	/* 64 MiB per TiB is 2 bits per 4 KiB page: RAM / 16384, rounded up */
	b = 161 * KC_CK_MIB + (ram >> 14) + ((ram & 16383) != 0) +
	    (uint64_t)cpus * 12 * KC_CK_MIB;
	return (b + round - 1) / round * round;
}

const struct kc_ck_reference kc_ck_references[] = {
	{
		.name = "Debian 12 kdump-tools",
		.value = "384M-:128M",
		.source = "/etc/default/grub.d/kdump-tools.cfg, kdump-tools 1:1.8.1",
	},
	{
		.name = "Fedora/RHEL kdumpctl",
		.value = "2G-64G:256M,64G-:512M",
		.source = "kdumpctl get-default-crashkernel: kdump-utils kdump-lib.sh "
			  "(x86_64; +64M with SME/SEV)",
	},
};

const unsigned int kc_ck_n_references =
	sizeof(kc_ck_references) / sizeof(kc_ck_references[0]);

int kc_ck_size_for(const char *value, uint64_t ram, uint64_t *size)
{
	struct kc_ck_error err;
	struct kc_ck_spec spec;
	struct kc_ck_set set = { 0 };
	struct kc_ck_eval ev;

	if (kc_ck_parse(value, &spec, &err))
		return -EINVAL;
	kc_ck_set_add(&set, &spec);
	kc_ck_choose(&set, ram, &ev);
	*size = ev.size + ev.low;
	return 0;
}

/* One /proc/iomem line, NUL-terminated: indentation, START-END, name. */
static int iomem_line(const char *line, size_t *depth, uint64_t *start,
		      uint64_t *end, const char **name)
{
	int n = 0;

	*depth = strspn(line, " ");
	if (sscanf(line + *depth, "%" SCNx64 "-%" SCNx64 " : %n", start, end,
		   &n) != 2 || !n || *end < *start)
		return -EINVAL;
	*name = line + *depth + n;
	return 0;
}

static void iomem_add(struct kc_ck_iomem *io, size_t depth, uint64_t start,
		      uint64_t end, const char *name)
{
	if (end)
		io->visible = 1;
	if (!depth && strcmp(name, "System RAM") == 0)
		io->ram += end - start + 1;
	else if (strcmp(name, "Crash kernel") == 0)
		io->crash += end - start + 1;
}

int kc_ck_iomem_parse(const char *text, struct kc_ck_iomem *io)
{
	const char *p = text, *name;
	uint64_t start, end;
	char line[256];
	size_t n, depth;

	memset(io, 0, sizeof(*io));
	for (; *p; p += n + (p[n] == '\n')) {
		n = strcspn(p, "\n");
		if (!n)
			continue;
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		if (iomem_line(line, &depth, &start, &end, &name))
			return -EINVAL;
		iomem_add(io, depth, start, end, name);
	}
	if (!io->visible)
		memset(io, 0, sizeof(*io));
	return 0;
}

int kc_ck_memtotal(const char *text, uint64_t *bytes)
{
	const char *p = strstr(text, "MemTotal:");
	unsigned long long kib;
	char unit[4];

	if (!p || (p != text && p[-1] != '\n'))
		return -ENOENT;
	if (sscanf(p, "MemTotal: %llu %3s", &kib, unit) != 2 ||
	    strcmp(unit, "kB") || kib > UINT64_MAX / 1024)
		return -ENOENT;
	*bytes = (uint64_t)kib * 1024;
	return 0;
}

static int cpu_number(const char **p, unsigned long *v)
{
	unsigned long x = 0;

	if (!isdigit((unsigned char)**p))
		return -EINVAL;
	for (; isdigit((unsigned char)**p); (*p)++) {
		x = x * 10 + (unsigned long)(**p - '0');
		if (x > 1UL << 24)	/* far more than NR_CPUS allows */
			return -EINVAL;
	}
	*v = x;
	return 0;
}

int kc_ck_cpulist_count(const char *text, unsigned int *n)
{
	const char *p = text;
	unsigned long a, b, count = 0;

	for (;;) {
		if (cpu_number(&p, &a))
			return -EINVAL;
		b = a;
		if (*p == '-' && (p++, cpu_number(&p, &b) || b < a))
			return -EINVAL;
		count += b - a + 1;
		if (*p != ',')
			break;
		p++;
	}
	if ((*p && strcmp(p, "\n")) || count > 1UL << 24)
		return -EINVAL;
	*n = (unsigned int)count;
	return 0;
}

const char *kc_ck_human(char *buf, size_t len, uint64_t bytes)
{
	static const char *const units[] = {
		"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
	};
	unsigned int u = 0;

	while (u + 1 < sizeof(units) / sizeof(units[0]) &&
	       bytes >> (10 * (u + 1)))
		u++;
	if (!bytes)
		snprintf(buf, len, "0");
	else if (!(bytes & ((1ULL << (10 * u)) - 1)))
		snprintf(buf, len, "%" PRIu64 " %s", bytes >> (10 * u), units[u]);
	else
		snprintf(buf, len, "%.1f %s",
			 (double)bytes / (double)(1ULL << (10 * u)), units[u]);
	return buf;
}
