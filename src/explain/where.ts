// `strata where FILE CONTAINER:PATH [--after N]`: the provenance of one path of one container at
// one step. Which layer, volume, bind or tmpfs provides it (the container's mount table, deepest
// mount first, as runc mounts them); what it hides there; which command put it there; and what
// would destroy it on this scenario's engine.
//
// "What would destroy it" is not a table of rules: each candidate command is run by the engine on
// the state of that step, and the answer is whether the data is still there afterwards. The
// reason printed with it is the rule that says why (moby daemon/delete.go, volume prune on API
// 1.42+, tmpfs at stop); test/explain/where.test.ts checks that rule and simulation agree.

import { unfollowedRefusal } from '../container/unfollowed.ts';
import { containerFs } from '../container/runtime-fs.ts';
import { findContainer } from '../container/lookup.ts';
import { execute } from '../engine/engine.ts';
import { PROFILES } from '../engine/profile.ts';
import type { Container, EngineState, MountPoint } from '../engine/state.ts';
import { tableGet, tablePeek } from '../engine/table.ts';
import { nodeAt } from '../fs/locate.ts';
import { entryOf as entryIn, type DirNode, type Node, type RealNode } from '../fs/node.ts';
import { basename, components, dirname, isWithin, join, normalize, relativeParts } from '../fs/path.ts';
import { lookup } from '../union/lookup.ts';
import { volumeUsers } from '../volume/store.ts';
import { explainSteps } from './explain.ts';
import type { Namer } from './naming.ts';
import { listEntries, placeWords, showPath } from './notes.ts';
import { beneath, containerStack, imageStack, mountInfo, mountPlace, nodeInMount, sortedMounts, type ContainerView } from './places.ts';
import { pruneRule } from './recovery.ts';
import type { ContainerRef, Entry, Explanation, MountInfo, Place } from './schema.ts';
import type { Session } from './session.ts';
import { entriesOf, entryOf, layerOf } from './trees.ts';
import { containerList, peekContainer } from '../container/registry.ts';

export const WHERE_SCHEMA = 'strata-where/1';

/** A question `where` cannot answer (an unknown container, a relative path, a step out of range). */
export class WhereError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WhereError';
  }
}

/** What provides the path in the container. */
export type Provider =
  /** A volume, bind or tmpfs mounted at or above the path; `path` is where in that place. */
  | { kind: 'mount'; mount: MountInfo; place: Place; path: string }
  /** The container's writable layer; `copiedUpFrom`: the image layer overlayfs copied the file up from. */
  | { kind: 'writable-layer'; place: Place; copiedUpFrom?: number }
  /** A read-only image layer (0: Docker's init layer); `createdBy`: the build step (or commit) that made the layer. */
  | { kind: 'image-layer'; place: Place; createdBy: string | null }
  /** Mounted by Docker for a running container (/proc, /sys, /dev, /etc/hosts, /etc/hostname, /etc/resolv.conf). */
  | { kind: 'runtime'; target: string }
  /** Deleted in the writable layer: a whiteout hides the image layer's entry. */
  | { kind: 'whiteout'; place: Place; layer: number }
  /** Nothing has the path; a write there would go to `wouldGoTo`. */
  | { kind: 'none'; wouldGoTo: Place };

/** A command that made or changed the entry. */
export interface Origin {
  step: number;
  line: number;
  command: string;
  what: string;
}

/** What a command would do to the entry, found by running it on the step's state. */
export interface Fate {
  /** As a student types it, with names spelled as the transcript shows them. */
  command: string;
  destroys: boolean;
  why: string;
}

export interface Provenance {
  schema: typeof WHERE_SCHEMA;
  file: string;
  engine: string;
  /** Commands run (0: the state before the first one). */
  after: number;
  /** The last command run, when there is one. */
  command?: { step: number; line: number; command: string };
  container: ContainerRef & { status: string };
  path: string;
  /** The path with symlinks resolved inside the container (as the kernel resolves it). */
  resolved: string;
  entry: Entry | null;
  provider: Provider;
  /** What the provider hides at the path: a mount's content hides what lies under the mount, a copied-up file the image's version. */
  hides: { place: Place; entries: Entry[] } | null;
  origin: Origin[];
  fates: Fate[];
  /** The answer in plain words, as `strata where` prints it. */
  notes: string[];
}

/** Characters of a build step shown (a RUN line can be long). */
const MAX_CREATED_BY = 100;

