# The crash types are a module of their own: with kcrumbs.ko alone (as a
# production machine loads it) no crash code is in the kernel, and the CLI
# names the module to load. Then with kcrumbs_trigger.ko: a trigger's
# thread pins the module, so unloading during its 200 ms delay is refused
# ("in use") and the thread completes; after it, rmmod works.
DESC="kcrumbs.ko alone carries no crash code; the CLI names kcrumbs_trigger; a trigger pins it until its thread ends"
TIMEOUT=120
PHASES="first"

guest_first() {
	kc_check "insmod kcrumbs.ko alone" insmod /lib/modules/kcrumbs.ko
	mods=$(lsmod)
	kc_grep "lsmod: kcrumbs is loaded" "^kcrumbs " "$mods"
	if printf '%s\n' "$mods" | grep -q "^kcrumbs_trigger "; then
		kc_not_ok "lsmod: no kcrumbs_trigger"
	else
		kc_ok "lsmod: no kcrumbs_trigger"
	fi
	kc_check "no crash function in the kernel (kallsyms)" \
		sh -c '! grep -Eq " kcrumbs_(PANIC|BUG|WARNING|EXCEPTION|SOFTLOCKUP|crashtype_next)( |$)" /proc/kallsyms'
	kc_check "the recorder exports the self-test entry" \
		grep -q " kcrumbs_record_selftest" /proc/kallsyms

	kc_check_exit "trigger --list still lists sysrq-c (exit 0)" 0 kcrumbs trigger --list
	out=$(kcrumbs trigger --list 2>&1)
	kc_grep "... and names the module to load" \
		"the trigger module is not loaded: modprobe kcrumbs_trigger" "$out"
	kc_grep "--list --json says it is not loaded" '"module_loaded":false' \
		"$(kcrumbs --json trigger --list)"
	kc_check_exit "trigger PANIC --yes --force: module not loaded (exit 3)" 3 \
		kcrumbs trigger PANIC --yes --force
	out=$(kcrumbs trigger PANIC --yes --force 2>&1)
	kc_grep "... and names kcrumbs_trigger" "modprobe kcrumbs_trigger" "$out"
	kc_check_exit "arm: module not loaded (exit 3)" 3 kcrumbs arm
	kc_grep "... and names kcrumbs_trigger" "modprobe kcrumbs_trigger" \
		"$(kcrumbs arm 2>&1)"
	out=$(kcrumbs status 2>&1)
	kc_grep "status: the recorder is loaded" "^module: +loaded" "$out"
	kc_grep "status: trigger module: not loaded" "^trigger module: not loaded" "$out"
	kc_grep "status --json: trigger module not loaded" \
		'"trigger_module":\{"loaded":false\}' "$(kcrumbs --json status)"

	kc_insmod_trigger
	kc_grep "lsmod: kcrumbs_trigger uses kcrumbs" "^kcrumbs .*kcrumbs_trigger" "$(lsmod)"
	out=$(kcrumbs trigger --list 2>&1)
	kc_grep "--list now has PANIC" "^PANIC " "$out"
	kc_grep "--list now has BREADCRUMB_ALL_CPUS" "^BREADCRUMB_ALL_CPUS " "$out"
	kc_grep "status shows the arm window" "^triggers: +not armed" "$(kcrumbs status)"
	kc_grep "status --json: trigger module loaded" \
		'"trigger_module":\{"loaded":true,"armed_ms":0\}' "$(kcrumbs --json status)"

	# unloading during the crash thread's 200 ms delay
	rc=0
	out=$(kcrumbs trigger BREADCRUMB_ALL_CPUS --yes --force 2>&1 &&
		refcnt=$(cat /sys/module/kcrumbs_trigger/refcnt) &&
		{ rmmod kcrumbs_trigger 2>&1; echo "rmmod exit $? refcnt $refcnt"; })
	kc_grep "the trigger was accepted" "triggered BREADCRUMB_ALL_CPUS" "$out"
	kc_grep "the thread holds a reference (refcnt 1)" "refcnt 1$" "$out"
	kc_grep "rmmod during the delay fails: in use" \
		"Resource temporarily unavailable|in use" "$out"
	kc_grep "... it fails" "rmmod exit [1-9]" "$out"
	sleep 2
	log=$(dmesg)
	kc_grep "the thread completed" \
		"kcrumbs_trigger: trigger BREADCRUMB_ALL_CPUS: returned, the kernel carried on" "$log"
	kc_check "reference dropped by the thread" \
		test "$(cat /sys/module/kcrumbs_trigger/refcnt)" = 0
	kc_check "then rmmod kcrumbs_trigger works" rmmod kcrumbs_trigger
	kc_check "kcrumbs.ko stays loaded" test -d /sys/module/kcrumbs
	kc_check "and unloads" rmmod kcrumbs
	if dmesg | grep -Eq "BUG:|Oops|general protection|Call Trace"; then
		kc_not_ok "no oops in the kernel log"
		dmesg | tail -n 40 | sed 's/^/KCTEST-OUT: /'
	else
		kc_ok "no oops in the kernel log"
	fi
}
