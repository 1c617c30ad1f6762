// SPDX-License-Identifier: GPL-2.0
/* MCE_INJECT: a fatal machine check through mce-inject (mce_inject.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "fileio.h"
#include "mce_inject.h"
#include "nlerr.h"
#include "qa_io.h"
#include "sysfs.h"

#define BANKS_DIR "/sys/devices/system/machinecheck/machinecheck0"

static int exists(const char *path)
{
	char p[4096];
	struct stat st;

	return stat(kc_path(p, sizeof(p), path), &st) == 0;
}

/* The first line of a small file under the root, "" when unreadable. */
static void read_line(const char *path, char *buf, size_t len)
{
	char p[4096], *text;
	int err;

	buf[0] = '\0';
	text = kc_file_read(kc_path(p, sizeof(p), path), 4096, &err);
	if (!text)
		return;
	snprintf(buf, len, "%.*s", (int)strcspn(text, "\n"), text);
	free(text);
}

/* How many bankN files the kernel shows for CPU 0: its MCG_CAP count. */
static int count_banks(void)
{
	char p[4096];
	struct dirent *d;
	int n = 0;
	DIR *dir = opendir(kc_path(p, sizeof(p), BANKS_DIR));

	if (!dir)
		return 0;
	while ((d = readdir(dir)))
		if (!strncmp(d->d_name, "bank", 4) && isdigit((unsigned char)d->d_name[4]))
			n++;
	closedir(dir);
	return n;
}

/* Does @file of this release's module lists name mce-inject.ko (or .ko.xz...)? */
static int listed(const char *release, const char *file)
{
	char rel[300], p[4096], *line = NULL;
	size_t cap = 0;
	int found = 0;
	FILE *f;

	snprintf(rel, sizeof(rel), "/lib/modules/%s/%s", release, file);
	f = fopen(kc_path(p, sizeof(p), rel), "re");
	if (!f)
		return 0;
	while (!found && getline(&line, &cap, f) > 0) {
		line[strcspn(line, ":\n")] = '\0';	/* modules.dep: "path: deps" */
		found = strstr(line, "/mce-inject.ko") != NULL;
	}
	free(line);
	fclose(f);
	return found;
}

static int debugfs_mounted(void)
{
	char p[4096], *text;
	int err, yes;

	text = kc_file_read(kc_path(p, sizeof(p), "/proc/mounts"), 1 << 20, &err);
	if (!text)
		return 0;
	yes = strstr(text, " /sys/kernel/debug debugfs ") != NULL;
	free(text);
	return yes;
}

/* The mode in brackets: "none [integrity] confidentiality" */
static void read_lockdown(char *buf, size_t len)
{
	char line[128], *a, *b;

	buf[0] = '\0';
	read_line("/sys/kernel/security/lockdown", line, sizeof(line));
	a = strchr(line, '[');
	b = a ? strchr(a, ']') : NULL;
	if (a && b)
		snprintf(buf, len, "%.*s", (int)(b - a - 1), a + 1);
}

/*
 * Write @value and a newline, as echo does, to mce-inject's @file: its
 * flags file drops a write's last byte, the newline it expects.
 */
static int write_file(const char *file, const char *value)
{
	char path[128], line[64];

	snprintf(path, sizeof(path), KC_MCE_INJECT_DIR "/%s", file);
	snprintf(line, sizeof(line), "%s\n", value);
	return kc_write_str(path, line);
}

/* Put mce-inject's mode back to @mode, read before ("": nothing to do). */
static void put_back(const char *mode)
{
	if (mode[0] && strcmp(mode, "hw"))
		write_file("flags", mode);
}

/* Does mce-inject take "hw"? Its mode is put back. 1, or the -errno. */
static int try_hw(void)
{
	char mode[16];
	int err;

	read_line(KC_MCE_INJECT_DIR "/flags", mode, sizeof(mode));
	err = write_file("flags", "hw");
	if (err)
		return err;
	put_back(mode);
	return 1;
}

