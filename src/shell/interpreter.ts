// Executes the syntax tree. A Shell holds one shell process's state (variables, functions, cwd,
// positional parameters, options); subshells are copies. Commands run synchronously: a pipeline
// runs its left side to completion into a buffer, then the right side reads it.
//
// This file is the core that walks the tree (lists, pipelines, compound and simple commands,
// functions, expansion hooks, variables). The rest of the interpreter, by concept:
//   builtins.ts      cd, export, set, read, shift, eval, `.`, exec, command, type, ...
//   programs.ts      PATH search, execve checks, busybox dispatch, applets, nested shells
//   redirections.ts  `<`, `>`, `>>`, `>&`, here-documents
//   fds.ts           descriptor tables and sinks: pipes, substitutions, /dev/null
//   control.ts       exit/return/break/continue unwinding; ExecError, WriteError
// Those modules are functions of the Shell that runs them: the members they use are public here
// (nothing outside src/shell imports this file but index.ts, the shell's public API).
//
// SIGPIPE: a real writer stops when its reader has exited (`yes | head -2`). Here the reader runs
// after the writer, so the reader's consumption has to be known before: when the right side of a
// pipe is a command whose applet declares a stdin demand from its arguments (`head -n 2`), the
// pipe's buffer knows when that demand is met. The writer may then still fill one pipe capacity
// (64 KiB, what a real writer gets in before the exited reader is noticed: short writers like
// `(echo a; echo b) | head -1` finish normally), and its next write throws BrokenPipe, which kills
// the writing process with status 141: an applet's own process, or for shell builtins the
// (sub)shell that ran them. Readers without a declared demand read everything, as before.

import { basename } from '../fs/path.ts';
import { DefinedFunction, LazyFunctionDef, freezeTree, type AndOr, type Assignment, type Command, type CompoundCommand, type CondExpr, type FunctionDef, type List, type Pipeline, type SimpleCommand, type Word } from './ast.ts';
import { BUILTINS, SPECIAL, execBuiltin, isBuiltin, runBuiltin, setFlags } from './builtins.ts';
import { DiscardSignal, ExecError, ExitSignal, WriteError, type Jump } from './control.ts';
import { type ExpandHost, ExpansionError, evalArith, expandChunks, expandString, expandWords, matchPattern, staticPatternMatcher } from './expand.ts';
import { Capture, typeMore, type Fds, type Input } from './fds.ts';
import { needsMoreInput } from './complete.ts';
import { addTyped, ashHistoryBuiltin, historyBuiltin, loadAshHistory, rememberAshLine, saveBashHistory } from './history.ts';
import { CondParseError, ParseError, Parser, formatParseError, isName } from './parser.ts';
import { braceExpand } from './braces.ts';
import { BUILTIN_APPLETS, SHELLS, launch, lookupApplet, resolve, runProgram } from './programs.ts';
import { CommandHash } from './command-hash.ts';
import { describeFds, redirect, reopenFds } from './redirections.ts';
import type { Vfs } from '../fs/vfs.ts';
import {
  BlockedSignal,
  BrokenPipe,
  SIGPIPE_STATUS,
  ShellLimitError,
  ShellNotSimulated,
  SleepLoopNotSimulated,
  spendSteps,
  type Applet,
  type ShellEnvironment,
  type ShellLanguage,
  type SleepFrame,
  type StdinDemand,
  type TerminalPrompts,
  type TerminalState,
  type WaitingShell,
} from './types.ts';
import { registerMemo } from '../engine/memos.ts';
import { type Job, bashReportsSignal, jobState, signalRunningJob } from './jobs.ts';
import { fileCompare, fileTest } from './applets/test.ts';
import { RegexError, compileRegex, regcompRejects } from './applets/regex.ts';

const MAX_DEPTH = 200;
/** The assignments of a command without any (most commands): one shared empty list. */
const NO_ASSIGNS: readonly [string, string][] = Object.freeze([]);
/** bash's `set -o` names (`[[ -o NAME ]]` of one strata does not follow is refused, of another name false). */
const BASH_OPTIONS = new Set(
  `allexport braceexpand emacs errexit errtrace functrace hashall histexpand history ignoreeof interactive-comments
  keyword monitor noclobber noexec noglob nolog notify nounset onecmd physical pipefail posix privileged verbose vi
  xtrace`.split(/\s+/),
);
/** Declaration utilities: their NAME=value arguments are expanded whole, like assignments. */
const DECLARATIONS = new Set(['export', 'local', 'readonly', 'declare', 'typeset']);

/** A variable. Never changed in place (a change is a new Var), so forks can share them. */
export interface Var {
  readonly value?: string;
  readonly exported: boolean;
  /** `readonly NAME`, `declare -r`, bash's own UID, EUID, PPID...: no assignment or unset changes it. */
  readonly readonly?: true;
}

/**
 * An assignment to a readonly variable (Var.readonly), thrown by Shell.setVar. Each place that
 * assigns words it as its shell does (Shell.readonlyError) and goes on as that shell does; one
 * that does not catch it refuses the command line by name rather than assign or guess.
 */
export class ReadonlyVariable extends ShellNotSimulated {
  constructor(readonly varName: string) {
    super(`strata does not simulate this assignment to the readonly variable ${varName}`);
  }
}

/**
 * bash's variables that it sets readonly at its start (bminor/bash@bash-5.2 variables.c
 * initialize_shell_variables: uidset's UID and EUID, unless the environment gave them; set_ppid's
 * PPID, whatever the environment says; SHELLOPTS and BASHOPTS, from the options), with their
 * attributes as `declare -p` shows them. Measured with this host's bash 5.2.15: `UID=5` is
 * `bash: line 1: UID: readonly variable`, `env UID=5 bash -c 'UID=6'` assigns.
 */
const BASH_READONLY_INTEGERS = new Set(['UID', 'EUID', 'PPID']);
/** Of those, the ones whose value strata does not keep: reading one is refused by name (Shell.param). */
const UNKNOWN_VALUES: Readonly<Record<string, string>> = {
  PPID: "strata does not simulate $PPID: the parent process's PID is not kept",
  SHELLOPTS: "strata does not simulate bash's $SHELLOPTS",
  BASHOPTS: "strata does not simulate bash's $BASHOPTS",
};

export interface ShellInit {
  argv0: string;
  positional: string[];
  /** Running a script file: errors carry `NAME: line N:` like ash and bash print them. */
  fileMode: boolean;
  /**
   * Running a `-c` string: busybox ash numbers its lines from 0 there (`sh -c 'cd /nope'` says
   * `line 0`), unlike files and bash. Default false.
   */
  commandString?: boolean;
  /** A shell process (sets PWD and SHLVL); false for execProgram's bare process. */
  asShell: boolean;
  /** A subshell: its variables and cwd are its parent's (set by fork), not sys's. */
  fork?: boolean;
}

// ---------------------------------------------------------------- the shell

/**
 * `$BASH_VERSION` of strata's host shell: the recorder's host is Debian 12, whose bash 5.2.15-2
 * prints `GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)` (shared/oracle/README.md).
 */
export const HOST_BASH_VERSION = '5.2.15(1)-release';

/**
 * The language of a shell started in `sys` under the name sys.shellName: the host's shells are
 * bash (strata's host runs `sh` as bash too), a busybox container's are ash, and a GNU image's
 * (sys.userland) `bash` is bash and any other name (`sh`, `dash`) its /bin/sh.
 */
export function shellLanguage(sys: Pick<ShellEnvironment, 'flavor' | 'userland' | 'shellName'>): ShellLanguage {
  if (sys.flavor !== 'gnu') return 'ash';
  if (sys.userland === undefined || basename(sys.shellName) === 'bash') return 'bash';
  return sys.userland.sh;
}

/**
 * dash's words for a syntax error ash words as `unexpected X (expecting "Y")` or a phrase: dash
 * 0.5.12 parser.c synexpect says `X unexpected (expecting "Y")` (its tokname: `end of file`,
 * `newline`, `"fi"`, `word`, `redirection`), and its other messages start with a capital
 * (`Unterminated quoted string`, `Bad for loop variable`). Checked against this host's dash.
 */
function dashSyntaxError(ash: string): string {
  const m = /^unexpected (.+?)((?: \(expecting .*\))?)$/.exec(ash);
  if (m) return `${m[1]} unexpected${m[2]}`;
  return ash[0].toUpperCase() + ash.slice(1);
}

export class Shell {
  /** The language this shell speaks (shellLanguage). */
  readonly lang: ShellLanguage;
  /**
   * Variables by name, shared with the shells forked from this one: a fork copies them at its
   * first change (copy on write, see ownVars); most subshells (`$(...)`, pipeline elements) never
   * change one, and copying every variable for each of them was a large part of a script's cost.
   * The shell that forked changes its own in place: a fork runs to its end before the shell that
   * made it goes on (fork's callers), and what outlives it (a sleep's or a wait's continuation) is
   * a copy (capture), so the fork never sees its parent's later changes.
   */
  private varMap = new Map<string, Var>();
  private varsShared = false;
  /** childEnv() without assignments, while no exported variable changes (shared with forks like varMap). */
  private exportedEnv: Readonly<Record<string, string>> | undefined;
  /** Function definitions, shared copy-on-write with forks like the variables (see ownFunctions). */
  private functionMap = new Map<string, FunctionDef>();
  private functionsShared = false;
  /** Where this process's PATH searches found programs (command-hash.ts), shared copy-on-write with forks like the variables. */
  private hashTable = new CommandHash();
  private hashShared = false;
  /**
   * A terminal's bash (a Markdown page's session): its messages name no line, in a function,
   * subshell or eval too (`bash: cd: nope: No such file or directory`, bash 5.2 with -i).
   */
  interactive = false;
  cwd: string;
  positional: string[];
  private argv0: string;
  private readonly fileMode: boolean;
  readonly commandString: boolean;
  status = 0;
  /**
   * The options strata follows, and `letters`: those it takes without simulating them (`set -C`,
   * `-a`, `-v`, bash's `h` and `B`, on from the start), for `$-` alone.
   */
  opts: { errexit: boolean; nounset: boolean; pipefail: boolean; xtrace: boolean; noglob: boolean; letters?: string } = {
    errexit: false,
    nounset: false,
    pipefail: false,
    xtrace: false,
    noglob: false,
  };
  /** >0 while running a condition (if/while test, left of && ||, after !): errexit is off. */
  private condDepth = 0;
  /**
   * The last pipeline failed where errexit does not apply (a condition, or a compound command
   * whose status came from such a failure): POSIX 2.8.1 exempts the enclosing compound too.
   */
  private failureIgnored = false;
  loopDepth = 0;
  /** Function frames and sourced files that `return` may leave. */
  returnable = 0;
  /** A `return`, `break` or `continue` leaving the commands around it (see Jump): they stop while it is set. */
  jump: Jump | undefined;
  private depth = 0;
  /** Functions being run (a subshell keeps its parent's count). */
  private funcNest = 0;
  /** The file a `.` reads, and the function depth it started at (see prefix). */
  private reading: { readonly file: string; readonly funcNest: number } | undefined;
  private lineNo = 1;
  /**
   * The line the innermost reader has read up to (numbered as lineNo): after the command it runs,
   * its newline included. busybox ash's syntax errors found while running (`bad substitution`)
   * name it, not the command's line (mirror/busybox@1_35_0 shell/ash.c raise_error_syntax:
   * `errlinno = g_parsefile->linno`), so a bad `${x y}` on line 2 of a script is `line 3` there,
   * and in a function the line of the call's reader (recorded: shell/ash-bad-substitution).
   */
  private parsedTo = 1;
  /**
   * busybox ash numbers the lines of each reader from where it starts (mirror/busybox@1_35_0
   * shell/ash.c): a `-c` string from 0 (evalstring's setinputstring takes the global lineno, 0
   * then), a script or a sourced file from 1 (setinputfd), an `eval`'s string from the line of the
   * eval command (setinputstring: `g_parsefile->linno = lineno`), so its line k is that line + k - 1.
   * The shown line of the current command is ashBase + lineNo - 1 (ashLine).
   */
  private ashBase = 1;
  /** busybox ash's commandname (evalbltin): `eval` while an eval's string runs; undefined at the top and in a sourced file. */
  private ashEval = false;
  /** A subshell (fork): `( )`, `$( )`, a pipeline's element, a background job. */
  private inSubshell = false;
  /** dash runs an eval's string (see prefix), and words a builtin's error: its name, not `eval`, is the command's. */
  private dashEval = false;
  private inBuiltinError = false;
  /** Where each function was defined (shared with forks): its reader's line base and sourced file (see ashBase, prefix). */
  private defSites = new WeakMap<FunctionDef, { readonly ashBase: number; readonly file: string | undefined }>();
  /** Where the innermost running function was defined (see defSites, prefix); undefined when none runs or unknown. */
  private funcSite: { readonly ashBase: number; readonly file: string | undefined } | undefined;
  /** Per function call: saved values of variables made `local`. */
  locals: Map<string, Var | undefined>[] = [];
  /** A background job that would still be running: `wait` blocks on it. */
  blockedJob: BlockedSignal | undefined;
  /** Each background job that would still be running, as WaitingShell.jobs describes it. */
  readonly blockedJobs: (string[] | null)[] = [];
  /** This shell runs a background job (`cmd &`): the argv of its last simple command (WaitingShell.jobs). */
  inJob = false;
  jobArgv: string[] | undefined;
  /** The PID of the last background job (`$!`): the next one of the namespace, or after this shell's own. */
  private lastJob: number | undefined;
  /** The PIDs of the background jobs this shell (or the shell it was forked from) started. */
  private jobs: ReadonlySet<number> = new Set();

