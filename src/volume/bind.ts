// A local volume with `--opt type=none --opt o=bind --opt device=DIR` is the host directory DIR:
// the local driver bind-mounts DIR on the volume's _data when a container needs it (moby
// volume/local/local_unix.go mount: mount.Mount(device, path, type, opts), with `bind` giving
// MS_BIND), so copy-on-mount and every write land in DIR, and `docker volume rm` leaves DIR as it
// is (host-mounts/local-bind-volume). A DIR that is missing fails the mount at start.
//
// The `o` options are moby/sys mount's (flags_unix.go parseOptions): each name in its table sets
// or clears a mount(2) flag, any other is data for the file system. `ro` with `bind` remounts the
// bind read-only (mounter_linux.go). Without `bind` or `rbind`, `type=none` is no file system at
// all and the kernel answers ENODEV (host-mounts/local-bind-volume-options, both engines).

import type { DirNode } from '../fs/node.ts';
import { FsError } from '../fs/errors.ts';
import { memoryFs } from '../fs/memory.ts';
import { nodeAt } from '../fs/locate.ts';
import type { EngineState, Volume } from '../engine/state.ts';
import { DATA_ROOT } from '../engine/data-root.ts';
import { tmpfsVolumeSettings } from '../container/tmpfs.ts';
import { NotSimulated } from '../engine/not-simulated.ts';


// mount(2) flags (linux/mount.h)
const MS_RDONLY = 0x1;
const MS_BIND = 0x1000;
const MS_REC = 0x4000;
const MS_UNBINDABLE = 0x20000;
const MS_PRIVATE = 0x40000;
const MS_SLAVE = 0x80000;
const MS_SHARED = 0x100000;
/** The propagation types, applied by a second mount call and left out of the first one's flags. */
const PTYPES = MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE;

/** moby/sys mount/flags_unix.go `flags`: option → [clears it, flag]; `defaults` (0) is data. */
const MOUNT_FLAGS: Record<string, [boolean, number]> = {
  ro: [false, MS_RDONLY],
  rw: [true, MS_RDONLY],
  suid: [true, 0x2],
  nosuid: [false, 0x2],
  dev: [true, 0x4],
  nodev: [false, 0x4],
  exec: [true, 0x8],
  noexec: [false, 0x8],
  sync: [false, 0x10],
  async: [true, 0x10],
  dirsync: [false, 0x80],
  remount: [false, 0x20],
  mand: [false, 0x40],
  nomand: [true, 0x40],
  atime: [true, 0x400],
  noatime: [false, 0x400],
  diratime: [true, 0x800],
  nodiratime: [false, 0x800],
  bind: [false, MS_BIND],
  rbind: [false, MS_BIND | MS_REC],
  unbindable: [false, MS_UNBINDABLE],
  runbindable: [false, MS_UNBINDABLE | MS_REC],
  private: [false, MS_PRIVATE],
  rprivate: [false, MS_PRIVATE | MS_REC],
  shared: [false, MS_SHARED],
  rshared: [false, MS_SHARED | MS_REC],
  slave: [false, MS_SLAVE],
  rslave: [false, MS_SLAVE | MS_REC],
  relatime: [false, 0x200000],
  norelatime: [true, 0x200000],
  strictatime: [false, 0x1000000],
  nostrictatime: [true, 0x1000000],
};

/** parseOptions: a local volume's `o` as mount(2) flags and file-system data. */
export function mountOptions(o: string): { flags: number; data: string } {
  let flags = 0;
  const data: string[] = [];
  for (const name of o.split(',')) {
    const f = Object.hasOwn(MOUNT_FLAGS, name) ? MOUNT_FLAGS[name] : undefined;
    if (f === undefined) data.push(name);
    else flags = f[0] ? flags & ~f[1] : flags | f[1];
  }
  return { flags, data: data.join(',') };
}

/** The mount flags of a `type=none` volume's `o` (0 for any other volume). */
function typeNoneFlags(v: Volume): number {
  return v.options?.type === 'none' ? mountOptions(v.options.o ?? '').flags : 0;
}

export function isBindVolume(v: Volume): boolean {
  return (typeNoneFlags(v) & MS_BIND) !== 0;
}

/** A bind volume whose `o` has `ro`: the daemon remounts the bind read-only. */
export function isReadOnlyBindVolume(v: Volume): boolean {
  const flags = typeNoneFlags(v);
  return (flags & MS_BIND) !== 0 && (flags & MS_RDONLY) !== 0;
}

