// A container's mount namespace as runc sets it up: the overlay root (writable layer over the
// init layer and the image layers), the runtime mounts (/proc, /dev, /sys, the network files),
// then the user's mounts, parents before children (moby sortMounts: by path depth), so a deeper
// mount shadows what a shallower one holds at its target.

import { isDraft, original, type Draft } from 'immer';
import type { Backend } from '../fs/backend.ts';
import { FsError } from '../fs/errors.ts';
import { nodeAt } from '../fs/locate.ts';
import { memoryFs } from '../fs/memory.ts';
import { type FileCapability, type Mount, Namespace } from '../fs/namespace.ts';
import { device, dir, file, symlink, type DirNode, type RealNode } from '../fs/node.ts';
import { components, isWithin, normalize } from '../fs/path.ts';
import { TreeBackend } from '../fs/tree-backend.ts';
import { mkdirAll } from '../fs/mkdir-all.ts';
import type { Container, EngineState, MountPoint, RuntimeTmpfs } from '../engine/state.ts';
import { UnionBackend } from '../union/union-backend.ts';
import { flattenedImage } from '../union/flatten.ts';
import { DaemonError, MountTypeError } from './errors.ts';
import { ETC_HOSTS, RESOLV_CONF, initLayer } from './init-layer.ts';
import { hostsFileExtra } from '../network/endpoints.ts';
import { DOCKER_INIT_PATH, dockerInitNode } from './runtime-settings.ts';
import { resolveSubpath } from '../volume/subpath.ts';
import { isBindVolume, isReadOnlyBindVolume, mountOptions, volumeRoot } from '../volume/bind.ts';
import { pinHolder, pinHolders, pinnedNode } from './file-binds.ts';
import { PROFILES } from '../engine/profile.ts';
import { isTmpfsVolume } from '../volume/options.ts';
import { DEFAULT_SHM_SIZE } from './settings.ts';
import { DEFAULT_TMPFS_BYTES, freshTmpfsRoot, tmpfsProcOptions, tmpfsSettings, tmpfsVolumeSettings } from './tmpfs.ts';
import { tableGet, tablePeek } from '../engine/table.ts';
import { nextPlaceholderId } from '../engine/ids.ts';
import { DATA_ROOT } from '../engine/data-root.ts';
import { peekContainer } from './registry.ts';
import { resolveUser, type UserIds } from './user.ts';
import { ProcSysBackend, procSysTree } from './proc-sys.ts';

/** Image layers of a container, top first, below the init layer. */
/** Image layers never change: read them outside the draft so the flattened cache outlives it. */
function settled<T extends object>(value: T): T {
  return isDraft(value) ? (original(value as Draft<T>) as T) : value;
}

export function lowerLayers(st: EngineState, c: Container): DirNode[] {
  const image = tablePeek(st.images, c.imageId)!;
  const layers = flattenedImage(image.layers, (id) => settled(tablePeek(st.layers, id)!.tree));
  // A BuildKit RUN step has no init layer: runc makes its mount points in the step's own
  // writable layer (createBuildkitMountpoints), as it does in the snapshot BuildKit gives it.
  return c.buildkitStep ? [layers] : [initLayer(c.created, layers), layers];
}

export function rootBackend(st: EngineState, c: Container): UnionBackend {
  return new UnionBackend(c.upper, lowerLayers(st, c));
}

/** The rootfs alone (no mounts), as the daemon sees it at create: copy-on-mount's source. */
export function rootOnlyFs(st: EngineState, c: Container): Namespace {
  return new Namespace([{ target: '/', backend: rootBackend(st, c), readonly: false, source: 'overlay' }], {
    clock: () => st.clock,
  });
}

export function mergedPath(c: Container, path: string): string {
  return `${DATA_ROOT}/overlay2/${c.layerId}/merged${path}`;
}

export interface RuntimeFsOptions {
  /** Create missing mount points (runc does at start; the daemon does for docker cp). */
  createMountpoints: boolean;
  /**
   * docker cp: the daemon's view of the container is its rootfs with volumes, binds and the
   * network files, no tmpfs (moby daemon/archive.go mounts only MountPoints). A path under a
   * tmpfs reads and writes the writable layer beneath it, running or not (recorded:
   * cp/cp-tmpfs-layer, cp/cp-out-of-tmpfs).
   */
  withoutTmpfs?: boolean;
  /**
   * docker cp of a container never started: the daemon writes its hostname, hosts and
   * resolv.conf at the first start (daemon/container_operations.go initializeNetworking), and
   * container.NetworkMounts skips a file it cannot stat, so until then docker cp sees the init
   * layer's empty files (recorded: cp/cp-network-files).
   */
  withoutNetworkFiles?: boolean;
  /**
   * docker cp: no /proc, /dev, /sys or /dev/shm; the daemon's view has the init layer's
   * directories there (/dev/console, /dev/pts, /dev/shm), running or not (recorded: cp/cp-root).
   */
  withoutRuntimeFs?: boolean;
  uid?: number;
  gid?: number;
  /** Supplementary groups beyond the primary one (`--group-add`). */
  groups?: number[];
  /**
   * A `docker exec`'s view: its own PID (/proc/self) and where it writes when it opens the main
   * process's stdout or stderr, /proc/1/fd/1 and /proc/1/fd/2 (the container's log).
   */
  exec?: {
    pid: number;
    log: (stream: 'stdout' | 'stderr', data: string) => void;
    /** The main process's uid and gid now (mainUser: its /proc/1 is theirs). */
    main: { uid: number; gid: number };
  };
}

