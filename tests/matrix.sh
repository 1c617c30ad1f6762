#!/bin/bash
# The kernel matrix: for each kernel, a clean build of kcrumbs.ko with W=1
# (a warning fails it) and the whole VM suite booting that kernel.
#   tests/matrix.sh [--build-only] [SUITE...]
#                                   (default: $KERNELS, else bookworm trixie sid)
# bookworm is the host's Debian 12 kernel (linux-headers-amd64, 6.1), built
# in the tree; trixie (Debian 13, 6.12) and sid (unstable, the newest) are
# built in their suite's chroot (scripts/chroot.sh, made on first use).
# Ends with one row per kernel (build, VM counts, wall time) and
# "matrix: N passed, N failed" (builds and scenarios; skipped ones apart).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
# --build-only: the W=1 builds, no VM suite (what `make check` runs for the
# kernels other than the host's, unless KERNELS names them)
vm=1
if [ "${1:-}" = --build-only ]; then
	vm=0
	shift
fi
if [ $# -gt 0 ]; then
	suites=("$@")
else
	read -r -a suites <<<"${KERNELS:-bookworm trixie sid}"
fi
t0=$EPOCHREALTIME
passed=0 failed=0 skipped=0
declare -a rows=()

secs() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }'; }

# build SUITE KVER: clean build with W=1; ok when it succeeds with no warning
build() {
	local s=$1 k=$2 out rc
	if [ "$s" = bookworm ]; then
		make -s clean >/dev/null 2>&1
		out=$(make module KVER="$k" CI=true 2>&1)
	else
		out=$(scripts/chroot.sh "$s" build --clean 2>&1)
	fi
	rc=$?
	if [ $rc = 0 ] && ! grep -qi 'warning:' <<<"$out"; then
		echo "ok - kcrumbs.ko for $k ($s) with W=1, no warning"
		return 0
	fi
	echo "not ok - kcrumbs.ko for $k ($s) with W=1, no warning"
	grep -B2 -A6 -iE 'warning:|error' <<<"$out" | head -n 60 | sed 's/^/#   /'
	return 1
}

for s in "${suites[@]}"; do
	ts=$EPOCHREALTIME
	case $s in
	bookworm) k=$(scripts/kver.sh --debian) || exit 1 ;;
	trixie|sid)
		tc=$EPOCHREALTIME
		k=$(scripts/chroot.sh "$s") || { echo "not ok - chroot $s"; failed=$((failed + 1)); continue; }
		echo "# chroot $s ready in $(secs "$tc") s (.cache/chroot/$s)"
		;;
	*) echo "matrix: unknown suite '$s' (bookworm, trixie, sid)" >&2; exit 2 ;;
	esac
	echo "=== kernel $k ($s)"
	b=ok
	if build "$s" "$k"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)) b=FAILED
	fi
	if [ $vm = 0 ]; then
		rows+=("$(printf '%-24s %-9s %-7s %-32s %5s s' "$k" "$s" "$b" "(not run: --build-only)" "$(secs "$ts")")")
		continue
	fi
	log=$(mktemp)
	SUITE=$s KVER=$k tests/vm/run.sh 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	read -r p f sk < <(grep -Eo '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$log" |
		tail -n 1 | sed 's/ passed, / /;s/ failed, / /;s/ skipped//')
	rm -f "$log"
	if [ -z "${p:-}" ]; then
		p=0 f=1 sk=0	# the VM suite counted nothing: it failed
	elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + sk))
	rows+=("$(printf '%-24s %-9s %-7s %3d passed, %d failed, %d skipped  %5s s' \
		"$k" "$s" "$b" "$p" "$f" "$sk" "$(secs "$ts")")")
	unset p f sk
done

echo "=== matrix"
printf '%-24s %-9s %-7s %-32s %s\n' kernel suite build vm wall
printf '%s\n' "${rows[@]}"
echo "matrix wall time: $(secs "$t0") s"
echo "matrix: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
