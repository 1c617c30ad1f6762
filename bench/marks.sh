#!/bin/bash
# Benchmark in the VM (TCG: absolute times are far above real hardware's;
# read the ratios): marks per second from one process over netlink, one
# per message and 64 per message, against the same lines written to
# /dev/kmsg one write(2) each (bench/kmsg_lines.c); and the in-kernel
# API's cost per call on one CPU and on two at once (bench/kmod).
#   bench/marks.sh [RUNS]      (default 1)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
. "$root/tests/vm/lib.sh"
make -s -C "$root" module cli KVER="$KC_KVER" >/dev/null 2>&1 || kc_die "cannot build kcrumbs"
make -s -C "/lib/modules/$KC_KVER/build" M="$root/bench/kmod" \
	KBUILD_EXTRA_SYMBOLS="$root/Module.symvers" modules >/dev/null 2>&1 ||
	kc_die "cannot build bench/kmod (headers for $KC_KVER?)"
cc -O2 -Wall -o "$root/bench/kmsg_lines" "$root/bench/kmsg_lines.c" ||
	kc_die "cannot build bench/kmsg_lines"
for i in $(seq 1 "$runs"); do
	echo "== run $i of $runs (kernel $KC_KVER)"
	"$root/tests/vm/run.sh" -j 1 bench-marks >/dev/null 2>&1
	grep -a '^KCBENCH: ' "$KC_VMDIR/logs/bench-marks.serial" | sed 's/^KCBENCH: /  /'
	grep -q '^ok' "$KC_VMDIR/logs/bench-marks.result" ||
		echo "  (the run failed: $(cut -f3 "$KC_VMDIR/logs/bench-marks.result"))"
done
