// tmpfs mounts (`--tmpfs DST[:OPTS]` and `--mount type=tmpfs`): option parsing as the daemon
// merges and validates it at start (moby daemon/oci_linux.go, mount.MergeTmpfsOptions), the
// root directory a fresh tmpfs gets, and the option string the kernel shows in /proc/mounts.

import type { EngineProfile } from '../engine/profile.ts';
import type { MountPoint } from '../engine/state.ts';

export interface TmpfsSettings {
  readonly: boolean;
  exec: boolean;
  suid: boolean;
  dev: boolean;
  /** Bytes; undefined for the kernel default (unlimited here). */
  size?: number;
  nrInodes?: number;
  mode: number;
  uid: number;
  gid: number;
}

const FLAGS = new Set(['ro', 'rw', 'exec', 'noexec', 'suid', 'nosuid', 'dev', 'nodev', 'atime', 'noatime', 'relatime', 'norelatime', 'strictatime', 'diratime', 'nodiratime', 'sync', 'async', 'dirsync', 'mand', 'nomand', 'private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave', 'bind', 'rbind', 'remount']);
const DATA = new Set(['size', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol']);

/** Memory size as tmpfs reads it: a number with an optional k/m/g suffix (base 1024). */
function memSize(v: string): number | undefined {
  const m = /^(\d+)([kmgKMG]?)$/.exec(v);
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  return Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
}

/** The option string the daemon builds for a tmpfs mount point (before merging defaults). */
export function tmpfsOptionString(m: MountPoint): string {
  if (m.tmpfsOptions !== undefined) return m.tmpfsOptions;
  const parts: string[] = [];
  if (!m.rw) parts.push('ro');
  if (m.tmpfsMode !== undefined) parts.push(`mode=${m.tmpfsMode.toString(8)}`);
  if (m.tmpfsSize !== undefined) parts.push(`size=${m.tmpfsSize}`);
  return parts.join(',');
}

/** Settings of a tmpfs mount, or the daemon's refusal (checked at container start). */
export function tmpfsSettings(m: MountPoint, profile: EngineProfile): TmpfsSettings | string {
  // Docker's defaults come first; the user's options override them in order.
  const s: TmpfsSettings = { readonly: !m.rw, exec: false, suid: false, dev: false, mode: 0o1777, uid: 0, gid: 0 };
  for (const opt of tmpfsOptionString(m).split(',').filter((o) => o !== '')) {
    const eq = opt.indexOf('=');
    const key = eq >= 0 ? opt.slice(0, eq) : opt;
    const value = eq >= 0 ? opt.slice(eq + 1) : undefined;
    if (value === undefined && FLAGS.has(key)) {
      if (key === 'ro' || key === 'rw') s.readonly = key === 'ro';
      else if (key === 'exec' || key === 'noexec') s.exec = key === 'exec';
      else if (key === 'suid' || key === 'nosuid') s.suid = key === 'suid';
      else if (key === 'dev' || key === 'nodev') s.dev = key === 'dev';
      continue;
    }
    if (value === undefined || !DATA.has(key)) {
      return profile.client === '20.10'
        ? `invalid tmpfs option [${[key, ...(value === undefined ? [] : [value])].map((p) => JSON.stringify(p)).join(' ')}]`
        : `invalid tmpfs option ${JSON.stringify(key)}`;
    }
    if (key === 'size') s.size = memSize(value);
    else if (key === 'mode') s.mode = parseInt(value, 8);
    else if (key === 'uid') s.uid = Number(value);
    else if (key === 'gid') s.gid = Number(value);
    else if (key === 'nr_inodes') s.nrInodes = memSize(value);
  }
  return s;
}

/** The fourth field of a /proc/mounts line, in the kernel's order (shmem_show_options). */
export function tmpfsProcOptions(s: TmpfsSettings): string {
  const parts = [s.readonly ? 'ro' : 'rw'];
  if (!s.suid) parts.push('nosuid');
  if (!s.dev) parts.push('nodev');
  if (!s.exec) parts.push('noexec');
  parts.push('relatime');
  if (s.size !== undefined) parts.push(`size=${Math.ceil(s.size / 1024)}k`);
  if (s.nrInodes !== undefined) parts.push(`nr_inodes=${s.nrInodes}`);
  if (s.mode !== 0o1777) parts.push(`mode=${s.mode.toString(8)}`);
  if (s.uid !== 0) parts.push(`uid=${s.uid}`);
  if (s.gid !== 0) parts.push(`gid=${s.gid}`);
  return parts.join(',');
}
