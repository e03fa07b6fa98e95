#!/bin/bash
# Records buildkit-ms-bases-*.json: multi-stage builds from two base images with BuildKit's tty
# display on a pseudo-terminal (record.py, 80x24), on the 26.1 oracle engine, as
# record-multistage.sh does. The second image is busybox tagged `mybase:1` (the oracle resolves
# only local images: it has no registry). The build cache is pruned before each build. Holds the
# engine's recorder lock:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-multistage-bases.sh
. "$(cd "$(dirname "$0")" && pwd)/buildkit-env.sh"
W=/tmp/ttyms
rm -rf $W/bases && mkdir -p $W/bases && cd $W/bases
$D tag busybox:latest mybase:1
printf 'FROM busybox AS build\nRUN echo hi > /out\nFROM mybase:1\nCOPY --from=build /out /out\nRUN cat /out\n' > Dockerfile
for n in 1 2 3; do
  prune
  rec ms-bases-$n build -t bases .
done
rec ms-bases-cached build -t bases .
$D rmi bases mybase:1 > /dev/null
