// `npx tsx scripts/debian-programs.ts`: writes catalog/debian-programs.json, the programs on PATH
// of Debian and Ubuntu package sets the catalog's stand-ins stand for (catalog/README.md,
// "Programs"), so a stand-in refuses by name a program its real image has instead of answering
// "not found".
//
// Needs the network (deb.debian.org, archive.ubuntu.com) and `xz`; run by hand when a set changes,
// never by the tests. A Debian set is computed: the release's Packages index, the closure of its
// roots over Pre-Depends and Depends as `apt-get install --no-install-recommends` takes it (the
// first alternative unless another is already chosen, a virtual package by its first provider
// unless one is chosen). A debootstrap minbase image (debuerreotype, which builds docker-library's
// debian images) holds the packages of Priority required and apt; buildpack-deps adds those its
// Dockerfiles install. An Ubuntu set is not Priority required (Canonical's rootfs has its own seed):
// it is the image's own package list, docker-library/repo-info's `local/` file (UBUNTU_PACKAGES).
// Then the release's Contents indexes (Debian's amd64 and all, Ubuntu's amd64, which holds both)
// give the files of those packages in bin and sbin directories.
//
// Limits, which only make a list longer (a program the real image lacks is then refused by name,
// not answered wrongly): the indexes are today's, not the image's snapshot; links that postinst
// scripts make (update-alternatives) are taken from ALTERNATIVES below.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'catalog/debian-programs.json');
const CACHE = process.env.DEBIAN_PROGRAMS_CACHE ?? '/tmp/debian-programs-cache';
const MIRROR = 'http://deb.debian.org/debian';
const UBUNTU_MIRROR = 'http://archive.ubuntu.com/ubuntu';

/**
 * The binary packages of each Ubuntu image, as docker-library/repo-info's `local/` file lists them
 * (`### dpkg source package` sections, "Binary Packages", without `:amd64` and the version). The
 * builds differ from the catalog's digests (repo-info keeps one `local/` file per tag, rewritten
 * at each build), but a release's rootfs keeps its package names from build to build.
 */
