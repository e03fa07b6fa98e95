// The storage diagram's model: where each container's data lives at one step of a scenario,
// built from the engine states after each command. Plain data and pure code (no I/O), so the
// CLI and a browser playground build the same model; svg.ts, text.ts and mermaid.ts only draw it.
//
// What it holds: every container's stack (its mounts at their targets, its writable layer, its
// image layers), the storage those mounts point to (volumes, bind sources on the host, tmpfs),
// one box per storage object however many containers share it, and the history a single state
// cannot tell: containers and volumes removed by earlier commands (kept as "ghosts", as they were
// just before the command that removed them) and objects that came and went inside one command.

import type { EngineEvent } from '../../engine/events.ts';
import type { Container, ContainerStatus, EngineState, MountPoint, MountType, Volume } from '../../engine/state.ts';
import { tableGet, tablePeek, tableValues } from '../../engine/table.ts';
import { nodeAt } from '../../fs/locate.ts';
import { entryList, entryNames, isEmptyDir, treeSize, treeSizeIfKnown, type DirNode, type Node, type RealNode } from '../../fs/node.ts';
import { components, isWithin, normalize, relativeParts } from '../../fs/path.ts';
import { lowerLayers } from '../../container/runtime-fs.ts';
import { diffLayers } from '../../union/diff.ts';
import { realBase } from '../../image/real.ts';
import { listMerged, lookup } from '../../union/lookup.ts';
import { isAnonymous } from '../../volume/store.ts';
import { containerIds, containerList, peekContainer } from '../../container/registry.ts';

// ---------------------------------------------------------------- the model

/** The state after one command, with what that command did (the engine's events). */
export interface Snapshot {
  /** The command line as written in the scenario (may hold here-document lines). */
  command: string;
  state: EngineState;
  events: readonly EngineEvent[];
}

/** Where an object stands at the diagram's step. */
export type Fate = { kind: 'live' } | { kind: 'removed'; step: number; command: string };

export type ChangeKind = 'added' | 'changed' | 'deleted' | 'opaque' | 'present';

/** One file worth showing: a change of a writable layer, or a leaf of a volume, bind or tmpfs. */
export interface FileItem {
  /** Absolute for a writable layer (`/etc/group`), relative to the storage's root otherwise (`base/users`). */
  path: string;
  kind: 'file' | 'dir' | 'symlink' | 'device' | 'gone';
  change: ChangeKind;
  bytes: number;
  /** A real server's file, or a directory holding one (FileNode.placeholder): `bytes` is 0, its size unknown. */
  sizeUnknown?: true;
  /** The content of a short one-line ASCII file (`alice`). */
  preview?: string;
  /** A symlink's target. */
  target?: string;
}

/** The files of a box: the few that matter, and how many there are in all. */
export interface FileList {
  items: FileItem[];
  /** Files not listed. */
  more: number;
  /** Files in all (leaves: files, symlinks, devices, empty directories, deletions). */
  total: number;
  /** Their bytes; a lower bound where one of them is a real server's file (then `sizeUnknown`). */
  bytes: number;
  sizeUnknown?: true;
}

export interface LayerRow {
  /** What made the layer (`RUN mkdir -p /data`), shortened. */
  label: string;
  bytes: number;
  /** The real image's layers of a pulled catalog image (src/image/real.ts): their steps and sizes are not simulated. */
  sizeUnknown?: true;
}

export interface ImageStack {
  /** The reference the container was created from (`postgres:16`). */
  ref: string;
  id: string;
  /** Deleted by `rmi -f` while the container still uses it. */
  removed: boolean;
  /** Top first, at most MAX_LAYERS. */
  layers: LayerRow[];
  moreLayers: number;
  /** The layers' bytes; those strata knows only (then `sizeUnknown`) where the image holds a real one. */
  bytes: number;
  sizeUnknown?: true;
}

