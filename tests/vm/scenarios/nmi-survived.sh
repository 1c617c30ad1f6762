# An NMI the kernel survives (kernel.unknown_nmi_panic=0: "Dazed and
# confused, but trying to continue") leaves its own breadcrumb; a sysrq
# crash seconds later on the same CPU is a different crash and gets its
# own event: the final hook must not lump it with the NMI.
DESC="a survived NMI and a later sysrq crash: two events, each with its cause"
TIMEOUT=150
PHASES="first capture"

host_action() { kc_nmi_at_mark "$1" "$2" nmi; }

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	sysctl -qw kernel.unknown_nmi_panic=0
	kc_marker nmi
	sleep 6
	kc_grep "the kernel survived the NMI" "Dazed and confused, but trying to continue" "$(dmesg)"
	kc_marker crash
	echo c >/proc/sysrq-trigger
}

guest_capture() {
	kc_read_has "^event #0: nmi_unknown" \
		"recorded by the nmi hook, in NMI" \
		"^event #[0-9]+: sysrq — sysrq triggered crash" \
		"^    sysrq_handle_crash\\+0x" \
		"^log tail #[0-9]+ \\(event #[1-9]"
	kc_read_events 2
}
