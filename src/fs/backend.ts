// A backend is one mounted file system: a plain tree (volume, bind, tmpfs, host) or a union of
// layers. The namespace (namespace.ts) resolves paths and symlinks across mounts and hands each
// backend a path *relative to its own root*, already free of symlinks in every parent part.

import type { DirNode, RealNode } from './node.ts';

/**
 * An overlay's entry found with what it takes to go on below it (Backend.getLayered): the
 * directories at its path that make up the merged directory, top first, each with whether an
 * opaque directory above it in its own layer hides the layers below from there down.
 */
export interface LayeredEntry {
  readonly node: RealNode | undefined;
  readonly dirs: readonly DirNode[];
  readonly hides: readonly boolean[];
}

export interface Backend {
  /** `overlay`, `ext4`, `tmpfs`, ... for /proc/mounts and df. */
  readonly fstype: string;
  readonly device: string;
  /** Capacity in bytes for df and ENOSPC; undefined for unlimited. */
  readonly capacity?: number;
  /**
   * The unit a file's data is charged in against the capacity (tmpfs: whole 4 KiB pages, so a
   * 3-byte file takes 4096 bytes of a `size=`); undefined: bytes.
   */
  readonly pageSize?: number;
  /**
   * How many inodes the file system has (tmpfs `nr_inodes=`), counting its root and every name
   * (shmem reserves one per hard link too); undefined: more than anything here makes.
   */
  readonly maxInodes?: number;
  /**
   * Entry at rel (no symlink following), or undefined when absent. `rel` is only read during the
   * call (the namespace passes its own working array, which it changes afterwards).
   */
  get(rel: string[]): RealNode | undefined;
  /**
   * The entry `name` of `dir`, a directory this backend's get gave for some rel, as
   * `get([...rel, name])` would give it now; absent when the backend cannot step from a node (an
   * overlay merges several layers' directories). The namespace resolves a path component by
   * component, and a get from the root at each one made a lookup quadratic in the path's depth.
   */
  child?(dir: DirNode, name: string): RealNode | undefined;
  /**
   * An overlay's `get(rel)`, with the layers' directories there to step from (`stepLayered`):
   * its merged directories have no one node to step from with `child`.
   */
  getLayered?(rel: string[]): LayeredEntry;
  /** The entry `name` of the directory `from` holds, as `get([...rel, name])` would give it now. */
  stepLayered?(from: LayeredEntry, name: string): LayeredEntry;
  /** Merged entry names of the directory at rel. */
  list(rel: string[]): string[];
  /**
   * A node that may be modified in place (overlay: after copy-up). The caller has checked that
   * it exists. Must not be called on a read-only backend.
   */
  writable(rel: string[]): RealNode;
  /**
   * Change the entry at rel in place (overlay: after copy-up), then make every other name of
   * its inode equal to it (hard links, see hard-link.ts). The caller has checked that it exists.
   */
  update(rel: string[], change: (node: RealNode) => void): void;
  /** The directory at rel, made writable, to add an entry to. */
  writableDir(rel: string[]): DirNode;
  /** Create (or replace) entry name in dir rel. */
  put(rel: string[], name: string, node: RealNode): void;
  /**
   * Remove entry name from dir rel (overlay: leaves a whiteout when a lower layer has it). The
   * other names of a hard-linked file count one link less, unless the entry is `moving` (a
   * rename puts it back elsewhere).
   */
  remove(rel: string[], name: string, moving?: boolean): void;
  /**
   * link(2): a new name `name` in dir rel for the existing entry at `from` (overlay: copied up
   * first, as ovl_link does). The caller has checked that `from` exists and is no directory.
   */
  link(from: string[], rel: string[], name: string): void;
  /**
   * A deep, independent copy of the merged entry at rel (for rename and copies), hard links as
   * they are (a copy taken elsewhere recounts them: hard-link.ts `relink`). `copyUp` (rename):
   * overlay entries from a lower layer come out as new inodes, as copy-up makes them.
   */
  materialize(rel: string[], copyUp?: boolean): RealNode | undefined;
  /** Overlay only: whether the directory at rel is merged from several layers (nlink 1). */
  merged?(rel: string[]): boolean;
  /** Bytes in use (for df and tmpfs limits). */
  used(): number;
}
