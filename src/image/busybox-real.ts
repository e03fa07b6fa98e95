// The real busybox:latest, the image strata's busybox:latest names (image/base.ts BASE_REGISTRY:
// the index digest dc2d74b2..., the amd64 layer b05093807bb0...), which a normal install pulls and
// runs: docker-library/busybox's BusyBox 1.38.0 glibc build of 2026-05-13 (branch dist-amd64,
// latest/glibc/amd64/: rootfs.tar.gz, whose sha256 is that layer digest, and image-config.json,
// whose sha256 is the image ID). `--busybox-stand-ins` keeps the oracle's (image/base.ts), and so
// does every catalog stand-in, built FROM it on the oracle as in strata (catalog/README.md).
//
// Ground truth: test/recorded/busybox-latest-real/ (record.sh): rootfs.txt lists every entry of
// the layer (modes, owners, sizes, mtimes, links), docker-20.10.txt and docker-26.1.txt show the
// image loaded into the oracle engines (ID, Size 4445830, config, `ls -la` of its tree, `ls -l
// /bin/busybox` with 411 links), chroot.txt its own busybox's banner. The binaries (busybox,
// glibc's ld.so, libraries and getconf) are stubs of their sizes (fs/busybox-binary.ts).

import { dir, file, symlink, type DirNode, type Node } from '../fs/node.ts';
import { treeSize } from '../fs/node.ts';
import { elfStub, realBusyboxBinary } from '../fs/busybox-binary.ts';
import type { Image, Layer } from '../engine/state.ts';
import { freeze } from 'immer';
import { registerMemo } from '../engine/memos.ts';

/** The image ID: the sha256 of image-config.json (docker-20.10.txt: `docker image inspect`). */
export const REAL_BASE_IMAGE_ID = 'c6348fa86ba0fb2108c9334f5fe913ddc6d853313e655891f133a0127c30099f';
/** The layer's diff ID (image-config.json rootfs.diff_ids: the sha256 of the uncompressed tar). */
export const REAL_BASE_LAYER_ID = '0958e0fef2d6a31e1325b8bfecd99dead933363682d69850a7606599023751bc';
/** 2026-05-13T02:21:49Z: the config's created and the mtime of what busybox's build made (SOURCE_DATE_EPOCH). */
export const REAL_BASE_CREATED = 1778638909;
/** 2026-04-27T20:09:22Z: the mtime of the files copied from Debian 13's glibc (libc.so.6, getconf, ...). */
const GLIBC_MTIME = 1777320562;
/** 2026-04-28T18:45:23Z: /etc/localtime's. */
const LOCALTIME_MTIME = 1777401923;

/**
 * The applets of the build (`busybox --list`, chroot.txt): `make defconfig` with
 * docker-library's additions (latest/glibc/Dockerfile.builder). Each is a hard link of
 * /bin/busybox in /bin (rootfs.txt); `busybox` itself is the 411th name.
 */