/** The recording host's /proc/filesystems: the types that need a block device, and the others. */
const BLOCK_FILE_SYSTEMS = ['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'squashfs', 'erofs', 'fuseblk'];
/** Network file systems a distribution's kernel loads on demand (fs-nfs, fs-cifs, ...): not on the recording host. */
const NETWORK_FILE_SYSTEMS = ['nfs', 'nfs4', 'cifs', 'smb3', 'ceph', '9p', 'afs'];
const NODEV_FILE_SYSTEMS = ['sysfs', 'proc', 'cgroup', 'cgroup2', 'cpuset', 'devtmpfs', 'binfmt_misc', 'debugfs', 'tracefs', 'securityfs', 'sockfs', 'bpf', 'pipefs', 'ramfs', 'hugetlbfs', 'devpts', 'fuse', 'fusectl', 'overlay', 'mqueue', 'pstore'];

/**
 * A local volume of another file system type (`--opt type=ext4 --opt device=/dev/sdb1`): mount(2)
 * knows the type from /proc/filesystems (else ENODEV, `no such device`), then a disk file system
 * looks its device up (ENOENT) and wants a block device (ENOTBLK, `block device required`). The
 * simulated host has no block device, so such a volume never mounts (mounts/local-volume-other-types);
 * what the other kernel file systems would mount is not simulated.
 */
function otherFileSystem(st: EngineState, type: string, device: string, fail: (why: string) => { ok: false; error: string }): { ok: false; error: string } {
  if (NODEV_FILE_SYSTEMS.includes(type)) throw new NotSimulated(`strata does not simulate a local volume of type ${type}`);
  // The recording host has no NFS or SMB client (its `no such device` is the sandbox's); a normal
  // install's kernel loads one and asks the server, so what the mount prints depends on the network.
  if (NETWORK_FILE_SYSTEMS.includes(type)) throw new NotSimulated(`strata does not simulate a local volume of type ${type}: it mounts over the network, so whether it mounts depends on the server`);
  if (!BLOCK_FILE_SYSTEMS.includes(type)) return fail('no such device');
  return memoryFs(st.host).exists(device.startsWith('/') ? device : `/${device}`) ? fail('block device required') : fail('no such file or directory');
}

/**
 * The directory a volume's content lives in: its own `_data`, or the host directory of a bind
 * volume (symlinks followed, as mount(2) does); for a bind volume whose device is not there,
 * the daemon's error for the failed mount.
 */
export function volumeRoot(st: EngineState, v: Volume, readOnly = false): { ok: true; dir: DirNode } | { ok: false; error: string } {
  const type = v.options?.type;
  if (type === undefined) return { ok: true, dir: v.data };
  const device = v.options?.device ?? '';
  const target = `${DATA_ROOT}/volumes/${v.name}/_data`;
  // mounter_linux.go mount: the first call's flags leave the propagation types out; its error
  // (mountError.Error) names the flags and the data only when there are any
  const opts = mountOptions(v.options?.o ?? '');
  const flags = opts.flags & ~PTYPES;
  const fail = (why: string) => ({
    ok: false as const,
    error: `error while mounting volume '${target}': failed to mount local volume: mount ${device}:${target}${flags !== 0 ? `, flags: 0x${flags.toString(16)}` : ''}${opts.data !== '' ? `, data: ${opts.data}` : ''}: ${why}`,
  });
  // a tmpfs volume is the kernel's tmpfs mounted with `o` as its data: a key or value tmpfs
  // refuses fails the mount (recorded: mounts/tmpfs-volume-options)
  if (type === 'tmpfs') return tmpfsVolumeSettings(flags, opts.data) ? { ok: true, dir: v.data } : fail('invalid argument');
  if (type !== 'none') return otherFileSystem(st, type, device, fail);
  if ((flags & MS_BIND) === 0) return fail('no such device');
  let real: string;
  try {
    real = memoryFs(st.host).realpath(device);
  } catch (e) {
    if (e instanceof FsError) return fail('no such file or directory');
    throw e;
  }
  // `readOnly`: only to read it (fs/locate.ts nodeAt: no drafts made on the way)
  const node = nodeAt(st.host, real, readOnly);
  if (node === undefined) return fail('no such file or directory');
  if (node.kind !== 'dir') return fail('not a directory');
  return { ok: true, dir: node };
}
