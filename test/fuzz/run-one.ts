// One input of the fuzz campaign through the CLI's pipeline, in this process: decode and parse
// (as `strata` reads a file), replay and compare on the budgeted engine (`strata check`), write
// the transcript (`--update`, with `--engine`'s header), then parse that and check it again on a
// fresh engine (the round trip must pass). And, for a sample, the same file through the real
// `strata` process, whose exit status and file must agree with the in-process result.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BudgetedEngine, checkScenarioLines, checkScenarioSize } from '../../src/cli/budget.ts';
import { CliError } from '../../src/cli/files.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { DEFAULT_ENGINE } from '../../src/engine/profile.ts';
import {
  checkScenario,
  decodeScenario,
  formatScenario,
  parseScenario,
  ScenarioOutputError,
  ScenarioRefusalError,
  ScenarioSyntaxError,
  strataMessage,
  updateScenario,
  withEngineHeader,
  type Scenario,
} from '../../src/scenario/index.ts';
import type { FuzzInput } from './generate.ts';
import { parsePage, PageSyntaxError } from '../../src/pages/page.ts';
import { checkPage } from '../../src/pages/session.ts';
import { unwritablePage } from '../../src/pages/session.ts';

export type AnomalyKind = 'crash' | 'internal-error' | 'bad-status' | 'bad-message' | 'round-trip' | 'cli';

export interface Anomaly {
  kind: AnomalyKind;
  detail: string;
}

/** How far the input went (for the campaign's figures). */
export type Stage = 'syntax-error' | 'size-budget' | 'replayed' | 'refused' | 'ambiguous' | 'updated' | 'passed' | 'no-commands';

export interface Outcome {
  stage: Stage;
  anomalies: Anomaly[];
  /** The text --update writes, when it writes one. */
  updated?: string;
  /** The exit status `strata check --update` should give. */
  expectedStatus: number;
}

