#!/bin/bash
# Boot the system image made by tests/system/mkimage.sh in QEMU (TCG) and
# wait until the guest powers off, or a timeout.
#
#   tests/system/boot.sh IMAGE_DIR DISK LOG [EXTRA_APPEND]
#
#   IMAGE_DIR     holds vmlinuz and initrd.img (mkimage.sh's OUT_DIR)
#   DISK          a raw root disk, the guest's /dev/vda: a per-run clone of
#                 IMAGE_DIR/rootfs.img (tests/system/disk.sh clone), since
#                 the guest writes to it
#   LOG           the serial console (ttyS0) goes to this file, as is;
#                 LOG.ts gets the same lines prefixed with the seconds since
#                 QEMU started (host clock), LOG.qemu QEMU's own output, and
#                 LOG.mon is the QEMU monitor socket while it runs
#   EXTRA_APPEND  appended to the kernel command line
#
# No -no-reboot: a reboot in the guest (e.g. kdump-tools' `reboot -f` once
# the capture kernel saved the dump) resets the machine, and it boots again
# with the same -kernel/-initrd/-append. Powering off ends QEMU.
#
# Environment: KCSYS_TIMEOUT (seconds, default 1500) kills QEMU after that
# long; KCSYS_MEM (MiB, default 2048); KCSYS_CPUS (default 2);
# KCSYS_DISK2=FILE attaches FILE as a second raw virtio disk (/dev/vdb),
# e.g. an ext4 image made with `mkfs.ext4 -d` that carries files in.
# Exit status: QEMU's (0 after a poweroff), 124 on timeout.
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 IMAGE_DIR DISK LOG [EXTRA_APPEND]" >&2
	exit 2
fi
IMG=$1 DISK=$2 LOG=$3 EXTRA=${4:-}
TIMEOUT=${KCSYS_TIMEOUT:-1500}
MEM=${KCSYS_MEM:-2048}
CPUS=${KCSYS_CPUS:-2}

for f in "$IMG/vmlinuz" "$IMG/initrd.img" "$DISK"; do
	[ -f "$f" ] || { echo "boot.sh: no $f" >&2; exit 2; }
done

# the monitor socket: next to the log unless that path is too long for a
# unix socket (108 bytes)
MON=$LOG.mon
if [ ${#MON} -gt 100 ]; then
	MON=$(mktemp -u /tmp/kcsys-mon.XXXXXX)
fi
rm -f "$LOG" "$LOG.ts" "$MON"
: >"$LOG"

# crashkernel=384M-:256M is kdump-tools' own suggestion (/etc/default/grub.d/
# kdump-tools.cfg says 384M-:128M); 256M leaves room for its initrd.
APPEND="root=/dev/vda rw console=ttyS0 crashkernel=384M-:256M $EXTRA"
args=(-accel "tcg,thread=multi" -smp "$CPUS" -m "$MEM"
	-display none -serial "file:$LOG" -monitor "unix:$MON,server,nowait"
	-kernel "$IMG/vmlinuz" -initrd "$IMG/initrd.img" -append "$APPEND"
	-drive "file=$DISK,format=raw,if=virtio"
	-nic none)
if [ -n "${KCSYS_DISK2:-}" ]; then
	args+=(-drive "file=$KCSYS_DISK2,format=raw,if=virtio")
fi

# LOG.ts: each console line with the host's seconds since start (the guest's
# own printk times restart at every boot and kexec), systemd's colours gone
stamp_lines() {
	local t0=${EPOCHREALTIME/./} now line
	while IFS= read -r line || [ -n "$line" ]; do
		now=${EPOCHREALTIME/./}
		now=$(((now - t0) / 100000))
		printf '%5d.%d %s\n' $((now / 10)) $((now % 10)) "${line%$'\r'}"
	done
}

echo "boot.sh: qemu-system-x86_64 ${args[*]}" >"$LOG.qemu"
timeout -k 10 "$TIMEOUT" qemu-system-x86_64 "${args[@]}" </dev/null >>"$LOG.qemu" 2>&1 &
qpid=$!
trap 'kill "$qpid" 2>/dev/null || true; rm -f "$MON"' EXIT
trap 'exit 130' INT TERM
# tail ends (after a last read) once timeout(1), and so QEMU, has exited
stamp_lines < <(tail -n +1 -F --pid="$qpid" "$LOG" 2>/dev/null |
	sed -u 's/\x1b\[[0-9;]*m//g') >"$LOG.ts" &
spid=$!
rc=0
wait "$qpid" || rc=$?
wait "$spid" || true
if [ $rc = 124 ]; then
	echo "boot.sh: timeout after $TIMEOUT s, QEMU killed" >&2
elif [ $rc != 0 ]; then
	echo "boot.sh: QEMU exited $rc (see $LOG.qemu)" >&2
fi
exit $rc
