#!/bin/bash
# Benchmark in the VM (TCG here: absolute times are far slower than real
# hardware; the ratios are what to read). One VM, alone, so nothing else
# competes for the CPU:
#  - panic-path cost, measured in-kernel and carried in each record
#    (cost_ns): an oops' die-notifier event, and sysrq-c's event and ~8 KiB
#    log tail at the __crash_kexec kprobe; beside it, ramoops' pstore_dump()
#    for the same oops, timed by bench/kmod's kretprobe;
#  - the capture kernel reading the breadcrumbs (address known) against
#    vmcore-dmesg reading the log, 10 times each, on the same /proc/vmcore;
#  - scan mode over the whole /proc/vmcore.
#   bench/vm.sh [RUNS]      (default 1)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
. "$root/tests/vm/lib.sh"
# figures are for the host's kernel, whose headers build the timer below
[ "$KC_SUITE" = bookworm ] || kc_die "bench/vm.sh runs on the host's kernel only (SUITE=bookworm)"
# the peer's timer: a tiny module of its own, never part of kcrumbs.ko
make -s -C "$root" module KVER="$KC_KVER" >/dev/null 2>&1 &&
	make -s -C "/lib/modules/$KC_KVER/build" M="$root/bench/kmod" \
	KBUILD_EXTRA_SYMBOLS="$root/Module.symvers" modules >/dev/null 2>&1 ||
	kc_die "cannot build bench/kmod (headers for $KC_KVER?)"
for i in $(seq 1 "$runs"); do
	echo "== run $i of $runs (kernel $KC_KVER)"
	"$root/tests/vm/run.sh" -j 1 bench-crash >/dev/null 2>&1
	grep -a '^KCBENCH: ' "$KC_VMDIR/logs/bench-crash.serial" | sed 's/^KCBENCH: /  /'
	grep -q '^ok' "$KC_VMDIR/logs/bench-crash.result" ||
		echo "  (the run failed: $(cut -f3 "$KC_VMDIR/logs/bench-crash.result"))"
done
