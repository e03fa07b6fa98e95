#!/bin/sh
# strata stand-in for the official nginx image's /docker-entrypoint.d/30-tune-worker-processes.sh.
# Behaviour and messages: nginx/docker-nginx@0d7f4380c735af5009aa364e27fafecd958fd4fa:entrypoint/30-tune-worker-processes.sh
# It does nothing unless NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE is set. With it set, upstream
# rewrites worker_processes in nginx.conf under a comment stamped with $(date) (keeping
# nginx.conf.bak); this stand-in only checks that nginx.conf can be modified, as upstream does first.

set -eu

LC_ALL=C
ME=$(basename "$0")
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

[ "${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] || exit 0

touch /etc/nginx/nginx.conf 2>/dev/null || { echo >&2 "$ME: error: can not modify /etc/nginx/nginx.conf (read-only file system?)"; exit 0; }

exit 0
