#!/bin/bash
# Records compose-exec-*.json: `docker compose exec` on a pseudo-terminal (record.py, 80x24), where
# compose allocates a TTY by default (compose 2.26.1 cmd/compose/exec.go: --no-TTY defaults to
# "stdout is not a terminal", --interactive to true), on the 26.1 oracle engine, in the directory
# and with the compose file test/pages/compose-exec-tty.test.ts replays. Holds the engine's
# recorder lock, so no oracle recording resets the engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-compose-exec.sh
. "$(dirname "$0")/compose-env.sh"

rm -rf /tmp/ttyx/app && mkdir -p /tmp/ttyx/app && cd /tmp/ttyx/app
cat > compose.yaml <<'YAML'
services:
  app:
    image: busybox
    command: sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'
YAML
$D compose up -d >/dev/null 2>&1
REC=()
rec compose-exec-tty-streams compose exec app sh -c 'echo out; echo err >&2; exit 3'
rec compose-exec-tty-no-tty compose exec -T app sh -c 'echo out; echo err >&2; exit 3'
rec compose-exec-tty-tty compose exec app sh -c '[ -t 0 ] && echo stdin is a terminal; [ -t 1 ] && echo stdout is a terminal'
rec compose-exec-tty-no-tty-streams compose exec -T app sh -c '[ -t 0 ] || echo stdin is not a terminal; [ -t 1 ] || echo stdout is not a terminal'
rec compose-exec-tty-user compose exec -u 1000 -w /tmp app sh -c 'id -u; pwd; touch made; stat -c "%u %a %n" made'
rec compose-exec-tty-missing compose exec app nosuchcmd
REC=(--type 'echo hi > /tmp/typed' --type 'cat /tmp/typed' --type 'exit')
rec compose-exec-tty-shell compose exec app sh
REC=(--type 'echo bye' --type '\x04')
rec compose-exec-tty-shell-eof compose exec app sh
REC=()
rec compose-exec-tty-after compose exec app cat /tmp/typed
$D compose down -t 1 >/dev/null 2>&1
