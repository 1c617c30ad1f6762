#!/bin/bash
# Reader benchmark on this host, from the page cache: a synthetic 1 GiB
# ELF core (pseudo-random memory, the region at its end) read by
#  - address mode (kcrumbs.region= known): per read;
#  - scan mode: throughput over the whole core, and against cat of the
#    same file (the goal: faster than cat; it reads only page heads, by mmap).
# vmcore-dmesg cannot read a synthetic core (it needs a real kernel's
# VMCOREINFO and log buffer): bench/vm.sh compares the two on a real one.
#   bench/reader.sh [SIZE_MIB]     (default 1024)
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
ns() { date +%s%N; }

cat "$core" >/dev/null			# into the page cache
n=20 t=$(ns)
for _ in $(seq $n); do KCRUMBS_ROOT=/nonexistent "$kc" read --vmcore "$core" --address "$addr" >/dev/null; done
per=$(( ($(ns) - t) / n / 1000 ))
echo "address mode: $per us per read (x$n, includes process start)"

best=0
for _ in 1 2 3; do
	t=$(ns)
	KCRUMBS_ROOT=/nonexistent "$kc" read --vmcore "$core" >/dev/null
	d=$(( $(ns) - t ))
	[ "$best" = 0 ] || [ "$d" -lt "$best" ] && best=$d
done
echo "scan mode: $(( best / 1000000 )) ms for $mib MiB, $(awk -v b=$((mib << 20)) -v t=$best 'BEGIN { printf "%.2f", b / t }') GB/s (best of 3; region at the end)"

# the peer: cat of the same file from the page cache, paired runs
if command -v farm-bench >/dev/null; then
	echo "scan (A) against cat of the same core (B), page cache, farm-bench:"
	KCRUMBS_ROOT=/nonexistent farm-bench -n 11 --vs "sh -c 'cat $core >/dev/null'" \
		-- "$kc" read --vmcore "$core" 2>&1 | grep -E '^(A|B) wall|^A/B (cpu|wall)'
else
	cat_best=0
	for _ in 1 2 3; do
		t=$(ns)
		cat "$core" >/dev/null
		d=$(( $(ns) - t ))
		[ "$cat_best" = 0 ] || [ "$d" -lt "$cat_best" ] && cat_best=$d
	done
	echo "cat of the same core: $(( cat_best / 1000000 )) ms; scan/cat $(awk -v a=$best -v b=$cat_best 'BEGIN { printf "%.2f", a / b }')"
fi
