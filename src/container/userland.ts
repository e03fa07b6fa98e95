// Which tools a container's commands run: the one place that decides it.
//
// Every catalog stand-in is built `FROM busybox:latest` (catalog/README.md), so that the same build
// context builds and runs on the oracle's real engines. A Debian-, Ubuntu- or Oracle Linux-based
// image has GNU tools, bash and (Debian, Ubuntu) dash instead: its stand-in says which system it
// stands for in USERLAND_MARKER, a file the real engines ignore, and a container of it runs, for
// the commands the real image has, strata's GNU programs (the words of this host's coreutils 9.1,
// tar 1.34, ...), with `sh` speaking dash (or bash) and `bash` bash. Every other busybox applet link
// still runs busybox's applet (the stand-in's own scripts use them; docs/compat.md says so).
//
// The oracle runs the same stand-ins with their busybox: its recordings are replayed with
// `busyboxStandIns` (EngineState), which ignores the marker.

import { FsError } from '../fs/errors.ts';
import type { Vfs } from '../fs/vfs.ts';
import type { BusyboxBuild, GnuUserland, RootBashrc } from '../shell/types.ts';
import { REAL_BUSYBOX_SIZE, realBusyboxBinary } from '../fs/busybox-binary.ts';
import { ALPINE_USERS, DEFCONFIG_1_38_USERS } from '../shell/applets/users.ts';
import { alpineBusyboxApplets, alpineLinkSource } from '../image/alpine-busybox.ts';
import { REAL_BUSYBOX_APPLETS, REAL_BUSYBOX_VERSION, realBusyboxHelp } from '../image/busybox-real.ts';

/** The marker file of a stand-in whose real image has GNU tools: one line, a key of USERLANDS. */
export const USERLAND_MARKER = '/.strata-stand-in/userland';

/** GNU coreutils' programs (coreutils 9.1 `src/local.mk`, less the deprecated and SELinux-only ones). */
const COREUTILS = `[ arch b2sum base32 base64 basename basenc cat chgrp chmod chown chroot cksum comm cp csplit cut
  date dd df dir dircolors dirname du echo env expand expr factor false fmt fold groups head hostid id install join
  link ln logname ls md5sum mkdir mkfifo mknod mktemp mv nice nl nohup nproc numfmt od paste pathchk pinky pr
  printenv printf ptx pwd readlink realpath rm rmdir seq sha1sum sha224sum sha256sum sha384sum sha512sum shred shuf
  sleep sort split stat stdbuf stty sum sync tac tail tee test timeout touch tr true truncate tsort tty uname
  unexpand uniq unlink users vdir wc who whoami yes`;

/** The GNU tools every one of these images has besides coreutils: findutils, grep, sed, tar, gzip, bash. */
const COMMON = 'find xargs grep egrep fgrep sed tar gzip gunzip zcat bash';

/**
 * Debian's and Ubuntu's base: dash as /bin/sh, mawk as awk, diffutils, hostname, debianutils'
 * `which` (docker-library/repo-info@857995decdc769ab0c21e3a1f111f94c6e054192
 * `repos/debian/local/bookworm.md`: coreutils 9.1-1, dash 0.5.12-2, bash 5.2.15-2, findutils
 * 4.9.0-4, grep 3.8-5, sed 4.9-1, tar 1.34, gzip 1.12-1, diffutils 3.8-4, mawk 1.3.4, hostname 3.23,
 * debianutils 5.7; no procps, no bsdextrautils), and util-linux's rev (IMAGE_PACKAGES below).
 * Ubuntu's minimal rootfs has the same packages, and procps (whose ps strata does not simulate).
 */
const DEBIAN_COMMANDS = `${COREUTILS} ${COMMON} dash sh awk mawk cmp diff hostname which rev`;

/**
 * Oracle Linux 9 slim, the base of the mysql image: bash is /bin/sh, coreutils-single 8.32,
 * findutils 4.8, grep 3.6, sed 4.8, tar 1.34, gzip 1.12, and gawk (not mawk: strata's awk is
 * mawk's, so `awk` stays busybox's) (repo-info@85d08e42772ff2cb3ba7a15782cd781e3568ead9
 * `repos/mysql/local/8.4.md`; no diffutils, hostname or which).
 */
