# A region of another layout is read, not discarded: the boot that crashed
# had 16 KiB slots, the next loads kcrumbs with 32 KiB slots (a smaller
# region in the same reserved memory). The previous region is kept by its
# own header, bounded by mem_size, and dmesg says what changed.
DESC="slot_kib changed between boots: the previous boot's region is still read, and the change is said"
TIMEOUT=150
PHASES="first changed"
REBOOT=1
APPEND='memmap=1M$0x30000000 panic=1'

guest_phase() {
	insmod /lib/modules/kcrumbs.ko mem_address=0x30000000 mem_size=0x100000 slot_kib=32 \
		>/tmp/insmod.log 2>&1
	if [ -e /sys/kernel/kcrumbs/previous ]; then echo changed; else echo first; fi
}

guest_first() {
	rmmod kcrumbs
	kc_check "the boot that will crash: 16 KiB slots" \
		insmod /lib/modules/kcrumbs.ko mem_address=0x30000000 mem_size=0x100000 slot_kib=16
	kc_check "... 61 slots" sh -c 'kcrumbs status | grep -q "(61 slots of 16384 bytes)"'
	kc_marker crash
	echo c >/proc/sysrq-trigger
	sleep 30
	kc_not_ok "still alive after sysrq-c"
}

guest_changed() {
	kc_check "this boot: 32 KiB slots" sh -c 'kcrumbs status | grep -q "(30 slots of 32768 bytes)"'
	kc_grep "dmesg says what changed" \
		"kcrumbs: previous boot's region kept as it was: 61 slots of 16 KiB and 128 marks \(now 30, 32 KiB, 128\)" \
		"$(dmesg)"
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	kc_grep "read --previous decodes it by its own header (event, snapshot, log tail)" "^slots: +3 of 61 used, 0 corrupt" "$out"
	kc_grep "... the sysrq crash" "^event #0: sysrq — sysrq triggered crash" "$out"
	kc_grep "last-boot: crashed: sysrq" "crashed: sysrq \(sysrq triggered crash\)" "$(kcrumbs last-boot 2>&1)"
}
