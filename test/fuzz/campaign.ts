// The fuzz campaign over strata's CLI entry points: `npm run test:fuzz`.
//
// Runs inputs (generate.ts) through the CLI's pipeline in a worker process (run-one.ts: parse,
// check, --update, the round trip; a sample also through the real `strata` process), in chunks
// of CHUNK inputs, one worker at a time (one core). The campaign watches the worker: an input
// that uses more than --hang-ms of CPU (wall time where there is no /proc), or runs for ten times
// that, is a hang (the worker is killed and the campaign goes on after it), a worker that dies
// mid-input (out of its --heap-mb, a stack overflow of the process) is a crash, and each
// input's peak resident memory is recorded. Progress is saved in a state file after every chunk
// (and every few seconds), so an interrupted campaign resumes where it stopped;
// every finding is saved as a .scenario file with its SEED:INDEX, and
// `npm run test:fuzz -- --repro SEED:INDEX` makes that input again and runs it here.
//
//   npm run test:fuzz                          # run (or resume) 1,000,000 inputs
//   npm run test:fuzz -- --inputs 20000        # a shorter campaign
//   npm run test:fuzz -- --chunks 10           # run 10 chunks, then stop (resume later)
//   npm run test:fuzz -- --seed 7 --fresh      # start over with another seed
//   npm run test:fuzz -- --report              # the figures so far
//   npm run test:fuzz -- --repro 1:4242        # one input again, with its findings

import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from './generate.ts';
import { runCli, runOne } from './run-one.ts';
import type { WorkerMessage } from './worker.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Finding {
  seed: number;
  index: number;
  kind: string;
  /** The input kind (generator). */
  input: string;
  detail: string;
  file: string;
}

interface State {
  seed: number;
  target: number;
  next: number;
  startedAt: string;
  /** Wall time spent running inputs, over all sessions. */
  elapsedMs: number;
  sessions: number;
  commits: string[];
  inputs: number;
  byKind: Record<string, number>;
  byStage: Record<string, number>;
  cliSamples: number;
  hangs: number;
  workerDeaths: number;
  peakRssKb: number;
  peakRssIndex: number;
  slowestMs: number;
  slowestIndex: number;
  /** Time spent per input kind (ms), for where the campaign's time goes. */
  msByKind: Record<string, number>;
  /** The slowest inputs, slowest first: [index, kind, ms]. */
  slowest: [number, string, number][];
  findings: Finding[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const num = (name: string, dflt: number): number => (arg(name) === undefined ? dflt : Number(arg(name)));

const statePath = arg('state') ?? join(ROOT, '.fuzz', 'state.json');
const findingsDir = join(statePath, '..', 'findings');
const CHUNK = num('chunk', 5000);
const CLI_EVERY = num('cli-every', 2000);
const HANG_MS = num('hang-ms', 60_000);
// A worker that is blocked (not using CPU) is a hang too, but only after this much wall time:
// on a loaded machine an input's wall time says little (two 'hangs' of earlier sessions were a
// load average of 21 and a SIGSTOP, each input replaying in under 1.5 s of CPU).
const WALL_HANG_MS = num('wall-hang-ms', 10 * HANG_MS);

/**
 * CPU time (user + system, ms) a process has used, from /proc/PID/stat (fields 14 and 15, in
 * clock ticks); undefined where there is no /proc (the watchdog then counts wall time).
 */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces: count from after it
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}

const CLK_TCK = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
const HEAP_MB = num('heap-mb', 1024);
const MAX_CHUNKS = num('chunks', Infinity);

function commit(): string {
  // a campaign run from an exported snapshot (no .git) is told its commit
  if (process.env.STRATA_FUZZ_COMMIT) return process.env.STRATA_FUZZ_COMMIT.slice(0, 12);
  // git itself: .git may be a worktree's pointer file, and HEAD's ref may be packed
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().slice(0, 12);
  } catch {
    return 'unknown';
  }
}

function loadState(): State {
  if (existsSync(statePath) && !flag('fresh')) {
    const st = JSON.parse(readFileSync(statePath, 'utf8')) as State;
    if (arg('seed') !== undefined && Number(arg('seed')) !== st.seed) {
      throw new Error(`${statePath} holds a campaign with seed ${st.seed}: pass --fresh to start one with seed ${arg('seed')}`);
    }
    if (arg('inputs') !== undefined) st.target = Number(arg('inputs'));
    return st;
  }
  return {
    seed: num('seed', 20261205),
    target: num('inputs', 1_000_000),
    next: 0,
    startedAt: new Date().toISOString(),
    elapsedMs: 0,
    sessions: 0,
    commits: [],
    inputs: 0,
    byKind: {},
    byStage: {},
    cliSamples: 0,
    hangs: 0,
    workerDeaths: 0,
    peakRssKb: 0,
    peakRssIndex: -1,
    slowestMs: 0,
    slowestIndex: -1,
    msByKind: {},
    slowest: [],
    findings: [],
  };
}

