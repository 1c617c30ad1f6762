# Reserved memory is checked and claimed: mem_address/mem_size over System
# RAM (a modprobe.d option left behind after memmap= fell off the command
# line) or over a range another driver claimed is refused, with one dmesg
# line saying why, and the memory is not touched. A free range is claimed
# (request_mem_region: /proc/iomem shows it) and given back at unload.
DESC="reserved memory over System RAM or a claimed range is refused and untouched; a free range is claimed"
TIMEOUT=90
PHASES="first"
APPEND='memmap=1M$0x30000000'

# refused DESC ARGS...: insmod kcrumbs.ko ARGS fails.
refused() {
	_d=$1
	shift
	if insmod /lib/modules/kcrumbs.ko "$@" >/tmp/insmod.log 2>&1; then
		kc_not_ok "$_d (it loaded)"
		rmmod kcrumbs
	else
		kc_ok "$_d"
	fi
}

guest_first() {
	dmesg -c >/dev/null
	kc_check "kc_testmem owns 256 KiB of RAM, filled with a pattern" \
		insmod /lib/modules/kc_testmem.ko mode=own size=0x40000
	phys=$(cat /sys/module/kc_testmem/parameters/phys)
	dmesg -c >/dev/null
	refused "mem_address over that System RAM is refused" \
		mem_address="$phys" mem_size=0x40000 nr_marks=16 slot_kib=4
	log=$(dmesg -c)
	kc_grep "... saying why in dmesg" \
		"kcrumbs: refused: 262144 bytes at 0x[0-9a-f]+ overlap System RAM" "$log"
	# (busybox's insmod tries finit_module, then init_module: each attempt
	# logs its line, so count the distinct ones)
	kc_check "... in one line" test "$(printf '%s\n' "$log" | grep 'kcrumbs' |
		sed 's/^\[[^]]*\] //' | sort -u | wc -l)" = 1
	kc_check "rmmod kc_testmem" rmmod kc_testmem
	kc_grep "the RAM was not touched" "kc_testmem: owned: 262144 bytes intact" "$(dmesg -c)"

	kc_check "kc_testmem claims the reserved range, as another driver would" \
		insmod /lib/modules/kc_testmem.ko mode=claim addr=0x30000000 size=0x100000
	dmesg -c >/dev/null
	refused "a range another driver claimed is refused" \
		mem_address=0x30000000 mem_size=0x100000
	kc_grep "... saying so" \
		"kcrumbs: refused: 1048576 bytes at 0x0*30000000 are claimed by another driver" "$(dmesg -c)"
	rmmod kc_testmem

	refused "mem_type=3 is refused" mem_address=0x30000000 mem_size=0x100000 mem_type=3
	kc_grep "... naming the types" "mem_type must be 0 \(write-back\), 1 \(write-through\) or 2 \(write-combining\)" "$(dmesg -c)"

	kc_check "a free reserved range loads (write-through)" \
		insmod /lib/modules/kcrumbs.ko mem_address=0x30000000 mem_size=0x100000 mem_type=1
	kc_check "... in reserved mode" grep -qx reserved /sys/kernel/kcrumbs/mode
	kc_grep "/proc/iomem shows kcrumbs' claim" "30000000-300fffff : kcrumbs" "$(cat /proc/iomem)"
	if insmod /lib/modules/kc_testmem.ko mode=claim addr=0x30000000 size=0x1000 2>/dev/null; then
		kc_not_ok "no other driver can claim it now"
		rmmod kc_testmem
	else
		kc_ok "no other driver can claim it now"
	fi
	out=$(kcrumbs mark "write-through mark" 2>&1)
	kc_check "a mark is stored through the write-through mapping" \
		sh -c 'kcrumbs status | grep -q "^marks: *1 written"'
	kc_check "rmmod kcrumbs" rmmod kcrumbs
	if grep -q " : kcrumbs" /proc/iomem; then
		kc_not_ok "unload gives the range back"
	else
		kc_ok "unload gives the range back"
	fi
}
