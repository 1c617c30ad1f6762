/* SPDX-License-Identifier: GPL-2.0 */
/* Printing decoded breadcrumbs, for people (text) and scripts (JSON). */
#ifndef KC_REPORT_H
#define KC_REPORT_H

#include <stdio.h>

#include "decode.h"
#include "source.h"

#define KC_READ_JSON_SCHEMA 2

/**
 * kc_report_text() - breadcrumbs for a person
 * @f: where
 * @src: where they came from
 * @r: the decoded region
 * @log_lines: how many log tail lines to show (0: all)
 */
void kc_report_text(FILE *f, const struct kc_region_bytes *src,
		    const struct kc_region *r, unsigned int log_lines);

/* Breadcrumbs for a script: schema KC_READ_JSON_SCHEMA, docs/json.md. */
void kc_report_json(FILE *f, const struct kc_region_bytes *src,
		    const struct kc_region *r);

/* The JSON when nothing could be read: {"schema":1,"error":...,"exit":N}. */
void kc_report_json_error(FILE *f, const char *why, int exit_code);

#endif
