// A backend over one plain tree: a volume's _data, a bind-mounted host directory or file,
// a tmpfs, or the whole host. No layers, so no whiteouts and no copy-up.

import type { Backend } from './backend.ts';
import { FsError } from './errors.ts';
import { addLink, dropLink, maxIno, syncLinks } from './hard-link.ts';
import { cloneNode, type DirNode, type RealNode, treeSize } from './node.ts';

export interface TreeBackendOptions {
  fstype?: string;
  device?: string;
  capacity?: number;
  /**
   * Other trees holding names of this tree's inodes (a single-file bind's pinned inode, see
   * container/file-binds.ts): a change made here is copied to them too.
   */
  linked?: () => DirNode[];
}

export class TreeBackend implements Backend {
  readonly fstype: string;
  readonly device: string;
  readonly capacity?: number;

  /** `root` is read on every call, so a bind sees the host tree as it is now. */
  constructor(
    private readonly root: () => RealNode,
    opts: TreeBackendOptions = {},
  ) {
    this.fstype = opts.fstype ?? 'ext4';
    this.device = opts.device ?? '/dev/sda1';
    this.capacity = opts.capacity;
    this.linked = opts.linked;
  }

  private readonly linked?: () => DirNode[];

  get(rel: string[]): RealNode | undefined {
    let node: RealNode = this.root();
    for (const name of rel) {
      if (node.kind !== 'dir') return undefined;
      const child = node.entries[name];
      if (child === undefined || child.kind === 'whiteout') return undefined;
      node = child;
    }
    return node;
  }

  list(rel: string[]): string[] {
    const node = this.get(rel);
    if (node === undefined) throw new FsError('ENOENT', '/' + rel.join('/'));
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', '/' + rel.join('/'));
    return Object.keys(node.entries).filter((n) => node.entries[n].kind !== 'whiteout');
  }

  writable(rel: string[]): RealNode {
    const node = this.get(rel);
    if (node === undefined) throw new FsError('ENOENT', '/' + rel.join('/'));
    return node;
  }

  update(rel: string[], change: (node: RealNode) => void): void {
    const node = this.writable(rel);
    change(node);
    const root = this.root();
    if (root.kind === 'dir') syncLinks(root, node);
    for (const tree of this.linked?.() ?? []) syncLinks(tree, node);
  }

  writableDir(rel: string[]): DirNode {
    const node = this.writable(rel);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', '/' + rel.join('/'));
    return node;
  }

  put(rel: string[], name: string, node: RealNode): void {
    this.writableDir(rel).entries[name] = node;
  }

  remove(rel: string[], name: string, moving = false): void {
    const dir = this.writableDir(rel);
    const gone = dir.entries[name];
    delete dir.entries[name];
    const root = this.root();
    if (!moving && gone !== undefined && root.kind === 'dir') dropLink(root, gone);
  }

  link(from: string[], rel: string[], name: string): void {
    const node = this.writable(from);
    const root = this.root();
    if (node.kind === 'dir' || root.kind !== 'dir') throw new FsError('EPERM', '/' + from.join('/'));
    this.put(rel, name, addLink(root, node, () => maxIno([root]) + 1));
  }

  materialize(rel: string[]): RealNode | undefined {
    const node = this.get(rel);
    return node === undefined ? undefined : cloneNode(node);
  }

  used(): number {
    return treeSize(this.root());
  }
}
