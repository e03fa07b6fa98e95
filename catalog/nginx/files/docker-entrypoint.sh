#!/bin/sh
# strata stand-in for the official nginx image's /docker-entrypoint.sh.
# Behaviour and messages: nginx/docker-nginx@0d7f4380c735af5009aa364e27fafecd958fd4fa:entrypoint/docker-entrypoint.sh
# (the same file as mainline/debian/ and mainline/alpine-slim/): when the command is nginx or
# nginx-debug and /docker-entrypoint.d/ holds a regular file, run its *.sh scripts (executable
# ones), source its executable *.envsh files, then exec the command.
# Difference: upstream orders the scripts with `sort -V`; busybox 1.35's sort has no -V, so this
# uses plain `sort` (the same order for the image's own 10-/15-/20-/30- scripts).
set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    if find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print 2>/dev/null | read v; then
        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"

        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
        find "/docker-entrypoint.d/" -follow -type f -print | sort | while read -r f; do
            case "$f" in
                *.envsh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Sourcing $f";
                        . "$f"
                    else
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *.sh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Launching $f";
                        "$f"
                    else
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *) entrypoint_log "$0: Ignoring $f";;
            esac
        done

        entrypoint_log "$0: Configuration complete; ready for start up"
    else
        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
    fi
fi

exec "$@"
