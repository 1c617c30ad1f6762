/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A crash's title and signature, from its event: the title says what
 * happened and where, as syzbot's do ("BUG: kernel NULL pointer
 * dereference in foo"); the signature is a short hash that stays the same
 * for the same bug across boots, KASLR and rebuilds, so crashes can be
 * counted and grouped. Pure: no I/O. docs/json.md says what goes in.
 */
#ifndef KC_SIGNATURE_H
#define KC_SIGNATURE_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"

#define KC_TITLE_MAX	320
/* a function name: what is left of a frame's symbol (KC_SYM_MAX) */
#define KC_FUNC_MAX	KC_SYM_MAX
/* the part of a message a title keeps */
#define KC_TITLE_MSG_MAX 160
/* how many functions past the culprit go into the signature */
#define KC_SIG_MORE	2

/**
 * struct kc_signature - what kc_signature() makes of an event
 * @title: one line of printable ASCII, never an address, offset or module
 * @culprit: the first frame that is not plumbing (the crash's function),
 *	its name alone; "" when there is none
 * @more: the next %KC_SIG_MORE such names after it ("" when fewer)
 * @hashed: how many of @more went into @hash
 * @value: the 64-bit FNV-1a hash
 * @hash: @value as 16 lowercase hex digits
 */
struct kc_signature {
	char title[KC_TITLE_MAX];
	char culprit[KC_FUNC_MAX];
	char more[KC_SIG_MORE][KC_FUNC_MAX];
	unsigned int hashed;
	uint64_t value;
	char hash[17];
};

/**
 * kc_signature() - title and signature of an event
 * @e: a decoded event (its cause, message and frames)
 * @s: filled
 *
 * The culprit is the first frame, in order, that names a function (not
 * "?"-marked, not a bare address) and is not plumbing: the kernel's ways
 * into panic, die, warnings, watchdogs, NMIs, machine checks, the OOM
 * killer and the scheduler, tracing, and kcrumbs' own module. The title
 * comes from the cause (for an oops, from its message too); " in
 * CULPRIT" ends it when the cause's rule names a function and there is
 * one. The hash is 64-bit FNV-1a over the cause's name, a NUL, the title,
 * a NUL, then, only when the title names the culprit, each of the next
 * two non-plumbing function names followed by a NUL.
 */
void kc_signature(const struct kc_rec *e, struct kc_signature *s);

/**
 * kc_culprit_frame() - which of @e's frames is the culprit
 * @e: a decoded event
 *
 * Return: the index of the first frame that names a function that is not
 * plumbing (as kc_signature() finds its culprit), or -1.
 */
int kc_culprit_frame(const struct kc_rec *e);

/**
 * kc_sym_function() - the function name in a frame's symbol text
 * @sym: "name+0x16/0x20 [module]", "name.cold+0x4/0x8", "? name+0x1/0x2"
 * @out: the name alone: [A-Za-z0-9_], cut at the first other byte (so
 *	".cold", ".isra.0", ".constprop.0", ".part.0", ".llvm.123" go)
 * @len: bytes at @out (at least 1)
 *
 * Return: the name's length; 0 (and "" in @out) for a "?"-marked frame,
 * a bare address or anything that does not start with a name.
 */
size_t kc_sym_function(const char *sym, char *out, size_t len);

/**
 * kc_is_plumbing() - is @name a frame that says how the kernel died
 *	rather than where? (a table in signature.c)
 * @name: a function name from kc_sym_function()
 */
int kc_is_plumbing(const char *name);

/**
 * kc_title_message() - a message as a title carries it
 * @msg: any bytes, NUL-terminated
 * @out: printable ASCII: numbers and hex runs become "N", symbol offsets
 *	("+0x1a/0x40") go, white space and control bytes become one space,
 *	other bytes "?"; at most %KC_TITLE_MSG_MAX bytes
 * @len: bytes at @out (at least 1)
 */
void kc_title_message(const char *msg, char *out, size_t len);

/* 64-bit FNV-1a of @n bytes at @p, continuing from @h (start: KC_FNV_BASIS). */
#define KC_FNV_BASIS 0xcbf29ce484222325ull
uint64_t kc_fnv1a(uint64_t h, const void *p, size_t n);

#endif
