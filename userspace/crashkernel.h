/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crashkernel=: parsing it as Linux does (kernel/crash_core.c, v6.1),
 * evaluating it for an amount of RAM as x86_64 does
 * (arch/x86/kernel/setup.c), and a recommended size. Pure: no I/O.
 * docs/crashkernel.md explains the rules and where they come from.
 */
#ifndef KC_CRASHKERNEL_H
#define KC_CRASHKERNEL_H

#include <stddef.h>
#include <stdint.h>

#define KC_CK_MIB		((uint64_t)1 << 20)
#define KC_CK_MAX_RANGES	32
/*
 * The low part x86_64 adds to a ,high reservation without ,low:
 * max(swiotlb default 64 MiB + 8 MiB, 256 MiB).
 */
#define KC_CK_LOW_DEFAULT	(256 * KC_CK_MIB)
/* Longest value kept from a command line (x86 COMMAND_LINE_SIZE: 2048) */
#define KC_CK_VALUE_MAX		4096

enum kc_ck_kind {
	KC_CK_SIMPLE,	/* SIZE[@OFFSET] */
	KC_CK_RANGES,	/* START-[END]:SIZE[,START-[END]:SIZE...][@OFFSET] */
	KC_CK_HIGH,	/* SIZE,high */
	KC_CK_LOW,	/* SIZE,low */
};

/**
 * struct kc_ck_range - one START-[END]:SIZE of the range syntax
 * @start: matches RAM >= @start
 * @end: and RAM < @end (exclusive); UINT64_MAX when left open ("START-:")
 * @size: bytes reserved when it matches
 * @at: where the range starts in the parsed text
 * @len: its length there
 */
struct kc_ck_range {
	uint64_t start;
	uint64_t end;
	uint64_t size;
	size_t at;
	size_t len;
};

/**
 * struct kc_ck_spec - a parsed crashkernel= value
 * @kind: which syntax
 * @size: bytes, for KC_CK_SIMPLE, KC_CK_HIGH and KC_CK_LOW
 * @offset: the physical address after '@'; 0 without one
 * @has_offset: 1 when '@OFFSET' was given
 * @n_ranges: ranges used in @ranges (KC_CK_RANGES)
 * @ranges: in the order given: the first that matches wins
 */
struct kc_ck_spec {
	enum kc_ck_kind kind;
	uint64_t size;
	uint64_t offset;
	int has_offset;
	unsigned int n_ranges;
	struct kc_ck_range ranges[KC_CK_MAX_RANGES];
};

/**
 * struct kc_ck_error - where and why a value is malformed
 * @offset: 0-based offset of the offending character in the value (the
 *	    value's length when something is missing at its end)
 * @reason: a short phrase, such as "expected ':' after a range"
 */
struct kc_ck_error {
	size_t offset;
	const char *reason;
};

/**
 * kc_ck_parse() - parse the value of crashkernel=
 * @value: the text after "crashkernel=", NUL-terminated
 * @spec: filled on success
 * @err: filled on failure
 *
 * Accepts what Linux 6.1 accepts, and is stricter where the kernel
 * silently reads something else: numbers that overflow 64 bits (the
 * kernel wraps them), a suffix longer than one letter, '@' with no
 * offset (the kernel reads 0), and anything after the offset or after
 * a matching range (the kernel ignores it).
 *
 * Return: 0, or -EINVAL with @err set.
 */
int kc_ck_parse(const char *value, struct kc_ck_spec *spec,
		struct kc_ck_error *err);

/**
 * kc_ck_parse_size() - parse a whole string as one size ("16G", "0x400M")
 * @s: the text: a number (decimal, 0x hex, or 0-prefixed octal, as the
 *     kernel's memparse() reads it) and an optional K, M, G, T, P or E
 * @val: bytes
 * @err: filled on failure
 *
 * Return: 0, or -EINVAL with @err set.
 */
int kc_ck_parse_size(const char *s, uint64_t *val, struct kc_ck_error *err);

