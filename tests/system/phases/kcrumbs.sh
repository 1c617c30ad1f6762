#!/bin/bash
# Guest side of tests/system/run.sh: kcrumbs on a stock Debian 12 with
# kdump-tools, installed as README tells a user, crashed three times.
# kctest.service runs it at every normal boot, after kdump-tools.service.
# Prints KCTEST lines (ok / not ok) and KCDOC lines (real output for the
# docs); the host counts them. The phase is kept in /var/lib/kctest/phase.
#
#   0 install (README: apt install ./kcrumbs*.deb, nothing else typed): DKMS
#     built the module, the postinst loaded it and reloaded kdump-tools,
#     harvest runs; check exits 0; the autopkgtest (debian/tests); sysrq-c
#   1 (after kdump) the module loaded at boot (modules-load.d) and the
#     harvest unit ran by itself; kcrumbs.<ts>.json beside kdump-tools'
#     dump, the journal entry, last-boot, history, read --dump on dump.<ts>;
#     the region's address the capture kernel got was this boot's; trigger
#     PANIC
#   2 (after kdump) the second crash read back the same ways; check fails
#     once kcrumbs is not set to load at boot; kcrumbs qa start with four
#     crash types
#   qa (four boots, nothing typed) kcrumbs-qa.service judges each crash
#     and fires the next; at the end: every type passed with its evidence
#     and timings, the policy restored, the unit disabled, the JUnit file
#     kept for the host to validate; then the capture kernel is broken on
#     purpose and kcrumbs qa start sysrq-c
#   qa-broken the run reports the failure with its reason; kdump-tools
#     repaired; reserved mode configured; power off (the host boots again
#     with memmap=1M$0x30000000)
#   3 (reserved, memmap=) the eval hazard: loaded by hand, check fails; the
#     drop-in's fix, check passes; sysrq-c
#   4 (after kdump) last-boot from the reserved region, the capture's
#     files and the journal; apt purge: kdump-tools' configuration and
#     capture kernel without kcrumbs, nothing of it left; power off
set -uo pipefail

