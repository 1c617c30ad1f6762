# Guest-side helpers for kcrumbs VM scenarios (busybox sh).
# Every line the host reads starts with "KCTEST".

KC_N=0
KC_FAILED=0

kc_cmdline_arg() {
	# value of NAME=... on the kernel command line
	sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" /proc/cmdline |
		head -n 1
}

kc_ok() {
	KC_N=$((KC_N + 1))
	echo "KCTEST: ok $KC_N - $*"
}

kc_not_ok() {
	KC_N=$((KC_N + 1))
	KC_FAILED=$((KC_FAILED + 1))
	echo "KCTEST: not ok $KC_N - $*"
}

# kc_check DESC CMD...: ok when CMD exits 0; its output is shown on failure.
kc_check() {
	_desc=$1
	shift
	if _out=$("$@" 2>&1); then
		kc_ok "$_desc"
	else
		kc_not_ok "$_desc (exit $?)"
		echo "$_out" | sed 's/^/KCTEST-OUT: /'
	fi
}

# kc_check_fails DESC EXPECTED_EXIT CMD...: ok when CMD exits EXPECTED_EXIT.
kc_check_exit() {
	_desc=$1
	_want=$2
	shift 2
	_out=$("$@" 2>&1)
	_rc=$?
	if [ "$_rc" = "$_want" ]; then
		kc_ok "$_desc"
	else
		kc_not_ok "$_desc (exit $_rc, wanted $_want)"
		echo "$_out" | sed 's/^/KCTEST-OUT: /'
	fi
}

# kc_grep DESC PATTERN TEXT: ok when the extended regex PATTERN is in TEXT.
kc_grep() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		kc_ok "$1"
	else
		kc_not_ok "$1 (no /$2/)"
		printf '%s\n' "$3" | tail -n 20 | sed 's/^/KCTEST-OUT: /'
	fi
}

# kc_culprit_is "F1|F2": the crash's event (not a trail) names one of these
# functions as its culprit: what `kcrumbs qa` expects of the type
# (userspace/qa_plan.c), so that a qa run judges it passed
kc_culprit_is() {
	_c=$(kcrumbs read --json --log-lines 0 2>/dev/null |
		grep -o '"culprit":"[^"]*","trail":false' | head -n 1 |
		sed 's/^"culprit":"//; s/",.*//')
	case "|$1|" in
	*"|$_c|"*)
		[ -n "$_c" ] && { kc_ok "the crash's culprit is $_c (kcrumbs qa expects $1)"; return; } ;;
	esac
	kc_not_ok "the crash's culprit is ${_c:-none}; kcrumbs qa expects $1"
}

# kc_arm_kdump: load this kernel and this image as the capture kernel; with
# the module loaded, tell it where the region is (as kdump-args would).
kc_arm_kdump() {
	_region=""
	[ -e /sys/module/kcrumbs ] && _region=$(kcrumbs kdump-args --raw)
	kexec -p /boot/vmlinuz --initrd=/boot/capture.img \
		--append="console=ttyS0 irqpoll nr_cpus=1 reset_devices panic=1 kctest=$KC_SCENARIO $_region" \
		>/tmp/kexec.log 2>&1
	_rc=$?
	if [ $_rc = 0 ] && [ "$(cat /sys/kernel/kexec_crash_loaded)" = 1 ]; then
		kc_ok "capture kernel loaded (kexec -p)"
		return 0
	fi
	kc_not_ok "capture kernel loaded (kexec -p exit $_rc)"
	sed 's/^/KCTEST-OUT: /' /tmp/kexec.log
	return 1
}

kc_insmod() {
	kc_check "insmod kcrumbs.ko${*:+ $*}" insmod /lib/modules/kcrumbs.ko "$@"
	kc_insmod_trigger
}

# kc_insmod_trigger: the crash triggers' module (after kcrumbs.ko: it
# uses kcrumbs' self-test symbol).
kc_insmod_trigger() {
	kc_check "insmod kcrumbs_trigger.ko" insmod /lib/modules/kcrumbs_trigger.ko
}

# kc_rmmod: unload both modules, the trigger module first (it depends on
# kcrumbs.ko); ok when kcrumbs.ko is gone.
kc_rmmod() {
	[ -e /sys/module/kcrumbs_trigger ] && rmmod kcrumbs_trigger
	rmmod kcrumbs
}

