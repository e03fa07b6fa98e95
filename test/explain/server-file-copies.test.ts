// Copies of a real server's files in explain's "gone for good": a server's files are placeholders
// in a normal install (FileNode.placeholder), often empty, and count as data (trees.ts holdsData).
// A copy made with cp -a or tar (which carry the mark) must keep them from being told as lost.

import { describe, expect, it } from 'vitest';
import { explainSteps } from '../../src/explain/explain.ts';
import type { Copy, DataEvent, Place } from '../../src/explain/schema.ts';
import { scenarioSession } from '../../src/explain/session.ts';
import { parseScenario } from '../../src/scenario/parse.ts';

const explained = (text: string) => explainSteps(scenarioSession(parseScenario(`# engine: docker-26.1\n# images: postgres:16\n\n${text}`, 'test.scenario'), {})).explanation;
const notesOf = (text: string): string[] => explained(text).steps.flatMap((s) => s.notes);

const where = (c: Copy): string => {
  const at: Place = c.at;
  const member = c.member !== undefined ? `#${c.member}` : '';
  return at.kind === 'volume' ? `volume ${at.volume.name}:${c.atPath}${member}` : at.kind === 'host' ? `host ${at.shown}${member}` : at.kind;
};

/**
 * What the last command destroyed of the server's files (the volume's placeholders; `/base/1/1249`):
 * each one's copy (`volume backup:/old-base/1/1249`, `host $PWD/x`, an archive's `...#member`) or `lost`.
 */
function fatesOfServerFiles(text: string): Map<string, string> {
  const x = explained(text);
  const destroyed = x.steps.at(-1)!.events.filter((e): e is Extract<DataEvent, { type: 'destroyed' }> => e.type === 'destroyed');
  expect(destroyed.length).toBe(1);
  const [d] = destroyed;
  const fates = new Map<string, string>();
  for (const e of d.entries) if (e.sizeUnknown === true && e.kind === 'file') fates.set(e.path, 'none');
  for (const c of d.copies) if (fates.has(c.path)) fates.set(c.path, where(c));
  for (const l of d.lost) if (fates.has(l.path)) fates.set(l.path, 'lost');
  // every one of them is told: a copy or gone for good
  expect([...fates.values()].filter((f) => f === 'none')).toEqual([]);
  expect(fates.size).toBeGreaterThan(10);
  return fates;
}

/** Two postgres clusters, db1 in volume pg1 and db2 in volume pg2: equal placeholders under the same names. */
const TWO_CLUSTERS = `$ docker run -d --name db1 -e POSTGRES_PASSWORD=secret -v pg1:/var/lib/postgresql/data postgres:16
$ docker run -d --name db2 -e POSTGRES_PASSWORD=secret -v pg2:/var/lib/postgresql/data postgres:16
`;

/** A postgres cluster in an anonymous volume, orphaned by docker rm -f, then its name in $V for the commands after. */
const ORPHAN = `$ docker run -d --name db -e POSTGRES_PASSWORD=secret -v /var/lib/postgresql/data postgres:16
$ docker exec db psql -U postgres -c "CREATE TABLE t (x int);"
$ docker rm -f db
`;

describe("a copy of a server's files keeps them from being gone for good", () => {
  it('cp -a into a named volume, then the prune: no file is gone for good (the copies survive)', () => {
    const notes = notesOf(`${ORPHAN}$ docker run --rm -v $(docker volume ls -q -f dangling=true | head -1):/from -v db-data:/to busybox cp -a /from/. /to/
$ docker volume prune -f
`);
    const prune = notes.filter((n) => n.includes('removed (docker volume prune'));
    expect(prune.length).toBeGreaterThan(0);
    for (const n of prune) expect(n).not.toContain('gone for good');
    expect(prune.join('\n')).toContain('survives in volume db-data');
  });
  it('without the copy the same prune loses them', () => {
    const notes = notesOf(`${ORPHAN}$ docker volume prune -f
`);
    const prune = notes.filter((n) => n.includes('removed (docker volume prune'));
    expect(prune.join('\n')).toContain('gone for good');
  });
  it('tar of the volume into the host, then the prune: the archive keeps them', () => {
    const notes = notesOf(`${ORPHAN}$ docker run --rm -v $(docker volume ls -q -f dangling=true | head -1):/data -v $(pwd):/backup busybox tar cf /backup/pg.tar -C /data .
$ docker volume prune -f
`);
    const prune = notes.filter((n) => n.includes('removed (docker volume prune'));
    expect(prune.length).toBeGreaterThan(0);
    for (const n of prune) expect(n).not.toContain('gone for good');
    expect(prune.join('\n')).toContain('archive member');
  });
});

