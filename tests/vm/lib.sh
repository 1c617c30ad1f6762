# Host-side helpers shared by the VM scripts (bash). Source, do not run.
# shellcheck shell=bash

KC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KC_CACHE=${KC_CACHE:-$KC_ROOT/.cache}
# The kernel: SUITE=trixie|sid boots that Debian suite's kernel, with the
# module built in the suite's chroot (scripts/chroot.sh) into
# .cache/build/KVER; else (SUITE unset or bookworm) Debian 12's, that the
# host's linux-headers-amd64 points at, or KVER=..., built in the tree.
KC_SUITE=${SUITE:-bookworm}
case $KC_SUITE in
bookworm)
	KC_KVER=${KVER:-$("$KC_ROOT/scripts/kver.sh" --debian)} || exit 1
	KC_KO=$KC_ROOT/kcrumbs.ko
	;;
trixie|sid)
	KC_KVER=$("$KC_ROOT/scripts/chroot.sh" "$KC_SUITE") || exit 1
	KC_KO=$KC_CACHE/build/$KC_KVER/kcrumbs.ko
	;;
*)
	echo "kcrumbs-vm: SUITE must be bookworm (the host's), trixie or sid" >&2
	exit 1
	;;
esac
KC_KDIR=$KC_CACHE/kernel/$KC_KVER
KC_VMLINUZ=$KC_KDIR/boot/vmlinuz-$KC_KVER
KC_VMDIR=$KC_CACHE/vm/$KC_KVER
KC_INITRD=$KC_VMDIR/initrd.cpio

kc_log() { echo "kcrumbs-vm: $*" >&2; }
kc_die() { kc_log "$*"; exit 1; }

kc_now() { echo "$EPOCHREALTIME"; }
kc_elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# kc_fetch_kernel: Debian's own image for $KC_KVER, unpacked (never
# installed). The host's apt fetches bookworm's; scripts/chroot.sh has
# fetched another suite's with the suite's apt. sid splits the image into
# linux-image, -binary, -modules and -base packages under /usr/lib/modules:
# links give it the layout of the others (boot/vmlinuz-KVER, boot/config-KVER,
# lib/modules/KVER).
kc_fetch_kernel() {
	local k=$KC_KVER d
	[ -f "$KC_VMLINUZ" ] && [ -f "$KC_KDIR/lib/modules/$k/modules.order" ] &&
		return 0
	mkdir -p "$KC_KDIR/deb"
	if ! ls "$KC_KDIR"/deb/linux-image-"$k"_*.deb >/dev/null 2>&1; then
		[ "$KC_SUITE" = bookworm ] ||
			kc_die "no linux-image-$k in $KC_KDIR/deb (scripts/chroot.sh $KC_SUITE fetches it)"
		kc_log "fetching linux-image-$k (apt-get download, dpkg -x into $KC_KDIR)"
		(cd "$KC_KDIR/deb" && apt-get download -q "linux-image-$k" 2>&1 |
			grep -v 'unsandboxed as root' >&2) ||
			kc_die "cannot download linux-image-$k"
	fi
	for d in "$KC_KDIR"/deb/*.deb; do
		dpkg -x "$d" "$KC_KDIR" || kc_die "cannot unpack ${d##*/}"
	done
	if [ ! -f "$KC_VMLINUZ" ] && [ -f "$KC_KDIR/usr/lib/modules/$k/vmlinuz" ]; then
		mkdir -p "$KC_KDIR/boot" "$KC_KDIR/lib/modules"
		ln -sfn "../usr/lib/modules/$k/vmlinuz" "$KC_VMLINUZ"
		ln -sfn "../usr/lib/modules/$k/config" "$KC_KDIR/boot/config-$k"
	fi
	if [ ! -e "$KC_KDIR/lib/modules/$k" ] && [ -d "$KC_KDIR/usr/lib/modules/$k" ]; then
		mkdir -p "$KC_KDIR/lib/modules"
		ln -sfn "../../usr/lib/modules/$k" "$KC_KDIR/lib/modules/$k"
	fi
	[ -f "$KC_VMLINUZ" ] || kc_die "no $KC_VMLINUZ in the package"
}

# kc_build: the module for $KC_KVER (in the tree, or in the suite's chroot)
# and the CLI, then the shared initramfs.
kc_build() {
	if [ "$KC_SUITE" = bookworm ]; then
		make -s -C "$KC_ROOT" module KVER="$KC_KVER" 2>&1 |
			grep -v -e '^Skipping BTF' -e 'Entering directory' -e 'Leaving directory' >&2
		[ "${PIPESTATUS[0]}" = 0 ] || kc_die "module build failed"
		# the in-kernel API's example user, against kcrumbs' symbols
		make -s -C "/lib/modules/$KC_KVER/build" M="$KC_ROOT/tests/kmod" W=1 \
			KBUILD_EXTRA_SYMBOLS="$KC_ROOT/Module.symvers" modules 2>&1 |
			grep -v -e '^Skipping BTF' -e 'Entering directory' -e 'Leaving directory' >&2
		[ "${PIPESTATUS[0]}" = 0 ] || kc_die "example module build failed"
	else
		# both the module and the example, in the suite's chroot
		"$KC_ROOT/scripts/chroot.sh" "$KC_SUITE" build 2>&1 |
			grep -v -e '^  [A-Z]' -e 'Entering directory' -e 'Leaving directory' >&2
		[ "${PIPESTATUS[0]}" = 0 ] || kc_die "module build failed"
	fi
	make -s -C "$KC_ROOT" cli >&2 || kc_die "CLI build failed"
	make -s -C "$KC_ROOT" vm-tools >&2 || kc_die "VM test tools build failed"
	kc_fetch_kernel
	"$KC_ROOT/tests/vm/mkinitramfs.sh" "$KC_INITRD" || kc_die "initramfs build failed"
}

