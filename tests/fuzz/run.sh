#!/bin/bash
# tests/fuzz/run.sh [SECONDS]: the libFuzzer harnesses of tests/fuzz.
# For each harness (build/fuzz/NAME, from tests/fuzz/NAME.c):
#   1. regression: every seed of tests/fuzz/corpus/NAME/ once, then every
#      reproducer of tests/fuzz/findings/NAME/ once, each a test of its
#      own, so a fixed finding stays fixed;
#   2. fuzzing for SECONDS (default 20) from a copy of the seeds in
#      .cache/fuzz/corpus/NAME (the tree does not grow; KEEP_CORPUS=1 keeps
#      what earlier runs found and starts from it).
# A crash, leak, undefined behaviour, timeout (over 10 s for one input) or
# a single allocation over 64 MiB (the reader is meant to live in a few
# MiB of a capture kernel) fails the harness; libFuzzer's reproducer goes
# to .cache/fuzz/findings/NAME/. Runs at nice 19, one harness at a time.
# Prints KTAP-like lines, the executions and exec/s per harness, the
# totals, and ends with "fuzz: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
secs=${1:-20}
cache=$root/.cache/fuzz
# libFuzzer's limits, the same for regression and fuzzing
limits=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=64)
n=0 passed=0 failed=0 runs_all=0 time_all=0

ok() { n=$((n + 1)) passed=$((passed + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)) failed=$((failed + 1)); echo "not ok $n $*"; }

# What libFuzzer said went wrong, indented: the sanitizer's summary line
# (or libFuzzer's own ERROR line) and where it put the reproducer.
why() {
	grep -E '^(SUMMARY|==[0-9]+== ?ERROR|[^ ]*: output is not valid JSON)|runtime error|Test unit written' "$1" |
		head -n 4 | sed 's/^/#   /'
}

mkdir -p "$cache"
if ! nice -n 19 make -s fuzz-build >"$cache/build.log" 2>&1; then
	cat "$cache/build.log"
	echo "not ok 1 make fuzz-build"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for src in tests/fuzz/*.c; do
	h=$(basename "$src" .c)
	bin=build/fuzz/$h
	seeds=(tests/fuzz/corpus/"$h"/*)
	# 1. regression: the seeds in one run, each finding alone
	if [ -e "${seeds[0]}" ] && ! nice -n 19 "$bin" "${limits[@]}" "${seeds[@]}" >"$log" 2>&1; then
		not_ok "$h: seed corpus"
		why "$log"
	else
		ok "$h: seed corpus (${#seeds[@]} inputs)"
	fi
	for f in tests/fuzz/findings/"$h"/*; do
		[ -f "$f" ] || continue
		if nice -n 19 "$bin" "${limits[@]}" "$f" >"$log" 2>&1; then
			ok "$h: finding ${f##*/} stays fixed"
		else
			not_ok "$h: finding ${f##*/} ($f)"
			why "$log"
		fi
	done
	# 2. fuzzing from a working copy of the seeds
	work=$cache/corpus/$h
	[ "${KEEP_CORPUS:-0}" = 1 ] || rm -rf "$work"
	mkdir -p "$work" "$cache/findings/$h"
	[ -e "${seeds[0]}" ] && cp -n "${seeds[@]}" "$work/"
	t0=$EPOCHREALTIME
	timeout -k 10 $((secs + 120)) nice -n 19 "$bin" "${limits[@]}" \
		-max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$cache/findings/$h/" "$work" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	# wall time: a run cut short by a finding prints no "Done ... second(s)"
	took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
	runs=${runs:-0} rate=${rate:-0}
	runs_all=$((runs_all + runs)) time_all=$((time_all + took))
	if [ $rc = 0 ]; then
		ok "$h: fuzzed $took s: $runs runs, $rate exec/s"
	else
		not_ok "$h: fuzzing found a problem after $runs runs, $took s (exit $rc)"
		why "$log"
	fi
done
echo "# total: $runs_all runs in $time_all s of fuzzing," \
	"$(awk -v r="$runs_all" -v t="$time_all" 'BEGIN { printf "%.0f", t ? r / t : 0 }') exec/s"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