/** What a mount hides at its target. */
export interface Shadow {
  /** The container's own root file system (image and writable layer), or a shallower mount. */
  under: { kind: 'root' } | { kind: 'mount'; target: string; storage: string; at: string };
  /** Names hidden at the target (a directory's entries, or the file itself), at most MAX_HIDDEN. */
  hidden: string[];
  hiddenCount: number;
  /** What lies under the target: a directory (hidden = its entries) or a file (hidden = itself). */
  covered: 'dir' | 'file' | 'nothing';
  /** The hidden content was copied into this (empty) volume when the container was created. */
  copied: boolean;
}

export interface MountRow {
  target: string;
  type: MountType;
  /** Key of the StorageBox it points to. */
  storage: string;
  readonly: boolean;
  /** Taken from another container with --volumes-from: the container(s) named (`code`, `code:ro`). */
  volumesFrom?: string;
  subpath?: string;
  shadow?: Shadow;
}

export interface ContainerBox {
  key: string;
  id: string;
  name: string;
  /** The last state it had (a removed container keeps the one it was removed in). */
  status: ContainerStatus;
  fate: Fate;
  image: ImageStack;
  writable: FileList;
  mounts: MountRow[];
}

export type StorageStatus = 'in-use' | 'unused' | 'orphaned' | 'removed' | 'missing';

export interface StorageBox {
  key: string;
  kind: MountType;
  /** `pgdata`, a 12-character anonymous ID, `$PWD/logs`, or the tmpfs target. */
  label: string;
  /** The whole name or path (64-hex volume name, host path). */
  name: string;
  anonymous: boolean;
  status: StorageStatus;
  fate: Fate;
  /** A tmpfs's container, which alone sees it. */
  owner?: string;
  /** Whether a tmpfs is mounted now (its container runs). */
  mounted?: boolean;
  /** Image content copied into it when it was empty (copy-on-empty-mount), oldest first. */
  filledFrom: { step: number; path: string; container: string }[];
  /** Containers that used it inside one command and are gone (`run --rm`), oldest first. */
  usedInPassing: Passing[];
  /** Paths in it that a container cannot see: another mount sits on them (a nested mount). */
  shadowed: { path: string; container: string; by: string }[];
  files: FileList;
}

/** A container that one command created, used and removed. */
export interface Passing {
  step: number;
  container: string;
  target: string;
  /** Removed because of `--rm` (the engine said so); false when it does not say or it was `docker rm`. */
  autoRemove: boolean;
}

export interface Edge {
  /** Container key and index in its mounts. */
  from: string;
  mount: number;
  to: string;
  readonly: boolean;
  /** From a removed container: a reference that no longer holds anything. */
  ghost: boolean;
}

/** Containers and volumes one command created and removed again (a `run --rm`). */
export interface Transient {
  step: number;
  command: string;
  containers: string[];
  volumes: string[];
}

export interface Diagram {
  /** Commands run (0: the state before the first one). */
  step: number;
  steps: number;
  /** The last command run. */
  command?: string;
  containers: ContainerBox[];
  storage: StorageBox[];
  edges: Edge[];
  transients: Transient[];
  /** Removed containers and volumes left out (only the most recent are drawn). */
  omitted: { containers: number; volumes: number };
}

/** Limits that keep every box readable (a whole image is never listed). */
export const MAX_FILES = 6;
export const MAX_LAYERS = 3;
export const MAX_HIDDEN = 4;
export const MAX_GHOSTS = 8;
const MAX_PREVIEW = 40;

// ---------------------------------------------------------------- building it

