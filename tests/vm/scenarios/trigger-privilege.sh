# Crashing the machine needs CAP_SYS_BOOT in the initial user namespace, as
# reboot(2) does, not only CAP_NET_ADMIN: a process that keeps
# CAP_NET_ADMIN but has lost CAP_SYS_BOOT (as a --net=host --cap-add
# NET_ADMIN container has) cannot arm nor trigger, and is told why.
# Nothing here crashes.
DESC="arm and trigger need CAP_SYS_BOOT: refused with CAP_NET_ADMIN alone, the machine lives on"
TIMEOUT=120
PHASES="first"

# no_sys_boot CMD...: run CMD as root with CAP_SYS_BOOT gone from every
# set it could come back from (bounding and inheritable): the exec'd
# process keeps every other capability, CAP_NET_ADMIN included.
# util-linux's setpriv (busybox's has no --bounding-set).
no_sys_boot() {
	/usr/bin/setpriv --bounding-set -sys_boot --inh-caps -sys_boot -- "$@"
}

guest_first() {
	kc_insmod
	kc_arm_kdump || return
	# CAP_SYS_BOOT is bit 22, CAP_NET_ADMIN bit 12
	eff=$(no_sys_boot grep '^CapEff:' /proc/self/status 2>&1 | awk '{ print $2 }')
	case $eff in
	[0-9a-f]*) ;;
	*)
		kc_not_ok "setpriv runs (CapEff '$eff')"
		no_sys_boot true 2>&1 | sed 's/^/KCTEST-OUT: /'
		return
		;;
	esac
	kc_check "setpriv: CAP_SYS_BOOT is gone (CapEff $eff)" \
		test "$((0x$eff & 0x400000))" = 0
	kc_check "setpriv: CAP_NET_ADMIN is kept" \
		test "$((0x$eff & 0x1000))" != 0

	kc_check_exit "arm without CAP_SYS_BOOT is refused (exit 4)" 4 no_sys_boot kcrumbs arm
	out=$(no_sys_boot kcrumbs arm 2>&1)
	kc_grep "... and the refusal names CAP_SYS_BOOT" "kernel reports: .*CAP_SYS_BOOT" "$out"
	kc_grep "status shows no window" "triggers: +not armed" "$(kcrumbs status)"

	kc_check_exit "trigger PANIC --force without CAP_SYS_BOOT is refused (exit 4)" 4 \
		no_sys_boot kcrumbs trigger PANIC --yes --force
	out=$(no_sys_boot kcrumbs trigger PANIC --yes --force 2>&1)
	kc_grep "... and the refusal names CAP_SYS_BOOT" "kernel reports: .*CAP_SYS_BOOT" "$out"
	out=$(no_sys_boot kcrumbs trigger BREADCRUMB_ALL_CPUS --yes 2>&1)
	kc_grep "... for every crash type" "kernel reports: .*CAP_SYS_BOOT" "$out"
	sleep 1
	log=$(dmesg)
	if printf '%s\n' "$log" | grep -q "kcrumbs_trigger: trigger "; then
		kc_not_ok "no crash thread ran"
		printf '%s\n' "$log" | tail -n 20 | sed 's/^/KCTEST-OUT: /'
	else
		kc_ok "no crash thread ran"
	fi
	kc_check "the machine lives on: status answers" kcrumbs status
	kc_check "--list needs no privilege" su nobody -c "kcrumbs trigger --list"
	kc_check "status as nobody still works" su nobody -c "kcrumbs status"
	out=$(su nobody -c "kcrumbs trigger PANIC --yes" 2>&1)
	kc_grep "trigger as nobody: permission denied" "permission denied" "$out"

	# full root: the same request works
	kc_check "as root, trigger BREADCRUMB_ALL_CPUS works" \
		kcrumbs trigger BREADCRUMB_ALL_CPUS --yes
	sleep 1
	kc_grep "... and its thread ran" \
		"kcrumbs_trigger: trigger BREADCRUMB_ALL_CPUS: returned, the kernel carried on" "$(dmesg)"
}
