// The work of strata's verbs, which src/cli/main.ts defines: everything a verb needs to read,
// replay and check scenarios and pages. main.ts reaches it through ./verbs.ts only when a verb
// runs, so that the bundle (scripts/build.mjs) can keep it in a file of its own (dist/engine.cjs)
// which `strata --help`, `--version` and an argument error never load.

import { fileURLToPath } from 'node:url';
import { basename, dirname, join } from 'node:path';
import { parseScenario, ScenarioSyntaxError } from '../scenario/parse.ts';
import { checkScenario, replayScenario } from '../scenario/replay.ts';
import {
  ScenarioOutputError,
  ScenarioRefusalError,
  strataMessage,
  updateScenario,
  withEngineHeader,
} from '../scenario/render.ts';
import type { Scenario, StepResult } from '../scenario/model.ts';
import { SimulatedDocker } from '../engine/scenario-engine.ts';
import { internalErrors } from '../shell/control.ts';
import { DEFAULT_ENGINE, isEngineName, PROFILES, type EngineName } from '../engine/profile.ts';
import { formatCatalog, listCatalog } from '../image/catalog/listing.ts';
import { CliError, findScenarios, readBytes, updateFile } from './files.ts';
import { BudgetedEngine, checkScenarioLines, checkScenarioSize } from './budget.ts';
import { decodeScenario } from '../scenario/parse.ts';
import { parsePage, PageSyntaxError } from '../pages/page.ts';
import { checkPage as checkPageSession, unwritablePage } from '../pages/session.ts';
import { jsonReport, junitReport, type CheckedFile } from './report.ts';
import { explainedReplay } from './explain.ts';
import { lessonPath, listLessons, runQuiz, type InteractiveIO } from './quiz.ts';
import { runShell } from './shell.ts';
import { Progress } from './progress.ts';
import { lessonQuestions } from '../scenario/questions.ts';
import { scenarioRecorder, scenarioSession, type Session } from '../explain/session.ts';
import { answerMismatches } from '../explain/answers.ts';
import { formatDaemonFlags, NORMAL_INSTALL } from '../daemon/config.ts';
import { daemonFor } from './daemon.ts';
import { useStandInsIn } from './stand-ins.ts';
import { useParsedScriptsIn } from './scripts.ts';
import { useNodeDigest } from './native-digest.ts';
import { EXIT } from './exit.ts';
import { keepYoungGenerationSmall, letYoungGenerationGrow } from './young-generation.ts';
import { runParallel, serveParallel, threadsFor } from './parallel.ts';
import type { CliIO } from './main.ts';

export { diagramVerb } from './diagram.ts';
export { explainVerb } from './explain.ts';
export { whereVerb } from './where.ts';

const here = dirname(fileURLToPath(import.meta.url));
// Under vitest (tests that run the CLI as a child process), programming errors surface as crashes.
internalErrors.rethrow = !!process.env.VITEST;
// Long texts are hashed by node:crypto (src/cli/native-digest.ts).
useNodeDigest();
// The package root: two levels above src/cli/, one above dist/ (the bundle).
const root = basename(here) === 'dist' ? join(here, '..') : join(here, '..', '..');
export const DEFAULT_SCENARIO = join(root, 'scenarios', 'lessons', 'anonymous-volume-orphaned.scenario');
export const LESSONS_DIR = join(root, 'scenarios', 'lessons');
// The bundle reads the stand-in images built with it (src/cli/stand-ins.ts) and the stand-ins'
// scripts parsed with it (src/cli/scripts.ts).
if (basename(here) === 'dist') {
  useStandInsIn(here);
  useParsedScriptsIn(here);
}

/** The program's own options (`strata --engine E --daemon FLAGS VERB ...`), as given. */
export interface Globals {
  engine?: string;
  daemon?: string;
}

const SEVERITY: readonly number[] = [EXIT.ok, EXIT.mismatch, EXIT.refused, EXIT.badInput];
const worst = (a: number, b: number): number => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a);

const debug = (): boolean => process.env.STRATA_DEBUG === '1';

