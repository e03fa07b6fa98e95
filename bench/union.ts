// Figure 4 of issue #14: one union workload (lookups, copy-up writes, deletes, readdir over many
// layers) on strata's overlay and, side by side in the same run, on the JavaScript anchors:
// @zenfs/core's CopyOnWrite (a stack of CopyOnWriteFS, one per layer, over InMemory) and memfs
// volumes joined by unionfs; below them the floor, a plain Map probe per path component of a
// tree that is already merged. Every system gets the same layers, paths and operations, through
// its fs-like API (paths resolved from the root each time). unionfs has no copy-up or whiteouts:
// its top volume holds each directory, so a write lands there, and a delete removes the lower
// file itself (its lowers are rebuilt for every sample).

import { Bench } from 'tinybench';
import { CopyOnWriteFS, InMemory, fs as zfs, resolveMountConfigSync, vfs, type FileSystem } from '@zenfs/core';
import { Volume } from 'memfs';
import { Union } from 'unionfs';
import { dir, entryToChange, file, setEntry, type DirNode } from '../src/fs/node.ts';
import { Namespace } from '../src/fs/namespace.ts';
import { UnionBackend } from '../src/union/union-backend.ts';
import type { Figure } from './stats.ts';

const LAYERS = 16;
const DIRS = 4;
const FILES = 50;
const LOOKUPS = 2000;
const WRITES = 200;
const DELETES = 200;

/** Layer l holds d0..d{DIRS-1}, each with files f{l}_{i}; every 4th layer also rewrites `shared{i}`. */
function layerFiles(l: number): string[] {
  const paths: string[] = [];
  for (let d = 0; d < DIRS; d++) {
    for (let i = 0; i < FILES; i++) paths.push(`/d${d}/f${l}_${i}`);
    if (l % 4 === 0) for (let i = 0; i < 10; i++) paths.push(`/d${d}/shared${i}`);
  }
  return paths;
}

/** The same pseudo-random picks for every system. */
function picks(n: number, seed: number): string[] {
  const out: string[] = [];
  let x = seed;
  for (let k = 0; k < n; k++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const l = x % LAYERS;
    const d = (x >>> 8) % DIRS;
    const i = (x >>> 16) % FILES;
    out.push(k % 10 === 9 ? `/d${d}/missing${i}` : `/d${d}/f${l}_${i}`);
  }
  return out;
}

const LOOKUP_PATHS = picks(LOOKUPS, 1);
// distinct existing files, so every write copies up and every delete leaves a whiteout
const uniq = (paths: string[], n: number): string[] => [...new Set(paths.filter((p) => !p.includes('missing')))].slice(0, n);
const WRITE_PATHS = uniq(picks(WRITES * 3, 2), WRITES);
const DELETE_PATHS = uniq(picks(DELETES * 3, 3), DELETES).filter((p) => !WRITE_PATHS.includes(p));
const DIR_PATHS = Array.from({ length: DIRS }, (_, d) => `/d${d}`);

/** What a system offers the workload. */
interface System {
  stat(path: string): void;
  write(path: string, data: string): void;
  unlink(path: string): void;
  readdir(path: string): string[];
}

interface Subject {
  name: string;
  /** A fresh container view over the same layers (its setup is not timed). */
  fresh(): System;
}

function strata(): Subject {
  const lowers: DirNode[] = [];
  for (let l = LAYERS - 1; l >= 0; l--) {
    const root = dir();
    for (let d = 0; d < DIRS; d++) setEntry(root, `d${d}`, dir());
    for (const p of layerFiles(l)) {
      const [, d, f] = p.split('/');
      setEntry(entryToChange(root, d) as DirNode, f, file(`layer ${l}\n`));
    }
    lowers.push(root);
  }
  return {
    name: 'strata',
    fresh() {
      const ns = new Namespace([{ target: '/', backend: new UnionBackend(dir(), lowers), readonly: false, source: 'overlay' }]);
      return {
        stat: (p) => {
          if (!ns.exists(p)) return;
        },
        write: (p, data) => ns.writeFile(p, data),
        unlink: (p) => ns.unlink(p),
        readdir: (p) => ns.readdir(p),
      };
    },
  };
}

function zenfs(): Subject {
  const mem = (): FileSystem => resolveMountConfigSync({ backend: InMemory });
  let stack: FileSystem = mem();
  for (let l = 0; l < LAYERS; l++) {
    if (l > 0) stack = new CopyOnWriteFS(stack, mem());
    vfs.mount('/build', stack);
    for (let d = 0; d < DIRS; d++) if (!zfs.existsSync(`/build/d${d}`)) zfs.mkdirSync(`/build/d${d}`);
    for (const p of layerFiles(l)) zfs.writeFileSync(`/build${p}`, `layer ${l}\n`);
    vfs.umount('/build');
  }
  const lowers = stack;
  return {
    name: '@zenfs/core CopyOnWrite',
    fresh() {
      try {
        vfs.umount('/c');
      } catch {
        // nothing mounted yet
      }
      vfs.mount('/c', new CopyOnWriteFS(lowers, mem()));
      return {
        stat: (p) => {
          if (!zfs.existsSync('/c' + p)) return;
        },
        write: (p, data) => zfs.writeFileSync('/c' + p, data),
        unlink: (p) => zfs.unlinkSync('/c' + p),
        readdir: (p) => zfs.readdirSync('/c' + p) as string[],
      };
    },
  };
}

