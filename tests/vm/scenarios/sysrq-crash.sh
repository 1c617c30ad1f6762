# sysrq-c panics the kernel; the capture kernel boots and reads the dump.
# `make demo` runs this scenario and shows its KCDEMO report.
DESC="echo c > /proc/sysrq-trigger is captured by kdump; vmcore-dmesg shows it"
TIMEOUT=120
PHASES="first capture"

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	echo 1 >/proc/sys/kernel/sysrq
	kc_marker crash
	echo c >/proc/sysrq-trigger
	kc_not_ok "still alive after sysrq-c"
}

guest_capture() {
	kc_check "/proc/vmcore is readable" \
		sh -c 'dd if=/proc/vmcore bs=4096 count=1 2>/dev/null | head -c 4 | grep -q ELF'
	size=$(stat -c %s /proc/vmcore)
	kc_check "/proc/vmcore is larger than 100 MiB ($size bytes)" \
		test "$size" -gt 104857600
	log=$(vmcore-dmesg /proc/vmcore 2>&1)
	kc_grep "vmcore-dmesg shows the sysrq panic" \
		"Kernel panic - not syncing: sysrq triggered crash" "$log"
	kc_grep "the crashed kernel had kcrumbs loaded" \
		"kcrumbs: version [0-9.]+ loaded" "$log"
	echo "KCDEMO: capture kernel $(uname -r) is up; /proc/vmcore holds $((size / 1048576)) MiB of the crashed kernel"
	echo "KCDEMO: what the crashed kernel said last (vmcore-dmesg /proc/vmcore):"
	kc_report_crash "$log"
	echo "KCDEMO: the breadcrumbs kcrumbs left before kdump took over (kcrumbs read):"
	kc_read_has "^event #[0-9]+: sysrq — sysrq triggered crash" \
		"recorded by the crash_kexec hook" \
		"cpu 0, pid [0-9]+ \(" \
		"^    sysrq_handle_crash\+0x" \
		"sysrq: Trigger a crash" \
		"state crashed"
	# a saved dump in makedumpfile's compressed format (kdump-tools' default),
	# filtered as kdump-tools does (-d 31), read through libkdumpfile
	kc_check "makedumpfile -l -d 31 saves a compressed dump" \
		makedumpfile -l -d 31 --message-level 1 /proc/vmcore /tmp/dump.kdump
	out=$(kcrumbs read --dump /tmp/dump.kdump 2>&1)
	kc_grep "read --dump finds the region in it (scan)" "\(scan\), written by" "$out"
	kc_grep "... and the sysrq event" "^event #[0-9]+: sysrq — sysrq triggered crash" "$out"
	rm -f /tmp/dump.kdump
	# a region corrupted on purpose: reported corrupt, intact records still read
	kc_check "read --save keeps the region" kcrumbs read --save /tmp/region.img
	# slot 1 (16 KiB slots from 4096): the log tail, written after its event
	printf '\377\377\377\377' | dd of=/tmp/region.img bs=1 seek=20584 conv=notrunc 2>/dev/null
	kc_check_exit "a corrupted region reads with exit 7" 7 kcrumbs read --region /tmp/region.img
	out=$(kcrumbs read --region /tmp/region.img 2>&1)
	# slot 0 holds the event, slot 1 its log tail (reserved after it)
	kc_grep "... naming the corrupt slot" "CORRUPT slot 1: record CRC mismatch \(not trusted\)" "$out"
	kc_grep "... while the intact event still reads" "^event #0: sysrq" "$out"
	report=$(kc_report_crash "$log")
	kc_grep "the report names the panic" "Kernel panic - not syncing" "$report"
	kc_grep "the report carries the frame that crashed" "sysrq_handle_crash\+0x" "$report"
	kc_read_events 1
}