/** One line for an error that is a bug in strata (never expected: the fuzz campaign hunts them). */
function internalError(e: unknown, where: string): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const stack = debug() && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return `strata: internal error while ${where}: ${what} (a bug in strata; STRATA_DEBUG=1 shows where)${stack}`;
}

/** What a verb threw, told to the user: its exit status (never a stack trace, unless STRATA_DEBUG=1). */
export function failure(e: unknown, io: CliIO): number {
  if (e instanceof CliError || e instanceof ScenarioSyntaxError) {
    io.stderr(`strata: ${e.message}\n`);
    return e instanceof CliError ? e.exitCode : EXIT.badInput;
  }
  io.stderr(`${internalError(e, 'running the command')}\n`);
  return EXIT.refused;
}

/** The interactive verbs' view of the CLI's streams (no standard input: at once at its end). */
const interactiveIO = (io: CliIO): InteractiveIO => ({
  stdout: (t) => io.stdout(t),
  stderr: (t) => io.stderr(t),
  readLine: () => (io.readLine ? io.readLine() : null),
  interactive: io.interactive === true,
  color: io.color === true,
});

function engineFor(fileEngine: string | undefined, override: string | undefined): EngineName {
  const name = override ?? fileEngine ?? DEFAULT_ENGINE;
  if (!isEngineName(name)) throw new CliError(`unknown engine "${name}" (known: docker-20.10, docker-26.1)`);
  return name;
}

/** A file's bytes within the budgets of size and lines (before any parsing). */
function readInput(path: string): Uint8Array {
  const bytes = readBytes(path);
  checkScenarioLines(bytes, path === '-' ? '<stdin>' : path);
  return bytes;
}

/** A scenario file read and parsed: its bytes (for --update) and the parse. Throws CliError/ScenarioSyntaxError. */
function load(path: string): { bytes: Uint8Array; scenario: Scenario } {
  const bytes = readInput(path);
  const name = path === '-' ? '<stdin>' : path;
  const scenario = parseScenario(decodeScenario(bytes, name), name);
  checkScenarioSize(scenario);
  return { bytes, scenario };
}

/** The first command whose output is strata speaking (a refusal or a budget), as `FILE:LINE: $ CMD: MESSAGE`. */
function firstRefusal(s: Scenario, results: readonly StepResult[]): string | undefined {
  for (const r of results) {
    const said = strataMessage(r.output);
    if (said !== undefined) return `${s.file}:${r.step.line}: $ ${r.step.command.split('\n')[0]}: ${said}`;
  }
  return undefined;
}

interface CheckOptions {
  update: boolean;
  engine?: EngineName;
  /** `--daemon FLAGS`, as given. */
  daemon?: string;
  /** `--busybox-stand-ins`: the oracle's stand-ins (EngineOptions.busyboxStandIns). */
  busyboxStandIns?: boolean;
}

interface FileOutcome {
  status: number;
  /** What to print on stdout for this file ('' when it passed). */
  report: string;
  updated: boolean;
  /** A Markdown page with no console block: nothing to check in it. */
  skipped?: boolean;
  /** The scenario as read (before any --update). */
  scenario?: Scenario;
  /** The session of the check's replay, when the scenario's questions have answers to check. */
  session?: () => Session;
}

/**
 * Check (and with --update, fill) a Markdown page: its console blocks are one session
 * (src/pages/). A mismatch names PAGE:LINE of the first differing output line. Never throws.
 */