const ORACLE_LINUX_COMMANDS = `${COREUTILS} ${COMMON} sh`;

/**
 * The prompt an interactive bash shows in each release's image (GnuUserland.bashrcPs1), which its
 * startup files set; the stand-ins have none of them:
 * - Debian: bash is built with SYS_BASHRC, and the bash package's /etc/bash.bashrc sets
 *   `PS1='${debian_chroot:+($debian_chroot)}\u@\h:\w\$ '` unless SUDO_USER and SUDO_PS1 are both
 *   set (bookworm's bash 5.2.15-2: this host's file; trixie's is reworded, with the same PS1
 *   line); root's ~/.bashrc, base-files' `share/dot.bashrc` (this host's base-files 12.4), sets
 *   nothing but comments. Recorded: test/pages/pty/bash-debian-*.json;
 * - Ubuntu: /etc/bash.bashrc sets Debian's PS1 (Ubuntu's bash package keeps Debian's
 *   debian/etc.bash.bashrc and adds a sudo hint, printed only where /usr/bin/sudo is, which the
 *   image has not: elementary/os-patches@038f84ae196b46d46eec929ec9e0754b252a3cab and
 *   linuxmint/bash@63bd07b0aee0b0981ae5e4bf85331d2014b5ab99 `debian/etc.bash.bashrc`, both
 *   Ubuntu's packaging); root's ~/.bashrc is Ubuntu's base-files `share/dot.bashrc`, which puts an
 *   xterm title before that PS1 (UBUNTU_ROOT_BASHRC). Recorded: test/pages/pty/bash-ubuntu-*.json;
 * - Oracle Linux 9 (mysql): no /root/.bashrc and no /etc/bash.bashrc, so bash's default prompt
 *   `\s-\v\$ ` (`bash-5.1# `, as public `docker exec -it mysql bash` transcripts show it).
 */
const DEBIAN_PS1 = '${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ ';

/**
 * Root's ~/.bashrc in Ubuntu's images: base-files' `share/dot.bashrc`, which its postinst installs
 * as /root/.bashrc (the text as Ubuntu focal's base-files 11ubuntu4 has it, carried unchanged in
 * hamonikr/base-files@f7be9795b6c4fe066de7344e80db32c1004372d3 `share/dot.bashrc`, a Linux Mint
 * fork of it that appends a figlet banner and a `notepad` alias). With TERM=xterm (what docker
 * sets for -t) it puts `\[\e]0;${debian_chroot:+($debian_chroot)}\u@\h: \w\a\]` before PS1: an
 * xterm title, which a terminal does not show (`ESC ] 0 ; root@ID: / BEL`); it evaluates
 * `dircolors -b` (LS_COLORS in the environment) and defines the aliases `ls`, `grep`, `fgrep`,
 * `egrep` (`--color=auto`: colours only, which a page does not show), `ll` (`ls -alF`), `la`
 * (`ls -A`) and `l` (`ls -CF`). The 24.04 and 26.04 images' user `ubuntu` has /etc/skel's
 * .bashrc in /home/ubuntu (catalog/ubuntu/SOURCES.md), whose text strata does not have.
 * 26.04's base-files is taken to keep the file (it has not changed since before focal).
 */
function ubuntuRootBashrc(otherHomes: readonly string[]): RootBashrc {
  return { xtermTitle: true, aliases: ['ll', 'la', 'l'], otherHomes };
}

