// Parsing `.scenario` text into the model (model.ts). Pure: the CLI reads the bytes.
//
// Line classification mirrors the recorder (shared/oracle/record.mjs `parseScenario`): a `$ ` line
// starts a command, `> ` / `>` lines right after it continue it, then output lines run up to the
// next command, `#` line or blank line. `#` lines before the first command are header lines,
// after it comments. On top of what the recorder refuses, this parser also refuses what the
// recorder would never write (NUL, `[exit 0]`, an `[exit N]` that is not last, ...), so a file
// that parses is one the recorder could have produced. Every message is listed in
// docs/scenario-format.md ("Errors").
//
// Carriage returns: the recorder splits what a command printed on `\n` only and writes each line
// verbatim, so real outputs that end lines with `\r` (`docker exec` failures, the legacy builder's
// `Sending build context ...\r\r`) reach the file as output lines ending in `\r`. Such a `\r` is an
// ordinary character of the output line here, wherever it sits (the recorder's own reader drops a
// `\r` before `\n`, which only matters for the hand-written scenarios it reads as input). The
// recorder never writes a `\r` at the end of a command, continuation, header or comment line (it
// writes those from its CR-stripped input), so such a line means the file was saved with CRLF line
// endings and is refused.

import {
  ENGINE_NAMES,
  type CommandStep,
  type EngineName,
  type HeaderItem,
  type ImageRef,
  type Scenario,
  type Step,
} from './model.ts';
import { DaemonFlagError, parseDaemonFlags, type DaemonConfig } from '../daemon/config.ts';
import { isAnswerLine, isQuestionLine, MISSING_ANSWER, parseAnswer, parseQuestion, QuestionSyntaxError, type LessonQuestion } from './questions.ts';
import { continuesLine, openness } from '../shell/complete.ts';

/**
 * Why a command's text, as its `$ ` and `> ` lines give it, is not a whole command (a shell would
 * read more lines), or undefined when it is.
 */
export function openCommand(command: string): string | undefined {
  const { more, awaited } = openness(command);
  if (awaited.length > 0) return `here-document without its delimiter line ${JSON.stringify(awaited[0].delimiter)}: write its body and delimiter as "> " lines right after the "$ " line`;
  if (more) return 'the command goes on past its last line (an open quote, an unfinished if/for/while/case, or a final "\\"): write its further lines as "> " lines right after the "$ " line';
  return undefined;
}

/** A scenario file that does not follow the format. `message` is `file:line: reason`. */
export class ScenarioSyntaxError extends Error {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** The message without the `file:line: ` prefix. */
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'ScenarioSyntaxError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** An exit status line: what the recorder refuses as an output line (`/^\[exit \d+\]$/`). */
export const EXIT_LINE = /^\[exit (\d+)\]$/;
/** A `# images:` reference, as the recorder accepts it (record.mjs buildImages). */
const IMAGE_REF = /^[a-z0-9][a-z0-9._/-]*(?::[A-Za-z0-9_][A-Za-z0-9._-]*)?$/;
/** Anything that looks like an attempt at an exit status line. */
const EXIT_LIKE = /^\[exit .*\]$/;

const lineOf = (text: string, index: number): number => {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * Decode a file's bytes as UTF-8, refusing invalid UTF-8 (with the line of the first bad byte).
 * A byte order mark is kept (parseScenario refuses it with its own message).
 */
export function decodeScenario(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // find the first invalid byte: decode growing prefixes line by line
    let line = 1;
    let start = 0;
    const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          dec.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new ScenarioSyntaxError(file, line, 'not valid UTF-8 (scenario files are UTF-8 text)');
  }
}

/** Checks on the whole text before splitting it into lines. */
function checkText(text: string, file: string): void {
  if (text.startsWith('\uFEFF')) {
    throw new ScenarioSyntaxError(file, 1, 'starts with a byte order mark (U+FEFF): save the file as UTF-8 without BOM');
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) throw new ScenarioSyntaxError(file, lineOf(text, nul), 'contains a NUL character (scenario files are text)');
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text);
  if (lone) throw new ScenarioSyntaxError(file, lineOf(text, lone.index), 'not valid UTF-8 (unpaired surrogate)');
}