function checkPageFile(file: string, opts: CheckOptions): FileOutcome {
  const fail = (status: number, text: string): FileOutcome => ({ status, report: `FAIL ${file}\n${text.endsWith('\n') ? text : text + '\n'}`, updated: false });
  const name = file === '-' ? '<stdin>' : file;
  let bytes: Uint8Array;
  let text: string;
  let page;
  try {
    if (opts.update && file === '-') throw new CliError('cannot update standard input: give a file');
    bytes = readInput(file);
    text = decodeScenario(bytes, name);
    page = parsePage(text, name);
  } catch (e) {
    if (e instanceof CliError) return fail(e.exitCode, e.message);
    if (e instanceof ScenarioSyntaxError || e instanceof PageSyntaxError) return fail(EXIT.badInput, e.message);
    return fail(EXIT.refused, internalError(e, `reading ${file}`));
  }
  if (page.commands.length === 0) return { status: EXIT.ok, report: '', updated: false, skipped: true };
  // A page names its engine in an option comment; --update must not fill it from another one.
  if (opts.update && opts.engine && opts.engine !== (page.options.engine ?? DEFAULT_ENGINE)) {
    return fail(EXIT.badInput, `${name}:${page.optionLine ?? 1}: the page runs on ${page.options.engine ?? DEFAULT_ENGINE}; write <!-- strata engine=${opts.engine} --> in it to fill it from ${opts.engine}; not written`);
  }
  let r;
  try {
    r = checkPageSession(text, name, new BudgetedEngine(new SimulatedDocker({ engine: engineFor(page.options.engine, opts.engine), daemon: daemonFor(undefined, opts.daemon), busyboxStandIns: opts.busyboxStandIns, terminal: true })), page);
  } catch (e) {
    if (e instanceof CliError || e instanceof ScenarioSyntaxError || e instanceof PageSyntaxError) return fail(EXIT.badInput, e.message);
    return fail(EXIT.refused, internalError(e, `replaying ${file}`));
  }
  let refusal: string | undefined;
  r.page.commands.forEach((c, k) => {
    const said = strataMessage(r.shown[k]);
    if (said !== undefined && refusal === undefined) refusal = `${name}:${c.line}: $ ${c.command.split('\n')[0]}: ${said}`;
  });
  const where = r.mismatches.map((m) => `${m.location}: output differs\n`).join('');
  if (!opts.update) {
    if (r.passed && refusal === undefined) return { status: EXIT.ok, report: '', updated: false };
    if (refusal !== undefined) return fail(EXIT.refused, `${where}${r.diff}${refusal}`);
    return fail(EXIT.mismatch, `${where}${r.diff}`);
  }
  if (refusal !== undefined) return fail(EXIT.refused, `${r.diff}${refusal}\nnot written: strata's own message is not Docker's output`);
  if (r.passed) return { status: EXIT.ok, report: '', updated: false };
  const unwritable = unwritablePage(r, name);
  if (unwritable !== undefined) return fail(EXIT.badInput, `${r.diff}${unwritable}; not written`);
  try {
    updateFile(file, bytes, r.updated);
  } catch (e) {
    if (e instanceof CliError) return fail(EXIT.badInput, e.message);
    return fail(EXIT.badInput, `${file}: cannot update: ${e instanceof Error ? e.message : String(e)}; not written`);
  }
  return { status: EXIT.ok, report: `UPDATED ${file}\n${r.diff}`, updated: true };
}

const isPage = (file: string): boolean => /\.(md|markdown)$/i.test(file);

/** Check (and with --update, rewrite) one file, and the answers of its lesson questions. Never throws. */
function checkFile(file: string, opts: CheckOptions): FileOutcome {
  if (isPage(file)) return checkPageFile(file, opts);
  const o = checkScenarioFile(file, opts);
  if (o.status === EXIT.badInput || o.status === EXIT.refused) return o;
  let wrong: string[];
  try {
    // after --update the file holds new outputs: read it again (and replay it for its answers)
    const scenario = o.updated ? load(file).scenario : o.scenario;
    wrong = !o.updated && o.session ? answerMismatches(o.session()) : scenario ? wrongAnswers(scenario, opts.engine, opts.daemon) : [];
  } catch (e) {
    if (e instanceof CliError || e instanceof ScenarioSyntaxError) return o;
    return { status: EXIT.refused, report: `FAIL ${file}\n${internalError(e, `checking the answers of ${file}`)}\n`, updated: false };
  }
  if (wrong.length === 0) return o;
  const report = o.report === '' ? `FAIL ${file}\n` : o.report.replace(/^UPDATED /, 'FAIL ');
  return { status: EXIT.mismatch, report: `${report}${wrong.map((w) => `${w}\n`).join('')}`, updated: o.updated };
}