/**
 * The systems a marker may name, each release by its name, with its bash's `$BASH_VERSION` (what
 * `bash --version` prints after "version "), from the release's package list:
 * - bullseye: bash 5.1-2+deb11u1 (repo-info@029a6a7362cedcc060abd73f6f43fda5c5728880
 *   `repos/debian/local/oldoldstable.md`), whose patch level 4 the package version does not say:
 *   `docker container run debian bash --version` printed `5.1.4(1)-release` (Copyright 2020) while
 *   debian:latest was bullseye (a public Docker course transcript);
 * - bookworm: bash 5.2.15-2+b13 (repo-info@857995decdc769ab0c21e3a1f111f94c6e054192
 *   `repos/debian/local/bookworm.md`; this Debian 12 host's bash 5.2.15-2 prints `5.2.15(1)-release`);
 * - trixie: bash 5.2.37-2+b9 (the same commit, `repos/debian/local/13.6.md`);
 * - jammy: bash 5.1-6ubuntu1.1 (repo-info@98203568fb601e691590660c5df3943021def247
 *   `repos/ubuntu/local/jammy-20260810.md`), patch level 16 as Ubuntu 22.04 systems print it
 *   (`GNU bash, version 5.1.16(1)-release`, public notes of Ubuntu 22.04.3 hosts);
 * - noble: bash 5.2.21-2ubuntu4 (repo-info@d0373f49140cbdb452a87ac18f6755809629864d
 *   `repos/ubuntu/local/noble-20260810.md`);
 * - resolute: bash 5.3-2ubuntu1 (repo-info@452725d72e4385dc0f330876d79baa89d328c41e
 *   `repos/ubuntu/local/resolute.md`): its patch level is not known, so strata sets no
 *   `$BASH_VERSION` there (docs/compat.md);
 * - Oracle Linux 9: bash 5.1.8 (repo-info@85d08e42772ff2cb3ba7a15782cd781e3568ead9
 *   `repos/mysql/local/8.4.md`);
 * - Oracle Linux 8 (mysql 8.0.32-1.el8, catalog/mysql/SOURCES.md): Enterprise Linux 8's bash
 *   4.4.20 (bash-4.4.20-x.el8 in every EL8 package list), so `bash-4.4# `; repo-info keeps no
 *   package list of that image, so its commands are taken as Oracle Linux 9's (docs/compat.md).
 * strata prints the words of this host's tools (Debian 12) for all of them; the releases' own
 * versions (coreutils 8.32 on bullseye and jammy, 9.4 on noble, 9.7 on trixie; tar 1.35 on noble
 * and trixie) are named in docs/compat.md.
 */
export const USERLANDS: Readonly<Record<string, GnuUserland>> = {
  'debian:bullseye': userland('dash', DEBIAN_COMMANDS, '5.1.4(1)-release', DEBIAN_PS1),
  'debian:bookworm': userland('dash', DEBIAN_COMMANDS, '5.2.15(1)-release', DEBIAN_PS1),
  'debian:trixie': userland('dash', DEBIAN_COMMANDS, '5.2.37(1)-release', DEBIAN_PS1),
  'ubuntu:jammy': userland('dash', DEBIAN_COMMANDS, '5.1.16(1)-release', DEBIAN_PS1, ubuntuRootBashrc([])),
  'ubuntu:noble': userland('dash', DEBIAN_COMMANDS, '5.2.21(1)-release', DEBIAN_PS1, ubuntuRootBashrc(['/home/ubuntu'])),
  'ubuntu:resolute': userland('dash', DEBIAN_COMMANDS, undefined, DEBIAN_PS1, ubuntuRootBashrc(['/home/ubuntu'])),
  'oraclelinux:8': userland('bash', ORACLE_LINUX_COMMANDS, '4.4.20(1)-release', null),
  'oraclelinux:9': userland('bash', ORACLE_LINUX_COMMANDS, '5.1.8(1)-release', null),
};

/**
 * The top-level directories that are links into /usr in each release's image (merged /usr: `bin ->
 * usr/bin`, ...), as `ls -l /` shows them; none for bullseye. The catalog's stand-ins of these
 * releases are laid out so (scripts/catalog.ts writes the build step, `{{USRMERGE}}`).
 * - Debian: debuerreotype builds bookworm and later with `--merged-usr` and bullseye and older with
 *   `--no-merged-usr` (debuerreotype/debuerreotype@07f67e9e0070db08c90dc0baf30c90437ec97744
 *   `examples/debian.sh`, "apply merged-/usr (for bookworm+)"); debootstrap's merged /usr on amd64
 *   links lib64 too.
 * - Ubuntu's images have been merged since before jammy: `ls -l /` in `docker run -it
 *   ubuntu:latest /bin/bash` while latest was jammy (July 2022, /boot dated Apr 18 2022; a public
 *   Docker course note) lists `bin -> usr/bin`, `lib -> usr/lib`, `lib32 -> usr/lib32`, `lib64 ->
 *   usr/lib64`, `libx32 -> usr/libx32`, `sbin -> usr/sbin`. Whether noble and resolute still have
 *   lib32 and libx32 was not found: they get the four links every merged release has (docs/compat.md).
 * - Oracle Linux 9 (Fedora's UsrMove, as every EL since 7): bin, sbin, lib and lib64 are links
 *   (catalog/mysql/SOURCES.md).
 */
