// The contract between the shell interpreter, its applets, and whoever runs a shell (the engine,
// for `sh -c` in containers, RUN steps and host lines). Data flowing through pipes and files is
// a byte string (see fs/bytes.ts).

import type { AshHistory, BashHistory } from './history.ts';
import type { AndOr, CompoundCommand, FunctionDef, List, Pipeline } from './ast.ts';
import type { Credentials, StandInRules, Vfs } from '../fs/vfs.ts';
import type { UsersBuild } from './applets/users.ts';
import { LimitError as ShellLimitError } from '../fs/errors.ts';

/**
 * Which tools' words the applets print: busybox inside containers, GNU coreutils on the host and in
 * a container whose image has GNU tools (ShellEnvironment.userland).
 */
export type Flavor = 'busybox' | 'gnu';

/** The shell language a Shell speaks: bash, busybox's ash, or dash (an Almquist shell too, with its own words). */
export type ShellLanguage = 'bash' | 'ash' | 'dash';

/**
 * A container whose image has GNU tools where its stand-in has busybox (a Debian-, Ubuntu- or Oracle
 * Linux-based image; src/container/userland.ts decides it from the image). Its programs are files
 * found through PATH, as in any container; a busybox applet link named like one of `commands` runs
 * strata's GNU program, any other one busybox's; `bash` is bash, `sh` is `sh`.
 */
export interface GnuUserland {
  /** What /bin/sh is: dash (Debian, Ubuntu) or bash (Oracle Linux). */
  readonly sh: 'dash' | 'bash';
  /** The commands of the real image whose GNU words strata prints. */
  readonly commands: ReadonlySet<string>;
  /** Real paths of the image's shell files that are the shells they are named after (the stand-in's `/bin/bash`). */
  readonly shellFiles: ReadonlySet<string>;
  /** bash's `$BASH_VERSION` in the real image (`5.2.15(1)-release`); undefined where it is not known. */
  readonly bashVersion: string | undefined;
  /**
   * The PS1 an interactive bash of the real image starts with, as its startup files set it
   * (/etc/bash.bashrc, root's ~/.bashrc: files the stand-ins do not have; userland.ts); null when
   * they set none (bash's own default); undefined when strata does not know them.
   */
  readonly bashrcPs1: string | null | undefined;
  /**
   * What root's own ~/.bashrc in the real image adds, where it is not Debian's (comments only):
   * Ubuntu's sets an xterm title before the prompt and aliases (userland.ts UBUNTU_ROOT_BASHRC).
   */
  readonly rootBashrc?: RootBashrc;
}

/** Root's ~/.bashrc of an image, as far as an interactive bash's session shows it (userland.ts). */
export interface RootBashrc {
  /** PS1 gets the xterm title `\\[\\e]0;\\u@\\h: \\w\\a\\]` before it when $TERM is xterm* or rxvt*. */
  readonly xtermTitle: boolean;
  /** The aliases it defines whose expansion changes what the screen shows: refused by name at the prompt. */
  readonly aliases: readonly string[];
  /** The homes of the image's other users, whose own ~/.bashrc strata does not know. */
  readonly otherHomes: readonly string[];
}

/** Limits so no script can hang or exhaust memory. */
export interface Budget {
  /** Commands, loop iterations and function calls left; the interpreter decrements it. */
  steps: number;
  /** Max bytes a single stream or file may reach. */
  maxBytes: number;
}

export function defaultBudget(): Budget {
  return { steps: 200_000, maxBytes: 64 * 1024 * 1024 };
}

/**
 * Thrown when a budget runs out; the engine turns it into a clear refusal. The file system's
 * LimitError (a tree nested too deep) is the same class, so every budget is handled alike.
 */
export { ShellLimitError };

/** The step budget ran out (a loop that does not end, or ends too late to simulate). */
export class StepBudgetError extends ShellLimitError {
  constructor() {
    super('script exceeded the step budget (possible infinite loop)');
  }
}

