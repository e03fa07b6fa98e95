// The shell's builtins: the special builtins (`exit`, `export`, `set`, `shift`, `eval`, `.`,
// `exec`, `return`, `break`...) and the regular ones (`cd`, `read`, `local`, `command`, `type`,
// `wait`, `umask`...), each a function of the Shell that runs it. Builtins that are applets here
// (`echo`, `printf`, `test`, `kill`) are in applets/ and found through programs.ts.

import { FsError, STRERROR } from '../fs/errors.ts';
import { join, normalize } from '../fs/path.ts';
import type { Stat } from '../fs/vfs.ts';
import { ExitSignal, WriteError } from './control.ts';
import { typeMore, type Fds } from './fds.ts';
import type { Shell } from './interpreter.ts';
import { isName } from './parser.ts';
import { ExpansionError } from './expand.ts';
import { BUILTIN_APPLETS, hashes, lookupApplet, lookupHashed, prefersApplet, resolve, resolveFile, runProgram, searchPath, shellSearch, waitOnOpenStdin } from './programs.ts';
import { hashBuiltin } from './hash-builtin.ts';
import { BlockedSignal, ShellNotSimulated } from './types.ts';
import { BUSYBOX_SIGNALS, trapSignalName } from './applets/kill.ts';
import { parseMode } from './applets/util.ts';
import { ashErrmsg } from './redirections.ts';
import { declare, exportBuiltin, local, readAssigning, unsetAllowed } from './declarations.ts';
import { type Job, ashJobLine, bashJobReport, bashReportsSignal, jobState, signalDescription } from './jobs.ts';

/** POSIX special builtins: assignments before them persist. */
export const SPECIAL = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset']);
export const BUILTINS = new Set([
  ...SPECIAL,
  'true', 'false', 'cd', 'pwd', 'read', 'local', 'source', 'wait', 'jobs', 'umask', 'command', 'type', 'ulimit', 'hash', 'times', 'let',
]);

/** Whether `name` is a builtin of this shell: BUILTINS, and bash's declare and typeset (declarations.ts). */
export function isBuiltin(sh: Shell, name: string): boolean {
  return BUILTINS.has(name) || (sh.gnu && (name === 'declare' || name === 'typeset'));
}

export function runBuiltin(sh: Shell, name: string, args: string[], fds: Fds): number {
  try {
    return dispatch(sh, name, args, fds);
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    sh.builtinError(name, fds, `write error: ${e.message}`);
    return 1;
  }
}

function dispatch(sh: Shell, name: string, args: string[], fds: Fds): number {
  switch (name) {
    case 'wait':
      return wait(sh, args, fds);
    case 'jobs':
      return jobs(sh, args, fds);
    case 'trap':
      return trap(sh, args, fds);
    case 'type':
      return type(sh, args, fds);
    case 'hash':
      return hashBuiltin(sh, args, fds);
    case ':':
    case 'true':
    case 'times':
      return 0;
    case 'false':
      return 1;
    case 'umask':
      return umask(sh, args, fds);
    case 'ulimit':
      return ulimit(sh, args, fds);
    case 'cd':
      return cd(sh, args, fds);
    case 'pwd':
      sh.write(fds, 1, (args.includes('-P') ? sh.sys.fs.realpath(sh.cwd) : sh.cwd) + '\n');
      return 0;
    case 'exit':
      // bash at a terminal says `exit` first, before any error about its argument (bminor/bash@bash-5.2
      // builtins/exit.def exit_or_logout: `if (interactive) fprintf (stderr, "exit\n")`)
      if (sh.terminal !== undefined) sh.write(fds, 2, sh.terminal.atExit);
      // the process's status is the low 8 bits (dash keeps its int until exit(3))
      throw new ExitSignal(exitCode(sh, args, fds, 'exit') & 255);
    case 'return': {
      const status = exitCode(sh, args, fds, 'return');
      if (sh.returnable === 0 && sh.gnu) {
        // return.def: EX_USAGE (258, shown as 2); the script reads on
        sh.builtinError('return', fds, "can only `return' from a function or sourced script");
        return 2;
      }
      if (sh.returnable === 0) throw new ExitSignal(status & 255);
      sh.jump = { kind: 'return', status };
      return sh.jump.status;
    }
    case 'break':
    case 'continue':
      return sh.gnu ? bashBreak(sh, name, args, fds) : ashBreak(sh, name, args, fds);
    case 'export':
    case 'readonly':
      return exportBuiltin(sh, name, args, fds);
    case 'declare':
    case 'typeset':
      return declare(sh, name, args, fds);
    case 'local':
      return local(sh, args, fds);
    case 'unset':
      return unset(sh, args, fds);
    case 'set':
      return set(sh, args, fds);
    case 'shift':
      return shift(sh, args, fds);
    case 'read':
      return readAssigning(sh, fds, () => read(sh, args, fds));
    case 'eval':
      return sh.runEval(args.join(' '), fds);
    case '.':
    case 'source':
      return source(sh, args, fds);
    case 'command':
      return command(sh, args, fds);
    case 'let':
      return letBuiltin(sh, args, fds);
    default:
      throw new Error(`builtin ${name} not implemented`);
  }
}

/**
 * bash 5.2 break.def: outside a loop (a function's or a `( )`/`&` subshell's own loops are all it
 * counts) only the warning, status 0, the operand unread; an operand that is not a number is
 * "numeric argument required" and the shell exits (throw_to_top_level: the status or 128); a second
 * operand "too many arguments", the command line discarded (status 1); 0 or less is "loop count
 * out of range", status 1, and leaves every loop (breaking = loop_level), for continue too.
 * Checked against bash (test/shell/jump.test.ts).
 */
