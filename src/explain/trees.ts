// What a command changed in a place, found by comparing the trees before and after it. States
// are immutable and share every subtree a command left alone (immer), so an unchanged subtree is
// the same object on both sides and costs nothing to compare.
//
// Two kinds of trees: plain ones (a volume's _data, the host, a tmpfs), and a container's
// writable layer, an overlayfs upper directory over the image (src/union/): there a whiteout is
// a deletion of an image file, an opaque directory a directory made again, and a file that the
// image also has was copied up from it first (overlayfs copies the whole file on its first change).

import type { DirNode, Node, RealNode } from '../fs/node.ts';
import { entryList, entryNames, entryOf as entryIn, isEmptyDir, treeSizeIfKnown } from '../fs/node.ts';
import { lookup } from '../union/lookup.ts';
import type { Change, Entry, EntryKind } from './schema.ts';

export function kindOf(node: RealNode): EntryKind {
  // a socket or a FIFO is a special file as a device is (no data of its own)
  return node.kind === 'chardev' || node.kind === 'socket' || node.kind === 'fifo' ? 'device' : node.kind;
}

const join = (prefix: string, name: string): string => `${prefix}/${name}`;

/**
 * A node's entry at `path`: bytes of a file (or a symlink's target), 0 for the rest; a directory
 * counts what it holds. A real server's file (or a tree holding one) has no known size (sizeUnknown).
 */
export function entryOf(path: string, node: RealNode): Entry {
  // one walk of a directory for both (fs/node.ts treeSizeIfKnown)
  const bytes = treeSizeIfKnown(node);
  if (bytes === undefined) return { path, kind: kindOf(node), bytes: 0, sizeUnknown: true };
  const e: Entry = { path, kind: kindOf(node), bytes };
  if (node.kind === 'symlink') e.target = node.target;
  return e;
}

/**
 * The leaves of a tree below its root: files, symlinks, devices and empty directories, with
 * paths from the root (`/shop/orders.csv`); `prefix` is put before each path.
 */
export function entriesOf(tree: Node, prefix = ''): Entry[] {
  const out: Entry[] = [];
  const walk = (node: Node, path: string): void => {
    if (node.kind === 'whiteout') return;
    if (node.kind !== 'dir') {
      out.push(entryOf(path, node));
      return;
    }
    const entries = entryList(node).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    if (entries.length === 0 && path !== prefix) out.push({ path, kind: 'dir', bytes: 0 });
    for (const [name, child] of entries) walk(child, join(path, name));
  };
  walk(tree, prefix);
  return out;
}

/** Whether two non-directory nodes differ in anything a file keeps (content, target, mode, owner, time). */
export function leafDiffers(a: RealNode, b: RealNode): boolean {
  if (a.kind !== b.kind) return true;
  if (a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid || a.mtime !== b.mtime) return true;
  if (a.kind === 'file' && b.kind === 'file') return a.data !== b.data;
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target !== b.target;
  if (a.kind === 'chardev' && b.kind === 'chardev') return a.device !== b.device;
  return false;
}

/** The changes from `before` to `after` in a plain tree (absent = empty), paths from the root plus `prefix`. */
export function plainDiff(before: DirNode | undefined, after: DirNode | undefined, prefix = ''): Change[] {
  const out: Change[] = [];
  const walk = (b: DirNode | undefined, a: DirNode | undefined, path: string): void => {
    if (b === a) return;
    const names = new Set([...(b ? entryNames(b) : []), ...(a ? entryNames(a) : [])]);
    for (const name of [...names].sort()) {
      const bn = real(b && entryIn(b, name));
      const an = real(a && entryIn(a, name));
      if (bn === an) continue;
      const p = join(path, name);
      if (an === undefined) {
        if (bn !== undefined) out.push({ ...entryOf(p, bn), change: 'deleted' });
      } else if (bn === undefined) {
        if (an.kind === 'dir') {
          const mark = out.length;
          walk(undefined, an, p);
          if (out.length === mark) out.push({ path: p, kind: 'dir', bytes: 0, change: 'created' });
        } else out.push({ ...entryOf(p, an), change: 'created' });
      } else if (an.kind === 'dir' && bn.kind === 'dir') {
        walk(bn, an, p);
      } else if (an.kind !== bn.kind) {
        // one kind of entry replaced by another (a symlink by a file): the old one is gone
        out.push({ ...entryOf(p, bn), change: 'deleted' });
        if (an.kind === 'dir') walk(undefined, an, p);
        else out.push({ ...entryOf(p, an), change: 'created' });
      } else if (leafDiffers(an, bn)) {
        out.push({ ...entryOf(p, an), change: 'modified' });
      }
    }
  };
  walk(before, after, prefix);
  return out;
}

