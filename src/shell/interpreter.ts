// Executes the syntax tree. A Shell holds one shell process's state (variables, functions, cwd,
// positional parameters, options); subshells are copies. Commands run synchronously: a pipeline
// runs its left side to completion into a buffer, then the right side reads it. File
// descriptors are a small table per command mapping numbers to input buffers or output sinks;
// sinks forward each chunk at once, so merged stdout/stderr keep their real interleaving.
//
// SIGPIPE: a real writer stops when its reader has exited (`yes | head -2`). Here the reader runs
// after the writer, so the reader's consumption has to be known before: when the right side of a
// pipe is a command whose applet declares a stdin demand from its arguments (`head -n 2`), the
// pipe's buffer knows when that demand is met. The writer may then still fill one pipe capacity
// (64 KiB, what a real writer gets in before the exited reader is noticed: short writers like
// `(echo a; echo b) | head -1` finish normally), and its next write throws BrokenPipe, which kills
// the writing process with status 141: an applet's own process, or for shell builtins the
// (sub)shell that ran them. Readers without a declared demand read everything, as before.

import { type Errno, FsError, STRERROR } from '../fs/errors.ts';
import { basename, join, normalize } from '../fs/path.ts';
import type { Stat } from '../fs/vfs.ts';
import type { AndOr, Command, CompoundCommand, FunctionDef, List, Pipeline, Redirect, SimpleCommand, Word } from './ast.ts';
import { getApplet } from './applets/index.ts';
import { type ExpandHost, ExpansionError, expandChunks, expandString, expandWords, matchPattern } from './expand.ts';
import { ParseError, Parser, formatParseError, isName } from './parser.ts';
import {
  BlockedSignal,
  BrokenPipe,
  SIGPIPE_STATUS,
  ShellLimitError,
  type Applet,
  type AppletContext,
  type ProcessIO,
  type ShellEnvironment,
  type StdinDemand,
} from './types.ts';

// ---------------------------------------------------------------- errors and signals

/** execve failed: the engine turns this into Docker's error message. */
export class ExecError extends Error {
  constructor(
    readonly kind: 'not-found' | 'permission' | 'exec-format',
    /** The program as given (argv[0]). */
    override readonly name: string,
  ) {
    super(`${kind}: ${name}`);
  }
}

/** `exit`, or a fatal shell error: unwinds to the shell process boundary. */
class ExitSignal {
  constructor(readonly status: number) {}
}
class ReturnSignal {
  constructor(readonly status: number) {}
}
class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}
/** Writing to a redirected file failed (ENOSPC, /dev/full...). */
class WriteError extends Error {
  constructor(readonly code: Errno) {
    super(STRERROR[code]);
  }
}

/** Let programming errors surface in tests; in production they become one stderr line. */
export const RETHROW_INTERNAL_ERRORS = typeof process !== 'undefined' && !!process.env.VITEST;

const MAX_DEPTH = 200;
const BUSYBOX = '/bin/busybox';
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);
/** Shell builtins that are applets here: found without PATH, as ash and bash have them built in. */
const BUILTIN_APPLETS = new Set(['echo', 'printf', 'test', '[', 'kill']);
/** POSIX special builtins: assignments before them persist. */
const SPECIAL = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset']);
const BUILTINS = new Set([
  ...SPECIAL,
  'true', 'false', 'cd', 'pwd', 'read', 'local', 'source', 'wait', 'umask', 'command', 'type', 'ulimit', 'hash', 'times',
]);

/**
 * Applets with a /bin symlink in the busybox image (busybox-static 1.35, see
 * shared/oracle/base-image.txt): named but not simulated means a clear refusal, not "not found".
 */
const BUSYBOX_APPLETS = new Set(
  `[ [[ acpid adjtimex ar arch arp arping ascii ash awk base64 basename bc blkdiscard blockdev brctl bunzip2
  bzcat bzip2 cal cat chgrp chmod chown chroot chvt clear cmp cp cpio crc32 crond crontab cttyhack cut date dc
  dd deallocvt depmod devmem df diff dirname dmesg dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases
  echo ed egrep env expand expr factor fallocate false fatattr fdisk fgrep find findfs fold free freeramdisk
  fsfreeze fstrim ftpget ftpput getopt getty grep groups gunzip gzip halt head hexdump hostid hostname httpd
  hwclock i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifup init insmod ionice ip ipcalc
  ipneigh kill killall klogd last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login logname
  logread losetup ls lsmod lsscsi lzcat lzma lzop md5sum mdev microcom mim mkdir mkdosfs mke2fs mkfifo mknod
  mkpasswd mkswap mktemp modinfo modprobe more mount mt mv nameif nc netstat nl nologin nproc nsenter nslookup
  nuke od openvt partprobe passwd paste patch pidof ping ping6 pivot_root poweroff printf ps pwd rdate readlink
  realpath reboot renice reset resume rev rm rmdir rmmod route rpm rpm2cpio run-init run-parts sed seq
  setkeycodes setpriv setsid sh sha1sum sha256sum sha3sum sha512sum shred shuf sleep sort ssl_client
  start-stop-daemon stat strings stty su sulogin svc svok swapoff swapon switch_root sync sysctl syslogd tac
  tail tar taskset tc tee telnet telnetd test tftp time timeout top touch tr traceroute traceroute6 true
  truncate ts tty tunctl ubirename udhcpc udhcpd uevent umount uname uncompress unexpand uniq unix2dos unlink
  unlzma unshare unxz unzip uptime usleep uudecode uuencode vconfig vi w watch watchdog wc wget which who
  whoami xargs xxd xz xzcat yes zcat`.split(/\s+/),
);
/** Common host programs beyond busybox's, refused with a clear message on the host. */
const GNU_TOOLS = new Set(
  `gawk mawk python python3 perl ruby node npm npx git curl make gcc cc g++ vim nano emacs ssh scp rsync jq
  apt apt-get dpkg yum dnf rpm sudo systemctl service journalctl ss zip xz strace file patch lsblk useradd
  usermod groupadd script screen tmux htop column locale iptables openssl gpg`.split(/\s+/),
);

// ---------------------------------------------------------------- file descriptors

interface Input {
  data: string;
  pos: number;
}
interface Sink {
  write(data: string): void;
}
type Fd = { kind: 'in'; input: Input } | { kind: 'out'; sink: Sink };
type Fds = Map<number, Fd>;

/** Bytes a pipe holds (Linux's default pipe capacity). */
const PIPE_CAPACITY = 65536;

/**
 * Collects a pipe's or a command substitution's output, within the byte budget. With the reader's
 * stdin demand (pipes only), it breaks once the reader has what it needs and the writer has filled
 * one more pipe capacity.
 */