# kc_insmod_quiet ARGS...: load kcrumbs.ko with ARGS (and the trigger
# module, where the image has one) and print nothing: for guest_phase,
# whose output is the phase's name.
kc_insmod_quiet() {
	insmod /lib/modules/kcrumbs.ko "$@" >/tmp/insmod.log 2>&1
	if [ -f /lib/modules/kcrumbs_trigger.ko ]; then
		insmod /lib/modules/kcrumbs_trigger.ko >>/tmp/insmod.log 2>&1
	fi
	return 0
}

# kc_reserved_phase ARGS...: the phase of a reserved-mode scenario that
# crashes into the capture kernel and warm-reboots from it: "capture"
# where /proc/vmcore exists; else kcrumbs.ko is loaded with ARGS and the
# phase is "after" when it kept a previous boot's region, "first" when not.
kc_reserved_phase() {
	if [ -e /proc/vmcore ]; then
		echo capture
		return
	fi
	insmod /lib/modules/kcrumbs.ko "$@" >/tmp/insmod.log 2>&1
	if [ -e /sys/kernel/kcrumbs/previous ]; then echo after; else echo first; fi
}

# kc_marker WORD: tell the host to act now (see host_action in scenarios).
kc_marker() {
	echo "KCTEST-MARK: $1"
}

kc_done() {
	echo "KCTEST-DONE: phase=$KC_PHASE tests=$KC_N failed=$KC_FAILED"
	sync
	poweroff -f
	echo o >/proc/sysrq-trigger
}

kc_main() {
	KC_SCENARIO=$(kc_cmdline_arg kctest)
	if [ -e /proc/vmcore ]; then
		KC_PHASE=capture
	else
		KC_PHASE=first
	fi
	if [ -z "$KC_SCENARIO" ] || [ ! -f "/tests/scenarios/$KC_SCENARIO.sh" ]; then
		echo "KCTEST-PHASE: $KC_PHASE scenario=$KC_SCENARIO kernel=$(uname -r)"
		kc_not_ok "scenario '$KC_SCENARIO' exists in the image"
		kc_done
	fi
	. "/tests/scenarios/$KC_SCENARIO.sh"
	# a scenario that reboots names its own phases
	command -v guest_phase >/dev/null 2>&1 && KC_PHASE=$(guest_phase)
	echo "KCTEST-PHASE: $KC_PHASE scenario=$KC_SCENARIO kernel=$(uname -r)"
	"guest_$KC_PHASE"
	kc_done
}

# kc_report_crash LOG: for a person, the crash as the dump tells it: the
# panic or oops line, who was running, and the reliable frames of the
# call trace (the "?" guesses dropped). Printed as KCDEMO lines.
kc_report_crash() {
	printf '%s\n' "$1" | awk '
		/Kernel panic - not syncing|BUG: |Oops: |NMI received/ { p = 1 }
		p && /Call Trace:/ { t = 1; print; next }
		p && !t && !/Hardware name/ { print }
		t && /\] +[A-Za-z_][A-Za-z0-9_.]*\+0x/ && !/\] +\? / { print }
		t && (/<\/TASK>/ || /RIP: 0033/ || /entry_SYSCALL/) { exit }' |
		sed 's/^/KCDEMO:   /'
}

# kc_crash_with TYPE [SYSCTL=VALUE...]: load kcrumbs, arm kdump, set the
# panic policy the crash type needs, and fire it with the CLI. The capture
# kernel takes over from here; returning means the crash did not happen.
kc_crash_with() {
	_type=$1
	shift
	kc_insmod
	kc_arm_kdump || return
	for _kv in "$@"; do
		kc_check "sysctl $_kv" sysctl -w "$_kv"
	done
	_out=$(kcrumbs trigger --list 2>&1)
	kc_grep "trigger --list says $_type panics into the capture kernel" \
		"^$_type .*" "$_out"
	printf '%s\n' "$_out" | grep -A1 "^$_type " | grep -q "\[capture:" &&
		kc_ok "$_type outcome is capture under this policy" ||
		kc_not_ok "$_type outcome is capture under this policy"
	kc_marker crash
	kcrumbs trigger "$_type" --yes
	sleep "${KC_CRASH_WAIT:-60}"
	kc_not_ok "still alive ${KC_CRASH_WAIT:-60} s after triggering $_type"
}