function bashBreak(sh: Shell, name: 'break' | 'continue', args: string[], fds: Fds): number {
  if (sh.loopDepth === 0) {
    sh.builtinError(name, fds, "only meaningful in a `for', `while', or `until' loop");
    return 0;
  }
  const arg = args[0];
  if (arg !== undefined && !/^\s*[-+]?[0-9]+\s*$/.test(arg)) {
    sh.builtinError(name, fds, `${arg}: numeric argument required`);
    throw new ExitSignal(sh.status | 128);
  }
  if (args.length > 1) {
    sh.builtinError(name, fds, 'too many arguments');
    throw new ExitSignal(1);
  }
  const n = arg === undefined ? 1 : Number(arg);
  if (n <= 0) {
    sh.builtinError(name, fds, `${arg}: loop count out of range`);
    sh.jump = { kind: 'break', levels: sh.loopDepth };
    return 1;
  }
  sh.jump = { kind: name, levels: Math.min(n, sh.loopDepth) };
  return 0;
}

/**
 * busybox ash 1.35 breakcmd: the count is number(argv[1]) (digits only, more than 0, else "Illegal
 * number" and the shell exits 2), further operands ignored; loopnest is the shell's, not the
 * function's, so a break in a function called from a loop leaves the caller's loop; outside any
 * loop nothing happens. Checked against busybox (test/shell/jump.test.ts).
 */
function ashBreak(sh: Shell, name: 'break' | 'continue', args: string[], fds: Fds): number {
  const arg = args[0];
  if (arg !== undefined && (!/^[0-9]+$/.test(arg) || Number(arg) === 0)) {
    sh.builtinError(name, fds, `Illegal number: ${arg}`);
    throw new ExitSignal(2);
  }
  const n = arg === undefined ? 1 : Number(arg);
  if (sh.loopDepth > 0) sh.jump = { kind: name, levels: Math.min(n, sh.loopDepth) };
  return 0;
}

/**
 * `let EXPR...` (bash let.def, busybox ash letcmd): each operand is an arithmetic expression,
 * evaluated in order; the status is 1 when the last one is 0, else 0. No operand: "expression
 * expected"; a bad expression: its message as the builtin's. Either way the status is 1 in bash
 * and 2 in busybox, and the shell goes on (unlike `$((...))`). Checked against both shells
 * (test/shell/bash-compat.test.ts).
 */
function letBuiltin(sh: Shell, args: string[], fds: Fds): number {
  if (args.length === 0) {
    sh.builtinError('let', fds, 'expression expected');
    return sh.gnu ? 1 : 2;
  }
  let last = 0n;
  try {
    for (const a of args) last = sh.arith(a, fds);
  } catch (e) {
    if (!(e instanceof ExpansionError)) throw e;
    sh.builtinError('let', fds, sh.gnu ? e.bash : e.ash);
    return sh.gnu ? 1 : 2;
  }
  return last === 0n ? 1 : 0;
}

/**
 * busybox ash (1.35, shiftcmd): the count is number(argv[1]), digits only, else "Illegal number"
 * and the shell exits 2; more than $# returns 1 and shifts nothing; further operands are ignored.
 * bash (shift.def, get_numeric_arg): a second operand is "too many arguments" and the rest of the
 * command line is discarded (a `bash -c` script ends, status 1); a count that is not a number is
 * "numeric argument required", a negative one "shift count out of range", both status 1; more
 * than $# returns 1 silently (shift_verbose is off). Checked against both shells.
 */
function shift(sh: Shell, args: string[], fds: Fds): number {
  const arg = args[0];
  if (sh.gnu) {
    if (args.length > 1) {
      sh.builtinError('shift', fds, 'too many arguments');
      throw new ExitSignal(1);
    }
    if (arg !== undefined && !/^\s*[-+]?[0-9]+\s*$/.test(arg)) {
      sh.builtinError('shift', fds, `${arg}: numeric argument required`);
      return 1;
    }
  } else if (arg !== undefined && !/^[0-9]+$/.test(arg)) {
    sh.builtinError('shift', fds, `Illegal number: ${arg}`);
    throw new ExitSignal(2);
  }
  const n = arg === undefined ? 1 : Number(arg);
  if (n < 0) {
    sh.builtinError('shift', fds, `${arg}: shift count out of range`);
    return 1;
  }
  if (n > sh.positional.length) {
    if (!sh.dash) return 1;
    // dash 0.5.12 options.c shiftcmd: sh_error, which a special builtin's error makes the shell's exit
    sh.builtinError('shift', fds, "can't shift that many");
    throw new ExitSignal(2);
  }
  sh.positional = sh.positional.slice(n);
  return 0;
}

/**
 * The status `exit` and `return` take from their operand (the current status without one).
 * bash 5.2 (common.c get_exitstat): a second operand is "too many arguments" and the rest of the
 * command line is discarded (a `bash -c` script ends, 1); an operand that is not legal_number
 * (blanks around a signed number) is "numeric argument required" and the status 2 (exit exits
 * with it, return returns it); else its low 8 bits. busybox ash and dash (number(): digits only,
 * else "Illegal number", the shell exits 2) ignore further operands; busybox keeps the low 8 bits,
 * dash an int (its number() refuses more than INT_MAX), so `return 300` in a function leaves
 * $? 300 (dash 0.5.12 eval.c returncmd, mystring.c number). Checked against bash 5.2, busybox
 * 1.35 and dash 0.5.12.
 */
function exitCode(sh: Shell, args: string[], fds: Fds, name: string): number {
  const arg = args[0];
  if (sh.gnu && args.length > 1) {
    sh.builtinError(name, fds, 'too many arguments');
    throw new ExitSignal(1);
  }
  if (arg === undefined) return sh.status;
  if (sh.gnu) {
    if (!/^\s*[-+]?[0-9]+\s*$/.test(arg)) {
      sh.builtinError(name, fds, `${arg}: numeric argument required`);
      return 2;
    }
    return Number(BigInt.asUintN(8, BigInt(arg.trim())));
  }
  if (!/^[0-9]+$/.test(arg) || (sh.dash && BigInt(arg) > 2147483647n)) {
    sh.builtinError(name, fds, `Illegal number: ${arg}`);
    throw new ExitSignal(2);
  }
  return sh.dash ? Number(arg) : Number(BigInt.asUintN(8, BigInt(arg)));
}

