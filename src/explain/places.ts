// A container's storage as an explanation looks at it: the read-only layers under its writable
// layer, its mount table (moby sorts mounts by depth, so a deeper mount hides what a shallower
// one or the root file system holds at its target: container/runtime-fs.ts), what each mount
// hides, and the directories the runtime makes that no process wrote.

import { initLayer } from '../container/init-layer.ts';
import type { EngineState, MountPoint } from '../engine/state.ts';
import { tableGet, tablePeek } from '../engine/table.ts';
import { nodeAt } from '../fs/locate.ts';
import type { DirNode, RealNode } from '../fs/node.ts';
import { components, isWithin, normalize, relativeParts } from '../fs/path.ts';
import { lookup } from '../union/lookup.ts';
import { resolveSubpath } from '../volume/subpath.ts';
import type { Namer } from './naming.ts';
import type { MountInfo, Place } from './schema.ts';
import { layerOf, type LowerStack } from './trees.ts';

/** What an explanation needs of a container, also of one the state no longer has. */
export interface ContainerView {
  id: string;
  name: string;
  imageId: string;
  mounts: readonly MountPoint[];
  upper: DirNode;
  workdir: string;
  /** `docker run --rm`. */
  autoRemove: boolean;
}

/** An image's layers, top first, numbered from the bottom (1 = the base image's first layer). */
export function imageStack(st: EngineState, imageId: string): LowerStack {
  const img = tablePeek(st.images, imageId)!;
  const layers = img.layers.map((id, i) => ({ layer: i + 1, tree: tablePeek(st.layers, id)!.tree }));
  return { layers: layers.reverse() };
}

/** The layers under a container's writable layer: Docker's init layer (0), then the image's. */
export function containerStack(st: EngineState, imageId: string): LowerStack {
  return { layers: [{ layer: 0, tree: initLayer(0) }, ...imageStack(st, imageId).layers] };
}

/** User mounts in the order runc mounts them: by depth, then as listed (moby sortMounts). */
export function sortedMounts(mounts: readonly MountPoint[]): MountPoint[] {
  return mounts
    .map((m, i) => ({ m, i }))
    .sort((a, b) => components(a.m.destination).length - components(b.m.destination).length || a.i - b.i)
    .map((x) => x.m);
}

/**
 * Paths the runtime makes in the writable layer: every mount point and its parents (runc
 * creates missing ones at start, an empty file for a file mount), and the working directory
 * (made at create: container.SetupWorkingDirectory).
 */
export function runtimePaths(v: Pick<ContainerView, 'mounts' | 'workdir'>): Set<string> {
  const out = new Set<string>();
  const addWithParents = (p: string): void => {
    let cur = '';
    for (const part of components(p)) {
      cur += '/' + part;
      out.add(cur);
    }
  };
  for (const m of v.mounts) addWithParents(normalize(m.destination));
  if (v.workdir) addWithParents(normalize(v.workdir));
  return out;
}

/** How a container mount is described. */
export function mountInfo(namer: Namer, st: EngineState, imageId: string, m: MountPoint): MountInfo {
  const imageVolumes = Object.keys(tablePeek(st.images, imageId)?.config.Volumes ?? {}).map(normalize);
  const origin: MountInfo['origin'] =
    m.origin === 'volumes-from' ? 'volumes-from'
    : m.origin === 'tmpfs-flag' ? 'tmpfs-flag'
    : m.origin === 'mount-flag' ? 'mount-flag'
    : m.origin === 'config-volume' ? (imageVolumes.includes(normalize(m.destination)) ? 'image-volume' : 'anonymous-flag')
    : 'v-flag';
  const info: MountInfo = { destination: normalize(m.destination), type: m.type, readOnly: !m.rw, origin };
  if (m.type === 'volume') info.volume = namer.volume(m.source);
  if (m.type === 'bind') info.host = namer.host(m.source);
  if (m.subpath !== undefined) info.subpath = m.subpath;
  return info;
}

/** The node a mount's source holds at `rel` (the volume's subpath applied), in state `st`. */
export function nodeInMount(st: EngineState, m: MountPoint, rel: readonly string[], tmpfs?: DirNode): RealNode | undefined {
  if (m.type === 'bind') return nodeAt(st.host, [...components(m.source), ...rel]);
  if (m.type === 'tmpfs') return tmpfs ? nodeAt(tmpfs, [...rel]) : undefined;
  const v = tableGet(st.volumes, m.source);
  if (!v) return undefined;
  let base: string[] = [];
  if (m.subpath !== undefined) {
    const r = resolveSubpath(v.data, m.subpath);
    if (r.kind !== 'ok') return undefined;
    base = r.parts;
  }
  return nodeAt(v.data, [...base, ...rel]);
}

/** The place a mount's data lives in. */
export function mountPlace(namer: Namer, c: ContainerView, m: MountPoint): Place {
  if (m.type === 'volume') return { kind: 'volume', volume: namer.volume(m.source) };
  if (m.type === 'bind') return { kind: 'host', ...namer.host(m.source) };
  return { kind: 'tmpfs', container: namer.container(c.id, c.name), destination: normalize(m.destination) };
}

/**
 * What the container would show at `path` if the mounts at `path` and below it (or at `below`
 * and below it) were not there: the closest shallower mount's content, or the root file system
 * (writable layer, then image). With `tmpfs` given, a tmpfs mount counts only while it holds a
 * tree there (its container runs).
 */
export function beneath(
  st: EngineState,
  namer: Namer,
  c: ContainerView,
  path: string,
  opts: { tmpfs?: Record<string, DirNode>; imageOnly?: boolean; below?: string } = {},
): { place: Place; node: RealNode | undefined } {
  const tmpfs = opts.tmpfs ?? {};
  const target = normalize(path);
  // the mounts above `below` (the path itself, or the mount whose content is set aside) that cover the path
  const below = normalize(opts.below ?? path);
  const above = sortedMounts(c.mounts).filter((m) => {
    const d = normalize(m.destination);
    return d !== below && isWithin(below, d) && isWithin(target, d) && (m.type !== 'tmpfs' || opts.tmpfs === undefined || tmpfs[m.destination] !== undefined);
  });
  const m = above.at(-1);
  if (m !== undefined) {
    const node = nodeInMount(st, m, relativeParts(target, normalize(m.destination)), tmpfs[m.destination]);
    return { place: mountPlace(namer, c, m), node };
  }
  const rel = components(target);
  // At creation the writable layer holds only what the runtime made (mount points): the image is what a mount hides.
  const upper = opts.imageOnly ? [] : [c.upper];
  const inUpper = lookup(upper, rel);
  const writable: Place = { kind: 'writable-layer', container: namer.container(c.id, c.name) };
  if (inUpper !== undefined || tablePeek(st.images, c.imageId) === undefined) return { place: writable, node: inUpper };
  // Docker's init layer holds only placeholders for its own mounts: at creation, what hides is the image's
  const stack = opts.imageOnly ? imageStack(st, c.imageId) : containerStack(st, c.imageId);
  const node = lookup([...upper, ...stack.layers.map((l) => l.tree)], rel);
  const layer = layerOf(stack, rel);
  const img = tablePeek(st.images, c.imageId)!;
  return { place: { kind: 'image-layer', image: namer.image(c.imageId, st), layer: layer ?? img.layers.length, layers: img.layers.length }, node };
}
