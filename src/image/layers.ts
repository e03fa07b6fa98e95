// Image layers are content-addressed (like Docker's chain IDs): the same changes on the same
// parent layers always give the same ID, so anything keyed by layer IDs (the flattened-image
// cache, image IDs) can never confuse two different layers.

import { cloneNode, entriesJson, entryList, nodeSize, removeEntry, treeSize, type DirNode, type Node } from '../fs/node.ts';
import { sha256Hex } from '../engine/ids.ts';
import { contentDigest } from '../fs/digest.ts';
import type { EngineState } from '../engine/state.ts';
import { tableGet, tableSetDefault } from '../engine/table.ts';

/**
 * The ID of `tree` on `parentLayers`: a sha256 of both, in which a file's content longer than a
 * digest stands as its own sha256 (an object, so no string content can collide with it), the way
 * an OCI manifest names blobs by digest. Every image and build step hashes its layers, and a
 * layer holds multi-megabyte binaries (busybox is 1 MB): hashing the contents once each
 * (`contentDigest` remembers them) instead of inside every layer's JSON makes a layer's ID cost
 * its tree's shape, not its bytes.
 */
export function layerIdFor(parentLayers: readonly string[], tree: DirNode): string {
  return sha256Hex(JSON.stringify([parentLayers, tree], digestLongData));
}

function digestLongData(this: unknown, key: string, value: unknown): unknown {
  if (key === 'data' && typeof value === 'string' && value.length > 64) return { sha256: contentDigest(value) };
  // a directory's entries as the record they list as, however fs/node.ts holds them
  return entriesJson(key, value);
}

export interface AddLayerOptions {
  /** The size the engine reports for the layer (default: every file and symlink, like overlay2's diff). */
  size?: number;
  /** BuildKit's build cache holds the layer (rmi never frees it). */
  cached?: boolean;
}

/**
 * `tree` as its layer tar holds it: without sockets. moby makes a container's layer (docker commit)
 * by archiving its changes (moby/go-archive archive.go addTarFile), and Go's archive/tar refuses
 * a socket (`sockets not supported`), which the Tarballer logs and skips (recorded:
 * fs/socket-in-writable-layer, a committed image has the socket's directory without it).
 * `tree` itself when it holds none (no copy).
 */
export function withoutSockets(tree: DirNode): DirNode {
  const holds = (d: DirNode): boolean => entryList(d).some(([, n]) => n.kind === 'socket' || (n.kind === 'dir' && holds(n)));
  if (!holds(tree)) return tree;
  const copy = cloneNode(tree);
  const strip = (d: DirNode): void => {
    for (const [name, n] of entryList(d)) {
      if (n.kind === 'socket') removeEntry(d, name);
      else if (n.kind === 'dir') strip(n);
    }
  };
  strip(copy);
  return copy;
}

/** Store a copy of `tree` as a layer on top of `parentLayers`; returns its ID. */
export function addLayer(st: EngineState, parentLayers: readonly string[], tree: DirNode, opts: AddLayerOptions = {}): string {
  const id = layerIdFor(parentLayers, tree);
  tableSetDefault(st.layers, id, { id, tree: cloneNode(tree), size: opts.size ?? treeSize(tree) });
  if (opts.cached) tableGet(st.layers, id)!.cached = true;
  return id;
}

/**
 * BuildKit's layer size (its differ's usage count): regular files only, a new symlink counts 0
 * (image-layers probe `build-run-layer-sizes`: `ln -s` makes a 0B layer on 26.1, 6B on 20.10);
 * a device has no size either (nodeSize).
 */
export function regularFileSize(node: Node): number {
  // a hard-linked file counts once (hardlinks/sizes: three names of 3000 bytes make a 3kB layer)
  let total = 0;
  const seen = new Set<number>();
  const todo: Node[] = [node];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (n.kind === 'dir') for (const [, child] of entryList(n)) todo.push(child);
    else if (n.kind === 'file') {
      if (n.ino !== undefined) {
        if (seen.has(n.ino)) continue;
        seen.add(n.ino);
      }
      total += nodeSize(n);
    }
  }
  return total;
}