/** generic_permission for MAY_EXEC on a directory: root always; else the owner, group or other x bit. */
function maySearch(st: Stat, uid: number, gid: number, groups: readonly number[]): boolean {
  if (uid === 0) return true;
  const bits = uid === st.uid ? st.mode >> 6 : gid === st.gid || groups.includes(st.gid) ? st.mode >> 3 : st.mode;
  return (bits & 1) === 1;
}

function cd(sh: Shell, args: string[], fds: Fds): number {
  const operands = args.filter((a) => a === '-' || !a.startsWith('-'));
  // bash is built with CD_COMPLAINS (config-top.h): a second operand is refused before any
  // directory is tried (bminor/bash@bash-5.2 builtins/cd.def cd_builtin: "too many arguments",
  // status 1); ash and dash take the first (measured: test/recorded/shell-fidelity)
  if (sh.gnu && operands.length > 1) {
    sh.builtinError('cd', fds, 'too many arguments');
    return 1;
  }
  let dir = operands[0] ?? sh.getVar('HOME') ?? '/';
  const dash = dir === '-';
  if (dash) dir = sh.getVar('OLDPWD') ?? sh.cwd;
  const target = normalize(join(sh.cwd, dir));
  try {
    const st = sh.sys.fs.stat(target);
    if (st.kind !== 'dir') throw new FsError('ENOTDIR', target);
    // chdir(2) needs search (x) permission on the directory itself, not only on the path to it
    // (recorded: users/cd-exec-bit, a 750 or 754 root directory refuses `nobody`).
    if (!maySearch(st, sh.sys.fs.uid, sh.sys.fs.gid, sh.sys.fs.groups ?? [])) throw new FsError('EACCES', target);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    // dash names no reason (cd.c: sh_error("can't cd to %s", dest))
    sh.builtinError('cd', fds, sh.gnu ? `${dir}: ${STRERROR[e.code]}` : sh.dash ? `can't cd to ${dir}` : `can't cd to ${dir}: ${STRERROR[e.code]}`);
    return sh.gnu ? 1 : 2;
  }
  sh.setVar('OLDPWD', sh.cwd);
  sh.cwd = target;
  // ash's and dash's docd: hashcd marks every entry of the command hash table for a new search
  if (!sh.gnu && sh.commandHash.size > 0) sh.ownCommandHash().markRehash();
  const pwd = sh.vars.get('PWD');
  sh.putVar('PWD', { value: target, exported: pwd?.exported ?? true });
  if (dash) sh.write(fds, 1, target + '\n');
  return 0;
}

