// The processes of a container strata follows: its main process and its `docker exec -d` ones,
// each while it is the one that waits (a bare `sleep`, a `tail`, a `cat` or a shell reading its
// stdin) or while it is a script asleep in a `sleep`, which is its child. `docker top` (the host's
// ps -ef) and busybox's `ps` in the container (src/container/ps.ts) list them.

import { basename } from '../fs/path.ts';
import type { WaitingShell } from '../shell/types.ts';
import type { Container, EngineState, Image } from '../engine/state.ts';
import { tablePeek, tablePeekValues } from '../engine/table.ts';
import { readsCommandsFromStdin } from './process.ts';

/** Programs that are themselves what waits: nothing else of theirs runs. */
const WAITING_PROGRAMS = new Set(['sleep', 'tail', 'cat']);

/** A process as ps lists it: its place in PID order (0: the main process), uid, start, argv. */
export interface Proc {
  n: number;
  uid: number;
  started: number;
  argv: string[];
}

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

/**
 * The processes of one program strata follows (the main process or a `docker exec -d` one): the
 * program itself while it is what waits (a bare `sleep`, `tail`, `cat`, a shell reading its
 * stdin), or a script asleep and its `sleep` child (recorded: exec/exec-detached-kinds, a loop's
 * `sleep 1` is a child of its `sh -c`); undefined for anything else (a script in `wait`, or
 * blocked in a child strata does not name).
 */
export function followedProcs(
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

/** The programs an OS base image runs by default: a shell, which is busybox's or bash as in the real image. */
const SHELLS = new Set(['sh', 'bash']);

/**
 * A catalog stand-in whose default program is a server (src/image/pull.ts: a stand-in's image
 * keeps its registry layers): the image itself or the one it was built on, found by its layers
 * being the bottom of the container image's.
 */
function standInServerImage(st: EngineState, image: Image): Image | undefined {
  return tablePeekValues(st.images).find((s) => {
    if (s.registryLayers === undefined || s.layers.length > image.layers.length || !s.layers.every((l, i) => image.layers[i] === l)) return false;
    const argv = [...(s.config.Entrypoint ?? []), ...(s.config.Cmd ?? [])];
    return argv.length > 0 && !SHELLS.has(basename(argv[0]));
  });
}

/**
 * Why strata cannot list the processes of a container of a stand-in as the real image's, or
 * undefined when it can. A stand-in's server is a script that waits in `sleep 2147483647` (or
 * exec's it) where the real image runs the server's own binary, named as it names itself (redis
 * `redis-server *:6379` as uid 999, nginx's `nginx: master process ...` and one worker per CPU,
 * postgres and its background processes): catalog/README.md. What a user's command makes the
 * container run instead, through the image's entrypoint (`exec "$@"`: docker-library's
 * entrypoints) or in place of the image's command, is the program it is: `docker run -d
 * postgres:16 sleep 1000` lists `sleep 1000`.
 */
export function standInProcesses(st: EngineState, c: Container, main: readonly Proc[]): string | undefined {
  const image = tablePeek(st.images, c.imageId);
  const standIn = image && standInServerImage(st, image);
  if (!standIn) return undefined;
  const started = c.config.Entrypoint !== null && c.config.Entrypoint.length > 0 ? c.args : [c.path, ...c.args];
  const now = c.execArgv ?? [c.path, ...c.args];
  const own = main.length === 1 && now.length === started.length && now.every((a, i) => a === started[i]);
  if (own) return undefined;
  return `it runs the strata stand-in of ${standIn === image ? 'its image' : 'its base image'}'s server (${c.path}: a script that waits), whose processes are not the real server's`;
}
