// The diagram's model on real scenarios: what each container's stack holds, which storage it
// points to, what is shadowed, shared, orphaned or removed, and which files are listed.
import { describe, expect, it } from 'vitest';
import { MAX_FILES, buildDiagram, type ContainerBox, type Diagram, type StorageBox } from '../../../src/explain/diagram/model.ts';
import { diagramOfScenario, StepOutOfRange } from '../../../src/explain/diagram/replay.ts';
import { parseScenario } from '../../../src/scenario/parse.ts';
import { SimulatedDocker } from '../../../src/engine/scenario-engine.ts';
import { replayed } from './helpers.ts';

const PG = 'scenarios/walkthroughs/postgres-named-volume.scenario';
const PHP = 'scenarios/walkthroughs/php-nginx-volumes-from.scenario';
const MYSQL = 'scenarios/walkthroughs/mysql-data-gone.scenario';

const containers = (d: Diagram, name: string): ContainerBox[] => d.containers.filter((c) => c.name === name);
const storageOf = (d: Diagram, key: string): StorageBox => d.storage.find((s) => s.key === key)!;
const paths = (s: StorageBox): string[] => s.files.items.map((f) => f.path);

/** A scenario written in the test, replayed to its end. */
function diagramOf(commands: string[]): Diagram {
  const text = commands.map((c) => `$ ${c}\n`).join('');
  const r = diagramOfScenario(parseScenario(text, 'inline.scenario'), new SimulatedDocker());
  for (const o of r.outputs) expect(o.exitCode, `${o.command}: ${o.output}`).toBe(0);
  return r.diagram;
}

describe('diagram model: the PostgreSQL walkthrough', () => {
  it('after the run with the wrong target: the named volume at the parent, the anonymous one on top of it', () => {
    const d = replayed(PG).at(3);
    expect(d.step).toBe(3);
    expect(d.steps).toBe(13);
    const [pg] = containers(d, 'pg');
    expect(pg.fate).toEqual({ kind: 'live' });
    expect(pg.status).toBe('exited');
    expect(pg.mounts.map((m) => m.target)).toEqual(['/var/lib/postgresql', '/var/lib/postgresql/data']);
    const [named, anon] = pg.mounts;
    // The named volume was empty: the image's data/ was copied in, and the mount shadows it.
    expect(named.shadow).toMatchObject({ under: { kind: 'root' }, hidden: ['data'], covered: 'dir', copied: true });
    expect(storageOf(d, named.storage)).toMatchObject({ label: 'pgdata', status: 'in-use', anonymous: false, filledFrom: [{ step: 3, path: '/var/lib/postgresql', container: 'pg' }] });
    expect(paths(storageOf(d, named.storage))).toEqual(['data']);
    // The anonymous volume sits on the named volume's data/ directory (empty there).
    expect(anon.shadow).toMatchObject({ under: { kind: 'mount', target: '/var/lib/postgresql', storage: named.storage, at: 'data' }, hiddenCount: 0, covered: 'dir' });
    // ... and the named volume's box says which of its paths the container cannot see.
    expect(storageOf(d, named.storage).shadowed).toEqual([{ path: 'data', container: 'pg', by: anon.storage }]);
    const rows = storageOf(d, anon.storage);
    expect(rows.anonymous).toBe(true);
    expect(rows.files.items).toEqual([
      { path: 'PG_VERSION', kind: 'file', change: 'present', bytes: 3, preview: '16' },
      { path: 'base/users', kind: 'file', change: 'present', bytes: 6, preview: 'alice' },
    ]);
    expect(d.edges).toEqual([
      { from: pg.key, mount: 0, to: named.storage, readonly: false, ghost: false },
      { from: pg.key, mount: 1, to: anon.storage, readonly: false, ghost: false },
    ]);
  });

  it('at the end: both containers removed (by rm), both pgdata volumes removed, the row orphaned in the anonymous volume', () => {
    const d = replayed(PG).at();
    const pgs = containers(d, 'pg');
    expect(pgs.map((c) => c.fate)).toEqual([
      { kind: 'removed', step: 5, command: 'docker rm pg' },
      { kind: 'removed', step: 12, command: 'docker rm pg && docker volume rm pgdata' },
    ]);
    expect(d.edges.every((e) => e.ghost)).toBe(true);
    const volumes = d.storage.map((s) => [s.label.length === 12 && s.anonymous ? 'anonymous' : s.label, s.status]);
    expect(volumes).toEqual([
      ['pgdata', 'removed'],
      ['anonymous', 'orphaned'],
      ['pgdata', 'removed'],
    ]);
    const [first, orphan, second] = d.storage;
    expect(first.fate).toEqual({ kind: 'removed', step: 8, command: 'docker volume rm pgdata' });
    expect(second.fate).toMatchObject({ kind: 'removed', step: 12 });
    // Two volumes of one name are two boxes: each removed container points to its own.
    expect(first.key).not.toBe(second.key);
    expect(pgs[0].mounts[0].storage).toBe(first.key);
    expect(pgs[1].mounts[0].storage).toBe(second.key);
    expect(paths(orphan)).toEqual(['PG_VERSION', 'base/users']);
    expect(paths(second)).toEqual(['PG_VERSION', 'base/users']);
    // The --rm runs are not boxes: they came and went inside one command.
    expect(d.transients.map((t) => [t.step, t.containers.length])).toEqual([
      [6, 1],
      [10, 1],
    ]);
    expect(d.transients[1].containers).toEqual(['pg2']);
  });
});

