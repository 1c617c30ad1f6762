# kcrumbs trigger SOFTLOCKUP: the soft lockup detector sees the spinning CPU
# and, with softlockup_panic=1, panics into kdump.
DESC="trigger SOFTLOCKUP (softlockup_panic=1, watchdog_thresh=1) is captured"
TIMEOUT=150
PHASES="first capture"
guest_first() {
	kc_crash_with SOFTLOCKUP kernel.watchdog_thresh=1 kernel.softlockup_panic=1
}
guest_capture() {
	kc_vmcore_log_has "watchdog: BUG: soft lockup - CPU#0 stuck for [0-9]+s! \[kcrumbs-crash" \
		"kcrumbs_SOFTLOCKUP" \
		"Kernel panic - not syncing: softlockup: hung tasks"
	# the soft lockup's report line (the add_taint probe) is the crash's
	# event; the panic right after it joins it
	kc_read_has "^event #[0-9]+: soft_lockup — (watchdog: )?BUG: soft lockup - CPU#[0-9]+ stuck for [0-9]+s!" \
		"recorded by the taint hook" \
		"^    watchdog_timer_fn(\\.cold)?\\+0x" \
		"^    kcrumbs_SOFTLOCKUP\\+0x"
	kc_culprit_is "kcrumbs_SOFTLOCKUP"
}
