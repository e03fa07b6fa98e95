// Overlay lookup and merged directory listing over an ordered stack of layers (top first).
//
// A layer is a directory tree that may hold whiteouts (the name is deleted below) and opaque
// directories (nothing below shows through). The topmost layer that has an entry wins; a
// whiteout, an opaque directory or a non-directory at any prefix hides everything beneath it.

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
