// Figure 2 of issue #14: the engine's CPU per scenario command over every recorded scenario in
// the repository (test/conformance, test/recorded, scenarios), warm: one pass to warm up, then
// each timed pass is a sample. Engine time only: the commands, the ID snapshots after each and
// making the engine's first state and loading `# images:`, not parsing, normalizing or comparing.
//
// How: process.cpuUsage costs ~10 µs a call here, too much to wrap every command of a 70 µs
// goal, so each scenario is timed whole twice: once on the engine, once on a playback of what
// the engine answered in the warm-up pass (same replay, normalizing and comparing, no engine).
// The engine's share is the difference.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseScenario } from '../src/scenario/parse.ts';
import { checkScenario, type EngineIds, type ScenarioEngine } from '../src/scenario/replay.ts';
import { SimulatedDocker } from '../src/engine/scenario-engine.ts';
import { expandPaths } from '../src/cli/files.ts';
import { DEFAULT_ENGINE, type EngineName } from '../src/engine/profile.ts';
import type { Scenario } from '../src/scenario/index.ts';
import { parseDaemonFlags } from '../src/daemon/config.ts';
import { cpuMicros, type Figure } from './stats.ts';

/** As test/conformance replays them: with the oracle's daemon flags unless a file says others. */
const ORACLE_DAEMON = parseDaemonFlags('--bridge=none');

const ROOT = join(import.meta.dirname, '..');

/** What an engine answered, in order. */
interface Tape {
  runs: { output: string; exitCode: number }[];
  ids: EngineIds[];
  missing: string[][];
}

class RecordingEngine extends SimulatedDocker {
  readonly tape: Tape = { runs: [], ids: [], missing: [] };
  override run(command: string): { output: string; exitCode: number } {
    const r = super.run(command);
    this.tape.runs.push(r);
    return r;
  }
  override knownIds(): EngineIds {
    const r = super.knownIds();
    this.tape.ids.push(r);
    return r;
  }
  override loadImages(refs: string[]): string[] {
    const r = super.loadImages(refs);
    this.tape.missing.push(r);
    return r;
  }
}

/** The same answers again, without an engine. */
class PlaybackEngine implements ScenarioEngine {
  readonly pwd: string;
  readonly dataRoot: string;
  private r = 0;
  private i = 0;
  private m = 0;
  constructor(
    private readonly tape: Tape,
    like: { pwd: string; dataRoot: string },
  ) {
    this.pwd = like.pwd;
    this.dataRoot = like.dataRoot;
  }
  run(): { output: string; exitCode: number } {
    return this.tape.runs[this.r++];
  }
  knownIds(): EngineIds {
    return this.tape.ids[this.i++];
  }
  loadImages(): string[] {
    return this.tape.missing[this.m++];
  }
}

/**
 * As test/conformance: the recorded files with the oracle's stand-ins on busybox, scenarios/
 * without; a scenario's `# busybox: oracle` starts it on the oracle's busybox:latest, as
 * `strata check` does (without it 5 of scenarios/ failed here and the corpus line said so).
 */
const optionsOf = (s: Scenario): { engine: EngineName; daemon: typeof ORACLE_DAEMON; busyboxStandIns: boolean; oracleBase?: true } => ({
  engine: (s.engine ?? DEFAULT_ENGINE) as EngineName,
  daemon: s.daemon ?? ORACLE_DAEMON,
  busyboxStandIns: !relative(ROOT, s.file).startsWith('scenarios'),
  ...(s.oracleBusybox === true ? { oracleBase: true as const } : {}),
});

function check(s: Scenario, engine: ScenarioEngine): boolean {
  try {
    return checkScenario(s, engine).passed;
  } catch {
    return false;
  }
}

export function benchCorpus(passes: number): { figure: Figure; scenarios: number; commands: number; failed: number } {
  const files = expandPaths([join(ROOT, 'test', 'conformance'), join(ROOT, 'test', 'recorded'), join(ROOT, 'scenarios')]);
  const parsed = files.map((f) => parseScenario(readFileSync(f, 'utf8'), f));
  // pass 0 warms the JIT up and records the tapes
  const tapes: Tape[] = [];
  let failed = 0;
  for (const s of parsed) {
    const engine = new RecordingEngine(optionsOf(s));
    if (!check(s, engine)) failed++;
    tapes.push(engine.tape);
  }
  const commands = tapes.reduce((n, t) => n + t.runs.length, 0);
  const like = { pwd: new SimulatedDocker().pwd, dataRoot: new SimulatedDocker().dataRoot };
  const samples: number[] = [];
  for (let pass = 1; pass <= passes; pass++) {
    let withEngine = 0;
    let without = 0;
    parsed.forEach((s, k) => {
      withEngine += cpuMicros(() => check(s, new SimulatedDocker(optionsOf(s))));
      without += cpuMicros(() => check(s, new PlaybackEngine(tapes[k], like)));
    });
    samples.push((withEngine - without) / commands);
  }
  const figure: Figure = { name: `engine CPU per command, ${parsed.length} recorded scenarios (warm)`, samples, unit: 'µs', target: '≤ 70 µs' };
  return { figure, scenarios: parsed.length, commands, failed };
}
