#!/bin/bash
# Proof that README's commands work on a clean Debian 12: a debootstrap
# (minbase) bookworm chroot, the tree's tracked files copied in, then
# `apt-get install make`, `make deps` and `make cli`, and the CLI runs.
# Not in make check (about 2 GB and 5 minutes); make check's system suite
# proves `make deps-build` the same way, in the image it builds.
#   tests/packaging/deps-chroot.sh [DIR]     (default /tmp/kcrumbs-deps-chroot)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-/tmp/kcrumbs-deps-chroot}
mirror=${KCRUMBS_MIRROR:-http://deb.debian.org/debian}
t0=$EPOCHREALTIME
rm -rf "$dir"
debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.debootstrap.log" 2>&1
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s-security bookworm-security main\n' \
	"$mirror" "$mirror" "$mirror" >"$dir/etc/apt/sources.list"
# nothing the packages install may start a service
printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
chmod 0755 "$dir/usr/sbin/policy-rc.d"
mkdir -p "$dir/src"
(cd "$root" && git ls-files -z | cpio -0 -pdm --quiet "$dir/src")
# /proc in a mount namespace of its own: nothing stays mounted
unshare --mount --fork sh -c 'mount -t proc proc "$1/proc" && exec chroot "$1" \
	/usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	DEBIAN_FRONTEND=noninteractive sh -ec "
		apt-get update -q >/dev/null
		apt-get install -y -q --no-install-recommends make >/dev/null
		cd /src && make deps && make cli && ./build/kcrumbs --version"' sh "$dir"
echo "deps-chroot: make deps and make cli on a clean bookworm: ok ($(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s)"
