# kcrumbs trigger BUG_IN_SOFTIRQ: BUG() in a timer callback (softirq). An
# oops in interrupt context is always fatal ("Fatal exception in
# interrupt" without kdump); with kdump loaded oops_end() calls
# crash_kexec() first, so the log ends at the oops.
DESC="trigger BUG_IN_SOFTIRQ is captured with panic_on_oops=0: BUG() in a timer is fatal"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with BUG_IN_SOFTIRQ kernel.panic_on_oops=0; }
guest_capture() {
	kc_vmcore_log_has "kernel BUG at .*trigger_bugs.c" \
		"invalid opcode: 0000 \[#1\]" \
		"RIP: 0010:bug_timer_fn" \
		"<IRQ>" \
		"call_timer_fn"
	kc_read_has "^event #[0-9]+: oops — kernel BUG at .*trigger_bugs.c:[0-9]+!" \
		"recorded by the die hook, in interrupt in [0-9]+ ns" \
		"^  at bug_timer_fn\\+0x" \
		"^    call_timer_fn\\+0x"
	kc_grep "JSON: in interrupt, a softirq, not a hard one" \
		'"hook":"die","in_nmi":false,"in_irq":true,"in_hardirq":false,' "$(kcrumbs --json read)"
	kc_read_events 1
	kc_culprit_is "bug_timer_fn"
}