  /** Whether `pid` is one of this shell's background jobs ($! at some point). */
  isJob(pid: number): boolean {
    return this.jobs.has(pid);
  }
  /**
   * The seconds this shell's own foreground sleeps took (jobs.ts): a subshell shares its parent's
   * count, a background job starts a count of its own.
   */
  clock: { now: number; readonly owner: Shell } = { now: 0, owner: this };
  /** The background jobs this shell started itself, oldest first (jobs.ts); a fork starts with none. */
  readonly jobTable: Job[] = [];
  /** Each job's command as written when it is one simple command of plain words (bash's job reports). */
  readonly jobText = new Map<Job, string>();
  /** `trap` actions by signal name (`INT`, `TERM`, `EXIT`); '' ignores the signal. */
  traps = new Map<string, string>();
  /**
   * This shell is its process's main program, reached from the process's start only through
   * exec (a container's main process: the entrypoint script, then what it `exec`s). Only such a
   * shell's traps decide what a signal sent to the process does (see BlockedSignal.waiting).
   */
  leader = false;
  /** Set while `exec` (or the container start) runs a program in this shell's place. */
  execing = false;
  /** The snapshot the last blocking `wait` of this shell took. */
  waitSnapshot: WaitingShell | undefined;
  /**
   * Set while this process's own shell runs a `sleep` command of its script that it can go on from
   * later (see runSimple): a background process's sleep blocks there, and the shell keeps where.
   */
  bareSleep = false;
  /** >0 while a top-level command of the script runs (topItem): a sleep's continuation ends there. */
  private topLevel = 0;
  /** >0 while code runs that keeps no continuation (eval, `.`, traps): its sleeps are not kept. */
  private opaque = 0;
  /** The descriptors the script started with: `exec >file` changes the top-level table (kept by a sleep). */
  private baseFds: Fds | undefined;
  /** The process's file mode creation mask (`umask`), inherited by subshells and children. */
  umask: number;
  /** A signal this shell handles by exiting, delivered by the last command (see deliverSignal in programs.ts). */
  caughtSignal: number | undefined;
  /** Status of the last command substitution (the status of an assignment-only command). */
  private lastSubStatus: number | undefined;
  private lastHost: ShellHost | undefined;

  constructor(
    readonly sys: ShellEnvironment,
    init: ShellInit,
  ) {
    this.lang = shellLanguage(sys);
    this.cwd = sys.cwd;
    this.umask = sys.fs.umask;
    this.argv0 = init.argv0;
    this.positional = init.positional;
    this.fileMode = init.fileMode;
    this.commandString = init.commandString ?? false;
    this.ashBase = this.commandString ? 0 : 1;
    if (init.fork) return;
    // bash starts with hashall and braceexpand on (flags.c)
    if (this.gnu) this.opts.letters = 'hB';
    for (const k in sys.env) this.varMap.set(k, { value: sys.env[k], exported: true });
    if (this.gnu) this.setBashVersion(sys.userland === undefined ? HOST_BASH_VERSION : sys.userland.bashVersion);
    if (init.asShell) {
      this.varMap.set('PWD', { value: this.cwd, exported: true });
      const lvl = parseInt(sys.env.SHLVL ?? '0', 10);
      this.varMap.set('SHLVL', { value: String((Number.isNaN(lvl) ? 0 : lvl) + 1), exported: true });
      // each shell sets PPID to its parent's PID over the environment's (bash variables.c
      // set_ppid, ash's and dash's init): a PID strata does not keep (UNKNOWN_VALUES)
      this.varMap.delete('PPID');
      if (this.gnu) this.bashReadonlies();
    }
  }

  /**
   * bash's readonly variables (BASH_READONLY_INTEGERS, UNKNOWN_VALUES): UID and EUID are the
   * process's uid (strata's processes run with their real and effective uid alike), unless
   * inherited, then plain variables; PPID, SHELLOPTS and BASHOPTS readonly whatever the
   * environment said, their values unknown to strata.
   */
  private bashReadonlies(): void {
    for (const name of ['UID', 'EUID']) {
      if (!this.varMap.has(name)) this.varMap.set(name, { value: String(this.sys.fs.uid), exported: false, readonly: true });
    }
    for (const name of ['PPID', 'SHELLOPTS', 'BASHOPTS']) this.varMap.set(name, { exported: this.varMap.get(name)?.exported ?? false, readonly: true });
    const versinfo = this.varMap.get('BASH_VERSINFO');
    if (versinfo) this.varMap.set('BASH_VERSINFO', { ...versinfo, readonly: true });
  }

  /**
   * bash sets `$BASH_VERSION` at startup over any value from the environment, keeping its export
   * (`BASH_VERSION=foo bash -c 'echo $BASH_VERSION; env | grep BASH_V'` prints the real version
   * twice: this host's bash 5.2.15). `$BASH_VERSINFO` is a read-only array in bash, which strata
   * does not simulate: its element 0 (the major version, what `$BASH_VERSINFO` expands to) is kept
   * as a plain variable, so `[ "$BASH_VERSINFO" -ge 4 ]` works (docs/compat.md).
   */
  private setBashVersion(version: string | undefined): void {
    if (version === undefined) return;
    this.varMap.set('BASH_VERSION', { value: version, exported: this.varMap.get('BASH_VERSION')?.exported ?? false });
    // bash never exports it (an inherited BASH_VERSINFO=9 is refused: `BASH_VERSINFO: readonly variable`)
    this.varMap.set('BASH_VERSINFO', { value: version.split('.')[0], exported: false });
  }

  // ------------------------------------------------------------ entry points

  /** Run a script (sh -c or a script file) to the end, then its EXIT trap; returns the exit status. */
  runTop(src: string, fds: Fds): number {
    this.baseFds = new Map(fds);
    // a process's status is 8 bits (dash's `return 300` leaves $? 300 in the shell, not beyond it)
    return this.exitTrap(this.boundary(() => this.runSource(src, fds, 'top')), fds) & 255;
  }

  /**
   * An interactive shell on the reader's terminal (a Markdown page's `docker run -it IMAGE sh`,
   * `docker exec -it C bash`): it prints PS1, reads the line typed (ProcessIO.keyboard), and PS2
   * before each line that continues a command, runs what it read, and so on until `exit` or
   * Ctrl-D, then ends with the last command's status. What each shell writes around its reads is
   * `term` (interactive.ts terminalPrompts). Its lines are numbered from the first line read on
   * (dash's `sh: 2: x: not found`, bash's $LINENO: the parser's line count of its input). Recorded
   * on a pseudo-terminal: test/pages/pty/{ash,bash,dash}-*.json.
   */
  runTerminal(input: Input, fds: Fds, term: TerminalPrompts): number {
    this.baseFds = new Map(fds);
    this.interactive = true;
    this.terminal = term;
    // `$-`: interactive, with job control (the terminal is its controlling one), and bash's history
    // expansion (recorded: bash-debian-options.json `himBHs`, dash-options.json `smi`)
    this.opts = { ...this.opts, letters: `${this.opts.letters ?? ''}im${this.gnu ? 'H' : ''}` };
    const typedLine = (): string | undefined => {
      // busybox's line editor reads its history file while its list is empty, and keeps each line read (history.ts)
      if (term.lineHistory !== undefined) loadAshHistory(this, term.lineHistory);
      if (input.pos >= input.data.length && !typeMore(input)) return undefined;
      const nl = input.data.indexOf('\n', input.pos);
      const line = input.data.slice(input.pos, nl < 0 ? undefined : nl);
      input.pos = nl < 0 ? input.data.length : nl + 1;
      this.write(fds, term.fd, term.lineRead);
      if (term.lineHistory !== undefined) rememberAshLine(this, term.lineHistory, line);
      return line;
    };
    let status = 0;
    let linesRead = 0;
    for (;;) {
      this.write(fds, term.fd, term.ps1());
      const first = typedLine();
      if (first === undefined) {
        this.write(fds, 2, term.atEof);
        break;
      }
      let src = first + '\n';
      const typed = [first];
      // (asked of the text without its last newline, as the CLI's shell asks it: a line that ends
      // in a backslash then ends the text, and continues on the next line)
      while (needsMoreInput(src.slice(0, -1))) {
        this.write(fds, term.fd, term.ps2());
        const more = typedLine();
        if (more === undefined) break;
        src += more + '\n';
        typed.push(more);
      }
      const startLine = linesRead + 1;
      linesRead += src.split('\n').length - 1;
      // an interactive shell reports a syntax error and reads on, where a script's ends
      try {
        const script = parsedScript(src, this.gnu, startLine);
        const lists: List[] = [];
        for (let n = 0, c; (c = script.chunk(n)); n++) lists.push(c);
        term.check?.(src, lists);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        throw new ShellNotSimulated(`strata does not simulate a syntax error typed at an interactive shell: ${JSON.stringify(src.trimEnd())}`);
      }
      // bash adds the command to its history as it reads it, before it runs
      if (term.history !== undefined) addTyped(this, term.history, typed);
      try {
        status = this.boundary(() => {
          try {
            return this.runSource(src, fds, 'top', '', startLine);
          } catch (e) {
            if (e instanceof ExitSignal) throw new TerminalExit(e.status);
            throw e;
          }
        });
      } catch (e) {
        if (!(e instanceof TerminalExit)) throw e;
        status = e.status;
        break;
      }
      this.status = status;
    }
    const end = this.exitTrap(status, fds) & 255;
    // exit_shell: the history file after the EXIT trap
    if (term.history !== undefined) saveBashHistory(this, term.history);
    return end;
  }

  /**
   * bash's `history` (history.ts): the terminal's list; a subshell of an interactive bash has a
   * copy of it, which strata does not keep (refused); a bash that is not interactive has none.
   */
  private historyBuiltin(args: readonly string[], fds: Fds): number {
    const h = this.terminal?.history;
    if (h === undefined && (this.opts.letters ?? '').includes('i')) throw new ShellNotSimulated("strata does not simulate bash's history builtin in a subshell of an interactive bash");
    return historyBuiltin(this, h, args, fds);
  }

  /**
   * ash's `history` (history.ts): the terminal's list. A subshell of an interactive ash has a copy
   * of it (fork), which strata does not keep (refused), and so has an ash made interactive without
   * a terminal's line editor (`sh -i` reading a pipe: an empty list); one that is not interactive has none.
   */
  private ashHistoryBuiltin(fds: Fds): number {
    const h = this.terminal?.lineHistory;
    if (h === undefined && (this.opts.letters ?? '').includes('i')) throw new ShellNotSimulated("strata does not simulate busybox ash's history builtin in a subshell of an interactive ash, or one without a terminal");
    return ashHistoryBuiltin(this, h, fds);
  }

  /** The EXIT trap runs once as the shell ends; an `exit` in it sets the shell's status. */
  private exitTrap(status: number, fds: Fds): number {
    const action = this.traps.get('EXIT');
    if (!action) return status;
    this.traps.delete('EXIT');
    this.status = status;
    return this.boundary(() => {
      this.runSource(action, fds, 'eval');
      return status;
    });
  }

  /**
   * One and-or list of the top of a script. A top-level `wait` of this shell keeps what follows
   * it (`rest`), so that a signal's trap can let the script go on (see runTrap); so does a sleep of
   * the process's own shell anywhere in it (see runSimple), whose sleep may block (a background
   * process), so that the script goes on when the sleep is over (resumeAfterSleep).
   */
  private topItem(ao: AndOr, fds: Fds, rest: () => NonNullable<WaitingShell['rest']>): number {
    try {
      return this.atTop(fds, rest, () => (ao.background ? this.runBackground(ao, fds) : this.runAndOr(ao, fds)));
    } catch (e) {
      if (e instanceof BlockedSignal && e.waiting !== undefined && e.waiting.frames === undefined && (e.waiting === this.waitSnapshot || e.owner === this) && isBareCommand(ao, 'wait')) {
        e.waiting.rest = rest();
      }
      throw e;
    }
  }

  /** Run a top-level command; a sleep of this shell inside it keeps what follows and the top-level descriptors. */
  private atTop(fds: Fds, rest: () => NonNullable<WaitingShell['rest']>, fn: () => number): number {
    this.topLevel++;
    try {
      return fn();
    } catch (e) {
      const w = this.ownSleep(e);
      if (w && e instanceof BlockedSignal && w === e.waiting) {
        // a `wait` under a descriptor strata cannot keep (a pipe): no continuation, as before
        // frames were kept for it (the process ends with wait's status after the trap)
        const desc = describeFds(fds, this.baseFds ?? fds);
        if (desc === undefined) delete (w as WaitingShell).frames;
        else {
          w.rest = rest();
          w.fds = desc;
          freezeTree(w.frames);
        }
      } else if (w) {
        w.rest = rest();
        w.fds = this.describe(fds, this.baseFds ?? fds);
        freezeTree(w.frames);
      }
      throw e;
    } finally {
      this.topLevel--;
    }
  }

  /** The continuation a sleep of this very shell is building as it leaves the commands around it. */
  private ownSleep(e: unknown): (WaitingShell & { frames: SleepFrame[] }) | undefined {
    if (!(e instanceof BlockedSignal) || e.owner !== this) return undefined;
    const w = e.sleeping ?? e.waiting;
    return w?.frames === undefined ? undefined : (w as WaitingShell & { frames: SleepFrame[] });
  }

  /** describeFds, or the refusal when a descriptor cannot be kept. */
  private describe(f: Fds, outer: Fds): NonNullable<WaitingShell['fds']> {
    const desc = describeFds(f, outer);
    if (desc === undefined) throw new SleepLoopNotSimulated('strata does not simulate a background process that sleeps while a pipe or command substitution is open on its shell');
    return desc;
  }

  /**
   * Go on after a sleep that blocked (this shell restored from its snapshot `w`): the traps of
   * signals that came meanwhile, the rest of each command around the sleep (its frames, innermost
   * first), then the rest of the script, which may block again; then the EXIT trap.
   */
  resumeAfterSleep(w: WaitingShell, fds: Fds): number {
    this.status = 0;
    const status = this.boundary(() => {
      this.baseFds = new Map(fds);
      const top = w.fds ? reopenFds(this, w.fds, fds) : fds;
      const rest = w.rest ?? { items: [], source: '', line: 1 };
      for (const { signal } of w.pending ?? []) {
        const action = this.traps.get(signal);
        if (action) this.nested(() => this.runSource(action, top, 'eval'));
        this.status = 0;
      }
      const frames = w.frames ?? [];
      let st: number;
      try {
        st = this.atTop(top, () => rest, () => this.resumeFrames(frames, frames.length - 1, top));
        for (let k = 0; k < rest.items.length && !this.jump; k++) {
          st = this.topItem(rest.items[k], top, () => ({ items: rest.items.slice(k + 1), source: rest.source, line: rest.line }));
        }
      } catch (e) {
        st = this.discarded(e);
      }
      if (rest.source.trim() !== '' && !this.jump) st = this.runSource(rest.source, top, 'top');
      return st;
    });
    return this.exitTrap(status, fds);
  }

