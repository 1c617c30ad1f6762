#!/bin/bash
# make install / make uninstall: the CLI, its man page and bash completion, the policy
# profiles, the systemd units (harvest at boot; kdump-tools' capture-path
# and address drop-ins), modules-load.d; and the module, ONE copy:
#  - with dkms (and no DESTDIR): the source in /usr/src/kcrumbs-VERSION,
#    built and installed by DKMS for KVER (and every later kernel), and a
#    module an older `make install` put under updates/ removed;
#  - else under /lib/modules/KVER/updates/, refused when DKMS already has
#    kcrumbs installed for KVER (modprobe would find two).
#   scripts/install.sh install|uninstall   (variables from the Makefile)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${VERSION:?}" "${KVER:?}" "${DESTDIR:=}" "${PREFIX:=/usr}" "${SBINDIR:=$PREFIX/sbin}"
: "${MANDIR:=$PREFIX/share/man}" "${PROFILEDIR:=$PREFIX/share/kcrumbs/sysctl.d}"
: "${MODDIR:=/lib/modules/$KVER/updates}" "${SYSTEMDDIR:=/lib/systemd/system}"
: "${MODLOADDIR:=$PREFIX/lib/modules-load.d}" "${CLI:=build/kcrumbs}"
: "${COMPLDIR:=$PREFIX/share/bash-completion/completions}"
srcdir=/usr/src/kcrumbs-$VERSION
say() { echo "kcrumbs install: $*"; }

use_dkms() { [ -z "$DESTDIR" ] && command -v dkms >/dev/null 2>&1; }
dkms_has() { dkms status -m kcrumbs -k "$KVER" 2>/dev/null | grep -q ': installed'; }
systemd_here() { [ -z "$DESTDIR" ] && command -v systemctl >/dev/null 2>&1; }

