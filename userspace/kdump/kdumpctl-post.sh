#!/bin/sh
# kcrumbs for kdumpctl (Fedora, RHEL, CentOS: kdump-utils): installed as
# /etc/kdump/post.d/90-kcrumbs, with `extra_bins /usr/sbin/kcrumbs` in
# /etc/kdump.conf so that the kdump initramfs carries the binary (kdumpctl
# rebuilds it: kdumpctl restart). kdump.sh runs it in the capture kernel
# after the dump, with the dump's exit status as $1, dump or no dump: it
# writes kcrumbs.<stamp>.json and .region into the directory of this
# crash's vmcore (the newest <ip>-<date> under `path`, below the dump
# target's mount point), or into a kcrumbs-<date> directory of its own
# when the dump made none. POSIX sh: the kdump initramfs may have no bash.
#
# The contract, tested in a fake tree (tests/packaging/run.sh):
#   KCRUMBS_KDUMP_CONF  kdump.conf (default /etc/kdump.conf): its `path`
#   KCRUMBS_NEWROOT     where the dump target is mounted (default /sysroot)
#   a dump directory counts only if named after this kernel's start
#   kcrumbs             found in PATH
status=${1:-}
conf=${KCRUMBS_KDUMP_CONF:-/etc/kdump.conf}
root=${KCRUMBS_NEWROOT:-/sysroot}

path=
if [ -r "$conf" ]; then
	path=$(sed -n 's/^[[:space:]]*path[[:space:]]\{1,\}\([^[:space:]#]*\).*/\1/p' "$conf" | tail -n 1)
fi
[ -n "$path" ] || path=/var/crash
base=$root/${path#/}

# kdump.sh names it $HOST_IP-$(date +%Y-%m-%d-%T) after this capture
# kernel started: the newest so named since then is this crash's (sorted
# on the date, the last 19 characters). An older one is another crash's:
# a dump that made no directory gets one of kcrumbs' own.
up=$(cut -d' ' -f1 /proc/uptime 2>/dev/null)
since=$(date -d "@$(( $(date +%s) - ${up%.*} - 1 ))" +%Y-%m-%d-%T 2>/dev/null)
dir=$(ls -d "$base"/*-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-[0-9][0-9]:[0-9][0-9]:[0-9][0-9] \
	2>/dev/null | awk -v since="$since" '{ d = substr($0, length($0) - 18)
		if (d >= since) print d " " $0 }' | sort | tail -n 1 | cut -d' ' -f2-)
if [ -z "$dir" ]; then
	dir=$base/kcrumbs-$(date +%Y-%m-%d-%T)
fi
echo "kcrumbs: kdump finished with status ${status:-?}; the breadcrumbs go to $dir"
exec kcrumbs capture --dir "$dir"