const RUNTIME_TARGETS = ['/proc', '/dev', '/dev/shm', '/sys', '/etc/resolv.conf', '/etc/hosts'];

/** A container given as a name, an ID or ID prefix, or a placeholder of the transcript (`<id1>`). */
function findRef(session: Session, st: EngineState, ref: string): Container | undefined {
  const m = /^<(id\d+)(?::12)?>$/.exec(ref);
  if (m) {
    for (const [hex, p] of session.placeholders) if (p === `<${m[1]}>`) return peekContainer(st, hex);
    return undefined;
  }
  return findContainer(st, ref, { unfollowed: 'allow' });
}

export function where(session: Session, ref: string, path: string, after = session.steps.length): Provenance {
  const steps = session.steps.length;
  if (!Number.isInteger(after) || after < 0 || after > steps) throw new WhereError(`--after ${after}: the scenario has ${steps} command${steps === 1 ? '' : 's'} (give 0 to ${steps})`);
  if (!path.startsWith('/')) throw new WhereError(`${ref}:${path}: give an absolute path inside the container (CONTAINER:/PATH)`);
  const st = after === 0 ? session.initial : session.steps[after - 1].after;
  const c = findRef(session, st, ref);
  if (!c || c.buildkitStep) throw new WhereError(noSuchContainer(session, st, ref, after));
  // its runs go on changing its writable layer and mounts (container/restart.ts)
  if (c.unfollowed !== undefined) throw new WhereError(unfollowedRefusal(c).message);
  const { explanation, namer } = explainSteps(session, after);
  return new Where(session, st, c, namer, explanation, after).answer(normalize(path), path);
}

function noSuchContainer(session: Session, st: EngineState, ref: string, after: number): string {
  const names = containerList(st).filter((c) => !c.buildkitStep).map((c) => c.name);
  const at = after === session.steps.length ? 'after the last command' : `after command ${after}`;
  const existing = names.length > 0 ? `; containers then: ${names.join(', ')}` : '; there is no container then';
  const other = session.steps.find((s) => containerList(s.after).some((c) => c.name === ref || c.id.startsWith(ref)));
  const hint = other ? ` (a container ${ref} exists after command ${other.step}: give --after ${other.step})` : '';
  return `no container ${ref} ${at}${existing}${hint}`;
}

class Where {
  private readonly view: ContainerView;
  private readonly ref: ContainerRef;

  constructor(
    private readonly session: Session,
    private readonly st: EngineState,
    private readonly c: Container,
    private readonly namer: Namer,
    private readonly explanation: Explanation,
    private readonly after: number,
  ) {
    this.view = { id: c.id, name: c.name, imageId: c.imageId, mounts: c.mounts, upper: c.upper, workdir: c.config.WorkingDir, autoRemove: c.hostConfig.AutoRemove };
    this.ref = namer.container(c.id, c.name);
  }

  private get running(): boolean {
    return this.c.state.status === 'running';
  }