/** Spend `n` steps of the budget: the step-budget refusal once it runs out. */
export function spendSteps(budget: Budget, n = 1): void {
  budget.steps -= n;
  if (budget.steps < 0) throw new StepBudgetError();
}

/**
 * Thrown by `sleep` (or `tail -f`) in a process that runs in the background: the process would
 * block here, so the engine leaves the container running. See engine docs on main processes.
 */
export class BlockedSignal extends Error {
  constructor(
    readonly reason: string,
    /**
     * The process's own shell, when that shell is what blocks (in `wait`): its traps decide what a
     * signal does to the process. Undefined when a foreground child blocks (the shell would run a
     * trap only after that child ends).
     */
    readonly waiting?: WaitingShell,
    /**
     * A bare `sleep N` at the top of the process's script blocks (see ShellEnvironment.sleep): its
     * seconds; with `sleeping`, the script's shell and what follows the sleep, to go on with when
     * the sleep is over (container/lifecycle.ts endDueSleeps).
     */
    readonly sleep?: number,
    readonly sleeping?: WaitingShell,
    /** The shell whose sleep this is (its frames are added only by that shell as the signal leaves it). */
    readonly owner?: object,
    /**
     * The process's own shell exec'd the program that blocks (`exec sleep 1000`): the process is
     * now that program (docker top lists it alone), and a sleep's seconds, after which it ends.
     */
    readonly exec?: { argv: string[]; seconds?: number; jobs?: (string[] | null)[] },
    /** A `sleep` that blocks: its seconds. */
    readonly seconds?: number,
  ) {
    // no stack trace (as FsError): a background script's every sleep throws one, twice (the
    // shell that sleeps throws it again with itself), and nothing reads its stack
    const V8Error = Error as ErrorConstructor & { stackTraceLimit?: number };
    const limit = V8Error.stackTraceLimit;
    V8Error.stackTraceLimit = 0;
    super(`blocked: ${reason}`);
    V8Error.stackTraceLimit = limit;
    this.name = 'BlockedSignal';
  }
}

/** A shell blocked in `wait`, as plain data (it is kept in the engine state while it runs). */
export interface WaitingShell {
  /** Signal name without SIG (`TERM`, `INT`, `EXIT`) -> action; '' ignores the signal. */
  traps: Record<string, string>;
  vars: [string, { value?: string; exported: boolean; readonly?: true }][];
  functions: [string, FunctionDef][];
  cwd: string;
  argv0: string;
  positional: string[];
  fileMode: boolean;
  /**
   * When the shell waits in a top-level `wait` command of its script: what follows it (the rest
   * of that line's commands, then the rest of the script), run after a trap that does not exit.
   * When it sleeps: what follows the top-level command that holds the sleep.
   */
  rest?: { items: AndOr[]; source: string; line: number };
  /**
   * A shell asleep (BlockedSignal.sleeping): where it sleeps inside the top-level command, as the
   * work left at each level from the sleep outwards (innermost first). See SleepFrame.
   */
  frames?: SleepFrame[];
  /** A sleeping shell's options (`set -e` ...), umask, and its top-level descriptors that `exec` changed. */
  opts?: { errexit: boolean; nounset: boolean; pipefail: boolean; xtrace: boolean; noglob: boolean; letters?: string };
  umask?: number;
  fds?: FdDesc[];
  /** Signals that came while the shell slept and that it traps: their traps run when the sleep ends. */
  pending?: { signal: string; signo: number }[];
  /** The `sleep` command it sleeps in, as its child process's argv (`docker top` lists it). */
  sleepArgv?: string[];
  /** busybox ash running a `-c` string (whose last command it execs in its own process: docker top). */
  commandString?: true;
  /** The shell runs a catalog stand-in's program (ShellEnvironment.standInScript), of this server: it goes on as one. */
  standIn?: string;
  /**
   * A shell in `wait`: the background jobs it waits for, in the order it started them, each one's
   * argv when it is a lone simple command (ash execs it in the job's own process: docker top lists
   * it as the shell's child), null for any other job (a subshell, a pipeline, a list).
   */
  jobs?: (string[] | null)[];
}

