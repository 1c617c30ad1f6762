# The safety rules of `kcrumbs trigger` and `kcrumbs arm`, and the types
# that do not panic under the default policy: nothing here crashes.
DESC="trigger refusals (no --yes, no crash kernel, not armed, window closed, unknown, not root) and carry-on outcomes"
TIMEOUT=120
PHASES="first"

guest_first() {
	kc_insmod
	out=$(kcrumbs trigger --list 2>&1)
	for t in sysrq-c PANIC BUG WARNING EXCEPTION EXCEPTION_IN_IRQ SOFTLOCKUP \
		HARDLOCKUP HUNG_TASK CORRUPT_STACK OOM; do
		kc_grep "--list has $t" "^$t " "$out"
	done
	kc_grep "--list says no crash kernel is loaded" "No crash kernel is loaded" "$out"

	kc_check_exit "refused with no crash kernel (exit 5)" 5 kcrumbs trigger PANIC --yes
	out=$(kcrumbs trigger PANIC --yes 2>&1)
	kc_grep "... and says why" "no crash kernel is loaded" "$out"

	kc_arm_kdump || return
	kc_check_exit "refused without --yes (exit 5)" 5 kcrumbs trigger PANIC
	out=$(kcrumbs trigger panic 2>&1)
	kc_grep "type names are case-insensitive; it explains first" \
		"^PANIC: calls panic\(\)" "$out"
	kc_grep "... says what follows" "panic; the capture kernel \(kdump\) takes over" "$out"
	kc_grep "... and why it refuses" "refusing without --yes" "$out"

	kc_check_exit "unknown type is a usage error (exit 2)" 2 kcrumbs trigger NOPE --yes
	out=$(kcrumbs trigger NOPE --yes 2>&1)
	kc_grep "... that lists the valid types" \
		"unknown crash type 'NOPE'; valid: sysrq-c, MCE_INJECT, PANIC, BUG, WARNING" "$out"

	kc_check_exit "module refuses a trigger when not armed (exit 5)" 5 \
		kcrumbs trigger PANIC --yes --no-arm
	out=$(kcrumbs trigger PANIC --yes --no-arm 2>&1)
	kc_grep "... with the kernel's reason" "refused \(kernel reports: not armed" "$out"

	kc_check "arm --seconds 1" kcrumbs arm --seconds 1
	out=$(kcrumbs status)
	kc_grep "status shows the window" "triggers: +ARMED for" "$out"
	sleep 2
	out=$(kcrumbs trigger PANIC --yes --no-arm 2>&1)
	kc_grep "refused once the window has closed" "arm window has closed" "$out"
	out=$(kcrumbs status)
	kc_grep "status shows not armed" "triggers: +not armed" "$out"

	kc_check_exit "arm --seconds 61 is a usage error" 2 kcrumbs arm --seconds 61

	kc_check_exit "arm as nobody is refused (exit 4)" 4 su nobody -c "kcrumbs arm"
	out=$(su nobody -c "kcrumbs trigger PANIC --yes" 2>&1)
	kc_grep "trigger as nobody: permission denied" "permission denied: this needs root" "$out"
	kc_check_exit "sysrq-c as nobody is refused (exit 4)" 4 \
		su nobody -c "kcrumbs trigger sysrq-c --yes"
	kc_check "status as nobody still works" su nobody -c "kcrumbs status"

	# WARNING without panic_on_warn: a warning, the kernel carries on
	sysctl -qw kernel.panic_on_warn=0
	out=$(kcrumbs trigger --list)
	printf '%s\n' "$out" | grep -A1 "^WARNING " | grep -q "\[carry-on: kernel.panic_on_warn\]" &&
		kc_ok "--list: WARNING carries on when panic_on_warn=0" ||
		kc_not_ok "--list: WARNING carries on when panic_on_warn=0"
	# the window belongs to the connection that opened it
	kc_check "arm for 10 s" kcrumbs arm --seconds 10
	kc_check_exit "a window another process armed is refused (exit 4)" 4 \
		kcrumbs trigger WARNING --yes --no-arm
	out=$(kcrumbs trigger WARNING --yes --no-arm 2>&1)
	kc_grep "... with the kernel's reason" \
		"kernel reports: armed by another netlink socket" "$out"
	kc_grep "... and the window is left to its owner" "triggers: +ARMED for" \
		"$(kcrumbs status)"
	kc_check "trigger WARNING: arms and fires on one connection" \
		kcrumbs trigger WARNING --yes
	kc_grep "one arm allows one trigger: the window is consumed" \
		"triggers: +not armed" "$(kcrumbs status)"
	sleep 1
	log=$(dmesg)
	kc_grep "the warning is in the log" "$(kc_warn_re kcrumbs_WARNING)" "$log"
	kc_grep "the kernel carried on" "kcrumbs_trigger: trigger WARNING: returned, the kernel carried on" "$log"

	# EXCEPTION without panic_on_oops: an oops kills only the crash thread
	sysctl -qw kernel.panic_on_oops=0
	out=$(kcrumbs --json trigger --list)
	kc_grep "--list --json: EXCEPTION carries on when panic_on_oops=0" \
		'"name":"EXCEPTION","category":"bugs",[^}]*"outcome":"carry-on","decided_by":"kernel.panic_on_oops"' "$out"
	kc_grep "--list --json: PANIC is captured" \
		'"name":"PANIC",[^}]*"outcome":"capture","decided_by":"always"' "$out"
	kc_check "trigger EXCEPTION (oops, carry on)" kcrumbs trigger EXCEPTION --yes
	sleep 1
	log=$(dmesg)
	kc_grep "the oops is in the log" "BUG: kernel NULL pointer dereference" "$log"
	kc_check "generic netlink still answers after the oops" kcrumbs status
	kc_check "the trigger module stays pinned after a crash thread died" \
		sh -c '! rmmod kcrumbs_trigger 2>/dev/null'
}
