#!/bin/bash
# Packaging tests: the real dkms adds, builds and removes the tree against
# the installed headers, in private dkms/source trees (the system's own
# /var/lib/dkms and /usr/src are not touched); make install / uninstall
# work with DESTDIR; make deps is a no-op once everything is installed. Ends with "packaging: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kver=${KVER:-$("$root/scripts/kver.sh" --debian)}
ver=$(sed -n 's/^PACKAGE_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$root/dkms.conf")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 passed=0 failed=0

ok() { n=$((n + 1)); passed=$((passed + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
# check DESC CMD...: ok when CMD exits 0, else show its output
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then ok "$desc"; else
		not_ok "$desc"
		printf '%s\n' "$out" | tail -n 30 | sed 's/^/#   /'
	fi
}

dk() { dkms --dkmstree "$tmp/dkms" --sourcetree "$tmp/src" "$@"; }

# The source as dkms gets it from a release: tracked files only.
mkdir -p "$tmp/src/kcrumbs-$ver" "$tmp/dkms"
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$tmp/src/kcrumbs-$ver")

check "make deps is silent and succeeds when all is installed" \
	sh -c "out=\$(make -s -C '$root' deps 2>&1) && [ -z \"\$out\" ]"
check "dkms.conf names module, destination and AUTOINSTALL" \
	grep -q '^AUTOINSTALL="yes"' "$root/dkms.conf"
check "dkms add kcrumbs/$ver" dk add -m kcrumbs -v "$ver"
check "dkms build kcrumbs/$ver -k $kver" dk build -m kcrumbs -v "$ver" -k "$kver"
ko=$(find "$tmp/dkms/kcrumbs/$ver/$kver" -name 'kcrumbs.ko*' | head -n 1)
check "dkms produced kcrumbs.ko" test -n "$ko"
[ -n "$ko" ] && check "its vermagic is $kver" \
	sh -c "modinfo -F vermagic '$ko' | grep -q '^$kver '"
[ -n "$ko" ] && check "its version is $ver" \
	sh -c "modinfo -F version '$ko' | grep -qx '$ver'"
tko=$(find "$tmp/dkms/kcrumbs/$ver/$kver" -name 'kcrumbs_trigger.ko*' | head -n 1)
check "dkms produced kcrumbs_trigger.ko" test -n "$tko"
[ -n "$tko" ] && check "kcrumbs_trigger.ko: vermagic $kver, version $ver, depends on kcrumbs" \
	sh -c "modinfo -F vermagic '$tko' | grep -q '^$kver ' &&
		modinfo -F version '$tko' | grep -qx '$ver' &&
		modinfo -F depends '$tko' | grep -qx kcrumbs"
# the recorder alone, as production loads it: no crash type in it
if [ -n "$ko" ]; then
	case $ko in
	*.xz) xz -dc "$ko" >"$tmp/recorder.ko" ;;
	*.zst) zstd -qdc "$ko" >"$tmp/recorder.ko" ;;
	*) cp "$ko" "$tmp/recorder.ko" ;;
	esac
	check "kcrumbs.ko carries no crash code (exports the self-test's recorder only)" \
		sh -c "nm '$tmp/recorder.ko' | grep -q ' T kcrumbs_record_selftest' &&
			! nm '$tmp/recorder.ko' | grep -Eq 'kcrumbs_(PANIC|BUG|trigger|crashtype)'"
fi
check "dkms status says built" \
	sh -c "dkms --dkmstree '$tmp/dkms' --sourcetree '$tmp/src' status kcrumbs/$ver | grep -q ': built'"
check "dkms remove kcrumbs/$ver --all" dk remove -m kcrumbs -v "$ver" --all
check "dkms status is empty after remove" \
	sh -c "[ -z \"\$(dkms --dkmstree '$tmp/dkms' --sourcetree '$tmp/src' status kcrumbs)\" ]"

dest=$tmp/dest
check "make install DESTDIR=" make -s -C "$root" install DESTDIR="$dest" KVER="$kver"
check "module installed under updates/" test -f "$dest/lib/modules/$kver/updates/kcrumbs.ko"
check "trigger module installed under updates/" \
	test -f "$dest/lib/modules/$kver/updates/kcrumbs_trigger.ko"
check "CLI installed" test -x "$dest/usr/sbin/kcrumbs"
check "man page installed" test -f "$dest/usr/share/man/man8/kcrumbs.8"
check "bash completion installed" grep -q 'complete -F _kcrumbs kcrumbs' \
	"$dest/usr/share/bash-completion/completions/kcrumbs"
check "installed CLI runs" sh -c "'$dest/usr/sbin/kcrumbs' --help | grep -q Commands:"
check "harvest unit installed" test -f "$dest/lib/systemd/system/kcrumbs-harvest.service"
check "qa unit installed (qa step, only while a run is planned)" sh -c "
	grep -q '^ExecStart=/usr/sbin/kcrumbs qa step' '$dest/lib/systemd/system/kcrumbs-qa.service' &&
	grep -q '^ConditionPathExists=/var/lib/kcrumbs/qa.state' '$dest/lib/systemd/system/kcrumbs-qa.service'"
check "kdump-tools drop-in (address at every boot) installed" \
	grep -q 'kcrumbs kdump-args --install' "$dest/lib/systemd/system/kdump-tools.service.d/kcrumbs.conf"
check "kdump-tools-dump drop-in (capture path) installed" \
	grep -q 'kcrumbs capture' "$dest/lib/systemd/system/kdump-tools-dump.service.d/kcrumbs.conf"
