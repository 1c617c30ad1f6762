# Reserved mode through reserve_mem= (6.11+): the kernel sets 1 MiB aside
# at boot under the name "kcrumbs" (reserve_mem=1M:16M:kcrumbs), the
# module finds it by that name (reserve_mem_find_by_name(), mem_name
# parameter) with no address given, and the region survives a warm reboot:
# a panic with no crash kernel (panic=1) is read after the reboot with
# `kcrumbs read --previous` and `kcrumbs last-boot`; a clean reboot then
# reads "clean". Kernels without reserve_mem= skip it.
#
# The kernel picks the address at each boot; the region survives only if
# the next boot picks the same one and nothing used those bytes first
# (the kernel's documentation of reserve_mem= says as much). Measured here:
#  - 16M alignment: reserve_mem= is parsed late in start-up (a __setup
#    parameter); with a 4096 alignment 6.12 put the region just below the
#    initrd, in memory its next boot used before that: zeroed in 10 boots
#    of 10 (kcrumbs found no region there, as it must). With 16M, 6.12
#    kept it (4 of 4); 7.2 kept it with either.
#  - nokaslr: with KASLR, 6.12 moved the region between two addresses
#    (2 boots of 8); memmap= (reserved-reboot) has neither problem.
DESC="reserve_mem=1M:16M:kcrumbs (nokaslr): found by name, a panic read after the warm reboot, then clean"
TIMEOUT=200
PHASES="first crashed clean"
REBOOT=1
APPEND='reserve_mem=1M:16M:kcrumbs nokaslr panic=1'

host_skip() {
	kc_kernel_before 6.11 &&
		echo "reserve_mem= and reserve_mem_find_by_name() are 6.11+; this is $KC_KVER"
}

guest_phase() {
	insmod /lib/modules/kcrumbs.ko >/tmp/insmod.log 2>&1
	if [ ! -e /sys/kernel/kcrumbs/previous ]; then
		echo first
	else
		kcrumbs --json last-boot | sed -n 's/.*"fate":"\([a-z]*\)".*/\1/p'
	fi
}

# kc_reserve_mem_found: the module took the reserve_mem region by its name
kc_reserve_mem_found() {
	kc_check "module loaded in reserved mode, no address given" \
		grep -qx reserved /sys/kernel/kcrumbs/mode
	kc_grep "... in the reserve_mem region named kcrumbs" \
		"kcrumbs: using reserve_mem region 'kcrumbs': 0x0*100000 bytes at 0x[0-9a-f]+" "$(dmesg)"
	# the header page and as many 16 KiB slots as 1 MiB holds: 63
	kc_grep "... the region fills it: 4096 + 63 x 16 KiB" "^1036288@0x" \
		"$(cat /sys/kernel/kcrumbs/region)"
}

guest_first() {
	kc_grep "the kernel booted with reserve_mem=" "reserve_mem=1M:16M:kcrumbs" "$(cat /proc/cmdline)"
	kc_reserve_mem_found
	addr=$(cat /sys/kernel/kcrumbs/region)
	kc_check "rmmod" rmmod kcrumbs
	kc_insmod mem_name=nosuch
	kc_check "with a name the kernel has not reserved: dynamic mode" \
		grep -qx dynamic /sys/kernel/kcrumbs/mode
	kc_check "rmmod" kc_rmmod
	kc_insmod
	kc_check "loaded again: the same reserved region" \
		test "$(cat /sys/kernel/kcrumbs/region)" = "$addr"
	kc_check_exit "no previous record on the first boot (exit 6)" 6 kcrumbs read --previous
	kc_marker crash
	# no crash kernel: --force; panic=1 reboots at once, RAM kept
	kcrumbs trigger PANIC --yes --force
	sleep 60
	kc_not_ok "still alive after PANIC"
}

guest_crashed() {
	kc_reserve_mem_found
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	kc_grep "read --previous finds the panic" \
		"^event #[0-9]+: panic — kcrumbs: PANIC trigger" "$out"
	kc_grep "... recorded at __crash_kexec" "recorded by the crash_kexec hook" "$out"
	kc_grep "... with its backtrace" "^    kcrumbs_PANIC\+0x" "$out"
	kc_grep "... and the log tail" "kcrumbs_trigger: trigger PANIC" "$out"
	out=$(kcrumbs last-boot)
	kc_grep "last-boot: crashed, cause, function, task" \
		"crashed: panic \(kcrumbs: PANIC trigger\) in kcrumbs_PANIC\+0x[0-9a-f]+/0x[0-9a-f]+ \[kcrumbs_trigger\] on CPU 0, task kcrumbs-crash" "$out"
	kc_marker reboot
	reboot -f
	sleep 30
	kc_not_ok "still alive after reboot -f"
}

guest_clean() {
	kc_reserve_mem_found
	out=$(kcrumbs last-boot)
	kc_grep "after a clean reboot, last-boot says clean" \
		"previous boot \(.*\): shut down cleanly" "$out"
}
