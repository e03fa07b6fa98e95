// Running a page as one session and writing what it printed back into it. Engine-agnostic, like
// src/scenario/replay.ts: the caller gives a ScenarioEngine (src/index.ts uses the simulator).
//
// `--update` rewrites only the output lines of console blocks: every other byte of the page
// (prose, other blocks, the indentation or quote marks of a block, each line's LF or CRLF, the
// final newline) is kept.
//
// A page is typed at a terminal (unless `<!-- strata tty=no -->`): the reader's terminal is the
// stdin, stdout and stderr of each command line (engine.ts execute, ProcessIO.keyboard), as it is
// for whoever follows the page; a `.scenario` has none, as its recorder has none. So:
// - docker/cli's CheckTty passes: `docker run -it`, `docker exec -it` attach the terminal to the
//   program (docker/commands/container/create-checks.ts); `-t` or `-i` alone never fail anyway;
// - in such a session, the program reads what the reader types as they type it. The lines of the
//   command's output that begin with the prompt the program shows when it reads (the line the
//   cursor is on) are what was typed (typist below); the terminal shows the typed text after the
//   prompt, so the page's line is the screen's line;
// - what is shown is the screen (screen.ts): carriage returns, cursor moves, the questions a
//   program asks the terminal; a pull's progress on a terminal (image/pull.ts formatPullMessages).
// The programs' interactive modes: busybox ash, dash and bash (Shell.runTerminal, interactive.ts),
// psql (the postgres stand-in's run_script), mysql (the mysql stand-in's interactive mode); others
// are refused by name.

import { unifiedDiff } from '../scenario/diff.ts';
import type { CommandStep, Scenario, StepResult } from '../scenario/model.ts';
import { splitOutput } from '../scenario/normalize.ts';
import { renderCommand } from '../scenario/render.ts';
import { EngineWrapper, replayScenario, type ScenarioEngine } from '../scenario/replay.ts';
import type { TypedLines } from '../engine/engine.ts';
import { TYPED_UNSEEN } from '../shell/types.ts';
import { cursorLine, screenText, ScreenNotSimulated } from './screen.ts';
import { PageSyntaxError, parsePage, type Page, type PageCommand, type PageLine } from './page.ts';
import { keepPageTimings } from './timings.ts';
import { keepExpectedInterleaving } from '../scenario/interleave.ts';
import { keepPageVarying } from './varying.ts';
import { keepPageAges } from './ages.ts';

/** A placeholder as scenarios write IDs (`<id1>`, `<img2:12>`). */
const PLACEHOLDER = /<(?:id|img)\d+(?::12)?>/;
/** A real-looking ID: 64 or 12 hex digits standing alone. */
const HEX_ID = /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{12})(?![0-9a-f])/;

export interface PageResult {
  page: Page;
  /** The session's results, one per command (hidden ones included), in page order. */
  results: StepResult[];
  /** What each command's output is on the page: normalized, or raw with ids=docker. */
  shown: string[][];
  passed: boolean;
  /** `FILE:LINE` of each visible command whose output differs. */
  mismatches: { command: PageCommand; location: string }[];
  /** Unified diff of the page against the page with the actual outputs ('' when passed). */
  diff: string;
  /** The page with the actual outputs (what `--update` writes). */
  updated: string;
  /**
   * Sessions whose program asked for typed lines (its prompt) while none of the command's page
   * lines begins with that prompt: what the page types there was not read, and `--update` would
   * drop it (unwritablePage).
   */
  untyped: { command: PageCommand; location: string; prompt: string }[];
}

/** What the typist of one command saw: the last prompt a read showed, and whether a page line began with one. */
interface TypistNotes {
  prompt?: string;
  matched: boolean;
}

