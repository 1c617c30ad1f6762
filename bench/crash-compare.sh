#!/bin/bash
# bench/crash-compare.sh DUMP_DIR: kcrumbs' snapshot of a crash beside
# crash(8)'s `sys` and `kmem -i` for the same crash (docs/snapshot.md).
#
# DUMP_DIR is a kdump-tools crash directory (/var/crash/STAMP, or one taken
# out of the full-system test's disk: tests/system/disk.sh get DISK
# /var/crash/STAMP DIR) holding dump.STAMP (flattened, as kdump-tools
# writes it). Needs crash and the kernel's debug symbols
# (apt-get install crash linux-image-$(KVER)-dbg: about 600 MB), which
# kcrumbs itself never needs.
set -euo pipefail
dir=${1:?usage: bench/crash-compare.sh DUMP_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
dump=$(ls "$dir"/dump.* | head -n 1)
kver=$(strings "$dump" | grep -m1 -o '[0-9]\.[0-9]*\.[0-9]*-[0-9]*-amd64' || true)
vmlinux=/usr/lib/debug/boot/vmlinux-$kver
[ -r "$vmlinux" ] || { echo "crash-compare: no $vmlinux (apt-get install linux-image-$kver-dbg)" >&2; exit 2; }
plain=$(mktemp -u)
trap 'rm -f "$plain"' EXIT
makedumpfile -R "$plain" <"$dump" >/dev/null
echo "=== kcrumbs read --dump $(basename "$dump") (no debug symbols)"
"$root/build/kcrumbs" read --log-lines 0 --dump "$dump" |
	sed -n '/(the crash)/,/TRAIL:/p'
echo "=== crash -s $vmlinux: sys, kmem -i"
printf 'sys\nkmem -i\nquit\n' | crash -s "$vmlinux" "$plain" 2>/dev/null