install_files() {
	install -D -m 0755 "$CLI" "$DESTDIR$SBINDIR/kcrumbs"
	install -D -m 0644 docs/kcrumbs.8 "$DESTDIR$MANDIR/man8/kcrumbs.8"
	install -D -m 0644 "${CLI%/*}/kcrumbs.bash-completion" \
		"$DESTDIR$COMPLDIR/kcrumbs"
	install -d "$DESTDIR$PROFILEDIR"
	install -m 0644 sysctl.d/*.conf "$DESTDIR$PROFILEDIR/"
	install -D -m 0644 userspace/systemd/kcrumbs-harvest.service \
		"$DESTDIR$SYSTEMDDIR/kcrumbs-harvest.service"
	install -D -m 0644 userspace/systemd/kcrumbs-qa.service \
		"$DESTDIR$SYSTEMDDIR/kcrumbs-qa.service"
	install -D -m 0644 userspace/systemd/kdump-tools.service.d/kcrumbs.conf \
		"$DESTDIR$SYSTEMDDIR/kdump-tools.service.d/kcrumbs.conf"
	install -D -m 0644 userspace/systemd/kdump-tools-dump.service.d/kcrumbs.conf \
		"$DESTDIR$SYSTEMDDIR/kdump-tools-dump.service.d/kcrumbs.conf"
	install -D -m 0644 userspace/systemd/kcrumbs-modules-load.conf \
		"$DESTDIR$MODLOADDIR/kcrumbs.conf"
	install -D -m 0755 userspace/kdump/kdumpctl-post.sh \
		"$DESTDIR$PREFIX/share/kcrumbs/kdumpctl-post.sh"
}

# kdumpctl (kdump-utils): its post.d script, and the binary in its initramfs
kdumpctl_hook() {
	[ -z "$DESTDIR" ] && [ -f /etc/kdump.conf ] || return 0
	install -d /etc/kdump/post.d
	ln -sf "$PREFIX/share/kcrumbs/kdumpctl-post.sh" /etc/kdump/post.d/90-kcrumbs
	grep -qE "^[[:space:]]*extra_bins.*[[:space:]/]$SBINDIR/kcrumbs([[:space:]]|\$)" /etc/kdump.conf ||
		printf '\n# kcrumbs capture, in the kdump initramfs (kcrumbs make install)\nextra_bins %s/kcrumbs\n' \
			"$SBINDIR" >>/etc/kdump.conf
	say "kdumpctl: /etc/kdump/post.d/90-kcrumbs and extra_bins $SBINDIR/kcrumbs; run kdumpctl restart"
}

install_module() {
	if use_dkms; then
		say "the module through DKMS ($srcdir), for $KVER and every later kernel"
		# a module an older `make install` left would shadow DKMS's
		rm -f "$MODDIR/kcrumbs.ko" "$MODDIR/kcrumbs_trigger.ko"
		if dkms status -m kcrumbs -v "$VERSION" 2>/dev/null | grep -q .; then
			dkms remove -m kcrumbs -v "$VERSION" --all >/dev/null
		fi
		rm -rf "$srcdir"
		install -d "$srcdir/module/uapi"
		install -m 0644 Kbuild Makefile dkms.conf "$srcdir/"
		install -m 0644 module/*.c module/*.h "$srcdir/module/"
		install -m 0644 module/uapi/*.h "$srcdir/module/uapi/"
		install -d "$srcdir/scripts"
		install -m 0755 scripts/kver.sh "$srcdir/scripts/"
		dkms add -m kcrumbs -v "$VERSION" >/dev/null
		dkms install -m kcrumbs -v "$VERSION" -k "$KVER"
		return
	fi
	if [ -z "$DESTDIR" ] && command -v dkms >/dev/null 2>&1 && dkms_has; then
		echo "kcrumbs install: DKMS has kcrumbs installed for $KVER: not adding a second copy under $MODDIR" >&2
		exit 1
	fi
	# without DKMS the module is built here, for KVER
	make -s module KVER="$KVER"
	install -D -m 0644 kcrumbs.ko "$DESTDIR$MODDIR/kcrumbs.ko"
	install -D -m 0644 kcrumbs_trigger.ko "$DESTDIR$MODDIR/kcrumbs_trigger.ko"
	[ -n "$DESTDIR" ] || depmod -a "$KVER"
}

enable_units() {
	systemd_here || return 0
	systemctl daemon-reload 2>/dev/null || true
	# --now: this boot is known to the next one's harvest
	systemctl enable --now kcrumbs-harvest.service
	say "kcrumbs loads at every boot (modules-load.d); kcrumbs-harvest.service is enabled"
	say "next: sudo modprobe kcrumbs; sudo kcrumbs kdump-args --install; sudo systemctl restart kdump-tools; sudo kcrumbs check"
}

uninstall() {
	if systemd_here; then
		systemctl disable kcrumbs-harvest.service 2>/dev/null || true
		# a QA run in progress: cancelled, the operator's policy restored
		[ ! -f /var/lib/kcrumbs/qa.state ] || "$SBINDIR/kcrumbs" qa stop >/dev/null 2>&1 || true
		systemctl disable kcrumbs-qa.service 2>/dev/null || true
	fi
	rm -f "$DESTDIR$SBINDIR/kcrumbs" "$DESTDIR$MANDIR/man8/kcrumbs.8" \
		"$DESTDIR$COMPLDIR/kcrumbs" \
		"$DESTDIR$SYSTEMDDIR/kcrumbs-harvest.service" \
		"$DESTDIR$SYSTEMDDIR/kcrumbs-qa.service" \
		"$DESTDIR$SYSTEMDDIR/kdump-tools.service.d/kcrumbs.conf" \
		"$DESTDIR$SYSTEMDDIR/kdump-tools-dump.service.d/kcrumbs.conf" \
		"$DESTDIR$MODLOADDIR/kcrumbs.conf" \
		"$DESTDIR$PREFIX/share/kcrumbs/kdumpctl-post.sh"
	if [ -z "$DESTDIR" ] && [ -L /etc/kdump/post.d/90-kcrumbs ]; then
		rm -f /etc/kdump/post.d/90-kcrumbs
		sed -i '/^# kcrumbs capture, in the kdump initramfs/d; \|^extra_bins '"$SBINDIR"'/kcrumbs$|d' \
			/etc/kdump.conf
	fi
	# what kdump-args --install wrote: the marked KDUMP_CMDLINE (a snapshot
	# of /proc/cmdline) and the region argument
	if [ -z "$DESTDIR" ] && [ -f /etc/default/kdump-tools ]; then
		sed -i -e '/^# kcrumbs: /{N;/\nKDUMP_CMDLINE=/d}' \
			-e 's/ kcrumbs\.region=[^ "]*//' /etc/default/kdump-tools
	fi
	rmdir "$DESTDIR$SYSTEMDDIR/kdump-tools.service.d" \
		"$DESTDIR$SYSTEMDDIR/kdump-tools-dump.service.d" 2>/dev/null || true
	for f in sysctl.d/*.conf; do rm -f "$DESTDIR$PROFILEDIR/${f##*/}"; done
	rmdir "$DESTDIR$PROFILEDIR" "$DESTDIR$PREFIX/share/kcrumbs" 2>/dev/null || true
	rm -f "$DESTDIR$MODDIR/kcrumbs.ko" "$DESTDIR$MODDIR/kcrumbs_trigger.ko"
	if use_dkms && dkms status -m kcrumbs -v "$VERSION" 2>/dev/null | grep -q .; then
		dkms remove -m kcrumbs -v "$VERSION" --all >/dev/null
		rm -rf "$srcdir"
	fi
	[ -n "$DESTDIR" ] || depmod -a "$KVER" 2>/dev/null || true
	systemd_here && systemctl daemon-reload 2>/dev/null || true
}

case ${1:-} in
install) install_files; install_module; kdumpctl_hook; enable_units ;;
uninstall) uninstall ;;
*) echo "usage: $0 install|uninstall" >&2; exit 2 ;;
esac
