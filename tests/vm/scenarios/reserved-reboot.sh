# Reserved mode: the region lives in memory the kernel does not hand out
# (memmap=1M$0x30000000), so it survives a warm reboot. A panic with no
# crash kernel (panic=1: reboot at once) is read after the reboot with
# `kcrumbs read --previous` and `kcrumbs last-boot`; a clean reboot then
# reads "clean"; a hard reset from the host (QEMU system_reset: no
# notifier runs) reads "vanished". QEMU keeps guest RAM across resets.
DESC="reserved mode: a panic is read after the warm reboot; then clean, then vanished after a hard reset"
TIMEOUT=200
PHASES="first crashed clean vanished"
REBOOT=1
APPEND='memmap=1M$0x30000000 panic=1'

guest_phase() {
	insmod /lib/modules/kcrumbs.ko mem_address=0x30000000 mem_size=0x100000 \
		>/tmp/insmod.log 2>&1
	if [ ! -e /sys/kernel/kcrumbs/previous ]; then
		echo first
	else
		kcrumbs --json last-boot | sed -n 's/.*"fate":"\([a-z]*\)".*/\1/p'
	fi
}

host_action() {
	kc_wait_mark "$1" reset 180 || return 1
	sleep 2
	kc_monitor "$2" system_reset
}

guest_first() {
	kc_insmod_trigger
	kc_check "module loaded in reserved mode" grep -qx reserved /sys/kernel/kcrumbs/mode
	kc_grep "region at the reserved address" "@0x30000000$" "$(cat /sys/kernel/kcrumbs/region)"
	kc_check_exit "no previous record on the first boot (exit 6)" 6 kcrumbs read --previous
	kc_check_exit "last-boot says so too (exit 6)" 6 kcrumbs last-boot
	kc_marker crash
	# no crash kernel: --force; panic=1 reboots at once, RAM kept
	kcrumbs trigger PANIC --yes --force
	sleep 60
	kc_not_ok "still alive after PANIC"
}

guest_crashed() {
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	kc_grep "read --previous finds the panic" \
		"^event #[0-9]+: panic — kcrumbs: PANIC trigger" "$out"
	# no crash kernel loaded, yet panic() still calls __crash_kexec(),
	# which returns at once: the kprobe records first even here
	kc_grep "... recorded at __crash_kexec, kdump or not" \
		"recorded by the crash_kexec hook" "$out"
	kc_grep "... with its backtrace" "^    kcrumbs_PANIC\+0x" "$out"
	kc_grep "... and the log tail" "kcrumbs_trigger: trigger PANIC" "$out"
	kc_grep "... and the state" "state crashed" "$out"
	out=$(kcrumbs last-boot)
	kc_grep "last-boot: crashed, cause, function, task" \
		"crashed: panic \(kcrumbs: PANIC trigger\) in kcrumbs_PANIC\+0x[0-9a-f]+/0x[0-9a-f]+ \[kcrumbs_trigger\] on CPU 0, task kcrumbs-crash" "$out"
	out=$(kcrumbs --json last-boot)
	kc_grep "last-boot --json" '"fate":"crashed",.*"cause":"panic"' "$out"
	kc_marker reboot
	reboot -f
	sleep 30
	kc_not_ok "still alive after reboot -f"
}

guest_clean() {
	out=$(kcrumbs last-boot)
	kc_grep "after a clean reboot, last-boot says clean" \
		"previous boot \(.*\): shut down cleanly" "$out"
	kc_check_exit "read --previous finds no breadcrumbs (exit 6)" 6 kcrumbs read --previous
	kc_marker reset
	sleep 60
	kc_not_ok "no hard reset from the host within 60 s"
}

guest_vanished() {
	out=$(kcrumbs last-boot)
	kc_grep "after a hard reset, last-boot says it vanished" \
		"ended without a trace: power loss, a hard reset" "$out"
	out=$(kcrumbs --json last-boot)
	kc_grep "last-boot --json: vanished" '"fate":"vanished"' "$out"
}
