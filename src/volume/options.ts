// Options of the local volume driver (moby daemon/volume/local/local_unix.go): which keys exist,
// which need which, and what a `type=tmpfs` volume means for its data: it is a tmpfs mounted
// while at least one container uses it, so its content vanishes when the last user stops.

import type { EngineState, Volume } from '../engine/state.ts';
import { volumeUsers } from './store.ts';
import { tableGet } from '../engine/table.ts';
import { clearEntries } from '../fs/node.ts';
import { parseRamInBytes, UnitsError } from '../docker/format/units.ts';
import { tmpfsVolumeSettings } from '../container/tmpfs.ts';
import { mountOptions } from './bind.ts';

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
  // setOpts (moby volume/local/local_unix.go): the size goes through units.RAMInBytes, whose error
  // is the answer as it is; a size above 0 needs the project quotas that the recorded daemons'
  // ext4 data root lacks, and `size=0` asks for none: the volume is made
  // (named-volumes/volume-create-option-checks)
  if ('size' in opts) {
    try {
      if (parseRamInBytes(opts.size) > 0) return 'quota size requested but no quota support';
    } catch (e) {
      if (e instanceof UnitsError) return e.message;
      throw e;
    }
  }
  return undefined;
}

/** The daemon's error for a volume driver that is not `local` (there are no plugins here). */
export function pluginNotFound(driver: string): string {
  return `error looking up volume plugin ${driver}: plugin "${driver}" not found`;
}

export function isTmpfsVolume(v: Volume): boolean {
  return v.options?.type === 'tmpfs';
}

/**
 * The root of a tmpfs volume as mount(2) makes it: the kernel's tmpfs gives it mode 1777, owned by
 * root, unless the volume's `o` says `mode=` (octal), `uid=` or `gid=` (recorded:
 * named-volumes/tmpfs-volume-root). Read from the settings every mount of the volume takes
 * (container/tmpfs.ts tmpfsVolumeSettings, one parse of `o`); an `o` the kernel refuses fails
 * every mount (`invalid argument`), so no root made from it is ever seen: the defaults then.
 */
export function tmpfsVolumeRoot(options: Readonly<Record<string, string>>): { mode: number; uid: number; gid: number } {
  const { flags, data } = mountOptions(options.o ?? '');
  const s = tmpfsVolumeSettings(flags, data);
  return { mode: s?.mode ?? 0o1777, uid: s?.uid ?? 0, gid: s?.gid ?? 0 };
}

/**
 * After a container stops (or a create's copy ends): a tmpfs volume nobody runs with is empty, and
 * the next mount makes its root afresh.
 */
export function releaseTmpfsVolumes(st: EngineState, names: string[]): void {
  for (const name of names) {
    const v = tableGet(st.volumes, name);
    if (!v || !isTmpfsVolume(v)) continue;
    if (volumeUsers(st, name).some((c) => c.state.status === 'running')) continue;
    clearEntries(v.data);
    Object.assign(v.data, tmpfsVolumeRoot(v.options ?? {}));
  }
}