function set(sh: Shell, args: string[], fds: Fds): number {
  if (args.length === 0) {
    const rows = [...sh.vars]
      .filter(([, v]) => v.value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}=${shellQuote(v.value!)}\n`);
    sh.write(fds, 1, rows.join(''));
    return 0;
  }
  // bash reads every letter before it sets one (set.def: internal_getopt's pass first): an
  // unknown one leaves all options as they were (`set -eZ` does not exit)
  const before = { ...sh.opts };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      sh.positional = args.slice(i + 1);
      return 0;
    }
    if (!/^[-+]./.test(a)) break;
    const { bad, badName, taken, list } = setFlags(sh, a, args.slice(i + 1));
    if (badName !== undefined) {
      // an unknown `-o NAME`: bash set.def "NAME: invalid option name", 2; busybox ash options()
      // "illegal option -o NAME" (+o as given), status 1, the script goes on; dash "Illegal option
      // -o NAME" (-o even for +o) and the shell exits 2. Checked against bash 5.2, busybox 1.35, dash 0.5.12.
      if (sh.gnu) sh.builtinError('set', fds, `${badName}: invalid option name`);
      else sh.builtinError('set', fds, sh.dash ? `Illegal option -o ${badName}` : `illegal option ${a[0]}o ${badName}`);
      if (sh.dash) throw new ExitSignal(2);
      return sh.gnu ? 2 : 1;
    }
    if (bad !== undefined) {
      // an unknown letter: bash adds its usage line, status 2; busybox and dash exit 2
      if (sh.gnu) {
        sh.opts = before;
        sh.builtinError('set', fds, `${bad}: invalid option`);
        sh.write(fds, 2, 'set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n');
        return 2;
      }
      sh.builtinError('set', fds, `${sh.dash ? 'Illegal' : 'illegal'} option ${bad}`);
      throw new ExitSignal(2);
    }
    if (list) sh.write(fds, 1, optionListing(sh, a[0] === '+'));
    i += taken;
  }
  if (i < args.length) sh.positional = args.slice(i);
  return 0;
}

/**
 * Apply `-eux` / `+e` / `-o name`, also with `o` among other letters (`set -Eeo pipefail`, the
 * docker-library entrypoints' first line: ash's options() and bash's set both take the next word
 * for each `o`); returns the offending letter (`bad`, with its sign) or `-o` name (`badName`) when one is unknown, and how many words after the
 * flag its `o`s took. `-E` (errtrace: traps are not simulated) is accepted by both shells
 * (observed with busybox 1.35: builds/realworld-postgres-style).
 */
/** The options strata simulates, by their `set -o` names (Shell.opts). */
const TRACKED_OPTIONS: Readonly<Record<string, Exclude<keyof Shell['opts'], 'letters'>>> = { errexit: 'errexit', nounset: 'nounset', pipefail: 'pipefail', xtrace: 'xtrace', noglob: 'noglob' };
/** Options taken but not simulated, kept for $- by their letters ('': none; bash's flags.c, ash's optletters). */
const UNTRACKED_OPTIONS: Readonly<Record<string, string>> = { monitor: 'm', noclobber: 'C', allexport: 'a', verbose: 'v', noexec: 'n', notify: 'b', errtrace: 'E', posix: '', ignoreeof: '' };

export function setFlags(sh: Shell, flag: string, after: readonly string[]): { bad?: string; badName?: string; taken: number; list?: true } {
  const on = flag[0] === '-';
  const byLetter: Record<string, Exclude<keyof Shell['opts'], 'letters'>> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob' };
  const mark = (letter: string): void => {
    const letters = (sh.opts.letters ?? '').replace(letter, '');
    sh.opts.letters = on ? letters + letter : letters;
  };
  let taken = 0;
  for (const ch of flag.slice(1)) {
    if (ch === 'o') {
      const optName = after[taken];
      // `set -o` / `set +o` with no name after it: the options' listing (optionListing)
      if (optName === undefined) return { taken, list: true };
      taken++;
      // dash 0.5.12 has no pipefail (options.h optletters: `set -o pipefail` is an illegal option)
      if (sh.dash && optName === 'pipefail') return { bad: `-o ${optName}`, taken };
      const key = Object.hasOwn(TRACKED_OPTIONS, optName) ? TRACKED_OPTIONS[optName] : undefined;
      if (key) sh.opts[key] = on;
      else if (Object.hasOwn(UNTRACKED_OPTIONS, optName)) {
        if (UNTRACKED_OPTIONS[optName] !== '') mark(UNTRACKED_OPTIONS[optName]);
      } else if (!optionNames(sh).includes(optName)) return { badName: optName, taken };
      // bash's command history at a terminal (history.ts): `set +o history` stops it, the file too
      else if (optName === 'history' && sh.terminal?.history !== undefined) sh.terminal.history.off = !on;
      // (any other name the shell lists is taken without effect, so that `set +o`'s output reads back)
      continue;
    }
    const key = byLetter[ch];
    if (key) sh.opts[key] = on;
    else if ('vnCabmhBHE'.includes(ch)) mark(ch);
    else return { bad: flag[0] + ch, taken };
  }
  return { taken };
}

/** The shell's `set -o` names, in the order its listing shows them (optionListing's sources). */
function optionNames(sh: Shell): readonly string[] {
  return sh.gnu ? BASH_SET_OPTIONS : sh.dash ? DASH_SET_OPTIONS : ASH_SET_OPTIONS;
}
const BASH_SET_OPTIONS = 'allexport braceexpand emacs errexit errtrace functrace hashall histexpand history ignoreeof interactive-comments keyword monitor noclobber noexec noglob nolog notify nounset onecmd physical pipefail posix privileged verbose vi xtrace'.split(' ');
const DASH_SET_OPTIONS = 'errexit noglob ignoreeof interactive monitor noexec stdin xtrace verbose vi emacs noclobber allexport notify nounset privileged nolog debug'.split(' ');
const ASH_SET_OPTIONS = 'errexit noglob ignoreeof monitor noexec xtrace verbose noclobber allexport notify nounset errtrace vi pipefail'.split(' ');

/**
 * What `set -o` (`on: name  on|off` rows) or `set +o` (`set -o name` / `set +o name` lines, to
 * be read back) prints: each shell's own options in its own order, the ones strata tracks with
 * their state, the others as a non-interactive `-c` shell starts with them (bash: braceexpand,
 * hashall and interactive-comments on). Sources: busybox 1.35 shell/ash.c optletters_optnames,
 * dash 0.5.12 src/options.c (`Current option settings` first), bash 5.2 builtins/set.def
 * (`%-15s\t%s`); all three run on this host for the listings in test/shell/set-options.test.ts.
 */
function optionListing(sh: Shell, asCommands: boolean): string {
  const bashDefaults = new Set(['braceexpand', 'hashall', 'interactive-comments']);
  let out = !asCommands && sh.dash && !sh.gnu ? 'Current option settings\n' : '';
  for (const name of optionNames(sh)) {
    const key = Object.hasOwn(TRACKED_OPTIONS, name) ? TRACKED_OPTIONS[name] : undefined;
    const letter = Object.hasOwn(UNTRACKED_OPTIONS, name) ? UNTRACKED_OPTIONS[name] : '';
    const on = key !== undefined ? sh.opts[key] : letter !== '' ? (sh.opts.letters ?? '').includes(letter) : sh.gnu && bashDefaults.has(name);
    if (asCommands) out += `set ${on ? '-' : '+'}o ${name}\n`;
    else out += sh.gnu ? `${name.padEnd(15)}\t${on ? 'on' : 'off'}\n` : `${name.padEnd(16)}${on ? 'on' : 'off'}\n`;
  }
  return out;
}

/**
 * `unset [-fv] NAME...`. Its options as each shell reads them: busybox ash and dash (nextopt("vf"):
 * options until `--` or a word not starting with `-`) say "illegal option -Z" (dash "Illegal") and,
 * unset being a special builtin, the shell exits 2; bash (unset.def, internal_getopt "fnv") says
 * "-Z: invalid option" and its usage line, status 2, and refuses -f with -v. Checked against bash
 * 5.2, busybox 1.35 and dash 0.5.12.
 */
function unset(sh: Shell, args: string[], fds: Fds): number {
  const flags = new Set<string>();
  let i = 0;
  for (; i < args.length && /^-./.test(args[i]); i++) {
    if (args[i] === '--') {
      i++;
      break;
    }
    for (const c of args[i].slice(1)) {
      if ((sh.gnu ? 'fnv' : 'fv').includes(c)) {
        flags.add(c);
        continue;
      }
      if (sh.gnu) {
        sh.builtinError('unset', fds, `-${c}: invalid option`);
        sh.write(fds, 2, 'unset: usage: unset [-f] [-v] [-n] [name ...]\n');
        return 2;
      }
      sh.builtinError('unset', fds, `${sh.dash ? 'Illegal' : 'illegal'} option -${c}`);
      throw new ExitSignal(2);
    }
  }
  if (sh.gnu && flags.has('f') && flags.has('v')) {
    sh.builtinError('unset', fds, 'cannot simultaneously unset a function and a variable');
    return 1;
  }
  let status = 0;
  for (const a of args.slice(i)) {
    if (flags.has('f')) sh.deleteFunction(a);
    else if (sh.vars.has(a) || flags.has('v')) {
      if (unsetAllowed(sh, a, fds)) sh.deleteVar(a);
      else status = 1;
    } else sh.deleteFunction(a);
  }
  return status;
}

function read(sh: Shell, args: string[], fds: Fds): number {
  let raw = false;
  let silent = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (names.length === 0 && /^-[prstnud]+$/.test(a)) {
      if (a.includes('r')) raw = true;
      // -s: the terminal does not show what is typed (a password)
      if (a.includes('s')) silent = true;
      if (/[ptnud]$/.test(a)) i++; // option with an argument (prompt, timeout...)
    } else names.push(a);
  }
  // dash 0.5.12 miscbltin.c readcmd: no name is sh_error("arg count") before anything is read,
  // status 2 (a regular builtin's error: the script goes on); bash and busybox read into REPLY
  if (names.length === 0 && sh.dash) {
    sh.builtinError('read', fds, 'arg count');
    return 2;
  }
  const vars = names.length ? names : ['REPLY'];
  const f = fds.get(0);
  const input = f?.kind === 'in' ? f.input : undefined;
  // A directory as stdin: bash reports the failed read(2), ash's read just fails (stdin-errors.ts).
  if (input?.directory && sh.gnu) sh.builtinError('read', fds, 'read error: 0: Is a directory');
  // a stdin nobody closes (a detached container's -i or -t): read waits for a line for ever
  if (input) waitOnOpenStdin(sh, input);
  // on the reader's terminal, a line typed now
  if (input) typeMore(input, !silent);
  if (!input || input.directory || input.pos >= input.data.length) {
    for (const v of vars) sh.setVar(v, '');
    return 1;
  }
  // One logical line: without -r a trailing backslash joins the next line.
  let line = '';
  let eof = false;
  for (;;) {
    const nl = input.data.indexOf('\n', input.pos);
    const chunk = input.data.slice(input.pos, nl < 0 ? undefined : nl);
    input.pos = nl < 0 ? input.data.length : nl + 1;
    eof = nl < 0;
    if (!raw && !eof && /(^|[^\\])(\\\\)*\\$/.test(chunk)) {
      line += chunk.slice(0, -1);
      continue;
    }
    line += chunk;
    break;
  }
  // Backslash-escaped characters (without -r) are literal, never separators.
  const chars: { c: string; q: boolean }[] = [];
  for (let i = 0; i < line.length; i++) {
    if (!raw && line[i] === '\\' && i + 1 < line.length) chars.push({ c: line[++i], q: true });
    else if (!raw && line[i] === '\\') continue;
    else chars.push({ c: line[i], q: false });
  }
  if (names.length === 0) {
    sh.setVar('REPLY', chars.map((x) => x.c).join(''));
    return eof ? 1 : 0;
  }
  const ifs = sh.getVar('IFS') ?? ' \t\n';
  const isWs = (x: { c: string; q: boolean } | undefined): boolean => !!x && !x.q && ifs.includes(x.c) && ' \t\n'.includes(x.c);
  const isDelim = (x: { c: string; q: boolean } | undefined): boolean => !!x && !x.q && ifs.includes(x.c);
  let i = 0;
  while (isWs(chars[i])) i++;
  vars.forEach((v, k) => {
    if (k === vars.length - 1) {
      let end = chars.length;
      while (end > i && isWs(chars[end - 1])) end--;
      sh.setVar(v, chars.slice(i, end).map((x) => x.c).join(''));
      i = chars.length;
      return;
    }
    let field = '';
    while (i < chars.length && !isDelim(chars[i])) field += chars[i++].c;
    while (isWs(chars[i])) i++;
    if (isDelim(chars[i])) {
      i++;
      while (isWs(chars[i])) i++;
    }
    sh.setVar(v, field);
  });
  return eof ? 1 : 0;
}

function source(sh: Shell, args: string[], fds: Fds): number {
  const file = args[0];
  if (file === undefined) {
    sh.builtinError('.', fds, 'filename argument required');
    return 2;
  }
  let path = file.includes('/') ? file : searchPath(sh, file, sh.getVar('PATH'));
  // dash searches PATH alone for a name without a slash (main.c find_dot_file: "%s: not found")
  if (path === undefined && sh.dash) {
    sh.builtinError('.', fds, `${file}: not found`);
    throw new ExitSignal(2);
  }
  path ??= file;
  let text: string;
  try {
    text = sh.sys.fs.readFile(join(sh.cwd, path));
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    if (sh.gnu) {
      sh.error(fds, `${file}: ${STRERROR[e.code]}`);
      return 1;
    }
    // dash: main.c dotcmd's setinputfile, "cannot open %s: %s" with errmsg's E_OPEN phrase
    sh.builtinError('.', fds, sh.dash ? `cannot open ${file}: ${ashErrmsg(e.code, 'No such file')}` : `can't open '${file}': ${STRERROR[e.code]}`);
    throw new ExitSignal(2);
  }
  const saved = sh.positional;
  if (args.length > 1) sh.positional = args.slice(1);
  sh.returnable++;
  try {
    const status = sh.nested(() => sh.runSource(text, fds, 'source', file));
    // a `return` ends the file (a break or continue goes on to the loop around the `.`)
    const j = sh.jump;
    if (j?.kind !== 'return') return status;
    sh.jump = undefined;
    return j.status;
  } finally {
    sh.returnable--;
    if (args.length > 1) sh.positional = saved;
  }
}

