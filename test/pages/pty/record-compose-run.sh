#!/bin/bash
# Records compose-run-tty-*.json: `docker compose run` on a pseudo-terminal (record.py, 80x24),
# where compose allocates the container a TTY by default (compose 2.26.1 cmd/compose/run.go:
# --no-TTY defaults to "stdout is not a terminal", --interactive to true) and draws its progress
# display for the dependencies it starts, on the 26.1 oracle engine, in the directory and with the
# compose file test/pages/compose-run-tty.test.ts replays. Holds the engine's recorder lock, so no
# oracle recording resets the engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-compose-run.sh
. "$(dirname "$0")/compose-env.sh"

rm -rf /tmp/ttyr/app && mkdir -p /tmp/ttyr/app && cd /tmp/ttyr/app
cat > compose.yaml <<'YAML'
services:
  db:
    image: busybox
    command: sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'
  app:
    image: busybox
    depends_on: [db]
YAML
REC=()
rec compose-run-tty-first compose run --rm app sh -c 'echo out; echo err >&2; exit 3'
rec compose-run-tty-again compose run --rm app sh -c '[ -t 0 ] && echo stdin is a terminal; [ -t 1 ] && echo stdout is a terminal'
rec compose-run-tty-no-tty compose run --rm -T app sh -c '[ -t 0 ] || echo stdin is not a terminal; [ -t 1 ] || echo stdout is not a terminal'
rec compose-run-tty-keep compose run app echo kept
REC=(--type 'echo hi' --type 'exit')
rec compose-run-tty-shell compose run --rm app sh
REC=()
$D compose down -t 1 >/dev/null 2>&1
