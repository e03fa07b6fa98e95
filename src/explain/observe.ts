// What one command did to data, as events a student can follow: the engine's own events (what
// was created, removed, orphaned, copied at creation) joined with what the trees show changed
// (what processes wrote, where, and what overlayfs copied up). Both are needed: only the engine
// knows why a volume went (`rm -v` or a prune), and only the trees know which files a shell wrote.
//
// The rules each event states are the engine's, which the recorded scenarios settle:
// plain `docker rm` never removes volumes, `rm -v`/`--rm` remove the container's anonymous ones
// (moby daemon/delete.go; test/recorded/*/anonymous-volumes), copy-on-empty-mount copies the
// image's content into an empty volume only (moby daemon/volumes.go populateVolumes), a mount hides
// what lies at its target (runc mounts by depth), tmpfs content ends with the main process.

import type { EngineEvent } from '../engine/events.ts';
import type { EngineProfile } from '../engine/profile.ts';
import type { EngineState, MountPoint } from '../engine/state.ts';
import { tableGet, tableKeys, tablePeek, tablePeekValues } from '../engine/table.ts';
import { nodeAt } from '../fs/locate.ts';
import { dir, type DirNode, type RealNode } from '../fs/node.ts';
import { components, isWithin, normalize, relativeParts } from '../fs/path.ts';
import { flattenedImage } from '../union/flatten.ts';
import { volumeUsers } from '../volume/store.ts';
import type { CopyFinder } from './copies.ts';
import type { Namer } from './naming.ts';
import { beneath, containerStack, imageStack, mountInfo, runtimePaths, sortedMounts, type ContainerView } from './places.ts';
import { keepName, pruneRule, recoveryCommands } from './recovery.ts';
import type { Actor, Cause, Change, ContainerRef, DataEvent, Entry, Place } from './schema.ts';
import type { SessionStep } from './session.ts';
import { entriesOf, entryOf, holdsData, layerOf, leafDiffers, plainDiff, upperDiff, upperEntries } from './trees.ts';
import { containerIds, containerList, peekContainer } from '../container/registry.ts';

/** What earlier commands left that one command's states cannot tell. */
interface History {
  /** The last container that mounted each volume, and where. */
  lastMount: Map<string, { name: string; imageId: string; destination: string }>;
  /** Images made by `docker commit`: their top layer is a container's data. */
  committed: Set<string>;
}

type RemovedEvent = Extract<EngineEvent, { type: 'container-removed' }>;
type StoppedEvent = Extract<EngineEvent, { type: 'container-stopped' }>;
type VolumeRemovedEvent = Extract<EngineEvent, { type: 'volume-removed' }>;
type PopulatedEvent = Extract<EngineEvent, { type: 'volume-populated' }>;

/** Entries of a node as a mount would hide it: a directory's content, or the file itself. */
function hiddenEntries(node: RealNode | undefined, path: string): Entry[] {
  if (node === undefined) return [];
  if (node.kind === 'dir') return entriesOf(node, path === '/' ? '' : path);
  return [entryOf(path, node)];
}

export class Observer {
  private readonly history: History = { lastMount: new Map(), committed: new Set() };

  constructor(
    private readonly namer: Namer,
    private readonly profile: EngineProfile,
    private readonly copies: CopyFinder,
  ) {}

  /** The events of one command, in the order they happened. */
  step(s: SessionStep): DataEvent[] {
    return new StepObservation(this.namer, this.profile, this.copies, this.history, s).run();
  }
}

class StepObservation {
  private readonly removed = new Map<string, RemovedEvent>();
  private readonly stopped = new Map<string, StoppedEvent>();
  private readonly volumesRemoved = new Map<string, VolumeRemovedEvent>();
  private readonly populated: PopulatedEvent[] = [];
  /** Containers whose processes ran in this command (they are who wrote). */
  private readonly active = new Set<string>();
  private readonly createdContainers = new Set<string>();
  private readonly createdVolumes = new Set<string>();

