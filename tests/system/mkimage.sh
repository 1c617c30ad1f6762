#!/bin/bash
# Build (and cache) a stock Debian 12 system image for QEMU: systemd,
# Debian's kdump-tools (armed at boot), Debian's 6.1.0-57-amd64 kernel, and
# what building kcrumbs (DKMS module + CLI) inside the guest needs.
#
#   tests/system/mkimage.sh [OUT_DIR]     (default: .cache/system/bookworm)
#
# OUT_DIR then holds:
#   rootfs.img                 pristine ext4 root filesystem (raw, sparse,
#                              4 GiB); the guest sees it as /dev/vda. Never
#                              boot it directly: clone it per test run
#                              (tests/system/disk.sh clone ...).
#   vmlinuz, initrd.img        the kernel and its normal initramfs, for
#                              QEMU's -kernel / -initrd (tests/system/boot.sh)
#   stamp                      hash of this script + kernel; a matching stamp
#                              means "up to date": the script exits at once
#   build.log                  everything the build printed
#
# The image is built in OUT_DIR.new/staging with debootstrap + apt-get inside
# a chroot, then turned into an ext4 image with `mkfs.ext4 -d` (no loop
# mounts). Downloaded .debs are kept in .cache/system/debs, so a rebuild
# after editing this script downloads nothing.
#
# Safety: commands run in the chroot inside a private mount namespace
# (unshare --mount) where /proc, /sys and /dev are mounted; those mounts
# vanish with the command, so nothing can stay mounted below .cache. Nothing
# here runs kexec, kdump-config load or starts a service: the chroot shares
# the HOST's kernel. /usr/sbin/policy-rc.d (exit 101) blocks service starts
# while packages install.
#
# Environment: KCRUMBS_MIRROR (default http://deb.debian.org/debian),
# KCRUMBS_SECURITY_MIRROR (default http://deb.debian.org/debian-security),
# KCSYS_FORCE=1 rebuilds even when the stamp matches.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SELF="$ROOT/tests/system/mkimage.sh"
OUT=${1:-$ROOT/.cache/system/bookworm}
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
MIRROR=${KCRUMBS_MIRROR:-http://deb.debian.org/debian}
SECMIRROR=${KCRUMBS_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
SUITE=bookworm
# Debian 12's kernel, the one the VM tests boot (linux-headers-amd64's)
KVER=${KCSYS_KVER:-$("$ROOT/scripts/kver.sh" --debian)}
KDEB_DIR=$ROOT/.cache/kernel/$KVER/deb
DEBCACHE=$ROOT/.cache/system/debs    # shared by every OUT_DIR
IMG_SIZE=4G

# What the guest runs: init, kdump, and tools the tests read the system with.
PKGS_SYSTEM="systemd systemd-sysv udev dbus kmod procps iproute2 util-linux
e2fsprogs zstd file less
kdump-tools kexec-tools makedumpfile initramfs-tools busybox bsdextrautils"
# What building kcrumbs in the guest needs comes from the project's own
# `scripts/deps.sh build` (make deps-build), run in the fresh chroot: the
# proof that it installs everything a clean Debian 12 needs. These are what
# the tests read the guest with.
PKGS_TEST="jq time cpio"

log() { printf 'kcsys-mkimage: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- cache check -----------------------------------------------------------
KDEB=
for f in "$KDEB_DIR"/linux-image-"$KVER"_*_amd64.deb; do
	[ -f "$f" ] && KDEB=$f
done
want_stamp="$(cat "$SELF" "$ROOT/scripts/deps.sh" | sha256sum | cut -d' ' -f1) $KVER"
if [ "${KCSYS_FORCE:-0}" != 1 ] && [ -f "$OUT/stamp" ] &&
	[ "$(cat "$OUT/stamp")" = "$want_stamp" ] && [ -f "$OUT/rootfs.img" ] &&
	[ -f "$OUT/vmlinuz" ] && [ -f "$OUT/initrd.img" ]; then
	log "up to date: $OUT"
	exit 0
fi

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot)"
for t in debootstrap mkfs.ext4 unshare chroot sha256sum; do
	command -v "$t" >/dev/null || die "missing $t (apt-get install debootstrap e2fsprogs util-linux)"
done

NEW=$OUT.new
STAGE=$NEW/staging
mkdir -p "$NEW" "$DEBCACHE/debootstrap" "$DEBCACHE/apt"
BUILDLOG=$NEW/build.log
: >"$BUILDLOG"

# ---- mounts: never leave any behind ------------------------------------------
# Chroot commands mount inside a private namespace (see in_chroot), so this
# trap normally finds nothing; it is the safety net should a mount ever leak
# into the host's namespace (deepest first, lazily).
cleanup() {
	local m
	awk -v s="$STAGE" 'index($2, s) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do
			log "unmounting leftover $m"
			umount -l "$m" || true
		done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# in_chroot CMD...: run CMD in the staging chroot, with /proc, /sys (read
# only) and /dev mounted in a mount namespace of its own. INITRD=No stops the
# kernel's postinst hooks from building initramfs images while apt runs (we
# build them once, explicitly, below).
in_chroot() {
	# shellcheck disable=SC2016 # $1 and $@ are the inner sh's
	unshare --mount --propagation private --fork -- sh -c '
		d=$1; shift
		mount -t proc proc "$d/proc" &&
		mount -t sysfs -o ro sysfs "$d/sys" &&
		mount --bind /dev "$d/dev" &&
		exec chroot "$d" "$@"' sh "$STAGE" \
		/usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
		DEBCONF_NONINTERACTIVE_SEEN=true "$@"
}

# step NAME CMD...: run CMD, its output to build.log, and log its duration.
T0=$EPOCHREALTIME
declare -a TIMES=()
secs() { # secs START: seconds since START (an $EPOCHREALTIME), one decimal
	local a=${1/./} b=${EPOCHREALTIME/./}
	local d=$(((b - a) / 100000))
	printf '%d.%d' $((d / 10)) $((d % 10))
}
step() {
	local name=$1 t=$EPOCHREALTIME
	shift
	log "$name ..."
	echo "===== $name" >>"$BUILDLOG"
	if ! "$@" >>"$BUILDLOG" 2>&1; then
		tail -n 30 "$BUILDLOG" >&2
		die "$name failed (full log: $BUILDLOG)"
	fi
	TIMES+=("$(printf '%7ss  %s' "$(secs "$t")" "$name")")
	log "$name: $(secs "$t") s"
}

# ---- 1. debootstrap ------------------------------------------------------------
do_debootstrap() {
	rm -rf "$STAGE"
	debootstrap --variant=minbase --cache-dir="$DEBCACHE/debootstrap" \
		"$SUITE" "$STAGE" "$MIRROR"
}

# ---- 2. apt sources, no service starts, debconf answers ------------------------
do_configure_apt() {
	cat >"$STAGE/etc/apt/sources.list" <<-EOF
		deb $MIRROR $SUITE main
		deb $MIRROR $SUITE-updates main
		deb $SECMIRROR $SUITE-security main
	EOF
	# no recommends anywhere in the image
	printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
		>"$STAGE/etc/apt/apt.conf.d/90kcsys-norecommends"
	# invoke-rc.d asks this before starting anything: 101 = "not allowed"
	printf '#!/bin/sh\nexit 101\n' >"$STAGE/usr/sbin/policy-rc.d"
	chmod 0755 "$STAGE/usr/sbin/policy-rc.d"
	# kexec-tools: do NOT turn reboots into kexec reboots (a reboot must
	# go through the firmware, i.e. reset QEMU, like on real hardware);
	# kdump-tools: enabled (Debian's default, made explicit).
	cat >"$STAGE/tmp/kcsys.debconf" <<-EOF
		kexec-tools kexec-tools/load_kexec boolean false
		kexec-tools kexec-tools/use_grub_config boolean false
		kdump-tools kdump-tools/use_kdump boolean true
	EOF
	in_chroot debconf-set-selections /tmp/kcsys.debconf
	rm -f "$STAGE/tmp/kcsys.debconf"
}

# ---- 3. packages ---------------------------------------------------------------
do_install() {
	local kpkg="linux-image-$KVER"
	# reuse .debs from earlier builds (hard links: same filesystem)
	cp -l "$DEBCACHE"/apt/*.deb "$STAGE/var/cache/apt/archives/" 2>/dev/null || true
	if [ -n "$KDEB" ]; then
		# the exact cached kernel package the rest of the project uses
		cp "$KDEB" "$STAGE/tmp/"
		kpkg="/tmp/${KDEB##*/}"
	fi
	in_chroot apt-get update -q
	# debootstrap took bookworm as released: bring in its point-release and
	# security updates, as any installed Debian 12 has them
	in_chroot apt-get -y -q upgrade
	# shellcheck disable=SC2086 # word splitting of the lists is wanted
	in_chroot env INITRD=No apt-get install -y -q --no-install-recommends \
		$PKGS_SYSTEM $PKGS_TEST "$kpkg"
	rm -f "$STAGE/tmp/${KDEB##*/}"
	# make deps-build, as README tells a user, for the guest's kernel
	install -m 0755 "$ROOT/scripts/deps.sh" "$STAGE/tmp/deps.sh"
	in_chroot env KVER="$KVER" /tmp/deps.sh build
	rm -f "$STAGE/tmp/deps.sh"
	# keep the downloads for the next build, then drop them from the image
	cp -l -n "$STAGE"/var/cache/apt/archives/*.deb "$DEBCACHE/apt/" 2>/dev/null || true
	in_chroot apt-get clean
	rm -rf "$STAGE"/var/lib/apt/lists/*_Packages "$STAGE"/var/lib/apt/lists/*_Translation-*
}

# ---- 4. system configuration ---------------------------------------------------
do_configure_system() {
	local s=$STAGE
	echo kcsys >"$s/etc/hostname"
	printf '127.0.0.1\tlocalhost\n127.0.1.1\tkcsys\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
		>"$s/etc/hosts"
	echo '/dev/vda / ext4 defaults 0 1' >"$s/etc/fstab"
	# initramfs-tools would otherwise look at devices to find the root
	# filesystem's type (fsck hook) and a swap to resume from: in the chroot
	# those are the HOST's devices. Say it: ext4 (e2fsck goes in), no resume.
	printf 'FSTYPE=ext4\nRESUME=none\n' >"$s/etc/initramfs-tools/conf.d/kcsys"
	# persistent journal: entries survive the crash and the reboots
	mkdir -p "$s/var/log/journal"
	# root may log in on the serial console without a password (debugging)
	in_chroot passwd -d root

	# kdump-tools: armed at boot
	grep -q '^USE_KDUMP=1' "$s/etc/default/kdump-tools" ||
		{ echo "USE_KDUMP is not 1 in /etc/default/kdump-tools"; return 1; }
	if [ -f "$s/etc/default/kexec" ]; then
		sed -i 's/^LOAD_KEXEC=.*/LOAD_KEXEC=false/' "$s/etc/default/kexec"
	fi
	in_chroot systemctl enable kdump-tools.service

	# the test hook: runs /usr/local/sbin/kctest-phase, when a test put one
	# there, after kdump-tools has armed (or failed to arm) kdump
	cat >"$s/etc/systemd/system/kctest.service" <<-'EOF'
		[Unit]
		Description=kcrumbs system test phase (/usr/local/sbin/kctest-phase)
		After=kdump-tools.service systemd-user-sessions.service
		ConditionFileIsExecutable=/usr/local/sbin/kctest-phase

		[Service]
		Type=oneshot
		ExecStart=/usr/local/sbin/kctest-phase
		StandardOutput=journal+console
		StandardError=journal+console
		TimeoutStartSec=infinity
		RemainAfterExit=yes

		[Install]
		WantedBy=multi-user.target
	EOF
	in_chroot systemctl enable kctest.service
	mkdir -p "$s/var/lib/kctest"

	# nothing scheduled that could run apt or scrub the disk mid-test
	in_chroot systemctl mask apt-daily.timer apt-daily-upgrade.timer \
		e2scrub_all.timer e2scrub_reap.service fstrim.timer

	# installation is over: services may start again (in the guest)
	rm -f "$s/usr/sbin/policy-rc.d"
}

# ---- 5. initramfs images ---------------------------------------------------------
# The normal one: Debian's default MODULES=most, which has virtio and ext4.
do_initrd() {
	in_chroot update-initramfs -c -k "$KVER"
	check_initrd "/boot/initrd.img-$KVER"
}

# kdump-tools' capture initrd, exactly as /etc/kernel/postinst.d/kdump-tools
# (which kdump-config runs at boot when the file is missing) makes it, but
# for $KVER given explicitly: in the chroot `uname -r` is the host's kernel.
# One difference: the hook turns MODULES=most into MODULES=dep, and "dep"
# would inspect the HOST's devices here; MODULES=list with what the root
# disk of the guest needs gives the same small initrd without guessing.
# Then what kdump-config load checks at boot: latest_sysctls-KVER equal to
# /etc/kdump/sysctl.conf (else it deletes the initrd and rebuilds it, ~150 s
# under TCG) and the vmlinuz / initrd.img links.
do_kdump_initrd() {
	local kd=/var/lib/kdump s=$STAGE
	mkdir -p "$s$kd"
	rm -rf "$s$kd/initramfs-tools"
	cp -pr "$s/etc/initramfs-tools" "$s$kd/"
	mkdir -p "$s$kd/initramfs-tools/conf.d"
	echo "MODULES=list" >"$s$kd/initramfs-tools/conf.d/zzz-kdump"
	printf '%s\n' virtio_pci virtio_blk ext4 crc32c_generic \
		>>"$s$kd/initramfs-tools/modules"
	echo "KDUMP=y" >>"$s$kd/initramfs-tools/initramfs.conf"
	rm -f "$s$kd/initrd.img-$KVER"
	in_chroot mkinitramfs -d "$kd/initramfs-tools" -o "$kd/initrd.img-$KVER.new" "$KVER"
	mv "$s$kd/initrd.img-$KVER.new" "$s$kd/initrd.img-$KVER"
	check_initrd "$kd/initrd.img-$KVER"
	cp "$s/etc/kdump/sysctl.conf" "$s$kd/latest_sysctls-$KVER"
	ln -fs "/boot/vmlinuz-$KVER" "$s$kd/vmlinuz"
	ln -fs "$kd/initrd.img-$KVER" "$s$kd/initrd.img"
	ls -l "$s$kd" "$s/boot"
}

# check_initrd PATH: it can mount an ext4 root from a virtio disk
check_initrd() {
	local list m
	list=$(in_chroot lsinitramfs "$1")
	for m in virtio_pci virtio_blk ext4; do
		grep -q "/$m\.ko" <<<"$list" || { echo "$1 has no $m.ko"; return 1; }
	done
	echo "$1: $(grep -c '\.ko' <<<"$list") modules, virtio_pci virtio_blk ext4 present"
}

# ---- 6. the disk image -------------------------------------------------------------
do_mkfs() {
	rm -f "$NEW/rootfs.img"
	truncate -s "$IMG_SIZE" "$NEW/rootfs.img"
	mkfs.ext4 -q -F -L kcsys-root -d "$STAGE" "$NEW/rootfs.img"
	cp "$STAGE/boot/vmlinuz-$KVER" "$NEW/vmlinuz"
	cp "$STAGE/boot/initrd.img-$KVER" "$NEW/initrd.img"
}

step "debootstrap --variant=minbase $SUITE" do_debootstrap
step "apt sources, policy-rc.d, debconf" do_configure_apt
step "install packages + linux-image-$KVER" do_install
step "configure systemd, kdump-tools, kctest.service" do_configure_system
step "normal initramfs for $KVER" do_initrd
step "kdump-tools capture initramfs for $KVER" do_kdump_initrd
step "mkfs.ext4 -d (rootfs.img, $IMG_SIZE sparse)" do_mkfs

# publish: replace OUT with the new build, drop the staging tree
rm -rf "$STAGE"
echo "$want_stamp" >"$NEW/stamp"
rm -rf "$OUT"
mv "$NEW" "$OUT"

{
	echo "kcsys-mkimage: built $OUT"
	printf '%s\n' "${TIMES[@]}"
	printf '%7ss  total\n' "$(secs "$T0")"
	echo "rootfs.img: $(du -h --apparent-size "$OUT/rootfs.img" | cut -f1) apparent, $(du -h "$OUT/rootfs.img" | cut -f1) used"
	ls -l "$OUT"
} | tee -a "$OUT/build.log" >&2
