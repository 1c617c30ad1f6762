// SPDX-License-Identifier: GPL-2.0
/* `kcrumbs check`: one function per check, run from one table. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "check.h"
#include "coredir.h"
#include "crashkernel.h"
#include "kdumpcfg.h"
#include "policy.h"
#include "sysfs.h"

#define TEXT_MAX (256 * 1024)
#define MIB (1024 * 1024)

/* A whole file under the root directory, in a new buffer; NULL if absent. */
static char *read_text(const char *path)
{
	char p[4096], *buf;
	size_t n;
	FILE *f = fopen(kc_path(p, sizeof(p), path), "r");

	if (!f)
		return NULL;
	buf = malloc(TEXT_MAX + 1);
	if (buf) {
		n = fread(buf, 1, TEXT_MAX, f);
		buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

static bool exists(const char *path)
{
	char p[4096];
	struct stat sb;

	return stat(kc_path(p, sizeof(p), path), &sb) == 0;
}

unsigned int kc_iomem_crash(const char *text, uint64_t *start, uint64_t *size,
			    bool *hidden)
{
	unsigned int n = 0;
	const char *line;

	*start = 0;
	*size = 0;
	*hidden = false;
	for (line = text; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL) {
		unsigned long long a, b;
		const char *colon = strchr(line, ':');
		const char *nl = strchr(line, '\n');

		if (!colon || (nl && colon > nl) ||
		    strncmp(colon, ": Crash kernel", 14) != 0 ||
		    sscanf(line, " %llx-%llx", &a, &b) != 2)
			continue;
		if (a == 0 && b == 0) {
			*hidden = true;
		} else if (b >= a) {
			if (n == 0 || a < *start)
				*start = a;
			*size += b - a + 1;
		}
		n++;
	}
	return n;
}

char kc_config_value(const char *text, const char *opt)
{
	size_t len = strlen(opt);
	const char *p = text;

	while ((p = strstr(p, opt)) != NULL) {
		bool at_line_start = p == text || p[-1] == '\n';

		if (at_line_start && p[len] == '=' &&
		    (p[len + 1] == 'y' || p[len + 1] == 'm'))
			return p[len + 1];
		p += len;
	}
	return 0;
}

/* The last crashkernel= word of the command line, into @val. */
static bool cmdline_crashkernel(char *val, size_t len)
{
	char *cmd = read_text("/proc/cmdline"), *p, *last = NULL;

	if (!cmd)
		return false;
	for (p = cmd; (p = strstr(p, "crashkernel=")) != NULL; p++)
		if (p == cmd || p[-1] == ' ')
			last = p;
	if (last)
		snprintf(val, len, "%.*s", (int)strcspn(last, " \n"), last);
	free(cmd);
	return last != NULL;
}

static void set(struct kc_check_result *r, enum kc_check_status s,
		const char *fix)
{
	r->status = s;
	snprintf(r->fix, sizeof(r->fix), "%.500s", s == KC_CHECK_OK ? "" : fix);
}

static void check_cmdline(struct kc_check_result *r, const char *profile)
{
	char val[128];

	(void)profile;
	r->name = "crashkernel= on the kernel command line";
	if (cmdline_crashkernel(val, sizeof(val))) {
		struct kc_ck_spec spec;
		struct kc_ck_error e;

		if (kc_ck_parse(val + strlen("crashkernel="), &spec, &e)) {
			snprintf(r->detail, sizeof(r->detail), "%s is malformed at "
				 "character %zu: %s", val, e.offset + 1, e.reason);
			set(r, KC_CHECK_FAIL, "kcrumbs crashkernel (shows where, and "
			    "the line to set), then update-grub and reboot");
			return;
		}
		snprintf(r->detail, sizeof(r->detail), "%s", val);
		set(r, KC_CHECK_OK, "");
		return;
	}
	snprintf(r->detail, sizeof(r->detail), "not set: no memory is reserved "
		 "for a capture kernel");
	set(r, KC_CHECK_FAIL, "kcrumbs crashkernel (prints the size and the "
	    "GRUB line to set), then update-grub and reboot");
}

static void check_reserved(struct kc_check_result *r, const char *profile)
{
	uint64_t start = 0, size = 0;
	char *iomem = read_text("/proc/iomem");
	bool hidden = false;
	long sysfs_size = 0;

	(void)profile;
	r->name = "memory reserved for the capture kernel";
	if (iomem)
		kc_iomem_crash(iomem, &start, &size, &hidden);
	free(iomem);
	kc_read_long("/sys/kernel/kexec_crash_size", &sysfs_size);
	if (size) {
		snprintf(r->detail, sizeof(r->detail), "%" PRIu64 " MiB at 0x%"
			 PRIx64 " (/proc/iomem); kexec_crash_size %ld MiB",
			 size / MIB, start, sysfs_size / MIB);
		set(r, KC_CHECK_OK, "");
	} else if (sysfs_size > 0) {
		snprintf(r->detail, sizeof(r->detail), "%ld MiB (kexec_crash_size%s)",
			 sysfs_size / MIB, hidden ? "; /proc/iomem hides "
			 "addresses from non-root" : "");
		set(r, KC_CHECK_OK, "");
	} else {
		snprintf(r->detail, sizeof(r->detail), "none: no \"Crash kernel\" "
			 "range in /proc/iomem, kexec_crash_size is 0");
		set(r, KC_CHECK_FAIL, "set crashkernel= to a size this RAM can give "
		    "(kcrumbs crashkernel), then reboot");
	}
}

static void check_loaded(struct kc_check_result *r, const char *profile)
{
	long loaded = 0;
	int err = kc_read_long("/sys/kernel/kexec_crash_loaded", &loaded);

	(void)profile;
	r->name = "capture kernel loaded";
	if (!err && loaded == 1) {
		snprintf(r->detail, sizeof(r->detail), "yes (kexec_crash_loaded 1)");
		set(r, KC_CHECK_OK, "");
		return;
	}
	snprintf(r->detail, sizeof(r->detail), err ?
		 "cannot tell: /sys/kernel/kexec_crash_loaded is missing" :
		 "no (/sys/kernel/kexec_crash_loaded is 0): a panic now halts "
		 "or reboots with no dump");
	set(r, KC_CHECK_FAIL, "kdump-config load (kdump-tools), or kdumpctl "
	    "start; by hand: kexec -p /boot/vmlinuz-$(uname -r) "
	    "--initrd=/boot/initrd.img-$(uname -r) --append=\"$(cat "
	    "/proc/cmdline) irqpoll nr_cpus=1 reset_devices\"");
}

/* The running kernel's config: /boot/config-RELEASE, or /proc/config.gz. */
static char *kernel_config(char *where, size_t len)
{
	char release[128] = "", path[256], real[4096], cmd[4200];
	char *text, *rel = read_text("/proc/sys/kernel/osrelease");
	FILE *p;
	size_t n;

	if (rel) {
		snprintf(release, sizeof(release), "%.*s",
			 (int)strcspn(rel, "\n"), rel);
		free(rel);
	}
	snprintf(path, sizeof(path), "/boot/config-%s", release);
	snprintf(where, len, "%s", path);
	text = read_text(path);
	if (text || !exists("/proc/config.gz"))
		return text;
	snprintf(where, len, "/proc/config.gz");
	kc_path(real, sizeof(real), "/proc/config.gz");
	if (strchr(real, '\''))
		return NULL;
	snprintf(cmd, sizeof(cmd), "gzip -dc '%s' 2>/dev/null", real);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	text = malloc(TEXT_MAX + 1);
	if (text) {
		n = fread(text, 1, TEXT_MAX, p);
		text[n] = '\0';
	}
	pclose(p);
	return text;
}

static void check_config(struct kc_check_result *r, const char *profile)
{
	static const char *const need[] = { "CONFIG_CRASH_DUMP",
					    "CONFIG_PROC_VMCORE" };
	char where[256], missing[128] = "";
	char *cfg = kernel_config(where, sizeof(where));
	unsigned int i;

	(void)profile;
	r->name = "kernel built for kdump";
	if (!cfg) {
		snprintf(r->detail, sizeof(r->detail), "cannot tell: no %.200s and no "
			 "/proc/config.gz", where);
		set(r, KC_CHECK_WARN, "install the kernel's config "
		    "(/boot/config-$(uname -r) comes with Debian's linux-image)");
		return;
	}
	if (!kc_config_value(cfg, "CONFIG_KEXEC") &&
	    !kc_config_value(cfg, "CONFIG_KEXEC_FILE"))
		strcat(missing, " CONFIG_KEXEC");
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (!kc_config_value(cfg, need[i])) {
			strcat(missing, " ");
			strcat(missing, need[i]);
		}
	free(cfg);
	if (!missing[0]) {
		snprintf(r->detail, sizeof(r->detail), "KEXEC, CRASH_DUMP, "
			 "PROC_VMCORE set (%.200s)", where);
		set(r, KC_CHECK_OK, "");
		return;
	}
	snprintf(r->detail, sizeof(r->detail), "not set in %.200s:%.200s", where, missing);
	set(r, KC_CHECK_FAIL, "boot a kernel built with them (Debian's "
	    "linux-image-amd64 has them)");
}

/* kdump-config's record of the kexec command it ran: $KDUMP_COREDIR/kexec_cmd */
static char *kexec_cmd(void)
{
	char dir[1024], path[1100];

	snprintf(path, sizeof(path), "%s/kexec_cmd", kc_coredir(dir, sizeof(dir)));
	return read_text(path);
}

/* USE_KDUMP=0, as kdump-config reads the file (the last assignment) */
static bool kdump_disabled(const char *conf)
{
	char v[16];

	return conf && kc_kdumpcfg_get(conf, "USE_KDUMP", v, sizeof(v)) == 1 &&
	       !strcmp(v, "0");
}

/* Is @unit enabled: a symlink in some target's .wants under /etc? */
static bool enabled_at_boot(const char *unit)
{
	static const char *const targets[] = {
		"basic.target", "multi-user.target", "sysinit.target",
		"default.target", "graphical.target",
	};
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(targets) / sizeof(*targets); i++) {
		snprintf(path, sizeof(path), "/etc/systemd/system/%s.wants/%s",
			 targets[i], unit);
		if (exists(path))
			return true;
	}
	return false;
}

static void check_service(struct kc_check_result *r, const char *profile)
{
	char *conf = read_text("/etc/default/kdump-tools");
	bool tools = exists("/usr/sbin/kdump-config");
	bool ctl = exists("/usr/bin/kdumpctl") || exists("/usr/sbin/kdumpctl");
	bool disabled = kdump_disabled(conf);
	bool systemd = exists("/run/systemd/system");

	free(conf);
	(void)profile;
	r->name = "kdump service";
	if (tools && !disabled) {
		/* Debian's unit is WantedBy=basic.target */
		bool on = enabled_at_boot("kdump-tools.service");

		snprintf(r->detail, sizeof(r->detail), "kdump-tools installed, %s",
			 on ? "enabled at boot" : systemd ? "NOT enabled at boot: "
			 "after the next reboot no capture kernel is loaded" :
			 "no systemd (enabled state not seen)");
		set(r, on || !systemd ? KC_CHECK_OK : KC_CHECK_FAIL,
		    "systemctl enable --now kdump-tools");
	} else if (ctl) {
		bool on = enabled_at_boot("kdump.service");

		snprintf(r->detail, sizeof(r->detail), "kdumpctl installed, %s",
			 on ? "enabled at boot" : systemd ? "NOT enabled at boot" :
			 "no systemd (enabled state not seen)");
		set(r, on || !systemd ? KC_CHECK_OK : KC_CHECK_FAIL,
		    "systemctl enable --now kdump");
	} else if (tools) {
		snprintf(r->detail, sizeof(r->detail), "kdump-tools installed but "
			 "USE_KDUMP=0");
		set(r, KC_CHECK_WARN, "set USE_KDUMP=1 in /etc/default/kdump-tools, "
		    "then systemctl restart kdump-tools");
	} else {
		snprintf(r->detail, sizeof(r->detail), "none: a capture kernel "
			 "loaded by hand is gone after the next boot, and nothing "
			 "saves the dump");
		set(r, KC_CHECK_WARN, "apt-get install kdump-tools");
	}
}

/*
 * kdump-config runs its kexec command through eval: an argument with a
 * '$' (memmap=1M$0x30000000) reaches the capture kernel mangled, and it
 * hangs after the panic. Both what the configuration would build next
 * and what was loaded ($KDUMP_COREDIR/kexec_cmd) are looked at.
 */
static void check_eval_hazard(struct kc_check_result *r, const char *profile)
{
	char *conf = read_text("/etc/default/kdump-tools");
	char *cmdline = read_text("/proc/cmdline");
	char *loaded = kexec_cmd();
	char capture[8192];
	const char *bad = NULL, *bad_loaded;
	size_t n;

	(void)profile;
	r->name = "capture command line";
	if (!conf || !exists("/usr/sbin/kdump-config")) {
		snprintf(r->detail, sizeof(r->detail), "not kdump-tools: not checked");
		set(r, KC_CHECK_OK, "");
		goto out;
	}
	if (cmdline)
		cmdline[strcspn(cmdline, "\n")] = '\0';
	if (kc_kdumpcfg_capture_cmdline(conf, cmdline ? cmdline : "", capture,
					sizeof(capture))) {
		snprintf(r->detail, sizeof(r->detail), "/etc/default/kdump-tools uses "
			 "shell syntax kcrumbs does not read: not checked");
		set(r, KC_CHECK_WARN, "make sure KDUMP_CMDLINE and "
		    "KDUMP_CMDLINE_APPEND hold no '$'");
		goto out;
	}
	bad = kc_kdumpcfg_hazard(capture);
	bad_loaded = loaded ? kc_kdumpcfg_hazard(loaded) : NULL;
	if (bad || bad_loaded) {
		const char *w = bad ? bad : bad_loaded;

		n = strcspn(w, " \"\n");
		snprintf(r->detail, sizeof(r->detail), "%s '%.*s': kdump-config's "
			 "eval expands the '$', and the capture kernel hangs after "
			 "the panic", bad ? "holds" : "was loaded with", (int)(n > 200 ? 200 : n), w);
		set(r, KC_CHECK_FAIL, "kcrumbs kdump-args --install (a KDUMP_CMDLINE "
		    "without it), then systemctl restart kdump-tools");
		goto out;
	}
	snprintf(r->detail, sizeof(r->detail), "no '$' for kdump-config's eval");
	set(r, KC_CHECK_OK, "");
out:
	free(conf);
	free(cmdline);
	free(loaded);
}

static void check_sysrq(struct kc_check_result *r, const char *profile)
{
	long v = 0;

	(void)profile;
	r->name = "magic SysRq";
	if (kc_read_long("/proc/sys/kernel/sysrq", &v)) {
		snprintf(r->detail, sizeof(r->detail), "absent (no CONFIG_MAGIC_SYSRQ)");
		set(r, KC_CHECK_WARN, "none: echo c > /proc/sysrq-trigger needs it");
		return;
	}
	snprintf(r->detail, sizeof(r->detail), "kernel.sysrq = %ld%s", v,
		 v == 1 || (v & 8) ? ": Alt-SysRq-c can force a dump of a hung "
		 "machine" : ": Alt-SysRq-c is off (/proc/sysrq-trigger still "
		 "works)");
	set(r, v == 1 || (v & 8) ? KC_CHECK_OK : KC_CHECK_WARN,
	    "kcrumbs policy set kernel.sysrq=446 (or apply the kdump profile)");
}

/* A hardware PMU for perf's NMI watchdog (none under QEMU TCG, for one). */
static bool have_pmu(void)
{
	return exists("/sys/bus/event_source/devices/cpu") ||
	       exists("/sys/bus/event_source/devices/cpu_core");
}

static void check_knobs(struct kc_check_result *r, const char *profile)
{
	struct kc_knob_state st[KC_MAX_KNOBS];
	struct kc_sysctl_file f;
	struct kc_plan plan;
	char path[512], err[512];
	unsigned int i, n = 0;
	bool na = false;

	r->name = "panic knobs";
	kc_policy_read(st);
	if (kc_profile_load(profile, &f, path, sizeof(path), err) ||
	    kc_plan_profile(&f, st, &plan, err, sizeof(err))) {
		snprintf(r->detail, sizeof(r->detail), "cannot compare: %.400s", err);
		set(r, KC_CHECK_WARN, "kcrumbs check --profile PROFILE");
		return;
	}
	snprintf(r->detail, sizeof(r->detail), "match profile %s", profile);
	for (i = 0; i < plan.n; i++) {
		const struct kc_change *c = &plan.ch[i];

		if (!c->present || c->from == c->to)
			continue;
		if (!strcmp(c->k->key, "kernel.nmi_watchdog") && !have_pmu()) {
			na = true;	/* the hardware cannot take it */
			continue;
		}
		if (n++ == 0)
			snprintf(r->detail, sizeof(r->detail), "differ from "
				 "profile %s:", profile);
		snprintf(r->detail + strlen(r->detail),
			 sizeof(r->detail) - strlen(r->detail), " %s %ld->%ld",
			 c->k->key, c->from, c->to);
	}
	if (na)
		snprintf(r->detail + strlen(r->detail), sizeof(r->detail) -
			 strlen(r->detail), "; kernel.nmi_watchdog not applicable "
			 "(no hardware PMU: the NMI watchdog cannot run here)");
	snprintf(err, sizeof(err), "kcrumbs policy apply %s --persist", profile);
	set(r, n ? KC_CHECK_WARN : KC_CHECK_OK, err);
}

static void check_post_notifiers(struct kc_check_result *r, const char *profile)
{
	char *v = read_text("/sys/module/kernel/parameters/crash_kexec_post_notifiers");

	(void)profile;
	r->name = "crash_kexec_post_notifiers";
	snprintf(r->detail, sizeof(r->detail), "%s", v && v[0] == 'Y' ?
		 "Y: panic notifiers run before kdump; one that hangs loses "
		 "the dump" : "N: kdump runs first");
	set(r, v && v[0] == 'Y' ? KC_CHECK_WARN : KC_CHECK_OK,
	    "drop crash_kexec_post_notifiers from the kernel command line");
	free(v);
}

/* Does a modules-load.d file (or /etc/modules) name @mod? */
static bool loads_at_boot(const char *mod)
{
	static const char *const dirs[] = {
		"/etc/modules-load.d", "/run/modules-load.d",
		"/usr/local/lib/modules-load.d", "/usr/lib/modules-load.d",
		"/lib/modules-load.d",
	};
	char p[4096], file[4400], *text, *line;
	struct dirent *d;
	size_t i, n = strlen(mod);
	bool found = false;
	DIR *dh;

	for (i = 0; i <= sizeof(dirs) / sizeof(*dirs) && !found; i++) {
		if (i == sizeof(dirs) / sizeof(*dirs)) {
			text = read_text("/etc/modules");
			goto scan;
		}
		dh = opendir(kc_path(p, sizeof(p), dirs[i]));
		if (!dh)
			continue;
		while (!found && (d = readdir(dh))) {
			size_t l = strlen(d->d_name);

			if (l < 6 || strcmp(d->d_name + l - 5, ".conf"))
				continue;
			snprintf(file, sizeof(file), "%s/%s", dirs[i], d->d_name);
			text = read_text(file);
			for (line = text; line && *line && !found;
			     line = strchr(line, '\n'), line = line ? line + 1 : NULL)
				found = !strncmp(line, mod, n) &&
					(line[n] == '\n' || !line[n] || line[n] == ' ');
			free(text);
		}
		closedir(dh);
		continue;
scan:
		for (line = text; line && *line && !found;
		     line = strchr(line, '\n'), line = line ? line + 1 : NULL)
			found = !strncmp(line, mod, n) &&
				(line[n] == '\n' || !line[n] || line[n] == ' ');
		free(text);
	}
	return found;
}

/* The kcrumbs.region= of the capture kernel kdump-tools loaded, if any. */
static bool loaded_region(char *buf, size_t len)
{
	char *cmd = kexec_cmd();
	const char *p = cmd ? strstr(cmd, "kcrumbs.region=") : NULL;
	size_t n;

	if (p) {
		p += strlen("kcrumbs.region=");
		n = strcspn(p, " \"\n");
		snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), p);
	}
	free(cmd);
	return p != NULL;
}

