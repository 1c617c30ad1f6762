# kcrumbs trigger HUNG_TASK: the hung task detector sees the D-state thread
# and, with hung_task_panic=1, panics into kdump.
DESC="trigger HUNG_TASK (hung_task_panic=1, timeout 2 s) is captured"
TIMEOUT=150
PHASES="first capture"
guest_first() {
	kc_crash_with HUNG_TASK kernel.hung_task_timeout_secs=2 kernel.hung_task_panic=1
}
guest_capture() {
	kc_vmcore_log_has "INFO: task kcrumbs-crash:[0-9]+ blocked for more than [0-9]+ seconds" \
		"kcrumbs_HUNG_TASK" \
		"Kernel panic - not syncing: hung_task: blocked tasks"
	# the hung task's warning (sched_process_hang) is the crash's event:
	# the hung task's name and stack, not khungtaskd's
	kc_read_has "^event #[0-9]+: hung_task — INFO: task kcrumbs-crash:[0-9]+ blocked" \
		"pid [0-9]+ \\(kcrumbs-crash\\)" \
		"recorded by the tracepoint hook" \
		"^    kcrumbs_HUNG_TASK\\+0x"
	kc_check "... one event: the panic joined the warning" \
		test "$(kcrumbs read --log-lines 0 | grep -c '^event #')" = 1
	kc_culprit_is "kcrumbs_HUNG_TASK"
}
