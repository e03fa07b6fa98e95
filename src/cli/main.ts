// The `strata` command: replay a scenario (print what a real Docker Engine would print), or
// check scenarios against their recorded outputs.
//
// Exit statuses tell the truth, so CI can rely on them: 0 everything passed (or was updated),
// 1 an output differs, 125 strata refused a command or ran out of a budget inside a scenario,
// 2 bad input (a usage error, a missing, unreadable or malformed file, a file --update could not
// write, nothing to check). When several files fail differently the most serious wins, in the
// order 2, 125, 1. No failure reaches the user as a stack trace (STRATA_DEBUG=1 adds them).

import { Command, CommanderError, Option } from 'commander';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
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
import { registerDiagram } from './diagram.ts';
import { explainedReplay, registerExplain } from './explain.ts';
import { registerWhere } from './where.ts';
import { registerQuiz, type InteractiveIO } from './quiz.ts';
import { registerShell } from './shell.ts';
import { LineReader } from './stdin.ts';
import { Progress } from './progress.ts';
import { useColor } from './terminal.ts';
import { lessonQuestions } from '../scenario/questions.ts';
import { scenarioRecorder, scenarioSession, type Session } from '../explain/session.ts';
import { answerMismatches } from '../explain/answers.ts';
import { formatDaemonFlags, NORMAL_INSTALL } from '../daemon/config.ts';
import { daemonFor } from './daemon.ts';
import { useStandInsIn } from './stand-ins.ts';
import { useParsedScriptsIn } from './scripts.ts';

const here = dirname(fileURLToPath(import.meta.url));
// Under vitest (tests that run the CLI as a child process), programming errors surface as crashes.
internalErrors.rethrow = !!process.env.VITEST;
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

/** Where the CLI writes (the process's streams, or a capture in tests and the fuzz campaign). */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard input for the interactive verbs (quiz, shell), one line at a time; null at its end. */
  readLine?(): string | null;
  /** Standard input is a terminal. */
  interactive?: boolean;
  /** Colour the interactive verbs' output. */
  color?: boolean;
  /** Standard error is a terminal (a progress line for strata check). */
  stderrIsTTY?: boolean;
  /** The environment (CI, TERM, NO_COLOR) and the terminal's width, for the progress line. */
  env?: Record<string, string | undefined>;
  columns?: number;
}

let stdinLines: LineReader | undefined;
const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readLine: () => (stdinLines ??= new LineReader()).readLine(),
  get interactive() {
    return process.stdin.isTTY === true;
  },
  get color() {
    return useColor(process.stdout.isTTY);
  },
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  env: process.env,
  get columns() {
    return process.stderr.columns;
  },
};

/** The interactive verbs' view of the CLI's streams (no standard input: at once at its end). */
const interactiveIO = (io: CliIO): InteractiveIO => ({
  stdout: (t) => io.stdout(t),
  stderr: (t) => io.stderr(t),
  readLine: () => (io.readLine ? io.readLine() : null),
  interactive: io.interactive === true,
  color: io.color === true,
});

/** Exit statuses, and which wins when several files fail differently. */
export const EXIT = { ok: 0, mismatch: 1, badInput: 2, refused: 125 } as const;
const SEVERITY: readonly number[] = [EXIT.ok, EXIT.mismatch, EXIT.refused, EXIT.badInput];
const worst = (a: number, b: number): number => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a);

const debug = (): boolean => process.env.STRATA_DEBUG === '1';

/** One line for an error that is a bug in strata (never expected: the fuzz campaign hunts them). */
function internalError(e: unknown, where: string): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const stack = debug() && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  return `strata: internal error while ${where}: ${what} (a bug in strata; STRATA_DEBUG=1 shows where)${stack}`;
}

function engineFor(fileEngine: string | undefined, override: string | undefined): EngineName {
  const name = override ?? fileEngine ?? DEFAULT_ENGINE;
  if (!isEngineName(name)) throw new CliError(`unknown engine "${name}" (known: docker-20.10, docker-26.1)`);
  return name;
}

