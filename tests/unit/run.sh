#!/bin/bash
# Run each cmocka test binary under valgrind: a memory error or a leak
# fails the binary as a failed test would.
#   tests/unit/run.sh BIN...
# Ends with "N passed, N failed" summed over the binaries' tests.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export KCRUMBS_BIN=$root/build/kcrumbs
passed=0 failed=0 bad=0
for bin in "$@"; do
	name=${bin##*/}
	log=$(mktemp)
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect "$bin" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ $rc = 99 ]; then
		echo "# $name: valgrind found memory errors or leaks"
		failed=$((failed + 1))
	elif [ $rc != 0 ] && [ -z "$f" ]; then
		echo "# $name: exited $rc"
		failed=$((failed + 1))
	fi
	rm -f "$log"
done
echo "unit: $passed passed, $failed failed"
[ "$failed" = 0 ]
