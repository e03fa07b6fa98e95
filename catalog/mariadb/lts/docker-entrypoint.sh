#!/bin/sh
# Stand-in for MariaDB/mariadb-docker's docker-entrypoint.sh (strata catalog; sources: SOURCES.md).
#
# It follows the real script step by step and prints its messages (mysql_note, mysql_warn,
# mysql_error) without their `date --rfc-3339=seconds` prefix, and the key lines the real server
# prints meanwhile, without their timestamp and thread id. What mariadb-install-db and the
# temporary server write into the data directory, this script writes (as files owned by mysql,
# 999:999, since the real one runs them as mysql through gosu); the final `exec "$@"` starts the
# stand-in mariadbd.
#
# Notes go to stdout, warnings, errors and the server's log to stderr, as the real ones; the
# daemon copies the two streams separately, so the script pauses a moment where it switches from
# one to the other, to keep the real order in `docker logs`.
set -e

# the real server runs as mysql (gosu); started as another user (docker run --user), everything
# keeps that user's ownership
ROOT=0
[ "$(id -u)" = 0 ] && ROOT=1
own() { [ "$ROOT" = 1 ] || return 0; chown "$@"; }
OWNER=999:999
[ "$ROOT" = 1 ] || OWNER=$(id -u):$(id -g)
LAST=1
to() {
	if [ "$LAST" != "$1" ]; then
		sleep 0.1
		LAST=$1
	fi
}
mysql_note() { to 1; printf '[Note] [Entrypoint]: %s\n' "$*"; }
mysql_warn() { to 2; printf '[Warn] [Entrypoint]: %s\n' "$*" >&2; }
mysql_error() { to 2; printf '[ERROR] [Entrypoint]: %s\n' "$*" >&2; exit 1; }
server_log() { to 2; printf '%s\n' "$*" >&2; }
blank() { to 1; echo; }
standin_refuse() { to 2; printf 'docker-entrypoint.sh: strata stand-in: %s is not simulated\n' "$1" >&2; exit 1; }

