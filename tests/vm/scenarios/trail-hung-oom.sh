# The trail (issue 15), the other kinds: a hung task the kernel reports and
# lives through (sched_process_hang: the hung task's name and stack), an
# OOM kill (mark_victim: the allocation that ran out), then out of memory
# with nothing left to kill: the crash, cause oom_deadlock.
DESC="a survived hung task and OOM kill are trail events with their own task and stack; the OOM deadlock after them is the crash"
TIMEOUT=200
PHASES="first capture"

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	sysctl -qw kernel.hung_task_timeout_secs=2 kernel.hung_task_panic=0 \
		vm.panic_on_oom=0
	kc_check "trigger HUNG_TASK_BRIEF (hung_task_panic=0)" \
		kcrumbs trigger HUNG_TASK_BRIEF --yes
	sleep 12
	kc_grep "the kernel reported the hung task" "blocked for more than" "$(dmesg)"
	out=$(kcrumbs read --log-lines 0 --region /sys/kernel/kcrumbs/live 2>&1)
	kc_grep "a hung_task event, about the hung task" \
		"^event #[0-9]+: hung_task — INFO: task kcrumbs-crash:[0-9]+ blocked" "$out"
	kc_grep "... its pid and name, not khungtaskd's" "pid [0-9]+ \\(kcrumbs-crash\\)" "$out"
	kc_grep "... its own stack" "^    kcrumbs_HUNG_TASK_BRIEF\\+0x" "$out"
	# the OOM killer's one victim: a sleeper that asks to be it (this
	# shell may not be). Killing it frees nothing; the trigger, a kernel
	# thread, goes on allocating and the next OOM finds nothing to kill:
	# "System is deadlocked on memory" is the crash.
	echo -1000 >/proc/$$/oom_score_adj
	sleep 1000 &
	victim=$!
	echo 1000 >/proc/$victim/oom_score_adj
	echo "$victim" >/tmp/victim
	kc_marker crash
	kcrumbs trigger OOM --yes
	sleep 60
	kc_not_ok "still alive 60 s after OOM with nothing left to kill"
}

guest_capture() {
	out=$(kcrumbs read --log-lines 0 2>&1)
	printf '%s\n' "$out" | sed 's/^/KCDOC read-trail-hung-oom: /'
	kc_vmcore_log_has "Out of memory: Killed process [0-9]+ \\(sleep\\)" \
		"Kernel panic - not syncing: System is deadlocked on memory"
	ev=$(printf '%s\n' "$out" | grep '^event #' | sed 's/^event #[0-9]*: //')
	kc_grep "three events: hung_task, oom_kill, oom_deadlock, in that order" \
		"^hung_task oom_kill oom_deadlock $" "$(printf '%s\n' "$ev" | cut -d' ' -f1 | tr '\n' ' ')"
	kc_grep "an oom_kill event naming its victim" \
		"^event #[0-9]+: oom_kill — Out of memory: killed process [0-9]+ \\(sleep\\)" "$out"
	kc_grep "... its title: the allocation that ran out, in the trigger" \
		"title: out of memory: OOM kill in kcrumbs_OOM " "$out"
	kc_grep "the crash: out of memory with nothing to kill" \
		"^event #[0-9]+: oom_deadlock — System is deadlocked on memory" "$out"
	json=$(kcrumbs --json read --log-lines 0 2>&1)
	kc_grep "JSON: the crash is the OOM deadlock, the others the trail" \
		'"cause":"hung_task".*"trail":true.*"cause":"oom_kill".*"trail":true.*"cause":"oom_deadlock".*"trail":false' \
		"$json"
	kc_grep "the snapshot counts the hung task reports and an OOM kill" \
		"hung tasks [1-9][0-9]*, RCU stalls 0, OOM kills 1" "$out"
}