const UBUNTU_PACKAGES: Record<string, { cite: string; packages: string }> = {
  noble: {
    cite: 'docker-library/repo-info@34e0037a44e0990e8bd1ee7cc265e12874b1c0ed repos/ubuntu/local/24.04.md (ubuntu:24.04 of 2026-08-17)',
    packages:
      'libacl1 apt libapt-pkg6.0t64 libattr1 libaudit-common libaudit1 base-files base-passwd bash libbz2-1.0 libdebconfclient0 ' +
      'coreutils dash libdb5.3t64 debconf debianutils diffutils dpkg e2fsprogs libcom-err2 libext2fs2t64 libss2 logsave findutils ' +
      'gcc-14-base libgcc-s1 libstdc++6 libc-bin libc6 libgmp10 gpgv libgnutls30t64 grep gzip hostname init-system-helpers ' +
      'libassuan0 libcap-ng0 libcap2 libffi8 libgcrypt20 libgpg-error0 libidn2-0 libmd0 libseccomp2 libselinux1 ' +
      'libsemanage-common libsemanage2 libsepol2 libtasn1-6 libunistring5 libcrypt1 libzstd1 liblz4-1 mawk libncursesw6 ' +
      'libtinfo6 ncurses-base ncurses-bin libhogweed6t64 libnettle8t64 libnpth0t64 libssl3t64 libp11-kit0 libpam-modules ' +
      'libpam-modules-bin libpam-runtime libpam0g libpcre2-8-0 perl-base libproc2-0 procps sed sensible-utils login passwd ' +
      'libsystemd0 libudev1 sysvinit-utils tar ubuntu-keyring unminimize bsdutils libblkid1 libmount1 libsmartcols1 libuuid1 ' +
      'mount util-linux libxxhash0 liblzma5 zlib1g',
  },
  jammy: {
    cite: 'docker-library/repo-info@98203568fb601e691590660c5df3943021def247 repos/ubuntu/local/jammy-20260810.md',
    packages:
      'libacl1 adduser apt libapt-pkg6.0 libattr1 libaudit-common libaudit1 base-files base-passwd bash libbz2-1.0 ' +
      'libdebconfclient0 coreutils dash libdb5.3 debconf debianutils diffutils dpkg e2fsprogs libcom-err2 libext2fs2 libss2 ' +
      'logsave findutils gcc-12-base libgcc-s1 libstdc++6 libc-bin libc6 libgmp10 gpgv libgnutls30 grep gzip hostname ' +
      'init-system-helpers libkeyutils1 libgssapi-krb5-2 libk5crypto3 libkrb5-3 libkrb5support0 libcap-ng0 libcap2 libffi8 ' +
      'libgcrypt20 libgpg-error0 libidn2-0 libnsl2 libseccomp2 libselinux1 libsemanage-common libsemanage2 libsepol2 ' +
      'libtasn1-6 libtirpc-common libtirpc3 libunistring2 libcrypt1 libzstd1 lsb-base liblz4-1 mawk libncurses6 libncursesw6 ' +
      'libtinfo6 ncurses-base ncurses-bin libhogweed6 libnettle8 libssl3 libp11-kit0 libpam-modules libpam-modules-bin ' +
      'libpam-runtime libpam0g libpcre2-8-0 libpcre3 perl-base libprocps8 procps sed sensible-utils login passwd libsystemd0 ' +
      'libudev1 sysvinit-utils tar ubuntu-keyring usrmerge bsdutils libblkid1 libmount1 libsmartcols1 libuuid1 mount ' +
      'util-linux libxxhash0 liblzma5 zlib1g',
  },
  resolute: {
    cite: 'docker-library/repo-info@452725d72e4385dc0f330876d79baa89d328c41e repos/ubuntu/local/resolute.md (ubuntu:26.04 of 2026-06-27)',
    packages:
      'libacl1 apt libapt-pkg7.0 libattr1 libaudit-common libaudit1 base-files base-passwd bash libbz2-1.0 libdebconfclient0 ' +
      'coreutils coreutils-from-uutils gnu-coreutils dash libdb5.3t64 debconf debianutils diffutils dpkg e2fsprogs libcom-err2 ' +
      'libext2fs2t64 libss2 logsave findutils gcc-16-base libgcc-s1 libstdc++6 libc-bin libc-gconv-modules-extra libc6 ' +
      'libgmp10 gpgv grep gzip hostname init-system-helpers libbsd0 libcap-ng0 libgcrypt20 libgpg-error0 libmd0 libseccomp2 ' +
      'libselinux1 libsemanage-common libsemanage2 libsepol2 libcrypt1 libzstd1 liblz4-1 mawk libncursesw6 libtinfo6 ' +
      'ncurses-base ncurses-bin libssl3t64 openssl-provider-legacy libpam-modules libpam-modules-bin libpam-runtime libpam0g ' +
      'libpcre2-8-0 perl-base libproc2-0 procps rust-coreutils sed sensible-utils login.defs passwd libsystemd0 libudev1 ' +
      'sysvinit-utils tar ubuntu-keyring bsdutils libblkid1 libmount1 libsmartcols1 libuuid1 login mount util-linux ' +
      'libxxhash0 liblzma5 zlib1g',
  },
};

/** docker-library/buildpack-deps@103e790407420c9c517a6ac774f31e92c8d84f58 debian/<release>/{curl,scm,}/Dockerfile. */
const BUILDPACK_CURL: Record<string, string[]> = {
  bookworm: ['ca-certificates', 'curl', 'gnupg', 'dirmngr', 'netbase', 'wget'],
  trixie: ['ca-certificates', 'curl', 'gnupg', 'netbase', 'sq', 'wget'],
};
const BUILDPACK_SCM = ['git', 'mercurial', 'openssh-client', 'subversion', 'procps'];
const BUILDPACK_FULL = (
  'autoconf automake bzip2 default-libmysqlclient-dev dpkg-dev file g++ gcc imagemagick libbz2-dev libc6-dev ' +
  'libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev libglib2.0-dev libgmp-dev libjpeg-dev libkrb5-dev ' +
  'liblzma-dev libmagickcore-dev libmagickwand-dev libmaxminddb-dev libncurses5-dev libncursesw5-dev libpng-dev libpq-dev ' +
  'libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt-dev libyaml-dev make patch unzip ' +
  'xz-utils zlib1g-dev'
).split(' ');

/** docker-library/php's PHPIZE_DEPS, which its images keep installed (`docker-php-ext-install` runs them). */
const PHPIZE_DEPS = ['autoconf', 'dpkg-dev', 'file', 'g++', 'gcc', 'libc-dev', 'make', 'pkg-config', 're2c'];
const PHP_SOURCE = 'docker-library/php@0fda20cf2453ea1dc5cf342874565e41fc01a1ac 8.5/trixie/';

