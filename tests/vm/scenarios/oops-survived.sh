# A crash the kernel survived does not make the boot "crashed": an oops
# with panic_on_oops=0 (the task dies, the kernel goes on) and unknown NMIs
# (unknown_nmi_panic=0) are events of the trail; a clean reboot after them
# reads "shut down cleanly, after 1 survived oops, 1 survived
# nmi_unknown". Only the first unknown NMI is recorded (the others are
# counted). The boot's first event, the root cause, keeps slot 0 when the
# ring wraps. Then, with panic_on_oops=1 and no crash kernel, one oops is
# one event (die, two __crash_kexec hits and the panic notifier see it),
# read after the warm reboot with its message and backtrace.
DESC="a survived oops and NMIs: clean after them, root cause kept when the ring wraps; a fatal oops without kdump: one event"
TIMEOUT=240
PHASES="first clean crashed"
REBOOT=1
APPEND='memmap=1M$0x30000000 panic=1'
# 3 slots of 4 KiB: slot 0 and a ring of two
PROD="mem_address=0x30000000 mem_size=0x5000 slot_kib=4 nr_marks=16"

guest_phase() {
	# shellcheck disable=SC2086
	kc_insmod_quiet $PROD
	if [ ! -e /sys/kernel/kcrumbs/previous ]; then
		echo first
	else
		kcrumbs --json last-boot | sed -n 's/.*"fate":"\([a-z]*\)".*/\1/p'
	fi
}

host_action() {
	kc_wait_mark "$1" nmi 120 || return 1
	sleep 2
	for i in 1 2 3; do
		kc_monitor "$2" nmi
		sleep 1
	done
}

guest_first() {
	kc_check "3 slots" sh -c 'kcrumbs status | grep -q "(3 slots of 4096 bytes)"'
	sysctl -qw kernel.panic_on_oops=0 kernel.unknown_nmi_panic=0
	kc_check "trigger EXCEPTION with panic_on_oops=0 (no crash kernel: --force)" \
		kcrumbs trigger EXCEPTION --yes --force
	sleep 2
	kc_grep "the kernel survived the oops" "BUG: kernel NULL pointer dereference" "$(dmesg)"
	for i in 1 2 3 4; do
		kcrumbs trigger BREADCRUMB_ALL_CPUS --yes >/dev/null 2>&1
	done
	kc_marker nmi
	sleep 8
	kc_grep "3 NMIs came" "NMI received for unknown reason" "$(dmesg)"
	out=$(kcrumbs --json status)
	kc_grep "status counts 3 unknown NMIs" '"nmi_seen":"3"' "$out"
	kc_marker reboot
	reboot -f
	sleep 30
	kc_not_ok "still alive after reboot -f"
}

guest_clean() {
	out=$(kcrumbs last-boot 2>&1)
	kc_grep "last-boot: clean, after the survived oops and NMI" \
		"shut down cleanly, after 1 survived oops, 1 survived nmi_unknown$" "$out"
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	kc_grep "the first event (the oops) kept slot 0 while the ring wrapped" \
		"^event #0: oops — " "$out"
	kc_check "... one NMI event (the first), not three" \
		test "$(printf '%s\n' "$out" | grep -c 'nmi_unknown')" = 1
	kc_grep "... and the state says clean" "state clean" "$out"
	sysctl -qw kernel.panic_on_oops=1
	kc_marker crash
	kcrumbs trigger EXCEPTION --yes --force
	sleep 30
	kc_not_ok "still alive after a fatal EXCEPTION"
}

guest_crashed() {
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	kc_check "without kdump, one oops is one event" \
		test "$(printf '%s\n' "$out" | grep -c '^event #')" = 1
	kc_grep "... the die notifier's, with the oops message" \
		"^event #0: oops — .*NULL pointer dereference|^event #0: oops — Oops" "$out"
	kc_grep "... and its backtrace" "^  at kcrumbs_null_deref\+0x" "$out"
	kc_grep "last-boot: crashed: oops in the function that crashed" \
		"crashed: oops .* in kcrumbs_null_deref\+0x" "$(kcrumbs last-boot 2>&1)"
}
