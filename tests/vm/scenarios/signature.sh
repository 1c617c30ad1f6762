# Crash signatures (issue 15): the same bug gives the same signature on
# another boot (KASLR moves every address), two different bugs give two.
# Reserved mode, no crash kernel: each panic reboots warm (panic=1) and
# the next boot reads the previous one's region. What a boot learned is
# carried to the next in a mark ("sig=..."), the region being all that
# survives in this VM.
DESC="one signature for the same trigger on two boots, another for another trigger; titles syzbot-style"
TIMEOUT=240
PHASES="first second third fourth"
REBOOT=1
APPEND='memmap=1M$0x30000000 panic=1'

guest_phase() {
	insmod /lib/modules/kcrumbs.ko mem_address=0x30000000 mem_size=0x100000 \
		>/tmp/insmod.log 2>&1
	if [ ! -e /sys/kernel/kcrumbs/previous ]; then
		echo first
	else
		kcrumbs --json read --previous --log-lines 0 2>/dev/null |
			grep -o '"text":"next=[a-z]*"' | tail -n 1 | sed 's/.*next=\([a-z]*\)"/\1/'
	fi
}

# the crash's signature and title in the previous boot's region
prev_sig() {
	kcrumbs --json last-boot 2>/dev/null | grep -o '"signature":"[0-9a-f]*"' |
		sed 's/.*:"\(.*\)"/\1/'
}
prev_mark() {
	kcrumbs --json read --previous --log-lines 0 2>/dev/null |
		grep -o "\"text\":\"$1=[0-9a-f]*\"" | tail -n 1 | sed 's/.*=\([0-9a-f]*\)"/\1/'
}

crash() {
	kc_insmod_trigger
	kcrumbs mark "next=$1" >/dev/null
	[ -n "$3" ] && kcrumbs mark "$3" >/dev/null
	sysctl -qw kernel.panic_on_oops=1
	kc_marker crash
	kcrumbs trigger "$2" --yes --force
	sleep 30
	kc_not_ok "still alive after $2"
}

guest_first() {
	crash second PANIC
}

guest_second() {
	s1=$(prev_sig)
	kc_check "boot 1's PANIC has a signature ($s1)" sh -c "echo '$s1' | grep -Eq '^[0-9a-f]{16}$'"
	out=$(kcrumbs last-boot 2>&1)
	printf '%s\n' "$out" | sed 's/^/KCDOC last-boot-signature: /'
	kc_grep "last-boot shows the title, with the function, no address" \
		"kcrumbs: PANIC trigger in kcrumbs_PANIC" "$out"
	kc_grep "... and the signature" "$s1" "$out"
	crash third PANIC "sig=$s1"
}

guest_third() {
	s1=$(prev_mark sig)
	s2=$(prev_sig)
	kc_check "the same trigger on another boot: the same signature ($s1, $s2)" \
		test -n "$s1" -a "$s1" = "$s2"
	crash fourth EXCEPTION "sig=$s1"
}

guest_fourth() {
	s1=$(prev_mark sig)
	s3=$(prev_sig)
	kc_check "another trigger: another signature ($s1, $s3)" \
		test -n "$s3" -a "$s1" != "$s3"
	out=$(kcrumbs read --previous --log-lines 0 2>&1)
	printf '%s\n' "$out" | sed 's/^/KCDOC read-signature: /'
	kc_grep "the oops' title: its first line and the function" \
		"BUG: kernel NULL pointer dereference in kcrumbs_null_deref" "$out"
}
