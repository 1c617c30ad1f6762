# panic_on_taint=0x200 (W) on the command line: the first WARN panics in
# add_taint(). The WARN is seen first (the add_taint probe: a trail event),
# then the panic, cause panic_on_taint (issue 15).
DESC="a WARN with panic_on_taint=0x200 is captured with cause panic_on_taint, the WARN before it"
TIMEOUT=150
PHASES="first capture"
APPEND="panic_on_taint=0x200"
guest_first() {
	kc_insmod
	kc_arm_kdump || return
	kc_check "sysctl" sysctl -w kernel.panic_on_warn=0
	kc_marker crash
	kcrumbs trigger WARNING --yes
	sleep 30
	kc_not_ok "still alive 30 s after the WARN"
}
guest_capture() {
	kc_vmcore_log_has "Kernel panic - not syncing: panic_on_taint set"
	kc_read_has "^event #[0-9]+: warn — $(kc_warn_re kcrumbs_WARNING)" \
		"^event #[0-9]+: panic_on_taint — panic_on_taint set"
}
