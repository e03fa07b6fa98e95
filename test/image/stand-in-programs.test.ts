// The server images' programs that their stand-ins do not run are there all the same and refuse by
// name (exit 125, `strata does not simulate \`X\``), as pg_dump always did: never `executable file not
// found` or `sh: 1: X: not found` where the real image would run them (a normal install, no
// --busybox-stand-ins). The lists below are the real images' programs, written out here from the
// sources (each image's SOURCES.md, "Programs", cites them at their pinned commits), never from strata:
// - postgres (Debian): postgresql-client-N and postgresql-N's /usr/lib/postgresql/N/bin (this Debian
//   12 host's `dpkg -L postgresql-client-15 postgresql-15`; pg_amcheck from 14, pg_combinebackup,
//   pg_createsubscriber and pg_walsummary from 17, the postmaster link until 15), their /usr/bin links
//   to pg_wrapper (postgresql-client-common) and postgresql-common's cluster tools;
// - postgres (alpine): the same programs built by `make install-world-bin` and `make -C contrib
//   install` in /usr/local/bin, with ecpg (docker-library/postgres 17/alpine3.23/Dockerfile);
// - mysql: mysql-community-server-minimal's mysqldump, mysql_tzinfo_to_sql (the entrypoint runs it),
//   my_print_defaults, mysqlpump (8.0), and mysql-shell's mysqlsh (docker-library/mysql Dockerfile.oracle);
// - mariadb: the programs its entrypoint runs, mariadb-client's, socat and pwgen (MariaDB/mariadb-docker);
// - mongo: mongodb-org-shell, -mongos, -tools and -database-tools-extra (docker-library/mongo);
// - redis: `make install` (redis-benchmark, and redis-check-aof, redis-check-rdb, redis-sentinel);
// - httpd: `make install` into /usr/local/apache2/bin (httpd support/Makefile.in; apxs and dbmmanage are
//   perl scripts, and only the Debian image has perl);
// - nginx: curl and gettext-base (Debian: envsubst, gettext, ngettext) or gettext-envsubst (alpine);
// - php: make install's phar.phar and phar; the apache variant's apache2 and apache2-utils (`dpkg -c`
//   of Debian's 2.4 packages); wordpress adds ghostscript (gs, ghostscript, ps2pdf, pdf2ps, ...);
// - python: CPython's make install (idle3, pydoc3, python3-config, 2to3 until 3.12, versioned names)
//   and the image's link loop (idle, pydoc, python-config).
// And the Debian packages of the images (catalog/debian-programs.json, PROGRAM_SET), by their files
// (every image built on bookworm or trixie has the base):
// - debian:trixie's and bookworm's base: perl-base's perl, libc-bin's getent, ldd, iconv and locale,
//   passwd's useradd and groupadd, coreutils' stdbuf and numfmt, ncurses-bin's tput, dpkg's
//   dpkg-query, util-linux's findmnt and lsblk;
// - buildpack-deps (the full python and node tags): git, curl, gcc, g++ and cc, make, mercurial's hg,
//   subversion's svn, openssh-client's ssh and scp, gnupg's gpg, autoconf, file, imagemagick's convert.
// - Ubuntu's (ubuntu, mongo, mariadb), repo-info's package lists of jammy, noble and resolute, and
//   bullseye's minbase (postgres:13): the same base programs (perl-base, libc-bin, passwd, coreutils,
//   ncurses-bin, dpkg, util-linux in each); resolute's gnu-coreutils adds `gnuls` and the other
//   `gnu`-prefixed GNU tools (archive.ubuntu.com's resolute Contents-amd64).
// - the server images' own Debian packages beyond the base: php's PHPIZE_DEPS (gcc, g++ and cc, make,
//   autoconf, pkg-config, re2c, file) and curl (docker-library/php 8.5/trixie/{cli,apache}/Dockerfile,
//   wordpress' base); ca-certificates' update-ca-certificates and openssl in httpd (its history's
//   apt-get install in repo-info) and nginx (mainline/debian/Dockerfile); postgres' gnupg, less,
//   locales and zstd (docker-library/postgres 16/trixie/Dockerfile; 13's gnupg, dirmngr, locales and
//   zstd without less, from its history in repo-info).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== '');

