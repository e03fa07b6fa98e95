#!/bin/sh
# strata stand-in for redis 8's docker-entrypoint.sh (redis/docker-library-redis@0d55be9a,
# debian/ and alpine/docker-entrypoint.sh; catalog/redis/SOURCES.md): the same decisions, with
# the same messages. busybox's setpriv cannot change users (no --reuid) and
# strata does not simulate su, so the privilege drop is handed to the stand-in
# redis-server, which gives the files it writes to the redis user.
set -e

SKIP_FIX_PERMS_NOTICE="Use SKIP_FIX_PERMS=1 to skip permission changes."

# redis_can MODE FILE: would the redis user (setpriv --reuid redis --regid redis
# --clear-groups) pass `test -r FILE` (MODE r) or `test -r FILE -a -w FILE` (MODE rw)?
redis_can() {
	set -- "$1" "$2" $(stat -c '%u %g %a' "$2")
	uid=$(id -u redis) gid=$(id -g redis)
	perm=$5
	while [ ${#perm} -lt 3 ]; do perm=0$perm; done
	perm=${perm#"${perm%???}"}
	if [ "$3" = "$uid" ]; then bits=${perm%??}; elif [ "$4" = "$gid" ]; then bits=${perm#?}; bits=${bits%?}; else bits=${perm#??}; fi
	case $1 in
		r) [ $((bits & 4)) -ne 0 ] ;;
		rw) [ $((bits & 6)) -eq 6 ] ;;
	esac
}

fix_perms_and_owner() {
	mode=$1
	while IFS= read -r file; do
		if redis_can "$mode" "$file"; then
			continue
		fi
		new_mode=$mode
		if [ -d "$file" ]; then
			new_mode=${mode}x
		fi
		err=$(chown redis "$file" 2>&1) || echo "Warning: cannot change owner to 'redis' for '$file': $err. $SKIP_FIX_PERMS_NOTICE"
		err=$(chmod "u+$new_mode" "$file" 2>&1) || echo "Warning: cannot change mode to 'u+$new_mode' for '$file': $err. $SKIP_FIX_PERMS_NOTICE"
	done
}

fix_data_dir_perms() {
	# Expecting only *.rdb files and default appendonlydir; skip if others are found.
	unknown_file="$(find . -mindepth 1 -maxdepth 1 \
		-not \( -name \*.rdb -or \( -type d -and -name appendonlydir \) \) \
		-print -quit)"
	if [ -z "$unknown_file" ]; then
		find . | fix_perms_and_owner rw
	else
		echo "Notice: Unknown file '$unknown_file' found in data dir. Permissions will not be modified. $SKIP_FIX_PERMS_NOTICE"
	fi
}

fix_config_perms() {
	config=$1
	mode=$2
	if [ ! -f "$config" ]; then
		return 0
	fi
	confdir="$(dirname "$config")"
	if [ ! -d "$confdir" ]; then
		return 0
	fi
	# Expecting only the config file; skip if others are found.
	pattern=$(printf "%s" "$(basename "$config")" | sed 's/[][?*]/\\&/g')
	unknown_file=$(find "$confdir" -mindepth 1 -maxdepth 1 -not -name "$pattern" -print -quit)
	if [ -z "$unknown_file" ]; then
		printf '%s\n%s\n' "$confdir" "$config" | fix_perms_and_owner "$mode"
	else
		echo "Notice: Unknown file '$unknown_file' found in '$confdir'. Permissions will not be modified. $SKIP_FIX_PERMS_NOTICE"
	fi
}

# first arg is `-f` or `--some-option`
# or first arg is `something.conf`
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi
CMD=$(command -v "$1" 2>/dev/null || :)

IS_REDIS_SERVER=
if [ -n "$CMD" ] && [ "$(readlink -f "$CMD")" = /usr/local/bin/redis-server ]; then
	IS_REDIS_SERVER=1
	mkdir -p /dev/shm/redis
	: > /dev/shm/redis/starting
fi

# if is server and its first arg is not an option then it's a config
CONFIG=
if [ -n "$IS_REDIS_SERVER" ] && [ "${2#-}" = "$2" ]; then
	CONFIG="$2"
fi

# drop privileges only if we are starting the server and our uid is 0 (container started
# without explicit --user)
setpriv_user=
if [ -n "$IS_REDIS_SERVER" ] && [ -z "$SKIP_DROP_PRIVS" ] && [ "$(id -u)" = '0' ]; then
	if [ -z "$SKIP_FIX_PERMS" ]; then
		fix_data_dir_perms
		fix_config_perms "$CONFIG" r
	fi
	setpriv_user=redis
fi

# set an appropriate umask (if one isn't set already)
um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
	um=0077
fi

if [ -n "$IS_REDIS_SERVER" ]; then
	echo "Starting Redis Server"
	# the real image's modules (/usr/local/lib/redis/modules/*.so) are not part of the stand-in;
	# the entrypoint passes them as --loadmodule arguments, so the server says "Configuration
	# loaded" and, built with the modules' git checkout at hand, "modified=1"
	exec env _REDIS_SETPRIV_USER="$setpriv_user" _REDIS_UMASK="$um" _REDIS_MODULE_ARGS=1 _REDIS_MODIFIED=1 "$@"
fi

exec "$@"
