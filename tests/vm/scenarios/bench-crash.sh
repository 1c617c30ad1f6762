# Benchmark, not a test (bench/vm.sh runs it; `make check` does not).
# Prints KCBENCH lines:
#  - an oops with ramoops loaded (record_size 8 KiB, oopses recorded):
#    ramoops' pstore_dump() duration, timed by bench/kmod's kretprobe
#    (ftrace cannot: oops_enter() turns tracing off), and kcrumbs'
#    die-notifier record cost for the same oops, carried in the record;
#  - then sysrq-c into kdump: in the capture kernel, kcrumbs' own figures
#    for the crash (event, and log tail of about 8 KiB: slot_kib=8), and
#    the time to read the breadcrumbs against vmcore-dmesg on the same
#    /proc/vmcore (address known), and scan-mode throughput.
DESC="benchmark: panic-path cost against ramoops, reader against vmcore-dmesg"
TIMEOUT=240
PHASES="first capture"
APPEND='memmap=1M$0x30000000'

now_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }

# runs N CMD...: the milliseconds N runs of CMD took, output discarded
runs() {
	_n=$1; shift
	_s=$(now_ms); _i=0
	while [ $_i -lt "$_n" ]; do "$@" >/dev/null 2>&1; _i=$((_i + 1)); done
	echo $(( $(now_ms) - _s ))
}

guest_first() {
	insmod /lib/modules/peer/reed_solomon.ko
	kc_check "ramoops loads (8 KiB records, oopses too)" insmod /lib/modules/peer/ramoops.ko \
		mem_address=0x30000000 mem_size=0x100000 record_size=0x2000 max_reason=2
	kc_insmod slot_kib=8
	kc_check "the timer probes pstore_dump" insmod /lib/modules/peer/kc_bench_timer.ko
	sysctl -qw kernel.panic_on_oops=0
	kcrumbs trigger EXCEPTION --yes --force >/dev/null 2>&1
	sleep 2
	p=/sys/module/kc_bench_timer/parameters
	echo "KCBENCH: ramoops pstore_dump, the same oops, 8 KiB record: $(cat $p/last_ns) ns ($(cat $p/calls) call)"
	kc_arm_kdump || return
	kc_marker crash
	echo c >/proc/sysrq-trigger
}

guest_capture() {
	out=$(kcrumbs --json read)
	# the die-notifier event of the oops, then the sysrq crash's records
	echo "$out" | grep -o '"kind":"[a-z_]*",[^}]*"hook":"[a-z_]*"[^}]*"cost_ns":[0-9]*' |
		sed -e 's/"kind":"log_tail".*"cost_ns":\([0-9]*\)/KCBENCH: kcrumbs log tail (~8 KiB): \1 ns/' \
		    -e 's/"kind":"event".*"hook":"\([a-z_]*\)".*"cost_ns":\([0-9]*\)/KCBENCH: kcrumbs event with backtrace, \1 hook: \2 ns/'
	tail=$(echo "$out" | grep -o '"kind":"log_tail"' | wc -l)
	kc_check "the log tail was recorded" test "$tail" -ge 1
	# TCG time drifts during a run: interleave short blocks of each and
	# sum them (5 rounds of 4 runs each, 20 per command in all)
	kc_ms=0; vd_ms=0; kc_start=0; vd_start=0; round=0
	while [ $round -lt 5 ]; do
		kc_ms=$((kc_ms + $(runs 4 kcrumbs read)))
		vd_ms=$((vd_ms + $(runs 4 vmcore-dmesg /proc/vmcore)))
		kc_start=$((kc_start + $(runs 4 kcrumbs)))
		vd_start=$((vd_start + $(runs 4 vmcore-dmesg)))
		round=$((round + 1))
	done
	echo "KCBENCH: process start alone x20 (usage message): kcrumbs $kc_start ms, vmcore-dmesg $vd_start ms"
	echo "KCBENCH: read x20, address known: kcrumbs read $kc_ms ms, vmcore-dmesg $vd_ms ms, ratio $(awk -v a=$kc_ms -v b=$vd_ms 'BEGIN { printf "%.2f", a / b }')"
	size=$(stat -c %s /proc/vmcore)
	# scan mode (an empty root hides /proc/cmdline's kcrumbs.region=)
	# against dd of the same file, the peer that reads every byte;
	# interleaved, 3 rounds of 1 each
	scan_ms=0; dd_ms=0; round=0
	while [ $round -lt 3 ]; do
		scan_ms=$((scan_ms + $(runs 1 env KCRUMBS_ROOT=/tmp/noroot kcrumbs read --vmcore /proc/vmcore)))
		dd_ms=$((dd_ms + $(runs 1 dd if=/proc/vmcore of=/dev/null bs=1M)))
		round=$((round + 1))
	done
	kc_check "the scan finds the region" sh -c 'KCRUMBS_ROOT=/tmp/noroot kcrumbs read --vmcore /proc/vmcore | grep -q "(scan)"'
	echo "KCBENCH: /proc/vmcore ($size bytes), x3 each: kcrumbs scan $scan_ms ms, dd $dd_ms ms, dd/scan x$(awk -v a=$dd_ms -v b=$scan_ms 'BEGIN { printf "%.1f", a / (b ? b : 1) }')"
	kc_ok "benchmark ran"
}