/** The diagram after the last snapshot (the initial state when there is none). */
export function buildDiagram(initial: EngineState, snapshots: readonly Snapshot[], totalSteps = snapshots.length): Diagram {
  const state = snapshots.length > 0 ? snapshots[snapshots.length - 1].state : initial;
  const history = collectHistory(initial, snapshots);

  const liveContainers = containerList(state).filter((c) => !c.buildkitStep);
  const ghostContainers = history.removedContainers.slice(-MAX_GHOSTS);
  const containers: ContainerBox[] = [];
  const edges: Edge[] = [];
  const storage = new Map<string, StorageBox>();
  const want = new Set<string>();

  // Chronological: a removed container stands where the story had it, before the ones after it.
  const all = [
    ...liveContainers.map((c) => ({ c, st: state, fate: { kind: 'live' } as Fate, seq: history.createdSeq.get(c.id) ?? 0 })),
    ...ghostContainers.map((g) => ({ c: g.container, st: g.state, fate: g.fate, seq: history.createdSeq.get(g.container.id) ?? 0 })),
  ].sort((a, b) => a.seq - b.seq || a.c.created - b.c.created);

  for (const { c, st, fate } of all) {
    const key = fate.kind === 'live' ? `c:${c.id}` : `c:${c.id}@${fate.step}`;
    const box = containerBox(st, c, key, fate, history);
    containers.push(box);
    box.mounts.forEach((m, i) => {
      edges.push({ from: key, mount: i, to: m.storage, readonly: m.readonly, ghost: fate.kind !== 'live' });
      want.add(m.storage);
      if (m.type === 'tmpfs' && !storage.has(m.storage)) storage.set(m.storage, tmpfsBox(c, m.target, m.storage, fate));
      if (m.type === 'bind' && !storage.has(m.storage)) storage.set(m.storage, bindBox(state, c.mounts[i]));
    });
  }

  // Host directories only containers of one command used (`run --rm -v "$PWD/logs":...`): the
  // data they left there is still on the host.
  for (const [key, m] of history.passingBinds) if (!storage.has(key)) storage.set(key, bindBox(state, m));
  for (const b of storage.values()) {
    if (b.kind !== 'bind') continue;
    b.usedInPassing = history.passing.get(b.key) ?? [];
    // Host files stay whoever mounted them; "in use" only while an existing container mounts them.
    if (b.status !== 'missing' && !edges.some((e) => e.to === b.key && !e.ghost)) b.status = 'unused';
  }

  // Volumes: those that exist, then removed ones (those a drawn container used first).
  const users = new Map<string, number>();
  for (const c of liveContainers) for (const m of c.mounts) if (m.type === 'volume') users.set(m.source, (users.get(m.source) ?? 0) + 1);
  for (const v of tableValues(state.volumes)) {
    const key = volumeKey(v);
    storage.set(key, volumeBox(v, key, { kind: 'live' }, users.has(v.name), history));
  }
  const ghostVolumes = history.removedVolumes.filter((g) => want.has(volumeKey(g.volume)));
  const otherGhosts = history.removedVolumes.filter((g) => !want.has(volumeKey(g.volume)));
  const keptOthers = otherGhosts.slice(Math.max(0, otherGhosts.length - Math.max(0, MAX_GHOSTS - ghostVolumes.length)));
  for (const g of [...ghostVolumes, ...keptOthers]) {
    const key = volumeKey(g.volume);
    if (!storage.has(key)) storage.set(key, volumeBox(g.volume, key, g.fate, false, history));
  }
  // The other side of a nested mount: the parent storage's path that the child mount hides.
  for (const c of containers) {
    for (const m of c.mounts) {
      const under = m.shadow?.under;
      const parent = under?.kind === 'mount' ? storage.get(under.storage) : undefined;
      if (under?.kind === 'mount' && parent !== undefined) parent.shadowed.push({ path: under.at, container: c.name, by: m.storage });
    }
  }

  // A mount whose volume is not known (never expected: a ghost's volume exists or was removed)
  // still gets a box, so that no edge points nowhere.
  for (const e of edges) {
    if (!storage.has(e.to)) {
      storage.set(e.to, { key: e.to, kind: 'volume', label: e.to, name: e.to, anonymous: false, status: 'missing', fate: { kind: 'live' }, filledFrom: [], usedInPassing: [], shadowed: [], files: emptyFiles() });
    }
  }

  const last = snapshots.length > 0 ? snapshots[snapshots.length - 1].command : undefined;
  return {
    step: snapshots.length,
    steps: Math.max(totalSteps, snapshots.length),
    command: last,
    containers,
    storage: orderStorage([...storage.values()], edges, containers),
    edges,
    transients: history.transients,
    omitted: {
      containers: history.removedContainers.length - ghostContainers.length,
      volumes: history.removedVolumes.length - ghostVolumes.length - keptOthers.length,
    },
  };
}

