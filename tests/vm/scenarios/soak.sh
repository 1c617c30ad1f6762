# Soak: 100 load/unload cycles of kcrumbs.ko (kcrumbs_trigger.ko loaded
# and unloaded inside every 10th) while a mark flood and status polling run
# on the other vCPU; then no oops or WARN, no leak. Memory is compared
# after 3 warm-up cycles (caches settled) and after the 100, with the
# page cache dropped both times: /proc/meminfo (MemAvailable, Slab,
# SUnreclaim, VmallocUsed, Percpu) and /proc/slabinfo (bytes in active
# objects). Tolerances (docs/testing.md): Slab and SUnreclaim +1024 kB,
# slabinfo active bytes +1024 kB, VmallocUsed +512 kB, Percpu +64 kB,
# MemAvailable -12288 kB (the after snapshot taken again, up to 5 times
# 3 s apart, while MemAvailable is below it: memory freed late comes
# back, a leak does not). A load that leaked its region (164 KiB by
# default: 16 MiB over 100 cycles) or its module image would exceed them;
# the caches that grew most are printed for a person to read.
DESC="100 load/unload cycles under a mark flood and status polling: no oops, no leak"
TIMEOUT=300
PHASES="first"
CPUS=2

CYCLES=100

# mem_snapshot: "key value_kB" lines
mem_snapshot() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 2
	awk '/^(MemAvailable|MemFree|Slab|SUnreclaim|SReclaimable|VmallocUsed|Percpu):/ {
		sub(":", "", $1); print $1, $2 }' /proc/meminfo
	awk 'NR > 2 { act += $2 * $4; tot += $3 * $4 }
		END { printf "SlabinfoActive %d\nSlabinfoTotal %d\n", act / 1024, tot / 1024 }' /proc/slabinfo
}

# per cache: name active_objs objsize
slab_caches() {
	awk 'NR > 2 { print $1, $2, $4 }' /proc/slabinfo | sort
}

val() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }

# within KEY MAXGROWTH_KB: after - before <= MAXGROWTH (negative: a drop)
within() {
	_b=$(val "$1" /tmp/mem.before)
	_a=$(val "$1" /tmp/mem.after)
	_d=$((_a - _b))
	echo "KCDEMO: soak $1: before $_b kB, after $_a kB, change $_d kB (tolerance $2 kB)"
	if [ "$2" -ge 0 ]; then _in=$((_d <= $2)); else _in=$((_d >= $2)); fi
	if [ -n "$_b" ] && [ -n "$_a" ] && [ "$_in" = 1 ]; then
		kc_ok "$1 within tolerance ($_d kB, limit $2 kB)"
	else
		kc_not_ok "$1 within tolerance ($_d kB, limit $2 kB)"
	fi
}

flood_loop() {
	_it=0
	while [ ! -e /tmp/soak.stop ]; do
		_it=$((_it + 1))
		_l=1
		while [ $_l -le 64 ]; do
			echo "f$_it.$_l:the-quick-brown-fox-jumps-over-the-lazy-dog-0123456789:$_it.$_l"
			_l=$((_l + 1))
		done >/tmp/flood.txt
		kcrumbs mark --tag soak --batch 64 - </tmp/flood.txt >/dev/null 2>&1 &&
			echo ok >>/tmp/flood.ok
	done
}

status_loop() {
	while [ ! -e /tmp/soak.stop ]; do
		kcrumbs status >/dev/null 2>&1 && echo ok >>/tmp/status.ok
	done
}

# cycle N: load (and every 10th time the trigger module too) and unload
cycle() {
	insmod /lib/modules/kcrumbs.ko >>/tmp/cycle.log 2>&1 || return 1
	# loaded a moment, so that the flood and the polling meet it
	usleep 100000
	if [ $(($1 % 10)) = 0 ]; then
		insmod /lib/modules/kcrumbs_trigger.ko >>/tmp/cycle.log 2>&1 || return 1
		rmmod kcrumbs_trigger >>/tmp/cycle.log 2>&1 || return 1
	fi
	rmmod kcrumbs >>/tmp/cycle.log 2>&1 || return 1
}

now_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }

