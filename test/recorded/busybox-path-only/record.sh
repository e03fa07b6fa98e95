#!/bin/sh
# Ground truth for test/image/busybox-path-only.test.ts: the real busybox:latest's ash finds a
# command through PATH only (docker-library/busybox builds 1.38.0 with `make defconfig`, which
# leaves FEATURE_SH_STANDALONE and FEATURE_PREFER_APPLETS off). Each line of cases.txt is run as
# `sh -c LINE` in a chroot of that image's rootfs (docker-library/busybox, branch dist-amd64,
# latest/glibc/amd64/rootfs.tar.gz) and written to chroot.txt: `$ LINE`, its output (stderr
# merged), `[exit N]` when not 0. Run as root: sh record.sh /work/.mirror/docker-library+busybox/repo
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
git -C "$1" show dist-amd64:latest/glibc/amd64/rootfs.tar.gz > "$WORK/rootfs.tar.gz"
mkdir "$WORK/root"
tar xzf "$WORK/rootfs.tar.gz" -C "$WORK/root"
: > "$HERE/chroot.txt"
while IFS= read -r line; do
  printf '$ %s\n' "$line" >> "$HERE/chroot.txt"
  status=0
  chroot "$WORK/root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -c "exec -a sh /bin/sh -c \"\$0\"" "$line" >> "$HERE/chroot.txt" 2>&1 || status=$?
  [ "$status" = 0 ] || printf '[exit %s]\n' "$status" >> "$HERE/chroot.txt"
done < "$HERE/cases.txt"
