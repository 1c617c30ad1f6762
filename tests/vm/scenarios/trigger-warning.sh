# kcrumbs trigger WARNING with panic_on_warn=1: the warning panics.
DESC="trigger WARNING (panic_on_warn=1) is captured; the log shows the warning and the panic"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with WARNING kernel.panic_on_warn=1; }
guest_capture() {
	kc_vmcore_log_has "$(kc_warn_re kcrumbs_WARNING)" \
		"kcrumbs: WARNING trigger" \
		"Kernel panic - not syncing: .*panic_on_warn set"
	kc_read_has "^event #[0-9]+: warn — .*panic_on_warn set" \
		"^    kcrumbs_WARNING\\+0x"
	kc_culprit_is "kcrumbs_WARNING"
}