/**
 * The written answers of a lesson's questions (`# =` lines) that its checks, run on the engine,
 * do not bear out (src/explain/answers.ts).
 */
function wrongAnswers(scenario: Scenario, engineOverride: EngineName | undefined, daemonOverride: string | undefined): string[] {
  if (!hasAnswers(scenario)) return [];
  const session = scenarioSession(scenario, { engine: engineFor(scenario.engine, engineOverride), daemon: daemonFor(scenario.daemon, daemonOverride), wrap: (e) => new BudgetedEngine(e) });
  return answerMismatches(session);
}

/** Whether a lesson's questions have written answers (`# =` lines) to check. */
function hasAnswers(scenario: Scenario): boolean {
  return lessonQuestions(scenario).some((q) => q.question.answer !== null);
}

/** Check (and with --update, rewrite) one scenario file. Never throws. */
function checkScenarioFile(file: string, opts: CheckOptions): FileOutcome {
  const fail = (status: number, text: string): FileOutcome => ({ status, report: `FAIL ${file}\n${text.endsWith('\n') ? text : text + '\n'}`, updated: false });
  let loaded: { bytes: Uint8Array; scenario: Scenario };
  try {
    if (opts.update && file === '-') throw new CliError('cannot update standard input: give a file');
    loaded = load(file);
  } catch (e) {
    if (e instanceof CliError) return fail(e.exitCode, e.message);
    if (e instanceof ScenarioSyntaxError) return fail(EXIT.badInput, e.message);
    return fail(EXIT.refused, internalError(e, `reading ${file}`));
  }
  const s = loaded.scenario;
  let r;
  let session: (() => Session) | undefined;
  try {
    const daemon = daemonFor(s.daemon, opts.daemon);
    // --update writes outputs under the file's own header: from another daemon they would lie
    if (opts.update && daemon !== undefined && formatDaemonFlags(daemon) !== formatDaemonFlags(s.daemon ?? NORMAL_INSTALL)) {
      const line = s.header.find((h) => h.kind === 'header' && h.text.startsWith('# daemon:'))?.line ?? 1;
      throw new CliError(`${file}:${line}: the scenario's daemon is "${formatDaemonFlags(s.daemon ?? NORMAL_INSTALL)}"; write "# daemon: ${formatDaemonFlags(daemon)}" in its header to fill it from that daemon; not written`);
    }
    if (hasAnswers(s)) {
      // the replay that checks the outputs also gives the session the answers are checked on
      const rec = scenarioRecorder(s, { engine: engineFor(s.engine, opts.engine), daemon, busyboxStandIns: opts.busyboxStandIns, wrap: (e) => new BudgetedEngine(e) });
      r = checkScenario(s, rec.engine);
      const results = r.replay.results;
      session = () => rec.session(results);
    } else r = checkScenario(s, new BudgetedEngine(new SimulatedDocker({ engine: engineFor(s.engine, opts.engine), daemon, busyboxStandIns: opts.busyboxStandIns, ...(s.oracleBusybox ? { oracleBase: true } : {}) })));
  } catch (e) {
    if (e instanceof CliError || e instanceof ScenarioSyntaxError) return fail(EXIT.badInput, e.message);
    return fail(EXIT.refused, internalError(e, `replaying ${file}`));
  }
  const refusal = firstRefusal(s, r.replay.results);
  if (!opts.update) {
    if (r.passed) return { status: EXIT.ok, report: '', updated: false, scenario: s, session };
    if (refusal !== undefined) return fail(EXIT.refused, `${r.diff}${refusal}`);
    return { ...fail(EXIT.mismatch, r.diff), scenario: s, session };
  }
  // --update: write only a complete, truthful transcript, under the header of the engine used
  const target = opts.engine ? withEngineHeader(s, opts.engine, DEFAULT_ENGINE) : s;
  if (r.passed && target === s) return { status: EXIT.ok, report: '', updated: false, scenario: s, session };
  let text: string;
  try {
    text = updateScenario(target, r.replay.results);
  } catch (e) {
    if (e instanceof ScenarioRefusalError) return fail(EXIT.refused, `${r.diff}${e.message}\nnot written: strata's own message is not Docker's output`);
    if (e instanceof ScenarioOutputError || e instanceof ScenarioSyntaxError) return fail(EXIT.badInput, `${e.message}; not written`);
    return fail(EXIT.refused, internalError(e, `rendering ${file}`));
  }
  try {
    updateFile(file, loaded.bytes, text);
  } catch (e) {
    if (e instanceof CliError) return fail(EXIT.badInput, e.message);
    return fail(EXIT.badInput, `${file}: cannot update: ${e instanceof Error ? e.message : String(e)}; not written`);
  }
  const what = r.diff !== '' ? r.diff : `(header: # engine: ${opts.engine})\n`;
  return { status: EXIT.ok, report: `UPDATED ${file}\n${what}`, updated: true };
}

