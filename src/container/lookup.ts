// Finding a container the way the daemon does: exact name, full ID, or a unique ID prefix.

import type { Container, EngineState } from '../engine/state.ts';
import { containerById, containerIdByName, containerIds } from './registry.ts';

export function findContainer(st: EngineState, ref: string): Container | undefined {
  // the indexes are read, not drafted: only the container found is taken through the draft
  // (engine/table.ts)
  const byName = containerIdByName(st, bareName(ref));
  if (byName !== undefined) return containerById(st, byName);
  const exact = containerById(st, ref);
  if (exact) return exact;
  if (ref.length === 0) return undefined;
  let found: string | undefined;
  for (const id of containerIds(st)) {
    if (!id.startsWith(ref)) continue;
    if (found !== undefined) return undefined;
    found = id;
  }
  return found === undefined ? undefined : containerById(st, found);
}

/** What the daemon accepts as a container name (after the optional leading slash). */
export const CONTAINER_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A name as given, without the leading slash that is the daemon's own form (`/web` is `web`). */
export function bareName(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}
