// A stand-in of an image built on Debian, Ubuntu or Oracle Linux offers exactly the commands of the
// real image among busybox's applets: what the real image lacks (bc, wget, ps in debian) is not
// found, in its shell's words. The expected sets below are the real images' package lists, written
// out here from the sources, never from strata:
// - each package's programs: `dpkg -c` of Debian trixie's .debs (deb.debian.org trixie main:
//   coreutils 9.7-3, util-linux 2.41.5-0+deb13u1, procps 4.0.4-9, ...), alternatives from their
//   postinst (which, awk, lzma/unlzma/lzcat); bookworm's util-linux 2.38 (`last`) and
//   util-linux-extra (`hwclock`) from this Debian 12 host's `dpkg -S`;
// - each image's packages: docker-library/repo-info `repos/<image>/local/<tag>.md` (debian 13.6 and
//   bookworm @857995dec, ubuntu noble @d0373f49, jammy @98203568, resolute @452725d7, mysql 8.4
//   @85d08e42) and the image's Dockerfile (buildpack-deps' curl/scm/full layers for python and node,
//   PHPIZE_DEPS for php, xz-utils for postgres) with the dependencies that bring programs
//   (dpkg-dev and gcc: binutils; postgresql-common: procps; mariadb-server: psmisc, iproute2).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { BUSYBOX_APPLETS } from '../../src/image/busybox-applets.ts';

const PKG: Record<string, string> = {
  coreutils: `[ arch base64 basename cat chgrp chmod chown chroot cp cut date dd df dirname du echo env expand expr
    factor false fold groups head hostid id link ln logname ls md5sum mkdir mkfifo mknod mktemp mv nl nproc od paste
    printf pwd readlink realpath rm rmdir seq sha1sum sha256sum sha512sum shred shuf sleep sort stat stty sync tac tail
    tee test timeout touch tr true truncate tty uname unexpand uniq unlink wc who whoami yes`,
  'util-linux': `blkdiscard blockdev dmesg fallocate findfs fsfreeze fstrim getopt getty ionice linux32 linux64 mkswap
    more nsenter pivot_root rev setpriv setsid su sulogin switch_root taskset unshare`,
  debianRest: `sh run-parts which cmp diff dpkg dpkg-deb start-stop-daemon find xargs egrep fgrep grep gunzip gzip
    uncompress zcat dnsdomainname hostname login nologin losetup mount swapoff swapon umount clear reset passwd sed
    pidof tar logger renice awk`,
  procps: 'free kill ps sysctl top uptime w watch',
  buildpack: 'wget free kill ps sysctl top uptime w watch bunzip2 bzcat bzip2 lzcat lzma unlzma unxz xz xzcat patch unzip ar strings',
  php: 'ar strings bunzip2 bzcat bzip2 lzcat lzma unlzma unxz xz xzcat patch',
};
const names = (...parts: string[]): string[] => [...new Set(parts.join(' ').split(/\s+/).filter((n) => n !== ''))].sort();

const TRIXIE = [PKG.coreutils, PKG['util-linux'], PKG.debianRest];
const BOOKWORM = [...TRIXIE, 'last hwclock mke2fs'];
const NOBLE = [...TRIXIE, 'last mke2fs', PKG.procps];
// Names the stand-in refuses by name (PROGRAM_SET, catalog/debian-programs.json) rather than runs
// as busybox: jammy's util-linux 2.37.2 still has sbin/hwclock, resolute's coreutils-from-uutils
// has usr/bin/sha3sum (archive.ubuntu.com's Contents-amd64 of each release).
const JAMMY = [...NOBLE, 'hwclock'];
// postgres installs less (docker-library/postgres 16/trixie/Dockerfile: psql's pager), refused by name too.
const ORACLE = [PKG.coreutils, 'sh find xargs awk egrep fgrep grep gunzip gzip zcat sed tar bunzip2 bzcat bzip2 lzcat lzma unlzma unxz xz xzcat rpm rpm2cpio'];

const cases: [string, string[], string][] = [
  ['debian:trixie', names(...TRIXIE), 'sh: 1: wget: not found'],
  ['debian:bookworm', names(...BOOKWORM), 'sh: 1: wget: not found'],
  ['ubuntu:24.04', names(...NOBLE), 'sh: 1: wget: not found'],
  ['ubuntu:22.04', names(...JAMMY), 'sh: 1: wget: not found'],
  ['ubuntu:latest', names(...TRIXIE, 'mke2fs', PKG.procps, 'sha3sum'), 'sh: 1: wget: not found'],
  ['python:3.12-slim', names(...TRIXIE), 'sh: 1: wget: not found'],
  ['python:3.12', names(...TRIXIE, PKG.buildpack), 'sh: 1: bc: not found'],
  ['node:22', names(...BOOKWORM, PKG.buildpack), 'sh: 1: bc: not found'],
  ['postgres:16', names(...TRIXIE, PKG.procps, 'lzcat lzma unlzma unxz xz xzcat less'), 'sh: 1: wget: not found'],
  ['php:cli', names(...TRIXIE, PKG.php), 'sh: 1: wget: not found'],
  ['nginx:latest', names(...TRIXIE), 'sh: 1: wget: not found'],
  ['redis:7', names(...BOOKWORM), 'sh: 1: wget: not found'],
  ['mariadb:12.3', names(...NOBLE, 'killall ip tc'), 'sh: 1: wget: not found'],
  ['mongo:7', names(...JAMMY), 'sh: 1: wget: not found'],
  // Oracle Linux's sh is bash: bash run as sh words a missing command so
  ['mysql:8.4', names(...ORACLE), 'sh: line 1: wget: command not found'],
];

describe("a GNU image's stand-in has the real image's commands among busybox's applets, and no other", () => {
  const applets = new Set(BUSYBOX_APPLETS);
  it.each(cases)('%s', (image, expected, missing) => {
    for (const n of expected) expect(applets.has(n), `${n} is no busybox applet`).toBe(true);
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run(`docker pull -q ${image}`).exitCode).toBe(0);
    const ls = d.run(`docker run --rm --entrypoint ls ${image} -1 /bin /usr/bin /sbin /usr/sbin`);
    expect(ls.exitCode, ls.output).toBe(0);
    const found = [...new Set(ls.output.split('\n').filter((n) => applets.has(n)))].sort();
    expect(found).toEqual(expected);
    // a command the image lacks is not found, as its /bin/sh says it (dash: `sh: 1: X: not found`)
    const word = missing.includes('wget') ? 'wget' : 'bc';
    const r = d.run(`docker run --rm --entrypoint sh ${image} -c '${word} -q'`);
    expect(r.output).toBe(`${missing}\n`);
    expect(r.exitCode).toBe(127);
    // and docker's own exec of it fails as runc's does
    const exec = d.run(`docker run --rm --entrypoint ${word} ${image}`);
    expect(exec.exitCode).toBe(127);
    expect(exec.output).toContain(`exec: "${word}": executable file not found in $PATH`);
    // busybox itself is no command of these images
    const bb = d.run(`docker run --rm --entrypoint sh ${image} -c 'command -v busybox'`);
    expect(bb.output).toBe('');
    expect(bb.exitCode).not.toBe(0);
  });
});
