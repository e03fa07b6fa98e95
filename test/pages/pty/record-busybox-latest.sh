#!/bin/bash
# Records busybox-latest-*.json: the real busybox:latest's sh on a pseudo-terminal (record.py,
# 80x24), as `docker run -it busybox sh` starts it in a normal install. The oracle's engines have
# no registry, and their busybox is Debian's busybox-static 1.35 (/work/shared/oracle/README.md);
# this script runs the real image's own files instead: the amd64 rootfs of the build strata's
# busybox:latest names (src/image/base.ts: layer sha256:b05093807bb0..., BusyBox 1.38.0 glibc of
# 2026-05-13), from docker-library/busybox's dist-amd64 branch (latest/glibc/amd64/rootfs.tar.gz),
# checked against that digest, in a chroot as root with the image's environment (PATH, HOME=/root,
# the working directory /). Needs a clone of docker-library/busybox (the path as $1; the library's
# `fetch github:docker-library/busybox` gives one) and root:
#   bash test/pages/pty/record-busybox-latest.sh /work/.mirror/docker-library+busybox/repo
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$1
LAYER=b05093807bb0294152bb9cf86d64da722732dddaf7f8882fa1f120477dbc4db3
ROOT=$(mktemp -d /tmp/busybox-latest.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT
git -C "$REPO" show dist-amd64:latest/glibc/amd64/rootfs.tar.gz > "$ROOT.tar.gz"
echo "$LAYER  $ROOT.tar.gz" | sha256sum -c --quiet
tar xzf "$ROOT.tar.gz" -C "$ROOT" && rm "$ROOT.tar.gz"
# each session in a fresh copy of the image's files (a new container's), the history file checked after
rec() {
  name=$1; shift
  rm -rf "$ROOT/root" && mkdir -m 700 "$ROOT/root"
  python3 "$HERE/record.py" "$@" -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=xterm \
    chroot "$ROOT" /bin/sh -c 'cd / && exec /bin/sh' > "$HERE/busybox-latest-$name.json"
  echo "== $name: $(ls -A "$ROOT/root")"
}
rec exit --type 'echo hi' --type 'cd /tmp' --type 'exit'
rec ctrld --type 'echo hi' --type '\x04'
rec exit3 --type 'false' --type 'exit 3'
rec history --type 'echo one' --type 'echo two' --type 'cat /root/.ash_history' --type 'exit'