interface SetSpec {
  /** Debian's release, or Ubuntu's (`ubuntu: true`). */
  release: string;
  ubuntu?: boolean;
  /** A Debian set: the packages apt installs with their dependencies. */
  roots?: string[];
  /** An Ubuntu set: the image's packages, exactly. */
  packages?: string[];
  source: string;
  /** bullseye and older: /bin and /usr/bin are two directories, programs keep their paths. */
  unmerged?: boolean;
  /** Names the catalog's stand-in has a program of its own for at the same path (not linked). */
  own?: string[];
}

function ubuntuSet(release: string): SetSpec {
  const list = UBUNTU_PACKAGES[release]!;
  return { release, ubuntu: true, packages: list.packages.split(' '), source: `the packages of ${list.cite}` };
}

const SETS: Record<string, SetSpec> = {
  'debian:bullseye': {
    release: 'bullseye',
    roots: ['apt'],
    unmerged: true,
    source: 'debootstrap --variant=minbase of bullseye (Priority required, and apt; no merged /usr: debuerreotype builds bullseye without --merged-usr)',
  },
  'debian:bookworm': { release: 'bookworm', roots: ['apt'], source: 'debootstrap --variant=minbase of bookworm (Priority required, and apt)' },
  'debian:trixie': { release: 'trixie', roots: ['apt'], source: 'debootstrap --variant=minbase of trixie (Priority required, and apt)' },
  'buildpack-deps:bookworm': {
    release: 'bookworm',
    roots: ['apt', ...BUILDPACK_CURL.bookworm!, ...BUILDPACK_SCM, ...BUILDPACK_FULL],
    source: 'debian:bookworm and docker-library/buildpack-deps@103e790407420c9c517a6ac774f31e92c8d84f58 debian/bookworm/{curl,scm,}/Dockerfile',
  },
  'buildpack-deps:trixie': {
    release: 'trixie',
    roots: ['apt', ...BUILDPACK_CURL.trixie!, ...BUILDPACK_SCM, ...BUILDPACK_FULL],
    source: 'debian:trixie and docker-library/buildpack-deps@103e790407420c9c517a6ac774f31e92c8d84f58 debian/trixie/{curl,scm,}/Dockerfile',
  },
  // The server images' own Debian packages, beyond their release's base: what their Dockerfiles
  // install and keep (build dependencies they purge left out). Their programs from elsewhere (PHP's,
  // httpd's, nginx.org's and apt.postgresql.org's packages) are the tags' PROGRAMS or the stand-ins' own.
  'php-cli:trixie': {
    release: 'trixie',
    roots: ['apt', ...PHPIZE_DEPS, 'ca-certificates', 'curl', 'xz-utils'],
    source: `debian:trixie and ${PHP_SOURCE}cli/Dockerfile (PHPIZE_DEPS, ca-certificates, curl, xz-utils)`,
  },
  'php-apache:trixie': {
    release: 'trixie',
    roots: ['apt', ...PHPIZE_DEPS, 'ca-certificates', 'curl', 'xz-utils', 'apache2'],
    own: ['apache2'],
    source: `debian:trixie and ${PHP_SOURCE}apache/Dockerfile (PHPIZE_DEPS, ca-certificates, curl, xz-utils, apache2)`,
  },
  'wordpress:trixie': {
    release: 'trixie',
    roots: ['apt', ...PHPIZE_DEPS, 'ca-certificates', 'curl', 'xz-utils', 'apache2', 'ghostscript'],
    own: ['apache2'],
    source:
      `php-apache:trixie and docker-library/wordpress@bf223d1c2087b0b2c3b86eefa830fe4bbc2bce07 latest/php8.3/apache/Dockerfile (ghostscript)`,
  },
  'httpd:trixie': {
    release: 'trixie',
    roots: ['apt', 'ca-certificates', 'libaprutil1-ldap', 'libldap-common'],
    source: 'debian:trixie and the apt-get install of httpd:latest\'s history (docker-library/repo-info@157d40004033426c6d74f484d4e78da6a055256f repos/httpd/remote/latest.md)',
  },
  'nginx:trixie': {
    release: 'trixie',
    roots: ['apt', 'ca-certificates', 'gettext-base', 'curl', 'libxslt1.1', 'libgd3', 'libgeoip1t64'],
    source:
      'debian:trixie and nginx/docker-nginx@14585c6fca4ba7f678f6cc178a00582e3fdc3b34 mainline/debian/Dockerfile (ca-certificates, gettext-base, curl; the Debian libraries of nginx.org\'s xslt, image-filter and geoip modules)',
  },
  'postgres:trixie': {
    release: 'trixie',
    roots: ['apt', 'gnupg', 'less', 'locales', 'libnss-wrapper', 'xz-utils', 'zstd'],
    source:
      'debian:trixie and docker-library/postgres@1cb68aee8fbbd39106c8a8eb41f45721941d11a8 16/trixie/Dockerfile (gnupg, less, locales, libnss-wrapper, xz-utils, zstd; postgresql-common\'s programs are the stand-in\'s own links)',
  },
  'postgres:bullseye': {
    release: 'bullseye',
    roots: ['apt', 'gnupg', 'dirmngr', 'locales', 'libnss-wrapper', 'xz-utils', 'zstd'],
    unmerged: true,
    source:
      'debian:bullseye and the apt-get install of postgres:13\'s history (docker-library/repo-info@72e4be79b9c831d8da7d63a6ce871b20fc9e06c1 repos/postgres/remote/13.md: gnupg, dirmngr, locales, libnss-wrapper, xz-utils, zstd)',
  },
  'ubuntu:jammy': ubuntuSet('jammy'),
  'ubuntu:noble': ubuntuSet('noble'),
  'ubuntu:resolute': ubuntuSet('resolute'),
};

