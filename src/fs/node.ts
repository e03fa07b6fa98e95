// The file-system tree: the node types every other concept (layers, volumes, the host) is made of.
//
// File contents are *byte strings*: every char code is one byte (0-255). Text from a scenario is
// UTF-8 encoded on the way in (see `bytes.ts`) and decoded on the way out, so sizes, `wc -c`,
// `dd` and tar archives count bytes exactly as the real tools do.

/** Metadata every real node carries. `mode` holds the permission bits only (07777). */
export interface Meta {
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch, from the engine's deterministic clock. */
  mtime: number;
}

export interface FileNode extends Meta {
  kind: 'file';
  data: string;
}

export interface SymlinkNode extends Meta {
  kind: 'symlink';
  target: string;
}

/** `fdN`: /proc/self/fd/N, i.e. the opening process's own descriptor N. */
export type DeviceName = 'null' | 'zero' | 'full' | 'random' | 'urandom' | 'tty' | 'console' | 'fd0' | 'fd1' | 'fd2';

export interface DeviceNode extends Meta {
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

export function file(data: string, meta: Partial<Meta> = {}): FileNode {
  return { kind: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, ...meta, data };
}

export function symlink(target: string, meta: Partial<Meta> = {}): SymlinkNode {
  return { kind: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, ...meta, target };
}

export function device(name: DeviceName, meta: Partial<Meta> = {}): DeviceNode {
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

/** Sum of `nodeSize` over a whole tree (whiteouts count 0). */
export function treeSize(node: Node): number {
  if (node.kind === 'whiteout') return 0;
  if (node.kind !== 'dir') return nodeSize(node);
  let total = 0;
  for (const child of Object.values(node.entries)) total += treeSize(child);
  return total;
}

/** A deep copy: used where Docker copies data (copy-up, copy-on-empty-mount, docker cp). */
export function cloneNode<T extends Node>(node: T): T {
  if (node.kind !== 'dir') return { ...node };
  const entries: Record<string, Node> = {};
  for (const [name, child] of Object.entries(node.entries)) entries[name] = cloneNode(child);
  return { ...node, entries };
}

export function metaOf(node: RealNode): Meta {
  return { mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime };
}
