# kernel.warn_limit=1: the first WARN panics ("system warned too often"),
# a cause of its own (issue 15), not a plain panic.
DESC="trigger WARNING with kernel.warn_limit=1 is captured with cause warn_limit"
TIMEOUT=150
PHASES="first capture"
guest_first() {
	kc_insmod
	kc_arm_kdump || return
	kc_check "sysctl" sysctl -w kernel.panic_on_warn=0 kernel.warn_limit=1
	kc_marker crash
	kcrumbs trigger WARNING --yes
	sleep 30
	kc_not_ok "still alive 30 s after the WARN"
}
guest_capture() {
	kc_vmcore_log_has "Kernel panic - not syncing: .*warned too often \\(kernel.warn_limit is 1\\)"
	kc_read_has "^event #[0-9]+: warn_limit — .*warned too often" \
		"title: panic: warn_limit reached"
}