/** Which form of IDs the page uses: the option, else what its outputs already show. */
export function idsMode(page: Page): 'docker' | 'placeholders' {
  if (page.options.ids) return page.options.ids;
  const outputs = page.commands.filter((c) => !c.hidden).flatMap((c) => c.output);
  if (outputs.some((l) => PLACEHOLDER.test(l))) return 'placeholders';
  if (outputs.some((l) => HEX_ID.test(l))) return 'docker';
  return 'placeholders';
}

/** The page's session as a scenario (the replayer's input). */
export function pageScenario(page: Page): Scenario {
  const steps: CommandStep[] = page.commands.map((c) => ({
    kind: 'command',
    line: c.line,
    source: renderCommand(c.command),
    command: c.command,
    output: c.output,
    exitCode: 0,
  }));
  const engine = page.options.engine;
  return {
    file: page.file,
    header: [],
    tags: [],
    engine: engine === 'docker-20.10' || engine === 'docker-26.1' ? engine : undefined,
    images: page.options.images.map((ref) => ({ ref, line: page.optionLine ?? 1 })),
    steps,
    finalNewline: true,
  };
}

/** Rewrite the page with `outputs[k]` as the output of visible command k. */
export function rewritePage(page: Page, outputs: Map<PageCommand, string[]>): string {
  const remove = new Set<number>();
  const insert = new Map<number, { cmd: PageCommand; lines: string[] }>();
  for (const [cmd, lines] of outputs) {
    for (const l of cmd.outputLines) remove.add(l);
    insert.set(cmd.insertAfter, { cmd, lines });
  }
  const out: PageLine[] = [];
  page.lines.forEach((line, i) => {
    const n = i + 1;
    if (!remove.has(n)) out.push({ ...line });
    const ins = insert.get(n);
    if (!ins) return;
    const eol = page.lines[ins.cmd.line - 1].eol || '\n';
    // Inserting after the page's last line: that line gets an ending, the new last line none.
    const last = out.at(-1);
    const atEnd = n === page.lines.length && (last?.eol ?? '') === '';
    if (atEnd && last && ins.lines.length > 0) last.eol = eol;
    ins.lines.forEach((text, k) => {
      const prefix = text === '' ? ins.cmd.prefix.trimEnd() : ins.cmd.prefix;
      out.push({ text: prefix + text, eol: atEnd && k === ins.lines.length - 1 ? '' : eol });
    });
  });
  return out.map((l) => l.text + l.eol).join('');
}

/**
 * What the reader types during command `c` of a page, at a terminal: the command's page lines
 * that begin with the prompt the program shows when it reads (the line the cursor is on), in
 * order; the rest of each such line is what was typed (the terminal shows it after the prompt).
 * Lines between them are output. With no more such lines, the reader pressed Ctrl-D; so did one
 * whose line is the prompt alone with no typed line after it (a shell then prints a newline,
 * psql `\q`: the page shows the same line either way). A read that does not show what is typed
 * (a password) cannot be read off the page: where the page shows its prompt alone on a line with
 * more after it, the reader typed something unseen and Enter (TYPED_UNSEEN, which the program
 * takes as the right password); otherwise Ctrl-D (the prompt and what follows on one line, as
 * getpass leaves them at end of input). An ID in the prompt (bash's `root@<host>:/# `,
 * the host name a container's ID) is the page's as it shows IDs, a placeholder or another ID:
 * the check compares them afterwards as it compares every output.
 */
export function typist(c: Pick<PageCommand, 'output'>, notes: TypistNotes = { matched: false }): TypedLines {
  let next = 0;
  return (pending, echo) => {
    const prompt = cursorLine(pending);
    if (prompt === '') return undefined;
    if (!echo) {
      if (next < c.output.length - 1 && c.output[next].trimEnd() === prompt.trimEnd()) {
        next += 1;
        return TYPED_UNSEEN;
      }
      return undefined;
    }
    notes.prompt = prompt;
    const shown = promptPattern(prompt);
    const typedAfter = (line: string): string | undefined => {
      if (shown === undefined) return line.startsWith(prompt) ? line.slice(prompt.length) : undefined;
      const m = shown.exec(line);
      return m === null ? undefined : line.slice(m[0].length);
    };
    for (let j = next; j < c.output.length; j++) {
      const typed = typedAfter(c.output[j]);
      if (typed === undefined) continue;
      notes.matched = true;
      if (typed === '' && !c.output.slice(j + 1).some((l) => typedAfter(l) !== undefined)) return undefined;
      next = j + 1;
      return typed;
    }
    return undefined;
  };
}

