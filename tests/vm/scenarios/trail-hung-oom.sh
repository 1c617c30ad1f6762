# The trail (issue 15), the other kinds: a hung task the kernel reports and
# lives through (sched_process_hang: the hung task's name and stack), an
# OOM kill (mark_victim: the allocation that ran out), then a sysrq crash.
DESC="a survived hung task and OOM kill are trail events with their own task and stack; the sysrq crash after them is the crash"
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
	# the OOM killer's victim: a process holding memory that asks to be it
	# (busybox tail keeps a line without newline whole); not this shell
	echo -1000 >/proc/$$/oom_score_adj
	head -c 300m /dev/zero | tail >/dev/null &
	victim=$!
	echo 1000 >/proc/$victim/oom_score_adj
	sleep 3
	kc_check "trigger OOM (panic_on_oom=0)" kcrumbs trigger OOM --yes
	i=0
	while [ $i -lt 40 ] && kill -0 $victim 2>/dev/null; do
		sleep 1
		i=$((i + 1))
	done
	kc_grep "the OOM killer killed the memory hog" "Killed process $victim \\(tail\\)" "$(dmesg)"
	out=$(kcrumbs read --log-lines 0 --region /sys/kernel/kcrumbs/live 2>&1)
	kc_grep "an oom_kill event naming its victim" \
		"^event #[0-9]+: oom_kill — Out of memory: killed process $victim \\(tail\\)" "$out"
	kc_grep "... with the allocation that ran out" "^    kcrumbs_OOM\\+0x" "$out"
	kc_grep "... and the boot is still running" "state running" "$out"
	kc_marker crash
	echo c >/proc/sysrq-trigger
	sleep 60
	kc_not_ok "still alive 60 s after sysrq-c"
}

guest_capture() {
	out=$(kcrumbs read --log-lines 0 2>&1)
	printf '%s\n' "$out" | sed 's/^/KCDOC read-trail-hung-oom: /'
	ev=$(printf '%s\n' "$out" | grep '^event #' | sed 's/^event #[0-9]*: //')
	kc_grep "three events: hung_task, oom_kill, sysrq, in that order" \
		"^hung_task .*oom_kill .*sysrq " "$(printf '%s\n' "$ev" | cut -d' ' -f1 | tr '\n' ' ')"
	json=$(kcrumbs --json read --log-lines 0 2>&1)
	kc_grep "JSON: the crash is the sysrq, the others the trail" \
		'"cause":"hung_task".*"trail":true.*"cause":"oom_kill".*"trail":true.*"cause":"sysrq".*"trail":false' \
		"$json"
	kc_grep "the snapshot counts a hung task and an OOM kill" \
		"hung tasks? 1.*OOM kills? 1|OOM kills? 1.*hung tasks? 1" "$(printf '%s\n' "$out" | tr '\n' ' ')"
}
