#!/bin/bash
# Kernel coding style: checkpatch.pl --strict from Debian's linux-source
# (extracted once into .cache) on every module source file, and the man
# page through groff -ww.
# Ends with "lint: N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=$root/.cache/checkpatch
cp=$cache/scripts/checkpatch.pl
passed=0 failed=0

# result DESC OK OUTPUT: count and print one check.
result() {
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
		echo "ok - $1"
	else
		failed=$((failed + 1))
		echo "not ok - $1"
		printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

if [ ! -f "$cp" ]; then
	tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
	[ -n "$tarball" ] || { echo "lint: no /usr/src/linux-source-*.tar.xz (run: make deps)"; echo "lint: 0 passed, 1 failed"; exit 1; }
	top=$(basename "$tarball" .tar.xz)
	mkdir -p "$cache"
	tar -xJf "$tarball" -C "$cache" --strip-components=1 \
		"$top/scripts/checkpatch.pl" "$top/scripts/spelling.txt" \
		"$top/scripts/const_structs.checkpatch" || exit 1
fi

cd "$root" || exit 1
for f in $(git ls-files 'module/*.c' 'module/*.h' 'tests/kmod/*.c' 2>/dev/null || ls module/*.[ch] module/uapi/*.h tests/kmod/*.c); do
	ignore=""
	# The crash type files exist to crash the kernel, as LKDTM's do:
	# checkpatch's "do not BUG()/panic()" advice is the one thing they
	# must not follow. Every other check applies to them too.
	case $f in module/trigger_*.c) ignore="--ignore AVOID_BUG" ;; esac
	# compat.h is where kernel versions are told apart (an out-of-tree
	# module's one place for it): the advice against LINUX_VERSION_CODE,
	# and the constant-on-the-left warning its tests draw, are its purpose
	[ "$f" = module/compat.h ] && ignore="--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON"
	# shellcheck disable=SC2086
	out=$(perl "$cp" --strict --no-tree --terse --show-types $ignore -f "$f" 2>&1)
	result "checkpatch --strict $f" $? "$out"
done
# kernel-version differences live in module/compat.h only
out=$(git ls-files 'module/*.c' 'module/*.h' 2>/dev/null | grep -vx module/compat.h |
	xargs grep -nE 'LINUX_VERSION_CODE|KERNEL_VERSION|__has_include' 2>&1)
[ -z "$out" ]
result "version tests only in module/compat.h" $? "$out"
# the man page renders with no groff warning
out=$(groff -man -ww -z -Tutf8 docs/kcrumbs.8 2>&1)
rc=$?
[ -n "$out" ] && rc=1
result "man page docs/kcrumbs.8 renders cleanly" $rc "$out"
echo "lint: $passed passed, $failed failed"
[ "$failed" = 0 ]
