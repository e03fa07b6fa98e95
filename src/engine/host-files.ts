// The simulated host's system files: the few paths that tutorials and compose files bind into
// containers (`-v /var/run/docker.sock:/var/run/docker.sock`, `-v /etc/localtime:/etc/localtime:ro`,
// `-v /etc/timezone:...`, `-v /etc/hosts:...`, `-v /etc/passwd:/etc/passwd:ro`,
// `--mount type=bind,source=/etc/os-release,...`, `-v /:/host:ro`, `-v /var/log:/var/log`), as a
// Debian 12 (bookworm) install with Debian's docker.io package has them. Without them a bind of
// such a path made an empty directory where a real host has a file or a socket.
//
// Kept small on purpose (docs/compat.md, "The simulated host's system files"): no /usr/bin, no /var/lib, empty
// /var/log. What each entry is and where it comes from:
// - /etc/passwd, /etc/group: base-passwd's passwd.master and group.master (as catalog/debian has
//   them, the same as the oracle's Debian 12 host), plus the `docker` system group that docker.io's
//   postinst adds (`addgroup --system docker`): gid 105 as on the oracle's host (the gid of a
//   system group depends on what was installed before it; docker-ce on Ubuntu often gets 999).
// - /etc/hostname `host` (what the host's `hostname` prints), /etc/hosts as debian-installer's
//   netcfg writes it (netcfg-common.c netcfg_write_common: `127.0.0.1\tlocalhost`,
//   `127.0.1.1\t<hostname>`, a blank line, then netcfg.h's IPV6_HOSTS).
// - /etc/localtime -> /usr/share/zoneinfo/Etc/UTC and /etc/timezone `Etc/UTC` (tzdata's
//   postinst), with tzdata 2025b's Etc/UTC (114 bytes, TZif2) and its UTC -> Etc/UTC link.
// - /etc/os-release -> ../usr/lib/os-release, base-files 12's (identical to the oracle's).
// - /var/run -> /run (base-files), /run/docker.sock: the daemon's socket, root:docker 0660
//   (dockerd's listener: moby daemon/listeners, group "docker", mode 0660), made when the daemon
//   started.
// - /root 0700 (the host user's $HOME), /var/log and /var/tmp as base-files makes them.

import { dir, file, socket, symlink, setEntry, entryOf, type DirNode, type Node } from '../fs/node.ts';
import { BASE_MTIME } from '../image/base.ts';

/** gid of the `docker` group on the simulated host (the oracle's Debian 12 host has 105). */
export const DOCKER_GID = 105;

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
docker:x:${DOCKER_GID}:
`;

const HOST_NAME = 'host';

const HOSTS = `127.0.0.1\tlocalhost
127.0.1.1\t${HOST_NAME}

# The following lines are desirable for IPv6 capable hosts
::1     localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
`;

const OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const count = (n: number): string => `\x00\x00\x00${String.fromCharCode(n)}`;
const TZIF_HALF = `TZif2${'\x00'.repeat(15)}${count(0).repeat(4)}${count(1)}${count(4)}${'\x00'.repeat(6)}UTC\x00`;
/**
 * tzdata's /usr/share/zoneinfo/Etc/UTC: twice (v1, then v2 data) a header (`TZif2`, 15 reserved
 * bytes, the counts isut 0, isstd 0, leap 0, time 0, type 1, char 4), one local time type (offset
 * 0, no DST, name 0) and the names `UTC\0`; then the POSIX TZ footer `\nUTC0\n`.
 */
export const ZONEINFO_UTC = `${TZIF_HALF}${TZIF_HALF}\x0aUTC0\x0a`;

/**
 * Adds the system files to a host root (`now`: the clock when the daemon started, the socket's
 * time). What the root already has is kept.
 */
export function withSystemFiles(root: DirNode, now: number): DirNode {
  const m = { mtime: BASE_MTIME };
  const tree: [string, Node][] = [
    ['etc', dir(m, [
      ['group', file(GROUP, m)],
      ['hostname', file(`${HOST_NAME}\n`, m)],
      ['hosts', file(HOSTS, m)],
      ['localtime', symlink('/usr/share/zoneinfo/Etc/UTC', m)],
      ['os-release', symlink('../usr/lib/os-release', m)],
      ['passwd', file(PASSWD, m)],
      ['timezone', file('Etc/UTC\n', m)],
    ])],
    ['root', dir({ ...m, mode: 0o700 })],
    ['run', dir({ mtime: now }, [['docker.sock', socket({ mode: 0o660, gid: DOCKER_GID, mtime: now })]])],
    ['usr', dir(m, [
      ['lib', dir(m, [['os-release', file(OS_RELEASE, m)]])],
      ['share', dir(m, [['zoneinfo', dir(m, [
        ['Etc', dir(m, [['UTC', file(ZONEINFO_UTC, m)]])],
        ['UTC', symlink('Etc/UTC', m)],
      ])]])],
    ])],
    ['var', dir(m, [
      ['log', dir(m)],
      ['run', symlink('/run', m)],
      ['tmp', dir({ ...m, mode: 0o1777 })],
    ])],
  ];
  for (const [name, node] of tree) if (entryOf(root, name) === undefined) setEntry(root, name, node);
  return root;
}
