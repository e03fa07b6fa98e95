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
import { knownMainUser } from '../../../container/runtime-fs.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { databaseRows } from '../../../fs/database.ts';
import type { EngineState } from '../../../engine/state.ts';
import { followedProcs, standInProcesses, type Proc } from '../../../container/processes.ts';

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
    // The process's uid was fixed at its start (or when it dropped root: knownMainUser); strata
    // keeps the user as configured and reads the container's /etc/passwd again, which an exec may
    // have changed since (the name gone: refused)
    const known = knownMainUser(ctx.st, c);
    if (known === undefined) {
      throw new NotSimulated(`strata does not simulate the processes of ${ref} (docker top): it does not keep the uid its main process started as, and its user (${c.config.User}) is no longer in its /etc/passwd`);
    }
    const uid = known.uid;
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
    const standIn = standInProcesses(ctx.st, c, main);
    if (standIn) throw new NotSimulated(`strata does not simulate the processes of ${ref} (docker top): ${standIn}`);
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
