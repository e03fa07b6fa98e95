// strata as a library: check and fill Markdown pages and scenarios in a docs build, with the
// simulated engine and no CLI. Everything here is pure (no file system): give it text, get text.
//
//   import { checkPage, updatePage, replay } from 'strata';
//   const r = checkPage(markdown, { file: 'docs/volumes.md' });
//   if (!r.passed) console.error(r.mismatches.map((m) => m.location).join('\n'), r.diff);

import { SimulatedDocker } from './engine/scenario-engine.ts';
import { DEFAULT_ENGINE, isEngineName, type EngineName } from './engine/profile.ts';
import { checkPage as checkPageOn, type PageResult } from './pages/session.ts';
import { parsePage } from './pages/page.ts';
import { parseScenario } from './scenario/parse.ts';
import { checkScenario, replayScenario, type CheckResult, type ReplayResult } from './scenario/replay.ts';
import { updateScenario } from './scenario/render.ts';

export type { PageResult } from './pages/session.ts';
export { PageSyntaxError } from './pages/page.ts';
export { ScenarioSyntaxError } from './scenario/parse.ts';
export type { EngineName } from './engine/profile.ts';
export { SimulatedDocker } from './engine/scenario-engine.ts';
export { execute, initialState } from './engine/engine.ts';

export interface RunOptions {
  /** The name used in messages (`FILE:LINE: ...`). */
  file?: string;
  /** Overrides the page's or scenario's own engine. */
  engine?: EngineName;
}

function engineOf(own: string | undefined, opts: RunOptions): EngineName {
  const name = opts.engine ?? own ?? DEFAULT_ENGINE;
  return isEngineName(name) ? name : DEFAULT_ENGINE;
}

/** Replay a Markdown page and compare each console block with what Docker would print. */
export function checkPage(markdown: string, opts: RunOptions = {}): PageResult {
  const file = opts.file ?? 'page.md';
  const page = parsePage(markdown, file);
  return checkPageOn(markdown, file, new SimulatedDocker({ engine: engineOf(page.options.engine, opts) }));
}

/** The page with every console block's output filled in (what `strata check --update` writes). */
export function updatePage(markdown: string, opts: RunOptions = {}): string {
  return checkPage(markdown, opts).updated;
}

/** Replay a scenario's commands: the transcript with the outputs a real engine prints. */
export function replay(scenario: string, opts: RunOptions = {}): ReplayResult {
  const s = parseScenario(scenario, opts.file ?? 'scenario');
  return replayScenario(s, new SimulatedDocker({ engine: engineOf(s.engine, opts) }));
}

/** Replay a scenario and compare with its recorded outputs. */
export function checkScenarioText(scenario: string, opts: RunOptions = {}): CheckResult {
  const s = parseScenario(scenario, opts.file ?? 'scenario');
  return checkScenario(s, new SimulatedDocker({ engine: engineOf(s.engine, opts) }));
}

/** The scenario with the simulated outputs written in (`strata check --update`). */
export function updateScenarioText(scenario: string, opts: RunOptions = {}): string {
  const s = parseScenario(scenario, opts.file ?? 'scenario');
  const r = replayScenario(s, new SimulatedDocker({ engine: engineOf(s.engine, opts) }));
  return updateScenario(s, r.results);
}
