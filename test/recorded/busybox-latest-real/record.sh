#!/bin/bash
# Ground truth for the real busybox:latest that a normal install simulates (src/image/busybox-real.ts):
# the image strata's busybox:latest names (src/image/base.ts: index digest sha256:dc2d74b2..., layer
# sha256:b05093807bb0..., BusyBox 1.38.0 glibc of 2026-05-13), as docker-library/busybox's dist-amd64
# branch holds it (latest/glibc/amd64/: rootfs.tar.gz, whose sha256 is that layer digest, and
# image-config.json, whose sha256 is the image ID). Needs a clone of docker-library/busybox ($1; the
# library's `fetch github:docker-library/busybox` gives one), python3, root and the oracle engines.
# Writes, next to this script:
#  - rootfs.txt: every entry of the layer, from the tar itself (python's tarfile): PATH TYPE MODE
#    UID:GID SIZE MTIME, `-> TARGET` for a symlink, `= NAME` for a hard link to an earlier entry;
#  - chroot.txt: the image's own busybox run in a chroot of the rootfs (its glibc, as a container
#    runs it): `busybox` alone and `busybox --help` (stdout, stderr, exit status);
#  - ash-c-errors.txt, applets.txt: its ash's error messages in a `-c` string, some usage texts
#    and applets (stdout and stderr merged);
#  - docker-20.10.txt, docker-26.1.txt: the image loaded into each oracle engine (`docker load` of a
#    `docker save`-form archive made of the config and the layer: the image ID is the config's
#    digest, as a pull's) under the tag bbreal-real-busybox:1.38.0 (busybox:latest stays the
#    oracle's), a few commands, and the image removed again. Each engine's record.lock is held
#    meanwhile, so no recording of the oracle runs beside it.
#   bash test/recorded/busybox-latest-real/record.sh /work/.mirror/docker-library+busybox/repo
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$1
LAYER=b05093807bb0294152bb9cf86d64da722732dddaf7f8882fa1f120477dbc4db3
CONFIG=c6348fa86ba0fb2108c9334f5fe913ddc6d853313e655891f133a0127c30099f
TAG=bbreal-real-busybox:1.38.0
WORK=$(mktemp -d /tmp/busybox-latest-real.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
git -C "$REPO" show dist-amd64:latest/glibc/amd64/rootfs.tar.gz > "$WORK/layer.tar.gz"
git -C "$REPO" show dist-amd64:latest/glibc/amd64/image-config.json > "$WORK/$CONFIG.json"
echo "$LAYER  $WORK/layer.tar.gz" | sha256sum -c --quiet
echo "$CONFIG  $WORK/$CONFIG.json" | sha256sum -c --quiet

python3 - "$WORK/layer.tar.gz" > "$HERE/rootfs.txt" <<'PY'
import sys, tarfile
print('# every entry of latest/glibc/amd64/rootfs.tar.gz (sha256 b05093807bb0...): PATH TYPE MODE UID:GID SIZE MTIME [-> TARGET | = LINK]')
for m in tarfile.open(sys.argv[1]):
    name = '/' + m.name.lstrip('./').rstrip('/') if m.name not in ('.', './') else '/'
    kind = 'dir' if m.isdir() else 'file' if m.isreg() else 'symlink' if m.issym() else 'hardlink' if m.islnk() else 'other'
    extra = f' -> {m.linkname}' if m.issym() else f' = /{m.linkname.lstrip("./")}' if m.islnk() else ''
    print(f'{name} {kind} {m.mode:04o} {m.uid}:{m.gid} {m.size} {m.mtime}{extra}')
PY

mkdir "$WORK/root" && tar xzf "$WORK/layer.tar.gz" -C "$WORK/root"
{
  for args in '' '--help'; do
    echo "\$ busybox $args"
    set +e
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin chroot "$WORK/root" /bin/busybox $args > "$WORK/out" 2> "$WORK/err"
    echo "[exit $?]"
    set -e
    echo "[stdout]"; cat "$WORK/out"; echo "[stderr]"; cat "$WORK/err"
  done
} > "$HERE/chroot.txt"
# `sh -c CASE` for each line of stdin (`\n`: a new line), as docker runs `sh -c` (argv[0] `sh`,
# found in PATH): the command, stdout and stderr merged, the exit status
cases() {
  set +e
  while IFS= read -r c; do
    c=${c//\\n/$'\n'}
    printf '$ sh -c %q\n' "$c"
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin chroot "$WORK/root" sh -c "$c" 2>&1
    echo "[exit $?]"
  done
  set -e
}
# its ash's errors in a `-c` string
cases > "$HERE/ash-c-errors.txt" <<'CASES'
nosuch
echo a\nnosuch
cat < /nope
echo ${x
f() { nosuch; }\nf
eval nosuch
cd /nope
/etc/passwd
CASES
# the usage texts of applets strata simulates, and applets it does not
cases > "$HERE/applets.txt" <<'CASES'
readlink
printf
env printf
awk
paste -x
od -Q
mkfifo
mknod
ps --help
busybox nosuch
tree /etc/network
bash
CASES

(cd "$WORK" && mkdir L && gunzip -c layer.tar.gz > L/layer.tar \
  && printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["L/layer.tar"]}]' "$CONFIG" "$TAG" > manifest.json \
  && tar cf image.tar manifest.json "$CONFIG.json" L/layer.tar)

record() { # ENGINE SOCKET-DIR CLI
  local base=$2 cli=$3
  flock "$base/record.lock" bash -c '
    set -u
    d() { "'"$cli"'" -H "unix://'"$base"'/docker.sock" "$@"; }
    run() { echo "\$ docker $*"; d "$@" 2>&1; echo "[exit $?]"; }
    d load -i "'"$WORK"'/image.tar" > /dev/null
    run version --format "{{.Server.Version}}"
    run image inspect --format "{{.Id}} {{.Size}} {{.Created}} {{json .RootFS.Layers}} {{json .Config}}" '"$TAG"'
    run images --format "{{.ID}} {{.Size}}" '"$TAG"'
    run history --no-trunc --format "{{.CreatedBy}}|{{.Size}}|{{.Comment}}" '"$TAG"'
    run run --rm '"$TAG"' ls /
    run run --rm '"$TAG"' ls -la / /lib /usr /var /var/spool /etc /etc/network /home
    run run --rm '"$TAG"' ls -l /bin/busybox /bin/sh /bin/getconf /usr/bin /usr/sbin
    run run --rm '"$TAG"' sh -c "ls /bin | wc -l"
    run run --rm '"$TAG"' busybox
    run run --rm '"$TAG"' busybox --help
    run rmi '"$TAG"'
  ' > "$HERE/docker-$1.txt"
}
record 20.10 /tmp/dockersim-oracle /usr/bin/docker
record 26.1 /tmp/dockersim-oracle-26.1 /usr/local/bin/docker
