// Named and anonymous volumes: creation (idempotent), lookup, who uses them, removal.

import { dir, isEmptyDir } from '../fs/node.ts';
import { nextId } from '../engine/ids.ts';
import type { Container, EngineState, Volume } from '../engine/state.ts';
import { ANONYMOUS_LABEL } from './names.ts';
import { PROFILES, type EngineProfile } from '../engine/profile.ts';
import { tableGet, tableSet } from '../engine/table.ts';
import { peekContainer, volumeUserIds } from '../container/registry.ts';
import { tmpfsVolumeRoot } from './options.ts';

export interface CreateVolumeOptions {
  labels?: Record<string, string> | null;
  options?: Record<string, string> | null;
  /** Give an unnamed volume the anonymous label (profile permitting). */
  anonymousLabel?: boolean;
}

/**
 * Create a volume, or return the existing one of that name unchanged: Docker keeps the old
 * labels and options silently (named-volumes/create-idempotent-and-inspect).
 */
export function createVolume(st: EngineState, name: string | undefined, opts: CreateVolumeOptions = {}): Volume {
  const existing = name !== undefined ? tableGet(st.volumes, name) : undefined;
  if (existing) return existing;
  const volName = name ?? nextId(st.ids);
  let labels = opts.labels ?? null;
  if (name === undefined && opts.anonymousLabel !== false && PROFILES[st.engine].anonymousLabel) {
    labels = { ...(labels ?? {}), [ANONYMOUS_LABEL]: '' };
  }
  const volume: Volume = {
    name: volName,
    driver: 'local',
    labels,
    options: opts.options ?? null,
    createdAt: st.clock,
    // the driver's MkdirAll of _data (moby volume/local/local.go Create) dates the directory now
    data: opts.options?.type === 'tmpfs' ? dir(tmpfsVolumeRoot(opts.options)) : dir({ mtime: st.clock }),
  };
  tableSet(st.volumes, volName, volume);
  return volume;
}

/** Containers (any state) that hold a reference to the volume, in creation order. */
export function volumeUsers(st: EngineState, name: string): Container[] {
  // an index kept by container/registry.ts, read, not drafted: asked of every volume by `volume
  // ls`, `system df` and prune, a scan of every container made those quadratic
  return volumeUserIds(st, name).map((id) => peekContainer(st, id)!);
}

export function isAnonymous(v: Volume): boolean {
  return v.labels !== null && Object.prototype.hasOwnProperty.call(v.labels, ANONYMOUS_LABEL);
}

export function isEmptyVolume(v: Volume): boolean {
  return isEmptyDir(v.data);
}

/**
 * Whether `docker volume prune` (and `system prune --volumes`) removes this volume once no
 * container uses it: never one with driver options; on API >= 1.42 (26.1) only one labelled
 * anonymous unless `--all`; on 20.10 any (moby daemon/prune.go, volume/service/service.go).
 */
export function isPrunable(profile: EngineProfile, v: Volume, all: boolean): boolean {
  if (v.options && Object.keys(v.options).length > 0) return false;
  return all || !profile.pruneAnonymousOnly || isAnonymous(v);
}
