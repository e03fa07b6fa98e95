#!/bin/bash
# Records compose-run-tty-*.json: `docker compose run` on a pseudo-terminal (record.py, 80x24),
# where compose allocates the container a TTY by default (compose 2.26.1 cmd/compose/run.go:
# --no-TTY defaults to "stdout is not a terminal", --interactive to true) and draws its progress
# display for the dependencies it starts, on the 26.1 oracle engine, in the directory and with the
# compose file test/pages/compose-run-tty.test.ts replays. Holds the engine's recorder lock, so no
# oracle recording resets the engine meanwhile:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-compose-run.sh
set -u
export DOCKER_CONFIG=/tmp/dockersim-oracle-26.1/cli-config
HERE=$(cd "$(dirname "$0")" && pwd)
D="docker -H unix:///tmp/dockersim-oracle-26.1/docker.sock"
rec() { name=$1; shift; python3 "$HERE/record.py" "${TYPED[@]}" -- $D "$@" > "$HERE/compose-run-tty-$name.json"; echo "== $name"; }

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
TYPED=()
rec first compose run --rm app sh -c 'echo out; echo err >&2; exit 3'
rec again compose run --rm app sh -c '[ -t 0 ] && echo stdin is a terminal; [ -t 1 ] && echo stdout is a terminal'
rec no-tty compose run --rm -T app sh -c '[ -t 0 ] || echo stdin is not a terminal; [ -t 1 ] || echo stdout is not a terminal'
rec keep compose run app echo kept
TYPED=(--type 'echo hi' --type 'exit')
rec shell compose run --rm app sh
TYPED=()
$D compose down -t 1 >/dev/null 2>&1
