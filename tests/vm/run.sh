#!/bin/bash
# kcrumbs VM tests: boot Debian's kernel under QEMU with the test
# initramfs, one VM per scenario, two at a time.
#   tests/vm/run.sh [-j JOBS] [SCENARIO...]     (default: every scenario)
# Environment: SUITE=bookworm|trixie|sid (the Debian suite whose kernel
# boots: default bookworm, the host's; see tests/vm/lib.sh), KVER (another
# bookworm kernel), KCRUMBS_VM_ACCEL=auto|tcg|kvm, KCRUMBS_VM_JOBS (default 2).
# Prints one KTAP-like line per scenario and ends with "N passed, N failed,
# N skipped": a scenario whose host_skip prints a reason (a kernel that
# lacks what it tests) is not run, and not counted as passed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

jobs=${KCRUMBS_VM_JOBS:-2}
if [ "${1:-}" = -j ]; then
	jobs=$2
	shift 2
fi
if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for f in "$KC_ROOT"/tests/vm/scenarios/*.sh; do
		n=${f##*/}
		# bench-* are benchmarks (bench/), run only when named
		[[ $n == bench-* ]] && continue
		names+=("${n%.sh}")
	done
fi
for n in "${names[@]}"; do
	[ -f "$KC_ROOT/tests/vm/scenarios/$n.sh" ] ||
		kc_die "no scenario '$n' (tests/vm/scenarios/$n.sh)"
done

trap 'kc_kill_vms; exit 130' INT TERM
t0=$(kc_now)
kc_build
accel=$(kc_accel)
logdir=$KC_VMDIR/logs
mkdir -p "$logdir"
kc_log "kernel $KC_KVER ($KC_SUITE), accel $accel, ${#names[@]} scenarios, $jobs at a time, logs in $logdir"

# run_one NAME: run a scenario, leave "ok|not ok<TAB>NAME<TAB>detail" in
# $logdir/NAME.result.
# boot_once: the scenario's VM from power-on to power-off; sets $why (run_one's)
boot_once() {
	hpid=""
	rm -f "$mon"
	if declare -F host_action >/dev/null; then
		host_action "$log" "$mon" >"$logdir/$name.host" 2>&1 &
		hpid=$!
	fi
	timeout -k 5 "$TIMEOUT" bash -c "$(declare -f kc_qemu); KC_VMLINUZ='$KC_VMLINUZ' KC_INITRD='$KC_INITRD' \
		kc_qemu '$accel' '$name' '$log' '$mon' '$MEM' '$APPEND' '$CPUS' '$REBOOT'" \
		>"$logdir/$name.qemu" 2>&1
	rc=$?
	[ -n "$hpid" ] && { kill "$hpid" 2>/dev/null; wait "$hpid" 2>/dev/null; }
	why=$(kc_verdict "$log" "$PHASES")
	[ $rc = 124 ] && why="timed out after ${TIMEOUT} s${why:+: $why}"
	[ $rc != 0 ] && [ $rc != 124 ] && [ -z "$why" ] && why="qemu exited $rc"
}

run_one() {
	local name=$1 log=$logdir/$1.serial mon=$logdir/$1.mon res=$logdir/$1.result
	local TIMEOUT=120 PHASES=first MEM=1024 APPEND="" CPUS=1 REBOOT=0 start rc why hpid="" again=""
	# shellcheck disable=SC1090
	. "$KC_ROOT/tests/vm/scenarios/$name.sh"
	rm -f "$log" "$log.first" "$mon"
	if declare -F host_skip >/dev/null && why=$(host_skip) && [ -n "$why" ]; then
		printf 'skip\t%s\t%s\n' "$name" "$why" >"$res"
		return
	fi
	start=$(kc_now)
	boot_once
	# A kernel that panics before /init ran nothing of kcrumbs: under TCG
	# with two vCPUs, 7.2 once died patching its own text at boot ("Oops:
	# int3" in sched_clock_tick). Boot once more, keep the first log, say so.
	if [ "$why" = "the kernel never reached /init" ] &&
	   grep -aq "Kernel panic - not syncing" "$log"; then
		again="; booted twice: the first boot's kernel panicked before /init ($(grep -a -m1 -o 'Kernel panic - not syncing: .*' "$log" | tr -d '\r'), $name.serial.first)"
		mv "$log" "$log.first"
		boot_once
	fi
	if [ -z "$why" ]; then
		printf 'ok\t%s\t%s s, %s checks%s\n' "$name" "$(kc_elapsed "$start")" \
			"$(grep -ac 'KCTEST: ok' "$log")" "$again" >"$res"
	else
		printf 'not ok\t%s\t%s (%s s)%s\n' "$name" "$why" "$(kc_elapsed "$start")" "$again" >"$res"
	fi
}

report() {
	local name=$1 res=$logdir/$1.result verdict detail
	IFS=$'\t' read -r verdict _ detail <"$res"
	idx=$((idx + 1))
	if [ "$verdict" = skip ]; then
		echo "ok $idx $name # SKIP $detail"
		skipped=$((skipped + 1))
		return
	fi
	echo "$verdict $idx $name # $detail"
	if [ "$verdict" = ok ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "# serial log tail ($logdir/$name.serial):"
		tail -n 40 "$logdir/$name.serial" | tr -d '\r' | sed 's/^/#   /'
		[ -s "$logdir/$name.qemu" ] && sed 's/^/# qemu: /' "$logdir/$name.qemu"
	fi
}

echo "KTAP version 1"
echo "1..${#names[@]}"
declare -A pid_name=()
idx=0 passed=0 failed=0 skipped=0
for n in "${names[@]}"; do
	while [ "${#pid_name[@]}" -ge "$jobs" ]; do
		wait -n -p done_pid
		report "${pid_name[$done_pid]}"
		unset "pid_name[$done_pid]"
	done
	run_one "$n" &
	pid_name[$!]=$n
done
while [ "${#pid_name[@]}" -gt 0 ]; do
	wait -n -p done_pid
	report "${pid_name[$done_pid]}"
	unset "pid_name[$done_pid]"
done

echo "# vm: kernel $KC_KVER ($KC_SUITE), accel $accel, wall time $(kc_elapsed "$t0") s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
