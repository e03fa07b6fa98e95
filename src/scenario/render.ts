// Writing scenarios: the exact inverse of parse.ts, and `strata check --update`.
//
// Output lines are escaped as the recorder does (shared/oracle/record.mjs `checkOutputLine`): an
// empty line is written `<blank>`, a non-zero status is a last line `[exit N]`, and a line the
// parser would read as something else (a command, a continuation, a comment, `<blank>`, an exit
// line) cannot be written at all.

import { EXIT_LINE, openCommand, ScenarioSyntaxError } from './parse.ts';
import { commandSteps, type CommandStep, type EngineName, type HeaderItem, type Scenario, type Step } from './model.ts';

/** The outputs to write for one command (normalized lines and exit status). */
export interface StepOutput {
  output: readonly string[];
  exitCode: number;
  /** Written as `# ` comment lines after the output (e.g. `strata replay --explain`). */
  notes?: readonly string[];
}

/** An output line that cannot be written in the scenario format without changing its meaning. */
export class ScenarioOutputError extends Error {
  readonly file: string;
  /** Line of the command that printed it. */
  readonly line: number;
  readonly outputLine: string;

  constructor(file: string, step: CommandStep, outputLine: string) {
    super(`${file}:${step.line}: $ ${step.command.split('\n')[0]}: output line is ambiguous in the scenario format: ${JSON.stringify(outputLine)} (change the scenario)`);
    this.name = 'ScenarioOutputError';
    this.file = file;
    this.line = step.line;
    this.outputLine = outputLine;
  }
}

/**
 * A command whose output holds strata's own words (a refusal, `strata does not simulate ...`, or
 * a budget, `strata: ...`): not Docker's output, so never written into a scenario as if it were.
 */
export class ScenarioRefusalError extends Error {
  readonly file: string;
  /** Line of the command. */
  readonly line: number;
  /** The line strata printed. */
  readonly said: string;

  constructor(file: string, step: CommandStep, said: string) {
    super(`${file}:${step.line}: $ ${step.command.split('\n')[0]}: ${said}`);
    this.name = 'ScenarioRefusalError';
    this.file = file;
    this.line = step.line;
    this.said = said;
  }
}

/**
 * The first output line that is strata speaking rather than the simulated Docker: a refusal
 * (`strata does not simulate ...`, also inside a build error), a stand-in program's refusal in its
 * own name (`mysql: strata stand-in: prompting for a password ... is not simulated`: the mysql and
 * mariadb stand-ins, catalog/), or a budget or internal message (`strata: ...`). undefined when
 * there is none. No real command prints these words.
 */
export function strataMessage(output: readonly string[]): string | undefined {
  for (const l of output) if (l.startsWith('strata: ') || l.includes('strata does not simulate') || l.includes(': strata stand-in: ')) return l;
  return undefined;
}

/**
 * Whether an (unescaped) output line can be written as is: not starting with `$ `, `> ` or `#`,
 * not `>` or `<blank>`, not like `[exit N]`; and no NUL (the parser refuses NUL). The empty line is
 * fine (written `<blank>`), and so is a `\r` anywhere (the recorder writes it verbatim and the
 * parser reads it back as part of the line: `<blank>\r` or `[exit 1]\r` are plain output lines).
 */
export function isWritableOutputLine(line: string): boolean {
  return !(
    line.startsWith('$ ') || line.startsWith('> ') || line === '>' || line.startsWith('#') ||
    line === '<blank>' || EXIT_LINE.test(line) || /^\[exit .*\]$/.test(line) || line.includes('\0')
  );
}

/**
 * The scenario lines for one command's output: `''` → `<blank>`, then `[exit N]` when N ≠ 0.
 * Lines are written as given (see `isWritableOutputLine` to check them first).
 */
export function renderOutput(output: readonly string[], exitCode: number): string[] {
  const lines = output.map((l) => (l === '' ? '<blank>' : l));
  if (exitCode !== 0) lines.push(`[exit ${exitCode}]`);
  return lines;
}

/** The source lines for a command text: `$ ` first line, then `> ` per further line (`>` when empty). */
export function renderCommand(command: string): string[] {
  return command.split('\n').map((l, i) => (i === 0 ? `$ ${l}` : l === '' ? '>' : `> ${l}`));
}

const itemLine = (it: HeaderItem | Exclude<Step, CommandStep>): string => (it.kind === 'blank' ? '' : it.text);