/** The host's file system as a namespace (bind sources are resolved through it). */
export function hostFs(st: EngineState, terminal = false): Namespace {
  // a write to a host file that a running container's single-file bind pinned reaches the pin
  return memoryFs(st.host, { clock: () => st.clock, terminal }, () => pinHolders(st));
}

/**
 * A fresh /dev (runc's device nodes and links; no console without a tty) and /dev/shm; `noShm`
 * (`--ipc none`): no shm mount, so runc makes no mount point for it either. Everything runc and
 * the kernel make at start is dated then (`mounted`), newer than the image's files and made
 * again at each start (core/runtime-times).
 */
export function freshRuntimeTmpfs(noShm: boolean, mounted: number): RuntimeTmpfs {
  const m = { mtime: mounted };
  const dev = dir({ mode: 0o755, ...m }, {
    fd: symlink('/proc/self/fd', m),
    full: device('full', m),
    mqueue: dir({ mode: 0o1777, ...m }),
    null: device('null', m),
    ptmx: symlink('pts/ptmx', m),
    // devpts, mounted with ptmxmode=0666 (runc's default spec): its ptmx node (core/runtime-times)
    pts: dir(m, { ptmx: device('ptmx', m) }),
    random: device('random', m),
    ...(noShm ? {} : { shm: dir({ mode: 0o1777, ...m }) }),
    stderr: symlink('/proc/self/fd/2', m),
    stdin: symlink('/proc/self/fd/0', m),
    stdout: symlink('/proc/self/fd/1', m),
    tty: device('tty', m),
    urandom: device('urandom', m),
    zero: device('zero', m),
  });
  return { dev, shm: dir({ mode: 0o1777, ...m }), mounted };
}

function hostNetworkHosts(st: EngineState, c: Container): string | undefined {
  if (c.hostConfig.NetworkMode !== 'host' || (c.hostConfig.ExtraHosts ?? []).length > 0) return undefined;
  const own = nodeAt(st.host, '/etc/hosts');
  return own?.kind === 'file' ? own.data : undefined;
}

function runtimeMounts(st: EngineState, c: Container, runtime: RuntimeTmpfs, procRoot: () => RealNode): Mount[] {
  const ro = c.hostConfig.ReadonlyRootfs;
  const noShm = c.hostConfig.IpcMode === 'none';
  const { dev: devTree, shm, mounted } = runtime;
  const shmBytes = Math.ceil((c.hostConfig.ShmSize ?? DEFAULT_SHM_SIZE) / 4096) * 4096;
  // The daemon writes the hostname file at every start (daemon/container_operations.go
  // initializeNetworking: BuildHostnameFile); hosts and resolv.conf when a start makes the network
  // sandbox (libnetwork's setupResolutionFiles), so a network-disabled container's keep the time of
  // its first start (core/runtime-times, network/runtime-times-user-network).
  const hostname = file(c.config.Hostname + '\n', { mtime: mounted });
  const written = { mtime: c.networkFilesAt ?? mounted };
  // The container's addresses and --add-host entries follow the defaults (network/endpoints.ts).
  // On the host's network without --add-host, a copy of the host's own /etc/hosts (libnetwork
  // sandbox_dns_unix.go buildHostsFile: useDefaultSandBox copies originHostsPath; recorded:
  // host-mounts/ph-system-files).
  // On `container:X` the hosts file is X's (initializeNetworkingPaths: HostsPath is the other's).
  const mode = c.hostConfig.NetworkMode ?? '';
  const owner = (mode.startsWith('container:') ? peekContainer(st, mode.slice('container:'.length)) : undefined) ?? c;
  const hosts = file(hostNetworkHosts(st, owner) ?? ETC_HOSTS + hostsFileExtra(st, owner), written);
  const resolv = file(RESOLV_CONF, written);
  const sys = dir({ mode: 0o555, mtime: mounted });
  const tree = (root: () => RealNode, fstype: string, device: string, capacity?: number): Backend =>
    new TreeBackend(root, { fstype, device, capacity, pageSize: fstype === 'tmpfs' ? 4096 : undefined });
  return [
    { target: '/proc', backend: tree(procRoot, 'proc', 'proc'), readonly: false, source: 'proc', options: 'nosuid,nodev,noexec,relatime' },
    { target: '/dev', backend: tree(() => devTree, 'tmpfs', 'tmpfs', 65536 * 1024), readonly: false, source: 'tmpfs', options: 'nosuid,size=65536k,mode=755' },
    // The spec's defaults (moby oci/defaults.go) before the daemon's own mounts: /sys is listed
    // before /dev/shm in /proc/mounts (recorded: core/proc-mounts-order).
    { target: '/sys', backend: tree(() => sys, 'sysfs', 'sysfs'), readonly: true, source: 'sysfs', options: 'nosuid,nodev,noexec,relatime' },
    // The daemon's own shm mount (64 MiB unless --shm-size; daemon/container_operations_unix.go
    // setupIpcDirs: `mode=1777,size=N` in bytes, which tmpfs rounds up to whole pages), over /dev's
    // shm directory; none with `--ipc none` (mounts/shm-size)
    ...(noShm ? [] : [{ target: '/dev/shm', backend: tree(() => shm, 'tmpfs', 'shm', shmBytes), readonly: false, source: 'shm', options: `nosuid,nodev,noexec,relatime,size=${shmBytes / 1024}k` }]),
    { target: '/etc/resolv.conf', backend: tree(() => resolv, 'ext4', '/dev/sda1'), readonly: ro, source: '/dev/sda1', options: 'relatime' },
    ...(c.buildkitStep
      ? []
      : [{ target: '/etc/hostname', backend: tree(() => hostname, 'ext4', '/dev/sda1'), readonly: ro, source: '/dev/sda1', options: 'relatime' }]),
    { target: '/etc/hosts', backend: tree(() => hosts, 'ext4', '/dev/sda1'), readonly: ro, source: '/dev/sda1', options: 'relatime' },
  ];
}

