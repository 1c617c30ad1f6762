// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: what a crash was, from the hook, the die string, the panic
 * message and the kernel's own log lines.
 *
 * Pure string work over buffers the caller owns: no lock, no allocation,
 * safe in NMI context. The messages are the kernel's own (checked in the
 * 6.1, 6.12 and 7.2 sources: docs/record-format.md lists each with where
 * it comes from); a message that is not listed is a plain panic.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>

#include "classify.h"

struct needle {
	const char *text;
	enum kcrumbs_cause cause;
};

/* Causes told by the panic message: the first match wins. */
static const struct needle panic_msgs[] = {
	{ "sysrq triggered crash", KCRUMBS_CAUSE_SYSRQ },
	{ "softlockup: hung tasks", KCRUMBS_CAUSE_SOFT_LOCKUP },
	{ "Hard LOCKUP", KCRUMBS_CAUSE_HARD_LOCKUP },
	{ "hung_task: blocked tasks", KCRUMBS_CAUSE_HUNG_TASK },
	{ "System is deadlocked on memory", KCRUMBS_CAUSE_OOM_DEADLOCK },
	{ "Out of memory", KCRUMBS_CAUSE_OOM },
	{ "warned too often", KCRUMBS_CAUSE_WARN_LIMIT },
	{ "Warned too often", KCRUMBS_CAUSE_WARN_LIMIT },
	{ "panic_on_warn set", KCRUMBS_CAUSE_WARN },
	{ "Oopsed too often", KCRUMBS_CAUSE_OOPS_LIMIT },
	{ "panic_on_taint set", KCRUMBS_CAUSE_TAINT },
	{ "stack-protector:", KCRUMBS_CAUSE_STACK_CORRUPT },
	{ "corrupted stack end detected", KCRUMBS_CAUSE_STACK_CORRUPT },
	{ "stack guard hit", KCRUMBS_CAUSE_STACK_OVERFLOW },
	{ "kernel stack overflow", KCRUMBS_CAUSE_STACK_OVERFLOW },
	{ "Attempted to kill init!", KCRUMBS_CAUSE_KILL_INIT },
	{ "Attempted to kill the idle task!", KCRUMBS_CAUSE_KILL_IDLE },
	{ "RCU Stall", KCRUMBS_CAUSE_RCU_STALL },
	/* mce_panic(): every "... machine check(s) ..." and its timeouts */
	{ "achine check", KCRUMBS_CAUSE_MCE },
	{ "Failed kernel mode recovery", KCRUMBS_CAUSE_MCE },
	{ "Not all CPUs entered broadcast exception handler", KCRUMBS_CAUSE_MCE },
	{ "NMI IOCK error", KCRUMBS_CAUSE_NMI_IOCHK },
	{ "NMI: Not continuing", KCRUMBS_CAUSE_NMI_UNKNOWN },
	{ "Aiee, killing interrupt handler", KCRUMBS_CAUSE_OOPS },
	{ "Fatal exception", KCRUMBS_CAUSE_OOPS },
};

/* die()'s string: what the oops was (traps.c); anything else is an oops. */
static const struct needle die_strs[] = {
	{ "stack guard page", KCRUMBS_CAUSE_STACK_OVERFLOW },
	{ "double fault", KCRUMBS_CAUSE_DOUBLE_FAULT },
};

/*
 * "NMI: Not continuing" ends both an unknown NMI and a PCI SERR one; the
 * kernel's line before it tells which (arch/x86/kernel/nmi.c). kcrumbs
 * registers no SERR or IO-check handler (a second one there makes the
 * kernel WARN): this is how those are told.
 */
static const struct needle nmi_lines[] = {
	{ "NMI received for unknown reason", KCRUMBS_CAUSE_NMI_UNKNOWN },
	{ "NMI: PCI system error (SERR)", KCRUMBS_CAUSE_NMI_SERR },
	{ "NMI: IOCK error", KCRUMBS_CAUSE_NMI_IOCHK },
};

/*
 * The line that says what an oops was, when the die string alone does not:
 * printed just before die()'s "STR: 0000 [#1] ..." header (page faults:
 * arch/x86/mm/fault.c; BUG(): lib/bug.c).
 */
static const char *const oops_heads[] = {
	"BUG: ",
	"kernel BUG at ",
};

/* An oops header is at most this many lines after its first line. */
#define OOPS_HEAD_LINES	6

/**
 * kcrumbs_last_in() - where the last @needle in @log starts
 * @log: the text, not NUL-terminated
 * @len: its bytes
 * @needle: what to find
 *
 * Return: a pointer into @log, or NULL.
 */
const char *kcrumbs_last_in(const char *log, size_t len, const char *needle)
{
	const char *found = NULL, *p = log, *end = log + len;
	size_t n = strlen(needle);

	while ((p = strnstr(p, needle, end - p))) {
		found = p;
		p += n;
	}
	return found;
}

static enum kcrumbs_cause find_needle(const struct needle *t, size_t n,
				      const char *msg, size_t len,
				      enum kcrumbs_cause none)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strnstr(msg, t[i].text, len))
			return t[i].cause;
	return none;
}

/**
 * kcrumbs_cause_of_panic() - the cause a panic message names
 * @msg: the message, not NUL-terminated
 * @len: its bytes
 *
 * Return: the cause, KCRUMBS_CAUSE_PANIC when the message is not listed.
 */
enum kcrumbs_cause kcrumbs_cause_of_panic(const char *msg, size_t len)
{
	return find_needle(panic_msgs, ARRAY_SIZE(panic_msgs), msg, len,
			   KCRUMBS_CAUSE_PANIC);
}

