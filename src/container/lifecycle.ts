// Start, stop, kill and exec (moby daemon/start.go, stop.go, exec.go) with what each does to
// data: a start mounts fresh, empty tmpfs mounts (never copying); a stop discards them; the
// writable layer and volumes are untouched by both. `--rm` removes the container, and its
// anonymous volumes, when the main process ends.

import { NotSimulated, refusalLine, standInRefusal } from '../engine/not-simulated.ts';
import { settled, type EngineEvent } from '../engine/events.ts';
import type { BackgroundExec, Container, EngineState } from '../engine/state.ts';
import { nextId } from '../engine/ids.ts';
import { DaemonError, withNotDirHint } from './errors.ts';
import type { Namespace } from '../fs/namespace.ts';
import { goErrorText, isFsError, type Errno } from '../fs/errors.ts';
import { basename, components, join, normalize } from '../fs/path.ts';
import { blockedResult, containerEnv, execPid, interactiveShell, processShellEnv, runProcess, type ProcessResult } from './process.ts';
import { bindSource, containerFs, freshRuntimeTmpfs, mainUser, processFs } from './runtime-fs.ts';
import { attachedServerOutput, completesServerLog } from './server-log.ts';
import { pinFileBinds } from './file-binds.ts';
import { runtimeWorkdir } from './paths.ts';
import { removeContainer } from './remove.ts';
import { deliverTrap, ExecError, resumeAfterSleep } from '../shell/index.ts';
import { BlockedSignal, ShellNotSimulated, SleepLoopNotSimulated, type Keyboard, type ProcessIO, type ShellEnvironment, type WaitingShell } from '../shell/types.ts';
import { BUSYBOX_SIGNALS } from '../shell/applets/kill.ts';
import { parseSignal } from './signals.ts';
import { resolveUser, runtimeHome, type UserIds } from './user.ts';
import { daemonText, PROFILES } from '../engine/profile.ts';
import { healthAtStart, healthMonitorStopped } from './health.ts';
import { releaseTmpfsVolumes } from '../volume/options.ts';
import { freshTmpfsRoot, tmpfsSettings } from './tmpfs.ts';
import { startRuntime, stopRuntime } from './runtime-settings.ts';
import { ttyIO } from './tty.ts';
import { containerById, markRunning, markStopped, runningContainers } from './registry.ts';
import { containerApplets } from './ps.ts';
import { noteClientSignal, restartRefusalText } from './restart.ts';
import { followNoFurther } from './restart-rerun.ts';
import { loseTrack } from './unfollowed.ts';

export interface StartOptions {
  /** Attached (`docker run` without -d, `docker start -a`): run to the end, output to the CLI. */
  attached: boolean;
  io: ProcessIO;
  /** What the main process reads on stdin: the CLI's own with `-i` (run -i, start -ai), else nothing. */
  stdin?: string;
  /** With `-i` on the reader's terminal: what they type next (ProcessIO.keyboard). */
  keyboard?: Keyboard;
  /**
   * Told of each sleep of an attached main process: the command line takes that time of strata's
   * clock, as a host `sleep` does, so detached containers go on meanwhile.
   */
  sleep?: (seconds: number) => void;
  /** The daemon's next run of a container it restarts, on a copy of the state (container/restart-rerun.ts): its end follows nothing further. */
  rerun?: boolean;
}

export type StartResult =
  | { kind: 'running' }
  /** `refused`: the refusal its process told and showed (ProcessResult's), for a build step. */
  | { kind: 'exited'; status: number; refused?: string }
  /** The container was removed (--rm) after exiting with this status. */
  | { kind: 'removed'; status: number };

/**
 * runc's exec.LookPath: a name with a slash is stat'ed as it is, with the stat's errno in the
 * message (core/exec-options); a bare name is searched in $PATH.
 */
function execErrorMessage(e: ExecError, argv0: string, fs: Namespace, cwd: string): string {
  if (e.kind !== 'not-found') return `exec: "${argv0}": permission denied`;
  if (!argv0.includes('/')) return `exec: "${argv0}": executable file not found in $PATH`;
  // Stryker disable next-line StringLiteral: stat succeeds only for a program LookPath finds, which lateExecFailure reports before this is asked
  let errno: Errno = 'ENOENT';
  try {
    fs.stat(normalize(join(cwd, argv0)));
  } catch (err) {
    // Stryker disable next-line ConditionalExpression: Namespace.stat throws nothing but FsError
    if (isFsError(err)) errno = err.code;
  }
  return `exec: "${argv0}": stat ${argv0}: ${goErrorText(errno)}`;
}

/**
 * runc's os.MkdirAll(cwd, 0o755) in the container's init, after the mounts: Go's MkdirAll names
 * the component that failed, a file on the way (ENOTDIR) or a read-only mount (EROFS), and the
 * start fails with it (recorded: lifecycle/rm-detached-and-start-errors).
 */
function runcMkdirCwd(fs: Namespace, cwd: string, prefix: string): void {
  let cur = '';
  for (const part of components(cwd)) {
    cur += '/' + part;
    let errno: Errno | undefined;
    try {
      if (fs.stat(cur).kind !== 'dir') errno = 'ENOTDIR';
    } catch (e) {
      if (!isFsError(e)) throw e;
      try {
        fs.mkdir(cur, 0o755);
      } catch (e2) {
        if (!isFsError(e2)) throw e2;
        errno = e2.code;
      }
    }
    if (errno !== undefined) {
      throw new DaemonError(
        withNotDirHint(`${prefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: mkdir ${cur}: ${goErrorText(errno)}: unknown`),
      );
    }
  }
}

/**
 * Go's exec.LookPath, which runc runs before the start completes: a name with a slash is stat'ed
 * as it is, a bare one is searched in $PATH; found when it is a file with an execute bit.
 */
