// The catalog's generated contexts and the embedded bundle match their sources (catalog/README.md).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alpineRootfsStep, applyTemplate, CatalogError, checkCatalog, CATALOG_DIR, programLinks, usrMergeStep } from '../../scripts/catalog.ts';
import { USERLANDS, USR_LINKS } from '../../src/container/userland.ts';
import { catalogEntries, dockerfileOf } from '../../src/image/catalog/index.ts';
import { formatCatalog, listCatalog, type CatalogListing } from '../../src/image/catalog/listing.ts';
import { PROFILES } from '../../src/engine/profile.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { REPO_ROOT } from '../scenario/corpus.ts';

describe('catalog generation', () => {
  it('every generated context and the bundle are current (run `npm run catalog`)', () => {
    expect(checkCatalog()).toEqual([]);
  });

  it('fills {{NAME}} placeholders and refuses one without a value', () => {
    expect(applyTemplate('ENV PG_MAJOR={{PG_MAJOR}}\nVOLUME {{DATA}}', { PG_MAJOR: '16', DATA: '/var/lib/postgresql/data' }, 't')).toBe('ENV PG_MAJOR=16\nVOLUME /var/lib/postgresql/data');
    expect(() => applyTemplate('{{MISSING}}', {}, 'where')).toThrow(CatalogError);
    expect(() => applyTemplate('{{MISSING}}', {}, 'where')).toThrow('where: no value for {{MISSING}}');
  });
});

