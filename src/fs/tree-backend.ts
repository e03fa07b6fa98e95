// A backend over one plain tree: a volume's _data, a bind-mounted host directory or file,
// a tmpfs, or the whole host. No layers, so no whiteouts and no copy-up.

import type { Backend } from './backend.ts';
import { FsError } from './errors.ts';
import { cloneNode, type DirNode, type RealNode, treeSize } from './node.ts';

export interface TreeBackendOptions {
  fstype?: string;
  device?: string;
  capacity?: number;
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
  }

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

  writableDir(rel: string[]): DirNode {
    const node = this.writable(rel);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', '/' + rel.join('/'));
    return node;
  }

  put(rel: string[], name: string, node: RealNode): void {
    this.writableDir(rel).entries[name] = node;
  }

  remove(rel: string[], name: string): void {
    delete this.writableDir(rel).entries[name];
  }

  materialize(rel: string[]): RealNode | undefined {
    const node = this.get(rel);
    return node === undefined ? undefined : cloneNode(node);
  }

  used(): number {
    return treeSize(this.root());
  }
}