void kc_mce_inject_facts_read(struct kc_mce_inject_facts *f, int hw)
{
	struct utsname u;

	memset(f, 0, sizeof(*f));
	if (!uname(&u))
		snprintf(f->machine, sizeof(f->machine), "%s", u.machine);
	read_line("/proc/sys/kernel/osrelease", f->release, sizeof(f->release));
	f->root = geteuid() == 0 || kc_root_is_fake();
	f->banks = count_banks();
	f->dir = exists(KC_MCE_INJECT_DIR);
	f->loaded = f->dir || exists("/sys/module/mce_inject");
	f->known = f->release[0] && (listed(f->release, "modules.dep") ||
				     listed(f->release, "modules.builtin"));
	f->debugfs = debugfs_mounted();
	read_lockdown(f->lockdown, sizeof(f->lockdown));
	if (hw && f->dir && f->root)
		f->hw = try_hw();
}

const char *kc_mce_inject_why_not(const struct kc_mce_inject_facts *f,
				  const char **by, char *buf, size_t len)
{
	if (strcmp(f->machine, "x86_64")) {
		*by = "architecture";
		snprintf(buf, len, "machine checks are x86's, and this machine is %s",
			 f->machine[0] ? f->machine : "not known");
	} else if (f->banks <= 0) {
		*by = "machine check banks";
		snprintf(buf, len, "the kernel handles no machine checks (no bank "
			 "in " BANKS_DIR ": mce=off, or a CPU without MCA, as some "
			 "hypervisors give)");
	} else if (!f->loaded && !f->known) {
		*by = "mce-inject";
		snprintf(buf, len, "this kernel has no mce-inject module "
			 "(CONFIG_X86_MCE_INJECT): not loaded, and not in "
			 "/lib/modules/%s/modules.dep or modules.builtin",
			 f->release[0] ? f->release : "$(uname -r)");
	} else if (!f->root) {
		*by = "root";
		snprintf(buf, len, "it needs root (mce-inject is in debugfs)");
	} else if (f->lockdown[0] && strcmp(f->lockdown, "none")) {
		*by = "kernel lockdown";
		snprintf(buf, len, "the kernel is locked down (%s: Secure Boot?), "
			 "and debugfs files cannot be written", f->lockdown);
	} else if (f->hw == -EINVAL) {
		*by = "mce-inject";
		snprintf(buf, len, "the kernel refuses hardware injection here "
			 "(mce-inject takes \"sw\" only: the platform does not let "
			 "the bank registers be written)");
	} else if (f->hw < 0) {
		*by = "mce-inject";
		snprintf(buf, len, "mce-inject refuses \"hw\" in its flags: %s",
			 strerror(-f->hw));
	} else {
		return NULL;
	}
	return buf;
}

void kc_mce_inject_probe(struct kc_trigger *t)
{
	struct kc_mce_inject_facts f;

	kc_mce_inject_facts_read(&f, 1);
	t->unavailable_by = NULL;
	if (!kc_mce_inject_why_not(&f, &t->unavailable_by, t->unavailable,
				   sizeof(t->unavailable)))
		t->unavailable[0] = '\0';
}

/* ---- firing ---- */

/* Load mce-inject and mount debugfs as needed: its directory, or why not. */
static int make_ready(const struct kc_mce_inject_facts *f)
{
	const char *modprobe[] = { "modprobe", "mce-inject", NULL };
	const char *mount[] = { "mount", "-t", "debugfs", "debugfs",
				"/sys/kernel/debug", NULL };
	int rc;

	if (f->dir)
		return KC_EXIT_OK;
	if (!f->loaded) {
		rc = kc_qa_command(modprobe);
		if (rc) {
			fprintf(stderr, "kcrumbs: MCE_INJECT: cannot load mce-inject: "
				"modprobe mce-inject %s %d\n",
				rc < 0 ? "failed:" : "exited", rc < 0 ? -rc : rc);
			return KC_EXIT_FAIL;
		}
		printf("loaded mce-inject (modprobe mce-inject)\n");
	}
	if (!exists(KC_MCE_INJECT_DIR) && !debugfs_mounted()) {
		rc = kc_qa_command(mount);
		if (rc) {
			fprintf(stderr, "kcrumbs: MCE_INJECT: cannot mount debugfs on "
				"/sys/kernel/debug (mount exited %d)\n", rc);
			return KC_EXIT_FAIL;
		}
		printf("mounted debugfs on /sys/kernel/debug\n");
	}
	if (!exists(KC_MCE_INJECT_DIR)) {
		fprintf(stderr, "kcrumbs: MCE_INJECT: mce-inject is loaded but "
			KC_MCE_INJECT_DIR " does not exist (debugfs mounted elsewhere?)\n");
		return KC_EXIT_FAIL;
	}
	return KC_EXIT_OK;
}

