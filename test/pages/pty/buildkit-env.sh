# Sourced by the record-*.sh scripts that record docker build on a pseudo-terminal against the 26.1
# oracle engine (record-multistage.sh, record-multistage-bases.sh, record-pagebuilds.sh,
# record-pagebuilds2.sh).
#   rec NAME ARGS...  records `docker ARGS...` as the oracle's recorder runs buildx (DOCKER_HOST
#                     set, for its --network=none wrapper) into buildkit-NAME.json beside the script
#   crec NAME ARGS... records `$D ARGS...` (compose, as record-compose-build.sh runs it: no
#                     DOCKER_HOST) into compose-NAME.json beside the script
#   prune             empties BuildKit's cache, so a build's display starts from nothing
#   $D                the docker CLI on the 26.1 engine's socket
set -u
export DOCKER_CONFIG=/tmp/dockersim-oracle-26.1/cli-config DOCKER_BUILDKIT=1
HERE=$(cd "$(dirname "$0")" && pwd)
SOCK=unix:///tmp/dockersim-oracle-26.1/docker.sock
D="docker -H $SOCK"
rec() { name=$1; shift; python3 "$HERE/record.py" --env DOCKER_HOST=$SOCK -- docker "$@" > "$HERE/buildkit-$name.json"; echo "== $name"; }
crec() { name=$1; shift; python3 "$HERE/record.py" -- $D "$@" > "$HERE/compose-$name.json"; echo "== $name"; }
prune() { $D builder prune -af > /dev/null; }
