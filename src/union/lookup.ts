// Overlay lookup and merged directory listing over an ordered stack of layers (top first).
//
// A layer is a directory tree that may hold whiteouts (the name is deleted below) and opaque
// directories (nothing below shows through). The topmost layer that has an entry wins; a
// whiteout, an opaque directory or a non-directory at any prefix hides everything beneath it.

import type { LayeredEntry } from '../fs/backend.ts';
import { entryList, entryOf, type DirNode, type Node, type RealNode } from '../fs/node.ts';

/** Result of walking one layer along a path. */
type Step =
  /** `opaqueAbove`: an opaque directory on the way hides the lower layers' content below it too. */
  | { kind: 'found'; node: RealNode; opaqueAbove: boolean }
  /** This layer says nothing about the path: look further down (unless an opaque directory stops it). */
  | { kind: 'absent'; opaqueAbove: boolean }
  /** This layer hides the path from every lower layer (whiteout, or a non-directory prefix). */
  | { kind: 'hidden' };

function walk(layer: DirNode, rel: string[]): Step {
  let at: DirNode = layer;
  let opaqueAbove = layer.opaque === true;
  for (let i = 0; i < rel.length; i++) {
    // read, not drafted (fs/node.ts entryOf): a lookup inside a command copies nothing
    const child: Node | undefined = entryOf(at, rel[i]);
    if (child === undefined) return { kind: 'absent', opaqueAbove };
    if (child.kind === 'whiteout') return { kind: 'hidden' };
    if (i === rel.length - 1) return { kind: 'found', node: child, opaqueAbove };
    if (child.kind !== 'dir') return { kind: 'hidden' };
    if (child.opaque) opaqueAbove = true;
    at = child;
  }
  return { kind: 'found', node: layer, opaqueAbove: false };
}

/** The merged entry at `rel`, or undefined. */
export function lookup(layers: readonly DirNode[], rel: string[]): RealNode | undefined {
  for (const layer of layers) {
    const step = walk(layer, rel);
    if (step.kind === 'found') return step.node;
    if (step.kind === 'hidden' || step.opaqueAbove) return undefined;
  }
  return undefined;
}

/**
 * `lookup` one component at a time, each step from the directories the step before found: the
 * same entry as lookup(layers, [...rel, name]) without walking every layer from its root again
 * (a path's lookup was quadratic in its depth). A layer whose walk stops (a whiteout, a
 * non-directory, an absent entry under an opaque directory) ends the list: nothing below it
 * shows through at this path or under it; one where the entry is merely absent drops out.
 */
export function stepLayers(from: LayeredEntry, name: string): LayeredEntry {
  let node: RealNode | undefined;
  // (made at the first directory found: a path's last step, to a file, finds none, and every
  // component of every lookup in a container takes a step)
  let dirs: DirNode[] | undefined;
  let hides: boolean[] | undefined;
  for (let i = 0; i < from.dirs.length; i++) {
    const d = from.dirs[i];
    const opaque = from.hides[i] || d.opaque === true;
    const child = entryOf(d, name);
    if (child === undefined) {
      if (opaque) break;
      continue;
    }
    if (child.kind === 'whiteout') break;
    node ??= child;
    if (child.kind !== 'dir') break;
    (dirs ??= []).push(child);
    (hides ??= []).push(opaque);
  }
  return { node, dirs: dirs ?? NONE, hides: hides ?? NONE };
}

/** No directories (stepLayers' entries are only read). */
const NONE: readonly never[] = Object.freeze([]);

/** The layers' roots as stepLayers starts from them: the top one is the entry of the empty path. */
export function layerRoots(layers: readonly DirNode[]): LayeredEntry {
  let hides = NO_HIDES.get(layers.length);
  if (hides === undefined) NO_HIDES.set(layers.length, (hides = Object.freeze(layers.map(() => false))));
  return { node: layers[0], dirs: layers, hides };
}

/** `false` for each of n layers, by n: one list for every lookup from the roots of n layers. */
const NO_HIDES = new Map<number, readonly boolean[]>();

/**
 * The directories at `rel` that make up the merged directory, top first: it stops below a
 * whiteout, a non-directory or an opaque directory (or ancestor). Empty when `rel` is not a
 * directory in the merged view.
 */
export function mergedDirs(layers: readonly DirNode[], rel: string[]): DirNode[] {
  const dirs: DirNode[] = [];
  for (const layer of layers) {
    const step = walk(layer, rel);
    if (step.kind === 'hidden') break;
    if (step.kind === 'absent') {
      if (step.opaqueAbove) break;
      continue;
    }
    // A non-directory over lower directories ends the merge (and is no directory at all when on top).
    if (step.node.kind !== 'dir') break;
    dirs.push(step.node);
    if (step.node.opaque || step.opaqueAbove) break;
  }
  return dirs;
}

/** Names visible in the merged directory at `rel` (undefined if it is not a directory). */
export function listMerged(layers: readonly DirNode[], rel: string[]): string[] | undefined {
  const dirs = mergedDirs(layers, rel);
  if (dirs.length === 0) return undefined;
  const visible = new Set<string>();
  const hidden = new Set<string>();
  for (const d of dirs) {
    for (const [name, child] of entryList(d)) {
      if (visible.has(name) || hidden.has(name)) continue;
      if (child.kind === 'whiteout') hidden.add(name);
      else visible.add(name);
    }
  }
  return [...visible];
}
