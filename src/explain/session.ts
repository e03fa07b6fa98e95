// Running a scenario or a Markdown page for an explanation: the replay as `strata replay` does it,
// plus what an explanation needs and a transcript does not keep: the engine state before and
// after every command (immutable, so keeping them all costs only what changed) and the spelling
// the transcript gives each ID. Pure: no files, the caller gives the text.

import { SimulatedDocker } from '../engine/scenario-engine.ts';
import { DEFAULT_ENGINE, type EngineName } from '../engine/profile.ts';
import type { EngineEvent } from '../engine/events.ts';
import type { EngineState } from '../engine/state.ts';
import type { DaemonConfig } from '../daemon/config.ts';
import type { Scenario, StepResult } from '../scenario/model.ts';
import { replayScenario, type EngineIds, type ScenarioEngine } from '../scenario/replay.ts';
import { splitOutput, transcriptNames } from '../scenario/normalize.ts';
import { parsePage, type Page } from '../pages/page.ts';
import { idsMode, pageEngine, pageScenario } from '../pages/session.ts';

export interface SessionStep {
  /** 1-based command number. */
  step: number;
  line: number;
  command: string;
  /** The output as the transcript shows it. */
  output: string[];
  /** What the command printed, before normalization. */
  rawOutput: string;
  exitCode: number;
  before: EngineState;
  after: EngineState;
  events: readonly EngineEvent[];
}

export interface Session {
  file: string;
  /** The commands as a scenario (a page's session as pageScenario makes it). */
  scenario: Scenario;
  engine: EngineName;
  ids: 'placeholders' | 'docker';
  /** The state before the first command (after `# images:`). */
  initial: EngineState;
  steps: SessionStep[];
  /** 64-hex ID → placeholder (`<id2>`) as the normalized transcript shows it (placeholders mode). */
  placeholders: ReadonlyMap<string, string>;
  /** Every text the transcript printed, raw (to find the hex IDs a page with ids=docker shows). */
  printed: string;
  /** The scenario's working directory on the simulated host (`$PWD`). */
  pwd: string;
}

export interface SessionOptions {
  /** Overrides the file's own engine. */
  engine?: EngineName;
  /** Overrides the file's own daemon flags (`# daemon:`). */
  daemon?: DaemonConfig;
  /** The oracle's stand-ins, on busybox (EngineOptions.busyboxStandIns). */
  busyboxStandIns?: boolean;
  /** Puts a wrapper around the engine (the CLI's budgets); it must run commands in order. */
  wrap?: (engine: ScenarioEngine) => ScenarioEngine;
}

/** The simulator, remembering the states around each command and every ID it ever had. */
export class RecordingDocker implements ScenarioEngine {
  readonly docker: SimulatedDocker;
  readonly records: { before: EngineState; after: EngineState; events: readonly EngineEvent[] }[] = [];
  readonly ids = new Set<string>();
  readonly imageIds = new Set<string>();

  /** `terminal`: one session in a terminal's shell, as a Markdown page is (SimulatedDocker). */
  constructor(engine: EngineName, daemon?: DaemonConfig, busyboxStandIns = false, terminal = false, oracleBase = false) {
    this.docker = new SimulatedDocker({ engine, daemon, busyboxStandIns, terminal, ...(oracleBase ? { oracleBase } : {}) });
  }
  get pwd(): string {
    return this.docker.pwd;
  }
  get dataRoot(): string {
    return this.docker.dataRoot;
  }
  run(command: string, typed?: Parameters<ScenarioEngine['run']>[1]): { output: string; exitCode: number } {
    const before = this.docker.state;
    const r = this.docker.run(command, typed);
    this.records.push({ before, after: this.docker.state, events: this.docker.eventsByRun.at(-1) ?? [] });
    return r;
  }
  private last?: EngineIds;
  knownIds(): EngineIds {
    const k = this.docker.knownIds();
    if (k === this.last) return k;
    const news = k.added !== undefined && k.added.since === this.last ? k.added : k;
    this.last = k;
    for (const id of news.ids) this.ids.add(id);
    for (const id of news.imageIds) this.imageIds.add(id);
    return k;
  }
  loadImages(refs: string[]): string[] {
    return this.docker.loadImages(refs);
  }
}

/** An engine that keeps, as it replays `s`, what its session needs; the session once the replay is done. */
interface Recorder {
  engine: ScenarioEngine;
  session(results: readonly StepResult[]): Session;
}

