#!/usr/bin/env bash
# strata quiz and strata shell in a real terminal: tmux runs them on a pseudo-terminal, send-keys
# types as a student would, capture-pane reads the screen. Not part of npm test (it needs tmux
# and takes seconds of waiting): `npm run test:tty`. Exits non-zero on the first failed check.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v tmux >/dev/null || { echo "tmux is not installed (apt-get install tmux)"; exit 2; }
PHASE=0
T="tmux -L strata-tty-$$-$PHASE"
cleanup() { $T kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT
fail() { echo "FAIL: $1"; echo "--- screen:"; cat "$2"; exit 1; }
screen=$(mktemp)

# wait until the screen shows TEXT (up to 60 s: the machine may be busy)
wait_for() {
  local text=$1
  for _ in $(seq 1 600); do
    $T capture-pane -p -J -S -200 -t tty > "$screen"
    grep -qF -- "$text" "$screen" && return 0
    sleep 0.1
  done
  fail "never saw: $text" "$screen"
}

# each run in a tmux server of its own
start() {
  cleanup
  PHASE=$((PHASE + 1))
  T="tmux -L strata-tty-$$-$PHASE"
  $T new-session -d -s tty -x 120 -y 50 "node bin/strata.js $*; echo \"[strata exited \$?]\"; sleep 30"
}

# --- strata quiz: a terminal gets colours; the student types, the terminal echoes
start quiz tmpfs-empty-after-restart
wait_for '? [1/3] Which place holds /cache/state?'
$T capture-pane -p -e -t tty > "$screen"
grep -q $'\x1b\[' "$screen" || fail "no colours on a terminal" "$screen"
$T send-keys -t tty 'tmpfs' Enter
wait_for 'Right: tmpfs'
$T send-keys -t tty 'perhaps' Enter
wait_for 'Answer yes or no.'
$T send-keys -t tty 'yes' Enter
wait_for 'Wrong: the answer is no, not yes'
$T send-keys -t tty 'y' Enter
wait_for '[strata exited 0]'
grep -qF 'Score: 2 of 3 right' "$screen" || fail "no score" "$screen"
echo "ok: strata quiz in a terminal"

# --- strata shell, if this build has it
if node bin/strata.js shell --help >/dev/null 2>&1; then
  start shell
  wait_for 'strata shell'
  $T send-keys -t tty 'docker run --name app -v /data busybox sh -c "echo hi > /data/f"' Enter
  wait_for 'new anonymous volume'
  $T send-keys -t tty ':where app:/data/f' Enter
  wait_for 'anonymous volume'
  $T send-keys -t tty 'docker rm app' Enter
  wait_for 'orphaned'
  $T send-keys -t tty ':undo' Enter
  wait_for 'undone'
  $T send-keys -t tty 'docker ps -a --format "{{.Names}}"' Enter
  wait_for 'app'
  # a final backslash: the shell prompts with > and reads on, as bash does
  $T send-keys -t tty 'echo one \' Enter
  $T send-keys -t tty 'two' Enter
  wait_for '> two'
  wait_for 'one two'
  $T send-keys -t tty C-d
  wait_for '[strata exited 0]'
  echo "ok: strata shell in a terminal"
fi
