# Netlink under hostile input: every command of both families
# ("kcrumbs": GET_STATUS, MARK; "kcrumbs_trigger": GET_STATUS, ARM,
# TRIGGER, LIST_TRIGGERS) sent malformed by tests/vm/tools/nlhostile.c,
# as root and as nobody. Each is refused with an error (and the extended
# ACK the kernel gives for a policy violation), nothing is stored, the
# kernel logs no WARN, BUG, oops, UBSAN or KASAN, and the module still
# answers afterwards. No case can crash: ARM is only sent malformed and
# TRIGGER only with names no crash type has.
DESC="malformed netlink for both families, as root and nobody: refused with extended ACKs, no WARN, module still answers"
TIMEOUT=150
PHASES="first"

# hostile_run WHO CMD...: run nlhostile, check its exit and its summary
hostile_run() {
	_who=$1
	shift
	_out=$("$@" 2>&1)
	_rc=$?
	printf '%s\n' "$_out" | sed "s/^/KCDEMO: $_who: /"
	if [ $_rc = 0 ]; then
		kc_ok "nlhostile as $_who: every case refused as expected"
	else
		kc_not_ok "nlhostile as $_who: every case refused as expected (exit $_rc)"
		printf '%s\n' "$_out" | grep -E 'FAIL|no longer' | sed 's/^/KCTEST-OUT: /'
	fi
	kc_grep "... as $_who: a summary with no failure" \
		"^nlhostile: uid [0-9]+: [0-9]+ cases, [0-9]+ refused as expected, 0 failed$" "$_out"
	HOSTILE_OUT=$_out
}

marks_count() {
	kcrumbs --json status | sed -n 's/.*"marks":"\([0-9]*\)".*/\1/p'
}

guest_first() {
	kc_insmod
	kc_check "nlhostile is in the image" test -x /bin/nlhostile
	before=$(marks_count)
	dmesg -c >/dev/null

	hostile_run root nlhostile
	out=$HOSTILE_OUT
	# what the kernel says, checked on a few cases (the tool checks them all)
	kc_grep "root: unknown attribute refused with its extended ACK" \
		"^case status-unknown-attr: errno EINVAL, extack 'Unknown attribute type'" "$out"
	kc_grep "root: an attribute outside the command's policy refused" \
		"^case status-unsupported-attr: errno EINVAL, extack 'Unsupported attribute'" "$out"
	kc_grep "root: a u8 where a u32 is expected refused" \
		"^case arm-seconds-u8: errno EINVAL, extack '[^']*(length|validation)[^']*'" "$out"
	kc_grep "root: ARM past its maximum refused" \
		"^case arm-seconds-over-max: errno ERANGE, extack '.+'" "$out"
	kc_grep "root: ARM without its seconds names the missing attribute" \
		"^case arm-missing-seconds: errno EINVAL, .*\(missing attribute 7\)" "$out"
	kc_grep "root: a 64 KiB mark text refused by the policy" \
		"^case mark-text-64k: errno ERANGE, extack '.+'" "$out"
	kc_grep "root: a 169-byte mark refused, nothing stored" \
		"^case mark-text-169: errno EMSGSIZE, extack 'mark text longer than 168 bytes: nothing stored'" "$out"
	kc_grep "root: 65 marks in one message refused" \
		"^case mark-batch-max-plus-1: errno E2BIG, extack 'more than 64 marks in one message'" "$out"
	kc_grep "root: a near-64 KiB batch refused" \
		"^case mark-batch-64k-message: errno E2BIG, " "$out"
	kc_grep "root: garbage inside a MARK nest refused" \
		"^case mark-nest-garbage: errno EINVAL, extack '.+'" "$out"
	kc_grep "root: a nest without NLA_F_NESTED refused" \
		"^case mark-not-nested: errno EINVAL, extack 'NLA_F_NESTED is missing'" "$out"
	kc_grep "root: an unknown crash type refused naming the known ones" \
		"^case trigger-unknown-name: errno EINVAL, extack '.*PANIC.*'" "$out"
	kc_grep "root: an unknown command refused" "^case kc-cmd-99: errno EOPNOTSUPP" "$out"
	kc_grep "root: a header cut inside the genetlink header refused" \
		"^case kc-hdr-genl-cut: errno EINVAL" "$out"
	kc_grep "root: an nlmsg_len past the end dropped, the socket still answers" \
		"^case kc-hdr-nlmsg-len-past-end: errno none \(dropped unanswered\), extack '' -> ok" "$out"

	hostile_run nobody su nobody -c nlhostile
	out=$HOSTILE_OUT
	kc_grep "nobody: MARK refused before its attributes are read" \
		"^case mark-batch-64k-message: errno EPERM" "$out"
	kc_grep "nobody: ARM refused" "^case arm-seconds-over-max: errno EPERM" "$out"
	kc_grep "nobody: TRIGGER refused" "^case trigger-unknown-name: errno EPERM" "$out"
	kc_grep "nobody: a read-only command's policy still explained" \
		"^case list-unknown-attr: errno EINVAL, extack 'Unknown attribute type'" "$out"

	log=$(dmesg)
	if printf '%s\n' "$log" | grep -Eq "WARNING:|BUG:|Oops|general protection|UBSAN|KASAN|Call Trace"; then
		kc_not_ok "no WARNING, BUG, oops, GPF, UBSAN or KASAN in the kernel log"
		printf '%s\n' "$log" | tail -n 40 | sed 's/^/KCTEST-OUT: /'
	else
		kc_ok "no WARNING, BUG, oops, GPF, UBSAN or KASAN in the kernel log"
	fi
	printf '%s\n' "$log" | tail -n 8 | sed 's/^/KCDEMO: dmesg: /'

	kc_check "the module still answers: kcrumbs status" kcrumbs status
	kc_check "the trigger module still answers: trigger --list" kcrumbs trigger --list
	after=$(marks_count)
	if [ -n "$before" ] && [ "$before" = "$after" ]; then
		kc_ok "no refused message stored a mark ($before before, $after after)"
	else
		kc_not_ok "no refused message stored a mark ($before before, $after after)"
	fi
	kc_check "kcrumbs mark ok works" kcrumbs mark ok
	n=$(marks_count)
	if [ -n "$after" ] && [ "$n" = $((after + 1)) ]; then
		kc_ok "... and status counts it ($after, then $n)"
	else
		kc_not_ok "... and status counts it ($after, then $n)"
	fi
	kc_grep "no arm window was opened" "^triggers: +not armed$" "$(kcrumbs status)"
	kc_check "both modules unload" kc_rmmod
}
