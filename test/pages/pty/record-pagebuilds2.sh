#!/bin/bash
# Records buildkit-pb2-*.json and compose-pb2-*.json (session 24): builds a page shows on a terminal
# (record.py, 80x24) on the 26.1 oracle engine, as record-pagebuilds.sh records its own (README.md):
# a stage that runs steps of its own before it reads a stage that fails; two stages that fail;
# compose building several services whose steps are one vertex or one cache record. The build
# cache is pruned before each take. Holds the engine's recorder lock, so no oracle recording resets
# the engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-pagebuilds2.sh
. "$(cd "$(dirname "$0")" && pwd)/buildkit-env.sh"
W=/tmp/ttypb2
# (PB2_ONLY=keep records only group (4), made in a second run)
if [ "${PB2_ONLY:-}" != keep ]; then
rm -rf $W && mkdir -p $W/owndone $W/owncancel $W/ownmore $W/twofail $W/twofaillate \
  $W/samerun/web $W/samerun/api $W/sharedrun $W/samefirst/web $W/samefirst/api $W/shared

# (1) a stage that runs steps of its own before it reads the stage that fails: its COPY from the
# context done before the failure; its RUN still running (canceled); WORKDIR and COPY done, a RUN
# after the read never started
cd $W/owndone
printf 'hello\n' > hello.txt
printf 'FROM busybox AS a\nRUN sleep 1 && exit 2\nFROM busybox\nCOPY hello.txt /h\nCOPY --from=a /a /a\n' > Dockerfile
for t in 1 2; do prune; rec pb2-own-done-$t build -t od .; done
cd $W/owncancel
printf 'FROM busybox AS a\nRUN exit 2\nFROM busybox\nRUN sleep 2 && echo x > /x\nCOPY --from=a /a /a\n' > Dockerfile
for t in 1 2; do prune; rec pb2-own-cancel-$t build -t oc .; done
cd $W/ownmore
printf 'hello\n' > hello.txt
printf 'FROM busybox AS a\nRUN sleep 1 && exit 2\nFROM busybox\nWORKDIR /app\nCOPY hello.txt .\nCOPY --from=a /a /a\nRUN ls\n' > Dockerfile
for t in 1 2; do prune; rec pb2-own-more-$t build -t om .; done

# (2) two stages that fail: the first stage's RUN fails first, the second's still runs (it sleeps);
# the second stage's fails first
cd $W/twofail
printf 'FROM busybox AS a\nRUN exit 2\nFROM busybox AS b\nRUN sleep 2 && exit 3\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n' > Dockerfile
for t in 1 2; do prune; rec pb2-two-fail-$t build -t tf .; done
cd $W/twofaillate
printf 'FROM busybox AS a\nRUN sleep 2 && exit 2\nFROM busybox AS b\nRUN exit 3\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n' > Dockerfile
for t in 1 2; do prune; rec pb2-two-fail-late-$t build -t tl .; done

# (3) compose: two services, two contexts, one Dockerfile's text (a RUN: one vertex of both
# builds); one context and a COPY then a RUN (each build its own context, one cache record);
# two contexts whose first step is the same RUN, then each its own; the session-22 `shared`
# (one context, a COPY) again, and cached
cd $W/samerun
printf 'FROM busybox\nRUN echo hi > /hi\n' | tee web/Dockerfile > api/Dockerfile
printf 'services:\n  web:\n    build:\n      context: ./web\n      network: none\n    command: sleep 600\n  api:\n    build:\n      context: ./api\n      network: none\n    command: sleep 600\n' > compose.yaml
for t in 1 2; do prune; $D rmi samerun-web samerun-api > /dev/null 2>&1; crec pb2-samerun-$t compose build; done
crec pb2-samerun-cached compose build
cd $W/sharedrun
printf 'hello\n' > hello.txt
printf 'FROM busybox\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n' > Dockerfile
printf 'services:\n  web:\n    build:\n      context: .\n      network: none\n    command: sleep 600\n  worker:\n    build:\n      context: .\n      network: none\n    command: sleep 601\n' > compose.yaml
for t in 1 2; do prune; $D rmi sharedrun-web sharedrun-worker > /dev/null 2>&1; crec pb2-sharedrun-$t compose build; done
crec pb2-sharedrun-cached compose build
cd $W/samefirst
printf 'hello\n' > web/hello.txt
printf 'FROM busybox\nRUN echo hi > /hi\nCOPY hello.txt /h\n' > web/Dockerfile
printf 'FROM busybox\nRUN echo hi > /hi\nRUN echo api > /api\n' > api/Dockerfile
printf 'services:\n  web:\n    build:\n      context: ./web\n      network: none\n    command: sleep 600\n  api:\n    build:\n      context: ./api\n      network: none\n    command: sleep 600\n' > compose.yaml
for t in 1 2; do prune; $D rmi samefirst-web samefirst-api > /dev/null 2>&1; crec pb2-samefirst-$t compose build; done
cd $W/shared
printf 'hello\n' > hello.txt
printf 'FROM busybox\nCOPY hello.txt /hello.txt\n' > Dockerfile
printf 'services:\n  web:\n    build: .\n    command: sleep 600\n  worker:\n    build: .\n    command: sleep 601\n' > compose.yaml
prune; $D rmi shared-web shared-worker > /dev/null 2>&1
crec pb2-shared-3 compose build
crec pb2-shared-cached compose build

fi

# (4) what a failed build keeps of a stage that ran beside the failure: its COPY done, its RUN
# canceled; then that stage alone, built again
rm -rf $W/keep && mkdir -p $W/keep && cd $W/keep
printf 'hello\n' > hello.txt
printf 'FROM busybox AS a\nRUN sleep 1 && exit 2\nFROM busybox\nCOPY hello.txt /h\nRUN sleep 3 && echo x > /x\nCOPY --from=a /a /a\n' > Dockerfile
prune
rec pb2-keep-fail build -t k .
printf 'FROM busybox\nCOPY hello.txt /h\nRUN sleep 3 && echo x > /x\n' > Dockerfile
rec pb2-keep-again build -t k .

$D rmi k od oc om tf tl samerun-web samerun-api sharedrun-web sharedrun-worker samefirst-web samefirst-api shared-web shared-worker > /dev/null 2>&1
prune