/** The backend and /proc/mounts source of one user mount; throws DaemonError at start. */
function userMount(st: EngineState, c: Container, m: MountPoint, opts: RuntimeFsOptions): Mount {
  const readonly = !m.rw;
  if (m.type === 'tmpfs') {
    const settings = tmpfsSettings(m, PROFILES[st.engine]);
    if (typeof settings === 'string') throw new DaemonError(settings);
    let data = c.tmpfsData[m.destination];
    if (data === undefined) data = freshTmpfsRoot(settings, st.clock);
    const tree = data;
    return {
      target: m.destination,
      backend: new TreeBackend(() => tree, { fstype: 'tmpfs', device: 'tmpfs', capacity: settings.size ?? DEFAULT_TMPFS_BYTES, pageSize: 4096, maxInodes: settings.nrInodes || undefined }),
      readonly: settings.readonly,
      source: 'tmpfs',
      // The whole option string (rw/ro included) comes from the kernel's view.
      procOptions: tmpfsProcOptions(settings),
    };
  }
  if (m.type === 'bind') {
    const source = bindSource(st, m);
    const pin = c.pinnedBinds?.[m.destination];
    if (pin !== undefined) {
      // a single-file bind shows the inode it was started with (container/file-binds.ts)
      const backend = new TreeBackend(() => pinnedNode(st, pin, source), { fileSystem: () => st.host, linked: () => [pinHolder(pin)] });
      return { target: m.destination, backend, readonly, source: '/dev/sda1', options: 'relatime' };
    }
    const getter = (readOnly = false): RealNode => {
      const node = nodeAt(st.host, source, readOnly);
      if (node === undefined) throw new FsError('ENOENT', m.destination);
      return node;
    };
    // the bound directory is part of the host's file system: hard links reach outside it
    const backend = new TreeBackend(getter, { fileSystem: () => st.host, linked: () => pinHolders(st), peek: () => getter(true) });
    return { target: m.destination, backend, readonly, source: '/dev/sda1', options: 'relatime' };
  }
  const volume = tableGet(st.volumes, m.source)!; // a mount names a volume that exists
  const root = volumeRoot(st, volume);
  if (!root.ok) throw new DaemonError(root.error);
  let parts: string[] = [];
  if (m.subpath !== undefined) {
    const resolved = resolveSubpath(root.dir, m.subpath);
    if (resolved.kind === 'missing') {
      const p = `${DATA_ROOT}/volumes/${volume.name}/_data/${m.subpath}`;
      throw new DaemonError(`cannot access path ${p}: lstat ${p}: no such file or directory`);
    }
    if (resolved.kind === 'escapes') {
      throw new DaemonError(
        `path concatenation escapes the base directory, base: ${DATA_ROOT}/volumes/${volume.name}/_data, subpath: ${m.subpath}`,
      );
    }
    parts = resolved.parts;
  }
  const getter = (readOnly = false): RealNode => {
    const now = volumeRoot(st, (readOnly ? tablePeek : tableGet)(st.volumes, m.source)!, readOnly);
    if (!now.ok) throw new FsError('ENOENT', m.destination);
    const node = nodeAt(now.dir, parts, readOnly);
    if (node === undefined) throw new FsError('ENOENT', m.destination);
    return node;
  };
  const peek = (): RealNode => getter(true);
  if (isTmpfsVolume(volume)) {
    const o = mountOptions(volume.options?.o ?? '');
    // volumeRoot refused the data the kernel does not take
    const settings = tmpfsVolumeSettings(o.flags, o.data)!;
    const backend = new TreeBackend(getter, { fstype: 'tmpfs', device: 'tmpfs', capacity: settings.size ?? DEFAULT_TMPFS_BYTES, pageSize: 4096, maxInodes: settings.nrInodes || undefined, peek });
    // the kernel's view of the tmpfs: the size in KiB of whole pages, then mode, uid and gid when
    // not the defaults (shmem_show_options; recorded: compose/named-volume-driver-opts,
    // mounts/tmpfs-volume-options)
    const procOptions = tmpfsProcOptions({ ...settings, readonly: readonly || settings.readonly });
    return { target: m.destination, backend, readonly: readonly || settings.readonly, source: 'tmpfs', procOptions };
  }
  // a bind volume's directory is part of the host's file system (volume/bind.ts); `o=bind,ro`
  // remounts it read-only whatever the container asked
  const backend = new TreeBackend(getter, isBindVolume(volume) ? { fileSystem: () => st.host, linked: () => pinHolders(st), peek } : { peek });
  return { target: m.destination, backend, readonly: readonly || isReadOnlyBindVolume(volume), source: '/dev/sda1', options: 'relatime' };
}

