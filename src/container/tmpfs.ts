// tmpfs mounts (`--tmpfs DST[:OPTS]` and `--mount type=tmpfs`): option parsing as the daemon
// merges and validates it at start (moby daemon/oci_linux.go, mount.MergeTmpfsOptions), the
// root directory a fresh tmpfs gets, and the option string the kernel shows in /proc/mounts.

import type { EngineProfile } from '../engine/profile.ts';
import type { MountPoint } from '../engine/state.ts';
import { dir, type DirNode } from '../fs/node.ts';

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

const PAGE_SIZE = 4096;

/**
 * The recording host's RAM in pages (the kernel's totalram_pages): a tmpfs without `size=` may
 * fill half of it (mm/shmem.c shmem_default_max_blocks), which df shows as 12341872 1K-blocks on
 * the oracle's host (mounts/tmpfs-df-cp-diff); `size=N%` is a share of it. Host-specific, fixed
 * to the recording host's as the CPU count is (container/settings.ts HOST_CPUS).
 */
const TOTALRAM_PAGES = 6170936;

/** What a tmpfs without `size=` holds, in bytes. */
export const DEFAULT_TMPFS_BYTES = Math.floor(TOTALRAM_PAGES / 2) * PAGE_SIZE;

/**
 * The kernel's memparse (lib/cmdline.c): an unsigned number in C notation (0x hex, leading-0
 * octal, decimal) with an optional K/M/G/T/P/E suffix (base 1024); `null` when anything is left
 * over, which tmpfs refuses (mm/shmem.c shmem_parse_one: `goto bad_value`).
 */
function memparse(v: string): number | null {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([kKmMgGtTpPeE]?)$/.exec(v);
  if (!m) return null;
  const n = m[1].startsWith('0x') || m[1].startsWith('0X') ? parseInt(m[1].slice(2), 16) : m[1].startsWith('0') ? parseInt(m[1], 8) || 0 : Number(m[1]);
  return n * 1024 ** ' kmgtpe'.indexOf(m[2].toLowerCase() || ' ');
}

/**
 * tmpfs `size=`: memparse, or a percentage of RAM (shmem_parse_one: `size << PAGE_SHIFT *
 * totalram_pages / 100`); rounded up to pages. undefined for the default's size, which the kernel
 * does not show in /proc/mounts.
 */
function sizeOption(v: string): number | undefined | null {
  const pct = /^(\d+)%$/.exec(v);
  const n = pct ? (Number(pct[1]) * PAGE_SIZE * TOTALRAM_PAGES) / 100 : memparse(v);
  if (n === null) return null;
  const size = Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
  return size === DEFAULT_TMPFS_BYTES ? undefined : size;
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

/**
 * The empty root of a tmpfs mounted at `now`: its mode and owner from the options, dated the mount
 * (a start's runtime makes it: recorded in core/runtime-times).
 */
export function freshTmpfsRoot(settings: TmpfsSettings, now: number): DirNode {
  return dir({ mode: settings.mode, uid: settings.uid, gid: settings.gid, mtime: now });
}

/** Settings of a tmpfs mount, or the daemon's refusal (checked at container start). */
export function tmpfsSettings(m: MountPoint, profile: EngineProfile): TmpfsSettings | string {
  // Docker's defaults come first; the user's options override them in order.
  const s: TmpfsSettings = { readonly: !m.rw, exec: false, suid: false, dev: false, mode: 0o1777, uid: 0, gid: 0 };
  // The daemon passes values through unchecked; the kernel refuses a bad one when runc mounts
  // it, so the container is created and its start fails (recorded: mounts/tmpfs-invalid-size).
  const data: string[] = [];
  let bad = false;
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
    data.push(opt);
    if (!applyTmpfsData(s, key, value)) bad = true;
  }
  if (bad) {
    // runc's mount error: MS_RDONLY 0x1, MS_NOSUID 0x2, MS_NODEV 0x4, MS_NOEXEC 0x8.
    const flags = (s.readonly ? 1 : 0) | (s.suid ? 0 : 2) | (s.dev ? 0 : 4) | (s.exec ? 0 : 8);
    return (
      `${profile.runtimeErrorPrefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "${m.destination}": mount tmpfs:${m.destination} (via /proc/self/fd/6), flags: 0x${flags.toString(16)}, data: ${data.join(',')}: invalid argument: unknown`
    );
  }
  return s;
}

/**
 * One `key=value` of a tmpfs mount's data as the kernel takes it into `s` (mm/shmem.c
 * shmem_parse_one); false for a value it refuses (EINVAL). Keys outside DATA are the caller's.
 */
function applyTmpfsData(s: TmpfsSettings, key: string, value: string): boolean {
  if (key === 'size') {
    const size = sizeOption(value);
    if (size === null) return false;
    s.size = size;
  } else if (key === 'mode') {
    // fsparam_u32oct
    if (!/^[0-7]+$/.test(value)) return false;
    s.mode = parseInt(value, 8) & 0o7777;
  } else if (key === 'uid' || key === 'gid') {
    // fsparam_u32
    if (!/^\d+$/.test(value)) return false;
    s[key] = Number(value);
  } else if (key === 'nr_inodes') {
    const n = memparse(value);
    if (n === null) return false;
    s.nrInodes = n;
  }
  return true;
}

/**
 * A local volume with `--opt type=tmpfs` (moby daemon/volume/local/local_unix.go mount): its `o`
 * is handed to mount(2) as it is, mount flags and tmpfs data (volume/bind.ts mountOptions), with
 * none of the nosuid/nodev/noexec a `--tmpfs` gets. `undefined` when the kernel refuses the data
 * (`invalid argument`: an unknown key or a bad value; recorded: mounts/tmpfs-volume-options).
 */
export function tmpfsVolumeSettings(flags: number, data: string): TmpfsSettings | undefined {
  // MS_RDONLY 0x1, MS_NOSUID 0x2, MS_NODEV 0x4, MS_NOEXEC 0x8
  const s: TmpfsSettings = { readonly: (flags & 1) !== 0, suid: (flags & 2) === 0, dev: (flags & 4) === 0, exec: (flags & 8) === 0, mode: 0o1777, uid: 0, gid: 0 };
  for (const opt of data.split(',').filter((o) => o !== '')) {
    const eq = opt.indexOf('=');
    if (eq < 0 || !DATA.has(opt.slice(0, eq))) return undefined;
    if (!applyTmpfsData(s, opt.slice(0, eq), opt.slice(eq + 1))) return undefined;
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