/**
 * A descriptor of a sleeping shell's table, as plain data, to open again when the shell goes on:
 * a file it writes (where its offset is), what is left of an input, another descriptor of the
 * same table (`2>&1`), one of the enclosing table (`outer`), or closed.
 */
export type FdDesc =
  | { fd: number; kind: 'file'; path: string; target: string; append: boolean; offset: number }
  | { fd: number; kind: 'in'; data: string; pos: number; directory?: true }
  | { fd: number; kind: 'same'; as: number }
  | { fd: number; kind: 'outer'; as: number }
  | { fd: number; kind: 'closed' };

/**
 * What is left to do, at one level of a script, once a sleep inside it is over (the sleep's level
 * first, then each enclosing one): the rest of a list or and-or list, a pipeline's status, a
 * compound command's (or function call's) descriptors, the rest of a loop, an `if`'s test, a
 * function call's frame, the variables a command's assignments hid.
 */
export type SleepFrame =
  | { kind: 'list'; items: readonly AndOr[]; next: number }
  | { kind: 'andor'; node: AndOr; next: number }
  | { kind: 'pipeline'; node: Pipeline; cond: boolean }
  | { kind: 'redirs'; fds: FdDesc[] }
  | { kind: 'loop'; node: Extract<CompoundCommand, { kind: 'loop' }>; inCond: boolean; status: number }
  | { kind: 'for'; node: Extract<CompoundCommand, { kind: 'for' }>; items: string[]; next: number }
  | { kind: 'if'; node: Extract<CompoundCommand, { kind: 'if' }>; clause: number; inCond: boolean }
  | { kind: 'function'; positional: string[]; loopDepth: number; saved: [string, { value?: string; exported: boolean; readonly?: true } | undefined][] }
  /** `A=1 f`: the variables to put back once f is done. */
  | { kind: 'vars'; saved: [string, { value?: string; exported: boolean; readonly?: true } | undefined][] };

/**
 * A sleep in a background process that strata cannot let the process go on from later (it sleeps
 * where the shell keeps no continuation, or wakes too often to follow): the command is refused.
 */
export class SleepLoopNotSimulated extends ShellLimitError {}

/**
 * What the shell met and strata does not simulate, where any answer would be a wrong one (the
 * value of $RANDOM): the command line is refused by name (engine.ts), nothing kept. Defined with
 * the file system's errors, which throw it too (a stand-in's placeholder file, fs/node.ts).
 */
export { ShellNotSimulated } from '../fs/errors.ts';

/**
 * A terminal's shell between two command lines (src/shell/interpreter.ts terminalState): a
 * Markdown page is one session, where `cd`, `export X=1` or a function hold for the lines after.
 */
export interface TerminalState {
  readonly cwd: string;
  readonly vars: readonly (readonly [string, { readonly value?: string; readonly exported: boolean; readonly readonly?: true }])[];
  readonly functions: readonly (readonly [string, FunctionDef])[];
}

/**
 * What an interactive shell writes around its reads on a terminal (Shell.runTerminal), each
 * shell's from src/shell/interactive.ts terminalPrompts.
 */
export interface TerminalPrompts {
  /** Where its prompts go: stdout for busybox ash, stderr for dash and bash. */
  readonly fd: number;
  ps1(): string;
  ps2(): string;
  /** What its line editor writes on `fd` once it has read a line (bash's readline: bracketed paste off). */
  readonly lineRead: string;
  /** What it writes on stderr at Ctrl-D, before it ends. */
  readonly atEof: string;
  /** What the `exit` builtin writes on stderr first (bash's `exit`). */
  readonly atExit: string;
  /** Refuses by name what a command line typed at it would do that strata does not simulate. */
  check?(src: string, commands: readonly List[]): void;
  /** bash's command history (src/shell/history.ts): each command typed is added, and the file written as the shell ends. */
  readonly history?: BashHistory;
  /** busybox ash's line history (src/shell/history.ts): each line read is added, and appended to the file at once. */
  readonly lineHistory?: AshHistory;
}