function render(s: Scenario, outputs: ((step: CommandStep, k: number) => StepOutput) | undefined, strict: boolean): string {
  const lines = renderLines(s, outputs, strict);
  if (lines.length === 0) return '';
  return lines.join('\n') + (s.finalNewline ? '\n' : '');
}

function renderLines(s: Scenario, outputs: ((step: CommandStep, k: number) => StepOutput) | undefined, strict: boolean): string[] {
  const lines: string[] = [];
  for (const h of s.header) lines.push(itemLine(h));
  let k = 0;
  for (const st of s.steps) {
    if (st.kind !== 'command') { lines.push(itemLine(st)); continue; }
    // one push per line: spreading a long output into push() overflows the stack
    for (const l of st.source) lines.push(l);
    const o = outputs ? outputs(st, k) : st;
    k++;
    if (strict) {
      for (const l of o.output) if (!isWritableOutputLine(l)) throw new ScenarioOutputError(s.file, st, l);
      const said = strataMessage(o.output);
      if (said !== undefined) throw new ScenarioRefusalError(s.file, st, said);
    }
    for (const l of renderOutput(o.output, o.exitCode)) lines.push(l);
    if ('notes' in o) for (const note of o.notes ?? []) lines.push(`# ${note}`);
  }
  return lines;
}

/**
 * The lines of the file as written, and of the file with `actual` in place of the expected
 * outputs (as renderTranscript writes it, without the final newline): what the diff of
 * `strata check` compares, without joining and splitting the whole text twice.
 */
export function comparedLines(s: Scenario, actual: readonly StepOutput[]): { expected: string[]; actual: string[] } {
  return { expected: renderLines(s, undefined, false), actual: renderLines(s, outputsOf(s, actual), false) };
}

/** Write a parsed scenario back: `formatScenario(parseScenario(text, f)) === text` for any valid text. */
export function formatScenario(s: Scenario): string {
  return render(s, undefined, false);
}

function outputsOf(s: Scenario, actual: readonly StepOutput[]): (step: CommandStep, k: number) => StepOutput {
  const n = commandSteps(s).length;
  if (actual.length !== n) throw new Error(`${s.file}: ${actual.length} results for ${n} commands`);
  return (_st, k) => actual[k];
}

/**
 * The scenario with `actual` (one entry per command, in order) in place of the expected outputs;
 * header, comments, blank lines and command lines are kept byte for byte (`strata check --update`).
 * Throws ScenarioOutputError for an output line the format cannot hold, and ScenarioRefusalError
 * for an output in which strata refused or ran out of a budget (see strataMessage).
 */
export function updateScenario(s: Scenario, actual: readonly StepOutput[]): string {
  // the lines after a command left open are its own, written without `> `: not output to replace
  for (const st of s.steps) {
    const why = st.kind === 'command' ? openCommand(st.command) : undefined;
    if (why !== undefined) throw new ScenarioSyntaxError(s.file, st.line, why);
  }
  return render(s, outputsOf(s, actual), true);
}

/**
 * Like updateScenario, but never throws for an ambiguous output line (it is written as is): the
 * "actual" side of a diff.
 */
export function renderTranscript(s: Scenario, actual: readonly StepOutput[]): string {
  return render(s, outputsOf(s, actual), false);
}

/**
 * `s` with a header that names `engine`, for `strata --engine E check --update`: outputs written
 * from E must not sit under another engine's `# engine:` line (a later `strata check` would replay
 * them on that engine). The `# engine:` line is rewritten in place; when there is none and E is
 * not the default, one is added after the last `# title:`/`# tags:` line (where the recorder puts
 * it), else first. Nothing else changes.
 */
export function withEngineHeader(s: Scenario, engine: EngineName, defaultEngine: EngineName): Scenario {
  if ((s.engine ?? defaultEngine) === engine) return s;
  const text = `# engine: ${engine}`;
  const header = [...s.header];
  const at = header.findIndex((h) => h.kind === 'header' && /^# engine:/.test(h.text));
  if (at !== -1) header[at] = { kind: 'header', line: header[at].line, text };
  else {
    let after = -1;
    header.forEach((h, i) => { if (h.kind === 'header' && /^# (title|tags):/.test(h.text)) after = i; });
    header.splice(after + 1, 0, { kind: 'header', line: after + 2, text });
  }
  // a file that had no line at all still gets its header line terminated
  return { ...s, header, engine, finalNewline: s.finalNewline || (s.header.length === 0 && s.steps.length === 0) };
}
