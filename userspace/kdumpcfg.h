/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kdump's configuration files, read and edited as text. Pure: no I/O.
 *
 * kdump-tools (Debian) reads /etc/default/kdump-tools as shell: the
 * capture kernel's command line is KDUMP_CMDLINE (default: /proc/cmdline
 * without crashkernel=, hugepages=, hugepagesz=, abm=) followed by
 * KDUMP_CMDLINE_APPEND (default: kdump-config's own, below), and the kexec
 * command that carries it is run through eval: a '$' in it is expanded.
 * kdumpctl (Fedora) reads /etc/sysconfig/kdump: KDUMP_COMMANDLINE_APPEND.
 */
#ifndef KC_KDUMPCFG_H
#define KC_KDUMPCFG_H

#include <stddef.h>

enum kc_kdump_flavor {
	KC_KDUMP_TOOLS,		/* /etc/default/kdump-tools */
	KC_KDUMPCTL,		/* /etc/sysconfig/kdump */
};

/* kdump-config's KDUMP_CMDLINE_APPEND when the file leaves it unset */
#define KC_KDUMP_TOOLS_APPEND \
	"reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1 irqpoll usbcore.nousb"

/* The comment that marks a line kcrumbs manages (KDUMP_CMDLINE). */
#define KC_KDUMPCFG_MARK "# kcrumbs:"

/**
 * kc_kdumpcfg_get() - the value a shell would give VAR after reading @cfg
 * @cfg: the file's text
 * @var: the variable
 * @val: its value, unquoted
 * @len: size of @val
 *
 * Return: 1 when an active assignment sets it (the last one counts), 0 when
 * none does, -EINVAL when that assignment is one kcrumbs cannot read
 * (a shell expansion, an unterminated quote, a command after it).
 */
int kc_kdumpcfg_get(const char *cfg, const char *var, char *val, size_t len);

/**
 * kc_kdumpcfg_capture_cmdline() - the capture kernel's command line as
 *	kdump-config builds it, before its eval
 * @cfg: /etc/default/kdump-tools
 * @proc_cmdline: this kernel's /proc/cmdline
 * @out: the line
 * @len: size of @out
 *
 * Return: 0, or -EINVAL when @cfg cannot be read (see kc_kdumpcfg_get()).
 */
int kc_kdumpcfg_capture_cmdline(const char *cfg, const char *proc_cmdline,
				char *out, size_t len);

/**
 * kc_kdumpcfg_edit() - the file with the capture kernel's arguments set
 * @cfg: the file's text
 * @flavor: which tool reads it
 * @region_arg: "kcrumbs.region=SIZE@ADDR" to carry, or NULL to carry none
 * @proc_cmdline: this kernel's /proc/cmdline (kdump-tools' '$' hazard)
 * @out: the new text (malloc'd; the same as @cfg when nothing changes)
 * @why: on failure, why
 *
 * Every kcrumbs.region= in the append variable is replaced by @region_arg;
 * an append variable only in Debian's commented default line is
 * uncommented with that default (which keeps
 * systemd.unit=kdump-tools-dump.service), else added. With kdump-tools,
 * when @proc_cmdline holds a '$' (memmap=SIZE$ADDR) and KDUMP_CMDLINE is
 * not set by hand, a marked KDUMP_CMDLINE is written: @proc_cmdline
 * without what kdump-config drops and without every argument holding a
 * '$'; it is removed again once @proc_cmdline has none. Everything else
 * is kept byte for byte.
 *
 * Return: 0, or -EINVAL (*@why says what to do by hand), -ENOMEM.
 */
int kc_kdumpcfg_edit(const char *cfg, enum kc_kdump_flavor flavor,
		     const char *region_arg, const char *proc_cmdline,
		     char **out, const char **why);

/**
 * kc_kdumpcfg_hazard() - does kdump-config's eval break this command line?
 * @capture_cmdline: from kc_kdumpcfg_capture_cmdline()
 *
 * Return: the first argument holding a '$' (in @capture_cmdline), or NULL.
 */
const char *kc_kdumpcfg_hazard(const char *capture_cmdline);

#endif