export interface ProcessIO {
  /** Everything the process can read on fd 0. */
  stdin: string;
  stdout(data: string): void;
  stderr(data: string): void;
  /**
   * fd 0 stays open and nobody writes to it: a detached container's `-i` pipe or `-t` terminal
   * (recorded: core/detached-open-stdin, `docker run -dit busybox` keeps its shell running). A
   * read past `stdin` waits for ever.
   */
  stdinOpen?: boolean;
  /** fd 0, 1 and 2 are the container's terminal (`-t`): what isatty(3) says, for an interactive shell. */
  terminal?: boolean;
  /**
   * fd 1 and 2 are what the scenario or page shows (a command line's own output, engine.ts
   * execute), not a redirection or a pipe; for a program, whether its fd 2 still is.
   */
  transcript?: boolean;
  /**
   * fd 0 is the reader's terminal (a Markdown page's session, src/pages/session.ts): a read past
   * `stdin` asks it for the next line the reader types. Only `docker run -it` and `docker exec -it`
   * pass it on to the program in the container.
   */
  keyboard?: Keyboard;
  /** fd 1 and fd 2 of a program when either is a terminal: whether each is (isatty). */
  outTerminal?: { stdout: boolean; stderr: boolean };
  /** fd 2 of a program goes to /dev/null (`2>/dev/null`): what it writes there is read by nobody. */
  stderrDiscarded?: true;
}

/**
 * The keyboard of the reader's terminal. `line` returns the next line typed (without its newline)
 * at what the terminal shows on the cursor's line, or undefined for Ctrl-D (end of input); with
 * `echo` the terminal shows the line as it is typed (its line discipline, or the program's
 * readline), without it (a password) nothing is shown.
 */
export interface Keyboard {
  line(echo: boolean): string | undefined;
}

/**
 * What a page's reader typed at a read without echo (a password) before pressing Enter: the page
 * shows the prompt on a line of its own and not what was typed, so the session types this mark,
 * which the catalog's clients take as the account's right password (catalog/mysql/files/mysql
 * UNSEEN). Ctrl-D there is a read that returns no line.
 */
export const TYPED_UNSEEN = '__strata_typed_unseen__';

