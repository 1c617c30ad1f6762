#!/bin/bash
# The Debian packages' lifecycle on a clean Debian 12 (docs/packaging.md):
#  1. build: scripts/deb.sh LINT=1 (both .debs, lintian clean); an upgrade
#     (VERSION.1: dkms.conf and a new debian/changelog entry, in a copy of
#     the tree); a copy whose dkms.conf disagrees with debian/changelog
#     must not build, and says both versions
#  2. a debootstrap (minbase) bookworm chroot with dkms, the headers of
#     KVER, kdump-tools, jq and bash-completion, cached under
#     .cache/chroot/bookworm-deb (remade when its setup below or KVER
#     changes); every run works on a throwaway overlay over it
#  3. in the overlay (tests/packaging/deb-chroot.sh): install, upgrade (a
#     conffile edit kept), a new kernel (DKMS's hooks build for it),
#     remove (kdump-tools' configuration cleaned, the data kept), purge
#     (nothing left)
# The chroot shares the host's kernel: nothing here loads a module, starts
# a service or writes a sysctl. The overlay and /proc are mounted in a
# private mount namespace of their own, so nothing stays mounted on the
# host; /proc/sys is read-only in it and /run/systemd/system never exists,
# so the maintainer scripts' service branches are not taken.
# Needs root, debootstrap, network access to a Debian mirror (first run).
# Ends with "deb: N passed, N failed".
#   tests/packaging/deb.sh
# Environment: KVER (default scripts/kver.sh --debian), KCRUMBS_MIRROR
# (default http://deb.debian.org/debian), KCRUMBS_SECURITY_MIRROR
# (default http://deb.debian.org/debian-security), KEEP=1 (keep the temporary
# directory: the overlay's changes, the build logs).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
self=$root/tests/packaging/deb.sh
guest=$root/tests/packaging/deb-chroot.sh
kver=${KVER:-$("$root/scripts/kver.sh" --debian)} || exit 1
# the same ABI's cloud flavour: the "new kernel" of step 3
cloud=${kver%-amd64}-cloud-amd64
ver=$(sed -n 's/^PACKAGE_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$root/dkms.conf")
upver=$ver.1
badver=9.8.7
arch=$(dpkg --print-architecture)
mirror=${KCRUMBS_MIRROR:-http://deb.debian.org/debian}
secmirror=${KCRUMBS_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cdir=$root/.cache/chroot/bookworm-deb
# beside the chroot, not in it: nothing in it may be named *kcrumbs*
cstamp=$cdir.made
clog=$cdir.log
t0=$EPOCHREALTIME
n=0 passed=0 failed=0

ok() { n=$((n + 1)); passed=$((passed + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
indent() { tail -n "${1:-30}" | sed 's/^/#   /'; }
secs() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }'; }
say() { echo "# $*"; }

[ "$(id -u)" = 0 ] || { echo "deb.sh: needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
for t in debootstrap unshare chroot sha256sum cpio dpkg-deb; do
	command -v "$t" >/dev/null || { echo "deb.sh: no $t" >&2; exit 1; }
done
[ -n "$ver" ] || { echo "deb.sh: no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }

tmp=$(mktemp -d /tmp/kcdeb.XXXXXX)
# the overlay is mounted in a namespace that is gone by then; a mount
# that leaked anyway is taken down before its directory is deleted
cleanup() {
	awk -v t="$tmp/" 'index($2 "/", t) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" || true; done
	if [ "${KEEP:-0}" = 1 ]; then
		echo "# kept: $tmp (the overlay's changes in ov/upper, the build logs)"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ns_chroot ROOT OVERLAY CMD...: CMD in the chroot ROOT, in a private mount
# namespace with /proc mounted (its sys/ and sysrq-trigger read-only); with
# OVERLAY (a directory holding upper/, work/, root/ and payload/), in an
# overlay over ROOT instead, with OVERLAY/payload copied to /root/payload.
ns_chroot() {
	local lower=$1 ov=$2
	shift 2
	# shellcheck disable=SC2016 # $1... are the inner sh's
	unshare --mount --propagation private --fork -- sh -c '
		set -e
		r=$1 ov=$2
		shift 2
		if [ -n "$ov" ]; then
			mount -t overlay kcdeb -o "lowerdir=$r,upperdir=$ov/upper,workdir=$ov/work" "$ov/root"
			r=$ov/root
			cp -a "$ov/payload" "$r/root/payload"
		fi
		mount -t proc proc "$r/proc"
		for p in sys sysrq-trigger; do
			[ -e "$r/proc/$p" ] || continue
			mount --bind "$r/proc/$p" "$r/proc/$p"
			mount -o remount,bind,ro "$r/proc/$p"
		done
		exec chroot "$r" "$@"' sh "$lower" "$ov" \
		/usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
		DEBCONF_NONINTERACTIVE_SEEN=true INITRD=No "$@"
}

# ---- chroot setup begin: this part's text and KVER make the stamp ----------
# (dkms: the module; kdump-tools and what it recommends, the kernel hooks'
# initramfs-tools: as a kdump machine has them; linux-headers-amd64: what
# kcrumbs-dkms recommends; the rest: what kcrumbs depends on and
# recommends, so that installing the .debs downloads nothing)
chroot_pkgs="dkms linux-headers-$kver linux-headers-amd64 kdump-tools makedumpfile
initramfs-tools jq bash-completion libnl-3-200 libnl-genl-3-200 libpopt0
libkdumpfile10 zlib1g"
# downloaded now, installed by the test ("a new kernel"): no download then
chroot_later="linux-image-$cloud linux-headers-$cloud"

make_chroot() {
	if grep -q " ${cdir}[/ ]" /proc/mounts; then
		echo "something is mounted below $cdir: unmount it first"
		return 1
	fi
	rm -rf "$cdir" "$cstamp"
	mkdir -p "$cdir" "$root/.cache/chroot/debootstrap-bookworm"
	debootstrap --variant=minbase --cache-dir="$root/.cache/chroot/debootstrap-bookworm" \
		bookworm "$cdir" "$mirror" || return 1
	printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
		"$mirror" "$mirror" "$secmirror" >"$cdir/etc/apt/sources.list"
	# nothing the packages install may start a service
	printf '#!/bin/sh\nexit 101\n' >"$cdir/usr/sbin/policy-rc.d"
	chmod 0755 "$cdir/usr/sbin/policy-rc.d"
	ns_chroot "$cdir" "" apt-get update -q || return 1
	ns_chroot "$cdir" "" apt-get -y -q upgrade || return 1
	# shellcheck disable=SC2086 # the list splits
	ns_chroot "$cdir" "" apt-get install -y -q --no-install-recommends $chroot_pkgs || return 1
	ns_chroot "$cdir" "" apt-get clean
	# shellcheck disable=SC2086
	ns_chroot "$cdir" "" apt-get install -d -y -q --no-install-recommends $chroot_later ||
		return 1
	[ -d "$cdir/usr/src/linux-headers-$kver" ] ||
		{ echo "linux-headers-$kver is not installed in the chroot"; return 1; }
	ls "$cdir/var/cache/apt/archives/linux-image-${cloud}_"*.deb >/dev/null ||
		{ echo "linux-image-$cloud was not downloaded"; return 1; }
	[ ! -e "$cdir/run/systemd/system" ] ||
		{ echo "the chroot has a /run/systemd/system"; return 1; }
}
# ---- chroot setup end --------------------------------------------------------

chroot_hash=$({ sed -n '/^# ---- chroot setup begin/,/^# ---- chroot setup end/p' "$self"
	echo "$kver"; } | sha256sum | cut -c1-16)

# ensure_chroot: made, with this setup and KVER; says "cached" or "made in
# N s", or fails
ensure_chroot() {
	local t=$EPOCHREALTIME
	if [ -f "$cstamp" ] && [ "$(cat "$cstamp")" = "$chroot_hash" ] &&
		[ -x "$cdir/usr/sbin/dkms" ]; then
		echo cached
		return 0
	fi
	make_chroot >"$clog" 2>&1 || return 1
	echo "$chroot_hash" >"$cstamp"
	echo "made in $(secs "$t") s"
}

# copy_tree DIR: what scripts/deb.sh would package, copied into DIR (the
# copy is outside git: deb.sh takes it whole)
copy_tree() {
	mkdir -p "$1"
	if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		(cd "$root" && git ls-files -z --cached --others --exclude-standard |
			cpio -0 -pdm --quiet "$1")
	else
		tar -C "$root" --exclude=./build --exclude=./.cache --exclude='*.ko' \
			--exclude='*.o' --exclude='*.deb' -cf - . | tar -C "$1" -xf -
	fi
}

# ---- 1. build ------------------------------------------------------------------
tb=$EPOCHREALTIME
# the chroot is made meanwhile (a download, mostly)
mkdir -p "$tmp/debs/$ver" "$tmp/debs/$upver" "$tmp/debs/bad"
# one run at a time makes it (the lock: exclusive to make it, shared while
# an overlay uses it)
mkdir -p "$root/.cache/chroot"
(flock -x 9 && ensure_chroot) 9>"$cdir.lock" >"$tmp/chroot.state" 2>&1 &
chroot_pid=$!

# the upgrade: VERSION.1 in dkms.conf and a changelog entry on top
up=$tmp/tree-up/kcrumbs-$upver
copy_tree "$up"
sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$upver\"/" "$up/dkms.conf"
maint=$(sed -n '0,/^ -- /s/^ -- \(.*>\)  .*$/\1/p' "$root/debian/changelog")
dist=$(sed -n '1s/^[^ ]* ([^)]*) \([^;]*\);.*/\1/p' "$root/debian/changelog")
{
	printf 'kcrumbs (%s) %s; urgency=medium\n\n' "$upver" "$dist"
	printf '  * Upgrade test build (tests/packaging/deb.sh).\n\n'
	printf ' -- %s  %s\n\n' "$maint" "$(LC_ALL=C date -R)"
	cat "$root/debian/changelog"
} >"$up/debian/changelog.new"
mv "$up/debian/changelog.new" "$up/debian/changelog"
# a disagreement: dkms.conf moved on, the changelog did not
bad=$tmp/tree-bad/kcrumbs-$badver
copy_tree "$bad"
sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$badver\"/" "$bad/dkms.conf"

# three builds at once when the build dependencies are there (else the
# first installs them, alone)
(cd "$root" && LINT=1 scripts/deb.sh "$tmp/debs/$ver") >"$tmp/build-main.log" 2>&1 &
main_pid=$!
main_rc=
if ! dpkg-checkbuilddeps "$root/debian/control" >/dev/null 2>&1; then
	wait $main_pid
	main_rc=$?
fi
"$up/scripts/deb.sh" "$tmp/debs/$upver" >"$tmp/build-up.log" 2>&1 &
up_pid=$!
"$bad/scripts/deb.sh" "$tmp/debs/bad" >"$tmp/build-bad.log" 2>&1
bad_rc=$?
if [ -z "$main_rc" ]; then
	wait $main_pid
	main_rc=$?
fi
wait $up_pid
up_rc=$?

deb_v=$tmp/debs/$ver/kcrumbs_${ver}_$arch.deb
dkms_v=$tmp/debs/$ver/kcrumbs-dkms_${ver}_all.deb
if [ "$main_rc" = 0 ] && [ -f "$deb_v" ] && [ -f "$dkms_v" ]; then
	ok "scripts/deb.sh LINT=1: kcrumbs_${ver}_$arch.deb and kcrumbs-dkms_${ver}_all.deb, lintian clean"
else
	# lintian failed after the build: its .debs (in the build directory
	# deb.sh keeps when it fails) are tested all the same
	w=$(sed -n 's/^kcrumbs deb: dpkg-buildpackage .* in \(\/.*\)\/kcrumbs-[^/]*$/\1/p' "$tmp/build-main.log")
	for d in "${deb_v##*/}" "${dkms_v##*/}"; do
		[ -n "$w" ] && [ -f "$w/$d" ] && [ ! -f "$tmp/debs/$ver/$d" ] && cp "$w/$d" "$tmp/debs/$ver/"
	done
	if [ -f "$deb_v" ] && [ -f "$dkms_v" ]; then
		not_ok "scripts/deb.sh LINT=1: both .debs built, but lintian failed (exit $main_rc)"
	else
		not_ok "scripts/deb.sh LINT=1: both .debs (exit $main_rc)"
	fi
	indent 40 <"$tmp/build-main.log"
fi
for d in "$deb_v" "$dkms_v"; do
	[ -f "$d" ] || continue
	dv=$(dpkg-deb -f "$d" Version)
	if [ "$dv" = "$ver" ]; then ok "${d##*/}: Version $ver"; else
		not_ok "${d##*/}: Version $dv, not $ver"
	fi
done

deb_u=$tmp/debs/$upver/kcrumbs_${upver}_$arch.deb
dkms_u=$tmp/debs/$upver/kcrumbs-dkms_${upver}_all.deb
if [ "$up_rc" = 0 ] && [ -f "$deb_u" ] && [ -f "$dkms_u" ] &&
	[ "$(dpkg-deb -f "$dkms_u" Version)" = "$upver" ]; then
	ok "the upgrade ($upver in dkms.conf and a new debian/changelog entry) builds"
else
	not_ok "the upgrade ($upver in dkms.conf and a new debian/changelog entry) builds (exit $up_rc)"
	indent 40 <"$tmp/build-up.log"
fi

if [ "$bad_rc" != 0 ] && ! ls "$tmp/debs/bad"/*.deb >/dev/null 2>&1; then
	ok "dkms.conf $badver against debian/changelog $ver: no package"
else
	not_ok "dkms.conf $badver against debian/changelog $ver: no package (exit $bad_rc)"
	indent 40 <"$tmp/build-bad.log"
fi
badline=$(grep -F "$badver" "$tmp/build-bad.log" | grep -F dkms.conf)
if grep -Fq "$ver" <<<"$badline"; then
	ok "... and the error names both versions"
	indent 3 <<<"$badline"
else
	not_ok "... and the error names both versions ($badver and $ver)"
	indent 20 <"$tmp/build-bad.log"
fi
say "build: $(secs "$tb") s"

# ---- 2. the chroot ---------------------------------------------------------------
tc=$EPOCHREALTIME
wait $chroot_pid
chroot_rc=$?
state=$(cat "$tmp/chroot.state")
[ -n "$state" ] || state=failed
if [ "$chroot_rc" = 0 ]; then
	ok "bookworm chroot ($state: $cdir; $kver's headers, dkms, kdump-tools)"
else
	not_ok "bookworm chroot: debootstrap and packages (log: $clog)"
	indent 30 <"$clog"
fi
say "chroot: $state, waited $(secs "$tc") s for it after the build"

# ---- 3. the lifecycle, in an overlay over the chroot -------------------------
tl=$EPOCHREALTIME
if [ "$chroot_rc" != 0 ] || [ ! -f "$deb_v" ] || [ ! -f "$dkms_v" ] ||
	[ ! -f "$deb_u" ] || [ ! -f "$dkms_u" ]; then
	not_ok "the lifecycle in the chroot: not run (no chroot, or .debs missing above)"
else
	ov=$tmp/ov
	mkdir -p "$ov/upper" "$ov/work" "$ov/root" "$ov/payload"
	cp -r "$tmp/debs/$ver" "$tmp/debs/$upver" "$ov/payload/"
	cp "$guest" "$ov/payload/lifecycle.sh"
	# what `make install` installs: scripts/install.sh's install_files,
	# with its own defaults, run alone with a DESTDIR in the upgrade's
	# copy of the tree; the build products it takes ($CLI and its
	# directory's files) are empty stand-ins
	if (
		cd "$up" || exit 1
		# shellcheck disable=SC2016 # the lines that set the defaults
		fn=$(grep '^: "\${' scripts/install.sh
			sed -n '/^install_files() {/,/^}/p' scripts/install.sh)
		mkdir -p "$tmp/mi-build"
		: >"$tmp/mi-build/kcrumbs"
		# shellcheck disable=SC2016
		grep -o '${CLI%/\*}/[A-Za-z0-9._-]*' <<<"$fn" | while read -r f; do
			: >"$tmp/mi-build/${f##*/}"
		done
		VERSION=$upver KVER=$kver DESTDIR=$tmp/mi CLI=$tmp/mi-build/kcrumbs \
			bash -euc "$fn"$'\ninstall_files'
	) >"$tmp/mi.log" 2>&1; then
		(cd "$tmp/mi" && find . -type f -o -type l | sed 's/^\.//' | sort) >"$ov/payload/make-install.list"
	else
		# the guest says not ok without the list
		say "make install's file list: scripts/install.sh's install_files failed:"
		indent <"$tmp/mi.log"
	fi
	guest_done=0
	exec 9>"$cdir.lock"
	flock -s 9
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok "${line#ok - }" ;;
		"not ok - "*) not_ok "${line#not ok - }" ;;
		"guest: done") guest_done=1 ;;
		*) echo "$line" ;;
		esac
	done < <(ns_chroot "$cdir" "$ov" /bin/bash /root/payload/lifecycle.sh \
		"$ver" "$upver" "$kver" "$cloud" "$arch" 2>&1 || echo "guest: exit $?")
	exec 9>&-
	if [ "$guest_done" = 1 ]; then
		ok "the lifecycle script ran to its end"
	else
		not_ok "the lifecycle script ran to its end"
	fi
	if awk -v t="$tmp/" 'index($2 "/", t) == 1 { f = 1 } END { exit !f }' /proc/mounts; then
		not_ok "nothing stays mounted on the host"
		grep -F "$tmp/" /proc/mounts | indent
	else
		ok "nothing stays mounted on the host"
	fi
	left=$(find "$cdir" -xdev -name '*kcrumbs*' 2>/dev/null | head -n 5)
	if [ -z "$left" ]; then
		ok "the cached chroot is untouched (nothing named *kcrumbs* in it)"
	else
		not_ok "the cached chroot is untouched (nothing named *kcrumbs* in it)"
		echo "$left" | indent
	fi
fi
say "lifecycle: $(secs "$tl") s"
say "wall time: $(secs "$t0") s"
echo "deb: $passed passed, $failed failed"
[ "$failed" = 0 ]
