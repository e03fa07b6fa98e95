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
import type { GnuUserland } from '../shell/types.ts';

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
 * debianutils 5.7; no procps, no bsdextrautils). Ubuntu's minimal rootfs has the same packages.
 */
const DEBIAN_COMMANDS = `${COREUTILS} ${COMMON} dash sh awk mawk cmp diff hostname which`;

/**
 * Oracle Linux 9 slim, the base of the mysql image: bash is /bin/sh, coreutils-single 8.32,
 * findutils 4.8, grep 3.6, sed 4.8, tar 1.34, gzip 1.12, and gawk (not mawk: strata's awk is
 * mawk's, so `awk` stays busybox's) (repo-info@85d08e42772ff2cb3ba7a15782cd781e3568ead9
 * `repos/mysql/local/8.4.md`; no diffutils, hostname or which).
 */
const ORACLE_LINUX_COMMANDS = `${COREUTILS} ${COMMON} sh`;

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
 *   `repos/mysql/local/8.4.md`).
 * strata prints the words of this host's tools (Debian 12) for all of them; the releases' own
 * versions (coreutils 8.32 on bullseye and jammy, 9.4 on noble, 9.7 on trixie; tar 1.35 on noble
 * and trixie) are named in docs/compat.md.
 */
export const USERLANDS: Readonly<Record<string, GnuUserland>> = {
  'debian:bullseye': userland('dash', DEBIAN_COMMANDS, '5.1.4(1)-release'),
  'debian:bookworm': userland('dash', DEBIAN_COMMANDS, '5.2.15(1)-release'),
  'debian:trixie': userland('dash', DEBIAN_COMMANDS, '5.2.37(1)-release'),
  'ubuntu:jammy': userland('dash', DEBIAN_COMMANDS, '5.1.16(1)-release'),
  'ubuntu:noble': userland('dash', DEBIAN_COMMANDS, '5.2.21(1)-release'),
  'ubuntu:resolute': userland('dash', DEBIAN_COMMANDS, undefined),
  'oraclelinux:9': userland('bash', ORACLE_LINUX_COMMANDS, '5.1.8(1)-release'),
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
  'oraclelinux:9': MERGED,
};

function userland(sh: 'dash' | 'bash', commands: string, bashVersion: string | undefined): GnuUserland {
  return {
    sh,
    commands: new Set(commands.split(/\s+/).filter((c) => c !== '')),
    // the stand-in's bash (catalog/debian/files/bash): /usr/bin/bash, which /bin/bash reaches
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