/** Storage in the order containers first point to it; what nothing points to comes last. */
function orderStorage(boxes: StorageBox[], edges: Edge[], containers: ContainerBox[]): StorageBox[] {
  const rank = new Map<string, number>();
  const order = new Map(containers.map((c, i) => [c.key, i]));
  const sorted = [...edges].sort((a, b) => order.get(a.from)! - order.get(b.from)! || a.mount - b.mount);
  for (const e of sorted) if (!rank.has(e.to)) rank.set(e.to, rank.size);
  const at = (b: StorageBox): number => rank.get(b.key) ?? Number.MAX_SAFE_INTEGER;
  return boxes.map((b, i) => ({ b, i })).sort((x, y) => at(x.b) - at(y.b) || x.i - y.i).map((x) => x.b);
}

// ---------------------------------------------------------------- history

interface Ghost<T> {
  state: EngineState;
  fate: Fate & { kind: 'removed' };
  container: T;
}

interface History {
  removedContainers: Ghost<Container>[];
  removedVolumes: { volume: Volume; fate: Fate & { kind: 'removed' } }[];
  transients: Transient[];
  /** Creation order of every container ever seen (IDs are random, `created` is per command). */
  createdSeq: Map<string, number>;
  /** Copy-on-empty-mount fills by volume key (one volume instance), in order. */
  fills: Map<string, { step: number; path: string; container: string; containerId: string }[]>;
  /** Storage that containers of one command used (by storage key), and bind sources they used. */
  passing: Map<string, Passing[]>;
  passingBinds: Map<string, MountPoint>;
}

/** The first line of a command (a here-document's body is not the command). */
export function commandLine(command: string): string {
  return command.split('\n')[0];
}

function collectHistory(initial: EngineState, snapshots: readonly Snapshot[]): History {
  const h: History = { removedContainers: [], removedVolumes: [], transients: [], createdSeq: new Map(), fills: new Map(), passing: new Map(), passingBinds: new Map() };
  let prev = initial;
  for (const id of containerIds(initial)) h.createdSeq.set(id, h.createdSeq.size);
  snapshots.forEach((snap, i) => {
    const step = i + 1;
    const fate = { kind: 'removed', step, command: commandLine(snap.command) } as const;
    const cur = snap.state;
    for (const id of containerIds(cur)) if (!h.createdSeq.has(id)) h.createdSeq.set(id, h.createdSeq.size);
    for (const c of containerList(prev)) {
      if (!c.buildkitStep && peekContainer(cur, c.id) === undefined) h.removedContainers.push({ state: prev, fate, container: c });
    }
    for (const v of tableValues(prev.volumes)) {
      const now = tableGet(cur.volumes, v.name);
      if (now === undefined || now.createdAt !== v.createdAt) h.removedVolumes.push({ volume: v, fate });
    }
    // Objects the command created and removed again: not in the state before it nor after it.
    // The containers of a docker build's RUN steps are the builder's business, not the student's:
    // they are created before the build's image-built event.
    const lastBuild = snap.events.reduce((at, e, k) => (e.type === 'image-built' ? k : at), -1);
    const createdC = new Map<string, string>();
    const createdV = new Set<string>();
    snap.events.forEach((e, k) => {
      if (e.type === 'container-created' && k > lastBuild) createdC.set(e.container, e.name);
      if (e.type === 'volume-created') createdV.add(e.volume);
      // The volume as it is after the command (one that did not outlive it is nobody's box).
      const filled = e.type === 'volume-populated' ? tableGet(cur.volumes, e.volume) : undefined;
      if (e.type === 'volume-populated' && filled !== undefined) {
        const list = h.fills.get(volumeKey(filled)) ?? [];
        list.push({ step, path: e.from, container: e.name, containerId: e.container });
        h.fills.set(volumeKey(filled), list);
      }
    });
    const gone: Transient = { step, command: fate.command, containers: [], volumes: [] };
    for (const e of snap.events) {
      if (e.type === 'container-removed' && createdC.has(e.container) && peekContainer(cur, e.container) === undefined && removalBy(e) !== 'build') {
        gone.containers.push(e.name);
        for (const m of removedMounts(e)) {
          let key: string;
          if (m.type === 'bind') {
            key = `bind:${m.source}`;
            h.passingBinds.set(key, m);
          } else if (m.type === 'volume') {
            const v = tableGet(cur.volumes, m.source) ?? tableGet(prev.volumes, m.source);
            if (v === undefined) continue;
            key = volumeKey(v);
          } else continue;
          const list = h.passing.get(key) ?? [];
          list.push({ step, container: e.name, target: normalize(m.destination), autoRemove: removalBy(e) === 'auto-remove' });
          h.passing.set(key, list);
        }
      }
      if (e.type === 'volume-removed' && createdV.has(e.volume) && tableGet(cur.volumes, e.volume) === undefined && tableGet(prev.volumes, e.volume) === undefined) {
        gone.volumes.push(e.volume);
      }
    }
    if (gone.containers.length > 0 || gone.volumes.length > 0) h.transients.push(gone);
    prev = cur;
  });
  return h;
}

