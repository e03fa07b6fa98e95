#!/bin/sh
# Stand-in for docker-library/postgres's docker-entrypoint.sh (bash there, busybox sh here): the
# same decisions in the same order, the same messages, the same ownership and modes. Started as
# root, it re-executes itself as postgres with gosu (13-alpine: su-exec), as the real one does, so
# the server (PID 1) runs as postgres; the programs it runs still give what they create to
# postgres, as root gives it when `docker exec` runs them. Sources: ../SOURCES.md.
set -e

# usage: file_env VAR [DEFAULT]: VAR, or the contents of the file named by VAR_FILE
file_env() {
	var=$1 fileVar=${1}_FILE def=${2:-}
	eval "val=\${$var:-} fval=\${$fileVar:-}"
	if [ -n "$val" ] && [ -n "$fval" ]; then
		printf >&2 'error: both %s and %s are set (but are exclusive)\n' "$var" "$fileVar"
		exit 1
	fi
	if [ -z "$val" ]; then
		val=$def
		if [ -n "$fval" ]; then val=$(cat "$fval"); fi
	fi
	export "$var=$val"
	unset "$fileVar"
}

docker_setup_env() {
	file_env POSTGRES_PASSWORD
	file_env POSTGRES_USER postgres
	file_env POSTGRES_DB "$POSTGRES_USER"
	file_env POSTGRES_INITDB_ARGS
	: "${POSTGRES_HOST_AUTH_METHOD:=}"
	DATABASE_ALREADY_EXISTS=
	OLD_DATABASES=
	# look specifically for PG_VERSION, as it is expected in the DB dir
	if [ -s "$PGDATA/PG_VERSION" ]; then
		DATABASE_ALREADY_EXISTS=true
	elif [ "$PGDATA" = "/var/lib/postgresql/$PG_MAJOR/docker" ]; then
		# 18+: data of an older layout anywhere under /var/lib/postgresql
		for d in /var/lib/postgresql /var/lib/postgresql/data /var/lib/postgresql/*/docker; do
			if [ -s "$d/PG_VERSION" ]; then
				OLD_DATABASES="$OLD_DATABASES${OLD_DATABASES:+ }$d"
			fi
		done
		# upstream asks util-linux's mountpoint(1), which reads the mount table
		if [ -z "$OLD_DATABASES" ] && [ "$PG_MAJOR" -ge 18 ] && grep -q ' /var/lib/postgresql/data ' /proc/mounts; then
			OLD_DATABASES='/var/lib/postgresql/data (unused mount/volume)'
		fi
	fi
}

# as root: create PGDATA and the socket directory and give them to postgres (owner only, as
# upstream's `find ... \! -user postgres -exec chown postgres` does)
docker_create_db_directories() {
	mkdir -p "$PGDATA"
	chmod "$PGDATA_MODE" "$PGDATA" || :
	mkdir -p /var/run/postgresql || :
	# 13's `chmod 775`: GNU chmod (Debian) keeps a directory's setgid bit, busybox's (alpine) not
	if [ "$RUNDIR_MODE" = 775 ] && [ -d /usr/lib/postgresql ] && [ -g /var/run/postgresql ]; then
		chmod 2775 /var/run/postgresql || :
	else
		chmod "$RUNDIR_MODE" /var/run/postgresql || :
	fi
	if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
		mkdir -p "$POSTGRES_INITDB_WALDIR"
		find "$POSTGRES_INITDB_WALDIR" \! -user postgres -exec chown postgres '{}' +
		chmod 700 "$POSTGRES_INITDB_WALDIR"
	fi
	if [ "$(id -u)" = 0 ]; then
		find "$PGDATA" \! -user postgres -exec chown postgres '{}' +
		find /var/run/postgresql \! -user postgres -exec chown postgres '{}' +
	fi
}

docker_verify_minimum_env() {
	if [ "$PG_MAJOR" -lt 14 ] && [ "${#POSTGRES_PASSWORD}" -ge 100 ]; then
		cat >&2 <<-'EOWARN'

			WARNING: The supplied POSTGRES_PASSWORD is 100+ characters.

			  This will not work if used via PGPASSWORD with "psql".

			  https://www.postgresql.org/message-id/flat/E1Rqxp2-0004Qt-PL%40wrigleys.postgresql.org (BUG #6412)
			  https://github.com/docker-library/postgres/issues/507

		EOWARN
	fi
	if [ -z "$POSTGRES_PASSWORD" ] && [ 'trust' != "$POSTGRES_HOST_AUTH_METHOD" ]; then
		# The - option suppresses leading tabs but *not* spaces. :)
		cat >&2 <<-'EOE'
			Error: Database is uninitialized and superuser password is not specified.
			       You must specify POSTGRES_PASSWORD to a non-empty value for the
			       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

			       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
			       connections without a password. This is *not* recommended.

			       See PostgreSQL documentation about "trust":
			       https://www.postgresql.org/docs/current/auth-trust.html
		EOE
		exit 1
	fi
	if [ 'trust' = "$POSTGRES_HOST_AUTH_METHOD" ]; then
		# stderr upstream; stdout here so that the log keeps one order (see SOURCES.md)
		cat <<-'EOWARN'
			********************************************************************************
			WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow
			         anyone with access to the Postgres port to access your database without
			         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL
			         documentation about "trust":
			         https://www.postgresql.org/docs/current/auth-trust.html
			         In Docker's default configuration, this is effectively any other
			         container on the same system.

			         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace
			         it with "-e POSTGRES_PASSWORD=password" instead to set a password in
			         "docker run".
			********************************************************************************
		EOWARN
	fi
}

docker_error_old_databases() {
	if [ -n "$OLD_DATABASES" ]; then
		cat >&2 <<-EOE
			Error: in 18+, these Docker images are configured to store database data in a
			       format which is compatible with "pg_ctlcluster" (specifically, using
			       major-version-specific directory names).  This better reflects how
			       PostgreSQL itself works, and how upgrades are to be performed.

			       See also https://github.com/docker-library/postgres/pull/1259

			       Counter to that, there appears to be PostgreSQL data in:
			         $OLD_DATABASES

			       This is usually the result of upgrading the Docker image without
			       upgrading the underlying database using "pg_upgrade" (which requires both
			       versions).

			       The suggested container configuration for 18+ is to place a single mount
			       at /var/lib/postgresql which will then place PostgreSQL data in a
			       subdirectory, allowing usage of "pg_upgrade --link" without mount point
			       boundary issues.

			       See https://github.com/docker-library/postgres/issues/37 for a (long)
			       discussion around this process, and suggestions for how to do so.
		EOE
		exit 1
	fi
}

docker_process_sql() {
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc ${POSTGRES_DB:+--dbname "$POSTGRES_DB"} "$@"
}

docker_process_init_files() {
	printf '\n'
	for f; do
		case "$f" in
			*.sh)
				if [ -x "$f" ]; then
					printf '%s: running %s\n' "$0" "$f"
					"$f"
				else
					printf '%s: sourcing %s\n' "$0" "$f"
					. "$f"
				fi
				;;
			*.sql)    printf '%s: running %s\n' "$0" "$f"; docker_process_sql -f "$f"; printf '\n' ;;
			*.sql.gz) printf '%s: running %s\n' "$0" "$f"; gunzip -c "$f" | docker_process_sql; printf '\n' ;;
			*)        printf '%s: ignoring %s\n' "$0" "$f" ;;
		esac
		printf '\n'
	done
}

docker_setup_db() {
	if [ "$POSTGRES_DB" != postgres ]; then
		psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc --dbname postgres -c "CREATE DATABASE \"$POSTGRES_DB\" ;"
		printf '\n'
	fi
}

pg_setup_hba_conf() {
	auth=$(postgres -C password_encryption)
	: "${POSTGRES_HOST_AUTH_METHOD:=$auth}"
	{
		printf '\n'
		if [ 'trust' = "$POSTGRES_HOST_AUTH_METHOD" ]; then
			printf '# warning trust is enabled for all connections\n'
			printf '# see https://www.postgresql.org/docs/%s/auth-trust.html\n' "$TRUST_DOCS"
		fi
		printf 'host all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD"
	} >> "$PGDATA/pg_hba.conf"
}

_pg_want_help() {
	for arg; do
		case "$arg" in
			-'?'|--help|--describe-config|-V|--version) return 0 ;;
		esac
	done
	return 1
}

# per-version details of upstream's script (see SOURCES.md)
if [ "$PG_MAJOR" -ge 14 ]; then PGDATA_MODE=00700 RUNDIR_MODE=03775 TRUST_DOCS=17; else PGDATA_MODE=700 RUNDIR_MODE=775 TRUST_DOCS=12; fi

# if first arg looks like a flag, assume we want to run postgres server
case "$1" in -*) set -- postgres "$@" ;; esac

if [ "$1" = 'postgres' ] && ! _pg_want_help "$@"; then
	docker_setup_env
	docker_create_db_directories
	if [ "$(id -u)" = 0 ]; then
		# docker-library/postgres@6edb0a8c4def:docker-entrypoint.sh _main: "then restart script as
		# postgres user": exec gosu postgres "$BASH_SOURCE" "$@" (U13 13/alpine: exec su-exec)
		if [ -x /usr/local/bin/gosu ]; then exec gosu postgres "$0" "$@"; fi
		exec su-exec postgres "$0" "$@"
	fi
	if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
		docker_verify_minimum_env
		docker_error_old_databases
		ls /docker-entrypoint-initdb.d/ > /dev/null
		initdb --username="$POSTGRES_USER" --pwfile=/dev/null $POSTGRES_INITDB_ARGS
		pg_setup_hba_conf
		export PGSTANDIN_INIT=1
		pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
		docker_setup_db
		docker_process_init_files /docker-entrypoint-initdb.d/*
		pg_ctl -D "$PGDATA" -m fast -w stop
		unset PGSTANDIN_INIT
		printf '\nPostgreSQL init process complete; ready for start up.\n\n'
	else
		printf '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n'
	fi
fi

exec "$@"