  constructor(
    private readonly namer: Namer,
    private readonly profile: EngineProfile,
    private readonly copies: CopyFinder,
    private readonly history: History,
    private readonly s: SessionStep,
  ) {
    for (const e of s.events) {
      switch (e.type) {
        case 'container-created':
          namer.created(e.container, s.step);
          this.createdContainers.add(e.container);
          break;
        case 'volume-created':
          namer.created(e.volume, s.step);
          this.createdVolumes.add(e.volume);
          break;
        case 'container-removed':
          this.removed.set(e.container, e);
          break;
        case 'container-stopped':
          if (!this.stopped.has(e.container)) this.stopped.set(e.container, e);
          break;
        case 'volume-removed':
          this.volumesRemoved.set(e.volume, e);
          break;
        case 'volume-populated':
          this.populated.push(e);
          break;
        case 'container-started':
        case 'container-exec':
          this.active.add(e.container);
          break;
        default:
          break;
      }
      // a stop runs the main process's traps, which may write
      if (e.type === 'container-stopped') this.active.add(e.container);
    }
  }

  private get before(): EngineState {
    return this.s.before;
  }
  private get after(): EngineState {
    return this.s.after;
  }

  /** The state that still has an image (a command may remove it after using it). */
  private withImage(id: string): EngineState {
    return tablePeek(this.after.images, id) ? this.after : this.before;
  }

  /** A container as it was last in this command (its removal's snapshot when it went). */
  private view(id: string): ContainerView | undefined {
    const c = peekContainer(this.after, id);
    if (c) return { id, name: c.name, imageId: c.imageId, mounts: c.mounts, upper: c.upper, workdir: c.config.WorkingDir, autoRemove: c.hostConfig.AutoRemove };
    const r = this.removed.get(id);
    if (r) {
      const workdir = tablePeek(this.withImage(r.image).images, r.image)?.config.WorkingDir ?? '';
      return { id, name: r.name, imageId: r.image, mounts: r.mounts, upper: r.upper, workdir, autoRemove: r.by === 'auto-remove' };
    }
    const b = peekContainer(this.before, id);
    if (b) return { id, name: b.name, imageId: b.imageId, mounts: b.mounts, upper: b.upper, workdir: b.config.WorkingDir, autoRemove: b.hostConfig.AutoRemove };
    return undefined;
  }

  private ref(id: string, name: string): ContainerRef {
    return this.namer.container(id, name);
  }

  run(): DataEvent[] {
    const out: DataEvent[] = [];
    const writes = this.writes();
    let placed = false;
    let activity = false;
    const placeWrites = (): void => {
      if (placed) return;
      placed = true;
      out.push(...writes);
    };
    for (const e of this.s.events) {
      switch (e.type) {
        case 'image-built':
        case 'image-pulled': {
          const st = this.withImage(e.image);
          const img = tablePeek(st.images, e.image);
          if (!img) break;
          out.push({ type: 'image-created', image: this.namer.image(e.image, st), how: e.type === 'image-built' ? 'built' : 'pulled', layers: img.layers.length, volumes: Object.keys(img.config.Volumes ?? {}) });
          break;
        }
        case 'image-committed':
          out.push(...this.committed(e));
          break;
        case 'image-not-in-catalog':
          out.push({ type: 'image-unavailable', ref: e.ref });
          break;
        case 'container-unfollowed':
          out.push({ type: 'unfollowed', container: this.ref(e.container, e.name), why: e.why });
          break;
        case 'container-created':
          out.push(...this.creation(e.container));
          break;
        case 'volume-created':
          if (!this.mountedByNew(e.volume)) out.push({ type: 'volume-created', volume: this.namer.volume(e.volume), ...(e.project !== undefined ? { project: e.project } : {}) });
          break;
        case 'container-started':
        case 'container-exec':
        case 'copied-to-container':
        case 'copied-from-container':
          activity = true;
          break;
        case 'container-stopped':
          if (activity) placeWrites();
          out.push(...this.tmpfsGone(e));
          break;
        case 'container-removed':
          if (activity) placeWrites();
          if (e.by !== 'build') out.push(...this.containerRemoved(e));
          break;
        case 'volume-removed':
          if (activity) placeWrites();
          out.push(this.volumeRemoved(e));
          break;
        case 'volume-orphaned': {
          const o = this.orphaned(e.volume, e.container, e.name);
          if (o) out.push(o);
          break;
        }
        case 'image-removed':
          out.push(...this.imageRemoved(e.image));
          break;
        default:
          break;
      }
    }
    placeWrites();
    this.remember();
    return out;
  }

