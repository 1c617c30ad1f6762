# The __crash_kexec kprobe can be disarmed behind kcrumbs' back (every
# kprobe at once: debugfs kprobes/enabled = 0) or fail to register (a
# kernel that renamed or inlined the function): status and check say so,
# never "armed", and the module still loads with its other hooks.
DESC="a disarmed or unregistrable kprobe is shown as not armed by status and check; the module loads without it"
TIMEOUT=90
PHASES="first"

guest_first() {
	kc_check "insmod kcrumbs.ko" insmod /lib/modules/kcrumbs.ko
	out=$(kcrumbs status)
	kc_grep "status: every hook armed" "^hooks: +die, crash_kexec, panic, nmi, tracepoint, taint, mce$" "$out"
	kc_grep "status: the recorder's counters" "^recorder: +0 probe hits missed, 0 unknown NMIs seen" "$out"
	sed 's/^/KCDEMO: kprobes\/list: /' /sys/kernel/debug/kprobes/list
	kc_grep "check: the probe is armed" "^ok +crash_kexec probe: armed" "$(kcrumbs check)"

	echo 0 >/sys/kernel/debug/kprobes/enabled
	out=$(kcrumbs status)
	kc_grep "kprobes disarmed: status no longer lists the probes" "^hooks: +die, panic, nmi, tracepoint$" "$out"
	kc_grep "... and says why" "^NOT ARMED: +crash_kexec, taint, mce \(every kprobe is disarmed" "$out"
	kc_grep "... in JSON too" '"hooks_not_armed":\["crash_kexec","taint","mce"\],"kprobes_disarmed":true' \
		"$(kcrumbs --json status)"
	kc_grep "check warns, with the fix" \
		"^warn +crash_kexec probe: every kprobe is disarmed" "$(kcrumbs check)"
	echo 1 >/sys/kernel/debug/kprobes/enabled
	kc_grep "re-armed: listed again" "^hooks: +die, crash_kexec, panic, nmi, tracepoint, taint, mce$" "$(kcrumbs status)"
	rmmod kcrumbs

	dmesg -c >/dev/null
	kc_check "a probe that cannot be placed: the module still loads" \
		insmod /lib/modules/kcrumbs.ko crash_kexec_symbol=kcrumbs_no_such_function
	kc_grep "... saying so in dmesg" \
		"kcrumbs: cannot probe kcrumbs_no_such_function \(-[0-9]+\): panics under kdump go unrecorded" "$(dmesg)"
	out=$(kcrumbs status)
	kc_grep "status: the other hooks are armed" "^hooks: +die, panic, nmi, tracepoint, taint, mce$" "$out"
	kc_grep "status: the probe is not" "^NOT ARMED: +crash_kexec \(see dmesg" "$out"
	kc_grep "check: not registered" "^warn +crash_kexec probe: not registered" "$(kcrumbs check)"
	rmmod kcrumbs
}
