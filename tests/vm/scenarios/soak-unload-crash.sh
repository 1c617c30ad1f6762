# A crash while kcrumbs.ko unloads: self-test events and 64 self-checking
# marks are recorded, kdump is armed with the region's address, and a
# background job spinning on /sys/module/kcrumbs/initstate (a shell
# builtin read, no fork) fires sysrq-c the moment the module leaves
# "live", while `rmmod kcrumbs` runs its exit (netlink family, hooks, then
# the region wiped and freed). The capture kernel either finds the region
# with intact records (exit 0) or finds none (exit 6); corrupt entries may
# be reported (exit 7), but nothing decoded may have wrong content. The
# same holds for a scan of the whole dump (no address given), which also
# meets the copies of the header the freed module left behind.
DESC="sysrq-c during rmmod kcrumbs: the region intact or absent, never half-written and trusted"
TIMEOUT=200
PHASES="first capture"
CPUS=2

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	echo 1 >/proc/sys/kernel/sysrq
	kc_check "self-test events on both CPUs" kcrumbs trigger BREADCRUMB_ALL_CPUS --yes
	sleep 2
	kc_flood_file /tmp/marks.txt m 64
	kc_check "64 marks" sh -c 'kcrumbs mark --tag soak --batch 64 - </tmp/marks.txt'
	st=$(kcrumbs --json status)
	kc_grep "... the events counted" '"records":"[1-9]' "$st"
	kc_grep "... the marks counted" '"marks":"64"' "$st"
	kc_check "rmmod kcrumbs_trigger" rmmod kcrumbs_trigger
	(
		while read -r s </sys/module/kcrumbs/initstate && [ "$s" = live ]; do :; done 2>/dev/null
		# builtins only: no fork between the state change and the crash
		echo "KCTEST-INFO: kcrumbs left live (state now: ${s:-gone}): sysrq-c" >/dev/kmsg
		echo c >/proc/sysrq-trigger
	) &
	sleep 1
	kc_marker crash
	rmmod kcrumbs
	sleep 30
	kc_not_ok "still alive 30 s after sysrq-c during rmmod"
}

# check_read HOW OUT RC: the outcome is intact, absent or reported corrupt,
# and everything decoded is what was recorded
check_read() {
	case $3 in
	0) what="the region, intact" ;;
	6) what="no region" ;;
	7) what="the region, with entries reported corrupt" ;;
	*) what="exit $3" ;;
	esac
	echo "KCDEMO: $1: kcrumbs read exits $3: $what"
	printf '%s\n' "$2" | grep -E '^(region|slots|marks|event #|CORRUPT|no )' | head -n 12 |
		sed "s/^/KCDEMO: $1:   /"
	case $3 in
	0 | 6 | 7) kc_ok "$1: kcrumbs read finds the region intact, none, or reports corruption (exit $3)" ;;
	*) kc_not_ok "$1: kcrumbs read finds the region intact, none, or reports corruption (exit $3)" ;;
	esac
	[ "$3" = 6 ] && return
	# events: only the self-tests (and the sysrq, if the hooks were still
	# there), each with its own message and a CPU that exists
	bad=$(printf '%s\n' "$2" | awk '
		/^event #/ { ev++
			if ($0 !~ /^event #[0-9]+: selftest — BREADCRUMB_ALL_CPUS cpu [01]$/ &&
			    $0 !~ /^event #[0-9]+: sysrq — sysrq triggered crash$/) { print; next }
			getline
			if ($0 ~ /^  title: /) getline
			if ($0 !~ /^  cpu [01], pid [0-9]+ \(/) print }')
	[ -z "$bad" ] && kc_ok "$1: every decoded event is one that was recorded" ||
		{ kc_not_ok "$1: every decoded event is one that was recorded"; printf '%s\n' "$bad" | sed 's/^/KCTEST-OUT: /'; }
	set -- "$1" $(kc_marks_tally soak "$2")
	[ "$3" = 0 ] && kc_ok "$1: no decoded mark has wrong content ($2 whole)" ||
		kc_not_ok "$1: no decoded mark has wrong content ($3 wrong, $2 whole)"
}

guest_capture() {
	log=$(vmcore-dmesg /proc/vmcore 2>&1)
	kc_grep "the crashed kernel was unloading kcrumbs" "KCTEST-INFO: kcrumbs left live|sysrq triggered crash" "$log"
	printf '%s\n' "$log" | grep -E "kcrumbs: unloaded|Kernel panic" | sed 's/^/KCDEMO: crashed kernel: /'
	out=$(kcrumbs read --log-lines 0 2>&1)
	check_read "address from the command line" "$out" $?
	# the whole dump scanned: the command line without kcrumbs.region=
	mkdir -p /tmp/root/proc
	ln -sf /proc/vmcore /tmp/root/proc/vmcore
	echo "console=ttyS0" >/tmp/root/proc/cmdline
	out=$(KCRUMBS_ROOT=/tmp/root kcrumbs read --log-lines 0 2>&1)
	check_read "scan of the dump" "$out" $?
}
