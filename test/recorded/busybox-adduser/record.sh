#!/bin/bash
# Ground truth for busybox's adduser, addgroup, deluser and delgroup (src/shell/applets/users.ts) as
# Alpine ships them: each line of cases.txt (`\n`: a new line) run by `sh -c` in a chroot of a fresh
# copy of a real Alpine minirootfs (its own BusyBox, musl, /etc/passwd, /etc/group, /etc/shadow), as
# `docker run --rm alpine:3.19 sh -c CASE` runs it: root, environment PATH only, stdin /dev/null,
# stdout and stderr merged, then `[exit N]`. The oracle's busybox (Debian's busybox-static 1.35) has
# none of these applets (`busybox adduser` says `adduser: applet not found`), so a chroot is the only
# place they run here. Cases print the shadow's "last change" day through
# `sed "s/:$(($(date +%s) / 86400)):/:TODAY:/"`: the day of the clock of whoever runs them.
# Also writes the minirootfs's own /etc/shadow beside (alpine-3.19.4.shadow, busybox-1.38.0.shadow),
# with its mode and owner in the transcript's header: the catalog's Alpine stand-in has none yet.
# Needs root and a clone of alpinelinux/docker-alpine ($1; the library's
# `fetch github:alpinelinux/docker-alpine` gives one). Writes alpine-3.19.4.txt (BusyBox 1.36.1) and,
# given a clone of docker-library/busybox ($2), busybox-1.38.0.txt (the real busybox:latest's rootfs,
# BusyBox 1.38.0 glibc `make defconfig`: upstream's words, which strata does not simulate).
#   bash test/recorded/busybox-adduser/record.sh /work/.mirror/alpinelinux+docker-alpine/repo [/work/.mirror/docker-library+busybox/repo]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/busybox-adduser.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
run_cases() { # $1: rootfs tarball, $2: output file
  mkdir "$WORK/base"
  tar xzf "$1" -C "$WORK/base"
  # the device a container's stdin and `< /dev/null` open (docker's /dev is a tmpfs with it)
  mkdir -p "$WORK/base/dev" && mknod -m 666 "$WORK/base/dev/null" c 1 3
  {
    echo "# $(chroot "$WORK/base" /bin/busybox 2>&1 | head -n 1)"
    # the minirootfs's /etc/shadow: its mode and owner here, its text in the .shadow file beside
    echo "# /etc/shadow: $(stat -c '%a %U:%G' "$WORK/base/etc/shadow")"
    cp "$WORK/base/etc/shadow" "${2%.txt}.shadow"
    while IFS= read -r c; do
      printf '$ sh -c %q\n' "$c"
      rm -rf "$WORK/root" && cp -a "$WORK/base" "$WORK/root"
      set +e
      env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin chroot "$WORK/root" /bin/sh -c "${c//\\n/$'\n'}" < /dev/null 2>&1
      echo "[exit $?]"
      set -e
    done < "$HERE/cases.txt"
  } > "$2"
  rm -rf "$WORK/base" "$WORK/root"
}
# Alpine 3.19.4: alpinelinux/docker-alpine@0822e580809e816cdd92fdfc2677e71d01cba38c (branch v3.19)
git -C "$1" show 0822e580809e816cdd92fdfc2677e71d01cba38c:x86_64/alpine-minirootfs-3.19.4-x86_64.tar.gz > "$WORK/alpine.tar.gz"
run_cases "$WORK/alpine.tar.gz" "$HERE/alpine-3.19.4.txt"
if [ $# -ge 2 ]; then
  git -C "$2" show dist-amd64:latest/glibc/amd64/rootfs.tar.gz > "$WORK/busybox.tar.gz"
  run_cases "$WORK/busybox.tar.gz" "$HERE/busybox-1.38.0.txt"
fi

# The same busybox under Docker: the Alpine minirootfs imported into each oracle engine (`docker
# import`, CMD and PATH as the alpine image's config has them) under the tag
# adduser-alpine:3.19.4, a Dockerfile whose RUN steps make users and whose USER names one, what
# its containers show, a container that runs adduser itself, and the images removed again. Each
# engine's record.lock is held meanwhile, so no recording of the oracle runs beside it. Writes
# docker-20.10.txt and docker-26.1.txt: `$ docker ...`, its output (stdout and stderr merged),
# `[exit N]`; `docker build -q` prints an image ID, kept raw. The shadow's day of a build step is
# shown as DAY: strata gives each step a time of its own (src/image/build/builder.ts stepClock). The commands: docker-cases.txt, each
# `run ARGS` (with its here-document) is `docker ARGS`.
docker_record() { # ENGINE BASE CLI BUILDKIT
  local base=$2 cli=$3
  flock "$base/record.lock" env DOCKER_HOST="unix://$base/docker.sock" DOCKER_BUILDKIT="$4" DOCKER_CONFIG="$base/cli-config" \
    PATH="$(dirname "$cli"):$PATH" CLI="$cli" WORK="$WORK" CASES="$(cat "$HERE/docker-cases.txt")" bash -c '
    set -u
    d() { "$CLI" "$@"; }
    run() { echo "\$ docker $*"; d "$@" 2>&1; echo "[exit $?]"; }
    d import --change "CMD [\"/bin/sh\"]" --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$WORK/alpine.tar.gz" adduser-alpine:3.19.4 > /dev/null
    cd "$WORK" && eval "$CASES"
    d rmi adduser-app adduser-alpine:3.19.4 > /dev/null 2>&1
    d rmi adduser-nod > /dev/null 2>&1
    d image prune -f > /dev/null 2>&1
    true
  ' > "$HERE/docker-$1.txt"
}
docker_record 20.10 /tmp/dockersim-oracle /usr/bin/docker 0
docker_record 26.1 /tmp/dockersim-oracle-26.1 "$(cat /tmp/dockersim-oracle-26.1/cli.path)" 1
