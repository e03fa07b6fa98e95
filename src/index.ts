// strata as a library: check and fill Markdown pages and scenarios in a docs build, with the
// simulated engine and no CLI. Everything here is pure (no file system): give it text, get text.
//
//   import { checkPage, updatePage, replay } from 'strata';
//   const r = checkPage(markdown, { file: 'docs/volumes.md' });
//   if (!r.passed) console.error(r.mismatches.map((m) => m.location).join('\n'), r.diff);
//   const x = explain(scenarioText);   // where data went, command by command (docs/explain.md)

import { SimulatedDocker } from './engine/scenario-engine.ts';
import { DEFAULT_ENGINE, isEngineName, type EngineName } from './engine/profile.ts';
import { checkPage as checkPageOn, type PageResult } from './pages/session.ts';
import { parsePage } from './pages/page.ts';
import { parseScenario } from './scenario/parse.ts';
import type { Scenario } from './scenario/model.ts';
import { checkScenario, replayScenario, type CheckResult, type ReplayResult } from './scenario/replay.ts';
import { updateScenario } from './scenario/render.ts';
import { explainSession } from './explain/explain.ts';
import { pageSession, scenarioSession, type Session } from './explain/session.ts';
import { where, type Provenance } from './explain/where.ts';
import type { Explanation } from './explain/schema.ts';
import { quizSteps, type QuizStep } from './explain/quiz.ts';
import type { DaemonConfig } from './daemon/config.ts';

export type { PageResult } from './pages/session.ts';
export { PageSyntaxError } from './pages/page.ts';
export { ScenarioSyntaxError } from './scenario/parse.ts';
export type { EngineName } from './engine/profile.ts';
export { SimulatedDocker } from './engine/scenario-engine.ts';
export { execute, initialState } from './engine/engine.ts';
export type * from './explain/schema.ts';
export { EXPLAIN_SCHEMA } from './explain/schema.ts';
// A session typed one command at a time, and what a terminal needs around it (the web playground).
export { StepwiseSession, UnknownImageError, type IdSpelling, type StepView, type StepwiseOptions, type StepwiseView } from './explain/stepwise.ts';
export { needsMoreInput } from './shell/complete.ts';
export { parseScenario } from './scenario/parse.ts';
export { commandSteps, ENGINE_NAMES, type CommandStep, type Scenario, type Step } from './scenario/model.ts';
export { parseDaemonFlags, DaemonFlagError, type DaemonConfig } from './daemon/config.ts';
export { DEFAULT_ENGINE } from './engine/profile.ts';
// A lesson asked as `strata quiz` asks it (its `# ?` questions graded against what their checks find).
export { grade, scored, verdictLines, type Graded, type QuizQuestion, type QuizStep, type Unreadable } from './explain/quiz.ts';
export type { Style, Styled } from './explain/styled.ts';
export { WHERE_SCHEMA, WhereError, type Fate, type Origin, type Provenance, type Provider } from './explain/where.ts';

export interface RunOptions {
  /** The name used in messages (`FILE:LINE: ...`). */
  file?: string;
  /** Overrides the page's or scenario's own engine. */
  engine?: EngineName;
  /** Overrides the scenario's own daemon flags (`# daemon:`; src/daemon/config.ts). */
  daemon?: DaemonConfig;
}

function engineOf(own: string | undefined, opts: RunOptions): EngineName {
  const name = opts.engine ?? own ?? DEFAULT_ENGINE;
  return isEngineName(name) ? name : DEFAULT_ENGINE;
}

/** Replay a Markdown page and compare each console block with what Docker would print. */
export function checkPage(markdown: string, opts: RunOptions = {}): PageResult {
  const file = opts.file ?? 'page.md';
  const page = parsePage(markdown, file);
  return checkPageOn(markdown, file, new SimulatedDocker({ engine: engineOf(page.options.engine, opts), terminal: true }));
}

/** The page with every console block's output filled in (what `strata check --update` writes). */
export function updatePage(markdown: string, opts: RunOptions = {}): string {
  return checkPage(markdown, opts).updated;
}

/** Replay a scenario's commands: the transcript with the outputs a real engine prints. */
export function replay(scenario: string, opts: RunOptions = {}): ReplayResult {
  const s = parseScenario(scenario, opts.file ?? 'scenario');
  return replayScenario(s, new SimulatedDocker({ engine: engineOf(s.engine, opts), daemon: opts.daemon ?? s.daemon, ...baseOf(s) }));
}

/** Replay a scenario and compare with its recorded outputs. */
export function checkScenarioText(scenario: string, opts: RunOptions = {}): CheckResult {
  const s = parseScenario(scenario, opts.file ?? 'scenario');
  return checkScenario(s, new SimulatedDocker({ engine: engineOf(s.engine, opts), daemon: opts.daemon ?? s.daemon, ...baseOf(s) }));
}

/** The scenario with the simulated outputs written in (`strata check --update`). */
export function updateScenarioText(scenario: string, opts: RunOptions = {}): string {
  const s = parseScenario(scenario, opts.file ?? 'scenario');
  const r = replayScenario(s, new SimulatedDocker({ engine: engineOf(s.engine, opts), daemon: opts.daemon ?? s.daemon, ...baseOf(s) }));
  return updateScenario(s, r.results);
}

/** A scenario's (or, with `page: true`, a Markdown page's) commands replayed for an explanation. */
function sessionOf(text: string, opts: RunOptions & { page?: boolean }): Session {
  const file = opts.file ?? (opts.page ? 'page.md' : 'scenario');
  if (opts.page) return pageSession(text, file, opts.engine ? { engine: opts.engine } : {});
  const s = parseScenario(text, file);
  return scenarioSession(s, { engine: engineOf(s.engine, opts), daemon: opts.daemon });
}

/**
 * Where data went after each command, what destroyed or orphaned it, and where it is at the end
 * (`strata explain --json`; the schema is in docs/explain.md).
 */
export function explain(text: string, opts: RunOptions & { page?: boolean } = {}): Explanation {
  return explainSession(sessionOf(text, opts));
}

/**
 * A lesson (a scenario with `# ?` questions, docs/scenario-format.md 2.5) as `strata quiz` asks it:
 * each command with the comments before it, its questions with the answers their checks find on
 * the engine, its output and the notes of `strata explain`; `after` holds the closing comments.
 */
export function lessonQuiz(text: string, opts: RunOptions = {}): { engine: EngineName; steps: QuizStep[]; after: string[] } {
  const session = sessionOf(text, opts);
  return { engine: session.engine, ...quizSteps(session) };
}

/**
 * The provenance of `path` in `container` after the first `after` commands (all by default):
 * what provides it, what it hides, where it came from, what would destroy it (`strata where --json`).
 * Throws WhereError for an unknown container, a relative path or a step out of range.
 */
export function whereIs(text: string, container: string, path: string, opts: RunOptions & { page?: boolean; after?: number } = {}): Provenance {
  return where(sessionOf(text, opts), container, path, opts.after);
}

/** A scenario's `# busybox: oracle` (Scenario.oracleBusybox): the engine starts with the oracle's busybox:latest. */
function baseOf(s: Scenario): { oracleBase?: true } {
  return s.oracleBusybox === true ? { oracleBase: true } : {};
}
