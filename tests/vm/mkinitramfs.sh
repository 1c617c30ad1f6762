#!/bin/bash
# Build the test initramfs: busybox, kexec-tools, the kcrumbs CLI and
# module, the guest scripts and every scenario. The image carries the
# kernel and a copy of itself (without those two) for the capture kernel.
#   tests/vm/mkinitramfs.sh OUT.cpio
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:-$KC_INITRD}
stage=$(mktemp -d "${TMPDIR:-/tmp}/kcrumbs-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT

ko=$KC_KO
cli=$KC_ROOT/build/kcrumbs
[ -f "$ko" ] || kc_die "no $ko: build it first (make module KVER=$KC_KVER, or SUITE=$KC_SUITE)"
[ -x "$cli" ] || kc_die "no $cli: build it first (make cli)"
modinfo -F vermagic "$ko" | grep -q "^$KC_KVER " ||
	kc_die "$ko is not built for $KC_KVER (make module KVER=$KC_KVER, or SUITE=$KC_SUITE)"

# copy_bin FILE DEST: FILE and every library ldd lists, at the same paths.
copy_bin() {
	install -D -m 0755 "$1" "$stage/$2"
	ldd "$1" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		[ -e "$stage$lib" ] || install -D -m 0755 "$lib" "$stage$lib"
	done
}

mkdir -p "$stage"/{bin,sbin,proc,sys,dev,tmp,run,etc,boot,lib/modules}
install -m 0755 /bin/busybox "$stage/bin/busybox"
for applet in $(/bin/busybox --list); do
	# busybox lists itself: a link named busybox would replace the binary
	[ "$applet" = busybox ] && continue
	ln -sf busybox "$stage/bin/$applet"
done
copy_bin /sbin/kexec /sbin/kexec
copy_bin /sbin/vmcore-dmesg /sbin/vmcore-dmesg
copy_bin /usr/bin/makedumpfile /bin/makedumpfile
copy_bin "$cli" /bin/kcrumbs
# the suite's own makedumpfile (trixie, sid: zstd), with its libraries and
# loader under /opt/suite, run as /bin/makedumpfile-suite
suite_root=$KC_CACHE/chroot/$KC_SUITE
if [ "$KC_SUITE" != bookworm ] && [ -x "$suite_root/usr/bin/makedumpfile" ]; then
	install -D -m 0755 "$suite_root/usr/bin/makedumpfile" "$stage/opt/suite/usr/bin/makedumpfile"
	# in_suite PATH: PATH with its symlinks resolved inside the chroot
	# (merged /usr: /lib64/ld-linux-x86-64.so.2 links to an absolute path)
	in_suite() {
		local p=$1 t n=0
		while [ -L "$suite_root$p" ] && [ $n -lt 20 ]; do
			t=$(readlink "$suite_root$p")
			case $t in /*) p=$t ;; *) p=${p%/*}/$t ;; esac
			n=$((n + 1))
		done
		echo "$suite_root$p"
	}
	chroot "$suite_root" ldd /usr/bin/makedumpfile 2>/dev/null | grep -o '/[^ ]*' |
		while read -r lib; do
			[ -e "$stage/opt/suite$lib" ] ||
				install -D -m 0755 "$(in_suite "$lib")" "$stage/opt/suite$lib"
		done
	printf '#!/bin/sh\nexec /opt/suite/lib64/ld-linux-x86-64.so.2 --library-path /opt/suite/lib/x86_64-linux-gnu:/opt/suite/usr/lib/x86_64-linux-gnu /opt/suite/usr/bin/makedumpfile "$@"\n' \
		>"$stage/bin/makedumpfile-suite"
	chmod 0755 "$stage/bin/makedumpfile-suite"
fi
# GNU time: peak RSS (busybox's time -v reports ru_maxrss wrongly)
copy_bin /usr/bin/time /usr/bin/time
# the malformed-netlink sender (netlink-hostile), static
[ -x "$KC_ROOT/build/nlhostile" ] && install -D -m 0755 "$KC_ROOT/build/nlhostile" "$stage/bin/nlhostile"
# util-linux setpriv, to drop one capability (trigger-privilege): busybox's
# /bin/setpriv has no --bounding-set
copy_bin /usr/bin/setpriv /usr/bin/setpriv
# dlopen()ed by kcrumbs read --dump: not in ldd's list
kdf=$(ldconfig -p | sed -n 's/.*libkdumpfile\.so\.10 .*=> //p' | head -n 1)
[ -n "$kdf" ] && copy_bin "$kdf" "$kdf"
install -m 0644 "$ko" "$stage/lib/modules/kcrumbs.ko"
# the crash triggers' module, built beside kcrumbs.ko
trigger_ko=${ko%/kcrumbs.ko}/kcrumbs_trigger.ko
[ -f "$trigger_ko" ] || kc_die "no $trigger_ko: build it first (make module)"
install -m 0644 "$trigger_ko" "$stage/lib/modules/kcrumbs_trigger.ko"
# the in-kernel API's example and the test helpers (tests/kmod), built
# beside kcrumbs.ko for this kernel
for src in "$KC_ROOT"/tests/kmod/*.c; do
	name=$(basename "$src" .c)
	kmod=${ko%/kcrumbs.ko}/tests/kmod/$name.ko
	[ -f "$kmod" ] || kmod=${ko%/kcrumbs.ko}/$name.ko
	[ -f "$kmod" ] && modinfo -F vermagic "$kmod" | grep -q "^$KC_KVER " &&
		install -m 0644 "$kmod" "$stage/lib/modules/$name.ko"
done
# peers: Debian's own ramoops and what it needs (the benchmarks), and
# mce-inject (trigger MCE_INJECT)
mods=$KC_KDIR/lib/modules/$KC_KVER/kernel
# (xz-compressed from 6.12 on: unpacked, for busybox's insmod)
mkdir -p "$stage/lib/modules/peer"
for m in lib/reed_solomon/reed_solomon.ko fs/pstore/ramoops.ko \
	arch/x86/kernel/cpu/mce/mce-inject.ko; do
	if [ -f "$mods/$m" ]; then
		install -m 0644 "$mods/$m" "$stage/lib/modules/peer/${m##*/}"
	elif [ -f "$mods/$m.xz" ]; then
		xz -dc "$mods/$m.xz" >"$stage/lib/modules/peer/${m##*/}"
	fi
done
# and the benchmarks' helpers, when bench/ built them for this kernel
for helper in kc_bench_timer kc_bench_mark; do
	hko=$KC_ROOT/bench/kmod/$helper.ko
	[ -f "$hko" ] && modinfo -F vermagic "$hko" | grep -q "^$KC_KVER " &&
		install -m 0644 "$hko" "$stage/lib/modules/peer/$helper.ko"
done
[ -x "$KC_ROOT/bench/kmsg_lines" ] && copy_bin "$KC_ROOT/bench/kmsg_lines" /bin/kmsg_lines
# the CLI's own libraries' loader
[ -e "$stage/lib64/ld-linux-x86-64.so.2" ] ||
	install -D -m 0755 /lib64/ld-linux-x86-64.so.2 "$stage/lib64/ld-linux-x86-64.so.2"

# the policy profiles where the CLI looks for them, and the kernel's
# config where `kcrumbs check` looks for it
install -d "$stage/usr/share/kcrumbs/sysctl.d"
install -m 0644 "$KC_ROOT"/sysctl.d/*.conf "$stage/usr/share/kcrumbs/sysctl.d/"
install -m 0644 "$KC_KDIR/boot/config-$KC_KVER" "$stage/boot/config-$KC_KVER"
# the guest's init loads kcrumbs at every boot (kc_insmod), as
# modules-load.d does on a real system: say so where `check` looks
install -D -m 0644 "$KC_ROOT/userspace/systemd/kcrumbs-modules-load.conf" \
	"$stage/usr/lib/modules-load.d/kcrumbs.conf"

install -m 0755 "$KC_ROOT/tests/vm/guest/init" "$stage/init"
mkdir -p "$stage/tests/guest" "$stage/tests/scenarios"
install -m 0644 "$KC_ROOT/tests/vm/guest/lib.sh" "$stage/tests/guest/"
install -m 0644 "$KC_ROOT"/tests/vm/scenarios/*.sh "$stage/tests/scenarios/"
printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$stage/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$stage/etc/group"
[ "$(id -u)" = 0 ] && mknod -m 600 "$stage/dev/console" c 5 1

mkdir -p "$(dirname "$out")"
pack() { (cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet); }

# The capture kernel's image: everything but /boot.
pack >"$out.capture"
install -m 0644 "$out.capture" "$stage/boot/capture.img"
install -m 0644 "$KC_VMLINUZ" "$stage/boot/vmlinuz"
pack >"$out"
rm -f "$out.capture"
