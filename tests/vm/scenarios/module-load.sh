# The module loads, answers over netlink, and unloads cleanly.
DESC="kcrumbs.ko loads, answers status over netlink, unloads cleanly"
TIMEOUT=90
PHASES="first"

guest_first() {
	kc_insmod
	kc_check "module listed in /sys/module" test -d /sys/module/kcrumbs
	out=$(kcrumbs status 2>&1)
	kc_grep "kcrumbs status reports the module loaded" \
		"^module: +loaded, version [0-9]" "$out"
	kc_check_exit "rmmod kcrumbs refused while kcrumbs_trigger uses it" 1 rmmod kcrumbs
	kc_check "rmmod kcrumbs_trigger, then kcrumbs" kc_rmmod
	kc_check "module gone from /sys/module" test ! -e /sys/module/kcrumbs
	kc_check "trigger module gone too" test ! -e /sys/module/kcrumbs_trigger
	kc_check_exit "kcrumbs status exits 3 once unloaded" 3 kcrumbs status
	out=$(kcrumbs status 2>&1)
	kc_grep "kcrumbs status says the module is not loaded" \
		"kcrumbs kernel module is not loaded" "$out"
	kc_insmod
	kc_check "rmmod after a second load" kc_rmmod
	out=$(dmesg)
	kc_grep "module logged its load" "kcrumbs: version [0-9.]+ loaded" "$out"
	if printf '%s\n' "$out" | grep -Eq "BUG:|WARNING:|Oops|Call Trace"; then
		kc_not_ok "no BUG, WARNING or oops in the kernel log"
		printf '%s\n' "$out" | tail -n 40 | sed 's/^/KCTEST-OUT: /'
	else
		kc_ok "no BUG, WARNING or oops in the kernel log"
	fi
}
