#!/bin/sh
# Stand-in for MariaDB/mariadb-docker's healthcheck.sh (strata catalog; sources: SOURCES.md):
# the tests --connect and --innodb_initialized (both pass while the server runs) and the options
# --su-mysql, --su=USER, --defaults-*; other tests are refused by name. As the real script, it
# prints nothing when every test passes, and "healthcheck TEST failed" (exit 1) at the first
# that fails; with no test given, it runs --connect.
SOCKET=/run/mysqld/mysqld.sock
ran=0
fail() {
	echo "ERROR 2002 (HY000): Can't connect to local server through socket '$SOCKET' (2)" >&2
	echo "healthcheck $1 failed" >&2
	exit 1
}
while [ $# -gt 0 ]; do
	case $1 in
	--su-mysql|--su=*|--no-defaults|--defaults-file=*|--defaults-extra-file=*|--defaults-group-suffix=*|--datadir=*) ;;
	--su|--datadir|--defaults-file|--defaults-extra-file|--defaults-group-suffix) shift ;;
	--no-connect) ran=1 ;;
	--connect|--innodb_initialized)
		ran=1
		[ -f "$SOCKET" ] || fail "${1#--}" ;;
	--*)
		printf 'healthcheck.sh: strata stand-in: the test %s is not simulated\n' "$1" >&2
		exit 1 ;;
	*)
		echo "Unknown healthcheck option $1" >&2
		exit 1 ;;
	esac
	shift
done
if [ $ran = 0 ]; then
	[ -f "$SOCKET" ] || exit 1
fi
exit 0