function recorder(s: Scenario, engine: EngineName, ids: 'placeholders' | 'docker', opts: SessionOptions, shownOutput?: (k: number, normalized: string[], raw: string) => string[], page?: Page): Recorder {
  const rec = new RecordingDocker(engine, opts.daemon ?? s.daemon, opts.busyboxStandIns === true, page !== undefined, s.oracleBusybox === true);
  let initial: EngineState | undefined;
  // The state before the first command is the one after `# images:`: take it on the first run.
  const first: ScenarioEngine = {
    get pwd() {
      return rec.pwd;
    },
    get dataRoot() {
      return rec.dataRoot;
    },
    run: (command, typed) => {
      initial ??= rec.docker.state;
      return rec.run(command, typed);
    },
    knownIds: () => rec.knownIds(),
    loadImages: (refs) => rec.loadImages(refs),
  };
  // a page's session, as `strata check` runs it: on a terminal unless tty=no (pages/session.ts)
  const own = page ? pageEngine(first, page) : first;
  return {
    engine: opts.wrap ? opts.wrap(own) : own,
    session: (results) => assembleSession(s, engine, ids, rec, initial ?? rec.docker.state, results, shownOutput),
  };
}

function record(s: Scenario, engine: EngineName, ids: 'placeholders' | 'docker', opts: SessionOptions, shownOutput?: (k: number, normalized: string[], raw: string) => string[], page?: Page): Session {
  const r = recorder(s, engine, ids, opts, shownOutput, page);
  return r.session(replayScenario(s, r.engine).results);
}

/**
 * scenarioSession without its own replay: the engine to replay `s` on (a check's replay), and
 * the session of that replay from its results. The CLI checks a lesson's outputs and the answers
 * of its questions on one replay instead of two.
 */
export function scenarioRecorder(s: Scenario, opts: SessionOptions = {}): Recorder {
  return recorder(s, opts.engine ?? s.engine ?? DEFAULT_ENGINE, 'placeholders', opts);
}

/**
 * The session of `results` (one per command of `s`, in order) run on `rec` from `initial`: the
 * states and events `rec` recorded beside what the transcript shows. Shared by the replay above
 * and by a session typed one command at a time (stepwise.ts).
 */
export function assembleSession(
  s: Scenario,
  engine: EngineName,
  ids: 'placeholders' | 'docker',
  rec: RecordingDocker,
  initial: EngineState,
  results: readonly StepResult[],
  shownOutput?: (k: number, normalized: string[], raw: string) => string[],
): Session {
  const placeholders = transcriptNames(
    results.map((r) => splitOutput(r.rawOutput)),
    { pwd: rec.pwd, dataRoot: rec.dataRoot, knownIds: rec.ids, imageIds: rec.imageIds },
  );
  let state = initial;
  const steps: SessionStep[] = results.map((r, k) => {
    // A command a budget kept from the engine changed nothing.
    const rr = rec.records[k] ?? { before: state, after: state, events: [] };
    state = rr.after;
    return {
      step: k + 1,
      line: r.step.line,
      command: r.step.command,
      output: shownOutput ? shownOutput(k, r.output, r.rawOutput) : r.output,
      rawOutput: r.rawOutput,
      exitCode: r.exitCode,
      before: rr.before,
      after: rr.after,
      events: rr.events,
    };
  });
  return {
    file: s.file,
    scenario: s,
    engine,
    ids,
    initial,
    steps,
    placeholders,
    printed: results.map((r) => r.rawOutput).join('\n'),
    pwd: rec.pwd,
  };
}

/** Replay a parsed scenario and keep what an explanation needs. */
export function scenarioSession(s: Scenario, opts: SessionOptions = {}): Session {
  return record(s, opts.engine ?? s.engine ?? DEFAULT_ENGINE, 'placeholders', opts);
}

/** Replay a Markdown page (its console blocks are one session) and keep what an explanation needs. */
export function pageSession(text: string, file: string, opts: SessionOptions = {}): Session {
  const page = parsePage(text, file);
  const s = pageScenario(page);
  const mode = idsMode(page);
  // An unknown engine option is the page checker's to report; here it falls back like the library does.
  const own = page.options.engine === 'docker-20.10' || page.options.engine === 'docker-26.1' ? page.options.engine : undefined;
  return record(s, opts.engine ?? own ?? DEFAULT_ENGINE, mode, opts, (_k, normalized, raw) => (mode === 'docker' ? splitOutput(raw) : normalized), page);
}
