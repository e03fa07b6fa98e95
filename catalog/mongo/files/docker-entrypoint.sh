#!/bin/sh
# strata stand-in for mongo's docker-entrypoint.sh (docker-library/mongo@2c69a57b,
# docker-entrypoint.sh, the same file in every version directory; catalog/mongo/SOURCES.md): the
# same decisions and the entrypoint's own messages, in sh instead of bash. There is no mongosh
# here: what the temporary mongod and mongosh do to /data/db during the first start (the data
# files, the root user's collection) is done by the stand-in mongod and by this script.
set -e

if [ "${1#-}" != "$1" ]; then
	set -- mongod "$@"
fi

originalArgOne="$1"

# allow the container to be started with `--user`
# all mongo* commands should be dropped to the correct user
gosu_user=
case $originalArgOne in
	mongo*)
		if [ "$(id -u)" = '0' ]; then
			if [ "$originalArgOne" = 'mongod' ]; then
				find -L /data/configdb /data/db \! -user mongodb -exec chown mongodb '{}' +
			fi
			# exec gosu mongodb "$BASH_SOURCE" "$@": no gosu here (busybox's setpriv has no
			# --reuid, strata does not simulate su): the stand-in mongod
			# gives its files to mongodb instead
			gosu_user=mongodb
		fi ;;
esac

# file_env VAR [DEFAULT]: VAR or the content of the file named by VAR_FILE (exclusive)
file_env() {
	var="$1"
	fileVar="${var}_FILE"
	def="${2:-}"
	eval "val=\"\${$var:-}\" fval=\"\${$fileVar:-}\""
	if [ -n "$val" ] && [ -n "$fval" ]; then
		echo >&2 "error: both $var and $fileVar are set (but are exclusive)"
		exit 1
	fi
	v="$def"
	if [ -n "$val" ]; then
		v="$val"
	elif [ -n "$fval" ]; then
		v="$(cat "$fval")"
	fi
	export "$var=$v"
	unset "$fileVar"
}

# have_arg ARG ARGS...: ARG (or ARG=...) is among ARGS
have_arg() {
	check="$1"
	shift
	for arg; do
		case "$arg" in
			"$check" | "$check"=*) return 0 ;;
		esac
	done
	return 1
}

# db_path ARGS...: --dbpath, else /data/configdb for --configsvr, else /data/db
db_path() {
	dbPath=
	while [ $# -gt 0 ]; do
		case "$1" in
			--dbpath) dbPath="$2"; shift ;;
			--dbpath=*) dbPath="${1#--dbpath=}" ;;
		esac
		shift
	done
	if [ -z "$dbPath" ]; then
		# a --config file's storage.dbPath / sharding.clusterRole is not read by the stand-in
		if have_arg --configsvr "$@"; then dbPath=/data/configdb; else dbPath=/data/db; fi
	fi
	echo "$dbPath"
}

if [ "$originalArgOne" = 'mongod' ]; then
	file_env 'MONGO_INITDB_ROOT_USERNAME'
	file_env 'MONGO_INITDB_ROOT_PASSWORD'

	# pre-check a few factors to see if it's even worth bothering with initdb
	shouldPerformInitdb=
	if [ -n "$MONGO_INITDB_ROOT_USERNAME" ] && [ -n "$MONGO_INITDB_ROOT_PASSWORD" ]; then
		# if we have a username/password, let's set "--auth"
		have_arg --auth "$@" || set -- "$@" --auth
		shouldPerformInitdb='true'
	elif [ -n "$MONGO_INITDB_ROOT_USERNAME" ] || [ -n "$MONGO_INITDB_ROOT_PASSWORD" ]; then
		cat >&2 <<-'EOF'

			error: missing 'MONGO_INITDB_ROOT_USERNAME' or 'MONGO_INITDB_ROOT_PASSWORD'
			       both must be specified for a user to be created

		EOF
		exit 1
	fi

	if [ -z "$shouldPerformInitdb" ]; then
		# if we've got any /docker-entrypoint-initdb.d/* files to parse later, we should initdb
		for f in /docker-entrypoint-initdb.d/*; do
			case "$f" in
				*.sh | *.js)
					shouldPerformInitdb="$f"
					break ;;
			esac
		done
	fi

	# check for a few known paths (to determine whether we've already initialized and should
	# thus skip our initdb scripts)
	if [ -n "$shouldPerformInitdb" ]; then
		dbPath="$(db_path "$@")"
		for path in "$dbPath/WiredTiger" "$dbPath/journal" "$dbPath/local.0" "$dbPath/storage.bson"; do
			if [ -e "$path" ]; then
				shouldPerformInitdb=
				break
			fi
		done
	fi

	if [ -n "$shouldPerformInitdb" ]; then
		# the temporary mongod (--bind_ip 127.0.0.1 --port 27017 --fork, without --auth): its
		# own output (the fork messages and its JSON log lines) is not reproduced
		_MONGO_GOSU_USER="$gosu_user" mongod "$@" --fork
		owner=$(stat -c '%u:%g' "$dbPath/WiredTiger")

		if [ -n "$MONGO_INITDB_ROOT_USERNAME" ] && [ -n "$MONGO_INITDB_ROOT_PASSWORD" ]; then
			# mongosh (HOME=/data/db) creates the root user: admin.system.users and its indexes
			for d in "$HOME/.mongodb" "$HOME/.mongodb/mongosh"; do
				mkdir -p "$d" && chown "$owner" "$d" && chmod 700 "$d"
			done
			for f in collection-7 index-8 index-9; do
				: > "$dbPath/$f-1234567890123456789.wt"
				chown "$owner" "$dbPath/$f-1234567890123456789.wt"
				chmod 600 "$dbPath/$f-1234567890123456789.wt"
			done
		fi

		export MONGO_INITDB_DATABASE="${MONGO_INITDB_DATABASE:-test}"

		echo
		for f in /docker-entrypoint-initdb.d/*; do
			case "$f" in
				*.sh) echo "$0: running $f"; . "$f" ;;
				*.js) echo "$0: running $f"
					echo >&2 "mongo stand-in (strata catalog): $f is not run: the stand-in has no mongosh"
					echo ;;
				*) echo "$0: ignoring $f" ;;
			esac
			echo
		done

		# the scripts ran as mongodb in the real image (after gosu): what they left in the data
		# directories belongs to mongodb (other places are not fixed up)
		if [ -n "$gosu_user" ]; then
			find /data/configdb "$dbPath" -user 0 -exec chown "$owner" '{}' +
		fi

		_MONGO_GOSU_USER="$gosu_user" mongod "$@" --shutdown

		echo
		echo 'MongoDB init process complete; ready for start up.'
		echo
	fi

	# MongoDB defaults to localhost-only binding
	if ! have_arg --bind_ip "$@" && ! have_arg --bind_ip_all "$@"; then
		# so if no "--bind_ip" is specified, let's add "--bind_ip_all"
		set -- "$@" --bind_ip_all
	fi

	unset MONGO_INITDB_ROOT_USERNAME MONGO_INITDB_ROOT_PASSWORD MONGO_INITDB_DATABASE
fi

if [ -n "$gosu_user" ]; then
	exec env _MONGO_GOSU_USER="$gosu_user" "$@"
fi
exec "$@"