function command(sh: Shell, args: string[], fds: Fds): number {
  let i = 0;
  let mode: 'run' | 'v' | 'V' = 'run';
  for (; i < args.length && args[i].startsWith('-'); i++) {
    if (args[i] === '--') {
      i++;
      break;
    }
    if (args[i].includes('v')) mode = 'v';
    if (args[i].includes('V')) mode = 'V';
  }
  const rest = args.slice(i);
  if (rest.length === 0) return 0;
  if (mode === 'run') {
    const [name, ...cargs] = rest;
    if (isBuiltin(sh, name)) return runBuiltin(sh, name, cargs, fds);
    return runProgram(sh, rest, sh.childEnv([]), fds, { kind: 'shell' });
  }
  // busybox ash's commandcmd describes only the first name, and describe_command returns 127
  // (printing "NAME: not found" on stdout for -V) where bash returns 1 with an error on stderr
  // (mirror/busybox@1_35_0:shell/ash.c, commandcmd and describe_command).
  if (!sh.gnu) {
    const name = rest[0];
    const where = describe(sh, name, mode === 'V');
    if (where === undefined) {
      if (mode === 'V') sh.write(fds, 1, `${name}: not found\n`);
      return 127;
    }
    sh.write(fds, 1, (mode === 'v' ? (where.startsWith('/') ? where : name) : `${name} is ${where}`) + '\n');
    return 0;
  }
  let status = 0;
  for (const name of rest) {
    const where = describe(sh, name, mode === 'V');
    if (where === undefined) {
      status = 1;
      if (mode === 'V') sh.builtinError('command', fds, `${name}: not found`);
      continue;
    }
    sh.write(fds, 1, (mode === 'v' ? (where.startsWith('/') ? where : name) : `${name} is ${where}`) + '\n');
  }
  return status;
}

