// Where the corpus's engine time goes (issue #14), by kind of command: `BENCH_ONLY=kinds npm run
// bench` (BENCH_KINDS_TOP=N for more of the costliest scenarios, BENCH_KINDS_DIR=test/recorded
// for one folder). One warm-up pass over the corpus (as bench/corpus.ts replays it), then one pass
// with each engine call wrapped in process.cpuUsage (~10 µs a call here: with commands near
// 1 ms, ~1-2 % of each; the calibrated cost of an empty pair is subtracted). Not a figure with a
// goal: a table to read, where the corpus figure is one number.
//
// A command's kind is its first `docker` subcommand (`run` split by what it runs: detached, a
// `-c` script, anything else; `compose` by its own subcommand), or `host shell` for a line that
// runs no docker command (mkdir, printf > Dockerfile, cat of a file...).

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseScenario } from '../src/scenario/parse.ts';
import { checkScenario, type EngineIds } from '../src/scenario/replay.ts';
import { SimulatedDocker } from '../src/engine/scenario-engine.ts';
import { expandPaths } from '../src/cli/files.ts';
import { DEFAULT_ENGINE, type EngineName } from '../src/engine/profile.ts';
import type { Scenario } from '../src/scenario/index.ts';
import { parseDaemonFlags } from '../src/daemon/config.ts';

const ROOT = join(import.meta.dirname, '..');
const ORACLE_DAEMON = parseDaemonFlags('--bridge=none');

/** Object subcommands whose next word says what they do. */
const GROUPS = new Set(['container', 'image', 'volume', 'network', 'system', 'builder', 'buildx', 'context', 'plugin', 'compose']);

/** The kind of one command line (see the top of the file). */
export function commandKind(command: string): string {
  const m = /(?:^|[\s;&|(`$])docker((?:\s+-{1,2}[\w-]+(?:[= ](?!(?:run|build|exec|compose)\b)\S+)?)*)\s+([a-z-]+)(?:\s+([a-z-]+))?/.exec(command);
  if (m === null) return 'host shell';
  let sub = m[2];
  if (GROUPS.has(sub) && m[3] !== undefined) sub = `${sub} ${m[3]}`;
  if (sub === 'run' || sub === 'container run') {
    const rest = command.slice(m.index + m[0].length - (m[3]?.length ?? 0));
    if (/(?:^|\s)-(?:[a-z]*d[a-z]*|-detach)(?:\s|$)/.test(rest.split(/[|;&]/)[0])) return 'run -d';
    if (/\s(?:ba)?sh\s+(?:-\w+\s+)*-c\s/.test(rest)) return 'run sh -c';
    return 'run (other)';
  }
  return sub;
}

interface Cost {
  n: number;
  us: number;
}

const add = (m: Map<string, Cost>, k: string, us: number): void => {
  const c = m.get(k) ?? { n: 0, us: 0 };
  c.n++;
  c.us += us;
  m.set(k, c);
};

let sink: Map<string, Cost> | undefined;
let perScenario = 0;
let pairCost = 0;

function cpu(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

class TimedEngine extends SimulatedDocker {
  override run(command: string): { output: string; exitCode: number } {
    if (sink === undefined) return super.run(command);
    const t = cpu();
    const r = super.run(command);
    const us = cpu() - t - pairCost;
    add(sink, commandKind(command), us);
    perScenario += us;
    return r;
  }
  override knownIds(): EngineIds {
    if (sink === undefined) return super.knownIds();
    const t = cpu();
    const r = super.knownIds();
    const us = cpu() - t - pairCost;
    add(sink, '(knownIds, after each command)', us);
    perScenario += us;
    return r;
  }
  override loadImages(refs: string[]): string[] {
    if (sink === undefined) return super.loadImages(refs);
    const t = cpu();
    const r = super.loadImages(refs);
    const us = cpu() - t - pairCost;
    add(sink, '(# images: loads)', us);
    perScenario += us;
    return r;
  }
}

const optionsOf = (s: Scenario): { engine: EngineName; daemon: typeof ORACLE_DAEMON; busyboxStandIns: boolean } => ({
  engine: (s.engine ?? DEFAULT_ENGINE) as EngineName,
  daemon: s.daemon ?? ORACLE_DAEMON,
  busyboxStandIns: !relative(ROOT, s.file).startsWith('scenarios'),
});

const ms = (us: number): string => (us / 1000).toFixed(0);

export function benchKinds(): string {
  const dirs = process.env.BENCH_KINDS_DIR?.split(',').map((d) => join(ROOT, d)) ?? [join(ROOT, 'test', 'conformance'), join(ROOT, 'test', 'recorded'), join(ROOT, 'scenarios')];
  const parsed = expandPaths(dirs).map((f) => parseScenario(readFileSync(f, 'utf8'), f));
  const pass = (): { total: number; scenarios: { file: string; us: number; commands: number }[] } => {
    const scenarios: { file: string; us: number; commands: number }[] = [];
    const t0 = cpu();
    for (const s of parsed) {
      perScenario = 0;
      let engine: TimedEngine;
      if (sink !== undefined) {
        const t = cpu();
        engine = new TimedEngine(optionsOf(s));
        const us = cpu() - t - pairCost;
        add(sink, '(first state)', us);
        perScenario += us;
      } else engine = new TimedEngine(optionsOf(s));
      try {
        checkScenario(s, engine);
      } catch {
        // counted as the corpus bench does: a failure is still engine time
      }
      scenarios.push({ file: relative(ROOT, s.file), us: perScenario, commands: engine.eventsByRun.length });
    }
    return { total: cpu() - t0, scenarios };
  };
  pass();
  // an empty pair of readings, as each timed call pays it
  const k = 20000;
  const c0 = cpu();
  for (let i = 0; i < k; i++) cpu();
  pairCost = (cpu() - c0) / k;
  sink = new Map();
  const { total, scenarios } = pass();
  const byKind = [...sink.entries()].sort((a, b) => b[1].us - a[1].us);
  const engineUs = byKind.reduce((s, [, c]) => s + c.us, 0);
  const commands = byKind.filter(([name]) => !name.startsWith('(')).reduce((s, [, c]) => s + c.n, 0);
  const out: string[] = [];
  out.push(`corpus by kind: ${parsed.length} scenarios, ${commands} commands; whole pass ${ms(total)} ms CPU, in engine calls ${ms(engineUs)} ms (${((100 * engineUs) / total).toFixed(0)} %), ${(engineUs / commands).toFixed(0)} µs a command; a timing pair costs ${pairCost.toFixed(1)} µs (subtracted)`);
  out.push('| kind | calls | ms | % of engine | µs each |', '| --- | ---: | ---: | ---: | ---: |');
  for (const [name, c] of byKind) out.push(`| ${name} | ${c.n} | ${ms(c.us)} | ${((100 * c.us) / engineUs).toFixed(1)} | ${(c.us / c.n).toFixed(0)} |`);
  const top = Number(process.env.BENCH_KINDS_TOP ?? 15);
  out.push('', `the ${top} costliest scenarios (engine calls):`, '| scenario | commands | ms |', '| --- | ---: | ---: |');
  for (const s of scenarios.sort((a, b) => b.us - a.us).slice(0, top)) out.push(`| ${s.file} | ${s.commands} | ${ms(s.us)} |`);
  sink = undefined;
  return out.join('\n');
}
