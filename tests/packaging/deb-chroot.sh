#!/bin/bash
# shellcheck disable=SC2016 # the sh -c scripts expand their own variables
# The packages' lifecycle, run by tests/packaging/deb.sh inside its
# throwaway overlay over the cached bookworm chroot (as /root/payload/
# lifecycle.sh, beside the .debs): install, upgrade, a new kernel, remove,
# purge. Prints "ok - ..." / "not ok - ..." lines (the failing output
# indented after a not ok), then "guest: done"; deb.sh numbers and counts
# them. Never run it on a real system: it installs and purges packages.
#   lifecycle.sh VERSION UPGRADE_VERSION KVER NEW_KVER ARCH
set -uo pipefail
V=$1 U=$2 K=$3 C=$4 ARCH=$5
P=/root/payload
calls=/var/log/kcdeb-forbidden-calls

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
indent() { tail -n "${1:-30}" | sed 's/^/#   /'; }
# check DESC CMD...: ok when CMD exits 0, else its output
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then ok "$desc"; else
		not_ok "$desc"
		printf '%s\n' "$out" | indent
	fi
}
# apt DESC ARGS...: apt-get -y ARGS, no terminal (a prompt fails it)
apt() {
	local desc=$1 out
	shift
	if out=$(apt-get -y -q -o Dpkg::Use-Pty=0 "$@" </dev/null 2>&1); then ok "$desc"; else
		not_ok "$desc"
		printf '%s\n' "$out" | indent 40
	fi
	# the chroot is to hold every dependency (deb.sh's chroot_pkgs)
	if grep -q '^Get:[0-9]* http' <<<"$out"; then
		echo "# note: apt downloaded packages the cached chroot lacks (deb.sh's chroot_pkgs):"
		grep '^Get:[0-9]* http' <<<"$out" | sed 's/^/#   /'
	fi
}

# No "CMD | grep -q" in this bash (pipefail): grep's early exit can kill
# CMD with SIGPIPE and fail a check that matched.

# ---- never the host's kernel ------------------------------------------------------
# No maintainer script may load a module or write a sysctl from here (it
# would be the host's kernel): they only try with /run/systemd/system,
# which the chroot does not have; these stand-ins, first in PATH, record
# any attempt all the same.
if [ -e /run/systemd/system ]; then
	not_ok "the chroot has no /run/systemd/system (it has: stopping here)"
	echo "guest: done"
	exit 1
fi
ok "the chroot has no /run/systemd/system"
check "policy-rc.d forbids starting a service (exit 101)" \
	sh -c '/usr/sbin/policy-rc.d kdump-tools start; rc=$?; [ $rc = 101 ] || { echo "exit $rc"; exit 1; }'
mkdir -p /usr/local/sbin
for t in modprobe insmod rmmod sysctl kexec; do
	printf '#!/bin/sh\necho "%s $*" >>%s\nexit 1\n' "$t" "$calls" >/usr/local/sbin/$t
	chmod 0755 /usr/local/sbin/$t
done
: >"$calls"
shims() {
	local t
	for t in modprobe insmod rmmod sysctl kexec; do
		[ "$(command -v $t)" = /usr/local/sbin/$t ] || { echo "$t is $(command -v $t)"; return 1; }
	done
}
check "stand-ins for modprobe, insmod, rmmod, sysctl and kexec come first in PATH" shims

# dkms_has VER KVER: dkms status says kcrumbs/VER is installed for KVER
dkms_has() {
	local out
	out=$(dkms status 2>&1)
	grep -q "^kcrumbs/$1, $2, [^:]*: installed" <<<"$out" ||
		{ echo "dkms status:"; printf '%s\n' "$out"; return 1; }
}
# ko_ok VER KVER: both modules under KVER's updates/dkms, of version VER
ko_ok() {
	local m f v rc=0
	for m in kcrumbs kcrumbs_trigger; do
		f=$(find "/lib/modules/$2/updates/dkms/" -name "$m.ko*" 2>/dev/null | head -n 1)
		if [ -z "$f" ]; then
			echo "no /lib/modules/$2/updates/dkms/$m.ko"
			rc=1
			continue
		fi
		v=$(modinfo -F version "$f")
		[ "$v" = "$1" ] || { echo "$f: version '$v', not $1"; rc=1; }
		v=$(modinfo -F vermagic "$f")
		[[ $v == "$2 "* ]] || { echo "$f: vermagic $v, not $2"; rc=1; }
	done
	return $rc
}
# owned PATH: dpkg -S says kcrumbs or kcrumbs-dkms ships PATH (or its
# /lib, /bin, /sbin alias: bookworm's dpkg knows a file by the path its
# package names, and /lib is /usr/lib)
owned() {
	local p s
	for p in "$1" "${1#/usr}"; do
		s=$(dpkg -S "$p" 2>/dev/null | sed -n 's/: \/.*//p' | tr ',' '\n' |
			sed 's/^ *//;s/:[a-z0-9]*$//')
		grep -Eqx 'kcrumbs(-dkms)?' <<<"$s" && return 0
	done
	return 1
}