export const REAL_BUSYBOX_APPLETS: readonly string[] = [
  '[', '[[', 'acpid', 'add-shell', 'addgroup', 'adduser', 'adjtimex', 'ar', 'arch', 'arp', 'arping', 'ascii',
  'ash', 'awk', 'base32', 'base64', 'basename', 'bc', 'beep', 'blkdiscard', 'blkid', 'blockdev',
  'bootchartd', 'brctl', 'bunzip2', 'bzcat', 'bzip2', 'cal', 'cat', 'chat', 'chattr', 'chgrp', 'chmod',
  'chown', 'chpasswd', 'chpst', 'chroot', 'chrt', 'chvt', 'cksum', 'clear', 'cmp', 'comm', 'conspy', 'cp',
  'cpio', 'crc32', 'crond', 'crontab', 'cryptpw', 'cttyhack', 'cut', 'date', 'dc', 'dd', 'deallocvt',
  'delgroup', 'deluser', 'depmod', 'devmem', 'df', 'dhcprelay', 'diff', 'dirname', 'dmesg', 'dnsd',
  'dnsdomainname', 'dos2unix', 'dpkg', 'dpkg-deb', 'du', 'dumpkmap', 'dumpleases', 'echo', 'ed', 'egrep',
  'eject', 'env', 'envdir', 'envuidgid', 'ether-wake', 'expand', 'expr', 'factor', 'fakeidentd', 'fallocate',
  'false', 'fatattr', 'fbset', 'fbsplash', 'fdflush', 'fdformat', 'fdisk', 'fgconsole', 'fgrep', 'find',
  'findfs', 'flock', 'fold', 'free', 'freeramdisk', 'fsck', 'fsck.minix', 'fsfreeze', 'fstrim', 'fsync',
  'ftpd', 'ftpget', 'ftpput', 'fuser', 'getfattr', 'getopt', 'getty', 'grep', 'groups', 'gunzip', 'gzip',
  'halt', 'hd', 'hdparm', 'head', 'hexdump', 'hexedit', 'hostid', 'hostname', 'httpd', 'hush', 'hwclock',
  'i2cdetect', 'i2cdump', 'i2cget', 'i2cset', 'i2ctransfer', 'id', 'ifconfig', 'ifdown', 'ifenslave',
  'ifplugd', 'ifup', 'inetd', 'init', 'inotifyd', 'insmod', 'install', 'ionice', 'iostat', 'ip', 'ipaddr',
  'ipcalc', 'ipcrm', 'ipcs', 'iplink', 'ipneigh', 'iproute', 'iprule', 'iptunnel', 'kbd_mode', 'kill',
  'killall', 'killall5', 'klogd', 'last', 'less', 'link', 'linux32', 'linux64', 'linuxrc', 'ln', 'loadfont',
  'loadkmap', 'logger', 'login', 'logname', 'logread', 'losetup', 'lpd', 'lpq', 'lpr', 'ls', 'lsattr',
  'lsblk', 'lsmod', 'lsof', 'lspci', 'lsscsi', 'lsusb', 'lzcat', 'lzma', 'lzop', 'makedevs', 'makemime',
  'man', 'md5sum', 'mdev', 'mesg', 'microcom', 'mim', 'mkdir', 'mkdosfs', 'mke2fs', 'mkfifo', 'mkfs.ext2',
  'mkfs.minix', 'mkfs.vfat', 'mknod', 'mkpasswd', 'mkswap', 'mktemp', 'modinfo', 'modprobe', 'more', 'mount',
  'mountpoint', 'mpstat', 'mt', 'mv', 'nameif', 'nanddump', 'nandwrite', 'nbd-client', 'nc', 'netstat',
  'nice', 'nl', 'nmeter', 'nohup', 'nologin', 'nproc', 'nsenter', 'nslookup', 'ntpd', 'od', 'openvt',
  'partprobe', 'passwd', 'paste', 'patch', 'pgrep', 'pidof', 'ping', 'ping6', 'pipe_progress', 'pivot_root',
  'pkill', 'pmap', 'popmaildir', 'poweroff', 'powertop', 'printenv', 'printf', 'ps', 'pscan', 'pstree',
  'pwd', 'pwdx', 'raidautorun', 'rdate', 'rdev', 'readahead', 'readlink', 'readprofile', 'realpath',
  'reboot', 'reformime', 'remove-shell', 'renice', 'reset', 'resize', 'resume', 'rev', 'rm', 'rmdir',
  'rmmod', 'route', 'rpm', 'rpm2cpio', 'rtcwake', 'run-init', 'run-parts', 'runlevel', 'runsv', 'runsvdir',
  'rx', 'script', 'scriptreplay', 'sed', 'seedrng', 'sendmail', 'seq', 'setarch', 'setconsole', 'setfattr',
  'setfont', 'setkeycodes', 'setlogcons', 'setpriv', 'setserial', 'setsid', 'setuidgid', 'sh', 'sha1sum',
  'sha256sum', 'sha384sum', 'sha3sum', 'sha512sum', 'showkey', 'shred', 'shuf', 'slattach', 'sleep',
  'smemcap', 'softlimit', 'sort', 'split', 'ssl_client', 'ssl_server', 'start-stop-daemon', 'stat',
  'strings', 'stty', 'su', 'sulogin', 'sum', 'sv', 'svc', 'svlogd', 'svok', 'swapoff', 'swapon',
  'switch_root', 'sync', 'sysctl', 'syslogd', 'tac', 'tail', 'tar', 'taskset', 'tc', 'tcpsvd', 'tee',
  'telnet', 'telnetd', 'test', 'tftp', 'tftpd', 'time', 'timeout', 'top', 'touch', 'tr', 'traceroute',
  'traceroute6', 'tree', 'true', 'truncate', 'ts', 'tsort', 'tty', 'ttysize', 'tunctl', 'ubiattach',
  'ubidetach', 'ubimkvol', 'ubirename', 'ubirmvol', 'ubirsvol', 'ubiupdatevol', 'udhcpc', 'udhcpc6',
  'udhcpd', 'udpsvd', 'uevent', 'umount', 'uname', 'unexpand', 'uniq', 'unix2dos', 'unlink', 'unlzma',
  'unshare', 'unxz', 'unzip', 'uptime', 'users', 'usleep', 'uudecode', 'uuencode', 'uuidgen', 'vconfig',
  'vi', 'vlock', 'vmstat', 'volname', 'w', 'wall', 'watch', 'watchdog', 'wc', 'wget', 'which', 'who',
  'whoami', 'whois', 'xargs', 'xxd', 'xz', 'xzcat', 'yes', 'zcat', 'zcip',
];

