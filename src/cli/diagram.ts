// `strata diagram FILE [--after N] [--format text|svg|mermaid]`: where the data is at one step of
// a scenario or page, drawn from the model in src/explain/diagram/. Only this file reads files.

import { decodeScenario, parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/model.ts';
import { strataMessage } from '../scenario/render.ts';
import { parsePage, PageSyntaxError } from '../pages/page.ts';
import { pageScenario } from '../pages/session.ts';
import { SimulatedDocker } from '../engine/scenario-engine.ts';
import { DEFAULT_ENGINE, isEngineName, type EngineName } from '../engine/profile.ts';
import { diagramOfScenario, StepOutOfRange } from '../explain/diagram/replay.ts';
import { renderSvg } from '../explain/diagram/svg.ts';
import { renderText } from '../explain/diagram/text.ts';
import { renderMermaid } from '../explain/diagram/mermaid.ts';
import { BudgetedEngine, checkScenarioSize } from './budget.ts';
import { daemonFor } from './daemon.ts';
import { CliError, readBytes } from './files.ts';

export const DIAGRAM_FORMATS = ['text', 'svg', 'mermaid'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

interface Streams {
  stdout(text: string): void;
  stderr(text: string): void;
}

function readScenario(path: string): Scenario {
  const name = path === '-' ? '<stdin>' : path;
  const text = decodeScenario(readBytes(path), name);
  let s: Scenario;
  try {
    s = /\.(md|markdown)$/i.test(path) ? pageScenario(parsePage(text, name)) : parseScenario(text, name);
  } catch (e) {
    if (e instanceof PageSyntaxError) throw new CliError(e.message);
    throw e;
  }
  checkScenarioSize(s);
  return s;
}

/** `--after N`: a whole number of commands (0 = before the first one). */
function parseAfter(value: string): number {
  if (!/^\d+$/.test(value)) throw new CliError(`--after ${value}: give a number of commands (0 or more)`);
  return Number(value);
}

/**
 * Draw `file` after `after` commands. Returns the exit status: 0, or 125 when strata refused a
 * command on the way (the diagram is still printed, and the refusal named on stderr, as replay does).
 */
export function runDiagram(file: string, opts: { after?: number; format: DiagramFormat; engine?: EngineName; daemon?: string }, io: Streams): number {
  const s = readScenario(file);
  const engineName = opts.engine ?? s.engine ?? DEFAULT_ENGINE;
  if (!isEngineName(engineName)) throw new CliError(`unknown engine "${engineName}"`);
  const docker = new SimulatedDocker({ engine: engineName, daemon: daemonFor(s.daemon, opts.daemon), ...(s.oracleBusybox ? { oracleBase: true } : {}) });
  const budgeted = new BudgetedEngine(docker);
  let run;
  try {
    run = diagramOfScenario(s, docker, opts.after, (c) => budgeted.run(c));
  } catch (e) {
    if (e instanceof StepOutOfRange) throw new CliError(e.message);
    throw e;
  }
  const title = s.title ?? file;
  const d = run.diagram;
  if (opts.format === 'svg') io.stdout(renderSvg(d, { title }));
  else if (opts.format === 'mermaid') io.stdout(renderMermaid(d, { title }));
  else io.stdout(renderText(d, { file: file === '-' ? undefined : file }));
  for (const o of run.outputs) {
    const said = strataMessage(o.output.split('\n'));
    if (said !== undefined) {
      io.stderr(`${s.file}:${o.line}: $ ${o.command.split('\n')[0]}: ${said}\n`);
      return 125;
    }
  }
  return 0;
}

/** `strata diagram FILE [--after N] [--format F]` (defined in src/cli/main.ts): its exit status. */
export function diagramVerb(file: string, opts: { after?: string; format?: DiagramFormat }, globals: { engine?: string; daemon?: string }, io: Streams): number {
  return runDiagram(file, { after: opts.after === undefined ? undefined : parseAfter(opts.after), format: opts.format ?? 'text', engine: globals.engine as EngineName | undefined, daemon: globals.daemon }, io);
}
