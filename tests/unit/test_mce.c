// SPDX-License-Identifier: GPL-2.0
/* Unit tests: a machine check in words (mce.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "decode.h"
#include "mce.h"
#include "region_builder.h"

/* The SDM's simple and compound error codes (vol. 3B, table 16-7 on). */
static void test_error_codes(void **state)
{
	static const struct {
		uint16_t code;
		const char *cls, *text;
	} cases[] = {
		{ 0x0000, "none", "no error" },
		{ 0x0001, "unclassified", "unclassified error" },
		{ 0x0002, "microcode_rom_parity", "microcode ROM parity error" },
		{ 0x0003, "external", "external error (from another processor, BINIT#)" },
		{ 0x0004, "frc", "functional redundancy check (FRC) error" },
		{ 0x0005, "internal_parity", "internal parity error" },
		{ 0x0006, "smm_handler_code_access_violation", "SMM handler code access violation" },
		{ 0x0400, "internal_timer", "internal timer error" },
		{ 0x0e0b, "io", "I/O error" },
		{ 0x0401, "internal_unclassified", "internal unclassified error" },
		{ 0x07ff, "internal_unclassified", "internal unclassified error" },
		{ 0x000e, "generic_cache_hierarchy", "generic cache hierarchy: level 2" },
		{ 0x100c, "generic_cache_hierarchy", "generic cache hierarchy: level 0" },
		{ 0x0015, "tlb", "TLB: data, level 1" },
		{ 0x0010, "tlb", "TLB: instruction, level 0" },
		{ 0x009f, "memory_controller",
		  "memory controller: memory read error, channel not specified" },
		{ 0x0092, "memory_controller", "memory controller: memory read error, channel 2" },
		{ 0x10c0, "memory_controller",
		  "memory controller: memory scrubbing error, channel 0" },
		{ 0x00f0, "memory_controller", "memory controller: reserved, channel 0" },
		{ 0x0136, "cache_hierarchy", "cache hierarchy: data read, data, level 2" },
		{ 0x0150, "cache_hierarchy", "cache hierarchy: instruction fetch, instruction, level 0" },
		{ 0x01f0, "cache_hierarchy", "cache hierarchy: reserved, instruction, level 0" },
		{ 0x0c0f, "bus_interconnect",
		  "bus/interconnect: local processor observed the error as a third party, "
		  "generic error, other transaction, generic level" },
		{ 0x0e0f, "bus_interconnect",
		  "bus/interconnect: generic, generic error, other transaction, generic level" },
		{ 0x0813, "bus_interconnect",
		  "bus/interconnect: local processor originated the request, generic read, "
		  "memory access, generic level" },
		{ 0x0d0f, "bus_interconnect",
		  "bus/interconnect: local processor observed the error as a third party, "
		  "generic error, other transaction, generic level, timed out" },
		{ 0x0908, "bus_interconnect",
		  "bus/interconnect: local processor originated the request, generic error, "
		  "I/O, level 0, timed out" },
		{ 0x0020, "unknown", "model-specific or unknown error code" },
		{ 0xffff, "unknown", "model-specific or unknown error code" },
	};
	char buf[KC_MCE_ERROR_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_string_equal(kc_mce_error(cases[i].code, buf, sizeof(buf)), cases[i].cls);
		assert_string_equal(buf, cases[i].text);
	}
	/* cut, never past the buffer */
	assert_string_equal(kc_mce_error(0x0e0f, buf, 8), "bus_interconnect");
	assert_string_equal(buf, "bus/int");
}

static void test_status_words(void **state)
{
	struct kc_mce m = { 0 };
	char buf[256];

	(void)state;
	m.status = 0xbe00000000800400ull;	/* VAL UC EN MISCV ADDRV PCC */
	kc_mce_status_text(&m, buf, sizeof(buf));
	assert_string_equal(buf, "uncorrected, processor context corrupt, address valid, misc valid");
	m.status = 0x9c0000000000017aull;	/* VAL EN MISCV ADDRV: corrected */
	kc_mce_status_text(&m, buf, sizeof(buf));
	assert_string_equal(buf, "corrected, address valid, misc valid");
	m.status = 0xf980000000000000ull;	/* + OVER S AR, no ADDRV */
	kc_mce_status_text(&m, buf, sizeof(buf));
	assert_string_equal(buf, "uncorrected, overflow, signalled, action required, misc valid");
	m.status = 0;
	kc_mce_status_text(&m, buf, sizeof(buf));
	assert_string_equal(buf, "not valid, corrected");
	/* AMD: bit 55 is TCC, bit 56 not S; deferred, poison, syndrome valid */
	m.cpuvendor = 2;
	m.status = 0xb180180000000000ull | 1ull << 53;
	kc_mce_status_text(&m, buf, sizeof(buf));
	assert_string_equal(buf, "uncorrected, task context corrupt, deferred, poison, "
			    "syndrome valid");
	kc_mce_status_text(&m, buf, 12);
	assert_string_equal(buf, "uncorrected");
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(kc_mce_severity_name(0), "none");
	assert_string_equal(kc_mce_severity_name(4), "action_optional");
	assert_string_equal(kc_mce_severity_name(7), "panic");
	assert_string_equal(kc_mce_severity_name(8), "unknown");
	assert_string_equal(kc_mce_severity_text(0), "none (corrected)");
	assert_string_equal(kc_mce_severity_text(6), "action required");
	assert_string_equal(kc_mce_vendor_name(0), "intel");
	assert_string_equal(kc_mce_vendor_name(2), "amd");
	assert_string_equal(kc_mce_vendor_name(9), "hygon");
	assert_string_equal(kc_mce_vendor_name(10), "zhaoxin");
	assert_string_equal(kc_mce_vendor_name(1), "unknown");
	assert_string_equal(kc_mce_vendor_name(255), "unknown");
}