TAB='	'
SERVER_VERSION=${MARIADB_VERSION#*:}
SERVER_VERSION=${SERVER_VERSION%%+*}
VERSION_STRING=$SERVER_VERSION-MariaDB-ubu2404

file_env() { # VAR [DEFAULT]
	eval "val=\${$1:-}; fileval=\${$1_FILE:-}"
	if [ -n "$val" ] && [ -n "$fileval" ]; then
		mysql_error "Both $1 and $1_FILE are set (but are exclusive)"
	fi
	if [ -z "$val" ]; then
		if [ -n "$fileval" ]; then val=$(cat "$fileval"); else val=${2:-}; fi
	fi
	eval "$1=\$val"
	export "$1"
	unset "$1_FILE"
}

# MARIADB_xyz from MYSQL_xyz when unset; both end up with the same value
_mariadb_file_env() { # MYSQL_VAR [DEFAULT]
	var=$1
	maria=MARIADB_${var#MYSQL_}
	file_env "$var" "${2:-}"
	eval "d=\$$var"
	file_env "$maria" "$d"
	eval "m=\$$maria"
	if [ -n "$m" ]; then
		eval "$var=\$m"
		export "$var"
	fi
}

# a file of the data directory as the server writes it: 660 mysql:mysql
dfile() { # path [content]
	printf '%s' "${2:-}" > "$DATADIR/$1"
	chmod 660 "$DATADIR/$1"
	own 999:999 "$DATADIR/$1"
}

docker_init_database_dir() {
	mysql_note "Initializing database files"
	for d in mysql performance_schema sys; do
		mkdir "$DATADIR/$d"
		chmod 700 "$DATADIR/$d"
		own 999:999 "$DATADIR/$d"
		dfile "$d/db.opt" "default-character-set=utf8mb4
default-collation=$COLLATION
"
	done
	for f in aria_log.00000001 aria_log_control ibdata1 ib_logfile0 undo001 undo002 undo003; do
		dfile "$f"
	done
	# root@localhost (--auth-root-authentication-method=normal: no password yet), mariadb.sys
	dfile mysql/global_priv.MAD "root${TAB}localhost${TAB}=${TAB}*
mariadb.sys${TAB}localhost${TAB}-${TAB}
"
	printf '%s' "$VERSION_STRING" > "$DATADIR/mariadb_upgrade_info"
	chmod 644 "$DATADIR/mariadb_upgrade_info"
	own 999:999 "$DATADIR/mariadb_upgrade_info"
	mysql_note "Database files initialized"
}

pwhash() { printf '%s' "$1" | sha256sum | cut -c1-64; }

set_account() { # user host password grants
	f=$DATADIR/mysql/global_priv.MAD
	grep -v "^$1$TAB$2$TAB" "$f" > "$f.new" || :
	h='='
	[ -z "$3" ] || h=$(pwhash "$3")
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$h" "$4" >> "$f.new"
	cat "$f.new" > "$f"
	rm -f "$f.new"
}

# what the temporary server writes; its socket is not simulated (the entrypoint's own client
# calls reach the data directory directly), so that a client started by `docker exec` waits for
# the real server instead of meeting the half-initialised one (root has no password yet)
server_start_files() {
	dfile ibtmp1
	dfile ddl_recovery.log
	dfile multi-master.info
}

# the client as the real script runs it, as mysql (gosu: HOME=/var/lib/mysql, where it would read a
# .my.cnf)
CLIENT_HOME=$HOME
[ "$ROOT" = 1 ] && CLIENT_HOME=/var/lib/mysql
docker_process_sql() {
	to 0
	if [ -n "$MARIADB_DATABASE" ]; then
		set -- --database="$MARIADB_DATABASE" "$@"
	fi
	HOME=$CLIENT_HOME MYSQL_STANDIN_DATADIR=$DATADIR MYSQL_STANDIN_OWNER=$OWNER MYSQL_STANDIN_COLLATION=$COLLATION MYSQL_PWD=$MARIADB_ROOT_PASSWORD mariadb --protocol=socket -uroot -hlocalhost --socket="$SOCKET" "$@"
}

docker_process_init_files() {
	blank
	for f; do
		[ -e "$f" ] || continue
		case $f in
		*.sh)
			if [ -x "$f" ]; then
				mysql_note "$0: running $f"
				to 0
				MYSQL_STANDIN_DATADIR=$DATADIR MYSQL_STANDIN_OWNER=$OWNER MYSQL_STANDIN_COLLATION=$COLLATION "$f"
			else
				mysql_note "$0: sourcing $f"
				to 0
				export MYSQL_STANDIN_DATADIR="$DATADIR" MYSQL_STANDIN_OWNER="$OWNER" MYSQL_STANDIN_COLLATION="$COLLATION"
				. "$f"
				unset MYSQL_STANDIN_DATADIR MYSQL_STANDIN_OWNER MYSQL_STANDIN_COLLATION
			fi ;;
		*.sql) mysql_note "$0: running $f"; docker_process_sql < "$f"; blank ;;
		*.sql.gz) mysql_note "$0: running $f"; gunzip -c "$f" | docker_process_sql; blank ;;
		*.sql.xz|*.sql.zst) standin_refuse "the init file $f (xz and zstd)" ;;
		*) mysql_warn "$0: ignoring $f" ;;
		esac
		blank
	done
}