describe('diagram model: --volumes-from (php, nginx and a data-only container)', () => {
  it('one box per shared volume and bind, with an edge from every container; the tmpfs only from its own', () => {
    const d = replayed(PHP).at(8);
    expect(d.containers.map((c) => [c.name, c.status])).toEqual([
      ['code', 'created'],
      ['php', 'running'],
      ['nginx', 'running'],
    ]);
    const volumes = d.storage.filter((s) => s.kind === 'volume');
    const binds = d.storage.filter((s) => s.kind === 'bind');
    const tmpfs = d.storage.filter((s) => s.kind === 'tmpfs');
    expect(volumes).toHaveLength(1);
    expect(binds).toHaveLength(1);
    expect(tmpfs).toHaveLength(1);
    const into = (s: StorageBox): string[] => d.edges.filter((e) => e.to === s.key).map((e) => d.containers.find((c) => c.key === e.from)!.name);
    expect(into(volumes[0])).toEqual(['code', 'php', 'nginx']);
    expect(into(binds[0])).toEqual(['code', 'php', 'nginx']);
    expect(into(tmpfs[0])).toEqual(['code']);
    expect(d.edges.filter((e) => e.to === binds[0].key).every((e) => e.readonly)).toBe(true);
    expect(binds[0]).toMatchObject({ label: '$PWD/default.conf', status: 'in-use' });
    expect(binds[0].files.items).toEqual([{ path: 'default.conf', kind: 'file', change: 'present', bytes: 42 }]);
    // A tmpfs of a container that never started is not mounted and holds nothing.
    expect(tmpfs[0]).toMatchObject({ label: '/run/php', owner: 'code', mounted: false });
    const [php] = containers(d, 'php');
    expect(php.mounts.map((m) => [m.target, m.volumesFrom])).toEqual([
      ['/etc/nginx/conf.d/default.conf', 'code'],
      ['/var/www/html', 'code'],
    ]);
    // runc's empty mount point file in php's writable layer hides nothing and is no change.
    expect(php.mounts[0].shadow).toBeUndefined();
    expect(php.writable.total).toBe(0);
    expect(volumes[0].files.items).toEqual([{ path: 'index.php', kind: 'file', change: 'present', bytes: 25, preview: '<?php echo "shop v1"; ?>' }]);
  });

  it('at the end: the v1 volume removed by rm -v of nginx, drawn with the removed containers that used it', () => {
    const d = replayed(PHP).at();
    expect(d.containers.map((c) => [c.name, c.fate.kind])).toEqual([
      ['code', 'removed'],
      ['php', 'removed'],
      ['nginx', 'removed'],
      ['code', 'live'],
    ]);
    const v1 = d.storage.find((s) => s.kind === 'volume' && s.fate.kind === 'removed')!;
    expect(v1.fate).toEqual({ kind: 'removed', step: 13, command: 'docker rm -f -v nginx' });
    expect(d.edges.filter((e) => e.to === v1.key)).toHaveLength(3);
    const v2 = d.storage.find((s) => s.kind === 'volume' && s.fate.kind === 'live')!;
    expect(v2.status).toBe('in-use');
    expect(v2.files.items[0].preview).toBe('<?php echo "shop v2"; ?>');
    // The removed data container's tmpfs went with it.
    expect(d.storage.find((s) => s.kind === 'tmpfs')!.status).toBe('removed');
  });
});

