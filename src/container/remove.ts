// Removing a container (moby daemon/delete.go): the writable layer is destroyed; every volume
// reference is released; with RemoveVolume (`rm -v`, `run --rm`) the volumes whose spec had no
// source (anonymous ones, even when inherited through --volumes-from) are removed too, unless
// another container still uses them. Named volumes are never removed here.

import { treeSize } from '../fs/node.ts';
import { settled, type ContainerRemoval, type EngineEvent } from '../engine/events.ts';
import type { Container, EngineState } from '../engine/state.ts';
import { volumeUsers } from '../volume/store.ts';
import { tableDelete, tableGet } from '../engine/table.ts';
import { deleteContainer } from './registry.ts';

export interface RemoveOptions {
  removeVolumes: boolean;
  /** Who removes it (for the explanations: src/explain/). */
  by: ContainerRemoval;
  /** `docker rm -f` (for the explanations). */
  force?: boolean;
}

export function removeContainer(st: EngineState, c: Container, opts: RemoveOptions, events: EngineEvent[]): void {
  const id = c.id;
  const mounts = c.mounts;
  events.push({
    type: 'container-removed',
    container: id,
    name: c.name,
    writableLayerBytes: treeSize(c.upper),
    by: opts.by,
    removeVolumes: opts.removeVolumes,
    ...(opts.force ? { force: true } : {}),
    image: c.imageId,
    mounts: settled(c.mounts),
    upper: settled(c.upper),
  });
  deleteContainer(st, c);
  for (const m of mounts) {
    const volume = m.type === 'volume' ? tableGet(st.volumes, m.source) : undefined;
    if (volume === undefined) continue;
    const stillUsed = volumeUsers(st, m.source).length > 0;
    if (opts.removeVolumes && m.specSource === '' && !stillUsed) {
      events.push({ type: 'volume-removed', volume: m.source, bytes: treeSize(volume.data), by: 'with-container', container: id, name: c.name, data: settled(volume.data) });
      tableDelete(st.volumes, m.source);
    } else if (!stillUsed && m.specSource === '') {
      events.push({ type: 'volume-orphaned', volume: m.source, container: id, name: c.name });
    }
  }
}
