/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the libFuzzer harnesses: a file in memory for the readers
 * that take a path, and everything the CLI does with a decoded region
 * (text and JSON reports, the last-boot verdict), JSON checked.
 */
#ifndef KC_FUZZ_H
#define KC_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "decode.h"
#include "json_check.h"
#include "lastboot.h"
#include "report.h"
#include "source.h"

/*
 * @data in a memfd, its path in @path ("/proc/self/fd/N"): the readers
 * open() a path, and a memfd keeps the disk out of every execution.
 * Return: the fd (close it), or -1.
 */
static inline int fuzz_memfile(const uint8_t *data, size_t size, char *path,
			       size_t len)
{
	int fd = memfd_create("kc-fuzz", MFD_CLOEXEC);
	size_t off = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (off < size) {
		n = write(fd, data + off, size - off);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return fd;
}

/* Run @fn(f, ...) into memory; check the result is one JSON document. */
#define FUZZ_JSON(what, call)						\
	do {								\
		char *doc_ = NULL;					\
		size_t n_ = 0;						\
		FILE *f = open_memstream(&doc_, &n_);			\
		if (!f)							\
			abort();					\
		call;							\
		fclose(f);						\
		json_check_or_abort(what, doc_, n_);			\
		free(doc_);						\
	} while (0)

/*
 * A log tail points into the region's bytes, between record headers: a
 * read just before or after it stays inside the buffer, where ASan cannot
 * see it. Each tail gets an allocation of its own, exactly its length.
 */
static inline void fuzz_isolate_texts(struct kc_region *r)
{
	unsigned int i;
	char *t;

	for (i = 0; i < r->n_recs; i++) {
		if (!r->recs[i].text)
			continue;
		t = malloc(r->recs[i].text_len ? r->recs[i].text_len : 1);
		if (!t)
			abort();
		memcpy(t, r->recs[i].text, r->recs[i].text_len);
		r->recs[i].text = t;
	}
}

static inline void fuzz_free_texts(struct kc_region *r)
{
	unsigned int i;

	for (i = 0; i < r->n_recs; i++)
		free((char *)r->recs[i].text);
}

/* What `read`, `read --json` and `last-boot` do with a region's bytes. */
static inline void fuzz_region(const struct kc_region_bytes *src)
{
	struct kc_verdict v;
	struct kc_region r;
	const char *why;
	FILE *null;

	if (kc_region_decode(src->buf, src->len, &r, &why))
		return;
	fuzz_isolate_texts(&r);
	null = fopen("/dev/null", "w");
	if (!null)
		abort();
	kc_report_text(null, src, &r, 0);
	kc_report_text(null, src, &r, 3);
	FUZZ_JSON("kc_report_json", kc_report_json(f, src, &r));
	kc_last_boot(&r, &v);
	kc_last_boot_text(null, &r, &v);
	FUZZ_JSON("kc_last_boot_json", kc_last_boot_json(f, &r, &v));
	fclose(null);
	fuzz_free_texts(&r);
	kc_region_free(&r);
}

#endif
