// A bind of a single host file mounts that file's inode, not its name: a running container keeps
// the inode it was started with. Writing the host file in place is seen inside (and the reverse);
// replacing it (`mv new conf`, an editor's save) or removing it is not: the container keeps the
// old inode until its next start, which mounts whatever the path names then
// (host-mounts/bind-file-keeps-inode, both engines).
//
// The model: at start the host file gets an inode identity (`ino`, see fs/hard-link.ts) and the
// container keeps a copy of it (`pinnedBinds`), as if the mount were one more name of the inode.
// While the host path still names that inode the mount reads the host file; after it names
// another one (or nothing) the mount reads the pinned copy. Every change through either name is
// copied to the other (syncLinks), so the copy is always what the inode holds.

import { maxIno } from '../fs/hard-link.ts';
import { nodeAt } from '../fs/locate.ts';
import { dir, type DirNode, type LinkableNode, type RealNode } from '../fs/node.ts';
import type { Container, EngineState } from '../engine/state.ts';
import { containerById, runningContainers } from './registry.ts';

/** At start: pin the inode of every single-file bind (`sources`: destination -> resolved host path). */
export function pinFileBinds(st: EngineState, c: Container, sources: Record<string, string>): void {
  const pinned: Record<string, LinkableNode> = {};
  for (const [destination, source] of Object.entries(sources)) {
    const node = nodeAt(st.host, source);
    if (node === undefined || node.kind === 'dir') continue;
    if (node.ino === undefined) node.ino = maxIno([st.host]) + 1;
    pinned[destination] = { ...node };
  }
  c.pinnedBinds = Object.keys(pinned).length > 0 ? pinned : undefined;
}

/** What a pinned bind shows now: the host file while its path still names the inode, else the copy. */
export function pinnedNode(st: EngineState, pin: LinkableNode, source: string): RealNode {
  const node = nodeAt(st.host, source);
  return node !== undefined && node.kind !== 'dir' && node.ino === pin.ino ? node : pin;
}

/** The other names of pinned inodes, for a change made through the host (a tree per pin). */
export function pinHolders(st: EngineState): DirNode[] {
  const holders: DirNode[] = [];
  // asked at every write on the host: only running containers pin files, and only those that do
  // are taken through the draft (their pins are changed in place)
  for (const running of runningContainers(st)) {
    if (running.pinnedBinds === undefined) continue;
    const c = containerById(st, running.id)!;
    for (const pin of Object.values(c.pinnedBinds ?? {})) holders.push(pinHolder(pin));
  }
  return holders;
}

/** A tree whose only entry is `pin` itself (in place), so that syncLinks can reach it. */
export function pinHolder(pin: LinkableNode): DirNode {
  return dir({}, [['pinned', pin]]);
}
