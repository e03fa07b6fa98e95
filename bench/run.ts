// Benchmarks (timing goals live here, never in tests): `npm run bench`. Prints each figure as
// the median of its samples with its spread, then a Markdown table of all of them (the README's
// performance section shows one). The figures of issue #14:
//  - the engine's CPU per command over every recorded scenario (corpus.ts);
//  - costs that must stay flat: kept objects, a huge directory, a deep image (flat.ts);
//  - one union workload on strata and on two JavaScript anchors, over a Map floor (union.ts);
//  - whole processes: start-up and `strata check` of the recorded corpus (process.ts);
// and the CLI's costs on large inputs (docs/reliability.md), each of which should grow linearly.
//
// BENCH_SAMPLES (default 5) sets the samples of each figure; BENCH_ONLY=corpus,flat,union,process,large
// runs some of them; BENCH_ONLY=kinds prints where the corpus's engine time goes (bench/kinds.ts). The machine is shared: compare figures within one run.

import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../src/scenario/parse.ts';
import { checkScenario } from '../src/scenario/replay.ts';
import { SimulatedDocker } from '../src/engine/scenario-engine.ts';
import { diffLines } from '../src/scenario/diff.ts';
import { BudgetedEngine } from '../src/cli/budget.ts';
import { benchCorpus } from './corpus.ts';
import { benchFlat } from './flat.ts';
import { benchUnion } from './union.ts';
import { benchProcesses } from './process.ts';
import { benchKinds } from './kinds.ts';
import { describe, table, type Figure } from './stats.ts';
import { useNodeDigest } from '../src/cli/native-digest.ts';

// The engine hashes long texts with node:crypto, as the CLI runs it (src/cli/native-digest.ts).
useNodeDigest();

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 5);
const ONLY = process.env.BENCH_ONLY?.split(',');
const wanted = (name: string): boolean => ONLY === undefined || ONLY.includes(name);
const figures: Figure[] = [];

function report(fs: Figure[]): void {
  for (const f of fs) console.log(`${f.name}: ${describe(f)}${f.target ? ` (target ${f.target}: ${f.met ? 'met' : 'NOT met'})` : ''}`);
  figures.push(...fs);
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}; ${SAMPLES} samples per figure`);

if (wanted('corpus')) {
  const c = benchCorpus(Math.max(2, Math.ceil(SAMPLES / 2)));
  console.log(`corpus: ${c.scenarios} scenarios, ${c.commands} commands per pass, ${c.failed} not passing (test/conformance/known-failing.ts lists the known ones)`);
  c.figure.met = Number(describe(c.figure).split(' ')[0]) <= 70;
  report([c.figure]);
}
// not in the default run: a table to read (bench/kinds.ts)
if (ONLY?.includes('kinds')) console.log(benchKinds());
if (wanted('flat')) report(benchFlat(SAMPLES));
if (wanted('union')) report(await benchUnion(SAMPLES));
if (wanted('process')) {
  // what bin/strata.js runs: the bundle of the sources as they are now
  execFileSync('node', ['scripts/build.mjs'], { cwd: join(import.meta.dirname, '..'), stdio: 'inherit' });
  report(benchProcesses(SAMPLES));
}

const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

/** Replay and check a scenario text on the CLI's budgeted engine. */
function check(text: string): void {
  const s = parseScenario(text, 'bench.scenario');
  checkScenario(s, new BudgetedEngine(new SimulatedDocker({ engine: 'docker-26.1' })));
}

if (wanted('large')) {
  const n = 200_000;
  const a = Array.from({ length: n }, (_, i) => `line ${i}`);
  const third = a.map((l, i) => (i % 3 === 0 ? `other ${i}` : l));
  const other = a.map((_, i) => `x ${i}`);
  const cases: [string, string[], string[]][] = [['against nothing', [], a], ['every third line changed', a, third], ['every line changed', a, other]];
  console.log(`diff of ${n} lines: ${cases.map(([name, x, y]) => `${name} ${time(() => diffLines(x, y)).toFixed(0)} ms`).join(', ')}`);
  const out: string[] = [];
  out.push(`seq 1 200000 checked against nothing ${time(() => check('$ seq 1 200000\n')).toFixed(0)} ms`);
  out.push(`mkdir -p of 120 levels and cp -r of it ${time(() => check(`$ mkdir -p ${Array(120).fill('d').join('/')} && cp -r d e\n`)).toFixed(0)} ms`);
  for (const k of [2500, 10000]) out.push(`${k} commands (\`$ true\`) ${time(() => check('$ true\n'.repeat(k))).toFixed(0)} ms`);
  console.log(`scenarios: ${out.join('; ')}`);
  const vols: string[] = [];
  for (const k of [1000, 2000, 4000]) {
    const text = Array.from({ length: k }, (_, i) => `$ docker volume create v${i}\nv${i}\n`).join('');
    vols.push(`${k}: ${time(() => check(text)).toFixed(0)} ms`);
  }
  console.log(`docker volume create, one command each: ${vols.join(', ')}`);
}

console.log('\n' + table(figures));
