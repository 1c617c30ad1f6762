/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text from a crashed kernel's memory, safe for a terminal. Whatever the
 * region holds (a release string, a task name, a symbol, a log line, a
 * mark) reaches the operator's terminal only as printable text: an
 * ESC]0;...BEL or ESC[2J there must not retitle or clear it.
 */
#ifndef KC_TEXT_H
#define KC_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Keep newlines and tabs (a log tail); else they are escaped too. */
#define KC_TEXT_LINES		0x1
/* Double backslashes, so that every \xNN in the output is an escape. */
#define KC_TEXT_BACKSLASH	0x2

/**
 * kc_text() - write @n bytes of @s, escaped for a terminal
 * @f: where to write
 * @s: the bytes (a NUL among them is escaped, not an end)
 * @n: how many
 * @flags: KC_TEXT_*
 *
 * Valid UTF-8 is written as it is, but for the C0 and C1 control
 * characters and DEL; those, and every byte that is not part of valid
 * UTF-8, are written as \xNN.
 */
void kc_text(FILE *f, const char *s, size_t n, unsigned int flags);

/* kc_text() of a NUL-terminated string, on one line. */
void kc_text_str(FILE *f, const char *s);

#endif
