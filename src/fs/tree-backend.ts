// A backend over one plain tree: a volume's _data, a bind-mounted host directory or file,
// a tmpfs, or the whole host. No layers, so no whiteouts and no copy-up.

import type { Backend } from './backend.ts';
import { asItStands } from './peek.ts';
import { FsError } from './errors.ts';
import { addLink, dropLink, maxIno, syncLinks } from './hard-link.ts';
import { cloneNode, entryList, entryOf, entryToChange, removeEntry, setEntry, type DirNode, type Node, type RealNode, treeSize } from './node.ts';

export interface TreeBackendOptions {
  fstype?: string;
  device?: string;
  capacity?: number;
  /** Backend.pageSize: tmpfs charges file data in whole pages. */
  pageSize?: number;
  /** Backend.maxInodes: tmpfs `nr_inodes=`. */
  maxInodes?: number;
  /**
   * Other trees holding names of this tree's inodes (a single-file bind's pinned inode, see
   * container/file-binds.ts): a change made here is copied to them too.
   */
  linked?: () => DirNode[];
  /**
   * The whole file system this tree is part of, when it is a part (a bind of a host directory
   * or file: the host): hard links reach outside the bound directory, so their names are
   * counted and kept equal over all of it. Default: the tree itself.
   */
  fileSystem?: () => DirNode;
  /**
   * The root as it stands, for reads only, when `root` takes it through a command's draft: a
   * lookup then drafts nothing on the way to it (the same node, or the draft already made).
   */
  peek?: () => RealNode;
}

export class TreeBackend implements Backend {
  readonly fstype: string;
  readonly device: string;
  readonly capacity?: number;
  readonly pageSize?: number;
  readonly maxInodes?: number;

  /** `root` is read on every call, so a bind sees the host tree as it is now. */
  constructor(
    private readonly root: () => RealNode,
    opts: TreeBackendOptions = {},
  ) {
    this.fstype = opts.fstype ?? 'ext4';
    this.device = opts.device ?? '/dev/sda1';
    this.capacity = opts.capacity;
    this.pageSize = opts.pageSize;
    this.maxInodes = opts.maxInodes;
    this.linked = opts.linked;
    this.fileSystem = opts.fileSystem;
    this.peek = opts.peek ?? root;
  }

  private readonly linked?: () => DirNode[];
  private readonly fileSystem?: () => DirNode;
  private readonly peek: () => RealNode;

  /** Where the names of this tree's inodes live (undefined for a tree that is a lone non-directory). */
  private links(): DirNode | undefined {
    if (this.fileSystem) return this.fileSystem();
    const root = this.root();
    return root.kind === 'dir' ? root : undefined;
  }

  get(rel: string[]): RealNode | undefined {
    return this.walk(asItStands(this.peek()), rel, entryOf);
  }

  child(dir: DirNode, name: string): RealNode | undefined {
    const next = entryOf(dir, name);
    return next === undefined || next.kind === 'whiteout' ? undefined : next;
  }

  /** The entry at rel: read only (`entryOf`, drafting nothing) or through the draft, to be changed. */
  private walk(root: RealNode, rel: string[], child: (dir: DirNode, name: string) => Node | undefined): RealNode | undefined {
    let node: RealNode = root;
    for (const name of rel) {
      if (node.kind !== 'dir') return undefined;
      const next = child(node, name);
      if (next === undefined || next.kind === 'whiteout') return undefined;
      node = next;
    }
    return node;
  }

  list(rel: string[]): string[] {
    const node = this.get(rel);
    if (node === undefined) throw new FsError('ENOENT', '/' + rel.join('/'));
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', '/' + rel.join('/'));
    return entryList(node)
      .filter(([, child]) => child.kind !== 'whiteout')
      .map(([name]) => name);
  }

  writable(rel: string[]): RealNode {
    const node = this.walk(this.root(), rel, entryToChange);
    if (node === undefined) throw new FsError('ENOENT', '/' + rel.join('/'));
    return node;
  }

  update(rel: string[], change: (node: RealNode) => void): void {
    const node = this.writable(rel);
    change(node);
    const fs = this.links();
    if (fs !== undefined) syncLinks(fs, node);
    for (const tree of this.linked?.() ?? []) syncLinks(tree, node);
  }

  writableDir(rel: string[]): DirNode {
    const node = this.writable(rel);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', '/' + rel.join('/'));
    return node;
  }

  put(rel: string[], name: string, node: RealNode): void {
    setEntry(this.writableDir(rel), name, node);
  }

  remove(rel: string[], name: string, moving = false): void {
    const dir = this.writableDir(rel);
    const gone = entryOf(dir, name);
    removeEntry(dir, name);
    // (the tree has a directory, so its names live somewhere: links() is no lone file's undefined)
    if (!moving && gone !== undefined) dropLink(this.links()!, gone);
  }

  link(from: string[], rel: string[], name: string): void {
    const node = this.writable(from);
    const fs = this.links();
    if (node.kind === 'dir' || fs === undefined) throw new FsError('EPERM', '/' + from.join('/'));
    const linked = this.linked?.() ?? [];
    const added = addLink(fs, node, () => maxIno([fs, ...linked]) + 1);
    for (const tree of linked) syncLinks(tree, node);
    this.put(rel, name, added);
  }

  materialize(rel: string[]): RealNode | undefined {
    const node = this.get(rel);
    return node === undefined ? undefined : cloneNode(node);
  }

  used(): number {
    return treeSize(this.peek(), this.pageSize);
  }
}