static struct kc_mce decoded(uint64_t status, uint8_t severity)
{
	struct kc_region r;
	struct kc_mce m;
	const char *why;
	struct rb b;

	rb_init(&b, 2, 4096);
	rb_mce(&b, 0, status, severity, sizeof(struct kcrumbs_mce));
	assert_int_equal(kc_region_decode(b.buf, b.len, &r, &why), 0);
	assert_int_equal(r.n_recs, 1);
	assert_int_equal(r.recs[0].cause, KCRUMBS_CAUSE_MCE);
	m = r.recs[0].mce;
	kc_region_free(&r);
	free(b.buf);
	return m;
}

static char *print(const struct kc_mce *m, int json)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (json)
		kc_mce_json(f, 5, m);
	else
		kc_mce_text(f, 5, m);
	fclose(f);
	return out;
}

static void test_decoded_and_printed(void **state)
{
	struct kc_mce m = decoded(0xbe00000000800400ull, 7);
	char *out;

	(void)state;
	assert_true(m.status == 0xbe00000000800400ull);
	assert_true(m.addr == 0x12345000);
	assert_true(m.misc == 0x86);
	assert_true(m.mcgstatus == 0x5);
	assert_true(m.ip == 0xffffffff81234567ull);
	assert_int_equal(m.bank, 4);
	assert_int_equal(m.cpu, 2);
	assert_int_equal(m.socketid, 1);
	assert_int_equal(m.apicid, 6);
	assert_int_equal(m.severity, 7);
	assert_int_equal(m.cs, 0x10);
	out = print(&m, 0);
	assert_string_equal(out,
		"machine check #5: CPU 2 bank 4: uncorrected, processor context corrupt, "
		"address valid, misc valid — status 0xbe00000000800400 addr 0x12345000 "
		"misc 0x86 mcgstatus 0x5 severity panic\n"
		"  error 0x0400: internal timer error; model-specific 0x0080\n"
		"  MCG_STATUS: restart IP valid, in machine check; ip 0xffffffff81234567 "
		"in kernel mode\n"
		"  socket 1, APIC id 6, intel, 2026-11-18 11:06:41 UTC\n");
	free(out);
	out = print(&m, 1);
	assert_string_equal(out,
		"{\"seq\":\"5\",\"source\":\"record\",\"cpu\":2,\"bank\":4,\"socket\":1,\"apicid\":6,"
		"\"vendor\":\"intel\",\"status\":\"0xbe00000000800400\",\"status_bits\":"
		"[\"valid\",\"uncorrected\",\"processor_context_corrupt\",\"enabled\","
		"\"addr_valid\",\"misc_valid\"],\"error_code\":\"0x0400\","
		"\"error_class\":\"internal_timer\",\"error\":\"internal timer error\","
		"\"addr\":\"0x12345000\",\"misc\":\"0x86\",\"mcgstatus\":\"0x5\","
		"\"mcg_bits\":[\"restart_ip_valid\",\"in_machine_check\"],"
		"\"ip\":\"0xffffffff81234567\",\"cs\":16,\"user_mode\":false,"
		"\"tsc\":\"123456789\",\"time_ns\":\"1795000001000000000\","
		"\"time\":\"2026-11-18T11:06:41.000Z\",\"synd\":\"0x0\",\"ipid\":\"0x0\","
		"\"severity\":\"panic\"}");
	free(out);

	/* corrected, in user mode, no time, AMD's syndrome shown */
	m = decoded(0x9c0000000000017aull, 0);
	m.cs = 0x33;
	m.time = 0;
	m.mcgstatus = 0;
	m.cpuvendor = 2;
	m.synd = 0xabc;
	out = print(&m, 0);
	assert_non_null(strstr(out, ": corrected, address valid, misc valid — "));
	assert_non_null(strstr(out, "severity none (corrected)\n"));
	assert_non_null(strstr(out, "  error 0x017a: cache hierarchy: eviction, generic, "
			       "level 2; model-specific 0x0000\n"));
	assert_non_null(strstr(out, "  MCG_STATUS: none; ip 0xffffffff81234567 in user mode\n"));
	assert_non_null(strstr(out, "  socket 1, APIC id 6, amd, synd 0xabc, ipid 0x0\n"));
	free(out);
	out = print(&m, 1);
	assert_non_null(strstr(out, "\"mcg_bits\":[],"));
	assert_non_null(strstr(out, "\"user_mode\":true,"));
	assert_non_null(strstr(out, "\"time_ns\":\"0\",\"time\":null,"));
	assert_non_null(strstr(out, "\"severity\":\"none\"}"));
	free(out);
	m.time = UINT64_MAX;	/* never past what a time can hold */
	out = print(&m, 1);
	assert_non_null(strstr(out, "\"time\":null,"));
	free(out);
	out = print(&m, 0);
	assert_null(strstr(out, " UTC"));
	free(out);
}