  /** Whether a container created by this command mounts the volume (its creation tells of it). */
  private mountedByNew(volume: string): boolean {
    for (const id of this.createdContainers) {
      if (this.view(id)?.mounts.some((m) => m.type === 'volume' && m.source === volume)) return true;
    }
    return false;
  }

  // ------------------------------------------------------------ creation

  private creation(id: string): DataEvent[] {
    const v = this.view(id);
    if (!v) return [];
    const st = this.withImage(v.imageId);
    if (!tablePeek(st.images, v.imageId)) return [];
    const container = this.ref(id, v.name);
    const out: DataEvent[] = [
      { type: 'container-created', container, image: this.namer.image(v.imageId, st), mounts: v.mounts.map((m) => mountInfo(this.namer, st, v.imageId, m)), autoRemove: v.autoRemove },
    ];
    for (const m of v.mounts) {
      if (m.type === 'volume' && this.createdVolumes.has(m.source)) {
        out.push({ type: 'volume-created', volume: this.namer.volume(m.source), container, destination: normalize(m.destination) });
      }
    }
    const copiedInto = new Set<string>();
    for (const p of this.populated.filter((p) => p.container === id)) {
      copiedInto.add(p.volume);
      const image = this.withImage(p.image);
      out.push({
        type: 'copied-from-image',
        volume: this.namer.volume(p.volume),
        container,
        image: this.namer.image(p.image, image),
        destination: p.from,
        entries: entriesOf(this.imageDir(p.image, p.from) ?? dir(), p.from === '/' ? '' : p.from),
      });
    }
    for (const m of sortedMounts(v.mounts)) {
      if (m.type === 'volume' && copiedInto.has(m.source)) continue;
      const dst = normalize(m.destination);
      const under = beneath(this.after, this.namer, v, dst, { imageOnly: true });
      const entries = hiddenEntries(under.node, dst);
      if (entries.length === 0) continue;
      out.push({ type: 'shadowed', container, mount: mountInfo(this.namer, st, v.imageId, m), hidden: under.place, entries });
    }
    out.push(...this.notReattached(v, container));
    return out;
  }

  /** The image's directory at `path` (copy-on-empty-mount's source). */
  private imageDir(imageId: string, path: string): DirNode | undefined {
    const st = this.withImage(imageId);
    const img = tablePeek(st.images, imageId);
    if (!img) return undefined;
    const node = nodeAt(flattenedImage(img.layers, (l) => tablePeek(st.layers, l)!.tree), path);
    return node?.kind === 'dir' ? node : undefined;
  }

  /**
   * A new anonymous volume where an earlier container of the same name or image had one that is
   * now orphaned with its data: the student's "my data is gone" (scenarios/walkthroughs/mysql-data-gone).
   */
  private notReattached(v: ContainerView, container: ContainerRef): DataEvent[] {
    const out: DataEvent[] = [];
    for (const m of v.mounts) {
      if (m.type !== 'volume' || m.specSource !== '' || !this.createdVolumes.has(m.source)) continue;
      const dst = normalize(m.destination);
      for (const name of tableKeys(this.after.volumes)) {
        if (name === m.source || !/^[0-9a-f]{64}$/.test(name)) continue;
        const last = this.history.lastMount.get(name);
        if (!last || last.destination !== dst || (last.name !== v.name && last.imageId !== v.imageId)) continue;
        if (volumeUsers(this.after, name).length > 0) continue;
        const entries = entriesOf(tableGet(this.after.volumes, name)!.data);
        if (!entries.some(holdsData)) continue;
        out.push({ type: 'not-reattached', container, destination: dst, volume: this.namer.volume(m.source), orphan: this.namer.volume(name), entries });
      }
    }
    return out;
  }

