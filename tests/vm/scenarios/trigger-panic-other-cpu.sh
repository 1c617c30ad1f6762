# kcrumbs trigger PANIC_OTHER_CPU_IRQOFF: a kernel thread bound to the
# other CPU spins with interrupts off; once it spins, this CPU panics.
# Before kexec, kdump stops the other CPUs with an NMI (interrupts off do
# not keep it out), each saving its registers into its crash note: the
# capture kernel's /proc/vmcore then holds one NT_PRSTATUS note per CPU.
# First, with the second CPU offline, the module refuses the type with a
# reason and trigger --list says it cannot run here.
DESC="trigger PANIC_OTHER_CPU_IRQOFF: kdump's NMI stops a CPU spinning with interrupts off; refused on one CPU"
TIMEOUT=150
PHASES="first capture"
CPUS=2

# The NT_PRSTATUS notes ("CORE", type 1) in the vmcore's first 64 KiB,
# where its ELF headers and notes are.
prstatus_notes() {
	head -c 65536 /proc/vmcore | od -An -v -tx1 | tr -d '\n' |
		grep -o -E '05 00 00 00 .. .. 00 00 01 00 00 00 43 4f 52 45 00' | wc -l
}

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	kc_check "2 CPUs online" test "$(nproc)" = 2
	kc_check "CPU 1 taken offline" sh -c 'echo 0 >/sys/devices/system/cpu/cpu1/online'
	out=$(kcrumbs trigger --list 2>&1)
	printf '%s\n' "$out" | grep -A1 "^PANIC_OTHER_CPU_IRQOFF " |
		grep -q "cannot run here: it needs 2 online CPUs and 1 is online.*\[unavailable: online CPUs\]" &&
		kc_ok "--list on one CPU: PANIC_OTHER_CPU_IRQOFF cannot run here, and why" ||
		kc_not_ok "--list on one CPU: PANIC_OTHER_CPU_IRQOFF cannot run here, and why"
	out=$(kcrumbs --json trigger --list 2>&1)
	kc_grep "--json --list: outcome unavailable, min_cpus 2" \
		'"name":"PANIC_OTHER_CPU_IRQOFF",[^}]*"outcome":"unavailable","decided_by":"online CPUs",[^}]*"min_cpus":2}' "$out"
	out=$(kcrumbs trigger PANIC_OTHER_CPU_IRQOFF --yes 2>&1)
	rc=$?
	kc_check "the module refuses it on one CPU (exit 5)" test "$rc" = 5
	kc_grep "the refusal says why (extended ACK)" \
		"kernel reports: PANIC_OTHER_CPU_IRQOFF needs 2 online CPUs and 1 is online: it cannot run here" "$out"
	kc_check "CPU 1 back online" sh -c 'echo 1 >/sys/devices/system/cpu/cpu1/online'
	kc_check "2 CPUs online again" test "$(nproc)" = 2
	out=$(kcrumbs trigger --list 2>&1)
	printf '%s\n' "$out" | grep -A1 "^PANIC_OTHER_CPU_IRQOFF " | grep -q "\[capture: always\]" &&
		kc_ok "--list on two CPUs: PANIC_OTHER_CPU_IRQOFF is captured" ||
		kc_not_ok "--list on two CPUs: PANIC_OTHER_CPU_IRQOFF is captured"
	kc_marker crash
	kcrumbs trigger PANIC_OTHER_CPU_IRQOFF --yes
	sleep 30
	kc_not_ok "still alive 30 s after triggering PANIC_OTHER_CPU_IRQOFF"
}

guest_capture() {
	kc_vmcore_log_has "kcrumbs_trigger: trigger PANIC_OTHER_CPU_IRQOFF" \
		"Kernel panic - not syncing: kcrumbs: PANIC_OTHER_CPU_IRQOFF trigger on CPU [01], CPU [01] spins with interrupts off"
	n=$(prstatus_notes)
	kc_check "vmcore: an NT_PRSTATUS note from each of the 2 CPUs (found $n)" test "$n" = 2
	kc_read_has "^event #[0-9]+: panic — kcrumbs: PANIC_OTHER_CPU_IRQOFF trigger on CPU [01], CPU [01] spins with interrupts off" \
		"recorded by the crash_kexec hook" \
		"^    kcrumbs_PANIC_OTHER_CPU_IRQOFF(\\.cold)?\\+0x"
	kc_read_events 1
	kc_culprit_is "kcrumbs_PANIC_OTHER_CPU_IRQOFF"
}
