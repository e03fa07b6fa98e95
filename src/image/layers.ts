// Image layers are content-addressed (like Docker's chain IDs): the same changes on the same
// parent layers always give the same ID, so anything keyed by layer IDs (the flattened-image
// cache, image IDs) can never confuse two different layers.

import { cloneNode, treeSize, type DirNode } from '../fs/node.ts';
import { sha256Hex } from '../engine/ids.ts';
import type { EngineState } from '../engine/state.ts';

export function layerIdFor(parentLayers: readonly string[], tree: DirNode): string {
  return sha256Hex(JSON.stringify([parentLayers, tree]));
}

/** Store a copy of `tree` as a layer on top of `parentLayers`; returns its ID. */
export function addLayer(st: EngineState, parentLayers: readonly string[], tree: DirNode): string {
  const id = layerIdFor(parentLayers, tree);
  st.layers[id] ??= { id, tree: cloneNode(tree), size: treeSize(tree) };
  return id;
}