const MERGED = ['bin', 'lib', 'lib64', 'sbin'] as const;
export const USR_LINKS: Readonly<Record<string, readonly string[]>> = {
  'debian:bullseye': [],
  'debian:bookworm': MERGED,
  'debian:trixie': MERGED,
  'ubuntu:jammy': ['bin', 'lib', 'lib32', 'lib64', 'libx32', 'sbin'],
  'ubuntu:noble': MERGED,
  'ubuntu:resolute': MERGED,
  'oraclelinux:8': MERGED,
  'oraclelinux:9': MERGED,
};

function userland(sh: 'dash' | 'bash', commands: string, bashVersion: string | undefined, bashrcPs1: string | null | undefined, rootBashrc?: RootBashrc): GnuUserland {
  return {
    bashrcPs1,
    rootBashrc,
    sh,
    commands: new Set(commands.split(/\s+/).filter((c) => c !== '')),
    // the stand-in's bash (catalog/bash): /usr/bin/bash, which /bin/bash reaches
    // through the /bin link of merged /usr (USR_LINKS); a bullseye stand-in's /bin is its own
    shellFiles: new Set(['/bin/bash', '/usr/bin/bash']),
    bashVersion,
  };
}

/**
 * The GNU system of the image a container's file system `fs` holds, from its marker; undefined for
 * a busybox system (no marker, or `busyboxStandIns`: the oracle's stand-ins).
 */
export function userlandOf(fs: Vfs, busyboxStandIns: boolean): GnuUserland | undefined {
  if (busyboxStandIns) return undefined;
  let text: string;
  try {
    text = fs.readFile(USERLAND_MARKER);
  } catch (e) {
    if (e instanceof FsError) return undefined;
    throw e;
  }
  return USERLANDS[text.trim()];
}

/**
 * How the busybox of the real image a container's file system `fs` holds was built (what an
 * interactive ash shows: src/shell/interactive.ts, history.ts). Not asked with `busyboxStandIns`
 * (the oracle's Debian busybox-static 1.35: ORACLE_BUSYBOX_BUILD) nor in a GNU image (no ash).
 * - an Alpine image (its /etc/alpine-release, which the stand-ins keep): Alpine's busybox,
 *   alpinelinux/aports main/busybox/busyboxconfig: FEATURE_SH_EXTRA_QUIET=y (no banner),
 *   FEATURE_EDITING_ASK_TERMINAL=y, FEATURE_EDITING_HISTORY=8192, SAVEHISTORY=y, SAVE_ON_EXIT not
 *   set (aports@f246c3719d2737773b0924bad53151ea9fa51e85, busybox 1.29.2's, the newest stored);
 *   busybox 1.37.0 from Alpine 3.21 on (docker-library/repo-info@7859ce442d87572265f77dfce85c80f8d40ff85b
 *   repos/alpine/local/3.21.8.md, 3.24.2.md), 1.36.1 before; on musl, with its adduser, addgroup,
 *   deluser and delgroup (ALPINE_USERS, src/shell/applets/users.ts);
 * - busybox:latest: docker-library/busybox builds BusyBox 1.38.0 with `make defconfig`
 *   (latest/glibc/Dockerfile.builder; repo-info repos/busybox/remote/latest.md), whose defaults
 *   (libbb/Config.src, shell/Config.src, the same from 1.30 to 1.37) are EXTRA_QUIET=y,
 *   ASK_TERMINAL=n, a list of 255 lines, SAVEHISTORY=y, SAVE_ON_EXIT=n (recorded with busybox
 *   built so: test/pages/pty/busybox-history.json, README.md). Where /bin/busybox is that image's
 *   own (image/busybox-real.ts: a normal install's busybox:latest), also its version and applets
 *   (BusyboxBuild.real) and its adduser, addgroup, deluser, delgroup (DEFCONFIG_1_38_USERS); a
 *   stand-in's copy of the oracle's busybox keeps the oracle's.
 */
