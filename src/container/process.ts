// Running a process inside a container: the main process at start, or `docker exec`. Docker
// execs argv directly (no shell); busybox applets and `#!` scripts are found through PATH in
// the container's own file system.

import type { Namespace } from '../fs/namespace.ts';
import type { Container } from '../engine/state.ts';
import { execProgram, ExecError } from '../shell/index.ts';
import { SHELLS } from '../shell/programs.ts';
import { BlockedSignal, defaultBudget, SleepLoopNotSimulated, StepBudgetError, type Applet, type BusyboxBuild, type Flavor, type ProcessIO, type ShellEnvironment, type WaitingShell } from '../shell/types.ts';
import { DEFAULT_PATH } from '../image/base.ts';
import { serverOfProgram, standInRules } from '../image/catalog/data-dirs.ts';
import { busyboxBuildOf, userlandOf } from './userland.ts';
import { refusalListener, SwallowedRefusal } from '../engine/not-simulated.ts';
import { basename } from '../fs/path.ts';

/** A sleep at least this long in a background process blocks it: the container keeps running. */
export const BLOCKING_SLEEP_SECONDS = 60;

/**
 * A sleep of a background script's own shell at least this long takes strata's clock time (the
 * script goes on when it is over); a shorter one passes at once, so that no loop wakes more than
 * a hundred times a second of the clock (one with such sleeps ends in the step budget's refusal).
 */
export const KEPT_SLEEP_SECONDS = 0.01;

export type ProcessResult =
  /**
   * `refused`: a program of it refused (ShellEnvironment.standInRefused) where its user read the
   * words, so the process went on (hearRefusals): the line, for a caller that must refuse the
   * process's end all the same (a detached container's or a build step's 125).
   */
  | { kind: 'exited'; status: number; refused?: string }
  /** The process would block (sleep, tail -f): it is still running; `waiting` when its own shell waits. */
  | { kind: 'blocked'; waiting?: WaitingShell; sleep?: number; sleeping?: WaitingShell; exec?: { argv: string[]; seconds?: number; jobs?: (string[] | null)[] } }
  | { kind: 'exec-error'; error: ExecError };

/**
 * The environment of a process of container `c`: the daemon's own variables (moby
 * container.CreateDaemonEnvironment: PATH, HOSTNAME, and TERM=xterm for a process with a terminal,
 * the container's main one with -t or a `docker exec -t`), then the container's Env over them
 * (ReplaceOrAppendEnvValues: an image's `ENV HOSTNAME=0.0.0.0`, as Next.js's Dockerfile sets, or
 * `-e HOSTNAME=x` wins over the container's hostname), and HOME from the user's passwd entry
 * where Env has none. Recorded: exec/tty-term-env, builds/sb-nextjs-standalone (both engines).
 */
