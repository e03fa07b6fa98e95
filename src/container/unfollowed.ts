// Containers, volumes and host directories strata no longer follows: a container the daemon keeps
// restarting (container/restart.ts) shows, from then on, a state that depends on how fast the real
// machine runs it, and what its runs write to its mounts may depend on how many runs there were; a
// container whose loop or health checks run more often than strata runs them in one command
// (loseTrack) is past what strata computes.
// strata keeps such a container as the daemon does (its name taken, its volumes in use, `docker rm
// -f` removes it), but a command that would show it is refused by name: a refusal is an honest
// answer, a guessed RestartCount or log is a wrong one. A volume or bind source whose content the
// runs change (container/restart-rerun.ts tells) is refused the same way to every later reader,
// with every other container that mounts it, until it is removed (`docker volume rm`) or, for a
// host directory, for the rest of the session.
//
// Refused: a command that finds the container by name or ID (container/lookup.ts), a listing that
// would hold it (ps, stats, system df, compose ls, compose's project containers but for `down`,
// the network's endpoints), a connection to a port it publishes, a new container that mounts a
// source it writes (container/create.ts), the host shell's access under such a source
// (engine/data-root.ts). Not refused: what the daemon answers whatever the moment (`docker rm -f`,
// `docker volume rm` of a volume in use, a name conflict, prune leaving it alone, `docker rmi` of its
// image: moby's IsRunning is true while a container restarts, daemon/delete.go, image_delete.go).

import type { Container, EngineState, MountPoint } from '../engine/state.ts';
import { ShellLimitError } from '../shell/types.ts';
import { normalize } from '../fs/path.ts';
import { containersWhere } from './registry.ts';
import { tableGet, tablePeek } from '../engine/table.ts';
import { bindSource } from './runtime-fs.ts';

/** The command is refused (engine.ts): nothing it did is kept. A shell limit, so every shell guard passes it on. */
export class NotFollowed extends ShellLimitError {}

/** The refusal of a command that would show `c`. */
export function unfollowedRefusal(c: Container): NotFollowed {
  return new NotFollowed(c.unfollowed!.why);
}

/**
 * The refusal of `docker logs`: how many times the log holds a run's output depends on timing,
 * but what a run prints is known when the runs after the first print the same (a misconfigured
 * server's error, which the reader came for), and is shown.
 */
export function logsRefusal(c: Container): NotFollowed {
  const u = c.unfollowed!;
  const out = u.runOutput;
  if (out === undefined || out === '') return new NotFollowed(u.why);
  const lines = out.replace(/\n$/, '').split('\n');
  const shown = lines.length > MAX_RUN_LINES ? ['...', ...lines.slice(-MAX_RUN_LINES)] : lines;
  return new NotFollowed(`${u.why}\nstrata: each of its runs after the first prints:\n${shown.map((l) => `  ${l}`).join('\n')}`);
}

/** The last lines of a run's output that the refusal of `docker logs` shows. */
const MAX_RUN_LINES = 20;

/** Refuses the command when `c` is a container strata no longer follows. */
export function refuseIfUnfollowed(c: Container): void {
  if (c.unfollowed !== undefined) throw unfollowedRefusal(c);
}

/** Whether `path` is `root` or under it (both absolute). */
function within(path: string, root: string): boolean {
  return path === root || root === '/' || path.startsWith(`${root}/`);
}

/** The host directory strata no longer follows that holds `path`, with its refusal; undefined when none. */
export function unfollowedHostPath(st: EngineState, path: string): string | undefined {
  const dirs = st.unfollowedHost;
  if (dirs === undefined) return undefined;
  const p = normalize(path);
  for (const [root, why] of Object.entries(dirs)) if (within(p, root)) return why;
  return undefined;
}

