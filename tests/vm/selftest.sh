#!/bin/bash
# Self-test of the VM harness's verdict: crafted serial logs that must pass
# and that must fail, so a broken run can never be counted as a pass.
# Ends with "harness: N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# verdict DESC PHASES WANT(pass|fail) LOG-LINES...
verdict() {
	local desc=$1 phases=$2 want=$3 why got
	shift 3
	printf '%s\n' "$@" >"$tmp/log"
	why=$(kc_verdict "$tmp/log" "$phases")
	got=fail
	[ -z "$why" ] && got=pass
	if [ "$got" = "$want" ]; then
		passed=$((passed + 1))
		echo "ok - $desc${why:+ ($why)}"
	else
		failed=$((failed + 1))
		echo "not ok - $desc: wanted $want, got $got${why:+ ($why)}"
	fi
}

verdict "one phase, all ok" first pass \
	"KCTEST-PHASE: first scenario=x kernel=k" "KCTEST: ok 1 - a" \
	"KCTEST-DONE: phase=first tests=1 failed=0"
verdict "two phases, all ok" "first capture" pass \
	"KCTEST-PHASE: first scenario=x kernel=k" "KCTEST: ok 1 - a" \
	"KCTEST-PHASE: capture scenario=x kernel=k" "KCTEST: ok 1 - b" \
	"[ 1.2] noise KCTEST-DONE: phase=capture tests=1 failed=0"
verdict "kernel never reached init" first fail "[    0.0] Linux version"
verdict "a failed check" first fail \
	"KCTEST-PHASE: first scenario=x kernel=k" "KCTEST: ok 1 - a" \
	"KCTEST: not ok 2 - b" "KCTEST-DONE: phase=first tests=2 failed=1"
verdict "capture kernel never booted" "first capture" fail \
	"KCTEST-PHASE: first scenario=x kernel=k" "KCTEST: ok 1 - a" \
	"KCTEST-MARK: crash"
verdict "last phase did not finish" "first capture" fail \
	"KCTEST-PHASE: first scenario=x kernel=k" "KCTEST: ok 1 - a" \
	"KCTEST-PHASE: capture scenario=x kernel=k" "KCTEST: ok 1 - b"
verdict "no check ran" first fail \
	"KCTEST-PHASE: first scenario=x kernel=k" \
	"KCTEST-DONE: phase=first tests=0 failed=0"
verdict "a phase that ran twice (a reboot that started over)" "first crashed" fail \
	"KCTEST-PHASE: first scenario=x kernel=k" "KCTEST: ok 1 - a" \
	"KCTEST-PHASE: first scenario=x kernel=k" "KCTEST: ok 1 - a" \
	"KCTEST-PHASE: crashed scenario=x kernel=k" "KCTEST: ok 1 - b" \
	"KCTEST-DONE: phase=crashed tests=1 failed=0"
verdict "an unknown scenario" first fail \
	"KCTEST-PHASE: first scenario=nope kernel=k" \
	"KCTEST: not ok 1 - scenario 'nope' exists in the image" \
	"KCTEST-DONE: phase=first tests=1 failed=1"

# before KVER MAJOR.MINOR WANT(yes|no): kc_kernel_before, which decides
# whether a scenario for newer kernels is skipped
before() {
	local got=no
	KC_KVER=$1 kc_kernel_before "$2" && got=yes
	if [ "$got" = "$3" ]; then
		passed=$((passed + 1))
		echo "ok - $1 is before $2: $3"
	else
		failed=$((failed + 1))
		echo "not ok - $1 is before $2: wanted $3, got $got"
	fi
}
before 6.1.0-56-amd64 6.11 yes
before 6.10.9-amd64 6.11 yes
before 6.11.0-1-amd64 6.11 no
before 6.12.117+deb13-amd64 6.11 no
before 7.2.13+deb14-amd64 6.11 no
before 7.2.13+deb14-amd64 7.10 yes

echo "harness: $passed passed, $failed failed"
[ "$failed" = 0 ]
