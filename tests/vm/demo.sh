#!/bin/bash
# make demo: boot Debian's kernel in QEMU, load kcrumbs, arm kdump, crash
# the kernel with sysrq-c, and show what the capture kernel found.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

trap 'kc_kill_vms; exit 130' INT TERM
t0=$(kc_now)
say() { printf '[%5s s] %s\n' "$(kc_elapsed "$t0")" "$*"; }

say "building kcrumbs.ko for $KC_KVER, the CLI and the test initramfs"
kc_build
accel=$(kc_accel)
logdir=$KC_VMDIR/logs
mkdir -p "$logdir"
log=$logdir/demo.serial mon=$logdir/demo.mon
rm -f "$log" "$mon"
: >"$log"
say "booting Debian's $KC_KVER in QEMU ($accel, 1 vCPU, 1 GiB, crashkernel=256M)"
timeout -k 5 180 bash -c "$(declare -f kc_qemu); KC_VMLINUZ='$KC_VMLINUZ' KC_INITRD='$KC_INITRD' \
	kc_qemu '$accel' sysrq-crash '$log' '$mon' 1024" >"$logdir/demo.qemu" 2>&1 &
qpid=$!

while IFS= read -r line; do
	line=${line%$'\r'}
	case $line in
	"KCTEST-PHASE: first"*) say "kernel up: loading kcrumbs.ko, loading the capture kernel (kexec -p)" ;;
	"KCTEST: ok"*) say "  ok: ${line#KCTEST: ok [0-9]* - }" ;;
	"KCTEST: not ok"*) say "  FAILED: ${line#KCTEST: not ok [0-9]* - }" ;;
	"KCTEST-MARK: crash") say "crashing the kernel: echo c > /proc/sysrq-trigger" ;;
	"KCTEST-PHASE: capture"*) say "capture kernel booted from the crash (kdump)" ;;
	"KCDEMO: "*) echo "          ${line#KCDEMO: }" ;;
	"KCTEST-DONE"*) break ;;
	esac
done < <(tail --pid="$qpid" -n +1 -F "$log" 2>/dev/null)
wait "$qpid"
why=$(kc_verdict "$log" "first capture")
if [ -n "$why" ]; then
	say "demo failed: $why"
	echo "serial log: $log (last lines below)"
	tail -n 30 "$log"
	exit 1
fi
say "done: the crash was captured and explained (serial log: $log)"