/**
 * Links postinst scripts make with update-alternatives, by the package that makes them: mawk's awk
 * and nawk, debianutils' which, tar's rmt, util-linux's pager, gcc's cc, c89 and c99, g++'s c++,
 * openssh-client's rsh, rlogin and rcp. ImageMagick's programs (`convert-im7.q16`, ...) get their
 * plain names the same way (NAME_SUFFIXES).
 */
const ALTERNATIVES: Record<string, string[]> = {
  mawk: ['/usr/bin/awk', '/usr/bin/nawk'],
  debianutils: ['/usr/bin/which'],
  tar: ['/usr/sbin/rmt'],
  'util-linux': ['/usr/bin/pager'],
  gcc: ['/usr/bin/cc', '/usr/bin/c89', '/usr/bin/c99'],
  'g++': ['/usr/bin/c++'],
  'openssh-client': ['/usr/bin/rsh', '/usr/bin/rlogin', '/usr/bin/rcp'],
};
const NAME_SUFFIXES = [/-im[67]\.q16$/];
/** Names in bin directories that are no programs: x11-common's /usr/bin/X11 is a link to `.`. */
const NOT_PROGRAMS = new Set(['X11']);

/** The file of `url`, downloaded into CACHE as `file` unless it is there: its path. */
function download(url: string, file: string): string {
  fs.mkdirSync(CACHE, { recursive: true });
  const at = path.join(CACHE, file);
  if (!fs.existsSync(at)) execFileSync('curl', ['-sSf', '-o', at, url]);
  return at;
}

interface Package {
  deps: string[][];
  provides: string[];
  priority: string;
}

function packagesOf(release: string): Map<string, Package> {
  const text = execFileSync('xz', ['-dc', download(`${MIRROR}/dists/${release}/main/binary-amd64/Packages.xz`, `Packages-${release}.xz`)], { maxBuffer: 1 << 30 }).toString('utf8');
  const out = new Map<string, Package>();
  for (const stanza of text.split('\n\n')) {
    const field = (name: string) => stanza.match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1] ?? '';
    const name = field('Package');
    if (name === '') continue;
    const list = (v: string) => v.split(',').map((d) => d.trim()).filter((d) => d !== '');
    const deps = [...list(field('Pre-Depends')), ...list(field('Depends'))].map((d) => d.split('|').map((a) => a.trim().split(/[\s:]/)[0]!));
    out.set(name, { deps, provides: list(field('Provides')).map((p) => p.split(' ')[0]!), priority: field('Priority') });
  }
  return out;
}