  /** Go on with frames k..0 (k the outermost left) with descriptors `fds`; the sleep itself ended with 0 (a `wait` a trap left, with `ended`). */
  private resumeFrames(frames: readonly SleepFrame[], k: number, fds: Fds, ended = 0): number {
    if (k < 0) return ended;
    const fr = frames[k];
    const inner = (g: Fds = fds): number => this.resumeFrames(frames, k - 1, g, ended);
    switch (fr.kind) {
      case 'list':
        return this.runItems(fr.items, fr.next, fds, inner);
      case 'andor':
        return this.runAndOr(fr.node, fds, { next: fr.next, first: inner });
      case 'pipeline':
        return this.runPipeline(fr.node, fds, fr.cond, inner);
      case 'redirs': {
        const g = reopenFds(this, fr.fds, fds);
        return this.withRedirs(g, fds, () => inner(g));
      }
      case 'loop':
        return this.runWhile(fr.node, fds, { inCond: fr.inCond, status: fr.status, first: inner });
      case 'for':
        return this.runFor(fr.node, fds, fr.items, fr.next, inner);
      case 'if':
        return this.runIf(fr.node, fds, fr.clause, { inCond: fr.inCond, first: inner });
      case 'function':
        return this.callFunction(undefined, [], fds, { frame: fr, first: inner });
      case 'vars':
        return this.restoringVars(fr.saved, () => inner());
    }
  }

  /** What a signal would find if this shell, blocked in `wait`, received one later. */
  snapshot(): WaitingShell {
    return (this.waitSnapshot = this.capture());
  }

  /** This shell's state as plain data (see WaitingShell). */
  private capture(): WaitingShell {
    return {
      traps: Object.fromEntries(this.traps),
      vars: [...this.vars].map(([k, v]) => [k, { ...v }]),
      functions: [...this.functions],
      cwd: this.cwd,
      argv0: this.argv0,
      positional: [...this.positional],
      fileMode: this.fileMode,
      ...(this.blockedJobs.length > 0 ? { jobs: [...this.blockedJobs] } : {}),
      ...(this.sys.standInServer !== undefined ? { standIn: this.sys.standInServer } : {}),
    };
  }

  /**
   * What a terminal's shell keeps from one command line to the next: its directory, variables
   * (exported or not) and functions. Traps and options are not carried (no page has needed them).
   */
  terminalState(): TerminalState {
    return { cwd: this.cwd, vars: [...this.varMap].map(([k, v]) => [k, { ...v }] as const), functions: [...this.functionMap] };
  }

  /** Continue a terminal's session: the state the last command line left. */
  resumeTerminal(t: TerminalState | undefined): void {
    this.interactive = true;
    if (t === undefined) return;
    this.cwd = t.cwd;
    const vars = this.ownVars();
    vars.clear();
    for (const [k, v] of t.vars) vars.set(k, { ...v });
    this.exportedEnv = undefined;
    this.functionMap = new Map(t.functions);
    this.functionsShared = false;
  }

  /** The shell of a snapshot, to run a trap in it. */
  static restore(sys: ShellEnvironment, w: WaitingShell): Shell {
    // a server stand-in's script goes on as one (its trap rewrites its placeholder files)
    let standIn: Partial<Pick<ShellEnvironment, 'fs' | 'standInServer'>> = {};
    if (w.standIn !== undefined && sys.fs.standInView !== undefined) {
      const env = Object.fromEntries(w.vars.flatMap(([k, v]) => (v.exported && v.value !== undefined ? [[k, v.value]] : [])));
      standIn = { fs: sys.fs.standInView(sys.standInRules?.(w.standIn, env)), standInServer: w.standIn };
    }
    const sh = new Shell({ ...sys, ...standIn, env: {}, cwd: w.cwd }, { argv0: w.argv0, positional: [...w.positional], fileMode: w.fileMode, asShell: false });
    for (const [k, v] of w.vars) sh.putVar(k, { ...v });
    sh.functionMap = new Map(w.functions);
    for (const [sig, action] of Object.entries(w.traps)) sh.traps.set(sig, action);
    if (w.opts) sh.opts = { ...w.opts };
    if (w.umask !== undefined) sh.umask = w.umask;
    sh.leader = true;
    return sh;
  }

  /**
   * Deliver a signal to this shell blocked in `wait`: run its trap action; `wait` then returns
   * 128+N and the script goes on with what followed it: the commands around a `wait` nested in
   * a loop, `if` or function (`frames`, kept as for a sleep), then what followed the top-level
   * command (`rest`). A `wait` without them (its own redirections, a pipe's descriptor) ends the
   * process with wait's status (a limit stated in docs/compat.md). Then the EXIT trap.
   */
  runTrap(signal: string, signo: number, w: WaitingShell, fds: Fds): number {
    const { rest, frames } = w;
    const action = this.traps.get(signal);
    this.status = 128 + signo;
    const status = this.boundary(() => {
      // busybox ash leaves `wait` on SIGINT when nothing traps it, and exits 130 (recorded:
      // catalog/signals probe); other untrapped signals never get here (PID 1 ignores them).
      if (action === undefined) throw new ExitSignal(128 + signo);
      this.runSource(action, fds, 'eval');
      // `wait` returns 128+N and the script goes on after it. Only a top-level `wait` knows what
      // follows; anywhere else the process ends here with wait's status.
      this.status = 128 + signo;
      if (!rest) return 128 + signo;
      let st = 128 + signo;
      this.baseFds = new Map(fds);
      const top = w.fds ? reopenFds(this, w.fds, fds) : fds;
      try {
        // the commands around a `wait` nested in the top-level command (a loop's body), wait's
        // status 128+N first, as after a sleep (resumeAfterSleep)
        if (frames) st = this.atTop(top, () => rest, () => this.resumeFrames(frames, frames.length - 1, top, 128 + signo));
        for (let k = 0; k < rest.items.length && !this.jump; k++) {
          st = this.topItem(rest.items[k], top, () => ({ items: rest.items.slice(k + 1), source: rest.source, line: rest.line }));
        }
      } catch (e) {
        st = this.discarded(e);
      }
      if (rest.source.trim() !== '' && !this.jump) st = this.runSource(rest.source, top, 'top');
      return st;
    });
    return this.exitTrap(status, fds);
  }

  /** execve: start argv without a shell; failures to launch throw ExecError. */
  execTop(argv: string[], fds: Fds): number {
    const name = argv[0] ?? '';
    const target = name === '' ? ({ kind: 'not-found' } as const) : resolve(this, name, this.getVar('PATH'), false);
    if (target.kind === 'not-found') throw new ExecError('not-found', name);
    if (target.kind === 'permission' || target.kind === 'is-dir') throw new ExecError('permission', name);
    if (target.kind === 'script' && !target.shebang) throw new ExecError('exec-format', name);
    if (target.kind === 'loop') throw new ExecError('loop', name);
    return this.boundary(() => launch(this, target, argv, this.childEnv([]), fds, { kind: 'docker' }));
  }

