#!/bin/bash
# Guest side of tests/system/roundtrip.sh, installed as
# /usr/local/sbin/kctest-phase; kctest.service runs it at every normal boot
# (after kdump-tools.service), its output on the serial console.
#
#   boot 1: show that kdump-tools armed kdump, then crash the kernel
#           (kdump-tools' capture kernel saves the dump and reboots)
#   boot 2: list what the capture kernel saved in /var/crash, power off
#
# Every line it prints starts with "KCSYS:", for the host to grep.
set -uo pipefail

STATE=/var/lib/kctest/phase
say() { printf 'KCSYS: %s\n' "$*"; }

mkdir -p "${STATE%/*}"
phase=$(cat "$STATE" 2>/dev/null || echo 0)
say "boot $((phase + 1)), kernel $(uname -r), up $(cut -d' ' -f1 /proc/uptime) s"
say "cmdline: $(cat /proc/cmdline)"

case $phase in
0)
	loaded=$(cat /sys/kernel/kexec_crash_loaded)
	say "kexec_crash_loaded=$loaded"
	kdump-config status 2>&1 | sed 's/^/KCSYS: status: /'
	systemctl show -p ActiveState -p Result kdump-tools.service | sed 's/^/KCSYS: kdump-tools.service /'
	journalctl -b -u kdump-tools.service --no-pager -o cat | sed 's/^/KCSYS: journal: /'
	if [ "$loaded" != 1 ]; then
		say "FAIL: kdump is not armed"
		systemctl --no-block poweroff
		exit 1
	fi
	echo 1 >"$STATE"
	sync
	say "CRASH NOW"
	echo c >/proc/sysrq-trigger
	;;
1)
	echo 2 >"$STATE"
	say "/var/crash:"
	find /var/crash -printf '%M %10s %p\n' | sort -k3 | sed 's/^/KCSYS:   /'
	say "boots in the journal:"
	journalctl --list-boots --no-pager | sed 's/^/KCSYS:   /'
	for f in /var/crash/*/dmesg.*; do
		[ -f "$f" ] || continue
		say "$f, last lines:"
		tail -n 5 "$f" | sed 's/^/KCSYS:   /'
	done
	for f in /var/crash/*/dump.*; do
		[ -f "$f" ] || continue
		say "$f: $(head -c 16 "$f" | tr -c '[:print:]' '.')"
	done
	sync
	say "DONE"
	systemctl --no-block poweroff
	;;
*)
	say "phase $phase: nothing to do"
	systemctl --no-block poweroff
	;;
esac
