// `strata where` on the project's own scenarios: what provides a path, what it hides, where it
// came from, and what would destroy it. The last is found by running the commands (src/explain/
// where.ts); the final test checks, over every container and mount of every story at every step,
// that the reason printed with each verdict says the same as the verdict.

import { describe, expect, it } from 'vitest';
import { where, WhereError, type Provenance } from '../../src/explain/where.ts';
import { sessionOf, sessionOfText, STORIES } from './helpers.ts';
import { normalize } from '../../src/fs/path.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { tableGet } from '../../src/engine/table.ts';
import { containerList } from '../../src/container/registry.ts';
import { entryNames } from '../../src/fs/node.ts';

const MYSQL = 'scenarios/walkthroughs/mysql-data-gone.scenario';
const at = (file: string, ref: string, path: string, after?: number, engine?: 'docker-20.10' | 'docker-26.1'): Provenance => where(sessionOf(file, engine), ref, path, after);
const verdicts = (p: Provenance): [string, boolean][] => p.fates.map((f) => [f.command, f.destroys]);

describe('strata where', () => {
  it('the order in the MySQL walkthrough: in anonymous volume <id2>, written by command 3; rm -v or a prune after rm destroys it, plain rm does not', () => {
    const p = at(MYSQL, 'db', '/var/lib/mysql/shop/orders.csv', 3);
    expect(p.entry).toEqual({ path: '/var/lib/mysql/shop/orders.csv', kind: 'file', bytes: 14 });
    expect(p.provider).toMatchObject({ kind: 'mount', mount: { origin: 'image-volume', destination: '/var/lib/mysql' }, place: { kind: 'volume', volume: { shown: '<id2>' } }, path: '/shop/orders.csv' });
    expect(p.origin).toEqual([{ step: 3, line: 19, command: expect.stringContaining('docker exec db'), what: 'created by container db' }]);
    expect(verdicts(p)).toEqual([
      ['docker rm -f db', false],
      ['docker rm -f -v db', true],
      ['docker volume prune -f', false],
      ['docker rm -f db && docker volume prune -f', true],
      ['docker rm -f db && docker volume rm <id2>', true],
    ]);
    expect(p.notes[0]).toBe(`/var/lib/mysql/shop/orders.csv in container db (running), after command 3 (line 19: ${p.command!.command}):`);
  });

  it('the same order on 20.10: the same verdicts (its prune removes any unused volume)', () => {
    const p = at(MYSQL, 'db', '/var/lib/mysql/shop/orders.csv', 3, 'docker-20.10');
    expect(verdicts(p).map(([, d]) => d)).toEqual([false, true, false, true, true]);
  });

  it('before the exec the file is not there: nothing to destroy, and a write would go to the volume', () => {
    const p = at(MYSQL, 'db', '/var/lib/mysql/shop/orders.csv', 2);
    expect(p.entry).toBeNull();
    expect(p.fates).toEqual([]);
    expect(p.provider.kind).toBe('mount');
  });

  it('a container by the placeholder the transcript shows (<id1>), and the image layer the entrypoint comes from', () => {
    const p = at(MYSQL, '<id1>', '/usr/local/bin/docker-entrypoint.sh', 3);
    expect(p.container.name).toBe('db');
    expect(p.provider).toMatchObject({ kind: 'image-layer', place: { layer: 2, layers: 2, image: { shown: 'mysql:8.0' } }, createdBy: expect.stringMatching(/^RUN /) });
    expect(verdicts(p)).toEqual([['docker rm -f db', false]]);
  });

  it('the copy-up lesson: a copied-up file hides layer 1\'s, a whiteout, an opaque directory', () => {
    const f = 'scenarios/lessons/copy-up-whiteout-opaque.scenario';
    const group = at(f, 'layers', '/etc/group', 1);
    expect(group.provider).toMatchObject({ kind: 'writable-layer', copiedUpFrom: 1 });
    expect(group.hides).toMatchObject({ place: { kind: 'image-layer', layer: 1 }, entries: [{ path: '/etc/group', bytes: 27 }] });
    expect(group.origin[0].what).toBe('copied up from image layer 1 and changed by container layers');
    expect(verdicts(group)).toEqual([['docker rm -f layers', true]]);
    const passwd = at(f, 'layers', '/etc/passwd', 1);
    expect(passwd.entry).toBeNull();
    expect(passwd.provider).toMatchObject({ kind: 'whiteout', layer: 1 });
    expect(passwd.hides?.entries).toEqual([{ path: '/etc/passwd', kind: 'file', bytes: 82 }]);
    // /var made again: an opaque directory over the image's (empty) /var
    const v = at(f, 'layers', '/var', 1);
    expect(v.provider.kind).toBe('writable-layer');
    expect(v.hides).toMatchObject({ place: { kind: 'image-layer', layer: 1 }, entries: [] });
    expect(at(f, 'layers', '/var/fresh.txt', 1).origin[0].what).toBe('created by container layers');
  });

  it('a symlink is followed as the container follows it', () => {
    const p = at('scenarios/lessons/symlinks-stay-inside.scenario', 'links', '/root/etc-link/group', 2);
    expect(p.resolved).toBe('/etc/group');
    expect(p.provider).toMatchObject({ kind: 'image-layer', place: { layer: 1 } });
  });

  it('a bind mount taken with --volumes-from: the host file, read-only, which no docker command deletes', () => {
    const p = at('scenarios/walkthroughs/php-nginx-volumes-from.scenario', 'nginx', '/etc/nginx/conf.d/default.conf', 5);
    expect(p.provider).toMatchObject({ kind: 'mount', mount: { type: 'bind', origin: 'volumes-from', readOnly: true }, place: { kind: 'host', shown: '$PWD/default.conf' } });
    expect(p.fates.every((x) => !x.destroys)).toBe(true);
  });

  it('a named volume: rm -v leaves it; the prune after rm removes it on 20.10 only, -a on 26.1', () => {
    const f = 'scenarios/walkthroughs/nginx-logs-volume.scenario';
    const p26 = at(f, 'web', '/var/log/nginx/access.log', 2);
    expect(p26.entry).toMatchObject({ kind: 'symlink', target: '/dev/stdout' });
    expect(p26.origin[0].what).toContain("copied from image nginx:1.27's /var/log/nginx into the empty volume");
    expect(verdicts(p26)).toEqual([
      ['docker rm -f web', false],
      ['docker rm -f -v web', false],
      ['docker volume prune -f', false],
      ['docker rm -f web && docker volume prune -f', false],
      ['docker rm -f web && docker volume prune -a -f', true],
      ['docker rm -f web && docker volume rm nginx-logs', true],
    ]);
    const p20 = at(f, 'web', '/var/log/nginx/access.log', 2, 'docker-20.10');
    expect(verdicts(p20)).toEqual([
      ['docker rm -f web', false],
      ['docker rm -f -v web', false],
      ['docker volume prune -f', false],
      ['docker rm -f web && docker volume prune -f', true],
      ['docker rm -f web && docker volume rm nginx-logs', true],
    ]);
  });

  it('the nested anonymous volume of the postgres walkthrough hides the named volume\'s empty data/', () => {
    const p = at('scenarios/walkthroughs/postgres-named-volume.scenario', 'pg', '/var/lib/postgresql/data', 3);
    expect(p.provider).toMatchObject({ kind: 'mount', place: { volume: { shown: '<id1>' } } });
    expect(p.hides).toMatchObject({ place: { kind: 'volume', volume: { name: 'pgdata' } }, entries: [] });
    expect(p.notes).toContain('  hides: an empty directory of volume pgdata');
  });

  it('a tmpfs: only while the container runs; a stop or a restart empties it', () => {
    const s = sessionOfText("$ docker run -d --name t1 --tmpfs /cache busybox sh -c 'echo x > /cache/f; exec sleep 100000'\n<id1>\n$ docker stop t1\nt1\n");
    const running = where(s, 't1', '/cache/f', 1);
    expect(running.provider).toMatchObject({ kind: 'mount', mount: { type: 'tmpfs' }, place: { kind: 'tmpfs', destination: '/cache' } });
    expect(verdicts(running)).toEqual([['docker stop t1', true], ['docker restart t1', true]]);
    const stopped = where(s, 't1', '/cache/f', 2);
    expect(stopped.provider.kind).toBe('none');
    expect(stopped.notes.at(-1)).toContain('is a tmpfs only while container t1 runs');
  });

  it('a bind mount of a host directory a process wrote into', () => {
    const s = sessionOfText(`$ docker run -d --name w1 -v "$PWD/logs":/logs busybox sh -c 'echo hi > /logs/a; exec sleep 100000'\n<id1>\n`);
    const p = where(s, 'w1', '/logs/a');
    expect(p.provider).toMatchObject({ kind: 'mount', place: { kind: 'host', shown: '$PWD/logs' }, path: '/home/student/work/logs/a' });
    expect(p.origin).toMatchObject([{ step: 1, what: 'created by container w1' }]);
    expect(p.fates.map((x) => x.destroys)).toEqual([false, false]);
  });

  it("Docker's own mounts while the container runs; the init layer's placeholder when it does not", () => {
    expect(at(MYSQL, 'db', '/etc/hostname', 3).provider).toEqual({ kind: 'runtime', target: '/etc/hostname' });
    const s = sessionOfText('$ docker create --name c1 busybox\n<id1>\n');
    expect(where(s, 'c1', '/etc/hostname').provider).toMatchObject({ kind: 'image-layer', place: { layer: 0 } });
  });

  it('clear errors: a relative path, an unknown container (with the step where it exists), a step out of range', () => {
    const s = sessionOf(MYSQL);
    expect(() => where(s, 'db', 'var/lib/mysql')).toThrow(new WhereError('db:var/lib/mysql: give an absolute path inside the container (CONTAINER:/PATH)'));
    expect(() => where(s, 'db', '/x')).toThrow(/^no container db after the last command; there is no container then \(a container db exists after command 2: give --after 2\)$/);
    expect(() => where(s, 'db', '/x', 15)).toThrow('--after 15: the scenario has 14 commands (give 0 to 14)');
    expect(() => where(s, 'nope', '/x', 3)).toThrow('no container nope after command 3; containers then: db');
  });
});

