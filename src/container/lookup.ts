// Finding a container the way the daemon does: exact name, full ID, or a unique ID prefix.

import type { Container, EngineState } from '../engine/state.ts';
import { containerById, containerIdByName, containerIds, peekContainer } from './registry.ts';
import { refuseIfUnfollowed } from './unfollowed.ts';

/**
 * The container `ref` names, for a command to use. A container the daemon keeps restarting
 * (container/restart.ts) refuses the command, unless `restarting` is 'allow' (`docker rm -f`).
 */
export function findContainer(st: EngineState, ref: string, opts: { unfollowed?: 'allow' } = {}): Container | undefined {
  // the indexes are read, not drafted: only the container found is taken through the draft
  // (engine/table.ts)
  const id = findContainerId(st, ref);
  const c = id === undefined ? undefined : containerById(st, id);
  if (c !== undefined && opts.unfollowed !== 'allow') refuseIfUnfollowed(c);
  return c;
}

/**
 * The container `ref` names as it stands, drafting nothing: for the commands that only read it
 * (inspect, logs, port, diff). Through the draft, every object such a command read was drafted
 * (a proxy per nested object and a copy of its parent), to be finalized unchanged.
 */
export function peekFindContainer(st: EngineState, ref: string, opts: { unfollowed?: 'allow' } = {}): Container | undefined {
  const id = findContainerId(st, ref);
  const c = id === undefined ? undefined : peekContainer(st, id);
  if (c !== undefined && opts.unfollowed !== 'allow') refuseIfUnfollowed(c);
  return c;
}

/** The ID of the container `ref` names: its name, its full ID, or a unique prefix of its ID. */
function findContainerId(st: EngineState, ref: string): string | undefined {
  const byName = containerIdByName(st, bareName(ref));
  if (byName !== undefined) return byName;
  if (peekContainer(st, ref) !== undefined) return ref;
  if (ref.length === 0) return undefined;
  let found: string | undefined;
  for (const id of containerIds(st)) {
    if (!id.startsWith(ref)) continue;
    if (found !== undefined) return undefined;
    found = id;
  }
  return found;
}

/** What the daemon accepts as a container name (after the optional leading slash). */
export const CONTAINER_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A name as given, without the leading slash that is the daemon's own form (`/web` is `web`). */
export function bareName(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}
