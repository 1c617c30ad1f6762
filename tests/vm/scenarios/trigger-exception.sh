# kcrumbs trigger EXCEPTION with panic_on_oops=1: a NULL write, an oops, a panic.
# With kdump loaded, oops_end() calls crash_kexec() before panic("Fatal
# exception"): the log ends at the oops, with no "Kernel panic" line.
DESC="trigger EXCEPTION (panic_on_oops=1) is captured; the log shows the NULL dereference"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with EXCEPTION kernel.panic_on_oops=1; }
guest_capture() {
	kc_vmcore_log_has "BUG: kernel NULL pointer dereference, address: 0+" \
		"Oops: 0002 \[#1\]" \
		"RIP: 0010:kcrumbs_null_deref"
	kc_read_has "^event #[0-9]+: oops — BUG: kernel NULL pointer dereference, address: 0+$" \
		"recorded by the die hook" \
		"^  at kcrumbs_null_deref\\+0x" \
		"^    crash_thread\\+0x"
	kc_read_events 1
	kc_culprit_is "kcrumbs_null_deref|kcrumbs_EXCEPTION"
}
