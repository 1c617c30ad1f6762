#!/bin/bash
# make check: every suite, in order, with one closing count.
#   build      the module (W=1) and the CLI (-Wall -Wextra -Werror): no warning
#   lint       checkpatch.pl --strict on module/ (kernel coding style)
#   unit       cmocka tests under valgrind
#   fuzz       libFuzzer harnesses (ASan+UBSan) over their seeds and past
#              findings, then 15 s of fuzzing each (tests/fuzz/run.sh)
#   packaging  real dkms add/build/remove; make install/uninstall DESTDIR=
#   deb        make deb, lintian; install/upgrade/new kernel/remove/purge
#              of the packages in a clean Debian 12 chroot
#   harness    the VM verdict on crafted serial logs
#   vm         QEMU boots Debian's kernel, crashes it, reads the capture
#   system     a stock Debian 12 image with systemd and kdump-tools: apt
#              install the .debs as README says, crash three times, read
#              after each reboot, purge
#   kernels    the other kernels of the matrix (KERNELS, default
#              "bookworm trixie sid"; bookworm is the host's, tested above):
#              kcrumbs.ko built with W=1 in the suite's chroot, and the whole
#              VM suite booting that suite's kernel (tests/matrix.sh);
#              MATRIX_VM=0 builds them only
# KERNELS=bookworm: the host's kernel only.
# Ends with the wall time and "N passed, N failed, N skipped" over all suites.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
kver=$(scripts/kver.sh --debian) || exit 1
export KVER=$kver
t0=$EPOCHREALTIME
total_p=0 total_f=0 total_s=0
declare -a summary=()

# suite NAME CMD...: run CMD, take its last "N passed, N failed" line.
suite() {
	local name=$1 log s=$EPOCHREALTIME p f sk
	shift
	log=$(mktemp)
	echo "=== $name"
	"$@" 2>&1 | tee "$log"
	local rc=${PIPESTATUS[0]}
	read -r p f sk < <(grep -Eo '[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?' "$log" |
		tail -n 1 | sed 's/ passed, / /;s/ failed//;s/, / /;s/ skipped//')
	sk=${sk:-0}
	if [ -z "${p:-}" ]; then
		p=0 f=1	# a suite that counted nothing has failed
	elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1	# it broke before or after counting
	fi
	total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + sk))
	summary+=("$(printf '%-10s %3d passed, %d failed, %d skipped, %6.1f s' "$name" "$p" "$f" \
		"$sk" "$(awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')")")
	rm -f "$log"
}

suite build tests/build.sh
suite lint tests/lint.sh
suite unit make -s unit CI=true
# Bounded: 10 harnesses x 15 s plus the clang build and the regressions,
# about 3.5 minutes here; `make fuzz` runs them longer.
suite fuzz tests/fuzz/run.sh 15
suite packaging tests/packaging/run.sh
# make deb, lintian, and the packages' install, upgrade, new kernel,
# remove and purge in a clean Debian 12 chroot (about 2 minutes; cached)
suite deb tests/packaging/deb.sh
suite harness tests/vm/selftest.sh
suite vm tests/vm/run.sh
# A stock Debian 12 with kdump-tools, kcrumbs installed as README says,
# three crashes across reboots (about 12 minutes; SYSTEM=0 skips it)
[ "${SYSTEM:-1}" = 0 ] || suite system tests/system/run.sh
# The other kernels: built with W=1 in their suite's chroot; their VM
# suites run when KERNELS names them (make check-matrix runs them all).
others=()
for k in ${KERNELS:-bookworm trixie sid}; do
	[ "$k" = bookworm ] || others+=("$k")
done
if [ ${#others[@]} -gt 0 ] && [ "${MATRIX_VM:-1}" = 0 ]; then
	suite kernels tests/matrix.sh --build-only "${others[@]}"
elif [ ${#others[@]} -gt 0 ]; then
	suite kernels tests/matrix.sh "${others[@]}"
fi

echo "=== summary (kernel $kver${others[*]:+; and ${others[*]}})"
printf '%s\n' "${summary[@]}"
echo "wall time: $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s"
echo "check: $total_p passed, $total_f failed, $total_s skipped"
[ "$total_f" = 0 ]
