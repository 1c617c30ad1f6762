#!/bin/bash
# Read and write the guest's disks from the host while the guest is NOT
# running, without mounting anything (debugfs and mkfs.ext4 -d work on the
# image files directly).
#
#   disk.sh clone IMAGE_DIR DISK          DISK := a sparse copy of the
#                                         pristine IMAGE_DIR/rootfs.img
#   disk.sh put DISK HOSTFILE GUESTPATH [MODE]
#                                         copy a file in (owner root, MODE
#                                         default 0755); parent dir must exist
#   disk.sh get DISK GUESTPATH HOSTDIR    copy a file or a directory tree out
#                                         (debugfs rdump) into HOSTDIR
#   disk.sh ls DISK GUESTPATH             debugfs' long listing of a directory
#   disk.sh cat DISK GUESTPATH            a file's contents to stdout
#   disk.sh mkdata SRCDIR IMAGE [SIZE]    an ext4 image holding SRCDIR's files
#                                         (default 512M, sparse) to attach as
#                                         /dev/vdb: KCSYS_DISK2=IMAGE boot.sh
set -euo pipefail

die() { echo "disk.sh: $*" >&2; exit 2; }
usage() { sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0" >&2; exit 2; }

# dfs DISK CMD: one debugfs request; debugfs prints its banner on stderr and
# reports most errors there too with exit status 0, so errors are looked for
dfs() {
	local disk=$1 cmd=$2 err
	err=$(mktemp)
	debugfs ${DFS_W:+-w} -R "$cmd" "$disk" 2>"$err" || { cat "$err" >&2; rm -f "$err"; return 1; }
	if grep -v '^debugfs [0-9]' "$err" | grep -q .; then
		grep -v '^debugfs [0-9]' "$err" >&2
		rm -f "$err"
		return 1
	fi
	rm -f "$err"
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case $cmd in
clone)
	[ $# = 2 ] || usage
	[ -f "$1/rootfs.img" ] || die "no $1/rootfs.img (run tests/system/mkimage.sh)"
	rm -f "$2"
	cp --sparse=always "$1/rootfs.img" "$2"
	;;
put)
	[ $# -ge 3 ] || usage
	disk=$1 src=$2 dst=$3 mode=${4:-0755}
	[ -f "$src" ] || die "no $src"
	DFS_W=1 dfs "$disk" "rm $dst" 2>/dev/null || true # may not exist yet
	DFS_W=1 dfs "$disk" "write $src $dst" >/dev/null # "Allocated inode: N"
	# a regular file (0100000) with the permission bits MODE
	DFS_W=1 dfs "$disk" "sif $dst mode 0$(printf '%o' $((0100000 | 8#$mode)))"
	DFS_W=1 dfs "$disk" "sif $dst uid 0"
	DFS_W=1 dfs "$disk" "sif $dst gid 0"
	;;
get)
	[ $# = 3 ] || usage
	mkdir -p "$3"
	dfs "$1" "rdump $2 $3"
	;;
ls)
	[ $# = 2 ] || usage
	dfs "$1" "ls -l $2"
	;;
cat)
	[ $# = 2 ] || usage
	dfs "$1" "cat $2"
	;;
mkdata)
	[ $# -ge 2 ] || usage
	[ -d "$1" ] || die "no directory $1"
	rm -f "$2"
	truncate -s "${3:-512M}" "$2"
	mkfs.ext4 -q -F -L kcsys-data -d "$1" "$2"
	;;
*) usage ;;
esac
