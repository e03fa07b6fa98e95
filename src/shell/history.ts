// bash's command history at a terminal (Shell.runTerminal): the list an interactive bash keeps,
// its `history` builtin, and the history file it writes as it ends (~/.bash_history), which a
// later `docker diff` lists (`C /root`, `A /root/.bash_history`) and `docker commit` keeps.
//
// Sources: bminor/bash@bash-5.2 bashhist.c (load_history, bash_add_history, maybe_add_history,
// maybe_save_shell_history), variables.c (HISTFILE is `~/.bash_history` expanded at start-up),
// parse.y history_delimiting_chars (how the lines of one command are joined), builtins/history.def
// (the listing), and readline's lib/readline/history.c (add_history and stifle_history renumber
// the list) and histfile.c (append_history, history_truncate_file). Checked against this Debian 12
// host's bash 5.2.15 on a pseudo-terminal (test/pages/pty/README.md, "bash's history"; test/shell/
// bash-history.test.ts states each case).

import { FsError } from '../fs/errors.ts';
import { continuesLine, openness } from './complete.ts';
import type { Fds } from './fds.ts';
import type { Shell } from './interpreter.ts';
import { type BusyboxBuild, busyboxBuildOf, ShellNotSimulated } from './types.ts';

/** What the history of one interactive bash holds. */
export interface BashHistory {
  /** The list, oldest first: the file's lines read at start-up, then each command typed. */
  readonly entries: string[];
  /** The number of the first entry (readline's history_base). */
  base: number;
  /** Entries added since start-up (history_lines_this_session). */
  session: number;
  /** The maximum number of entries once HISTSIZE has been applied (stifled), if it has. */
  max: number | undefined;
  /** `shopt -s histappend` (force_append_history): the session's entries are appended even when the list lost some. */
  readonly histappend: boolean;
  /** `set +o history` (remember_on_history off): no command is added, and the file is not written as the shell ends. */
  off?: boolean;
}

function refuse(why: string): never {
  throw new ShellNotSimulated(`strata does not simulate ${why}`);
}

