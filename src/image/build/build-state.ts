// The image a build stage has made so far (layers, config, history, the legacy builder's parent
// image), how steps add a layer to it, a writable view of it for a step, and how it becomes an
// image in the store.

import { dir, treeSize, type DirNode } from '../../fs/node.ts';
import { Namespace } from '../../fs/namespace.ts';
import { UnionBackend } from '../../union/union-backend.ts';
import { sha256Hex } from '../../engine/ids.ts';
import type { EngineProfile } from '../../engine/profile.ts';
import type { EngineState, HistoryEntry, Image, ImageConfig } from '../../engine/state.ts';
import { addLayer, regularFileSize } from '../layers.ts';
import { tablePeek, tableSet } from '../../engine/table.ts';
import { DATA_ROOT } from '../../engine/data-root.ts';

export interface BuildState {
  layers: string[];
  config: ImageConfig;
  history: HistoryEntry[];
  parent: string;
  /** The legacy builder's `--no-cache`: part of every image ID the build makes, so that none is an earlier build's. */
  salt?: string;
}

/** The shell form's prefix: SHELL's words, else `/bin/sh -c` (moby/BuildKit defaultShellForOS). */
export function shellOf(b: BuildState): string[] {
  return b.config.Shell ?? ['/bin/sh', '-c'];
}

/**
 * The legacy builder's history text for a step it commits without running anything: the shell,
 * then `#(nop) ` and the comment as one more word (moby dispatchers.go withCmdComment, joined by
 * spaces: two spaces after `#(nop)`; COPY/ADD's withCmdCommentString has the comment in that
 * same word, so one space).
 */
export function nopText(b: BuildState, comment: string, oneWord = false): string {
  return `${shellOf(b).join(' ')} #(nop) ${oneWord ? '' : ' '}${comment}`;
}

/** A fresh upper directory over the stage's layers, and the merged view a step writes through. */
export function stepView(st: EngineState, layers: readonly string[]): { upper: DirNode; fs: Namespace } {
  const upper = dir();
  const lowers = layers.map((l) => tablePeek(st.layers, l)!.tree).reverse();
  return { upper, fs: new Namespace([{ target: '/', backend: new UnionBackend(upper, lowers), readonly: false, source: 'overlay' }], { clock: () => st.clock }) };
}

/** A read-only view of an image's (or a stage's) root file system: COPY --from reads it. */
export function rootView(st: EngineState, layers: readonly string[]): Namespace {
  const lowers = layers.map((l) => tablePeek(st.layers, l)!.tree).reverse();
  return new Namespace([{ target: '/', backend: new UnionBackend(dir(), lowers), readonly: true, source: 'overlay' }], { clock: () => st.clock });
}

/** Each builder's layer size: the legacy builder counts symlinks, BuildKit regular files only. */
export function addBuildLayer(st: EngineState, profile: EngineProfile, b: BuildState, tree: DirNode): number {
  const legacy = profile.builder === 'legacy';
  const size = legacy ? treeSize(tree) : regularFileSize(tree);
  b.layers.push(addLayer(st, b.layers, tree, { size, cached: !legacy }));
  return size;
}

export function imageIdFor(b: BuildState): string {
  const key = { c: b.config, l: b.layers, h: b.history.map((h) => [h.createdBy, h.emptyLayer]), p: b.parent };
  return sha256Hex(JSON.stringify(b.salt === undefined ? key : { ...key, s: b.salt }));
}

export function registerImage(st: EngineState, b: BuildState): string {
  const id = imageIdFor(b);
  if (!tablePeek(st.images, id) || tablePeek(st.images, id)!.removed) {
    const image: Image = {
      id,
      layers: [...b.layers],
      config: cloneJson(b.config),
      history: b.history.map((h) => ({ ...h, imageId: undefined })),
      created: st.clock,
      parent: b.parent,
      comment: '',
    };
    tableSet(st.images, id, image);
  }
  return id;
}

/** Deep copy of plain data (drafts included: structuredClone refuses immer proxies). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The merged directory a step's error names: the legacy builder's step container layer (64 hex),
 * or BuildKit's snapshot (25 base-36 characters, random in BuildKit; strata derives both from
 * `seed`, here the step).
 */
export function stepMergedDir(legacy: boolean, seed: string): string {
  const h = sha256Hex(seed);
  const id = legacy ? h : BigInt(`0x${h}`).toString(36).slice(0, 25);
  return `${DATA_ROOT}/overlay2/${id}/merged`;
}