export function busyboxBuildOf(fs: Vfs): BusyboxBuild {
  let release: string;
  try {
    release = fs.readFile('/etc/alpine-release').trim();
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return isRealBusybox(fs) ? REAL_BUILD : DEFCONFIG_BUILD;
  }
  const [major, minor] = release.split('.').map(Number);
  // its applets: those of its version's minirootfs (or the nearest read: image/alpine-busybox.ts);
  // not standalone (checked in a chroot of the 3.17.10, 3.19.4 and edge 20240923 minirootfs:
  // `PATH=/none; ls` is `/bin/sh: ls: not found`)
  const links = alpineLinkSource(release);
  return {
    maxHistory: 8192,
    saveHistory: true,
    editorOnStderr: major > 3 || (major === 3 && minor >= 21),
    banner: false,
    asksCursor: true,
    users: ALPINE_USERS,
    musl: true,
    ...(links !== undefined ? { applets: alpineBusyboxApplets(links.source), standalone: false as const } : {}),
  };
}

/** docker-library's busybox:latest build (busybox 1.38.0 `make defconfig`: busyboxBuildOf). */
const DEFCONFIG_BUILD: BusyboxBuild = { maxHistory: 255, saveHistory: true, editorOnStderr: true, banner: false, asksCursor: false };

let realApplets: ReadonlySet<string> | undefined;
/** That build as the real busybox:latest has it, with its version and applets (image/busybox-real.ts). */
const REAL_BUILD: BusyboxBuild = {
  ...DEFCONFIG_BUILD,
  users: DEFCONFIG_1_38_USERS,
  // its ash is not standalone (defconfig leaves FEATURE_SH_STANDALONE and FEATURE_PREFER_APPLETS
  // off): in a chroot of docker-library/busybox's dist-amd64 latest/glibc rootfs, `command -v ls`
  // is `/bin/ls`, `type ls` `ls is /bin/ls`, and `PATH=/none; ls` is `ls: not found` (127)
  standalone: false,
  real: {
    version: REAL_BUSYBOX_VERSION,
    get applets(): ReadonlySet<string> {
      return (realApplets ??= new Set(REAL_BUSYBOX_APPLETS));
    },
    help: realBusyboxHelp,
  },
};

/** Whether the image's /bin/busybox is the real busybox:latest's (its bytes: fs/busybox-binary.ts). */
function isRealBusybox(fs: Vfs): boolean {
  try {
    const st = fs.stat('/bin/busybox');
    return st.kind === 'file' && st.size === REAL_BUSYBOX_SIZE && fs.readFile('/bin/busybox') === realBusyboxBinary();
  } catch (e) {
    if (e instanceof FsError) return false;
    throw e;
  }
}

/**
 * The busybox applets among each package's programs: the names in /usr/bin and /usr/sbin (and the
 * alternatives its maintainer scripts make: debianutils' `which`, mawk's `awk`, xz-utils' `lzma`,
 * `unlzma`, `lzcat`) that are also busybox applet links of the base image (src/image/busybox-applets.ts).
 * Only these matter: a stand-in can keep or drop a busybox link, it has no other program to give.
 * Debian trixie's from the packages' own file lists (`dpkg -c` of the .debs of deb.debian.org trixie
 * main: coreutils 9.7-3, util-linux 2.41.5, procps 4.0.4-9, ...); util-linux before 2.40 (bookworm's
 * 2.38.1, the Ubuntu releases before resolute) also has `last`, and bookworm's util-linux-extra has
 * `hwclock` (this Debian 12 host's `dpkg -S`). Red Hat's packages (Oracle Linux) name their programs
 * as Debian's do for these names, except gzip (no `uncompress`) and rpm (`rpm`, `rpm2cpio`).
 */
