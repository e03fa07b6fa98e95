// Runs command lines on strata and the reference model side by side, compares what they show, and
// turns a failing run into a `.scenario` file that `npx strata replay FILE` can run.

import fc from 'fast-check';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseScenario, renderCommand, renderTranscript, replayScenario, updateScenario } from '../../src/scenario/index.ts';
import { applyToModel, buildLine, commandLine, observations, SEEDED_STEPS, type Cmd } from './commands.ts';
import { Model, type EngineName } from './reference-model.ts';

/** How many runs a property makes: `STRATA_PROPERTY_RUNS` (npm run test:deep sets 50× the default). */
export const DEFAULT_RUNS = 40;
export const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? DEFAULT_RUNS) || DEFAULT_RUNS;

export const ENGINES: readonly EngineName[] = ['docker-20.10', 'docker-26.1'];

export interface Executed {
  command: string;
  output: string;
  exitCode: number;
}

/** The strata side: the engine state and every command line it ran (the counterexample). */
export interface Real {
  engine: EngineName;
  state: EngineState;
  log: Executed[];
}

/** Run one command line on strata, logging it. */
export function run(real: Real, command: string): Executed {
  const r = execute(real.state, command);
  real.state = r.state;
  const e = { command, output: r.output, exitCode: r.exitCode };
  real.log.push(e);
  return e;
}

export const SEEDED_BUILD = buildLine('seeded', 'busybox', SEEDED_STEPS);

const baseStates = new Map<EngineName, { state: EngineState; log: Executed[] }>();

/** A fresh strata engine with the prebuilt images (the state is immutable, so it is cached). */
export function freshReal(engine: EngineName): Real {
  let base = baseStates.get(engine);
  if (!base) {
    const r: Real = { engine, state: initialState({ engine }), log: [] };
    const b = run(r, SEEDED_BUILD);
    if (b.exitCode !== 0) throw new Error(`build of seeded failed on ${engine}:\n${b.output}`);
    base = { state: r.state, log: r.log };
    baseStates.set(engine, base);
  }
  return { engine, state: base.state, log: [...base.log] };
}

/** A fresh model with the same images. */
export function freshModel(engine: EngineName): Model {
  const m = new Model(engine);
  m.build('seeded', 'busybox', SEEDED_STEPS);
  return m;
}

/**
 * The command lines as a scenario replayed by strata (normalized outputs, `[exit N]` lines):
 * `# title: counterexample`, `# engine: ...`, then every `$ command` with what strata printed.
 */
export function scenarioOf(engine: EngineName, commands: readonly string[], title = 'counterexample'): string {
  const text = [`# title: ${title}`, `# engine: ${engine}`, '', ...commands.flatMap(renderCommand), ''].join('\n');
  const s = parseScenario(text, 'counterexample.scenario');
  const replay = replayScenario(s, new SimulatedDocker({ engine }));
  try {
    return updateScenario(s, replay.results);
  } catch {
    return renderTranscript(s, replay.results);
  }
}

/** A mismatch between strata and the model, carrying the counterexample scenario. */
export class Disagreement extends Error {
  constructor(what: string, real: Real) {
    super(`${what}\n\n--- counterexample (save as x.scenario, run: npx strata replay x.scenario) ---\n${scenarioOf(real.engine, real.log.map((e) => e.command))}`);
    this.name = 'Disagreement';
  }
}

/** Which kinds of disagreement a run tolerates (documented engine bugs, see /tmp/model-report.md). */
export interface Tolerance {
  /** Skip a command the model flags as hitting a known bug (it is not run at all). */
  skip?: (m: Model, c: Cmd) => boolean;
}

/** One step: the command on both sides, exit statuses compared, then every observation compared. */
export function step(m: Model, real: Real, c: Cmd): void {
  const line = commandLine(c);
  const got = run(real, line);
  const want = applyToModel(m, c);
  if (got.exitCode !== want) {
    throw new Disagreement(`exit status of \`${line}\`: strata ${got.exitCode}, model ${want}\nstrata printed:\n${got.output}`, real);
  }
  observe(m, real);
}

/** Compare every observation of the model with strata's. */
export function observe(m: Model, real: Real): void {
  for (const o of observations(m)) {
    const r = run(real, o.command);
    const actual = o.transform ? o.transform(r.output) : r.output;
    if (r.exitCode !== 0 || actual !== o.expected) {
      throw new Disagreement(
        `observation \`${o.command}\` differs\n--- model\n${o.expected}\n--- strata (exit ${r.exitCode})\n${actual}`,
        real,
      );
    }
  }
}

/** fast-check's view of a command: precondition on the model, run on both sides. */
export class StepCommand implements fc.Command<Model, Real> {
  constructor(readonly cmd: Cmd, readonly tolerance: Tolerance = {}) {}

  check(m: Readonly<Model>): boolean {
    const c = this.cmd;
    if (this.tolerance.skip?.(m as Model, c)) return false;
    if (c.kind === 'create' && m.containers.has(c.name)) return false;
    if ((c.kind === 'create' || c.kind === 'once') && c.volumesFrom) {
      if (!m.containers.has(c.volumesFrom.container)) return false;
      if (c.kind === 'create' && c.volumesFrom.container === c.name) return false;
    }
    return true;
  }

  run(m: Model, real: Real): void {
    step(m, real, this.cmd);
  }

  toString(): string {
    return commandLine(this.cmd);
  }
}
