// The daemon's volume operations (moby daemon/volumes.go, volume/service/service.go), as the
// Engine API exposes them: `DELETE /volumes/{name}` and `POST /volumes/prune`. Clients (the docker
// CLI's `volume rm` / `volume prune` / `system prune`, compose's `down -v`) call these and frame
// the results in their own words; the rules of what may be removed live here only.

import { NotFollowed } from '../container/unfollowed.ts';
import { treeSize, treeSizeIfKnown } from '../fs/node.ts';
import { settled, type EngineEvent, type VolumeRemoval } from '../engine/events.ts';
import type { EngineProfile } from '../engine/profile.ts';
import type { EngineState, Volume } from '../engine/state.ts';
import { tableDelete, tableGet, tableValues } from '../engine/table.ts';
import { createVolume as storeVolume, isPrunable, volumeUsers } from '../volume/store.ts';
import { validateVolumeName } from '../volume/names.ts';
import { pluginNotFound, validateVolumeOptions } from '../volume/options.ts';
import { DaemonError } from '../container/errors.ts';

export interface VolumeCreateRequest {
  /** Undefined: an anonymous volume with a generated name. */
  name?: string;
  driver: string;
  labels: Record<string, string> | null;
  options: Record<string, string> | null;
}

/**
 * `POST /volumes/create`: idempotent (an existing volume is returned unchanged, its labels and
 * options kept). Throws DaemonError with the daemon's words: a driver other than `local` (no
 * plugins here), an invalid name, options the local driver refuses.
 */
export function createVolume(st: EngineState, req: VolumeCreateRequest, events: EngineEvent[]): Volume {
  if (req.driver !== 'local') throw new DaemonError(`create ${req.name ?? ''}: ${pluginNotFound(req.driver)}`);
  if (req.name !== undefined) {
    const err = validateVolumeName(req.name);
    if (err) throw new DaemonError(err);
  }
  const existing = req.name !== undefined ? tableGet(st.volumes, req.name) : undefined;
  if (existing) return existing;
  if (req.options && Object.keys(req.options).length > 0) {
    const err = validateVolumeOptions(req.options);
    if (err) throw new DaemonError(`create ${req.name ?? ''}: ${err}`);
  }
  const v = storeVolume(st, req.name, { labels: req.labels, options: req.options });
  const project = req.labels?.['com.docker.compose.project'];
  events.push({ type: 'volume-created', volume: v.name, anonymous: req.name === undefined, ...(project !== undefined ? { project } : {}) });
  return v;
}

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
  /**
   * A removed volume that held a placeholder file (fs/node.ts), whose real size strata does not
   * know: the volumes are removed as on a real engine, and the CLI refuses to print the space
   * reclaimed (sizeRefusal).
   */
  unknownSize?: string;
}

/**
 * `POST /volumes/prune`: every unused volume the profile's rule allows (isPrunable: on API >= 1.42
 * only anonymous ones unless `all`) and the filters accept.
 */
export function pruneVolumes(st: EngineState, profile: EngineProfile, o: { all: boolean; accept: (v: Volume) => boolean; by: VolumeRemoval }, events: EngineEvent[]): PruneReport {
  const names: string[] = [];
  let bytes = 0;
  let unknownSize: string | undefined;
  for (const v of tableValues(st.volumes)) {
    if (volumeUsers(st, v.name).length > 0) continue;
    if (!isPrunable(profile, v, o.all)) continue;
    if (!o.accept(v)) continue;
    // the space it frees depends on how many runs of a restarting container wrote to it (container/unfollowed.ts)
    if (v.unfollowed !== undefined) throw new NotFollowed(v.unfollowed);
    // one walk for a volume of known files; the size of one holding a placeholder is what the
    // stand-in keeps (the event's), and the CLI refuses to print it (unknownSize)
    const known = treeSizeIfKnown(v.data);
    const size = known ?? treeSize(v.data);
    if (unknownSize === undefined && known === undefined) unknownSize = v.name;
    bytes += size;
    names.push(v.name);
    events.push({ type: 'volume-removed', volume: v.name, bytes: size, by: o.by, data: settled(v.data) });
    tableDelete(st.volumes, v.name);
  }
  return { names, bytes, ...(unknownSize !== undefined ? { unknownSize } : {}) };
}
