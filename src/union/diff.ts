// `docker diff`: the changes of a container's upper layer against its parent (init + image
// layers), computed like moby's naive diff: compare the merged view with and without the upper
// layer. Only directories present in the upper layer can hold changes, so only those are walked.
//
// Rules (moby/go-archive changes.go): an added entry is `A` and so are all its descendants; a
// missing entry is one `D` for the top-most path; an existing entry is `C` when mode, owner,
// or (non-directories only) size, content or mtime differ; every existing ancestor directory of
// a change is `C`; `/` is never listed. Siblings are sorted for determinism (moby's order is
// Go map order, which the corpus sorts away).

import { entryOf, type DirNode, type RealNode } from '../fs/node.ts';
import { listMerged, lookup } from './lookup.ts';

export type ChangeKind = 'A' | 'C' | 'D';
export interface Change {
  kind: ChangeKind;
  path: string;
}

export function diffLayers(upper: DirNode, lowers: readonly DirNode[]): Change[] {
  const merged = [upper, ...lowers];
  const out: Change[] = [];

  const addAll = (rel: string[]): void => {
    out.push({ kind: 'A', path: '/' + rel.join('/') });
    for (const name of (listMerged(merged, rel) ?? []).sort()) addAll([...rel, name]);
  };

  /** Changes below the directory at rel; returns whether there were any. */
  const walkDir = (rel: string[], upperDir: DirNode): boolean => {
    const now = new Set(listMerged(merged, rel) ?? []);
    const before = new Set(listMerged(lowers, rel) ?? []);
    const names = [...new Set([...now, ...before])].sort();
    let changed = false;
    for (const name of names) {
      const child = [...rel, name];
      const path = '/' + child.join('/');
      if (!now.has(name)) {
        out.push({ kind: 'D', path });
        changed = true;
        continue;
      }
      if (!before.has(name)) {
        addAll(child);
        changed = true;
        continue;
      }
      // Only an entry of the upper layer can have changed; it is then the merged entry itself.
      const inUpper = entryOf(upperDir, name);
      if (inUpper === undefined || inUpper.kind === 'whiteout') continue;
      const oldNode = lookup(lowers, child)!;
      if (inUpper.kind === 'dir' && oldNode.kind === 'dir') {
        const mark = out.length;
        out.push({ kind: 'C', path });
        const below = walkDir(child, inUpper);
        if (!below && !metaDiffers(inUpper, oldNode)) out.splice(mark, 1);
        else changed = true;
      } else if (nodeDiffers(inUpper, oldNode)) {
        out.push({ kind: 'C', path });
        changed = true;
        // A directory made where the lower layers had a non-directory: no lower layer has anything
        // under that path, so all it holds is added (moby pkg/archive changes.go `changes` walks
        // the upper layer, and an entry no lower layer has is `A`; recorded on both engines,
        // core/diff-type-swap: `rm /v; mkdir /v; echo n > /v/new` lists `C /v` and `A /v/new`).
        // A non-directory lists nothing (listMerged: undefined).
        for (const name of (listMerged(merged, child) ?? []).sort()) addAll([...child, name]);
      }
    }
    return changed;
  };

  walkDir([], upper);
  return out;
}

function metaDiffers(a: RealNode, b: RealNode): boolean {
  return a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid;
}

/** Whether a non-directory (or a directory replaced by a non-directory, or the reverse) changed. */
function nodeDiffers(a: RealNode, b: RealNode): boolean {
  if (a.kind !== b.kind || metaDiffers(a, b) || a.mtime !== b.mtime) return true;
  if (a.kind === 'file') return a.data !== (b as typeof a).data;
  if (a.kind === 'symlink') return a.target !== (b as typeof a).target;
  return false;
}
