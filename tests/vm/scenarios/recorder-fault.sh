# A fault inside the recorder does not silence that CPU for the rest of
# the boot: a kernel thread oopses inside it (a bad message pointer handed
# to the exported self-test entry, tests/kmod/kc_recfault.c) and dies
# there with the recursion guard taken; the oops' own die notifier call is
# skipped (it would recurse), and the next record on that CPU is written
# (the guard's holder is gone: taken over, counted). And: a message that
# carries a kernel address is shown to root, with the address zeroed to a
# caller without CAP_SYSLOG.
DESC="a fault inside the recorder: that CPU still records afterwards; kernel addresses in status hidden from nobody"
TIMEOUT=90
PHASES="first"

guest_first() {
	kc_insmod
	sysctl -qw kernel.panic_on_oops=0
	kc_check "an event with an address in its message" \
		insmod /lib/modules/kc_recfault.ko mode=address
	rmmod kc_recfault
	kc_grep "root sees the address" "kc_recfault: a kernel address ffffffffc0a1b2c3" \
		"$(kcrumbs status)"
	out=$(su nobody -c "kcrumbs status" 2>&1)
	kc_grep "nobody sees it zeroed" "kc_recfault: a kernel address 0000000000000000 in a message" "$out"
	kc_check "... and nowhere in the reply" sh -c "! su nobody -c 'kcrumbs --json status' | grep -q c0a1b2c3"

	kc_check "a thread faults inside the recorder" insmod /lib/modules/kc_recfault.ko mode=fault
	sleep 2
	log=$(dmesg)
	kc_grep "... it oopsed there" "RIP: 0010:(strnlen|kcrumbs_record_crash)" "$log"
	kc_check "... and did not come back" sh -c "! dmesg | grep -q 'the recorder returned'"
	# (no crash kernel: the CLI wants --force even for a self-test)
	kc_check "the self-test records again afterwards" \
		kcrumbs trigger BREADCRUMB_ALL_CPUS --yes --force
	sleep 2
	out=$(kcrumbs --json status)
	kc_grep "... its event is in status" '"cpu":0,[^}]*"message":"BREADCRUMB_ALL_CPUS cpu 0"' "$out"
	kc_grep "... the guard was taken back once" '"recovered":"1"' "$out"
	kc_grep "... and the oops' own die call was skipped, not recursed" '"nested_skipped":"[12]"' "$out"
}