/* mce_panic()'s own lines, as 6.1 printed them in the VM (QEMU's mce) */
static void test_from_log(void **state)
{
	static const char log[] =
		"[    9.70] mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 1: 9000000000000080\n"
		"[    9.70] mce: [Hardware Error]: TSC 0 \n"
		"[    9.70] mce: [Hardware Error]: PROCESSOR 2:60fb1 TIME 1796096285 SOCKET 0 APIC 0 microcode 1000065\n"
		"[    9.72] Some other line\n"
		"[    9.72] mce: [Hardware Error]: CPU 0: Machine Check Exception: 4 Bank 2: b200000000000151\n"
		"[    9.72] mce: [Hardware Error]: RIP 10:<ffffffff81021db6> {native_safe_halt+0x6/0x10}\n"
		"[    9.72] mce: [Hardware Error]: TSC 0 ADDR 7654000 MISC 8c \n"
		"[    9.72] mce: [Hardware Error]: PROCESSOR 2:60fb1 TIME 1796096288 SOCKET 1 APIC 2 microcode 1000065\n"
		"[    9.72] mce: [Hardware Error]: Machine check: Processor context corrupt\n"
		/* printed again as the final one */
		"[    9.72] mce: [Hardware Error]: CPU 0: Machine Check Exception: 4 Bank 2: b200000000000151\n"
		"[    9.72] mce: [Hardware Error]: TSC 0 ADDR 7654000 MISC 8c \n"
		"[    9.73] Kernel panic - not syncing: Fatal local machine check\n";
	struct kc_mce m[4];
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(kc_mce_from_log(log, sizeof(log) - 1, m, 4), 2);
	assert_int_equal(m[0].bank, 1);
	assert_true(m[0].status == 0x9000000000000080ull);
	assert_int_equal(m[1].cpu, 0);
	assert_int_equal(m[1].bank, 2);
	assert_true(m[1].status == 0xb200000000000151ull);
	assert_true(m[1].mcgstatus == 4);
	assert_true(m[1].addr == 0x7654000);
	assert_true(m[1].misc == 0x8c);
	assert_true(m[1].ip == 0xffffffff81021db6ull);
	assert_int_equal(m[1].cs, 0x10);
	assert_int_equal(m[1].cpuvendor, 2);
	assert_int_equal(m[1].socketid, 1);
	assert_int_equal(m[1].apicid, 2);
	assert_true(m[1].time == 1796096288);
	assert_true(m[1].from_log);
	f = open_memstream(&out, &len);
	kc_mce_text(f, 0, &m[1]);
	kc_mce_json(f, 0, &m[1]);
	fclose(f);
	assert_non_null(strstr(out, "machine check (from the crash's log): CPU 0 bank 2: uncorrected"));
	assert_non_null(strstr(out, "processor context corrupt"));
	assert_non_null(strstr(out, "severity not in the log"));
	assert_non_null(strstr(out, "{\"seq\":null,\"source\":\"log\",\"cpu\":0,\"bank\":2,"));
	free(out);
	/* hostile: cut short, no numbers, nothing */
	assert_int_equal(kc_mce_from_log("[Hardware Error]: CPU", 21, m, 4), 0);
	assert_int_equal(kc_mce_from_log("[Hardware Error]: CPU x: Machine Check: Bank", 44, m, 4), 0);
	assert_int_equal(kc_mce_from_log("", 0, m, 4), 0);
	assert_int_equal(kc_mce_from_log(log, sizeof(log) - 1, m, 1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_codes),
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_decoded_and_printed),
		cmocka_unit_test(test_from_log),
	};

	return cmocka_run_group_tests_name("mce", tests, NULL, NULL);
}
