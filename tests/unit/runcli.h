/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Run the kcrumbs binary (KCRUMBS_BIN) as a user would, and keep its exit
 * code, standard output and standard error for the test to look at.
 */
#ifndef KC_TEST_RUNCLI_H
#define KC_TEST_RUNCLI_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

struct run {
	int rc;
	char *out;
	char *err;
};

static inline char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

static inline void run(struct run *r, const char *args)
{
	char outp[] = "/tmp/kc-cli-out.XXXXXX", errp[] = "/tmp/kc-cli-err.XXXXXX";
	const char *bin = getenv("KCRUMBS_BIN");
	char cmd[2048];
	int fo, fe, st;

	assert_non_null(bin);
	fo = mkstemp(outp);
	fe = mkstemp(errp);
	assert_true(fo >= 0 && fe >= 0);
	close(fo);
	close(fe);
	snprintf(cmd, sizeof(cmd), "'%s' %s >%s 2>%s </dev/null", bin, args,
		 outp, errp);
	st = system(cmd);
	assert_true(WIFEXITED(st));
	r->rc = WEXITSTATUS(st);
	r->out = slurp(outp);
	r->err = slurp(errp);
	unlink(outp);
	unlink(errp);
}

static inline void done(struct run *r)
{
	free(r->out);
	free(r->err);
}

#endif