function real(node: Node | undefined): RealNode | undefined {
  return node === undefined || node.kind === 'whiteout' ? undefined : node;
}

/**
 * The read-only layers under a writable layer, top first, each with its number: 0 for Docker's
 * init layer, then the image's layers from the top (N of N) down to 1.
 */
export interface LowerStack {
  layers: { layer: number; tree: DirNode }[];
}

/** The image layer a path of the merged lower layers comes from (0: the init layer); undefined when none has it. */
export function layerOf(stack: LowerStack, rel: readonly string[]): number | undefined {
  const trees = stack.layers.map((l) => l.tree);
  const found = lookup(trees, [...rel]);
  if (found === undefined) return undefined;
  for (const l of stack.layers) {
    const node = lookup([l.tree], [...rel]);
    if (node === found || (found.kind === 'dir' && node?.kind === 'dir')) return l.layer;
  }
  return undefined;
}

/**
 * The changes from `before` to `after` in a writable layer over `stack`. `runtime` holds paths
 * the runtime made there, not the processes (mount points, the working directory): a new empty
 * directory or empty file at one of them is no change of the user's.
 */
export function upperDiff(before: DirNode | undefined, after: DirNode, stack: LowerStack, runtime: ReadonlySet<string>): Change[] {
  const out: Change[] = [];
  const lowers = stack.layers.map((l) => l.tree);
  const walk = (b: DirNode | undefined, a: DirNode, rel: string[], opaqueAbove: boolean): void => {
    if (b === a) return;
    const names = new Set([...(b ? entryNames(b) : []), ...entryNames(a)]);
    for (const name of [...names].sort()) {
      const bn = b && entryIn(b, name);
      const an = entryIn(a, name);
      if (bn === an) continue;
      const child = [...rel, name];
      const p = '/' + child.join('/');
      const lower = opaqueAbove ? undefined : lookup(lowers, child);
      if (an === undefined) {
        // it was only in the writable layer (else a whiteout would stand here)
        if (bn !== undefined && bn.kind !== 'whiteout') out.push({ ...entryOf(p, bn), change: 'deleted' });
        continue;
      }
      if (an.kind === 'whiteout') {
        if (bn?.kind === 'whiteout') continue;
        if (lower !== undefined) out.push({ ...entryOf(p, lower), change: 'deleted', layer: layerOf(stack, child) });
        else if (bn !== undefined) out.push({ ...entryOf(p, bn), change: 'deleted' });
        continue;
      }
      if (an.kind === 'dir') {
        const prev = bn?.kind === 'dir' ? bn : undefined;
        const opaque = opaqueAbove || an.opaque === true;
        if (an.opaque && !prev?.opaque && lower?.kind === 'dir') out.push({ path: p, kind: 'dir', bytes: 0, change: 'replaced', layer: layerOf(stack, child) });
        const mark = out.length;
        walk(prev, an, child, opaque);
        const isNew = prev === undefined && (lower === undefined || lower.kind !== 'dir');
        if (isNew && out.length === mark && isEmptyDir(an) && !runtime.has(p)) {
          out.push({ path: p, kind: 'dir', bytes: 0, change: 'created' });
        }
        continue;
      }
      if (bn !== undefined && bn.kind !== 'whiteout') {
        out.push({ ...entryOf(p, an), change: 'modified' });
      } else if (lower !== undefined && lower.kind !== 'dir' && bn === undefined) {
        out.push({ ...entryOf(p, an), change: 'copied-up', layer: layerOf(stack, child) });
      } else if (!(runtime.has(p) && an.kind === 'file' && an.data === '')) {
        out.push({ ...entryOf(p, an), change: 'created' });
      }
    }
  };
  walk(before, after, [], false);
  return out;
}

/** What a writable layer holds of the container's own: every change but deletions. */
export function upperEntries(upper: DirNode, stack: LowerStack, runtime: ReadonlySet<string>): Entry[] {
  return upperDiff(undefined, upper, stack, runtime)
    .filter((c) => c.change !== 'deleted' && c.change !== 'replaced')
    .map(({ path, kind, bytes, target, sizeUnknown }) => ({ path, kind, bytes, ...(target !== undefined ? { target } : {}), ...(sizeUnknown ? { sizeUnknown } : {}) }));
}

/** Entries that hold data (a file with bytes, a real server's file, a symlink), as opposed to empty files and directories. */
export function holdsData(e: Entry): boolean {
  return e.sizeUnknown === true || ((e.kind === 'file' || e.kind === 'symlink') && e.bytes > 0);
}
