// Benchmarks (timing goals live here, never in tests): `npm run bench`.
//  1. replaying every recorded scenario;
//  2. lookups in a container whose image has 120 layers and 120,000 files;
//  3. the CLI's costs on large inputs (docs/reliability.md): diffs of 200,000 lines, a long
//     output checked, deep trees, many commands, many volumes (each should grow linearly).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { parseScenario } from '../src/scenario/parse.ts';
import { checkScenario } from '../src/scenario/replay.ts';
import { SimulatedDocker } from '../src/engine/scenario-engine.ts';
import { expandPaths } from '../src/cli/files.ts';
import { execute, initialState } from '../src/engine/engine.ts';
import { dir, file, type DirNode } from '../src/fs/node.ts';
import { addLayer, layerIdFor } from '../src/image/layers.ts';
import { sha256Hex } from '../src/engine/ids.ts';
import { produce } from 'immer';
import { containerFs } from '../src/container/runtime-fs.ts';
import type { EngineName } from '../src/engine/profile.ts';
import { diffLines } from '../src/scenario/diff.ts';
import { BudgetedEngine } from '../src/cli/budget.ts';

const scenarios = (d: string): string[] => expandPaths([d]);

function benchCorpus(): void {
  const files = scenarios(join(import.meta.dirname, '..', 'test', 'conformance'));
  const t0 = performance.now();
  let commands = 0;
  for (const f of files) {
    const s = parseScenario(readFileSync(f, 'utf8'), f);
    const r = checkScenario(s, new SimulatedDocker({ engine: s.engine as EngineName }));
    commands += r.replay.results.length;
  }
  const ms = performance.now() - t0;
  console.log(`corpus: ${files.length} scenarios, ${commands} commands in ${ms.toFixed(0)} ms (${((ms / commands) * 1000).toFixed(0)} µs/command)`);
}

function benchBigImage(): void {
  const LAYERS = 120;
  const FILES = 1000;
  let st = initialState();
  const t0 = performance.now();
  st = produce(st, (draft) => {
    const base = draft.images[draft.tags['busybox:latest']];
    const layers = [...base.layers];
    for (let l = 0; l < LAYERS; l++) {
      const files: DirNode['entries'] = {};
      for (let f = 0; f < FILES; f++) files[`f${f}.txt`] = file(`layer ${l} file ${f}\n`);
      layers.push(addLayer(draft, layers, dir({}, { data: dir({}, { [`l${l}`]: dir({}, files) }) })));
    }
    const id = 'b'.repeat(64);
    draft.images[id] = { ...JSON.parse(JSON.stringify(base)), id, layers };
    draft.tags['big:latest'] = id;
  });
  const built = performance.now();
  const r = execute(st, 'docker create --name big big:latest');
  st = r.state;
  const created = performance.now();
  const c = Object.values(st.containers)[0];
  const LOOKUPS = 100_000;
  const fs = containerFs(st, c, { createMountpoints: false });
  const t1 = performance.now();
  for (let i = 0; i < LOOKUPS; i++) fs.stat(`/data/l${i % LAYERS}/f${i % FILES}.txt`);
  const t2 = performance.now();
  console.log(
    `big image: ${LAYERS} layers x ${FILES} files built in ${(built - t0).toFixed(0)} ms; container created in ${(created - built).toFixed(0)} ms; ` +
      `${LOOKUPS} lookups in ${(t2 - t1).toFixed(0)} ms (${((t2 - t1) / LOOKUPS * 1000).toFixed(1)} µs/lookup)`,
  );
}

const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

function benchDiff(): void {
  const n = 200_000;
  const a = Array.from({ length: n }, (_, i) => `line ${i}`);
  const third = a.map((l, i) => (i % 3 === 0 ? `other ${i}` : l));
  const other = a.map((_, i) => `x ${i}`);
  const cases: [string, string[], string[]][] = [['against nothing', [], a], ['every third line changed', a, third], ['every line changed', a, other]];
  console.log(`diff of ${n} lines: ${cases.map(([name, x, y]) => `${name} ${time(() => diffLines(x, y)).toFixed(0)} ms`).join(', ')}`);
}

/** Replay and check a scenario text on the CLI's budgeted engine. */
function check(text: string): void {
  const s = parseScenario(text, 'bench.scenario');
  checkScenario(s, new BudgetedEngine(new SimulatedDocker({ engine: 'docker-26.1' })));
}

function benchScenarios(): void {
  const out: string[] = [];
  out.push(`seq 1 200000 checked against nothing ${time(() => check('$ seq 1 200000\n')).toFixed(0)} ms`);
  out.push(`mkdir -p of 120 levels and cp -r of it ${time(() => check(`$ mkdir -p ${Array(120).fill('d').join('/')} && cp -r d e\n`)).toFixed(0)} ms`);
  for (const n of [2500, 10000]) out.push(`${n} commands (\`$ true\`) ${time(() => check('$ true\n'.repeat(n))).toFixed(0)} ms`);
  console.log(`scenarios: ${out.join('; ')}`);
  const vols: string[] = [];
  for (const n of [1000, 2000, 4000]) {
    const text = Array.from({ length: n }, (_, i) => `$ docker volume create v${i}\nv${i}\n`).join('');
    vols.push(`${n}: ${time(() => check(text)).toFixed(0)} ms`);
  }
  console.log(`docker volume create, one command each: ${vols.join(', ')}`);
}

/**
 * Layer and image IDs hash a layer's whole tree as JSON. The core hashes with @noble/hashes (pure
 * JavaScript, so that it runs in a browser); node:crypto's native sha256 is the yardstick. Runs
 * alternate and the best of each is kept, so that the load of a shared machine cancels out.
 */
function benchHashing(): void {
  const files: DirNode['entries'] = {};
  for (let f = 0; f < 20_000; f++) files[`f${f}.txt`] = file(`layer file ${f}\n`);
  const tree = dir({}, { data: dir({}, files) });
  const text = JSON.stringify([['a'.repeat(64)], tree]);
  let noble = Infinity;
  let native = Infinity;
  let json = Infinity;
  for (let r = 0; r < 5; r++) {
    noble = Math.min(noble, time(() => sha256Hex(text)));
    json = Math.min(json, time(() => layerIdFor(['a'.repeat(64)], tree)));
    native = Math.min(native, time(() => createHash('sha256').update(text, 'latin1').digest('hex')));
  }
  const mb = text.length / 1e6;
  console.log(
    `layer ID of 20000 files (${mb.toFixed(1)} MB of JSON): sha256 ${noble.toFixed(0)} ms with @noble/hashes, ` +
      `${native.toFixed(0)} ms with node:crypto; the whole ID (JSON and hash) ${json.toFixed(0)} ms`,
  );
}

benchCorpus();
benchBigImage();
benchHashing();
benchDiff();
benchScenarios();
