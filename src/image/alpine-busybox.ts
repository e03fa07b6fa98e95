// Alpine's busybox links, per minirootfs: every applet of the image's /bin/busybox is a symlink
// `-> /bin/busybox` in /bin, /sbin, /usr/bin or /usr/sbin (busybox's `--install -s` with the paths
// of its applets.h), and `busybox --list` names exactly these. Read from the x86_64 minirootfs
// tarballs of alpinelinux/docker-alpine (`tar tvzf`, and `busybox --list` in a chroot of each):
// 3.17.10 (1d3ddcf4766ef6085fe6005ce3ec8ca4e6b45ddd, BusyBox 1.35.0), 3.18.9
// (a8be5a3, 1.36.1), 3.19.4 (0822e580809e816cdd92fdfc2677e71d01cba38c, 1.36.1), 3.20.3
// (7d63673353bd39d92ba42f6effcc199aeebd45ee) and edge 20240923 (446ba06f99cf635657b51b1a5a0e81a9b8073929,
// the rootfs that became 3.21): 3.19.4, 3.20.3 and edge have the same 304 links; 3.18.9 has `/bin/ed`
// too; 3.17.10 has `/bin/ed` and neither `/sbin/zcip` nor `/usr/bin/tree`. A version no tarball here
// is of takes its branch's (3.17.1: 3.17.10's) or, from 3.21 on, edge's (catalog/alpine/SOURCES.md).
// Kept as data so the engine (which applets the image's busybox has) and scripts/catalog.ts (the
// stand-ins' links) share one list.

/** Alpine 3.19.4's links by directory (the same in 3.20.3 and edge 20240923). */
const LINKS_3_19: Readonly<Record<string, string>> = {
  '/bin': `arch ash base64 bbconfig cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo
    egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill
    link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv
    netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv
    setserial sh sleep stat stty su sync tar touch true umount uname usleep watch zcat`,
  '/sbin': `acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock ifconfig
    ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd loadkmap
    logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif nologin pivot_root poweroff
    raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc
    vconfig watchdog zcip`,
  '/usr/bin': `[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio crontab
    cryptpw cut dc deallocvt diff dirname dos2unix du eject env expand expr factor fallocate find flock fold free
    fuser groups hd head hexdump hostid id install ipcrm ipcs killall last less logger lsof lsusb lzcat lzma
    lzopcat md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt passwd paste
    pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize seq setkeycodes setsid sha1sum
    sha256sum sha3sum sha512sum showkey shred shuf sort split strings sum tac tail tee test time timeout top tr
    traceroute traceroute6 tree truncate tty ttysize udhcpc6 unexpand uniq unix2dos unlink unlzma unlzop unshare
    unxz unzip uptime uudecode uuencode vi vlock volname wc wget which who whoami whois xargs xxd xzcat yes`,
  '/usr/sbin': `add-shell addgroup adduser arping brctl chpasswd chroot crond delgroup deluser ether-wake fbset
    killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe rdate rdev readahead remove-shell rfkill
    sendmail setfont setlogcons`,
};

/** The minirootfs whose links a version has: its own, its branch's, or the newest read (edge's). */
export type AlpineLinkSource = '3.17.10' | '3.18.9' | '3.19.4';

/** How the links of `source` differ from 3.19.4's (paths added, paths taken away). */
const CHANGES: Readonly<Record<AlpineLinkSource, { add: readonly string[]; remove: readonly string[] }>> = {
  '3.17.10': { add: ['/bin/ed'], remove: ['/sbin/zcip', '/usr/bin/tree'] },
  '3.18.9': { add: ['/bin/ed'], remove: [] },
  '3.19.4': { add: [], remove: [] },
};

/**
 * Which read minirootfs an Alpine 3.x point release's links come from, and whether that is its own
 * (`exact`) or inferred: 3.17 from 3.17.10, 3.18 from 3.18.9, 3.19 and 3.20 from 3.19.4 (3.20.3
 * has the same links), 3.21 and later from edge 20240923 (the same links as 3.19.4: BusyBox 1.37,
 * from 3.21, may add or drop applets no tarball here shows). Undefined before 3.17.
 */
export function alpineLinkSource(version: string): { source: AlpineLinkSource; exact: boolean } | undefined {
  const m = /^3\.(\d+)\.(\d+)$/.exec(version);
  if (m === null) return undefined;
  const minor = Number(m[1]);
  if (minor < 17) return undefined;
  const source: AlpineLinkSource = minor === 17 ? '3.17.10' : minor === 18 ? '3.18.9' : '3.19.4';
  return { source, exact: version === source || (minor === 20 && version === '3.20.3') };
}

const linkCache = new Map<AlpineLinkSource, readonly string[]>();

/** The absolute paths of the busybox links of `source`'s minirootfs, sorted. */
export function alpineBusyboxLinks(source: AlpineLinkSource): readonly string[] {
  let links = linkCache.get(source);
  if (links === undefined) {
    const all = Object.entries(LINKS_3_19).flatMap(([dir, names]) => names.split(/\s+/).filter((n) => n !== '').map((n) => `${dir}/${n}`));
    const { add, remove } = CHANGES[source];
    links = [...all.filter((p) => !remove.includes(p)), ...add].sort();
    linkCache.set(source, links);
  }
  return links;
}

const appletCache = new Map<AlpineLinkSource, ReadonlySet<string>>();

/** The applets of `source`'s /bin/busybox (`busybox --list`: the links' names). */
export function alpineBusyboxApplets(source: AlpineLinkSource): ReadonlySet<string> {
  let applets = appletCache.get(source);
  if (applets === undefined) {
    applets = new Set(alpineBusyboxLinks(source).map((p) => p.slice(p.lastIndexOf('/') + 1)));
    appletCache.set(source, applets);
  }
  return applets;
}

/**
 * The minirootfs's programs that are not busybox (every tarball from 3.17.10 to edge 20240923):
 * musl's `getconf`, `getent`, `iconv`, `ldd` (a script running the dynamic linker) and `ldconfig`
 * (a script), pax-utils' `scanelf`, busybox's separate `ssl_client`, and apk-tools' `apk`. The
 * stand-ins run none of them: each refuses by name (apk as catalog/unsimulated, which names
 * `apk add`; the others as catalog/unsimulated-program).
 */
export const ALPINE_OTHER_PROGRAMS: readonly string[] = [
  '/sbin/ldconfig',
  '/usr/bin/getconf',
  '/usr/bin/getent',
  '/usr/bin/iconv',
  '/usr/bin/ldd',
  '/usr/bin/scanelf',
  '/usr/bin/ssl_client',
];