describe('merged /usr in the stand-ins of GNU systems', () => {
  it('moves busybox out of PATH, links /bin, /lib, /lib64 and /sbin into /usr for a merged release and keeps the real commands; bullseye keeps its directories', () => {
    const trixie = usrMergeStep('debian:trixie', 't');
    expect(trixie.split('\n').slice(0, 10).join('\n')).toBe(
      '# bash (and dash, a link to it), and the package managers of the real image (PACKAGE_MANAGERS in src/container/userland.ts), which refuse by name.\n' +
        'COPY unsimulated bash /.strata-stand-in/\n' +
        '# Merged /usr as in the real image (debian:trixie; sources: USR_LINKS in src/container/userland.ts):\n' +
        '# /bin, /lib, /lib64 and /sbin are links into /usr.\n' +
        "# The real image's commands among busybox's applets (debian:trixie;\n" +
        "# imageApplets in src/container/userland.ts, from repo-info's package lists); no other link, no busybox in PATH.\n" +
        'RUN mkdir -p /usr/bin /usr/lib /usr/lib64 /usr/sbin /.strata-stand-in \\\n' +
        ' && mv /bin/busybox /.strata-stand-in/busybox && rm /bin/* && rmdir /bin \\\n' +
        ' && ln -s usr/bin /bin && ln -s usr/lib /lib && ln -s usr/lib64 /lib64 && ln -s usr/sbin /sbin \\\n' +
        ' && for a in \\',
    );
    expect(trixie).toContain('    do ln -s /.strata-stand-in/busybox /usr/bin/$a; done \\\n');
    // then apt's programs (Debian/apt debian/apt.install), each a copy of the refusal
    expect(trixie.endsWith(
      ' && mkdir -p /usr/bin \\\n' +
        ' && for p in /usr/bin/apt /usr/bin/apt-cache /usr/bin/apt-cdrom /usr/bin/apt-config /usr/bin/apt-get /usr/bin/apt-key /usr/bin/apt-mark; \\\n' +
        '    do cp /.strata-stand-in/unsimulated $p; done \\\n' +
        // bash, as trixie's 5.2.37 names itself (repo-info: bash 5.2.37-2+b9)
        " && sed 's/@BASH_VERSION@/5.2.37(1)/; s/@BASH_YEAR@/2022/; s/@BASH_HOST@/x86_64-pc-linux-gnu/' /.strata-stand-in/bash > /usr/bin/bash && chmod 755 /usr/bin/bash && rm /.strata-stand-in/bash" +
        // and dash, whose /bin/sh it is (a link that strata runs as dash by its name)
        ' && ln -s bash /usr/bin/dash',
    )).toBe(true);
    // Oracle Linux has no dash (its /bin/sh is bash); bullseye's is /bin/dash
    expect(usrMergeStep('oraclelinux:9', 't')).not.toContain('dash');
    expect(usrMergeStep('debian:bullseye', 't')).toContain(' && ln -s bash /bin/dash');
    expect(usrMergeStep('oraclelinux:9', 't')).toContain("s/@BASH_VERSION@/5.1.8(1)/; s/@BASH_YEAR@/2020/; s/@BASH_HOST@/x86_64-redhat-linux-gnu/");
    expect(usrMergeStep('debian:bullseye', 't')).toContain('/.strata-stand-in/bash > /bin/bash && chmod 755 /bin/bash');
    expect(usrMergeStep('oraclelinux:9', 't')).toContain('for p in /usr/bin/microdnf; ');
    // the kept names are the command set's (test/image/stand-in-commands.test.ts checks the sets)
    expect(trixie).toContain(' awk ');
    expect(trixie).not.toContain(' wget ');
    const bullseye = usrMergeStep('debian:bullseye', 't');
    expect(bullseye).toContain('RUN mkdir -p /.strata-stand-in && mv /bin/busybox /.strata-stand-in/busybox && rm /bin/*');
    expect(bullseye).not.toContain('rmdir /bin');
    expect(() => usrMergeStep('alpine:3.24', 'where')).toThrow('where: USERLAND "alpine:3.24" is no key of USR_LINKS');
    expect(() => usrMergeStep('debian:trixie', 'where', 'nosuchpackage', 'x')).toThrow('where: no applets known for package nosuchpackage');
    expect(() => usrMergeStep('debian:trixie', 'where', 'wget')).toThrow('where: EXTRA_PACKAGES needs EXTRA_PACKAGES_SOURCE');
  });

  it("gives a tag's PROGRAMS links to the refusal stub, copied by the same step", () => {
    const step = usrMergeStep('debian:trixie', 't', '', undefined, '/usr/bin/mysqldump /usr/local/bin/x');
    expect(step).toContain('COPY unsimulated unsimulated-program bash /.strata-stand-in/\n');
    expect(step).toContain(' && mkdir -p /usr/bin /usr/local/bin && for p in \\\n    /usr/bin/mysqldump /usr/local/bin/x; \\\n    do ln -s /.strata-stand-in/unsimulated-program $p; done');
    expect(usrMergeStep('debian:trixie', 't')).not.toContain('unsimulated-program');
    expect(programLinks('', 't')).toBe('');
    expect(() => programLinks('usr/bin/x', 'where')).toThrow('where: PROGRAMS: "usr/bin/x" is no absolute path of a program');
    expect(() => programLinks('/a/x /a/x', 'where')).toThrow('where: PROGRAMS lists a path twice');
  });

  it('knows the layout of every system a marker may name', () => {
    expect(Object.keys(USR_LINKS).sort()).toEqual(Object.keys(USERLANDS).sort());
  });

  it("lays every generated Dockerfile with a marker out as its release, right after FROM", () => {
    let merged = 0;
    for (const e of catalogEntries()) {
      const text = dockerfileOf(e);
      const marker = /echo (\S+) > \/\.strata-stand-in\/userland/.exec(text)?.[1];
      // the first RUN instruction with its continuation lines
      const lines = text.split('\n');
      let at = lines.findIndex((l) => l.startsWith('RUN'));
      let first = at < 0 ? '' : lines[at];
      while (at >= 0 && lines[at].endsWith('\\')) first += `\n${lines[++at]}`;
      // a GNU image's first step moves busybox out of PATH and keeps the real image's commands
      if (marker !== undefined) expect(first, `${e.repository}:${e.tag}`).toContain('mv /bin/busybox /.strata-stand-in/busybox && rm /bin/*');
      const step = text.includes(' && ln -s usr/bin /bin');
      expect(step, `${e.repository}:${e.tag}`).toBe(marker !== undefined && marker !== 'debian:bullseye');
      if (step) {
        merged++;
        expect(first, `${e.repository}:${e.tag}`).toContain('/usr/bin /usr/lib');
      }
    }
    expect(merged).toBeGreaterThan(20);
  });

  it("has the stand-in's `bash --version` print the version strata's bash has in $BASH_VERSION", () => {
    let checked = 0;
    for (const e of catalogEntries()) {
      const text = dockerfileOf(e);
      const marker = /echo (\S+) > \/\.strata-stand-in\/userland/.exec(text)?.[1];
      const version = /s\/@BASH_VERSION@\/([^/]*)\//.exec(text)?.[1];
      if (marker === undefined || version === undefined) continue;
      checked++;
      expect(version === '' ? undefined : `${version}-release`, `${e.repository}:${e.tag}`).toBe(USERLANDS[marker].bashVersion);
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe("Alpine's minirootfs in the stand-ins of Alpine-based images", () => {
  // the facts of alpinelinux/docker-alpine's x86_64 minirootfs tarballs (catalog/alpine/SOURCES.md,
  // "The minirootfs"): 3.17.10 and 3.19.4 (alpine-baselayout-data 3.4), 3.20.3 (3.6.5), edge 20240923 (3.6.8)
  const file = (files: { rel: string; text: string }[], rel: string): string | undefined => files.find((f) => f.rel === rel)?.text;

  it('gives 3.17 to 3.19 baselayout 3.4 and absolute links, 3.20 baselayout 3.6, 3.21 on relative links and /usr/lib/os-release', () => {
    const old = alpineRootfsStep('3.17.1', 't');
    expect(file(old.files, 'alpine-rootfs/etc/passwd')?.split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/ash');
    expect(file(old.files, 'alpine-rootfs/etc/passwd')?.trimEnd().split('\n')).toHaveLength(27);
    expect(file(old.files, 'alpine-rootfs/etc/os-release')).toContain('VERSION_ID=3.17.1\nPRETTY_NAME="Alpine Linux v3.17"\n');
    expect(file(old.files, 'alpine-rootfs/usr/lib/os-release')).toBeUndefined();
    expect(old.step).toContain('ln -s /run /var/run');
    expect(old.step).toContain('/var/lock/subsys');
    expect(old.step).not.toContain('/var/lock -> ');
    const v320 = alpineRootfsStep('3.20.3', 't');
    expect(file(v320.files, 'alpine-rootfs/etc/passwd')?.split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/sh');
    expect(file(v320.files, 'alpine-rootfs/etc/passwd')?.trimEnd().split('\n')).toHaveLength(17);
    expect(file(v320.files, 'alpine-rootfs/etc/os-release')).toBeDefined();
    expect(v320.step).toContain('ln -s /run /var/run');
    const v324 = alpineRootfsStep('3.24.2', 't');
    expect(file(v324.files, 'alpine-rootfs/etc/group')).toBe(file(v320.files, 'alpine-rootfs/etc/group'));
    expect(file(v324.files, 'alpine-rootfs/usr/lib/os-release')).toContain('VERSION_ID=3.24.2\nPRETTY_NAME="Alpine Linux v3.24"\n');
    expect(file(v324.files, 'alpine-rootfs/etc/os-release')).toBeUndefined();
    expect(file(v324.files, 'alpine-rootfs/etc/apk/repositories')).toBe('https://dl-cdn.alpinelinux.org/alpine/v3.24/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.24/community\n');
    expect(v324.step).toContain('ln -s ../run /var/run \\\n && ln -s ../run/lock /var/lock');
    expect(v324.step).toContain('ln -s ../usr/lib/os-release /etc/os-release');
    expect(v324.step).not.toContain('/var/lock/subsys');
  });

  it('refuses a version it has no minirootfs facts for', () => {
    expect(() => alpineRootfsStep('3.16.9', 'w')).toThrow('w: ALPINE_VERSION 3.16.9: the catalog knows the minirootfs of 3.17 and later only');
    expect(() => alpineRootfsStep('edge', 'w')).toThrow(CatalogError);
  });

  it('lays every stand-in whose template names an Alpine version out as that minirootfs, before its own users', () => {
    let alpine = 0;
    for (const e of catalogEntries()) {
      const text = dockerfileOf(e);
      const version = /alpine-minirootfs-(3\.\d+\.\d+)-x86_64|\(Alpine (3\.\d+\.\d+)|alpine (3\.\d+\.\d+)/.exec(text);
      if (version === null) continue;
      alpine++;
      const at = text.indexOf('COPY alpine-rootfs/ /');
      expect(at, `${e.repository}:${e.tag}`).toBeGreaterThan(0);
      expect(text, `${e.repository}:${e.tag}`).toContain(`Alpine ${version[1] ?? version[2] ?? version[3]}'s minirootfs`);
      // a server's user is appended after Alpine's own
      const user = text.indexOf('>> /etc/passwd');
      if (user >= 0) expect(user, `${e.repository}:${e.tag}`).toBeGreaterThan(at);
    }
    // alpine 3.19, 3.24, latest; node 20-, 22-alpine, alpine; python alpine; postgres 13-, 16-, 17-, 18-alpine, alpine; nginx, httpd, redis alpine ...
    expect(alpine).toBeGreaterThanOrEqual(15);
  });
});

describe('every catalog image is sourced and recorded', () => {
  const entries = catalogEntries();

  it('the catalog holds the images tutorials use', () => {
    const refs = new Set(entries.map((e) => `${e.repository}:${e.tag}`));
    for (const ref of ['postgres:16', 'postgres:16-alpine', 'postgres:18', 'mysql:9.2.0', 'nginx:alpine', 'nginx:latest', 'alpine:latest', 'alpine:3.19', 'php:apache', 'node:20-alpine', 'ubuntu:latest', 'redis:latest', 'mongo:latest', 'mariadb:latest', 'httpd:latest', 'wordpress:latest', 'python:latest', 'debian:latest']) {
      expect(refs.has(ref), ref).toBe(true);
    }
  });

  it('each repository says where its facts come from (SOURCES.md), and each Dockerfile cites them', () => {
    for (const repo of new Set(entries.map((e) => e.repository))) {
      expect(fs.existsSync(path.join(CATALOG_DIR, repo, 'SOURCES.md')), `catalog/${repo}/SOURCES.md`).toBe(true);
    }
    for (const e of entries) {
      // a pinned commit (40 hex digits) of the upstream repository or of repo-info
      expect(dockerfileOf(e), `${e.repository}:${e.tag}`).toMatch(/[0-9a-f]{40}|@[0-9a-f]{7,}/);
    }
  });

  it.each(['docker-20.10', 'docker-26.1'])('each image is named by a recorded scenario on %s', (engine) => {
    const dir = path.join(REPO_ROOT, 'test/recorded', engine, 'catalog');
    const named = new Set<string>();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.scenario'))) {
      const s = parseScenario(fs.readFileSync(path.join(dir, f), 'utf8'), f);
      for (const i of s.images) named.add(i.ref.includes(':') ? i.ref : `${i.ref}:latest`);
    }
    const missing = entries.map((e) => `${e.repository}:${e.tag}`).filter((r) => !named.has(r));
    expect(missing).toEqual([]);
  });
});

// `strata images --catalog` (src/image/catalog/listing.ts): strata's own listing, so no recording
// states it; each row must be what a pull of the image gives (its config), and the table is laid
// out as the docker CLI's tables are (text/tabwriter, padding 3: each column as wide as its widest
// cell plus three blanks, the last one unpadded).
describe('the catalog listing', () => {
  // one engine: the listing builds every stand-in (seconds), and the engines' stand-ins have one config
  it('lists every catalog image with the volumes, workdir and user the pulled image has', () => {
    const engine = 'docker-26.1';
    const rows = listCatalog(PROFILES[engine]);
    expect(rows.map((r) => r.image)).toEqual(catalogEntries().map((e) => `${e.repository}:${e.tag}`));
    const d = new SimulatedDocker({ engine });
    // one image of each kind: several volumes (mongo's, declared out of order), a WORKDIR, none
    const chosen = new Set([rows.find((r) => r.volumes.length > 1), rows.find((r) => r.workdir !== ''), rows.find((r) => r.volumes.length === 0 && r.workdir === '' && r.user === '')]);
    expect(chosen.size).toBe(3);
    for (const row of chosen) {
      if (row === undefined) throw new Error('the catalog lacks an image of that kind');
      expect(d.run(`docker pull -q ${row.image}`).exitCode).toBe(0);
      const r = d.run(`docker image inspect -f '{{json .Config.Volumes}}|{{.Config.WorkingDir}}|{{.Config.User}}' ${row.image}`);
      const [volumes, workdir, user] = r.output.trimEnd().split('|');
      // Go's encoding/json writes a map's keys sorted
      expect({ volumes: Object.keys(JSON.parse(volumes) ?? {}), workdir, user }, row.image).toEqual({ volumes: row.volumes, workdir: row.workdir, user: row.user });
    }
  });

  it('is a table: every cell starts under its header, columns three blanks past their widest cell, "-" for nothing', () => {
    const rows: CatalogListing[] = [
      { image: 'a:1', volumes: ['/data', '/logs'], workdir: '', user: '' },
      { image: 'longer-name:tag', volumes: [], workdir: '/srv/app', user: 'www-data' },
    ];
    const text = formatCatalog(rows);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    const cells = [['IMAGE', 'VOLUMES', 'WORKDIR', 'USER'], ['a:1', '/data,/logs', '-', '-'], ['longer-name:tag', '-', '/srv/app', 'www-data']];
    expect(lines).toHaveLength(cells.length);
    let start = 0;
    for (let col = 0; col < 4; col++) {
      const width = Math.max(...cells.map((c) => c[col].length));
      for (let i = 0; i < lines.length; i++) {
        const cell = col === 3 ? lines[i].slice(start) : lines[i].slice(start, start + width + 3);
        expect(cell, `line ${i}, column ${col}`).toBe(col === 3 ? cells[i][col] : cells[i][col].padEnd(width + 3));
      }
      start += width + 3;
    }
  });
});
