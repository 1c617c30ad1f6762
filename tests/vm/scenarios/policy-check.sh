# Panic policy and kdump readiness on a real kernel: profiles applied and
# read back from /proc/sys, all or nothing (with a write the kernel
# refuses), root only, --persist written once; `kcrumbs check` fails with
# no capture kernel loaded, saying why, and passes once one is.
DESC="policy apply/set/diff/--persist and check, armed and not"
TIMEOUT=120
PHASES="first"

knob() { cat "/proc/sys/kernel/$1"; }

# kc_knob_is DESC FILE VALUE: /proc/sys/FILE reads VALUE.
kc_knob_is() {
	_v=$(cat "/proc/sys/$2")
	[ "$_v" = "$3" ] && kc_ok "$1" || kc_not_ok "$1 (/proc/sys/$2 is $_v, wanted $3)"
}

# Differences from a profile, leaving out nmi_watchdog: without a CPU PMU
# (TCG) the kernel refuses to turn it on, and the profiles say '-'.
diffs() {
	kcrumbs policy diff "$1" | grep -- '^  .* -> ' | grep -vc nmi_watchdog
}

guest_first() {
	kc_insmod
	out=$(kcrumbs check 2>&1)
	kc_check_exit "check exits 1 with no capture kernel loaded" 1 kcrumbs check
	kc_grep "... saying why" "^fail  capture kernel loaded: no \(/sys/kernel/kexec_crash_loaded is 0\)" "$out"
	kc_grep "... and what fixes it" "fix: kdump-config load" "$out"
	kc_grep "it sees crashkernel= on the command line" \
		"^ok    crashkernel= on the kernel command line: crashkernel=256M" "$out"
	kc_grep "it sees the reservation in /proc/iomem" \
		"^ok    memory reserved for the capture kernel: 256 MiB at 0x" "$out"
	kc_grep "it reads the kernel's config" "^ok    kernel built for kdump: KEXEC, CRASH_DUMP, PROC_VMCORE set \(/boot/config-" "$out"
	kc_grep "it says kdump is not armed" "kdump is NOT armed" "$out"
	echo "$out" | sed 's/^/KCDOC check-unarmed: /'

	out=$(kcrumbs policy show)
	kc_grep "policy show lists panic_on_oops with the kdump column" \
		"^kernel.panic_on_oops +0 +1 " "$out"
	kc_grep "... and the boot parameter" "^crash_kexec_post_notifiers +N " "$out"
	kc_check_exit "policy diff qa on the defaults exits 1" 1 kcrumbs policy diff qa
	kc_check "policy apply qa" kcrumbs policy apply qa
	kc_knob_is "qa: panic_on_oops reads back 1" kernel/panic_on_oops 1
	kc_knob_is "qa: panic_on_warn reads back 1" kernel/panic_on_warn 1
	kc_knob_is "qa: hung_task_panic reads back 1" kernel/hung_task_panic 1
	kc_knob_is "qa: softlockup_panic reads back 1" kernel/softlockup_panic 1
	kc_knob_is "qa: unknown_nmi_panic reads back 1" kernel/unknown_nmi_panic 1
	kc_knob_is "qa: vm.panic_on_oom reads back 1" vm/panic_on_oom 1
	kc_knob_is "qa: sysrq reads back 1" kernel/sysrq 1
	kc_knob_is "qa: panic_print 0x4f reads back 79" kernel/panic_print 79
	n=$(diffs qa)
	[ "$n" = 0 ] && kc_ok "policy diff qa now finds no difference" ||
		kc_not_ok "policy diff qa now finds no difference ($n)"

	kc_check_exit "set with a value out of range: usage error" 2 \
		kcrumbs policy set kernel.panic=3 kernel.panic_on_oops=5
	out=$(kcrumbs policy set kernel.panic=3 kernel.panic_on_oops=5 2>&1)
	kc_grep "... naming the knob and why" "kernel.panic_on_oops: 5 is out of range 0..1" "$out"
	kc_knob_is "... and nothing was written" kernel/panic 0
	if [ "$(knob nmi_watchdog)" = 0 ] && [ ! -e /sys/bus/event_source/devices/cpu ]; then
		# the kernel refuses nmi_watchdog=1 here: a real failed write
		out=$(kcrumbs policy set kernel.panic=7 kernel.nmi_watchdog=1 2>&1)
		kc_grep "a write the kernel refuses is reported" \
			"kernel.nmi_watchdog: cannot write 1 to /proc/sys/kernel/nmi_watchdog" "$out"
		kc_grep "... and what was written before it is rolled back" "nothing changed" "$out"
		kc_knob_is "... kernel.panic is back to 0" kernel/panic 0
	fi
	kc_check_exit "policy set as nobody: refused (exit 4)" 4 \
		su nobody -c "kcrumbs policy set kernel.panic=9"
	out=$(su nobody -c "kcrumbs policy set kernel.panic=9" 2>&1)
	kc_grep "... saying it needs root" "needs root" "$out"
	kc_knob_is "... and kernel.panic is unchanged" kernel/panic 0

	rm -f /etc/sysctl.d/90-kcrumbs.conf
	out=$(kcrumbs policy apply kdump --persist)
	kc_grep "apply kdump --persist writes the drop-in" "^Wrote /etc/sysctl.d/90-kcrumbs.conf" "$out"
	echo "$out" | sed 's/^/KCDOC apply-kdump: /'
	if [ ! -e /sys/bus/event_source/devices/cpu ]; then
		kc_grep "... a write the kernel refuses, with '-', is shown skipped" \
			"^  kernel.nmi_watchdog +0 \(wanted 1: refused, skipped\)" "$out"
		# the kernel's reason: 6.1 and 7.2 refuse the write (ENOTSUPP);
		# 6.12 makes the knob read-only (0444) when there is no NMI
		# watchdog to turn on, so the write fails with EACCES, root or not
		if [ "$(stat -c %a /proc/sys/kernel/nmi_watchdog)" = 444 ]; then
			why="Permission denied"
		else
			why="not supported by this kernel or machine"
		fi
		kc_grep "... with the kernel's reason in words ($why)" \
			"kernel.nmi_watchdog: cannot write 1 \($why\), skipped" "$out"
	fi
	d=$(cat /etc/sysctl.d/90-kcrumbs.conf)
	kc_grep "... with a header saying what wrote it and when" \
		"^# Written by kcrumbs .* \('kcrumbs policy apply kdump --persist'\) on 20" "$d"
	kc_grep "... and the profile's values" "^kernel.panic_on_oops = 1$" "$d"
	kc_grep "... '-' kept for knobs a kernel may lack" "^-kernel.hardlockup_panic = 1$" "$d"
	sum=$(md5sum /etc/sysctl.d/90-kcrumbs.conf)
	sleep 1
	out=$(kcrumbs policy apply kdump --persist)
	kc_grep "a second run says the drop-in is unchanged" "^Unchanged: /etc/sysctl.d/90-kcrumbs.conf" "$out"
	[ "$(md5sum /etc/sysctl.d/90-kcrumbs.conf)" = "$sum" ] &&
		kc_ok "... and leaves the file as it was" || kc_not_ok "... and leaves the file as it was"
	kc_check "apply default" kcrumbs policy apply default
	kc_knob_is "default: panic_on_oops back to 0" kernel/panic_on_oops 0
	kc_check "the drop-in applies as a profile" kcrumbs policy apply /etc/sysctl.d/90-kcrumbs.conf
	n=$(diffs kdump)
	[ "$n" = 0 ] && kc_ok "... giving profile kdump's values" ||
		kc_not_ok "... giving profile kdump's values ($n differ)"
	out=$(kcrumbs policy show)
	kc_grep "policy show compares with the persisted profile" "^KNOB +NOW +kdump " "$out"
	echo "$out" | sed 's/^/KCDOC policy-show: /'

	out=$(kcrumbs crashkernel)
	kc_grep "crashkernel reads the command line's value" \
		"^spec: +crashkernel=256M \(/proc/cmdline\)" "$out"
	kc_grep "... which reserves 256 MiB here" "^reserves: +256 MiB" "$out"
	kc_grep "... and sees the reservation" "^reserved now: 256 MiB" "$out"
	echo "$out" | sed 's/^/KCDOC crashkernel: /'
	kc_check_exit "crashkernel with a malformed value: usage error" 2 \
		kcrumbs crashkernel 256Q
	kc_arm_kdump || return
	kc_check "check exits 0 with a capture kernel loaded" kcrumbs check
	out=$(kcrumbs check)
	kc_grep "... saying kdump is armed" "^kdump is armed: a crash now would be captured" "$out"
	kc_grep "... and it saw the capture kernel" "^ok    capture kernel loaded: yes" "$out"
	echo "$out" | sed 's/^/KCDOC check-armed: /'
	out=$(kcrumbs --json check)
	kc_grep "check --json says ready" '^\{"schema":1,"ready":true,' "$out"
	kc_check "check as nobody agrees (addresses hidden, sizes not)" \
		su nobody -c "kcrumbs check"
}
