# An NMI injected from the host (QEMU monitor "nmi") with
# kernel.unknown_nmi_panic=1 panics the guest into the capture kernel.
DESC="host-injected unknown NMI panics into the capture kernel"
TIMEOUT=120
PHASES="first capture"

host_action() { kc_nmi_at_mark "$1" "$2" nmi; }

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	kc_check "unknown_nmi_panic set" sysctl -w kernel.unknown_nmi_panic=1
	kc_marker nmi
	sleep 60
	kc_not_ok "no NMI arrived within 60 s"
}

guest_capture() {
	log=$(vmcore-dmesg /proc/vmcore 2>&1)
	kc_grep "the crashed kernel saw an unknown NMI" \
		"Uhhuh. NMI received for unknown reason" "$log"
	kc_grep "and panicked on it" \
		"Kernel panic - not syncing: NMI: Not continuing" "$log"
	kc_read_has "^event #[0-9]+: nmi_unknown" \
		"recorded by the nmi hook, in NMI" \
		"state crashed"
	kc_read_events 1
}
