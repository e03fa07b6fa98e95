// Flattening an image's read-only layers into one merged tree, computed once per layer stack.
// Lookups in a container then visit three layers (upper, init, flattened image) instead of every
// image layer for every path component: an image of 100+ layers costs the same per lookup as
// one of a single layer. Leaves are shared with the layers (they are never modified in place:
// copy-up copies them), directories are new.

import type { DirNode, Node } from '../fs/node.ts';
import { listMerged, lookup, mergedDirs } from './lookup.ts';

/** How many source layers held each flattened directory (overlayfs shows nlink 1 when > 1). */
const sourceLayers = new WeakMap<DirNode, number>();

export function layersHolding(dir: DirNode): number {
  return sourceLayers.get(dir) ?? 1;
}

function flattenDir(layers: readonly DirNode[], rel: string[], top: DirNode): DirNode {
  const entries: Record<string, Node> = {};
  for (const name of listMerged(layers, rel) ?? []) {
    const path = [...rel, name];
    const node = lookup(layers, path)!;
    entries[name] = node.kind === 'dir' ? flattenDir(layers, path, node) : node;
  }
  const flat: DirNode = { kind: 'dir', mode: top.mode, uid: top.uid, gid: top.gid, mtime: top.mtime, entries };
  sourceLayers.set(flat, mergedDirs(layers, rel).length);
  return flat;
}

/** The merged view of `layers` (top first) as a single layer without whiteouts or opaque dirs. */
export function flattenLayers(layers: readonly DirNode[]): DirNode {
  if (layers.length === 0) return { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 0, entries: {} };
  // The root's metadata is the top layer's: every layer has a root directory.
  return flattenDir(layers, [], layers[0]);
}

const cache = new Map<string, DirNode>();
const CACHE_LIMIT = 64;

/**
 * Memoized by the layer IDs: layers are immutable once created, so the same stack always
 * flattens to the same tree (a cache, not state: results never differ with or without it).
 */
export function flattenedImage(layerIds: readonly string[], layerTree: (id: string) => DirNode): DirNode {
  const key = layerIds.join(',');
  let tree = cache.get(key);
  if (tree === undefined) {
    tree = flattenLayers([...layerIds].reverse().map(layerTree));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, tree);
  }
  return tree;
}
