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
# The timeline: each step is the first console line matching its pattern
# AFTER the line of the step before (so the three "Linux version" lines are
# the three boots, in order); a step not seen counts as a failure.
fails=0 last=0
step() { # step WHAT PATTERN
	local hit
	hit=$(awk -v l="$last" -v re="$2" 'NR > l && $0 ~ re { print NR ":" $0; exit }' "$ts")
	if [ -n "$hit" ]; then
		last=${hit%%:*}
		printf '%8s s  %s\n' "$(awk '{ print $1 }' <<<"${hit#*:}")" "$1"
	else
		printf '%8s    %s\n' MISSING "$1"
		fails=$((fails + 1))
	fi
}
summary() {
	echo "== timeline (host seconds since QEMU started)"
	step "boot 1: kernel starts" 'Linux version'
	step "boot 1: kdump-tools loaded the capture kernel" 'kdump-tools.*loaded kdump kernel'
	step "boot 1: phase script: kexec_crash_loaded=1" 'KCSYS: kexec_crash_loaded=1'
	step "boot 1: sysrq crash" 'sysrq: Trigger a crash'
	step "capture kernel starts" 'Linux version'
	step "capture: kdump-tools-dump.service starts" 'Starting kdump-tools-dump'
	step "capture: dmesg saved" 'saved dmesg content in'
	step "capture: vmcore saved" 'saved vmcore in'
	step "capture: reboot -f" 'reboot: Restarting system'
	step "boot 2: kernel starts (after the reset)" 'Linux version'
	step "boot 2: kdump-tools armed again" 'kdump-tools.*loaded kdump kernel'
	step "boot 2: phase script: DONE" 'KCSYS: DONE'
	step "powered off" 'reboot: Power down'
	echo "== QEMU exit status: $rc"
	echo "== /var/crash on the disk afterwards"
	find "$RUN/crash" -type f -printf '%10s  %P\n' 2>/dev/null | sort -k2 || true
	echo "== key console lines"
	grep -E 'KCSYS:|kdump-tools|makedumpfile|sysrq|Kernel panic|Linux version|Command line|crashkernel|reboot:|Reached target (basic|multi-user)' \
		"$ts" | grep -v -e 'KCSYS: journal: ' -e 'KCSYS:   \[' | cut -c1-220 || true
}
# not in a pipe: step() counts the missing steps in $fails
summary >"$RUN/summary.txt"
cat "$RUN/summary.txt"

if [ "$rc" = 0 ] && [ "$fails" = 0 ] && ls "$RUN"/crash/*/dump.* >/dev/null 2>&1 &&
	ls "$RUN"/crash/*/dmesg.* >/dev/null 2>&1; then
	echo "roundtrip: PASS"
	exit 0
fi
echo "roundtrip: FAIL (QEMU status $rc, $fails steps missing; see $RUN)"
exit 1
