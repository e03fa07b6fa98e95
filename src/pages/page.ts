// A Markdown page as a docs author writes it: console blocks holding `$ ` commands and what they
// printed, located with a Markdown parser (micromark, see blocks.ts) so that positions are exact
// and prose, other blocks and list or quote indentation are never touched.
//
// What counts (README.md's "For docs authors" is the reference):
// - a fenced block whose info string is `console`, `shell-session` or `sh-session`, or any fenced
//   block right after an `<!-- strata -->` comment;
// - `<!-- strata skip -->` before a block: not run;
// - `<!-- strata hidden` ... `-->`: `$ ` setup commands the reader does not see (their output is
//   neither shown nor compared);
// - `<!-- strata engine=docker-20.10 images=postgres:16 ids=docker tty=no -->`: page options;
// - `<!-- strata file=compose.yaml -->` before a block of any language: the block's text is the
//   file the reader saves there, written (hidden) at that point of the session.
// All blocks of a page are one session, in page order, typed at a terminal unless `tty=no`
// (src/pages/session.ts says what that means); after the first console block, a comment
// `<!-- strata tty=no -->` (or `tty=yes`) sets it for the next block only.

import { pageNodes, type BlockNode } from './blocks.ts';
import { continuesLine, needsMoreInput, openness } from '../shell/complete.ts';

export const CONSOLE_LANGS = ['console', 'shell-session', 'sh-session'];

/** One source line of the page: its text without the line ending, and the ending ('' at EOF). */
export interface PageLine {
  text: string;
  eol: string;
}

/** A command of a console block or hidden comment, with its place in the page. */
export interface PageCommand {
  /** The bash command line (continuations joined with `\n`), as in a scenario. */
  command: string;
  /** 1-based page line of the `$ ` line. */
  line: number;
  /** The expected output lines as the page shows them (block indentation removed). */
  output: string[];
  /** 1-based page lines of those output lines (empty when none). */
  outputLines: number[];
  /** Where new output lines go: after this 1-based page line (the command's last line or output). */
  insertAfter: number;
  /** The prefix (indentation, `> ` of a quote) of the block's content lines. */
  prefix: string;
  /** Set for commands of a `<!-- strata hidden -->` comment. */
  hidden: boolean;
  /** A block option `<!-- strata tty=no -->` (or `tty=yes`) before the command's block. */
  tty?: boolean;
  /** A hidden command that saves a `<!-- strata file=PATH -->` block: the PATH. */
  file?: string;
}

export interface PageOptions {
  engine?: string;
  images: string[];
  /** `ids=docker`: realistic IDs; `placeholders`: `<id1>` as scenarios have them. */
  ids?: 'docker' | 'placeholders';
  /**
   * `tty=no`: the commands run without a terminal, as a scenario's do (its recorder's stdin is
   * not one: `docker run -it` then says "the input device is not a TTY"). By default a page's
   * commands are typed at a terminal (src/pages/session.ts).
   */
  tty?: boolean;
}

export interface Page {
  file: string;
  lines: PageLine[];
  options: PageOptions;
  /** 1-based line of each option comment, for errors. */
  optionLine?: number;
  commands: PageCommand[];
}

/** A page that strata cannot read: `FILE:LINE: reason`. */
export class PageSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'PageSyntaxError';
  }
}

