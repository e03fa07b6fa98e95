// `POST /containers/create` as the daemon does it (moby daemon/create.go): name checks, mount
// registration in moby's precedence order (--volumes-from, -v binds, --mount, then anonymous
// volumes for image VOLUMEs and `-v /path`), the writable layer, WORKDIR, and copy-on-empty-mount.

import { refuseUnfollowedMounts } from './unfollowed.ts';
import { relink } from '../fs/hard-link.ts';
import { FsError } from '../fs/errors.ts';
import { nodeAt } from '../fs/locate.ts';
import { cloneNode, dir, entryList, isEmptyDir, setEntry } from '../fs/node.ts';
import { nextId } from '../engine/ids.ts';
import type { EngineEvent } from '../engine/events.ts';
import type { ApiMount, Container, ContainerConfig, EngineState, MountPoint } from '../engine/state.ts';
import { createVolume } from '../volume/store.ts';
import { volumeRoot } from '../volume/bind.ts';
import { validateVolumeName } from '../volume/names.ts';
import { resolveSubpath } from '../volume/subpath.ts';
import { pluginNotFound, releaseTmpfsVolumes, validateVolumeOptions } from '../volume/options.ts';
import { DaemonError, DaemonNotFound } from './errors.ts';
import { apiMountToPoint, MountConfigError, parseBind, parseVolumesFrom, tmpfsPoint, validateApiMount } from './mount-spec.ts';
import { cleanPath, runtimeWorkdir } from './paths.ts';
import { hostFs, mergedPath, rootBackend, rootOnlyFs } from './runtime-fs.ts';
import { components } from '../fs/path.ts';
import { mkdirAll } from '../fs/mkdir-all.ts';
import { followInScope, TooManyLinks } from '../fs/follow-in-scope.ts';
import type { Namespace } from '../fs/namespace.ts';
import { removeContainer } from './remove.ts';
import { bareName, CONTAINER_NAME_RE, findContainer } from './lookup.ts';
import { daemonText, PROFILES } from '../engine/profile.ts';
import { applySettings, HOST_HOSTNAME, type ContainerSettings } from './settings.ts';
import { tableGet, tablePeek } from '../engine/table.ts';
import { addContainer, addVolumeUser, containerIdByName } from './registry.ts';

export interface CreateRequest {
  name?: string;
  imageId: string;
  imageRef: string;
  /** Run args (replace the image Cmd when non-empty). */
  cmd: string[];
  /** `--entrypoint`: undefined keeps the image's; '' clears it. */
  entrypoint?: string;
  env: string[];
  workdir?: string;
  /** -h: the UTS name, /etc/hostname and $HOSTNAME (default: the short ID). */
  hostname?: string;
  /** --domainname: the UTS domain name (/proc/sys/kernel/domainname), not in /etc/hostname. */
  domainname?: string;
  user?: string;
  tty: boolean;
  openStdin: boolean;
  binds: string[];
  /** `-v /path` entries (Config.Volumes). */
  anonymous: string[];
  mounts: ApiMount[];
  tmpfs: Record<string, string>;
  volumesFrom: string[];
  readOnly: boolean;
  autoRemove: boolean;
  labels: Record<string, string>;
  /** A BuildKit RUN step: no init layer, only /etc/hosts and /etc/resolv.conf are provided. */
  buildkitStep?: boolean;
  /** Ports, restart policy, network, resources...: checked and stored (container/settings.ts). */
  settings?: ContainerSettings;
  /** `--platform` as given (the CLI matches it against the local image: container/platform.ts). */
  platform?: string;
}

/**
 * The daemon's check of `--mount` entries (validateHostConfig, part of verifyContainerSettings): it
 * comes before the image lookup and the name reservation, so a bad mount is reported even for an
 * image that is not there (no pull) or a name that is taken (recorded: tutorials/001-bind-mount-placeholders).
 */
export function validateMounts(st: EngineState, mounts: ApiMount[]): void {
  for (const m of mounts) {
    try {
      validateApiMount(m);
    } catch (e) {
      if (e instanceof MountConfigError) throw new DaemonError(e.message);
      throw e;
    }
    // os.Stat follows symlinks: a dangling symlink source does not exist (host-mounts/bind-symlink-source)
    if (m.Type === 'bind' && !hostFs(st).exists(cleanPath(m.Source))) {
      throw new DaemonError(`invalid mount config for type "bind": bind source path does not exist: ${m.Source}`);
    }
  }
}