/* The first CPU of sysfs' online list, 0 when it cannot be read. */
static unsigned int first_online_cpu(void)
{
	char line[256];

	read_line("/sys/devices/system/cpu/online", line, sizeof(line));
	return isdigit((unsigned char)line[0]) ? (unsigned int)strtoul(line, NULL, 10) : 0;
}

/* Why a write of @value to mce-inject's @file failed, in words. */
static const char *write_why(const char *file, int err)
{
	if (err == -EACCES || err == -EPERM)
		return "permission denied (root, and a kernel that is not locked down)";
	if (err == -EINVAL && !strcmp(file, "flags"))
		return "the kernel refuses hardware injection here (mce-inject takes \"sw\" only)";
	if (err == -EINVAL && !strcmp(file, "cpu"))
		return "that CPU is not online";
	if (err == -EINVAL && !strcmp(file, "bank"))
		return "that bank does not exist on that CPU";
	if (err == -ENODEV && !strcmp(file, "bank"))
		return "that bank is not populated on that CPU";
	return strerror(-err);
}

/* Write @value to mce-inject's @file; 0, or the exit code, said. */
static int put(const char *file, const char *value)
{
	int err = write_file(file, value);

	if (!err)
		return 0;
	fprintf(stderr, "kcrumbs: MCE_INJECT: cannot write %s to " KC_MCE_INJECT_DIR
		"/%s: %s\n", value, file, write_why(file, err));
	return err == -EACCES || err == -EPERM ? KC_EXIT_PERM : KC_EXIT_FAIL;
}

/* Run on @cpu from now on: the injection then happens in our own write. */
static void run_on(unsigned int cpu)
{
	cpu_set_t set;

	if (kc_root_is_fake() || cpu >= CPU_SETSIZE)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

int kc_mce_inject_fire(unsigned int wait_s)
{
	struct kc_mce_inject_facts f;
	char why[KC_TRIGGER_WHY_MAX], mode[16], status[24], cpu[16], bank[16];
	const char *by;
	unsigned int c;
	int rc;

	kc_mce_inject_facts_read(&f, 0);
	if (!f.root) {
		fprintf(stderr, "kcrumbs: permission denied: MCE_INJECT needs root "
			"(modprobe, debugfs)\n");
		return KC_EXIT_PERM;
	}
	if (kc_mce_inject_why_not(&f, &by, why, sizeof(why))) {
		fprintf(stderr, "kcrumbs: MCE_INJECT cannot run here: %s [%s]\n", why, by);
		return strcmp(by, "kernel lockdown") ? KC_EXIT_FAIL : KC_EXIT_PERM;
	}
	rc = make_ready(&f);
	if (rc)
		return rc;
	c = first_online_cpu();
	snprintf(status, sizeof(status), "0x%016" PRIx64, (uint64_t)KC_MCE_INJECT_STATUS);
	snprintf(cpu, sizeof(cpu), "%u", c);
	snprintf(bank, sizeof(bank), "%d", f.banks > 1 ? 1 : 0);
	read_line(KC_MCE_INJECT_DIR "/flags", mode, sizeof(mode));
	rc = put("flags", "hw");
	if (!rc)
		rc = put("status", status);
	if (!rc)
		rc = put("misc", "0");
	if (!rc)
		rc = put("addr", "0");
	if (!rc)
		rc = put("cpu", cpu);
	if (!rc) {
		run_on(c);
		printf("injecting a fatal machine check: CPU %s, bank %s, status %s\n",
		       cpu, bank, status);
		fflush(stdout);
		rc = put("bank", bank);
	}
	if (!rc && wait_s)
		sleep(wait_s);
	/* still here: leave mce-inject as it was found */
	put_back(mode);
	if (rc)
		return rc;
	fprintf(stderr, "kcrumbs: MCE_INJECT: the machine is still alive %u s after "
		"the injection: no panic came. A CPU that refuses writes of the "
		"bank's status (Intel CPUs, and KVM guests on them) leaves the bank "
		"empty: the kernel log then says \"unchecked MSR access error: "
		"WRMSR\"\n", wait_s);
	return KC_EXIT_FAIL;
}
