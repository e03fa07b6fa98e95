// `strata explain FILE [--json]`: after each command of a scenario or page, where data went and
// what destroyed or orphaned it; at the end where the data is, what was lost and what can still
// be recovered (src/explain/). This file reads the file; everything else is pure.

import { decodeScenario, parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/model.ts';
import type { ScenarioEngine } from '../scenario/replay.ts';
import { strataMessage } from '../scenario/render.ts';
import { parsePage, PageSyntaxError } from '../pages/page.ts';
import { pageScenario } from '../pages/session.ts';
import { DEFAULT_ENGINE, isEngineName, type EngineName } from '../engine/profile.ts';
import { explainSession } from '../explain/explain.ts';
import { renderExplanation } from '../explain/render.ts';
import { pageSession, scenarioSession, type Session } from '../explain/session.ts';
import { BudgetedEngine, checkScenarioLines, checkScenarioSize } from './budget.ts';
import { CliError, readBytes } from './files.ts';
import type { DaemonConfig } from '../daemon/config.ts';
import { daemonFor } from './daemon.ts';

interface Streams {
  stdout(text: string): void;
  stderr(text: string): void;
}

const isPage = (file: string): boolean => /\.(md|markdown)$/i.test(file);

function engineOf(own: string | undefined, override: string | undefined): EngineName {
  const name = override ?? own ?? DEFAULT_ENGINE;
  if (!isEngineName(name)) throw new CliError(`unknown engine "${name}" (known: docker-20.10, docker-26.1)`);
  return name;
}

/**
 * Read and replay a scenario or a Markdown page (by its extension; `-` is a scenario on standard
 * input) under the CLI's budgets, keeping what an explanation needs. Bad input is a CliError.
 */
export function loadSession(file: string, engineOverride: string | undefined, daemonOverride?: string): Session {
  const name = file === '-' ? '<stdin>' : file;
  const bytes = readBytes(file);
  checkScenarioLines(bytes, name);
  const text = decodeScenario(bytes, name);
  const wrap = (engine: ScenarioEngine): ScenarioEngine => new BudgetedEngine(engine);
  if (isPage(file)) {
    let own: string | undefined;
    try {
      const page = parsePage(text, name);
      own = page.options.engine;
      checkScenarioSize(pageScenario(page));
    } catch (e) {
      if (e instanceof PageSyntaxError) throw new CliError(e.message);
      throw e;
    }
    return pageSession(text, name, { engine: engineOf(own, engineOverride), daemon: daemonFor(undefined, daemonOverride), wrap });
  }
  const s = parseScenario(text, name);
  checkScenarioSize(s);
  return scenarioSession(s, { engine: engineOf(s.engine, engineOverride), daemon: daemonFor(s.daemon, daemonOverride), wrap });
}

/** `FILE:LINE: $ CMD: MESSAGE` for the first command strata refused or cut off by a budget. */
export function firstRefusal(session: Session): string | undefined {
  for (const st of session.steps) {
    const said = strataMessage(st.output);
    if (said !== undefined) return `${session.file}:${st.line}: $ ${st.command.split('\n')[0]}: ${said}`;
  }
  return undefined;
}

/** `strata explain FILE [--json]` (defined in src/cli/main.ts): its exit status. */
export function explainVerb(file: string, opts: { json?: boolean }, globals: { engine?: string; daemon?: string }, io: Streams): number {
  const session = loadSession(file, globals.engine, globals.daemon);
  const x = explainSession(session);
  io.stdout(opts.json ? JSON.stringify(x, null, 2) + '\n' : renderExplanation(session, x, { summary: true }));
  const refusal = firstRefusal(session);
  if (refusal === undefined) return 0;
  io.stderr(`${refusal}\n`);
  return 125;
}

/**
 * `strata replay --explain`: the transcript with each command's notes (as `strata explain`
 * prints them, without the summary), and the first refusal if any.
 */
export function explainedReplay(s: Scenario, engine: EngineName, daemon?: DaemonConfig, busyboxStandIns?: boolean): { text: string; refusal?: string } {
  const session = scenarioSession(s, { engine, daemon, busyboxStandIns, wrap: (e) => new BudgetedEngine(e) });
  return { text: renderExplanation(session, explainSession(session), { summary: false }), refusal: firstRefusal(session) };
}
