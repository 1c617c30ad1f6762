# sysrq-c panics the kernel; the capture kernel boots and reads the dump.
# `make demo` runs this scenario and shows its KCDEMO report.
DESC="echo c > /proc/sysrq-trigger is captured by kdump; vmcore-dmesg shows it"
# the capture phase saves and reads five dumps: 92 s measured beside one
# other VM, 120 s exceeded beside three (a budget, not an assertion)
TIMEOUT=200
PHASES="first capture"

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	echo 1 >/proc/sys/kernel/sysrq
	kc_marker crash
	echo c >/proc/sysrq-trigger
	kc_not_ok "still alive after sysrq-c"
}

# dump_reads WHAT "COMMAND writing /tmp/dump": read --dump finds the region
# in what COMMAND saved, by a scan, with its event, in at most 8 MiB of
# RSS (GNU time: the CLI and its libkdumpfile child). The capture kernel's
# /tmp is in its RAM (256 MiB): one dump at a time. Keeps the dump as
# /tmp/dump.1 until the next call.
dump_reads() {
	rm -f /tmp/dump /tmp/dump.1
	kc_check "$1 is saved" sh -c "$2"
	echo "# $1: $(stat -c %s /tmp/dump) bytes"
	out=$(/usr/bin/time -f "KCRSS %M %e" kcrumbs read --dump /tmp/dump 2>&1)
	kc_grep "read --dump reads $1 (scan)" "\(scan\), written by" "$out"
	kc_grep "... with its sysrq event" "^event #[0-9]+: sysrq — sysrq triggered crash" "$out"
	rss=$(echo "$out" | sed -n 's/^KCRSS \([0-9]*\) .*/\1/p')
	secs=$(echo "$out" | sed -n 's/^KCRSS [0-9]* //p')
	echo "KCBENCH: read --dump, $1: peak RSS ${rss:-?} KiB, ${secs:-?} s, $(echo "$out" | grep -o 'at 0x[0-9a-f]* (scan)')"
	kc_check "... in at most 8 MiB of RSS (${rss:-?} KiB)" test "${rss:-99999}" -le 8192
	mv /tmp/dump /tmp/dump.1
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
	# saved dumps in every format makedumpfile writes here, filtered as
	# kdump-tools does (-d 31), read through libkdumpfile in at most 8 MiB
	dump_reads "a flattened zlib dump (makedumpfile -F -c, kdump-tools' own)" \
		"makedumpfile -F -c -d 31 --message-level 4 /proc/vmcore > /tmp/dump"
	# a dump cut short (makedumpfile stopped by a full disk): refused, named
	head -c 20000 /tmp/dump.1 >/tmp/dump.cut
	rm -f /tmp/dump.1
	out=$(kcrumbs read --dump /tmp/dump.cut 2>&1)
	kc_grep "a flattened dump cut short is named so" "cut short" "$out"
	rm -f /tmp/dump.cut
	dump_reads "a zlib dump (makedumpfile -c)" \
		"makedumpfile -c -d 31 --message-level 4 /proc/vmcore /tmp/dump"
	dump_reads "an lzo dump (makedumpfile -l)" \
		"makedumpfile -l -d 31 --message-level 4 /proc/vmcore /tmp/dump"
	# zstd: Debian 12's makedumpfile cannot write it; trixie's and sid's can
	if [ -x /bin/makedumpfile-suite ] &&
		makedumpfile-suite --help 2>&1 | grep -A1 '^zstd support' | grep -q enabled; then
		dump_reads "a zstd dump (makedumpfile -z, the suite's own)" \
			"makedumpfile-suite -z -d 31 --message-level 4 /proc/vmcore /tmp/dump"
		# the flattened stream and its unflattened copy both live in the
		# capture kernel's RAM (/tmp): only when two copies fit (trixie's
		# makedumpfile wrote 58 MB here, sid's 17 MB)
		if [ "$(stat -c %s /tmp/dump.1)" -le 41943040 ]; then
			dump_reads "a flattened zstd dump (makedumpfile -F -z)" \
				"makedumpfile-suite -F -z -d 31 --message-level 4 /proc/vmcore > /tmp/dump"
		else
			echo "# flattened zstd: skipped, two copies of a $(stat -c %s /tmp/dump.1)-byte dump do not fit in this capture kernel's RAM"
		fi
	fi
	rm -f /tmp/dump.1
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
	kc_culprit_is "sysrq_handle_crash"
}
