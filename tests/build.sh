#!/bin/bash
# A clean build of the module (W=1) and the CLI (-Werror): a warning fails.
# Ends with "build: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kver=${KVER:-$("$root/scripts/kver.sh" --debian)}
passed=0 failed=0

# build DESC TARGET...: clean, then make TARGET; fail on error or warning.
build() {
	local desc=$1 out
	shift
	if out=$(make -C "$root" "$@" KVER="$kver" CI=true 2>&1) &&
		! grep -q 'warning:' <<<"$out"; then
		passed=$((passed + 1))
		echo "ok - $desc"
	else
		failed=$((failed + 1))
		echo "not ok - $desc"
		grep -B2 -A6 -E 'warning:|error:' <<<"$out" | head -n 60 | sed 's/^/#   /'
	fi
}

# make clean removes our build products only: never the cached kernel's
# modules (kbuild's external-module clean would delete every *.ko below)
probe=$root/.cache/clean-probe/x.ko
mkdir -p "${probe%/*}" && : >"$probe"
make -s -C "$root" clean KVER="$kver" >/dev/null 2>&1
if [ -f "$probe" ] && [ ! -e "$root/kcrumbs.ko" ] && [ ! -e "$root/kcrumbs_trigger.ko" ] &&
	[ ! -d "$root/build" ]; then
	passed=$((passed + 1))
	echo "ok - make clean removes the build, keeps .cache"
else
	failed=$((failed + 1))
	echo "not ok - make clean removes the build, keeps .cache"
fi
rm -rf "${probe%/*}"
build "kcrumbs.ko and kcrumbs_trigger.ko for $kver with W=1, no warning" module
build "kcrumbs CLI with -Wall -Wextra -Werror, no warning" cli
# a kernel that is not x86_64 is refused by the Kbuild itself, with a
# sentence (kbuild reads CONFIG_X86_64 from the kernel's config; given on
# the command line, it stands for a kernel without it)
if ! out=$(make -C "/lib/modules/$kver/build" M="$root" CONFIG_X86_64=n modules 2>&1) &&
	grep -q "kcrumbs: builds for x86_64 kernels only" <<<"$out"; then
	passed=$((passed + 1))
	echo "ok - a kernel without CONFIG_X86_64 is refused, saying so"
else
	failed=$((failed + 1))
	echo "not ok - a kernel without CONFIG_X86_64 is refused, saying so"
	tail -n 5 <<<"$out" | sed 's/^/#   /'
fi
if grep -qx 'BUILD_EXCLUSIVE_ARCH="x86_64"' "$root/dkms.conf"; then
	passed=$((passed + 1))
	echo "ok - dkms.conf: BUILD_EXCLUSIVE_ARCH=x86_64"
else
	failed=$((failed + 1))
	echo "not ok - dkms.conf: BUILD_EXCLUSIVE_ARCH=x86_64"
fi
# the capture kernel's reader starts without loading libnl or popt; a
# distribution can still link them dynamically
check_libs() {
	local desc=$1 bin=$2 want=$3 got
	got=$(ldd "$bin" 2>/dev/null | grep -cE 'libnl|libpopt')
	if [ "$got" = "$want" ]; then
		passed=$((passed + 1))
		echo "ok - $desc"
	else
		failed=$((failed + 1))
		echo "not ok - $desc (ldd lists $got of libnl-3, libnl-genl-3, popt)"
	fi
}
check_libs "default CLI: libnl and popt linked in statically" "$root/build/kcrumbs" 0
shared=$(mktemp -d)
build "LINK=shared CLI, no warning" cli LINK=shared B="$shared"
check_libs "LINK=shared CLI: libnl-3, libnl-genl-3, popt dynamic" "$shared/kcrumbs" 3
rm -rf "$shared"
echo "build: $passed passed, $failed failed"
[ "$failed" = 0 ]
