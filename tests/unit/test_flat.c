// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: makedumpfile's flattened format (kdump-tools' dump.<stamp>)
 * is turned back into the file it stands for, blocks out of order and
 * overlapping included; a stream cut short keeps what came before; a
 * block out of bounds, a wrong signature or version is refused.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "flat.h"

static void put_be64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static int memfd(void)
{
	int fd = memfd_create("kc-flat", MFD_CLOEXEC);

	assert_true(fd >= 0);
	return fd;
}

/* A stream: the 4096-byte header, then blocks appended with add(). */
static int stream(uint64_t type, uint64_t version)
{
	uint8_t hdr[KC_FLAT_HDR_SIZE] = "makedumpfile";
	int fd = memfd();

	put_be64(hdr + 16, type);
	put_be64(hdr + 24, version);
	assert_int_equal(write(fd, hdr, sizeof(hdr)), sizeof(hdr));
	return fd;
}

static void add(int fd, uint64_t off, uint64_t size, const void *data,
		size_t len)
{
	uint8_t b[16];

	put_be64(b, off);
	put_be64(b + 8, size);
	assert_int_equal(write(fd, b, 16), 16);
	if (len)
		assert_int_equal(write(fd, data, len), (ssize_t)len);
}

static void end(int fd)
{
	add(fd, UINT64_MAX, UINT64_MAX, NULL, 0);
}

static int run(int in, int *out, const char **why)
{
	*out = memfd();
	assert_int_equal(lseek(in, 0, SEEK_SET), 0);
	return kc_flat_unflatten(in, *out, why);
}

static void test_rebuilds_the_file(void **state)
{
	static uint8_t big[200000];
	const char *why = NULL;
	uint8_t got[200100];
	int in = stream(1, 1), out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7);
	/* out of order, a hole, a rewrite of the first bytes (the header
	 * written again at the end, as makedumpfile does) */
	add(in, 100, sizeof(big), big, sizeof(big));
	add(in, 0, 4, "AAAA", 4);
	add(in, 0, 2, "BB", 2);
	end(in);
	/* bytes after the end marker are not read */
	assert_int_equal(write(in, "junk", 4), 4);
	assert_int_equal(run(in, &out, &why), 0);
	assert_int_equal(lseek(out, 0, SEEK_END), 100 + sizeof(big));
	assert_int_equal(pread(out, got, sizeof(got), 0), 100 + sizeof(big));
	assert_memory_equal(got, "BBAA", 4);
	for (i = 4; i < 100; i++)
		assert_int_equal(got[i], 0);
	assert_memory_equal(got + 100, big, sizeof(big));
	close(in);
	close(out);
}

static void test_cut_short_keeps_what_came(void **state)
{
	const char *why = NULL;
	char got[8];
	int in = stream(1, 1), out;

	(void)state;
	add(in, 0, 4, "ABCD", 4);
	add(in, 4, 100, "EF", 2);	/* says 100, has 2 */
	assert_int_equal(run(in, &out, &why), 1);
	assert_non_null(strstr(why, "cut short"));
	assert_int_equal(pread(out, got, 6, 0), 6);
	assert_memory_equal(got, "ABCDEF", 6);
	close(in);
	close(out);

	/* no end marker, cut between blocks */
	in = stream(1, 1);
	add(in, 0, 4, "ABCD", 4);
	assert_int_equal(write(in, "\0\0\0", 3), 3);
	assert_int_equal(run(in, &out, &why), 1);
	close(in);
	close(out);
}

static void test_refuses_bad_streams(void **state)
{
	const char *why = NULL;
	int in, out;

	(void)state;
	/* version 2, type 2: not the format we know */
	in = stream(1, 2);
	end(in);
	assert_int_equal(run(in, &out, &why), -ENOEXEC);
	close(in);
	close(out);
	in = stream(2, 1);
	end(in);
	assert_int_equal(run(in, &out, &why), -ENOEXEC);
	close(in);
	close(out);
	/* a header cut short */
	in = memfd();
	assert_int_equal(write(in, "makedumpfile", 12), 12);
	assert_int_equal(run(in, &out, &why), -ENOEXEC);
	close(in);
	close(out);
	/* offsets that wrap or pass 1 TiB, a block over 1 GiB, a negative offset */
	in = stream(1, 1);
	add(in, UINT64_MAX - 1, 4, "ABCD", 4);
	assert_int_equal(run(in, &out, &why), -EINVAL);
	assert_non_null(strstr(why, "out of bounds"));
	close(in);
	close(out);
	in = stream(1, 1);
	add(in, KC_FLAT_MAX_END - 2, 4, "ABCD", 4);
	assert_int_equal(run(in, &out, &why), -EINVAL);
	close(in);
	close(out);
	in = stream(1, 1);
	add(in, 0, KC_FLAT_MAX_BLOCK + 1, "ABCD", 4);
	assert_int_equal(run(in, &out, &why), -EINVAL);
	assert_int_equal(lseek(out, 0, SEEK_END), 0);
	close(in);
	close(out);
	in = stream(1, 1);
	add(in, UINT64_MAX, 4, "ABCD", 4);	/* -1 offset, not the end marker */
	assert_int_equal(run(in, &out, &why), -EINVAL);
	close(in);
	close(out);
}

static void test_signature(void **state)
{
	uint8_t h[32] = "makedumpfile";

	(void)state;
	put_be64(h + 16, 1);
	put_be64(h + 24, 1);
	assert_true(kc_flat_is(h, sizeof(h)));
	assert_false(kc_flat_is(h, 31));
	h[12] = 'x';	/* "makedumpfilex": the signature is NUL-padded */
	assert_false(kc_flat_is(h, sizeof(h)));
	memcpy(h, "KDUMP   ", 8);
	assert_false(kc_flat_is(h, sizeof(h)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rebuilds_the_file),
		cmocka_unit_test(test_cut_short_keeps_what_came),
		cmocka_unit_test(test_refuses_bad_streams),
		cmocka_unit_test(test_signature),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