# ---- install ----------------------------------------------------------------------
apt "apt-get install ./kcrumbs_${V}_$ARCH.deb ./kcrumbs-dkms_${V}_all.deb" \
	install "$P/$V/kcrumbs_${V}_$ARCH.deb" "$P/$V/kcrumbs-dkms_${V}_all.deb"
check "dkms status: kcrumbs/$V installed for $K" dkms_has "$V" "$K"
check "kcrumbs.ko and kcrumbs_trigger.ko in /lib/modules/$K/updates/dkms, version $V" \
	ko_ok "$V" "$K"
check "kcrumbs --version shows $V" sh -c "kcrumbs --version | grep -F -- '$V'"
check "the man page: kcrumbs(8)" sh -c 'gzip -t /usr/share/man/man8/kcrumbs.8.gz &&
	zcat /usr/share/man/man8/kcrumbs.8.gz | grep -q "^\.TH KCRUMBS 8"'
# the profiles: the tree's sysctl.d/*.conf, as make install puts them
profiles() {
	local f n=0
	while read -r f; do
		n=$((n + 1))
		[ -s "$f" ] || { echo "no $f"; return 1; }
	done < <(grep '^/usr/share/kcrumbs/sysctl.d/.*\.conf$' "$P/make-install.list")
	[ "$n" -gt 0 ] || { echo "make-install.list names no profile"; return 1; }
}
check "the policy profiles in /usr/share/kcrumbs/sysctl.d" profiles
check "kcrumbs-harvest.service and both kdump-tools drop-ins" sh -c '
	grep -q "^ExecStart=/usr/sbin/kcrumbs harvest" /lib/systemd/system/kcrumbs-harvest.service &&
	grep -q "kcrumbs kdump-args --install" /lib/systemd/system/kdump-tools.service.d/kcrumbs.conf &&
	grep -q "kcrumbs capture" /lib/systemd/system/kdump-tools-dump.service.d/kcrumbs.conf'
