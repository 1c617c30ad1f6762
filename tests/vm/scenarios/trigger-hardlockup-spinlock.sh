# kcrumbs trigger HARDLOCKUP_SPINLOCK: a spinlock taken with interrupts
# off, then taken again on the same CPU: it spins in the lock's slow path
# for good, a hard lockup only the NMI watchdog can see. QEMU's TCG has
# no CPU PMU, so no perf NMI watchdog (see trigger-hardlockup): the test
# checks that trigger --list says so, then does what the watchdog would
# do: the host sends an NMI to the stuck CPU, and with
# kernel.unknown_nmi_panic=1 the kernel panics from NMI context into kdump,
# the lock's slow path and kcrumbs_HARDLOCKUP_SPINLOCK() on the stack.
DESC="trigger HARDLOCKUP_SPINLOCK: a self-deadlocked spinlock with interrupts off; an injected NMI reaches it"
TIMEOUT=150
PHASES="first capture"

host_action() { kc_nmi_at_mark "$1" "$2" crash; }

guest_first() {
	log=$(dmesg)
	kc_grep "the perf NMI watchdog is unavailable in this VM" \
		"NMI watchdog: Perf NMI watchdog permanently disabled" "$log"
	kc_insmod
	out=$(kcrumbs trigger --list 2>&1)
	printf '%s\n' "$out" | grep -A1 "^HARDLOCKUP_SPINLOCK " |
		grep -q "hard lockup detector cannot see it.*\[hang: kernel.hardlockup_panic\]" &&
		kc_ok "trigger --list says the hard lockup detector cannot see HARDLOCKUP_SPINLOCK" ||
		kc_not_ok "trigger --list says the hard lockup detector cannot see HARDLOCKUP_SPINLOCK"
	kc_arm_kdump || return
	kc_check "sysctl kernel.unknown_nmi_panic=1" sysctl -w kernel.unknown_nmi_panic=1
	kc_marker crash
	kcrumbs trigger HARDLOCKUP_SPINLOCK --yes
	sleep 90
	kc_not_ok "still alive 90 s after triggering HARDLOCKUP_SPINLOCK"
}

guest_capture() {
	kc_vmcore_log_has "kcrumbs_trigger: trigger HARDLOCKUP_SPINLOCK" \
		"Uhhuh. NMI received for unknown reason" \
		"queued_spin_lock_slowpath" \
		"kcrumbs_HARDLOCKUP_SPINLOCK" \
		"Kernel panic - not syncing: NMI: Not continuing"
	kc_read_has "^event #[0-9]+: nmi_unknown" \
		"recorded by the nmi hook, in NMI" \
		"^  at [a-z_]*queued_spin_lock_slowpath\\+0x" \
		"^    kcrumbs_HARDLOCKUP_SPINLOCK\\+0x"
	kc_read_events 1
	kc_culprit_is "kcrumbs_HARDLOCKUP_SPINLOCK|native_queued_spin_lock_slowpath|_raw_spin_lock"
}
