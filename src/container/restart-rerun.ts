// What the daemon's restarts of a container do to its volumes and binds. Each restart runs the same
// command on what the run before left (moby daemon/monitor.go: containerStart after the back-off),
// so when one more run leaves every writable mount as it found it, so do all the runs after it:
// what the container's mounts hold is known, however many times the daemon restarts it. That is the
// usual case of a misconfigured server (`docker run -d --restart always postgres:16` without
// POSTGRES_PASSWORD: its entrypoint makes its directories and exits 1, the second run changes
// nothing). strata runs that one more run on a copy of the state, which it then drops, and compares;
// a run that changes a mount (a log line appended at each start, recorded: lifecycle/restart-loop-
// kept), or that does not end by itself (it sleeps, or waits for input), leaves that mount's content
// to timing: container/unfollowed.ts refuses its readers. That run runs a day, an hour and a minute
// later on strata's clock, so a run that writes the time is seen to change what it writes. Times
// of files are not compared: a file a run writes again with the same bytes keeps its first run's
// mtime in strata (docs/compat.md).

import { current, isDraft, produce, type Draft } from 'immer';
import type { Container, EngineState, MountPoint } from '../engine/state.ts';
import type { Inode, Meta, Node, RealNode } from '../fs/node.ts';
import { entryCount, entryList, entryOf } from '../fs/node.ts';
import { nodeAt } from '../fs/locate.ts';
import { tablePeek } from '../engine/table.ts';
import { volumeRoot } from '../volume/bind.ts';
import { ShellLimitError, type ProcessIO } from '../shell/types.ts';
import { containerById } from './registry.ts';
import { DaemonError } from './errors.ts';
import { NotSimulated } from '../engine/not-simulated.ts';
import { bindSource } from './runtime-fs.ts';
import { startContainer } from './lifecycle.ts';
import { stopFollowing, type UnfollowedSources } from './unfollowed.ts';

/** The daemon restarts `c` (its policy said so, `why` is the refusal of its readers): strata stops following it and what its runs change. */
export function followNoFurther(st: EngineState, c: Container, why: string): void {
  const runs = nextRun(st, c);
  stopFollowing(st, c, why, runs.changed, { runOutput: runs.output });
}

/** A source of a writable mount: a volume by name, or a host path (a bind's source, resolved). */
type Source = { volume: string } | { host: string };

function sourceOf(st: EngineState, m: MountPoint): Source | undefined {
  if (!m.rw) return undefined;
  if (m.type === 'volume') return { volume: m.source };
  if (m.type === 'bind') return { host: bindSource(st, m) };
  return undefined;
}

/** What a source holds in `st`; undefined when it is not there (a host directory removed, a bind volume's directory missing). */
function contentOf(st: EngineState, s: Source): Node | undefined {
  // Stryker disable next-line BooleanLiteral: `readOnly` only spares copies: the states compared are no drafts (nextRun), where the way is read through or copied (fs/node.ts toChange), the same content either way
  if ('host' in s) return nodeAt(st.host, s.host, true);
  // a volume a container mounts is there in both states (`docker volume rm` refuses one in use, -f too)
  const v = tablePeek(st.volumes, s.volume)!;
  // Stryker disable next-line BooleanLiteral: as nodeAt's above
  const root = volumeRoot(st, v, true);
  return root.ok ? root.dir : undefined;
}

/** How much later on strata's clock the run that is compared runs (seconds). */
const RERUN_LATER = 86_400 + 3_600 + 61;

/** The rerun's terminal: none, as for a detached run, whose input is /dev/null and output the log (lifecycle.ts startContainer reads `io` only attached). */
const DETACHED: ProcessIO = { stdin: '', stdout: () => undefined, stderr: () => undefined };

/** A run that did not end by itself: what it goes on to do depends on timing. */
class StillRunning extends Error {}

/**
 * One more run of the command of `c`: the writable mounts it changes (all of them when the run does
 * not end by itself), and what it printed when it ended (the log of each run after the first, as
 * each finds what the first left).
 */
function nextRun(st: EngineState, c: Container): { changed: UnfollowedSources; output: string | undefined } {
  const sources = c.mounts.map((m) => sourceOf(st, m)).filter((s): s is Source => s !== undefined);
  // the state as this command left it so far, detached from its draft
  const before = isDraft(st) ? (current(st as Draft<EngineState>) as EngineState) : st;
  let after: EngineState | undefined;
  let output: string | undefined;
  try {
    after = produce(before, (d) => {
      // later, as the daemon goes on restarting it for as long as it is there: a run that writes
      // the time (`date > /data/started`) writes other bytes a day, an hour and a minute later, and
      // a run that removes what is older than an hour removes what the first run left
      d.clock += RERUN_LATER;
      const again = containerById(d, c.id)!;
      const logged = again.logs.length;
      // `rerun`: this run's own end starts no rerun of its own (each would start another, without end)
      // Stryker disable next-line ArrayDeclaration: the events of this run go with the copy
      const r = startContainer(d, again, { attached: false, io: DETACHED, rerun: true }, []);
      if (r.kind === 'running') throw new StillRunning();
      output = again.logs.slice(logged).map((l) => l.data).join('');
    });
  }
  // Stryker disable next-line BlockStatement: the errors a start throws are those below; any other is a crash (strata: internal error), which no input reaches
  catch (e) {
    // Stryker disable next-line all: as the line above
    if (!(e instanceof StillRunning || e instanceof DaemonError || e instanceof NotSimulated || e instanceof ShellLimitError)) throw e;
  }
  // `output` is set only when the run ended, by the recipe's last statement: never when it threw
  const changed = sources.filter((s) => after === undefined || !sameContent(contentOf(before, s), contentOf(after, s)));
  return {
    changed: {
      volumes: changed.flatMap((s) => ('volume' in s ? [s.volume] : [])),
      hostPaths: changed.flatMap((s) => ('host' in s ? [s.host] : [])),
    },
    output,
  };
}

/** Whether two trees hold the same names, kinds, bytes, owners and modes (times aside). */
export function sameContent(a: Node | undefined, b: Node | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.kind !== b.kind) return false;
  // from here b is of a's kind
  if (a.kind === 'whiteout') return true;
  // Stryker disable next-line all: b is a whiteout only when a is (above): this only narrows b's type
  if (b.kind === 'whiteout') return false;
  if (a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid) return false;
  // a hard link's inode and count (`ls -i`, `stat -c %h`); a directory has neither (fs/node.ts DirNode)
  if (!sameLinks(a, b) || payload(a) !== payload(b)) return false;
  if (a.kind !== 'dir') return true;
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: b is a directory as a is (above): this only narrows b's type
  if (b.kind !== 'dir') return false;
  if ((a.opaque ?? false) !== (b.opaque ?? false)) return false;
  // the same names (a name's place in a directory is no content), each with the same content
  const names = entryList(a);
  return names.length === entryCount(b) && names.every(([name, node]) => sameContent(node, entryOf(b, name)));
}

function sameLinks(a: Meta & Inode, b: Meta & Inode): boolean {
  return a.ino === b.ino && a.nlink === b.nlink;
}

/** What a node holds beside its metadata and entries: a file's bytes, a link's target, a device's name. */
function payload(n: RealNode): unknown {
  switch (n.kind) {
    case 'file':
      return n.data;
    case 'symlink':
      return n.target;
    case 'chardev':
      return n.device;
  }
  return undefined;
}