# kc_kernel_before MAJOR.MINOR: true when $KC_KVER is an older kernel.
kc_kernel_before() {
	local have=${KC_KVER%%[!0-9.]*}
	[ "$(printf '%s\n%s\n' "$have" "$1" | sort -V | head -n 1)" = "$have" ] &&
		[ "$(printf '%s' "$have" | cut -d. -f1,2)" != "$1" ]
}

# kc_qemu ACCEL SCENARIO LOG MONITOR_SOCK MEM_MB [EXTRA_APPEND [CPUS [REBOOT]]]:
# run one VM in the foreground. The guest powers off when its scenario is
# done. With REBOOT=1 a guest reboot is a warm reset (RAM kept), not the end.
kc_qemu() {
	local accel=$1 name=$2 log=$3 mon=$4 mem=$5 extra=${6:-} cpus=${7:-1}
	local reboot=${8:-0}
	local -a a=(-smp "$cpus" -m "$mem" -display none
		-kernel "$KC_VMLINUZ" -initrd "$KC_INITRD"
		-serial "file:$log" -monitor "unix:$mon,server,nowait"
		-append "console=ttyS0 crashkernel=256M panic=5 kctest=$name $extra")
	[ "$reboot" = 1 ] || a+=(-no-reboot)
	# one host thread per vCPU under TCG, so that guest CPUs really run
	# at the same time (the default may take them in turns)
	if [ "$accel" = tcg ]; then
		a+=(-accel tcg,thread=multi)
	else
		a+=(-accel "$accel")
	fi
	# exec: the caller's $! and timeout(1) then reach QEMU itself
	exec qemu-system-x86_64 "${a[@]}" </dev/null
}

# kc_accel: "kvm" only when /dev/kvm is usable and a KVM guest really
# prints within 10 s (on some hosts -enable-kvm hangs silently); else "tcg".
# KCRUMBS_VM_ACCEL=tcg|kvm forces the choice. The probe's verdict is
# cached per host kernel and QEMU version under .cache.
kc_accel() {
	local want=${KCRUMBS_VM_ACCEL:-auto} key verdict
	local cache=$KC_CACHE/vm/accel-probe
	[ "$want" != auto ] && { echo "$want"; return; }
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		echo tcg
		return
	fi
	key="$(uname -r) $(qemu-system-x86_64 --version | head -n 1)"
	if [ -f "$cache" ] && [ "$(head -n 1 "$cache")" = "$key" ]; then
		verdict=$(sed -n 2p "$cache")
	else
		verdict=$(kc_accel_probe)
		mkdir -p "${cache%/*}"
		printf '%s\n%s\n' "$key" "$verdict" >"$cache"
	fi
	[ "$verdict" = tcg ] &&
		kc_log "KVM is present but a KVM guest printed nothing in 10 s: using TCG"
	echo "$verdict"
}

kc_accel_probe() {
	local log mon pid i
	log=$(mktemp) mon=$(mktemp -u)
	kc_qemu kvm kvm-probe "$log" "$mon" 256 >/dev/null 2>&1 &
	pid=$!
	for i in $(seq 1 20); do
		sleep 0.5
		grep -aq "KCTEST-PHASE" "$log" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || break
	done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if grep -aq "KCTEST-PHASE" "$log"; then echo kvm; else echo tcg; fi
	rm -f "$log" "$mon"
}

# kc_kill_vms: stop every VM booted from this tree's initramfs (on Ctrl-C,
# so no QEMU outlives the harness).
kc_kill_vms() {
	pkill -TERM -f -- "-initrd $KC_INITRD" 2>/dev/null
	return 0
}

# kc_verdict LOG PHASES: empty when the serial log shows every phase run
# and finished with no failed check; else the reason.
kc_verdict() {
	local log=$1 phases=$2 p last n
	grep -aq "KCTEST-PHASE: " "$log" || { echo "the kernel never reached /init"; return; }
	for p in $phases; do
		n=$(grep -ac "KCTEST-PHASE: $p " "$log")
		[ "$n" = 0 ] && { echo "phase '$p' never started"; return; }
		# a phase run twice is a boot that did not go where it should
		# (a warm reboot that lost the region starts over at "first")
		[ "$n" -gt 1 ] && { echo "phase '$p' ran $n times"; return; }
		last=$p
	done
	if grep -aq "KCTEST: not ok" "$log"; then
		echo "failed: $(grep -a "KCTEST: not ok" "$log" | sed 's/.*not ok [0-9]* - //' | paste -sd ';' -)"
		return
	fi
	grep -aq "KCTEST-DONE: phase=$last " "$log" || { echo "phase '$last' did not finish"; return; }
	grep -aq "KCTEST: ok" "$log" || echo "no check ran"
}

# kc_wait_mark LOG WORD SECS: wait until the guest prints KCTEST-MARK: WORD.
kc_wait_mark() {
	local i
	for i in $(seq 1 $(($3 * 5))); do
		grep -aq "KCTEST-MARK: $2" "$1" 2>/dev/null && return 0
		sleep 0.2
	done
	return 1
}

# kc_nmi_at_mark LOG SOCK WORD: when the guest prints KCTEST-MARK: WORD,
# wait 3 s (the guest gets where it is going) and inject an NMI.
kc_nmi_at_mark() {
	kc_wait_mark "$1" "$3" 120 || return 1
	sleep 3
	kc_monitor "$2" nmi
}

# kc_monitor SOCK CMD: send one command to the QEMU monitor.
kc_monitor() {
	printf '%s\n' "$2" | socat - "UNIX-CONNECT:$1" >/dev/null
}
