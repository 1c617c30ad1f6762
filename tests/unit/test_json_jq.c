// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests: every command's --json survives jq (Debian 12's jq 1.6 keeps
 * 53 bits of a number: 18446744071589476918 became 18446744071589476000).
 * Each output is parsed by jq and holds no number past 2^53 - 1; a crash
 * record's kernel addresses are hex strings and read back exactly.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fakeroot.h"
#include "nlerr.h"
#include "region_builder.h"
#include "runcli.h"

#include <elf.h>


static char fake[64];

static const char *const syms[] = {
	"panic+0x118/0x2f4", "sysrq_handle_crash+0x16/0x20", NULL,
};

/* jq -e PROGRAM on @json; its exit status */
static int jq(const char *json, const char *program)
{
	char path[] = "/tmp/kc-jq.XXXXXX", cmd[1024];
	int fd = mkstemp(path), rc;
	FILE *f = fdopen(fd, "w");

	assert_non_null(f);
	fputs(json, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "jq -e '%s' <%s >/dev/null 2>&1", program, path);
	rc = system(cmd);
	unlink(path);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* @json without the white space outside its strings, in @out */
static void squeeze(char *out, size_t len, const char *json)
{
	int in_str = 0, esc = 0;
	size_t n = 0;

	for (; *json && n + 1 < len; json++) {
		if (in_str) {
			if (esc)
				esc = 0;
			else if (*json == '\\')
				esc = 1;
			else if (*json == '"')
				in_str = 0;
		} else if (*json == '"') {
			in_str = 1;
		} else if (*json == ' ' || *json == '\n' || *json == '\t') {
			continue;
		}
		out[n++] = *json;
	}
	out[n] = 0;
}

/* what `jq -c .` makes of @json, in @out */
static void through_jq(char *out, size_t len, const char *json)
{
	char path[] = "/tmp/kc-jq.XXXXXX", cmd[256];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w"), *p;
	size_t n;

	assert_non_null(f);
	fputs(json, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "jq -c . <%s 2>&1", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, len - 1, p);
	out[n] = 0;
	pclose(p);
	unlink(path);
	while (n && out[n - 1] == '\n')
		out[--n] = 0;
}

/*
 * Parsed by jq, no number jq or JavaScript would round, and jq writes it
 * back unchanged: every value, every number's digits, every string.
 */
static void survives(const char *what, const char *json)
{
	static char mine[1 << 20], theirs[1 << 20];

	if (jq(json, "[.. | numbers | select(. > 9007199254740991 or . < -9007199254740991)] | length == 0")) {
		print_message("%s: not valid JSON for jq, or a number past 2^53: %s\n", what, json);
		fail();
	}
	squeeze(mine, sizeof(mine), json);
	through_jq(theirs, sizeof(theirs), json);
	if (strcmp(mine, theirs)) {
		print_message("%s: jq changed it\n mine: %s\n jq:   %s\n", what, mine, theirs);
		fail();
	}
}

/* @cmd with '@' replaced by the fake root's path */
static void expand(char *out, size_t len, const char *cmd)
{
	const char *at = strchr(cmd, '@');

	if (!at)
		snprintf(out, len, "%s", cmd);
	else
		snprintf(out, len, "%.*s%s%s", (int)(at - cmd), cmd, fake, at + 1);
}

static void test_every_json_survives_jq(void **state)
{
	static const char *const cmds[] = {
		"--json status", "--json --version", "--json kdump-args", "--json crashkernel --ram 4E 1E",
		"--json check", "--json policy show", "--json crashkernel 256M",
		"--json trigger --list", "--json last-boot", "--json history",
		"--json harvest", "--json read --vmcore @/core",
		"--json read --region @/region.img", "--json read --vmcore @/nothing",
		"--json read --address nope", "--json read --dump @/core",
	};
	char cmd[512], path[512];
	struct run r;
	struct rb b;
	uint8_t *core;
	size_t i, len;
	FILE *f;

	(void)state;
	fakeroot_new(fake);
	setenv("KCRUMBS_ROOT", fake, 1);
	fakeroot_put(fake, "/proc/sys/kernel/random/boot_id", "1234\n");
	fakeroot_put(fake, "/proc/sys/kernel/osrelease", "6.1.0-57-amd64\n");
	fakeroot_put(fake, "/proc/cmdline", "root=/dev/vda crashkernel=256M\n");
	fakeroot_put(fake, "/sys/kernel/kcrumbs/region", "135168@0xffff888000000000\n");
	fakeroot_put(fake, "/sys/kernel/kcrumbs/mode", "dynamic\n");
	/* a region whose times and addresses pass 2^53 */
	rb_init(&b, 4, 4096);
	rb_event(&b, 0, KCRUMBS_CAUSE_SYSRQ, "sysrq triggered crash", syms);
	rb_log_tail(&b, 1, 0, "[    5.04] sysrq: Trigger a crash\n");
	snprintf(path, sizeof(path), "%s/region.img", fake);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(b.buf, 1, b.len, f), b.len);
	fclose(f);
	len = rb_make_core(&core, 0x40000000, b.buf, b.len);
	snprintf(path, sizeof(path), "%s/core", fake);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(core, 1, len, f), len);
	fclose(f);
	free(core);
	for (i = 0; i < sizeof(cmds) / sizeof(*cmds); i++) {
		expand(cmd, sizeof(cmd), cmds[i]);
		run(&r, cmd);
		survives(cmd, r.out);
		done(&r);
	}
	/* an address reads back exactly, a time as ISO 8601 beside it */
	snprintf(cmd, sizeof(cmd), "--json read --region %s/region.img", fake);
	run(&r, cmd);
	assert_int_equal(jq(r.out, ".records[0].frames[0].addr == \"0xffffffff81000000\""), 0);
	assert_int_equal(jq(r.out, ".records[0].wall | test(\"^20[0-9-]{8}T[0-9:.]{12}Z$\")"), 0);
	done(&r);
	free(b.buf);
	unsetenv("KCRUMBS_ROOT");
	fakeroot_remove(fake);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_json_survives_jq),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