static void check_module(struct kc_check_result *r, const char *profile)
{
	char *mode = read_text("/sys/kernel/kcrumbs/mode");
	char *live = read_text("/sys/kernel/kcrumbs/region");
	bool dynamic = mode && strncmp(mode, "dynamic", 7) == 0;
	bool boot = loads_at_boot("kcrumbs");
	bool tools = exists("/usr/sbin/kdump-config");
	char loaded[128] = "";
	bool told = tools && loaded_region(loaded, sizeof(loaded));

	(void)profile;
	r->name = "kcrumbs module";
	if (live)
		live[strcspn(live, "\n")] = '\0';
	if (!mode) {
		snprintf(r->detail, sizeof(r->detail), "not loaded: no breadcrumbs "
			 "will be recorded%s", boot ? "" : ", nor after the next boot");
		set(r, KC_CHECK_FAIL, boot ? "modprobe kcrumbs" : "modprobe kcrumbs; "
		    "echo kcrumbs > /etc/modules-load.d/kcrumbs.conf (make install "
		    "does both)");
	} else if (!boot) {
		snprintf(r->detail, sizeof(r->detail), "loaded, but not set to load "
			 "at boot: after the next reboot no breadcrumbs are recorded");
		set(r, KC_CHECK_FAIL, "echo kcrumbs > /etc/modules-load.d/kcrumbs.conf "
		    "(make install does it)");
	} else if (tools && dynamic && told && live && strcmp(loaded, live)) {
		snprintf(r->detail, sizeof(r->detail), "loaded at boot, dynamic region "
			 "at %s, but the capture kernel was loaded with %.100s (kcrumbs "
			 "was reloaded since): read will scan for it", live, loaded);
		set(r, KC_CHECK_WARN, "systemctl restart kdump-tools");
	} else if (tools && dynamic && !told) {
		snprintf(r->detail, sizeof(r->detail), "loaded at boot, dynamic region; "
			 "the capture kernel is not told where (read will scan)");
		set(r, KC_CHECK_WARN, "kcrumbs kdump-args --install, then "
		    "systemctl restart kdump-tools");
	} else {
		snprintf(r->detail, sizeof(r->detail), "loaded, and at every boot; "
			 "%.*s region%s", (int)strcspn(mode, "\n"), mode,
			 told ? ", the capture kernel told where" : "");
		set(r, KC_CHECK_OK, "");
	}
	free(mode);
	free(live);
}

