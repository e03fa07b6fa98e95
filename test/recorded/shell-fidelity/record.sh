#!/bin/bash
# Ground truth for test/shell/shell-fidelity.test.ts: each case of cases.txt (cases separated by a
# line `%%`) run as `SHELL -c CASE` by five real shells, as root, written to SHELL.txt: `### N`
# (the case's number, from 1), its output (stderr merged), `[exit N]`; lineno.txt's cases the
# same way into SHELL-lineno.txt (test/shell/lineno.test.ts):
#  - bash-5.2.txt: this host's bash 5.2.15 (Debian 12's bash 5.2.15-2, a debian:bookworm image's);
#  - dash-0.5.12.txt: this host's dash 0.5.12 (Debian 12's dash 0.5.12-2, a Debian image's sh), as `sh`;
#  - busybox-1.35.txt: this host's /bin/busybox (Debian 12's busybox-static 1.35.0, the oracle's
#    busybox:latest) in a chroot of it and a link to it for each of its applets in /bin;
#  - busybox-1.36.txt: Alpine 3.19.4's busybox 1.36.1, a chroot of alpinelinux/docker-alpine's
#    v3.19 x86_64 minirootfs;
#  - busybox-1.38.txt: the real busybox:latest's 1.38.0, a chroot of docker-library/busybox's
#    dist-amd64 latest/glibc/amd64/rootfs.tar.gz (as test/recorded/busybox-path-only/record.sh).
# Run as root: bash record.sh /work/.mirror/docker-library+busybox/repo /work/.mirror/alpinelinux+docker-alpine/repo
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/shellfix-record.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PATHV=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mkdir "$WORK/bb135" "$WORK/bb136" "$WORK/bb138"
mkdir -p "$WORK/bb135/bin" "$WORK/bb135/tmp"
cp /bin/busybox "$WORK/bb135/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox "$WORK/bb135/bin/$a"; done
git -C "$2" show v3.19:x86_64/alpine-minirootfs-3.19.4-x86_64.tar.gz | tar xz -C "$WORK/bb136"
git -C "$1" show dist-amd64:latest/glibc/amd64/rootfs.tar.gz | tar xz -C "$WORK/bb138"
split() { # FILE: the cases of FILE, one file each
python3 - "$HERE/$1" "$WORK" <<'PY'
import sys
cases = open(sys.argv[1]).read().rstrip('\n').split('\n%%\n')
for i, c in enumerate(cases, 1):
    open(f'{sys.argv[2]}/case{i}', 'w').write(c)
print(len(cases), file=open(f'{sys.argv[2]}/count', 'w'))
PY
N=$(cat "$WORK/count")
}
run() { # NAME [SUFFIX]: run every case, write NAME.txt (NAME-SUFFIX.txt)
  out="$HERE/$1${2:+-$2}.txt"; : > "$out"
  for i in $(seq 1 "$N"); do
    printf '### %s\n' "$i" >> "$out"
    c=$(cat "$WORK/case$i")
    rm -rf /tmp/sfx /tmp/nx /tmp/sfx-src.sh "$WORK"/bb13?/tmp/sfx
    status=0
    case $1 in
      bash-5.2) (cd / && env -i PATH=$PATHV HOME=/root bash -c "$c") >> "$out" 2>&1 || status=$? ;;
      dash-0.5.12) (cd / && env -i PATH=$PATHV HOME=/root bash -c 'exec -a sh dash -c "$1"' _ "$c") >> "$out" 2>&1 || status=$? ;;
      busybox-1.3[568]) chroot "$WORK/bb1${1#busybox-1.}" /bin/busybox env -i PATH=$PATHV HOME=/root /bin/sh -c 'cd / && exec -a sh /bin/sh -c "$0"' "$c" >> "$out" 2>&1 || status=$? ;;
    esac
    printf '[exit %s]\n' "$status" >> "$out"
  done
  rm -rf /tmp/sfx
}
split cases.txt
for s in bash-5.2 dash-0.5.12 busybox-1.35 busybox-1.36 busybox-1.38; do run "$s"; done
split lineno.txt
for s in bash-5.2 dash-0.5.12 busybox-1.35 busybox-1.36 busybox-1.38; do run "$s" lineno; done
