#!/bin/sh
# strata stand-in for redis 7's docker-entrypoint.sh (redis/docker-library-redis@e5650da9,
# 7.4/debian/docker-entrypoint.sh; catalog/redis/SOURCES.md). busybox's setpriv cannot change
# users (no --reuid) and strata does not simulate su: the privilege drop is handed to the stand-in redis-server, which gives its files to redis.
set -e

# first arg is `-f` or `--some-option`
# or first arg is `something.conf`
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

# allow the container to be started with `--user`
setpriv_user=
if [ "$1" = 'redis-server' -a "$(id -u)" = '0' ]; then
	find . \! -user redis -exec chown redis '{}' +
	setpriv_user=redis
fi

# set an appropriate umask (if one isn't set already)
um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
	um=0077
fi

if [ "$1" = 'redis-server' ]; then
	mkdir -p /dev/shm/redis
	: > /dev/shm/redis/starting
	exec env _REDIS_SETPRIV_USER="$setpriv_user" _REDIS_UMASK="$um" "$@"
fi
exec "$@"