function type(sh: Shell, args: string[], fds: Fds): number {
  let status = 0;
  for (const name of args) {
    const where = describe(sh, name);
    if (where !== undefined) sh.write(fds, 1, `${name} is ${where}\n`);
    else if (sh.gnu) {
      sh.builtinError('type', fds, `${name}: not found`);
      status = 1;
    } else {
      sh.write(fds, 1, `${name}: not found\n`);
      status = 127;
    }
  }
  return status;
}

/**
 * For `type` and `command -v/-V`: a path, or a phrase such as "a shell builtin"; undefined if
 * unknown. `verbose` (type, -V): a name in the command hash table is `hashed (PATH)` to bash
 * (type.def describe_command) and `a tracked alias for PATH` to dash (exec.c describe_command),
 * a plain path to busybox ash; -v prints the path.
 */
function describe(sh: Shell, name: string, verbose = true): string | undefined {
  if (sh.functions.has(name)) return 'a function';
  if (isBuiltin(sh, name) || name === 'exec') return 'a shell builtin';
  // (bash's and busybox ash's `history`: history.ts; dash has none)
  if (name === 'history' && sh.lang !== 'dash') return 'a shell builtin';
  if (['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', '{', '}', '!'].includes(name)) return 'a shell keyword';
  if (BUILTIN_APPLETS.has(name) && lookupApplet(sh, name)) return 'a shell builtin';
  if (name.includes('/')) {
    const t = resolveFile(sh, name);
    return ['not-found', 'is-dir', 'permission'].includes(t.kind) ? undefined : name;
  }
  // the simulated host's programs live in /usr/bin (host-files.ts); a container's bash searches
  // its PATH as ash does below, but finds no applet first
  if (sh.gnu && sh.onHost) {
    const t = resolve(sh, name, sh.getVar('PATH'));
    return t.kind === 'applet' || t.kind === 'shell' ? `/usr/bin/${name}` : undefined;
  }
  if (!sh.gnu && prefersApplet(sh, name)) return name;
  const pathVar = sh.getVar('PATH');
  if (hashes(sh, name, pathVar)) {
    const hashed = lookupHashed(sh, name, pathVar, false);
    if (hashed === undefined) return undefined;
    const where = join(sh.cwd, hashed.path);
    if (!verbose || !hashed.hashed) return where;
    return sh.gnu ? `hashed (${hashed.path})` : sh.dash ? `a tracked alias for ${where}` : where;
  }
  const found = searchPath(sh, name, pathVar, shellSearch(sh));
  return found === undefined ? undefined : join(sh.cwd, found);
}

/** `exec CMD`: replace the shell; `exec REDIRS`: make the redirections permanent. */
export function execBuiltin(sh: Shell, args: string[], assigns: readonly [string, string][], fds: Fds, outer: Fds): number {
  if (args.length === 0) {
    for (const [k, v] of assigns) sh.setVar(k, v);
    if (fds !== outer) {
      for (const k of [...outer.keys()]) if (!fds.has(k)) outer.delete(k);
      for (const [k, v] of fds) outer.set(k, v);
    }
    return 0;
  }
  // The program replaces the shell: caught signals go back to their defaults, and the shell's
  // EXIT trap never runs.
  for (const [sig, action] of [...sh.traps]) if (action !== '') sh.traps.delete(sig);
  sh.execing = true;
  try {
    throw new ExitSignal(runProgram(sh, args, sh.childEnv(assigns), fds, { kind: 'exec' }));
  } catch (e) {
    // the process's own shell became a program that blocks (`exec sleep 1000`, `exec tail -f`):
    // the process is that program now (recorded: exec/top-exec-wait)
    if (e instanceof BlockedSignal && sh.leader && e.waiting === undefined && e.sleeping === undefined && e.exec === undefined) {
      // (the jobs it started before stay the process's children)
      const jobs = sh.blockedJobs.length > 0 ? { jobs: [...sh.blockedJobs] } : {};
      throw new BlockedSignal(e.reason, undefined, undefined, undefined, undefined, { argv: [...args], ...(e.seconds !== undefined ? { seconds: e.seconds } : {}), ...jobs });
    }
    throw e;
  }
}