check "modules-load.d loads kcrumbs, not kcrumbs_trigger" sh -c '
	f=/usr/lib/modules-load.d/kcrumbs.conf
	[ "$(grep -v "^#" "$f" | grep -v "^[[:space:]]*$")" = kcrumbs ] || { cat "$f"; exit 1; }'
check "/etc/modprobe.d/kcrumbs.conf is a conffile of kcrumbs-dkms" sh -c '
	dpkg-query -W -f="\${Conffiles}\n" kcrumbs-dkms | grep -q "^ /etc/modprobe.d/kcrumbs.conf "'
check "kcrumbs-harvest.service is enabled (multi-user.target.wants)" sh -c '
	l=/etc/systemd/system/multi-user.target.wants/kcrumbs-harvest.service
	[ "$(readlink "$l")" = /lib/systemd/system/kcrumbs-harvest.service ] || { ls -l "$l"; exit 1; }'
check "kcrumbs-qa.service is installed but not enabled (only kcrumbs qa start enables it)" sh -c '
	grep -q "^ExecStart=/usr/sbin/kcrumbs qa step" /lib/systemd/system/kcrumbs-qa.service &&
	[ -z "$(find /etc/systemd/system -name kcrumbs-qa.service)" ] || {
		find /etc/systemd/system -name kcrumbs-qa.service; exit 1; }'
check "bash completion: 'kcrumbs re' completes to read" bash -c '
	. /usr/share/bash-completion/bash_completion
	. /usr/share/bash-completion/completions/kcrumbs
	COMP_WORDS=(kcrumbs re) COMP_CWORD=1 COMP_LINE="kcrumbs re" COMP_POINT=10 COMPREPLY=()
	_kcrumbs kcrumbs re kcrumbs
	printf "%s\n" "${COMPREPLY[@]}"
	[ ${#COMPREPLY[@]} -ge 1 ] || exit 1
	for w in "${COMPREPLY[@]}"; do [[ $w == re* ]] || exit 1; done
	[[ " ${COMPREPLY[*]} " == *" read "* ]]'
# nothing from make install is needed: every file it installs came with a
# package (man pages compressed: kcrumbs.8 is kcrumbs.8.gz)
mi_check() {
	local f g rc=0 count=0
	[ -s "$P/make-install.list" ] || { echo "no make-install.list from deb.sh"; return 1; }
	while read -r f; do
		count=$((count + 1))
		g=$f
		[ -e "$g" ] || g=$f.gz
		if [ ! -e "$g" ]; then
			echo "$f: not installed"
			rc=1
		elif ! owned "$g"; then
			echo "$g: $(dpkg -S "$g" 2>&1)"
			rc=1
		fi
	done <"$P/make-install.list"
	echo "$count files"
	return $rc
}
check "every file make install installs ($(wc -l <"$P/make-install.list" 2>/dev/null || echo no list)) comes with the packages" mi_check
# and every file named *kcrumbs* is a package's, but what DKMS built, the
# package database and deb-systemd-helper's enablement
ours_check() {
	local f rc=0
	while read -r f; do
		case $f in
		/var/lib/dkms/kcrumbs | /var/lib/dkms/kcrumbs/*) continue ;;
		/usr/lib/modules/*/updates/dkms/kcrumbs*.ko*) continue ;;
		/var/lib/dpkg/info/kcrumbs*) continue ;;
		/var/lib/systemd/deb-systemd-helper-enabled/*) continue ;;
		/etc/systemd/system/multi-user.target.wants/kcrumbs-harvest.service) continue ;;
		esac
		owned "$f" || { echo "$f: no package's"; rc=1; }
	done < <(find / -xdev -path "$P" -prune -o -name '*kcrumbs*' -print)
	return $rc
}
check "every other file named *kcrumbs* belongs to a package (dpkg -S)" ours_check

# ---- upgrade ----------------------------------------------------------------------
conf=/etc/modprobe.d/kcrumbs.conf
line='options kcrumbs nr_slots=8 slot_kib=16'
sed -i "s/^#$line\$/$line/" "$conf"
check "precondition: the conffile edited (a line uncommented)" grep -qx "$line" "$conf"
# no --force-conf*: the conffile is the same in both versions, dpkg keeps
# the edit without asking (a prompt would fail: no terminal)
apt "upgrade: apt-get install ./kcrumbs_${U}_$ARCH.deb ./kcrumbs-dkms_${U}_all.deb" \
	install "$P/$U/kcrumbs_${U}_$ARCH.deb" "$P/$U/kcrumbs-dkms_${U}_all.deb"
check "dkms status: kcrumbs/$U installed for $K" dkms_has "$U" "$K"
check "dkms status: no kcrumbs/$V any more" sh -c "! dkms status 2>&1 | grep '^kcrumbs/$V,'"
check "the modules in updates/dkms are version $U" ko_ok "$U" "$K"
check "/usr/src/kcrumbs-$V is gone, /usr/src/kcrumbs-$U is there" \
	sh -c "[ ! -e /usr/src/kcrumbs-$V ] && [ -f /usr/src/kcrumbs-$U/dkms.conf ]"
check "kcrumbs --version shows $U" sh -c "kcrumbs --version | grep -F -- '$U'"
check "the conffile edit is kept" sh -c "grep -qx '$line' '$conf' && ! ls '$conf'.dpkg-* 2>/dev/null"
at_version() {
	local p v rc=0
	for p in kcrumbs kcrumbs-dkms; do
		v=$(dpkg-query -W -f='${Version} ${db:Status-Abbrev}' "$p" 2>&1)
		[ "$v" = "$U ii " ] || { echo "$p: '$v'"; rc=1; }
	done
	return $rc
}
check "both packages installed at $U" at_version

# ---- a new kernel ---------------------------------------------------------------
apt "a new kernel: apt-get install linux-image-$C linux-headers-$C" \
	install --no-install-recommends "linux-image-$C" "linux-headers-$C"
check "DKMS's kernel hooks: kcrumbs/$U installed for $C" dkms_has "$U" "$C"
check "kcrumbs.ko and kcrumbs_trigger.ko in /lib/modules/$C/updates/dkms, version $U" \
	ko_ok "$U" "$C"
check "... and still for $K" dkms_has "$U" "$K"

# ---- remove ------------------------------------------------------------------------
# what `kcrumbs kdump-args --install` writes (it needs the module loaded,
# which never happens here): Debian's default KDUMP_CMDLINE_APPEND,
# uncommented, with the region's argument in its quotes
kd=/etc/default/kdump-tools
region='kcrumbs.region=167936@0x2fc0000'
cp "$kd" /root/kdump-tools.orig
sed -i "s/^#[[:space:]]*\(KDUMP_CMDLINE_APPEND=\"[^\"]*\)\"/\1 $region\"/" "$kd"
# what the removal is to leave: the line without the argument (or the file
# as it was before)
sed "s/ $region//" "$kd" >/root/kdump-tools.want
appendline=$(grep "^KDUMP_CMDLINE_APPEND=\".* $region\"\$" "$kd")
check "precondition: $kd carries $region in KDUMP_CMDLINE_APPEND" \
	sh -c "[ -n '$appendline' ] || { grep -n KDUMP_CMDLINE_APPEND '$kd'; exit 1; }"
# what the tool writes at run time: harvest's archive, policy --persist
mkdir -p /var/lib/kcrumbs/boots/x /etc/sysctl.d
echo '{"schema":2}' >/var/lib/kcrumbs/boots/x/summary.json
printf '# kcrumbs policy --persist\nkernel.panic = 10\n' >/etc/sysctl.d/90-kcrumbs.conf
check "precondition: /var/lib/kcrumbs/boots/x/summary.json and /etc/sysctl.d/90-kcrumbs.conf" \
	test -f /var/lib/kcrumbs/boots/x/summary.json -a -f /etc/sysctl.d/90-kcrumbs.conf
installed_now() {
	local f
	for f in /usr/sbin/kcrumbs "/usr/src/kcrumbs-$U/dkms.conf" \
		"/lib/modules/$K/updates/dkms/kcrumbs.ko"* "/lib/modules/$C/updates/dkms/kcrumbs.ko"*; do
		[ -e "$f" ] || { echo "no $f"; return 1; }
	done
	dkms_has "$U" "$K" && dkms_has "$U" "$C"
}
check "precondition: before the removal, the tool, the source and DKMS's modules for both kernels" \
	installed_now
apt "apt-get remove kcrumbs kcrumbs-dkms" remove kcrumbs kcrumbs-dkms
dkms_empty() {
	local out
	out=$(dkms status 2>&1)
	[ -z "$out" ] || { echo "$out"; return 1; }
}
check "dkms status is empty" dkms_empty
no_ko() {
	local f
	f=$(find /lib/modules/ -name 'kcrumbs*.ko*')
	[ -z "$f" ] || { echo "$f"; return 1; }
}
check "no kcrumbs*.ko under /lib/modules" no_ko
check "no /usr/src/kcrumbs-*, no /usr/sbin/kcrumbs" \
	sh -c '! ls -d /usr/src/kcrumbs-* 2>/dev/null && ! ls -l /usr/sbin/kcrumbs 2>/dev/null'
# the prerm's kdump-args --uninstall: the argument out, the rest as it was
region_gone() {
	if grep -n kcrumbs "$kd"; then return 1; fi
	cmp -s "$kd" /root/kdump-tools.want || cmp -s "$kd" /root/kdump-tools.orig ||
		{ diff -u /root/kdump-tools.want "$kd"; return 1; }
}
check "the prerm took $region out of $kd, and nothing else" region_gone
kept() {
	grep -qx "$line" "$conf" || { echo "$conf: not as edited"; return 1; }
	[ -f /var/lib/kcrumbs/boots/x/summary.json ] || { echo "no /var/lib/kcrumbs/boots/x/summary.json"; return 1; }
	[ -f /etc/sysctl.d/90-kcrumbs.conf ] || { echo "no /etc/sysctl.d/90-kcrumbs.conf"; return 1; }
}
check "kept: the conffile (with its edit), /var/lib/kcrumbs, /etc/sysctl.d/90-kcrumbs.conf" kept
status_is() { # STATUS PKG...: dpkg's status abbreviation of each PKG
	local s=$1 p r rc=0
	shift
	for p; do
		r=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>&1)
		[ "$r" = "$s" ] || { echo "$p: '$r', not '$s'"; rc=1; }
	done
	return $rc
}
check "both packages removed, their configuration kept (rc)" status_is 'rc ' kcrumbs kcrumbs-dkms

# ---- purge ---------------------------------------------------------------------------
apt "apt-get purge kcrumbs kcrumbs-dkms" purge kcrumbs kcrumbs-dkms
check "purged: the conffile, /var/lib/kcrumbs, /etc/sysctl.d/90-kcrumbs.conf" sh -c "
	[ ! -e '$conf' ] && [ ! -e /var/lib/kcrumbs ] && [ ! -e /etc/sysctl.d/90-kcrumbs.conf ]"
# the .debs' copies go first: their names are the only *kcrumbs* allowed
# (bash keeps reading this script from its open file)
rm -rf "$P"
check "nothing named *kcrumbs* is left (find / -xdev)" sh -c '
	f=$(find / -xdev -name "*kcrumbs*"); [ -z "$f" ] || { echo "$f"; exit 1; }'
check "dpkg -l lists neither package" sh -c '! dpkg -l | grep -E "^.. +kcrumbs(-dkms)?[: ]"'

check "nothing tried to load a module, write a sysctl or kexec (modprobe, insmod, rmmod, sysctl, kexec)" \
	sh -c "[ ! -s '$calls' ] || { cat '$calls'; exit 1; }"
echo "guest: done"