/** The page's lines with their own endings (LF or CRLF kept per line). */
export function splitLines(text: string): PageLine[] {
  const out: PageLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      out.push({ text: text.slice(start), eol: '' });
      break;
    }
    const cr = nl > start && text[nl - 1] === '\r';
    out.push({ text: text.slice(start, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return out;
}

/** A `<!-- strata ... -->` comment: its words after `strata`, or undefined for another comment. */
function strataComment(html: string): { words: string[]; body: string } | undefined {
  const m = /^<!--\s*strata(?=\s|-->)([\s\S]*?)-->\s*$/.exec(html.trim());
  if (!m) return undefined;
  const inner = m[1];
  const nl = inner.indexOf('\n');
  const first = nl < 0 ? inner : inner.slice(0, nl);
  return { words: first.trim().split(/\s+/).filter((w) => w !== ''), body: nl < 0 ? '' : inner.slice(nl + 1) };
}

/** Console lines → commands (`$ `, `> ` continuations right after, everything else output). */
function sessionLines(
  file: string,
  content: { text: string; line: number }[],
  prefix: string,
  hidden: boolean,
): PageCommand[] {
  const commands: PageCommand[] = [];
  let i = 0;
  while (i < content.length) {
    const { text, line } = content[i];
    if (!text.startsWith('$ ')) {
      if (text.trim() === '' && commands.length === 0) {
        i++;
        continue;
      }
      throw new PageSyntaxError(file, line, `output line before any command in a console block: ${JSON.stringify(text)} (commands start with "$ ")`);
    }
    if (text.slice(2).trim() === '') throw new PageSyntaxError(file, line, 'empty command: nothing after "$ "');
    let command = text.slice(2);
    let end = line;
    i++;
    // The lines a terminal shows after `> ` prompts, and those pages write without them: the next
    // line of a line ending in `\` (a long `docker run` split over lines), and a here-document's
    // body up to its delimiter. Taken for the command's output, they were replaced by --update.
    let last = command;
    while (i < content.length) {
      const next = content[i].text;
      if (next.startsWith('> ') || next === '>') last = next.slice(2);
      else if (continuesLine(last)) last = next;
      else break;
      command += '\n' + last;
      end = content[i].line;
      i++;
    }
    const open = openness(command);
    for (const h of open.awaited) {
      let closed = false;
      while (!closed && i < content.length) {
        const body = content[i].text;
        command += '\n' + body;
        end = content[i].line;
        i++;
        closed = (h.stripTabs ? body.replace(/^\t+/, '') : body) === h.delimiter;
      }
      if (!closed) throw new PageSyntaxError(file, line, `here-document without its delimiter line ${JSON.stringify(h.delimiter)} before the end of the block`);
    }
    // Anything else a shell would read more lines for is refused rather than guessed: a terminal
    // shows those lines after `> `. (The bodies taken above changed the text: parsed again then.)
    if (open.awaited.length > 0 ? needsMoreInput(command) : open.more) {
      throw new PageSyntaxError(file, line, 'the command goes on past its last line (an open quote, an unfinished if/for/while/case, or a final "\\"): write its further lines after "> ", as a terminal shows them');
    }
    const output: string[] = [];
    const outputLines: number[] = [];
    while (i < content.length && !content[i].text.startsWith('$ ')) {
      output.push(content[i].text);
      outputLines.push(content[i].line);
      i++;
    }
    commands.push({ command, line, output, outputLines, insertAfter: outputLines.at(-1) ?? end, prefix, hidden });
  }
  return commands;
}

function parseOptions(file: string, line: number, words: string[], opts: PageOptions): void {
  for (const w of words) {
    const eq = w.indexOf('=');
    const key = eq < 0 ? w : w.slice(0, eq);
    const value = eq < 0 ? '' : w.slice(eq + 1);
    if (key === 'engine') opts.engine = value;
    else if (key === 'images') opts.images.push(...value.split(',').filter((v) => v !== ''));
    else if (key === 'ids') {
      if (value !== 'docker' && value !== 'placeholders') throw new PageSyntaxError(file, line, `ids=${value}: write ids=docker (realistic IDs) or ids=placeholders (<id1>)`);
      opts.ids = value;
    } else if (key === 'tty') {
      if (value !== 'no' && value !== 'yes') throw new PageSyntaxError(file, line, `tty=${value}: write tty=no (no terminal, as in a scenario) or tty=yes (typed at a terminal, the default)`);
      opts.tty = value === 'yes';
    } else throw new PageSyntaxError(file, line, `unknown strata option ${JSON.stringify(w)} (known: engine=, images=, ids=, tty=, skip, hidden, file=)`);
  }
}

/** Read a page: its console blocks and hidden commands as one session, with positions. */
export function parsePage(text: string, file: string): Page {
  return readPage(text, file, pageNodes(text));
}

/** The page from its Markdown nodes in document order (blocks.ts; a test gives mdast's). */
export function readPage(text: string, file: string, nodes: readonly BlockNode[]): Page {
  const lines = splitLines(text);
  const options: PageOptions = { images: [] };
  const commands: PageCommand[] = [];
  let optionLine: number | undefined;
  let nextIsConsole = false;
  let skipNext = false;
  let ttyNext: boolean | undefined;
  let fileNext: { path: string; line: number } | undefined;
  for (const node of nodes) {
    const pos = node.position;
    if (!pos) continue;
    if (node.type === 'html') {
      const c = strataComment(node.value ?? '');
      if (!c) continue;
      const line = pos.start.line;
      const words = c.words;
      if (fileNext !== undefined) throw noFileBlock(file, fileNext);
      if (words.length === 1 && words[0].startsWith('file=')) fileNext = { path: filePath(file, line, words[0].slice('file='.length)), line };
      else if (words[0] === 'skip' && words.length === 1) skipNext = true;
      else if (words[0] === 'hidden' && words.length === 1) {
        const bodyStart = line + 1;
        const body = c.body.split('\n').map((t, k) => ({ text: t.replace(/\r$/, ''), line: bodyStart + k }));
        // the last body line holds `-->`: drop what is not a command line
        const content = body.filter((b) => b.text.trim() !== '' && !b.text.trim().startsWith('-->'));
        commands.push(...sessionLines(file, content, '', true));
      } else if (words.length === 0) nextIsConsole = true;
      else if (commands.length > 0 && words.length === 1 && /^tty=/.test(words[0])) {
        // after the first console block, `tty=` is the next block's (before it, the page's)
        const block: PageOptions = { images: [] };
        parseOptions(file, line, words, block);
        ttyNext = block.tty;
      } else {
        if (commands.length > 0) throw new PageSyntaxError(file, line, 'page options (engine=, images=, ids=) must come before the first console block (after it, only tty= for the next block)');
        parseOptions(file, line, words, options);
        optionLine ??= line;
      }
      continue;
    }
    if (node.type !== 'code') {
      // `<!-- strata -->` marks only the block right after it (list and quote containers may sit
      // between them); `skip` holds until the next block.
      if (node.type !== 'list' && node.type !== 'listItem' && node.type !== 'blockquote') {
        if (fileNext !== undefined) throw noFileBlock(file, fileNext);
        nextIsConsole = false;
      }
      continue;
    }
    if (fileNext !== undefined) {
      const isConsoleLang = CONSOLE_LANGS.includes((node.lang ?? '').toLowerCase());
      if (isConsoleLang || nextIsConsole || skipNext) throw new PageSyntaxError(file, fileNext.line, `file=${fileNext.path}: the block after it must hold the file's text, not commands (a ${node.lang ?? 'strata'} block is run)`);
      commands.push(fileCommand(fileNext.path, node.value ?? '', fileNext.line));
      fileNext = undefined;
      continue;
    }
    const isConsole = nextIsConsole || CONSOLE_LANGS.includes((node.lang ?? '').toLowerCase());
    const skip = skipNext;
    const blockTty = ttyNext;
    nextIsConsole = false;
    skipNext = false;
    ttyNext = undefined;
    if (!isConsole || skip) continue;
    const open = lines[pos.start.line - 1]?.text ?? '';
    const fenceMatch = /^(.*?)(`{3,}|~{3,})/.exec(open);
    if (!fenceMatch) throw new PageSyntaxError(file, pos.start.line, 'a console block must be a fenced code block (``` or ~~~)');
    const fence = fenceMatch[2];
    const closeLine = lines[pos.end.line - 1]?.text ?? '';
    const closed = pos.end.line > pos.start.line && closeLine.trim().replace(/^>\s?/, '').trim().startsWith(fence[0].repeat(fence.length));
    const first = pos.start.line + 1;
    // an unclosed block runs to the end of the page; after a final newline the parser ends it on
    // the line past the last one (found by the fuzz campaign: --update then made it unreadable)
    const last = closed ? pos.end.line - 1 : Math.min(pos.end.line, lines.length);
    const valueLines = (node.value ?? '') === '' && last < first ? [] : (node.value ?? '').split(/\r?\n/);
    if (valueLines.length !== Math.max(0, last - first + 1)) {
      throw new PageSyntaxError(file, pos.start.line, 'cannot locate the lines of this console block (mixed tabs in its indentation?)');
    }
    const content: { text: string; line: number }[] = [];
    let prefix: string | undefined;
    valueLines.forEach((v, k) => {
      const raw = lines[first - 1 + k].text;
      if (!raw.endsWith(v)) throw new PageSyntaxError(file, first + k, 'cannot locate this line of a console block (tabs in its indentation?)');
      if (v !== '') prefix ??= raw.slice(0, raw.length - v.length);
      content.push({ text: v, line: first + k });
    });
    // New lines get the prefix of the block's lines (the fence's indentation when it is empty).
    const blockPrefix = prefix ?? fenceMatch[1];
    const blockCommands = sessionLines(file, content, blockPrefix, false);
    if (blockTty !== undefined) for (const c of blockCommands) c.tty = blockTty;
    commands.push(...blockCommands);
  }
  if (fileNext !== undefined) throw noFileBlock(file, fileNext);
  return { file, lines, options, optionLine, commands };
}

/** A `file=` comment with no code block right after it. */
function noFileBlock(file: string, at: { path: string; line: number }): PageSyntaxError {
  return new PageSyntaxError(file, at.line, `file=${at.path}: no code block right after this comment to take the file's text from`);
}

/** The path of a `file=` option: relative to the session's directory or absolute, without quotes or blanks. */
function filePath(file: string, line: number, path: string): string {
  if (path === '' || path.endsWith('/') || /[\s'"\\$`]/.test(path)) {
    throw new PageSyntaxError(file, line, `file=${path}: give the file's path, relative to the session's directory (file=compose.yaml, file=app/Dockerfile), without quotes, blanks or $`);
  }
  return path;
}

/**
 * The hidden command that saves a `file=` block as the reader would: its text and a final
 * newline, its directory made first. A here-document keeps every byte (quoted delimiter: no
 * expansion), with a delimiter that is none of the text's lines.
 */
function fileCommand(path: string, text: string, line: number): PageCommand {
  const body = text.split(/\r?\n/);
  let delimiter = 'STRATA_FILE';
  while (body.includes(delimiter)) delimiter += '_';
  const slash = path.lastIndexOf('/');
  const mkdir = slash > 0 ? `mkdir -p '${path.slice(0, slash)}' && ` : '';
  const command = `${mkdir}cat > '${path}' <<'${delimiter}'\n${body.join('\n')}\n${delimiter}`;
  return { command, line, output: [], outputLines: [], insertAfter: line, prefix: '', hidden: true, file: path };
}
