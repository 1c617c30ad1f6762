# kcrumbs trigger OOM with vm.panic_on_oom=1: the first OOM panics.
DESC="trigger OOM (panic_on_oom=1) is captured: out of memory, system-wide panic"
TIMEOUT=180
PHASES="first capture"
guest_first() { kc_crash_with OOM vm.panic_on_oom=1; }
guest_capture() {
	kc_vmcore_log_has "invoked oom-killer" \
		"kcrumbs_OOM" \
		"Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled"
	kc_read_has "^event #[0-9]+: oom — Out of memory" \
		"^    out_of_memory(\\.cold)?\\+0x" \
		"^    kcrumbs_OOM\\+0x"
	kc_culprit_is "kcrumbs_OOM"
}
