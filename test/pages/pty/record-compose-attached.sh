#!/bin/bash
# Records compose-attached-*.json: attached `docker compose up` of several containers (compose
# 2.26.1 on the 26.1 oracle engine, /work/shared/oracle/README.md "Compose") on a pseudo-terminal
# (record.py, 80x24), in the directories and with the compose files test/pages/compose-attached.test.ts
# replays. Holds the engine's recorder lock, so no oracle recording resets the engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-compose-attached.sh
. "$(dirname "$0")/compose-env.sh"
REC=(--quiet 3)

# two services that print and exit, names of different lengths
rm -rf /tmp/ttya/two && mkdir -p /tmp/ttya/two && cd /tmp/ttya/two
cat > compose.yaml <<'YAML'
services:
  first:
    image: busybox
    command: sh -c 'echo one; echo two'
  second:
    image: busybox
    command: sh -c 'echo three; echo four >&2; exit 2'
YAML
rec compose-attached-two compose up
rec compose-attached-two-again compose up
rec compose-attached-two-no-color compose up --no-color
rec compose-attached-two-no-prefix compose up --no-log-prefix
$D compose down >/dev/null 2>&1

# a service that keeps running and a one-shot job: --abort-on-container-exit, --exit-code-from
rm -rf /tmp/ttya/abort && mkdir -p /tmp/ttya/abort && cd /tmp/ttya/abort
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: sh -c 'trap "echo web stopping; exit 0" TERM; echo web ready; while true; do sleep 1; done'
  job:
    image: busybox
    command: sh -c 'sleep 1; echo job done; exit 3'
YAML
rec compose-attached-abort compose up --abort-on-container-exit
rec compose-attached-exit-code-from-job compose up --exit-code-from job
rec compose-attached-exit-code-from-web compose up --exit-code-from web
# (web keeps running: does up end when the attached job does? a timeout sends Ctrl-C's SIGINT if not)
python3 "$HERE/record.py" --quiet 3 -- timeout -s INT 20 $D compose up --attach job > "$HERE/compose-attached-attach-job.json"; echo "== compose-attached-attach-job"
$D compose down >/dev/null 2>&1

# sleep as PID 1 ignores SIGTERM: the stop waits 10 s, then kills (exit 137)
rm -rf /tmp/ttya/sleeper && mkdir -p /tmp/ttya/sleeper && cd /tmp/ttya/sleeper
cat > compose.yaml <<'YAML'
services:
  web:
    image: busybox
    command: sleep 600
  job:
    image: busybox
    command: sh -c 'sleep 1; echo job done'
YAML
rec compose-attached-sleeper-exit-code-from-web compose up --exit-code-from web
$D compose down >/dev/null 2>&1

# a job the other waits for: depends_on condition service_completed_successfully
rm -rf /tmp/ttya/deps && mkdir -p /tmp/ttya/deps && cd /tmp/ttya/deps
cat > compose.yaml <<'YAML'
services:
  migrate:
    image: busybox
    command: sh -c 'echo migrating; echo migrated'
  app:
    image: busybox
    command: sh -c 'echo app starting; echo app done'
    depends_on:
      migrate:
        condition: service_completed_successfully
YAML
rec compose-attached-deps compose up
$D compose down >/dev/null 2>&1

# three containers: the rainbow's third colour, a scaled service
rm -rf /tmp/ttya/scale && mkdir -p /tmp/ttya/scale && cd /tmp/ttya/scale
cat > compose.yaml <<'YAML'
services:
  api:
    image: busybox
    command: echo api
  worker:
    image: busybox
    command: echo working
YAML
rec compose-attached-scale compose up --scale worker=2
$D compose down >/dev/null 2>&1