/** A prompt holding IDs as a pattern where each may be any ID or placeholder; undefined when it holds none. */
function promptPattern(prompt: string): RegExp | undefined {
  const ids = new RegExp(HEX_ID.source, 'g');
  if (!ids.test(prompt)) return undefined;
  const parts = prompt.split(ids).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join(`(?:${PLACEHOLDER.source}|[0-9a-f]{64}|[0-9a-f]{12})`)}`);
}

/**
 * The engine as a page's session sees it: on a terminal (the default), each command gets what
 * the reader types (typist) and its output is what the screen shows (screen.ts); with `tty=no`,
 * the engine as it is.
 */
class PageTerminal extends EngineWrapper {
  private k = 0;
  /** What each command's typist saw, by its place in the page. */
  readonly notes = new Map<number, TypistNotes>();
  constructor(
    inner: ScenarioEngine,
    private readonly page: Page,
  ) {
    super(inner);
  }
  run(command: string): { output: string; exitCode: number } {
    const c = this.page.commands[this.k++];
    // a block's own `tty=`, else the page's
    if ((c?.tty ?? this.page.options.tty) === false) return this.inner.run(command);
    // (a hidden command is typed at the terminal too; its output is not on the page: no typed lines)
    const notes: TypistNotes = { matched: false };
    this.notes.set(this.k - 1, notes);
    const r = this.inner.run(command, typist(c ?? { output: [] }, notes));
    try {
      return { output: screenText(r.output), exitCode: r.exitCode };
    } catch (e) {
      if (!(e instanceof ScreenNotSimulated)) throw e;
      return { output: `${e.message}\n`, exitCode: 125 };
    }
  }
}

/** The engine a page's session runs on: on the reader's terminal unless `tty=no`. */
export function pageEngine(engine: ScenarioEngine, page: Page): ScenarioEngine {
  return page.options.tty === false && !page.commands.some((c) => c.tty === true) ? engine : new PageTerminal(engine, page);
}

/** Replay a page on `engine` and compare what each visible command printed with the page. */
export function checkPage(text: string, file: string, engine: ScenarioEngine, parsed?: Page): PageResult {
  // a caller that read the page already (the CLI, for its options) passes what parsePage gave
  const page = parsed ?? parsePage(text, file);
  const session = pageEngine(engine, page);
  const replay = replayScenario(pageScenario(page), session);
  const notes = session instanceof PageTerminal ? session.notes : new Map<number, TypistNotes>();
  const untyped: PageResult['untyped'] = [];
  const mode = idsMode(page);
  const shown = replay.results.map((r) => (mode === 'docker' ? splitOutput(r.rawOutput) : r.output));
  const outputs = new Map<PageCommand, string[]>();
  const mismatches: PageResult['mismatches'] = [];
  page.commands.forEach((c, k) => {
    // a file the page gives that cannot be saved where it says (a directory there, a parent that is a file)
    const saved = replay.results[k];
    if (c.file !== undefined && saved !== undefined && (saved.exitCode !== 0 || saved.rawOutput !== '')) {
      throw new PageSyntaxError(file, c.line, `file=${c.file}: cannot be saved there: ${saved.rawOutput.trim().split('\n')[0] ?? ''}`);
    }
    if (c.hidden) return;
    // a progress display's durations differ from run to run: the page's own where the rest of
    // the line matches (timings.ts); so does the order of compose's parallel work and of the
    // lines of attached `up`'s containers: the page's own where it is one a real run prints
    // (scenario/interleave.ts)
    shown[k] = keepPageTimings(c.output, keepExpectedInterleaving(c.output, shown[k]));
    // (and an interactive client's times and connection ID: varying.ts)
    shown[k] = keepPageVarying(c.output, shown[k]);
    // so does the age of a pulled image, with the day the page is read (ages.ts)
    shown[k] = keepPageAges(c.output, shown[k]);
    outputs.set(c, shown[k]);
    const same = c.output.length === shown[k].length && c.output.every((l, i) => l === shown[k][i]);
    if (!same) {
      const i = c.output.findIndex((l, j) => l !== shown[k][j]);
      const line = i >= 0 && i < c.outputLines.length ? c.outputLines[i] : c.line;
      mismatches.push({ command: c, location: `${file}:${line}` });
      const n = notes.get(k);
      if (n?.prompt !== undefined && !n.matched && c.output.length > 0) untyped.push({ command: c, location: `${file}:${c.line}`, prompt: n.prompt });
    }
  });
  const updated = rewritePage(page, outputs);
  const passed = mismatches.length === 0;
  const texts = (t: string): string[] => {
    const ls = t.split('\n');
    if (ls.at(-1) === '') ls.pop();
    return ls.map((l) => l.replace(/\r$/, ''));
  };
  const diff = passed ? '' : unifiedDiff(texts(text), texts(updated), { fromLabel: file, toLabel: `${file} (strata)` });
  return { page, results: replay.results, shown, passed, mismatches, diff, updated, untyped };
}

/**
 * Why the updated page cannot be written, or undefined when it can: read back, it must hold the
 * same commands with the outputs strata printed. A console block cannot hold every line (a
 * carriage return ends a Markdown line; a line like the block's fence closes it; a `$ ` line
 * reads as a command): such a page would read back as something else (found by the fuzz
 * campaign: `Sending build context ...\r\r` made a page strata could not read again).
 */
export function unwritablePage(r: PageResult, name: string): string | undefined {
  // a session's typed lines the typist could not find (another prompt on the page: a page copied
  // from another image's terminal, or edited) would be lost: the author corrects the prompts
  const lost = r.untyped[0];
  if (lost !== undefined) {
    return `${lost.location}: $ ${lost.command.command.split('\n')[0]}: no line of the page begins with the prompt the program showed (${JSON.stringify(lost.prompt)}), so what the page types there was not typed and an update would drop it (correct the page's prompts, or empty the block's output)`;
  }
  const visible = [...r.page.commands.entries()].filter(([, c]) => !c.hidden);
  const say = (k: number, line: string): string =>
    `${name}:${r.page.commands[k].line}: $ ${r.page.commands[k].command.split('\n')[0]}: output line cannot be written in a console block: ${JSON.stringify(line)} (change the page)`;
  // the lines a console block cannot hold as they are, to name in the message
  const suspect = (): string | undefined => {
    for (const [k] of visible) {
      const line = r.shown[k].find((l) => l.includes('\r') || /^\s*(`{3,}|~{3,})/.test(l) || l.startsWith('$ ') || l.startsWith('> ') || l === '>');
      if (line !== undefined) return say(k, line);
    }
    return undefined;
  };
  let back;
  try {
    back = parsePage(r.updated, name);
  } catch (e) {
    return suspect() ?? `the updated page could not be read back (${e instanceof Error ? e.message : String(e)})`;
  }
  if (back.commands.length !== r.page.commands.length || back.commands.some((c, k) => c.command !== r.page.commands[k].command)) {
    return suspect() ?? `${name}: an output line would read back as a command or end its console block`;
  }
  for (const [k] of visible) {
    const shown = r.shown[k];
    const got = back.commands[k].output;
    const i = shown.findIndex((l, j) => l !== got[j]);
    if (i !== -1 || got.length !== shown.length) return say(k, shown[i === -1 ? shown.length - 1 : i] ?? '');
  }
  return undefined;
}
