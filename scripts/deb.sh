#!/bin/bash
# make deb: the two Debian packages (debian/), built with
# `dpkg-buildpackage -us -uc -b` in a clean copy of the tree under
# build/deb.XXXXXX/ (the working tree's own build products are left alone;
# kept, with build.log, only when the build fails), then copied
# into OUT (default: the top of the tree), ready for
#   apt install ./kcrumbs_VERSION_amd64.deb ./kcrumbs-dkms_VERSION_all.deb
# Build dependencies come from debian/control (apt-get build-dep), so they
# are written down once. LINT=1 also runs lintian on the result.
#   scripts/deb.sh [OUT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root}" && cd "${1:-$root}" && pwd)
cd "$root"
ver=$(sed -n 's/^PACKAGE_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' dkms.conf)
say() { echo "kcrumbs deb: $*"; }

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# dpkg-checkbuilddeps is in dpkg-dev; then what debian/control asks for
if ! dpkg-query -W -f='${db:Status-Status}' dpkg-dev 2>/dev/null | grep -qx installed; then
	say "installing dpkg-dev"
	sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dpkg-dev
fi
if ! dpkg-checkbuilddeps debian/control >/dev/null 2>&1; then
	say "installing the build dependencies debian/control names"
	sudo_ env DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -q "$root" ||
		{ sudo_ apt-get update -q && sudo_ env DEBIAN_FRONTEND=noninteractive \
			apt-get build-dep -y -q "$root"; }
fi

# a clean copy: what git tracks, or, outside git, the tree without
# build products and caches
# a directory of its own: two builds at once do not meet
mkdir -p "$root/build"
work=$(mktemp -d "$root/build/deb.XXXXXX")
src=$work/kcrumbs-$ver
mkdir -p "$src"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -C "$root" ls-files -z --cached --others --exclude-standard |
		tar -C "$root" --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -C "$src" -xf -
else
	tar -C "$root" --exclude=./build --exclude=./.cache --exclude='*.ko' \
		--exclude='*.o' --exclude='*.deb' -cf - . | tar -C "$src" -xf -
fi
say "dpkg-buildpackage -us -uc -b in $src"
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 || {
	tail -n 40 "$work/build.log" >&2
	say "dpkg-buildpackage failed (full log: $work/build.log)" >&2
	exit 1
}
arch=$(dpkg --print-architecture)
debs=("$work/kcrumbs_${ver}_$arch.deb" "$work/kcrumbs-dkms_${ver}_all.deb")
for d in "${debs[@]}"; do
	[ -f "$d" ] || { say "dpkg-buildpackage made no ${d##*/}" >&2; exit 1; }
done
if [ "${LINT:-0}" = 1 ]; then
	lintian --fail-on error,warning "$work/kcrumbs_${ver}_$arch.changes"
fi
cp "${debs[@]}" "$out/"
for d in "${debs[@]}"; do say "$out/${d##*/}"; done
rm -rf "$work"