class Capture implements Sink {
  data = '';
  /** Length past which writes break the pipe (set once the demand is met). */
  private cutoff: number | undefined;
  constructor(
    private readonly max: number,
    private readonly demand?: StdinDemand,
    /** Runs the reader on what was written, when the pipe breaks (before the writer learns it). */
    private readonly onBreak?: (data: string) => void,
  ) {}
  write(d: string): void {
    if (this.cutoff !== undefined && this.data.length + d.length > this.cutoff) {
      this.onBreak?.(this.data);
      throw new BrokenPipe();
    }
    this.data += d;
    if (this.data.length > this.max) throw new ShellLimitError(`output exceeded the size limit (${this.max} bytes)`);
    if (this.demand && this.cutoff === undefined && this.demand.satisfiedBy(d)) this.cutoff = this.data.length + PIPE_CAPACITY;
  }
}

export function fdsFromIO(io: ProcessIO): Fds {
  return new Map<number, Fd>([
    [0, { kind: 'in', input: { data: io.stdin, pos: 0 } }],
    [1, { kind: 'out', sink: { write: (d) => io.stdout(d) } }],
    [2, { kind: 'out', sink: { write: (d) => io.stderr(d) } }],
  ]);
}

// ---------------------------------------------------------------- program resolution

/** What a command name resolves to. */
type Target =
  | { kind: 'applet'; applet: Applet }
  /** A file whose real path is /bin/busybox: the applet is chosen by argv[0]. */
  | { kind: 'busybox' }
  /** sh/ash/bash/dash: a nested shell. */
  | { kind: 'shell' }
  /** A `#!` script for a shell, or an executable text file without `#!`. */
  | { kind: 'script'; path: string; interp: string[]; shebang: boolean }
  | { kind: 'external' }
  | { kind: 'unsimulated' }
  | { kind: 'not-found' }
  | { kind: 'permission' }
  | { kind: 'is-dir' };

/** How launch failures are reported: by the shell, by `exec`, by an applet's run(), or by docker. */
type Launcher = { kind: 'shell' } | { kind: 'exec' } | { kind: 'applet'; caller: string } | { kind: 'docker' };

interface Var {
  value?: string;
  exported: boolean;
}

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
}

// ---------------------------------------------------------------- the shell

export class Shell {
  private vars = new Map<string, Var>();
  private functions = new Map<string, FunctionDef>();
  private cwd: string;
  private positional: string[];
  private argv0: string;
  private readonly fileMode: boolean;
  private readonly commandString: boolean;
  private status = 0;
  private opts = { errexit: false, nounset: false, pipefail: false, xtrace: false, noglob: false };
  /** >0 while running a condition (if/while test, left of && ||, after !): errexit is off. */
  private condDepth = 0;
  private loopDepth = 0;
  /** Function frames and sourced files that `return` may leave. */
  private returnable = 0;
  private depth = 0;
  private lineNo = 1;
  /** Per function call: saved values of variables made `local`. */
  private locals: Map<string, Var | undefined>[] = [];
  /** A background job that would still be running: `wait` blocks on it. */
  private blockedJob: BlockedSignal | undefined;
  /** A signal this shell handles by exiting, delivered by the last command (see deliverSignal). */
  private caughtSignal: number | undefined;
  /** Status of the last command substitution (the status of an assignment-only command). */
  private lastSubStatus: number | undefined;

  constructor(
    private readonly sys: ShellEnvironment,
    init: ShellInit,
  ) {
    this.cwd = sys.cwd;
    this.argv0 = init.argv0;
    this.positional = init.positional;
    this.fileMode = init.fileMode;
    this.commandString = init.commandString ?? false;
    for (const [k, v] of Object.entries(sys.env)) this.vars.set(k, { value: v, exported: true });
    if (init.asShell) {
      this.vars.set('PWD', { value: this.cwd, exported: true });
      const lvl = parseInt(sys.env.SHLVL ?? '0', 10);
      this.vars.set('SHLVL', { value: String((Number.isNaN(lvl) ? 0 : lvl) + 1), exported: true });
    }
  }

  // ------------------------------------------------------------ entry points

  /** Run a script (sh -c or a script file) to the end; returns the exit status. */
  runTop(src: string, fds: Fds): number {
    return this.boundary(() => this.runSource(src, fds, 'top'));
  }

  /** execve: start argv without a shell; failures to launch throw ExecError. */
  execTop(argv: string[], fds: Fds): number {
    const name = argv[0] ?? '';
    const target = name === '' ? ({ kind: 'not-found' } as const) : this.resolve(name, this.getVar('PATH'));
    if (target.kind === 'not-found') throw new ExecError('not-found', name);
    if (target.kind === 'permission' || target.kind === 'is-dir') throw new ExecError('permission', name);
    if (target.kind === 'script' && !target.shebang) throw new ExecError('exec-format', name);
    return this.boundary(() => this.launch(target, argv, this.childEnv([]), fds, { kind: 'docker' }));
  }

  setOptions(flags: string[]): void {
    for (const f of flags) this.setFlags(f, undefined);
  }