/** What a mount reaches that strata no longer follows: its refusal, or undefined. */
export function unfollowedSource(st: EngineState, m: MountPoint): string | undefined {
  // every volume a container names is there (create.ts registers the mounts, making their volumes, before it asks)
  if (m.type === 'volume') return tablePeek(st.volumes, m.source)!.unfollowed;
  if (m.type !== 'bind' || st.unfollowedHost === undefined) return undefined;
  // the directory the bind mounts, symlinks followed
  const p = normalize(bindSource(st, m));
  // a bind of a directory that holds an unfollowed one reaches it too
  for (const [root, why] of Object.entries(st.unfollowedHost)) if (within(p, root) || within(root, p)) return why;
  return undefined;
}

/** Refuses a new container whose mounts reach a source strata no longer follows. */
export function refuseUnfollowedMounts(st: EngineState, mounts: readonly MountPoint[]): void {
  for (const m of mounts) {
    const why = unfollowedSource(st, m);
    if (why !== undefined) throw new NotFollowed(why);
  }
}

/** What the runs of an unfollowed container may have changed: volume names and host paths. */
export interface UnfollowedSources {
  volumes: string[];
  hostPaths: string[];
}

/** The sources of the writable mounts of `c`: volumes by name, binds by the host path they mount. */
export function writableSources(st: EngineState, c: Container): UnfollowedSources {
  const rw = c.mounts.filter((m) => m.rw);
  return {
    volumes: rw.filter((m) => m.type === 'volume').map((m) => m.source),
    hostPaths: rw.filter((m) => m.type === 'bind').map((m) => bindSource(st, m)),
  };
}

/**
 * A process of `c` strata cannot follow on (a loop of sleeps woken more often in one command than
 * it runs, more health checks than it runs while its clock moves once): `c` and everything it can
 * write are followed no further, so the commands after this one go on (before, the line was
 * refused, and so was every later one that moved the clock past the same point).
 */
export function loseTrack(st: EngineState, c: Container, why: string): void {
  stopFollowing(st, c, why, writableSources(st, c), { cause: `this point: container ${c.name}, which writes to it, runs on beyond what strata follows` });
}

/** What made a source unfollowed, for its refusal: after "strata does not simulate X past ". */
function restartsOf(c: Container): string {
  return `the restarts of ${c.name}: its runs change what it holds, as many times as the daemon restarts it`;
}

/**
 * Stop following `c` (`why`: the refusal its readers get) and the sources its runs change, with
 * every container that mounts one of them; `runOutput`: what each of its runs after the first
 * prints, when one ends by itself (the refusal of `docker logs` shows it).
 */
export function stopFollowing(st: EngineState, c: Container, why: string, changed: UnfollowedSources, o: { runOutput?: string; cause?: string } = {}): void {
  // an undefined runOutput is no output (logsRefusal), as an absent one
  c.unfollowed = { why, runOutput: o.runOutput };
  const cause = o.cause ?? restartsOf(c);
  const hostPaths = [...changed.hostPaths];
  for (const name of changed.volumes) {
    // a volume a container mounts is there (`docker volume rm` refuses one in use, -f too)
    const v = tableGet(st.volumes, name)!;
    v.unfollowed = `strata does not simulate volume ${name} past ${cause} (docs/compat.md); \`docker volume rm ${name}\` once no container uses it`;
    // a bind volume's content is a host directory (volume/bind.ts)
    // Stryker disable next-line ConditionalExpression: a bind volume without a device fails every mount (volume/bind.ts volumeRoot), so no container of it runs
    if (v.options?.type === 'none' && v.options.device !== undefined) hostPaths.push(v.options.device);
  }
  for (const path of hostPaths) {
    st.unfollowedHost = { ...st.unfollowedHost, [normalize(path)]: `strata does not simulate the host directory ${path} past ${cause} (docs/compat.md)` };
  }
  // the other containers that mount one of them read or write what strata no longer knows (with
  // nothing newly unfollowed the loop finds none: each container on an older source was marked then,
  // and create.ts refuses a new one)
  const reaches = (x: Container): string | undefined => {
    for (const m of x.mounts) {
      const w = unfollowedSource(st, m);
      if (w !== undefined) return w;
    }
    return undefined;
  };
  for (const other of containersWhere(st, (x) => x.unfollowed === undefined && reaches(x) !== undefined)) other.unfollowed = { why: reaches(other)! };
}