/** What a running command (applet or external program) is given. */
export interface AppletContext extends ProcessIO {
  /** The busybox that runs is built on musl (BusyboxBuild.musl): asked by `id USER`. */
  readonly musl?: boolean;
  /** argv[0] as invoked (e.g. `ls`, or `busybox`). */
  name: string;
  fs: Vfs;
  cwd: string;
  /** The process's environment; shared with the shell that started it, so never changed. */
  env: Readonly<Record<string, string>>;
  flavor: Flavor;
  budget: Budget;
  /** Hostname for the `hostname` applet (containers: the short container ID). */
  hostname: string;
  /** Called by `sleep`: may throw BlockedSignal (background process) or return. */
  sleep(seconds: number): void;
  /**
   * The program's PID in its container, when it runs in its shell's place (`exec`, or a
   * container's main program): what a program that writes its PID (syslogd's pid file) writes.
   * Absent for a child process, whose PID strata does not keep.
   */
  readonly pid?: number;
  /**
   * Run another program by argv (used by applets that run commands, e.g. `xargs`,
   * `env`, `nice`, `timeout`), with this context's environment or `env`. Returns its exit status.
   */
  run(argv: string[], io: ProcessIO, env?: Readonly<Record<string, string>>): number;
  /**
   * Execute the program at `path` (no PATH search) as `argv`, in this process's place, with other
   * credentials (busybox `su`: setgid and setuid, then execv of the shell); undefined where a
   * process cannot change its user (fs.asUser absent).
   */
  runAs?(ids: Credentials, path: string, argv: string[], io: ProcessIO, env: Readonly<Record<string, string>>): number | undefined;
  /**
   * Send a signal (`kill`): false when there is no such process. The shell decides what the
   * receiver does (see the interpreter's process model); absent, only PID 1 exists and ignores it.
   */
  sendSignal?(pid: number, signal: number): boolean;
  /**
   * The PIDs a `%` job spec names, for `kill` run as the shell's builtin: the job's processes
   * still there (possibly none), or the shell's message for a spec that names no job (`reported`:
   * the shell printed it already, as busybox ash's error of the whole command).
   */
  jobPids?(spec: string): number[] | { error: string; reported?: true };
  /** isatty(3) of a descriptor of the program (`test -t N`): whether it is the terminal. */
  isatty?(fd: number): boolean;
  /** Whether a descriptor of the program is /dev/null: what it writes there is seen by nobody. */
  discards?(fd: number): boolean;
  /**
   * strata's own refusal, told as a fact rather than as words to be matched: the program wrote
   * `line` (`wget: strata does not simulate ...`) on its stderr and did not do what the real
   * program does. Passed on to ShellEnvironment.standInRefused, so that a caller that swallowed
   * the words and the status (`wget -q URL >/dev/null 2>&1 || true`) cannot hide it.
   */
  refused?(line: string): void;
  /**
   * Set when the command runs as a shell builtin (`echo`, `printf`, `test`, `[`, `kill` found
   * without a PATH search) rather than as its own program: its error messages then carry the
   * shell's prefix instead of the program name. busybox ash prints `sh: MSG` (the name busybox was
   * started as, no line number), bash `bash: line N: NAME: MSG`; `errorPrefix` is `sh: ` or
   * `bash: line N: ` accordingly.
   */
  builtin?: { errorPrefix: string };
  /**
   * Set when stdout is /dev/null. What is written there is not kept, so it does not count against
   * `budget.maxBytes`: a command need not count or buffer it (`seq 1 10000000 > /dev/null` runs).
   * The shell charges the step budget for it instead (see DiscardSink in fds.ts), so a writer that
   * never stops (`yes > /dev/null`) still ends.
   */
  stdoutDiscarded?: boolean;
  /**
   * Set when fd 0 is a directory the shell opened (`cmd < dir`): every read(2) fails with EISDIR.
   * Reading `stdin` then does what stdin-errors.ts says of the program; a program whose words
   * depend on where it reads (GNU paste, once per `-` operand) checks this instead.
   */
  stdinIsDirectory?: boolean;
  /**
   * The version line of the busybox that runs, where it is not the oracle's 1.35 (BusyboxBuild.real:
   * the real busybox:latest's `BusyBox v1.38.0 (2026-05-13 02:21:49 UTC)`): usage texts begin with
   * it (util.ts busyboxBanner). Asked only by a usage text.
   */
  readonly busyboxVersion?: string;
}

/**
 * How much of its stdin a command reads before it exits, told from its arguments alone (before
 * it runs), e.g. `head -n 2`: two lines. See `Applet.stdinDemand` and the interpreter's pipelines.
 */
export interface StdinDemand {
  /**
   * Called with each chunk written into the pipe, in order; true once the chunks so far hold
   * everything the reader will consume (then the reader exits, and the writer's later writes
   * break the pipe).
   */
  satisfiedBy(chunk: string): boolean;
}

/** A program: runs to completion and returns its exit status. */
export interface Applet {
  (ctx: AppletContext, args: string[]): number;
  /**
   * Optional: the stdin demand of `NAME ARGS...` when it can be known from the arguments alone;
   * undefined when the command may read all of its input (the default). A pipeline whose reader
   * declares a demand stops its writer with SIGPIPE once the demand is met, as a real pipe does
   * when the reader has exited: `yes | head -2` ends instead of producing output forever.
   */
  stdinDemand?: (args: readonly string[], flavor: Flavor) => StdinDemand | undefined;
}

/**
 * Thrown by a pipe's write end once its reader has exited: the writing process dies of SIGPIPE
 * (exit status 141). Applets must not catch it; the interpreter ends the process that wrote.
 */