  // ------------------------------------------------------------ writes

  /** What the processes (and docker cp, and the host's commands) wrote in this command. */
  private writes(): DataEvent[] {
    return [...this.layerWrites(), ...this.volumeWrites(), ...this.tmpfsWrites(), ...this.hostWrites()];
  }

  private actorFor(ids: readonly string[]): Actor {
    const refs = ids.map((id) => {
      const v = this.view(id)!;
      return this.ref(id, v.name);
    });
    return { kind: 'container', containers: refs };
  }

  private cpInto(id: string): boolean {
    return this.s.events.some((e) => e.type === 'copied-to-container' && e.container === id);
  }

  private layerWrites(): DataEvent[] {
    const out: DataEvent[] = [];
    const ids = new Set([...containerIds(this.after), ...this.removed.keys()]);
    for (const id of ids) {
      const v = this.view(id);
      const b = peekContainer(this.before, id);
      if (!v || peekContainer(this.after, id)?.buildkitStep || b?.buildkitStep) continue;
      if (b?.upper === v.upper) continue;
      const st = this.withImage(v.imageId);
      if (!tablePeek(st.images, v.imageId)) continue;
      const changes = upperDiff(b?.upper, v.upper, containerStack(st, v.imageId), runtimePaths(v));
      if (changes.length === 0) continue;
      const container = this.ref(id, v.name);
      const by: Actor = !this.active.has(id) && this.cpInto(id) ? { kind: 'docker-cp', container } : { kind: 'container', containers: [container] };
      out.push({ type: 'written', place: { kind: 'writable-layer', container }, by, changes });
    }
    return out;
  }

  /** Containers of this command that see a place through a mount satisfying `test`, and that mount. */
  private writers(test: (m: MountPoint) => boolean): { id: string; m: MountPoint }[] {
    const ids = new Set([...this.active, ...this.s.events.flatMap((e) => (e.type === 'copied-to-container' ? [e.container] : []))]);
    const out: { id: string; m: MountPoint }[] = [];
    for (const id of ids) {
      const m = this.view(id)?.mounts.find(test);
      if (m) out.push({ id, m });
    }
    return out;
  }

  private volumeWrites(): DataEvent[] {
    const out: DataEvent[] = [];
    const names = new Set([...tableKeys(this.after.volumes), ...this.volumesRemoved.keys()]);
    for (const name of names) {
      const b = tableGet(this.before.volumes, name)?.data;
      const a = tableGet(this.after.volumes, name)?.data ?? this.volumesRemoved.get(name)?.data;
      if (a === undefined || a === b) continue;
      let changes = plainDiff(b, a);
      // what copy-on-empty-mount put there is told by its own event
      for (const p of this.populated.filter((p) => p.volume === name)) {
        const img = this.imageDir(p.image, p.from);
        if (img) changes = changes.filter((c) => !(c.change === 'created' && sameAsImage(a, img, c.path)));
      }
      if (changes.length === 0) continue;
      const writers = this.writers((m) => m.type === 'volume' && m.source === name);
      const cpOnly = writers.length > 0 && writers.every((w) => !this.active.has(w.id));
      const place: Place = { kind: 'volume', volume: this.namer.volume(name) };
      const first = writers[0];
      const seen = first ? withSeenAt(changes, normalize(first.m.destination), first.m.subpath) : changes;
      let by: Actor;
      if (cpOnly) by = { kind: 'docker-cp', container: this.ref(first.id, this.view(first.id)!.name) };
      else if (writers.length > 0) by = this.actorFor(writers.filter((w) => this.active.has(w.id)).map((w) => w.id));
      else {
        // only containers write into volumes; when none of this command's ran a process, say who uses it
        const users = [...new Set([...containerIds(this.after), ...this.removed.keys()])].filter((id) => this.view(id)?.mounts.some((m) => m.type === 'volume' && m.source === name));
        by = this.actorFor(users);
      }
      out.push({ type: 'written', place, by, changes: seen });
    }
    return out;
  }