/** Help laid out the way `docker --help` lays out its own. */
function dockerStyleHelp(cmd: Command): string {
  const isRoot = cmd.parent === null;
  const name = isRoot ? 'strata' : `strata ${cmd.name()}`;
  const args = cmd.registeredArguments
    .map((a) => {
      const word = a.name().toUpperCase().replace(/S$/, a.variadic ? '' : 'S');
      const one = a.variadic ? `${word} [${word}...]` : word;
      return a.required ? one : `[${one}]`;
    })
    .join(' ');
  const usage = isRoot ? 'strata [OPTIONS] COMMAND' : `${name} [OPTIONS]${args ? ' ' + args : ''}`;
  const options = [...cmd.options.map((o) => ({ flags: o.flags.replace(/<[^>]+>/, 'string'), description: o.description }))];
  options.push({ flags: '-h, --help', description: 'Print usage' });
  const optLines = options.map((o) => {
    const flags = o.flags.startsWith('--') ? `    ${o.flags}` : o.flags;
    return `  ${flags.padEnd(20)} ${o.description}`;
  });
  let text = `\nUsage:  ${usage}\n\n${cmd.description()}\n\nOptions:\n${optLines.join('\n')}\n`;
  const subs = cmd.commands.filter((c) => c.name() !== 'help');
  if (subs.length > 0) {
    text += `\nCommands:\n${subs.map((c) => `  ${c.name().padEnd(11)} ${c.description()}`).join('\n')}\n`;
    text += `\nRun 'strata COMMAND --help' for more information on a command.\n`;
  }
  return text;
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

/** `--busybox-stand-ins` of check and replay: the oracle's stand-ins (src/container/userland.ts). */
const BUSYBOX_STAND_INS_HELP = 'Run Debian- and Ubuntu-based stand-ins on busybox, as the oracle\'s recordings show them (default: the real images\' GNU tools)';

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
    } else r = checkScenario(s, new BudgetedEngine(new SimulatedDocker({ engine: engineFor(s.engine, opts.engine), daemon, busyboxStandIns: opts.busyboxStandIns })));
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

