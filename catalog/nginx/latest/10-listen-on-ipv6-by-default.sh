#!/bin/sh
# strata stand-in for the official nginx image's /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh.
# Behaviour and messages: nginx/docker-nginx@0d7f4380c735af5009aa364e27fafecd958fd4fa:entrypoint/10-listen-on-ipv6-by-default.sh
# It adds `listen  [::]:80;` to /etc/nginx/conf.d/default.conf in the container's writable layer
# (or in the mounted file), unless the file is missing, not writable, already edited or not the
# packaged one.
# Differences: upstream first checks /proc/net/if_inet6 ("info: ipv6 not available"); this
# stand-in assumes IPv6 is available, as it is on Docker's default setups. Upstream compares the
# file with the package database (dpkg-query on Debian, `apk manifest` on Alpine); this stand-in
# compares it with the md5 of the packaged file (nginx/pkg-oss debian/debian/nginx.default.conf),
# which gives the same answer.
set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename "$0")
DEFAULT_CONF_FILE="etc/nginx/conf.d/default.conf"
PACKAGED_MD5="25c02145e4a2e1d2bc6da5d585cddd32"

if [ ! -f "/$DEFAULT_CONF_FILE" ]; then
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE is not a file or does not exist"
    exit 0
fi

# the file must be writable (not on a read-only file system or mount)
touch /$DEFAULT_CONF_FILE 2>/dev/null || { entrypoint_log "$ME: info: can not modify /$DEFAULT_CONF_FILE (read-only file system?)"; exit 0; }

# already edited, e.g. on a restart of the same container
grep -q "listen  \[::\]:80;" /$DEFAULT_CONF_FILE && { entrypoint_log "$ME: info: IPv6 listen already enabled"; exit 0; }

entrypoint_log "$ME: info: Getting the checksum of /$DEFAULT_CONF_FILE"

echo "$PACKAGED_MD5  /$DEFAULT_CONF_FILE" | md5sum -c - >/dev/null 2>&1 || {
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE differs from the packaged version"
    exit 0
}

sed -i -E 's,listen       80;,listen       80;\n    listen  [::]:80;,' /$DEFAULT_CONF_FILE

entrypoint_log "$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE"

exit 0
