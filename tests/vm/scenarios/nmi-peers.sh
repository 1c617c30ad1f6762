# kcrumbs registers on no NMI type where a second handler makes the kernel
# WARN (NMI_SERR, NMI_IO_CHECK: hpwdt on HPE servers and igen6_edac
# register there). With panic_on_warn=1 (the qa profile) a WARN is a
# panic, so: load a peer on both types before and after kcrumbs, and ask
# for a dynamic region larger than the page allocator gives in one piece:
# no WARN, no panic, a clean refusal.
DESC="with panic_on_warn=1: an NMI_SERR/IO_CHECK peer before and after kcrumbs, and an oversized region: no WARN, no panic"
TIMEOUT=90
PHASES="first"

guest_first() {
	sysctl -qw kernel.panic_on_warn=1
	kc_check "panic_on_warn=1" test "$(cat /proc/sys/kernel/panic_on_warn)" = 1
	kc_check "the peer registers on NMI_SERR and NMI_IO_CHECK" \
		insmod /lib/modules/kc_nmi_peer.ko
	kc_check "kcrumbs loads after the peer" insmod /lib/modules/kcrumbs.ko
	kc_check "... with its NMI hook" sh -c 'kcrumbs status | grep -q "^hooks:.*nmi"'
	rmmod kcrumbs
	rmmod kc_nmi_peer
	kc_check "kcrumbs loads first" insmod /lib/modules/kcrumbs.ko
	kc_check "the peer loads after kcrumbs" insmod /lib/modules/kc_nmi_peer.ko
	rmmod kc_nmi_peer
	rmmod kcrumbs
	dmesg -c >/dev/null
	if insmod /lib/modules/kcrumbs.ko nr_slots=256 slot_kib=64 2>/dev/null; then
		kc_not_ok "nr_slots=256 slot_kib=64 (16 MiB) is refused in dynamic mode"
		rmmod kcrumbs
	else
		kc_ok "nr_slots=256 slot_kib=64 (16 MiB) is refused in dynamic mode"
	fi
	kc_grep "... with a clean error" \
		"kcrumbs: refused: a dynamic region of [0-9]+ bytes is more than the [0-9]+" "$(dmesg)"
	kc_check "no WARNING in the kernel log" sh -c '! dmesg | grep -q "WARNING:"'
	kc_ok "still alive with panic_on_warn=1"
}
