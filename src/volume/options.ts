// Options of the local volume driver (moby daemon/volume/local/local_unix.go): which keys exist,
// which need which, and what a `type=tmpfs` volume means for its data: it is a tmpfs mounted
// while at least one container uses it, so its content vanishes when the last user stops.

import type { EngineState, Volume } from '../engine/state.ts';
import { volumeUsers } from './store.ts';
import { tableGet } from '../engine/table.ts';
import { clearEntries } from '../fs/node.ts';

const VALID = ['type', 'device', 'o', 'size'];
const MANDATORY: [string, string[]][] = [
  ['device', ['type']],
  ['type', ['device']],
  ['o', ['device', 'type']],
];

/** The daemon's complaint about `--opt` values (without the `create NAME: ` prefix). */
export function validateVolumeOptions(opts: Record<string, string>): string | undefined {
  for (const key of Object.keys(opts)) if (!VALID.includes(key)) return `invalid option: "${key}"`;
  for (const [opt, required] of MANDATORY) {
    if (!(opt in opts)) continue;
    for (const r of required) if (!(r in opts)) return `missing required option: "${r}"`;
  }
  if ('size' in opts) return 'quota size requested but no quota support';
  return undefined;
}

/** The daemon's error for a volume driver that is not `local` (there are no plugins here). */
export function pluginNotFound(driver: string): string {
  return `error looking up volume plugin ${driver}: plugin "${driver}" not found`;
}

export function isTmpfsVolume(v: Volume): boolean {
  return v.options?.type === 'tmpfs';
}

/** `o=size=1m,...` of a tmpfs volume, in bytes. */
export function tmpfsVolumeSize(v: Volume): number | undefined {
  const m = /(?:^|,)size=(\d+)([kmg]?)/i.exec(v.options?.o ?? '');
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  return Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
}

/** After a container stops (or a create's copy ends): a tmpfs volume nobody runs with is empty. */
export function releaseTmpfsVolumes(st: EngineState, names: string[]): void {
  for (const name of names) {
    const v = tableGet(st.volumes, name);
    if (!v || !isTmpfsVolume(v)) continue;
    if (volumeUsers(st, name).some((c) => c.state.status === 'running')) continue;
    clearEntries(v.data);
  }
}
