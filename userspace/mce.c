// SPDX-License-Identifier: GPL-2.0
/* A machine check in words, for people and scripts (mce.h). Pure. */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "mce.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* X86_VENDOR_* (arch/x86/include/asm/processor.h) */
enum { V_INTEL = 0, V_AMD = 2, V_HYGON = 9, V_ZHAOXIN = 10 };

static int is_amd(unsigned int vendor)
{
	return vendor == V_AMD || vendor == V_HYGON;
}

/*
 * MCi_STATUS bits (arch/x86/include/asm/mce.h), in the order a person
 * reads them: what kind of error, how bad, what else the bank holds.
 * @text NULL: in JSON only. @vendor: 0 any, 1 Intel and the others, 2
 * AMD and Hygon.
 */
static const struct {
	unsigned int bit;
	const char *json, *text;
	int vendor;
} status_bits[] = {
	{ 63, "valid", NULL, 0 },
	{ 61, "uncorrected", "uncorrected", 0 },
	{ 62, "overflow", "overflow", 0 },
	{ 57, "processor_context_corrupt", "processor context corrupt", 0 },
	{ 56, "signalled", "signalled", 1 },
	{ 55, "action_required", "action required", 1 },
	{ 55, "task_context_corrupt", "task context corrupt", 2 },
	{ 44, "deferred", "deferred", 2 },
	{ 43, "poison", "poison", 2 },
	{ 60, "enabled", NULL, 0 },
	{ 58, "addr_valid", "address valid", 0 },
	{ 59, "misc_valid", "misc valid", 0 },
	{ 53, "syndrome_valid", "syndrome valid", 2 },
};

static int bit_applies(int vendor_rule, unsigned int vendor)
{
	return !vendor_rule || (vendor_rule == 2) == is_amd(vendor);
}

/* MCG_STATUS bits */
static const struct {
	unsigned int bit;
	const char *json, *text;
} mcg_bits[] = {
	{ 0, "restart_ip_valid", "restart IP valid" },
	{ 1, "error_ip_valid", "error IP valid" },
	{ 2, "in_machine_check", "in machine check" },
	{ 3, "local", "local to this CPU" },
};

/* Simple error codes: the whole 16 bits. */
static const struct {
	uint16_t code;
	const char *cls, *text;
} simple[] = {
	{ 0x0000, "none", "no error" },
	{ 0x0001, "unclassified", "unclassified error" },
	{ 0x0002, "microcode_rom_parity", "microcode ROM parity error" },
	{ 0x0003, "external", "external error (from another processor, BINIT#)" },
	{ 0x0004, "frc", "functional redundancy check (FRC) error" },
	{ 0x0005, "internal_parity", "internal parity error" },
	{ 0x0006, "smm_handler_code_access_violation",
	  "SMM handler code access violation" },
	{ 0x0400, "internal_timer", "internal timer error" },
	{ 0x0e0b, "io", "I/O error" },
};

static const char *const transaction[] = { "instruction", "data", "generic", "reserved" };
static const char *const level[] = { "level 0", "level 1", "level 2", "generic level" };
static const char *const request[16] = {
	"generic error", "generic read", "generic write", "data read",
	"data write", "instruction fetch", "prefetch", "eviction", "snoop",
};
static const char *const mem_transaction[8] = {
	"generic undefined request", "memory read error", "memory write error",
	"address/command error", "memory scrubbing error",
};
static const char *const participation[] = {
	"local processor originated the request", "local processor responded",
	"local processor observed the error as a third party", "generic",
};
static const char *const mem_or_io[] = { "memory access", "reserved", "I/O", "other transaction" };

static const char *or_reserved(const char *s)
{
	return s ? s : "reserved";
}

