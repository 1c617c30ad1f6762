# kcrumbs trigger MCE_INJECT: a fatal machine check through the kernel's
# own injector, mce-inject (debugfs), fired by the CLI itself (no trigger
# module). --list says why it cannot run while mce-inject is absent (this
# image has no modules.dep), and that it is captured once insmod loaded it.
# The CLI runs on CPU 0 and injects there (flags hw, status VAL|UC|EN|PCC,
# bank 1): QEMU's vCPU is AMD's, where every machine check is local, so
# do_machine_check() panics at once ("Fatal local machine check"), in the
# CLI's own write of bank. In the capture kernel: the event, cause mce,
# its culprit trigger_mce (mce-inject's int $18), and the machine check
# mce_panic() printed, decoded, with the status injected.
DESC="trigger MCE_INJECT: a fatal machine check through mce-inject is the crash, cause mce, culprit trigger_mce, its status decoded"
TIMEOUT=240
PHASES="first capture"
CPUS=2

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	out=$(kcrumbs trigger --list 2>&1)
	printf '%s\n' "$out" | grep -A1 '^MCE_INJECT ' | sed 's/^/KCDOC list-without: /'
	kc_grep "--list without mce-inject: MCE_INJECT cannot run here, and why" \
		"now: cannot run here: this kernel has no mce-inject module \(CONFIG_X86_MCE_INJECT\).*\[unavailable: mce-inject\]" "$out"
	out=$(kcrumbs trigger MCE_INJECT --yes 2>&1)
	kc_grep "trigger MCE_INJECT without mce-inject fails, saying why" \
		"kcrumbs: MCE_INJECT cannot run here: this kernel has no mce-inject module" "$out"
	kc_check "insmod mce-inject.ko" insmod /lib/modules/peer/mce-inject.ko
	out=$(kcrumbs trigger --list 2>&1)
	printf '%s\n' "$out" | grep -A1 '^MCE_INJECT ' | sed 's/^/KCDOC list-with: /'
	printf '%s\n' "$out" | grep -A1 "^MCE_INJECT " | grep -q "\[capture: always\]" &&
		kc_ok "--list with mce-inject: MCE_INJECT panics into the capture kernel" ||
		kc_not_ok "--list with mce-inject: MCE_INJECT panics into the capture kernel"
	json=$(kcrumbs --json trigger --list 2>&1)
	kc_grep "--json: needs no trigger module, outcome capture" \
		'"name":"MCE_INJECT","category":"mce",[^}]*"needs_module":false,"outcome":"capture"' "$json"
	kc_check "--list put mce-inject's mode back after asking for hw" \
		test "$(cat /sys/kernel/debug/mce-inject/flags)" = sw
	kc_marker crash
	kcrumbs trigger MCE_INJECT --yes
	sleep 60
	kc_not_ok "still alive 60 s after trigger MCE_INJECT"
}

guest_capture() {
	kc_vmcore_log_has "mce: \[Hardware Error\]: CPU 0: Machine Check Exception: [0-9a-f]+ Bank 1: b200000000000001" \
		"mce: \[Hardware Error\]: RIP 10:<[0-9a-f]+> \{trigger_mce\+0x" \
		"Machine check: Processor Context Corrupt" \
		"Kernel panic - not syncing: Fatal local machine check"
	kc_read_has "^event #[0-9]+: mce — Fatal local machine check" \
		"cpu 0, pid [0-9]+ \(kcrumbs\)" \
		"^    trigger_mce\+0x[0-9a-f]+/0x[0-9a-f]+ \[mce_inject\]" \
		"^    inj_bank_set\+0x" \
		"^machine check \(from the crash's log\): CPU 0 bank 1: uncorrected, processor context corrupt — status 0xb200000000000001" \
		"error 0x0001: unclassified error"
	kc_read_events 1
	out=$(kcrumbs read --log-lines 0 2>&1)
	printf '%s\n' "$out" | sed -n '/^event #/,/^  system/p;/^machine check/,/^$/p' |
		sed 's/^/KCDOC read-mce-inject: /'
	json=$(kcrumbs --json read --log-lines 0 2>&1)
	kc_grep "JSON: the event's cause is mce" '"cause":"mce","message":"Fatal local machine check"' "$json"
	kc_grep "JSON: its culprit is trigger_mce" '"culprit":"trigger_mce"' "$json"
	kc_grep "JSON: the machine check's status, decoded" \
		'"status":"0xb200000000000001","status_bits":\["valid","uncorrected","processor_context_corrupt","enabled"\]' "$json"
	printf '%s\n' "$json" | grep -o '"cause":"[^"]*","message":"[^"]*"\|"culprit":"[^"]*"' |
		sed 's/^/KCDOC json-mce-inject: /'
}
