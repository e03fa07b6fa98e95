// Hard links: several names of one inode in one file system.
//
// The tree holds a file's content in its entry (there is no inode table, so every reader of a
// `FileNode` sees the data where it always did). The names of one inode are the file entries of
// one tree that carry the same `ino`; they hold equal content and metadata, and `nlink` says how
// many they are. Whoever changes one name in place calls `syncLinks`, which copies the change to
// the others: that is what makes a write through one name visible through every name. Trees are
// immutable between operations (immer), so an inode cannot be one shared object: the names stay
// equal because every change goes through here.
//
// Scope: one tree. A volume's `_data`, a bind's host tree, a tmpfs, and each layer of an overlay.
// overlayfs without `index=on` (moby's overlay2 driver mounts with `index=off`, see
// daemon/graphdriver/overlay2/overlay.go) breaks a hard link when it copies one name up: the
// copy is a new inode with one link, while the other names keep the lower inode and its count
// (union-backend.ts's copy-up drops `ino`).
//
// Every walk here is a loop over an explicit stack: trees may be as deep as the depth budget.

import { entryList, entryListToChange, type DirNode, type LinkableNode, type Node, type RealNode } from './node.ts';

/**
 * Every entry of `root` that can be hard-linked (no directory, no whiteout): read only, or
 * `toChange` in place (drafts when `root` is one).
 */
// Stryker disable next-line BooleanLiteral: a walk that only reads, made through drafts, changes nothing (immer gives back a draft nobody wrote as the node it was)
function eachFile(root: DirNode, visit: (file: LinkableNode) => void, toChange = false): void {
  const todo: DirNode[] = [root];
  while (todo.length > 0) {
    const dir = todo.pop()!;
    for (const [, child] of toChange ? entryListToChange(dir) : entryList(dir)) {
      if (child.kind === 'dir') {
        todo.push(child);
        continue;
      }
      // Stryker disable next-line ConditionalExpression,StringLiteral: a whiteout has no ino, which every visitor looks at first (the test narrows the type)
      if (child.kind !== 'whiteout') visit(child);
    }
  }
}

/** The largest `ino` used in any of `trees` (0 when none is), so that `+ 1` is a fresh one. */
export function maxIno(trees: readonly DirNode[]): number {
  let max = 0;
  for (const tree of trees) {
    eachFile(tree, (f) => {
      const ino = f.ino ?? 0;
      // Stryker disable next-line EqualityOperator: >= keeps the same max
      if (ino > max) max = ino;
    });
  }
  return max;
}

/** The names of inode `ino` in `root` (the file nodes, in place: drafts when `root` is one). */
export function linksOf(root: DirNode, ino: number): LinkableNode[] {
  const found: LinkableNode[] = [];
  eachFile(
    root,
    (f) => {
      if (f.ino === ino) found.push(f);
    },
    true,
  );
  return found;
}

/**
 * After `source` (a name in `root`) changed in place: every other name of its inode takes the
 * same content and metadata. Nothing to do for a file with one name.
 */
export function syncLinks(root: DirNode, source: RealNode): void {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a directory has no ino (the kind test narrows the type)
  if (source.kind === 'dir') return;
  if (source.ino === undefined) return;
  for (const f of linksOf(root, source.ino)) {
    // Stryker disable next-line ConditionalExpression: assigning the source to itself changes nothing
    if (f !== source) Object.assign(f, source);
  }
}

/**
 * Give `file` (a name in `root`, changed in place) one more name and return the new entry to
 * put beside it. `fresh` is an `ino` no tree of the stack uses, taken only when the file had a
 * single name so far.
 */
export function addLink<T extends LinkableNode>(root: DirNode, file: T, fresh: () => number): T {
  if (file.ino === undefined) {
    file.ino = fresh();
    file.nlink = 1;
  }
  file.nlink = (file.nlink ?? 1) + 1;
  syncLinks(root, file);
  return { ...file };
}

/**
 * `root` lost the entry `gone` (already detached): the remaining names count one link less.
 * The last remaining name becomes a plain file again (no `ino`), so one-name files look the same
 * however they came to be.
 */
export function dropLink(root: DirNode, gone: Node): void {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a directory or a whiteout has no ino (the kind tests narrow the type)
  if (gone.kind === 'dir' || gone.kind === 'whiteout') return;
  if (gone.ino === undefined) return;
  const rest = linksOf(root, gone.ino);
  for (const f of rest) {
    if (rest.length <= 1) {
      delete f.ino;
      delete f.nlink;
    } else f.nlink = rest.length;
  }
}

/**
 * Recount the links of a tree that was copied out of another one (copy-on-mount, docker cp, a
 * directory renamed across layers): `nlink` becomes the number of names present in `root`, and
 * a file left with one name is a plain file. In place; returns `root`.
 */
export function relink<T extends Node>(root: T): T {
  if (root.kind !== 'dir') {
    // Stryker disable next-line ConditionalExpression,StringLiteral: a whiteout has neither field to delete
    if (root.kind !== 'whiteout') {
      delete root.ino;
      delete root.nlink;
    }
    return root;
  }
  const count = new Map<number, number>();
  eachFile(root, (f) => {
    // Stryker disable next-line ConditionalExpression: a count for no ino is never read (the pass below skips files without one)
    if (f.ino !== undefined) count.set(f.ino, (count.get(f.ino) ?? 0) + 1);
  });
  eachFile(
    root,
    (f) => {
      // Stryker disable next-line ConditionalExpression: going on would only set nlink to undefined on a file that has none, which no reader (JSON, stat) tells from absent
      if (f.ino === undefined) return;
      const n = count.get(f.ino)!;
      if (n <= 1) {
        delete f.ino;
        delete f.nlink;
      } else f.nlink = n;
    },
    true,
  );
  return root;
}

/** A copy of a non-directory without its inode identity: a new inode with one link (copy-up, cp). */
export function unlinked<T extends RealNode>(node: T): T {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a shortcut: leaving out an ino and nlink a node does not have is a copy of it
  if (node.kind === 'dir' || node.ino === undefined) return { ...node };
  const { ino: _ino, nlink: _nlink, ...rest } = node;
  return rest as T;
}
