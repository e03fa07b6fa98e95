#!/bin/sh
# Stand-in for docker-library/mysql's docker-entrypoint.sh (strata catalog; sources: SOURCES.md).
#
# It follows the real script step by step and prints its messages (mysql_note, mysql_warn,
# mysql_error) without their `date --rfc-3339=seconds` prefix, and the lines the real server
# prints meanwhile, without their timestamp and thread id. What the real mysqld --initialize and
# the temporary server write into the data directory, this script writes (as files owned by
# mysql, 999:999, since the real one runs them as mysql through gosu); the final `exec "$@"`
# starts the stand-in mysqld.
#
# Lines go to stdout (notes) and stderr (warnings, errors, the server's log), as the real ones;
# the daemon copies the two streams separately, so the script pauses a moment where it switches
# from one to the other, to keep the real order in `docker logs`.
set -e

# the real server runs as mysql (gosu); started as another user (docker run --user), everything
# keeps that user's ownership
ROOT=0
[ "$(id -u)" = 0 ] && ROOT=1
own() { [ "$ROOT" = 1 ] || return 0; chown "$@"; }
OWNER=999:999
[ "$ROOT" = 1 ] || OWNER=$(id -u):$(id -g)
LAST=1
to() { # stream
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

VERSION=${MYSQL_VERSION%%-*}
COMMENT='MySQL Community Server - GPL'

# file_env VAR [DEFAULT]: VAR or the contents of the file VAR_FILE names
file_env() {
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

# the server's datadir and socket as mysqld takes them, one a line (in the real image
# `mysqld --verbose --help` with the same arguments, once per option; the stand-in mysqld answers
# both at once: its option_values)
mysql_get_config() { # command line
	"$@" --strata-stand-in-option=datadir --strata-stand-in-option=socket
}

# a process of the server: ./binlog.00000N is the next binary log, binlog.index lists them
next_binlog() {
	n=0
	[ -f "$DATADIR/binlog.index" ] && n=$(wc -l < "$DATADIR/binlog.index")
	n=$((n + 1))
	name=$(printf 'binlog.%06d' "$n")
	printf '%s\n' "$name" > "$DATADIR/$name"
	printf './%s\n' "$name" >> "$DATADIR/binlog.index"
	chmod 640 "$DATADIR/$name" "$DATADIR/binlog.index"
	own 999:999 "$DATADIR/$name" "$DATADIR/binlog.index"
}

# mysqld --initialize-insecure: the data directory a new server writes (MySQL 8.0.30 and later:
# redo log in #innodb_redo, two undo tablespaces, the data dictionary in mysql.ibd, TLS and RSA
# key pairs from auto_generate_certs and sha256_password_auto_generate_rsa_keys)
docker_init_database_dir() {
	mysql_note "Initializing database files"
	d=$DATADIR
	if [ -n "$(ls -A "$d")" ]; then
		server_log "[ERROR] [MY-010457] [Server] --initialize specified but the data directory has files in it. Aborting."
		server_log "[ERROR] [MY-013236] [Server] The designated data directory $d/ is unusable. You can remove all files that the server added to it."
		server_log "[ERROR] [MY-010119] [Server] Aborting"
		exit 1
	fi
	mkdir "$d/mysql" "$d/performance_schema" "$d/sys" "$d/#innodb_redo" "$d/#innodb_temp"
	chmod 750 "$d/mysql" "$d/performance_schema" "$d/sys" "$d/#innodb_redo" "$d/#innodb_temp"
	for f in auto.cnf ibdata1 mysql.ibd undo_001 undo_002 '#ib_16384_0.dblwr' '#ib_16384_1.dblwr' \
		sys/sys_config.ibd '#innodb_redo/#ib_redo0'; do
		: > "$d/$f"
		chmod 640 "$d/$f"
	done
	printf '[auto]\nserver-uuid=00000000-0000-0000-0000-000000000000\n' > "$d/auto.cnf"
	# the version that built the data dictionary (the real one keeps it in mysql.ibd, dd_properties'
	# MYSQLD_VERSION): the stand-in mysqld compares it with its own at each start
	printf 'MYSQLD_VERSION=%s\n' "$(printf '%s' "$VERSION" | awk -F. '{ printf "%d", $1 * 10000 + $2 * 100 + $3 }')" > "$d/ibdata1"
	for f in ca-key.pem server-key.pem client-key.pem private_key.pem; do
		printf 'strata stand-in: no key\n' > "$d/$f"
		chmod 600 "$d/$f"
	done
	for f in ca.pem server-cert.pem client-cert.pem public_key.pem; do
		printf 'strata stand-in: no certificate\n' > "$d/$f"
		chmod 644 "$d/$f"
	done
	# root@localhost with an empty password (--initialize-insecure); mysql.ibd holds the accounts
	printf 'root\tlocalhost\t=\t*\n' > "$d/mysql.ibd"
	own -R 999:999 "$d/mysql" "$d/performance_schema" "$d/sys" "$d/#innodb_redo" "$d/#innodb_temp"
	own 999:999 "$d"/* "$d/#ib_16384_0.dblwr" "$d/#ib_16384_1.dblwr"
	server_log "[Warning] [MY-010453] [Server] root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option."
	mysql_note "Database files initialized"
}

pwhash() { printf '%s' "$1" | sha256sum | cut -c1-64; }

# set the account user@host (mysql.ibd, as the stand-in client keeps it)
set_account() { # user host password grants
	grep -v "^$1	$2	" "$DATADIR/mysql.ibd" > "$DATADIR/mysql.ibd.new" || :
	h='='
	[ -z "$3" ] || h=$(pwhash "$3")
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$h" "$4" >> "$DATADIR/mysql.ibd.new"
	cat "$DATADIR/mysql.ibd.new" > "$DATADIR/mysql.ibd"
	rm -f "$DATADIR/mysql.ibd.new"
}

# the client on the temporary server's socket as the real script calls it: `mysql
# --defaults-extra-file=<( _mysql_passfile ) --protocol=socket -uroot -hlocalhost --socket="${SOCKET}"
# --comments`, as mysql (gosu: HOME=/var/lib/mysql). _mysql_passfile writes the root password in a
# [client] group (none when it is empty), a file the client reads after the image's option files;
# here a file in /dev/shm, since busybox sh has no process substitution
docker_process_sql() {
	to 0
	if [ -n "$MYSQL_DATABASE" ]; then
		set -- --database="$MYSQL_DATABASE" "$@"
	fi
	passfile=/dev/shm/strata-stand-in-passfile.$$
	: > "$passfile"
	[ -z "$MYSQL_ROOT_PASSWORD" ] || printf '[client]\npassword="%s"\n' "$MYSQL_ROOT_PASSWORD" > "$passfile"
	home=$HOME
	[ "$ROOT" = 1 ] && home=/var/lib/mysql
	status=0
	HOME=$home MYSQL_STANDIN_DATADIR=$DATADIR MYSQL_STANDIN_OWNER=$OWNER mysql --defaults-extra-file="$passfile" \
		--protocol=socket -uroot -hlocalhost --socket="$SOCKET" --comments "$@" || status=$?
	rm -f "$passfile"
	return "$status"
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
				MYSQL_STANDIN_DATADIR=$DATADIR MYSQL_STANDIN_OWNER=$OWNER "$f"
			else
				mysql_note "$0: sourcing $f"
				to 0
				export MYSQL_STANDIN_DATADIR="$DATADIR" MYSQL_STANDIN_OWNER="$OWNER"
				. "$f"
				unset MYSQL_STANDIN_DATADIR MYSQL_STANDIN_OWNER
			fi ;;
		*.sql) mysql_note "$0: running $f"; docker_process_sql < "$f"; blank ;;
		*.sql.gz) mysql_note "$0: running $f"; gunzip -c "$f" | docker_process_sql; blank ;;
		*.sql.bz2|*.sql.xz|*.sql.zst) standin_refuse "the init file $f (bzip2, xz and zstd)" ;;
		*) mysql_warn "$0: ignoring $f" ;;
		esac
		blank
	done
}

docker_verify_minimum_env() {
	if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
		mysql_error 'Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD'
	fi
	if [ "$MYSQL_USER" = root ]; then
		mysql_error 'MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user
    Remove MYSQL_USER="root" and use one of the following to control the root user password:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD'
	fi
	if [ -n "$MYSQL_USER" ] && [ -z "$MYSQL_PASSWORD" ]; then
		mysql_warn 'MYSQL_USER specified, but missing MYSQL_PASSWORD; MYSQL_USER will not be created'
	elif [ -z "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
		mysql_warn 'MYSQL_PASSWORD specified, but missing MYSQL_USER; MYSQL_PASSWORD will be ignored'
	fi
}

# the socket the server would use without /etc/my.cnf (the rpm's MYSQL_UNIX_ADDR), linked to the
# configured one; `ln -sfTv` prints the link
mysql_socket_fix() {
	defaultSocket=/var/lib/mysql/mysql.sock
	if [ "$defaultSocket" != "$SOCKET" ]; then
		ln -sf "$SOCKET" "$defaultSocket" 2>/dev/null && own -h 999:999 "$defaultSocket" && {
			to 1
			printf "'%s' -> '%s'\n" "$defaultSocket" "$SOCKET"
		} || :
	fi
}

docker_setup_db() {
	if [ -n "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
		standin_refuse 'MYSQL_RANDOM_ROOT_PASSWORD (a random password)'
	fi
	# ALTER USER 'root'@'localhost'; CREATE USER 'root'@'${MYSQL_ROOT_HOST}' unless localhost
	set_account root localhost "$MYSQL_ROOT_PASSWORD" '*'
	if [ -n "$MYSQL_ROOT_HOST" ] && [ "$MYSQL_ROOT_HOST" != localhost ]; then
		set_account root "$MYSQL_ROOT_HOST" "$MYSQL_ROOT_PASSWORD" '*'
	fi
	if [ -n "$MYSQL_DATABASE" ]; then
		mysql_note "Creating database ${MYSQL_DATABASE}"
		docker_process_sql --database=mysql -e "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\` ;"
	fi
	if [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
		mysql_note "Creating user ${MYSQL_USER}"
		set_account "$MYSQL_USER" % "$MYSQL_PASSWORD" ''
		if [ -n "$MYSQL_DATABASE" ]; then
			mysql_note "Giving user ${MYSQL_USER} access to schema ${MYSQL_DATABASE}"
			set_account "$MYSQL_USER" % "$MYSQL_PASSWORD" "$MYSQL_DATABASE"
		fi
	fi
}

_mysql_want_help() {
	for arg; do
		case $arg in -'?'|--help|--print-defaults|-V|--version) return 0 ;; esac
	done
	return 1
}

case $1 in -*) set -- mysqld "$@" ;; esac

if [ "$1" = mysqld ] && ! _mysql_want_help "$@"; then
	mysql_note "Entrypoint script for MySQL Server ${MYSQL_VERSION} started."

	config=$(mysql_get_config "$@")
	{ IFS= read -r DATADIR; IFS= read -r SOCKET; } <<-EOF
	$config
	EOF
	DATADIR=${DATADIR%/}
	file_env MYSQL_ROOT_HOST %
	file_env MYSQL_DATABASE
	file_env MYSQL_USER
	file_env MYSQL_PASSWORD
	file_env MYSQL_ROOT_PASSWORD
	DATABASE_ALREADY_EXISTS=
	[ -d "$DATADIR/mysql" ] && DATABASE_ALREADY_EXISTS=true

	# docker_create_db_directories: datadir, the socket's directory, pid-file's and secure-file-priv;
	# as root: `find ... \! -user mysql -exec chown --no-dereference mysql` (the owner, not the group)
	dirs="$DATADIR $(dirname "$SOCKET") /var/lib/mysql-files"
	for dir in $dirs; do
		mkdir -p "$dir"
		if [ "$ROOT" = 1 ]; then find "$dir" ! -user mysql -exec chown -h mysql {} +; fi
	done

	if [ "$ROOT" = 1 ]; then
		mysql_note "Switching to dedicated user 'mysql'"
		# gosu mysql "$BASH_SOURCE" "$@": the script starts again, as mysql
		mysql_note "Entrypoint script for MySQL Server ${MYSQL_VERSION} started."
	fi

	if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
		[ -z "$MYSQL_ONETIME_PASSWORD" ] || standin_refuse 'MYSQL_ONETIME_PASSWORD'
		docker_verify_minimum_env
		ls /docker-entrypoint-initdb.d/ > /dev/null
		docker_init_database_dir "$@"

		mysql_note "Starting temporary server"
		next_binlog
		server_log "[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '$VERSION'  socket: '$SOCKET'  port: 0  $COMMENT."
		mysql_note "Temporary server started."
		mysql_socket_fix
		docker_setup_db
		docker_process_init_files /docker-entrypoint-initdb.d/*
		mysql_note "Stopping temporary server"
		server_log "[System] [MY-013172] [Server] Received SHUTDOWN from user root. Shutting down mysqld (Version: $VERSION)."
		printf 'strata stand-in: buffer pool dump\n' > "$DATADIR/ib_buffer_pool"
		chmod 640 "$DATADIR/ib_buffer_pool"
		own 999:999 "$DATADIR/ib_buffer_pool"
		server_log "[System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld $VERSION)  $COMMENT."
		mysql_note "Temporary server stopped"
		blank
		mysql_note "MySQL init process done. Ready for start up."
		blank
	else
		mysql_socket_fix
	fi
	to 2
fi
exec "$@"
