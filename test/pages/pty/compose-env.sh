# Sourced by the record-compose*.sh scripts, which record compose 2.26.1 on a pseudo-terminal
# (record.py, 80x24) against the 26.1 oracle engine (/work/shared/oracle/README.md "Compose"):
#   rec NAME ARGS...  records `docker ARGS...` on that engine into NAME.json beside the script,
#                     passing record.py the options in REC (`--quiet 3`, the lines `--type` sends)
#   $D                the docker CLI on the 26.1 engine's socket
set -u
export DOCKER_CONFIG=/tmp/dockersim-oracle-26.1/cli-config
HERE=$(cd "$(dirname "$0")" && pwd)
D="docker -H unix:///tmp/dockersim-oracle-26.1/docker.sock"
REC=()
rec() { name=$1; shift; python3 "$HERE/record.py" "${REC[@]}" -- $D "$@" > "$HERE/$name.json"; echo "== $name"; }