/**
 * kc_ck_format_error() - the value and a caret under the bad character
 * @buf: output: two lines, each ending in '\n', such as
 *	"crashkernel=384M-2G64M\n                   ^ expected ':' after a range\n"
 * @len: size of @buf (truncated output stays NUL-terminated)
 * @value: the value that failed to parse
 * @err: from kc_ck_parse()
 *
 * Control characters and bytes above 0x7f are shown as '?', so the caret
 * stays under the character it points at.
 *
 * Return: @buf.
 */
const char *kc_ck_format_error(char *buf, size_t len, const char *value,
			       const struct kc_ck_error *err);

/**
 * struct kc_ck_eval - what a crashkernel= reserves for an amount of RAM
 * @size: bytes reserved for the crash kernel; 0: nothing
 * @offset: the physical address asked for; 0: the kernel chooses
 * @low: bytes reserved below 4 GiB besides, for a ,high reservation
 * @high: 1 when the reservation comes from crashkernel=SIZE,high
 * @range: the matching range (0-based); -1 when none or no ranges
 * @rejected: 1 when the kernel rejects the value on this RAM
 * @fell_back: 1 when a plain value gave nothing and the ,high one is used
 * @why: when nothing is reserved or the value is rejected: why, in words
 */
struct kc_ck_eval {
	uint64_t size;
	uint64_t offset;
	uint64_t low;
	int high;
	int range;
	int rejected;
	int fell_back;
	char why[192];
};

/**
 * kc_ck_evaluate() - what one value gives on @ram bytes of RAM
 * @spec: a parsed value
 * @ram: system RAM in bytes; like the kernel, ranges are matched against
 *	 it rounded up to a multiple of 128 MiB
 * @ev: the result
 *
 * Ranges are tried in order, each START <= RAM < END; the first match
 * wins and no match gives 0. A range whose size is not below RAM makes
 * the kernel reject the whole value ("crashkernel: invalid size"), if
 * it is tried before a match. SIZE,high reserves SIZE and, on machines
 * with more than 4 GiB, KC_CK_LOW_DEFAULT below 4 GiB; SIZE,low alone
 * reserves nothing.
 *
 * Return: 0, or -EINVAL when the kernel rejects the value on this RAM.
 */
int kc_ck_evaluate(const struct kc_ck_spec *spec, uint64_t ram,
		   struct kc_ck_eval *ev);

/**
 * struct kc_ck_set - the crashkernel= values in force on one command line
 * @plain: SIZE[@OFFSET] or ranges; NULL when absent
 * @high: SIZE,high; NULL when absent
 * @low: SIZE,low; NULL when absent
 */
struct kc_ck_set {
	const struct kc_ck_spec *plain;
	const struct kc_ck_spec *high;
	const struct kc_ck_spec *low;
};

/**
 * kc_ck_set_add() - put @spec in the slot of its kind
 * @set: the set
 * @spec: a parsed value, kept by pointer
 */
void kc_ck_set_add(struct kc_ck_set *set, const struct kc_ck_spec *spec);

/**
 * kc_ck_choose() - what x86_64 reserves for a set of values
 * @set: the values
 * @ram: system RAM in bytes
 * @ev: the result
 *
 * As reserve_crashkernel() in arch/x86/kernel/setup.c (6.1): the plain
 * value first; when it is absent, rejected or gives 0, the ,high one,
 * with the ,low one (or KC_CK_LOW_DEFAULT) for its part below 4 GiB.
 * A size that is not below RAM cannot be placed: nothing is reserved.
 */
void kc_ck_choose(const struct kc_ck_set *set, uint64_t ram,
		  struct kc_ck_eval *ev);

/**
 * struct kc_ck_cmdline - the crashkernel= values on a kernel command line
 * @plain: the last value not ending in ",high" or ",low"
 * @high: the last value ending in ",high"
 * @low: the last value ending in ",low"
 * @has_plain: 1 when @plain was found (it may be empty)
 * @has_high: 1 when @high was found
 * @has_low: 1 when @low was found
 */
