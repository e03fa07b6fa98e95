#!/bin/sh
# Stand-in for the node image's docker-entrypoint.sh (strata catalog; see ../SOURCES.md).
# The rule it keeps, from nodejs/docker-node's docker-entrypoint.sh: when the first argument
# starts with "-", is not a command found in PATH, or is a file that is not executable, the
# arguments are given to node; otherwise they are run as they are.
set -e
case "${1-}" in
  -*) set -- node "$@" ;;
  *)
    if [ -z "$(command -v "${1-}")" ] || { [ -f "${1-}" ] && [ ! -x "${1-}" ]; }; then
      set -- node "$@"
    fi
    ;;
esac
exec "$@"
