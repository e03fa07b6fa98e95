// docker top (docker container top): the processes of a running container, as the daemon's
// `ps -ef` on the host lists them (moby daemon/top_unix.go ContainerTop: ps's rows whose PID is
// one of the container's), printed by docker/cli cli/command/container/top.go through
// tabwriter.NewWriter(out, 20, 1, 3, ' ', 0): UID PID PPID C STIME TTY TIME CMD.
//
// What strata knows of a container's processes is its main process, and only while that process
// is the one that waits: a bare `sleep`, a `tail`, a `cat` or a shell reading its stdin (recorded:
// host-mounts/ph-docker-top). A script that runs children (a shell asleep in `sleep 5; ...`, in
// `wait`, an image's entrypoint that starts a server and its workers) has processes strata does
// not follow, so `top` of it is refused by name; so are ps options (`docker top c aux`), which the
// host's ps would format. `docker exec -d` is refused, so no other process runs.
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
import type { Container, EngineState } from '../../../engine/state.ts';

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

/** Main processes that are themselves what waits: nothing else of theirs runs. */
const WAITING_PROGRAMS = new Set(['sleep', 'tail', 'cat']);
const SHELLS = new Set(['sh', 'ash', 'bash']);

function followed(c: Container): boolean {
  if (c.sleeping !== undefined || c.waiting !== undefined) return false;
  const name = basename(c.path);
  if (WAITING_PROGRAMS.has(name)) return true;
  // a shell with no script reads its commands from stdin (`docker run -it busybox`, `-dt`)
  return SHELLS.has(name) && c.args.every((a) => /^-[il]+$/.test(a));
}

/** The host's name for a uid (ps reads the host's /etc/passwd), else the number. */
function hostUserName(st: EngineState, uid: number): string {
  const rows = databaseRows(hostFs(st), '/etc/passwd');
  return rows.find((r) => r[2] === String(uid))?.[0] ?? String(uid);
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
    if (!followed(c)) {
      throw new NotSimulated(`strata does not simulate the processes of ${ref} (docker top): its main process (${c.path}) runs a script or children strata does not follow`);
    }
    // The process's uid was fixed at its start; strata keeps the user as configured and reads the
    // container's /etc/passwd again, which an exec may have changed since (the name gone: refused)
    let uid: number;
    try {
      uid = resolveUser(ctx.st, c).uid;
    } catch (e) {
      if (!(e instanceof DaemonError)) throw e;
      throw new NotSimulated(`strata does not simulate the processes of ${ref} (docker top): it does not keep the uid its main process started as, and its user (${c.config.User}) is no longer in its /etc/passwd`);
    }
    const user = hostUserName(ctx.st, uid);
    const stime = psStartTime(c.state.startedAt, ctx.st.clock);
    const argv = [c.path, ...c.args].join(' ');
    const row = (pid: number, ppid: number, cmd: string): string => [user, String(pid), String(ppid), '0', stime, '?', '00:00:00', cmd].join('\t');
    const rows = ['UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD'];
    if (c.hostConfig.Init === true) {
      rows.push(row(MAIN_PID, MAIN_PID - 1, `/sbin/docker-init -- ${argv}`));
      rows.push(row(MAIN_PID + 1, MAIN_PID, argv));
    } else rows.push(row(MAIN_PID, MAIN_PID - 1, argv));
    out(ctx, tabwrite(rows.join('\n') + '\n', { minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ' }));
    return 0;
  },
};