/** A file's outcome as a report needs it (what a worker thread can post: no scenario, no session). */
function checkedOutcome(file: string, opts: CheckOptions): CheckedOutcome {
  const o = checkFile(file, opts);
  return { status: o.status, report: o.report, updated: o.updated, skipped: o.skipped };
}

type CheckedOutcome = Pick<FileOutcome, 'status' | 'report' | 'updated' | 'skipped'>;

/**
 * How many threads check the files (src/cli/parallel.ts): one under the sources (a worker runs the
 * bundle, dist/engine.cjs, which is this module built), for --update (a file named twice is
 * rewritten by its first check before its second reads it) and for standard input.
 */
function checkThreads(files: readonly string[], opts: CheckOptions, io: CliIO): number {
  if (basename(here) !== 'dist' || opts.update || files.includes('-')) return 1;
  return threadsFor(files.length, io.env ?? process.env);
}

/** This module's file: the bundle a worker thread runs (serveParallel, at the end of this module). */
const SELF = fileURLToPath(import.meta.url);

/** How bin/strata.js loaded this bundle (bin/bundle.js, with its code cache): a worker loads it so too. */
const SELF_CACHE = { loader: join(root, 'bin', 'bundle.js'), cache: join(here, 'engine.cache') };

/** `strata replay [FILE] [--explain] [--busybox-stand-ins]`: its exit status. */
export function replayVerb(file: string | undefined, opts: { explain?: boolean; busyboxStandIns?: boolean }, globals: Globals, io: CliIO): number {
  const path = file ?? DEFAULT_SCENARIO;
  if (isPage(path)) {
    // A page replayed: the page with what every console block prints.
    const text = decodeScenario(readInput(path), path);
    const page = parsePage(text, path);
    const r = checkPageSession(
      text,
      path,
      new BudgetedEngine(new SimulatedDocker({ engine: engineFor(page.options.engine, globals.engine), daemon: daemonFor(undefined, globals.daemon), busyboxStandIns: opts.busyboxStandIns, terminal: true })),
    );
    io.stdout(r.updated);
    return EXIT.ok;
  }
  const { scenario: s } = load(path);
  if (opts.explain) {
    const r = explainedReplay(s, engineFor(s.engine, globals.engine), daemonFor(s.daemon, globals.daemon), opts.busyboxStandIns);
    io.stdout(r.text);
    if (r.refusal === undefined) return EXIT.ok;
    io.stderr(`${r.refusal}\n`);
    return EXIT.refused;
  }
  const engine = new SimulatedDocker({ engine: engineFor(s.engine, globals.engine), daemon: daemonFor(s.daemon, globals.daemon), busyboxStandIns: opts.busyboxStandIns, ...(s.oracleBusybox ? { oracleBase: true } : {}) });
  const replay = replayScenario(s, new BudgetedEngine(engine));
  io.stdout(replay.transcript);
  const refusal = firstRefusal(s, replay.results);
  if (refusal === undefined) return EXIT.ok;
  io.stderr(`${refusal}\n`);
  return EXIT.refused;
}

