// The daemon's volume operations (moby daemon/volumes.go, volume/service/service.go), as the
// Engine API exposes them: `DELETE /volumes/{name}` and `POST /volumes/prune`. Clients (the docker
// CLI's `volume rm` / `volume prune` / `system prune`, compose's `down -v`) call these and frame
// the results in their own words; the rules of what may be removed live here only.

import { treeSize } from '../fs/node.ts';
import { settled, type EngineEvent, type VolumeRemoval } from '../engine/events.ts';
import type { EngineProfile } from '../engine/profile.ts';
import type { EngineState, Volume } from '../engine/state.ts';
import { tableDelete, tableGet, tableValues } from '../engine/table.ts';
import { isPrunable, volumeUsers } from '../volume/store.ts';
import { DaemonError } from '../container/errors.ts';

/** A 404 from the daemon: the CLI may turn it into its own words (20.10: `Error: No such volume: NAME`). */
export class VolumeNotFound extends DaemonError {
  constructor(readonly volume: string) {
    super(`get ${volume}: no such volume`);
    this.name = 'VolumeNotFound';
  }
}

/** A 409: containers (any state) still reference the volume; `force` does not override it. */
export class VolumeInUse extends DaemonError {
  constructor(
    readonly volume: string,
    readonly users: string[],
  ) {
    super(`remove ${volume}: volume is in use - [${users.join(', ')}]`);
    this.name = 'VolumeInUse';
  }
}

/** `DELETE /volumes/{name}`: throws VolumeNotFound or VolumeInUse; otherwise the volume and its data are gone. */
export function removeVolume(st: EngineState, name: string, by: VolumeRemoval, events: EngineEvent[]): void {
  const v = tableGet(st.volumes, name);
  if (!v) throw new VolumeNotFound(name);
  const users = volumeUsers(st, name);
  if (users.length > 0) throw new VolumeInUse(name, users.map((c) => c.id));
  events.push({ type: 'volume-removed', volume: name, bytes: treeSize(v.data), by, data: settled(v.data) });
  tableDelete(st.volumes, name);
}

export interface PruneReport {
  /** Removed volumes, in the order the daemon walked them. */
  names: string[];
  /** Bytes reclaimed (file sizes). */
  bytes: number;
}

/**
 * `POST /volumes/prune`: every unused volume the profile's rule allows (isPrunable: on API >= 1.42
 * only anonymous ones unless `all`) and the filters accept.
 */
export function pruneVolumes(st: EngineState, profile: EngineProfile, o: { all: boolean; accept: (v: Volume) => boolean; by: VolumeRemoval }, events: EngineEvent[]): PruneReport {
  const names: string[] = [];
  let bytes = 0;
  for (const v of tableValues(st.volumes)) {
    if (volumeUsers(st, v.name).length > 0) continue;
    if (!isPrunable(profile, v, o.all)) continue;
    if (!o.accept(v)) continue;
    const size = treeSize(v.data);
    bytes += size;
    names.push(v.name);
    events.push({ type: 'volume-removed', volume: v.name, bytes: size, by: o.by, data: settled(v.data) });
    tableDelete(st.volumes, v.name);
  }
  return { names, bytes };
}