STATE=/var/lib/kctest
MSGID=5b8f2a1cd3e94f6a8e07c4b19d2e6f3a
n=0
ok() { n=$((n + 1)); echo "KCTEST: ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "KCTEST: not ok $n - $*"; }
check() { # check WHAT CMD...
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$what"
	else
		not_ok "$what (exit $?)"
		printf '%s\n' "$out" | tail -n 15 | sed 's/^/KCTEST-OUT: /'
	fi
}
check_exit() { # check_exit WHAT CODE CMD...
	local what=$1 want=$2 rc=0 out
	shift 2
	out=$("$@" 2>&1) || rc=$?
	if [ "$rc" = "$want" ]; then
		ok "$what"
	else
		not_ok "$what (exit $rc, wanted $want)"
		printf '%s\n' "$out" | tail -n 15 | sed 's/^/KCTEST-OUT: /'
	fi
}
grep_ok() { # grep_ok WHAT ERE TEXT
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		ok "$1"
	else
		not_ok "$1 (no /$2/)"
		printf '%s\n' "$3" | tail -n 15 | sed 's/^/KCTEST-OUT: /'
	fi
}
doc() { printf '%s\n' "$2" | sed "s/^/KCDOC $1: /"; }
next() { echo "$1" >"$STATE/phase"; sync; }
finish() { echo "KCTEST-DONE: phase=$phase tests=$n"; sync; }
crash_sysrq() {
	finish
	echo 1 >/proc/sys/kernel/sysrq
	echo "KCSYS: CRASH NOW (sysrq-c)"
	echo c >/proc/sysrq-trigger
	sleep 60
	not_ok "still alive 60 s after sysrq-c"
}

# kcrumbs qa: the types of the unattended run, and the knobs it changes
QA_TYPES="PANIC BUG SOFTLOCKUP_BRIEF HUNG_TASK_BRIEF"
policy_now() {
	sysctl -n kernel.panic kernel.panic_on_oops kernel.softlockup_panic \
		kernel.watchdog_thresh kernel.hung_task_panic kernel.hung_task_timeout_secs |
		tr '\n' ' '
}
# until kcrumbs-qa.service is done at this boot: the run ended (nothing
# pending or fired, the unit stopped), or it fired this boot's crash
wait_qa() {
	local i
	for i in $(seq 600); do
		if kcrumbs qa status --json 2>/dev/null |
			jq -e '[.steps[] | select(.state == "pending" or .state == "fired")] | length == 0' >/dev/null &&
			! systemctl is-active --quiet kcrumbs-qa.service; then
			return 0
		fi
		sleep 2
	done
	return 1
}

# The newest kdump-tools directory, and what is in it
newest_crash() { ls -d /var/crash/2* 2>/dev/null | sort | tail -n 1; }

# Assert what the capture path and the harvest left for one crash.
# after_crash CAUSE MESSAGE_ERE
after_crash() {
	local cause=$1 msg=$2 dir ts json out region sig
	systemctl start kcrumbs-harvest.service
	dir=$(newest_crash)
	ts=${dir##*/}
	json=$dir/kcrumbs.$ts.json
	check "kcrumbs.$ts.json beside dump.$ts and dmesg.$ts" \
		test -s "$json" -a -s "$dir/dump.$ts" -a -s "$dir/dmesg.$ts" -a -s "$dir/kcrumbs.$ts.region"
	doc "crash-dir-$cause" "$(ls -l "$dir")"
	check "... its event: cause $cause" \
		sh -c "jq -e '[.records[] | select(.kind == \"event\")] | last | .cause == \"$cause\"' '$json'"
	out=$(jq -r '.source.how' "$json" 2>&1)
	grep_ok "... found at the address the capture kernel was given (no scan)" \
		'^kernel command line$' "$out"
	# the address the capture kernel got was the crashed boot's own
	region=$(jq -r '.source.paddr' "$json")
	[ -f "$STATE/region" ] &&
		check "... which was the crashed boot's region ($(cat "$STATE/region"))" \
			sh -c "[ \"$(printf '0x%x' "$region")\" = \"\$(cut -d@ -f2 '$STATE/region')\" ]"
	out=$(kcrumbs last-boot 2>&1)
	grep_ok "last-boot: crashed, $cause" "crashed: $cause \\($msg" "$out"
	doc "last-boot-$cause" "$out"
	out=$(journalctl -b 0 MESSAGE_ID=$MSGID -o json --no-pager 2>&1 | tail -n 1)
	grep_ok "the journal entry (MESSAGE_ID $MSGID): verdict crashed" '"KCRUMBS_VERDICT":"crashed"' "$out"
	grep_ok "... cause $cause, kernel, function" "\"KCRUMBS_CAUSE\":\"$cause\".*" "$out"
	grep_ok "... kernel $(uname -r)" "\"KCRUMBS_KERNEL\":\"$(uname -r)\"" "$out"
	sig=$(printf '%s\n' "$out" | jq -r '"\(.KCRUMBS_SIGNATURE) \(.KCRUMBS_TITLE)"' 2>&1)
	grep_ok "... the crash's signature and its title" \
		'^[0-9a-f]{16} (sysrq: triggered crash|panic: kcrumbs: PANIC trigger in kcrumbs_PANIC)$' "$sig"
	grep_ok "... the title in MESSAGE too" "${sig#* }" "$(printf '%s\n' "$out" | jq -r .MESSAGE)"
	out=$(kcrumbs history 2>&1)
	grep_ok "... history shows that signature" "${sig%% *}" "$out"
	doc "journal-$cause" "$(journalctl -b 0 MESSAGE_ID=$MSGID -o verbose --no-pager 2>&1 | grep -E 'MESSAGE=|KCRUMBS_|PRIORITY=')"
	out=$(kcrumbs read --dump "$dir/dump.$ts" 2>&1)
	grep_ok "read --dump on kdump-tools' own dump.$ts (flattened)" \
		"^event #[0-9]+: $cause — $msg" "$out"
	doc "read-dump-$cause" "$out"
	out=$(kcrumbs history 2>&1)
	doc "history-$cause" "$out"
}

mkdir -p "$STATE"
phase=$(cat "$STATE/phase" 2>/dev/null || echo 0)
echo "KCSYS: phase $phase, kernel $(uname -r), up $(cut -d' ' -f1 /proc/uptime) s"

case $phase in
0)
	# install as README says: the packages, built on the host by `make deb`,
	# and the tree (for the autopkgtest script) are on the second disk
	mkdir -p /mnt/src
	check "the source tree and the packages are there" mount -o ro /dev/vdb /mnt/src
	rm -rf /root/kcrumbs
	cp -a /mnt/src /root/kcrumbs
	cd /root/kcrumbs/debs || exit 1
	t=$(cut -d' ' -f1 /proc/uptime)
	out=$(apt-get install -y ./kcrumbs_*.deb ./kcrumbs-dkms_*.deb 2>&1)
	if dpkg-query -W -f='${db:Status-Status}\n' kcrumbs kcrumbs-dkms | grep -c '^installed$' | grep -qx 2; then
		ok "apt install ./kcrumbs*.deb (DKMS builds the module in the guest)"
	else
		not_ok "apt install ./kcrumbs*.deb (DKMS builds the module in the guest)"
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/KCTEST-OUT: /'
	fi
	doc apt-install "$(printf '%s\n' "$out" | grep -E '^(Setting up|Building|Loading|Created|kcrumbs|dkms|Installing|  |Sign|Running|Done|DKMS)' | head -n 30)"
	echo "KCSYS: apt install took $(awk -v a="$t" -v b="$(cut -d' ' -f1 /proc/uptime)" 'BEGIN { print b - a }') s"
	cd /root/kcrumbs || exit 1
	check "one kcrumbs.ko, DKMS's" sh -c '[ "$(find /lib/modules/$(uname -r) -name "kcrumbs.ko*" | wc -l)" = 1 ] && find /lib/modules/$(uname -r) -name "kcrumbs.ko*" | grep -q updates/dkms/'
	check "the CLI, the units, the module's source belong to the packages (nothing from make install)" \
		sh -c 'for f in /usr/sbin/kcrumbs /lib/systemd/system/kcrumbs-harvest.service \
			/lib/systemd/system/kdump-tools.service.d/kcrumbs.conf \
			/lib/systemd/system/kdump-tools-dump.service.d/kcrumbs.conf \
			/usr/lib/modules-load.d/kcrumbs.conf /etc/modprobe.d/kcrumbs.conf \
			/usr/share/bash-completion/completions/kcrumbs /usr/src/kcrumbs-*/dkms.conf; do
			dpkg -S "$f" || exit 1; done; ! ls /lib/modules/*/updates/kcrumbs*.ko* 2>/dev/null'
	check "the postinst loaded the module (no modprobe typed)" test -r /sys/kernel/kcrumbs/region
	check "kcrumbs-harvest.service is enabled and ran" \
		sh -c 'systemctl is-enabled --quiet kcrumbs-harvest.service && systemctl is-active --quiet kcrumbs-harvest.service'
	check "kdump-tools was reloaded with this boot's region (the drop-in)" \
		grep -q "kcrumbs.region=$(cat /sys/kernel/kcrumbs/region)" /var/crash/kexec_cmd
	out=$(kcrumbs check 2>&1)
	check "kcrumbs check exits 0 with nothing typed after apt install" kcrumbs check
	doc check-armed "$out"
	grep_ok "... the module loads at every boot" "^ok +kcrumbs module: loaded, and at every boot" "$out"
	grep_ok "... kdump-tools is enabled at boot" "^ok +kdump service: kdump-tools installed, enabled at boot" "$out"
	doc kdump-tools-default "$(grep -n 'KDUMP_CMDLINE' /etc/default/kdump-tools)"
	# Debian's autopkgtest for the packages (debian/tests/control), as is
	out=$(AUTOPKGTEST_TMP=$(mktemp -d) debian/tests/module-load 2>&1)
	grep_ok "autopkgtest debian/tests/module-load passes" "^module-load: PASS" "$out"
	# it reloaded the module (a new dynamic region): kdump-tools follows
	check "systemctl restart kdump-tools after the autopkgtest's reload" systemctl restart kdump-tools
	check "check exits 0 again" kcrumbs check
	cat /sys/kernel/kcrumbs/region >"$STATE/region"
	next 1
	crash_sysrq
	;;
1)
	# nobody typed anything in this boot: systemd loaded the module and
	# ran the harvest
	# systemd-modules-load logs what it inserts at debug level only: the
	# module's own load message came while that service ran. The message's
	# time is printk's clock, the service's systemd's CLOCK_MONOTONIC: they
	# differ by milliseconds under TCG (8.6 ms seen), so 100 ms of slack;
	# any later loader (kdump-tools' drop-in, a login) comes seconds after
	t_mod=$(journalctl -b 0 -k -o json --no-pager 2>/dev/null |
		jq -r 'select((.MESSAGE | type) == "string" and (.MESSAGE | test("^kcrumbs: version .* loaded"))) |
			._SOURCE_MONOTONIC_TIMESTAMP // .__MONOTONIC_TIMESTAMP' | head -n 1)
	t_ms=$(systemctl show -P ExecMainStartTimestampMonotonic systemd-modules-load.service)
	t_ml=$(systemctl show -P ExecMainExitTimestampMonotonic systemd-modules-load.service)
	check "the module was loaded at boot by systemd-modules-load (loaded at ${t_mod:-?} us, the service ran ${t_ms:-?}..${t_ml:-?} us)" \
		sh -c "[ -n '$t_mod' ] && [ -n '$t_ms' ] && [ -n '$t_ml' ] && [ '$t_mod' -gt 0 ] &&
			[ '$t_mod' -ge \$(($t_ms - 100000)) ] && [ '$t_mod' -le \$(($t_ml + 100000)) ]"
	for _ in $(seq 60); do
		systemctl is-active --quiet kcrumbs-harvest.service && break
		sleep 2
	done
	check "kcrumbs-harvest.service ran at boot by itself" \
		sh -c 'systemctl is-active --quiet kcrumbs-harvest.service && [ "$(systemctl show -P ExecMainStatus kcrumbs-harvest.service)" = 0 ]'
	after_crash sysrq "sysrq triggered crash"
	out=$(kcrumbs history 2>&1)
	grep_ok "history: the crash" ": crashed: sysrq \\(sysrq triggered crash\\)" "$out"
	# this boot's address went to the capture kernel by itself (the drop-in)
	cat /sys/kernel/kcrumbs/region >"$STATE/region"
	check "kdump-tools' capture kernel carries this boot's region" \
		grep -q "kcrumbs.region=$(cat "$STATE/region")" /var/crash/kexec_cmd
	check "modprobe kcrumbs_trigger (QA)" modprobe kcrumbs_trigger
	next 2
	finish
	echo "KCSYS: CRASH NOW (trigger PANIC)"
	kcrumbs trigger PANIC --yes
	sleep 60
	not_ok "still alive 60 s after trigger PANIC"
	;;
2)
	after_crash panic "kcrumbs: PANIC trigger"
	out=$(kcrumbs history 2>&1)
	grep_ok "history: both crashes, in order" "crashed: sysrq(.|$)*crashed: panic" "$(printf '%s' "$out" | tr '\n' ' ')"
	# not set to load at boot: check fails
	mv /usr/lib/modules-load.d/kcrumbs.conf /root/kcrumbs-load.conf
	out=$(kcrumbs check 2>&1)
	check_exit "check fails when kcrumbs is not set to load at boot" 1 kcrumbs check
	doc check-not-at-boot "$(printf '%s\n' "$out" | grep -E 'kcrumbs module|armed|not')"
	mv /root/kcrumbs-load.conf /usr/lib/modules-load.d/kcrumbs.conf
	check "check passes again" kcrumbs check
	# kcrumbs qa: four roads into kdump, one per boot, nobody typing
	policy_now >"$STATE/policy-before"
	out=$(kcrumbs qa start $QA_TYPES --delay 5 2>&1)
	check_exit "qa start without --yes refuses (exit 5) and shows the plan" 5 \
		kcrumbs qa start $QA_TYPES --delay 5
	doc qa-plan "$out"
	check "the package leaves kcrumbs-qa.service disabled until a run is started" \
		sh -c '! systemctl is-enabled --quiet kcrumbs-qa.service'
	next qa
	finish
	out=$(kcrumbs qa start $QA_TYPES --delay 5 --yes 2>&1)
	echo "KCSYS: QA RUN STARTED"
	doc qa-start "$out"
	printf '%s\n' "$out" | grep -q 'planned' || {
		not_ok "qa start $QA_TYPES --yes"
		printf '%s\n' "$out" | sed 's/^/KCTEST-OUT: /'
		echo "KCTEST-DONE: phase=qa-start-failed tests=$n"
	}
	sleep 600
	not_ok "still alive 600 s after qa start"
	;;
qa)
	# nobody types: kcrumbs-qa.service judged the last crash at this boot
	# and fires the next one, or ends the run
	if ! wait_qa; then
		not_ok "the qa run ends within 20 minutes of this boot"
		kcrumbs qa status 2>&1 | sed 's/^/KCTEST-OUT: /'
		journalctl -b 0 -u kcrumbs-qa.service --no-pager | tail -n 20 | sed 's/^/KCTEST-OUT: /'
	fi
	if kcrumbs qa status --json | jq -e '[.steps[] | select(.state == "pending" or .state == "fired")] | length > 0' >/dev/null 2>&1; then
		echo "KCSYS: qa: $(kcrumbs qa status | head -n 1)"
		sleep 600
		exit 0
	fi
	out=$(kcrumbs qa report 2>&1)
	check "qa report: every type passed (exit 0)" kcrumbs qa report
	doc qa-report "$out"
	json=$(kcrumbs qa report --json 2>&1)
	for want in "PANIC panic kcrumbs_PANIC" "BUG oops kcrumbs_BUG" \
		"SOFTLOCKUP_BRIEF soft_lockup kcrumbs_SOFTLOCKUP_BRIEF" \
		"HUNG_TASK_BRIEF hung_task kcrumbs_HUNG_TASK_BRIEF"; do
		set -- $want
		check "qa: $1 passed: cause $2, function $3, a dump saved, the three timings" \
			jq -e --arg t "$1" --arg c "$2" --arg f "$3" '
				[.steps[] | select(.type == $t)] | length == 1 and
				(.[0] | .state == "passed" and .verdict == "pass" and .cause == $c and
				 (.function | startswith($f + "+")) and (.dump_bytes | tonumber) > 0 and
				 .crash_to_capture_ns != null and .crash_to_dump_ns != null and
				 .crash_to_up_ns != null and
				 (.crash_to_capture_ns | tonumber) < (.crash_to_dump_ns | tonumber) and
				 (.crash_to_dump_ns | tonumber) < (.crash_to_up_ns | tonumber))' <<<"$json"
	done
	doc qa-json "$(jq -c '.steps[0]' <<<"$json")"
	# (not from the journal: a crash seconds after the line loses it)
	check "qa: the four crashes were fired in four boots, none of them this one" \
		jq -e --arg b "$(tr -d '-' </proc/sys/kernel/random/boot_id)" \
			'[.steps[].boot_id] | (unique | length == 4) and (index($b) == null)' <<<"$json"
	now=$(policy_now)
	check "qa: the policy from before the run is back ($now)" \
		test "$now" = "$(cat "$STATE/policy-before")"
	check "qa: kcrumbs-qa.service is disabled at the end" \
		sh -c '! systemctl is-enabled --quiet kcrumbs-qa.service'
	check "qa report --junit writes the JUnit file (the host validates it)" \
		kcrumbs qa report --junit /root/qa-pass.xml
	# the capture kernel broken on purpose: it finds no init, panics and
	# the machine resets; the run must say it failed, and why
	cp /etc/default/kdump-tools "$STATE/kdump-tools.good"
	sed -i 's/^KDUMP_CMDLINE_APPEND="\(.*\)"$/KDUMP_CMDLINE_APPEND="\1 rdinit=\/kcrumbs-broken init=\/kcrumbs-broken panic=5"/' \
		/etc/default/kdump-tools
	check "the capture kernel's command line is broken (rdinit=/kcrumbs-broken)" \
		sh -c 'systemctl restart kdump-tools && grep -q kcrumbs-broken /var/crash/kexec_cmd'
	next qa-broken
	finish
	out=$(kcrumbs qa start sysrq-c --delay 5 --yes 2>&1)
	echo "KCSYS: QA RUN WITH A BROKEN CAPTURE KERNEL STARTED"
	printf '%s\n' "$out" | grep -q 'planned' || printf '%s\n' "$out" | sed 's/^/KCTEST-OUT: /'
	sleep 600
	not_ok "still alive 600 s after qa start sysrq-c"
	;;
qa-broken)
	wait_qa || not_ok "the broken run ends at this boot"
	out=$(kcrumbs qa report 2>&1)
	check_exit "qa report with the capture kernel broken: exit 1" 1 kcrumbs qa report
	doc qa-report-broken "$out"
	json=$(kcrumbs qa report --json 2>&1)
	check "... sysrq-c failed: vanished, with the reason" \
		jq -e '.steps[0] | .state == "failed" and .verdict == "vanished" and
			(.reason | test("no crash record, no capture, no dump"))' <<<"$json"
	check "... the JUnit file says so (the host validates it)" \
		sh -c 'kcrumbs qa report --junit /root/qa-broken.xml; grep -q "<failure message=\"vanished" /root/qa-broken.xml'
	cp "$STATE/kdump-tools.good" /etc/default/kdump-tools
	check "kdump-tools repaired: check exits 0" sh -c 'systemctl restart kdump-tools && kcrumbs check'
	# reserved mode from the next boot: the host adds memmap=1M$0x30000000
	echo "options kcrumbs mem_address=0x30000000 mem_size=0x100000" \
		>/etc/modprobe.d/kcrumbs.conf
	rm -f "$STATE/region"
	next 3
	finish
	echo "KCSYS: POWER OFF FOR RESERVED"
	systemctl poweroff
	;;
3)
	check "booted with memmap= (reserved mode)" grep -q 'memmap=1M\$0x30000000' /proc/cmdline
	out=$(cat /sys/kernel/kcrumbs/mode 2>&1)
	grep_ok "kcrumbs is in reserved mode" "^reserved" "$out"
	doc kdump-tools-reserved "$(grep -n -A1 'kcrumbs:' /etc/default/kdump-tools)"
	check "the drop-in wrote a KDUMP_CMDLINE without the memmap" \
		sh -c "grep -q '^KDUMP_CMDLINE=' /etc/default/kdump-tools && ! grep '^KDUMP_CMDLINE=' /etc/default/kdump-tools | grep -q memmap"
	check "check exits 0" kcrumbs check
	# what a user without kcrumbs' fix gets: kdump-config's eval mangles it
	cp /etc/default/kdump-tools /root/kdump-tools.fixed
	sed -i '/^# kcrumbs:/d; /^KDUMP_CMDLINE=/d' /etc/default/kdump-tools
	kdump-config unload >/dev/null 2>&1
	kdump-config load >/dev/null 2>&1
	out=$(kcrumbs check 2>&1)
	check_exit "with the memmap '\$' left in, check fails (not 'armed')" 1 kcrumbs check
	grep_ok "... naming the eval hazard" "^fail +capture command line: .*memmap=1M\\\$0x30000000" "$out"
	doc check-eval-hazard "$(printf '%s\n' "$out" | grep -E 'capture command line|fix|armed')"
	check "the fix it prints works: kcrumbs kdump-args --install" kcrumbs kdump-args --install
	check "... systemctl restart kdump-tools" systemctl restart kdump-tools
	check "check exits 0 again" kcrumbs check
	next 4
	crash_sysrq
	;;
4)
	systemctl start kcrumbs-harvest.service
	out=$(kcrumbs last-boot 2>&1)
	grep_ok "last-boot from the reserved region: crashed, sysrq" \
		"crashed: sysrq \\(sysrq triggered crash\\)" "$out"
	doc last-boot-reserved "$out"
	check "the reserved region is the module's previous copy" test -s /sys/kernel/kcrumbs/previous
	dir=$(newest_crash)
	ts=${dir##*/}
	check "the capture path saved kcrumbs.$ts.json in reserved mode too" \
		sh -c "jq -e '[.records[] | select(.kind == \"event\")] | last | .cause == \"sysrq\"' '$dir/kcrumbs.$ts.json'"
	# journald orders a JSON entry's fields as it likes: ask jq, not a regex
	out=$(journalctl -b 0 MESSAGE_ID=$MSGID -o json --no-pager | tail -n 1)
	out=$(printf '%s\n' "$out" | jq -r '"\(.KCRUMBS_VERDICT) from \(.KCRUMBS_SOURCE)"' 2>&1)
	grep_ok "the journal entry: crashed, from the reserved region" \
		'^crashed from the reserved region$' "$out"
	out=$(kcrumbs history 2>&1)
	grep_ok "history: three crashes" "crashed(.|$)*crashed(.|$)*crashed" "$(printf '%s' "$out" | tr '\n' ' ')"
	doc history "$out"
	out=$(kcrumbs --json history 2>&1)
	check "history --json is valid JSON" sh -c "printf '%s' '$out' | jq -e '.boots | length >= 3'"
	# the packages leave as cleanly as they came
	grep -q 'kcrumbs' /etc/default/kdump-tools ||
		not_ok "precondition: /etc/default/kdump-tools carries kcrumbs' arguments"
	out=$(apt-get purge -y kcrumbs kcrumbs-dkms 2>&1)
	check "apt purge kcrumbs kcrumbs-dkms" sh -c "! dpkg-query -W -f='\${db:Status-Status}\n' kcrumbs kcrumbs-dkms 2>/dev/null | grep -q installed"
	doc apt-purge "$(printf '%s\n' "$out" | grep -E '^(Removing|Purging|kcrumbs|dkms|Deleting|  )' | head -n 20)"
	check "... kdump-tools' configuration carries nothing of kcrumbs" \
		sh -c '! grep -n kcrumbs /etc/default/kdump-tools'
	check "... kdump-tools reloaded its capture kernel without it" \
		sh -c '! grep -q kcrumbs /var/crash/kexec_cmd && kdump-config status | grep -q "ready to kdump"'
	check "... no kcrumbs file is left (module, source, units, archive, conffile)" \
		sh -c '[ -z "$(find / -xdev \( -path /root -o -path /var/crash -o -path /var/log/journal -o -path /var/lib/kctest \) -prune -o -name "*kcrumbs*" -print)" ]'
	check "... dkms knows no kcrumbs" sh -c '[ -z "$(dkms status kcrumbs)" ]'
	next 5
	finish
	echo "KCSYS: DONE"
	systemctl poweroff
	;;
*)
	echo "KCSYS: phase $phase: nothing to do"
	systemctl poweroff
	;;
esac
