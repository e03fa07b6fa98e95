#!/bin/sh
# container-shell.sh HOSTNAME ROOT_BASHRC SYS_BASHRC PROGRAM ARGS...
# Runs PROGRAM as a container's shell would start: its own host name (a UTS namespace), the
# image's /root/.bashrc and /etc/bash.bashrc bound over this host's, in /, with only the
# container's environment.
h=$1 rc=$2 sysrc=$3; shift 3
exec unshare --uts --mount --fork sh -c '
  h=$1 rc=$2 sysrc=$3; shift 3
  hostname "$h" && mount --bind "$rc" /root/.bashrc && mount --bind "$sysrc" /etc/bash.bashrc && cd / &&
  exec env -i HOSTNAME="$h" HOME=/root TERM=xterm PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
' sh "$h" "$rc" "$sysrc" "$@"