const PG_CLIENT = 'clusterdb createdb createuser dropdb dropuser pg_basebackup pg_dump pg_dumpall pg_receivewal pg_recvlogical pg_restore reindexdb vacuumdb';
const PG_SERVER = 'oid2name pg_archivecleanup pg_checksums pg_config pg_controldata pg_resetwal pg_rewind pg_test_fsync pg_test_timing pg_upgrade pg_verifybackup pg_waldump pgbench vacuumlo';
const PG_17 = 'pg_amcheck pg_combinebackup pg_createsubscriber pg_walsummary';
const PG_COMMON = 'pg_backupcluster pg_buildext pg_conftool pg_createcluster pg_ctlcluster pg_dropcluster pg_lsclusters pg_renamecluster pg_restorecluster pg_upgradecluster pg_virtualenv pg_updatedicts';
const MYSQL = 'mysqldump mysql_tzinfo_to_sql my_print_defaults mysqlsh';
const HTTPD = 'ab apachectl checkgid fcgistarter htcacheclean htdbm htdigest htpasswd httxt2dbm logresolve rotatelogs';
const APACHE2 = `a2disconf a2dismod a2dissite a2enconf a2enmod a2ensite a2query apache2ctl apachectl check_forensic httxt2dbm
  split-logfile ab checkgid fcgistarter htcacheclean htdbm htdigest htpasswd logresolve rotatelogs`;
const PY = (minor: string): string => `idle3 idle${minor} idle pydoc3 pydoc${minor} pydoc python3-config python${minor}-config python-config`;

const cases: [string, string[]][] = [
  ['postgres:13', words(`${PG_CLIENT} ${PG_SERVER} postmaster ${PG_COMMON}`)],
  ['postgres:16', words(`${PG_CLIENT} ${PG_SERVER} pg_amcheck ${PG_COMMON}`)],
  ['postgres:17', words(`${PG_CLIENT} ${PG_SERVER} ${PG_17} ${PG_COMMON}`)],
  ['postgres:18', words(`${PG_CLIENT} ${PG_SERVER} ${PG_17} ${PG_COMMON}`)],
  ['postgres:13-alpine', words(`${PG_CLIENT} ${PG_SERVER} postmaster ecpg`)],
  ['postgres:16-alpine', words(`${PG_CLIENT} ${PG_SERVER} pg_amcheck ecpg`)],
  ['postgres:18-alpine', words(`${PG_CLIENT} ${PG_SERVER} ${PG_17} ecpg`)],
  ['mysql:8.0', words(`${MYSQL} mysqlpump`)],
  ['mysql:8.4', words(MYSQL)],
  ['mysql:9.2.0', words(MYSQL)],
  ['mysql:latest', words(MYSQL)],
  [
    'mariadb:lts',
    words(`mariadb-admin mariadb-backup mariadb-dump mariadb-install-db mariadb-tzinfo-to-sql mariadb-upgrade my_print_defaults
      mariadb-binlog mariadb-check mariadb-import mariadb-show mariadb-slap socat pwgen`),
  ],
  ['mongo:7', words('mongosh mongos install_compass bsondump mongodump mongoexport mongofiles mongoimport mongorestore mongostat mongotop')],
  ['mongo:8', words('mongosh mongos install_compass bsondump mongodump mongoexport mongofiles mongoimport mongorestore mongostat mongotop')],
  ['redis:7', words('redis-benchmark redis-check-aof redis-check-rdb redis-sentinel')],
  ['redis:8', words('redis-benchmark redis-check-aof redis-check-rdb redis-sentinel')],
  ['redis:alpine', words('redis-benchmark redis-check-aof redis-check-rdb redis-sentinel')],
  ['httpd:latest', words(`${HTTPD} apxs dbmmanage`)],
  ['httpd:alpine', words(HTTPD)],
  ['nginx:latest', words('curl envsubst gettext ngettext')],
  ['nginx:alpine', words('curl envsubst')],
  ['php:cli', words('phar phar.phar')],
  ['php:8.3-cli', words('phar phar.phar')],
  ['php:apache', words(`phar phar.phar ${APACHE2}`)],
  ['wordpress:latest', words(`phar phar.phar ${APACHE2} gs ghostscript ps2pdf pdf2ps`)],
  ['python:3.12', words(`${PY('3.12')} 2to3 2to3-3.12`)],
  ['python:3.12-slim', words(`${PY('3.12')} 2to3 2to3-3.12`)],
  ['python:latest', words(PY('3.14'))],
  ['python:alpine', words(PY('3.14'))],
];

