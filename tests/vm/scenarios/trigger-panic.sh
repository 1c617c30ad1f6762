# kcrumbs trigger PANIC: panic() from a kernel thread, captured by kdump.
DESC="trigger PANIC is captured; the vmcore log shows the kcrumbs panic"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with PANIC; }
guest_capture() {
	kc_vmcore_log_has "kcrumbs_trigger: trigger PANIC: calls panic" \
		"Kernel panic - not syncing: kcrumbs: PANIC trigger" \
		"Comm: kcrumbs-crash"
	kc_read_has "^event #[0-9]+: panic — kcrumbs: PANIC trigger" \
		"pid [0-9]+ \\(kcrumbs-crash\\)" \
		"recorded by the crash_kexec hook" \
		"^    kcrumbs_PANIC\\+0x"
	kc_read_events 1
	kc_culprit_is "kcrumbs_PANIC"
}