const isContinuation = (line: string): boolean => line.startsWith('> ') || line === '>';

/** Parse a scenario. `file` is only used in error messages and kept in the result. */
export function parseScenario(text: string, file: string): Scenario {
  checkText(text, file);
  const lines = text.split('\n');
  let finalNewline = false;
  if (lines[lines.length - 1] === '') {
    lines.pop();
    finalNewline = text.length > 0;
  }
  const fail = (i: number, reason: string): never => {
    throw new ScenarioSyntaxError(file, i + 1, reason);
  };
  // a line that is not output must not end in \r (see the top of the file)
  const noCr = (i: number): void => {
    if (lines[i].endsWith('\r')) {
      fail(i, 'line ends with \\r\\n (CRLF): scenario files use \\n line endings (only an output line may end in \\r)');
    }
  };

  // A lesson question and the `# =` answer line below it (questions.ts): their syntax is checked
  // here, so that a broken question fails `strata check` instead of the student's quiz.
  let answerLine = -1;
  const question = (i: number): LessonQuestion => {
    try {
      const q = parseQuestion(lines[i]);
      const next = lines[i + 1];
      if (next !== undefined && isAnswerLine(next)) {
        answerLine = i + 1;
        try {
          return { ...q, answer: parseAnswer(next, i + 2, q) };
        } catch (e) {
          if (e instanceof QuestionSyntaxError) return fail(i + 1, e.message);
          throw e;
        }
      }
      if (q.kind !== 'output') throw new QuestionSyntaxError(MISSING_ANSWER);
      return q;
    } catch (e) {
      if (e instanceof QuestionSyntaxError) return fail(i, e.message);
      throw e;
    }
  };

  const header: HeaderItem[] = [];
  const steps: Step[] = [];
  let title: string | undefined;
  const tags: string[] = [];
  let engine: EngineName | undefined;
  let engineLine = 0;
  let daemon: DaemonConfig | undefined;
  let daemonLine = 0;
  let oracleBusybox = false;
  const images: ImageRef[] = [];
  let seenCmd = false;
  // after the first command: what ended the last output (to explain a stray output line)
  let prev: 'comment' | 'blank' = 'blank';

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith('$ ')) {
      seenCmd = true;
      const start = i;
      noCr(i);
      if (line.slice(2).trim() === '') fail(i, 'empty command: nothing after "$ "');
      const source = [line];
      let command = line.slice(2);
      i++;
      while (i < lines.length && isContinuation(lines[i])) {
        noCr(i);
        source.push(lines[i]);
        command += '\n' + lines[i].slice(2);
        i++;
      }
      const output: string[] = [];
      let exitCode = 0;
      while (i < lines.length && lines[i] !== '' && !lines[i].startsWith('$ ') && !lines[i].startsWith('#')) {
        const out = lines[i];
        if (isContinuation(out)) {
          fail(i, `continuation line ${JSON.stringify(out)} after output lines: "> " lines must directly follow their "$ " line`);
        }
        if (EXIT_LIKE.test(out)) {
          const m = EXIT_LINE.exec(out);
          const n = m ? Number(m[1]) : NaN;
          if (!m || String(n) !== m[1] || n > 255) {
            fail(i, `malformed exit status line ${JSON.stringify(out)}: write [exit N] with N from 1 to 255, no leading zeros`);
          }
          if (n === 0) fail(i, '"[exit 0]" is not written: a command without an [exit N] line exited with status 0');
          const next = lines[i + 1];
          if (next !== undefined && next !== '' && !next.startsWith('$ ') && !next.startsWith('#')) {
            fail(i, `${JSON.stringify(out)} must be the last output line of its command`);
          }
          exitCode = n;
        } else {
          output.push(out === '<blank>' ? '' : out);
        }
        i++;
      }
      const step: CommandStep = { kind: 'command', line: start + 1, source, command, output, exitCode };
      steps.push(step);
    } else if (line.startsWith('#')) {
      noCr(i);
      if (seenCmd) {
        if (isAnswerLine(line) && answerLine !== i) fail(i, 'an answer line (# =) must directly follow its question (# ?)');
        steps.push(isQuestionLine(line) ? { kind: 'comment', line: i + 1, text: line, question: question(i) } : { kind: 'comment', line: i + 1, text: line });
        prev = 'comment';
      } else {
        if (isQuestionLine(line) || isAnswerLine(line)) fail(i, 'a question (# ?) and its answer (# =) must come after the command they ask about');
        header.push({ kind: 'header', line: i + 1, text: line });
        if (/^# engine:/.test(line)) {
          if (engineLine) fail(i, `second "# engine:" header line (the first is line ${engineLine})`);
          const value = line.slice('# engine:'.length).trim();
          if (!(ENGINE_NAMES as readonly string[]).includes(value)) {
            fail(i, `unknown engine ${JSON.stringify(value)} in "# engine:" (known: ${ENGINE_NAMES.join(', ')})`);
          }
          engine = value as EngineName;
          engineLine = i + 1;
        } else if (/^# daemon:/.test(line)) {
          if (daemonLine) fail(i, `second "# daemon:" header line (the first is line ${daemonLine})`);
          try {
            daemon = parseDaemonFlags(line.slice('# daemon:'.length));
          } catch (e) {
            if (e instanceof DaemonFlagError) fail(i, `${e.message} in "# daemon:"`);
            throw e;
          }
          daemonLine = i + 1;
        } else if (/^# busybox:/.test(line)) {
          if (line.slice('# busybox:'.length).trim() !== 'oracle') fail(i, `"# busybox:" names the busybox:latest the outputs come from: only "oracle" (the oracle's) is known`);
          oracleBusybox = true;
        } else if (/^# title:/.test(line)) {
          if (title === undefined) title = line.slice('# title:'.length).trim();
        } else if (/^# images:/.test(line)) {
          for (const ref of line.slice('# images:'.length).trim().split(/\s+/).filter((r) => r !== '')) {
            // The recorder's own pattern (record.mjs buildImages): repository[:tag], lower case.
            if (!IMAGE_REF.test(ref)) fail(i, `not an image reference in "# images:": ${JSON.stringify(ref)}`);
            images.push({ ref, line: i + 1 });
          }
        } else if (/^# tags:/.test(line)) {
          for (const t of line.slice('# tags:'.length).split(',')) if (t.trim() !== '') tags.push(t.trim());
        }
      }
      i++;
    } else if (line === '') {
      (seenCmd ? steps : header).push({ kind: 'blank', line: i + 1 });
      prev = 'blank';
      i++;
    } else if (isContinuation(line)) {
      fail(i, `continuation line ${JSON.stringify(line)} with no command before it`);
    } else if (!seenCmd) {
      fail(i, 'output line before any command');
    } else {
      fail(i, `output line after a ${prev === 'comment' ? 'comment' : 'blank line'}, with no command before it (a blank line or comment ends a command's output)`);
    }
  }
  // A command's further lines are written as `> ` lines, as the recorder writes them (bash prints
  // `> ` before each): without it they are read as output and the command runs cut short. Checked
  // last, so that a misplaced `> ` line is reported where it is. Here only what is cheap to see (a
  // here-document, a final `\`); --update checks every command (openCommand) before it writes.
  for (const st of steps) {
    if (st.kind === 'command' && (st.command.includes('<<') || continuesLine(st.source[st.source.length - 1]))) {
      const why = openCommand(st.command);
      if (why !== undefined) fail(st.line - 1, why);
    }
  }
  return { file, header, title, tags, engine, ...(daemon !== undefined ? { daemon } : {}), ...(oracleBusybox ? { oracleBusybox: true as const } : {}), images, steps, finalNewline };
}