/** The first line of this busybox's usage texts (`BusyBox v1.38.0 (DATE) multi-call binary.`): its version and build date. */
export const REAL_BUSYBOX_VERSION = 'BusyBox v1.38.0 (2026-05-13 02:21:49 UTC)';

/**
 * What `busybox` and `busybox --help` print on stdout, exit 0 (chroot.txt): the version line, this
 * text, and the applet list as libbb/appletlib.c busybox_main writes it (busyboxFunctions).
 */
const HELP_HEAD = "BusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n\n";

/**
 * appletlib.c busybox_main's list of "Currently defined functions": a tab, then the names joined
 * by ", ", a new line (`,` then `\n\t`) whenever the next name would reach the output width less
 * one (the width of stderr's terminal, 80 when it is none: get_terminal_width); `col` counts the
 * tab as 6 and each name with its separator as its length + 2.
 */
function busyboxFunctions(width = 80): string {
  const outputWidth = width - 1;
  let out = '';
  let col = 0;
  for (const a of REAL_BUSYBOX_APPLETS) {
    const len2 = a.length + 2;
    if (col >= outputWidth - len2) {
      out += ',\n';
      col = 0;
    }
    if (col === 0) {
      col = 6;
      out += '\t';
    } else out += ', ';
    out += a;
    col += len2;
  }
  return `${out}\n`;
}

/** `busybox` or `busybox --help` of the real build: stdout. */
export function realBusyboxHelp(): string {
  return `${REAL_BUSYBOX_VERSION} multi-call binary.\n${HELP_HEAD}Currently defined functions:\n${busyboxFunctions()}`;
}

// /etc as the build's rootfs has it (rootfs.txt; the texts are docker-library/busybox's
// latest/glibc rootfs, from buildroot's skeleton: passwd, group, shadow; nsswitch.conf is
// Debian's glibc example; localtime is the UTC zone file).
const PASSWD = "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n";
const GROUP = "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnobody:x:65534:\n";
const SHADOW = "root:*:::::::\ndaemon:*:::::::\nbin:*:::::::\nsys:*:::::::\nsync:*:::::::\nmail:*:::::::\nwww-data:*:::::::\noperator:*:::::::\nnobody:*:::::::\n";
const NSSWITCH = "# /etc/nsswitch.conf\n#\n# Example configuration of GNU Name Service Switch functionality.\n# If you have the `glibc-doc-reference' and `info' packages installed, try:\n# `info libc \"Name Service Switch\"' for information about this file.\n\npasswd:         files\ngroup:          files\nshadow:         files\ngshadow:        files\n\nhosts:          files dns\nnetworks:       files\n\nprotocols:      db files\nservices:       db files\nethers:         db files\nrpc:            db files\n\nnetgroup:       nis\n";
const LOCALTIME = 'TZif2\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00UTC\x00TZif2\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00UTC\x00\x0aUTC0\x0a';