function closure(pkgs: Map<string, Package>, roots: string[]): Set<string> {
  const providers = new Map<string, string[]>();
  for (const [name, p] of pkgs) for (const v of p.provides) providers.set(v, [...(providers.get(v) ?? []), name]);
  const chosen = new Set<string>();
  const resolve = (name: string): string | undefined => {
    if (pkgs.has(name)) return name;
    const by = providers.get(name);
    return by?.find((p) => chosen.has(p)) ?? by?.[0];
  };
  const required = [...pkgs].filter(([, p]) => p.priority === 'required').map(([n]) => n);
  const todo = [...required, ...roots].map((r) => resolve(r) ?? r);
  for (const r of todo) if (pkgs.has(r)) chosen.add(r);
  const done = new Set<string>();
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (done.has(n)) continue;
    const p = pkgs.get(n);
    if (!p) throw new Error(`${n}: no such package`);
    done.add(n);
    chosen.add(n);
    for (const alts of p.deps) {
      const resolved = alts.map(resolve).filter((a): a is string => a !== undefined);
      const pick = resolved.find((a) => chosen.has(a)) ?? resolved[0];
      if (pick !== undefined) todo.push(pick);
    }
  }
  return chosen;
}

/** The Contents lines of a release's files in bin and sbin directories. */
function binFilesOf(release: string, ubuntu = false): string[] {
  // Debian: the files of Architecture: all packages are in Contents-all since bookworm; Ubuntu's
  // Contents-amd64 covers every component and both architectures
  // (Contents-all is larger than a string can be: only the lines of bin and sbin directories are read)
  const files = ubuntu
    ? [{ url: `${UBUNTU_MIRROR}/dists/${release}/Contents-amd64.gz`, file: `Contents-amd64-ubuntu-${release}.gz` }]
    : ['amd64', 'all'].map((arch) => ({ url: `${MIRROR}/dists/${release}/main/Contents-${arch}.gz`, file: `Contents-${arch}-${release}.gz` }));
  return files.flatMap(({ url, file }) => {
    const gz = download(url, file);
    return execFileSync('sh', ['-c', `gzip -dc '${gz}' | grep -E '^(usr/)?s?bin/[^/[:space:]]+[[:space:]]'`], { maxBuffer: 1 << 28 }).toString('utf8').split('\n');
  });
}

function programsOf(lines: string[], chosen: Set<string>, unmerged = false): string[] {
  const out = new Set<string>();
  for (const line of lines) {
    const m = /^((?:usr\/)?(s?bin)\/([^/\s]+))\s+(\S+)$/.exec(line);
    if (!m) continue;
    const owners = m[4]!.split(',').map((o) => o.slice(o.lastIndexOf('/') + 1));
    const owner = owners.find((o) => chosen.has(o));
    if (owner === undefined || NOT_PROGRAMS.has(m[3]!)) continue;
    // merged /usr: /bin/x is /usr/bin/x; without it the package's own path
    const dir = unmerged ? `/${m[1]!.slice(0, m[1]!.lastIndexOf('/'))}` : `/usr/${m[2]}`;
    out.add(`${dir}/${m[3]}`);
    for (const suffix of NAME_SUFFIXES) if (suffix.test(m[3]!)) out.add(`${dir}/${m[3]!.replace(suffix, '')}`);
  }
  for (const [pkg, links] of Object.entries(ALTERNATIVES)) if (chosen.has(pkg)) for (const l of links) out.add(l);
  return [...out].sort();
}

const result: Record<string, { source: string; packages: number; programs: string[] }> = {};
/** Each release's indexes, read once for all the sets of that release. */
const indexes = new Map<string, { packages: Map<string, Package>; binFiles: string[] }>();
const today = new Date().toISOString().slice(0, 10);
for (const [name, spec] of Object.entries(SETS)) {
  if (spec.ubuntu) {
    const chosen = new Set(spec.packages);
    const index = binFilesOf(spec.release, true);
    result[name] = { source: `${spec.source}; ${UBUNTU_MIRROR} ${spec.release} Contents-amd64 of ${today}`, packages: chosen.size, programs: programsOf(index, chosen) };
    console.log(`${name}: ${chosen.size} packages, ${result[name]!.programs.length} programs`);
    continue;
  }
  let index = indexes.get(spec.release);
  if (index === undefined) indexes.set(spec.release, (index = { packages: packagesOf(spec.release), binFiles: binFilesOf(spec.release) }));
  const chosen = closure(index.packages, spec.roots ?? []);
  const own = new Set(spec.own ?? []);
  const programs = programsOf(index.binFiles, chosen, spec.unmerged).filter((p) => !own.has(p.slice(p.lastIndexOf('/') + 1)));
  result[name] = { source: `${spec.source}; ${MIRROR} ${spec.release} main amd64 Packages and Contents of ${today}`, packages: chosen.size, programs };
  console.log(`${name}: ${chosen.size} packages, ${result[name]!.programs.length} programs`);
}
fs.writeFileSync(OUT, JSON.stringify(result, null, 1) + '\n');
