// Finding a container the way the daemon does: exact name, full ID, or a unique ID prefix.

import { peekKeys } from '../engine/peek.ts';
import type { Container, EngineState } from '../engine/state.ts';

export function findContainer(st: EngineState, ref: string): Container | undefined {
  const name = bareName(ref);
  // read, not drafted: only the container found is taken through the draft (engine/peek.ts)
  const byName = peekKeys(st.containers, (c) => c.name === name);
  if (byName.length > 0) return st.containers[byName[0]];
  const exact = st.containers[ref];
  if (exact) return exact;
  if (ref.length === 0) return undefined;
  const byPrefix = peekKeys(st.containers, (c) => c.id.startsWith(ref));
  return byPrefix.length === 1 ? st.containers[byPrefix[0]] : undefined;
}

/** What the daemon accepts as a container name (after the optional leading slash). */
export const CONTAINER_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A name as given, without the leading slash that is the daemon's own form (`/web` is `web`). */
export function bareName(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}
