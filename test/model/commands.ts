// The command alphabet of the model-based tests: each command as data, how it is written as a
// real docker/host command line, and what it does to the reference model (its exit status).
// Only commands whose outcome is deterministic on a real engine are in the alphabet.

import type { BuildOp, BuildStep, DirView, MountSpec, Model } from './reference-model.ts';

/** The small alphabet: container names, volume names, paths in containers, files, contents. */
export const CONTAINERS = ['c1', 'c2', 'c3'] as const;
export const VOLUMES = ['v1', 'v2'] as const;
export const PATHS = ['/data', '/app'] as const;
export const FILES = ['a', 'b'] as const;
export const CONTENTS = ['x', 'y', 'z'] as const;
export const HOST_DIRS = ['hd'] as const;
export const IMAGES = ['busybox', 'seeded'] as const;

/** The prebuilt image with a VOLUME and content (and a RUN after the VOLUME: the builders differ). */
export const SEEDED_STEPS: BuildStep[] = [
  {
    kind: 'run',
    ops: [
      { op: 'mkdir', path: '/data' },
      { op: 'mkdir', path: '/app' },
      { op: 'write', path: '/data/seed', content: 'seed' },
      { op: 'write', path: '/app/app', content: 'app' },
      { op: 'chown', path: '/data', owner: 'nobody' },
      { op: 'chmod', path: '/data', mode: 0o700 },
    ],
  },
  { kind: 'volume', path: '/data' },
  { kind: 'run', ops: [{ op: 'write', path: '/data/late', content: 'late' }] },
];

export type Action = { op: 'write'; dir: string; file: string; content: string } | { op: 'rm'; dir: string; file: string };

export type Cmd =
  | { kind: 'create'; name: string; image: string; mounts: MountSpec[]; volumesFrom?: { container: string; ro: boolean }; start: boolean }
  | { kind: 'start' | 'stop' | 'restart'; name: string }
  | { kind: 'rm'; name: string; force: boolean; volumes: boolean }
  | { kind: 'exec'; name: string; action: Action }
  | { kind: 'once'; image: string; mounts: MountSpec[]; volumesFrom?: { container: string; ro: boolean }; action: Action }
  | { kind: 'volume-create'; volume: string }
  | { kind: 'volume-create-anonymous' }
  | { kind: 'volume-rm'; volume: string; force: boolean }
  | { kind: 'container-prune' }
  | { kind: 'volume-prune'; all: boolean }
  | { kind: 'host-write'; dir: string; file: string; content: string };

// ---------------------------------------------------------------- command lines

const q = (s: string): string => `'${s}'`;

export function mountArgs(specs: MountSpec[]): string[] {
  return specs.map((s) => {
    switch (s.kind) {
      case 'named':
        if (s.syntax === 'v') return `-v ${s.volume}:${s.dest}${s.ro || s.nocopy ? ':' + [s.ro ? 'ro' : '', s.nocopy ? 'nocopy' : ''].filter((x) => x).join(',') : ''}`;
        return `--mount type=volume,source=${s.volume},target=${s.dest}${s.nocopy ? ',volume-nocopy' : ''}${s.ro ? ',readonly' : ''}`;
      case 'anon':
        return s.syntax === 'v' ? `-v ${s.dest}` : `--mount type=volume,target=${s.dest}${s.nocopy ? ',volume-nocopy' : ''}`;
      case 'bind':
        return `-v "$PWD/${s.hostDir}":${s.dest}${s.ro ? ':ro' : ''}`;
      case 'tmpfs':
        return `--tmpfs ${s.dest}`;
    }
  });
}

const fromArgs = (vf: { container: string; ro: boolean } | undefined): string[] =>
  vf ? [`--volumes-from ${vf.container}${vf.ro ? ':ro' : ''}`] : [];

export function actionScript(a: Action): string {
  return a.op === 'write' ? `mkdir -p ${a.dir} && echo ${a.content} > ${a.dir}/${a.file}` : `rm -f ${a.dir}/${a.file}`;
}

export function commandLine(c: Cmd): string {
  switch (c.kind) {
    case 'create':
      return [
        'docker', c.start ? 'run -d' : 'create', `--name ${c.name}`, ...fromArgs(c.volumesFrom), ...mountArgs(c.mounts),
        c.image, 'sleep 100000',
      ].join(' ');
    case 'start':
    case 'stop':
    case 'restart':
      return `docker ${c.kind} ${c.name}`;
    case 'rm':
      return `docker rm${c.force ? ' -f' : ''}${c.volumes ? ' -v' : ''} ${c.name}`;
    case 'exec':
      return `docker exec ${c.name} sh -c ${q(actionScript(c.action))}`;
    case 'once':
      return ['docker run --rm', ...fromArgs(c.volumesFrom), ...mountArgs(c.mounts), c.image, 'sh -c', q(actionScript(c.action))].join(' ');
    case 'volume-create':
      return `docker volume create ${c.volume}`;
    case 'volume-create-anonymous':
      return 'docker volume create';
    case 'volume-rm':
      return `docker volume rm${c.force ? ' -f' : ''} ${c.volume}`;
    case 'container-prune':
      return 'docker container prune -f';
    case 'volume-prune':
      return `docker volume prune -f${c.all ? ' -a' : ''}`;
    case 'host-write':
      return `mkdir -p ${c.dir} && echo ${c.content} > ${c.dir}/${c.file}`;
  }
}

