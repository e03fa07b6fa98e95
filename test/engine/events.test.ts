// The events each reducer emits are what `strata replay --explain` tells a student: which
// container, volume or image a command created, filled, emptied, orphaned or destroyed. These
// tests pin the events of a whole lifecycle, field by field.
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import type { EngineEvent } from '../../src/engine/events.ts';
import { tableGet, tableKeys } from '../../src/engine/table.ts';
import { containerList, peekContainer } from '../../src/container/registry.ts';
import { entryOf } from '../../src/fs/node.ts';

function events(d: SimulatedDocker, line: string): EngineEvent[] {
  const r = d.run(line);
  if (r.exitCode !== 0) throw new Error(`\`${line}\` failed: ${r.output}`);
  return d.eventsByRun.at(-1) ?? [];
}

const idOf = (d: SimulatedDocker, name: string): string => containerList(d.state).find((c) => c.name === name)!.id;
const anonymousVolumes = (d: SimulatedDocker): string[] => tableKeys(d.state.volumes).filter((v) => /^[0-9a-f]{64}$/.test(v));

describe.each(['docker-20.10', 'docker-26.1'] as const)('engine events (%s)', (engine) => {
  it('create: named volume created, container created, its anonymous volume created, the named one filled', () => {
    const d = new SimulatedDocker({ engine });
    const ev = events(d, 'docker create --name c1 -v data:/etc -v /anon busybox true');
    const c1 = idOf(d, 'c1');
    const image = peekContainer(d.state, c1)!.imageId;
    const [anon] = anonymousVolumes(d);
    expect(ev).toEqual([
      { type: 'volume-created', volume: 'data', anonymous: false },
      { type: 'container-created', container: c1, name: 'c1', image },
      { type: 'volume-created', volume: anon, anonymous: true },
      { type: 'volume-populated', volume: 'data', from: '/etc', container: c1, name: 'c1', image },
    ]);
  });

  it('create: a --mount volume without source is made as an anonymous one; an empty image directory fills nothing', () => {
    // (the oracle's busybox:latest, whose /var is empty: the real one's holds spool and www)
    const d = new SimulatedDocker({ engine, oracleBase: true });
    const ev = events(d, 'docker create --name c2 --mount type=volume,dst=/m -v /var busybox true');
    const c = peekContainer(d.state, idOf(d, 'c2'))!;
    const source = (dst: string) => c.mounts.find((m) => m.destination === dst)!.source;
    expect(ev).toEqual([
      { type: 'volume-created', volume: source('/m'), anonymous: true },
      { type: 'container-created', container: c.id, name: 'c2', image: c.imageId },
      { type: 'volume-created', volume: source('/var'), anonymous: true },
    ]);
  });

  it('start, exit, start again: started and stopped with the exit code and the tmpfs it emptied', () => {
    const d = new SimulatedDocker({ engine });
    events(d, 'docker create --name c2 --tmpfs /scratch busybox sh -c "echo gone > /scratch/f; exit 3"');
    const c2 = idOf(d, 'c2');
    const r = d.run('docker start -a c2');
    expect(r.exitCode).toBe(3);
    const [started, stopped] = d.eventsByRun.at(-1)!;
    expect(started).toEqual({ type: 'container-started', container: c2, name: 'c2' });
    expect(stopped).toMatchObject({ type: 'container-stopped', container: c2, name: 'c2', exitCode: 3, tmpfsDiscarded: ['/scratch'] });
    // what the tmpfs held when the process ended, although the container's state no longer has it
    expect(stopped.type === 'container-stopped' && entryOf(stopped.tmpfs['/scratch'], 'f')).toMatchObject({ kind: 'file', data: 'gone\n' });
    expect(peekContainer(d.state, c2)!.tmpfsData).toEqual({});
  });

  it('a detached container stopped by docker stop: exit 137 after the grace period, no tmpfs', () => {
    const d = new SimulatedDocker({ engine });
    events(d, 'docker run -d --name c3 busybox sleep 1000');
    const c3 = idOf(d, 'c3');
    expect(events(d, 'docker stop c3')).toEqual([{ type: 'container-stopped', container: c3, name: 'c3', exitCode: 137, tmpfsDiscarded: [], tmpfs: {} }]);
    expect(events(d, 'docker start c3')).toEqual([{ type: 'container-started', container: c3, name: 'c3' }]);
    expect(events(d, 'docker exec c3 true')).toEqual([{ type: 'container-exec', container: c3, name: 'c3' }]);
    expect(events(d, 'docker kill c3')).toEqual([{ type: 'container-stopped', container: c3, name: 'c3', exitCode: 137, tmpfsDiscarded: [], tmpfs: {} }]);
  });

  it('rm: the writable layer bytes are destroyed and an anonymous volume is orphaned, not removed', () => {
    const d = new SimulatedDocker({ engine });
    events(d, "docker run --name c4 -v /anon busybox sh -c 'echo 1234 > /root/f; echo x > /anon/y'");
    const c4 = idOf(d, 'c4');
    const [anon] = anonymousVolumes(d);
    const c = peekContainer(d.state, c4)!;
    const rm = events(d, 'docker rm c4');
    expect(rm).toEqual([
      { type: 'container-removed', container: c4, name: 'c4', writableLayerBytes: 5, by: 'rm', removeVolumes: false, image: c.imageId, mounts: c.mounts, upper: c.upper },
      { type: 'volume-orphaned', volume: anon, container: c4, name: 'c4' },
    ]);
    // the writable layer as it was, although the container is gone from the state
    expect(rm[0].type === 'container-removed' && entryOf(rm[0].upper, 'root')).toMatchObject({ kind: 'dir', entries: { f: { kind: 'file', data: '1234\n' } } });
    const data = tableGet(d.state.volumes, anon)!.data;
    expect(events(d, `docker volume rm ${anon}`)).toEqual([{ type: 'volume-removed', volume: anon, bytes: 2, by: 'volume-rm', data }]);
  });

  it('rm -v and --rm remove the anonymous volume with its bytes; a named one is left alone', () => {
    const d = new SimulatedDocker({ engine });
    events(d, "docker run --name c5 -v /anon -v keep:/keep busybox sh -c 'echo abc > /anon/a; echo z > /keep/z'");
    const c5 = idOf(d, 'c5');
    const [anon] = anonymousVolumes(d);
    expect(events(d, 'docker rm -v c5')).toMatchObject([
      { type: 'container-removed', container: c5, name: 'c5', writableLayerBytes: 0, by: 'rm', removeVolumes: true },
      { type: 'volume-removed', volume: anon, bytes: 4, by: 'with-container', container: c5, name: 'c5', data: { entries: { a: { data: 'abc\n' } } } },
    ]);
    expect(tableKeys(d.state.volumes)).toEqual(['keep']);
    const run = events(d, "docker run --rm --name c6 -v /anon2 busybox sh -c 'echo 12 > /anon2/b'");
    const removed = run.filter((e) => e.type === 'volume-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ bytes: 3, by: 'with-container', name: 'c6', data: { entries: { b: { data: '12\n' } } } });
    expect(run.find((e) => e.type === 'container-removed')).toMatchObject({ by: 'auto-remove', removeVolumes: true });
    expect(run.map((e) => e.type)).toEqual(['container-created', 'volume-created', 'container-started', 'container-stopped', 'container-removed', 'volume-removed']);
  });

  it('a failed start of a --rm container removes it (and its anonymous volume)', () => {
    const d = new SimulatedDocker({ engine });
    const r = d.run('docker run --rm --name c7 -v /anon -u nosuchuser busybox true');
    expect(r.exitCode).toBe(125);
    expect(d.eventsByRun.at(-1)!.map((e) => e.type)).toEqual(['container-created', 'volume-created', 'container-removed', 'volume-removed']);
    expect(containerList(d.state)).toEqual([]);
    expect(anonymousVolumes(d)).toEqual([]);
    expect(d.eventsByRun.at(-1)!.find((e) => e.type === 'container-removed')).toMatchObject({ by: 'auto-remove', removeVolumes: true });
  });

  it('a --rm container removed by the daemon: its log driver failing at start, docker stop of a detached one', () => {
    const d = new SimulatedDocker({ engine });
    expect(d.run('docker run --rm --name c8 --log-opt max-size=abc busybox true').exitCode).toBe(125);
    expect(d.eventsByRun.at(-1)!.filter((e) => e.type !== 'container-created')).toMatchObject([{ type: 'container-removed', name: 'c8', by: 'auto-remove', removeVolumes: true }]);
    events(d, 'docker run -d --rm --name c9 busybox sleep 1000');
    expect(events(d, 'docker stop c9')).toMatchObject([
      { type: 'container-stopped', name: 'c9', exitCode: 137 },
      { type: 'container-removed', name: 'c9', by: 'auto-remove', removeVolumes: true },
    ]);
  });

  it('a stop discards the tmpfs mounts only: a volume and a bind are no tmpfs', () => {
    const d = new SimulatedDocker({ engine });
    events(d, 'docker run -d --name c10 -v v10:/v -v /tmp:/b --tmpfs /t busybox sleep 1000');
    expect(events(d, 'docker kill c10')).toMatchObject([{ type: 'container-stopped', name: 'c10', exitCode: 137, tmpfsDiscarded: ['/t'] }]);
  });

  it('prunes say which prune removed what; commit and cp name their container', () => {
    const d = new SimulatedDocker({ engine });
    events(d, "docker run --name p1 -v /anon busybox sh -c 'echo x > /anon/x; echo y > /y'");
    const p1 = idOf(d, 'p1');
    expect(events(d, 'docker commit p1 snap')).toEqual([{ type: 'image-committed', image: d.state.tags['snap:latest'], container: p1, name: 'p1', tag: 'snap:latest' }]);
    expect(events(d, 'docker cp p1:/y ./y')).toEqual([{ type: 'copied-from-container', container: p1, name: 'p1', path: '/y', to: '/home/student/work' }]);
    expect(events(d, 'docker cp ./y p1:/anon/')).toEqual([{ type: 'copied-to-container', container: p1, name: 'p1', path: '/anon' }]);
    expect(events(d, 'docker container prune -f')).toMatchObject([{ type: 'container-removed', by: 'container-prune', removeVolumes: false }, { type: 'volume-orphaned' }]);
    expect(events(d, 'docker system prune -f --volumes').filter((e) => e.type === 'volume-removed')).toMatchObject([{ by: 'system-prune' }]);
  });

  it('images: a build and its removal', () => {
    const d = new SimulatedDocker({ engine });
    const built = events(d, "docker build -q -t evimg - <<'EOF'\nFROM busybox\nRUN echo hi > /hi\nEOF");
    const img = d.state.tags['evimg:latest'];
    expect(built.at(-1)).toEqual({ type: 'image-built', image: img, tag: 'evimg:latest' });
    const removed = events(d, 'docker rmi evimg');
    expect(removed.filter((e) => e.type === 'image-removed').map((e) => (e as { image: string }).image)).toContain(img);
  });
});