check "modules-load.d loads kcrumbs, not the triggers" \
	sh -c "grep -qx kcrumbs '$dest/usr/lib/modules-load.d/kcrumbs.conf' && ! grep -v '^#' '$dest/usr/lib/modules-load.d/kcrumbs.conf' | grep -q trigger"
check "make uninstall DESTDIR=" make -s -C "$root" uninstall DESTDIR="$dest" KVER="$kver"
check "uninstall leaves no file behind" \
	sh -c "[ -z \"\$(find '$dest' -type f)\" ]"
check "uninstall leaves no drop-in directory behind" \
	sh -c "[ -z \"\$(find '$dest' -name '*.service.d')\" ]"

# kdumpctl's post.d script, its contract in a fake tree: a fake kcrumbs in
# PATH records its arguments; kdump.conf's path; the newest <ip>-<date>
# directory; a directory of its own when the dump made none.
fk=$tmp/kdumpctl
now=$(date +%s)
mkdir -p "$fk/bin" "$fk/sysroot/srv/dumps/127.0.0.1-$(date -d "@$((now - 20))" +%Y-%m-%d-%T)" \
	"$fk/sysroot/srv/dumps/127.0.0.1-$(date -d "@$now" +%Y-%m-%d-%T)" \
	"$fk/sysroot/srv/dumps/10.0.0.2-2026-11-29-08:00:00"
newest=127.0.0.1-$(date -d "@$now" +%Y-%m-%d-%T)
printf '#!/bin/sh\necho "$@" >"%s/args"\n' "$fk" >"$fk/bin/kcrumbs"
chmod +x "$fk/bin/kcrumbs"
printf 'path /srv/dumps\ncore_collector makedumpfile -l -d 31\nextra_bins /usr/sbin/kcrumbs\n' >"$fk/kdump.conf"
post="$root/userspace/kdump/kdumpctl-post.sh"
kpost() { PATH="$fk/bin:$PATH" KCRUMBS_KDUMP_CONF="$fk/kdump.conf" KCRUMBS_NEWROOT="$fk/sysroot" sh "$post" "$@"; }
check "kdumpctl post.d: runs kcrumbs capture" kpost 0
check "... into the newest dump directory, under kdump.conf's path" \
	grep -qx "capture --dir $fk/sysroot/srv/dumps/$newest" "$fk/args"
rm -rf "$fk/sysroot/srv/dumps"/*
# an older crash's directory (before this kernel started) is not this one's
mkdir -p "$fk/sysroot/srv/dumps/127.0.0.1-2026-01-01-00:00:00"
check "kdumpctl post.d: the dump made no directory (status 1)" kpost 1
check "... a kcrumbs-<date> directory of its own" \
	grep -Eq "^capture --dir $fk/sysroot/srv/dumps/kcrumbs-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9:]{8}\$" "$fk/args"
printf 'core_collector makedumpfile -l -d 31\n' >"$fk/kdump.conf"
check "kdumpctl post.d: no path line: /var/crash" \
	sh -c "PATH='$fk/bin':\$PATH KCRUMBS_KDUMP_CONF='$fk/kdump.conf' KCRUMBS_NEWROOT='$fk/sysroot' sh '$post' 0 >/dev/null && grep -q ' $fk/sysroot/var/crash/kcrumbs-' '$fk/args'"
check "kdumpctl post.d: POSIX sh (dash parses it)" sh -n "$post"

# kdump-args --uninstall (the kcrumbs package's prerm): what --install
# wrote comes out of kdump-tools' file, the rest stays byte for byte
kt=$tmp/kdump-tools
cli=$root/build/kcrumbs
[ -x "$cli" ] || make -s -C "$root" cli >/dev/null
printf '%s\n' '# Defaults for kdump-tools' 'USE_KDUMP=1' 'KDUMP_COREDIR="/var/crash"' \
	'KDUMP_CMDLINE_APPEND="reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1 irqpoll usbcore.nousb kcrumbs.region=167936@0x2fc0000"' \
	>"$kt.want-base"
{ cat "$kt.want-base"; printf '%s\n' "$(grep -h 'define KC_KDUMPCFG_MARK' "$root"/userspace/kdumpcfg.h |
	sed 's/^[^"]*"//; s/"$//; s/\\n$//')" 'KDUMP_CMDLINE="root=/dev/vda ro console=ttyS0"'; } >"$kt"
sed 's/ kcrumbs\.region=[^"]*//' "$kt.want-base" >"$kt.want"
check "kdump-args --uninstall takes out the region and the marked KDUMP_CMDLINE, nothing else" \
	sh -c "'$cli' kdump-args --uninstall --config '$kt' && cmp '$kt' '$kt.want'"
check "... again: nothing to take out, the file unchanged" \
	sh -c "'$cli' kdump-args --uninstall --config '$kt' 2>&1 | grep -q 'nothing of kcrumbs' && cmp '$kt' '$kt.want'"
check "... no kdump configuration at all: exit 0" \
	sh -c "'$cli' kdump-args --uninstall --config '$tmp/none' 2>&1 | grep -q 'nothing to take out'"
check "... with --install: a usage error (exit 2)" \
	sh -c "'$cli' kdump-args --uninstall --install >/dev/null 2>&1; [ \$? = 2 ]"
check "debian/changelog's version is dkms.conf's (the one source)" \
	sh -c "[ \"\$(cd '$root' && dpkg-parsechangelog -S Version)\" = '$ver' ]"

echo "packaging: $passed passed, $failed failed"
[ "$failed" = 0 ]
