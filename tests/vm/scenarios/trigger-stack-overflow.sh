# kcrumbs trigger STACK_OVERFLOW: recursion runs the kernel thread's stack
# into its vmap guard page. The CPU cannot push the page fault's frame
# there and raises a double fault; the #DF handler (on its own IST stack)
# sees the guard page, says so and dies with "stack guard page". With kdump
# loaded oops_end() goes to crash_kexec() before any panic line.
DESC="trigger STACK_OVERFLOW is captured: a stack guard page hit through the double fault"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with STACK_OVERFLOW kernel.panic_on_oops=0; }
guest_capture() {
	kc_vmcore_log_has "BUG: TASK stack guard page was hit at" \
		"stack guard page: 0000 \[#1\]" \
		"overflow_stack"
	kc_read_has "^event #[0-9]+: stack_overflow — BUG: TASK stack guard page was hit at" \
		"recorded by the die hook" \
		"overflow_stack\\+0x"
	kc_read_events 1
	kc_culprit_is "overflow_stack"
}