/**
 * `trap [ACTION] SIGNAL...`, `trap - SIGNAL...` (default), `trap '' SIGNAL...` (ignore), `trap`
 * (list as `trap -- 'ACTION' NAME`). A first word that is a signal number resets, as in POSIX.
 */
function trap(sh: Shell, args: string[], fds: Fds): number {
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    // in signal-number order (EXIT is 0), as every shell walks its table; bash names signals with
    // their SIG (trap.def showtrap: signal_name), ash and dash without (checked: bash 5.2,
    // busybox 1.35, dash 0.5.12)
    const number = (sig: string): number => (sig === 'EXIT' ? 0 : BUSYBOX_SIGNALS.indexOf(sig) + 1);
    for (const [sig, action] of [...sh.traps].sort((a, b) => number(a[0]) - number(b[0]))) {
      sh.write(fds, 1, `trap -- ${shellQuote(action)} ${sh.gnu && sig !== 'EXIT' ? 'SIG' : ''}${sig}\n`);
    }
    return 0;
  }
  let action: string | undefined = args[0];
  let sigs = args.slice(1);
  if (args.length === 1 || /^\d+$/.test(args[0])) {
    action = undefined;
    sigs = args[0] === '-' ? args.slice(1) : args;
  } else if (action === '-') action = undefined;
  let status = 0;
  for (const spec of sigs) {
    const name = trapSignalName(spec);
    if (name === undefined) {
      // dash 0.5.12 trap.c trapcmd: outfmt(out2, "trap: %s: bad trap\n") with no shell name or
      // line, and it returns 1 there (the signals after it keep their traps)
      if (sh.dash) {
        sh.write(fds, 2, `trap: ${spec}: bad trap\n`);
        return 1;
      }
      sh.builtinError('trap', fds, `${spec}: invalid signal specification`);
      status = 1;
      continue;
    }
    if (action === undefined) sh.traps.delete(name);
    else sh.traps.set(name, action);
  }
  return status;
}

/**
 * `umask [-S] [MASK]`: print the mask as four octal digits (`-S`: the permissions it leaves,
 * `u=rwx,g=rx,o=rx`), or set it from octal digits or a symbolic mode (`u=rwx,g=,o=`), as in
 * busybox ash and bash.
 */
function umask(sh: Shell, args: string[], fds: Fds): number {
  const symbolic = args[0] === '-S';
  const rest = symbolic ? args.slice(1) : args;
  if (rest.length === 0) {
    if (!symbolic) sh.write(fds, 1, sh.umask.toString(8).padStart(4, '0') + '\n');
    else {
      const allowed = ~sh.umask & 0o777;
      const who = (shift: number): string => ['r', 'w', 'x'].filter((_, i) => allowed & (4 >> i) << shift).join('');
      sh.write(fds, 1, `u=${who(6)},g=${who(3)},o=${who(0)}\n`);
    }
    return 0;
  }
  const spec = rest[0];
  if (/^[0-7]+$/.test(spec)) {
    sh.umask = parseInt(spec, 8) & 0o777;
    return 0;
  }
  const mode = /^[0-9]/.test(spec) ? undefined : parseMode(spec, ~sh.umask & 0o777, true, 0);
  if (mode === undefined) {
    // busybox ash: `illegal mode: 8`, status 2 (recorded: shell/umask); bash: status 1.
    // dash 0.5.12 (miscbltin.c umaskcmd): `Illegal number: 8`, `Illegal mode: a=q`, status 2
    if (sh.dash) {
      sh.builtinError('umask', fds, /^[0-9]/.test(spec) ? `Illegal number: ${spec}` : `Illegal mode: ${spec}`);
      return 2;
    }
    if (!sh.gnu) {
      sh.builtinError('umask', fds, `illegal mode: ${spec}`);
      return 2;
    }
    sh.builtinError('umask', fds, /^[0-9]/.test(spec) ? `${spec}: octal number out of range` : `${spec}: invalid symbolic mode operator`);
    return 1;
  }
  sh.umask = ~mode & 0o777;
  return 0;
}

/** Single-quote a value the way ash's `set`/`export -p` print it. */
function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'"'"'`)}'`;
}

/**
 * `ulimit`: the file size limit (bare `ulimit`, `-f`) is unlimited in every recorded container
 * and on the host. The others (open files, processes, locked memory...) come from the daemon's
 * environment and the host (the recording daemon runs with nofile 20000, a systemd install's
 * 1024:524288 or 1048576, pending signals from the host's RAM): a query of one is refused rather
 * than answered with nothing, as it was. Setting a limit (`ulimit -n 4096` in an entrypoint) is
 * taken and has no effect: nothing strata runs reaches a limit.
 */
function ulimit(sh: Shell, args: string[], fds: Fds): number {
  const operands = args.filter((a) => !a.startsWith('-'));
  const letters = args.filter((a) => a.startsWith('-')).join('').replace(/[-HS]/g, '');
  if (operands.length > 0) return 0;
  if (letters === '' || letters === 'f') {
    sh.write(fds, 1, 'unlimited\n');
    return 0;
  }
  const line = `ulimit: strata does not simulate resource limits (ulimit ${args.join(' ')}): they come from the daemon's and the host's settings`;
  sh.write(fds, 2, `${line}\n`);
  sh.sys.standInRefused?.(line);
  return 1;
}

