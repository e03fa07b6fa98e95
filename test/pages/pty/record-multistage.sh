#!/bin/bash
# Records buildkit-ms-*.json: multi-stage builds with BuildKit's tty display on a pseudo-terminal
# (record.py, 80x24), on the 26.1 oracle engine, as the oracle's recorder runs buildx (README.md
# "buildkit-*.json"), in the contexts test/pages/build-display.test.ts replays. The build cache is
# pruned before each group. Holds the engine's recorder lock, so no oracle recording resets the
# engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-multistage.sh
. "$(cd "$(dirname "$0")" && pwd)/buildkit-env.sh"
W=/tmp/ttyms
rm -rf $W && mkdir -p $W/basic $W/par $W/chain $W/num

# one stage copied from another, both FROM busybox
cd $W/basic
printf 'FROM busybox AS build\nRUN echo hi > /out\nFROM busybox\nCOPY --from=build /out /out\nRUN cat /out\n' > Dockerfile
prune
rec ms-basic build -t ms .
rec ms-basic-cached build -t ms .

# two stages side by side (one reads the context), the last copies from both; then --target
cd $W/par
printf 'hello\n' > hello.txt
printf 'FROM busybox AS a\nRUN echo a > /a\nFROM busybox AS b\nCOPY hello.txt /b\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\nRUN cat /a /b\n' > Dockerfile
prune
rec ms-par build -t par .
prune
rec ms-par-2 build -t par .
prune
rec ms-par-3 build -t par .
rec ms-par-cached build -t par .
rec ms-par-target-a build --target a -t para .
prune
rec ms-par-target-b build --target b -t parb .

# a stage FROM another stage, a stage the target does not need; --target of the other
cd $W/chain
printf 'FROM busybox AS base\nRUN echo base > /base\nFROM base AS test\nRUN cat /base\nFROM base\nRUN echo final\n' > Dockerfile
prune
rec ms-chain build -t chain .
rec ms-chain-target-test build --target test -t chaint .

# unnamed stages, COPY --from=0
cd $W/num
printf 'FROM busybox\nRUN echo one > /one\nFROM busybox\nCOPY --from=0 /one /one\n' > Dockerfile
prune
rec ms-num build -t num .