function lookPath(fs: Namespace, cwd: string, name: string, pathVar: string): string | undefined {
  const candidates = name.includes('/') ? [name] : pathVar.split(':').map((d) => join(d === '' ? '.' : d, name));
  for (const path of candidates) {
    try {
      const st = fs.stat(normalize(join(cwd, path)));
      if (st.kind !== 'dir' && (st.mode & 0o111) !== 0) return path;
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }
  return undefined;
}

/**
 * Go's exec.LookPath decides a bare name before the execve: where no executable file on $PATH
 * answers it, the error is `executable file not found in $PATH` (exit 127), even when the
 * shell's own search met a file without an execute bit or a directory of that name (recorded:
 * lifecycle/lookpath-start-codes; the shell says permission denied).
 */
function lookPathFailure(result: ProcessResult, fs: Namespace, cwd: string, argv0: string, env: Record<string, string>): ProcessResult {
  if (result.kind !== 'exec-error' || result.error.kind === 'not-found' || argv0.includes('/')) return result;
  return lookPath(fs, cwd, argv0, env.PATH ?? '') === undefined ? { kind: 'exec-error', error: new ExecError('not-found', argv0) } : result;
}

/** What runc's init says of an execve that fails after LookPath found the program. */
const LATE_EXEC_ERRORS: Partial<Record<ExecError['kind'], string>> = {
  'not-found': 'no such file or directory',
  loop: 'too many levels of symbolic links',
  'exec-format': 'exec format error',
};

/**
 * A program LookPath finds whose execve still fails with ENOENT (a script whose interpreter is
 * missing), ELOOP (scripts that are each other's interpreter) or ENOEXEC (an executable text
 * file without `#!`) fails after the start: runc's init writes `exec PATH: no such file or
 * directory` (`too many levels of symbolic links`, `exec format error`) to the process's stderr
 * and exits 1 (recorded: lifecycle/rm-detached-and-start-errors,
 * host-mounts/pci-bind-script-loops, cp/pci-cp-merge).
 */
function lateExecFailure(result: ProcessResult, fs: Namespace, cwd: string, argv0: string, env: Record<string, string>): string | undefined {
  if (result.kind !== 'exec-error') return undefined;
  const text = LATE_EXEC_ERRORS[result.error.kind];
  if (text === undefined) return undefined;
  const path = lookPath(fs, cwd, argv0, env.PATH ?? '');
  return path === undefined ? undefined : `exec ${path}: ${text}\n`;
}

/**
 * The exit code a failed start leaves (moby daemon/start.go, errors.go setExitCodeFromError;
 * 20.10's translateContainerdStartErr): the runtime's errors by their words, EACCES (and EISDIR)
 * 126, ENOTDIR or a missing file 127; anything else, the daemon's own errors before the runtime
 * runs included (a user or group not found, a volume-subpath missing), exitUnknown 128
 * (recorded: lifecycle/start-state, core/lifecycle-exit-codes).
 */
function startFailureExitCode(message: string): number {
  if (!message.includes('OCI runtime create failed')) return 128;
  const m = message.toLowerCase();
  if (m.includes('permission denied') || m.includes('is a directory')) return 126;
  if (m.includes('not a directory') || ['executable file not found', 'no such file or directory'].some((s) => m.includes(s))) return 127;
  return 128;
}

export function startContainer(st: EngineState, c: Container, opts: StartOptions, events: EngineEvent[]): StartResult {
  if (c.state.status === 'running') return { kind: 'running' };
  // Networking and the log driver come first; their failure leaves the container as it was,
  // with exit code 128 (daemon/start.go: exitUnknown) and the error (container/runtime-settings.ts).
  try {
    startRuntime(st, c);
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: startRuntime throws nothing else; any other error is a crash (strata: internal error), whatever the state says
    if (e instanceof DaemonError) {
      c.state.exitCode = 128;
      c.state.error = e.message;
      if (c.hostConfig.AutoRemove) removeContainer(st, c, { removeVolumes: true, by: 'auto-remove' }, events);
    }
    throw e;
  }
  // Fresh tmpfs mounts: whatever a previous run wrote is gone. (Their root's mode follows the
  // mount point's when it already existed: see containerFs.)
  c.tmpfsData = {};
  for (const m of c.mounts) {
    if (m.type !== 'tmpfs') continue;
    const settings = tmpfsSettings(m, PROFILES[st.engine]);
    // Stryker disable next-line ConditionalExpression,StringLiteral: a refused tmpfs fails the namespace below, whose cleanup empties tmpfsData again
    if (typeof settings === 'string') continue; // refused below, when the namespace is built
    c.tmpfsData[m.destination] = freshTmpfsRoot(settings, st.clock);
  }
  c.runtimeTmpfs = freshRuntimeTmpfs(c.hostConfig.IpcMode === 'none', st.clock);
  // (a new process: the user its entrypoint dropped to in the run before is gone with it)
  delete c.mainDrop;
  let fs;
  let user;
  try {
    user = resolveUser(st, c);
    // runc's prepareRootfs, as root: the mounts and their mount points, then the working
    // directory created after the mounts (libcontainer/rootfs_linux.go: os.MkdirAll(config.Cwd,
    // 0o755)), so a missing -w inside a bind appears on the host, root-owned
    // (host-mounts/workdir-in-bind).
    const rootView = containerFs(st, c, { createMountpoints: true });
    runcMkdirCwd(rootView, runtimeWorkdir(c), PROFILES[st.engine].runtimeErrorPrefix);
    pinFileBinds(st, c, Object.fromEntries(c.mounts.filter((m) => m.type === 'bind').map((m) => [m.destination, bindSource(st, m)])));
    fs = processFs(st, c, rootView, user);
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: any other error here is a crash (strata: internal error), whatever the state says
    if (e instanceof DaemonError) {
      c.state.exitCode = startFailureExitCode(e.message);
      c.state.error = e.message;
      c.tmpfsData = {};
      c.runtimeTmpfs = undefined;
      c.pinnedBinds = undefined;
      stopRuntime(st, c);
      // The daemon's start cleanup removes an AutoRemove container, volumes too (core/users-lookup).
      if (c.hostConfig.AutoRemove) removeContainer(st, c, { removeVolumes: true, by: 'auto-remove' }, events);
      throw e;
    }
    throw e;
  }
  // moby initHealthMonitor runs once the process started: a start that fails leaves the health
  // of the run before as it was.
  const healthBefore = c.state.health;
  // moby container/state.go SetRunning: the exit code of the run before is reset (recorded: exec/interactive-stop-signals)
  c.state = { ...c.state, startedAt: st.clock, exitCode: 0, error: '', health: healthAtStart(c, st.clock, PROFILES[st.engine]) };
  markRunning(st, c);
  // moby containerStart: a start forgets the stops by hand before it (HasBeenManuallyStopped, the restart manager)
  if (c.stoppedByHand !== undefined) delete c.stoppedByHand;
  events.push({ type: 'container-started', container: c.id, name: c.name });
  // A catalog server's own lines carry prefixes its stand-in leaves out (a time, a PID:
  // container/server-log.ts): an attached client gets them as `docker logs` shows them, once the
  // run ended or waits (printAttached), not as the stand-in writes them. Not on a terminal (a
  // keyboard or -t: what is typed and printed interleaves there), where they pass as written.
  const throughLog = opts.attached === true && opts.keyboard === undefined && !c.config.Tty;
  const live = opts.attached === true && !(throughLog && completesServerLog(st, c));
  const logIo: ProcessIO = {
    stdin: opts.stdin ?? '',
    // Detached with -i or -t, fd 0 is a pipe or a terminal that stays open with nobody writing:
    // the process's first read waits (recorded: core/detached-open-stdin, both engines: `docker
    // run -dit`, `-dt`, `-di` of busybox's sh, or of cat, keep running; without either, stdin is
    // /dev/null and sh ends at once).
    ...(!opts.attached && (c.config.OpenStdin || c.config.Tty) ? { stdinOpen: true } : {}),
    ...(opts.attached && opts.keyboard ? { keyboard: opts.keyboard } : {}),
    stdout: (d) => {
      c.logs.push({ stream: 'stdout', data: d, at: st.clock });
      if (live) opts.io.stdout(d);
    },
    stderr: (d) => {
      c.logs.push({ stream: 'stderr', data: d, at: st.clock });
      if (live) opts.io.stderr(d);
    },
  };
  const env = containerEnv(c, runtimeHome(fs, user.uid), c.config.Tty);
  const cwd = runtimeWorkdir(c);
  const firstLog = c.logs.length;
  // A detached `sleep N` (docker run -d IMAGE sleep 30) runs N seconds of strata's clock, not
  // until the next command: a shorter sleep in any other background process still passes at once.
  let slept: number | undefined;
  const bareSleep = !opts.attached && basename(c.path) === 'sleep';
  let result = runProcess(c, {
    fs,
    argv: [c.path, ...c.args],
    cwd,
    env,
    io: c.config.Tty ? ttyIO(logIo) : logIo,
    background: !opts.attached,
    ...(opts.attached && opts.sleep ? { sleep: opts.sleep } : {}),
    ...(bareSleep ? { mainSleep: (seconds: number) => void (slept = seconds) } : {}),
    applets: containerApplets(st, c, { pid: 1, argv: [c.path, ...c.args], uid: user.uid, gid: user.gid }),
    busyboxStandIns: st.busyboxStandIns === true,
  });
  result = lookPathFailure(result, fs, cwd, c.path, env);
  const late = lateExecFailure(result, fs, cwd, c.path, env);
  if (late !== undefined) {
    logIo.stderr(late);
    result = { kind: 'exited', status: 1 };
  }
  if (result.kind === 'blocked') {
    if (opts.attached && !live) printAttached(st, c, firstLog, opts.io);
    c.waiting = result.waiting;
    keepBlocked(c, result, slept, st, c);
    return { kind: 'running' };
  }
  if (result.kind === 'exec-error') {
    const msg = withNotDirHint(
      `${PROFILES[st.engine].runtimeErrorPrefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${execErrorMessage(result.error, c.path, fs, cwd)}: unknown`,
    );
    finish(st, c, result.error.kind === 'not-found' ? 127 : 126, events);
    markStopped(st, c, 'created');
    c.state.error = msg;
    c.state.health = healthBefore;
    throw new DaemonError(msg);
  }
  finish(st, c, result.status, events);
  if (opts.attached && !live) printAttached(st, c, firstLog, opts.io);
  // A detached process's words reach nobody until `docker logs`: a stand-in's refusal there would
  // pass for a container that exited 125 (an attached one prints it to the user as it runs).
  // (strata's own programs tell theirs, in their own words: `docker run -d alpine wget URL` is
  // refused with wget's line, the whole command line, nothing kept, as a compose up that started
  // it; a catalog stand-in's words are found in the log below, and its container kept)
  const told = result.status === 125 ? result.refused : undefined;
  if (!opts.attached && told !== undefined && refusalLine(told) === undefined) throw new ShellNotSimulated(told);
  const refused = opts.attached ? undefined : standInRefusal(result.status, () => c.logs.slice(firstLog).map((l) => l.data).join(''));
  if (refused !== undefined) throw new NotSimulated(refused);
  // the daemon restarts it: kept, and followed no further (container/restart.ts, unfollowed.ts)
  const restarts = restartRefusalText(c, result.status);
  if (restarts !== undefined) {
    if (opts.rerun !== true) {
      followNoFurther(st, c, restarts);
      events.push({ type: 'container-unfollowed', container: c.id, name: c.name, why: restarts });
    }
    return { kind: 'exited', status: result.status };
  }
  if (c.hostConfig.AutoRemove) {
    removeContainer(st, c, { removeVolumes: true, by: 'auto-remove' }, events);
    return { kind: 'removed', status: result.status };
  }
  return result.refused === undefined ? { kind: 'exited', status: result.status } : { kind: 'exited', status: result.status, refused: result.refused };
}

/**
 * Print to an attached client what a catalog server's run logged from entry `from` on, as
 * `docker logs` shows it (attachedServerOutput); lines strata does not know refuse the command
 * line by name, nothing kept, as `docker logs` refuses them.
 */
function printAttached(st: EngineState, c: Container, from: number, io: StartOptions['io']): void {
  const out = attachedServerOutput(st, c, from, io.stderrDiscarded === true);
  if (out === undefined) return;
  if (out.unknown !== undefined) throw new NotSimulated(`strata does not simulate what the attached container ${c.name} prints here: ${out.unknown}`);
  for (const l of out.lines) (l.stream === 'stdout' ? io.stdout : io.stderr)(l.data);
}

/** The next process of the container's run (Container.spawned): its number, in PID order. */
function spawn(c: Container): number {
  c.spawned = (c.spawned ?? 0) + 1;
  return c.spawned;
}

/** The main process ended (or was killed; at `at`, else now): tmpfs content is gone. */
function finish(st: EngineState, c: Container, status: number, events: EngineEvent[], at = st.clock): void {
  c.state.paused = false;
  c.waiting = undefined;
  c.wakeAt = undefined;
  c.sleeping = undefined;
  // the kernel kills every other process of the PID namespace as its init exits: `docker exec -d`'s too
  c.execs = undefined;
  c.spawned = undefined;
  c.sleepPid = undefined;
  c.execArgv = undefined;
  c.execJobs = undefined;
  c.lastPid = undefined;
  c.jobPids = undefined;
  // the streams close: the log driver logs a line the process left unfinished (docker logs)
  if (c.logs.length > 0 && c.logs[c.logs.length - 1]?.end !== true) c.logs.push({ stream: 'stdout', data: '', end: true, status, at });
  // what the tmpfs mounts held, for the explanations (src/explain/): it is gone from the state
  const tmpfs = settled(c.tmpfsData);
  const discarded = Object.keys(c.tmpfsData);
  c.tmpfsData = {};
  c.runtimeTmpfs = undefined;
  c.pinnedBinds = undefined;
  stopRuntime(st, c);
  c.state = { ...c.state, exitCode: status, finishedAt: at, ...(c.state.health ? { health: healthMonitorStopped(c.state.health) } : {}) };
  markStopped(st, c, 'exited');
  releaseTmpfsVolumes(st, c.mounts.filter((m) => m.type === 'volume').map((m) => m.source));
  events.push({ type: 'container-stopped', container: c.id, name: c.name, exitCode: status, tmpfsDiscarded: discarded, tmpfs });
}

/**
 * What a signal does to the main process (moby daemon/stop.go, kill.go). SIGKILL ends it (exit
 * 137). Any other signal reaches a PID 1 only through a handler: a shell blocked in `wait` runs
 * its trap (the usual `server & wait` of an entrypoint), and exits with the trap's status; without
 * a handler PID 1 ignores the signal (runc gives PID 1 no default actions). Returns whether the
 * process ended.
 */
export function signalContainer(st: EngineState, c: Container, signal: string, events: EngineEvent[], from: 'client' | 'inside' = 'client'): boolean {
  if (c.state.status !== 'running') return false;
  // docker kill and docker stop refuse a signal the daemon cannot read before they come here.
  const signo = parseSignal(signal);
  if (signo === undefined) return false;
  // a stop by hand, for the restart policy (container/restart.ts)
  if (from === 'client') noteClientSignal(c, signo);
  if (signo === 9) {
    endMain(st, c, 137, events);
    return true;
  }
  // busybox's name for it, as its traps are kept (none for the real-time signals)
  const sigName = BUSYBOX_SIGNALS[signo - 1] ?? String(signo);
  const action = (c.waiting ?? c.sleeping)?.traps[sigName];
  // --init: docker-init (tini) is PID 1 and forwards the signal to the main process, which is not
  // PID 1 and so meets its default action: the terminating signals end it, and tini exits with
  // 128+N (recorded: core/init-flag, `docker stop` of `sleep` with SIGTERM gives 143).
  const shellIgnores = ['TERM', 'QUIT', 'INT'].includes(sigName) && interactiveShell([c.path, ...c.args], c.config.Tty);
  if (c.hostConfig.Init && action === undefined && initForwardedEnds(sigName) && !shellIgnores) {
    endMain(st, c, 128 + signo, events);
    return true;
  }
  // A script asleep (its shell waits for a foreground `sleep`) that traps the signal runs the trap
  // once that sleep is over, as ash does (POSIX 2.11, trap): the next wake runs it (endDueSleeps).
  // Recorded: lifecycle/loop-sleep-stop-term (`docker stop` of a TERM trap in a sleep loop).
  if (c.sleeping && !c.waiting && action) {
    const w = settled(c.sleeping);
    c.sleeping = { ...w, pending: [...(w.pending ?? []), { signal: sigName, signo }] };
    return false;
  }
  // A trap ignores it (''), or nothing handles it: PID 1 does not see it. The exception is busybox
  // ash in `wait`, which leaves on an untrapped SIGINT (see Shell.runTrap).
  if (!c.waiting || action === '' || (action === undefined && sigName !== 'INT')) return false;
  const status = runTrap(st, c, c.waiting, sigName, signo);
  if (status === undefined) return false;
  endMain(st, c, status, events);
  return true;
}

/**
 * Whether a signal tini forwards ends the main process (recorded: lifecycle/kill-stop-signals).
 * tini keeps the fault signals FPE, ILL, SEGV, BUS, ABRT, TRAP and SYS for itself, where PID 1
 * ignores them, and ignores TTIN and TTOU (tini.c configure_signals); of the others, all end a
 * process by default (signal(7)) but CHLD, CONT, URG and WINCH (ignored) and STOP and TSTP (stop).
 */
function initForwardedEnds(sigName: string): boolean {
  return !['CHLD', 'CONT', 'URG', 'WINCH', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'FPE', 'ILL', 'SEGV', 'BUS', 'ABRT', 'TRAP', 'SYS'].includes(sigName);
}

/**
 * The environment and streams in which the main process's shell, kept as `w` while it blocked,
 * runs on in the background (a trap, the rest of its script after a sleep): its container's file
 * system as its user, its output to the container's log.
 */
function mainShellRun(st: EngineState, c: Container, w: WaitingShell): { env: ShellEnvironment; io: ProcessIO } {
  // (as it is now: the user its entrypoint dropped to, if it did)
  const user = mainUser(st, c);
  const fs = containerFs(st, c, { createMountpoints: false, uid: user.uid, gid: user.gid, groups: user.groups });
  const io: ProcessIO = {
    stdin: '',
    stdout: (d) => void c.logs.push({ stream: 'stdout', data: d, at: st.clock }),
    stderr: (d) => void c.logs.push({ stream: 'stderr', data: d, at: st.clock }),
  };
  // (the programs its start found: busybox's wget and ps, which a script after its sleep runs too)
  const applets = containerApplets(st, c, { pid: 1, argv: [c.path, ...c.args], uid: user.uid, gid: user.gid });
  return { env: processShellEnv(c, { fs, cwd: w.cwd, env: containerEnv(c, runtimeHome(fs, user.uid), c.config.Tty), background: true, applets, busyboxStandIns: st.busyboxStandIns === true }), io };
}

/** The main process's stdout and stderr as another process opens them (/proc/1/fd/N): the container's log. */
function mainLog(st: EngineState, c: Container): (stream: 'stdout' | 'stderr', data: string) => void {
  return (stream, data) => void (containerById(st, c.id) ?? c).logs.push({ stream, data, at: st.clock });
}

/** The same for a `docker exec -d` script: its user and environment, its output to nowhere. */
function execShellRun(st: EngineState, c: Container, x: BackgroundExec, w: WaitingShell, events: EngineEvent[]): { env: ShellEnvironment; io: ProcessIO } {
  const fs = containerFs(st, c, {
    createMountpoints: false,
    uid: x.uid,
    gid: x.gid,
    groups: x.groups,
    ...(x.nsPid !== undefined ? { exec: { pid: x.nsPid, log: mainLog(st, c), main: mainUser(st, c) } } : {}),
  });
  const io: ProcessIO = { stdin: '', stdout: () => undefined, stderr: () => undefined };
  const initSignal = (signo: number): void => signalFromInside(st, c.id, signo, events);
  const applets = containerApplets(st, c, { pid: x.nsPid ?? 0, argv: x.argv, uid: x.uid, gid: x.gid });
  return { env: processShellEnv(c, { fs, cwd: w.cwd, env: x.env, background: true, initSignal, applets, busyboxStandIns: st.busyboxStandIns === true, ...(x.nsPid !== undefined ? { pid: x.nsPid } : {}) }), io };
}

/** Run a trap of the waiting main shell; undefined when the handler blocks (still running). */
function runTrap(st: EngineState, c: Container, waiting: WaitingShell, sigName: string, signo: number): number | undefined {
  // (as plain data: the resumed shell freezes the frames it keeps, and a draft cannot be frozen)
  const w = settled(waiting);
  const { env, io } = mainShellRun(st, c, w);
  try {
    return deliverTrap(w, sigName, signo, env, io);
  } catch (e) {
    if (!(e instanceof BlockedSignal)) throw e;
    // the script went on after the trap and blocks again (the next `wait` or sleep of its loop,
    // recorded: lifecycle/trap-wait-loop): the next signal finds it there
    if (e.waiting !== undefined || e.sleeping !== undefined) Object.assign(c, blockedAgain(blockedResult(e), st.clock, c));
    return undefined;
  }
}

/** The main process ended with `status`: kept in the daemon's restart loop when its policy restarts it (container/restart.ts). */
function endMain(st: EngineState, c: Container, status: number, events: EngineEvent[], at = st.clock): void {
  finish(st, c, status, events, at);
  const restarts = restartRefusalText(c, status);
  if (restarts !== undefined) {
    followNoFurther(st, c, restarts);
    events.push({ type: 'container-unfollowed', container: c.id, name: c.name, why: restarts });
    return;
  }
  if (c.hostConfig.AutoRemove) removeContainer(st, c, { removeVolumes: true, by: 'auto-remove' }, events);
}

/**
 * Wake-ups of one container in one command line past which strata refuses the line: a script
 * that sleeps 0.01 s at a time wakes 100 times a second, so only a line that moves the clock more
 * than 10 s meets it (a host `sleep 60` or a `docker wait` beside `while true; do ...; sleep 0.01;
 * done`); one that sleeps a second at a time, a line of more than 1000 s. Neither runs away nor
 * writes a log of 50,000 lines in one command.
 */
export const MAX_WAKES_PER_COMMAND = 1000;

/**
 * The processes whose sleep is over by `until` (strata's clock moving to it), in the order the
 * sleeps end, each container's main process and its `docker exec -d` processes alike: a bare
 * `sleep N` ends with status 0 then (a main process's container goes if --rm; its execs die with
 * it); a script asleep goes on from its sleep (a loop's next iteration...), and ends or sleeps
 * again, as often as its sleeps fit before `until`. A script's wake times keep fractions of a
 * second (`sleep 0.5` twice a second); the clock's second that holds its end is its end time.
 */
export function endDueSleeps(st: EngineState, until: number, events: EngineEvent[], wakes: Map<string, number> = new Map()): void {
  for (;;) {
    const next = earliestWake(st, until);
    if (next === undefined) return;
    const c = containerById(st, next.container)!;
    if (next.exec === undefined) wakeMain(st, c, events, wakes);
    else wakeExec(st, c, next.exec, events, wakes);
  }
}

/** The process whose sleep ends first, by `until`: a container's main process (exec undefined) or one of its execs. */
function earliestWake(st: EngineState, until: number): { container: string; exec?: string; at: number } | undefined {
  let best: { container: string; exec?: string; at: number } | undefined;
  for (const c of runningContainers(st)) {
    // paused, or past what strata follows (container/unfollowed.ts)
    if (c.state.paused || c.unfollowed !== undefined) continue;
    if (c.wakeAt !== undefined && c.wakeAt <= until && (best === undefined || c.wakeAt < best.at)) best = { container: c.id, at: c.wakeAt };
    for (const x of c.execs ?? []) {
      if (x.wakeAt !== undefined && x.wakeAt <= until && (best === undefined || x.wakeAt < best.at)) best = { container: c.id, exec: x.id, at: x.wakeAt };
    }
  }
  return best;
}

/**
 * One more wake of a process of `c` in this command line; past MAX_WAKES_PER_COMMAND, strata
 * follows `c` no further (container/unfollowed.ts) and false is returned: the process is not run.
 */
function countWake(st: EngineState, c: Container, wakes: Map<string, number>, key: string, name: string, events: EngineEvent[]): boolean {
  const n = (wakes.get(key) ?? 0) + 1;
  wakes.set(key, n);
  if (n <= MAX_WAKES_PER_COMMAND) return true;
  const why = `strata does not simulate ${name}'s loop for that long: its script woke from a sleep more than ${MAX_WAKES_PER_COMMAND} times in one command, so strata follows ${c.name} no further; \`docker rm -f ${c.name}\` removes it`;
  loseTrack(st, c, why);
  events.push({ type: 'container-unfollowed', container: c.id, name: c.name, why });
  return false;
}

function wakeMain(st: EngineState, c: Container, events: EngineEvent[], wakes: Map<string, number>): void {
  const at = c.wakeAt!;
  const sleeping = c.sleeping;
  if (sleeping === undefined) {
    endMain(st, c, 0, events, Math.ceil(at));
    return;
  }
  if (!countWake(st, c, wakes, c.id, c.name, events)) return;
  // the script goes on after its sleep, at the moment the sleep ended
  // (as plain data: the resumed shell freezes the frames it keeps, and a draft cannot be frozen)
  const w = settled(sleeping);
  const woke = wakeScript(mainShellRun(st, c, w), w, st.busyboxStandIns !== true);
  const now = containerById(st, c.id)!;
  if (woke.kind === 'refused') {
    refuseWoken(st, now, `${c.name}'s main process`, woke.line, events);
    return;
  }
  if (woke.kind === 'exited') {
    endMain(st, now, woke.status, events, Math.ceil(at));
    return;
  }
  Object.assign(now, blockedAgain(woke, at, now));
}

/**
 * What a process that woke at `at` and blocked again keeps (a main process on its container, an
 * exec on its BackgroundExec): its next sleep, numbered before its shell's jobs, or the program
 * it exec'd, whose sleep ends in whole seconds of the clock.
 */
function blockedAgain(woke: Extract<ProcessResult, { kind: 'blocked' }>, at: number, c: Container): BlockedProcess & Pick<BackgroundExec, 'waiting'> {
  const sleepPid = woke.sleeping !== undefined ? spawn(c) : undefined;
  return {
    waiting: woke.waiting,
    sleeping: woke.sleeping,
    sleepPid,
    wakeAt:
      woke.exec?.seconds !== undefined && Number.isFinite(woke.exec.seconds)
        ? Math.ceil(at) + Math.ceil(woke.exec.seconds)
        : woke.sleep !== undefined && woke.sleeping !== undefined
          ? wakeTime(at, woke.sleep)
          : undefined,
    jobPids: (woke.waiting?.jobs ?? woke.exec?.jobs)?.map(() => spawn(c)),
    execArgv: woke.exec?.argv,
    execJobs: woke.exec?.jobs,
  };
}

/** A `docker exec -d` process's sleep is over: it ends (a bare sleep, or its script ends) or goes on to its next sleep. */
function wakeExec(st: EngineState, c: Container, execId: string, events: EngineEvent[], wakes: Map<string, number>): void {
  const x = c.execs!.find((e) => e.id === execId)!;
  const at = x.wakeAt!;
  let woke: Woke = { kind: 'exited', status: 0 };
  if (x.sleeping !== undefined) {
    if (!countWake(st, c, wakes, `${c.id}/${x.id}`, `${c.name}'s exec (${x.argv.join(' ')})`, events)) return;
    const w = settled(x.sleeping);
    woke = wakeScript(execShellRun(st, c, settled(x), w, events), w, st.busyboxStandIns !== true);
  }
  const now = containerById(st, c.id)!;
  if (woke.kind === 'refused') {
    refuseWoken(st, now, `${c.name}'s exec (${x.argv.join(' ')})`, woke.line, events);
    return;
  }
  const rest = (now.execs ?? []).filter((e) => e.id !== execId);
  if (woke.kind === 'exited') {
    now.execs = rest.length > 0 ? rest : undefined;
    return;
  }
  const next: BackgroundExec = { ...settled(x), ...blockedAgain(woke, at, now) };
  now.execs = (now.execs ?? []).map((e) => (e.id === execId ? next : e));
}

/** When a sleep of `seconds` from `at` ends, to the microsecond (ten sleeps of 0.1 s end on the second, not just before or after it). */
function wakeTime(at: number, seconds: number): number {
  return Math.round((at + seconds) * 1e6) / 1e6;
}

/** What a script woken from its sleep did: it exited, blocked again, or ran into a refusal (Woke). */
type Woke = Extract<ProcessResult, { kind: 'exited' | 'blocked' }> | { kind: 'refused'; line: string };

/**
 * Run a sleeping script on from its sleep, in its container (as runTrap runs a trap). What it runs
 * after the sleep is heard as the start of a process is (process.ts hearRefusals): a program that
 * refused (`sh -c 'sleep 5; wget -q URL'`, whose words go to a log nobody reads as it runs), or
 * something the shell does not simulate (`$RANDOM`), is `refused` (see refuseWoken), whatever the
 * script did next. The oracle's stand-ins (busyboxStandIns) went on as their recordings show.
 */
function wakeScript(run: { env: ShellEnvironment; io: ProcessIO }, w: WaitingShell, hear: boolean): Woke {
  const { env, io } = run;
  let refused: string | undefined;
  if (hear) env.standInRefused = (line) => void (refused ??= line);
  try {
    const status = resumeAfterSleep(w, env, io);
    return refused !== undefined ? { kind: 'refused', line: refused } : { kind: 'exited', status };
  } catch (e) {
    if (e instanceof BlockedSignal) return refused !== undefined ? { kind: 'refused', line: refused } : blockedResult(e);
    if (e instanceof ShellNotSimulated) return { kind: 'refused', line: e.message };
    throw e;
  }
}

/**
 * A process of `c` woke from a sleep and ran what strata does not simulate (wakeScript). The
 * command line whose clock woke it is not the one that started it, and may not even name it (a
 * host `sleep 5`): refusing that line would refuse every later one too, since each moves the
 * clock past the same wake. Instead strata follows `c` no further (container/unfollowed.ts): every
 * command that would show it is refused with this reason, its name, volumes and `docker rm -f`
 * work as they do, and no state of a container that went on as if the program had done its work
 * is ever shown.
 */
function refuseWoken(st: EngineState, c: Container, what: string, line: string, events: EngineEvent[]): void {
  const why = `strata does not simulate what ${what} ran after a sleep (${line.replace(/\n[^]*$/, '')}), so strata follows ${c.name} no further; \`docker rm -f ${c.name}\` removes it`;
  loseTrack(st, c, why);
  events.push({ type: 'container-unfollowed', container: c.id, name: c.name, why });
}

/** moby's DefaultStopTimeout (container/container.go): the seconds docker stop waits without -t or --stop-timeout. */
const DEFAULT_STOP_TIMEOUT = 10;

/**
 * docker stop: the stop signal (`-s`, else the container's StopSignal, else SIGTERM); if the
 * process has not ended when the timeout runs out (or `-t 0`), SIGKILL: exit 137. The stop takes
 * that time of strata's clock when it can move the clock (`advanceTo`): a process that sleeps on
 * it (a sleep, a script sleeping in a loop) may end by itself meanwhile, a trap runs after the
 * current sleep (recorded: lifecycle/loop-sleep-stop-term: `-t 3` of an ignored SIGTERM takes 3 s).
 */
export function stopContainer(st: EngineState, c: Container, events: EngineEvent[], opts: StopOptions = {}): void {
  const pending = beginStop(st, c, events, opts);
  if (pending && opts.advanceTo) awaitStops(st, [pending], events, opts.advanceTo);
}

/** What a stop is given: docker stop's `-s` and `-t` (compose's `-t`), and the clock it may move. */
export interface StopOptions {
  signal?: string;
  timeout?: number;
  advanceTo?: (to: number) => void;
}

/** A stop whose signal was sent and that waits for the process to end until its deadline. */
export interface PendingStop {
  readonly id: string;
  /** strata's clock when the daemon sends SIGKILL (Infinity: a negative timeout, no kill). */
  readonly deadline: number;
  /** The wakes of the process this stop has followed (stepStops). */
  moves: number;
}

/** The wakes of a process a stop without a deadline follows before it refuses (a loop never ends). */
const MAX_ENDLESS_STOP_MOVES = 600;

/**
 * The first half of a stop (moby daemon/stop.go containerStop): the stop signal, then, when the
 * process goes on and the timeout is positive and the clock can move, the deadline it has (the
 * second half is awaitStops). Without a clock to move, or with `-t 0`, SIGKILL at once.
 */
export function beginStop(st: EngineState, c: Container, events: EngineEvent[], opts: StopOptions = {}): PendingStop | undefined {
  if (c.state.status !== 'running') return undefined;
  const signal = opts.signal ?? (c.config.StopSignal || 'SIGTERM');
  if (opts.timeout !== 0 && signalContainer(st, c, signal, events)) return undefined;
  const timeout = opts.timeout ?? c.config.StopTimeout ?? DEFAULT_STOP_TIMEOUT;
  // A process that ignores the signal (PID 1 without a handler, an interactive shell: recorded
  // exec/interactive-stop-signals) makes the stop wait its whole timeout, whatever it does meanwhile.
  if (opts.advanceTo && timeout > 0) return { id: c.id, deadline: st.clock + timeout, moves: 0 };
  // A negative timeout: moby waits for the process with no deadline at all (daemon/stop.go,
  // context.WithCancel instead of WithTimeout), so only a process that ends by itself ends it
  if (opts.advanceTo && timeout < 0) return { id: c.id, deadline: Infinity, moves: 0 };
  noteClientSignal(c, 9);
  endMain(st, c, 137, events);
  return undefined;
}

/** Whether the container of a pending stop has ended (by itself, or killed at its deadline). */
export function stopEnded(st: EngineState, p: PendingStop): boolean {
  return containerById(st, p.id)?.state.status !== 'running';
}

/**
 * Moves the clock to the next moment one of these stops may end: the next wake of a sleeping
 * process before its deadline (it may end then), else the earliest deadline, where the daemon
 * kills what still runs: exit 137. Stops sent together (a client's parallel ContainerStop calls,
 * compose's containers of a service) wait side by side: their timeouts do not add up.
 */
export function stepStops(st: EngineState, pending: PendingStop[], events: EngineEvent[], advanceTo: (to: number) => void): void {
  const open = pending.filter((p) => !stopEnded(st, p));
  if (open.length === 0) return;
  let next = Math.min(...open.map((p) => p.deadline));
  for (const p of open) {
    const c = containerById(st, p.id)!;
    if (!c.state.paused && c.wakeAt !== undefined && c.wakeAt <= p.deadline) next = Math.min(next, Math.max(st.clock + 1, Math.ceil(c.wakeAt)));
  }
  const endless = open.find((p) => p.deadline === Infinity);
  if (endless && (next === Infinity || endless.moves >= MAX_ENDLESS_STOP_MOVES)) {
    const c = containerById(st, endless.id)!;
    throw new SleepLoopNotSimulated(`strata does not simulate a stop with a negative timeout of ${c.name}, whose main process does not end: the daemon waits for it forever`);
  }
  for (const p of open) p.moves++;
  advanceTo(next);
  for (const p of open) {
    const now = containerById(st, p.id);
    if (now?.state.status === 'running' && p.deadline <= next) {
      noteClientSignal(now, 9);
      endMain(st, now, 137, events);
    }
  }
}

/** The second half of stops begun together: the clock moves until each has ended. */
export function awaitStops(st: EngineState, pending: PendingStop[], events: EngineEvent[], advanceTo: (to: number) => void): void {
  while (pending.some((p) => !stopEnded(st, p))) stepStops(st, pending, events, advanceTo);
}

export interface ExecOptions {
  argv: string[];
  workdir?: string;
  env: string[];
  user?: string;
  io: ProcessIO;
  /** Told of each sleep of the process (a health check's timeout). */
  sleep?: (seconds: number) => void;
  /**
   * `docker exec -d`: the process runs in the background of the container, its output to
   * nowhere; with `tty` it has a terminal of its own that nobody writes to (`-dt`, `-dit`).
   */
  detach?: { tty: boolean };
  /** `docker exec -t`: the process has a terminal (its environment gets TERM=xterm: containerEnv). */
  tty?: boolean;
  /** Where the main process's end goes when the exec's signal to PID 1 ends it; without, such signals are lost. */
  events?: EngineEvent[];
  /** A health check's exec (process.ts RunOptions.keepsSwallowedRefusals). */
  keepsSwallowedRefusals?: true;
}

/**
 * A signal an exec sends to PID 1 (`docker exec c kill 1`): from inside its PID namespace,
 * SIGKILL and SIGSTOP never reach the namespace's init (pid_namespaces(7)); any other signal
 * does as one from `docker kill` does: to a handler, or through docker-init (recorded:
 * exec/exec-main-exiting: `kill -9 1` leaves `sleep` running, a TERM trap runs).
 */
function signalFromInside(st: EngineState, id: string, signo: number, events: EngineEvent[]): void {
  if (signo === 9 || signo === 19) return;
  const c = containerById(st, id);
  if (c?.state.status === 'running') signalContainer(st, c, String(signo), events, 'inside');
}

/** A failure of `docker exec` after the daemon accepted it: runc's words, no daemon prefix. */
export class ExecStartError extends Error {}

/** The exit status of a process that SIGKILL ended (an exec when its container's main process ends). */
const KILLED = 137;

export function execInContainer(st: EngineState, c: Container, opts: ExecOptions, ref = c.name): number {
  if (c.state.status !== 'running') throw new DaemonError(daemonText(PROFILES[st.engine], `Container ${c.id} is not running`));
  // Recorded: both daemons keep this one capitalized.
  if (c.state.paused) throw new DaemonError(`Container ${ref} is paused, unpause the container before exec`);
  let user;
  try {
    user = resolveUser(st, c, opts.user);
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: resolveUser throws nothing but DaemonError
    if (e instanceof DaemonError) throw new ExecStartError(e.message);
    throw e;
  }
  // The exec's /proc: its PID, known once runc's checks below pass (execPid), and the main
  // process's stdout and stderr, which go to the container's log like the main process's own.
  const execView = {
    pid: 0,
    log: mainLog(st, c),
    main: mainUser(st, c),
  };
  const fs = containerFs(st, c, { createMountpoints: false, uid: user.uid, gid: user.gid, groups: user.groups, exec: execView });
  const cwd = opts.workdir ?? runtimeWorkdir(c);
  // runc's words (core/exec-options); its hint about mounts follows any ENOTDIR.
  if (!cwd.startsWith('/')) throw new ExecStartError('OCI runtime exec failed: exec failed: Cwd must be an absolute path: unknown');
  if (!fs.exists(cwd)) {
    throw new ExecStartError(`OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("${cwd}") set in config.json failed: no such file or directory: unknown`);
  }
  if (fs.stat(cwd).kind !== 'dir') {
    throw new ExecStartError(withNotDirHint(`OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("${cwd}") set in config.json failed: not a directory: unknown`));
  }
  const env = containerEnv(c, runtimeHome(fs, user.uid), opts.tty === true || opts.detach?.tty === true);
  for (const kv of opts.env) {
    const i = kv.indexOf('=');
    // A name without a value (the CLI sends it so when its own environment lacks it) unsets the
    // variable: moby's ReplaceOrAppendEnvValues (recorded: lifecycle/lookpath-start-codes).
    if (i < 0) delete env[kv];
    // Stryker disable next-line EqualityOperator: docker exec and compose exec refuse an entry with no name (envProblem: invalid environment variable: =x, core/exec-options), so i is never 0
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  const failed = (result: ProcessResult): ExecStartError =>
    new ExecStartError(
      withNotDirHint(`OCI runtime exec failed: exec failed: unable to start container process: ${execErrorMessage((result as { error: ExecError }).error, opts.argv[0], fs, cwd)}: unknown`),
    );
  const events = opts.events;
  const initSignal = events ? (signo: number): void => signalFromInside(st, c.id, signo, events) : undefined;
  if (opts.detach) {
    const run = startBackgroundExec(st, c, { fs, argv: opts.argv, cwd, env, user, tty: opts.detach.tty, initSignal, onPid: (pid) => void (execView.pid = pid) });
    if (run.result.kind === 'exec-error' && run.late === undefined) throw failed(run.result);
    return 0;
  }
  // The main process ending meanwhile (its sleep over on strata's clock while the exec sleeps)
  // kills every process of the container (the kernel, as its PID namespace's init exits): the
  // exec ends there, with SIGKILL's status (recorded: exec/exec-main-exiting, both engines).
  const run0 = c.state.startedAt;
  const mainEnded = (): boolean => {
    const now = containerById(st, c.id);
    return now?.state.status !== 'running' || now.state.startedAt !== run0;
  };
  let killed = false;
  // (a sleep past the main process's end takes the time to that end, in steps of the clock's
  // seconds, so that the command line does not move the clock further)
  const sleep = (seconds: number): void => {
    let left = seconds;
    while (opts.sleep && left > 0) {
      const main = containerById(st, c.id);
      const until = main?.state.paused ? undefined : main?.wakeAt;
      const step = until !== undefined && until - st.clock < left ? Math.min(left, Math.max(1, Math.ceil(until - st.clock))) : left;
      opts.sleep(step);
      left -= step;
      if (mainEnded()) {
        killed = true;
        throw new BlockedSignal('killed with its container');
      }
    }
  };
  const pid = execPid(c);
  execView.pid = pid;
  let result = runProcess(c, {
    fs,
    argv: opts.argv,
    cwd,
    env,
    // Read the stdin once: the shell's stdin getter consumes what it returns.
    io: { stdin: opts.io.stdin, stdout: (d) => opts.io.stdout(d), stderr: (d) => opts.io.stderr(d), ...(opts.io.terminal ? { terminal: true } : {}), ...(opts.io.keyboard ? { keyboard: opts.io.keyboard } : {}) },
    background: false,
    sleep,
    applets: containerApplets(st, c, { pid, argv: opts.argv, uid: user.uid, gid: user.gid }),
    busyboxStandIns: st.busyboxStandIns === true,
    ...(initSignal ? { initSignal } : {}),
    ...(opts.keepsSwallowedRefusals ? { keepsSwallowedRefusals: true as const } : {}),
    pid,
  });
  if (killed) return KILLED;
  result = lookPathFailure(result, fs, cwd, opts.argv[0], env);
  const late = lateExecFailure(result, fs, cwd, opts.argv[0], env);
  if (late !== undefined) {
    opts.io.stderr(late);
    return 1;
  }
  if (result.kind === 'exec-error') throw failed(result);
  return result.kind === 'exited' ? result.status : 0;
}

interface BackgroundStart {
  fs: Namespace;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  user: UserIds;
  tty: boolean;
  initSignal?: (signo: number) => void;
  /** The exec's PID, once it has one (its /proc/self). */
  onPid?: (pid: number) => void;
}

/** What a process that blocked keeps to go on: the main process's on its container, an exec's on its BackgroundExec. */
type BlockedProcess = Pick<BackgroundExec, 'execArgv' | 'execJobs' | 'jobPids' | 'wakeAt' | 'sleeping' | 'sleepPid'>;

/**
 * Keep on `p` where a blocked process of container `c` goes on: its shell's jobs' numbers; the
 * program it exec'd (a sleep of it ends in its time); the end of a bare `sleep N` it is (`slept`);
 * or its script asleep in a `sleep`, with that sleep's own number.
 */
function keepBlocked(p: BlockedProcess, result: Extract<ProcessResult, { kind: 'blocked' }>, slept: number | undefined, st: EngineState, c: Container): void {
  const jobs = result.waiting?.jobs ?? result.exec?.jobs;
  if (jobs !== undefined) p.jobPids = jobs.map(() => spawn(c));
  if (result.exec !== undefined) {
    // the script exec'd a program that blocks: the process is that program, a sleep ends in its time
    p.execArgv = result.exec.argv;
    p.execJobs = result.exec.jobs;
    if (result.exec.seconds !== undefined && Number.isFinite(result.exec.seconds)) p.wakeAt = st.clock + Math.ceil(result.exec.seconds);
  } else if (slept !== undefined && Number.isFinite(slept)) p.wakeAt = st.clock + Math.ceil(slept);
  else if (result.sleep !== undefined && result.sleeping !== undefined) {
    p.sleeping = result.sleeping;
    p.sleepPid = spawn(c);
    // a script's sleeps add up to fractions of the clock's seconds (see endDueSleeps)
    p.wakeAt = wakeTime(st.clock, result.sleep);
  }
}

/**
 * `docker exec -d` (docker/cli exec.go: a detached exec attaches no stream, so not even -i opens
 * its stdin; moby daemon/exec.go ContainerExecStart): the process starts and the CLI returns.
 * What it prints goes nowhere (the daemon keeps no log of execs). Without -t its stdin is empty,
 * so cat or sh end at once; with -t it is a terminal nobody writes to, where they wait for ever
 * (recorded: exec/exec-detached-stdin). One that ends at once has done its work (the files it
 * wrote stay); one that blocks is kept as a BackgroundExec: a bare `sleep N` ends N seconds later
 * on strata's clock, a script asleep goes on when its sleep is over (endDueSleeps), and anything
 * else runs until the main process ends. A program that is missing is runc's error (returned as
 * result).
 */
function startBackgroundExec(st: EngineState, c: Container, o: BackgroundStart): { result: ProcessResult; late?: string } {
  const nowhere: ProcessIO = { stdin: '', stdout: () => undefined, stderr: () => undefined, ...(o.tty ? { stdinOpen: true } : {}) };
  let slept: number | undefined;
  const bareSleep = basename(o.argv[0] ?? '') === 'sleep';
  const pid = execPid(c);
  o.onPid?.(pid);
  let result = runProcess(c, {
    pid,
    fs: o.fs,
    argv: o.argv,
    cwd: o.cwd,
    env: o.env,
    io: o.tty ? ttyIO(nowhere) : nowhere,
    background: true,
    ...(bareSleep ? { mainSleep: (seconds: number) => void (slept = seconds) } : {}),
    applets: containerApplets(st, c, { pid, argv: o.argv, uid: o.user.uid, gid: o.user.gid }),
    busyboxStandIns: st.busyboxStandIns === true,
    ...(o.initSignal ? { initSignal: o.initSignal } : {}),
  });
  result = lookPathFailure(result, o.fs, o.cwd, o.argv[0], o.env);
  const late = lateExecFailure(result, o.fs, o.cwd, o.argv[0], o.env);
  if (result.kind !== 'blocked') return { result, late };
  const exec: BackgroundExec = {
    id: nextId(st.ids),
    argv: o.argv,
    uid: o.user.uid,
    gid: o.user.gid,
    groups: o.user.groups,
    env: o.env,
    startedAt: st.clock,
    pid: spawn(c),
    nsPid: pid,
    ...(result.waiting ? { waiting: result.waiting } : {}),
  };
  keepBlocked(exec, result, slept, st, c);
  c.execs = [...(c.execs ?? []), exec];
  return { result };
}
