// A container's root file system as overlay2 builds it: read-only lower layers (init layer and
// image layers) under one writable upper layer. Modifying a lower entry copies it up first
// (content and metadata, also for chmod/chown); deleting a lower entry leaves a whiteout; a
// directory created where a lower one was deleted is opaque.

import type { Backend } from '../fs/backend.ts';
import { FsError } from '../fs/errors.ts';
import { type DirNode, type RealNode, WHITEOUT, treeSize } from '../fs/node.ts';
import { listMerged, lookup } from './lookup.ts';
import { layersHolding } from './flatten.ts';

export interface UnionOptions {
  fstype?: string;
  device?: string;
}

export class UnionBackend implements Backend {
  readonly fstype: string;
  readonly device: string;
  private readonly layers: DirNode[];

  /** `lowers` top first; `upper` is modified in place (an immer draft or a private tree). */
  constructor(
    private readonly upper: DirNode,
    private readonly lowers: readonly DirNode[],
    opts: UnionOptions = {},
  ) {
    this.layers = [upper, ...lowers];
    this.fstype = opts.fstype ?? 'overlay';
    this.device = opts.device ?? 'overlay';
  }

  get(rel: string[]): RealNode | undefined {
    return lookup(this.layers, rel);
  }

  list(rel: string[]): string[] {
    const names = listMerged(this.layers, rel);
    if (names === undefined) throw new FsError(this.get(rel) ? 'ENOTDIR' : 'ENOENT', '/' + rel.join('/'));
    return names;
  }

  merged(rel: string[]): boolean {
    let holding = 0;
    for (const layer of this.layers) {
      const n = lookup([layer], rel);
      if (n?.kind !== 'dir') continue;
      holding += layersHolding(n);
      if (holding > 1) return true;
      if (n.opaque) break;
    }
    return false;
  }

  /** The entry as the lower layers alone show it (what a whiteout would hide). */
  lowerGet(rel: string[]): RealNode | undefined {
    return lookup(this.lowers, rel);
  }

  /** Copy-up: make the entry at rel (and its parent directories) present in the upper layer. */
  writable(rel: string[]): RealNode {
    let dir = this.upper;
    for (let i = 0; i < rel.length; i++) {
      const name = rel[i];
      const prefix = rel.slice(0, i + 1);
      let child = dir.entries[name];
      if (child === undefined || child.kind === 'whiteout') {
        const merged = this.get(prefix);
        if (merged === undefined) throw new FsError('ENOENT', '/' + prefix.join('/'));
        child = copyUp(merged);
        dir.entries[name] = child;
      }
      if (i === rel.length - 1) return child;
      if (child.kind !== 'dir') throw new FsError('ENOTDIR', '/' + prefix.join('/'));
      dir = child;
    }
    return dir;
  }

  writableDir(rel: string[]): DirNode {
    const node = this.writable(rel);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', '/' + rel.join('/'));
    return node;
  }

  put(rel: string[], name: string, node: RealNode): void {
    const parent = this.writableDir(rel);
    if (node.kind === 'dir' && this.lowerGet([...rel, name]) !== undefined) {
      // Created where a lower entry was deleted: nothing of the old one may show through.
      node.opaque = true;
    }
    parent.entries[name] = node;
  }

  remove(rel: string[], name: string): void {
    const parent = this.writableDir(rel);
    if (this.lowerGet([...rel, name]) !== undefined) parent.entries[name] = WHITEOUT;
    else delete parent.entries[name];
  }

  materialize(rel: string[]): RealNode | undefined {
    const node = this.get(rel);
    if (node === undefined) return undefined;
    if (node.kind !== 'dir') return { ...node };
    const entries: DirNode['entries'] = {};
    for (const name of this.list(rel)) entries[name] = this.materialize([...rel, name])!;
    return { kind: 'dir', mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime, entries };
  }

  used(): number {
    return treeSize(this.upper);
  }
}

/** What copy-up puts in the upper layer: the whole file, or a directory's metadata only. */
function copyUp(node: RealNode): RealNode {
  if (node.kind === 'dir') {
    return { kind: 'dir', mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime, entries: {} };
  }
  return { ...node };
}
