# `kcrumbs status` and `kcrumbs --version` round-trip over generic netlink.
DESC="kcrumbs status / --version round-trip over netlink, as root and as nobody"
TIMEOUT=90
PHASES="first"

guest_first() {
	kc_insmod
	rel=$(uname -r)
	# as a regex: trixie's and sid's releases carry a '+' (6.12.117+deb13-amd64)
	rel_re=$(printf '%s' "$rel" | sed 's/[.+]/\\&/g')
	out=$(kcrumbs status --json 2>&1)
	kc_grep "status --json says loaded" '"loaded":true' "$out"
	kc_grep "status --json carries this kernel's release" \
		"\"kernel_release\":\"$rel_re\"" "$out"
	kc_grep "status --json carries the ABI, matching the tool" \
		'"abi":1,"abi_match":true' "$out"
	out=$(kcrumbs --version 2>&1)
	kc_grep "--version names the tool" "^kcrumbs [0-9.]+ \(ABI 1\)" "$out"
	kc_grep "--version names the loaded module and kernel" \
		"^module [0-9.]+ \(ABI 1\) on $rel_re" "$out"
	out=$(su nobody -c "kcrumbs status" 2>&1)
	kc_grep "status is readable without privilege" "^module: +loaded" "$out"
	kc_check "status as nobody runs as uid 65534" \
		test "$(su nobody -c 'id -u')" = 65534
	kc_rmmod
	out=$(kcrumbs status --json 2>/dev/null)
	kc_grep "status --json when unloaded says so" \
		'"loaded":false,"error":"the kcrumbs kernel module is not loaded' "$out"
}
