#!/bin/bash
# Records compose-build-*.json: compose 2.26.1 building a service on a pseudo-terminal
# (record.py, 80x24), on the 26.1 oracle engine (/work/shared/oracle/README.md "Compose"), in the
# directories and with the files test/pages/compose-build-tty.test.ts replays. compose calls
# buildx's build library itself (no buildx CLI, so no --network=none wrapper): a RUN step needs
# `network: none` on this bridge-less daemon. The build cache is pruned first. Holds the engine's
# recorder lock, so no oracle recording resets the engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-compose-build.sh
. "$(dirname "$0")/compose-env.sh"
W=/tmp/ttycb
rm -rf $W && mkdir -p $W/app $W/run $W/ms
$D builder prune -af > /dev/null

# a COPY from the context: build, build again (cached), up --build, down
cd $W/app
printf 'hello\n' > hello.txt
printf 'FROM busybox\nCOPY hello.txt /hello.txt\n' > Dockerfile
printf 'services:\n  web:\n    build: .\n    command: sleep 600\n' > compose.yaml
rec compose-build compose build
rec compose-build-cached compose build
rec compose-build-q compose build -q
rec compose-build-up-d compose up -d --build
rec compose-build-down compose down
$D rmi app-web > /dev/null

# a RUN (network: none) and an image: name; up -d builds the missing image without --build
cd $W/run
printf 'hello\n' > hello.txt
printf 'FROM busybox\nRUN echo built > /b\nCOPY hello.txt /hello.txt\n' > Dockerfile
printf 'services:\n  api:\n    image: myapi:1\n    build:\n      context: .\n      network: none\n    command: sleep 600\n' > compose.yaml
rec compose-build-run-up-d compose up -d
rec compose-build-run-down compose down
$D rmi myapi:1 > /dev/null

# two stages, a target
cd $W/ms
printf 'FROM busybox AS build\nRUN echo hi > /out\nFROM busybox AS final\nCOPY --from=build /out /out\n' > Dockerfile
printf 'services:\n  app:\n    build:\n      context: .\n      network: none\n    command: sleep 600\n' > compose.yaml
rec compose-build-ms compose build
printf 'services:\n  app:\n    build:\n      context: .\n      network: none\n      target: build\n    command: sleep 600\n' > compose.yaml
rec compose-build-ms-target compose build
$D rmi ms-app > /dev/null
