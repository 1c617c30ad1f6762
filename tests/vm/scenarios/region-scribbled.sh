# The region is written, never believed: every byte of a live region's
# header is overwritten (nr_slots 0, the rest 0xa5), as a stray write or
# root through /dev/mem would, and then the kernel crashes. The write path
# computes every address from the module's own copy of the layout (a
# zeroed nr_slots was a divide error in the kprobe, in panic context) and
# writes the header back: the capture kernel reads a correct record, the
# mark made before is intact, and the canary in the reserved megabyte
# after the region is untouched (checked after a warm reboot).
DESC="every header byte of a live reserved region scribbled over, then a crash: a correct record, nothing else overwritten"
TIMEOUT=240
PHASES="first capture after"
REBOOT=1
APPEND='memmap=2M$0x30000000'
PROD="mem_address=0x30000000 mem_size=0x100000"

guest_phase() {
	# shellcheck disable=SC2086
	kc_reserved_phase $PROD
}

guest_first() {
	kc_check "module loaded in reserved mode" grep -qx reserved /sys/kernel/kcrumbs/mode
	kc_check "a canary fills the megabyte after the region" \
		insmod /lib/modules/kc_testmem.ko mode=fill addr=0x30100000 size=0x100000
	rmmod kc_testmem
	kc_check "a mark before the scribble" kcrumbs mark --tag before "made before the scribble"
	kc_arm_kdump || return
	kc_check "every byte of the region's header is overwritten" \
		insmod /lib/modules/kc_testmem.ko mode=scribble addr=0x30000000
	rmmod kc_testmem
	kc_marker crash
	echo c >/proc/sysrq-trigger
	kc_not_ok "still alive after sysrq-c"
}

guest_capture() {
	# shellcheck disable=SC2086
	kc_check "the capture kernel loads kcrumbs with the production options" \
		insmod /lib/modules/kcrumbs.ko $PROD
	kc_check "... and finds the crashed kernel's region (header valid again)" \
		test -e /sys/kernel/kcrumbs/previous
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	kc_check_exit "read --previous: every record intact (exit 0)" 0 kcrumbs read --previous
	kc_grep "... 61 slots, as set up, not what was scribbled" "^slots: +3 of 61 used, 0 corrupt" "$out"
	kc_grep "... the sysrq crash" "^event #0: sysrq — sysrq triggered crash" "$out"
	kc_grep "... with its backtrace" "^    sysrq_handle_crash\+0x" "$out"
	kc_grep "... and its log tail" "^log tail #2 \(event #0" "$out"
	kc_grep "... the mark made before, intact" "made before the scribble" "$out"
	kc_grep "... no corrupt mark" "^marks: +1 kept of 1 made \(ring of 128\), 0 corrupt" "$out"
	kc_marker reboot
	reboot -f
	sleep 30
	kc_not_ok "still alive after reboot -f"
}

guest_after() {
	kc_check "kc_testmem checks the canary" \
		insmod /lib/modules/kc_testmem.ko mode=check addr=0x30100000 size=0x100000
	kc_grep "nothing past the region was written" \
		"kc_testmem: reserved: 1048576 bytes intact" "$(dmesg)"
	kc_grep "last-boot: crashed: sysrq" "crashed: sysrq \(sysrq triggered crash\)" \
		"$(kcrumbs last-boot 2>&1)"
}