export class BrokenPipe extends Error {
  constructor() {
    super('broken pipe');
    this.name = 'BrokenPipe';
  }
}

/** Exit status of a process killed by SIGPIPE (128 + 13). */
export const SIGPIPE_STATUS = 141;

/**
 * An external command the shell's environment provides beyond the applets: on the host this is
 * `docker` (the engine itself). Returns undefined when the name is not handled.
 */
export type ExternalCommand = (name: string, args: string[], io: ProcessIO, cwd: string, env: Readonly<Record<string, string>>) => number | undefined;

/** Everything needed to run a shell in some environment. */
export interface ShellEnvironment {
  fs: Vfs;
  flavor: Flavor;
  /** Set (with flavor 'gnu') in a container whose image has GNU tools; absent on the host and in a busybox container. */
  userland?: GnuUserland;
  cwd: string;
  env: Record<string, string>;
  hostname: string;
  budget: Budget;
  /**
   * See AppletContext.sleep. `bare`: the sleep is a bare `sleep N` of the top of its process's
   * script (the process's own shell, at the top level), after which the script can go on later.
   */
  sleep(seconds: number, bare?: boolean): void;
  external?: ExternalCommand;
  /**
   * Extra applets looked up before the registry (tests inject fake applets this way), told this
   * environment's flavor. In the busybox flavor they are still reached through PATH, like every applet.
   */
  applets?: (name: string, flavor: Flavor) => Applet | undefined;
  /**
   * How "command not found" reads: busybox ash prints `sh: NAME: not found`,
   * bash prints `bash: line 1: NAME: command not found`.
   */
  shellName: string;
  /**
   * The process is not its container's PID 1 (a `docker exec`): a signal it sends to PID 1 goes
   * to the container's main process through this (signal 0 only asks whether it exists).
   */
  initSignal?: (signo: number) => void;
  /**
   * The process's PID in its container's PID namespace (`$$`; 1, the main process, when absent),
   * and the next PID that namespace gives (a background job's, `$!`): container/process.ts.
   */
  pid?: number;
  nextPid?: () => number;
  /**
   * PID 1 took other credentials (busybox `su` in its place, as a server image's entrypoint drops
   * root): its container keeps them (Container.mainDrop). Absent where no container keeps them.
   */
  initCredentials?: (ids: Credentials) => void;
  /**
   * Whether a script's text is one of a server stand-in's programs (an entrypoint, `psql`), and
   * which server's (`postgres`; `env` tells mysql's from mariadb's shared client): its shell sees
   * the file system through `fs.standInView(standInRules(server, env))`, reading and writing the
   * placeholder files where the real server keeps data strata does not know (fs/node.ts). Absent
   * where no stand-in's files are placeholders (the host, `--busybox-stand-ins`).
   */
  standInScript?: (text: string, env: Readonly<Record<string, string>>) => string | undefined;
  /** That server's rules: the directories whose names its stand-in does not all make, the files it writes exactly. */
  standInRules?: (server: string, env: Readonly<Record<string, string>>) => StandInRules;
  /** Set in the environment of a shell that runs a server stand-in's program: the server. */
  standInServer?: string;
  /**
   * Told the line of each script (a `#!` file, `sh FILE`) that refused as a stand-in's program
   * does: it exited 125 having written `strata does not simulate ...` on its stderr, wherever that
   * went (`apk add x >/dev/null 2>&1 || true`); and of each refusal of strata's own programs
   * (AppletContext.refused: wget's, curl's, `ulimit -n`'s), whatever their words. The process that ran it learns so even when its
   * words and status were swallowed (container/process.ts runProcess). Absent on the host and with
   * the oracle's stand-ins, where the step or process goes on as it did there.
   */
  standInRefused?: (line: string) => void;
  /**
   * How the image's own busybox was built (container/userland.ts busyboxBuildOf), asked when an
   * interactive ash starts: what it prints around its prompts and whether it saves its history.
   * Absent: the oracle's busybox, Debian's busybox-static 1.35 (ORACLE_BUSYBOX_BUILD).
   */
  busyboxBuild?: () => BusyboxBuild;
}

