#!/bin/bash
# Ground truth for test/shell/bash44-hash-order.test.ts: the order bash's `hash` lists its table
# in, for bash 4.4 (oraclelinux:8's release), 5.1 (bullseye's, jammy's, Oracle Linux 9's) and 5.2
# (this host's 5.2.15). hash-order.txt: each bash's `hash -p /p/NAME NAME` for the names below,
# then `hash` and `hash -l`. The older binaries are their distributions' debs, extracted with
# dpkg -x into a temporary directory (apt-get download with a private source list, lists and cache,
# as shared/oracle/start-engine.sh gets trixie's; nothing installed): Debian bullseye's
# bash 5.1-2+deb11u1, and Ubuntu bionic's bash 4.4.18-2ubuntu1 with its libtinfo5 (archive.ubuntu.com;
# Debian stretch's 4.4 is on archive.debian.org, not reachable from the recording host).
#   bash hash-order.sh BASH44_ROOT BASH51_ROOT   (each the directory dpkg -x wrote)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NAMES='ls cat grep sed mkdir rm cp mv chmod awk sort head tail tr wc env find xargs tar gzip touch ln chown date sleep printf test true false id whoami uname basename dirname readlink stat du df cut'
SCRIPT='for n in '"$NAMES"'; do hash -p /p/$n $n; done; hash; hash -l'
out="$HERE/hash-order.txt"; : > "$out"
for b in "$1/bin/bash" "$2/bin/bash" /bin/bash; do
  lib=$(dirname "$(dirname "$b")")/lib/x86_64-linux-gnu
  v=$(LD_LIBRARY_PATH=$lib "$b" -c 'echo "$BASH_VERSION"')
  printf '### %s\n' "$v" >> "$out"
  env -i LD_LIBRARY_PATH=$lib PATH=/usr/bin:/bin "$b" -c "$SCRIPT" >> "$out" 2>&1
done