# kc_vmcore_log_has DESC REGEX...: each REGEX is in the crashed kernel's log.
kc_vmcore_log_has() {
	_log=$(vmcore-dmesg /proc/vmcore 2>&1)
	for _re in "$@"; do
		kc_grep "vmcore log: /$_re/" "$_re" "$_log"
	done
	kc_report_crash "$_log"
}

# kc_read_has DESC REGEX...: `kcrumbs read` in the capture kernel exits 0
# and its text holds each REGEX.
kc_read_has() {
	_out=$(kcrumbs read --log-lines 0 2>&1)
	_rc=$?
	if [ $_rc = 0 ]; then
		kc_ok "kcrumbs read exits 0"
	else
		kc_not_ok "kcrumbs read exits 0 (exit $_rc)"
	fi
	for _re in "$@"; do
		kc_grep "kcrumbs read: /$_re/" "$_re" "$_out"
	done
	kcrumbs read --log-lines 6 2>&1 | sed 's/^/KCDEMO:   /'
}

# kc_read_events N: `kcrumbs read` shows exactly N events (one crash seen
# by several hooks is still one event).
kc_read_events() {
	_n=$(kcrumbs read --log-lines 1 2>/dev/null | grep -c '^event #')
	if [ "$_n" = "$1" ]; then
		kc_ok "exactly $1 event(s) recorded"
	else
		kc_not_ok "exactly $1 event(s) recorded (found $_n)"
	fi
}

# kc_kernel_at_least MAJOR MINOR: the running kernel is MAJOR.MINOR or newer.
kc_kernel_at_least() {
	_v=$(uname -r)
	_maj=${_v%%.*}
	_min=${_v#*.}
	_min=${_min%%[!0-9]*}
	[ "$_maj" -gt "$1" ] || { [ "$_maj" = "$1" ] && [ "$_min" -ge "$2" ]; }
}

# kc_warn_re FUNC: a regex for the kernel's WARNING line of a WARN() in
# FUNC. Its format changed between 6.12 and 7.2:
#   6.1, 6.12: WARNING: CPU: 0 PID: 116 at module/trigger_bugs.c:30 kcrumbs_WARNING+0x10/0x20 [kcrumbs_trigger]
#   7.2:       WARNING: module/trigger_bugs.c:30 at kcrumbs_WARNING+0x10/0x20 [kcrumbs_trigger], CPU#0: kcrumbs-crash/116
# Kernels in between, not tested, may print either.
kc_warn_re() {
	_old="WARNING: CPU: [0-9]+ PID: [0-9]+ at .*$1\\+0x"
	_new="WARNING: [^ ]+:[0-9]+ at $1\\+0x[0-9a-f]+/0x[0-9a-f]+ .*, CPU#[0-9]+: [^ ]+/[0-9]+"
	if kc_kernel_at_least 7 2; then
		echo "$_new"
	elif kc_kernel_at_least 6 13; then
		echo "($_old|$_new)"
	else
		echo "$_old"
	fi
}

# kc_flood_file FILE PREFIX N: N self-checking mark texts, one a line:
# PREFIX.N:<fixed filler>:PREFIX.N (the soak scenarios' mark floods)
kc_flood_file() {
	_l=1
	while [ $_l -le "$3" ]; do
		echo "$2.$_l:the-quick-brown-fox-jumps-over-the-lazy-dog-0123456789:$2.$_l"
		_l=$((_l + 1))
	done >"$1"
}

# kc_marks_tally TAG TEXT: from `kcrumbs read` text output TEXT, print
# "GOOD BAD" for the marks tagged TAG: good when the text is one that
# kc_flood_file wrote, whole (its two ends agree, the filler intact).
kc_marks_tally() {
	printf '%s\n' "$2" | awk -v tag="[$1]:" '
		want { want = 0
			n = split($0, f, ":")
			if (n == 3 && f[1] == "  " f[3] && f[2] == "the-quick-brown-fox-jumps-over-the-lazy-dog-0123456789")
				good++
			else { bad++; print "KCTEST-OUT: bad mark text: " $0 > "/dev/stderr" } }
		/^mark #[0-9]+ / && $3 == tag { want = 1 }
		END { printf "%d %d\n", good, bad }'
}