const opScript = (op: BuildOp): string => {
  switch (op.op) {
    case 'mkdir':
      return `mkdir -p ${op.path}`;
    case 'write':
      return `echo ${op.content} > ${op.path}`;
    case 'rm':
      return `rm -rf ${op.path}`;
    case 'chmod':
      return `chmod ${op.mode.toString(8)} ${op.path}`;
    case 'chown':
      return `chown ${op.owner} ${op.path}`;
  }
};

/** `docker build -q -t NAME - <<'EOF'` with the Dockerfile of `FROM base` + steps. */
export function buildLine(name: string, base: string, steps: BuildStep[]): string {
  const lines = [`FROM ${base}`];
  for (const s of steps) lines.push(s.kind === 'volume' ? `VOLUME ${s.path}` : `RUN ${s.ops.map(opScript).join(' && ')}`);
  return `docker build -q -t ${name} - <<'EOF'\n${lines.join('\n')}\nEOF`;
}

// ---------------------------------------------------------------- the model side

/** Apply a command to the model; returns the exit status the model predicts. */
export function applyToModel(m: Model, c: Cmd): number {
  switch (c.kind) {
    case 'create': {
      const ctr = m.create({ name: c.name, image: c.image, mounts: c.mounts, volumesFrom: c.volumesFrom });
      if (!ctr) return 125;
      if (c.start) m.start(c.name);
      return 0;
    }
    case 'start':
      return m.start(c.name);
    case 'stop':
      return m.stop(c.name);
    case 'restart':
      return m.restart(c.name);
    case 'rm':
      return m.rm(c.name, c.force, c.volumes);
    case 'exec':
      return c.action.op === 'write'
        ? m.execWrite(c.name, c.action.dir, c.action.file, c.action.content)
        : m.execRemove(c.name, c.action.dir, c.action.file);
    case 'once':
      return m.runOnce({ image: c.image, mounts: c.mounts, volumesFrom: c.volumesFrom }, c.action);
    case 'volume-create':
      return m.volumeCreate(c.volume);
    case 'volume-create-anonymous':
      return m.volumeCreateAnonymous();
    case 'volume-rm':
      return m.volumeRm(c.volume, c.force);
    case 'container-prune':
      return m.containerPrune();
    case 'volume-prune':
      return m.volumePrune(c.all);
    case 'host-write':
      return m.hostWrite(c.dir, c.file, c.content);
  }
}

// ---------------------------------------------------------------- observations

/** A shell script printing, for each directory: `== DIR`, then `absent` or `MODE OWNER` and `NAME: CONTENT` per file. */
export function listingScript(dirs: readonly string[]): string {
  return `for p in ${dirs.join(' ')}; do echo "== $p"; if [ -d $p ]; then stat -c "%a %U" $p; for f in $p/*; do [ -f "$f" ] && echo "$(basename $f): $(cat $f)"; done; else echo absent; fi; done; true`;
}

/** What `listingScript` prints for the model's view of those directories. */
export function renderListing(views: readonly [string, DirView | undefined][]): string {
  let out = '';
  for (const [dir, v] of views) {
    out += `== ${dir}\n`;
    if (!v) {
      out += 'absent\n';
      continue;
    }
    out += `${v.mode.toString(8)} ${v.owner}\n`;
    for (const name of [...v.files.keys()].sort()) out += `${name}: ${v.files.get(name)}\n`;
  }
  return out;
}

export interface Observation {
  /** A command line run on strata. */
  command: string;
  /** What the model says it must print (after `transform`), and its exit status. */
  expected: string;
  /** Applied to strata's output before comparing (e.g. anonymous volume names → a count). */
  transform?: (output: string) => string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Named volumes sorted, then the number of anonymous (64-hex) ones. */
export function summarizeVolumeLs(out: string): string {
  const lines = out.split('\n').filter((l) => l !== '');
  const named = lines.filter((l) => !HEX64.test(l));
  return `${named.join(' ')} | ${lines.length - named.length} anonymous`;
}

/** The observations made after every step, with the model's expected outputs. */
export function observations(m: Model): Observation[] {
  const obs: Observation[] = [];
  const names = [...m.containers.keys()].sort();
  const running = names.filter((n) => m.containers.get(n)?.status === 'running');
  obs.push({ command: `docker ps -a --format '{{.Names}}' | sort`, expected: names.map((n) => n + '\n').join('') });
  obs.push({ command: `docker ps --format '{{.Names}}' | sort`, expected: running.map((n) => n + '\n').join('') });
  const vols = [...m.volumes.values()];
  const named = vols.filter((v) => !v.anonymous).map((v) => v.name).sort();
  obs.push({
    command: 'docker volume ls -q | sort',
    expected: `${named.join(' ')} | ${vols.length - named.length} anonymous`,
    transform: summarizeVolumeLs,
  });
  for (const n of running) {
    const c = m.containers.get(n);
    if (!c) continue;
    obs.push({
      command: `docker exec ${n} sh -c ${q(listingScript(PATHS))}`,
      expected: renderListing(PATHS.map((p) => [p, m.view(c, p)])),
    });
  }
  if (m.host.size > 0) {
    obs.push({ command: listingScript(HOST_DIRS), expected: renderListing(HOST_DIRS.map((d) => [d, m.hostView(d)])) });
  }
  for (const v of named) {
    obs.push({
      command: `docker run --rm -v ${v}:/mnt busybox sh -c ${q(listingScript(['/mnt']))}`,
      expected: renderListing([['/mnt', m.volumeView(v)]]),
    });
  }
  return obs;
}