const PACKAGE_APPLETS: Readonly<Record<string, string>> = {
  coreutils: `[ arch base64 basename cat chgrp chmod chown chroot cp cut date dd df dirname du echo env expand
    expr factor false fold groups head hostid id link ln logname ls md5sum mkdir mkfifo mknod mktemp mv nl nproc od
    paste printf pwd readlink realpath rm rmdir seq sha1sum sha256sum sha512sum shred shuf sleep sort stat stty sync
    tac tail tee test timeout touch tr true truncate tty uname unexpand uniq unlink wc who whoami yes`,
  dash: 'sh',
  bash: 'sh', // Oracle Linux: bash is /bin/sh
  debianutils: 'run-parts which',
  diffutils: 'cmp diff',
  dpkg: 'dpkg dpkg-deb start-stop-daemon',
  e2fsprogs: 'mke2fs',
  findutils: 'find xargs',
  grep: 'egrep fgrep grep',
  gzip: 'gunzip gzip uncompress zcat',
  'gzip-rpm': 'gunzip gzip zcat',
  hostname: 'dnsdomainname hostname',
  login: 'login nologin',
  mount: 'losetup mount swapoff swapon umount',
  'ncurses-bin': 'clear reset',
  passwd: 'passwd',
  sed: 'sed',
  'sysvinit-utils': 'pidof',
  tar: 'tar',
  'util-linux': `blkdiscard blockdev dmesg fallocate findfs fsfreeze fstrim getopt getty ionice linux32 linux64
    mkswap more nsenter pivot_root rev setpriv setsid su sulogin switch_root taskset unshare`,
  'util-linux-2.38': 'last',
  'util-linux-extra': 'hwclock',
  bsdutils: 'logger renice',
  mawk: 'awk',
  gawk: 'awk',
  procps: 'free kill ps sysctl top uptime w watch',
  wget: 'wget',
  bzip2: 'bunzip2 bzcat bzip2',
  'xz-utils': 'lzcat lzma unlzma unxz xz xzcat',
  patch: 'patch',
  unzip: 'unzip',
  binutils: 'ar strings',
  rpm: 'rpm rpm2cpio',
  psmisc: 'killall',
  iproute2: 'ip tc',
};

/** Oracle Linux 9 slim's (below); Oracle Linux 8's taken as the same (USERLANDS). */
const ORACLE_LINUX_PACKAGES = 'coreutils bash findutils gawk grep gzip-rpm sed tar bzip2 xz-utils rpm';

const DEBIAN_BASE = 'coreutils dash debianutils diffutils dpkg findutils grep gzip hostname login mount ncurses-bin passwd sed sysvinit-utils tar util-linux bsdutils mawk';

/**
 * The packages of each release's image that have busybox applets among their programs, from
 * docker-library/repo-info's package lists:
 * - trixie: repo-info@857995decdc769ab0c21e3a1f111f94c6e054192 `repos/debian/local/13.6.md` (no
 *   e2fsprogs, procps or bsdextrautils; login is util-linux's);
 * - bookworm: the same commit's `repos/debian/local/bookworm.md` (e2fsprogs 1.47.0, util-linux and
 *   util-linux-extra 2.38.1, login and passwd from shadow 4.13);
 * - bullseye: repo-info@029a6a7362cedcc060abd73f6f43fda5c5728880 `repos/debian/local/oldoldstable.md`
 *   (shadow's login and passwd, sysvinit-utils 2.96; its util-linux 2.36.1 still has hwclock, so
 *   util-linux-extra's name stands for it);
 * - noble: repo-info@d0373f49140cbdb452a87ac18f6755809629864d `repos/ubuntu/local/noble-20260810.md`
 *   (e2fsprogs, procps 4.0.4, util-linux 2.39.3, shadow's login);
 * - jammy: repo-info@98203568fb601e691590660c5df3943021def247 `repos/ubuntu/local/jammy-20260810.md`
 *   (procps 3.3.17, shadow 4.8.1; its e2fsprogs taken as noble's);
 * - resolute: repo-info@452725d72e4385dc0f330876d79baa89d328c41e `repos/ubuntu/local/resolute.md`
 *   (procps 4.0.4, util-linux 2.41.3 with its login, rust-coreutils for coreutils' names);
 * - Oracle Linux 9: the mysql image's own list, repo-info@85d08e42772ff2cb3ba7a15782cd781e3568ead9
 *   `repos/mysql/local/8.4.md` (bash, coreutils-single, findutils, gawk, grep, gzip, sed, tar, bzip2,
 *   xz, rpm; no util-linux programs, procps, diffutils, which or hostname).
 */