  /** Command-line flags of a nested shell: `-eux`, and `-o NAME` / `+o NAME` as two words. */
  setOptions(flags: string[]): void {
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i];
      i += setFlags(this, f, flags.slice(i + 1)).taken;
    }
  }

  /** A process boundary: exit and stray control flow end here. */
  boundary(fn: () => number): number {
    try {
      const status = fn();
      const j = this.jump;
      if (j === undefined) return status;
      // (a `return` or `break` with nothing of its kind around it in this process: it ends here)
      this.jump = undefined;
      return j.kind === 'return' ? j.status : this.status;
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      // a builtin of this shell wrote into a pipe whose reader is gone: the process dies of SIGPIPE
      if (e instanceof BrokenPipe) return SIGPIPE_STATUS;
      throw e;
    }
  }

  /**
   * An interactive busybox sh or dash reading its commands from a stdin that is not left open (`sh
   * -i` fed a pipe or a here-doc): the prompts it prints as it reads each line (see promptLines),
   * on stdout for busybox, stderr for dash.
   */
  prompts: { fd: number; ps1: () => string; ps2: () => string } | undefined;

  /** The shell reading lines typed at the reader's terminal (runTerminal): not its subshells (fork does not copy it). */
  terminal: TerminalPrompts | undefined;

  /**
   * The prompts of the lines an interactive shell reads from `read` up to the end of the text
   * `consumed` characters long (to the end of the input and past it when `atEnd`): PS1 before the
   * first line of a command and before each empty or comment line, PS2 before the lines that
   * continue a command (a compound command, a quote, a here-document's body); at the end of its
   * input, PS1 once more and a newline on stderr (ash.c cmdloop: newline_and_flush(stderr) at
   * EOF when iflag; dash's main.c cmdloop alike). Recorded: exec/stdin-prompts; dash checked
   * against this host's dash -i. Returns the lines read.
   */
  private promptLines(src: string, read: number, consumed: number, atEnd: boolean, fds: Fds): number {
    const prompts = this.prompts!;
    const text = src.slice(0, consumed);
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let started = false;
    for (let k = read; k < lines.length; k++) {
      this.write(fds, prompts.fd, started && !atEnd ? prompts.ps2() : prompts.ps1());
      if (!/^\s*(#.*)?$/.test(lines[k])) started = true;
    }
    if (atEnd) {
      this.write(fds, prompts.fd, prompts.ps1());
      this.write(fds, 2, '\n');
    }
    return lines.length;
  }

  /** Parse and run one command line at a time, like a shell reading a script. */
  runSource(src: string, fds: Fds, where: 'top' | 'eval' | 'source', file = '', startLine = 1): number {
    if (where !== 'source') return this.readSource(src, fds, where, file, startLine);
    const outer = this.reading;
    const { ashBase, ashEval } = this;
    this.reading = { file, funcNest: this.funcNest };
    // (ash: a sourced file's lines from 1, under the file's name, also inside an eval)
    this.ashBase = 1;
    this.ashEval = false;
    try {
      return this.readSource(src, fds, where, file);
    } finally {
      this.reading = outer;
      this.ashBase = ashBase;
      this.ashEval = ashEval;
    }
  }

  /**
   * The `eval` builtin. busybox ash names it in the messages of what its string runs
   * (`sh: eval: line 0: nosuch: not found`: evalbltin sets commandname, ash_vmsg prints it and
   * errlinno), counting the string's lines from the eval command's (see ashBase); a builtin in it
   * names itself (`sh: cd: line 2: ...`). Measured against busybox 1.35 (test/shell/eval-errors.test.ts).
   */
  runEval(src: string, fds: Fds): number {
    if (this.dash) {
      const outer = this.dashEval;
      this.dashEval = true;
      try {
        return this.nested(() => this.runSource(src, fds, 'eval'));
      } finally {
        this.dashEval = outer;
      }
    }
    // bash numbers an eval's lines on from the eval command's (evalstring keeps line_number):
    // `eval 'cd /nope'` on line 2 says `bash: line 2: cd: ...` (measured, bash 5.2.15)
    if (this.gnu) return this.nested(() => this.runSource(src, fds, 'eval', '', this.lineNo));
    const { ashBase, ashEval } = this;
    this.ashBase = this.ashLine();
    this.ashEval = true;
    try {
      return this.nested(() => this.runSource(src, fds, 'eval'));
    } finally {
      this.ashBase = ashBase;
      this.ashEval = ashEval;
    }
  }

  /** The line busybox ash shows for the current command (see ashBase). */
  private ashLine(): number {
    return this.ashBase + this.lineNo - 1;
  }

  private readSource(src: string, fds: Fds, where: 'top' | 'eval' | 'source', file: string, startLine = 1): number {
    const script = parsedScript(src, this.gnu, startLine);
    const outerParsedTo = this.parsedTo;
    try {
      return this.readChunks(script, src, fds, where, file);
    } finally {
      this.parsedTo = outerParsedTo;
    }
  }

  private readChunks(script: ParsedScript, src: string, fds: Fds, where: 'top' | 'eval' | 'source', file: string): number {
    let status = 0;
    const prompted = where === 'top' && this.prompts !== undefined;
    let read = 0;
    for (let n = 0; ; n++) {
      let chunk: List | null;
      try {
        chunk = script.chunk(n);
        if (chunk) this.parsedTo = script.lineAfter(n);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.syntaxError(e, fds, where, file);
        if (where === 'eval' && this.gnu) return (this.status = 2);
        // an error inside bash's `[[ ... ]]` ends its input there, with the last command's status
        if (!(e instanceof CondParseError && e.keepsStatus)) this.status = 2;
        throw new ExitSignal(this.status);
      }
      if (!chunk) {
        if (prompted) this.promptLines(src, read, src.length, true, fds);
        return status;
      }
      if (prompted) read = this.promptLines(src, read, src.length - script.after(n).source.length, false, fds);
      if (where !== 'top') {
        // a sleep in eval, `.` or a trap keeps no continuation: it passes as in any foreground shell
        this.opaque++;
        try {
          status = this.runList(chunk, fds);
        } catch (e) {
          // bash's parse_and_execute (builtins/evalstring.c) takes a DISCARD in an eval's string or
          // a sourced file, but in a subshell (subshell_environment) passes it on: the subshell
          // ends with 1 (measured, bash 5.2: `(eval 'echo $((1+))'; echo no); echo $?` prints 1)
          if (e instanceof DiscardSignal && this.inSubshell) throw e;
          status = this.discarded(e);
        } finally {
          this.opaque--;
        }
        if (this.jump) return status;
        continue;
      }
      try {
        for (let k = 0; k < chunk.items.length; k++) {
          status = this.topItem(chunk.items[k], fds, () => ({ items: freezeTree(chunk.items.slice(k + 1)), ...script.after(n) }));
          if (this.jump) return status;
        }
      } catch (e) {
        status = this.discarded(e);
      }
    }
  }

  /** The status after a command the reader abandoned (DiscardSignal); anything else goes on up. */
  private discarded(e: unknown): number {
    if (!(e instanceof DiscardSignal)) throw e;
    return (this.status = e.status);
  }

  private syntaxError(e: ParseError, fds: Fds, where: 'top' | 'eval' | 'source', file: string): void {
    const prefix = (line: number): string | undefined => {
      // (ash: raise_error_syntax's errlinno is the line it read up to, from the eval's base)
      if (where === 'eval' && this.ashEval) return `${this.argv0}: eval: line ${this.ashBase + line - 1}`;
      if (where === 'eval') return `${this.argv0}: eval: line ${line}`;
      if (where === 'source') return this.gnu ? `${file}: line ${line}` : `${this.argv0}: .: line ${line}`;
      if (this.fileMode) return `${this.argv0}: line ${line}`;
      if (where === 'top' && this.ashNamesStringLines()) return `${this.argv0}: line ${this.ashBase + line - 1}`;
      // bash -i: the reason alone, without the line it read (`bash: syntax error near unexpected token ...`)
      if (this.interactive && where === 'top') return undefined;
      return this.gnu ? `${this.argv0}: -c: line ${line}` : this.argv0;
    };
    if (e instanceof CondParseError) {
      for (const m of e.messages) this.write(fds, 2, `${prefix(m.line) ?? this.argv0}: ${m.text}\n`);
      return;
    }
    if (this.dash) {
      // dash 0.5.12 parser.c synerror: sh_error("Syntax error: %s") at the line it read up to,
      // under the name of what it parsed (`eval`, a sourced file's name)
      const what = where === 'eval' ? 'eval: ' : where === 'source' ? `${file}: ` : '';
      this.write(fds, 2, `${this.argv0}: ${e.line}: ${what}Syntax error: ${dashSyntaxError(e.ash)}\n`);
      return;
    }
    const p = prefix(this.gnu ? (e.bashLine ?? e.line) : e.line);
    this.write(fds, 2, p === undefined ? `${this.argv0}: ${e.bash}\n` : formatParseError(e, this.gnu, p));
  }

  /** The file system as this process sees it: with its umask. */
  get fs(): Vfs {
    return this.sys.fs.withUmask(this.umask);
  }

  /** This shell is bash (the host's, or a GNU image's `bash`). */
  get gnu(): boolean {
    return this.lang === 'bash';
  }

  /** This shell is dash (a Debian or Ubuntu image's /bin/sh). */
  get dash(): boolean {
    return this.lang === 'dash';
  }

  /** The status of a command whose redirection failed: dash's is 2 (its redirection errors are sh_error's), ash's and bash's 1. */
  get redirectFailed(): number {
    return this.dash ? 2 : 1;
  }

  /** The host's shell: programs are strata's applets by name, not files (programs.ts resolve). */
  get onHost(): boolean {
    return this.sys.flavor === 'gnu' && this.sys.userland === undefined;
  }

  /**
   * `sh: ` (ash -c), `NAME: line N: ` (scripts, and bash -c always), `bash: ` (interactive);
   * dash: `NAME: N: ` always (error.c exvwarning2: "%s: %d: ", arg0 and errlinno).
   */
  prefix(): string {
    const r = this.reading;
    // in a sourced file each shell names the file (as `.` was given it) with the line in it:
    // dash's and ash's commandname is the file for everything the `.` runs, bash's only for the
    // file's own lines (a function names the file it was defined in: not followed), measured
    // with dash 0.5.12, busybox 1.35, bash 5.2
    // dash's commandname is `eval` while an eval's string runs, but for a builtin's own errors
    // (eval.c evalbltin sets it to the builtin's name): `sh: 1: eval: X: is read only`,
    // `sh: 1: eval: nosuch: not found`, `sh: 1: cd: can't cd to /nope` (measured, dash 0.5.12)
    if (this.dash) return `${this.argv0}: ${this.lineNo}: ${r ? `${r.file}: ` : this.dashEval && !this.inBuiltinError ? 'eval: ' : ''}`;
    // (ash_vmsg prints no line in an interactive shell reading no file: an eval's string is none)
    if (this.interactive) return this.ashEval ? `${this.argv0}: eval: ` : `${this.argv0}: `;
    if (this.ashEval) return `${this.argv0}: eval: line ${this.ashLine()}: `;
    if (r !== undefined && !this.gnu) return `${this.argv0}: ${r.file}: line ${this.lineNo}: `;
    if (r !== undefined && this.funcNest === r.funcNest) return `${r.file}: line ${this.lineNo}: `;
    // bash names the source of the running function (bminor/bash@bash-5.2 error.c
    // get_name_for_error: BASH_SOURCE of the function's frame): the file a `.` read it from, with
    // the line in that file, wherever it is called; for one defined in a `bash -c` string that is
    // "environment", so `f() { cat < nope; }; f` says `environment: line 1: nope: ...` (found by
    // the shell differential test; measured with bash 5.2.15, test/shell/sourced-file-errors.test.ts)
    if (this.gnu && this.funcNest > 0 && this.funcSite?.file !== undefined) return `${this.funcSite.file}: line ${this.lineNo}: `;
    if (this.gnu && this.commandString && this.funcNest > 0) return `environment: line ${this.lineNo}: `;
    if (this.gnu || this.fileMode) return `${this.argv0}: line ${this.lineNo}: `;
    if (this.ashNamesStringLines()) return `${this.argv0}: line ${this.ashLine()}: `;
    return `${this.argv0}: `;
  }

  /**
   * The real busybox:latest's ash (BusyBox 1.38.0: BusyboxBuild.real) names the line of a `-c`
   * string's errors, counted from 0 as ash counts them (`sh: line 0: nosuch: not found`), where
   * 1.35's names none (`sh: nosuch: not found`): recorded with the image's own busybox in a chroot
   * (test/recorded/busybox-latest-real/ash-c-errors.txt). Asked only when an error is printed.
   */
  private ashNamesStringLines(): boolean {
    return !this.gnu && !this.dash && this.commandString && this.sys.busyboxBuild?.().real !== undefined;
  }

  error(fds: Fds, msg: string): void {
    this.write(fds, 2, `${this.prefix()}${msg}\n`);
  }

  /** An error inside a builtin: ash `sh: cd: line 1: MSG`, bash `bash: line 1: cd: MSG`. */
  builtinError(builtin: string, fds: Fds, msg: string): void {
    if (this.dash) {
      this.inBuiltinError = true;
      try {
        this.error(fds, `${builtin}: ${msg}`);
      } finally {
        this.inBuiltinError = false;
      }
    } else if (this.gnu) this.error(fds, `${builtin}: ${msg}`);
    else {
      this.write(fds, 2, `${this.argv0}: ${builtin === this.argv0 ? '' : `${builtin}: `}line ${this.ashLine()}: ${msg}\n`);
    }
  }

  write(fds: Fds, fd: number, data: string): void {
    const f = fds.get(fd);
    if (f?.kind !== 'out') return;
    try {
      f.sink.write(data);
    } catch (e) {
      // The shell's own messages to a broken stderr are lost, as with a real shell.
      if (fd === 2 && e instanceof WriteError) return;
      throw e;
    }
  }

  step(): void {
    spendSteps(this.sys.budget);
  }

  /** A subshell (`( )`, a pipeline element, `$( )`, `&`): a copy of this shell, one level deeper. */
  fork(sys: ShellEnvironment = this.sys): Shell {
    if (this.depth + 1 > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
    // The same sys (forks read neither its env nor its cwd but through the fields set here) and
    // the same positional array (it is replaced, never changed in place).
    const s = new Shell(sys, { argv0: this.argv0, positional: this.positional, fileMode: this.fileMode, commandString: this.commandString, asShell: false, fork: true });
    s.cwd = this.cwd;
    s.inSubshell = true;
    // (shared one way: only the fork copies before it changes one, see varMap)
    s.varMap = this.varMap;
    s.varsShared = true;
    s.exportedEnv = this.exportedEnv;
    s.functionMap = this.functionMap;
    s.functionsShared = true;
    s.hashTable = this.hashTable;
    s.hashShared = true;
    // A subshell resets caught signals to their defaults; ignored ones stay ignored (POSIX trap).
    for (const [sig, action] of this.traps) if (action === '') s.traps.set(sig, '');
    s.opts = { ...this.opts };
    s.umask = this.umask;
    s.status = this.status;
    s.condDepth = this.condDepth;
    s.loopDepth = this.loopDepth;
    s.returnable = this.returnable;
    s.depth = this.depth + 1;
    s.funcNest = this.funcNest;
    s.reading = this.reading;
    s.lineNo = this.lineNo;
    s.parsedTo = this.parsedTo;
    s.ashBase = this.ashBase;
    s.ashEval = this.ashEval;
    s.dashEval = this.dashEval;
    s.defSites = this.defSites;
    s.funcSite = this.funcSite;
    s.interactive = this.interactive;
    s.lastJob = this.lastJob;
    s.jobs = this.jobs;
    s.clock = this.clock;
    return s;
  }

  /**
   * This same process once it execs a program that is no catalog stand-in's (the user's command
   * an entrypoint runs with `exec "$@"`): the program sees the file system as any program does,
   * placeholder files refused (fs/namespace.ts standInView). This shell when it is no stand-in's.
   */
  asUserProgram(): Shell {
    const fs = this.sys.fs;
    if (fs.standIn !== true || fs.userView === undefined) return this;
    const s = this.fork({ ...this.sys, fs: fs.userView(), standInServer: undefined });
    s.depth = this.depth;
    s.leader = this.leader;
    s.execing = this.execing;
    return s;
  }

  /**
   * A new shell process started by this one (`sh -c`, a script; see programs.ts): fresh state from
   * sys and init, one nesting level deeper. Constructed here so programs.ts needs only Shell's type.
   */
  spawn(sys: ShellEnvironment, init: ShellInit): Shell {
    if (this.depth + 1 > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
    const child = new Shell(sys, init);
    child.depth = this.depth + 1;
    child.leader = this.leader && this.execing;
    child.umask = this.umask;
    return child;
  }

  /** Run fn one nesting level deeper in this same process (`eval`, `.`). */
  nested(fn: () => number): number {
    if (this.depth + 1 > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /**
   * Run fn as a subshell's whole life, then the EXIT trap the subshell set (a fork starts with
   * none: see fork); fn gets the descriptors the trap writes to, so that an `exec >f` in the
   * subshell redirects the trap too. ash and bash both run it at the end of `( )`, `$( )`, a
   * pipeline element and `&` (checked against both shells).
   */
  private subshell(fds: Fds, fn: (fds: Fds) => number): number {
    return this.exitTrap(this.boundary(() => fn(fds)), fds);
  }

  // ------------------------------------------------------------ lists and pipelines

  private runList(list: List, fds: Fds): number {
    return this.runItems(list.items, 0, fds);
  }

  /** The items of a list from `from`; `first` finishes the one before it (a sleep's continuation). */
  private runItems(items: readonly AndOr[], from: number, fds: Fds, first?: () => number): number {
    let status = 0;
    let k = from;
    try {
      if (first) {
        k = from - 1;
        status = first();
        k = from;
        if (this.jump) return status;
      }
      for (; k < items.length; k++) {
        const ao = items[k];
        status = ao.background ? this.runBackground(ao, fds) : this.runAndOr(ao, fds);
        if (this.jump) return status;
      }
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'list', items, next: k + 1 });
      throw e;
    }
    return status;
  }

  /** An and-or list; `resume` finishes its pipeline before `next` (-1 the head), then goes on. */
  private runAndOr(ao: AndOr, fds: Fds, resume?: { next: number; first: () => number }): number {
    const n = ao.tail.length;
    let i = resume ? resume.next - 1 : -1;
    try {
      let status = resume ? resume.first() : this.runPipeline(ao.head, fds, n > 0);
      for (i++; i < n && !this.jump; i++) {
        const { op, pipeline } = ao.tail[i];
        if ((op === '&&') === (status === 0)) status = this.runPipeline(pipeline, fds, i < n - 1);
      }
      return status;
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'andor', node: ao, next: i + 1 });
      throw e;
    }
  }

  /**
   * `cmd &`: runs to completion at once, in a subshell with stdin from /dev/null, status 0. A job
   * that would block (a long sleep in a background container) is left "running": the script goes
   * on, and only a later `wait` blocks on it.
   */
  private runBackground(ao: AndOr, fds: Fds): number {
    const sub = this.fork();
    if (this.gnu) sub.loopDepth = 0;
    sub.inJob = true;
    this.lastJob = this.sys.nextPid?.() ?? (this.lastJob ?? this.sys.pid ?? 1) + 1;
    this.jobs = new Set([...this.jobs, this.lastJob]);
    const f: Fds = new Map(fds);
    f.set(0, { kind: 'in', input: { data: '', pos: 0 } });
    const startedAt = this.clock.now;
    sub.clock = { now: startedAt, owner: sub };
    const only = ao.tail.length === 0 && !ao.head.negated && ao.head.commands.length === 1 ? ao.head.commands[0] : undefined;
    let status = 0;
    let blocked = false;
    try {
      status = sub.subshell(f, (g) => sub.runAndOr(ao, g));
    } catch (e) {
      if (!(e instanceof BlockedSignal)) throw e;
      this.blockedJob ??= e;
      this.blockedJobs.push(only?.kind === 'simple' && sub.jobArgv !== undefined ? sub.jobArgv : null);
      blocked = true;
    }
    this.addJob(only, sub, startedAt, status, blocked);
    this.status = 0;
    return 0;
  }

  /**
   * Keep a job in the table (jobs.ts). Its number: busybox ash's makejob takes the first slot that
   * is free or holds a job that ended and was waited for; bash the one after its highest.
   */
  private addJob(only: Command | undefined, sub: Shell, startedAt: number, status: number, blocked: boolean): void {
    const table = this.jobTable;
    const now = this.clock.now;
    let no = table.length + 1;
    if (!this.gnu) {
      const k = table.findIndex((j) => j.waited && jobState(j, now) === 'gone');
      if (k >= 0) {
        no = table[k].no;
        table.splice(k, 1);
      }
    } else if (table.length > 0) no = Math.max(...table.map((j) => j.no)) + 1;
    const simple = only?.kind === 'simple' ? only : undefined;
    // a lone `sleep`: stopping it part-way undoes nothing; a blocked job did nothing after its sleep
    const stoppable = blocked || (simple !== undefined && sub.jobArgv !== undefined && basename(sub.jobArgv[0] ?? '') === 'sleep');
    const job: Job = { no, pid: this.lastJob ?? 0, startedAt, endsAt: blocked ? Infinity : sub.clock.now, stoppable, status, reaped: false, waited: false };
    table.push(job);
    table.sort((a, b) => a.no - b.no);
    if (simple && simple.assigns.length === 0 && simple.redirs.length === 0 && simple.words.every((w) => w.parts.every((p) => p.kind === 'lit'))) {
      this.jobText.set(job, simple.words.map((w) => w.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('')).join(' '));
    }
  }

  /**
   * The clock moved on (a sleep ended): bash collects a killed job then and reports a signal that
   * it reports (jobs.ts) once the command it waited for is done, which strata does not place.
   */
  clockMoved(): void {
    if (!this.gnu) return;
    const now = this.clock.now;
    for (const j of this.jobTable) {
      if (j.signal !== undefined && !j.reaped && now > (j.killedAt ?? now) && bashReportsSignal(j.signal)) {
        throw new ShellNotSimulated(`strata does not simulate where bash reports a background job that signal ${j.signal} ended when it is not collected by \`wait\``);
      }
    }
  }

  /**
   * The job a `%` job spec names, or the error message. busybox ash (mirror/busybox@1_35_0
   * shell/ash.c getjob): `%`, `%%`, `%+` the current job (the last started of those in the table),
   * `%-` the one before it, `%N` job N while its slot is used; a name would be matched against the
   * command, which a shell without job control never records, so it names none. bash
   * (bminor/bash@bash-5.2 builtins/common.c get_job_spec): the same for jobs not yet collected,
   * a name matched against the start of the command; `%SPEC: no such job` for none.
   */
  findJob(spec: string): Job | string {
    const now = this.clock.now;
    const table = this.gnu ? this.jobTable.filter((j) => !j.reaped && jobState(j, now, `\`${spec}\``) !== 'gone') : this.jobTable;
    const recent = [...table].sort((a, b) => b.pid - a.pid);
    const p = spec.slice(1);
    if (p === '' || p === '%' || p === '+') return recent[0] ?? (this.gnu ? `${spec}: no such job` : 'No current job');
    if (p === '-') return recent[1] ?? (this.gnu ? `${spec}: no such job` : 'No previous job');
    if (/^\d+$/.test(p)) return table.find((j) => j.no === Number(p)) ?? `${spec}: no such job`;
    if (!this.gnu) return `${spec}: no such job`;
    const matches = recent.filter((j) => {
      const text = this.jobText.get(j);
      if (text === undefined) throw new ShellNotSimulated(`strata does not simulate bash's job spec ${spec} for a job that is more than plain words`);
      return p.startsWith('?') ? text.includes(p.slice(1)) : text.startsWith(p);
    });
    if (matches.length > 1) return `${spec}: ambiguous job spec`;
    return matches[0] ?? `${spec}: no such job`;
  }

  /** The job of this shell's table with PID `pid`. */
  jobByPid(pid: number): Job | undefined {
    return this.jobTable.find((j) => j.pid === pid);
  }

  /** A signal to one of this shell's jobs: false when its process is gone (jobs.ts). */
  signalJob(j: Job, signal: number): boolean {
    const state = jobState(j, this.clock.now, `kill ${j.pid}`);
    if (state === 'gone') return false;
    if (state === 'running' && signal !== 0) {
      signalRunningJob(j, signal, this.clock.now);
      // a blocked job a signal ended no longer holds `wait` (nor shows in docker top)
      if (j.endsAt === Infinity && j.signal !== undefined) this.unblock(j);
    }
    return true;
  }

  /** Forget a blocked job that ended (runBackground's blockedJobs, in the order jobs started). */
  private unblock(j: Job): void {
    // (the ones still blocked, j among them, in the order they started: PIDs grow)
    const blocked = this.jobTable.filter((x) => x.endsAt === Infinity && (x === j || x.signal === undefined)).sort((a, b) => a.pid - b.pid);
    const k = blocked.indexOf(j);
    if (k >= 0 && k < this.blockedJobs.length) this.blockedJobs.splice(k, 1);
    if (blocked.length === 1) this.blockedJob = undefined;
  }

  private runCond(list: List, fds: Fds): number {
    this.condDepth++;
    try {
      return this.runList(list, fds);
    } finally {
      this.condDepth--;
    }
  }

  /** A pipeline; `first` gives the status of its only command (a sleep's continuation). */
  private runPipeline(p: Pipeline, fds: Fds, cond: boolean, first?: () => number): number {
    const isCond = cond || p.negated;
    if (isCond) this.condDepth++;
    let status: number;
    try {
      if (first) status = first();
      else status = p.commands.length === 1 ? this.runCommand(p.commands[0], fds) : this.runPipe(p.commands, fds);
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'pipeline', node: p, cond });
      throw e;
    } finally {
      if (isCond) this.condDepth--;
    }
    // (left by a `return` or `break`: neither $? nor set -e sees this status)
    const j = this.jump;
    if (j) {
      // `! break` is 1 in both shells; `! return 3` makes the function return 0 in busybox (ash
      // negates exitstatus as the return unwinds), 3 in bash (return longjmps past the `!`)
      if (!p.negated || (j.kind === 'return' && this.gnu)) return status;
      status = status === 0 ? 1 : 0;
      if (j.kind === 'return') this.jump = { kind: 'return', status };
      return status;
    }
    if (p.negated) status = status === 0 ? 1 : 0;
    this.status = status;
    // set -e: `if ...; then a && b; fi` failing because of `a` does not exit (busybox ash agrees);
    // a function call or a subshell with such a status does.
    const only = p.commands.length === 1 ? p.commands[0] : undefined;
    const compound = only !== undefined && only.kind !== 'simple' && only.kind !== 'function' && only.kind !== 'subshell';
    const ignored = status !== 0 && (isCond || (compound && this.failureIgnored));
    this.failureIgnored = ignored;
    if (status !== 0 && !ignored && this.condDepth === 0 && this.opts.errexit) throw new ExitSignal(status);
    return status;
  }

  /**
   * Each element is a subshell; the left side runs to completion before the right reads it, unless
   * the right side's demand breaks the pipe: then the right side (and the rest of the pipeline)
   * runs at that moment, and the writer goes on (or dies of SIGPIPE) only afterwards, as a real
   * writer notices the exited reader only after the reader has done its work.
   *
   * The elements run in a loop, not one call deeper each (a 5000-stage pipeline must not use up
   * the JS stack): only a broken pipe nests, running the rest from inside the writer's write.
   */
  private runPipe(cmds: Command[], fds: Fds): number {
    const statuses: number[] = [];
    /** Broken pipes so far: each runs the rest inside the one before, so this is the nesting. */
    let breaks = 0;
    const runFrom = (start: number, input: Input | undefined): void => {
      for (let i = start; i < cmds.length; i++) {
        const f: Fds = new Map(fds);
        if (input) f.set(0, { kind: 'in', input });
        let restStarted = false;
        const onBreak = (data: string): void => {
          if (restStarted) return;
          restStarted = true;
          if (++breaks > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
          runFrom(i + 1, { data, pos: 0 });
        };
        const cap = i < cmds.length - 1 ? new Capture(this.sys.budget.maxBytes, this.stdinDemand(cmds[i + 1]), onBreak) : undefined;
        if (cap) f.set(1, { kind: 'out', sink: cap });
        const sub = this.fork();
        statuses[i] = sub.subshell(f, (g) => sub.runCommand(cmds[i], g));
        // the reader already ran when the pipe broke (and with it the rest of the pipeline)
        if (!cap || restStarted) return;
        input = { data: cap.data, pos: 0 };
      }
    };
    runFrom(0, undefined);
    if (this.opts.pipefail) return [...statuses].reverse().find((s) => s !== 0) ?? 0;
    return statuses[statuses.length - 1];
  }

  /**
   * The stdin demand of a pipeline element, when it can be known before it runs: a simple command
   * whose words are literal (expanding them now could run side effects twice), which takes its
   * stdin from the pipe, and which resolves (no function, PATH as the pipeline starts) to an applet
   * declaring a demand. Anything else may read all of its input.
   */
  private stdinDemand(cmd: Command): StdinDemand | undefined {
    if (cmd.kind !== 'simple' || cmd.words.length === 0) return undefined;
    if (cmd.redirs.some((r) => (r.fd ?? (r.op.startsWith('<') ? 0 : 1)) === 0)) return undefined;
    if (cmd.assigns.some((a) => a.name === 'PATH')) return undefined;
    const argv: string[] = [];
    for (const w of cmd.words) {
      const lit = literalWord(w);
      if (lit === undefined) return undefined;
      argv.push(lit);
    }
    const name = argv[0];
    if (this.functions.has(name) || BUILTINS.has(name) || BUILTIN_APPLETS.has(name) || SHELLS.has(basename(name))) return undefined;
    const target = resolve(this, name, this.getVar('PATH'));
    let applet: Applet | undefined;
    let args = argv.slice(1);
    if (target.kind === 'applet') applet = target.applet;
    else if (target.kind === 'busybox') {
      let appletName = basename(name);
      if (appletName === 'busybox') [appletName = '', ...args] = args;
      applet = appletName === 'busybox' || SHELLS.has(appletName) ? undefined : lookupApplet(this, appletName);
    }
    return applet?.stdinDemand?.(args, this.sys.flavor);
  }

  private runCommand(cmd: Command, fds: Fds): number {
    if (cmd.kind === 'simple') return this.runSimple(cmd, fds);
    if (cmd.kind === 'function') {
      // (a definition read back lazily is kept as it is: reading its body here would decode it)
      const def = cmd instanceof LazyFunctionDef ? cmd : new DefinedFunction(cmd.name, cmd.body, cmd.line);
      this.ownFunctions().set(cmd.name, def);
      // ash's and dash's table holds functions too: the definition takes the name's entry
      if (!this.gnu && this.hashTable.get(cmd.name) !== undefined) this.ownCommandHash().delete(cmd.name);
      this.defSites.set(def, { ashBase: this.ashBase, file: this.reading?.file });
      return 0;
    }
    return this.runCompound(cmd, fds);
  }

  // ------------------------------------------------------------ compound commands

  private runCompound(c: CompoundCommand, fds: Fds): number {
    this.lineNo = c.line;
    const f = redirect(this, c.redirs, fds);
    if (!f) return this.redirectFailed;
    return this.withRedirs(f, fds, () => this.compoundBody(c, f));
  }

  /** Run fn with the descriptors `f` a compound command's redirections made of `fds`; a sleep in it keeps them. */
  private withRedirs(f: Fds, fds: Fds, fn: () => number): number {
    if (f === fds) return fn();
    try {
      return fn();
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'redirs', fds: this.describe(f, fds) });
      throw e;
    }
  }

  private compoundBody(c: CompoundCommand, f: Fds): number {
    switch (c.kind) {
      case 'brace':
        return this.runList(c.body, f);
      case 'subshell': {
        const sub = this.fork();
        // bash: a `( )` subshell has no loops around it (`(break)` warns); a pipeline element or
        // `$( )` keeps them, as busybox keeps them everywhere (checked against both)
        if (this.gnu) sub.loopDepth = 0;
        return sub.subshell(new Map(f), (g) => sub.runList(c.body, g));
      }
      case 'if':
        return this.runIf(c, f, 0);
      case 'loop':
        return this.runWhile(c, f);
      case 'for':
        return this.runFor(c, f, c.words ? this.expandArgs(c.words, f) : [...this.positional], 0);
      case 'case': {
        const word = this.expandStr(c.word, f);
        for (const item of c.items) {
          for (const pat of item.patterns) {
            const fixed = staticPatternMatcher(pat);
            if (fixed ? fixed(word) : matchPattern(this.guard(f, () => expandChunks(pat, this.host(f))), word)) return this.runList(item.body, f);
          }
        }
        return 0;
      }
      case 'arith': {
        const v = this.arithmetic(c.expr, f);
        return v === undefined || v === 0n ? 1 : 0;
      }
      case 'cfor':
        return this.runArithFor(c, f);
      case 'cond':
        return this.condition(c.expr, f, false);
    }
  }

  /**
   * bash's `[[ expr ]]` (execute_cmd.c execute_cond_node): 0 when true, 1 when false, 2 for a
   * regular expression that does not compile. Operands expand without field splitting or
   * pathname expansion; `&&` `||` skip what they need not evaluate; each test is traced under
   * `set -x` as `[[ left op right ]]`.
   */
  private condition(e: CondExpr, f: Fds, negated: boolean): number {
    // `!` makes success a failure and anything else (false, a regex error's 2 below it) a success
    const result = (r: number): number => (negated ? (r === 0 ? 1 : 0) : r);
    switch (e.kind) {
      case 'and':
      case 'or': {
        const left = this.condition(e.left, f, false);
        if (left === 0 ? e.kind === 'or' : e.kind === 'and') return result(left);
        return result(this.condition(e.right, f, false));
      }
      case 'not':
        return this.condition(e.expr, f, !negated);
      case 'group': {
        return result(this.condition(e.expr, f, false));
      }
      case 'unary': {
        const arg = this.expandStr(e.arg, f);
        if (this.opts.xtrace) this.write(f, 2, `${this.getVar('PS4') ?? '+ '}[[ ${negated ? '! ' : ''}${e.op} ${arg === '' ? "''" : arg} ]]\n`);
        const r = this.unaryTest(e.op, arg) ? 0 : 1;
        return result(r);
      }
      case 'binary': {
        const left = this.expandStr(e.left, f);
        let r: number;
        let shown: string;
        if (e.op === '==' || e.op === '=' || e.op === '!=') {
          const chunks = this.guard(f, () => expandChunks(e.right, this.host(f)));
          shown = chunks.map((c) => (c.quoted ? c.text.replace(/[^]/g, '\\$&') : c.text)).join('');
          this.condTrace(f, negated, left, e.op, shown);
          r = matchPattern(chunks, left) === (e.op !== '!=') ? 0 : 1;
        } else if (e.op === '=~') {
          const chunks = this.guard(f, () => expandChunks(e.right, this.host(f)));
          // quoted characters match themselves (bash quote_string_for_regex)
          const source = chunks.map((c) => (c.quoted ? c.text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&') : c.text)).join('');
          this.condTrace(f, negated, left, e.op, source);
          // regcomp's error is not reported: the status alone says it
          if (regcompRejects(source)) return 2;
          let re: RegExp;
          try {
            re = compileRegex(source, true);
          } catch (err) {
            if (!(err instanceof RegexError)) throw err;
            throw new ShellNotSimulated(`strata does not simulate the regular expression ${source}`);
          }
          r = re.test(left) ? 0 : 1;
        } else {
          const right = this.expandStr(e.right, f);
          this.condTrace(f, negated, left, e.op, right);
          r = this.binaryTest(e.op, left, right, f) ? 0 : 1;
        }
        return result(r);
      }
    }
  }

  private condTrace(f: Fds, negated: boolean, left: string, op: string, right: string): void {
    if (this.opts.xtrace) this.write(f, 2, `${this.getVar('PS4') ?? '+ '}[[ ${negated ? '! ' : ''}${left === '' ? "''" : left} ${op} ${right === '' ? "''" : right} ]]\n`);
  }

  /** A unary test of `[[` (bash test.c unary_test). */
  private unaryTest(op: string, arg: string): boolean {
    switch (op) {
      case '-z':
        return arg === '';
      case '-n':
        return arg !== '';
      case '-v':
        if (arg.includes('[')) throw new ShellNotSimulated(`strata does not simulate bash arrays ([[ -v ${arg} ]])`);
        return this.param(arg) !== undefined && (isName(arg) || /^[0-9]+$/.test(arg));
      case '-o': {
        const tracked = (['errexit', 'nounset', 'pipefail', 'xtrace', 'noglob'] as const).find((o) => o === arg);
        if (tracked) return this.opts[tracked];
        if (BASH_OPTIONS.has(arg)) throw new ShellNotSimulated(`strata does not simulate the shell option ${arg} ([[ -o ${arg} ]])`);
        return false;
      }
      case '-t':
        // no descriptor of a simulated shell is a terminal
        return false;
      case '-N':
      case '-R':
        throw new ShellNotSimulated(`strata does not simulate [[ ${op} ... ]]`);
    }
    return fileTest(this.fs, this.cwd, op, arg) ?? false;
  }

  /** A binary test of `[[` other than the pattern and regex ones (bash test.c binary_test). */
  private binaryTest(op: string, left: string, right: string, f: Fds): boolean {
    switch (op) {
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '-nt':
      case '-ot':
      case '-ef':
        return fileCompare(this.fs, this.cwd, op, left, right);
    }
    // -eq -ne -lt -le -gt -ge: both sides are arithmetic expressions; an error in one says so
    // (`[[: EXPR: ...`) and makes the test false
    let a: bigint;
    let b: bigint;
    try {
      a = evalArith(left, this.host(f));
      b = evalArith(right, this.host(f));
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      this.error(f, `[[: ${e.bash}`);
      return false;
    }
    switch (op) {
      case '-eq':
        return a === b;
      case '-ne':
        return a !== b;
      case '-lt':
        return a < b;
      case '-le':
        return a <= b;
      case '-gt':
        return a > b;
      default:
        return a >= b;
    }
  }

  /**
   * The value of a bash arithmetic command's expression (`(( expr ))`, a part of `for (( ;; ))`),
   * or undefined after its error message: bash says `((: ` and the evaluator's words, and goes on
   * with status 1 (an error in `$(( ))` ends the shell instead). An empty expression is 0.
   */
  private arithmetic(expr: Word, fds: Fds): bigint | undefined {
    const text = this.expandStr(expr, fds);
    try {
      return evalArith(text, this.host(fds));
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      this.error(fds, `((: ${e.bash}`);
      return undefined;
    }
  }

  /**
   * bash's `for (( init; cond; step ))`: init once, then while cond is not 0 (an empty one is
   * true) the body and step; status 1 after an error in an expression, else the last body's
   * (0 when it never ran). `continue` goes on with the step, `break` skips it.
   */
  private runArithFor(c: Extract<CompoundCommand, { kind: 'cfor' }>, f: Fds): number {
    const empty = (w: Word): boolean => w.parts.every((p) => p.kind === 'lit' && p.text.trim() === '');
    if (!empty(c.init) && this.arithmetic(c.init, f) === undefined) return 1;
    let status = 0;
    let failed = false;
    let first = true;
    this.loop(() => {
      if (!first && !empty(c.step) && this.arithmetic(c.step, f) === undefined) {
        failed = true;
        return false;
      }
      first = false;
      if (!empty(c.cond)) {
        const v = this.arithmetic(c.cond, f);
        if (v === undefined) failed = true;
        if (v === undefined || v === 0n) return false;
      }
      // (a break or continue ends the body with its own status, 0: ash and bash both)
      status = this.runList(c.body, f);
      return true;
    });
    return failed ? 1 : status;
  }

  /** Run fn as a condition (errexit off). */
  private asCond(fn: () => number): number {
    this.condDepth++;
    try {
      return fn();
    } finally {
      this.condDepth--;
    }
  }

  /**
   * `if`, from clause `from`; `resume` finishes that clause's test (inCond) or the body that ran
   * (a sleep's continuation).
   */
  private runIf(c: Extract<CompoundCommand, { kind: 'if' }>, f: Fds, from: number, resume?: { inCond: boolean; first: () => number }): number {
    let k = from;
    let inCond = true;
    try {
      if (resume && !resume.inCond) {
        inCond = false;
        return resume.first();
      }
      for (; k < c.clauses.length; k++) {
        inCond = true;
        const status = resume && k === from ? this.asCond(resume.first) : this.runCond(c.clauses[k].cond, f);
        if (this.jump) return status;
        if (status === 0) {
          inCond = false;
          return this.runList(c.clauses[k].body, f);
        }
      }
      inCond = false;
      return c.elseBody ? this.runList(c.elseBody, f) : 0;
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'if', node: c, clause: k, inCond });
      throw e;
    }
  }

  /** `while`/`until`; `resume` finishes the test (inCond) or the body (a sleep's continuation), `status` the last body's. */
  private runWhile(c: Extract<CompoundCommand, { kind: 'loop' }>, f: Fds, resume?: { inCond: boolean; status: number; first: () => number }): number {
    let status = resume?.status ?? 0;
    let pending = resume;
    let inCond = true;
    try {
      this.loop(() => {
        const r = pending;
        pending = undefined;
        if (r && !r.inCond) {
          inCond = false;
          status = r.first();
          return true;
        }
        inCond = true;
        const test = r ? this.asCond(r.first) : this.runCond(c.cond, f);
        if (this.jump) return true;
        if ((test === 0) === c.until) return false;
        inCond = false;
        // (a break or continue ends the body with its own status, 0: ash and bash both)
        status = this.runList(c.body, f);
        return true;
      });
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'loop', node: c, inCond, status });
      throw e;
    }
    return status;
  }

  /** `for` over `items` from `next`; `first` finishes the iteration before (a sleep's continuation). */
  private runFor(c: Extract<CompoundCommand, { kind: 'for' }>, f: Fds, items: string[], next: number, first?: () => number): number {
    let status = 0;
    let i = next;
    let pending = first;
    try {
      this.loop(() => {
        const p = pending;
        pending = undefined;
        if (p) {
          status = p();
          return true;
        }
        if (i >= items.length) return false;
        try {
          this.setVar(c.name, items[i++]);
        } catch (e) {
          if (!(e instanceof ReadonlyVariable)) throw e;
          // bash leaves the loop with status 1 and reads on (execute_cmd.c execute_for_command:
          // EXECUTION_FAILURE); ash and dash exit 2
          if (!this.gnu) this.readonlyFailed(e, f);
          this.readonlyError(e.varName, f);
          status = 1;
          return false;
        }
        // (a break or continue ends the body with its own status, 0: ash and bash both)
        status = this.runList(c.body, f);
        return true;
      });
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'for', node: c, items, next: i });
      throw e;
    }
    return status;
  }

  /**
   * Run iterations until `iteration` returns false, handling break/continue and the budget. An
   * iteration that a jump left (Shell.jump) stopped where it was: a `return` leaves the loop, a
   * `break N` or `continue N` this loop and N-1 around it (the last of them goes on, for continue).
   */
  private loop(iteration: () => boolean): void {
    this.loopDepth++;
    try {
      for (;;) {
        this.step();
        const more = iteration();
        const j = this.jump;
        if (j !== undefined) {
          if (j.kind === 'return') return;
          if (j.levels > 1) {
            j.levels--;
            return;
          }
          this.jump = undefined;
          if (j.kind === 'break') return;
        } else if (!more) return;
      }
    } finally {
      this.loopDepth--;
    }
  }

  // ------------------------------------------------------------ simple commands

  private runSimple(cmd: SimpleCommand, fds: Fds): number {
    this.step();
    this.lineNo = cmd.line;
    this.lastSubStatus = undefined;
    const argv = cmd.words.length === 0 ? [] : this.expandArgs(cmd.words, fds);
    if (this.inJob) this.jobArgv = argv;
    if (argv.length === 0) {
      // (one assignment alone, the commonest command of a script: no list of values made for it)
      if (cmd.assigns.length === 1 && !this.opts.xtrace) {
        const a = cmd.assigns[0];
        try {
          this.setVar(a.name, this.assignedValue(a, fds));
        } catch (e) {
          if (e instanceof ReadonlyVariable) this.readonlyFailed(e, fds);
          throw e;
        }
        if (cmd.redirs.length > 0 && !redirect(this, cmd.redirs, fds)) return this.redirectFailed;
        return this.lastSubStatus ?? 0;
      }
      const values = this.expandAssigns(cmd.assigns, fds, false);
      if (this.opts.xtrace && values.length > 0) this.trace(values, [], fds);
      try {
        for (const [k, v] of values) this.setVar(k, v);
      } catch (e) {
        if (e instanceof ReadonlyVariable) this.readonlyFailed(e, fds);
        throw e;
      }
      if (!redirect(this, cmd.redirs, fds)) return this.redirectFailed;
      return this.lastSubStatus ?? 0;
    }
    let assigns = this.expandAssigns(cmd.assigns, fds, true);
    if (this.opts.xtrace) this.trace(assigns, argv, fds);
    if (assigns.length > 0 && assigns.some(([k]) => this.isReadonly(k))) assigns = this.writableAssigns(assigns, fds);
    const f = redirect(this, cmd.redirs, fds);
    if (!f) return this.redirectFailed;
    // (a function called with redirections keeps them for the rest of its body after a sleep)
    if (f === fds && this.keepsWait(argv[0])) {
      try {
        return this.invoke(argv, assigns, f, fds);
      } catch (e) {
        // the process's shell blocked in `wait`: as for a sleep, the commands around it add what
        // is left of them as the signal leaves (SleepFrame), so that a trap's signal can make
        // `wait` return 128+N and the script go on from there, in a loop too (mirror/busybox
        // shell/ash.c waitcmd: `if (pending_sig) goto sigout;` ... `retval = 128 | pending_sig;`,
        // a status like any command's). Recorded: lifecycle/trap-wait-loop.
        if (e instanceof BlockedSignal && e.waiting !== undefined && e.waiting === this.waitSnapshot && e.owner === undefined) {
          throw new BlockedSignal(e.reason, { ...e.waiting, opts: { ...this.opts }, umask: this.umask, frames: [] }, undefined, undefined, this);
        }
        throw e;
      }
    }
    if (!this.keepsSleep(argv[0])) return f === fds ? this.invoke(argv, assigns, f, fds) : this.withRedirs(f, fds, () => this.invoke(argv, assigns, f, fds));
    this.bareSleep = true;
    try {
      return this.invoke(argv, assigns, f, fds);
    } catch (e) {
      // the sleep blocked (a background process): the continuation starts here, as this shell is
      // now; each command around it adds what is left of it as the signal leaves (SleepFrame)
      if (e instanceof BlockedSignal && e.sleep !== undefined && e.sleeping === undefined && e.owner === undefined) {
        throw new BlockedSignal(e.reason, undefined, e.sleep, { ...this.capture(), opts: { ...this.opts }, umask: this.umask, frames: [], sleepArgv: [...argv], ...(!this.gnu && this.commandString ? { commandString: true as const } : {}) }, this);
      }
      throw e;
    } finally {
      this.bareSleep = false;
    }
  }

  /**
   * Whether a command `name` run here could be gone on from later: in the process's own shell
   * (never a subshell, pipe or command substitution), inside a top-level command of its script,
   * not in eval, `.` or a trap, and not a function of that name.
   */
  private resumable(name: string): boolean {
    return this.leader && this.topLevel > 0 && this.opaque === 0 && !this.functions.has(name);
  }

  /** A `sleep` whose end the script goes on from. */
  private keepsSleep(name: string): boolean {
    return (name === 'sleep' || name.endsWith('/sleep')) && this.resumable(name);
  }

  /** A bare `wait` builtin (no redirections), whose trap's signal the script goes on from. */
  private keepsWait(name: string): boolean {
    return name === 'wait' && this.resumable(name);
  }

  /**
   * The values of a command's assignments, expanded in order, each seeing those before it:
   * `a=2 b=$a` sets b to 2 in ash, dash and bash, before a command too (POSIX 2.9.1: the
   * assignments are expanded and performed "in order from the beginning to the end", after the
   * command's words). The earlier ones are in place only while the later ones expand: exported
   * before a command (they are its environment, and a command substitution in a later value sees
   * them there), with the variable's own export flag in a plain assignment.
   */
  private expandAssigns(assigns: readonly Assignment[], fds: Fds, prefix: boolean): readonly [string, string][] {
    if (assigns.length === 0) return NO_ASSIGNS;
    if (assigns.length === 1) return [[assigns[0].name, this.assignedValue(assigns[0], fds)]];
    const values: [string, string][] = [];
    const saved: [string, Var | undefined][] = [];
    try {
      for (const a of assigns) {
        const value = this.assignedValue(a, fds);
        values.push([a.name, value]);
        const old = this.vars.get(a.name);
        saved.push([a.name, old]);
        this.putVar(a.name, { value, exported: prefix || (old?.exported ?? false) });
      }
    } finally {
      for (let i = saved.length - 1; i >= 0; i--) this.restoreVar(saved[i][0], saved[i][1]);
    }
    return values;
  }

  /**
   * A command's assignments, one of them to a readonly variable: ash and dash say so and exit 2
   * (ash.c evalcommand's setvareq raises); bash says so for each and runs the command without
   * them (variables.c assign_in_env: `x=2 echo hi` prints hi). Measured on this host's shells.
   */
  private writableAssigns(assigns: readonly [string, string][], fds: Fds): readonly [string, string][] {
    const kept: [string, string][] = [];
    for (const a of assigns) {
      if (!this.isReadonly(a[0])) kept.push(a);
      else if (this.gnu) this.readonlyError(a[0], fds);
      else this.readonlyFailed(new ReadonlyVariable(a[0]), fds);
    }
    return kept;
  }

  /** An assignment's value: its word expanded, after the variable's value for bash's `+=`. */
  private assignedValue(a: Assignment, fds: Fds): string {
    const value = this.expandStr(a.value, fds);
    return a.append ? (this.vars.get(a.name)?.value ?? '') + value : value;
  }

  /**
   * `set -x`: PS4, then the expanded assignments and words, on the shell's stderr before the
   * command's own redirections (ash evalcommand: `maybe_single_quote`; bash quotes alike and
   * writes an empty word as '').
   */
  private trace(assigns: readonly [string, string][], argv: string[], fds: Fds): void {
    const words = [...assigns.map(([k, v]) => `${k}=${traceQuote(v, this.gnu)}`), ...argv.map((w) => traceQuote(w, this.gnu))];
    this.write(fds, 2, `${this.getVar('PS4') ?? '+ '}${words.join(' ')}\n`);
  }

  private invoke(argv: string[], assigns: readonly [string, string][], fds: Fds, outer: Fds): number {
    const name = argv[0];
    if (name === 'exec') return execBuiltin(this, argv.slice(1), assigns, fds, outer);
    if (SPECIAL.has(name)) {
      // bash outside posix mode makes them temporary as for any builtin (`x=1 return`, `x=1 :`
      // leave x as it was), except those an `export x`/`readonly x` names; ash keeps them all
      // (checked against both: test/shell/jump.test.ts)
      if (this.gnu && assigns.length > 0) {
        const named = name === 'export' || name === 'readonly' ? new Set(argv.slice(1).map((a) => a.split('=')[0])) : undefined;
        const kept = assigns.filter(([k]) => named?.has(k));
        for (const [k, v] of kept) this.setVar(k, v);
        return this.withTempVars(kept.length === 0 ? assigns : assigns.filter(([k]) => !named?.has(k)), () => runBuiltin(this, name, argv.slice(1), fds));
      }
      for (const [k, v] of assigns) this.setVar(k, v);
      return runBuiltin(this, name, argv.slice(1), fds);
    }
    // (most calls have no assignments: no closure for withTempVars then)
    const fn = this.functions.get(name);
    if (fn) return assigns.length === 0 ? this.callFunction(fn, argv.slice(1), fds) : this.withTempVars(assigns, () => this.callFunction(fn, argv.slice(1), fds));
    // (bash's declare and typeset: ash and dash have none, `declare: not found`)
    if (isBuiltin(this, name)) return assigns.length === 0 ? runBuiltin(this, name, argv.slice(1), fds) : this.withTempVars(assigns, () => runBuiltin(this, name, argv.slice(1), fds));
    if (name === 'history' && this.gnu) return this.historyBuiltin(argv.slice(1), fds);
    if (name === 'history' && this.lang === 'ash') return this.ashHistoryBuiltin(fds);
    const status = runProgram(this, argv, this.childEnv(assigns), fds, { kind: 'shell' }, assigns.length > 0 && assigns.some(([k]) => k === 'PATH'));
    if (this.caughtSignal !== undefined) throw new ExitSignal(128 + this.caughtSignal);
    return status;
  }

  /** `A=1 f`: the assignment holds (exported) only while f runs. */
  private withTempVars(assigns: readonly [string, string][], fn: () => number): number {
    if (assigns.length === 0) return fn();
    const saved = assigns.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of assigns) this.putVar(k, { value: v, exported: true });
    return this.restoringVars(saved, fn);
  }

  /** Run fn, then put back the variables `saved` (a sleep in fn keeps them: its continuation does it). */
  private restoringVars(saved: readonly (readonly [string, Var | undefined])[], fn: () => number): number {
    try {
      return fn();
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'vars', saved: saved.map(([k, v]) => [k, v && { ...v }]) });
      throw e;
    } finally {
      for (const [k, v] of saved) this.restoreVar(k, v);
    }
  }

  /**
   * Call fn with args; `resume` instead finishes a call that slept (its frame: what the caller had),
   * as a sleep's continuation.
   */
  private callFunction(fn: FunctionDef | undefined, args: string[], fds: Fds, resume?: { frame: Extract<SleepFrame, { kind: 'function' }>; first: () => number }): number {
    this.step();
    if (this.depth + 1 > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
    this.depth++;
    this.returnable++;
    this.funcNest++;
    const savedPositional = resume ? resume.frame.positional : this.positional;
    const savedLoopDepth = resume ? resume.frame.loopDepth : this.loopDepth;
    if (!resume) this.positional = args;
    // bash counts a function's own loops only; ash's loopnest is the shell's, so a break in a
    // function leaves the caller's loop (checked against both: test/shell/jump.test.ts)
    if (this.gnu) this.loopDepth = 0;
    const frame = new Map<string, Var | undefined>(resume?.frame.saved);
    this.locals.push(frame);
    // (ash: a function's commands keep the line numbers of the reader that defined it)
    const savedBase = this.ashBase;
    const savedSite = this.funcSite;
    const site = fn === undefined ? undefined : this.defSites.get(fn);
    if (site) this.ashBase = site.ashBase;
    if (!resume) this.funcSite = site;
    try {
      const status = resume ? resume.first() : this.runCommand(fn!.body, fds);
      // (a break or continue leaves a function only in busybox: see loopDepth above)
      const j = this.jump;
      if (j?.kind !== 'return') return status;
      this.jump = undefined;
      return j.status;
    } catch (e) {
      this.ownSleep(e)?.frames.push({ kind: 'function', positional: savedPositional, loopDepth: savedLoopDepth, saved: [...frame].map(([k, v]) => [k, v && { ...v }]) });
      throw e;
    } finally {
      this.positional = savedPositional;
      this.loopDepth = savedLoopDepth;
      this.ashBase = savedBase;
      this.funcSite = savedSite;
      this.locals.pop();
      // (most functions make nothing local: no iterator then)
      if (frame.size > 0) for (const [k, v] of frame) this.restoreVar(k, v);
      this.returnable--;
      this.funcNest--;
      this.depth--;
    }
  }

  // ------------------------------------------------------------ expansion

  /** The expander's view of this shell with descriptors `fds`; the last one is reused, it reads the shell live. */
  private host(fds: Fds): ExpandHost {
    if (this.lastHost?.fds !== fds) this.lastHost = new ShellHost(this, fds);
    return this.lastHost;
  }

  /** An arithmetic expression's value in this shell (`let`); an ExpansionError when it has none. */
  arith(expr: string, fds: Fds): bigint {
    return evalArith(expr, this.host(fds));
  }

  /** Expansion errors are fatal to a non-interactive shell. */
  private guard<T>(fds: Fds, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw this.expansionFailed(e, fds);
    }
  }

  /**
   * What an error thrown while expanding becomes: an expansion error's message, then the shell's
   * exit, or for bash the end of the command it is reading (DiscardSignal): always in an
   * interactive bash (measured: `echo ${x?}` there sets $? to 1 and reads on).
   */
  private expansionFailed(e: unknown, fds: Fds): unknown {
    if (e instanceof ReadonlyVariable) {
      try {
        this.readonlyFailed(e, fds);
      } catch (signal) {
        return signal;
      }
    }
    if (!(e instanceof ExpansionError)) return e;
    if (e.atParsedLine && !this.gnu && !this.dash) {
      const lineNo = this.lineNo;
      this.lineNo = this.parsedTo;
      this.error(fds, e.ash);
      this.lineNo = lineNo;
    } else this.error(fds, this.gnu ? e.bash : this.dash ? e.dash : e.ash);
    if (this.gnu && (e.discards || this.interactive)) return new DiscardSignal();
    // (bash exits 1, not 127, for an unset parameter under `set -e`: measured, bash 5.2)
    return new ExitSignal(this.gnu ? (e.bashStatus === 127 && this.opts.errexit ? 1 : e.bashStatus) : 2);
  }

  // (expandArgs and expandStr, run for every command, guard themselves without a closure each)
  private expandArgs(words: Word[], fds: Fds): string[] {
    try {
      const host = this.host(fds);
      // Declaration utilities take NAME=value arguments whole, like assignments.
      const first = words[0]?.parts;
      const decl = first?.length === 1 && first[0].kind === 'lit' && DECLARATIONS.has(first[0].text);
      if (!decl) return expandWords(words, host);
      // bash expands braces in their arguments too (`export a={x,y}` exports a=x, then a=y)
      return (this.gnu ? words.flatMap(braceExpand) : words).flatMap((w) => {
        const p = w.parts[0];
        return p?.kind === 'lit' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(p.text) ? [expandString(w, host)] : expandWords([w], host, false);
      });
    } catch (e) {
      throw this.expansionFailed(e, fds);
    }
  }

  /**
   * A here-document's body. busybox ash expands it while it opens the redirection
   * (mirror/busybox@1_35_0 shell/ash.c openhere, in redirect under redirectsafe), which catches
   * the error: the message as usual, the command does not run, status 1 (redirectsafe's
   * `err = setjmp(...)`), and the shell goes on, where the same error in a word ends it.
   * Measured against busybox 1.35 (test/shell/eval-errors.test.ts). Undefined after that message.
   */
  expandHereDoc(word: Word, fds: Fds): string | undefined {
    if (this.gnu || this.dash) return this.expandStr(word, fds);
    try {
      return expandString(word, this.host(fds));
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      this.error(fds, e.ash);
      return undefined;
    }
  }

  expandStr(word: Word, fds: Fds): string {
    try {
      return expandString(word, this.host(fds));
    } catch (e) {
      throw this.expansionFailed(e, fds);
    }
  }

  commandSubst(body: List, fds: Fds): string {
    const sub = this.fork();
    const cap = new Capture(this.sys.budget.maxBytes);
    const f: Fds = new Map(fds);
    f.set(1, { kind: 'out', sink: cap });
    this.lastSubStatus = sub.subshell(f, (g) => sub.runList(body, g));
    return cap.data;
  }

  /**
   * `$-`: the options that are on, in each shell's order, and how the shell reads its commands:
   * bash lists its flags.c shell_flags table in order, then `c` for -c or `s` for stdin (subst.c);
   * ash walks its optletters backwards (`e f I i m n s c x v C a b u`), `c` and `s` among them.
   * Measured: bash 5.2 `bash -c 'set -eu; echo $-'` is `ehuBc`, a script's `hB`, stdin's `hBs`;
   * busybox 1.35's `uce`, `c`, a script's nothing, stdin's `s`.
   */
  private optionLetters(): string {
    const on = new Set(this.opts.letters ?? '');
    if (this.opts.errexit) on.add('e');
    if (this.opts.nounset) on.add('u');
    if (this.opts.xtrace) on.add('x');
    if (this.opts.noglob) on.add('f');
    const how = this.commandString ? 'c' : this.fileMode ? '' : 's';
    if (this.gnu) return [...'abefhikmnprtuvxBCEHIPT'].filter((l) => on.has(l)).join('') + how;
    if (how !== '') on.add(how);
    return [...'ubaCvxcsnmiIfe'].filter((l) => on.has(l)).join('');
  }

  param(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '#':
        return String(this.positional.length);
      case '$':
        return String(this.sys.pid ?? 1);
      case '!':
        return this.lastJob === undefined ? undefined : String(this.lastJob);
      case '-':
        return this.optionLetters();
      case '0':
        return this.argv0;
      case '@':
      case '*':
        return this.positional.join(' ');
    }
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57 && /^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
    // both shells make up a new number at each read (bash variables.c get_random, ash's
    // random_get): strata has no randomness, and an empty value would be a wrong answer
    if (name === 'RANDOM' || (name === 'SRANDOM' && this.gnu)) throw new ShellNotSimulated(`strata does not simulate $${name}: its value is random`);
    // $LINENO is the line the shell's errors name: bash's (the simple command's: Parser
    // parseSimple; variables.c get_lineno), busybox ash's (its `lineno` = errlinno: from 0 in a
    // `-c` string, from 1 in a file, counted on in an eval: ashLine); Debian's dash 0.5.12 keeps
    // none, so it is a plain variable there (measured: test/recorded/shell-fidelity/*-lineno.txt)
    if (name === 'LINENO' && !this.dash) return String(this.gnu ? this.lineNo : this.ashLine());
    // what `=~` matched: JavaScript's regular expressions match leftmost-first, POSIX's
    // leftmost-longest, so the text (unlike whether there is a match) could be a wrong one
    if (name === 'BASH_REMATCH' && this.gnu) throw new ShellNotSimulated('strata does not simulate BASH_REMATCH (the text =~ matched)');
    const v = this.varMap.get(name);
    // a variable the shell set that strata has no value for (BASH_READONLY_INTEGERS): PPID in
    // every shell until the script assigns it (ash, dash), bash's readonly ones for ever
    if (v?.value === undefined && Object.hasOwn(UNKNOWN_VALUES, name) && (name === 'PPID' || (this.gnu && v?.readonly === true))) {
      throw new ShellNotSimulated(UNKNOWN_VALUES[name]);
    }
    return v?.value;
  }

  /** Whether `name` is readonly here. */
  isReadonly(name: string): boolean {
    return this.varMap.get(name)?.readonly === true;
  }

  /**
   * The shell's words for an assignment to readonly `name`: bash `NAME: readonly variable` (its
   * builtins `local`'s and `unset`'s with their name: `unset: X: cannot unset: readonly
   * variable`), ash and dash `NAME: is read only`, a builtin's after its name (`sh: export: line
   * 2: X: is read only`). bash 5.2 variables.c err_readonly, builtins/common.c sh_readonly;
   * busybox 1.35 ash.c setvareq, dash 0.5.12 var.c setvareq. Measured on this host's three shells.
   */
  readonlyError(name: string, fds: Fds, builtin?: string): void {
    if (this.gnu) {
      if (builtin === 'unset') this.builtinError('unset', fds, `${name}: cannot unset: readonly variable`);
      else if (builtin === 'local' || builtin === 'declare' || builtin === 'typeset') this.builtinError(builtin, fds, `${name}: readonly variable`);
      else this.error(fds, `${name}: readonly variable`);
    } else if (builtin !== undefined) this.builtinError(builtin, fds, `${name}: is read only`);
    else this.error(fds, `${name}: is read only`);
  }

  /**
   * An assignment that is a command's own work failed on a readonly variable (a bare `X=2`, an
   * expansion's `$((X=3))` or `${X:=3}`, a `for` variable in ash): bash abandons the command it is
   * reading (DISCARD, status 1; a `set -e` shell exits 1), ash and dash exit 2 (a subshell its
   * own). Measured: `bash -c 'readonly X=1; X=2; echo same'` prints only the error.
   */
  private readonlyFailed(e: ReadonlyVariable, fds: Fds): never {
    this.readonlyError(e.varName, fds);
    if (!this.gnu) throw new ExitSignal(2);
    if (this.opts.errexit && !this.interactive) throw new ExitSignal(1);
    throw new DiscardSignal();
  }

  getVar(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  setVar(name: string, value: string): void {
    // `x=$x$x` in a loop doubles a value past any memory: the byte budget of streams and files
    // holds for variables too.
    if (value.length > this.sys.budget.maxBytes) throw new ShellLimitError(`variable ${name} exceeded the size limit (${this.sys.budget.maxBytes} bytes)`);
    const old = this.vars.get(name);
    if (old?.readonly) throw new ReadonlyVariable(name);
    this.putVar(name, { value, exported: old?.exported ?? false });
  }

  get vars(): ReadonlyMap<string, Var> {
    return this.varMap;
  }

  get functions(): ReadonlyMap<string, FunctionDef> {
    return this.functionMap;
  }

  /** `unset -f NAME` in this shell only. */
  deleteFunction(name: string): void {
    this.ownFunctions().delete(name);
  }

  /** The function definitions, copied first when a fork still shares them. */
  private ownFunctions(): Map<string, FunctionDef> {
    if (this.functionsShared) {
      this.functionMap = new Map(this.functionMap);
      this.functionsShared = false;
    }
    return this.functionMap;
  }

  /** The command hash table, to read (command-hash.ts). */
  get commandHash(): CommandHash {
    return this.hashTable;
  }

  /** The command hash table, copied first when a fork still shares it. */
  ownCommandHash(): CommandHash {
    if (this.hashShared) {
      this.hashTable = new CommandHash(this.hashTable);
      this.hashShared = false;
    }
    return this.hashTable;
  }

  /**
   * Set a variable (value and export flag) in this shell only. `assigned`: false for `export` or
   * `readonly` of a name without a value, which sets no value (no shell empties its command hash
   * table then; any assignment to PATH does: bash sv_path, ash and dash changepath).
   */
  putVar(name: string, v: Var, assigned = true): void {
    if (name === 'PATH' && assigned && this.hashTable.size > 0) this.ownCommandHash().clear();
    const map = this.ownVars();
    if (v.exported || map.get(name)?.exported) this.exportedEnv = undefined;
    map.set(name, v);
  }

  /** Unset a variable in this shell only. */
  deleteVar(name: string): void {
    if (name === 'PATH' && this.hashTable.size > 0) this.ownCommandHash().clear();
    const map = this.ownVars();
    if (map.get(name)?.exported) this.exportedEnv = undefined;
    map.delete(name);
  }

  /** Put back what a temporary assignment or `local` saved (undefined: the variable was unset). */
  private restoreVar(name: string, v: Var | undefined): void {
    if (v) this.putVar(name, v);
    else this.deleteVar(name);
  }

  /** The variables, copied first when a fork still shares them. */
  private ownVars(): Map<string, Var> {
    if (this.varsShared) {
      this.varMap = new Map(this.varMap);
      this.varsShared = false;
    }
    return this.varMap;
  }

  /**
   * The environment a child process gets: exported variables plus per-command assignments. The
   * record is frozen: without assignments it is the one kept until an exported variable changes.
   */
  childEnv(assigns: readonly [string, string][]): Readonly<Record<string, string>> {
    if (assigns.length === 0) return (this.exportedEnv ??= this.buildEnv([]));
    return this.buildEnv(assigns);
  }

  private buildEnv(assigns: readonly [string, string][]): Readonly<Record<string, string>> {
    const env: Record<string, string> = {};
    // (forEach and an indexed loop: a for-of over the map made an entry array and iterator
    // results for each of the shell's variables, at every command that starts a process)
    this.varMap.forEach((v, k) => {
      if (v.exported && v.value !== undefined) env[k] = v.value;
    });
    for (let i = 0; i < assigns.length; i++) env[assigns[i][0]] = assigns[i][1];
    return Object.freeze(env);
  }
}

