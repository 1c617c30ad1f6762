#!/bin/bash
# Regenerates the seed corpora of tests/fuzz/corpus/: binary ones from
# gen/mkcorpus.c (regions with valid CRCs, ELF cores), text ones here.
# Seeds are small and few: valid inputs and edge cases the parsers must
# handle, from which libFuzzer mutates. Run by hand; the output is
# checked in.
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=$root/tests/fuzz/corpus
cd "$root" || exit 1
for h in region_raw region_struct elf vmcore kdump flat crashkernel sysctl cmdline extack json signature; do
	rm -rf "${out:?}/$h"
	mkdir -p "$out/$h"
done
gen=$(mktemp)
trap 'rm -f "$gen"' EXIT
cc -O1 -std=gnu11 -D_GNU_SOURCE -Imodule -Iuserspace -Itests/unit \
	-o "$gen" tests/fuzz/gen/mkcorpus.c userspace/crc32.c || exit 1
"$gen" "$out" || exit 1

# seed NAME HARNESS PRINTF-FORMAT [ARGS]: one text (or byte) seed
seed() {
	local h=$1 name=$2
	shift 2
	# shellcheck disable=SC2059
	printf "$@" >"$out/$h/$name"
}

# region_struct: field values, not bytes of a region (see region_struct.c):
# opts, nr_slots, slot size, nr_marks, slack, lie mask, then fields
seed region_struct zeros '\0\0\0\0\0\0\0\0'
seed region_struct event-mark '\003\003\007\002\000\000\000%s' \
	"$(head -c 200 /dev/zero | tr '\0' 'K')"
seed region_struct tails '\001\002\000\001\001\000\000bootid-bootid-id6.1.0-56-amd64\012\012\012'

seed crashkernel simple '256M'
seed crashkernel ranges '512M-2G:64M,2G-:128M@16M'
seed crashkernel high 'crashkernel=1G,high crashkernel=128M,low'
seed crashkernel cmdline 'BOOT_IMAGE=/vmlinuz-6.1.0-56-amd64 root=UUID=1 ro crashkernel=384M-:256M quiet\n'
seed crashkernel iomem '00000000-00000fff : Reserved\n00001000-0009fbff : System RAM\n00100000-3fffffff : System RAM\n  2a000000-39ffffff : Crash kernel\n'
seed crashkernel meminfo 'MemTotal:        2030508 kB\nMemFree:          120376 kB\n'
seed crashkernel cpulist '0-3,8,10-11\n'
seed crashkernel bad-range '384M-2G64M'

for f in sysctl.d/*.conf; do
	cp "$f" "$out/sysctl/$(basename "$f")"
done
seed sysctl globs 'net.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\n; comment\n# comment\n-kernel.panic = 10\nkernel/panic_on_oops=1\nnet.ipv4.conf.eth0/1.x = y\n'
seed sysctl no-equals 'kernel.panic\n'

seed cmdline value '135168@0x3f4a0000'
seed cmdline suffix '132K@0x3f4a0000'
seed cmdline line 'root=/dev/sda1 kcrumbs.region=1M@0x100000 quiet kcrumbs.region=2M@0x200000\n'
seed cmdline zero 'xkcrumbs.region=0@1'

# extack: a flags byte (bit 0: force NLMSG_ERROR and ACK_TLVS; bit 1:
# nlmsg_len = the size), then the message: nlmsghdr (16), nlmsgerr (error
# 4 + the request's nlmsghdr 16), attributes
# capped: len 52, type 2, flags NLM_F_CAPPED|NLM_F_ACK_TLVS (0x300), error -22,
# the request's header, NLMSGERR_ATTR_MSG (1) of "bad attr\0" (len 13)
seed extack capped '\000\064\000\000\000\002\000\000\003\000\000\000\000\000\000\000\000\352\377\377\377\020\000\000\000\020\000\005\000\000\000\000\000\000\000\000\000\015\000\001\000bad attr\000\000\000\000'
# not capped: the request echoed whole (len 20: 4 bytes of payload)
seed extack echoed '\000\070\000\000\000\002\000\000\002\000\000\000\000\000\000\000\000\352\377\377\377\024\000\000\000\020\000\005\000\000\000\000\000\000\000\000\000\001\002\003\004\015\000\001\000bad attr\000\000\000\000'
seed extack no-nul '\003\000\000\000\000\002\000\000\003\000\000\000\000\000\000\000\000\352\377\377\377\020\000\000\000\020\000\005\000\000\000\000\000\000\000\000\000\010\000\001\000abcd'

seed json ascii 'sysrq triggered crash'
seed json controls 'tab\there\nnul-less \001\037\177 "quoted" \\back'
seed json utf8 'caf\303\251 \342\202\254 \360\237\230\200'
seed json invalid '\377\376 \300\257 \355\240\200 \364\220\200\200 \342\202'
seed json escape '\033]0;title\007\033[2J'

# signature: the cause byte, the message line, one frame per line
seed signature panic '\001kcrumbs: PANIC trigger\npanic+0x13d/0x2f4\nkcrumbs_PANIC+0x11/0x242 [kcrumbs_trigger]\ncrash_thread+0x2f/0x50 [kcrumbs_trigger]\nkthread+0xda/0x100\n'
seed signature oops '\002BUG: kernel NULL pointer dereference, address: 0000000000000000\nkcrumbs_null_deref+0x5/0x20 [kcrumbs_trigger 0123abcd]\n? stale+0x1/0x2\n__handle_sysrq.cold+0x44/0x11c\n0xffffffffc0001234\n'
seed signature no-newline '\003sysrq triggered crash\n\n+0x1/0x2\n[kcrumbs]\nsysrq_handle_crash'
seed signature empty ''
echo "seeds: $(find "$out" -type f | wc -l) files, $(du -sk "$out" | cut -f1) KiB"

# flat (and kdump): makedumpfile's flattened format. flat_hdr: the 4096-byte
# header; flat_block OFF SIZE: a block header (big-endian), then its bytes.
be64() { printf "$(printf '%016x' "$1" | sed 's/../\\x&/g')"; }
flat_hdr() { printf 'makedumpfile\0\0\0\0'; be64 1; be64 1; head -c 4064 /dev/zero; }
flat_end() { printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377'; }
{ flat_hdr; be64 0; be64 4; printf 'KDUM'; be64 8192; be64 3; printf 'abc'; be64 0; be64 2; printf 'XY'; flat_end; } >"$out/flat/blocks"
{ flat_hdr; be64 0; be64 100; printf 'short'; } >"$out/flat/cut-short"
{ flat_hdr; flat_end; } >"$out/flat/empty"
# the kdump harness's ELF seeds, flattened (its 16-byte prefix kept)
for s in elf-scan elf-address; do
	f=$out/kdump/$s
	n=$(($(stat -c %s "$f") - 16))
	{ head -c 16 "$f"; flat_hdr; be64 0; be64 "$n"; tail -c "$n" "$f"; flat_end; } >"$out/kdump/flat-$s"
done
