# Machine checks (issue 15): QEMU's monitor injects them. A corrected one
# (status VAL|EN, found by the poller) is recorded with its bank, status
# and severity, and the boot is not crashed by it. A fatal one (VAL|UC|EN|
# PCC, no restart IP; broadcast, as a real one reaches every CPU, so the
# kernel scans the banks: a machine check signalled to one CPU alone is
# "Fatal local machine check" before any bank is read) panics into the
# capture kernel: its machine check record, decoded, and the crash's event
# with cause mce.
DESC="a corrected machine check is recorded and the boot goes on; a fatal one is the crash, cause mce, its bank status decoded"
TIMEOUT=200
PHASES="first capture"

host_action() {
	kc_wait_mark "$1" mce-corrected 120 || return 1
	sleep 2
	kc_monitor "$2" "mce 0 1 0x9000000000000080 0x0 0x12345000 0x86"
	kc_wait_mark "$1" mce-fatal 120 || return 1
	sleep 2
	kc_monitor "$2" "mce -b 0 2 0xb200000000000151 0x4 0x7654000 0x8c"
}

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	# poll the banks every second (the default is 5 minutes)
	echo 1 >/sys/devices/system/machinecheck/machinecheck0/check_interval
	kc_marker mce-corrected
	i=0
	while [ $i -lt 30 ] && ! kcrumbs read --log-lines 0 --region /sys/kernel/kcrumbs/live 2>/dev/null |
		grep -q '^machine check'; do
		sleep 1
		i=$((i + 1))
	done
	out=$(kcrumbs read --log-lines 0 --region /sys/kernel/kcrumbs/live 2>&1)
	printf '%s\n' "$out" | sed 's/^/KCDOC read-mce-corrected: /'
	kc_grep "the corrected machine check is recorded: bank 1, corrected" \
		"^machine check .*bank 1.*corrected" "$out"
	kc_grep "... its status" "0x9000000000000080" "$out"
	kc_grep "... the boot is not crashed by it" "state running" "$out"
	kc_check "... no event for it" \
		test "$(printf '%s\n' "$out" | grep -c '^event #')" = 0
	kc_marker mce-fatal
	sleep 60
	kc_not_ok "still alive 60 s after a fatal machine check"
}

guest_capture() {
	kc_vmcore_log_has "Machine Check" "Kernel panic - not syncing: .*achine check"
	out=$(kcrumbs read --log-lines 0 2>&1)
	printf '%s\n' "$out" | sed 's/^/KCDOC read-mce-fatal: /'
	kc_grep "the crash's cause is mce" "^event #[0-9]+: mce — .*achine check" "$out"
	kc_grep "the fatal machine check's record: bank 2, uncorrected" \
		"^machine check .*bank 2.*uncorrected" "$out"
	kc_grep "... processor context corrupt, decoded" "processor context corrupt" "$out"
	kc_grep "... its status, address and misc" "0xb200000000000151.*|status 0xb200000000000151" "$out"
	kc_grep "... the corrected one before it still there" "^machine check .*bank 1.*corrected" "$out"
	json=$(kcrumbs --json read --log-lines 0 2>&1)
	kc_grep "JSON: the status as a hex string" '"status":"0xb200000000000151"' "$json"
}
