# kcrumbs trigger PANIC_IN_HARDIRQ: panic() from a hard interrupt, the
# IRQ_WORK self-interrupt (an irq_work made IRQ_WORK_INIT_HARD).
DESC="trigger PANIC_IN_HARDIRQ is captured: panic() in hard interrupt context"
TIMEOUT=150
PHASES="first capture"
guest_first() { kc_crash_with PANIC_IN_HARDIRQ; }
guest_capture() {
	kc_vmcore_log_has "Kernel panic - not syncing: kcrumbs: PANIC_IN_HARDIRQ trigger" \
		"hardirq_panic_fn" \
		"<IRQ>" \
		"irq_work"
	kc_read_has "^event #[0-9]+: panic — kcrumbs: PANIC_IN_HARDIRQ trigger" \
		"recorded by the crash_kexec hook, in hard interrupt" \
		"hardirq_panic_fn\\+0x"
	kc_grep "JSON: the event was recorded in a hard interrupt" \
		'"hook":"crash_kexec","in_nmi":false,"in_irq":true,"in_hardirq":true,' "$(kcrumbs --json read)"
	kc_read_events 1
	kc_culprit_is "hardirq_panic_fn"
}