/**
 * The mounts a removal event carries (newer engines record them, so that a container one command
 * created and removed can still be drawn); none when the event does not say.
 */
function removedMounts(e: EngineEvent): readonly MountPoint[] {
  if (!('mounts' in e)) return [];
  const mounts: unknown = e.mounts;
  return Array.isArray(mounts) ? (mounts as MountPoint[]) : [];
}

/** What removed a container, when the event says (`build`: a builder's RUN step). */
function removalBy(e: EngineEvent): string | undefined {
  if (!('by' in e)) return undefined;
  const by: unknown = e.by;
  return typeof by === 'string' ? by : undefined;
}

// ---------------------------------------------------------------- containers

function containerBox(st: EngineState, c: Container, key: string, fate: Fate, history: History): ContainerBox {
  return {
    key,
    id: c.id,
    name: c.name,
    status: c.state.status,
    fate,
    image: imageStack(st, c),
    writable: writableFiles(st, c),
    mounts: mountRows(st, c, history),
  };
}

function imageStack(st: EngineState, c: Container): ImageStack {
  const image = tablePeek(st.images, c.imageId)!;
  const built = image.history.filter((hEntry) => !hEntry.emptyLayer);
  // History rows with a layer match the layers one to one in a built image; a stand-in may
  // describe its layers differently, and then only the sizes are shown.
  const named = built.length === image.layers.length;
  const rows: LayerRow[] = image.layers.map((id, i) => ({
    label: named ? layerLabel(built[i].createdBy) : `layer ${i + 1}`,
    bytes: tablePeek(st.layers, id)?.size ?? 0,
  }));
  // A pulled catalog image (or one built on it) in a normal install: its lower layers are the
  // stand-in's, whose steps and sizes are not the real image's (src/image/real.ts); they show as
  // the real image's layer count, without steps or sizes.
  const real = realBase(st, image);
  if (real !== undefined) {
    const count = real.facts.layerCount ?? real.index + 1;
    rows.splice(0, real.index + 1, ...Array.from({ length: count }, (_, i): LayerRow => ({ label: `layer ${i + 1} of the real ${real.facts.ref}`, bytes: 0, sizeUnknown: true })));
  }
  const top = rows.reverse();
  return {
    ref: c.config.Image,
    id: image.id,
    removed: image.removed === true,
    layers: top.slice(0, MAX_LAYERS),
    moreLayers: Math.max(0, top.length - MAX_LAYERS),
    bytes: top.reduce((n, r) => n + r.bytes, 0),
    ...(real !== undefined ? { sizeUnknown: true as const } : {}),
  };
}

