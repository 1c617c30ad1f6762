#!/bin/bash
# The kdump round trip on the stock Debian 12 image, end to end:
#
#   boot 1 (normal)   kdump-tools.service arms kdump at boot; the phase
#                     script shows it and crashes the kernel (sysrq c)
#   capture kernel    kdump-tools-dump.service saves /var/crash/<stamp>/
#                     dump.<stamp> and dmesg.<stamp>, then `reboot -f`
#   boot 2 (normal)   the phase script lists /var/crash and powers off
#
#   tests/system/roundtrip.sh [RUN_DIR]
#
# RUN_DIR (default .cache/system/runs/roundtrip) gets disk.img (the guest's
# disk), console.log (+ .ts with host seconds), crash/ (/var/crash copied out
# of disk.img) and summary.txt. Builds the image first when it is missing or
# stale (tests/system/mkimage.sh). Exit 0 when every step was seen.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
IMG=${KCSYS_IMAGE:-$ROOT/.cache/system/bookworm}
RUN=${1:-$ROOT/.cache/system/runs/roundtrip}

"$HERE/mkimage.sh" "$IMG"

rm -rf "$RUN"
mkdir -p "$RUN"
t=$EPOCHREALTIME
"$HERE/disk.sh" clone "$IMG" "$RUN/disk.img"
"$HERE/disk.sh" put "$RUN/disk.img" "$HERE/phases/kdump-roundtrip.sh" /usr/local/sbin/kctest-phase 0755
a=${t/./} b=${EPOCHREALTIME/./}
echo "roundtrip: disk cloned and phase script put in: $(((b - a) / 1000)) ms"

echo "roundtrip: booting (TCG; serial console in $RUN/console.log)"
rc=0
"$HERE/boot.sh" "$IMG" "$RUN/disk.img" "$RUN/console.log" || rc=$?

# /var/crash, read from the powered-off guest's disk
"$HERE/disk.sh" get "$RUN/disk.img" /var/crash "$RUN" || true

ts=$RUN/console.log.ts
# at PATTERN [N]: host seconds at the Nth console line matching PATTERN
at() { grep -E -- "$1" "$ts" | sed -n "${2:-1}p" | cut -d' ' -f1; }
fails=0
check() { # check WHAT SECONDS: one row of the timeline; missing = failure
	if [ -n "$2" ]; then
		printf '%8s s  %s\n' "$2" "$1"
	else
		printf '%8s    %s\n' MISSING "$1"
		fails=$((fails + 1))
	fi
}
{
	echo "== timeline (host seconds since QEMU started)"
	check "boot 1: kernel starts" "$(at 'Linux version' 1)"
	check "boot 1: kdump-tools loaded the capture kernel" "$(at 'loaded kdump kernel' 1)"
	check "boot 1: phase: kexec_crash_loaded=1" "$(at 'KCSYS: kexec_crash_loaded=1' 1)"
	check "boot 1: sysrq crash" "$(at 'sysrq: Trigger a crash' 1)"
	check "capture kernel starts" "$(at 'Linux version' 2)"
	check "capture: kdump-tools starts saving" "$(at 'running makedumpfile|Starting kdump-tools:' 1)"
	check "capture: vmcore saved" "$(at 'saved vmcore in' 1)"
	check "capture: dmesg saved" "$(at 'saved dmesg content in' 1)"
	check "boot 2: kernel starts (after the reset)" "$(at 'Linux version' 3)"
	check "boot 2: phase: DONE" "$(at 'KCSYS: DONE' 1)"
	check "powered off (last console line)" "$(tail -n 1 "$ts" | cut -d' ' -f1)"
	echo "== QEMU exit status: $rc"
	echo "== /var/crash on the disk afterwards"
	find "$RUN/crash" -type f -printf '%10s  %P\n' 2>/dev/null | sort -k2 || true
	echo "== key console lines"
	grep -E 'KCSYS:|kdump-tools|kdump-config|makedumpfile|sysrq|Kernel panic|Linux version|crashkernel|reboot|Power down|Reached target' \
		"$ts" | grep -v 'KCSYS: journal: ' | cut -c1-200 || true
} | tee "$RUN/summary.txt"

if [ "$rc" = 0 ] && [ "$fails" = 0 ] && ls "$RUN"/crash/*/dump.* >/dev/null 2>&1 &&
	ls "$RUN"/crash/*/dmesg.* >/dev/null 2>&1; then
	echo "roundtrip: PASS"
	exit 0
fi
echo "roundtrip: FAIL (QEMU status $rc, $fails steps missing; see $RUN)"
exit 1