guest_first() {
	echo 1 >/proc/sys/kernel/sysrq
	dmesg -c >/dev/null
	i=1
	while [ $i -le 3 ]; do cycle 10 || break; i=$((i + 1)); done
	kc_check "3 warm-up cycles" test $i = 4
	mem_snapshot >/tmp/mem.before
	slab_caches >/tmp/slab.before

	: >/tmp/flood.ok
	: >/tmp/status.ok
	flood_loop &
	flood_pid=$!
	status_loop &
	status_pid=$!
	s=$(now_ms)
	i=1 bad=0
	while [ $i -le $CYCLES ]; do
		if ! cycle $i; then
			bad=$((bad + 1))
			tail -n 3 /tmp/cycle.log | sed "s/^/KCTEST-INFO: cycle $i: /"
			# put things back for the next cycle
			[ -e /sys/module/kcrumbs_trigger ] && rmmod kcrumbs_trigger
			[ -e /sys/module/kcrumbs ] && rmmod kcrumbs
		fi
		i=$((i + 1))
	done
	t=$(( $(now_ms) - s ))
	# the loops end by themselves: a killed one would leave its last
	# child to PID 1, which reaps nobody (task_struct in the figures)
	touch /tmp/soak.stop
	wait $flood_pid $status_pid
	[ "$bad" = 0 ] && kc_ok "$CYCLES load/unload cycles, none failed ($t ms)" ||
		kc_not_ok "$CYCLES load/unload cycles, none failed ($bad failed)"
	nf=$(wc -l </tmp/flood.ok)
	ns=$(wc -l </tmp/status.ok)
	echo "KCDEMO: soak: $CYCLES cycles in $t ms; meanwhile $nf batches of 64 marks and $ns status replies went through"
	[ "$nf" -gt 0 ] && kc_ok "the mark flood reached a loaded module ($nf batches of 64)" ||
		kc_not_ok "the mark flood reached a loaded module"
	[ "$ns" -gt 0 ] && kc_ok "status polling reached a loaded module ($ns replies)" ||
		kc_not_ok "status polling reached a loaded module"
	kc_check "neither module left loaded" sh -c '! test -e /sys/module/kcrumbs && ! test -e /sys/module/kcrumbs_trigger'

	# memory freed later than the unload (RCU, deferred vfree, per-CPU
	# lists) comes back within seconds; a leak does not: up to 5
	# snapshots, 3 s apart, until MemAvailable is back within tolerance
	a=1
	while :; do
		mem_snapshot >/tmp/mem.after
		d=$(( $(val MemAvailable /tmp/mem.after) - $(val MemAvailable /tmp/mem.before) ))
		echo "KCDEMO: soak: after snapshot $a: MemAvailable change $d kB"
		[ "$d" -ge -12288 ] || [ $a -ge 5 ] && break
		a=$((a + 1))
		sleep 3
	done
	slab_caches >/tmp/slab.after
	within Slab 1024
	within SUnreclaim 1024
	within SlabinfoActive 1024
	within VmallocUsed 512
	within Percpu 64
	within MemAvailable -12288
	# the caches that grew most, for a person to look at
	awk 'NR == FNR { b[$1] = $2; next }
		{ d = $2 - b[$1]; if (d > 0) printf "%d %s %d objects of %d bytes\n", d * $3, $1, d, $3 }' \
		/tmp/slab.before /tmp/slab.after |
		sort -rn | head -n 5 | awk '{ $1 = ""; print "KCDEMO: soak: slab growth:" $0 }'

	log=$(dmesg)
	if printf '%s\n' "$log" | grep -Eq "WARNING:|BUG:|Oops|general protection|UBSAN|KASAN|Call Trace"; then
		kc_not_ok "no WARNING, BUG, oops, GPF, UBSAN or KASAN in the kernel log"
		printf '%s\n' "$log" | grep -E -A5 "WARNING:|BUG:|Oops|general protection|UBSAN|KASAN" |
			head -n 40 | sed 's/^/KCTEST-OUT: /'
	else
		kc_ok "no WARNING, BUG, oops, GPF, UBSAN or KASAN in the kernel log"
	fi
	n=$(printf '%s\n' "$log" | grep -c "kcrumbs: version .* loaded")
	kc_check "every load logged ($n of $((CYCLES + 3)))" test "$n" = $((CYCLES + 3))

	kc_insmod
	kc_check "after the soak: kcrumbs status" kcrumbs status
	kc_check "after the soak: kcrumbs mark" kcrumbs mark --tag soak after the soak
	kc_grep "... counted in a fresh module" '"marks":"1"' "$(kcrumbs --json status)"
	kc_check "both modules unload" kc_rmmod
}