  /**
   * The path with the symlinks of its directories resolved as the container's processes see them;
   * the last part is the entry itself, a symlink included (as lstat sees it).
   */
  private resolve(path: string): string {
    if (path === '/') return path;
    try {
      const fs = containerFs(this.st, this.c, { createMountpoints: false });
      return join(fs.realpath(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }

  /** The mount that covers the path: the deepest user mount, or Docker's own for a running container. */
  private covering(path: string): { user?: MountPoint; runtime?: string } {
    const user = sortedMounts(this.c.mounts).filter((m) => (m.type !== 'tmpfs' || this.running) && isWithin(path, normalize(m.destination)));
    const deepestUser = user.at(-1);
    const targets = this.running ? [...RUNTIME_TARGETS, ...(this.c.buildkitStep ? [] : ['/etc/hostname'])] : [];
    const userTargets = new Set(this.c.mounts.map((m) => normalize(m.destination)));
    const runtime = targets.filter((t) => !userTargets.has(t) && isWithin(path, t)).sort((a, b) => components(b).length - components(a).length)[0];
    if (runtime !== undefined && (deepestUser === undefined || components(runtime).length > components(normalize(deepestUser.destination)).length)) return { runtime };
    return { user: deepestUser };
  }

  answer(path: string, asked: string): Provenance {
    const resolved = this.resolve(path);
    const cover = this.covering(resolved);
    let provider: Provider;
    let node: RealNode | undefined;
    let hides: Provenance['hides'] = null;
    let pathInPlace = resolved;
    const notes: string[] = [];
    let runtimeEntry: Entry | null = null;
    if (cover.runtime !== undefined) {
      provider = { kind: 'runtime', target: cover.runtime };
      try {
        const s = containerFs(this.st, this.c, { createMountpoints: false }).lstat(resolved);
        runtimeEntry = { path: resolved, kind: s.kind === 'chardev' || s.kind === 'socket' || s.kind === 'fifo' ? 'device' : s.kind, bytes: s.kind === 'file' ? s.size : 0 };
      } catch {
        runtimeEntry = null;
      }
    } else if (cover.user !== undefined) {
      const m = cover.user;
      const dst = normalize(m.destination);
      const rel = relativeParts(resolved, dst);
      node = nodeInMount(this.st, m, rel, this.c.tmpfsData[m.destination]);
      const place = mountPlace(this.namer, this.view, m);
      pathInPlace = m.type === 'bind' ? normalize(join(m.source, rel.join('/'))) : '/' + [...(m.subpath ? components(m.subpath) : []), ...rel].join('/');
      provider = { kind: 'mount', mount: mountInfo(this.namer, this.st, this.c.imageId, m), place, path: pathInPlace };
      const under = beneath(this.st, this.namer, this.view, resolved, { below: dst, tmpfs: this.c.tmpfsData });
      if (under.node !== undefined) hides = { place: under.place, entries: under.node.kind === 'dir' ? entriesOf(under.node, resolved === '/' ? '' : resolved) : [entryOf(resolved, under.node)] };
    } else {
      ({ provider, node, hides } = this.inRootfs(resolved));
    }
    for (const m of this.c.mounts) {
      if (m.type === 'tmpfs' && !this.running && isWithin(resolved, normalize(m.destination))) {
        notes.push(`(${normalize(m.destination)} is a tmpfs only while ${this.ref.label} runs; it is not running, so the path shows what lies under the tmpfs)`);
      }
    }
    const entry = node ? entryOf(resolved, node) : runtimeEntry;
    const origin = this.origins(provider, pathInPlace);
    const fates = this.fates(provider, pathInPlace, entry !== null);
    const last = this.after > 0 ? this.session.steps[this.after - 1] : undefined;
    const p: Provenance = {
      schema: WHERE_SCHEMA,
      file: this.session.file,
      engine: this.session.engine,
      after: this.after,
      ...(last ? { command: { step: last.step, line: last.line, command: last.command } } : {}),
      container: { ...this.ref, status: this.c.state.status },
      path: asked,
      resolved,
      entry,
      provider,
      hides,
      origin,
      fates,
      notes: [],
    };
    p.notes = [...whereNotes(p), ...notes];
    return p;
  }

  private inRootfs(resolved: string): { provider: Provider; node: RealNode | undefined; hides: Provenance['hides'] } {
    const rel = components(resolved);
    const stack = containerStack(this.st, this.c.imageId);
    const lowers = stack.layers.map((l) => l.tree);
    const writable: Place = { kind: 'writable-layer', container: this.ref };
    const img = tablePeek(this.st.images, this.c.imageId)!;
    // walk the writable layer: a whiteout or an opaque directory on the way hides the image below
    let at: DirNode = this.c.upper;
    let opaque = at.opaque === true;
    let inUpper: RealNode | undefined;
    for (let i = 0; i < rel.length; i++) {
      const child: Node | undefined = entryIn(at, rel[i]);
      if (child === undefined) break;
      if (child.kind === 'whiteout') {
        const prefix = rel.slice(0, i + 1);
        const layer = layerOf(stack, prefix) ?? img.layers.length;
        const hidden = lookup(lowers, prefix);
        return {
          provider: { kind: 'whiteout', place: writable, layer },
          node: undefined,
          hides: hidden ? { place: this.layerPlace(layer), entries: hidden.kind === 'dir' ? entriesOf(hidden, '/' + prefix.join('/')) : [entryOf('/' + prefix.join('/'), hidden)] } : null,
        };
      }
      if (i === rel.length - 1) inUpper = child;
      else if (child.kind !== 'dir') break;
      else {
        if (child.opaque) opaque = true;
        at = child;
      }
    }
    if (rel.length === 0) inUpper = undefined;
    const lower = opaque ? undefined : lookup(lowers, rel);
    if (inUpper !== undefined) {
      const from = lower !== undefined && lower.kind !== 'dir' ? layerOf(stack, rel) : undefined;
      // a directory made again where the image has one is opaque: the image's content below is hidden
      const replaced = inUpper.kind === 'dir' && inUpper.opaque === true ? lookup(lowers, rel) : undefined;
      let hides: Provenance['hides'] = null;
      if (from !== undefined && lower) hides = { place: this.layerPlace(from), entries: [entryOf(resolved, lower)] };
      else if (replaced?.kind === 'dir') hides = { place: this.layerPlace(layerOf(stack, rel) ?? img.layers.length), entries: entriesOf(replaced, resolved) };
      return { provider: { kind: 'writable-layer', place: writable, ...(from !== undefined ? { copiedUpFrom: from } : {}) }, node: inUpper, hides };
    }
    if (lower !== undefined) {
      const layer = layerOf(stack, rel) ?? img.layers.length;
      const below = stack.layers.filter((l) => l.layer < layer && l.layer > 0);
      const hidden = lower.kind === 'dir' ? undefined : lookup(below.map((l) => l.tree), rel);
      return {
        provider: { kind: 'image-layer', place: this.layerPlace(layer), createdBy: this.createdBy(layer) },
        node: lower,
        hides: hidden ? { place: this.layerPlace(layerOf({ layers: below }, rel) ?? 1), entries: [entryOf(resolved, hidden)] } : null,
      };
    }
    return { provider: { kind: 'none', wouldGoTo: writable }, node: undefined, hides: null };
  }

  private layerPlace(layer: number): Place {
    const img = tablePeek(this.st.images, this.c.imageId)!;
    return { kind: 'image-layer', image: this.namer.image(img.id, this.st), layer, layers: img.layers.length };
  }

  /** The history row of the step that made image layer N (rows of empty layers skipped). */
  private createdBy(layer: number): string | null {
    if (layer === 0) return "Docker's init layer: mount points and /.dockerenv, made for each container";
    const img = tablePeek(this.st.images, this.c.imageId)!;
    const rows = img.history.filter((h) => !h.emptyLayer);
    const made = rows.length === img.layers.length ? rows[layer - 1]?.createdBy : undefined;
    if (made === undefined) return null;
    return made.length > MAX_CREATED_BY ? `${made.slice(0, MAX_CREATED_BY - 1)}…` : made;
  }

  /** The commands that made or changed the entry, oldest first. */
  private origins(provider: Provider, pathInPlace: string): Origin[] {
    const place = provider.kind === 'mount' || provider.kind === 'writable-layer' ? provider.place : undefined;
    if (place === undefined) return [];
    const out: Origin[] = [];
    for (const s of this.explanation.steps) {
      for (const e of s.events) {
        if (e.type === 'written' && samePlace(e.place, place)) {
          for (const ch of e.changes) {
            if (ch.path !== pathInPlace) continue;
            const who = e.by.kind === 'host' ? 'a command on the host' : e.by.kind === 'docker-cp' ? `docker cp (${e.by.container.label})` : e.by.containers.map((c) => c.label).join(', ') || 'a container';
            const how = ch.change === 'copied-up' ? `copied up from image layer ${ch.layer} and changed` : ch.change;
            out.push({ step: s.step, line: s.line, command: s.command, what: `${how} by ${who}` });
          }
        }
        if (e.type === 'copied-from-image' && place.kind === 'volume' && e.volume.name === place.volume.name) {
          const dst = e.destination === '/' ? '' : e.destination;
          if (e.entries.some((x) => x.path.slice(dst.length) === pathInPlace || (x.path.length > dst.length && isWithin(x.path.slice(dst.length), pathInPlace)))) {
            out.push({ step: s.step, line: s.line, command: s.command, what: `copied from ${e.image.label}'s ${e.destination} into the empty volume when ${e.container.label} was created` });
          }
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------ what would destroy it

  private shown(c: Container): string {
    const r = this.namer.container(c.id, c.name);
    return r.shown ?? c.name;
  }

  /** Run `lines` on the step's state (the real IDs in them), in order. */
  private simulate(lines: readonly string[]): EngineState {
    let st = this.st;
    for (const l of lines) st = execute(st, l).state;
    return st;
  }

  private fates(provider: Provider, pathInPlace: string, exists: boolean): Fate[] {
    if (!exists) return [];
    const c = this.c;
    const name = this.shown(c);
    const profile = PROFILES[this.session.engine];
    const out: Fate[] = [];
    const fate = (shown: string, lines: string[], survives: (st: EngineState) => boolean, why: string): void => {
      out.push({ command: shown, destroys: !survives(this.simulate(lines)), why });
    };
    if (provider.kind === 'writable-layer') {
      const rel = components(pathInPlace);
      const alive = (st: EngineState): boolean => {
        const now = peekContainer(st, c.id);
        return now !== undefined && lookup([now.upper], rel) !== undefined;
      };
      if (this.running) fate(`docker stop ${name}`, [`docker stop ${c.id}`], alive, 'the writable layer survives stop and start');
      fate(`docker rm -f ${name}`, [`docker rm -f ${c.id}`], alive, "docker rm deletes the container's writable layer; docker cp or docker commit would keep a copy");
    } else if (provider.kind === 'mount' && provider.mount.type === 'volume') {
      const vol = provider.mount.volume!.name;
      const m = c.mounts.find((x) => x.type === 'volume' && x.source === vol)!;
      const rel = components(pathInPlace);
      const alive = (st: EngineState): boolean => {
        const v = tableGet(st.volumes, vol);
        return v !== undefined && nodeAt(v.data, rel) !== undefined;
      };
      const label = provider.mount.volume!.label;
      const arg = provider.mount.volume!.shown ?? vol;
      const users = volumeUsers(this.st, vol);
      const others = users.filter((u) => u.id !== c.id);
      fate(`docker rm -f ${name}`, [`docker rm -f ${c.id}`], alive, `docker rm never removes volumes${m.specSource === '' && others.length === 0 ? `: ${label} would be left orphaned, with its data` : ''}`);
      const rmvWhy = m.specSource !== ''
        ? `rm -v removes only the volumes the container got without a name (${name} mounts this one by name)`
        : others.length > 0
          ? `rm -v keeps a volume another container still uses (${others.map((o) => this.shown(o)).join(', ')})`
          : `rm -v removes the container's anonymous volumes that no other container uses`;
      fate(`docker rm -f -v ${name}`, [`docker rm -f -v ${c.id}`], alive, rmvWhy);
      const v = tableGet(this.st.volumes, vol)!;
      const rule = pruneRule(profile, v);
      fate('docker volume prune -f', ['docker volume prune -f'], alive, 'no prune removes a volume a container uses, even a stopped one');
      const rmAll = users.map((u) => `docker rm -f ${u.id}`);
      const rmAllShown = `docker rm -f ${users.map((u) => this.shown(u)).join(' ')}`;
      fate(`${rmAllShown} && docker volume prune -f`, [...rmAll, 'docker volume prune -f'], alive, rule.why);
      if (!rule.prune && rule.pruneAll && profile.pruneAnonymousOnly) {
        fate(`${rmAllShown} && docker volume prune -a -f`, [...rmAll, 'docker volume prune -a -f'], alive, 'docker volume prune -a removes every volume no container uses');
      }
      fate(`${rmAllShown} && docker volume rm ${arg}`, [...rmAll, `docker volume rm ${vol}`], alive, 'docker volume rm deletes a volume no container uses');
    } else if (provider.kind === 'mount' && provider.mount.type === 'bind') {
      const alive = (st: EngineState): boolean => nodeAt(st.host, pathInPlace) !== undefined;
      fate(`docker rm -f -v ${name}`, [`docker rm -f -v ${c.id}`], alive, "Docker never deletes a bind mount's host files: only a command on the host does");
      fate('docker system prune -f --volumes', ['docker system prune -f --volumes'], alive, 'no prune touches the host');
    } else if (provider.kind === 'mount' && provider.mount.type === 'tmpfs') {
      const key = c.mounts.find((x) => x.type === 'tmpfs' && normalize(x.destination) === provider.mount.destination)?.destination ?? provider.mount.destination;
      const rel = components(pathInPlace);
      // the same tmpfs, not a new one the main process filled again after a restart
      const alive = (st: EngineState): boolean => {
        const t = peekContainer(st, c.id)?.tmpfsData[key];
        return t !== undefined && t === c.tmpfsData[key] && nodeAt(t, rel) !== undefined;
      };
      fate(`docker stop ${name}`, [`docker stop ${c.id}`], alive, 'a tmpfs lives in memory only: it is emptied when the main process ends');
      fate(`docker restart ${name}`, [`docker restart ${c.id}`], alive, 'a restart stops the main process: the tmpfs starts empty again');
    } else if (provider.kind === 'image-layer') {
      const imageId = c.imageId;
      const rel = components(pathInPlace);
      const alive = (st: EngineState): boolean => {
        const img = tablePeek(st.images, imageId)!;
        return img !== undefined && lookup(imageStack(st, imageId).layers.map((l) => l.tree), rel) !== undefined;
      };
      fate(`docker rm -f ${name}`, [`docker rm -f ${c.id}`], alive, 'image layers are read-only and outlive every container');
    }
    return out;
  }
}

function samePlace(a: Place, b: Place): boolean {
  switch (a.kind) {
    case 'volume':
      return b.kind === 'volume' && a.volume.name === b.volume.name;
    case 'writable-layer':
      return b.kind === 'writable-layer' && a.container.id === b.container.id;
    case 'host':
      return b.kind === 'host';
    case 'tmpfs':
      return b.kind === 'tmpfs' && a.container.id === b.container.id && a.destination === b.destination;
    case 'image-layer':
      return b.kind === 'image-layer' && a.image.id === b.image.id && a.layer === b.layer;
  }
}

function describe(e: Entry | null): string {
  if (e === null) return 'nothing: the path does not exist';
  if (e.kind === 'dir') return 'a directory';
  if (e.kind === 'file') return e.sizeUnknown ? `a file the real server writes (its size is not simulated)` : `a file of ${e.bytes} byte${e.bytes === 1 ? '' : 's'}`;
  if (e.kind === 'symlink') return `a symlink to ${e.target ?? '?'}`;
  return 'a device node';
}

function providerWords(p: Provider, resolved: string): string {
  switch (p.kind) {
    case 'mount': {
      const m = p.mount;
      const why =
        m.origin === 'image-volume' ? "the image's VOLUME"
        : m.origin === 'anonymous-flag' ? `-v ${m.destination}`
        : m.origin === 'volumes-from' ? '--volumes-from'
        : m.origin === 'tmpfs-flag' ? '--tmpfs'
        : m.origin === 'mount-flag' ? '--mount'
        : '-v';
      const at = p.place.kind === 'volume' ? `, as ${showPath(p.place, p.path)}` : p.place.kind === 'host' ? `, as ${p.place.shown.replace(/\/+$/, '')}${p.path.slice(p.place.path.replace(/\/+$/, '').length)}` : '';
      const what = p.place.kind === 'tmpfs' ? 'a tmpfs (memory only)' : placeWords(p.place);
      return `${what}, mounted at ${m.destination} (${why}${m.readOnly ? ', read-only' : ''})${at === `, as ${resolved}` ? '' : at}`;
    }
    case 'writable-layer':
      return p.copiedUpFrom !== undefined ? `${placeWords(p.place)} (overlayfs copied it up from image layer ${p.copiedUpFrom} when it was first changed)` : placeWords(p.place);
    case 'image-layer':
      return `${placeWords(p.place)}, read-only${p.createdBy ? `; made by: ${p.createdBy}` : ''}`;
    case 'runtime':
      return `Docker, for the running container (${p.target} is mounted at each start and kept nowhere)`;
    case 'whiteout':
      return `nothing: ${placeWords(p.place)} deleted it (a whiteout hides what image layer ${p.layer} has there)`;
    case 'none':
      return `nothing yet; a process writing it would write into ${placeWords(p.wouldGoTo)}`;
  }
}

function whereNotes(p: Provenance): string[] {
  const at = p.command ? `after command ${p.command.step} (line ${p.command.line}: ${p.command.command.split('\n')[0]})` : 'before the first command';
  const notes: string[] = [`${p.path} in ${p.container.label} (${p.container.status}), ${at}:`];
  if (p.resolved !== normalize(p.path)) notes.push(`  resolves to: ${p.resolved} (through a symlink)`);
  notes.push(`  is: ${describe(p.entry)}`);
  notes.push(`  lives in: ${providerWords(p.provider, p.resolved)}`);
  if (p.hides && p.hides.entries.length === 0) notes.push(`  hides: an empty directory of ${placeWords(p.hides.place)}`);
  else if (p.hides) notes.push(`  hides: what ${placeWords(p.hides.place)} has there (${listEntries(p.hides.place, p.hides.entries)})`);
  else if (p.provider.kind === 'mount') notes.push('  hides: nothing (nothing lies under it at that path)');
  if (p.origin.length > 0) for (const o of p.origin) notes.push(`  came from: command ${o.step} (line ${o.line}): ${o.what}`);
  else if (p.provider.kind === 'image-layer') notes.push('  came from: the image (it was there when the container was created)');
  if (p.fates.length > 0) {
    notes.push('  what would destroy it:');
    for (const f of p.fates) notes.push(`    ${f.command}: ${f.destroys ? 'YES' : 'no'} (${f.why})`);
  }
  return notes;
}
