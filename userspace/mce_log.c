// SPDX-License-Identifier: GPL-2.0
/*
 * Machine checks from the crashed kernel's own log lines. A machine check
 * that panics at once never reaches a hook: on AMD every one is "local" and
 * a fatal one panics before the banks are logged ("Fatal local machine
 * check"), as does an Intel local machine check. mce_panic() still prints
 * each record (arch/x86/kernel/cpu/mce/core.c, __print_mce()):
 *
 *   mce: [Hardware Error]: CPU 0: Machine Check Exception: 4 Bank 2: b200000000000151
 *   mce: [Hardware Error]: RIP 10:<ffffffff81021db6> {native_safe_halt+0x6/0x10}
 *   mce: [Hardware Error]: TSC 0 ADDR 7654000 MISC 8c
 *   mce: [Hardware Error]: PROCESSOR 2:60fb1 TIME 1796096285 SOCKET 0 APIC 0 microcode 1000065
 *
 * and the crash's log tail keeps them. Pure: parses the text it is given.
 */
#include <stdlib.h>
#include <string.h>

#include "mce.h"

#define HW_ERR "[Hardware Error]: "

/* The value after "@key " in [@p, @end), as hex; 0 when it is not there. */
static int field(const char *p, const char *end, const char *key, int base,
		 uint64_t *out)
{
	size_t n = strlen(key);
	char num[24];
	size_t i = 0;

	for (; p + n < end; p++) {
		if (memcmp(p, key, n) || (p[n] != ' ' && p[n] != ':'))
			continue;
		p += n + 1;
		while (p < end && *p == ' ')
			p++;
		while (p < end && i + 1 < sizeof(num) &&
		       ((*p >= '0' && *p <= '9') || (base == 16 &&
			((*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))))
			num[i++] = *p++;
		num[i] = '\0';
		if (!i)
			return 0;
		*out = strtoull(num, NULL, base);
		return 1;
	}
	return 0;
}

/* One "CPU N: Machine Check...: MCGSTATUS Bank B: STATUS" line. */
static int head_line(const char *p, const char *end, struct kc_mce *m)
{
	const char *mc = memmem(p, (size_t)(end - p), ": Machine Check", 15);
	const char *colon, *bank;
	uint64_t v;

	if (!mc || !field(p, mc + 1, "CPU", 10, &v))
		return 0;
	m->cpu = (uint32_t)v;
	colon = memchr(mc + 15, ':', (size_t)(end - mc - 15));
	if (!colon)
		return 0;
	m->mcgstatus = strtoull(colon + 1, NULL, 16);
	if (!field(colon, end, "Bank", 10, &v))
		return 0;
	m->bank = (uint32_t)v;
	bank = memmem(colon, (size_t)(end - colon), "Bank", 4);
	colon = bank ? memchr(bank, ':', (size_t)(end - bank)) : NULL;
	if (!colon)
		return 0;
	m->status = strtoull(colon + 1, NULL, 16);
	return 1;
}

/* The lines after the head: RIP, TSC/ADDR/MISC/SYND/IPID, PROCESSOR. */
static void detail_line(const char *p, const char *end, struct kc_mce *m)
{
	uint64_t v;

	if (field(p, end, "RIP", 16, &v)) {
		const char *lt = memchr(p, '<', (size_t)(end - p));

		m->cs = (unsigned int)v;
		if (lt)
			m->ip = strtoull(lt + 1, NULL, 16);
	}
	field(p, end, "TSC", 16, &m->tsc);
	field(p, end, "ADDR", 16, &m->addr);
	field(p, end, "MISC", 16, &m->misc);
	field(p, end, "SYND", 16, &m->synd);
	field(p, end, "IPID", 16, &m->ipid);
	if (field(p, end, "PROCESSOR", 10, &v))
		m->cpuvendor = (unsigned int)v;
	field(p, end, "TIME", 10, &m->time);
	if (field(p, end, "SOCKET", 10, &v))
		m->socketid = (uint32_t)v;
	if (field(p, end, "APIC", 16, &v))
		m->apicid = (uint32_t)v;
}

static int same(const struct kc_mce *a, const struct kc_mce *b)
{
	return a->cpu == b->cpu && a->bank == b->bank && a->status == b->status &&
	       a->addr == b->addr && a->misc == b->misc;
}

unsigned int kc_mce_from_log(const char *text, size_t len, struct kc_mce *out,
			     unsigned int max)
{
	const char *p = text, *end = text + len, *nl, *hw;
	struct kc_mce cur;
	unsigned int n = 0, i;
	int open = 0;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		hw = memmem(p, (size_t)(nl - p), HW_ERR, sizeof(HW_ERR) - 1);
		if (!hw) {
			if (nl == end)
				break;
			continue;
		}
		hw += sizeof(HW_ERR) - 1;
		if (memmem(hw, (size_t)(nl - hw), ": Machine Check", 15)) {
			if (open && n < max)
				out[n++] = cur;
			memset(&cur, 0, sizeof(cur));
			cur.severity = KC_MCE_SEVERITY_UNKNOWN;
			cur.from_log = 1;
			open = head_line(hw, nl, &cur);
		} else if (open) {
			detail_line(hw, nl, &cur);
		}
		if (nl == end)
			break;
	}
	if (open && n < max)
		out[n++] = cur;
	/* mce_panic() may print one twice (pending, then final): keep the first */
	for (i = 0; i < n; i++) {
		unsigned int j = i + 1;

		while (j < n) {
			if (same(&out[i], &out[j])) {
				memmove(&out[j], &out[j + 1], (n - j - 1) * sizeof(*out));
				n--;
			} else {
				j++;
			}
		}
	}
	return n;
}
