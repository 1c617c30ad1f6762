# Benchmark (bench/marks.sh): marks per second from one process over
# netlink, one per message and batched, against the same lines written to
# /dev/kmsg one write each; and the in-kernel API's cost per call on one
# CPU and on both at once (kc_bench_mark). Numbers, not a test.
DESC="benchmark: kcrumbs mark against /dev/kmsg; kcrumbs_mark() per call"
TIMEOUT=300
PHASES="first"
CPUS=2

now_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }

# ms CMD...: milliseconds CMD took, its output discarded
ms() {
	_s=$(now_ms)
	"$@" >/dev/null 2>&1
	echo $(( $(now_ms) - _s ))
}

guest_first() {
	kc_insmod nr_marks=4096
	n=20000
	seq 1 $n | sed 's/.*/deploy 4512 step &: fio job 7 at 80%/' >/tmp/lines
	: >/tmp/empty
	# the console would print every kmsg line over the serial port: keep
	# it quiet, so /dev/kmsg is timed at its best
	dmesg -n 1
	kc_check "kmsg_lines is there" test -x /bin/kmsg_lines
	one=0; batch=0; kmsg=0; s_kc=0; s_km=0; round=0
	while [ $round -lt 3 ]; do
		one=$((one + $(ms sh -c 'kcrumbs mark --batch 1 - </tmp/lines')))
		batch=$((batch + $(ms sh -c 'kcrumbs mark - </tmp/lines')))
		kmsg=$((kmsg + $(ms sh -c 'kmsg_lines </tmp/lines')))
		# process start-up alone, the same way: no input
		s_kc=$((s_kc + $(ms sh -c 'kcrumbs mark - </tmp/empty')))
		s_km=$((s_km + $(ms sh -c 'kmsg_lines </tmp/empty')))
		round=$((round + 1))
	done
	# lines per second over the 3 rounds, start-up taken out
	rate() { awk -v n=$((3 * n)) -v ms="$1" -v s="$2" 'BEGIN { d = ms - s; printf "%.0f", (d > 0 ? n * 1000 / d : 0) }'; }
	r_one=$(rate $one $s_kc); r_batch=$(rate $batch $s_kc); r_kmsg=$(rate $kmsg $s_km)
	echo "KCBENCH: $n lines, 3 rounds, one process each (wall ms incl. start-up): kcrumbs mark --batch 1 $one, kcrumbs mark (64/message) $batch, /dev/kmsg one write per line $kmsg; start-up alone: kcrumbs $s_kc, kmsg_lines $s_km"
	echo "KCBENCH: lines/s without start-up: one per message $r_one, batched $r_batch, /dev/kmsg $r_kmsg; against /dev/kmsg: one per message x$(awk -v a=$r_one -v b=$r_kmsg 'BEGIN { printf "%.2f", a / b }'), batched x$(awk -v a=$r_batch -v b=$r_kmsg 'BEGIN { printf "%.2f", a / b }')"
	out=$(kcrumbs status)
	kc_grep "every mark was stored" "^marks: +$((6 * n)) written" "$out"
	kc_check "kc_bench_mark runs" insmod /lib/modules/peer/kc_bench_mark.ko calls=20000
	p=/sys/module/kc_bench_mark/parameters
	echo "KCBENCH: in-kernel API, 20000 calls: kcrumbs_mark_str 32 B $(cat $p/str_ns) ns/call, kcrumbs_mark with format $(cat $p/fmt_ns) ns/call, the three fast clocks alone $(cat $p/clocks_ns) ns; on $(cat $p/nr_cpus) CPUs at once: $(cat $p/all_cpus_ns) ns/call each"
	kc_ok "benchmark ran"
}