  /** A process boundary: exit and stray control flow end here. */
  private boundary(fn: () => number): number {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.status;
      if (e instanceof LoopControl) return this.status;
      // a builtin of this shell wrote into a pipe whose reader is gone: the process dies of SIGPIPE
      if (e instanceof BrokenPipe) return SIGPIPE_STATUS;
      throw e;
    }
  }

  /** Parse and run one command line at a time, like a shell reading a script. */
  private runSource(src: string, fds: Fds, where: 'top' | 'eval' | 'source', file = ''): number {
    const parser = new Parser(src);
    let status = 0;
    for (;;) {
      let chunk: List | null;
      try {
        chunk = parser.nextCommand();
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.syntaxError(e, fds, where, file);
        this.status = 2;
        if (where === 'eval' && this.gnu) return 2;
        throw new ExitSignal(2);
      }
      if (!chunk) return status;
      status = this.runList(chunk, fds);
    }
  }

  private syntaxError(e: ParseError, fds: Fds, where: 'top' | 'eval' | 'source', file: string): void {
    let prefix: string;
    if (where === 'eval') prefix = `${this.argv0}: eval: line ${e.line}`;
    else if (where === 'source') prefix = this.gnu ? `${file}: line ${e.line}` : `${this.argv0}: .: line ${e.line}`;
    else if (this.fileMode) prefix = `${this.argv0}: line ${e.line}`;
    else prefix = this.gnu ? `${this.argv0}: -c: line ${e.line}` : this.argv0;
    this.write(fds, 2, formatParseError(e, this.gnu, prefix));
  }

  private get gnu(): boolean {
    return this.sys.flavor === 'gnu';
  }

  /** `sh: ` (ash -c), `NAME: line N: ` (scripts, and bash always). */
  private prefix(): string {
    if (this.gnu || this.fileMode) return `${this.argv0}: line ${this.lineNo}: `;
    return `${this.argv0}: `;
  }

  private error(fds: Fds, msg: string): void {
    this.write(fds, 2, `${this.prefix()}${msg}\n`);
  }

  /** An error inside a builtin: ash `sh: cd: line 1: MSG`, bash `bash: line 1: cd: MSG`. */
  private builtinError(builtin: string, fds: Fds, msg: string): void {
    if (this.gnu) this.error(fds, `${builtin}: ${msg}`);
    else {
      const line = this.commandString ? this.lineNo - 1 : this.lineNo;
      this.write(fds, 2, `${this.argv0}: ${builtin === this.argv0 ? '' : `${builtin}: `}line ${line}: ${msg}\n`);
    }
  }

  private write(fds: Fds, fd: number, data: string): void {
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

  private step(): void {
    if (--this.sys.budget.steps < 0) throw new ShellLimitError('script exceeded the step budget (possible infinite loop)');
  }

  private fork(): Shell {
    if (this.depth + 1 > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
    const s = new Shell({ ...this.sys, env: {}, cwd: this.cwd }, { argv0: this.argv0, positional: [...this.positional], fileMode: this.fileMode, commandString: this.commandString, asShell: false });
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    s.functions = new Map(this.functions);
    s.opts = { ...this.opts };
    s.status = this.status;
    s.condDepth = this.condDepth;
    s.loopDepth = this.loopDepth;
    s.returnable = this.returnable;
    s.depth = this.depth + 1;
    s.lineNo = this.lineNo;
    return s;
  }

  /** Run fn as a subshell's whole life. */
  private subshell(fn: () => number): number {
    return this.boundary(fn);
  }

  // ------------------------------------------------------------ lists and pipelines

  private runList(list: List, fds: Fds): number {
    let status = 0;
    for (const ao of list.items) status = ao.background ? this.runBackground(ao, fds) : this.runAndOr(ao, fds);
    return status;
  }

  private runAndOr(ao: AndOr, fds: Fds): number {
    const n = ao.tail.length;
    let status = this.runPipeline(ao.head, fds, n > 0);
    ao.tail.forEach(({ op, pipeline }, i) => {
      if ((op === '&&') === (status === 0)) status = this.runPipeline(pipeline, fds, i < n - 1);
    });
    return status;
  }

  /**
   * `cmd &`: runs to completion at once, in a subshell with stdin from /dev/null, status 0. A job
   * that would block (a long sleep in a background container) is left "running": the script goes
   * on, and only a later `wait` blocks on it.
   */
  private runBackground(ao: AndOr, fds: Fds): number {
    const sub = this.fork();
    const f: Fds = new Map(fds);
    f.set(0, { kind: 'in', input: { data: '', pos: 0 } });
    try {
      sub.subshell(() => sub.runAndOr(ao, f));
    } catch (e) {
      if (!(e instanceof BlockedSignal)) throw e;
      this.blockedJob ??= e;
    }
    this.status = 0;
    return 0;
  }

  private runCond(list: List, fds: Fds): number {
    this.condDepth++;
    try {
      return this.runList(list, fds);
    } finally {
      this.condDepth--;
    }
  }

  private runPipeline(p: Pipeline, fds: Fds, cond: boolean): number {
    const isCond = cond || p.negated;
    if (isCond) this.condDepth++;
    let status: number;
    try {
      status = p.commands.length === 1 ? this.runCommand(p.commands[0], fds) : this.runPipe(p.commands, fds);
    } finally {
      if (isCond) this.condDepth--;
    }
    if (p.negated) status = status === 0 ? 1 : 0;
    this.status = status;
    if (status !== 0 && !isCond && this.condDepth === 0 && this.opts.errexit) throw new ExitSignal(status);
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
        statuses[i] = sub.subshell(() => sub.runCommand(cmds[i], f));
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
    const target = this.resolve(name, this.getVar('PATH'));
    let applet: Applet | undefined;
    let args = argv.slice(1);
    if (target.kind === 'applet') applet = target.applet;
    else if (target.kind === 'busybox') {
      let appletName = basename(name);
      if (appletName === 'busybox') [appletName = '', ...args] = args;
      applet = appletName === 'busybox' || SHELLS.has(appletName) ? undefined : this.lookupApplet(appletName);
    }
    return applet?.stdinDemand?.(args, this.sys.flavor);
  }

  private runCommand(cmd: Command, fds: Fds): number {
    if (cmd.kind === 'simple') return this.runSimple(cmd, fds);
    if (cmd.kind === 'function') {
      this.functions.set(cmd.name, cmd);
      return 0;
    }
    return this.runCompound(cmd, fds);
  }

  // ------------------------------------------------------------ compound commands

  private runCompound(c: CompoundCommand, fds: Fds): number {
    this.lineNo = c.line;
    const f = this.redirect(c.redirs, fds);
    if (!f) return 1;
    switch (c.kind) {
      case 'brace':
        return this.runList(c.body, f);
      case 'subshell': {
        const sub = this.fork();
        return sub.subshell(() => sub.runList(c.body, new Map(f)));
      }
      case 'if':
        for (const cl of c.clauses) if (this.runCond(cl.cond, f) === 0) return this.runList(cl.body, f);
        return c.elseBody ? this.runList(c.elseBody, f) : 0;
      case 'loop': {
        let status = 0;
        this.loop(() => {
          if ((this.runCond(c.cond, f) === 0) === c.until) return false;
          status = this.runList(c.body, f);
          return true;
        });
        return status;
      }
      case 'for': {
        const items = c.words ? this.expandArgs(c.words, f) : [...this.positional];
        let status = 0;
        let i = 0;
        this.loop(() => {
          if (i >= items.length) return false;
          this.setVar(c.name, items[i++]);
          status = this.runList(c.body, f);
          return true;
        });
        return status;
      }
      case 'case': {
        const word = this.expandStr(c.word, f);
        for (const item of c.items) {
          for (const pat of item.patterns) {
            if (matchPattern(this.guard(f, () => expandChunks(pat, this.host(f))), word)) return this.runList(item.body, f);
          }
        }
        return 0;
      }
    }
  }

  /** Run iterations until `iteration` returns false, handling break/continue and the budget. */
  private loop(iteration: () => boolean): void {
    this.loopDepth++;
    try {
      for (;;) {
        this.step();
        try {
          if (!iteration()) return;
        } catch (e) {
          if (!(e instanceof LoopControl)) throw e;
          if (e.levels > 1) {
            e.levels--;
            throw e;
          }
          if (e.kind === 'break') return;
        }
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
    const argv = this.expandArgs(cmd.words, fds);
    if (argv.length === 0) {
      for (const a of cmd.assigns) this.setVar(a.name, this.expandStr(a.value, fds));
      if (!this.redirect(cmd.redirs, fds)) return 1;
      return this.lastSubStatus ?? 0;
    }
    const assigns = cmd.assigns.map((a) => [a.name, this.expandStr(a.value, fds)] as [string, string]);
    const f = this.redirect(cmd.redirs, fds);
    if (!f) return 1;
    return this.invoke(argv, assigns, f, fds);
  }

  private invoke(argv: string[], assigns: [string, string][], fds: Fds, outer: Fds): number {
    const [name, ...args] = argv;
    if (name === 'exec') return this.execBuiltin(args, assigns, fds, outer);
    if (SPECIAL.has(name)) {
      for (const [k, v] of assigns) this.setVar(k, v);
      return this.runBuiltin(name, args, fds);
    }
    const fn = this.functions.get(name);
    if (fn) return this.withTempVars(assigns, () => this.callFunction(fn, args, fds));
    if (BUILTINS.has(name)) return this.withTempVars(assigns, () => this.runBuiltin(name, args, fds));
    const status = this.runProgram(argv, this.childEnv(assigns), fds, { kind: 'shell' });
    if (this.caughtSignal !== undefined) throw new ExitSignal(128 + this.caughtSignal);
    return status;
  }

  /** `A=1 f`: the assignment holds (exported) only while f runs. */
  private withTempVars(assigns: [string, string][], fn: () => number): number {
    if (assigns.length === 0) return fn();
    const saved = assigns.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of assigns) this.vars.set(k, { value: v, exported: true });
    try {
      return fn();
    } finally {
      for (const [k, v] of saved) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
    }
  }

  private callFunction(fn: FunctionDef, args: string[], fds: Fds): number {
    this.step();
    if (this.depth + 1 > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
    this.depth++;
    this.returnable++;
    const saved = { positional: this.positional, loopDepth: this.loopDepth };
    this.positional = args;
    this.loopDepth = 0;
    const frame = new Map<string, Var | undefined>();
    this.locals.push(frame);
    try {
      return this.runCommand(fn.body, fds);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.positional = saved.positional;
      this.loopDepth = saved.loopDepth;
      this.locals.pop();
      for (const [k, v] of frame) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
      this.returnable--;
      this.depth--;
    }
  }

  // ------------------------------------------------------------ expansion

  private host(fds: Fds): ExpandHost {
    return {
      fs: this.sys.fs,
      cwd: this.cwd,
      param: (n) => this.param(n),
      positional: () => this.positional,
      setVar: (n, v) => this.setVar(n, v),
      commandSubst: (body) => this.commandSubst(body, fds),
      nounset: this.opts.nounset,
      noglob: this.opts.noglob,
    };
  }

  /** Expansion errors are fatal to a non-interactive shell. */
  private guard<T>(fds: Fds, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      this.error(fds, this.gnu ? e.bash : e.ash);
      throw new ExitSignal(this.gnu ? 1 : 2);
    }
  }

  private expandArgs(words: Word[], fds: Fds): string[] {
    return this.guard(fds, () => {
      const host = this.host(fds);
      // Declaration utilities take NAME=value arguments whole, like assignments.
      const first = words[0]?.parts;
      const decl = first?.length === 1 && first[0].kind === 'lit' && ['export', 'local', 'readonly'].includes(first[0].text);
      if (!decl) return expandWords(words, host);
      return words.flatMap((w) => {
        const p = w.parts[0];
        return p?.kind === 'lit' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(p.text) ? [expandString(w, host)] : expandWords([w], host);
      });
    });
  }

  private expandStr(word: Word, fds: Fds): string {
    return this.guard(fds, () => expandString(word, this.host(fds)));
  }

  private commandSubst(body: List, fds: Fds): string {
    const sub = this.fork();
    const cap = new Capture(this.sys.budget.maxBytes);
    const f: Fds = new Map(fds);
    f.set(1, { kind: 'out', sink: cap });
    this.lastSubStatus = sub.subshell(() => sub.runList(body, f));
    return cap.data;
  }

  private param(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '#':
        return String(this.positional.length);
      case '$':
        return '1';
      case '!':
        return undefined;
      case '-':
        return (this.opts.errexit ? 'e' : '') + (this.opts.nounset ? 'u' : '') + (this.opts.xtrace ? 'x' : '') + (this.opts.noglob ? 'f' : '');
      case '0':
        return this.argv0;
      case '@':
      case '*':
        return this.positional.join(' ');
    }
    if (/^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name)?.value;
  }

  private getVar(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  private setVar(name: string, value: string): void {
    const v = this.vars.get(name);
    if (v) v.value = value;
    else this.vars.set(name, { value, exported: false });
  }

  /** The environment a child process gets: exported variables plus per-command assignments. */
  private childEnv(assigns: [string, string][]): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.exported && v.value !== undefined) env[k] = v.value;
    for (const [k, v] of assigns) env[k] = v;
    return env;
  }

  // ------------------------------------------------------------ redirections

  /** Apply redirections on a copy of the table; undefined (after a message) when one fails. */
  private redirect(redirs: Redirect[], fds: Fds): Fds | undefined {
    if (redirs.length === 0) return fds;
    const f: Fds = new Map(fds);
    for (const r of redirs) {
      if (r.heredoc) {
        // Wrapped in double quotes: no tilde expansion, no splitting.
        const text = this.expandStr({ parts: [{ kind: 'dq', parts: r.heredoc.body.parts }] }, f);
        f.set(r.fd ?? 0, { kind: 'in', input: { data: text, pos: 0 } });
        continue;
      }
      const target = this.expandStr(r.target, f);
      const input = r.op === '<' || r.op === '<&' || r.op === '<>';
      const fd = r.fd ?? (input ? 0 : 1);
      const dupOf = r.op === '<' || r.op === '<>' || r.op === '>' || r.op === '>|' || r.op === '>>' ? this.fdDevice(target) : undefined;
      if (dupOf !== undefined) {
        // /dev/stdout, /proc/self/fd/N and symlinks to them are the shell's own descriptors.
        const src = f.get(dupOf);
        if (src) f.set(fd, src);
        else f.delete(fd);
      } else if (r.op === '<' || r.op === '<>') {
        const data = this.openIn(target, f);
        if (data === undefined) return undefined;
        f.set(fd, { kind: 'in', input: { data, pos: 0 } });
      } else if (r.op === '>' || r.op === '>|' || r.op === '>>') {
        const sink = this.openOut(target, r.op === '>>', f);
        if (!sink) return undefined;
        f.set(fd, { kind: 'out', sink });
      } else if (target === '-') {
        f.delete(fd);
      } else if (/^[0-9]+$/.test(target)) {
        const src = f.get(Number(target));
        if (!src) {
          this.error(f, `${target}: Bad file descriptor`);
          return undefined;
        }
        f.set(fd, src);
      } else if (r.op === '>&' && r.fd === undefined) {
        // bash: `>&file` sends both stdout and stderr to the file.
        const sink = this.openOut(target, false, f);
        if (!sink) return undefined;
        f.set(1, { kind: 'out', sink });
        f.set(2, { kind: 'out', sink });
      } else {
        this.error(f, this.gnu ? `${target}: ambiguous redirect` : `${target}: bad number`);
        return undefined;
      }
    }
    return f;
  }

  /** The descriptor number when `target` is a /proc/self/fd/N device (after symlinks). */
  private fdDevice(target: string): number | undefined {
    if (target === '') return undefined;
    try {
      const st = this.sys.fs.stat(join(this.cwd, target));
      if (st.kind !== 'chardev') return undefined;
      const m = /^fd(\d)$/.exec(st.device ?? '');
      return m ? Number(m[1]) : undefined;
    } catch (e) {
      if (e instanceof FsError) return undefined;
      throw e;
    }
  }

  private openIn(target: string, f: Fds): string | undefined {
    try {
      if (target === '') throw new FsError('ENOENT', target);
      return this.sys.fs.readFile(join(this.cwd, target), this.sys.budget.maxBytes + 1);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      this.error(f, this.gnu ? `${target}: ${STRERROR[e.code]}` : `can't open ${target}: ${ashErrmsg(e.code, 'no such file')}`);
      return undefined;
    }
  }

  /** Open for writing before the command runs (`>` truncates now); writes then append chunks. */
  private openOut(target: string, append: boolean, f: Fds): Sink | undefined {
    const fs = this.sys.fs;
    const path = join(this.cwd, target);
    const max = this.sys.budget.maxBytes;
    try {
      if (target === '') throw new FsError('ENOENT', target);
      let st: Stat | undefined;
      try {
        st = fs.stat(path);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
      }
      const device = st?.kind === 'chardev';
      // Opening checks writability (EROFS) even for >> on an existing file, like open(2).
      if (!device) fs.writeFile(path, '', { append });
      let size = append && st?.kind === 'file' ? st.size : 0;
      return {
        write: (d: string) => {
          if (d === '') return;
          if (!device && (size += d.length) > max) throw new ShellLimitError(`file ${target} exceeded the size limit (${max} bytes)`);
          try {
            fs.writeFile(path, d, { append: true });
          } catch (e) {
            if (e instanceof FsError) throw new WriteError(e.code);
            throw e;
          }
        },
      };
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      this.error(f, this.gnu ? `${target}: ${STRERROR[e.code]}` : `can't create ${target}: ${ashErrmsg(e.code, 'nonexistent directory')}`);
      return undefined;
    }
  }

  // ------------------------------------------------------------ programs

  private lookupApplet(name: string): Applet | undefined {
    return this.sys.applets?.(name) ?? getApplet(name, this.sys.flavor);
  }

  /** PATH search in the file system: the first regular file (after symlinks) named `name`. */
  private searchPath(name: string, pathVar: string | undefined): string | undefined {
    for (const dir of (pathVar ?? DEFAULT_PATH).split(':')) {
      const p = join(join(this.cwd, dir || '.'), name);
      try {
        if (this.sys.fs.stat(p).kind === 'file') return join(dir || '.', name);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
      }
    }
    return undefined;
  }

  /** Resolve a command name like execvp would (busybox) or by applet name (the gnu host). */
  private resolve(name: string, pathVar: string | undefined): Target {
    if (name.includes('/')) return this.resolveFile(name);
    if (this.gnu) {
      if (SHELLS.has(name)) return { kind: 'shell' };
      const applet = this.lookupApplet(name);
      if (applet) return { kind: 'applet', applet };
      if (this.sys.external) return { kind: 'external' };
      return GNU_TOOLS.has(name) || BUSYBOX_APPLETS.has(name) ? { kind: 'unsimulated' } : { kind: 'not-found' };
    }
    const found = this.searchPath(name, pathVar);
    return found ? this.resolveFile(found) : { kind: 'not-found' };
  }

  /** What executing the file at `display` (relative to cwd, or absolute) does. */
  private resolveFile(display: string): Target {
    const fs = this.sys.fs;
    const path = join(this.cwd, display);
    let st: Stat;
    let real: string;
    try {
      st = fs.stat(path);
      real = fs.realpath(path);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return e.code === 'EACCES' ? { kind: 'permission' } : { kind: 'not-found' };
    }
    if (st.kind === 'dir') return { kind: 'is-dir' };
    if (real === BUSYBOX) return { kind: 'busybox' };
    if (st.kind !== 'file' || (st.mode & 0o111) === 0) return { kind: 'permission' };
    const head = fs.readFile(path, 256);
    if (head.startsWith('#!')) {
      const line = head.slice(2).split('\n')[0].trim();
      const sp = line.search(/[ \t]/);
      const interp = sp < 0 ? line : line.slice(0, sp);
      let arg = sp < 0 ? '' : line.slice(sp).trim();
      let shellName = basename(interp);
      if (shellName === 'env' && SHELLS.has(arg.split(/[ \t]/)[0])) {
        shellName = arg.split(/[ \t]/)[0];
        arg = arg.split(/[ \t]+/).slice(1).join(' ');
      }
      // The kernel needs the interpreter itself to exist.
      if (!fs.exists(join(this.cwd, interp))) return { kind: 'not-found' };
      if (!SHELLS.has(shellName)) return { kind: 'unsimulated' };
      return { kind: 'script', path: display, interp: [shellName, ...(arg ? [arg] : [])], shebang: true };
    }
    // A shell binary that is not busybox (dash, bash as a file of the image).
    if (SHELLS.has(basename(real))) return { kind: 'shell' };
    if (head.startsWith('\x7fELF')) return { kind: 'unsimulated' };
    return { kind: 'script', path: display, interp: ['sh'], shebang: false };
  }

  /** Run a program (no functions or builtins) through resolution. */
  private runProgram(argv: string[], env: Record<string, string>, fds: Fds, how: Launcher): number {
    const name = argv[0];
    if (BUILTIN_APPLETS.has(name) && how.kind !== 'exec') {
      const applet = this.lookupApplet(name);
      if (applet) return this.callApplet(applet, name, argv.slice(1), env, fds, true);
    }
    return this.launch(this.resolve(name, env.PATH), argv, env, fds, how);
  }

  private launch(t: Target, argv: string[], env: Record<string, string>, fds: Fds, how: Launcher): number {
    const name = argv[0];
    switch (t.kind) {
      case 'applet':
        return this.callApplet(t.applet, name, argv.slice(1), env, fds);
      case 'busybox':
        return this.runBusybox(argv, env, fds, how);
      case 'shell':
        return this.runNestedShell(argv, env, fds);
      case 'script':
        return this.runNestedShell([...t.interp, t.path, ...argv.slice(1)], env, fds);
      case 'external': {
        let status: number | undefined;
        try {
          status = this.sys.external!(name, argv.slice(1), this.processIO(fds), this.cwd, env);
        } catch (e) {
          if (e instanceof BrokenPipe) return SIGPIPE_STATUS;
          throw e;
        }
        if (status !== undefined) return status;
        return this.launchFailed(GNU_TOOLS.has(name) || BUSYBOX_APPLETS.has(name) ? 'unsimulated' : 'not-found', name, fds, how);
      }
      default:
        return this.launchFailed(t.kind, name, fds, how);
    }
  }

  /** busybox dispatches on argv[0]'s basename (`busybox NAME ...` names the applet itself). */
  private runBusybox(argv: string[], env: Record<string, string>, fds: Fds, how: Launcher): number {
    let args = argv;
    if (basename(argv[0]) === 'busybox') {
      if (argv.length < 2) return this.launchFailed('unsimulated', 'busybox', fds, how);
      args = argv.slice(1);
    }
    const applet = basename(args[0]);
    if (SHELLS.has(applet)) return this.runNestedShell(args, env, fds);
    const fn = this.lookupApplet(applet);
    if (fn) return this.callApplet(fn, applet, args.slice(1), env, fds);
    if (BUSYBOX_APPLETS.has(applet)) return this.launchFailed('unsimulated', applet, fds, how);
    this.write(fds, 2, `${applet}: applet not found\n`);
    return 127;
  }

  private launchFailed(why: 'not-found' | 'permission' | 'is-dir' | 'unsimulated', name: string, fds: Fds, how: Launcher): number {
    const status = why === 'permission' || why === 'is-dir' ? 126 : 127;
    const unsim = 'strata does not simulate this command';
    if (how.kind === 'applet' || how.kind === 'docker') {
      const text = why === 'unsimulated' ? unsim : why === 'not-found' ? STRERROR.ENOENT : why === 'is-dir' ? STRERROR.EISDIR : STRERROR.EACCES;
      this.write(fds, 2, `${how.kind === 'applet' ? how.caller : 'strata'}: ${name}: ${text}\n`);
      return status;
    }
    const exec = how.kind === 'exec';
    let text: string;
    if (why === 'unsimulated') text = unsim;
    else if (why === 'not-found') text = !this.gnu || exec ? 'not found' : name.includes('/') ? STRERROR.ENOENT : 'command not found';
    else if (why === 'is-dir' && this.gnu) text = STRERROR.EISDIR;
    else text = STRERROR.EACCES;
    if (exec) this.builtinError('exec', fds, `${name}: ${text}`);
    else this.error(fds, `${name}: ${text}`);
    return status;
  }

  /** The ProcessIO view of a descriptor table (stdin is consumed when read). */
  private processIO(fds: Fds): ProcessIO {
    const input = fds.get(0);
    return {
      get stdin(): string {
        if (input?.kind !== 'in') return '';
        const d = input.input.data.slice(input.input.pos);
        input.input.pos = input.input.data.length;
        return d;
      },
      stdout: (d: string) => this.write(fds, 1, d),
      stderr: (d: string) => this.write(fds, 2, d),
    };
  }

  private callApplet(applet: Applet, name: string, args: string[], env: Record<string, string>, fds: Fds, builtin = false): number {
    const io = this.processIO(fds);
    const sys = this.sys;
    // ash's builtins report through busybox's applet name, the shell's basename (not $0)
    const errorPrefix = this.gnu ? this.prefix() : `${basename(sys.shellName)}: `;
    const ctx: AppletContext = {
      name,
      fs: sys.fs,
      cwd: this.cwd,
      env,
      flavor: sys.flavor,
      budget: sys.budget,
      hostname: sys.hostname,
      get stdin(): string {
        return io.stdin;
      },
      stdout: io.stdout,
      stderr: io.stderr,
      sleep: (s: number) => sys.sleep(s),
      run: (argv: string[], childIo: ProcessIO) => this.runFromApplet(name, argv, env, childIo),
      sendSignal: (pid: number, signal: number) => this.deliverSignal(pid, signal),
      ...(builtin ? { builtin: { errorPrefix } } : {}),
    };
    try {
      return applet(ctx, args);
    } catch (e) {
      if (e instanceof ShellLimitError || e instanceof BlockedSignal) throw e;
      // SIGPIPE kills the applet's own process; a builtin's is the shell's (see boundary)
      if (e instanceof BrokenPipe) {
        if (builtin) throw e;
        return SIGPIPE_STATUS;
      }
      if (e instanceof WriteError) {
        this.write(fds, 2, `${name}: write error: ${e.message}\n`);
        return 1;
      }
      // Applets should report file errors themselves; this guard keeps one bug from crashing.
      if (e instanceof FsError) {
        this.write(fds, 2, `${name}: ${STRERROR[e.code]}\n`);
        return 1;
      }
      if (RETHROW_INTERNAL_ERRORS) throw e;
      this.write(fds, 2, `strata: internal error in ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }

  /**
   * AppletContext.sendSignal. There is no process table: the only process a script can name is
   * PID 1 (`$$`), taken to be this shell (a container's `sh -c` main process) or its process group
   * (0). PID 1 ignores every signal it has no handler for, even SIGKILL; busybox ash in `-c` mode
   * handles SIGINT, so it exits with 130 once the current command is done.
   */
  private deliverSignal(pid: number, signal: number): boolean {
    if (pid !== 1 && pid !== 0) return false;
    if (signal === 2 && !this.gnu && this.commandString) this.caughtSignal = signal;
    return true;
  }

  /** AppletContext.run: execvp from inside an applet (xargs, env, timeout...). */
  private runFromApplet(caller: string, argv: string[], env: Record<string, string>, io: ProcessIO): number {
    this.step();
    if (argv.length === 0) return 0;
    const fds = fdsFromIO(io);
    const target = this.resolve(argv[0], env.PATH);
    if (target.kind === 'not-found' && (argv[0] === 'true' || argv[0] === 'false')) return argv[0] === 'true' ? 0 : 1;
    const sub = this.fork();
    return sub.boundary(() => sub.launch(target, argv, env, fds, { kind: 'applet', caller }));
  }

  /** `sh [-eux] -c CMD [NAME ARGS...]`, `sh FILE ARGS...`, or `sh` reading stdin. */
  private runNestedShell(argv: string[], env: Record<string, string>, fds: Fds): number {
    const name = argv[0];
    const flags: string[] = [];
    let command: string | undefined;
    let i = 1;
    let cflag = false;
    for (; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--' || a === '-') {
        i++;
        break;
      }
      if (!/^[-+]./.test(a)) break;
      if (a.startsWith('--')) continue; // --login, --norc ...
      if (a.slice(1) === 'o' && i + 1 < argv.length) {
        flags.push(a, argv[++i]);
        continue;
      }
      if (a.includes('c') && a[0] === '-') cflag = true;
      const rest = a.slice(1).replace(/[cilsx]/g, '');
      if (rest) flags.push(a[0] + rest);
    }
    let init: ShellInit;
    if (cflag) {
      command = argv[i];
      if (command === undefined) {
        this.write(fds, 2, this.gnu ? `${name}: -c: option requires an argument\n` : `${name}: -c requires an argument\n`);
        return 2;
      }
      init = { argv0: argv[i + 1] ?? name, positional: argv.slice(i + 2), fileMode: false, commandString: true, asShell: true };
    } else if (i < argv.length) {
      const file = argv[i];
      try {
        command = this.sys.fs.readFile(join(this.cwd, file));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        const why = STRERROR[e.code];
        this.write(fds, 2, this.gnu ? `${name}: ${file}: ${why}\n` : `${name}: can't open '${file}': ${why}\n`);
        return this.gnu ? 127 : 2;
      }
      init = { argv0: file, positional: argv.slice(i + 1), fileMode: true, asShell: true };
    } else {
      command = this.processIO(fds).stdin;
      init = { argv0: name, positional: [], fileMode: false, asShell: true };
    }
    if (this.depth + 1 > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
    const child = new Shell({ ...this.sys, cwd: this.cwd, env, shellName: name }, init);
    child.depth = this.depth + 1;
    child.setOptions(flags);
    return child.runTop(command, new Map(fds));
  }

  // ------------------------------------------------------------ builtins

  private runBuiltin(name: string, args: string[], fds: Fds): number {
    try {
      return this.builtin(name, args, fds);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      this.builtinError(name, fds, `write error: ${e.message}`);
      return 1;
    }
  }

  private builtin(name: string, args: string[], fds: Fds): number {
    switch (name) {
      case 'wait':
        if (this.blockedJob) throw this.blockedJob;
        return 0;
      case 'type':
        return this.type(args, fds);
      case ':':
      case 'true':
      case 'trap':
      case 'hash':
      case 'times':
        return 0;
      case 'false':
        return 1;
      case 'umask':
        if (args.length === 0) this.write(fds, 1, '0022\n');
        return 0;
      case 'ulimit':
        if (args.length === 0) this.write(fds, 1, 'unlimited\n');
        return 0;
      case 'cd':
        return this.cd(args, fds);
      case 'pwd':
        this.write(fds, 1, (args.includes('-P') ? this.sys.fs.realpath(this.cwd) : this.cwd) + '\n');
        return 0;
      case 'exit':
        throw new ExitSignal(this.exitCode(args[0], fds, 'exit'));
      case 'return':
        if (this.returnable === 0 && this.gnu) {
          this.builtinError('return', fds, "can only `return' from a function or sourced script");
          return 1;
        }
        if (this.returnable === 0) throw new ExitSignal(this.exitCode(args[0], fds, 'return'));
        throw new ReturnSignal(this.exitCode(args[0], fds, 'return'));
      case 'break':
      case 'continue': {
        const n = args[0] === undefined ? 1 : Number(args[0]);
        if (!Number.isInteger(n) || n < 1) {
          this.builtinError(name, fds, `${args[0]}: loop count out of range`);
          return 1;
        }
        if (this.loopDepth === 0) return 0;
        throw new LoopControl(name, Math.min(n, this.loopDepth));
      }
      case 'export':
      case 'readonly':
        return this.export(name, args, fds);
      case 'local':
        return this.local(args, fds);
      case 'unset':
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          if (args.includes('-f')) this.functions.delete(a);
          else if (this.vars.has(a) || args.includes('-v')) this.vars.delete(a);
          else this.functions.delete(a);
        }
        return 0;
      case 'set':
        return this.set(args, fds);
      case 'shift': {
        const n = args[0] === undefined ? 1 : Number(args[0]);
        if (!Number.isInteger(n) || n < 0 || n > this.positional.length) {
          if (this.gnu) return 1;
          this.builtinError('shift', fds, "can't shift that many");
          throw new ExitSignal(2);
        }
        this.positional = this.positional.slice(n);
        return 0;
      }
      case 'read':
        return this.read(args, fds);
      case 'eval':
        return this.nested(() => this.runSource(args.join(' '), fds, 'eval'));
      case '.':
      case 'source':
        return this.source(args, fds);
      case 'command':
        return this.command(args, fds);
      default:
        throw new Error(`builtin ${name} not implemented`);
    }
  }

  private nested(fn: () => number): number {
    if (this.depth + 1 > MAX_DEPTH) throw new ShellLimitError('script nesting too deep (runaway recursion?)');
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private exitCode(arg: string | undefined, fds: Fds, name: string): number {
    if (arg === undefined) return this.status;
    if (!/^-?[0-9]+$/.test(arg)) {
      this.builtinError(name, fds, this.gnu ? `${arg}: numeric argument required` : `Illegal number: ${arg}`);
      throw new ExitSignal(2);
    }
    return ((Number(arg) % 256) + 256) % 256;
  }

  private cd(args: string[], fds: Fds): number {
    const operands = args.filter((a) => a === '-' || !a.startsWith('-'));
    let dir = operands[0] ?? this.getVar('HOME') ?? '/';
    const dash = dir === '-';
    if (dash) dir = this.getVar('OLDPWD') ?? this.cwd;
    const target = normalize(join(this.cwd, dir));
    try {
      if (this.sys.fs.stat(target).kind !== 'dir') throw new FsError('ENOTDIR', target);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      this.builtinError('cd', fds, this.gnu ? `${dir}: ${STRERROR[e.code]}` : `can't cd to ${dir}: ${STRERROR[e.code]}`);
      return this.gnu ? 1 : 2;
    }
    this.setVar('OLDPWD', this.cwd);
    this.cwd = target;
    const pwd = this.vars.get('PWD');
    this.vars.set('PWD', { value: target, exported: pwd?.exported ?? true });
    if (dash) this.write(fds, 1, target + '\n');
    return 0;
  }

  private export(name: string, args: string[], fds: Fds): number {
    const names = args.filter((a) => a !== '-p');
    if (names.length === 0) {
      const rows = [...this.vars]
        .filter(([, v]) => (name === 'export' ? v.exported : true) && v.value !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => (this.gnu ? `declare -x ${k}="${v.value!.replace(/(["\\$`])/g, '\\$1')}"` : `${name} ${k}=${shellQuote(v.value!)}`));
      this.write(fds, 1, rows.map((r) => r + '\n').join(''));
      return 0;
    }
    let status = 0;
    for (const a of names) {
      const eq = a.indexOf('=');
      const k = eq < 0 ? a : a.slice(0, eq);
      if (!isName(k)) {
        this.builtinError(name, fds, this.gnu ? `\`${a}': not a valid identifier` : `${k}: bad variable name`);
        status = this.gnu ? 1 : 2;
        continue;
      }
      const v = this.vars.get(k) ?? { exported: false };
      if (eq >= 0) v.value = a.slice(eq + 1);
      if (name === 'export') v.exported = true;
      this.vars.set(k, v);
    }
    return status;
  }

  private local(args: string[], fds: Fds): number {
    const frame = this.locals[this.locals.length - 1];
    if (!frame) {
      this.builtinError('local', fds, this.gnu ? 'can only be used in a function' : 'not in a function');
      return this.gnu ? 1 : 2;
    }
    for (const a of args) {
      const eq = a.indexOf('=');
      const k = eq < 0 ? a : a.slice(0, eq);
      if (!isName(k)) continue;
      const old = this.vars.get(k);
      if (!frame.has(k)) frame.set(k, old ? { ...old } : undefined);
      if (eq >= 0) this.vars.set(k, { value: a.slice(eq + 1), exported: old?.exported ?? false });
      else if (this.gnu) this.vars.set(k, { exported: old?.exported ?? false });
    }
    return 0;
  }

  private set(args: string[], fds: Fds): number {
    if (args.length === 0) {
      const rows = [...this.vars]
        .filter(([, v]) => v.value !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k}=${shellQuote(v.value!)}\n`);
      this.write(fds, 1, rows.join(''));
      return 0;
    }
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        this.positional = args.slice(i + 1);
        return 0;
      }
      if (!/^[-+]./.test(a)) break;
      const bad = this.setFlags(a, args[i + 1]);
      if (bad !== undefined) {
        this.builtinError('set', fds, this.gnu ? `${bad}: invalid option` : `illegal option ${bad}`);
        return 2;
      }
      if (a.slice(1) === 'o') i++;
    }
    if (i < args.length) this.positional = args.slice(i);
    return 0;
  }

  /** Apply `-eux` / `+e` / `-o name`; returns the offending option when one is unknown. */
  private setFlags(flag: string, optName: string | undefined): string | undefined {
    const on = flag[0] === '-';
    const byName: Record<string, keyof Shell['opts']> = { errexit: 'errexit', nounset: 'nounset', pipefail: 'pipefail', xtrace: 'xtrace', noglob: 'noglob' };
    if (flag.slice(1) === 'o') {
      if (optName === undefined) return undefined;
      const key = byName[optName];
      if (key) this.opts[key] = on;
      else if (!['monitor', 'noclobber', 'allexport', 'verbose', 'noexec', 'posix', 'notify', 'ignoreeof'].includes(optName)) return optName;
      return undefined;
    }
    const byLetter: Record<string, keyof Shell['opts']> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob' };
    for (const ch of flag.slice(1)) {
      const key = byLetter[ch];
      if (key) this.opts[key] = on;
      else if (!'vnCabmhBH'.includes(ch)) return flag[0] + ch;
    }
    return undefined;
  }

  private read(args: string[], fds: Fds): number {
    let raw = false;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (names.length === 0 && /^-[prstnud]+$/.test(a)) {
        if (a.includes('r')) raw = true;
        if (/[ptnud]$/.test(a)) i++; // option with an argument (prompt, timeout...)
      } else names.push(a);
    }
    const vars = names.length ? names : ['REPLY'];
    const f = fds.get(0);
    const input = f?.kind === 'in' ? f.input : undefined;
    if (!input || input.pos >= input.data.length) {
      for (const v of vars) this.setVar(v, '');
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
      this.setVar('REPLY', chars.map((x) => x.c).join(''));
      return eof ? 1 : 0;
    }
    const ifs = this.getVar('IFS') ?? ' \t\n';
    const isWs = (x: { c: string; q: boolean } | undefined): boolean => !!x && !x.q && ifs.includes(x.c) && ' \t\n'.includes(x.c);
    const isDelim = (x: { c: string; q: boolean } | undefined): boolean => !!x && !x.q && ifs.includes(x.c);
    let i = 0;
    while (isWs(chars[i])) i++;
    vars.forEach((v, k) => {
      if (k === vars.length - 1) {
        let end = chars.length;
        while (end > i && isWs(chars[end - 1])) end--;
        this.setVar(v, chars.slice(i, end).map((x) => x.c).join(''));
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
      this.setVar(v, field);
    });
    return eof ? 1 : 0;
  }

  private source(args: string[], fds: Fds): number {
    const file = args[0];
    if (file === undefined) {
      this.builtinError('.', fds, 'filename argument required');
      return 2;
    }
    let path = file.includes('/') ? file : this.searchPath(file, this.getVar('PATH'));
    path ??= file;
    let text: string;
    try {
      text = this.sys.fs.readFile(join(this.cwd, path));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      if (this.gnu) {
        this.error(fds, `${file}: ${STRERROR[e.code]}`);
        return 1;
      }
      this.builtinError('.', fds, `can't open '${file}': ${STRERROR[e.code]}`);
      throw new ExitSignal(2);
    }
    const saved = this.positional;
    if (args.length > 1) this.positional = args.slice(1);
    this.returnable++;
    try {
      return this.nested(() => this.runSource(text, fds, 'source', file));
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.returnable--;
      if (args.length > 1) this.positional = saved;
    }
  }

  private command(args: string[], fds: Fds): number {
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
      if (BUILTINS.has(name)) return this.runBuiltin(name, cargs, fds);
      return this.runProgram(rest, this.childEnv([]), fds, { kind: 'shell' });
    }
    let status = 0;
    for (const name of rest) {
      const where = this.describe(name);
      if (where === undefined) {
        status = 1;
        if (mode === 'V') this.builtinError('command', fds, `${name}: not found`);
        continue;
      }
      this.write(fds, 1, (mode === 'v' ? (where.startsWith('/') ? where : name) : `${name} is ${where}`) + '\n');
    }
    return status;
  }

  private type(args: string[], fds: Fds): number {
    let status = 0;
    for (const name of args) {
      const where = this.describe(name);
      if (where !== undefined) this.write(fds, 1, `${name} is ${where}\n`);
      else if (this.gnu) {
        this.builtinError('type', fds, `${name}: not found`);
        status = 1;
      } else {
        this.write(fds, 1, `${name}: not found\n`);
        status = 127;
      }
    }
    return status;
  }

  /** For `command -v/-V`: a path, or a phrase such as "a shell builtin"; undefined if unknown. */
  private describe(name: string): string | undefined {
    if (this.functions.has(name)) return 'a function';
    if (BUILTINS.has(name) || name === 'exec') return 'a shell builtin';
    if (['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', '{', '}', '!'].includes(name)) return 'a shell keyword';
    if (BUILTIN_APPLETS.has(name) && this.lookupApplet(name)) return 'a shell builtin';
    if (name.includes('/')) {
      const t = this.resolveFile(name);
      return ['not-found', 'is-dir', 'permission'].includes(t.kind) ? undefined : name;
    }
    if (this.gnu) {
      const t = this.resolve(name, this.getVar('PATH'));
      return t.kind === 'applet' || t.kind === 'shell' ? `/usr/bin/${name}` : undefined;
    }
    const found = this.searchPath(name, this.getVar('PATH'));
    return found === undefined ? undefined : join(this.cwd, found);
  }

  /** `exec CMD`: replace the shell; `exec REDIRS`: make the redirections permanent. */
  private execBuiltin(args: string[], assigns: [string, string][], fds: Fds, outer: Fds): number {
    if (args.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      if (fds !== outer) {
        for (const k of [...outer.keys()]) if (!fds.has(k)) outer.delete(k);
        for (const [k, v] of fds) outer.set(k, v);
      }
      return 0;
    }
    throw new ExitSignal(this.runProgram(args, this.childEnv(assigns), fds, { kind: 'exec' }));
  }
}

/** Single-quote a value the way ash's `set`/`export -p` print it. */
function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'"'"'`)}'`;
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
    } else if (p.kind === 'sq' || p.kind === 'esc') out += p.text;
    else if (p.kind === 'dq' && p.parts.every((q) => q.kind === 'lit')) out += p.parts.map((q) => (q.kind === 'lit' ? q.text : '')).join('');
    else return undefined;
  }
  return out;
}

/**
 * ash's wording of a failed open (its `errmsg()`): a missing path (ENOENT, ENOTDIR) gets the
 * operation's own phrase (`nonexistent directory` when creating, `no such file` when reading),
 * anything else strerror.
 */
function ashErrmsg(code: Errno, missing: string): string {
  return code === 'ENOENT' || code === 'ENOTDIR' ? missing : STRERROR[code];
}
