# kcrumbs trigger CORRUPT_STACK: the stack protector catches the smashed canary.
DESC="trigger CORRUPT_STACK is captured: the stack protector panics"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with CORRUPT_STACK; }
guest_capture() {
	kc_vmcore_log_has \
		"Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: kcrumbs_CORRUPT_STACK"
	kc_read_has "^event #[0-9]+: stack_corrupt — stack-protector: Kernel stack is corrupted in: kcrumbs_CORRUPT_STACK" \
		"^    __stack_chk_fail\\+0x"
	kc_culprit_is "kcrumbs_CORRUPT_STACK"
}