const DEBIAN_BASE = 'perl getent ldd iconv locale useradd groupadd stdbuf numfmt tput dpkg-query findmnt lsblk';
const BUILDPACK = 'git curl gcc g++ cc make hg svn ssh scp gpg autoconf file convert';
const PHPIZE = 'gcc g++ cc make autoconf pkg-config re2c file curl';
const POSTGRES_DEBIAN = 'gpg gpg-agent less locale-gen update-locale zstd';
cases.push(
  ['debian:trixie', words(DEBIAN_BASE)],
  ['debian:bookworm', words(DEBIAN_BASE)],
  ['python:3.12-slim', words(DEBIAN_BASE)],
  ['python:3.12', words(`${BUILDPACK} ${DEBIAN_BASE}`)],
  ['python:latest', words(BUILDPACK)],
  ['node:20', words(`${BUILDPACK} ${DEBIAN_BASE}`)],
  ['node:22', words(BUILDPACK)],
  ['node:latest', words(BUILDPACK)],
  ['postgres:16', words(DEBIAN_BASE)],
  ['redis:7', words(DEBIAN_BASE)],
  ['nginx:latest', words(DEBIAN_BASE)],
  ['php:apache', words(DEBIAN_BASE)],
  ['ubuntu:24.04', words(DEBIAN_BASE)],
  ['ubuntu:22.04', words(DEBIAN_BASE)],
  ['ubuntu:latest', words(`${DEBIAN_BASE} gnuls gnucp`)],
  ['mongo:7', words(DEBIAN_BASE)],
  ['mongo:8', words(DEBIAN_BASE)],
  ['mariadb:lts', words(DEBIAN_BASE)],
  ['postgres:13', words(DEBIAN_BASE)],
  ['php:cli', words(PHPIZE)],
  ['php:8.3-cli', words(PHPIZE)],
  ['php:apache', words(PHPIZE)],
  ['wordpress:latest', words(PHPIZE)],
  ['httpd:latest', words('openssl update-ca-certificates')],
  ['nginx:latest', words('openssl update-ca-certificates')],
  ['postgres:16', words(POSTGRES_DEBIAN)],
  ['postgres:17', words(POSTGRES_DEBIAN)],
  ['postgres:18', words(POSTGRES_DEBIAN)],
  ['postgres:13', words('gpg dirmngr locale-gen zstd')],
);

describe("a server image's programs the stand-in does not run are refused by name, never not found", () => {
  it.each(cases)('%s', (image, programs) => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run(`docker pull -q ${image}`).exitCode).toBe(0);
    // each from the image's shell, through its PATH, as `docker exec db sh -c '...'` runs it
    const r = d.run(`docker run --rm --entrypoint sh ${image} -c 'for p in ${programs.join(' ')}; do "$p" --version 2>&1; echo "$p: $?"; done'`);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).not.toMatch(/not found/);
    for (const p of programs) {
      expect(r.output, p).toContain(`strata does not simulate \`${p}\``);
      expect(r.output, p).toContain(`\n${p}: 125\n`);
    }
    // and as Docker's own exec finds it in PATH (`docker exec db createdb ...`)
    const exec = d.run(`docker run --rm --entrypoint ${programs[0]} ${image}`);
    expect(exec.exitCode, exec.output).toBe(125);
    expect(exec.output).toContain(`strata does not simulate \`${programs[0]}\``);
  });
});

describe("the refusals leave the stand-in's own commands and what the real image lacks alone", () => {
  it.each([
    ['debian:trixie', 'vim git'],
    ['python:3.12-slim', 'git curl gcc'],
  ])('%s: %s stay not found, the simulated commands still run', (image, absent) => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run(`docker pull -q ${image}`).exitCode).toBe(0);
    const r = d.run(`docker run --rm --entrypoint sh ${image} -c 'for p in ${absent}; do "$p" 2>&1; echo "$p: $?"; done; which ls sed awk; test -e /usr/sbin/chroot; echo "sbin/chroot: $?"; echo hi | awk "{print \\$1}"'`);
    for (const p of words(absent)) expect(r.output, p).toMatch(new RegExp(`${p}: not found\\n${p}: 127\\n`));
    // the stand-in's own programs, not a refusal's link: none is made where the real image's
    // program has a name the stand-in has elsewhere (its chroot is /usr/bin's, the real one /usr/sbin's)
    expect(r.output).toContain('/usr/bin/ls\n/usr/bin/sed\n/usr/bin/awk\nsbin/chroot: 1\nhi\n');
  });
});
