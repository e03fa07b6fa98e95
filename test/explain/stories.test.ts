// The events of every walkthrough and lesson (issue 11): for each story, the facts a student must
// be told, asserted on the structured events; then the notes as `strata explain` prints them,
// pinned in test/explain/notes/ (each file was read and judged right: see docs/explain.md).

import { describe, expect, it } from 'vitest';
import { explainFile, eventsAt, ofType, STORIES } from './helpers.ts';
import type { DataEvent, Explanation } from '../../src/explain/schema.ts';

const x = (file: string): Explanation => explainFile(file);
const types = (events: readonly DataEvent[]): string[] => events.map((e) => e.type);

describe('walkthroughs', () => {
  it('mysql-data-gone: the order goes into the anonymous volume, which plain rm -f orphans; the next db gets a new one; prune deletes the orphan after its copy was made', () => {
    const e = x('scenarios/walkthroughs/mysql-data-gone.scenario');
    // command 3: the exec wrote into the anonymous volume, not the writable layer (docker diff is empty)
    const [w] = ofType(eventsAt(e, 3), 'written');
    expect(w).toMatchObject({ place: { kind: 'volume', volume: { anonymous: true, shown: '<id2>' } }, by: { kind: 'container', containers: [{ name: 'db' }] } });
    expect(w.changes).toEqual([{ path: '/shop/orders.csv', kind: 'file', bytes: 14, change: 'created', seenAt: '/var/lib/mysql/shop/orders.csv' }]);
    // command 7: rm -f destroys an empty writable layer and orphans <id2> with the order in it
    expect(types(eventsAt(e, 7))).toEqual(['container-removed', 'orphaned']);
    const [o] = ofType(eventsAt(e, 7), 'orphaned');
    expect(o.volume.shown).toBe('<id2>');
    expect(o.entries).toContainEqual({ path: '/shop/orders.csv', kind: 'file', bytes: 14 });
    expect(o.recovery.map((c) => c.command)).toEqual([
      'docker run --rm -v <id2>:/data busybox ls -lR /data',
      'docker run --rm -v <id2>:/from -v db-data:/to busybox cp -a /from/. /to/',
      'docker run -d -v <id2>:/var/lib/mysql mysql:8.0',
    ]);
    expect(o.prune).toMatchObject({ prune: true, pruneAll: true });
    // command 8: the new db gets a new anonymous volume; the old data stays in <id2>
    const [n] = ofType(eventsAt(e, 8), 'not-reattached');
    expect(n).toMatchObject({ container: { name: 'db' }, destination: '/var/lib/mysql', volume: { shown: null }, orphan: { shown: '<id2>' } });
    // ... and --rm deletes that new volume, which held only the entrypoint's empty directories
    const [gone] = ofType(eventsAt(e, 8), 'destroyed');
    expect(gone).toMatchObject({ place: { kind: 'volume' }, by: { kind: 'auto-remove' }, lost: [], copies: [] });
    // command 11 copies the orphan into mysql-data; command 13's prune deletes the orphan, but a copy survives
    const [d] = ofType(eventsAt(e, 13), 'destroyed');
    expect(d).toMatchObject({ place: { kind: 'volume', volume: { shown: '<id2>' } }, by: { kind: 'volume-prune' }, lost: [] });
    expect(d.copies).toEqual([{ path: '/shop/orders.csv', at: expect.objectContaining({ kind: 'volume', volume: expect.objectContaining({ name: 'mysql-data' }) }), atPath: '/shop/orders.csv' }]);
    expect(e.summary.losses.flatMap((l) => l.lost)).toEqual([]);
    expect(e.summary.orphaned).toEqual([]);
    expect(e.summary.data.find((h) => h.place.kind === 'volume')).toMatchObject({ place: { volume: { name: 'mysql-data' } }, users: [], prune: { prune: false, pruneAll: true } });
  });

  it('mysql-data-gone on 20.10: the same story, and the prune rule of that engine', () => {
    const e = explainFile('scenarios/walkthroughs/mysql-data-gone.scenario', 'docker-20.10');
    expect(ofType(eventsAt(e, 7), 'orphaned')[0].prune.why).toContain('docker-20.10 docker volume prune removes every volume no container uses, named ones too');
    // on 20.10 that prune also deletes the named copy: mysql-data is gone at the end, and the order with it
    const removed = ofType(eventsAt(e, 13), 'destroyed');
    expect(removed.map((r) => (r.place.kind === 'volume' ? r.place.volume.name : ''))).toContain('mysql-data');
    expect(e.summary.losses.flatMap((l) => l.lost.map((f) => f.path))).toEqual(['/shop/orders.csv', '/shop/orders.csv']);
  });

  it('backup-restore-tar: copy-on-empty-mount brings settings.ini into each new volume; the prune leaves copies in notes-restored and the image', () => {
    const e = x('scenarios/walkthroughs/backup-restore-tar.scenario');
    expect(ofType(eventsAt(e, 2), 'copied-from-image')[0]).toMatchObject({ destination: '/data', entries: [{ path: '/data/settings.ini', bytes: 12 }] });
    // the backup is written through the bind mount into the host's $PWD
    expect(ofType(eventsAt(e, 3), 'written')[0]).toMatchObject({ place: { kind: 'host', shown: '$PWD' }, changes: [{ path: '/home/student/work/notes.tar', change: 'created', seenAt: '/backup/notes.tar' }] });
    expect(ofType(eventsAt(e, 10), 'orphaned')).toHaveLength(2);
    const pruned = ofType(eventsAt(e, 11), 'destroyed');
    expect(pruned).toHaveLength(2);
    for (const p of pruned) expect(p.lost).toEqual([]);
    expect(pruned[1].copies.map((c) => [c.path, c.at.kind])).toEqual([['/notes.txt', 'volume'], ['/settings.ini', 'image-layer']]);
  });

  it('nginx-logs-volume: the symlinks are copied into the empty volume twice; a bind mount hides the image content and copies nothing', () => {
    const e = x('scenarios/walkthroughs/nginx-logs-volume.scenario');
    for (const step of [2, 10]) {
      expect(ofType(eventsAt(e, step), 'copied-from-image')[0].entries).toEqual([
        { path: '/var/log/nginx/access.log', kind: 'symlink', bytes: 11, target: '/dev/stdout' },
        { path: '/var/log/nginx/error.log', kind: 'symlink', bytes: 11, target: '/dev/stderr' },
      ]);
    }
    expect(ofType(eventsAt(e, 6), 'written')[0]).toMatchObject({ by: { containers: [{ name: 'web' }] }, changes: [{ path: '/access.log', change: 'modified', bytes: 25 }] });
    const [s] = ofType(eventsAt(e, 12), 'shadowed');
    expect(s).toMatchObject({ container: { name: 'web2' }, mount: { type: 'bind', destination: '/var/log/nginx' }, hidden: { kind: 'image-layer', layer: 2 } });
    expect(ofType(eventsAt(e, 12), 'copied-from-image')).toEqual([]);
  });

  it('php-nginx-volumes-from: rm -v of nginx removes the v1 code volume it only got through --volumes-from; the image still has index.php', () => {
    const e = x('scenarios/walkthroughs/php-nginx-volumes-from.scenario');
    expect(ofType(eventsAt(e, 4), 'container-created')[0].mounts.map((m) => m.origin)).toEqual(['volumes-from', 'volumes-from']);
    expect(types(eventsAt(e, 12))).toEqual(['container-removed']);
    const [d] = ofType(eventsAt(e, 13), 'destroyed');
    expect(d).toMatchObject({ by: { kind: 'rm', volumes: true, container: { name: 'nginx' } }, lost: [] });
    expect(d.copies[0]).toMatchObject({ path: '/index.php', at: { kind: 'image-layer', image: { shown: 'shop-code:1' }, layer: 2 }, atPath: '/var/www/html/index.php' });
  });

  it('postgres-named-volume: the rows go to the nested anonymous volume, which rm orphans; the named volume got only data/', () => {
    const e = x('scenarios/walkthroughs/postgres-named-volume.scenario');
    expect(ofType(eventsAt(e, 3), 'copied-from-image')[0]).toMatchObject({ volume: { name: 'pgdata' }, entries: [{ path: '/var/lib/postgresql/data', kind: 'dir' }] });
    expect(ofType(eventsAt(e, 3), 'written')[0]).toMatchObject({ place: { volume: { shown: '<id1>' } } });
    expect(ofType(eventsAt(e, 5), 'orphaned')[0].entries.map((f) => f.path)).toEqual(['/PG_VERSION', '/base/users']);
    expect(ofType(eventsAt(e, 8), 'destroyed')[0]).toMatchObject({ by: { kind: 'volume-rm' }, entries: [{ path: '/data', kind: 'dir' }], lost: [] });
    expect(e.summary.orphaned.map((o) => o.volume.shown)).toEqual(['<id1>']);
  });
});

