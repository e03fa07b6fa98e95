// Flattening an image's read-only layers into one merged tree, computed once per layer stack.
// Lookups in a container then visit three layers (upper, init, flattened image) instead of every
// image layer for every path component: an image of 100+ layers costs the same per lookup as
// one of a single layer. Leaves are shared with the layers (they are never modified in place:
// copy-up copies them), directories are new.

import { builtDir, dir, eachEntry, entryOf, namesRecord, type DirNode } from '../fs/node.ts';
import { registerMemo } from '../engine/memos.ts';

/** How many source layers held each flattened directory (overlayfs shows nlink 1 when > 1). */
let sourceLayers = new WeakMap<DirNode, number>();

export function layersHolding(dir: DirNode): number {
  return sourceLayers.get(dir) ?? 1;
}

/**
 * One merged directory from the directories that make it up (top first, already cut below an
 * opaque one), in one pass over their entries: the topmost layer holding a name decides it (a
 * whiteout hides it, a non-directory is taken as it is), and a directory goes on merging with
 * the same name's directories below until an opaque one, a whiteout or a non-directory ends it,
 * as lookup.ts's mergedDirs does for one path. Names keep the order of listMerged. (Looking up
 * every name from the root through every layer cost 1.5 s for a 127-layer, 100,000-file image.)
 */
function flattenMerged(dirs: readonly DirNode[]): DirNode {
  const top = dirs[0];
  const entries = namesRecord();
  const decided = new Set<string>();
  /** The directories a merged subdirectory is made of, top first, and whether more may join. */
  const subdirs = new Map<string, { dirs: DirNode[]; open: boolean }>();
  for (const d of dirs) {
    eachEntry(d, (name, child) => {
      if (!decided.has(name)) {
        decided.add(name);
        if (child.kind === 'whiteout') return;
        // a directory's place in the order is kept here; its merged form replaces it below
        entries[name] = child;
        if (child.kind === 'dir') subdirs.set(name, { dirs: [child], open: child.opaque !== true });
        return;
      }
      const sub = subdirs.get(name);
      if (sub === undefined || !sub.open) return;
      if (child.kind !== 'dir') {
        sub.open = false;
        return;
      }
      sub.dirs.push(child);
      if (child.opaque) sub.open = false;
    });
  }
  for (const [name, sub] of subdirs) entries[name] = flattenMerged(sub.dirs);
  // built once, never changed: its entries may stay one record (fs/node.ts builtDir)
  const flat = builtDir({ mode: top.mode, uid: top.uid, gid: top.gid, mtime: top.mtime }, entries);
  sourceLayers.set(flat, dirs.length);
  return flat;
}

/** The merged view of `layers` (top first) as a single layer without whiteouts or opaque dirs. */
export function flattenLayers(layers: readonly DirNode[]): DirNode {
  if (layers.length === 0) return dir();
  // Every layer has a root directory; an opaque root hides the layers below it. The root's
  // metadata is the top layer's.
  const roots: DirNode[] = [];
  for (const layer of layers) {
    roots.push(layer);
    if (layer.opaque) break;
  }
  return flattenMerged(roots);
}

/**
 * `top` (one layer's directory) over `below`, the same path in the flattened stack under that
 * layer (undefined when the stack has no directory there): the same tree as flattenMerged of the
 * whole chain, because `below` already is that chain merged. Only what `top` holds is walked;
 * `below`'s subtrees that `top` does not touch are shared as they are (flattened directories are
 * never changed). Names keep flattenMerged's order: the top's first, then those below it.
 */
function flattenOver(top: DirNode, below: DirNode | undefined): DirNode {
  if (below === undefined || top.opaque) return flattenMerged([top]);
  const entries = namesRecord();
  const decided = new Set<string>();
  const subdirs: [string, DirNode][] = [];
  eachEntry(top, (name, child) => {
    decided.add(name);
    if (child.kind === 'whiteout') return;
    entries[name] = child;
    if (child.kind === 'dir') subdirs.push([name, child]);
  });
  eachEntry(below, (name, child) => {
    if (!decided.has(name)) entries[name] = child;
  });
  for (const [name, sub] of subdirs) {
    const under = entryOf(below, name);
    entries[name] = flattenOver(sub, under?.kind === 'dir' ? under : undefined);
  }
  const flat = builtDir({ mode: top.mode, uid: top.uid, gid: top.gid, mtime: top.mtime }, entries);
  sourceLayers.set(flat, 1 + layersHolding(below));
  return flat;
}

const cache = new Map<string, DirNode>();
// Stryker disable next-line all: a cache left full between test files changes no result (test/engine/memos.test.ts)
registerMemo(() => {
  cache.clear();
  sourceLayers = new WeakMap();
});
const CACHE_LIMIT = 64;

/**
 * Memoized by the layer IDs: layers are immutable once created, so the same stack always
 * flattens to the same tree (a cache, not state: results never differ with or without it).
 * A stack whose stack without its top layer is cached (a build step's image over the one before
 * it, any image built FROM a flattened one) is that tree with the top layer merged over it,
 * which walks the new layer only, not the whole image again. The least recently used stack
 * leaves the cache first, so that the base images every scenario uses stay in it.
 */
export function flattenedImage(layerIds: readonly string[], layerTree: (id: string) => DirNode): DirNode {
  // Stryker disable next-line StringLiteral: layer IDs are sha256 hex (image/layers.ts layerIdFor), all 64 characters, so the key needs no separator
  const key = layerIds.join(',');
  let tree = cache.get(key);
  // Stryker disable next-line BlockStatement: without the hit's early return the same stack is flattened again to an equal tree
  if (tree !== undefined) {
    cache.delete(key);
    cache.set(key, tree);
    return tree;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral,MethodExpression: which cached stack is looked for below only decides whether flattenOver or flattenLayers builds the (equal) tree, as long as it is the stack without the top layer or none
  const below = layerIds.length > 1 ? cache.get(layerIds.slice(0, -1).join(',')) : undefined;
  tree = below !== undefined ? flattenOver(layerTree(layerIds[layerIds.length - 1]), below) : flattenLayers([...layerIds].reverse().map(layerTree));
  // Stryker disable next-line all: which entry leaves the cache, and when, decides what is flattened again, never a result
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, tree);
  return tree;
}
