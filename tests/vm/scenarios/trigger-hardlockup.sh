# kcrumbs trigger HARDLOCKUP: the only CPU spins with interrupts off.
# The hard lockup detector needs the perf NMI watchdog, which needs a CPU
# PMU; QEMU's TCG emulates none ("Perf NMI watchdog permanently disabled"),
# so the kernel cannot see this lockup by itself here. The test shows that,
# then does what the NMI watchdog would do: an NMI reaches the stuck CPU
# (from the host, QEMU monitor "nmi"), and with kernel.unknown_nmi_panic=1
# the kernel panics from NMI context into kdump, the stuck function on the
# stack. (With 2 TCG vCPUs the stuck one starves the other: no RCU stall
# report either, measured.)
DESC="trigger HARDLOCKUP: no NMI watchdog under TCG; an injected NMI reaches the stuck CPU"
TIMEOUT=150
PHASES="first capture"

host_action() { kc_nmi_at_mark "$1" "$2" crash; }

guest_first() {
	log=$(dmesg)
	kc_grep "the perf NMI watchdog is unavailable in this VM" \
		"NMI watchdog: Perf NMI watchdog permanently disabled" "$log"
	kc_insmod
	out=$(kcrumbs trigger --list 2>&1)
	kc_grep "trigger --list says the hard lockup detector cannot see it" \
		"hard lockup detector cannot see it" "$out"
	kc_arm_kdump || return
	kc_check "sysctl kernel.unknown_nmi_panic=1" sysctl -w kernel.unknown_nmi_panic=1
	kc_marker crash
	kcrumbs trigger HARDLOCKUP --yes
	sleep 90
	kc_not_ok "still alive 90 s after triggering HARDLOCKUP"
}

guest_capture() {
	kc_vmcore_log_has "kcrumbs_trigger: trigger HARDLOCKUP" \
		"Uhhuh. NMI received for unknown reason" \
		"kcrumbs_HARDLOCKUP" \
		"Kernel panic - not syncing: NMI: Not continuing"
	kc_read_has "^event #[0-9]+: nmi_unknown" \
		"recorded by the nmi hook, in NMI" \
		"^  at kcrumbs_HARDLOCKUP\\+0x"
	kc_read_events 1
	kc_culprit_is "kcrumbs_HARDLOCKUP"
}