/* The compound codes: bit 12 (F, corrected error filtering) aside. */
static const char *compound(uint16_t code, char *buf, size_t len)
{
	uint16_t c = code & 0xefff;
	unsigned int ll = c & 3, tt = c >> 2 & 3, rrrr = c >> 4 & 0xf;

	if ((c & 0xfffc) == 0x000c) {
		snprintf(buf, len, "generic cache hierarchy: %s", level[ll]);
		return "generic_cache_hierarchy";
	}
	if ((c & 0xfff0) == 0x0010) {
		snprintf(buf, len, "TLB: %s, %s", transaction[tt], level[ll]);
		return "tlb";
	}
	if ((c & 0xff80) == 0x0080) {
		if ((c & 0xf) == 0xf)
			snprintf(buf, len, "memory controller: %s, channel not specified",
				 or_reserved(mem_transaction[c >> 4 & 7]));
		else
			snprintf(buf, len, "memory controller: %s, channel %u",
				 or_reserved(mem_transaction[c >> 4 & 7]), c & 0xf);
		return "memory_controller";
	}
	if ((c & 0xff00) == 0x0100) {
		snprintf(buf, len, "cache hierarchy: %s, %s, %s",
			 or_reserved(request[rrrr]), transaction[tt], level[ll]);
		return "cache_hierarchy";
	}
	if ((c & 0xf800) == 0x0800) {
		snprintf(buf, len, "bus/interconnect: %s, %s, %s, %s%s",
			 participation[c >> 9 & 3], or_reserved(request[rrrr]),
			 mem_or_io[c >> 2 & 3], level[ll],
			 c & 0x100 ? ", timed out" : "");
		return "bus_interconnect";
	}
	snprintf(buf, len, "model-specific or unknown error code");
	return "unknown";
}

const char *kc_mce_error(uint16_t code, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(simple); i++) {
		if (code == simple[i].code) {
			snprintf(buf, len, "%s", simple[i].text);
			return simple[i].cls;
		}
	}
	if ((code & 0xfc00) == 0x0400) {	/* 0000 01xx xxxx xxxx */
		snprintf(buf, len, "internal unclassified error");
		return "internal_unclassified";
	}
	return compound(code, buf, len);
}

static const struct {
	const char *json, *text;
} severities[] = {
	{ "none", "none (corrected)" },
	{ "deferred", "deferred" },
	{ "keep", "keep" },
	{ "some", "some" },
	{ "action_optional", "action optional" },
	{ "uncorrected", "uncorrected" },
	{ "action_required", "action required" },
	{ "panic", "panic" },
};

const char *kc_mce_severity_name(unsigned int severity)
{
	return severity < ARRAY_LEN(severities) ? severities[severity].json : "unknown";
}

const char *kc_mce_severity_text(unsigned int severity)
{
	return severity < ARRAY_LEN(severities) ? severities[severity].text : "unknown";
}

const char *kc_mce_vendor_name(unsigned int vendor)
{
	static const char *const names[] = {
		[V_INTEL] = "intel", [V_AMD] = "amd", [V_HYGON] = "hygon",
		[V_ZHAOXIN] = "zhaoxin",
	};

	return vendor < ARRAY_LEN(names) && names[vendor] ? names[vendor] : "unknown";
}

/* Append ", @s" (or @s first) to @buf. */
static void add_word(char *buf, size_t len, const char *s)
{
	size_t o = strlen(buf);

	if (o + 1 < len)
		snprintf(buf + o, len - o, "%s%s", o ? ", " : "", s);
}

void kc_mce_status_text(const struct kc_mce *m, char *buf, size_t len)
{
	size_t i;

	if (!len)
		return;
	buf[0] = '\0';
	if (!(m->status >> 63 & 1))
		add_word(buf, len, "not valid");
	if (!(m->status >> 61 & 1))
		add_word(buf, len, "corrected");
	for (i = 0; i < ARRAY_LEN(status_bits); i++)
		if (status_bits[i].text && m->status >> status_bits[i].bit & 1 &&
		    bit_applies(status_bits[i].vendor, m->cpuvendor))
			add_word(buf, len, status_bits[i].text);
}

static void mcg_text(FILE *f, uint64_t mcg)
{
	const char *sep = "";
	size_t i;

	for (i = 0; i < ARRAY_LEN(mcg_bits); i++) {
		if (mcg >> mcg_bits[i].bit & 1) {
			fprintf(f, "%s%s", sep, mcg_bits[i].text);
			sep = ", ";
		}
	}
	if (!*sep)
		fputs("none", f);
}