/** A non-negative whole number held by a variable (sv_histsize ignores anything else). */
function histSize(sh: Shell, name: string): number | undefined {
  const v = sh.getVar(name);
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

function readLines(sh: Shell, file: string): string[] | undefined {
  try {
    const text = sh.sys.fs.readFile(file);
    return text === '' ? [] : text.replace(/\n$/, '').split('\n');
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return undefined;
  }
}

/**
 * readline 8 rewrites a history file through a temporary file renamed over it (histfile.c
 * history_tempfile, histfile_restore): a new file of mode 0600 (less the umask), whatever the old
 * one's mode was (recorded: a 0644 file is 0600 after it was cut or written whole). Throws FsError.
 */
function replaceFile(sh: Shell, file: string, text: string): void {
  sh.sys.fs.unlink(file);
  sh.sys.fs.writeFile(file, text, { mode: 0o600 });
}

/** history_truncate_file: a file of more than `keep` lines keeps its last `keep` (a file it cannot rewrite stays as it is). */
function truncateFile(sh: Shell, file: string, keep: number | undefined): void {
  if (keep === undefined) return;
  const lines = readLines(sh, file);
  if (lines === undefined || lines.length <= keep) return;
  try {
    replaceFile(sh, file, lines.slice(lines.length - keep).map((l) => l + '\n').join(''));
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
}

/** readline's add_history: a stifled list that is full drops its oldest entry and counts on from the next number. */
function push(h: BashHistory, entry: string): void {
  if (h.max !== undefined && h.entries.length >= h.max) {
    if (h.max === 0) return;
    h.entries.shift();
    h.base++;
  }
  h.entries.push(entry);
}

/** readline's stifle_history: the list keeps its last `max` entries, and the first kept is numbered by how many were dropped. */
function stifle(h: BashHistory, max: number): void {
  if (h.entries.length > max) {
    const dropped = h.entries.length - max;
    h.entries.splice(0, dropped);
    h.base = dropped;
  }
  h.max = max;
}

/** HISTSIZE as it is now (sv_histsize runs at each assignment): stifles the list to it. */
function applyHistSize(sh: Shell, h: BashHistory): void {
  const size = histSize(sh, 'HISTSIZE');
  if (size !== undefined && size !== h.max) stifle(h, size);
}

/**
 * An interactive bash's history at start-up, after its startup files (load_history): HISTSIZE
 * defaults to 500 and HISTFILESIZE to HISTSIZE; the file is cut to HISTFILESIZE lines, then read,
 * one entry a line. HISTFILE was set before the startup files (variables.c), from $HOME.
 */
export function startBashHistory(sh: Shell, histappend: boolean): BashHistory {
  if (sh.getVar('HISTFILE') === undefined) sh.setVar('HISTFILE', `${sh.getVar('HOME') ?? ''}/.bash_history`);
  if (sh.getVar('HISTSIZE') === undefined) sh.setVar('HISTSIZE', '500');
  if (sh.getVar('HISTFILESIZE') === undefined) sh.setVar('HISTFILESIZE', sh.getVar('HISTSIZE') ?? '');
  const h: BashHistory = { entries: [], base: 1, session: 0, max: undefined, histappend };
  applyHistSize(sh, h);
  const file = sh.getVar('HISTFILE') ?? '';
  if (file !== '') {
    truncateFile(sh, file, histSize(sh, 'HISTFILESIZE'));
    for (const line of readLines(sh, file) ?? []) push(h, line);
  }
  return h;
}

/** Tokens after which bash joins the next line with a space, not `; ` (parse.y no_semi_successors). */
const NO_SEMI_OPERATORS = ['&&', '||', ';;&', ';;', ';&', ';', '&', '|', '(', '{'];
const NO_SEMI_WORDS = new Set(['case', 'do', 'else', 'if', 'then', 'until', 'while']);

/** How bash joins a line of a command that is not complete yet to the next one (history_delimiting_chars). */
function delimiter(line: string): string {
  const t = line.replace(/[ \t]+$/, '');
  for (const op of NO_SEMI_OPERATORS) if (t.endsWith(op)) return ' ';
  // a function's `()`: `f()` then `{` on the next line
  if (/(^|[\s;&|])[A-Za-z_][\w-]*\s*\(\s*\)$/.test(t)) return ' ';
  if (t.endsWith(')')) refuse(`how bash's history joins a line ending in \`)\` to the next one: ${JSON.stringify(line)}`);
  const words = t.split(/[ \t]+/);
  const last = words[words.length - 1] ?? '';
  const before = words.slice(0, -1).join(' ');
  // `for NAME in` / `case WORD in`
  if (last === 'in' && /(^|[;&|(]\s*|\b(do|then|else)\s+)(for|case)\s+\S+$/.test(before)) return ' ';
  if (NO_SEMI_WORDS.has(last)) {
    // a reserved word only where a command starts: at the line's start, after an operator, or after another reserved word
    if (before === '' || /[;&|({]$/.test(before) || /(^|\s)(do|then|else|if|while|until|!)$/.test(before)) return ' ';
    return '; ';
  }
  if (['elif', 'function', '!', 'select', 'coproc', 'time'].includes(last)) refuse(`how bash's history joins a line ending in \`${last}\` to the next one`);
  return '; ';
}

/**
 * One history entry from the lines typed for one command (bash_add_history with cmdhist on and
 * lithist off): a line that ends in a backslash joins the next without it; inside a quote the
 * lines keep their newline; a here-document keeps its lines and ends with a newline; otherwise the
 * lines of a compound command or a list are joined by `; `, or by a space after an operator or a
 * reserved word that a command follows (recorded on bash 5.2.15). Refused: a comment in a command
 * of several lines, a blank line inside one, and here-documents mixed with other continuations.
 */
export function historyEntry(lines: readonly string[]): string {
  if (lines.length === 1) return lines[0];
  let prefix = '';
  let entry = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i === lines.length - 1) {
      entry += line;
      break;
    }
    if (continuesLine(line)) {
      entry += line.slice(0, -1);
      prefix += line.slice(0, -1);
      continue;
    }
    prefix += line + '\n';
    const o = openness(prefix);
    if (o.quote) {
      entry += line + '\n';
      continue;
    }
    if (o.awaited.length > 0) {
      // the here-document's body and its delimiter line keep their newlines, the last one too
      const rest = lines.slice(i + 1);
      if (!/<</.test(line) || i !== 0) refuse(`bash's history of a here-document typed after other lines of a command`);
      return [line, ...rest].join('\n') + '\n';
    }
    if (line.trim() === '') refuse(`bash's history of a command typed with a blank line inside it`);
    if (/(^|\s)#/.test(line)) refuse(`bash's history of a command of several lines with a comment in it`);
    entry += line + delimiter(line);
  }
  return entry;
}

/** HISTCONTROL's words strata follows (an Ubuntu ~/.bashrc sets ignoredups:ignorespace). */
const FOLLOWED_CONTROL = new Set(['ignorespace', 'ignoredups', 'ignoreboth', '']);

/**
 * A command read at the terminal, as bash adds it to the list before it runs (maybe_add_history):
 * an empty line is none; HISTCONTROL's ignorespace leaves out a command whose first line starts
 * with a blank, ignoredups one equal to the last entry.
 */
export function addTyped(sh: Shell, h: BashHistory, lines: readonly string[]): void {
  if (h.off === true || (lines.length === 1 && lines[0] === '')) return;
  if ((sh.getVar('HISTIGNORE') ?? '') !== '') refuse('HISTIGNORE');
  const control = (sh.getVar('HISTCONTROL') ?? '').split(':');
  for (const c of control) if (!FOLLOWED_CONTROL.has(c)) refuse(`HISTCONTROL=${sh.getVar('HISTCONTROL')}`);
  const entry = historyEntry(lines);
  const space = control.includes('ignorespace') || control.includes('ignoreboth');
  const dups = control.includes('ignoredups') || control.includes('ignoreboth');
  if (space && /^[ \t]/.test(lines[0])) return;
  applyHistSize(sh, h);
  if (dups && h.entries.length > 0 && h.entries[h.entries.length - 1] === entry) return;
  push(h, entry);
  h.session++;
}

/**
 * The history file as bash ends (exit_shell, after the EXIT trap: maybe_save_shell_history): when
 * the session added entries and HISTFILE is set, a missing file is created (mode 0600, less the
 * umask), then the session's entries are appended, or the whole list written in its place when the list
 * no longer holds them all (HISTSIZE); then the file is cut to HISTFILESIZE lines. A file bash
 * cannot write (a home it may not write in, a read-only file system) is left without a word
 * (recorded: a uid whose home is root's 755 directory).
 */
export function saveBashHistory(sh: Shell, h: BashHistory): void {
  const file = sh.getVar('HISTFILE') ?? '';
  if (h.off === true || h.session === 0 || file === '') return;
  if ((sh.getVar('HISTTIMEFORMAT') ?? '') !== '') refuse('the time stamps HISTTIMEFORMAT writes in the history file');
  const fs = sh.sys.fs;
  try {
    if (!fs.exists(file)) fs.writeFile(file, '', { mode: 0o600 });
    const text = (entries: readonly string[]): string => entries.map((e) => e + '\n').join('');
    if (h.session <= h.entries.length) fs.writeFile(file, text(h.entries.slice(h.entries.length - h.session)), { append: true });
    else if (h.histappend) refuse('the history file of a session that typed more commands than HISTSIZE keeps, with histappend');
    else replaceFile(sh, file, text(h.entries));
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return;
  }
  truncateFile(sh, file, histSize(sh, 'HISTFILESIZE'));
}

/**
 * bash's `history` builtin (builtins/history.def display_history): each entry of the list with its
 * number, `%5d  %s`; `history N` the last N. Its options (-c, -d, -a, -w, -r, -n, -p, -s) are
 * refused. A bash that is not interactive keeps no history: it prints nothing.
 */
export function historyBuiltin(sh: Shell, h: BashHistory | undefined, args: readonly string[], fds: Fds): number {
  if (args.length > 1 || (args.length === 1 && !/^\d+$/.test(args[0]))) refuse(`bash's history builtin with ${args.join(' ')}`);
  if (h === undefined) return 0;
  applyHistSize(sh, h);
  const n = args.length === 1 ? Math.min(Number(args[0]), h.entries.length) : h.entries.length;
  const first = h.entries.length - n;
  let out = '';
  for (let i = first; i < h.entries.length; i++) out += `${String(h.base + i).padStart(5)}  ${h.entries[i]}\n`;
  sh.write(fds, 1, out);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// busybox ash's history at a terminal: the line editor's list (libbb/lineedit.c, which ash's
// read_line_input keeps), $HISTFILE (shell/ash.c ash_main), the file each line is appended to as
// it is read, and ash's `history` builtin (show_history). Which of these an image's busybox has
// is a build option (BusyboxBuild): the real busybox:latest (docker-library/busybox: `make
// defconfig`) and Alpine's busybox (aports main/busybox/busyboxconfig) save the history, the
// oracle's Debian busybox-static 1.35 does not. Sources: mirror/busybox@371fe9f7 (after 1.36.1)
// libbb/lineedit.c load_history, save_history (the variant without SAVE_ON_EXIT),
// remember_in_history, size_from_HISTFILESIZE, show_history; shell/ash.c ash_main and
// setinteractive. Checked against busybox built from that source with its defconfig, and this
// host's busybox-static 1.35, on a pseudo-terminal (test/pages/pty/README.md, "busybox ash's
// history"; test/pages/ash-history.test.ts states each case).

/** What the line editor of one interactive ash holds. */
export interface AshHistory {
  readonly build: BusyboxBuild;
  /** The list, oldest first (state->history). */
  readonly entries: string[];
  /** Its size (state->max_history): MAX_HISTORY, or HISTFILESIZE as the shell started, capped by it. */
  readonly max: number;
  /** The history file (state->hist_file), fixed as the shell starts: $HISTFILE then. */
  readonly file: string | undefined;
  /** The file's lines as far as the shell knows (cnt_history_in_file): read at load, one more per line saved. */
  inFile: number;
}

/**
 * ash.c ash_main: an interactive ash whose busybox saves history sets HISTFILE, when it is unset,
 * to `$HOME/.ash_history` (concat_path_file), also one that reads no terminal (`sh -i` fed a pipe).
 */
export function ashHistFile(sh: Shell, build = busyboxBuildOf(sh.sys)): string | undefined {
  if (!build.saveHistory) return undefined;
  if (sh.getVar('HISTFILE') === undefined) {
    const home = sh.getVar('HOME');
    if (home === undefined) return undefined;
    sh.setVar('HISTFILE', home.endsWith('/') ? `${home}.ash_history` : `${home}/.ash_history`);
  }
  return sh.getVar('HISTFILE');
}

/** lineedit.c size_from_HISTFILESIZE: a whole number up to MAX_HISTORY; 0, a negative one or a word (atoi) is 1. */
function ashHistSize(value: string | undefined, max: number): number {
  if (value === undefined) return max;
  const m = /^\s*([+-]?\d+)/.exec(value);
  const n = m === null ? 0 : Number(m[1]);
  return n <= 0 ? 1 : Math.min(n, max);
}

/** An interactive ash on a terminal as it starts: its list is empty, its file and size set (ash_main). */
export function startAshHistory(sh: Shell, build: BusyboxBuild): AshHistory {
  // (an empty $HISTFILE names no file that can be opened)
  const file = ashHistFile(sh, build) || undefined;
  const max = build.saveHistory ? ashHistSize(sh.getVar('HISTFILESIZE'), build.maxHistory) : build.maxHistory;
  return { build, entries: [], max, file, inFile: 0 };
}

/** load_history's reading: the file's lines that are not empty; undefined when it cannot be read. */
function ashFileLines(sh: Shell, file: string): string[] | undefined {
  const lines = readLines(sh, file);
  return lines?.filter((l) => l !== '');
}

/**
 * read_line_input, before it reads a line: while the list is empty, the file is read (load_history):
 * the list gets its last `max` lines that are not empty, and the shell counts all of them as the
 * file's. A file that cannot be read leaves everything as it was.
 */
export function loadAshHistory(sh: Shell, h: AshHistory): void {
  if (h.file === undefined || h.entries.length > 0) return;
  const lines = ashFileLines(sh, h.file);
  if (lines === undefined) return;
  h.entries.push(...lines.slice(Math.max(0, lines.length - h.max)));
  h.inFile = lines.length;
}

/**
 * A line read at the terminal (remember_in_history): an empty one is not kept, nor one equal to the
 * last in the list; a full list drops its oldest. With SAVEHISTORY the line is then appended to the
 * file (save_history: created 0600 if missing, nothing at all when it cannot be opened), and when
 * the file has grown past four times the list's size it is rewritten with its last `max` lines, a
 * new file of mode 0600 renamed over it (`FILE.PID.new`).
 */
export function rememberAshLine(sh: Shell, h: AshHistory, line: string): void {
  if (line === '' || (h.entries.length > 0 && h.entries[h.entries.length - 1] === line)) return;
  if (h.entries.length >= h.max) h.entries.shift();
  h.entries.push(line);
  if (!h.build.saveHistory || h.file === undefined) return;
  const fs = sh.sys.fs;
  try {
    if (!fs.exists(h.file)) fs.writeFile(h.file, '', { mode: 0o600 });
    fs.writeFile(h.file, line + '\n', { append: true });
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return;
  }
  h.inFile++;
  if (h.inFile <= h.max * 4) return;
  const lines = ashFileLines(sh, h.file) ?? [];
  const kept = lines.slice(Math.max(0, lines.length - h.max));
  try {
    replaceFile(sh, h.file, kept.map((l) => l + '\n').join(''));
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return;
  }
  h.inFile = kept.length;
}

/**
 * ash's `history` (show_history): each line of the list numbered from 0, `%4d %s`, on stdout
 * (busybox 1.36 and older: the oracle's) or stderr (1.37 on). It takes no options (any operand
 * is ignored). An ash that is not interactive has no list and prints nothing.
 */
export function ashHistoryBuiltin(sh: Shell, h: AshHistory | undefined, fds: Fds): number {
  if (h === undefined) return 0;
  let out = '';
  for (let i = 0; i < h.entries.length; i++) out += `${String(i).padStart(4)} ${h.entries[i]}\n`;
  sh.write(fds, h.build.editorOnStderr ? 2 : 1, out);
  return 0;
}
