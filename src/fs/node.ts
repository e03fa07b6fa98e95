// The file-system tree: the node types every other concept (layers, volumes, the host) is made of.
//
// File contents are *byte strings*: every char code is one byte (0-255). Text from a scenario is
// UTF-8 encoded on the way in (see `bytes.ts`) and decoded on the way out, so sizes, `wc -c`,
// `dd` and tar archives count bytes exactly as the real tools do.

import { isDraft } from 'immer';

/** Metadata every real node carries. `mode` holds the permission bits only (07777). */
export interface Meta {
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch, from the engine's deterministic clock. */
  mtime: number;
}

/**
 * Hard links (see hard-link.ts): the names of one inode in one file system are entries that
 * carry the same `ino` and equal content and metadata; `nlink` counts them. Both are absent on
 * an entry with a single name. An `ino` is unique in the tree that holds it and, in a layer, in
 * every layer stack the layer belongs to (it is allocated above every layer under it).
 * Directories cannot be hard-linked.
 */
export interface Inode {
  ino?: number;
  nlink?: number;
}

export interface FileNode extends Meta, Inode {
  kind: 'file';
  data: string;
}

export interface SymlinkNode extends Meta, Inode {
  kind: 'symlink';
  target: string;
}

/** `fdN`: /proc/self/fd/N, i.e. the opening process's own descriptor N. */
export type DeviceName = 'null' | 'zero' | 'full' | 'random' | 'urandom' | 'tty' | 'console' | 'fd0' | 'fd1' | 'fd2';

export interface DeviceNode extends Meta, Inode {
  kind: 'chardev';
  device: DeviceName;
}

export interface DirNode extends Meta {
  kind: 'dir';
  entries: Record<string, Node>;
  /**
   * Only meaningful in a layer: an opaque directory hides every entry of the same directory in
   * the layers below it (overlayfs `trusted.overlay.opaque=y`). Set when a directory is removed
   * and created again in the same upper layer.
   */
  opaque?: boolean;
}

/** Only meaningful in a layer: the entry of this name in lower layers is deleted. */
export interface WhiteoutNode {
  kind: 'whiteout';
}

export type Node = FileNode | SymlinkNode | DeviceNode | DirNode | WhiteoutNode;
export type RealNode = Exclude<Node, WhiteoutNode>;
/** What can have several names: everything but a directory. */
export type LinkableNode = FileNode | SymlinkNode | DeviceNode;
export type NodeKind = RealNode['kind'];

export const S_IFMT: Record<NodeKind, number> = {
  file: 0o100000,
  dir: 0o040000,
  symlink: 0o120000,
  chardev: 0o020000,
};

export function dir(meta: Partial<Meta> = {}, entries: Record<string, Node> = {}): DirNode {
  return { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 0, ...meta, entries };
}

export function file(data: string, meta: Partial<Meta & Inode> = {}): FileNode {
  return { kind: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, ...meta, data };
}

export function symlink(target: string, meta: Partial<Meta & Inode> = {}): SymlinkNode {
  return { kind: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, ...meta, target };
}

export function device(name: DeviceName, meta: Partial<Meta & Inode> = {}): DeviceNode {
  return { kind: 'chardev', mode: 0o666, uid: 0, gid: 0, mtime: 0, ...meta, device: name };
}

export const WHITEOUT: WhiteoutNode = { kind: 'whiteout' };

/**
 * Apparent size as Docker counts it for layers, images and volumes: a file's length, a symlink's
 * target length, 0 for directories and devices (see shared/oracle/README.md, "Sizes").
 */
export function nodeSize(node: RealNode): number {
  switch (node.kind) {
    case 'file':
      return node.data.length;
    case 'symlink':
      return node.target.length;
    default:
      return 0;
  }
}

/**
 * Sum of `nodeSize` over a whole tree (whiteouts count 0). A hard-linked file counts once, as
 * moby's pkg/directory Size does ("Check inode to handle hard links correctly"). No recursion:
 * trees may be as deep as the depth budget.
 */
export function treeSize(node: Node): number {
  let total = 0;
  const seen = new Set<number>();
  const todo: Node[] = [node];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (n.kind === 'whiteout') continue;
    if (n.kind === 'dir') {
      for (const child of Object.values(n.entries)) todo.push(child);
      continue;
    }
    if (n.ino !== undefined) {
      if (seen.has(n.ino)) continue;
      seen.add(n.ino);
    }
    total += nodeSize(n);
  }
  return total;
}

/**
 * A deep copy: used where Docker copies data (copy-up, copy-on-empty-mount, docker cp). Hard
 * links are kept as they are (`ino`, `nlink`): a copy that takes part of a tree elsewhere
 * recounts them with `relink` (hard-link.ts). No recursion (deep trees).
 */
export function cloneNode<T extends Node>(node: T): T {
  if (node.kind !== 'dir') return { ...node };
  const top: DirNode = { ...(node as DirNode), entries: {} };
  const todo: [DirNode, DirNode][] = [[node, top]];
  while (todo.length > 0) {
    const [from, to] = todo.pop()!;
    for (const [name, child] of Object.entries(from.entries)) {
      if (child.kind === 'dir') {
        const copy: DirNode = { ...child, entries: {} };
        to.entries[name] = copy;
        todo.push([child, copy]);
      } else to.entries[name] = { ...child };
    }
  }
  return top as T;
}

/**
 * A property of a node or of an entries record as it stands, drafting nothing: read through an
 * immer draft, `dir.entries[name]` makes a draft of the child and, on the way, a copy of the whole
 * entries record (immer's get trap prepares a copy of the parent), so a lookup in a directory of
 * 100,000 entries inside a command cost as much as a write into it (160 ms). A property
 * descriptor read through the draft gives the value as it stands (the base node, or the draft
 * this command already made of it) and copies nothing. Own properties only: a name such as
 * `constructor` is an entry like any other, never Object.prototype's.
 */
function peekField<T>(o: Record<string, T>, key: string): T | undefined {
  if (!isDraft(o)) return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
  return Object.getOwnPropertyDescriptor(o, key)?.value as T | undefined;
}

/** The entry `name` of a directory, for reading only (see peekField): writers take it through the draft. */
export function entryOf(dir: DirNode, name: string): Node | undefined {
  return peekField(peekField(dir as unknown as Record<string, DirNode['entries']>, 'entries')!, name);
}

/** A directory's entries in order, for reading only (see peekField). */
export function entryList(dir: DirNode): [string, Node][] {
  const entries = peekField(dir as unknown as Record<string, DirNode['entries']>, 'entries')!;
  if (!isDraft(entries)) return Object.entries(entries);
  return Object.keys(entries).map((name) => [name, peekField(entries, name)!]);
}

export function metaOf(node: RealNode): Meta {
  return { mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime };
}
