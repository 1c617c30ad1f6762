# Annotations: marks made before a crash, by root from the command line
# and standard input and by another module through the in-kernel API, are
# read back in the capture kernel in time order, text intact; an
# unprivileged mark and an over-long one are refused; a flood is cheap.
DESC="kcrumbs mark: before the crash, read back after it in order; refusals; in-kernel API"
TIMEOUT=150
PHASES="first capture"

now_ms() { awk '{ printf "%d", $1 * 1000 }' /proc/uptime; }

guest_first() {
	kc_insmod nr_marks=256
	# first a flood: 2000 marks from one process, one per message; the
	# ring keeps the newest and the kernel goes on
	i=1
	while [ $i -le 2000 ]; do echo "flood $i"; i=$((i + 1)); done >/tmp/flood
	s=$(now_ms)
	kc_check "a flood of 2000 marks, one per message" sh -c 'kcrumbs mark --batch 1 - </tmp/flood'
	echo "KCTEST-INFO: 2000 marks, one per message, took $(( $(now_ms) - s )) ms"
	out=$(kcrumbs --json status)
	kc_grep "... counted, the oldest overwritten" '"mark_ring":256,"marks":"2000","marks_overwritten":"1744"' "$out"
	kc_check "the kernel still answers after the flood" kcrumbs status

	kc_check "mark with a tag" kcrumbs mark --tag deploy deploy 4512 started
	i=1
	while [ $i -le 100 ]; do echo "line $i of 100"; i=$((i + 1)); done >/tmp/lines
	kc_check "100 lines from standard input (two batches)" sh -c 'kcrumbs mark --tag fio - </tmp/lines'
	kc_check "bytes that are not text" sh -c "printf 'bin\\001\\377x\\\\\\n' | kcrumbs mark -"
	kc_check "the example module loads and marks (process context and irq_work)" \
		insmod /lib/modules/kcrumbs_example.ko
	kc_check "the example module marks on request" \
		sh -c 'echo "example asked by the test" >/sys/module/kcrumbs_example/parameters/mark'

	long=$(printf '%0200d' 7)
	kc_check_exit "a 200-byte mark is refused" 1 kcrumbs mark "$long"
	out=$(kcrumbs mark "$long" 2>&1)
	kc_grep "... with the kernel's extended ACK" \
		"kernel reports: mark text longer than 168 bytes: nothing stored" "$out"
	kc_check_exit "mark as nobody is refused (exit 4)" 4 su nobody -c "kcrumbs mark hello"
	out=$(su nobody -c "kcrumbs mark hello" 2>&1)
	kc_grep "... saying why" "CAP_NET_ADMIN|permission|root" "$out"
	kc_check_exit "a 16-byte tag is a usage error" 2 kcrumbs mark --tag 0123456789abcdef x

	out=$(kcrumbs status)
	kc_grep "status counts the marks" "^marks: +2105 written, 1849 overwritten \(ring of 256\)" "$out"
	kc_grep "status shows the hooks armed" "^hooks: +die, crash_kexec, panic, nmi" "$out"
	kc_grep "status shows the region" "^region: +dynamic, [0-9]+ bytes at 0x" "$out"
	echo "$out" | sed 's/^/KCDOC status: /'
	out=$(su nobody -c "kcrumbs status")
	kc_grep "... but not its address to nobody" "^region: +dynamic, [0-9]+ bytes \(address: root only\)" "$out"
	kc_check "a last mark, just before the crash" kcrumbs mark --tag last "about to crash"

	kc_arm_kdump || return
	kc_marker crash
	echo c >/proc/sysrq-trigger
	kc_not_ok "still alive after sysrq-c"
}

# line numbers in $out of each extended regex, in order, must increase
in_order() {
	_last=0
	for _re in "$@"; do
		_n=$(printf '%s\n' "$out" | grep -n -E -- "$_re" | head -n 1 | cut -d: -f1)
		[ -n "$_n" ] && [ "$_n" -gt "$_last" ] || return 1
		_last=$_n
	done
}

guest_capture() {
	out=$(kcrumbs read --log-lines 0 2>&1)
	kc_check "kcrumbs read exits 0" kcrumbs read
	kc_grep "the ring kept the newest 256 of 2106 marks" "^marks: +256 kept of 2106 made \(ring of 256\), 0 corrupt" "$out"
	kc_grep "the tagged mark, text intact" "^mark #2000 \[deploy\]: " "$out"
	kc_grep "... its text" "^  deploy 4512 started$" "$out"
	kc_grep "standard input's lines, one mark each" "^  line 100 of 100$" "$out"
	kc_grep "odd bytes escaped" '^  bin\\x01\\xffx\\\\$' "$out"
	kc_grep "the example module's mark, from the kernel" "^mark #[0-9]+ \[example\]: .*, from the kernel$" "$out"
	kc_grep "... its text" "^  kcrumbs_example loaded on CPU 0$" "$out"
	kc_grep "... and one from a hard interrupt" ", from the kernel, in interrupt$" "$out"
	kc_grep "... and one on request" "^  example asked by the test$" "$out"
	kc_grep "the last mark" "^  about to crash$" "$out"
	if in_order "^  flood 2000$" "^  deploy 4512 started$" "^  line 1 of 100$" \
		"^  line 2 of 100$" "^  line 100 of 100$" "^  kcrumbs_example loaded" \
		"^  example asked by the test$" "^  about to crash$" "^event #[0-9]+: sysrq"; then
		kc_ok "marks and the crash event in time order"
	else
		kc_not_ok "marks and the crash event in time order"
	fi
	n=$(printf '%s\n' "$out" | grep -c '^  line [0-9]* of 100$')
	[ "$n" = 100 ] && kc_ok "all 100 lines read back" || kc_not_ok "all 100 lines read back ($n)"
	out=$(kcrumbs --json read)
	kc_grep "JSON: a mark with its tag and text" '"tag":"deploy","mono_ns":"[0-9]+","boot_ns":"[0-9]+","wall_ns":"[0-9]+","wall":"20[0-9-]{8}T[0-9:.]{12}Z","from_kernel":false,"in_nmi":false,"in_irq":false,"truncated":false,"text":"deploy 4512 started"' "$out"
	kc_grep "JSON: odd bytes also as hex" '"text_hex":"62696e01ff785c"' "$out"
	kcrumbs read --log-lines 0 2>&1 | grep -v -E '^  flood |^mark #1[0-9]{3}: ' |
		sed 's/^/KCDOC read-marks: /' | head -n 80
}