describe('lessons', () => {
  it('anonymous-volume-orphaned (20.10): each rm orphans a volume; the second container is told where the first one\'s data is', () => {
    const e = x('scenarios/lessons/anonymous-volume-orphaned.scenario');
    expect(ofType(eventsAt(e, 3), 'orphaned')[0].entries).toContainEqual({ path: '/shop/orders', kind: 'file', bytes: 8 });
    // no ID of these volumes is printed: the recovery starts by finding it
    expect(ofType(eventsAt(e, 3), 'orphaned')[0].recovery[0].command).toBe('docker volume ls -f dangling=true');
    expect(types(eventsAt(e, 4))).toContain('not-reattached');
    expect(e.summary.orphaned).toHaveLength(2);
  });

  it('build-context-copy: only the host files are written; the build makes a 6-layer image', () => {
    const e = x('scenarios/lessons/build-context-copy.scenario');
    expect(ofType(eventsAt(e, 3), 'image-created')[0]).toMatchObject({ how: 'built', layers: 6 });
    expect(e.steps.flatMap((s) => ofType(s.events, 'destroyed'))).toEqual([]);
  });

  it('commit-tag-rmi: the writable layer dies with rm, but the committed image keeps the file', () => {
    const e = x('scenarios/lessons/commit-tag-rmi.scenario');
    expect(ofType(eventsAt(e, 2), 'image-created')[0]).toMatchObject({ how: 'committed', container: { name: 'work' } });
    const [d] = ofType(eventsAt(e, 3), 'destroyed');
    expect(d).toMatchObject({ entries: [{ path: '/data/p.txt' }], lost: [], copies: [{ path: '/data/p.txt', at: { kind: 'image-layer', layer: 2 } }] });
    // the untag of snapshot:v1 removed no image: snapshot:latest is the same one
    expect(ofType(eventsAt(e, 7), 'image-removed')).toEqual([]);
    expect(e.summary.data.map((h) => h.place.kind)).toEqual(['image-layer']);
  });

  it('copy-up-whiteout-opaque: copy-up from layer 1, a whiteout, an opaque directory; rm loses the changes for good', () => {
    const e = x('scenarios/lessons/copy-up-whiteout-opaque.scenario');
    const changes = ofType(eventsAt(e, 1), 'written')[0].changes;
    expect(changes.map((c) => [c.path, c.change, c.layer])).toEqual([
      ['/etc/group', 'copied-up', 1],
      ['/etc/passwd', 'deleted', 1],
      ['/var', 'replaced', 1],
      ['/var/fresh.txt', 'created', undefined],
    ]);
    const [d] = ofType(eventsAt(e, 7), 'destroyed');
    expect(d.lost.map((f) => f.path)).toEqual(['/etc/group', '/var/fresh.txt']);
    expect(d.copies).toEqual([]);
  });

  it('exec-logs-restart: a restart keeps the writable layer; rm loses runs and the exec\'s file', () => {
    const e = x('scenarios/lessons/exec-logs-restart.scenario');
    expect(ofType(eventsAt(e, 4), 'written')[0].changes).toMatchObject([{ path: '/root/runs', change: 'modified', bytes: 12 }]);
    expect(ofType(eventsAt(e, 11), 'destroyed')[0].lost.map((f) => f.path)).toEqual(['/root/runs', '/tmp/e']);
  });

  it('rename-across-layers: a rename is a new entry plus whiteouts over the image\'s', () => {
    const e = x('scenarios/lessons/rename-across-layers.scenario');
    const changes = ofType(eventsAt(e, 2), 'written')[0].changes;
    expect(changes.filter((c) => c.change === 'deleted').map((c) => [c.path, c.layer])).toEqual([['/app/conf', 2], ['/app/data/d.txt', 2]]);
    expect(changes.filter((c) => c.change === 'created').map((c) => c.path)).toEqual(['/app/config/a.conf', '/app/data/e.txt']);
  });

  it('symlinks-stay-inside: the symlinks are data of the writable layer; docker cp copies one to the host', () => {
    const e = x('scenarios/lessons/symlinks-stay-inside.scenario');
    expect(ofType(eventsAt(e, 5), 'written')[0]).toMatchObject({ by: { kind: 'docker-cp', container: { name: 'links' } }, changes: [{ path: '/home/student/work/copied-link', kind: 'symlink', target: '/etc' }] });
  });
});

describe('the notes of every walkthrough and lesson', () => {
  it.each(STORIES)('%s', async (file) => {
    const e = x(file);
    const lines = [...e.steps.flatMap((s) => s.notes.map((n) => `[${s.step}] ${n}`)), '--', ...e.summary.notes];
    await expect(lines.join('\n') + '\n').toMatchFileSnapshot(`notes/${file.split('/').pop()!.replace(/\.scenario$/, '.txt')}`);
  });
});
