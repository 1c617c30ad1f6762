# A crash in the middle of a mark flood: two writers (one per vCPU) send
# batches of 64 self-checking marks while sysrq-c panics the kernel into
# kdump. The capture kernel reads the crash event intact, and every mark
# that passes its CRC has the exact text one of the writers sent; at most
# the marks being written at the instant of the crash (one per writer)
# are missing or reported corrupt, never decoded with wrong content.
DESC="sysrq-c during a two-writer mark flood: the event intact, every decoded mark whole, torn ones only reported"
TIMEOUT=200
PHASES="first capture"
CPUS=2

flood_loop() {
	_it=0
	while :; do
		_it=$((_it + 1))
		kc_flood_file /tmp/flood.$1.txt "w$1-$_it" 64
		kcrumbs mark --tag soak --batch 64 - </tmp/flood.$1.txt >/dev/null 2>&1 &&
			echo ok >>/tmp/flood.$1.ok
	done
}

guest_first() {
	kc_insmod nr_marks=1024
	kc_arm_kdump || return
	echo 1 >/proc/sys/kernel/sysrq
	: >/tmp/flood.1.ok
	: >/tmp/flood.2.ok
	flood_loop 1 &
	flood_loop 2 &
	sleep 5
	n1=$(wc -l </tmp/flood.1.ok)
	n2=$(wc -l </tmp/flood.2.ok)
	echo "KCDEMO: flood: $n1 and $n2 batches of 64 marks so far; sysrq-c now, the writers still running"
	[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && kc_ok "both writers are flooding ($n1, $n2 batches)" ||
		kc_not_ok "both writers are flooding ($n1, $n2 batches)"
	kc_marker crash
	echo c >/proc/sysrq-trigger
	kc_not_ok "still alive after sysrq-c"
}

guest_capture() {
	out=$(kcrumbs read --log-lines 0 2>&1)
	rc=$?
	corrupt=$(printf '%s\n' "$out" | sed -n 's/^marks: .*, \([0-9]*\) corrupt$/\1/p')
	kept=$(printf '%s\n' "$out" | sed -n 's/^marks: *\([0-9]*\) kept of .*/\1/p')
	if [ $rc = 0 ] || { [ $rc = 7 ] && [ "${corrupt:-0}" -gt 0 ]; }; then
		kc_ok "kcrumbs read exits 0, or 7 for torn marks only (exit $rc)"
	else
		kc_not_ok "kcrumbs read exits 0, or 7 for torn marks only (exit $rc)"
	fi
	kc_grep "the crash event is intact" "^event #[0-9]+: sysrq — sysrq triggered crash" "$out"
	kc_grep "... recorded by the crash_kexec hook" "recorded by the crash_kexec hook" "$out"
	kc_grep "no record slot is corrupt" "^slots: +[1-9][0-9]* of [0-9]+ used, 0 corrupt" "$out"
	if [ -n "$corrupt" ] && [ "$corrupt" -le 2 ]; then
		kc_ok "at most one torn mark per writer reported corrupt ($corrupt)"
	else
		kc_not_ok "at most one torn mark per writer reported corrupt (${corrupt:-none})"
		printf '%s\n' "$out" | grep '^CORRUPT' | head -n 10 | sed 's/^/KCTEST-OUT: /'
	fi
	set -- $(kc_marks_tally soak "$out")
	good=$1 bad=$2
	echo "KCDEMO: capture: $(printf '%s\n' "$out" | grep '^marks:'); $good decoded marks whole, $bad not"
	printf '%s\n' "$out" | grep '^CORRUPT' | head -n 4 | sed 's/^/KCDEMO: /'
	[ "$bad" = 0 ] && kc_ok "no decoded mark has wrong content" ||
		kc_not_ok "no decoded mark has wrong content ($bad)"
	# every kept mark is a flood mark: the ring (1024) is full of them
	[ "$good" = "$kept" ] && [ "$good" -ge 900 ] &&
		kc_ok "every kept mark is a whole flood mark ($good of $kept)" ||
		kc_not_ok "every kept mark is a whole flood mark ($good of $kept)"
	# both writers' marks are there, each writer's in its own order
	for w in 1 2; do
		seqs=$(printf '%s\n' "$out" | sed -n "s/^  w$w-\([0-9]*\)\.\([0-9]*\):.*/\1 \2/p")
		if [ -n "$seqs" ] && printf '%s\n' "$seqs" | awk '
			{ v = $1 * 100 + $2; if (NR > 1 && v <= last) exit 1; last = v }'; then
			kc_ok "writer $w's marks read back in the order it sent them"
		else
			kc_not_ok "writer $w's marks read back in the order it sent them"
		fi
	done
}