/** glibc's files in /lib: name, size, mode, mtime (rootfs.txt). */
const LIB: readonly (readonly [string, number, number, number])[] = [
  ['ld-linux-x86-64.so.2', 225672, 0o755, REAL_BASE_CREATED],
  ['libc.so.6', 1995216, 0o755, GLIBC_MTIME],
  ['libm.so.6', 977112, 0o644, GLIBC_MTIME],
  ['libnss_compat.so.2', 43664, 0o644, GLIBC_MTIME],
  ['libnss_dns.so.2', 14336, 0o644, GLIBC_MTIME],
  ['libnss_files.so.2', 14336, 0o644, GLIBC_MTIME],
  ['libnss_hesiod.so.2', 26840, 0o644, GLIBC_MTIME],
  ['libpthread.so.0', 14408, 0o644, GLIBC_MTIME],
  ['libresolv.so.2', 63936, 0o644, GLIBC_MTIME],
];

/** The inode number the names of /bin/busybox share in the layer (any: unique in it). */
const BUSYBOX_INO = 1;

/** The real image's file tree (rootfs.txt, entry for entry). */
export function realBusyboxTree(): DirNode {
  const m = { mtime: REAL_BASE_CREATED };
  const names = [...REAL_BUSYBOX_APPLETS, 'busybox'];
  const busybox = (): Node => file(realBusyboxBinary(), { ...m, mode: 0o755, ino: BUSYBOX_INO, nlink: names.length });
  const bin = dir(m, [...names.map((n) => [n, busybox()] as const), ['getconf', file(elfStub(26920), { mode: 0o755, mtime: GLIBC_MTIME })]]);
  const lib = dir(m, LIB.map(([name, size, mode, mtime]) => [name, file(elfStub(size), { mode, mtime })] as const));
  return dir(m, {
    bin,
    dev: dir(m),
    etc: dir(m, {
      group: file(GROUP, m),
      localtime: file(LOCALTIME, { mtime: LOCALTIME_MTIME }),
      network: dir(m, { 'if-down.d': dir(m), 'if-post-down.d': dir(m), 'if-pre-up.d': dir(m), 'if-up.d': dir(m) }),
      'nsswitch.conf': file(NSSWITCH, m),
      passwd: file(PASSWD, m),
      shadow: file(SHADOW, { ...m, mode: 0o600 }),
    }),
    home: dir({ ...m, uid: 65534, gid: 65534 }),
    lib,
    lib64: symlink('lib', m),
    root: dir({ ...m, mode: 0o700 }),
    tmp: dir({ ...m, mode: 0o1777 }),
    usr: dir(m, { bin: dir(m, { env: symlink('../../bin/env', m) }), sbin: dir({ ...m, uid: 1, gid: 1 }) }),
    var: dir(m, { spool: dir(m, { mail: dir({ ...m, uid: 8, gid: 8 }) }), www: dir(m) }),
  });
}

let layer: Layer | undefined;
registerMemo(() => (layer = undefined));
/** The real image's layer, made once and frozen (as image/base.ts busyboxLayer). */
export function realBusyboxLayer(): Layer {
  if (layer === undefined) {
    const tree = realBusyboxTree();
    layer = freeze({ id: REAL_BASE_LAYER_ID, tree, size: treeSize(tree) }, true);
  }
  return layer;
}

/**
 * The real image (image-config.json; docker-20.10.txt and docker-26.1.txt: its inspect and
 * history): Env PATH and Cmd ["sh"] only (no StopSignal: `docker stop` sends SIGTERM), one history
 * row `BusyBox 1.38.0 (glibc), Debian 13` without a comment. A pulled image has no Parent.
 */
export function realBusyboxImage(size: number): Image {
  return {
    id: REAL_BASE_IMAGE_ID,
    layers: [REAL_BASE_LAYER_ID],
    config: {
      User: '',
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['sh'],
      Entrypoint: null,
      WorkingDir: '',
      Volumes: null,
      Labels: null,
      StopSignal: '',
    },
    history: [{ created: REAL_BASE_CREATED, createdBy: 'BusyBox 1.38.0 (glibc), Debian 13', comment: '', emptyLayer: false, size }],
    created: REAL_BASE_CREATED,
    parent: '',
    comment: '',
  };
}