docker_verify_minimum_env() {
	for file in /docker-entrypoint-initdb.d/*.tar.gz /docker-entrypoint-initdb.d/*.tar.xz /docker-entrypoint-initdb.d/*.tar.zst; do
		[ -f "$file" ] && standin_refuse "restoring a backup ($file)"
	done
	if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ROOT_PASSWORD_HASH" ] && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] && [ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
		mysql_error "Database is uninitialized and password option is not specified
${TAB}You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD"
	fi
	if { [ -n "$MARIADB_ROOT_PASSWORD" ] || [ -n "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] || [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ]; } && [ -n "$MARIADB_ROOT_PASSWORD_HASH" ]; then
		mysql_error "Cannot specify MARIADB_ROOT_PASSWORD_HASH and another MARIADB_ROOT_PASSWORD* option."
	fi
	if [ -n "$MARIADB_PASSWORD" ] && [ -n "$MARIADB_PASSWORD_HASH" ]; then
		mysql_error "Cannot specify MARIADB_PASSWORD_HASH and MARIADB_PASSWORD option."
	fi
	[ -z "$MARIADB_REPLICATION_USER" ] && [ -z "$MARIADB_MASTER_HOST" ] || standin_refuse 'replication (MARIADB_REPLICATION_USER, MARIADB_MASTER_HOST)'
}

docker_setup_db() {
	[ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ] || standin_refuse 'MARIADB_RANDOM_ROOT_PASSWORD (a random password)'
	[ -z "$MARIADB_ROOT_PASSWORD_HASH$MARIADB_PASSWORD_HASH" ] || standin_refuse 'password hashes (MARIADB_*PASSWORD_HASH)'
	[ -z "$MARIADB_MYSQL_LOCALHOST_USER" ] || standin_refuse 'MARIADB_MYSQL_LOCALHOST_USER'
	if [ -n "$MARIADB_DATABASE" ]; then
		mysql_note "Creating database ${MARIADB_DATABASE}"
	fi
	creating_user=
	if [ -n "$MARIADB_PASSWORD" ] && [ -n "$MARIADB_USER" ]; then
		mysql_note "Creating user ${MARIADB_USER}"
		creating_user=1
		if [ -n "$MARIADB_DATABASE" ]; then
			mysql_note "Giving user ${MARIADB_USER} access to schema ${MARIADB_DATABASE}"
		fi
	fi
	mysql_note "Securing system users (equivalent to running mysql_secure_installation)"
	set_account root localhost "$MARIADB_ROOT_PASSWORD" '*'
	if [ -n "$MARIADB_ROOT_HOST" ] && [ "$MARIADB_ROOT_HOST" != localhost ]; then
		set_account root "$MARIADB_ROOT_HOST" "$MARIADB_ROOT_PASSWORD" '*'
	fi
	# healthcheck@127.0.0.1, ::1, localhost, with a random password (here a fixed one) kept in
	# $DATADIR/.my-healthcheck.cnf (umask 0077)
	for host in 127.0.0.1 ::1 localhost; do
		set_account healthcheck "$host" strata-stand-in-healthcheck ''
	done
	printf '[mariadb-client]\nport=%s\nsocket=%s\nuser=healthcheck\npassword=strata-stand-in-healthcheck\n\n' "$PORT" "$SOCKET" > "$DATADIR/.my-healthcheck.cnf"
	chmod 600 "$DATADIR/.my-healthcheck.cnf"
	own 999:999 "$DATADIR/.my-healthcheck.cnf"
	if [ -n "$MARIADB_DATABASE" ]; then
		to 0
		HOME=$CLIENT_HOME MYSQL_STANDIN_DATADIR=$DATADIR MYSQL_STANDIN_OWNER=$OWNER MYSQL_STANDIN_COLLATION=$COLLATION MYSQL_PWD=$MARIADB_ROOT_PASSWORD mariadb --protocol=socket -uroot -hlocalhost --socket="$SOCKET" --database=mysql -e "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"
	fi
	if [ -n "$creating_user" ]; then
		if [ -n "$MARIADB_DATABASE" ]; then
			set_account "$MARIADB_USER" "$MARIADB_USER_HOST" "$MARIADB_PASSWORD" "$MARIADB_DATABASE"
		else
			set_account "$MARIADB_USER" "$MARIADB_USER_HOST" "$MARIADB_PASSWORD" ''
		fi
	fi
}

_check_if_upgrade_is_needed() {
	if [ ! -f "$DATADIR/mariadb_upgrade_info" ]; then
		mysql_note "MariaDB upgrade information missing, assuming required"
		return 0
	fi
	old=$(cat "$DATADIR/mariadb_upgrade_info")
	oldmm=$(printf '%s' "$old" | cut -d. -f1,2)
	newmm=$(printf '%s' "$SERVER_VERSION" | cut -d. -f1,2)
	if [ "$oldmm" != "$newmm" ]; then
		return 0
	fi
	if [ ! -f "$DATADIR/.my-healthcheck.cnf" ]; then
		mysql_note "MariaDB healthcheck configuration file missing, assuming desirable"
		return 0
	fi
	mysql_note "MariaDB upgrade not required"
	return 1
}

_mysql_want_help() {
	for arg; do
		case $arg in -'?'|--help|--print-defaults|-V|--version) return 0 ;; esac
	done
	return 1
}

case $1 in -*) set -- mariadbd "$@" ;; esac

if { [ "$1" = mariadbd ] || [ "$1" = mysqld ]; } && ! _mysql_want_help "$@"; then
	mysql_note "Entrypoint script for MariaDB Server ${MARIADB_VERSION} started."
	[ "$1" = mariadbd ] || standin_refuse "the command mysqld (this image has mariadbd)"
	# docker_setup_env's mysql_get_config: the real script asks `mariadbd --verbose --help` with the
	# container's arguments for datadir, socket and port, so the server's option files decide; the
	# stand-in mariadbd answers the three at once (the server reads them again as it starts)
	# (and for the databases the stand-in writes, their db.opt, the server's collation)
	config=$("$@" --strata-stand-in-option=datadir --strata-stand-in-option=socket --strata-stand-in-option=port --strata-stand-in-option=collation-server) || exit 1
	{ IFS= read -r DATADIR; IFS= read -r SOCKET; IFS= read -r PORT; IFS= read -r COLLATION; } <<-EOF
	$config
	EOF
	DATADIR=${DATADIR%/}

	_mariadb_file_env MYSQL_ROOT_HOST %
	_mariadb_file_env MYSQL_DATABASE
	_mariadb_file_env MYSQL_USER
	_mariadb_file_env MYSQL_PASSWORD
	_mariadb_file_env MYSQL_ROOT_PASSWORD
	file_env MARIADB_PASSWORD_HASH
	file_env MARIADB_ROOT_PASSWORD_HASH
	file_env MARIADB_REPLICATION_USER
	file_env MARIADB_REPLICATION_PASSWORD
	file_env MARIADB_REPLICATION_PASSWORD_HASH
	file_env MARIADB_MASTER_HOST
	file_env MARIADB_MASTER_PORT 3306
	file_env MARIADB_USER_HOST %
	: "${MARIADB_ALLOW_EMPTY_ROOT_PASSWORD:=${MYSQL_ALLOW_EMPTY_PASSWORD:-}}"
	: "${MARIADB_RANDOM_ROOT_PASSWORD:=${MYSQL_RANDOM_ROOT_PASSWORD:-}}"
	DATABASE_ALREADY_EXISTS=
	[ -d "$DATADIR/mysql" ] && DATABASE_ALREADY_EXISTS=true

	# docker_create_db_directories, as root: `find "$DATADIR" \! -user mysql -exec chown mysql: {} +`,
	# the socket's directory too; then the memory.pressure file of the container's cgroup (cgroup
	# v2: /sys/fs/cgroup//memory.pressure, read-only in a container)
	mkdir -p "$DATADIR"
	if [ "$ROOT" = 1 ]; then
		find "$DATADIR" ! -user mysql -exec chown mysql:mysql {} +
		find "${SOCKET%/*}" -maxdepth 0 ! -user mysql -exec chown mysql:mysql {} \;
		mysql_warn "/sys/fs/cgroup//memory.pressure not writable, functionality unavailable to MariaDB"

		mysql_note "Switching to dedicated user 'mysql'"
		# gosu mysql "${BASH_SOURCE[0]}" "$@": the script starts again, as mysql
		mysql_note "Entrypoint script for MariaDB Server ${MARIADB_VERSION} started."
	fi

	if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
		docker_verify_minimum_env
		ls /docker-entrypoint-initdb.d/ > /dev/null
		docker_init_database_dir "$@"

		mysql_note "Starting temporary server"
		mysql_note "Waiting for server startup"
		server_start_files
		server_log "[Note] mariadbd: ready for connections."
		server_log "Version: '$VERSION_STRING'  socket: '$SOCKET'  port: 0  mariadb.org binary distribution"
		mysql_note "Temporary server started."
		docker_setup_db
		docker_process_init_files /docker-entrypoint-initdb.d/*
		mysql_note "Stopping temporary server"
		rm -f "$SOCKET" "$DATADIR/ibtmp1"
		server_log "[Note] mariadbd (initiated by: unknown): Normal shutdown"
		server_log "[Note] mariadbd: Shutdown complete"
		mysql_note "Temporary server stopped"
		blank
		mysql_note "MariaDB init process done. Ready for start up."
		blank
	elif _check_if_upgrade_is_needed; then
		standin_refuse "mariadb-upgrade (a data directory of another MariaDB version)"
	fi
	to 2
fi
exec "$@"