function saveState(st: State): void {
  mkdirSync(join(statePath, '..'), { recursive: true });
  writeFileSync(`${statePath}.tmp`, JSON.stringify(st, null, 1));
  renameSync(`${statePath}.tmp`, statePath);
}

function record(st: State, seed: number, index: number, kind: string, input: string, detail: string): void {
  mkdirSync(findingsDir, { recursive: true });
  const file = join(findingsDir, `${seed}-${index}.scenario`);
  writeFileSync(file, generate(seed, index).bytes);
  st.findings.push({ seed, index, kind, input, detail: detail.slice(0, 4000), file });
  console.log(`FOUND ${seed}:${index} [${input}] ${kind}: ${detail.split('\n')[0].slice(0, 300)}\n  input: ${file}\n  again: npm run test:fuzz -- --repro ${seed}:${index}`);
}

/** Run inputs from..to-1 in one worker (respawned after a hang or a death). */
function runChunk(st: State, from: number, to: number): Promise<void> {
  return new Promise((resolve) => {
    let next = from;
    let current = -1;
    let began = 0;
    let cpuAtBegin: number | undefined;
    let lastSave = Date.now();
    const t0 = Date.now();
    const spawnWorker = (): void => {
      if (next >= to) {
        st.elapsedMs += Date.now() - t0;
        resolve();
        return;
      }
      const child = fork(join(import.meta.dirname, 'worker.ts'), [String(st.seed), String(next), String(to), String(CLI_EVERY), String(HANG_MS)], {
        cwd: ROOT,
        execArgv: ['--import', 'tsx', `--max-old-space-size=${HEAP_MB}`, '--expose-gc'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => {
        stderr = (stderr + b.toString()).slice(-4000);
      });
      let hung = '';
      const watchdog = setInterval(() => {
        if (current < 0) return;
        const wall = Date.now() - began;
        const cpu = cpuMsOf(child.pid);
        if (cpu !== undefined && cpuAtBegin !== undefined) {
          if (cpu - cpuAtBegin > HANG_MS) hung = `used ${HANG_MS} ms of CPU and was still running`;
          else if (wall > WALL_HANG_MS) hung = `still running after ${WALL_HANG_MS} ms (${Math.round(cpu - cpuAtBegin)} ms of CPU)`;
        } else if (wall > HANG_MS) hung = `still running after ${HANG_MS} ms`;
        if (hung) child.kill('SIGKILL');
      }, 1000);
      child.on('message', (m: WorkerMessage) => {
        if (m.type === 'begin') {
          current = m.index;
          began = Date.now();
          cpuAtBegin = cpuMsOf(child.pid);
          return;
        }
        current = -1;
        next = m.index + 1;
        st.next = next;
        st.inputs++;
        st.byKind[m.kind] = (st.byKind[m.kind] ?? 0) + 1;
        st.byStage[m.stage] = (st.byStage[m.stage] ?? 0) + 1;
        if (m.cli) st.cliSamples++;
        if (m.maxRssKb > st.peakRssKb) {
          st.peakRssKb = m.maxRssKb;
          st.peakRssIndex = m.index;
        }
        if (m.ms > st.slowestMs) {
          st.slowestMs = m.ms;
          st.slowestIndex = m.index;
        }
        st.msByKind[m.kind] = (st.msByKind[m.kind] ?? 0) + m.ms;
        if (st.slowest.length < 20 || m.ms > st.slowest[st.slowest.length - 1][2]) {
          st.slowest.push([m.index, m.kind, Math.round(m.ms)]);
          st.slowest.sort((a, b) => b[2] - a[2]);
          st.slowest.length = Math.min(st.slowest.length, 20);
        }
        for (const a of m.anomalies) record(st, st.seed, m.index, a.kind, m.kind, a.detail);
        if (m.maxRssKb > 1024 * 1024) record(st, st.seed, m.index, 'memory', m.kind, `peak resident memory ${Math.round(m.maxRssKb / 1024)} MB`);
        if (Date.now() - lastSave > 10_000) {
          lastSave = Date.now();
          saveState(st);
        }
      });
      child.on('exit', (code, signal) => {
        clearInterval(watchdog);
        if (current >= 0) {
          // the input in progress never ended: a hang, or the worker died of it
          const index = current;
          current = -1;
          st.inputs++;
          const kind = generate(st.seed, index).kind;
          st.byKind[kind] = (st.byKind[kind] ?? 0) + 1;
          if (hung) {
            st.hangs++;
            record(st, st.seed, index, 'hang', kind, hung);
          } else {
            st.workerDeaths++;
            record(st, st.seed, index, 'worker-died', kind, `exit ${code ?? signal}: ${stderr.slice(-2000)}`);
          }
          next = index + 1;
          st.next = next;
        } else if (code !== 0 && next < to) {
          // no input in progress: the worker could not start (the sources do not load)
          console.error(`the worker exited ${code ?? signal} before running an input:\n${stderr.slice(-3000)}`);
          saveState(st);
          process.exit(2);
        }
        saveState(st);
        spawnWorker();
      });
    };
    spawnWorker();
  });
}

function report(st: State): void {
  const mb = (kb: number): string => `${Math.round(kb / 1024)} MB`;
  const kinds = Object.entries(st.byKind).sort().map(([k, n]) => `${k} ${n} (${((st.msByKind?.[k] ?? 0) / n).toFixed(1)} ms each)`).join(', ');
  const stages = Object.entries(st.byStage).sort().map(([k, n]) => `${k} ${n}`).join(', ');
  const byKind = new Map<string, number>();
  for (const f of st.findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  console.log(
    [
      `seed ${st.seed}: ${st.inputs} of ${st.target} inputs (next index ${st.next}), ${st.sessions} session(s), commits ${st.commits.join(' ')}`,
      `time ${(st.elapsedMs / 3600000).toFixed(2)} h (${(st.elapsedMs / Math.max(1, st.inputs)).toFixed(1)} ms per input), slowest ${(st.slowestMs / 1000).toFixed(1)} s (index ${st.slowestIndex})`,
      `peak resident memory of a worker ${mb(st.peakRssKb)} (index ${st.peakRssIndex}); heap limit ${HEAP_MB} MB`,
      `by kind: ${kinds}`,
      `by stage: ${stages}`,
      `slowest: ${(st.slowest ?? []).slice(0, 8).map(([i, k, ms]) => `${i} ${k} ${(ms / 1000).toFixed(1)} s`).join(', ')}`,
      `through the real CLI process: ${st.cliSamples}`,
      `hangs ${st.hangs}, worker deaths ${st.workerDeaths}, findings ${st.findings.length}${byKind.size ? ` (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`,
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const repro = arg('repro');
  if (repro !== undefined) {
    const [seed, index] = repro.split(':').map(Number);
    const input = generate(seed, index);
    mkdirSync(findingsDir, { recursive: true });
    const file = join(findingsDir, `${seed}-${index}.scenario`);
    writeFileSync(file, input.bytes);
    console.log(`input ${seed}:${index} [${input.kind}]${input.engine ? ` --engine ${input.engine}` : ''}: ${file}`);
    const o = runOne(input);
    const cli = flag('no-cli') ? [] : runCli(input, o, HANG_MS);
    console.log(`stage ${o.stage}, expected exit ${o.expectedStatus}`);
    for (const a of [...o.anomalies, ...cli]) console.log(`${a.kind}: ${a.detail}`);
    if (o.anomalies.length + cli.length === 0) console.log('no findings');
    return;
  }
  const st = loadState();
  if (flag('report')) {
    report(st);
    return;
  }
  st.sessions++;
  if (!st.commits.includes(commit())) st.commits.push(commit());
  console.log(`fuzz campaign: seed ${st.seed}, inputs ${st.next}..${st.target}, chunks of ${CHUNK}, CLI sample every ${CLI_EVERY}, hang after ${HANG_MS} ms, heap ${HEAP_MB} MB; state ${statePath}`);
  let chunks = 0;
  while (st.next < st.target && chunks < MAX_CHUNKS) {
    const from = st.next;
    const to = Math.min(st.target, from + CHUNK);
    const t0 = Date.now();
    const before = st.findings.length;
    await runChunk(st, from, to);
    chunks++;
    saveState(st);
    console.log(
      `${new Date().toISOString()} inputs ${from}..${to - 1}: ${((Date.now() - t0) / (to - from)).toFixed(1)} ms/input, peak RSS ${Math.round(st.peakRssKb / 1024)} MB, ` +
        `${st.findings.length - before} new findings (${st.findings.length} in all)`,
    );
  }
  report(st);
  process.exitCode = st.findings.length > 0 ? 1 : 0;
}

await main();