/** `RUN mkdir -p /data` from the forms both builders write into the history. */
export function layerLabel(createdBy: string): string {
  let s = createdBy.replace(/ # buildkit$/, '').trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s+/.exec(s);
  if (nop) s = s.slice(nop[0].length);
  else if (s.startsWith('RUN /bin/sh -c ')) s = 'RUN ' + s.slice('RUN /bin/sh -c '.length);
  else if (s.startsWith('/bin/sh -c ')) s = 'RUN ' + s.slice('/bin/sh -c '.length);
  if (/^ADD busybox-static /.test(s)) return 'busybox base layer';
  return s.replace(/\s+/g, ' ');
}

/** The changes of the writable layer that a student made: leaves only, no mount points. */
function writableFiles(st: EngineState, c: Container): FileList {
  const lowers = lowerLayers(st, c);
  const targets = c.mounts.map((m) => normalize(m.destination));
  // runc creates missing mount points in the writable layer: scaffolding, not data.
  const scaffolding = (p: string): boolean => targets.some((t) => isWithin(t, p));
  const underMount = (p: string): boolean => targets.some((t) => p !== t && isWithin(p, t));
  const changes = diffLayers(c.upper, lowers).filter((ch) => !scaffolding(ch.path) && !underMount(ch.path));
  const paths = new Set(changes.map((ch) => ch.path));
  const hasChild = (p: string): boolean => {
    for (const q of paths) if (q.startsWith(p + '/')) return true;
    return false;
  };
  const found: { item: FileItem; mtime: number }[] = [];
  for (const ch of changes) {
    const parts = components(ch.path);
    if (ch.kind === 'D') {
      const parent = nodeAt(c.upper, parts.slice(0, -1));
      found.push({ item: { path: ch.path, kind: 'gone', change: 'deleted', bytes: 0 }, mtime: parent?.mtime ?? 0 });
      continue;
    }
    const node = lookup([c.upper], parts);
    if (node === undefined) continue;
    if (node.kind === 'dir') {
      const raw = nodeAt(c.upper, parts);
      const opaque = raw?.kind === 'dir' && raw.opaque === true;
      // A changed directory is listed for what it holds, except an opaque one: it hides the image's.
      if (opaque) found.push({ item: { path: ch.path, kind: 'dir', change: 'opaque', bytes: 0 }, mtime: node.mtime });
      else if (ch.kind === 'A' && !hasChild(ch.path)) found.push({ item: fileItem(ch.path, node, 'added'), mtime: node.mtime });
      continue;
    }
    found.push({ item: fileItem(ch.path, node, ch.kind === 'A' ? 'added' : 'changed'), mtime: node.mtime });
  }
  return pick(found, treeSize(c.upper));
}

function mountRows(st: EngineState, c: Container, history: History): MountRow[] {
  const key = (m: MountPoint): string => storageKey(st, c, m);
  return c.mounts.map((m) => {
    const row: MountRow = {
      target: normalize(m.destination),
      type: m.type,
      storage: key(m),
      readonly: !m.rw,
    };
    if (m.origin === 'volumes-from') row.volumesFrom = (c.hostConfig.VolumesFrom ?? []).join(', ');
    if (m.subpath !== undefined) row.subpath = m.subpath;
    const shadow = shadowOf(st, c, m, key, history);
    if (shadow) row.shadow = shadow;
    return row;
  });
}

/**
 * What the mount hides: the deepest shallower mount's content at the target (runc mounts parents
 * first), or else the container's root (writable layer over the image).
 */
function shadowOf(st: EngineState, c: Container, m: MountPoint, key: (m: MountPoint) => string, history: History): Shadow | undefined {
  const target = normalize(m.destination);
  let parent: MountPoint | undefined;
  for (const o of c.mounts) {
    const t = normalize(o.destination);
    if (o === m || t === target || !isWithin(target, t)) continue;
    if (parent === undefined || components(t).length >= components(normalize(parent.destination)).length) parent = o;
  }
  let names: string[] = [];
  let covered: Shadow['covered'] = 'nothing';
  let under: Shadow['under'] = { kind: 'root' };
  if (parent !== undefined) {
    const pt = normalize(parent.destination);
    under = { kind: 'mount', target: pt, storage: key(parent), at: relativeParts(target, pt).join('/') };
    const root = mountSource(st, c, parent);
    const node = root === undefined ? undefined : nodeAt(root, relativeParts(target, pt));
    if (node?.kind === 'dir') names = entryNames(node);
    else if (node !== undefined) names = [components(target).at(-1) ?? '/'];
    if (node !== undefined) covered = node.kind === 'dir' ? 'dir' : 'file';
  } else {
    const lowers = lowerLayers(st, c);
    const layers = [c.upper, ...lowers];
    const parts = components(target);
    let node = lookup(layers, parts);
    // runc makes a missing mount point in the writable layer (an empty directory or file): it
    // hides nothing.
    if (node !== undefined && lookup(lowers, parts) === undefined && treeSize(node) === 0 && (node.kind !== 'dir' || isEmptyDir(node))) {
      node = undefined;
    }
    if (node?.kind === 'dir') names = listMerged(layers, parts) ?? [];
    else if (node !== undefined) names = [parts.at(-1) ?? '/'];
    if (node !== undefined) covered = node.kind === 'dir' ? 'dir' : 'file';
  }
  const copied = m.type === 'volume' && (history.fills.get(key(m)) ?? []).some((f) => f.containerId === c.id && normalize(f.path) === target);
  // A mount over nothing (a missing or empty directory) hides nothing; say so only over a mount.
  if (names.length === 0 && under.kind === 'root') return undefined;
  names.sort();
  return { under, hidden: names.slice(0, MAX_HIDDEN), hiddenCount: names.length, covered, copied };
}

/** The tree a mount shows (a volume's data at its subpath, a bind's host node, a tmpfs). */
function mountSource(st: EngineState, c: Container, m: MountPoint): DirNode | undefined {
  let node: RealNode | undefined;
  if (m.type === 'volume') {
    const v = tableGet(st.volumes, m.source);
    node = v === undefined ? undefined : nodeAt(v.data, m.subpath !== undefined ? components(m.subpath) : []);
  } else if (m.type === 'bind') node = nodeAt(st.host, m.source);
  else node = c.tmpfsData[m.destination];
  return node?.kind === 'dir' ? node : undefined;
}

function storageKey(st: EngineState, c: Container, m: MountPoint): string {
  if (m.type === 'bind') return `bind:${m.source}`;
  if (m.type === 'tmpfs') return `tmpfs:${c.id}:${normalize(m.destination)}`;
  const v = tableGet(st.volumes, m.source);
  return v === undefined ? `volume:${m.source}` : volumeKey(v);
}

/** A volume instance: a name given again after a removal is another volume. */
function volumeKey(v: Volume): string {
  return `volume:${v.name}@${v.createdAt}`;
}

// ---------------------------------------------------------------- storage

const isHexId = (name: string): boolean => /^[0-9a-f]{64}$/.test(name);

function volumeBox(v: Volume, key: string, fate: Fate, used: boolean, history: History): StorageBox {
  const anonymous = isAnonymous(v) || isHexId(v.name);
  const status: StorageStatus = fate.kind === 'removed' ? 'removed' : used ? 'in-use' : anonymous ? 'orphaned' : 'unused';
  const fills = history.fills.get(key) ?? [];
  return {
    key,
    kind: 'volume',
    label: anonymous ? v.name.slice(0, 12) : v.name,
    name: v.name,
    anonymous,
    status,
    fate,
    filledFrom: fills.map((f) => ({ step: f.step, path: f.path, container: f.container })),
    usedInPassing: history.passing.get(key) ?? [],
    shadowed: [],
    files: treeFiles(v.data),
  };
}

function bindBox(st: EngineState, m: MountPoint): StorageBox {
  const node = nodeAt(st.host, m.source);
  const name = m.source;
  const label = isWithin(name, st.hostCwd) ? '$PWD' + name.slice(st.hostCwd.length) : name;
  let files = emptyFiles();
  if (node?.kind === 'dir') files = treeFiles(node);
  else if (node !== undefined) files = pick([{ item: fileItem(components(name).at(-1) ?? name, node, 'present'), mtime: node.mtime }], treeSize(node));
  return { key: `bind:${name}`, kind: 'bind', label, name, anonymous: false, status: node === undefined ? 'missing' : 'in-use', fate: { kind: 'live' }, filledFrom: [], usedInPassing: [], shadowed: [], files };
}

function tmpfsBox(c: Container, target: string, key: string, fate: Fate): StorageBox {
  const data = c.tmpfsData[target];
  const mounted = fate.kind === 'live' && c.state.status === 'running';
  return {
    key,
    kind: 'tmpfs',
    label: target,
    name: target,
    anonymous: false,
    status: fate.kind === 'removed' ? 'removed' : 'in-use',
    fate,
    owner: c.name,
    mounted,
    filledFrom: [],
    usedInPassing: [],
    shadowed: [],
    files: mounted && data !== undefined ? treeFiles(data) : emptyFiles(),
  };
}

function emptyFiles(): FileList {
  return { items: [], more: 0, total: 0, bytes: 0 };
}

/** The leaves of a tree (files, symlinks, devices, empty directories), the newest first picked. */
function treeFiles(root: DirNode): FileList {
  const found: { item: FileItem; mtime: number }[] = [];
  const walk = (d: DirNode, prefix: string): void => {
    for (const [name, child] of entryList(d)) {
      if (child.kind === 'whiteout') continue;
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if (child.kind === 'dir' && !isEmptyDir(child)) walk(child, path);
      else found.push({ item: fileItem(path, child, 'present'), mtime: child.mtime });
    }
  };
  walk(root, '');
  return pick(found, treeSize(root));
}

function fileItem(path: string, node: RealNode, change: ChangeKind): FileItem {
  const kind: FileItem['kind'] = node.kind === 'chardev' || node.kind === 'socket' || node.kind === 'fifo' ? 'device' : node.kind;
  // a real server's file: neither its size nor its bytes are known (the stand-in's placeholder is not them)
  const bytes = treeSizeIfKnown(node as Node);
  if (bytes === undefined) return { path, kind, change, bytes: 0, sizeUnknown: true };
  const item: FileItem = { path, kind, change, bytes };
  if (node.kind === 'symlink') item.target = node.target;
  if (node.kind === 'file') {
    const text = node.data.endsWith('\n') ? node.data.slice(0, -1) : node.data;
    // Only text a terminal and an SVG show as is: one line of printable ASCII.
    if (text.length > 0 && text.length <= MAX_PREVIEW && /^[\x20-\x7e]+$/.test(text)) item.preview = text;
  }
  return item;
}

/**
 * At most MAX_FILES items: the most recently changed ones (a student's writes are newer than what
 * an image brought), shown in path order so that a directory's files stay together.
 */
function pick(found: { item: FileItem; mtime: number }[], bytes: number): FileList {
  const chosen = [...found]
    .sort((a, b) => b.mtime - a.mtime || (a.item.path < b.item.path ? -1 : a.item.path > b.item.path ? 1 : 0))
    .slice(0, MAX_FILES)
    .map((f) => f.item)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const list: FileList = { items: chosen, more: found.length - chosen.length, total: found.length, bytes };
  if (found.some((f) => f.item.sizeUnknown)) {
    list.sizeUnknown = true;
    // the trees' treeSize counted the placeholders' own bytes: only the known files count
    list.bytes = found.reduce((n, f) => n + f.item.bytes, 0);
  }
  return list;
}
