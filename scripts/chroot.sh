#!/bin/sh
# Build environments for the kernels of other Debian suites. A kernel's
# headers need the compiler it was built with, so each suite gets a
# debootstrap chroot of its own (minbase, gcc, make, libc6-dev,
# linux-headers-amd64) under the git-ignored .cache/chroot/SUITE. The
# image of the same kernel (for the VM tests) is downloaded with the
# chroot's apt at the same time, into .cache/kernel/KVER/deb: a suite's
# archive drops superseded kernels, so headers and image are kept together.
#
#   chroot.sh SUITE           make the chroot if it is not made (quiet when
#                             it is), print the kernel release its
#                             linux-headers-amd64 points at
#   chroot.sh SUITE build [--clean]
#                             build kcrumbs.ko with W=1 in it, from a copy
#                             of the module's sources; the module lands in
#                             .cache/build/KVER/kcrumbs.ko. Kbuild's output
#                             goes to stdout, for warnings to be checked.
#   chroot.sh SUITE update    apt-get update and upgrade the headers in it;
#                             print the (maybe new) kernel release
#   chroot.sh SUITE ko        print the path of its built kcrumbs.ko
#
# SUITE is trixie (Debian 13) or sid (unstable). Needs root and
# debootstrap (make deps). KCRUMBS_MIRROR overrides the Debian mirror.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
mirror=${KCRUMBS_MIRROR:-http://deb.debian.org/debian}
# perl and python3: W=1 runs scripts/kernel-doc (perl up to 6.17, python
# from 6.18 on), which the headers packages do not depend on; makedumpfile:
# the suite's own, which writes zstd dumps (bookworm's cannot), for the VM's
# read --dump test (tests/vm/mkinitramfs.sh)
pkgs="make gcc libc6-dev linux-headers-amd64 perl python3 makedumpfile"

die() { echo "chroot.sh: $*" >&2; exit 1; }
say() { echo "kcrumbs chroot: $*" >&2; }

suite=${1:-}
cmd=${2:-make}
case $suite in
trixie|sid) ;;
*) die "usage: chroot.sh trixie|sid [build [--clean]|update|ko]" ;;
esac
dir=$root/.cache/chroot/$suite
stamp=$dir/.kcrumbs-made

# in_chroot CMD...: CMD in the chroot, with /proc (objtool reads it) mounted
# in a mount namespace of its own, so that the mount goes away with CMD and
# nothing is ever left mounted below .cache. INITRD=No: the image the
# headers pull in needs no initramfs here.
in_chroot() {
	unshare --mount --propagation private --fork sh -c '
		d=$1; shift
		mount -t proc proc "$d/proc" && exec chroot "$d" "$@"' sh "$dir" \
		/usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive INITRD=No "$@"
}

# the release linux-headers-amd64 points at, as scripts/kver.sh --debian
# does for the host
headers_kver() {
	in_chroot dpkg-query -W -f='${Depends}\n' linux-headers-amd64 2>/dev/null |
		sed -n 's/.*linux-headers-\([^ ,]*\).*/\1/p' | head -n 1
}

# nothing may be mounted below the chroot before it is deleted
assert_unmounted() {
	if grep -q " $dir[/ ]" /proc/mounts; then
		die "something is mounted below $dir: unmount it first"
	fi
}

apt_quiet() { grep -v -e 'unsandboxed as root' -e '^debconf: ' >&2 || true; }

# image_pkgs KVER: linux-image-KVER and the packages of the same kernel it
# depends on: sid splits the image into linux-binary-KVER (vmlinuz),
# linux-modules-KVER and linux-base-KVER (config), under /usr/lib/modules
image_pkgs() {
	echo "linux-image-$1"
	in_chroot apt-cache show "linux-image-$1" 2>/dev/null |
		sed -n '1,/^$/s/^Depends: //p' | tr ',|' '\n\n' |
		sed -n "s/^ *\(linux-[a-z]*-$1\)\( .*\)\{0,1\}$/\1/p" | sort -u
}

# fetch_image KVER: the suite's image of KVER, next to the headers (what
# the install already fetched is kept by install_pkgs)
fetch_image() {
	deb=$root/.cache/kernel/$1/deb
	mkdir -p "$deb" "$dir/tmp/kcrumbs-dl"
	for p in $(image_pkgs "$1"); do
		ls "$deb/${p}"_*.deb >/dev/null 2>&1 && continue
		(in_chroot sh -c 'cd /tmp/kcrumbs-dl && apt-get download -q "$0"' \
			"$p" 2>&1 || echo "FAILED") | apt_quiet
		ls "$dir/tmp/kcrumbs-dl/${p}"_*.deb >/dev/null 2>&1 ||
			die "cannot download $p from $suite"
		mv "$dir/tmp/kcrumbs-dl/${p}"_*.deb "$deb/"
	done
	rmdir "$dir/tmp/kcrumbs-dl"
}

