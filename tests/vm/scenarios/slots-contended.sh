# Slot ownership: four CPUs record at the same instant into a ring of two
# slots (nr_slots=2: slot 0 keeps the first event, one slot is reused).
# Sequence numbers that differ by nr_slots fall on the same slot; two
# writers there at once would leave a record of mixed fields that passes
# its CRC. Each record read back, live (status) and after a crash (the
# capture kernel), is whole: a CPU's idle task (swapper/N) runs on CPU N,
# and the self-test names its CPU in its message. A record that could not
# be written whole is dropped and counted, never mixed.
DESC="-smp 4, nr_slots=2, the all-CPU self-test 10 times: every record whole (fields agree) or dropped, never mixed"
TIMEOUT=240
PHASES="first capture"
CPUS=4

# consistent: stdin is JSON of records or status events. Each one is
# checked against itself: the idle task swapper/N runs on CPU N and took
# the IPI (its frames go through the call-function interrupt, never
# through the caller's kcrumbs_BREADCRUMB_ALL_CPUS); the caller's record
# (kcrumbs-crash) has the caller's frames; the self-test's message names
# the CPU that wrote it. Prints what it checked; fails on a mixed record.
consistent() {
	sed 's/{"seq":/\n{"seq":/g' | awk '
		function bad(why) { nbad++; print "mixed (" why "): " substr($0, 1, 300) }
		/^[{]"seq":/ && /"cpu":[0-9]+/ {
			match($0, /"cpu":[0-9]+/); cpu = substr($0, RSTART + 6, RLENGTH - 6)
			frames = index($0, "\"frames\":[{") > 0
			if (match($0, /"comm":"swapper\/[0-9]+"/)) {
				n++
				if (substr($0, RSTART + 16, RLENGTH - 17) != cpu) bad("comm")
				if (frames && (!index($0, "call_function") || index($0, "kcrumbs_BREADCRUMB_ALL_CPUS")))
					bad("frames")
			}
			if (frames && index($0, "\"comm\":\"kcrumbs-crash\"") && index($0, "\"cause\":\"selftest\"")) {
				n++
				if (!index($0, "kcrumbs_BREADCRUMB_ALL_CPUS")) bad("frames")
			}
			if (match($0, /BREADCRUMB_ALL_CPUS cpu [0-9]+/)) {
				n++
				if (substr($0, RSTART + 24, RLENGTH - 24) != cpu) bad("message")
			}
		}
		END { print (n + 0) " fields checked, " (nbad + 0) " mixed"; exit nbad > 0 }'
}

guest_first() {
	kc_insmod nr_slots=2
	kc_arm_kdump || return
	kc_check "4 CPUs online" test "$(nproc)" = 4
	checked=0
	mixed=0
	for i in 1 2 3 4 5 6 7 8 9 10; do
		kcrumbs trigger BREADCRUMB_ALL_CPUS --yes >/dev/null 2>&1
		sleep 1
		# status (the module checks each record's CRC), and the live
		# region as the reader decodes it, frames and all
		kcrumbs --json status >/tmp/status.json
		kcrumbs --json read --log-lines 0 --region /sys/kernel/kcrumbs/live >/tmp/live.json
		for f in /tmp/status.json /tmp/live.json; do
			if ! res=$(consistent <"$f"); then
				mixed=$((mixed + 1))
				printf '%s\n' "$res" | sed 's/^/KCTEST-OUT: /'
			fi
			checked=$((checked + $(printf '%s\n' "$res" | tail -n 1 | cut -d' ' -f1)))
		done
	done
	kc_check "every record in status and in the live region was whole ($checked fields checked)" test "$mixed" = 0
	kc_check "... and some were checked" test "$checked" -gt 0
	out=$(kcrumbs --json status)
	kc_grep "records that found every slot busy are counted as dropped" '"records_dropped":"[0-9]+"' "$out"
	echo "KCDEMO: $(printf '%s' "$out" | grep -o '"records":"[0-9]*"'), $(printf '%s' "$out" | grep -o '"records_dropped":"[0-9]*"')"
	kc_marker crash
	echo c >/proc/sysrq-trigger
}

guest_capture() {
	out=$(kcrumbs --json read --log-lines 0 2>&1)
	kc_grep "the capture kernel reads the region" '"records":\[' "$out"
	res=$(printf '%s\n' "$out" | consistent)
	kc_check "every record read back is whole or reported corrupt ($res)" \
		sh -c "printf '%s\n' '$res' | grep -q ' 0 mixed'"
	kc_grep "the sysrq crash is recorded" '"cause":"sysrq"' "$out"
}
