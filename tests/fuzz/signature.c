// SPDX-License-Identifier: GPL-2.0
/*
 * A crash's title and signature (signature.c) from any event: the input's
 * first byte is the cause, its first line the message, each line after it
 * a frame's symbol text. The title must be one line of printable ASCII
 * within its buffer, the culprit a bare name, the hash 16 hex digits, and
 * the same event must give the same signature. The helpers also get the
 * input itself, exactly its length, so ASan sees a read past its end.
 */
#include <stdio.h>

#include "signature.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_printable(const char *s, size_t max)
{
	size_t n = strnlen(s, max), i;

	if (n >= max)
		abort();
	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] >= 0x7f)
			abort();
}

static void check_name(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	if (n >= max || strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			       "0123456789_") != n)
		abort();
}

/* Copy the line at *@p (up to '\n' or the end) into @dst of @len bytes. */
static void take_line(const char **p, char *dst, size_t len)
{
	size_t n = strcspn(*p, "\n");

	snprintf(dst, len, "%.*s", (int)n, *p);
	*p += n + (((*p)[n] == '\n') ? 1 : 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_rec *e = calloc(1, sizeof(*e));
	struct kc_signature *s = calloc(2, sizeof(*s));
	char *text = fuzz_text(data, size);
	char name[KC_FUNC_MAX], msg[KC_TITLE_MSG_MAX + 1];
	const char *p;

	if (!e || !s || !text)
		goto out;
	kc_title_message(text, msg, sizeof(msg));
	check_printable(msg, sizeof(msg));
	kc_title_message(text, msg, 1 + size % 8);
	check_printable(msg, 1 + size % 8);
	kc_sym_function(text, name, sizeof(name));
	check_name(name, sizeof(name));
	kc_sym_function(text, name, 1 + size % 8);
	check_name(name, 1 + size % 8);
	kc_is_plumbing(text);

	e->kind = KCRUMBS_REC_EVENT;
	e->cause = size ? data[0] % (__KCRUMBS_CAUSE_MAX + 2) : 0;
	p = size ? text + 1 : text;
	take_line(&p, e->msg, sizeof(e->msg));
	while (*p && e->nr_frames < KC_MAX_FRAMES)
		take_line(&p, e->frames[e->nr_frames++].sym, KC_SYM_MAX);
	kc_signature(e, &s[0]);
	check_printable(s[0].title, sizeof(s[0].title));
	check_name(s[0].culprit, sizeof(s[0].culprit));
	check_name(s[0].more[0], sizeof(s[0].more[0]));
	check_name(s[0].more[1], sizeof(s[0].more[1]));
	if (strlen(s[0].hash) != 16 || strspn(s[0].hash, "0123456789abcdef") != 16 ||
	    s[0].hashed > KC_SIG_MORE)
		abort();
	kc_signature(e, &s[1]);
	if (strcmp(s[0].hash, s[1].hash) || strcmp(s[0].title, s[1].title))
		abort();
out:
	free(e);
	free(s);
	free(text);
	return 0;
}
