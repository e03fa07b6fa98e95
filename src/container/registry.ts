// The daemon's containers and the indexes kept with them: by ID in creation order, the ID of each
// name, and the containers that hold a reference to each volume (moby keeps the same: its
// container store, the name registrar and the volume service's references, daemon/names.go and
// volume/service/store.go).
//
// Everything that adds, removes or renames a container goes through here, so that the indexes
// never disagree with the table. Both live in the engine state, in bucketed tables
// (engine/table.ts): a command that touches one container copies one bucket, not the record of
// every container, and a lookup by name or a volume's users reads one bucket instead of scanning
// every container (with 1,000 containers kept, those scans and copies made a command 17x
// slower than with none).

import type { Container, EngineState } from '../engine/state.ts';
import { peekOwn } from '../fs/peek.ts';
import { indexDelete, indexGet, indexPeek, indexSet, tableDelete, tableGet, tableKeys, tablePeek, tablePeekValues, tableSet, type Index } from '../engine/table.ts';

export interface ContainerIndex {
  /** Container ID by name (names are unique among existing containers). */
  byName: Index<string>;
  /** The IDs of the containers that mount each volume (by volume name), in creation order. */
  volumeUsers: Index<string[]>;
  /**
   * The IDs of the running containers, in the order they started: what a start allocates
   * (addresses, ports) and a write on the host (pinned file binds) must see, without a scan of
   * every container ever created.
   */
  running: string[];
}

export function emptyContainerIndex(): ContainerIndex {
  return { byName: {}, volumeUsers: {}, running: [] };
}

/** Every container in creation order, as it stands: only read them (engine/table.ts). */
export function containerList(st: EngineState): Container[] {
  return tablePeekValues(st.containers);
}

/**
 * The containers that pass `test`, in creation order, through the draft (to be changed): every
 * container is read as it stands and only those that pass are drafted.
 */
export function containersWhere(st: EngineState, test: (c: Container) => boolean): Container[] {
  return containerList(st)
    .filter(test)
    .map((c) => containerById(st, c.id)!);
}

/** The running containers, in the order they started, as they stand: only read them. */
export function runningContainers(st: EngineState): Container[] {
  return runningIds(st).map((id) => peekContainer(st, id)!);
}

/**
 * The IDs of the running containers as they stand, drafting nothing (engine/table.ts explains
 * why a read through the draft costs): asked at every command, by the health checks' clock.
 */
export function runningIds(st: EngineState): readonly string[] {
  return peekOwn(peekOwn(st, 'containerIndex')!, 'running')!;
}

/** The container of an ID, through the draft (to be changed). */
export function containerById(st: EngineState, id: string): Container | undefined {
  return tableGet(st.containers, id);
}

/** The container of an ID as it stands: only read it. */
export function peekContainer(st: EngineState, id: string): Container | undefined {
  return tablePeek(st.containers, id);
}

/** The ID of the container of a name (without the leading slash). */
export function containerIdByName(st: EngineState, name: string): string | undefined {
  // (st.containerIndex read through the draft would make a draft of the index: a copy at every
  // `docker run --name`, changed or not)
  return indexPeek(peekOwn(st, 'containerIndex')!.byName, name);
}

/** The IDs of every container, in creation order. */
export function containerIds(st: EngineState): string[] {
  return tableKeys(st.containers);
}

/** The IDs of the containers that mount a volume, in creation order: only read the list. */
export function volumeUserIds(st: EngineState, volume: string): readonly string[] {
  return indexPeek(peekOwn(st, 'containerIndex')!.volumeUsers, volume) ?? [];
}

/** Add a new container with the volumes its mounts name so far. */
export function addContainer(st: EngineState, c: Container): void {
  tableSet(st.containers, c.id, c);
  indexSet(st.containerIndex.byName, c.name, c.id);
  for (const m of c.mounts) if (m.type === 'volume') addVolumeUser(st, c, m.source);
}

/** Record that `c` (already added) mounts `volume`: every volume mount added after addContainer. */
export function addVolumeUser(st: EngineState, c: Container, volume: string): void {
  const users = indexGet(st.containerIndex.volumeUsers, volume);
  if (users === undefined) indexSet(st.containerIndex.volumeUsers, volume, [c.id]);
  else if (!users.includes(c.id)) users.push(c.id);
}

/** The container's status changes: the only ways `c.state.status` becomes or stops being 'running'. */
export function markRunning(st: EngineState, c: Container): void {
  c.state = { ...c.state, status: 'running' };
  // The list is read as it stands and replaced whole: through the draft, includes() and push()
  // went through immer's array traps element by element and drafted the list (a copy, then a
  // finalization) at every start.
  const running = runningIds(st);
  if (!running.includes(c.id)) st.containerIndex.running = [...running, c.id];
}

export function markStopped(st: EngineState, c: Container, status: 'created' | 'exited'): void {
  c.state = { ...c.state, status };
  forgetRunning(st, c.id);
}

function forgetRunning(st: EngineState, id: string): void {
  // (as markRunning: read as it stands, replaced whole; a splice through the draft set every
  // element after the removed one through the array traps)
  const running = runningIds(st);
  const at = running.indexOf(id);
  if (at >= 0) st.containerIndex.running = [...running.slice(0, at), ...running.slice(at + 1)];
}

export function deleteContainer(st: EngineState, c: Container): void {
  tableDelete(st.containers, c.id);
  indexDelete(st.containerIndex.byName, c.name);
  forgetRunning(st, c.id);
  for (const m of c.mounts) {
    if (m.type !== 'volume') continue;
    const users = indexGet(st.containerIndex.volumeUsers, m.source);
    if (users === undefined) continue;
    const at = users.indexOf(c.id);
    if (at < 0) continue;
    if (users.length === 1) indexDelete(st.containerIndex.volumeUsers, m.source);
    else users.splice(at, 1);
  }
}

export function renameContainer(st: EngineState, c: Container, name: string): void {
  indexDelete(st.containerIndex.byName, c.name);
  indexSet(st.containerIndex.byName, name, c.id);
  (c as { name: string }).name = name;
}