/**
 * What expansion needs from a shell, read when asked (not copied when made), so that one host
 * serves every expansion with the same descriptors: `set -u`, `cd` or `umask` in between show.
 */
class ShellHost implements ExpandHost {
  constructor(
    private readonly sh: Shell,
    readonly fds: Fds,
  ) {}

  get fs(): Vfs {
    return this.sh.fs;
  }
  get cwd(): string {
    return this.sh.cwd;
  }
  get nounset(): boolean {
    return this.sh.opts.nounset;
  }
  get noglob(): boolean {
    return this.sh.opts.noglob;
  }
  get gnu(): boolean {
    return this.sh.gnu;
  }
  get dash(): boolean {
    return this.sh.dash;
  }
  get maxBytes(): number {
    return this.sh.sys.budget.maxBytes;
  }
  param(name: string): string | undefined {
    return this.sh.param(name);
  }
  positional(): string[] {
    return this.sh.positional;
  }
  setVar(name: string, value: string): void {
    this.sh.setVar(name, value);
  }
  commandSubst(body: List): string {
    return this.sh.commandSubst(body, this.fds);
  }
  /** A property, not a method: the expander passes it around on its own. */
  readonly spend = (steps: number): void => spendSteps(this.sh.sys.budget, steps);
}

/**
 * The text of a word that needs no expansion (literal, quoted or escaped text only), else
 * undefined. Unquoted glob characters and a leading `~` count as expansions.
 */
