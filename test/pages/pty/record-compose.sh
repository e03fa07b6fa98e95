#!/bin/bash
# Records compose-*.json: compose 2.26.1's progress display on a pseudo-terminal (record.py), on
# the 26.1 oracle engine (/work/shared/oracle/README.md "Compose"), in the directories and with
# the compose files test/pages/compose-tty.test.ts replays. Holds the engine's recorder lock, so no
# oracle recording resets the engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-compose.sh
. "$(dirname "$0")/compose-env.sh"

rm -rf /tmp/ttyc/demo && mkdir -p /tmp/ttyc/demo && cd /tmp/ttyc/demo
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: sleep 600
    volumes:
      - data:/data
volumes:
  data:
YAML
rec compose-up-d compose up -d
rec compose-up-d-running compose up -d
rec compose-stop compose stop
rec compose-start compose start
rec compose-restart compose restart
rec compose-down compose down
rec compose-down-v compose down -v
rec compose-create compose create
rec compose-rm compose rm -f
rec compose-down-v-after-create compose down -v

rm -rf /tmp/ttyc/hello && mkdir -p /tmp/ttyc/hello && cd /tmp/ttyc/hello
cat > compose.yaml <<'YAML'
services:
  hello:
    image: busybox
    command: sh -c 'echo hello; echo world'
YAML
rec compose-up-attached compose up
rec compose-up-attached-again compose up
rec compose-down-hello compose down
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: nosuchcmd
YAML
rec compose-up-d-start-fails compose up -d
rec compose-down-after-fail compose down
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: sleep 600
YAML
rec compose-up-d-one compose up -d
sed -i 's/sleep 600/sleep 700/' compose.yaml
rec compose-up-d-recreate compose up -d
rec compose-down-one compose down

rm -rf /tmp/ttyc/warn && mkdir -p /tmp/ttyc/warn && cd /tmp/ttyc/warn
cat > compose.yaml <<'YAML'
version: "3.8"
services:
  web:
    image: busybox
    command: sleep 600
YAML
rec compose-up-d-version-warning compose up -d
rec compose-down-version-warning compose down

rm -rf /tmp/ttyc/fail && mkdir -p /tmp/ttyc/fail && cd /tmp/ttyc/fail
cat > compose.yaml <<'YAML'
services:
  job:
    image: busybox
    command: sh -c 'echo out; echo err >&2; exit 3'
YAML
rec compose-up-attached-exit3 compose up
rec compose-down-fail compose down

rm -rf /tmp/ttyc/more && mkdir -p /tmp/ttyc/more && cd /tmp/ttyc/more
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: sleep 600
YAML
rec compose-more-up-d compose --progress tty up -d
rec compose-pause compose pause
rec compose-unpause compose unpause
rec compose-kill compose kill
rec compose-rm-s-f compose rm -s -f
rec compose-down-more compose down
# (the network is created again: run's dependencies display, titled by Create)
rec compose-run-T compose run --rm -T web echo hi
$D compose down

rm -rf /tmp/ttyc/inuse && mkdir -p /tmp/ttyc/inuse && cd /tmp/ttyc/inuse
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: sleep 600
YAML
$D compose --progress quiet up -d
$D run -d --name inuse-other --network inuse_default busybox sleep 600 >/dev/null
rec compose-down-network-in-use compose down
$D rm -f inuse-other >/dev/null
$D network rm inuse_default >/dev/null

rm -rf /tmp/ttyc/health && mkdir -p /tmp/ttyc/health && cd /tmp/ttyc/health
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: sh -c 'sleep 3; touch /ready; sleep 600'
    healthcheck:
      test: ["CMD", "test", "-f", "/ready"]
      interval: 1s
YAML
rec compose-up-d-wait-healthy compose up -d --wait
$D compose down >/dev/null 2>&1