export const IMAGE_PACKAGES: Readonly<Record<string, string>> = {
  'debian:bullseye': `${DEBIAN_BASE} util-linux-2.38 util-linux-extra e2fsprogs`,
  'debian:bookworm': `${DEBIAN_BASE} util-linux-2.38 util-linux-extra e2fsprogs`,
  'debian:trixie': DEBIAN_BASE,
  'ubuntu:jammy': `${DEBIAN_BASE} util-linux-2.38 e2fsprogs procps`,
  'ubuntu:noble': `${DEBIAN_BASE} util-linux-2.38 e2fsprogs procps`,
  'ubuntu:resolute': `${DEBIAN_BASE} e2fsprogs procps`,
  'oraclelinux:8': ORACLE_LINUX_PACKAGES,
  'oraclelinux:9': ORACLE_LINUX_PACKAGES,
};

/**
 * The package managers each release's image has, which a stand-in cannot run (no network, no
 * packages): `npm run catalog` puts the refusal (catalog/unsimulated: "strata does not simulate
 * `apt-get update`: ...", exit 125) at these paths, so `RUN apt-get update && apt-get install -y
 * gcc` is refused by name as the real image would run it, never `apt-get: not found`.
 * - Debian and Ubuntu: the programs of the `apt` package (Debian/apt `debian/apt.install`:
 *   usr/bin/apt, apt-cache, apt-cdrom, apt-config, apt-get, apt-key, apt-mark; apt-key is gone
 *   from newer apt, but a refusal where the real image has no such program is a refusal, not a
 *   wrong answer);
 * - Oracle Linux 9 slim (mysql): microdnf, which docker-library/mysql's Dockerfile.oracle installs
 *   with (`microdnf install -y ...`).
 */
const APT = ['apt', 'apt-cache', 'apt-cdrom', 'apt-config', 'apt-get', 'apt-key', 'apt-mark'].map((p) => `/usr/bin/${p}`);
export const PACKAGE_MANAGERS: Readonly<Record<string, readonly string[]>> = {
  'debian:bullseye': APT,
  'debian:bookworm': APT,
  'debian:trixie': APT,
  'ubuntu:jammy': APT,
  'ubuntu:noble': APT,
  'ubuntu:resolute': APT,
  'oraclelinux:8': ['/usr/bin/microdnf'],
  'oraclelinux:9': ['/usr/bin/microdnf'],
};

/**
 * What the stand-in's bash (catalog/bash) says to `bash --version` on a real engine, from the
 * release's bash (USERLANDS' bashVersion): `GNU bash, version 5.2.15(1)-release
 * (x86_64-pc-linux-gnu)`, Red Hat's build naming its host `x86_64-redhat-linux-gnu`, and the year
 * of its copyright line (bash's version.c: 2016 for bash 4.4, 2020 for 5.1, 2022 for 5.2); undefined where the
 * version is not known (the stand-in then runs sh).
 */
export function bashVersionText(userland: string): { version: string; year: string; host: string } | undefined {
  const v = USERLANDS[userland]?.bashVersion;
  if (v === undefined) return undefined;
  const year = v.startsWith('4.4.') ? '2016' : v.startsWith('5.1.') ? '2020' : v.startsWith('5.2.') ? '2022' : undefined;
  if (year === undefined) throw new Error(`no copyright year known for bash ${v}`);
  return { version: v.replace(/-release$/, ''), year, host: userland.startsWith('oraclelinux:') ? 'x86_64-redhat-linux-gnu' : 'x86_64-pc-linux-gnu' };
}

/**
 * The busybox applet links a stand-in of `userland` keeps: the commands of its real image, which has
 * IMAGE_PACKAGES[userland] and the image's own `extra` packages (a space-separated list of keys of
 * PACKAGE_APPLETS), sorted. Any other link goes, so what the real image lacks is not found.
 */
export function imageApplets(userland: string, extra: string): string[] {
  const base = IMAGE_PACKAGES[userland];
  if (base === undefined) throw new Error(`no package list for ${userland} (IMAGE_PACKAGES)`);
  const names = new Set<string>();
  for (const pkg of `${base} ${extra}`.split(/\s+/).filter((p) => p !== '')) {
    const applets = PACKAGE_APPLETS[pkg];
    if (applets === undefined) throw new Error(`no applets known for package ${pkg} (PACKAGE_APPLETS)`);
    for (const a of applets.split(/\s+/)) if (a !== '') names.add(a);
  }
  return [...names].sort();
}
