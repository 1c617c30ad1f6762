#!/bin/sh
# Install every Debian package that building, testing and the demo need.
# Idempotent and quick when everything is present: it only asks dpkg.
set -eu

# zlib1g-dev: libkdumpfile.pc requires zlib, and libkdumpfile-dev does not
# pull it in (Debian 12): without it pkg-config fails and so does make.
# time: GNU time, the reader's peak RSS (bench/rss.sh, the VM's read --dump).
# clang, libclang-rt-14-dev (libFuzzer, ASan, UBSan) and llvm
# (llvm-symbolizer, for readable sanitizer traces): tests/fuzz.
# jq: the unit test that pipes every command's --json through it.
# libxml2-utils (xmllint): test_qa reads qa's JUnit XML back with it.
# debhelper, dh-dkms, lintian: make deb and the package tests (make deb
# alone installs its build dependencies from debian/control).
PKGS="build-essential pkg-config kmod cpio dkms
debhelper dh-dkms lintian
linux-headers-amd64
libpopt-dev libnl-genl-3-dev libkdumpfile-dev zlib1g-dev makedumpfile time
libcmocka-dev valgrind jq libxml2-utils
clang libclang-rt-14-dev llvm
qemu-system-x86 busybox-static kexec-tools socat debootstrap
linux-source-6.1 groff-base"

# `deps.sh build` (make deps-build): only what building and installing
# kcrumbs needs on a machine that runs it, for the kernel KVER (default:
# the running one, when its headers are there; else Debian's
# linux-headers-amd64). libkdumpfile10 comes with its -dev package.
if [ "${1:-}" = build ]; then
	if [ -n "${KVER:-}" ]; then
		hdr=linux-headers-$KVER
	elif [ -d "/lib/modules/$(uname -r)/build" ]; then
		hdr=
	else
		hdr=linux-headers-amd64
	fi
	PKGS="build-essential pkg-config kmod dkms $hdr
libpopt-dev libnl-genl-3-dev libkdumpfile-dev zlib1g-dev"
fi

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = "installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "kcrumbs deps: installing$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "kcrumbs deps: need root to install:$missing" >&2
		exit 1
	}
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -q --no-install-recommends $missing; then
	$SUDO apt-get update -q
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi
