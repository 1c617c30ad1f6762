# kdump-tools boots the capture kernel on the real root filesystem, where
# modules-load.d loads kcrumbs with the production options: in a capture
# kernel the module must leave the crashed kernel's reserved region
# exactly as found (read-only in /sys/kernel/kcrumbs/previous), take
# kcrumbs.region= on its command line without a warning, and record into
# memory of its own. After the capture kernel reboots, last-boot still
# says crashed, with the cause.
# With crash_kexec_post_notifiers=Y (Hyper-V forces it) the panic notifier
# records first and __crash_kexec after it: still one event, with its
# message.
DESC="the capture kernel loads kcrumbs with the production options and keeps the crashed kernel's region; post_notifiers: one event"
TIMEOUT=240
PHASES="first capture after"
REBOOT=1
APPEND='memmap=1M$0x30000000'
PROD="mem_address=0x30000000 mem_size=0x100000"

guest_phase() {
	# shellcheck disable=SC2086
	kc_reserved_phase $PROD
}

guest_first() {
	kc_check "module loaded in reserved mode" grep -qx reserved /sys/kernel/kcrumbs/mode
	kc_check "a mark before the crash" kcrumbs mark --tag before "the mark before the crash"
	echo Y >/sys/module/kernel/parameters/crash_kexec_post_notifiers
	kc_check "crash_kexec_post_notifiers=Y" \
		grep -qx Y /sys/module/kernel/parameters/crash_kexec_post_notifiers
	kc_arm_kdump || return
	kc_marker crash
	echo c >/proc/sysrq-trigger
	kc_not_ok "still alive after sysrq-c"
}

guest_capture() {
	kc_grep "the capture kernel's command line names the region" \
		"kcrumbs.region=[0-9]+@0x30000000" "$(cat /proc/cmdline)"
	# shellcheck disable=SC2086
	kc_check "the capture kernel loads kcrumbs with the production options" \
		insmod /lib/modules/kcrumbs.ko $PROD
	log=$(dmesg)
	kc_check "... with no warning about kcrumbs.region=" \
		sh -c '! dmesg | grep -q "unknown parameter"'
	kc_grep "... leaving the crashed kernel's region as found" \
		"kcrumbs: capture kernel: the region at 0x0*30000000 is left as found" "$log"
	kc_check "... recording into memory of its own" grep -qx dynamic /sys/kernel/kcrumbs/mode
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	kc_grep "read --previous: the sysrq crash" "^event #0: sysrq — sysrq triggered crash" "$out"
	kc_grep "... recorded by the panic notifier (post_notifiers: it runs first)" \
		"recorded by the panic hook" "$out"
	kc_check "... one event, not two" test "$(printf '%s\n' "$out" | grep -c '^event #')" = 1
	kc_grep "... with its backtrace" "^    sysrq_handle_crash\+0x" "$out"
	kc_grep "... its snapshot and log tail, naming it" "^log tail #2 \\(event #0" "$out"
	kc_grep "... the mark from before the crash" "the mark before the crash" "$out"
	kc_grep "last-boot in the capture kernel: crashed, sysrq" \
		"crashed: sysrq \(sysrq triggered crash\)" "$(kcrumbs last-boot 2>&1)"
	printf '%s\n' "$out" | sed 's/^/KCDEMO:   /'
	kc_check "rmmod kcrumbs in the capture kernel" rmmod kcrumbs
	kc_marker reboot
	reboot -f
	sleep 30
	kc_not_ok "still alive after reboot -f"
}

guest_after() {
	out=$(kcrumbs last-boot 2>&1)
	kc_grep "after the capture kernel rebooted, last-boot still says crashed: sysrq" \
		"crashed: sysrq \(sysrq triggered crash\)" "$out"
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	kc_check "... and read --previous shows its one event" \
		test "$(printf '%s\n' "$out" | grep -c '^event #0: sysrq')" = 1
}
