#!/bin/bash
# The full-system scenario: kcrumbs on a stock Debian 12 with systemd and
# kdump-tools (tests/system/mkimage.sh), installed in the guest as README
# tells a user (apt install ./kcrumbs*.deb, the packages `make deb` built
# here), then crashed three times with nobody typing in the capture
# kernel. The guest side is tests/system/phases/kcrumbs.sh; it prints
# KCTEST lines, counted here.
#   run A (dynamic mode): apt install, sysrq-c, trigger PANIC; kcrumbs qa
#         with four crash types across four boots, unattended, then a qa
#         run with the capture kernel broken on purpose; reserved mode
#         configured; kdump-tools reboots the guest after each capture
#   run B (reserved mode, memmap=1M$0x30000000 on the command line): the
#         eval hazard, sysrq-c, the last boot read from the reserved region;
#         apt purge
#   tests/system/run.sh [RUN_DIR]      (default .cache/system/runs/kcrumbs)
# Ends with "system: N passed, N failed".
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
IMG=${KCSYS_IMAGE:-$ROOT/.cache/system/bookworm}
RUN=${1:-$ROOT/.cache/system/runs/kcrumbs}
t0=$EPOCHREALTIME
since() { awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }'; }

mkdir -p "$ROOT/.cache/system"
if ! "$HERE/mkimage.sh" "$IMG" >"$ROOT/.cache/system/mkimage.out" 2>&1; then
	tail -n 20 "$ROOT/.cache/system/mkimage.out"
	echo "not ok 1 - the Debian 12 image builds"
	echo "system: 0 passed, 1 failed"
	exit 1
fi
echo "system: image ready ($(since) s)"
rm -rf "$RUN"
mkdir -p "$RUN/src"
# the tree as a clone has it (tracked files, as they are now)
(cd "$ROOT" && git ls-files -z | cpio -0 -pdm --quiet "$RUN/src")
# the packages, as README has a user build them (make deb), lintian-clean
if ! LINT=1 "$ROOT/scripts/deb.sh" "$RUN/src/debs" >"$RUN/deb.out" 2>&1; then
	tail -n 30 "$RUN/deb.out"
	echo "not ok 1 - make deb builds both packages, lintian-clean"
	echo "system: 0 passed, 1 failed"
	exit 1
fi
echo "system: packages built ($(since) s): $(cd "$RUN/src/debs" && echo *.deb)"
"$HERE/disk.sh" mkdata "$RUN/src" "$RUN/src.img" 256M
"$HERE/disk.sh" clone "$IMG" "$RUN/disk.img"
"$HERE/disk.sh" put "$RUN/disk.img" "$HERE/phases/kcrumbs.sh" /usr/local/sbin/kctest-phase 0755

echo "system: run A (dynamic mode: install, sysrq-c, trigger PANIC), console in $RUN/a.log"
KCSYS_TIMEOUT=${KCSYS_TIMEOUT_A:-3600} KCSYS_DISK2=$RUN/src.img \
	"$HERE/boot.sh" "$IMG" "$RUN/disk.img" "$RUN/a.log" >"$RUN/a.out" 2>&1
echo "system: run A ended ($(since) s)"
if grep -aq 'KCSYS: POWER OFF FOR RESERVED' "$RUN/a.log"; then
	echo "system: run B (reserved mode, memmap=1M\$0x30000000), console in $RUN/b.log"
	KCSYS_TIMEOUT=${KCSYS_TIMEOUT_B:-900} \
		"$HERE/boot.sh" "$IMG" "$RUN/disk.img" "$RUN/b.log" 'memmap=1M$0x30000000' >"$RUN/b.out" 2>&1
	echo "system: run B ended ($(since) s)"
fi

# every KCTEST line, numbered across the runs, and the phases' ends
passed=0 failed=0 i=0
while IFS= read -r line; do
	case $line in
	*"KCTEST: ok "*)
		i=$((i + 1)) passed=$((passed + 1))
		echo "ok $i ${line#*KCTEST: ok * - }" ;;
	*"KCTEST: not ok "*)
		i=$((i + 1)) failed=$((failed + 1))
		echo "not ok $i ${line#*KCTEST: not ok * - }" ;;
	*"KCTEST-OUT: "*)
		echo "#   ${line#*KCTEST-OUT: }" ;;
	esac
done < <(cat "$RUN/a.log" "$RUN/b.log" 2>/dev/null | tr -d '\r')
# the qa runs' JUnit files, against the common JUnit schema
for x in qa-pass qa-broken; do
	out=
	i=$((i + 1))
	rm -rf "$RUN/junit" && mkdir -p "$RUN/junit"
	if "$HERE/disk.sh" get "$RUN/disk.img" "/root/$x.xml" "$RUN/junit" >/dev/null 2>&1 &&
		out=$(xmllint --noout --schema "$ROOT/tests/schema/junit.xsd" "$RUN/junit/$x.xml" 2>&1); then
		passed=$((passed + 1))
		echo "ok $i the guest's $x.xml validates against the common JUnit schema"
		cp "$RUN/junit/$x.xml" "$RUN/$x.xml"
	else
		failed=$((failed + 1))
		echo "not ok $i the guest's $x.xml validates against the common JUnit schema"
		printf '%s\n' "${out:-no /root/$x.xml on the disk}" | tail -n 5 | sed 's/^/#   /'
	fi
done
for p in 0 1 2 qa qa-broken 3 4; do
	# files to grep, not a pipe: grep -q's early exit fails `cat |` under pipefail
	if grep -aqs "KCTEST-DONE: phase=$p " "$RUN/a.log" "$RUN/b.log"; then
		i=$((i + 1)) passed=$((passed + 1))
		echo "ok $i phase $p ran to its end"
	else
		i=$((i + 1)) failed=$((failed + 1))
		echo "not ok $i phase $p ran to its end (console: $RUN/a.log, $RUN/b.log)"
	fi
done
# the real output the docs quote
grep -ah 'KCDOC ' "$RUN/a.log" "$RUN/b.log" 2>/dev/null | tr -d '\r' | sed 's/^.*KCDOC /KCDOC /' >"$RUN/doc.txt"
echo "system: wall time $(since) s"
echo "system: $passed passed, $failed failed"
[ "$failed" = 0 ]
