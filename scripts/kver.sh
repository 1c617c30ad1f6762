#!/bin/sh
# Print the kernel release to build the module for.
#   kver.sh          the running kernel if its headers are installed, else
#                    the newest kernel with headers under /lib/modules
#                    (with a note on stderr), else the running kernel.
#   kver.sh --debian the kernel that Debian's linux-headers-amd64 points at:
#                    the one the VM tests boot.
set -eu

debian_kver() {
	dpkg-query -W -f='${Depends}\n' linux-headers-amd64 2>/dev/null |
		sed -n 's/.*linux-headers-\([^ ,]*\).*/\1/p' | head -n 1
}

if [ "${1:-}" = "--debian" ]; then
	k=$(debian_kver)
	if [ -z "$k" ]; then
		echo "kver.sh: linux-headers-amd64 is not installed (run: make deps)" >&2
		exit 1
	fi
	echo "$k"
	exit 0
fi

run=$(uname -r)
if [ -d "/lib/modules/$run/build" ]; then
	echo "$run"
	exit 0
fi
newest=$(ls -d /lib/modules/*/build 2>/dev/null | sed 's|/lib/modules/||;s|/build||' |
	sort -V | tail -n 1)
if [ -n "$newest" ]; then
	echo "kcrumbs: no headers for the running kernel $run; building for $newest (set KVER= to choose)" >&2
	echo "$newest"
	exit 0
fi
echo "$run"