/**
 * The host directory or file a bind mounts: mount(2) follows symlinks in the source, so a
 * source that is a host symlink mounts its target (host-mounts/bind-symlink-source).
 */
export function bindSource(st: EngineState, m: MountPoint): string {
  try {
    return hostFs(st).realpath(m.source);
  } catch (e) {
    if (e instanceof FsError) return m.source;
    throw e;
  }
}

/**
 * `-v /host/path:...` creates a missing host directory at start (MountPoint.Setup:
 * idtools.MkdirAllAndChownNew(m.Source, 0755)); `--mount type=bind` was refused at create
 * instead. MkdirAll stats through symlinks, so a dangling symlink is "missing" and its mkdir
 * fails with EEXIST, which the daemon reports (host-mounts/bind-symlink-source).
 */
function createBindSource(st: EngineState, m: MountPoint): void {
  const host = hostFs(st);
  if (host.exists(m.source)) return;
  let dangling = false;
  try {
    dangling = host.lstat(m.source).kind === 'symlink';
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
  if (dangling) throw new DaemonError(`error while creating mount source path '${m.source}': mkdir ${m.source}: file exists`);
  mkdirAll(host, m.source);
}

function depth(p: string): number {
  return components(p).length;
}

/**
 * Build the namespace. With `createMountpoints`, missing mount targets are created through the
 * mounts already in place (so a mount inside a volume leaves its directory in that volume, and
 * mount points missing from the image land in the writable layer, even with --read-only).
 */
export function containerFs(st: EngineState, c: Container, opts: RuntimeFsOptions): Namespace {
  const clock = () => st.clock;
  let ns: Namespace | undefined;
  // Shared by the processes of one run; a container that is not running gets throwaway ones.
  const tmpfs = c.runtimeTmpfs ?? freshRuntimeTmpfs(c.hostConfig.IpcMode === 'none', st.clock);
  const m = { mtime: tmpfs.mounted };
  const ownFds = (): Record<string, RealNode> => ({ '0': device('fd0', m), '1': device('fd1', m), '2': device('fd2', m) });
  // A process's /proc/PID is its own (fs/proc/base.c task_dump_owner: the task's euid and egid),
  // fd/ 0500: another user cannot list it (`ls: can't open '/proc/1/fd': Permission denied`,
  // recorded: exec/savev1-exec-proc1-nonroot, both engines).
  const pidDir = (fds: Record<string, RealNode>, owner: { uid: number; gid: number }): RealNode =>
    dir({ mode: 0o555, ...m, ...owner }, {
      fd: dir({ mode: 0o500, ...m, ...owner }, fds),
      mounts: file(ns ? ns.mounts() : '', { mode: 0o444, ...m, ...owner }),
    });
  const exec = opts.exec;
  const self = { uid: opts.uid ?? 0, gid: opts.gid ?? 0 };
  // An exec reaches PID 1's descriptors only through the kernel's ptrace access check
  // (proc_fd_access_allowed, PTRACE_MODE_READ_FSCREDS: kernel/ptrace.c __ptrace_may_access): its
  // uid and gid must be the main process's (real, effective and saved; supplementary groups do
  // not count), else it needs CAP_SYS_PTRACE, which Docker's default set lacks (moby
  // oci/caps/defaults.go) and a user other than root never has. So root cannot write into the
  // log of a main process running as 1000, nor 1000 (gid 0) into one running as 1000:1000, while
  // an exec as the main process's user can (recorded: exec/savev1-exec-proc1-nonroot, both
  // engines; `--cap-add SYS_PTRACE` lets root through).
  //
  // Then the open itself: the descriptors are pipes runc gave the user the process started as
  // (libcontainer/init_linux.go fixStdioPermissions), mode 0600. A main process that dropped root
  // (su: mainUser) keeps root's pipes, so an exec as its new user passes the ptrace check and is
  // refused there; only root with CAP_SYS_PTRACE reaches them (recorded: exec/gosu-su-drop, both
  // engines: `stat -L` shows 0:0 600 fifo after the drop, 1000:0 600 fifo for `--user 1000:1000`).
  const reachesInit =
    exec === undefined || (self.uid === exec.main.uid && self.gid === exec.main.gid && (self.uid === 0 || self.uid === (startUser(st, c)?.uid ?? 0))) || (self.uid === 0 && hasSysPtrace(c));
  const initFd = (name: 'null' | 'init1' | 'init2'): RealNode => (reachesInit ? device(name, m) : { ...device(name, m), ptraceDenied: true });
  const ids = (u: { uid: number; gid: number }): { uid: number; gid: number } => ({ uid: u.uid, gid: u.gid });
  const procTree = (): RealNode =>
    dir({ mode: 0o555, ...m }, {
      // Recorded (core/runtime-view): /proc/mounts is a link into the process's own directory.
      mounts: symlink('self/mounts', m),
      // the mount point of the read-only /proc/sys mount (proc-sys.ts)
      sys: dir({ mode: 0o555, ...m }),
      self: symlink(exec === undefined ? '1' : String(exec.pid), m),
      // In an exec, PID 1's descriptors are the main process's: 1 and 2 the pipes the daemon
      // copies into the container's log, so `echo x > /proc/1/fd/1` logs x (recorded:
      // exec/exec-writes-main-log, both engines); 0 is /dev/null for a container started
      // without -i (moby's containerd client gives no stdin).
      '1': pidDir(exec === undefined ? ownFds() : { '0': initFd('null'), '1': initFd('init1'), '2': initFd('init2') }, exec === undefined ? ids(mainUser(st, c)) : ids(exec.main)),
      ...(exec === undefined ? {} : { [String(exec.pid)]: pidDir(ownFds(), self) }),
    });
  const root: Mount = { target: '/', backend: rootBackend(st, c), readonly: false, source: 'overlay', options: 'relatime' };
  const runtime = runtimeMounts(st, c, tmpfs, procTree);
  const list: Mount[] = [
    root,
    ...runtime.filter((m) => !(opts.withoutNetworkFiles === true && RUNTIME_FILES.has(m.target)) && !(opts.withoutRuntimeFs === true && RUNTIME_FS.has(m.target))),
  ];
  const user = [...c.mounts]
    .filter((m) => !(opts.withoutTmpfs === true && m.type === 'tmpfs'))
    .map((m, i) => ({ m, i }))
    .sort((a, b) => depth(a.m.destination) - depth(b.m.destination) || a.i - b.i)
    .map((x) => x.m);
  // A user mount over a runtime file (e.g. /etc/hosts) takes its place. (None is at /: create
  // refuses that destination for every mount type, `destination can't be '/'`.)
  if (opts.createMountpoints && c.buildkitStep) createBuildkitMountpoints(root, clock);
  const userTargets = new Set(user.map((m) => normalize(m.destination)));
  const base = list.filter((m) => !userTargets.has(m.target));
  const built: Mount[] = [...base];
  for (const m of user) {
    // `-v /host/path:...` creates a missing host directory at start (MountPoint.Setup, 0755
    // root); `--mount type=bind` was refused at create instead.
    if (opts.createMountpoints && m.type === 'bind') createBindSource(st, m);
    const partial = new Namespace(built, { clock });
    // runc mounts on the destination resolved inside the root as it is so far, symlinks
    // followed (libcontainer/rootfs_linux.go mountToRootfs: securejoin.SecureJoin(rootfs,
    // m.Destination)): a volume at /data where the image has /data -> /real is mounted on /real
    // (host-mounts/mount-over-image-symlink). Inspect keeps the destination as given.
    const mount = { ...userMount(st, c, m, opts), target: joinOrFail(st, c, partial, m) };
    if (opts.createMountpoints && m.type !== 'tmpfs') checkProcMount(st, c, m, mount.target);
    if (opts.createMountpoints) {
      const before = statIfAny(partial, mount.target);
      createMountpoint(st, c, partial, m, mount);
      // runc keeps the mode of a mount point that already existed: a tmpfs over an existing
      // directory (or over the one runc made at an earlier start) takes that directory's mode.
      const data = c.tmpfsData[m.destination];
      if (m.type === 'tmpfs' && before?.kind === 'dir' && data) data.mode = before.mode;
    }
    built.push(mount);
  }
  if (opts.createMountpoints) createRuntimeFileMountpoints(st, c, built, clock);
  if (c.hostConfig.Init) {
    // --init: the daemon's docker-init, bind-mounted read-only (container/runtime-settings.ts).
    const init = dockerInitNode();
    const m: MountPoint = { type: 'bind', destination: DOCKER_INIT_PATH, source: '', rw: false, mode: 'ro', propagation: '', specSource: '', copyData: false, origin: 'bind-flag' };
    const mount: Mount = { target: DOCKER_INIT_PATH, backend: new TreeBackend(() => init), readonly: true, source: '/dev/sda1', options: 'relatime' };
    if (opts.createMountpoints) createMountpoint(st, c, new Namespace(built, { clock }), m, mount);
    built.push(mount);
  }
  if (opts.withoutRuntimeFs !== true) {
    // moby oci/defaults.go ReadonlyPaths: runc remounts /proc/sys read-only after every other
    // mount, so it comes last in /proc/mounts (recorded: proc-sys/kernel-uts; the whole list seen
    // while exploring on 26.1: /proc/bus, /proc/fs, /proc/irq, /proc/sys, then the masked paths);
    // its UTS names only (proc-sys.ts)
    const procSys = procSysTree({ hostname: c.config.Hostname, domainname: c.config.Domainname ?? '' }, tmpfs.mounted);
    built.push({ target: '/proc/sys', backend: new ProcSysBackend(() => procSys), readonly: true, source: 'proc', options: 'nosuid,nodev,noexec,relatime' });
  }
  root.readonly = c.hostConfig.ReadonlyRootfs;
  ns = new Namespace(built, {
    clock,
    placeholderIds: () => nextPlaceholderId(st.ids),
    uid: opts.uid,
    gid: opts.gid,
    groups: opts.groups,
    caps: fileCapabilities(c, opts.uid ?? 0),
    terminal: c.config.Tty === true,
    ...(exec === undefined ? {} : { initOutput: exec.log }),
    // a process that takes another user (su) sees /proc again as that user: PID 1's own /proc/1
    // is the user it became (mainUser, changed before this), an exec's check of /proc/1/fd too
    rebuild: (ids) => containerFs(st, c, { ...opts, createMountpoints: false, uid: ids.uid, gid: ids.gid, groups: [...ids.groups] }),
  });
  return ns;
}

/**
 * The namespace `rootView` (containerFs with createMountpoints, as root) seen by the container's
 * process: the same mounts, which a second containerFs would build again (resolving each
 * target, making each backend), unless a single-file bind was pinned after `rootView` was built
 * (its mount then shows the pinned inode: userMount).
 */
export function processFs(st: EngineState, c: Container, rootView: Namespace, user: { uid: number; gid: number; groups: number[] }): Namespace {
  if (c.pinnedBinds !== undefined) return containerFs(st, c, { createMountpoints: false, uid: user.uid, gid: user.gid, groups: user.groups });
  return rootView.withCredentials({ uid: user.uid, gid: user.gid, groups: user.groups, caps: fileCapabilities(c, user.uid) });
}

/** What TweakCapabilities may name (oci/caps: all of the kernel's); only the file ones matter here. */
const FILE_CAPS: readonly FileCapability[] = ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER'];
/** Of Docker's default set (oci/caps/defaults.go DefaultCapabilities), the ones file checks consult. */
const DEFAULT_FILE_CAPS: readonly FileCapability[] = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER'];

/**
 * The process's effective file capabilities, or undefined for the default (root: Docker's
 * defaults; another user: none). `--cap-add`/`--cap-drop` change root's as moby's
 * oci/caps TweakCapabilities does (ALL added: every one but those dropped; ALL dropped: only
 * those added); a user other than root gets none whatever was added, since oci.SetCapabilities
 * gives it only the bounding set (users/caps-permissions, both engines).
 */
function fileCapabilities(c: Container, uid: number): ReadonlySet<FileCapability> | undefined {
  const norm = (list: string[] | undefined) => (list ?? []).map((n) => n.toUpperCase().replace(/^CAP_/, ''));
  const adds = norm(c.hostConfig.CapAdd);
  const drops = norm(c.hostConfig.CapDrop);
  if (uid !== 0 || (adds.length === 0 && drops.length === 0)) return undefined;
  const isFileCap = (n: string): n is FileCapability => (FILE_CAPS as readonly string[]).includes(n);
  if (adds.includes('ALL')) return new Set(FILE_CAPS.filter((n) => !drops.includes(n)));
  if (drops.includes('ALL')) return new Set(adds.filter(isFileCap));
  return new Set([...DEFAULT_FILE_CAPS.filter((n) => !drops.includes(n)), ...adds.filter(isFileCap)]);
}

/**
 * The main process's credentials now: those it took when it dropped root (Container.mainDrop: the
 * server images' entrypoints re-run themselves as the server's user when started as root, e.g.
 * docker-library/postgres docker-entrypoint.sh `exec gosu postgres "$BASH_SOURCE" "$@"`; see each
 * server's catalog/REPOSITORY/SOURCES.md), else those its start resolved (its user's /etc/passwd
 * row, read again now); undefined when that row is gone since (what it started as is not kept).
 * The one rule for who PID 1 is: its /proc/1, an exec's check of /proc/1/fd (containerFs), ps,
 * docker top, the process a trap runs in.
 */
export function knownMainUser(st: EngineState, c: Container): UserIds | undefined {
  if (c.mainDrop !== undefined) return { ...c.mainDrop, groups: [...c.mainDrop.groups] };
  return startUser(st, c);
}

/** knownMainUser, root's when its user is gone from /etc/passwd (runc would not have started it otherwise). */
export function mainUser(st: EngineState, c: Container): UserIds {
  return knownMainUser(st, c) ?? { uid: 0, gid: 0, groups: [] };
}

/** The credentials the main process started with (as runc set them up), undefined when its user is gone from /etc/passwd. */
export function startUser(st: EngineState, c: Container): UserIds | undefined {
  try {
    return resolveUser(st, c);
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: resolveUser throws nothing but DaemonError
    if (e instanceof DaemonError) return undefined;
    throw e;
  }
}

/**
 * Whether root in the container has CAP_SYS_PTRACE: added (by name or ALL) and not dropped
 * (oci/caps TweakCapabilities; not in Docker's default set; `--privileged` is refused by strata).
 */
function hasSysPtrace(c: Container): boolean {
  const norm = (list: string[] | undefined) => (list ?? []).map((n) => n.toUpperCase().replace(/^CAP_/, ''));
  const adds = norm(c.hostConfig.CapAdd);
  const drops = norm(c.hostConfig.CapDrop);
  if (adds.includes('ALL')) return !drops.includes('SYS_PTRACE');
  return adds.includes('SYS_PTRACE');
}

/** The runtime's single-file mounts (the network files). */
const RUNTIME_FILES = new Set(['/etc/resolv.conf', '/etc/hostname', '/etc/hosts']);
const RUNTIME_FS = new Set(['/proc', '/dev', '/sys', '/dev/shm']);

/**
 * moby sorts the spec's mounts by depth (daemon/volumes.go sortMounts), so a user mount over
 * /etc (bind, tmpfs, volume) comes before /etc/hosts and friends, and runc creates their mount
 * points inside it (libcontainer/rootfs_linux.go createIfNotExists: an empty file, 0755, only
 * where nothing is): a bind over /etc leaves empty hostname, hosts and resolv.conf in the host
 * directory (host-mounts/volume-over-etc, etc-bind-runtime-files). A volume got them already by
 * copy-on-mount, mtab link included. runc checks every mount point: without a mount over /etc
 * the init layer has the three files (init-layer.ts), so nothing is made there.
 */
function createRuntimeFileMountpoints(st: EngineState, c: Container, built: Mount[], clock: () => number): void {
  const below = new Namespace(built.filter((m) => !RUNTIME_FILES.has(m.target)), { clock });
  for (const m of built.filter((b) => RUNTIME_FILES.has(b.target))) {
    if (statIfAny(below, m.target) !== undefined) continue;
    try {
      // (a BuildKit step on an image without /etc: createIfNotExists makes the parents first,
      // os.MkdirAll 0755; a container's init layer always has /etc)
      if (c.buildkitStep && statIfAny(below, '/etc') === undefined) mkdirAll(below, '/etc');
      below.writeFile(m.target, '', { mode: 0o755 });
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      // a read-only bind over /etc: runc's createIfNotExists fails on the first of the network
      // files (resolv.conf, the first in the spec), mounted from the container's directory
      // (recorded: host-mounts/etc-bind-runtime-files, both engines)
      if (e.code === 'EROFS') {
        throw new DaemonError(
          `${PROFILES[st.engine].runtimeErrorPrefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${DATA_ROOT}/containers/${c.id}${m.target.slice('/etc'.length)}" to rootfs at "${m.target}": open ${mergedPath(c, m.target)}: read-only file system: unknown`,
        );
      }
      // other errors (a file where /etc should be a directory) are not recorded; the file mount
      // still shows (it is mounted by the namespace whatever lies under it)
    }
  }
}

/**
 * The mount points of the runtime's own file systems in a BuildKit RUN step: BuildKit's spec is
 * containerd's default one (containerd oci/mounts.go defaultMounts: /proc, /dev, /dev/pts,
 * /dev/shm, /dev/mqueue, /sys, /run) without /run (buildkit executor/oci/spec_linux.go
 * generateMountOpts, `withRemovedMount("/run")`), and runc makes each mount point the root file
 * system lacks, a 0755 root directory (libcontainer/rootfs_linux.go createIfNotExists); the
 * deeper ones lie inside /dev's and /sys's own mounts. BuildKit's stub cleaner (executor/
 * stubs.go) knows only /etc/resolv.conf, /etc/hosts and the step's own mounts, so these stay in
 * the step's layer: `RUN true` on busybox (no /dev, /proc, /sys) makes a layer of dev/, proc/,
 * sys/ and etc/ (image/build/builder.ts runStep; recorded on 26.1:
 * run-layer-mounts/buildkit-run-layer, buildkit-stub-parents).
 */
function createBuildkitMountpoints(root: Mount, clock: () => number): void {
  const rootfs = new Namespace([root], { clock });
  for (const target of ['/proc', '/dev', '/sys']) if (statIfAny(rootfs, target) === undefined) rootfs.mkdir(target, 0o755);
}

function statIfAny(fs: Namespace, path: string): ReturnType<Namespace['stat']> | undefined {
  try {
    return fs.statIfAny(path);
  } catch (e) {
    if (e instanceof FsError) return undefined;
    throw e;
  }
}

/** SecureJoin gave up: more than 255 links; `rest` is the part of the path it had not walked yet (joinOrFail words the error). */
export class SecureJoinLoop extends Error {
  constructor(readonly rest: string) {
    super();
  }
}

/**
 * filepath-securejoin's SecureJoin (v0.2.3, vendored by runc 1.1.5) over a namespace: `path`
 * with every symlink on the way followed inside the root (an absolute link restarts at `/`, `..`
 * never leaves it); the parts from the first missing one on are kept as they are. The rest of
 * the path is walked as a string, one part off the front at a time, a link's target put before
 * what is left (`target + "/" + rest`); past 255 links it fails with ELOOP and names that rest
 * (recorded: host-mounts/securejoin-links, both engines: `merged//srv/loop/` for a link to its
 * own absolute path, `merged/loopa/` for two relative links to each other).
 */
export function secureJoin(fs: Namespace, path: string): string {
  let cur: string[] = [];
  let rest = path;
  let links = 0;
  while (rest !== '') {
    if (links > 255) throw new SecureJoinLoop(rest);
    const slash = rest.indexOf('/');
    const part = slash < 0 ? rest : rest.slice(0, slash);
    rest = slash < 0 ? '' : rest.slice(slash + 1);
    // filepath.Clean of the parts so far: an empty part and `.` add nothing, `..` stops at /
    if (part === '' || part === '.') continue;
    if (part === '..') {
      cur.pop();
      continue;
    }
    const next = [...cur, part];
    let target: string | undefined;
    try {
      // only a symlink has a target; a missing part (or one under a file) is kept as it is
      target = fs.lstat('/' + next.join('/')).target;
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
    }
    if (target === undefined) {
      cur = next;
      continue;
    }
    links++;
    if (target.startsWith('/')) cur = [];
    rest = target + '/' + rest;
  }
  return '/' + cur.join('/');
}

/** The mount's target inside the root (secureJoin), or runc's error for a loop on the way. */
function joinOrFail(st: EngineState, c: Container, fs: Namespace, m: MountPoint): string {
  try {
    return secureJoin(fs, normalize(m.destination));
  } catch (e) {
    if (!(e instanceof SecureJoinLoop)) throw e;
    throw new DaemonError(
      `${PROFILES[st.engine].runtimeErrorPrefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${mountSourcePath(m)}" to rootfs at "${m.destination}": SecureJoin ${mergedPath(c, '')}/${e.rest}: too many levels of symbolic links: unknown`,
    );
  }
}

/** runc's validProcMounts: the /proc entries lxcfs emulates, the only ones a bind may cover. */
const VALID_PROC_MOUNTS = new Set([
  '/proc/cpuinfo',
  '/proc/diskstats',
  '/proc/meminfo',
  '/proc/stat',
  '/proc/swaps',
  '/proc/uptime',
  '/proc/loadavg',
  '/proc/slabinfo',
  '/proc/net/dev',
  '/proc/sys/kernel/ns_last_pid',
]);

/**
 * runc 1.1.5's checkProcMount (libcontainer/rootfs_linux.go prepareBindMount, for binds and
 * volumes, not tmpfs), on the target as securejoin resolved it: nothing may be bind-mounted on or
 * under /proc but the entries lxcfs emulates. A bind on /etc/mtab, the image's link to
 * /proc/mounts, resolves through /proc/self to /proc/1/mounts and fails (recorded:
 * host-mounts/pci-bind-over-image-links, both engines).
 */
function checkProcMount(st: EngineState, c: Container, m: MountPoint, target: string): void {
  if (!isWithin(target, '/proc') || VALID_PROC_MOUNTS.has(target)) return;
  const why = target === '/proc' ? 'is not of type proc' : 'is inside /proc';
  throw new DaemonError(
    `${PROFILES[st.engine].runtimeErrorPrefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${mountSourcePath(m)}" to rootfs at "${m.destination}": "${mergedPath(c, target)}" cannot be mounted because it ${why}: unknown`,
  );
}

/** mkdir -p the target (or create an empty file for a file mount), as runc does. */
function createMountpoint(st: EngineState, c: Container, fs: Namespace, m: MountPoint, mount: Mount): void {
  const source = mount.backend.get([]);
  const sourceIsDir = source === undefined || source.kind === 'dir';
  const target = mount.target;
  const parts = components(target);
  let cur = '';
  for (let i = 0; i < parts.length; i++) {
    cur += '/' + parts[i];
    const last = i === parts.length - 1;
    let found: ReturnType<Namespace['stat']> | undefined;
    try {
      found = fs.stat(cur);
    } catch (e) {
      // A file on the way to the target (`-v $PWD/file:/srv -v vol:/srv/inner`): runc opens the
      // mount point with O_PATH inside the rootfs (libcontainer/rootfs_linux.go mountToRootfs,
      // utils.WithProcfd) and fails with ENOTDIR (recorded: mounts/mount-point-under-file).
      if (e instanceof FsError && e.code === 'ENOTDIR') throw openProcfdError(st, c, m);
      if (!(e instanceof FsError) || e.code !== 'ENOENT') throw e;
    }
    if (found === undefined) {
      const file = last && !sourceIsDir;
      try {
        if (file) fs.writeFile(cur, '', { mode: 0o755 });
        else fs.mkdir(cur, 0o755);
      } catch (e) {
        // a missing mount point under a read-only mount (a `:ro` bind or volume): runc's
        // createIfNotExists fails in os.MkdirAll, or in os.OpenFile for a file mount, and names
        // the path in the rootfs (recorded: mounts/mount-point-under-readonly, both engines)
        if (e instanceof FsError && e.code === 'EROFS') {
          throw new DaemonError(
            `${PROFILES[st.engine].runtimeErrorPrefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${mountSourcePath(m)}" to rootfs at "${m.destination}": ${file ? 'open' : 'mkdir'} ${mergedPath(c, cur)}: read-only file system: unknown`,
          );
        }
        throw e;
      }
      continue;
    }
    if (last && found.kind === 'dir' && !sourceIsDir) throw mountTypeError(st, m, 'not a directory');
    if (last && found.kind !== 'dir' && sourceIsDir) throw mountTypeError(st, m, 'not a directory');
  }
}

/** What runc mounts from: a volume's _data directory, a bind's host path, or "tmpfs". */
export function mountSourcePath(m: MountPoint): string {
  if (m.type === 'volume') return `${DATA_ROOT}/volumes/${m.source}/_data${m.subpath ? '/' + m.subpath : ''}`;
  return m.type === 'tmpfs' ? 'tmpfs' : m.source;
}

/** runc's mount flags: MS_BIND|MS_REC (+MS_RDONLY on 20.10 for :ro), or tmpfs's nosuid|nodev|noexec. */
function mountFlags(st: EngineState, m: MountPoint): string {
  if (m.type === 'tmpfs') return '0xe';
  return !m.rw && PROFILES[st.engine].readonlyInMountFlags ? '0x5001' : '0x5000';
}

function openProcfdError(st: EngineState, c: Container, m: MountPoint): DaemonError {
  const src = mountSourcePath(m);
  return new MountTypeError(
    `${PROFILES[st.engine].runtimeErrorPrefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${src}" to rootfs at "${m.destination}": open o_path procfd: open ${mergedPath(c, normalize(m.destination))}: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`,
    src,
    m.destination,
  );
}

function mountTypeError(st: EngineState, m: MountPoint, why: string): DaemonError {
  const src = mountSourcePath(m);
  return new MountTypeError(
    `${PROFILES[st.engine].runtimeErrorPrefix}failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${src}" to rootfs at "${m.destination}": mount ${src}:${m.destination} (via /proc/self/fd/6), flags: ${mountFlags(st, m)}: ${why}: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`,
    src,
    m.destination,
  );
}