make_chroot() {
	[ "$(id -u)" = 0 ] || die "making a chroot needs root"
	command -v debootstrap >/dev/null 2>&1 || die "no debootstrap (run: make deps)"
	assert_unmounted
	rm -rf "$dir"
	mkdir -p "$dir"
	t0=$(date +%s)
	say "making $suite (debootstrap minbase, then $pkgs) in $dir"
	log=$root/.cache/chroot/$suite.log
	if ! debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		die "debootstrap $suite failed (log: $log)"
	fi
	# the suite's own point-release and security updates, where it has them
	if [ "$suite" != sid ]; then
		{
			echo "deb $mirror $suite main"
			echo "deb $mirror $suite-updates main"
			echo "deb ${mirror%/debian}/debian-security $suite-security main"
		} >"$dir/etc/apt/sources.list"
	fi
	install_pkgs
	kver=$(headers_kver)
	[ -n "$kver" ] || die "no linux-headers-amd64 in $suite"
	[ -d "$dir/usr/src/linux-headers-$kver" ] || die "linux-headers-$kver is not installed in $suite"
	fetch_image "$kver"
	secs=$(($(date +%s) - t0))
	printf 'suite=%s\nkver=%s\nmade=%s\nseconds=%s\npkgs=%s\n' "$suite" "$kver" \
		"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$secs" "$pkgs" >"$stamp"
	say "made $suite in $secs s: kernel $kver"
}

# apt_update: the suite's package lists. A mirror that is a frozen
# snapshot serves Release files past their Valid-Until (sid's lasts a
# week): then, and only then, the chroot's apt is told to accept them.
apt_update() {
	log=$root/.cache/chroot/$suite.log
	in_chroot apt-get update -q >>"$log" 2>&1 && return 0
	grep -q 'Release file .* is expired' "$log" || return 1
	say "$suite: the mirror's Release file has expired (a frozen snapshot?): accepting it in this chroot"
	echo 'Acquire::Check-Valid-Until "false";' \
		>"$dir/etc/apt/apt.conf.d/99kcrumbs-snapshot"
	in_chroot apt-get update -q >>"$log" 2>&1
}

# install_pkgs: the package list, into a made chroot (quiet on success).
# The headers depend on the kernel image: its .deb, which apt has just
# fetched, is kept for the VM tests before apt's cache is cleaned.
install_pkgs() {
	log=$root/.cache/chroot/$suite.log
	{ apt_update && in_chroot apt-get install -y -q --no-install-recommends $pkgs \
		>>"$log" 2>&1; } ||
		{ tail -n 20 "$log" >&2; die "installing $pkgs in $suite failed (log: $log)"; }
	for d in "$dir"/var/cache/apt/archives/linux-image-*.deb; do
		[ -f "$d" ] || continue
		k=${d##*/linux-image-}
		case $k in *-unsigned_*|*-dbg_*) continue ;; esac
		k=${k%%_*}
		mkdir -p "$root/.cache/kernel/$k/deb"
		mv "$d" "$root/.cache/kernel/$k/deb/"
	done
	in_chroot apt-get clean
}

# ensure: made, and with today's package list (a chroot made by an older
# version of this script gets what was added since)
ensure() {
	if [ ! -f "$stamp" ]; then
		make_chroot
	elif ! grep -qx "pkgs=$pkgs" "$stamp"; then
		say "$suite: installing $pkgs"
		install_pkgs
		sed -i '/^pkgs=/d' "$stamp"
		echo "pkgs=$pkgs" >>"$stamp"
	fi
}

case $cmd in
make)
	ensure
	headers_kver
	;;
update)
	ensure
	install_pkgs
	kver=$(headers_kver)
	fetch_image "$kver"
	sed -i "s/^kver=.*/kver=$kver/" "$stamp"
	echo "$kver"
	;;
ko)
	ensure
	echo "$root/.cache/build/$(headers_kver)/kcrumbs.ko"
	;;
build)
	ensure
	kver=$(headers_kver)
	# a copy of the module's sources only, in a directory of its own per
	# kernel: kbuild writes its objects beside the sources
	src=$dir/build/kcrumbs
	# a fresh copy each time: kept objects would look newer than sources
	# copied with their own older times, and a stale module would be built
	rm -rf "$src"
	mkdir -p "$src/module/uapi"
	cp "$root/Kbuild" "$root/dkms.conf" "$src/"
	cp "$root"/module/*.c "$root"/module/*.h "$src/module/"
	cp "$root"/module/uapi/*.h "$src/module/uapi/"
	out=$root/.cache/build/$kver
	mkdir -p "$out"
	rm -f "$out/kcrumbs.ko" "$out/kcrumbs_trigger.ko"
	mkdir -p "$src/tests/kmod"
	cp "$root"/tests/kmod/Kbuild "$root"/tests/kmod/*.c "$src/tests/kmod/"
	rm -f "$out/kcrumbs_example.ko" "$out"/kc_*.ko
	in_chroot make -C "/usr/src/linux-headers-$kver" M=/build/kcrumbs W=1 modules
	cp "$src/kcrumbs.ko" "$out/kcrumbs.ko"
	cp "$src/kcrumbs_trigger.ko" "$out/kcrumbs_trigger.ko"
	# the in-kernel API's example, against this build's symbols
	in_chroot make -C "/usr/src/linux-headers-$kver" M=/build/kcrumbs/tests/kmod \
		W=1 KBUILD_EXTRA_SYMBOLS=/build/kcrumbs/Module.symvers modules
	# and the VM tests' helper modules
	cp "$src"/tests/kmod/*.ko "$out/"
	;;
*)
	die "unknown command '$cmd'"
	;;
esac
