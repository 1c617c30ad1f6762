# kcrumbs trigger BUG with panic_on_oops=1: the oops panics into kdump.
# With kdump loaded, oops_end() calls crash_kexec() before panic("Fatal
# exception"): the log ends at the oops, with no "Kernel panic" line.
DESC="trigger BUG (panic_on_oops=1) is captured; the log shows the BUG and the fatal exception"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with BUG kernel.panic_on_oops=1; }
guest_capture() {
	kc_vmcore_log_has "kernel BUG at .*trigger_bugs.c" \
		"invalid opcode: 0000 \[#1\]" \
		"RIP: 0010:kcrumbs_BUG"
	kc_read_has "^event #[0-9]+: oops — kernel BUG at .*trigger_bugs.c:[0-9]+!" \
		"recorded by the die hook" \
		"^  at kcrumbs_BUG\\+0x"
	kc_read_events 1
	kc_culprit_is "kcrumbs_BUG"
}