void kc_mce_text(FILE *f, uint64_t seq, const struct kc_mce *m)
{
	char bits[256], err[KC_MCE_ERROR_MAX], when[40];
	time_t t = (time_t)m->time;
	struct tm tm;

	kc_mce_status_text(m, bits, sizeof(bits));
	kc_mce_error((uint16_t)m->status, err, sizeof(err));
	if (m->from_log)
		fputs("machine check (from the crash's log)", f);
	else
		fprintf(f, "machine check #%" PRIu64, seq);
	fprintf(f, ": CPU %" PRIu32 " bank %" PRIu32
		": %s — status 0x%016" PRIx64 " addr 0x%" PRIx64 " misc 0x%" PRIx64
		" mcgstatus 0x%" PRIx64 " severity %s\n", m->cpu, m->bank, bits,
		m->status, m->addr, m->misc, m->mcgstatus,
		m->from_log ? "not in the log" : kc_mce_severity_text(m->severity));
	fprintf(f, "  error 0x%04x: %s; model-specific 0x%04x\n",
		(unsigned int)(m->status & 0xffff), err,
		(unsigned int)(m->status >> 16 & 0xffff));
	fputs("  MCG_STATUS: ", f);
	mcg_text(f, m->mcgstatus);
	fprintf(f, "; ip 0x%" PRIx64 " in %s mode\n", m->ip,
		(m->cs & 3) == 3 ? "user" : "kernel");
	fprintf(f, "  socket %" PRIu32 ", APIC id %" PRIu32 ", %s", m->socketid,
		m->apicid, kc_mce_vendor_name(m->cpuvendor));
	if (m->time && m->time < (uint64_t)1 << 40 && gmtime_r(&t, &tm) &&
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm))
		fprintf(f, ", %s", when);
	if (is_amd(m->cpuvendor))
		fprintf(f, ", synd 0x%" PRIx64 ", ipid 0x%" PRIx64, m->synd, m->ipid);
	fputc('\n', f);
}

void kc_mce_json(FILE *f, uint64_t seq, const struct kc_mce *m)
{
	char err[KC_MCE_ERROR_MAX];
	const char *cls = kc_mce_error((uint16_t)m->status, err, sizeof(err));
	const char *sep = "";
	size_t i;

	fputc('{', f);
	if (m->from_log)
		fputs("\"seq\":null,\"source\":\"log\"", f);
	else {
		kc_json_u64(f, 0, "seq", seq);
		fputs(",\"source\":\"record\"", f);
	}
	fprintf(f, ",\"cpu\":%" PRIu32 ",\"bank\":%" PRIu32 ",\"socket\":%" PRIu32
		",\"apicid\":%" PRIu32 ",\"vendor\":\"%s\"", m->cpu, m->bank,
		m->socketid, m->apicid, kc_mce_vendor_name(m->cpuvendor));
	kc_json_hex(f, 1, "status", m->status);
	fputs(",\"status_bits\":[", f);
	for (i = 0; i < ARRAY_LEN(status_bits); i++) {
		if (m->status >> status_bits[i].bit & 1 &&
		    bit_applies(status_bits[i].vendor, m->cpuvendor)) {
			fprintf(f, "%s\"%s\"", sep, status_bits[i].json);
			sep = ",";
		}
	}
	fprintf(f, "],\"error_code\":\"0x%04x\",\"error_class\":\"%s\",\"error\":",
		(unsigned int)(m->status & 0xffff), cls);
	kc_json_string(f, err);
	kc_json_hex(f, 1, "addr", m->addr);
	kc_json_hex(f, 1, "misc", m->misc);
	kc_json_hex(f, 1, "mcgstatus", m->mcgstatus);
	fputs(",\"mcg_bits\":[", f);
	for (i = 0, sep = ""; i < ARRAY_LEN(mcg_bits); i++) {
		if (m->mcgstatus >> mcg_bits[i].bit & 1) {
			fprintf(f, "%s\"%s\"", sep, mcg_bits[i].json);
			sep = ",";
		}
	}
	fputc(']', f);
	kc_json_hex(f, 1, "ip", m->ip);
	fprintf(f, ",\"cs\":%u,\"user_mode\":%s", m->cs,
		(m->cs & 3) == 3 ? "true" : "false");
	kc_json_u64(f, 1, "tsc", m->tsc);
	kc_json_wall(f, 1, "time", m->time < UINT64_MAX / 1000000000u ?
		     m->time * 1000000000u : 0);
	kc_json_hex(f, 1, "synd", m->synd);
	kc_json_hex(f, 1, "ipid", m->ipid);
	fprintf(f, ",\"severity\":\"%s\"}", kc_mce_severity_name(m->severity));
}