struct kc_ck_cmdline {
	char plain[KC_CK_VALUE_MAX];
	char high[KC_CK_VALUE_MAX];
	char low[KC_CK_VALUE_MAX];
	int has_plain;
	int has_high;
	int has_low;
};

/**
 * kc_ck_from_cmdline() - find the crashkernel= values as the kernel does
 * @line: a whole command line (/proc/cmdline's trailing newline is fine)
 * @cl: filled
 *
 * Like get_last_crashkernel() in kernel/crash_core.c: "crashkernel=" is
 * found anywhere, even inside another argument or quotes, and its value
 * runs to the next space. The last plain one wins; ",high" and ",low"
 * ones are picked separately, the last of each.
 *
 * Return: how many of the three were found (0 to 3), or -E2BIG when a
 * value is longer than KC_CK_VALUE_MAX - 1.
 */
int kc_ck_from_cmdline(const char *line, struct kc_ck_cmdline *cl);

/* The rule of thumb, in words, for output and JSON. */
extern const char kc_ck_rule[];

/**
 * kc_ck_recommend() - the recommended crash kernel size on x86_64
 * @ram: system RAM in bytes
 * @cpus: CPUs the capture kernel brings up
 *
 * 161 MiB + 64 MiB per TiB of RAM + 12 MiB per CPU, rounded up to a
 * multiple of 16 MiB. docs/crashkernel.md says where it comes from and
 * where it fails.
 *
 * Return: bytes.
 */
uint64_t kc_ck_recommend(uint64_t ram, unsigned int cpus);

/**
 * struct kc_ck_reference - a distribution's default, for comparison
 * @name: whose it is
 * @value: its crashkernel= value
 * @source: where it is set
 */
struct kc_ck_reference {
	const char *name;
	const char *value;
	const char *source;
};

extern const struct kc_ck_reference kc_ck_references[];
extern const unsigned int kc_ck_n_references;

/**
 * kc_ck_size_for() - parse @value and choose what it reserves on @ram
 * @value: a crashkernel= value
 * @ram: system RAM in bytes
 * @size: bytes reserved, the part below 4 GiB of a ,high one included
 *
 * Return: 0, or -EINVAL when @value is malformed.
 */
int kc_ck_size_for(const char *value, uint64_t ram, uint64_t *size);

/**
 * struct kc_ck_iomem - what /proc/iomem says about RAM and kdump
 * @ram: bytes of the top-level "System RAM" ranges
 * @crash: bytes of the "Crash kernel" ranges
 * @visible: 1 when addresses are shown (they read as 0 unless root)
 */
struct kc_ck_iomem {
	uint64_t ram;
	uint64_t crash;
	int visible;
};

/**
 * kc_ck_iomem_parse() - sum System RAM and Crash kernel in /proc/iomem
 * @text: the file's contents
 * @io: the sums
 *
 * Return: 0, or -EINVAL when a line is not "START-END : NAME".
 */
int kc_ck_iomem_parse(const char *text, struct kc_ck_iomem *io);

/**
 * kc_ck_memtotal() - MemTotal from /proc/meminfo
 * @text: the file's contents
 * @bytes: MemTotal in bytes
 *
 * Return: 0, or -ENOENT when there is no well-formed MemTotal line.
 */
int kc_ck_memtotal(const char *text, uint64_t *bytes);

/**
 * kc_ck_cpulist_count() - count the CPUs in a list such as "0-3,8,10-11"
 * @text: the list (/sys/devices/system/cpu/online), newline allowed
 * @n: the count
 *
 * Return: 0, or -EINVAL when the list is empty or malformed.
 */
int kc_ck_cpulist_count(const char *text, unsigned int *n);

/**
 * kc_ck_human() - bytes for a person: "0", "64 MiB", "1 GiB", "15.5 GiB"
 * @buf: output
 * @len: its size
 * @bytes: the amount
 *
 * Return: @buf.
 */
const char *kc_ck_human(char *buf, size_t len, uint64_t bytes);

#endif