export function createContainer(st: EngineState, req: CreateRequest, events: EngineEvent[]): Container {
  validateMounts(st, req.mounts);
  const wanted = req.name === undefined ? undefined : bareName(req.name);
  if (wanted !== undefined) {
    if (!CONTAINER_NAME_RE.test(wanted)) {
      throw new DaemonError(`Invalid container name (${req.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    }
    const clash = containerIdByName(st, wanted);
    if (clash !== undefined) {
      throw new DaemonError(
        `Conflict. The container name "/${wanted}" is already in use by container "${clash}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
  }
  const image = tablePeek(st.images, req.imageId)!;
  const id = nextId(st.ids);
  const name = wanted ?? generatedName(id);

  const entrypoint = req.entrypoint === undefined ? image.config.Entrypoint : req.entrypoint === '' ? null : [req.entrypoint];
  const cmd = req.cmd.length > 0 ? req.cmd : req.entrypoint !== undefined ? null : image.config.Cmd;
  const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
  if (argv.length === 0) throw new DaemonError(daemonText(PROFILES[st.engine], 'No command specified'));
  // An empty -w means the image's.
  const requested = req.workdir || image.config.WorkingDir;
  if (requested && !requested.startsWith('/')) {
    throw new DaemonError(`the working directory '${requested}' is invalid, it needs to be an absolute path`);
  }
  const workdir = requested && (req.workdir || PROFILES[st.engine].cleansImageWorkdir) ? cleanPath(requested) : requested;

  const configVolumes: Record<string, Record<string, never>> = { ...(image.config.Volumes ?? {}) };
  for (const p of req.anonymous) configVolumes[p] = {};
  // Config.Env is -e first, then the image's variables -e does not set (the daemon's merge,
  // core/config-merge); the default PATH is added to the process only (containerEnv), never to
  // the config (docker inspect shows ["EMPTY="] for `-e EMPTY=` on an image without Env).
  const envNames = new Set(req.env.map((e) => e.split('=')[0]));
  const env = [...req.env, ...(image.config.Env ?? []).filter((e) => !envNames.has(e.split('=')[0]))];

  const config: ContainerConfig = {
    // --network host: the host's name unless -h (daemon/container.go newContainer).
    Hostname: req.hostname || (req.settings?.networkMode === 'host' ? HOST_HOSTNAME : id.slice(0, 12)),
    // the OCI spec's domainname, which runc sets with setdomainname(2) (recorded: core/run-domainname)
    ...(req.domainname ? { Domainname: req.domainname } : {}),
    User: req.user ?? image.config.User,
    Env: env,
    Cmd: cmd,
    Entrypoint: entrypoint,
    WorkingDir: workdir,
    Image: req.imageRef,
    Volumes: Object.keys(configVolumes).length > 0 ? configVolumes : null,
    Labels: { ...(image.config.Labels ?? {}), ...req.labels },
    Tty: req.tty,
    OpenStdin: req.openStdin,
    // The image's, else none: inspect shows "" and docker stop sends SIGTERM (lifecycle.ts stopContainer;
    // recorded: core/create-registration, an imported image without STOPSIGNAL, on both engines).
    StopSignal: image.config.StopSignal,
    // moby daemon/commit.go merge: the image's HEALTHCHECK (no --health-* flag is simulated)
    ...(image.config.Healthcheck ? { Healthcheck: image.config.Healthcheck } : {}),
  };

  const c: Container = {
    id,
    name,
    imageId: image.id,
    created: st.clock,
    path: argv[0],
    args: argv.slice(1),
    config,
    hostConfig: {
      Binds: req.binds.length > 0 ? [...req.binds] : null,
      Mounts: req.mounts.length > 0 ? req.mounts : null,
      Tmpfs: Object.keys(req.tmpfs).length > 0 ? { ...req.tmpfs } : null,
      ReadonlyRootfs: req.readOnly,
      AutoRemove: req.autoRemove,
      VolumesFrom: req.volumesFrom.length > 0 ? [...req.volumesFrom] : null,
    },
    mounts: [],
    layerId: nextId(st.ids),
    // the writable layer's root is the directory overlay2 makes for it at creation
    // (moby daemon/graphdriver/overlay2/overlay.go create: MkdirAndChown(path.Join(dir,
    // diffDirName), 0755, root)); overlayfs shows a merged directory with its upper directory's
    // times, so `/` is dated when the container was created, and again when a top-level entry is
    // made (recorded: fs/root-dir-time, both engines)
    upper: dir({ mtime: st.clock }),
    tmpfsData: {},
    state: { status: 'created', exitCode: 0, startedAt: 0, finishedAt: 0, error: '' },
    logs: [],
    buildkitStep: req.buildkitStep || undefined,
    restartCount: 0,
  };

  // The daemon verifies the settings before it creates anything (verifyContainerSettings).
  if (req.settings) applySettings(st, PROFILES[st.engine], c, req.settings, Object.keys(image.config.ExposedPorts ?? {}), Boolean(req.hostname));

  // Mount registration. Volumes named here are created even if a later mount fails, as the
  // daemon does (shared/oracle/README.md surprise 17).
  registerMounts(st, c, req, events);
  // a volume or host directory a restarting container changes holds what timing decides (container/unfollowed.ts)
  refuseUnfollowedMounts(st, c.mounts);

  addContainer(st, c);
  events.push({ type: 'container-created', container: id, name, image: image.id });
  try {
    setupWorkingDirectory(st, c);
    createAnonymousVolumes(st, c, events);
    populateVolumes(st, c, events);
    // A tmpfs-backed volume is unmounted again after the copy: what was copied is gone.
    releaseTmpfsVolumes(st, c.mounts.filter((m) => m.type === 'volume').map((m) => m.source));
  } catch (e) {
    // A failed create is cleaned up with its anonymous volumes (moby create.go).
    removeContainer(st, c, { removeVolumes: true, by: 'create-failed' }, events);
    throw e;
  }
  return c;
}

function registerMounts(st: EngineState, c: Container, req: CreateRequest, events: EngineEvent[]): void {
  const points = new Map<string, MountPoint>();
  for (const spec of req.volumesFrom) {
    const { ref, ro } = parseVolumesFrom(spec);
    const from = findContainer(st, ref);
    if (!from) throw new DaemonError(`No such container: ${ref}`);
    for (const m of from.mounts) {
      if (m.origin === 'tmpfs-flag') continue;
      // A `--mount type=tmpfs` is a mount point without a source: moby takes it for a volume and
      // looks it up by its empty name, which fails as a 404 `get: no such volume` (v20.10.24 and
      // v26.1 daemon/volumes.go registerMountPoints, volume/service OpErr). Observed on both oracle
      // engines up to the CLI's pull, which their proxy guard stops (so no case file keeps it)
      if (m.type === 'tmpfs') throw new DaemonNotFound('get: no such volume');
      // moby copies the mount point without its Mode (inspect shows ""), RW narrowed by :ro.
      points.set(cleanPath(m.destination), { ...m, rw: m.rw && !ro, mode: '', copyData: false, origin: 'volumes-from' });
    }
  }
  const claimed = new Set<string>();
  const duplicate = (dst: string) => new DaemonError(`Duplicate mount point: ${dst}`);
  const tmpfsTargets = new Set(Object.keys(req.tmpfs).map(cleanPath));
  for (const raw of req.binds) {
    let point: MountPoint;
    try {
      point = parseBind(raw);
    } catch (e) {
      if (e instanceof MountConfigError) throw new DaemonError(e.message);
      throw e;
    }
    const dst = cleanPath(point.destination);
    if (claimed.has(dst) || tmpfsTargets.has(dst)) throw duplicate(dst);
    if (point.type === 'volume') ensureNamedVolume(st, point.source, events);
    claimed.add(dst);
    points.set(dst, point);
  }
  for (const m of req.mounts) {
    const dst = cleanPath(m.Target);
    if (claimed.has(dst)) throw duplicate(dst);
    const point = apiMountToPoint(m);
    if (point.type === 'volume') {
      const driver = m.VolumeOptions?.DriverConfig?.Name;
      const options = m.VolumeOptions?.DriverConfig?.Options;
      if (point.source === '') {
        // --mount without source: the parser names it, so it lacks the anonymous label
        // (shared/oracle/README.md surprise 20), yet --rm and rm -v still remove it. It is made
        // with the mount's driver, options and labels all the same (moby daemon/volumes.go
        // registerMountPoints: volumes.Create with WithCreateOptions and WithCreateLabels;
        // recorded: named-volumes/tmpfs-volume-root).
        const name = nextId(st.ids);
        if (driver !== undefined && driver !== 'local') throw new DaemonNotFound(`create ${name}: ${pluginNotFound(driver)}`);
        const bad = options === undefined ? undefined : validateVolumeOptions(options);
        if (bad !== undefined) throw new DaemonError(`create ${name}: ${bad}`);
        const v = createVolume(st, name, { anonymousLabel: false, labels: m.VolumeOptions?.Labels ?? null, options: options ?? null });
        events.push({ type: 'volume-created', volume: v.name, anonymous: true });
        point.source = v.name;
      } else {
        // the volume store looks the driver up before it looks at the volume (moby
        // volume/service/store.go create: checkConflict's GetDriver), so an existing volume
        // fails the same way under an unknown driver (Create wraps it: `create NAME: ...`)
        if (driver !== undefined && driver !== 'local') {
          throw new DaemonNotFound(`create ${point.source}: ${pluginNotFound(driver)}`);
        }
        ensureNamedVolume(st, point.source, events, m.VolumeOptions?.Labels, options);
      }
    }
    claimed.add(dst);
    points.set(dst, point);
  }
  for (const [dst, opts] of Object.entries(req.tmpfs)) {
    if (!dst.startsWith('/')) throw new DaemonError(`invalid mount path: '${dst}' mount path must be absolute`);
    if (cleanPath(dst) === '/') throw new DaemonError("invalid specification: destination can't be '/'");
    points.set(cleanPath(dst), tmpfsPoint(dst, opts));
  }
  c.mounts = [...points.values()];
}

function ensureNamedVolume(
  st: EngineState,
  name: string,
  events: EngineEvent[],
  labels?: Record<string, string>,
  options?: Record<string, string>,
): void {
  // An existing volume keeps its labels and options, as `docker volume create` does.
  if (tableGet(st.volumes, name)) return;
  const err = validateVolumeName(name);
  if (err) throw new DaemonError(err);
  if (options) {
    const bad = validateVolumeOptions(options);
    if (bad) throw new DaemonError(`create ${name}: ${bad}`);
  }
  createVolume(st, name, { labels: labels ?? null, options: options ?? null });
  events.push({ type: 'volume-created', volume: name, anonymous: false });
}

/**
 * WORKDIR is created at create time, in the rootfs without its mounts (moby
 * container.SetupWorkingDirectory; recorded: core/workdir-blocked). GetResourcePath resolves the
 * path first (symlink.FollowSymlinkInScope lstats each component): a file on the way fails
 * there, with the host path of the component under it; a file at the path itself fails the
 * mkdir, in the daemon's own words.
 */
function setupWorkingDirectory(st: EngineState, c: Container): void {
  const wd = runtimeWorkdir(c);
  if (wd === '/') return;
  const fs = rootOnlyFs(st, c);
  // a loop, or a chain of more links than moby's walk takes (recorded: fs/symlink-loop, fs/symlink-chain)
  try {
    followInScope(fs, wd, 'steps');
  } catch (e) {
    if (e instanceof TooManyLinks) throw new DaemonError(`evalSymlinksInScope: too many links in ${mergedPath(c, e.path)}`);
    throw e;
  }
  let prefix = '';
  for (const part of components(wd)) {
    prefix += '/' + part;
    try {
      fs.lstat(prefix);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      if (e.code === 'ENOTDIR') throw new DaemonError(`lstat ${mergedPath(c, prefix)}: not a directory`);
    }
  }
  if (fs.exists(wd) && fs.stat(wd).kind !== 'dir') throw new DaemonError(`Cannot mkdir: ${wd} is not a directory`);
  mkdirAll(fs, wd);
}

function createAnonymousVolumes(st: EngineState, c: Container, events: EngineEvent[]): void {
  const volumes = Object.keys(c.config.Volumes ?? {});
  // most images declare no VOLUME: then the rootfs view (a union over the image) is not built
  if (volumes.length === 0) return;
  const fs = rootOnlyFs(st, c);
  // A set, not a scan per volume: a run with thousands of -v must stay linear.
  const mounted = new Set(c.mounts.map((m) => cleanPath(m.destination)));
  for (const dst of volumes) {
    if (mounted.has(cleanPath(dst))) continue;
    const target = dst.startsWith('/') ? dst : '/' + dst;
    try {
      if (fs.stat(target).kind !== 'dir') {
        throw new DaemonError(`cannot mount volume over existing file, file exists ${mergedPath(c, target)}`);
      }
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
    }
    const v = createVolume(st, undefined);
    events.push({ type: 'volume-created', volume: v.name, anonymous: true });
    mounted.add(cleanPath(dst));
    addVolumeUser(st, c, v.name);
    c.mounts.push({
      type: 'volume',
      destination: dst,
      source: v.name,
      rw: true,
      mode: '',
      propagation: '',
      specSource: '',
      copyData: true,
      origin: 'config-volume',
    });
  }
}

/**
 * Copy-on-empty-mount (moby populateVolumes): for each volume mount that may copy, if the image
 * (the rootfs without any mounts) has a directory at the target and the volume (or its subpath
 * directory) is empty right now, copy that directory's content into it, and give the volume root
 * the directory's mode and owner. There is no "already populated" flag: an emptied volume is
 * filled again by the next container created with it.
 */
function populateVolumes(st: EngineState, c: Container, events: EngineEvent[]): void {
  // built at the first volume to copy into: most containers have none, and the view (the image's
  // layers under the init layer, in a namespace) was a sixth of `docker run --rm busybox true`
  let view: Namespace | undefined;
  for (const m of c.mounts) {
    if (m.type !== 'volume' || !m.copyData) continue;
    const fs = (view ??= rootOnlyFs(st, c));
    const volume = tableGet(st.volumes, m.source)!; // a mount names a volume that exists
    const target = m.destination.startsWith('/') ? m.destination : '/' + m.destination;
    // CopyImagePathContent resolves the destination first (GetResourcePath: FollowSymlinkInScope),
    // whatever the volume holds: a loop fails the create (recorded: host-mounts/securejoin-links)
    try {
      followInScope(fs, target, 'steps');
    } catch (e) {
      if (e instanceof TooManyLinks) throw new DaemonError(`evalSymlinksInScope: too many links in ${mergedPath(c, e.path)}`);
      throw e;
    }
    let stat;
    try {
      stat = fs.stat(target);
    } catch (e) {
      if (e instanceof FsError) continue;
      throw e;
    }
    // a bind volume's content is its host directory (volume/bind.ts): the daemon mounts the volume
    // to copy into it (CopyImagePathContent) before it looks at its content, so a missing device
    // fails the create when the image has the target (recorded: core/create-registration)
    const root = volumeRoot(st, volume);
    if (!root.ok) {
      throw new DaemonError(
        PROFILES[st.engine].populateWrapsMountError ? `failed to populate volume: ${root.error}` : root.error.replace(/^error while mounting volume '[^']*': /, ''),
      );
    }
    let dest = root.dir;
    if (m.subpath !== undefined) {
      const r = resolveSubpath(root.dir, m.subpath);
      if (r.kind !== 'ok') continue;
      const node = nodeAt(root.dir, r.parts);
      if (node === undefined || node.kind !== 'dir') continue;
      dest = node;
    }
    // Only an empty volume is copied into, so only then does a file at the target matter.
    if (!isEmptyDir(dest)) continue;
    if (stat.kind !== 'dir') {
      throw new DaemonError(`source ${mergedPath(c, fs.realpath(target))} is not directory`);
    }
    const image = rootBackend(st, c).materialize(components(fs.realpath(target)));
    if (image === undefined || image.kind !== 'dir') continue;
    dest.mode = image.mode;
    dest.uid = image.uid;
    dest.gid = image.gid;
    // moby copies with continuity's fs.CopyDir, which keeps hard links (volume-copy-on-mount
    // probe: both names show 2 links in the volume); counted again inside the copy
    relink(image);
    for (const [name, child] of entryList(image)) setEntry(dest, name, cloneNode(child));
    if (!isEmptyDir(image)) {
      events.push({ type: 'volume-populated', volume: volume.name, from: target, container: c.id, name: c.name, image: c.imageId });
    }
  }
}

const ADJECTIVES = ['admiring', 'brave', 'clever', 'dreamy', 'eager', 'focused', 'gallant', 'happy', 'jolly', 'keen'];
const NAMES = ['archimedes', 'babbage', 'curie', 'darwin', 'euler', 'fermat', 'galileo', 'hopper', 'lovelace', 'turing'];

/** Docker's random names (adjective_scientist), drawn from the ID so replays agree. */
export function generatedName(id: string): string {
  const a = parseInt(id.slice(0, 4), 16);
  const b = parseInt(id.slice(4, 8), 16);
  return `${ADJECTIVES[a % ADJECTIVES.length]}_${NAMES[b % NAMES.length]}`;
}