/** What each reason says about the verdict it explains. */
function verdictOfReason(why: string): boolean {
  const keeps = [
    'docker rm never removes volumes', 'rm -v removes only the volumes the container got without a name', 'rm -v keeps a volume another container still uses',
    'no prune removes a volume a container uses', 'the writable layer survives stop and start', "Docker never deletes a bind mount's host files", 'no prune touches the host',
    'image layers are read-only and outlive every container', 'docker volume prune keeps', 'docker volume prune never removes',
  ];
  const destroys = [
    "rm -v removes the container's anonymous volumes", "docker rm deletes the container's writable layer", 'docker volume prune removes', 'docker volume prune -a removes', 'docker volume rm deletes',
    'a tmpfs lives in memory only', 'a restart stops the main process',
  ];
  const k = keeps.some((w) => why.includes(w));
  const d = destroys.some((w) => why.includes(w)) && !why.includes('docker volume prune keeps');
  if (k === d) throw new Error(`no single verdict in the reason: ${why}`);
  return d;
}

describe('what would destroy it: the reasons agree with what the commands do', () => {
  it.each(STORIES)('%s', (file) => {
    const s = sessionOf(file);
    let checked = 0;
    for (let after = 1; after <= s.steps.length; after++) {
      const st = s.steps[after - 1].after;
      for (const c of containerList(st)) {
        const paths = new Set<string>(['/etc/passwd', '/etc/group', '/bin/sh', ...c.mounts.map((m) => normalize(m.destination))]);
        for (const m of c.mounts) if (m.type === 'volume') for (const name of volumeTop(st, m.source)) paths.add(`${normalize(m.destination)}/${name}`);
        for (const path of paths) {
          for (const f of where(s, c.id, path, after).fates) {
            expect(verdictOfReason(f.why), `${file} --after ${after} ${c.name}:${path}: ${f.command}: ${f.why}`).toBe(f.destroys);
            checked++;
          }
        }
      }
    }
    // a story with containers that still exist is checked at least once
    if (s.steps.some((x) => containerList(x.after).length > 0)) expect(checked).toBeGreaterThan(0);
  });
});

function volumeTop(st: EngineState, name: string): string[] {
  const v = tableGet(st.volumes, name);
  return v ? entryNames(v.data) : [];
}