describe('diagram model: other real scenarios', () => {
  it('mysql: the orphan pruned at step 13, the named copy unused but kept, the --rm run\'s own anonymous volume came and went', () => {
    const d = replayed(MYSQL).at();
    const anon = d.storage.find((s) => s.anonymous)!;
    expect(anon.status).toBe('removed');
    expect(anon.fate).toMatchObject({ step: 13 });
    expect(anon.fate.kind === 'removed' && anon.fate.command).toMatch(/^docker volume prune -f/);
    const named = d.storage.find((s) => s.label === 'mysql-data')!;
    expect(named.status).toBe('unused');
    expect(paths(named)).toEqual(['mysql', 'shop/orders.csv']);
    const step8 = d.transients.find((t) => t.step === 8)!;
    expect(step8.containers).toEqual(['db']);
    expect(step8.volumes).toHaveLength(1);
    // Before the prune the first volume was orphaned: no container used it any more.
    expect(replayed(MYSQL).at(12).storage.find((s) => s.anonymous)!.status).toBe('orphaned');
  });

  it('copy-up, whiteout, opaque: the writable layer lists each change, not the image', () => {
    const d = replayed('scenarios/lessons/copy-up-whiteout-opaque.scenario').at(1);
    const [layers] = d.containers;
    expect(layers.writable.items.map((f) => [f.change, f.path])).toEqual([
      ['changed', '/etc/group'],
      ['deleted', '/etc/passwd'],
      ['opaque', '/var'],
      ['added', '/var/fresh.txt'],
    ]);
    expect(layers.writable.items[3].preview).toBe('new');
    expect(layers.image.layers).toEqual([{ label: 'busybox base layer', bytes: layers.image.bytes }]);
  });

  it('nginx logs: the volume over the image\'s log symlinks shadows them and got copies of them', () => {
    const d = replayed('scenarios/walkthroughs/nginx-logs-volume.scenario').at(2);
    const [web] = d.containers;
    expect(web.mounts[0].shadow).toMatchObject({ under: { kind: 'root' }, hidden: ['access.log', 'error.log'], copied: true });
    const v = storageOf(d, web.mounts[0].storage);
    expect(v.files.items.map((f) => [f.path, f.kind, f.target])).toEqual([
      ['access.log', 'symlink', '/dev/stdout'],
      ['error.log', 'symlink', '/dev/stderr'],
    ]);
  });

  it('the catalog postgres:16: the data directory is summarized, never listed whole', () => {
    const d = replayed('test/recorded/docker-26.1/catalog/postgres-16-named-volume-survives.scenario').at();
    expect(d.containers.map((c) => [c.name, c.fate.kind])).toEqual([
      ['db', 'removed'],
      ['db2', 'live'],
    ]);
    const [pgdata] = d.storage;
    expect(pgdata).toMatchObject({ label: 'pgdata', status: 'in-use' });
    expect(pgdata.files.items.length).toBe(MAX_FILES);
    expect(pgdata.files.more).toBe(pgdata.files.total - MAX_FILES);
    expect(pgdata.files.more).toBeGreaterThan(0);
    expect(d.edges.map((e) => e.to)).toEqual([pgdata.key, pgdata.key]);
  });
});

describe('diagram model: limits and steps', () => {
  it('a volume over the whole of /bin: the image is copied in, and only the newest files are listed', () => {
    const d = diagramOf(['docker run --name box -v bins:/bin busybox sh -c "echo mine > /bin/zz-mine"']);
    const [bins] = d.storage;
    expect(bins.files.total).toBeGreaterThan(200);
    expect(bins.files.items).toHaveLength(MAX_FILES);
    // The file the command wrote is newer than everything the image brought.
    expect(bins.files.items.map((f) => f.path)).toContain('zz-mine');
  });

  it('an unused named volume and a missing bind source', () => {
    const d = diagramOf(['docker volume create keep', 'docker create --name box -v "$PWD/nothing-yet":/data busybox', 'echo hi > other']);
    expect(d.storage.map((s) => [s.kind, s.label, s.status])).toEqual([
      ['bind', '$PWD/nothing-yet', 'missing'],
      ['volume', 'keep', 'unused'],
    ]);
  });

  it('a tmpfs of a running container lists what it holds; its files are never in the writable layer', () => {
    const d = diagramOf(['docker run -d --name tmp --tmpfs /scratch busybox sh -c "echo x > /scratch/f; echo y > /root/g; exec sleep 1000"']);
    const [t] = d.containers;
    expect(t.writable.items.map((f) => f.path)).toEqual(['/root/g']);
    const tmpfs = storageOf(d, t.mounts[0].storage);
    expect(tmpfs).toMatchObject({ kind: 'tmpfs', mounted: true, owner: 'tmp' });
    expect(tmpfs.files.items.map((f) => f.path)).toEqual(['f']);
  });

  it('step 0 is the state before the first command; a step past the end is refused', () => {
    const s = parseScenario('$ docker volume create a\na\n', 'x.scenario');
    const d0 = diagramOfScenario(s, new SimulatedDocker(), 0).diagram;
    expect(d0).toMatchObject({ step: 0, steps: 1, containers: [], storage: [], edges: [] });
    expect(() => diagramOfScenario(s, new SimulatedDocker(), 2)).toThrow(StepOutOfRange);
    expect(() => diagramOfScenario(s, new SimulatedDocker(), -1)).toThrow(StepOutOfRange);
  });

  it('the oldest removed containers are counted, not drawn', () => {
    const commands = Array.from({ length: 12 }, (_, i) => `docker run --name c${i} busybox true && docker rm c${i}`);
    // each pair is one command: created and removed inside it, so these are transients...
    expect(diagramOf(commands).containers).toEqual([]);
    // ...while containers removed by a later command are drawn, the most recent ones only.
    const later = [...Array.from({ length: 12 }, (_, i) => `docker create --name c${i} busybox`), 'docker rm c0 c1 c2 c3 c4 c5 c6 c7 c8 c9 c10 c11'];
    const d = diagramOf(later);
    expect(d.containers.length).toBe(8);
    expect(d.omitted.containers).toBe(4);
  });

  it('buildDiagram with no snapshot is the initial state', () => {
    const docker = new SimulatedDocker();
    expect(buildDiagram(docker.state, [])).toMatchObject({ step: 0, steps: 0, containers: [], storage: [] });
  });
});
