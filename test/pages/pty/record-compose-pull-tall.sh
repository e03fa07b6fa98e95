#!/bin/bash
# Records compose-pull-tall-*.json: compose 2.26.1's pull display on a pseudo-terminal (record.py,
# 80x24) when it has more lines than the terminal (tty.go skipChildEvents), on the 26.1 oracle
# engine, which has no registry: fake-registry.py serves images of small layers on 127.0.0.1:5055
# (a blob every 50 ms, as a slow network would). Holds the engine's recorder lock and removes the
# images it pulled:
#   flock /tmp/dockersim-oracle-26.1/record.lock bash test/pages/pty/record-compose-pull-tall.sh
. "$(dirname "$0")/compose-env.sh"
REC=(--quiet 3)
R=127.0.0.1:5055
/usr/bin/python3 "$HERE/fake-registry.py" --delay 0.05 5055 pg:14 web:8 big:24 small:4 & REG=$!
sleep 1
clean() { $D rmi -f $R/pg $R/web $R/big $R/small >/dev/null 2>&1; }
clean

rm -rf /tmp/ttyp/two && mkdir -p /tmp/ttyp/two && cd /tmp/ttyp/two
cat > compose.yaml <<YAML
services:
  db:
    image: $R/pg
    command: sleep 600
  web:
    image: $R/web
    command: sleep 600
YAML
# 2 services + 22 layers: 24 lines (postgres:16 has 14 layers, nginx:alpine 8)
rec compose-pull-tall-two compose pull
clean
rec compose-pull-tall-up compose up -d
$D compose down >/dev/null 2>&1
clean

rm -rf /tmp/ttyp/big && mkdir -p /tmp/ttyp/big && cd /tmp/ttyp/big
cat > compose.yaml <<YAML
services:
  app:
    image: $R/big
    command: sleep 600
YAML
# 1 service + 24 layers (wordpress:latest has 24)
rec compose-pull-tall-big compose pull
clean
# 1 service + 4 layers (python:3.12-slim has 4) and the tall one: which service comes first
cat > compose.yaml <<YAML
services:
  app:
    image: $R/big
    command: sleep 600
  tiny:
    image: $R/small
    command: sleep 600
YAML
rec compose-pull-tall-mixed compose pull
clean
kill $REG