  private tmpfsWrites(): DataEvent[] {
    const out: DataEvent[] = [];
    const ids = new Set([...containerIds(this.after), ...this.stopped.keys()]);
    for (const id of ids) {
      const stop = this.stopped.get(id);
      const b = peekContainer(this.before, id)?.tmpfsData ?? {};
      const a = stop ? stop.tmpfs : (peekContainer(this.after, id)?.tmpfsData ?? {});
      for (const dst of Object.keys(a)) {
        if (a[dst] === b[dst]) continue;
        const changes = plainDiff(b[dst], a[dst]);
        if (changes.length === 0) continue;
        const v = this.view(id);
        if (!v) continue;
        const container = this.ref(id, v.name);
        out.push({ type: 'written', place: { kind: 'tmpfs', container, destination: normalize(dst) }, by: { kind: 'container', containers: [container] }, changes: withSeenAt(changes, normalize(dst)) });
      }
    }
    return out;
  }

  private hostWrites(): DataEvent[] {
    if (this.before.host === this.after.host) return [];
    const changes = plainDiff(this.before.host, this.after.host);
    if (changes.length === 0) return [];
    const groups = new Map<string, { place: Place; by: Actor; changes: Change[] }>();
    const put = (key: string, place: () => Place, by: () => Actor, c: Change): void => {
      let g = groups.get(key);
      if (!g) {
        g = { place: place(), by: by(), changes: [] };
        groups.set(key, g);
      }
      g.changes.push(c);
    };
    const binds = this.writers((m) => m.type === 'bind').flatMap(({ id }) => this.view(id)!.mounts.filter((m) => m.type === 'bind').map((m) => ({ id, m })));
    for (const c of changes) {
      const cp = this.s.events.find((e): e is Extract<EngineEvent, { type: 'copied-from-container' }> => e.type === 'copied-from-container' && e.to !== '-' && isWithin(c.path, e.to));
      if (cp) {
        put(`cp:${cp.container}:${cp.to}`, () => ({ kind: 'host', ...this.namer.host(cp.to) }), () => ({ kind: 'docker-cp', container: this.ref(cp.container, cp.name) }), c);
        if (c.change !== 'deleted') this.copies.copiedFrom(cp.container, [c.path]);
        continue;
      }
      // the bind source itself may be made by the host's command or by the daemon (-v makes a
      // missing one): it is told as a change on the host, what is inside it as the container's
      const bind = binds.find(({ m }) => isWithin(c.path, normalize(m.source)) && c.path !== normalize(m.source));
      if (bind) {
        const src = normalize(bind.m.source);
        const seenAt = normalize(bind.m.destination) + (c.path === src ? '' : c.path.slice(src === '/' ? 0 : src.length));
        put(`bind:${bind.id}:${src}`, () => ({ kind: 'host', ...this.namer.host(src) }), () => this.actorFor([bind.id]), { ...c, seenAt });
        continue;
      }
      put('host', () => ({ kind: 'host', ...this.namer.host(this.s.after.hostCwd) }), () => ({ kind: 'host' }), c);
    }
    return [...groups.values()].map((g) => ({ type: 'written', ...g }));
  }

  // ------------------------------------------------------------ destruction

