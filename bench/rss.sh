#!/bin/bash
# The reader's peak memory (max RSS, /usr/bin/time) in each mode, on this
# host, on a synthetic ELF core (bench/mkcore.c: pseudo-random memory, the
# region at its end) and the region image saved from it. A capture kernel
# has 128-256 MiB in all: the goal is at most 8 MiB in every mode.
#   bench/rss.sh [SIZE_MIB]     (default 1024)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mib=${1:-1024}
out=$root/.cache/bench
mkdir -p "$out"
make -s -C "$root" cli >/dev/null
cc -O2 -I"$root/module" -I"$root/userspace" -I"$root/tests/unit" \
	-o "$out/mkcore" "$root/bench/mkcore.c" "$root/build/userspace/crc32.o"
core=$out/core-${mib}m.img
addr=$("$out/mkcore" "$core" "$mib")
kc=$root/build/kcrumbs
img=$out/region.img
rm -f "$img"
KCRUMBS_ROOT=/nonexistent "$kc" read --vmcore "$core" --address "$addr" --save "$img" >/dev/null

# rss MODE ARGS...: the peak RSS of `kcrumbs read ARGS`, best of 3, in KiB
rss() {
	local mode=$1 best="" k
	shift
	for _ in 1 2 3; do
		k=$(KCRUMBS_ROOT=/nonexistent /usr/bin/time -f %M "$kc" read "$@" 2>&1 >/dev/null | tail -n 1)
		[ -z "$best" ] || [ "$k" -lt "$best" ] && best=$k
	done
	printf '%-28s %6d KiB%s\n' "$mode" "$best" "$([ "$best" -gt 8192 ] && echo '   over 8 MiB')"
}

echo "kcrumbs read, peak RSS (a ${mib} MiB core):"
rss "vmcore, address given" --vmcore "$core" --address "$addr"
rss "vmcore, scan" --vmcore "$core"
rss "vmcore, address, --json" --json --vmcore "$core" --address "$addr"
rss "region image" --region "$img"
# --dump needs a dump makedumpfile wrote from a real kernel: the VM scenario
# sysrq-crash measures it (flattened, zlib, lzo) with GNU time and fails
# above 8 MiB; its KCBENCH lines give the figures.
echo "(--dump: tests/vm/run.sh sysrq-crash, KCBENCH lines)"
