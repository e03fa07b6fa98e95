// Finding a container the way the daemon does: exact name, full ID, or a unique ID prefix.

import type { Container, EngineState } from '../engine/state.ts';

export function findContainer(st: EngineState, ref: string): Container | undefined {
  const name = ref.startsWith('/') ? ref.slice(1) : ref;
  const all = Object.values(st.containers);
  const byName = all.find((c) => c.name === name);
  if (byName) return byName;
  const exact = st.containers[ref];
  if (exact) return exact;
  if (ref.length === 0) return undefined;
  const byPrefix = all.filter((c) => c.id.startsWith(ref));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}
