// docker top (docker container top): the processes of a running container, as the daemon's
// `ps -ef` on the host lists them (moby daemon/top_unix.go ContainerTop: ps's rows whose PID is
// one of the container's), printed by docker/cli cli/command/container/top.go through
// tabwriter.NewWriter(out, 20, 1, 3, ' ', 0): UID PID PPID C STIME TTY TIME CMD.
//
// What strata knows of a container's processes are its main process and its `docker exec -d`
// processes, each while it is the one that waits (a bare `sleep`, a `tail`, a `cat` or a shell
// reading its stdin) or while it is a script asleep in a `sleep`, which is its child (recorded:
// host-mounts/ph-docker-top, exec/exec-detached-kinds). A script that runs other children (a
// shell in `wait`, an image's entrypoint that starts a server and its workers) has processes
// strata does not follow, so `top` of it is refused by name; so are ps options (`docker top c
// aux`), which the host's ps would format.
//
// The numbers are the host's and differ on every machine and run: the PID is the one inspect shows
// (State.Pid; with --init, docker-init's, its child one more), the PPID containerd-shim's (one
// less), C 0 (a waiting process uses no CPU), STIME the start on strata's clock as procps prints
// it (HH:MM the same day, MmmDD the same year, else the year), TTY `?` (a -t container's pts is
// in its own devpts, which the host's ps does not name), TIME 00:00:00.

