// A backend is one mounted file system: a plain tree (volume, bind, tmpfs, host) or a union of
// layers. The namespace (namespace.ts) resolves paths and symlinks across mounts and hands each
// backend a path *relative to its own root*, already free of symlinks in every parent part.

import type { DirNode, RealNode } from './node.ts';

export interface Backend {
  /** `overlay`, `ext4`, `tmpfs`, ... for /proc/mounts and df. */
  readonly fstype: string;
  readonly device: string;
  /** Capacity in bytes for df and ENOSPC; undefined for unlimited. */
  readonly capacity?: number;
  /** Entry at rel (no symlink following), or undefined when absent. */
  get(rel: string[]): RealNode | undefined;
  /** Merged entry names of the directory at rel. */
  list(rel: string[]): string[];
  /**
   * A node that may be modified in place (overlay: after copy-up). The caller has checked that
   * it exists. Must not be called on a read-only backend.
   */
  writable(rel: string[]): RealNode;
  /** The directory at rel, made writable, to add an entry to. */
  writableDir(rel: string[]): DirNode;
  /** Create (or replace) entry name in dir rel. */
  put(rel: string[], name: string, node: RealNode): void;
  /** Remove entry name from dir rel (overlay: leaves a whiteout when a lower layer has it). */
  remove(rel: string[], name: string): void;
  /** A deep, independent copy of the merged entry at rel (for rename and copies). */
  materialize(rel: string[]): RealNode | undefined;
  /** Overlay only: whether the directory at rel is merged from several layers (nlink 1). */
  merged?(rel: string[]): boolean;
  /** Bytes in use (for df and tmpfs limits). */
  used(): number;
}