  private causeOf(r: RemovedEvent): Cause {
    const container = this.ref(r.container, r.name);
    switch (r.by) {
      case 'rm':
        return { kind: 'rm', volumes: r.removeVolumes, force: r.force === true, container };
      case 'auto-remove':
      case 'build':
        return { kind: 'auto-remove', container };
      case 'create-failed':
        return { kind: 'create-failed', container };
      case 'compose-down':
        return { kind: 'compose', command: `docker compose down${r.removeVolumes ? ' -v' : ''}`, container };
      case 'compose-rm':
        return { kind: 'compose', command: `docker compose rm${r.removeVolumes ? ' -v' : ''}`, container };
      case 'compose-recreate':
        return { kind: 'compose', command: 'docker compose up (recreating the container)', container };
      default:
        return { kind: r.by };
    }
  }

  private destroyed(place: Place, by: Cause, root: DirNode, entries: Entry[], from?: string): DataEvent {
    const data = entries.filter(holdsData);
    const copies = this.copies.find(this.after, root, data, from);
    const saved = new Set(copies.map((c) => c.path));
    return { type: 'destroyed', place, by, entries, copies, lost: data.filter((e) => !saved.has(e.path)) };
  }

  private containerRemoved(r: RemovedEvent): DataEvent[] {
    const v = this.view(r.container)!;
    const st = this.withImage(r.image);
    const entries = tablePeek(st.images, r.image) ? upperEntries(r.upper, containerStack(st, r.image), runtimePaths(v)) : [];
    const by = this.causeOf(r);
    const container = this.ref(r.container, r.name);
    const out: DataEvent[] = [{ type: 'container-removed', container, by, writableLayer: entries }];
    if (entries.length > 0) out.push(this.destroyed({ kind: 'writable-layer', container }, by, r.upper, entries, r.container));
    return out;
  }

  private volumeRemoved(e: VolumeRemovedEvent): DataEvent {
    let by: Cause;
    if (e.by === 'with-container') {
      const r = this.removed.get(e.container ?? '');
      by = r ? this.causeOf(r) : { kind: 'auto-remove', container: this.ref(e.container ?? '', e.name ?? '') };
    } else if (e.by === 'compose-down') by = { kind: 'compose', command: 'docker compose down -v' };
    else by = { kind: e.by };
    return this.destroyed({ kind: 'volume', volume: this.namer.volume(e.volume) }, by, e.data, entriesOf(e.data));
  }

  private tmpfsGone(e: StoppedEvent): DataEvent[] {
    const out: DataEvent[] = [];
    const v = this.view(e.container);
    if (!v) return out;
    const container = this.ref(e.container, e.name);
    for (const [dst, tree] of Object.entries(e.tmpfs)) {
      const entries = entriesOf(tree);
      if (entries.length === 0) continue;
      out.push(this.destroyed({ kind: 'tmpfs', container, destination: normalize(dst) }, { kind: 'stopped', container, exitCode: e.exitCode }, tree, entries, e.container));
      const under = beneath(this.after, this.namer, v, dst);
      const shown = hiddenEntries(under.node, normalize(dst));
      if (shown.length > 0) out.push({ type: 'revealed', container, destination: normalize(dst), why: 'tmpfs-gone', shows: under.place, entries: shown });
    }
    return out;
  }

  private orphaned(volume: string, containerId: string, containerName: string): DataEvent | undefined {
    const vol = tableGet(this.after.volumes, volume);
    if (!vol) return undefined;
    const r = this.removed.get(containerId);
    const m = r?.mounts.find((x) => x.type === 'volume' && x.source === volume);
    const destination = m ? normalize(m.destination) : '/data';
    const st = r ? this.withImage(r.image) : this.after;
    const image = r && tablePeek(st.images, r.image) ? this.namer.image(r.image, st) : undefined;
    const ref = this.namer.volume(volume);
    return {
      type: 'orphaned',
      volume: ref,
      container: this.ref(containerId, containerName),
      destination,
      entries: entriesOf(vol.data),
      recovery: recoveryCommands(ref, destination, image, keepName(containerName), vol.data),
      prune: pruneRule(this.profile, vol),
    };
  }