import type { DockerCommand } from '../../command.ts';
import { daemonError, out } from '../../errors.ts';
import { MAIN_PID } from '../../views/container.ts';
import { peekFindContainer } from '../../../container/lookup.ts';
import { tabwrite } from '../../format/table.ts';
import { daemonText } from '../../../engine/profile.ts';
import { NotSimulated } from '../../../engine/not-simulated.ts';
import { resolveUser } from '../../../container/user.ts';
import { DaemonError } from '../../../container/errors.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { databaseRows } from '../../../fs/database.ts';
import { basename } from '../../../fs/path.ts';
import type { EngineState } from '../../../engine/state.ts';
import type { WaitingShell } from '../../../shell/types.ts';
import { readsCommandsFromStdin } from '../../../container/process.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * procps' STIME (procps-ng ps/output.c pr_stime): `%H:%M` started today, `%b%d` another day of
 * this year, else `%Y` (UTC, strata's time zone).
 */
export function psStartTime(started: number, now: number): string {
  const s = new Date(started * 1000);
  const n = new Date(now * 1000);
  const pad = (x: number): string => String(x).padStart(2, '0');
  if (s.getUTCFullYear() !== n.getUTCFullYear()) return String(s.getUTCFullYear());
  const sameDay = s.getUTCMonth() === n.getUTCMonth() && s.getUTCDate() === n.getUTCDate();
  return sameDay ? `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}` : `${MONTHS[s.getUTCMonth()]}${pad(s.getUTCDate())}`;
}

/** Programs that are themselves what waits: nothing else of theirs runs. */
const WAITING_PROGRAMS = new Set(['sleep', 'tail', 'cat']);

/** A process as ps lists it: its place in PID order (0: the main process), uid, start, argv. */
interface Proc {
  n: number;
  uid: number;
  started: number;
  argv: string[];
}

/**
 * The processes of one program strata follows (the main process or a `docker exec -d` one): the
 * program itself while it is what waits (a bare `sleep`, `tail`, `cat`, a shell reading its
 * stdin), or a script asleep and its `sleep` child (recorded: exec/exec-detached-kinds, a loop's
 * `sleep 1` is a child of its `sh -c`); undefined for anything else (a script in `wait`, or
 * blocked in a child strata does not name).
 */
/**
 * Whether the shell's sleep is the last command of its `-c` string, which busybox ash runs in its
 * own process instead of a child (ash.c: evalstring(minusc, EV_EXIT), and evalcommand forks only
 * without EV_EXIT or with traps set; EV_EXIT reaches the last command of a `;` list, of an `&&`/`||`
 * chain and the body of an `if`, never a loop's): ps shows the sleep alone (recorded:
 * exec/exec-detached-shell-forms, `sh -c 'echo hi; sleep 102'` and `cd /tmp && sleep 105` are a
 * lone `sleep`, `sleep 104; echo done` a shell and its child).
 */
function sleepsInPlace(w: WaitingShell): boolean {
  if (w.commandString !== true || Object.keys(w.traps).length > 0 || (w.rest !== undefined && w.rest.items.length > 0)) return false;
  return (w.frames ?? []).every((f) => {
    if (f.kind === 'pipeline') return !f.node.negated && !f.cond && f.node.commands.length === 1;
    if (f.kind === 'andor') return f.next >= f.node.tail.length;
    if (f.kind === 'list') return f.next >= f.items.length;
    if (f.kind === 'if') return !f.inCond;
    return false;
  });
}

function followedProcs(
  p: { argv: string[]; waiting?: WaitingShell; sleeping?: WaitingShell; sleepPid?: number; jobPids?: number[]; execJobs?: (string[] | null)[] },
  self: Proc,
): Proc[] | undefined {
  // a shell in `wait` and its jobs, each a lone command that waits in its own process, or the
  // program a script exec'd and the jobs it had started (recorded: exec/top-exec-wait, `sleep 1002
  // & wait`, `sleep 1005 & exec sleep 1006`); a subshell job is a fork of the shell with children
  // of its own, which strata does not follow
  const jobs = p.waiting !== undefined ? p.waiting.jobs : p.execJobs;
  if (p.waiting !== undefined || jobs !== undefined) {
    if (jobs === undefined || p.jobPids === undefined || jobs.some((j) => j === null || !WAITING_PROGRAMS.has(basename(j[0] ?? '')))) return undefined;
    if (p.waiting === undefined && !WAITING_PROGRAMS.has(basename(p.argv[0] ?? ''))) return undefined;
    return [self, ...jobs.map((argv, k) => ({ n: p.jobPids![k], uid: self.uid, started: self.started, argv: argv! }))];
  }
  // (a script asleep while jobs of its run: strata does not keep their numbers)
  if (p.sleeping?.jobs !== undefined) return undefined;
  if (p.sleeping !== undefined) {
    const child = p.sleeping.sleepArgv;
    if (child === undefined || p.sleepPid === undefined) return undefined;
    if (sleepsInPlace(p.sleeping)) return [{ ...self, argv: child }];
    return [self, { n: p.sleepPid, uid: self.uid, started: self.started, argv: child }];
  }
  if (WAITING_PROGRAMS.has(basename(p.argv[0] ?? '')) || readsCommandsFromStdin(p.argv)) return [self];
  return undefined;
}

/**
 * The host's name for a uid (ps reads the host's /etc/passwd, not the container's: recorded,
 * users/top-host-names), else the number. procps fits a longer name into its 8 columns with a
 * `+` (the recording host's uid 998, systemd-network, showed as `systemd+`).
 */
function hostUserName(st: EngineState, uid: number): string {
  const rows = databaseRows(hostFs(st), '/etc/passwd');
  const name = rows.find((r) => r[2] === String(uid))?.[0] ?? String(uid);
  return name.length > 8 ? `${name.slice(0, 7)}+` : name;
}

export const top: DockerCommand = {
  spec: {
    path: 'top',
    args: { min: 1 },
    usage: 'docker top CONTAINER [ps OPTIONS]',
    description: 'Display the running processes of a container',
    interspersed: false,
    flags: [],
  },
  run(ctx, p) {
    const [ref, ...psArgs] = p.args as [string, ...string[]];
    const c = peekFindContainer(ctx.st, ref);
    if (!c) return daemonError(ctx, `No such container: ${ref}`);
    if (c.state.status !== 'running') return daemonError(ctx, daemonText(ctx.profile, `Container ${c.id} is not running`));
    if (psArgs.length > 0) throw new NotSimulated(`strata does not simulate ps options of docker top (${psArgs.join(' ')}): the host's ps formats them`);
    // The process's uid was fixed at its start; strata keeps the user as configured and reads the
    // container's /etc/passwd again, which an exec may have changed since (the name gone: refused)
    let uid: number;
    try {
      uid = resolveUser(ctx.st, c).uid;
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      throw new NotSimulated(`strata does not simulate the processes of ${ref} (docker top): it does not keep the uid its main process started as, and its user (${c.config.User}) is no longer in its /etc/passwd`);
    }
    const mainArgv = [c.path, ...c.args];
    // a script that exec'd its last program (`exec sleep 1000`) is that program now (recorded: exec/top-exec-wait)
    const mainNow = c.execArgv ?? mainArgv;
    const main = followedProcs(
      { argv: mainNow, waiting: c.waiting, sleeping: c.sleeping, sleepPid: c.sleepPid, ...(c.jobPids ? { jobPids: c.jobPids } : {}), ...(c.execJobs ? { execJobs: c.execJobs } : {}) },
      { n: 0, uid, started: c.state.startedAt, argv: mainNow },
    );
    if (!main) {
      throw new NotSimulated(`strata does not simulate the processes of ${ref} (docker top): its main process (${c.path}) runs a script or children strata does not follow`);
    }
    const procs = [...main];
    for (const x of c.execs ?? []) {
      const rows = followedProcs({ ...x, argv: x.execArgv ?? x.argv }, { n: x.pid, uid: x.uid, started: x.startedAt, argv: x.execArgv ?? x.argv });
      if (!rows) throw new NotSimulated(`strata does not simulate the processes of ${ref} (docker top): its exec (${x.argv.join(' ')}) runs a script or children strata does not follow`);
      procs.push(...rows);
    }
    // ps -ef lists by PID: the order the processes started in. PIDs: the main process's is
    // State.Pid (with --init docker-init's, the program one more), the others count on from it,
    // each a child of the shim (one less) but a `sleep`, its script's.
    const init = c.hostConfig.Init === true;
    const pidOf = (n: number): number => MAIN_PID + (init ? 1 : 0) + n * 2;
    const parentOf = new Map<number, number>();
    for (const x of c.execs ?? []) {
      if (x.sleepPid !== undefined) parentOf.set(x.sleepPid, x.pid);
      for (const j of x.jobPids ?? []) parentOf.set(j, x.pid);
    }
    if (c.sleepPid !== undefined) parentOf.set(c.sleepPid, 0);
    for (const j of c.jobPids ?? []) parentOf.set(j, 0);
    const row = (p: Proc): string => {
      const pid = pidOf(p.n);
      const parent = parentOf.get(p.n);
      const ppid = parent !== undefined ? pidOf(parent) : p.n === 0 && init ? MAIN_PID : MAIN_PID - 1;
      return [hostUserName(ctx.st, p.uid), String(pid), String(ppid), '0', psStartTime(p.started, ctx.st.clock), '?', '00:00:00', p.argv.join(' ')].join('\t');
    };
    const rows = ['UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD'];
    if (init) rows.push([hostUserName(ctx.st, uid), String(MAIN_PID), String(MAIN_PID - 1), '0', psStartTime(c.state.startedAt, ctx.st.clock), '?', '00:00:00', `/sbin/docker-init -- ${mainArgv.join(' ')}`].join('\t'));
    for (const p of procs.sort((a, b) => a.n - b.n)) rows.push(row(p));
    out(ctx, tabwrite(rows.join('\n') + '\n', { minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ' }));
    return 0;
  },
};
