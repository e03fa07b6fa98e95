// The Alpine stand-ins' /etc is their minirootfs's (scripts/catalog.ts alpineRootfsStep,
// catalog/alpine/etc/ and baselayout/): every file, link and directory with its mode, owner, size
// and bytes, /etc/shadow 640 root:shadow with a line per system account, so that root reads it, a
// user is refused, and busybox adduser writes its line there as the real image's does. The expected
// listings are the real tarballs' (test/recorded/alpine-minirootfs-etc/record.sh: tar's own
// modes, owners and sha256 of alpinelinux/docker-alpine's x86_64 minirootfs), never strata's; the
// adduser outputs are Alpine 3.19.4's own busybox in a chroot of its minirootfs
// (test/recorded/busybox-adduser/alpine-3.19.4.txt), run here in the plain catalog alpine:3.19.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alpineRootfsStep } from '../../scripts/catalog.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const RECORDED = join(import.meta.dirname, '..', 'recorded');

interface Entry {
  type: 'd' | 'f' | 'l';
  mode: number;
  owner: string;
  /** a file's sha256, a link's target, '-' for a directory */
  what: string;
}

/** A listing of record.sh: path → entry. */
function realListing(version: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const line of readFileSync(join(RECORDED, 'alpine-minirootfs-etc', `${version}.txt`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([dfl]) (\d+) (\d+:\d+) (\S+) (?:-> (\S+)|(\S+)) (\S+)$/.exec(line);
    if (m === null) throw new Error(`unparsed listing line: ${line}`);
    out.set(m[7], { type: m[1] as Entry['type'], mode: parseInt(m[2], 8), owner: m[3], what: m[1] === 'l' ? m[5] : m[6] });
  }
  return out;
}

// what a container lists of its image's /etc, in record.sh's words
const LIST = [
  'cd / && find etc | sort | while read -r p; do',
  '  if [ -L "$p" ]; then t=l; x=$(readlink "$p");',
  '  elif [ -d "$p" ]; then t=d; x=-;',
  '  else t=f; x=$(sha256sum "$p" | cut -d" " -f1); fi;',
  '  echo "$t $(stat -c "%a %u:%g" "$p") $x $p";',
  'done',
].join('\n');

function standInListing(d: SimulatedDocker, image: string): Map<string, Entry> {
  const r = d.run(`docker run --rm ${image} sh -c '${LIST}'`);
  expect(r.exitCode, r.output).toBe(0);
  const out = new Map<string, Entry>();
  for (const line of r.output.split('\n')) {
    if (line === '') continue;
    const m = /^([dfl]) (\d+) (\d+:\d+) (\S+) (\S+)$/.exec(line);
    if (m === null) throw new Error(`unparsed line: ${line}`);
    out.set(m[5], { type: m[1] as Entry['type'], mode: parseInt(m[2], 8), owner: m[3], what: m[4] });
  }
  return out;
}

/**
 * What the stand-ins do not have of the real /etc, on purpose (catalog/alpine/SOURCES.md, "Not
 * copied"): /etc/ssl's and /etc/ssl1.1's contents (certificates, OpenSSL's configuration), apk's
 * keys and world; /etc/mtab is the engine's own link; /etc/hostname, /etc/hosts and
 * /etc/resolv.conf of a container are its init layer's and Docker's mounts (their image files: the last test).
 */
const NOT_COPIED = /^etc\/(ssl\/.+|ssl1\.1(\/.*)?|apk\/keys\/.+|apk\/world|mtab|hostname|hosts|resolv\.conf)$/;

function comparable(listing: Map<string, Entry>, skip: (path: string) => boolean): string[] {
  return [...listing]
    .filter(([p]) => !NOT_COPIED.test(p) && !skip(p))
    .map(([p, e]) => `${e.type} ${e.mode.toString(8)} ${e.owner} ${e.what} ${p}`)
    .sort();
}

describe("the Alpine stand-ins' /etc, against the real minirootfs", () => {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  d.loadImages(['alpine:3.19', 'alpine:3.24', 'postgres:13-alpine']);

  it("alpine:3.19 is 3.19.4's, entry for entry: modes, owners (shadow 640 0:42, crontabs/root 600), bytes", () => {
    const real = realListing('3.19.4');
    expect(real.get('etc/shadow')).toMatchObject({ type: 'f', mode: 0o640, owner: '0:42' });
    expect(comparable(standInListing(d, 'alpine:3.19'), () => false)).toEqual(comparable(real, () => false));
  });

  it("alpine:3.24 is the edge rootfs's that became 3.21 (inferred), but for its version's words and shadow's group", () => {
    // the version's words: 3.24's own; shadow's gid 148 in the edge tarball is its builder's
    // (alpinelinux/docker-alpine#245): a release's is the shadow group, 42
    const versioned = /^etc\/(alpine-release|apk\/repositories|issue|secfixes\.d\/alpine|os-release)$/;
    const real = realListing('edge-20240923');
    const shadow = real.get('etc/shadow')!;
    expect(shadow.owner).toBe('0:148');
    real.set('etc/shadow', { ...shadow, owner: '0:42' });
    const standIn = standInListing(d, 'alpine:3.24');
    expect(comparable(standIn, (p) => versioned.test(p))).toEqual(comparable(real, (p) => versioned.test(p)));
    for (const p of ['etc/alpine-release', 'etc/apk/repositories', 'etc/issue', 'etc/secfixes.d/alpine']) expect(standIn.get(p)?.type, p).toBe('f');
    expect(d.run('docker run --rm alpine:3.24 cat /etc/issue /etc/secfixes.d/alpine').output).toBe(
      'Welcome to Alpine Linux 3.24\nKernel \\r on an \\m (\\l)\n\nhttps://secdb.alpinelinux.org/v3.24/main.json\nhttps://secdb.alpinelinux.org/v3.24/community.json\n',
    );
  });

  it("an image on 3.17 (postgres:13-alpine) has 3.17.10's /etc but for what its own Dockerfile changes", () => {
    const versioned = /^etc\/(alpine-release|apk\/repositories|issue|secfixes\.d\/alpine|os-release)$/;
    // postgres's Dockerfile adds its user and group
    const own = /^etc\/(passwd|group|postgresql.*)$/;
    const standIn = standInListing(d, 'postgres:13-alpine');
    const real = comparable(realListing('3.17.10'), (p) => versioned.test(p) || own.test(p));
    const got = comparable(standIn, (p) => versioned.test(p) || own.test(p) || !realListing('3.17.10').has(p));
    expect(got).toEqual(real);
  });

  it('has the image files no container shows: /etc/hostname and /etc/hosts (the init layer replaces them)', () => {
    // moby daemon/initlayer: every container's init layer unlinks and recreates them (empty), so
    // they are read here from the step's files, as the image's layer holds them
    const real = realListing('3.19.4');
    const { files } = alpineRootfsStep('3.19.4', 't');
    for (const name of ['hostname', 'hosts']) {
      const f = files.find((x) => x.rel === `alpine-rootfs/etc/${name}`);
      expect(f && createHash('sha256').update(f.text).digest('hex'), name).toBe(real.get(`etc/${name}`)!.what);
    }
  });
});

describe("/etc/shadow in use: root reads it, a user is refused, busybox adduser writes its line", () => {
  const d = new SimulatedDocker({ engine: 'docker-20.10' });
  d.loadImages(['alpine:3.19']);

  it("root reads the real file's lines; a user gets busybox's Permission denied", () => {
    const shadow = readFileSync(join(RECORDED, 'busybox-adduser', 'alpine-3.19.4.shadow'), 'utf8');
    expect(d.run('docker run --rm alpine:3.19 cat /etc/shadow').output).toBe(shadow);
    const user = d.run('docker run --rm --user nobody alpine:3.19 cat /etc/shadow');
    expect({ output: user.output, exit: user.exitCode }).toEqual({ output: "cat: can't open '/etc/shadow': Permission denied\n", exit: 1 });
  });

  // the recorded chroot cases that read /etc/shadow, run in the catalog's own alpine:3.19 (no
  // shadow file added, unlike test/shell/busybox-adduser.test.ts)
  const cases = readFileSync(join(RECORDED, 'busybox-adduser', 'cases.txt'), 'utf8').split('\n').filter((l) => l !== '');
  const runs = readFileSync(join(RECORDED, 'busybox-adduser', 'alpine-3.19.4.txt'), 'utf8').split(/^\$ sh -c .*\n/m).slice(1);
  const shadowCases = cases.map((c, i) => [c, runs[i]] as const).filter(([c]) => c.includes('/etc/shadow'));

  it('has recorded cases that read /etc/shadow', () => {
    expect(runs).toHaveLength(cases.length);
    expect(shadowCases.length).toBeGreaterThanOrEqual(4);
  });

  for (const [c, run] of shadowCases) {
    it(c.split('\\n')[0], () => {
      const [, output, exit] = /^([\s\S]*)\[exit (\d+)\]\n$/.exec(run)!;
      const r = d.run(`docker run --rm alpine:3.19 sh -c $'${c.replace(/'/g, "\\'")}'`);
      expect({ output: r.output, exit: r.exitCode }).toEqual({ output, exit: Number(exit) });
    });
  }
});
