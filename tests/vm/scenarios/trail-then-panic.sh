# The trail (issue 15): a WARN, an oops and a soft lockup the kernel lives
# through are each an event, the boot not crashed by them; the panic after
# them is the crash. Read back in the capture kernel as four events in
# time order, the first three survived, the last the crash, with the
# system's snapshot (taint W and D among its flags) and the trail's counts.
DESC="a survived WARN, oops and soft lockup, then a panic: four events in order, crashed only by the last"
TIMEOUT=200
PHASES="first capture"

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	sysctl -qw kernel.panic_on_warn=0 kernel.panic_on_oops=0 \
		kernel.softlockup_panic=0 kernel.watchdog_thresh=1
	kc_check "trigger WARNING (panic_on_warn=0): the kernel carries on" \
		kcrumbs trigger WARNING --yes
	sleep 1
	kc_check "trigger EXCEPTION (panic_on_oops=0): the kernel carries on" \
		kcrumbs trigger EXCEPTION --yes
	sleep 1
	kc_check "trigger SOFTLOCKUP_BRIEF (softlockup_panic=0): the kernel carries on" \
		kcrumbs trigger SOFTLOCKUP_BRIEF --yes
	sleep 9
	kc_grep "the kernel reported the soft lockup" "BUG: soft lockup - CPU#" "$(dmesg)"
	kc_check "a second WARN is counted, not recorded" kcrumbs trigger WARNING --yes
	sleep 1
	out=$(kcrumbs read --log-lines 0 --region /sys/kernel/kcrumbs/live 2>&1)
	kc_check "three events so far" \
		test "$(printf '%s\n' "$out" | grep -c '^event #')" = 3
	kc_grep "... and the region still says running" "state running" "$out"
	kc_marker crash
	kcrumbs trigger PANIC --yes
	sleep 60
	kc_not_ok "still alive 60 s after triggering PANIC"
}

guest_capture() {
	out=$(kcrumbs read --log-lines 0 2>&1)
	printf '%s\n' "$out" | sed 's/^/KCDOC read-trail: /'
	ev=$(printf '%s\n' "$out" | grep '^event #' | sed 's/^event #[0-9]*: //')
	kc_check "four events" test "$(printf '%s\n' "$ev" | wc -l)" = 4
	kc_grep "1st: the WARN, its own report line" "^warn — $(kc_warn_re kcrumbs_WARNING)" \
		"$(printf '%s\n' "$ev" | sed -n 1p)"
	kc_grep "2nd: the oops, its own first line" "^oops — BUG: kernel NULL pointer dereference" \
		"$(printf '%s\n' "$ev" | sed -n 2p)"
	kc_grep "3rd: the soft lockup warning" "^soft_lockup — (watchdog: )?BUG: soft lockup - CPU#[0-9]+ stuck" \
		"$(printf '%s\n' "$ev" | sed -n 3p)"
	kc_grep "4th: the panic" "^panic — kcrumbs: PANIC trigger" \
		"$(printf '%s\n' "$ev" | sed -n 4p)"
	json=$(kcrumbs --json read --log-lines 0 2>&1)
	kc_grep "JSON: the first three are the trail" \
		'"cause":"warn".*"trail":true.*"cause":"oops".*"trail":true.*"cause":"soft_lockup".*"trail":true.*"cause":"panic".*"trail":false' \
		"$json"
	kc_grep "the WARN's backtrace names where it was" "^    kcrumbs_WARNING\\+0x" "$out"
	kc_grep "the soft lockup's backtrace names the spinning function" \
		"^    kcrumbs_SOFTLOCKUP_BRIEF\\+0x" "$out"
	kc_grep "the snapshot: tainted W (warning) and D (oops) at least" \
		"[Tt]ainted: .*D.*W|[Tt]ainted: .*W.*D" "$out"
	kc_grep "the snapshot counts the trail: 2 warnings" "warnings? 2" "$out"
	kc_report_crash "$(vmcore-dmesg /proc/vmcore 2>&1)"
}