/**
 * kcrumbs_cause_of_die() - the cause die()'s string names
 * @str: die()'s string, NUL-terminated, or NULL
 *
 * Return: KCRUMBS_CAUSE_STACK_OVERFLOW, KCRUMBS_CAUSE_DOUBLE_FAULT, or
 * KCRUMBS_CAUSE_OOPS.
 */
enum kcrumbs_cause kcrumbs_cause_of_die(const char *str)
{
	if (!str)
		return KCRUMBS_CAUSE_OOPS;
	return find_needle(die_strs, ARRAY_SIZE(die_strs), str,
			   strnlen(str, 256), KCRUMBS_CAUSE_OOPS);
}

/**
 * kcrumbs_nmi_cause_in() - which NMI the log's last NMI line names
 * @log: the log tail
 * @len: its bytes
 * @cause: what to return when no NMI line is there
 *
 * Return: the cause of the last NMI line in @log, else @cause.
 */
enum kcrumbs_cause kcrumbs_nmi_cause_in(const char *log, size_t len,
					enum kcrumbs_cause cause)
{
	const char *best = NULL, *at;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(nmi_lines); i++) {
		at = kcrumbs_last_in(log, len, nmi_lines[i].text);
		if (at && at > best) {
			best = at;
			cause = nmi_lines[i].cause;
		}
	}
	return cause;
}

/**
 * kcrumbs_cause_class() - causes that are one crash seen twice
 * @cause: a cause
 *
 * A final hook's panic message and the event it follows are the same crash
 * when they are of one class: "Fatal exception" after a stack overflow's
 * die(), "NMI: Not continuing" after a SERR NMI.
 *
 * Return: the class, itself a cause.
 */
enum kcrumbs_cause kcrumbs_cause_class(enum kcrumbs_cause cause)
{
	switch (cause) {
	case KCRUMBS_CAUSE_NMI_UNKNOWN:
	case KCRUMBS_CAUSE_NMI_SERR:
	case KCRUMBS_CAUSE_NMI_IOCHK:
		return KCRUMBS_CAUSE_NMI_UNKNOWN;
	case KCRUMBS_CAUSE_STACK_OVERFLOW:
	case KCRUMBS_CAUSE_DOUBLE_FAULT:
		return KCRUMBS_CAUSE_OOPS;
	default:
		return cause;
	}
}

/* The start of the line @p is in (@log: the buffer's start). */
static const char *line_start(const char *log, const char *p)
{
	while (p > log && p[-1] != '\n')
		p--;
	return p;
}

/* Past a line's "[    5.123456] " and "[T123] " prefixes. */
static const char *skip_stamps(const char *p, const char *end)
{
	const char *close;

	while (p < end && *p == '[') {
		close = memchr(p, ']', end - p);
		if (!close || close - p > 32)
			break;
		p = close + 1;
		while (p < end && *p == ' ')
			p++;
	}
	return p;
}

static bool starts_with(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && !memcmp(p, s, n);
}

/**
 * kcrumbs_oops_line() - the line that says what an oops was
 * @log: the log's last lines, read after die() printed its header
 * @len: their bytes
 * @str: die()'s string ("Oops", "invalid opcode", "general protection
 *	fault, probably for non-canonical address 0x...")
 * @msg_len: set to the line's length
 *
 * The last "STR: " in @log is the oops' header line; the "BUG: ..." or
 * "kernel BUG at ..." line a few lines before it says what happened
 * ("BUG: kernel NULL pointer dereference, address: 0000000000000008").
 * Without one, die()'s string says it best.
 *
 * Return: the line, in @log, without stamps or newline; NULL when the
 * header is not in @log or no such line precedes it.
 */
const char *kcrumbs_oops_line(const char *log, size_t len, const char *str,
			      size_t *msg_len)
{
	const char *hdr, *p, *end = log + len, *nl;
	char key[128];
	int lines, i;

	if (!str || !*str)
		return NULL;
	snprintf(key, sizeof(key), "%s: ", str);
	hdr = kcrumbs_last_in(log, len, key);
	if (!hdr)
		return NULL;
	p = line_start(log, hdr);
	for (lines = 0; lines < OOPS_HEAD_LINES && p > log; lines++) {
		p = line_start(log, p - 1);
		nl = memchr(p, '\n', end - p);
		if (!nl)
			return NULL;
		if (starts_with(skip_stamps(p, nl), nl, "---[ end trace"))
			return NULL;	/* the report before this one */
		for (i = 0; i < ARRAY_SIZE(oops_heads); i++) {
			const char *text = skip_stamps(p, nl);

			if (starts_with(text, nl, oops_heads[i])) {
				*msg_len = nl - text;
				return text;
			}
		}
	}
	return NULL;
}

/**
 * kcrumbs_log_line() - the last line of @log that holds @needle
 * @log: the log's last lines
 * @len: their bytes
 * @needle: what the line holds ("BUG: soft lockup", printed after the
 *	detector's "watchdog: " prefix)
 * @msg_len: set to the line's length
 *
 * Return: the line, in @log, without stamps or newline; NULL when none.
 */
const char *kcrumbs_log_line(const char *log, size_t len, const char *needle,
			     size_t *msg_len)
{
	const char *at = kcrumbs_last_in(log, len, needle), *p, *text, *nl;
	const char *end = log + len;

	if (!at)
		return NULL;
	p = line_start(log, at);
	nl = memchr(at, '\n', end - at);
	if (!nl)
		nl = end;
	text = skip_stamps(p, nl);
	*msg_len = nl - text;
	return text;
}
