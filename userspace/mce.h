/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A machine check the kernel logged (a KCRUMBS_REC_MCE record), in words:
 * the bank's status bits, the architectural MCA error code (Intel SDM
 * vol. 3B, "Interpreting the MCA Error Codes"), MCG_STATUS and the
 * kernel's severity. Pure: writes only to the FILE or buffer it is given.
 */
#ifndef KC_MCE_H
#define KC_MCE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decode.h"

#define KC_MCE_ERROR_MAX 160

/**
 * kc_mce_error() - the MCA error code (status bits 15:0) in words
 * @code: the error code
 * @buf: "internal timer error", "cache hierarchy: data read, data,
 *	level 2", "memory controller: memory read error, channel 2", ...
 * @len: bytes at @buf (KC_MCE_ERROR_MAX hold any)
 *
 * Return: the class, for JSON: "none", "unclassified",
 * "microcode_rom_parity", "external", "frc", "internal_parity",
 * "smm_handler_code_access_violation", "internal_timer", "io",
 * "internal_unclassified", "generic_cache_hierarchy", "tlb",
 * "memory_controller", "cache_hierarchy", "bus_interconnect" or "unknown".
 */
const char *kc_mce_error(uint16_t code, char *buf, size_t len);

/* The kernel's grading: "none" .. "panic" (JSON) or in words (text). */
const char *kc_mce_severity_name(unsigned int severity);
const char *kc_mce_severity_text(unsigned int severity);

/* X86_VENDOR_*: "intel", "amd", "hygon", "zhaoxin", else "unknown". */
const char *kc_mce_vendor_name(unsigned int vendor);

/**
 * kc_mce_status_text() - the status bits in words, as a person reads them
 * @m: the machine check
 * @buf: "uncorrected, processor context corrupt, address valid, misc
 *	valid" (the bits this CPU's vendor defines; "not valid" first when
 *	bit 63 is clear)
 * @len: bytes at @buf (256 hold any)
 */
void kc_mce_status_text(const struct kc_mce *m, char *buf, size_t len);

/* The machine check on the time line: a line, then its details. */
void kc_mce_text(FILE *f, uint64_t seq, const struct kc_mce *m);

/* The machine check as a JSON object (docs/json.md, `read`). */
void kc_mce_json(FILE *f, uint64_t seq, const struct kc_mce *m);

/* Not a severity the kernel grades with: one read from the log. */
#define KC_MCE_SEVERITY_UNKNOWN 0xff

/**
 * kc_mce_from_log() - the machine checks mce_panic() printed
 * @text: the crashed kernel's log lines (a log tail)
 * @len: its bytes
 * @out: where to put them, each with @from_log set and the severity
 *	KC_MCE_SEVERITY_UNKNOWN (the log does not say it)
 * @max: room in @out
 *
 * Return: how many, in log order, one printed twice kept once.
 */
unsigned int kc_mce_from_log(const char *text, size_t len, struct kc_mce *out,
			     unsigned int max);

#endif
