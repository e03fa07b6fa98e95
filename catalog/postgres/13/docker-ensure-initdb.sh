#!/bin/sh
# Stand-in for docker-library/postgres's docker-ensure-initdb.sh: present (with its
# docker-enforce-initdb.sh link) because the image ships it; the stand-in only initialises an
# empty data directory through docker-entrypoint.sh's steps and reports an initialised one with
# upstream's messages. Sources: ../SOURCES.md.
if [ -s "$PGDATA/PG_VERSION" ]; then
	self=${0##*/}
	case $self in
		docker-ensure-initdb.sh) echo >&2 "$self: note: database already initialized in '$PGDATA'!"; exit 0 ;;
		docker-enforce-initdb.sh) echo >&2 "$self: error: (unexpected) database found in '$PGDATA'!"; exit 1 ;;
		*) echo >&2 "$self: error: unknown file name: $self"; exit 99 ;;
	esac
fi
echo >&2 "${0##*/}: initialising an empty data directory is not simulated by this stand-in; run the image's entrypoint"
exit 1
