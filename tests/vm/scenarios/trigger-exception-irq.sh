# kcrumbs trigger EXCEPTION_IN_IRQ: an oops in a timer softirq is always fatal.
# With kdump loaded, oops_end() calls crash_kexec() before panic("Fatal
# exception"): the log ends at the oops, with no "Kernel panic" line.
DESC="trigger EXCEPTION_IN_IRQ is captured with the default policy: fatal exception in interrupt"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with EXCEPTION_IN_IRQ kernel.panic_on_oops=0; }
guest_capture() {
	kc_vmcore_log_has "BUG: kernel NULL pointer dereference" \
		"Oops: 0002 \[#1\]" \
		"RIP: 0010:kcrumbs_null_deref" \
		"<IRQ>" \
		"call_timer_fn"
	kc_read_has "^event #[0-9]+: oops — BUG: kernel NULL pointer dereference, address: 0+$" \
		"recorded by the die hook, in interrupt" \
		"^  at kcrumbs_null_deref\\+0x" \
		"^    call_timer_fn\\+0x"
	kc_culprit_is "kcrumbs_null_deref|irq_timer_fn"
}