/** `strata check PATHS... [--update] [--reporter R] [--busybox-stand-ins]`: its exit status. */
export function checkVerb(paths: string[], opts: { update?: boolean; reporter?: 'text' | 'junit' | 'json'; busyboxStandIns?: boolean }, globals: Globals, io: CliIO): number {
  let status: number = EXIT.ok;
  const reporter = opts.reporter ?? 'text';
  // a file holds what a normal install prints: the oracle's stand-ins' words would lie there
  if (opts.update && opts.busyboxStandIns) throw new CliError('--update with --busybox-stand-ins would write what the oracle\'s busybox stand-ins print, not what the real images print; not written');
  const results: CheckedFile[] = [];
  const found = findScenarios(paths, { pages: true });
  for (const p of found.problems) {
    results.push({ file: p.path, status: EXIT.badInput, report: `FAIL ${p.path}\n${p.path}: ${p.message}\n`, updated: false });
    status = worst(status, EXIT.badInput);
  }
  const engine = globals.engine as EngineName | undefined;
  const progress = new Progress({ write: (t) => io.stderr(t), isTTY: io.stderrIsTTY === true, env: io.env ?? {}, columns: io.columns }, found.files.length);
  const checkOpts: CheckOptions = { update: opts.update === true, engine, daemon: globals.daemon, busyboxStandIns: opts.busyboxStandIns };
  // a small young generation for the first file only (see young-generation.ts)
  keepYoungGenerationSmall();
  let first = true;
  const threads = checkThreads(found.files, checkOpts, io);
  const { outcomes, byWorkers } = runParallel(found.files, checkOpts, threads, SELF, checkedOutcome, (k, before) => {
    progress.update(before, found.files[k]);
    if (!first) letYoungGenerationGrow();
    first = false;
  }, SELF_CACHE);
  if (debug() && threads > 1) io.stderr(`strata: checked ${found.files.length} files on ${threads} threads, ${byWorkers} of them by workers\n`);
  outcomes.forEach((o, k) => {
    if (o.skipped) return;
    results.push({ file: found.files[k], ...o });
    status = worst(status, o.status);
  });
  progress.clear();
  letYoungGenerationGrow();
  const checked = results.length - found.problems.length;
  if (checked === 0) {
    if (found.problems.length === 0) io.stderr(`strata: nothing to check: no .scenario files or pages with console blocks in ${paths.join(', ')}\n`);
    status = EXIT.badInput;
  }
  if (reporter === 'junit') io.stdout(junitReport(results));
  else if (reporter === 'json') io.stdout(jsonReport(results, status));
  else {
    for (const r of results) io.stdout(r.report);
    const passed = results.filter((r) => r.status === EXIT.ok && !r.updated).length;
    // a file written whose answers are wrong counts as failed
    const updated = results.filter((r) => r.updated && r.status === EXIT.ok).length;
    const failed = results.length - passed - updated;
    io.stdout(opts.update ? `${passed} passed, ${updated} updated, ${failed} failed\n` : `${passed} passed, ${failed} failed\n`);
  }
  return status;
}

/** `strata images [--catalog]`. */
export function imagesVerb(globals: Globals, io: CliIO): number {
  io.stdout(formatCatalog(listCatalog(PROFILES[engineFor(undefined, globals.engine)])));
  return EXIT.ok;
}

/** `strata quiz LESSON [--predict]`: its exit status. */
export function quizVerb(file: string, opts: { predict?: boolean }, globals: Globals, io: CliIO): number {
  return runQuiz(lessonPath(file, LESSONS_DIR), globals.engine, interactiveIO(io), { predict: opts.predict === true, daemon: globals.daemon });
}

/** `strata lessons`. */
export function lessonsVerb(io: CliIO): number {
  interactiveIO(io).stdout(listLessons(LESSONS_DIR));
  return EXIT.ok;
}

/** `strata shell`: its exit status. */
export function shellVerb(globals: Globals, io: CliIO): number {
  return runShell(globals.engine, interactiveIO(io), globals.daemon);
}

// Started as a worker thread of `strata check` (src/cli/parallel.ts): check the files it is given.
// (At the end of the module, so that everything above is defined when it runs.)
serveParallel(checkedOutcome);
