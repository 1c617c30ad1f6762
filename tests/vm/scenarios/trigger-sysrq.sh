# kcrumbs trigger sysrq-c: needs no module; the kernel's own sysrq crash.
DESC="trigger sysrq-c works without the module and is captured"
TIMEOUT=150
PHASES="first capture"
guest_first() {
	kc_arm_kdump || return
	kc_check "module not loaded" test ! -e /sys/module/kcrumbs
	kc_check "trigger module not loaded" test ! -e /sys/module/kcrumbs_trigger
	out=$(kcrumbs trigger --list 2>&1)
	kc_grep "--list without the module offers sysrq-c" "^sysrq-c " "$out"
	kc_grep "--list without the module says so, naming it" \
		"the trigger module is not loaded: modprobe kcrumbs_trigger" "$out"
	kc_marker crash
	kcrumbs trigger sysrq-c --yes
	sleep 30
	kc_not_ok "still alive after trigger sysrq-c"
}
guest_capture() {
	kc_vmcore_log_has "Kernel panic - not syncing: sysrq triggered crash"
	# no module, no region: a scan of the whole dump finds nothing
	kc_check_exit "kcrumbs read without a region exits 6 (none found)" 6 kcrumbs read
	out=$(kcrumbs read 2>&1)
	kc_grep "... and says why" "no kcrumbs region found in the dump" "$out"
}