  private committed(e: Extract<EngineEvent, { type: 'image-committed' }>): DataEvent[] {
    this.history.committed.add(e.image);
    const img = tablePeek(this.after.images, e.image);
    const v = this.view(e.container);
    if (!img || !v) return [];
    const container = this.ref(e.container, e.name);
    const image = this.namer.image(e.image, this.after);
    const out: DataEvent[] = [{
      type: 'image-created',
      image,
      how: 'committed',
      layers: img.layers.length,
      volumes: Object.keys(img.config.Volumes ?? {}),
      container,
      notIncluded: v.mounts.map((m) => mountInfo(this.namer, this.after, v.imageId, m)),
    }];
    // The new image holds what lay under each mount (the mount's content is not committed).
    const stack = imageStack(this.after, e.image);
    for (const m of sortedMounts(v.mounts)) {
      const dst = normalize(m.destination);
      const node = nodeAt(flattenedImage(img.layers, (l) => tablePeek(this.after.layers, l)!.tree), dst);
      const entries = hiddenEntries(node, dst);
      if (entries.length === 0) continue;
      const layer = layerOf(stack, components(dst)) ?? img.layers.length;
      out.push({ type: 'revealed', container, destination: dst, why: 'commit', shows: { kind: 'image-layer', image, layer, layers: img.layers.length }, entries });
    }
    return out;
  }

  private imageRemoved(id: string): DataEvent[] {
    const img = tablePeek(this.before.images, id);
    if (!img) return [];
    const image = this.namer.image(id, this.before);
    const out: DataEvent[] = [{ type: 'image-removed', image }];
    if (!this.history.committed.has(id)) return out;
    const top = img.layers[img.layers.length - 1];
    if (tablePeekValues(this.after.images).some((i) => i.layers.includes(top))) return out;
    const tree = tablePeek(this.before.layers, top)?.tree;
    if (!tree) return out;
    const entries = entriesOf(tree);
    if (entries.length > 0) {
      out.push(this.destroyed({ kind: 'image-layer', image, layer: img.layers.length, layers: img.layers.length }, { kind: 'image-removed' }, tree, entries));
    }
    return out;
  }

  // ------------------------------------------------------------ memory

  private remember(): void {
    const note = (name: string, imageId: string, mounts: readonly MountPoint[]): void => {
      for (const m of mounts) if (m.type === 'volume') this.history.lastMount.set(m.source, { name, imageId, destination: normalize(m.destination) });
    };
    for (const r of this.removed.values()) if (r.by !== 'build') note(r.name, r.image, r.mounts);
    for (const c of containerList(this.after)) if (!c.buildkitStep) note(c.name, c.imageId, c.mounts);
  }
}

/** Whether the volume's entry at `path` is the image's entry there, unchanged (copied at creation). */
function sameAsImage(volume: DirNode, image: DirNode, path: string): boolean {
  const a = nodeAt(volume, path);
  const b = nodeAt(image, path);
  if (a === undefined || b === undefined) return false;
  if (a.kind === 'dir' || b.kind === 'dir') return a.kind === b.kind;
  return !leafDiffers(a, b);
}

/** The changes as the writing container saw them: under its mount point (a subpath's root is the mount's). */
function withSeenAt(changes: Change[], destination: string, subpath?: string): Change[] {
  const sub = subpath !== undefined ? '/' + components(subpath).join('/') : '';
  return changes.map((c) => {
    if (sub && !isWithin(c.path, sub)) return c;
    const rel = sub ? relativeParts(c.path, sub) : components(c.path);
    const seenAt = rel.length === 0 ? destination : `${destination === '/' ? '' : destination}/${rel.join('/')}`;
    return seenAt === c.path ? c : { ...c, seenAt };
  });
}