describe("two clusters of one server: a copy is of exactly the files it copied (FileNode.placeholderId)", () => {
  it("cp -a of pg1, renamed in the backup, then pg1 removed: each file's copy is the backup's, never pg2's equal file", () => {
    const fates = fatesOfServerFiles(`${TWO_CLUSTERS}$ docker run --rm -v pg1:/from -v backup:/to busybox sh -c 'cp -a /from/. /to/ && mv /to/base /to/old-base'
$ docker rm -f db1 db2
$ docker volume rm pg1
`);
    expect(fates.get('/base/1/1249')).toBe('volume backup:/old-base/1/1249');
    for (const [path, fate] of fates) expect(fate, path).toBe(`volume backup:${path.replace(/^\/base\//, '/old-base/')}`);
  });

  it("a copy of pg2 only: pg1's files are gone for good (pg2's equal files are another cluster's)", () => {
    const fates = fatesOfServerFiles(`${TWO_CLUSTERS}$ docker run --rm -v pg2:/from -v backup:/to busybox cp -a /from/. /to/
$ docker rm -f db1 db2
$ docker volume rm pg1
`);
    for (const [path, fate] of fates) expect(fate, path).toBe('lost');
  });

  it("tar of pg2 on the host and docker cp of db1's data: pg1's copies are what docker cp wrote, none an archive member of pg2's", () => {
    const fates = fatesOfServerFiles(`${TWO_CLUSTERS}$ docker run --rm -v pg2:/data -v $(pwd):/backup busybox tar cf /backup/pg2.tar -C /data .
$ docker cp db1:/var/lib/postgresql/data/global ./global-copy
$ docker rm -f db1 db2
$ docker volume rm pg1
`);
    expect(fates.get('/global/pg_control')).toBe('host $PWD/global-copy/pg_control');
    for (const [path, fate] of fates) expect(fate, path).toBe(path.startsWith('/global/') ? `host $PWD/global-copy/${path.slice('/global/'.length)}` : 'lost');
  });

  it("the server writes after the backup: the files it wrote again are gone for good, the rest survive in the backup", () => {
    const fates = fatesOfServerFiles(`${TWO_CLUSTERS}$ docker run --rm -v pg1:/from -v backup:/to busybox cp -a /from/. /to/
$ docker exec db1 psql -U postgres -c "CREATE TABLE t (x int);"
$ docker rm -f db1 db2
$ docker volume rm pg1
`);
    const lost = [...fates].filter(([, f]) => f === 'lost').map(([p]) => p);
    // CREATE TABLE writes the table's file and, in its database, the catalogs that list it
    expect(lost).toContain('/base/5/16384');
    expect(lost).toContain('/base/5/1259');
    expect(lost).not.toContain('/base/1/1259');
    expect(lost.length).toBeLessThan(fates.size / 2);
    for (const [path, fate] of fates) if (fate !== 'lost') expect(fate, path).toBe(`volume backup:${path}`);
  });

  it("a cluster in a writable layer, committed, then copied into a new volume on mount: its files' copies are that volume's, not pg2's", () => {
    const fates = fatesOfServerFiles(`$ docker run -d --name db1 -e POSTGRES_PASSWORD=secret -e PGDATA=/pgdata postgres:16
$ docker run -d --name db2 -e POSTGRES_PASSWORD=secret -e PGDATA=/pgdata -v pg2:/pgdata postgres:16
$ docker commit db1 snap
$ docker create --name restore -v restored:/pgdata snap
$ docker rm -f db1
`);
    const layer = [...fates].filter(([p]) => p.startsWith('/pgdata/'));
    expect(layer.length).toBeGreaterThan(10);
    for (const [path, fate] of layer) expect(fate, path).toBe(`volume restored:${path.slice('/pgdata'.length)}`);
  });
});