/**
 * The build options of a busybox (libbb/Config.src, shell/Config.src) that an interactive ash
 * shows: its banner, its line editor's output and its history (src/shell/history.ts).
 */
export interface BusyboxBuild {
  /** CONFIG_FEATURE_EDITING_HISTORY: the most lines the list holds (MAX_HISTORY), and HISTFILESIZE's cap. */
  readonly maxHistory: number;
  /** CONFIG_FEATURE_EDITING_SAVEHISTORY (without SAVE_ON_EXIT): each line read is appended to $HISTFILE at once. */
  readonly saveHistory: boolean;
  /**
   * busybox 1.37 and later: the line editor writes its prompts, the cursor question and the
   * `history` builtin's list on stderr, where 1.36 and older used stdout (mirror/busybox@fd47f0567
   * "lineedit: print prompt and editing operations to stderr").
   */
  readonly editorOnStderr: boolean;
  /** Not CONFIG_FEATURE_SH_EXTRA_QUIET: the banner (`BusyBox v... built-in shell (ash)`) before the first prompt. */
  readonly banner: boolean;
  /** CONFIG_FEATURE_EDITING_ASK_TERMINAL: on a terminal, the cursor-position question (`ESC [ 6 n`) after each prompt. */
  readonly asksCursor: boolean;
  /**
   * The busybox of the real busybox:latest (image/busybox-real.ts), known by its bytes: its
   * version line (`BusyBox v1.38.0 (2026-05-13 02:21:49 UTC)`: usage texts, `busybox --help`) and
   * its applets (`busybox --list`), which it runs or strata refuses by name. Absent: the oracle's
   * busybox 1.35 words and applets (also for Alpine's busybox, whose own strata does not have).
   */
  readonly real?: { readonly version: string; readonly applets: ReadonlySet<string>; readonly help: () => string };
  /**
   * Its adduser, addgroup, deluser and delgroup, with their build options (applets/users.ts):
   * Alpine's. Absent: strata does not run them (the oracle's busybox has none; the real
   * busybox:latest's are refused by name).
   */
  readonly users?: UsersBuild;
  /**
   * It runs on musl (Alpine), whose getgrouplist(3) does not drop a group listed twice: `id USER`
   * of a user who is also a member of its primary group prints that group twice
   * (test/recorded/busybox-adduser: `groups=101(app),101(app)`). Absent: glibc's, which does.
   */
  readonly musl?: boolean;
  /**
   * The applets of the image's busybox where they are not the oracle's 1.35 ones and strata knows
   * them without its bytes (Alpine's: image/alpine-busybox.ts): what a link to it runs (or strata
   * refuses by name), any other name being `NAME: applet not found`. Absent: `real`'s, or the oracle's.
   */
  readonly applets?: ReadonlySet<string>;
  /**
   * false: ash is built without FEATURE_SH_STANDALONE, so a command name is found in PATH only, never
   * as an applet without a link (Alpine's: `PATH=/none; ls` is `sh: ls: not found`, and
   * `command -v awk` is `/usr/bin/awk`). Absent: standalone, as the oracle's busybox is.
   */
  readonly standalone?: false;
}

/**
 * The oracle's busybox, Debian's busybox-static 1.35 (recorded on this host: test/pages/pty/
 * busybox-history-standin.json, ash-*.json): its banner and the cursor question, a list of 15
 * lines, no history file, no $HISTFILE, prompts and `history` on stdout.
 */
export const ORACLE_BUSYBOX_BUILD: BusyboxBuild = { maxHistory: 15, saveHistory: false, editorOnStderr: false, banner: true, asksCursor: true };

/** The build of the busybox a shell runs as: its image's, or the oracle's. */
export function busyboxBuildOf(sys: Pick<ShellEnvironment, 'busyboxBuild'>): BusyboxBuild {
  return sys.busyboxBuild?.() ?? ORACLE_BUSYBOX_BUILD;
}