export function containerEnv(c: Container, home: string, tty: boolean): Record<string, string> {
  const env: Record<string, string> = tty ? { TERM: 'xterm' } : {};
  for (const kv of c.config.Env) {
    const i = kv.indexOf('=');
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  env.PATH ??= DEFAULT_PATH.slice('PATH='.length);
  env.HOSTNAME ??= c.config.Hostname;
  env.HOME ??= home;
  return env;
}

export interface RunOptions {
  fs: Namespace;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  io: ProcessIO;
  /** Background processes block at a long sleep; foreground ones run to the end. */
  background: boolean;
  /** Told of each sleep of a foreground process (a health check's timeout counts them). */
  sleep?: (seconds: number) => void;
  /**
   * The process is a bare `sleep N` in the background: its sleep blocks whatever its length and
   * is told here, so that the container ends when strata's clock has moved N seconds.
   */
  mainSleep?: (seconds: number) => void;
  /** Programs the environment provides beyond the shell's applets (busybox wget: network/http/tools.ts). */
  applets?: (name: string, flavor: Flavor) => Applet | undefined;
  /** The oracle's stand-ins: a GNU image's stand-in runs its busybox (EngineState.busyboxStandIns). */
  busyboxStandIns?: boolean;
  /** An exec: its signals to PID 1 reach the main process (ShellEnvironment.initSignal). */
  initSignal?: (signo: number) => void;
  /** The process's PID in the container (ShellEnvironment.pid): an exec's (execPid); 1 when absent. */
  pid?: number;
  /**
   * A health check: a stand-in's refusal its test swallowed (`curl -f ... || exit 1`) is not
   * refused (SwallowedRefusal), the check's status and output stand as the oracle's would.
   */
  keepsSwallowedRefusals?: true;
}

/**
 * PIDs in a container's PID namespace (recorded: exec/exec-pids). The kernel gives them in order
 * from 1, to processes and threads alike: runc's `init` (Go) takes one for the process it becomes
 * and, while it sets that process up, more for its threads: 5 in most runs on the recording host,
 * 4 to 6 in others (timing decides, so the recordings print only the order). The main process is 1,
 * the first `docker exec` after it then 7, the next 13; a shell's background job takes the next one
 * (`$!`). The other forks of a shell (commands, subshells, pipes) take PIDs too: strata does not
 * count them, so its numbers after such forks are lower than a real run's, in the same order.
 */
const RUNC_INIT_THREADS = 5;

/** The next PID of the container's namespace (Container.lastPid). */
export function nextPid(c: Container): number {
  const pid = (c.lastPid ?? 1 + RUNC_INIT_THREADS) + 1;
  c.lastPid = pid;
  return pid;
}

/** The PID of a `docker exec` process, and its runc init's threads after it. */
export function execPid(c: Container): number {
  const pid = nextPid(c);
  c.lastPid = pid + RUNC_INIT_THREADS;
  return pid;
}

/** The shell environment of a process in the container. */
export function processShellEnv(c: Container, opts: Omit<RunOptions, 'argv' | 'io'>): ShellEnvironment {
  // a Debian-, Ubuntu- or Oracle Linux-based image runs GNU tools (userland.ts)
  const userland = userlandOf(opts.fs, opts.busyboxStandIns === true);
  let build: BusyboxBuild | undefined;
  return {
    fs: opts.fs,
    flavor: userland ? 'gnu' : 'busybox',
    ...(userland ? { userland } : {}),
    // (what the real image's busybox saves of an interactive ash's history; the oracle's saves none)
    // (asked at every command's PATH search: read once for the process)
    ...(userland || opts.busyboxStandIns === true ? {} : { busyboxBuild: () => (build ??= busyboxBuildOf(opts.fs)) }),
    cwd: opts.cwd,
    env: opts.env,
    hostname: c.config.Hostname,
    budget: defaultBudget(),
    shellName: 'sh',
    ...(opts.applets ? { applets: opts.applets } : {}),
    ...(opts.initSignal ? { initSignal: opts.initSignal } : {}),
    ...(opts.pid !== undefined ? { pid: opts.pid } : {}),
    // a normal install: a server stand-in's programs write placeholders of the real server's files
    // (fs/node.ts); the oracle's stand-ins are what ran there, their bytes the answer
    ...(opts.busyboxStandIns === true ? {} : { standInScript: serverOfProgram, standInRules }),
    nextPid: () => nextPid(c),
    // PID 1 (no pid of an exec's) that became another user (su): the container keeps who it is now
    ...(opts.pid === undefined ? { initCredentials: (ids) => void (c.mainDrop = { uid: ids.uid, gid: ids.gid, groups: [...ids.groups] }) } : {}),
    sleep: (seconds, bare) => {
      if (opts.background && opts.mainSleep) {
        opts.mainSleep(seconds);
        throw new BlockedSignal(`sleep ${seconds}`, undefined, undefined, undefined, undefined, undefined, seconds);
      }
      // a `sleep N` of a background process's own shell, anywhere in its script (a loop, a
      // function): the script goes on when strata's clock has moved N seconds (the shell keeps
      // where it was: BlockedSignal.sleeping)
      if (opts.background && bare && Number.isFinite(seconds) && seconds >= KEPT_SLEEP_SECONDS) throw new BlockedSignal(`sleep ${seconds}`, undefined, seconds);
      if (opts.background && seconds >= BLOCKING_SLEEP_SECONDS) throw new BlockedSignal(`sleep ${seconds}`, undefined, undefined, undefined, undefined, undefined, seconds);
      opts.sleep?.(seconds);
    },
  };
}

/** What a process that blocked keeps: the shell a signal finds, or the sleeping script and its sleep. */
export function blockedResult(e: BlockedSignal): Extract<ProcessResult, { kind: 'blocked' }> {
  return { kind: 'blocked', waiting: e.waiting, sleep: e.sleep, sleeping: e.sleeping, ...(e.exec ? { exec: e.exec } : {}) };
}

/** A background loop with sleeps strata cannot follow (see runProcess): the command line is refused, nothing kept (engine.ts). */
export { SleepLoopNotSimulated };

export function runProcess(c: Container, opts: RunOptions): ProcessResult {
  // whether a background process slept (a sleep under a minute passes at once: see below)
  let slept = false;
  const env = processShellEnv(c, {
    ...opts,
    sleep: (seconds) => {
      slept = true;
      opts.sleep?.(seconds);
    },
  });
  const heard = opts.busyboxStandIns === true || opts.keepsSwallowedRefusals === true ? undefined : hearRefusals(env, opts.io, opts.background);
  try {
    const status = execProgram(opts.argv, env, heard?.io ?? opts.io);
    const refused = heard?.check(status);
    return refused === undefined ? { kind: 'exited', status } : { kind: 'exited', status, refused };
  } catch (e) {
    // a process that blocks (a server, `sleep`) after a refusal it swallowed went on without it
    if (e instanceof BlockedSignal) heard?.check(undefined);
    if (e instanceof BlockedSignal) return blockedResult(e);
    if (e instanceof ExecError) return { kind: 'exec-error', error: e };
    // A loop whose sleeps strata does not keep (shorter than KEPT_SLEEP_SECONDS, or in a subshell,
    // a pipe, eval) takes no time in a background process, so it ran into the step budget. Say
    // what is not simulated.
    if (e instanceof StepBudgetError && opts.background && slept) {
      throw new SleepLoopNotSimulated(
        `strata does not simulate a background process that sleeps in a loop (${opts.argv.join(' ')}) where its sleeps cannot take strata's clock time: sleeps shorter than ${KEPT_SLEEP_SECONDS} s, or in a subshell, a pipe, eval, \`.\` or a trap`,
      );
    }
    throw e;
  }
}


/**
 * In a normal install, listen to a process for a stand-in's refusal (ShellEnvironment.
 * standInRefused) and to what it writes: `check` (at its end, with its status, or undefined when
 * it blocked) throws SwallowedRefusal when a program of it refused and nobody was told: the line
 * never reached the process's output (`>/dev/null 2>&1`), or a background process, whose output
 * nobody reads as it runs, did not end with the refusal's 125. Such a process is refused by name
 * (engine/not-simulated.ts). A refusal the attached user read is theirs, whatever the process did
 * next; a background process that ended with it is refused as it ends (lifecycle.ts
 * startContainer); a build refuses any refusal in its step's output (image/build/builder.ts).
 */
function hearRefusals(env: ShellEnvironment, io: ProcessIO, background: boolean): { io: ProcessIO; check: (status: number | undefined) => string | undefined } {
  let refused: string | undefined;
  env.standInRefused = (line) => void (refused ??= line);
  const stdout = refusalListener((d) => io.stdout(d));
  const stderr = refusalListener((d) => io.stderr(d));
  return {
    io: { ...io, stdout: stdout.write, stderr: stderr.write },
    check: (status) => {
      const shown = refused !== undefined && (stdout.has(refused) || stderr.has(refused));
      if (refused !== undefined && !(shown && (status === 125 || !background))) throw new SwallowedRefusal(refused);
      return refused;
    },
  };
}

/**
 * A shell with no script and no `-c` (`docker run -it busybox`, `sh -i`, `dash` in a GNU image):
 * it reads its commands from its stdin, so with `-i` or `-t` it waits there. The shells are the
 * interpreter's (SHELLS: sh, ash, bash, dash).
 */
export function readsCommandsFromStdin(argv: readonly string[]): boolean {
  const [path, ...args] = argv;
  return SHELLS.has(basename(path ?? '')) && args.every((a) => /^-[eilsvx]+$/.test(a));
}

/**
 * Such a shell is interactive (busybox ash.c procargs: `-i`, or stdin and stdout both
 * terminals, which `-t` makes them): it ignores SIGTERM and SIGQUIT and catches SIGINT
 * (ash.c setsignal: `rootshell && iflag`; dash 0.5.12 trap.c setsignal the same; bash alike), so
 * none of them ends it, even where docker-init forwards them (recorded: exec/interactive-stop-signals).
 */
export function interactiveShell(argv: readonly string[], tty: boolean): boolean {
  return readsCommandsFromStdin(argv) && (tty || argv.slice(1).some((a) => a.includes('i')));
}