function literalWord(w: Word): string | undefined {
  let out = '';
  for (const [i, p] of w.parts.entries()) {
    if (p.kind === 'lit') {
      if (/[*?[]/.test(p.text) || (i === 0 && p.text.startsWith('~'))) return undefined;
      out += p.text;
    } else if ((p.kind === 'sq' && p.ash === undefined) || p.kind === 'esc') out += p.text;
    else if (p.kind === 'dq' && p.parts.every((q) => q.kind === 'lit')) out += p.parts.map((q) => (q.kind === 'lit' ? q.text : '')).join('');
    else return undefined;
  }
  return out;
}

/** `NAME` or `NAME ARGS` alone (`wait`, `sleep 5`): a simple command, not negated, piped, backgrounded or redirected. */
function isBareCommand(ao: AndOr, name: string): boolean {
  if (ao.background || ao.tail.length > 0 || ao.head.negated || ao.head.commands.length !== 1) return false;
  const c = ao.head.commands[0];
  return c.kind === 'simple' && c.assigns.length === 0 && c.redirs.length === 0 && c.words.length > 0 && c.words[0].parts.length === 1 && c.words[0].parts[0].kind === 'lit' && c.words[0].parts[0].text === name;
}

/** busybox ash's reserved words (ash.c tokname_array), which its xtrace quotes. */
const ASH_KEYWORDS = new Set(['case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'then', 'until', 'while']);

/**
 * A word as xtrace shows it: as is when every character is safe (`+,-./0-9:@A-Z]^_a-z`, busybox
 * ash's maybe_single_quote), else single-quoted with `'"'"'` for a quote. bash writes '' for
 * an empty word where ash writes nothing.
 */
function traceQuote(w: string, gnu: boolean): string {
  if (w === '') return gnu ? "''" : '';
  // ash also quotes a word that is a reserved word, wherever it came from (recorded: shell/xtrace)
  if (/^[+,\-./0-9:@A-Z\]^_a-z]+$/.test(w) && (gnu || !ASH_KEYWORDS.has(w))) return w;
  return `'${w.replace(/'/g, `'"'"'`)}'`;
}

/** A command of a script as ParsedScript keeps it, with where the source after it starts. */
export interface ParsedChunk {
  list: List;
  pos: number;
  line: number;
}

/**
 * A script parsed one command at a time, as a shell reads it (a syntax error further down does
 * not stop the lines before it), and kept: an entrypoint or a client stand-in of thousands of
 * lines runs once per `docker exec`, and parsing it again each time cost more than running it.
 * The parsed commands are never changed by running them, so one parse serves every run.
 */
class ParsedScript {
  private readonly parser: Parser;
  private readonly chunks: ParsedChunk[] = [];
  private end = false;
  /** Where parsing stopped for good: a ParseError, or the parser's nesting budget (same text, same error). */
  private error: Error | undefined;

  constructor(
    private readonly src: string,
    /** The script's commands parsed before, n-th on demand (see useParsedScripts). */
    private readonly before?: ParsedCommands,
    /** Parsed as bash does (`(( ))`, `for (( ;; ))`), not as ash. */
    bash = false,
    startLine = 1,
  ) {
    this.parser = new Parser(src, startLine, bash);
  }

  /** The n-th command (null after the last); throws the ParseError where parsing stopped. */
  chunk(n: number): List | null {
    while (this.chunks.length <= n && !this.end) {
      if (this.before) {
        const c = this.before(this.chunks.length);
        if (c) this.chunks.push(c);
        else this.end = true;
        continue;
      }
      if (this.error) throw this.error;
      try {
        const list = this.parser.nextCommand();
        if (!list) this.end = true;
        else this.chunks.push({ list, ...this.parser.position() });
      } catch (e) {
        // the parser cannot go on after any error: every later run of this text meets it too
        if (e instanceof Error) this.error = e;
        throw e;
      }
    }
    if (n < this.chunks.length) return this.chunks[n].list;
    if (this.error) throw this.error;
    return null;
  }

  /** The line after the n-th command (its newline read). */
  lineAfter(n: number): number {
    return this.chunks[n].line;
  }

  /** The source after the n-th command, and its first line. */
  after(n: number): { source: string; line: number } {
    const c = this.chunks[n];
    return { source: this.src.slice(c.pos), line: c.line };
  }

  /** Every command, or undefined when the text does not parse to its end. */
  all(): ParsedChunk[] | undefined {
    try {
      for (let n = 0; this.chunk(n); n++);
    } catch {
      return undefined;
    }
    return this.chunks;
  }
}

/**
 * Every command of a script as the interpreter keeps them, or undefined when it does not parse to
 * its end: what `npm run build` stores of the catalog's stand-in scripts (src/cli/scripts.ts).
 */
export function scriptChunks(src: string, bash = false): ParsedChunk[] | undefined {
  return new ParsedScript(src, undefined, bash).all();
}

/**
 * A script parsed before: its n-th command as scriptChunks gave it (possibly through JSON:
 * fields that were undefined are then absent, which the interpreter cannot tell apart), null
 * after the last. One at a time, as the script runs: a server stand-in of 1,500 lines may run
 * only its first few before it waits, and reading the rest cost more than parsing what ran.
 */
export type ParsedCommands = (n: number) => ParsedChunk | null;

/**
 * Where scripts parsed before come from: a script's commands, or undefined. The CLI reads the
 * stand-in images' scripts that `npm run build` parsed, which costs a fraction of parsing them
 * (a 2,000-line client stand-in took ~50 ms to parse in a fresh process, ~10 to read back).
 */
let parsedBefore: ((src: string, bash: boolean) => ParsedCommands | undefined) | undefined;

/** Set (or with undefined, clear) where parsed scripts come from. */
export function useParsedScripts(lookup: ((src: string, bash: boolean) => ParsedCommands | undefined) | undefined): void {
  parsedBefore = lookup;
  for (const c of scriptCaches) c.clear();
}

/**
 * Parsed scripts kept, by text, least recently used first: long ones (entrypoints, client
 * stand-ins) and, apart so that they never push a long one out, short ones, which a script runs
 * again and again (`eval "T=\$TT$i"` in the mysql client's loops: ~600 parses of a few words in
 * one page, before).
 */
const CACHE_MIN_LENGTH = 512;
const CACHE_ENTRIES = 64;
const SHORT_ENTRIES = 256;
/** The caches by grammar: ash's (index 0) and bash's (1), as one text may parse differently in each. */
const scriptCaches = [new Map<string, ParsedScript>(), new Map<string, ParsedScript>()];
const shortCaches = [new Map<string, ParsedScript>(), new Map<string, ParsedScript>()];
registerMemo(() => {
  for (const c of [...scriptCaches, ...shortCaches]) c.clear();
});

/** `exit` typed at an interactive shell on a terminal (Shell.runTerminal): the shell ends. */
class TerminalExit {
  constructor(readonly status: number) {}
}

function parsedScript(src: string, bash: boolean, startLine = 1): ParsedScript {
  // (a line typed at a terminal, numbered from where the shell's input is: not kept)
  if (startLine !== 1) return new ParsedScript(src, undefined, bash, startLine);
  const short = src.length < CACHE_MIN_LENGTH;
  const cache = (short ? shortCaches : scriptCaches)[bash ? 1 : 0];
  let s = cache.get(src);
  if (s) {
    // least recently used goes first
    cache.delete(src);
  } else {
    // (what the build parsed before is the stand-in images' scripts, as ash and dash run them and,
    // in an Oracle Linux image, bash)
    s = new ParsedScript(src, short ? undefined : parsedBefore?.(src, bash), bash);
    if (cache.size >= (short ? SHORT_ENTRIES : CACHE_ENTRIES)) cache.delete(cache.keys().next().value!);
  }
  cache.set(src, s);
  return s;
}
