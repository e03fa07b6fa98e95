#!/bin/bash
# Records buildkit-pb-*.json and compose-pb-*.json: builds a page shows on a terminal (record.py,
# 80x24) on the 26.1 oracle engine, as record-multistage.sh and record-compose-build.sh record
# theirs (README.md): a multi-stage build that fails, `FROM scratch`, `COPY --from=<image>`, two
# services built by one compose command, `dockerfile_inline`. The build cache is pruned before
# each group (and before each take of a build whose display varies from run to run). Holds the
# engine's recorder lock, so no oracle recording resets the engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-pagebuilds.sh
. "$(cd "$(dirname "$0")" && pwd)/buildkit-env.sh"
W=/tmp/ttypb
rm -rf $W && mkdir -p $W/fbasic $W/ffinal $W/fpar $W/frun $W/scratch $W/scratchms $W/cimg $W/cimgsame $W/scimg $W/two/api $W/shared $W/inline $W/cfail
$D tag busybox mybase:1
# (PB_ONLY=more records only the last group, made in a second run)
if [ "${PB_ONLY:-}" != more ]; then

# (1) multi-stage builds that fail: in the first stage, in the last, in one of two stages side by
# side while the other copies (quick) or sleeps (still running when the first fails)
cd $W/fbasic
printf 'FROM busybox AS build\nRUN echo hi && exit 3\nFROM busybox\nCOPY --from=build /out /out\nRUN cat /out\n' > Dockerfile
prune
rec pb-fail-basic build -t fb .
cd $W/ffinal
printf 'FROM busybox AS build\nRUN echo hi > /out\nFROM busybox\nCOPY --from=build /out /out\nRUN cat /out && exit 4\n' > Dockerfile
prune
rec pb-fail-final build -t ff .
rec pb-fail-final-again build -t ff .
cd $W/fpar
printf 'hello\n' > hello.txt
printf 'FROM busybox AS a\nRUN echo a && exit 2\nFROM busybox AS b\nCOPY hello.txt /b\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\nRUN cat /a /b\n' > Dockerfile
for t in 1 2 3; do prune; rec pb-fail-par-$t build -t fp .; done
cd $W/frun
printf 'FROM busybox AS a\nRUN echo a && exit 2\nFROM busybox AS b\nRUN sleep 2 && echo b > /b\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n' > Dockerfile
for t in 1 2 3; do prune; rec pb-fail-run-$t build -t fr .; done

# (2) FROM scratch: alone, cached; as the last stage of two
cd $W/scratch
printf 'hello\n' > hello.txt
printf 'FROM scratch\nCOPY hello.txt /hello.txt\n' > Dockerfile
prune
rec pb-scratch build -t sc .
rec pb-scratch-cached build -t sc .
cd $W/scratchms
printf 'FROM busybox AS build\nRUN echo hi > /out\nFROM scratch\nCOPY --from=build /out /out\n' > Dockerfile
prune
rec pb-scratch-ms build -t scms .
rec pb-scratch-ms-cached build -t scms .

# (3) COPY --from an image: another image than the FROM's, cached; the FROM's own image; onto scratch
cd $W/cimg
printf 'FROM busybox\nCOPY --from=mybase:1 /etc/passwd /p\nRUN wc -l /p\n' > Dockerfile
prune
rec pb-copy-image build -t ci .
rec pb-copy-image-cached build -t ci .
cd $W/cimgsame
printf 'FROM busybox\nCOPY --from=busybox /etc/group /g\n' > Dockerfile
prune
rec pb-copy-image-same build -t cs .
cd $W/scimg
printf 'FROM scratch\nCOPY --from=busybox /bin/busybox /busybox\n' > Dockerfile
prune
rec pb-scratch-copy-image build -t sci .

# (4) two services built by one compose command: each its own context, then both from one context
cd $W/two
printf 'hello\n' > hello.txt
printf 'FROM busybox\nCOPY hello.txt /hello.txt\n' > Dockerfile
printf 'FROM busybox\nRUN echo api > /api\n' > api/Dockerfile
printf 'services:\n  web:\n    build: .\n    command: sleep 600\n  api:\n    build:\n      context: ./api\n      network: none\n    command: sleep 600\n' > compose.yaml
for t in 1 2 3; do prune; $D rmi two-web two-api > /dev/null 2>&1; crec pb-two-$t compose build; done
crec pb-two-cached compose build
prune; $D rmi two-web two-api > /dev/null 2>&1
crec pb-two-up-d compose up -d --build
crec pb-two-down compose down
cd $W/shared
printf 'hello\n' > hello.txt
printf 'FROM busybox\nCOPY hello.txt /hello.txt\n' > Dockerfile
printf 'services:\n  web:\n    build: .\n    command: sleep 600\n  worker:\n    build: .\n    command: sleep 601\n' > compose.yaml
for t in 1 2; do prune; $D rmi shared-web shared-worker > /dev/null 2>&1; crec pb-shared-$t compose build; done

# (5) dockerfile_inline; then a failing build in compose
cd $W/inline
printf 'hello\n' > hello.txt
printf 'services:\n  app:\n    build:\n      context: .\n      network: none\n      dockerfile_inline: |\n        FROM busybox\n        COPY hello.txt /hello.txt\n        RUN cat /hello.txt\n    command: sleep 600\n' > compose.yaml
prune
crec pb-inline compose build
crec pb-inline-cached compose build
cd $W/cfail
printf 'FROM busybox\nRUN echo one && exit 3\n' > Dockerfile
printf 'services:\n  job:\n    build:\n      context: .\n      network: none\n' > compose.yaml
prune
crec pb-compose-fail compose build

fi

# more of (3): the FROM's own image, two more takes; an image copied from that the build cache
# holds, by a COPY that runs (its FROM line CACHED?)
cd $W/cimgsame
printf 'FROM busybox\nCOPY --from=busybox /etc/group /g\n' > Dockerfile
for t in 2 3; do prune; rec pb-copy-image-same-$t build -t cs .; done
cd $W/cimg
printf 'FROM busybox\nCOPY --from=mybase:1 /etc/passwd /p\nRUN wc -l /p\n' > Dockerfile
prune
DOCKER_HOST=$SOCK docker build -q -t ci . > /dev/null
printf 'FROM busybox\nCOPY --from=mybase:1 /etc/passwd /p2\nRUN wc -l /p2\n' > Dockerfile
rec pb-copy-image-changed build -t ci .

$D rmi fb ff fp fr sc scms ci cs sci two-web two-api shared-web shared-worker inline-app mybase:1 > /dev/null 2>&1
prune