/*
 * The __crash_kexec kprobe: the only hook that sees every road into kdump.
 * A module cannot see kprobes disarmed all at once, nor can status: the
 * debugfs files tell (root, debugfs mounted).
 */
static void check_probe(struct kc_check_result *r, const char *profile)
{
	char *mode = read_text("/sys/kernel/kcrumbs/mode");
	char *want = read_text("/sys/module/kcrumbs/parameters/hook_crash_kexec");
	char *enabled = read_text("/sys/kernel/debug/kprobes/enabled");
	char *list = read_text("/sys/kernel/debug/kprobes/list");
	/* at +0x0, or past the ENDBR64 at +0x4 on kernels built with IBT (6.12) */
	const char *line = list ? strstr(list, " __crash_kexec+0x") : NULL;
	size_t len = line ? strcspn(line, "\n") : 0;

	(void)profile;
	r->name = "crash_kexec probe";
	if (!mode) {
		snprintf(r->detail, sizeof(r->detail), "kcrumbs is not loaded");
		set(r, KC_CHECK_OK, "");
	} else if (want && want[0] == 'N') {
		snprintf(r->detail, sizeof(r->detail), "turned off (hook_crash_kexec=N): "
			 "a panic under kdump leaves no breadcrumb");
		set(r, KC_CHECK_WARN, "load kcrumbs without hook_crash_kexec=N");
	} else if (enabled && enabled[0] == '0') {
		snprintf(r->detail, sizeof(r->detail), "every kprobe is disarmed "
			 "(debugfs kprobes/enabled is 0): a panic under kdump "
			 "leaves no breadcrumb");
		set(r, KC_CHECK_WARN, "echo 1 > /sys/kernel/debug/kprobes/enabled");
	} else if (list && !line) {
		snprintf(r->detail, sizeof(r->detail), "not registered (see dmesg): "
			 "a panic under kdump leaves no breadcrumb");
		set(r, KC_CHECK_WARN, "dmesg | grep kcrumbs");
	} else if (line && (memmem(line, len, "[DISABLED]", 10) ||
			    memmem(line, len, "[GONE]", 6))) {
		snprintf(r->detail, sizeof(r->detail), "registered but %s",
			 memmem(line, len, "[GONE]", 6) ? "gone" : "disabled");
		set(r, KC_CHECK_WARN, "rmmod kcrumbs && modprobe kcrumbs");
	} else {
		snprintf(r->detail, sizeof(r->detail), "%s", list ? "armed" :
			 "registered (debugfs not mounted: armed state not seen)");
		set(r, KC_CHECK_OK, "");
	}
	free(mode);
	free(want);
	free(enabled);
	free(list);
}

/* The checks, in the order a person fixes them. */
static void (*const checks[])(struct kc_check_result *r, const char *profile) = {
	check_cmdline,
	check_reserved,
	check_loaded,
	check_config,
	check_service,
	check_eval_hazard,
	check_sysrq,
	check_knobs,
	check_post_notifiers,
	check_module,
	check_probe,
};

unsigned int kc_check_run(const char *profile, struct kc_check_result *res)
{
	unsigned int i, n = sizeof(checks) / sizeof(checks[0]);

	memset(res, 0, KC_CHECK_MAX * sizeof(*res));
	for (i = 0; i < n && i < KC_CHECK_MAX; i++)
		checks[i](&res[i], profile);
	return i;
}

const char *kc_check_status_name(enum kc_check_status s)
{
	static const char *const names[] = { "ok", "warn", "fail" };

	return (unsigned int)s < 3 ? names[s] : "?";
}
