# Two CPUs write at the same instant: BREADCRUMB_ALL_CPUS sends an IPI to
# every CPU, holds them at a barrier until all have arrived, then each
# records (one atomic slot reservation each, no lock). After a sysrq
# crash, the capture kernel must read one intact selftest record per CPU.
DESC="2 CPUs record at once: both records intact, one per CPU"
TIMEOUT=150
PHASES="first capture"
CPUS=2

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	kc_check "2 CPUs online" test "$(nproc)" = 2
	out=$(kcrumbs trigger --list)
	printf '%s\n' "$out" | grep -A1 "^BREADCRUMB_ALL_CPUS " | grep -q "\[carry-on: never\]" &&
		kc_ok "--list: the self-test never crashes" ||
		kc_not_ok "--list: the self-test never crashes"
	kc_check "trigger BREADCRUMB_ALL_CPUS" kcrumbs trigger BREADCRUMB_ALL_CPUS --yes
	sleep 2
	kc_grep "both CPUs recorded together" "BREADCRUMB_ALL_CPUS: 2 CPUs recorded together" "$(dmesg)"
	kc_marker crash
	echo c >/proc/sysrq-trigger
}

guest_capture() {
	out=$(kcrumbs --json read)
	kc_check_exit "kcrumbs read: every record intact (exit 0)" 0 kcrumbs read
	kc_grep "a selftest record from CPU 0" '"kind":"event","cpu":0,[^}]*"hook":"selftest"[^}]*"cause":"selftest"' "$out"
	kc_grep "a selftest record from CPU 1" '"kind":"event","cpu":1,[^}]*"hook":"selftest"[^}]*"cause":"selftest"' "$out"
	# written by the trigger module through kcrumbs_record_selftest()
	kc_grep "CPU 0's record names its CPU" '"kind":"event","cpu":0,[^}]*"message":"BREADCRUMB_ALL_CPUS cpu 0"' "$out"
	kc_grep "CPU 1's record names its CPU" '"kind":"event","cpu":1,[^}]*"message":"BREADCRUMB_ALL_CPUS cpu 1"' "$out"
	kc_grep "and the sysrq crash after them" '"cause":"sysrq"' "$out"
	kc_grep "no corrupt record" '"corrupt":\[\]' "$out"
	kc_read_events 3
	# how close together: the two records' hook-entry times
	echo "$out" | grep -o '"mono_ns":"[0-9]*",[^}]*"hook":"selftest"' |
		sed 's/"mono_ns":"\([0-9]*\)".*/\1/' | sort -n | awk '
		NR == 1 { a = $1 } NR == 2 { printf "KCDEMO: selftest records began %d ns apart\n", $1 - a }'
}