export function main(argv: string[], io: CliIO = processIO): number {
  let status = 0;
  const program = new Command();
  program
    .name('strata')
    .description(
      "A simulated Docker Engine for storage: image layers, containers, volumes, bind mounts and tmpfs,\nreplayed from scenario scripts and printed exactly as a real engine prints them",
    )
    .addOption(new Option('--engine <name>', 'Engine to simulate: docker-26.1 (default) or docker-20.10').choices(['docker-20.10', 'docker-26.1']))
    .addOption(new Option('--daemon <flags>', 'dockerd flags to simulate, over a scenario\'s "# daemon:" header: --bridge=none (default: none, a normal install)'))
    .showHelpAfterError()
    .configureHelp({ formatHelp: dockerStyleHelp })
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) })
    .exitOverride();

  program
    .command('replay')
    .description('Replay a scenario and print each command with the output a real engine would print')
    .argument('[file]', 'a .scenario file, or - for standard input (default: a bundled data-loss story)')
    .option('--explain', 'After each command, say where data went and what destroyed or orphaned it')
    .option('--busybox-stand-ins', BUSYBOX_STAND_INS_HELP)
    .action((file: string | undefined, opts: { explain?: boolean; busyboxStandIns?: boolean }) => {
      const path = file ?? DEFAULT_SCENARIO;
      if (isPage(path)) {
        // A page replayed: the page with what every console block prints.
        const text = decodeScenario(readInput(path), path);
        const page = parsePage(text, path);
        const r = checkPageSession(
          text,
          path,
          new BudgetedEngine(new SimulatedDocker({ engine: engineFor(page.options.engine, program.opts().engine), daemon: daemonFor(undefined, program.opts().daemon), busyboxStandIns: opts.busyboxStandIns, terminal: true })),
        );
        io.stdout(r.updated);
        return;
      }
      const { scenario: s } = load(path);
      if (opts.explain) {
        const r = explainedReplay(s, engineFor(s.engine, program.opts().engine), daemonFor(s.daemon, program.opts().daemon), opts.busyboxStandIns);
        io.stdout(r.text);
        if (r.refusal !== undefined) {
          io.stderr(`${r.refusal}\n`);
          status = EXIT.refused;
        }
        return;
      }
      const engine = new SimulatedDocker({ engine: engineFor(s.engine, program.opts().engine), daemon: daemonFor(s.daemon, program.opts().daemon), busyboxStandIns: opts.busyboxStandIns });
      const replay = replayScenario(s, new BudgetedEngine(engine));
      io.stdout(replay.transcript);
      const refusal = firstRefusal(s, replay.results);
      if (refusal !== undefined) {
        io.stderr(`${refusal}\n`);
        status = EXIT.refused;
      }
    });

  program
    .command('check')
    .description('Replay scenarios and Markdown pages and compare with their outputs (files or directories)')
    .argument('<paths...>', '.scenario files, Markdown pages (.md) or directories (- for standard input)')
    .option('--update', 'Write the simulated outputs back into the files')
    .addOption(new Option('--reporter <name>', 'Report as text (default), junit (JUnit XML for CI) or json').choices(['text', 'junit', 'json']))
    .option('--busybox-stand-ins', BUSYBOX_STAND_INS_HELP)
    .action((paths: string[], opts: { update?: boolean; reporter?: 'text' | 'junit' | 'json'; busyboxStandIns?: boolean }) => {
      const reporter = opts.reporter ?? 'text';
      // a file holds what a normal install prints: the oracle's stand-ins' words would lie there
      if (opts.update && opts.busyboxStandIns) throw new CliError('--update with --busybox-stand-ins would write what the oracle\'s busybox stand-ins print, not what the real images print; not written');
      const results: CheckedFile[] = [];
      const found = findScenarios(paths, { pages: true });
      for (const p of found.problems) {
        results.push({ file: p.path, status: EXIT.badInput, report: `FAIL ${p.path}\n${p.path}: ${p.message}\n`, updated: false });
        status = worst(status, EXIT.badInput);
      }
      const engine = program.opts().engine as EngineName | undefined;
      const progress = new Progress({ write: (t) => io.stderr(t), isTTY: io.stderrIsTTY === true, env: io.env ?? {}, columns: io.columns }, found.files.length);
      found.files.forEach((file, k) => {
        progress.update(k, file);
        const o = checkFile(file, { update: opts.update === true, engine, daemon: program.opts().daemon as string | undefined, busyboxStandIns: opts.busyboxStandIns });
        if (o.skipped) return;
        results.push({ file, ...o });
        status = worst(status, o.status);
      });
      progress.clear();
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
    });

  program
    .command('images')
    .description('List the stand-in images a scenario can use (# images:, docker pull, docker run)')
    .option('--catalog', 'List the catalog of stand-in images with their volumes (the default)')
    .action(() => {
      io.stdout(formatCatalog(listCatalog(PROFILES[engineFor(undefined, program.opts().engine)])));
    });

  registerDiagram(program, io, (s) => {
    status = s;
  });
  registerExplain(program, io, (s) => {
    status = s;
  });
  registerWhere(program, io, (s) => {
    status = s;
  });
  registerQuiz(program, () => interactiveIO(io), LESSONS_DIR, (s) => {
    status = s;
  });
  registerShell(program, () => interactiveIO(io), (s) => {
    status = s;
  });

  try {
    program.parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT.badInput;
    if (e instanceof CliError || e instanceof ScenarioSyntaxError) {
      io.stderr(`strata: ${e.message}\n`);
      return e instanceof CliError ? e.exitCode : EXIT.badInput;
    }
    io.stderr(`${internalError(e, 'running the command')}\n`);
    return EXIT.refused;
  }
  return status;
}

/**
 * For the real process: a closed stdout (`strata replay | head -1`) ends strata quietly, as it
 * ends any Unix tool, instead of an unhandled EPIPE error.
 */
export function guardStdio(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

if (process.argv[1] && existsSync(process.argv[1]) && fileURLToPath(import.meta.url) === process.argv[1]) {
  guardStdio();
  process.exitCode = main(process.argv);
}
