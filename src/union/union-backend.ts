// A container's root file system as overlay2 builds it: read-only lower layers (init layer and
// image layers) under one writable upper layer. Modifying a lower entry copies it up first
// (content and metadata, also for chmod/chown); deleting a lower entry leaves a whiteout; a
// directory created where a lower one was deleted is opaque.

import type { Backend, LayeredEntry } from '../fs/backend.ts';
import { FsError } from '../fs/errors.ts';
import { addLink, dropLink, maxIno, syncLinks, unlinked } from '../fs/hard-link.ts';
import { dir, entryOf, entryToChange, removeEntry, setEntry, type DirNode, type Node, type RealNode, WHITEOUT, treeSize } from '../fs/node.ts';
import { layerRoots, listMerged, lookup, stepLayers } from './lookup.ts';
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

  getLayered(rel: string[]): LayeredEntry {
    let at = layerRoots(this.layers);
    // (indexed: every lookup in a container starts here, and a for-of allocates as it goes)
    for (let i = 0; i < rel.length; i++) at = stepLayers(at, rel[i]);
    return at;
  }

  stepLayered(from: LayeredEntry, name: string): LayeredEntry {
    return stepLayers(from, name);
  }

  list(rel: string[]): string[] {
    const names = listMerged(this.layers, rel);
    if (names === undefined) throw new FsError(this.get(rel) ? 'ENOTDIR' : 'ENOENT', shown(rel));
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
    let at = this.upper;
    for (let i = 0; i < rel.length; i++) {
      const name = rel[i];
      const prefix = rel.slice(0, i + 1);
      let child = entryToChange(at, name);
      if (child === undefined || child.kind === 'whiteout') {
        const merged = this.get(prefix);
        if (merged === undefined) throw new FsError('ENOENT', shown(prefix));
        child = copyUp(merged);
        setEntry(at, name, child);
      }
      if (i === rel.length - 1) return child;
      if (child.kind !== 'dir') throw new FsError('ENOTDIR', shown(prefix));
      at = child;
    }
    return at;
  }

  update(rel: string[], change: (node: RealNode) => void): void {
    const node = this.writable(rel);
    change(node);
    // Only the upper layer's names can be linked to a written file: copy-up made a new inode.
    syncLinks(this.upper, node);
  }

  writableDir(rel: string[]): DirNode {
    const node = this.writable(rel);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', shown(rel));
    return node;
  }

  put(rel: string[], name: string, node: RealNode): void {
    const parent = this.writableDir(rel);
    if (node.kind === 'dir' && this.lowerGet([...rel, name]) !== undefined) {
      // Created where a lower entry was deleted: nothing of the old one may show through.
      node.opaque = true;
    }
    setEntry(parent, name, node);
  }

  remove(rel: string[], name: string, moving = false): void {
    const parent = this.writableDir(rel);
    const gone = entryOf(parent, name);
    if (this.lowerGet([...rel, name]) !== undefined) setEntry(parent, name, WHITEOUT);
    else removeEntry(parent, name);
    // A lower inode keeps its link count: the layer below is never changed.
    if (!moving && gone !== undefined) dropLink(this.upper, gone);
  }

  /** ovl_link: the source is copied up (a new inode when it was lower), then linked in the upper layer. */
  link(from: string[], rel: string[], name: string): void {
    const node = this.writable(from);
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable through the namespace, whose link() refuses a directory with EPERM before it calls a backend
    if (node.kind === 'dir') throw new FsError('EPERM', shown(from));
    // Fresh above every layer of the stack, so that no two inodes of one stack (and of a
    // committed image built on it) share an `ino`.
    this.put(rel, name, addLink(this.upper, node, () => maxIno(this.layers) + 1));
  }

  /**
   * With `copyUp` (a rename), upper-layer entries keep their hard links (the inode stays) and a
   * lower one comes out as a new inode, as copy-up makes it (lower-copy-up probe: `mv` of one
   * name of a lower hard link shows 1 link).
   */
  materialize(rel: string[], copyUp = false): RealNode | undefined {
    const node = this.get(rel);
    if (node === undefined) return undefined;
    if (node.kind !== 'dir') return !copyUp || lookup([this.upper], rel) === node ? { ...node } : unlinked(node);
    const entries: [string, Node][] = this.list(rel).map((name) => [name, this.materialize([...rel, name], copyUp)!]);
    return dir({ mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime }, entries);
  }

  used(): number {
    return treeSize(this.upper);
  }
}

/**
 * What copy-up puts in the upper layer: the whole file, or a directory's metadata only. A file
 * is a new inode with one link: overlayfs without index=on breaks a hard link on copy-up (the
 * other names keep the lower inode and its count).
 */
function copyUp(node: RealNode): RealNode {
  if (node.kind === 'dir') {
    return dir({ mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime });
  }
  return unlinked(node);
}

/**
 * The path an error of this backend names. The namespace checks existence and kind before it
 * calls a backend (namespace.ts resolve, readdir, rmdir, link) and reports with its own path, so
 * this one is never shown.
 */
// Stryker disable next-line StringLiteral: never shown (above)
const shown = (rel: string[]): string => '/' + rel.join('/');