function unionfs(): Subject {
  return {
    name: 'memfs + unionfs',
    fresh() {
      const u = new Union();
      for (let l = 0; l < LAYERS; l++) {
        const json: Record<string, string> = {};
        for (const p of layerFiles(l)) json[p] = `layer ${l}\n`;
        u.use(Volume.fromJSON(json) as never);
      }
      const top = new Volume();
      for (let d = 0; d < DIRS; d++) top.mkdirSync(`/d${d}`, { recursive: true });
      u.use(top as never);
      return {
        stat: (p) => {
          if (!u.existsSync(p)) return;
        },
        write: (p, data) => u.writeFileSync(p, data),
        unlink: (p) => u.unlinkSync(p),
        readdir: (p) => u.readdirSync(p) as string[],
      };
    },
  };
}

/** The floor: one Map probe per path component of the merged tree. */
function mapFloor(): { name: string; lookup: (p: string) => boolean } {
  type MapDir = Map<string, MapDir | string>;
  const root: MapDir = new Map();
  for (let l = 0; l < LAYERS; l++) {
    for (const p of layerFiles(l)) {
      const [, d, f] = p.split('/');
      let m = root.get(d) as MapDir | undefined;
      if (m === undefined) root.set(d, (m = new Map()));
      if (!m.has(f)) m.set(f, `layer ${l}\n`);
    }
  }
  return {
    name: 'floor: Map probe per component',
    lookup(p) {
      let at: MapDir | string | undefined = root;
      let start = 1;
      while (start <= p.length && typeof at === 'object') {
        let end = p.indexOf('/', start);
        if (end < 0) end = p.length;
        at = at.get(p.slice(start, end));
        start = end + 1;
      }
      return at !== undefined;
    },
  };
}

/**
 * Microseconds per operation of `ops`, one tinybench iteration per sample, each on a fresh view
 * (made in beforeEach, not timed), after two untimed iterations.
 */
async function sample(subject: Subject, samples: number, ops: (s: System) => number): Promise<number[]> {
  let view: System = subject.fresh();
  let count = 1;
  const bench = new Bench({ time: 0, iterations: samples, warmupTime: 0, warmupIterations: 2 });
  bench.add(
    subject.name,
    () => {
      count = ops(view);
    },
    {
      beforeEach: () => {
        view = subject.fresh();
      },
    },
  );
  await bench.warmup();
  await bench.run();
  return bench.tasks[0].result!.samples.map((ms) => (ms * 1000) / count);
}

export async function benchUnion(samples: number): Promise<Figure[]> {
  const subjects = [strata(), zenfs(), unionfs()];
  const figures: Figure[] = [];
  const floor = mapFloor();
  const floorView: System = {
    stat: (p) => {
      if (!floor.lookup(p)) return;
    },
    write: () => undefined,
    unlink: () => undefined,
    readdir: () => [],
  };
  const floorSamples = await sample({ name: floor.name, fresh: () => floorView }, samples * 4, (s) => {
    for (const p of LOOKUP_PATHS) s.stat(p);
    return LOOKUP_PATHS.length;
  });
  figures.push({ name: `union lookups (${LAYERS} layers): ${floor.name}`, samples: floorSamples, unit: 'µs/op' });
  const kinds: [string, (s: System) => number][] = [
    [
      'lookups',
      (s) => {
        for (const p of LOOKUP_PATHS) s.stat(p);
        return LOOKUP_PATHS.length;
      },
    ],
    [
      'copy-up writes',
      (s) => {
        for (const p of WRITE_PATHS) s.write(p, 'changed\n');
        return WRITE_PATHS.length;
      },
    ],
    [
      'deletes',
      (s) => {
        for (const p of DELETE_PATHS) s.unlink(p);
        return DELETE_PATHS.length;
      },
    ],
    [
      'readdir',
      (s) => {
        for (const p of DIR_PATHS) s.readdir(p);
        return DIR_PATHS.length;
      },
    ],
  ];
  for (const [kind, ops] of kinds) {
    const results = new Map<string, number[]>();
    for (const subject of subjects) results.set(subject.name, await sample(subject, samples, ops));
    for (const subject of subjects) {
      const mine = results.get(subject.name)!;
      const f: Figure = { name: `union ${kind} (${LAYERS} layers): ${subject.name}`, samples: mine, unit: 'µs/op' };
      if (subject.name === 'strata') {
        const others = subjects.filter((o) => o !== subject).map((o) => med(results.get(o.name)!));
        f.target = '< both anchors';
        f.met = others.every((o) => med(mine) < o);
      }
      figures.push(f);
    }
  }
  return figures;
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