const NAME = 'fuzz.scenario';
const PAGE = 'fuzz.md';
const stackOf = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 12).join('\n')}` : String(e));

/** A syntax error must name the file and a line of it, in the documented form. */
function checkSyntaxError(e: ScenarioSyntaxError, bytes: Uint8Array, name = NAME): Anomaly[] {
  const lines = bytes.filter((b) => b === 0x0a).length + 1;
  const ok = e.file === name && Number.isInteger(e.line) && e.line >= 1 && e.line <= lines && e.message === `${name}:${e.line}: ${e.reason}` && e.reason.length > 0;
  return ok ? [] : [{ kind: 'bad-message', detail: `syntax error not of the form FILE:LINE: REASON (${lines} lines): ${e.message}` }];
}

function replayOn(s: Scenario, engine: string) {
  return checkScenario(s, new BudgetedEngine(new SimulatedDocker({ engine: engine as 'docker-26.1' })));
}

/** Anomalies of a command's result: a status out of range, an internal error. */
function resultAnomalies(command: string, output: readonly string[], exitCode: number): Anomaly[] {
  const found: Anomaly[] = [];
  const cmd = command.split('\n')[0].slice(0, 300);
  if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) found.push({ kind: 'bad-status', detail: `$ ${cmd}: exit status ${exitCode}` });
  const internal = output.find((l) => l.includes('strata: internal error'));
  if (internal !== undefined) found.push({ kind: 'internal-error', detail: `$ ${cmd}: ${internal.slice(0, 500)}` });
  return found;
}

/** A Markdown page through `strata check --update` (src/cli/commands.ts checkPageFile) and back. */
function runPage(input: FuzzInput): Outcome {
  const anomalies: Anomaly[] = [];
  let text: string;
  let pg;
  try {
    checkScenarioLines(input.bytes, PAGE);
    text = decodeScenario(input.bytes, PAGE);
    pg = parsePage(text, PAGE);
  } catch (e) {
    if (e instanceof ScenarioSyntaxError) return { stage: 'syntax-error', anomalies: checkSyntaxError(e, input.bytes, PAGE), expectedStatus: 2 };
    if (e instanceof PageSyntaxError) {
      const lines = input.bytes.filter((b) => b === 0x0a).length + 1;
      const ok = e.message === `${PAGE}:${e.line}: ${e.reason}` && e.line >= 1 && e.line <= lines;
      return { stage: 'syntax-error', anomalies: ok ? [] : [{ kind: 'bad-message', detail: `page error not of the form FILE:LINE: REASON: ${e.message}` }], expectedStatus: 2 };
    }
    if (e instanceof CliError) return { stage: 'size-budget', anomalies, expectedStatus: e.exitCode };
    return { stage: 'syntax-error', anomalies: [{ kind: 'crash', detail: `page parse: ${stackOf(e)}` }], expectedStatus: -1 };
  }
  if (pg.commands.length === 0) return { stage: 'no-commands', anomalies, expectedStatus: 2 };
  if (input.engine && input.engine !== (pg.options.engine ?? DEFAULT_ENGINE)) return { stage: 'refused', anomalies, expectedStatus: 2 };
  const engine = input.engine ?? pg.options.engine ?? DEFAULT_ENGINE;
  if (engine !== 'docker-20.10' && engine !== 'docker-26.1') return { stage: 'syntax-error', anomalies, expectedStatus: 2 };
  const onEngine = (t: string) => checkPage(t, PAGE, new BudgetedEngine(new SimulatedDocker({ engine })));
  let r;
  try {
    r = onEngine(text);
  } catch (e) {
    if (e instanceof ScenarioSyntaxError || e instanceof PageSyntaxError) return { stage: 'syntax-error', anomalies, expectedStatus: 2 };
    return { stage: 'replayed', anomalies: [{ kind: 'crash', detail: `page check: ${stackOf(e)}` }], expectedStatus: -1 };
  }
  r.results.forEach((res, k) => anomalies.push(...resultAnomalies(res.step.command, r.shown[k] ?? res.output, res.exitCode)));
  if (r.page.commands.some((c, k) => strataMessage(r.shown[k]) !== undefined)) return { stage: 'refused', anomalies, expectedStatus: 125 };
  if (r.passed) return { stage: 'passed', anomalies, expectedStatus: 0 };
  if (unwritablePage(r, PAGE) !== undefined) return { stage: 'ambiguous', anomalies, expectedStatus: 2 };
  try {
    const again = onEngine(r.updated);
    if (!again.passed) anomalies.push({ kind: 'round-trip', detail: `page: --update then check differs:\n${again.diff.slice(0, 3000)}` });
    const cmds = (x: typeof r.page): string => JSON.stringify(x.commands.map((c) => [c.command, c.hidden]));
    if (cmds(again.page) !== cmds(r.page)) anomalies.push({ kind: 'round-trip', detail: 'page: the commands changed in the updated page' });
  } catch (e) {
    anomalies.push({ kind: 'round-trip', detail: `page: re-reading the updated page: ${stackOf(e)}` });
  }
  return { stage: 'updated', anomalies, updated: r.updated, expectedStatus: 0 };
}

export function runOne(input: FuzzInput): Outcome {
  if (input.page) return runPage(input);
  const anomalies: Anomaly[] = [];
  let s: Scenario;
  try {
    checkScenarioLines(input.bytes, NAME);
    s = parseScenario(decodeScenario(input.bytes, NAME), NAME);
    checkScenarioSize(s);
  } catch (e) {
    if (e instanceof ScenarioSyntaxError) return { stage: 'syntax-error', anomalies: checkSyntaxError(e, input.bytes), expectedStatus: 2 };
    if (e instanceof CliError) return { stage: 'size-budget', anomalies, expectedStatus: e.exitCode };
    return { stage: 'syntax-error', anomalies: [{ kind: 'crash', detail: `parse: ${stackOf(e)}` }], expectedStatus: -1 };
  }
  const engine = input.engine ?? s.engine ?? DEFAULT_ENGINE;
  let r;
  try {
    r = replayOn(s, engine);
  } catch (e) {
    if (e instanceof ScenarioSyntaxError) return { stage: 'syntax-error', anomalies: checkSyntaxError(e, input.bytes), expectedStatus: 2 };
    return { stage: 'replayed', anomalies: [{ kind: 'crash', detail: `replay: ${stackOf(e)}` }], expectedStatus: -1 };
  }
  for (const res of r.replay.results) anomalies.push(...resultAnomalies(res.step.command, res.output, res.exitCode));
  const target = input.engine ? withEngineHeader(s, input.engine, DEFAULT_ENGINE) : s;
  if (r.passed && target === s) return { stage: 'passed', anomalies, expectedStatus: 0 };
  let text: string;
  try {
    text = updateScenario(target, r.replay.results);
  } catch (e) {
    if (e instanceof ScenarioRefusalError) return { stage: 'refused', anomalies, expectedStatus: 125 };
    if (e instanceof ScenarioOutputError) return { stage: 'ambiguous', anomalies, expectedStatus: 2 };
    anomalies.push({ kind: 'crash', detail: `update: ${stackOf(e)}` });
    return { stage: 'replayed', anomalies, expectedStatus: -1 };
  }
  if (r.replay.results.some((x) => strataMessage(x.output) !== undefined)) {
    anomalies.push({ kind: 'round-trip', detail: 'updateScenario wrote an output holding a strata message' });
  }
  // the round trip: what --update wrote parses back to itself, keeps every non-output line, and checks
  try {
    const s2 = parseScenario(text, NAME);
    if (formatScenario(s2) !== text) anomalies.push({ kind: 'round-trip', detail: 'the updated text does not format back to itself' });
    // the lines themselves, not their numbers (output lines added before a comment move it down)
    const src = (x: Scenario): string =>
      JSON.stringify([x.header.map((h) => (h.kind === 'blank' ? '' : h.text)), x.steps.map((st) => (st.kind === 'command' ? st.source : st.kind === 'blank' ? '' : st.text)), x.finalNewline]);
    if (src(s2) !== src(target)) anomalies.push({ kind: 'round-trip', detail: 'a line outside the outputs changed' });
    const again = replayOn(s2, s2.engine ?? DEFAULT_ENGINE);
    if (!again.passed) anomalies.push({ kind: 'round-trip', detail: `--update then check differs:\n${again.diff.slice(0, 3000)}` });
  } catch (e) {
    anomalies.push({ kind: 'round-trip', detail: `re-reading the updated text: ${stackOf(e)}` });
  }
  return { stage: 'updated', anomalies, updated: text, expectedStatus: 0 };
}

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'strata.js');
/** What only a crash prints: a Node stack frame or an internal error. */
const CRASH = /\n\s+at |node:internal|internal error|Maximum call stack|RangeError|TypeError/;

/**
 * What strata says itself: the lines of a diff quote the file, and a file's expected output may
 * hold a stack trace (a recorded `docker logs` of a Node program that failed), which is not a
 * crash of strata (input 20261205:812000 was that). A crash of strata goes to stderr.
 */
function ownWords(stdout: string, stderr: string): string {
  return `${stdout
    .split('\n')
    .filter((l) => !/^[-+ @]/.test(l))
    .join('\n')}\n${stderr}`;
}

/**
 * The input through the real `strata [--engine E] check --update FILE` process; then, when it
 * wrote the file, `strata check FILE`. Their exit statuses and the file must agree with `o`.
 */
export function runCli(input: FuzzInput, o: Outcome, timeoutMs: number): Anomaly[] {
  const dir = mkdtempSync(join(tmpdir(), 'strata-fuzz-'));
  const name = input.page ? PAGE : NAME;
  try {
    const file = join(dir, name);
    writeFileSync(file, input.bytes);
    const pre = input.engine ? ['--engine', input.engine] : [];
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...pre, ...args], { cwd: dir, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
    const u = run(['check', '--update', name]);
    const out = `${u.stdout}${u.stderr}`;
    const found: Anomaly[] = [];
    if (u.error || u.status === null) return [{ kind: 'cli', detail: `check --update did not finish: ${u.error?.message ?? u.signal}` }];
    if (CRASH.test(ownWords(u.stdout, u.stderr))) found.push({ kind: 'cli', detail: `check --update printed a crash:\n${out.slice(0, 3000)}` });
    if (![0, 1, 2, 125].includes(u.status)) found.push({ kind: 'cli', detail: `check --update exited ${u.status}` });
    if (o.expectedStatus >= 0 && u.status !== o.expectedStatus) found.push({ kind: 'cli', detail: `check --update exited ${u.status}, in-process said ${o.expectedStatus} (${o.stage}):\n${out.slice(0, 2000)}` });
    const now = readFileSync(file);
    const expected = o.updated !== undefined ? Buffer.from(o.updated, 'utf8') : Buffer.from(input.bytes);
    if (!now.equals(expected)) found.push({ kind: 'cli', detail: `the file after check --update is not what the in-process update wrote (${o.stage})` });
    if (o.updated !== undefined) {
      const c = spawnSync(process.execPath, [BIN, 'check', name], { cwd: dir, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 });
      if (c.status !== 0) found.push({ kind: 'cli', detail: `check after --update exited ${c.status}:\n${`${c.stdout}${c.stderr}`.slice(0, 2000)}` });
    }
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