/**
 * `wait [PID|%JOB...]` (jobs.ts). A job blocked in a background container blocks `wait` (the
 * process's own shell can still take a signal there through its traps); a job that sleeps ends
 * while the shell waits: its clock moves to the job's end.
 *
 * busybox ash (mirror/busybox@1_35_0 shell/ash.c waitcmd): without operands it waits for every
 * job and returns 0; a PID that is no job of this shell leaves the status as it was (127 before
 * any); a job a signal ended and that nobody collected yet is collected here and its signal's
 * words printed (waitone: `thisjob == job`, sprint_status48 with sigonly: nothing for INT and
 * PIPE); `%N` that names no job is an error (status 2). Recorded: shell/busybox-kill-job.
 * bash (bminor/bash@bash-5.2 builtins/wait.def, jobs.c): the same statuses (a collected PID's
 * status is remembered), its report of the signal (jobs.ts bashJobReport), `%N: no such job`
 * and `pid N is not a child of this shell` with status 127.
 */
function wait(sh: Shell, args: string[], fds: Fds): number {
  const ops = args[0] === '--' ? args.slice(1) : args;
  if (ops.length === 0) {
    const live = sh.jobTable.filter((j) => liveJob(sh, j));
    waitFor(sh, live, fds, false);
    for (const j of sh.jobTable) j.waited = true;
    return 0;
  }
  let status = 127;
  for (const op of ops) {
    let job: Job | undefined;
    if (op.startsWith('%')) {
      if (sh.dash) throw new ShellNotSimulated(`strata does not simulate dash's job spec ${op}`);
      const found = sh.findJob(op);
      if (typeof found === 'string') {
        sh.builtinError('wait', fds, found);
        if (!sh.gnu) return 2;
        status = 127;
        continue;
      }
      job = found;
    } else if (/^\d+$/.test(op)) {
      job = sh.jobByPid(Number(op));
      if (job === undefined && sh.isJob(Number(op))) throw new ShellNotSimulated(`strata does not simulate \`wait ${op}\` for a job a parent shell started`);
      if (job === undefined) {
        if (sh.gnu) {
          sh.builtinError('wait', fds, `pid ${op} is not a child of this shell`);
          status = 127;
        }
        continue;
      }
    } else {
      throw new ShellNotSimulated(`strata does not simulate \`wait ${op}\``);
    }
    waitFor(sh, [job], fds, true);
    job.waited = true;
    status = job.status;
  }
  return status;
}

/** Whether a job has not been collected yet (running, or ended and not waited for). */
function liveJob(sh: Shell, j: Job): boolean {
  return !j.reaped && jobState(j, sh.clock.now) !== 'gone';
}

/** Wait for these jobs to end, collect them, and say what each shell says of them. */
function waitFor(sh: Shell, jobs: Job[], fds: Fds, named: boolean): void {
  // The process's own shell blocks here and can still take a signal through its traps.
  if (jobs.some((j) => j.endsAt === Infinity && j.signal === undefined) && sh.blockedJob) {
    throw sh.leader ? new BlockedSignal(sh.blockedJob.reason, sh.snapshot()) : sh.blockedJob;
  }
  for (const j of jobs) {
    const state = j.reaped ? 'gone' : jobState(j, sh.clock.now);
    if (state === 'running') sh.clock.now = Math.max(sh.clock.now, j.endsAt);
    if (state === 'zombie' && j.signal !== undefined) {
      if (sh.gnu) {
        if (bashReportsSignal(j.signal)) {
          const text = sh.jobText.get(j);
          if (text === undefined) throw new ShellNotSimulated('strata does not simulate how bash shows the command of a background job that is more than plain words');
          sh.write(fds, 2, sh.prefix() + bashJobReport(j, text));
        }
      } else if (named && j.signal !== 2 && j.signal !== 13) sh.write(fds, 2, `${signalDescription(j.signal)}\n`);
    }
    j.reaped = true;
  }
}

/**
 * `jobs` (busybox ash: jobs.ts ashJobLine; most recent job first, each ended one printed once and
 * then dropped from the table, as showjob frees it). bash's and dash's listings are not followed
 * beyond an empty table.
 */
function jobs(sh: Shell, args: string[], fds: Fds): number {
  const now = sh.clock.now;
  const listed = sh.jobTable.filter((j) => sh.gnu || sh.dash ? liveJob(sh, j) : true);
  if (listed.length === 0) return 0;
  if (sh.gnu || sh.dash || args.length > 0) throw new ShellNotSimulated(`strata does not simulate \`jobs${args.length > 0 ? ' ' + args.join(' ') : ''}\`${sh.gnu ? ' in bash' : sh.dash ? ' in dash' : ''} with jobs to list`);
  // showjobs collects every ended job first (dowait DOWAIT_NONBLOCK), without a word
  const order = [...listed].sort((a, b) => b.pid - a.pid);
  // (a job killed at this very moment may or may not have died yet: a race in the real shell)
  if (order.some((j) => j.signal !== undefined && !j.reaped && j.killedAt === now)) throw new ShellNotSimulated('strata does not simulate `jobs` right after a kill (whether the job has died yet is a race in the real shell)');
  const running = new Map(order.map((j) => [j, jobState(j, now, '`jobs`') === 'running'] as const));
  for (const j of order) if (!running.get(j)) j.reaped = true;
  let current = order;
  let out = '';
  for (const j of order) {
    const mark = j === current[0] ? '+' : j === current[1] ? '-' : ' ';
    out += ashJobLine(j, mark, running.get(j) === true) + '\n';
    if (!running.get(j)) {
      current = current.filter((x) => x !== j);
      sh.jobTable.splice(sh.jobTable.indexOf(j), 1);
    }
  }
  sh.write(fds, 1, out);
  return 0;
}
