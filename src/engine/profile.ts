// Engine profiles: the two real engines strata reproduces, as named switches (never a fork of
// the code). Each switch cites what settles it in shared/oracle/README.md ("20.10 vs 26.1").

export type EngineName = 'docker-20.10' | 'docker-26.1';

export interface EngineProfile {
  name: EngineName;
  /** Legacy builder (RUN in a container, VOLUME discards later changes) or BuildKit. */
  builder: 'legacy' | 'buildkit';
  /** API >= 1.42: `docker volume prune` removes only volumes labelled anonymous unless --all. */
  pruneAnonymousOnly: boolean;
  /** `-v /p`, image VOLUME and nameless `volume create` get com.docker.volume.anonymous. */
  anonymousLabel: boolean;
  /** API 1.45: `--mount ...,volume-subpath=` is known. */
  volumeSubpath: boolean;
  /**
   * How the daemon wraps a runtime (runc) failure at start: 26.1 adds
   * `failed to create task for container: ` (bind-mounts/single-file-bind).
   */
  runtimeErrorPrefix: string;
  /**
   * Daemons from 25.0 on start their own error messages in lower case ("container X is not
   * running", "no command specified", "cannot kill container: ..."); 20.10 capitalizes them.
   */
  lowercaseErrors: boolean;
  /** BuildKit's WORKDIR always adds a (possibly empty) layer; the legacy builder's never does. */
  workdirLayer: boolean;
  /**
   * `docker commit/import -c 'Word ...'`: the daemon names a refused instruction (unknown or not
   * allowed) by its parsed node's Value: as written on 26.1, lower-cased by 20.10's parser (`run
   * is not a valid change command`; moby builder/dockerfile/builder.go BuildFromConfig; recorded:
   * image-layers/commit-changes, image-layers/change-errors).
   */
  commitChangeWordAsWritten: boolean;
  /**
   * Whether the container's Config.WorkingDir keeps the image's WORKDIR cleaned (20.10's
   * SetupWorkingDirectory stores filepath.Clean of it) or as the image has it (26.1). `-w` is
   * stored clean by both, and processes always start in the clean path (core/config-merge,
   * core/workdir-clean).
   */
  cleansImageWorkdir: boolean;
  /** runc's mount error shows MS_RDONLY in the flags of a read-only bind (20.10: 0x5001). */
  readonlyInMountFlags: boolean;
  /**
   * How `docker cp` reports a mount it cannot set up (a directory over a file): 20.10's daemon
   * names the mount, 26.1's fails earlier creating the mount point (`mkdir t: not a directory`).
   */
  cpMountError: 'mount' | 'mkdir';
  /**
   * 20.10's daemon extracts a `docker cp` archive in a re-executed `docker-untar` and wraps its
   * failure as `Error processing tar file(exit status 1): ...` (moby pkg/chrootarchive
   * archive_unix.go invokeUnpack); 26.1 unpacks in-process and returns the error itself.
   */
  untarReexec: boolean;
  /**
   * Where the daemon resolves a `docker cp` path: 20.10 on the host, in the container's rootfs
   * (container.ResolvePath, GetResourcePath: moby pkg/symlink, whose errors name the host path
   * under `merged`); 26.1 inside the container's mount namespace (errors name the container path;
   * a loop is Go filepath.EvalSymlinks' `EvalSymlinks: too many links`). Recorded:
   * fs/trailing-slash, fs/symlink-loop.
   */
  cpInNamespace: boolean;
  /**
   * `docker export` and `docker cp` out of a container name each entry's owner, looked up in the
   * container's /etc/passwd and /etc/group (20.10); from 23.0 the headers carry ids only
   * (src/archive/owner-names.ts).
   */
  tarOwnerNames: boolean;
  /**
   * The daemon's archives (`docker cp` out, `docker export`) carry the file type in each header's
   * mode (`0100600`): 20.10's archive.FileInfoHeader adds fillGo18FileTypeBits; later moby writes
   * the permission bits only (`0000600`). Recorded: archive/backup-docker-cp-pgdata.
   */
  tarTypeBits: boolean;
  /** Which docker CLI prints the output: 20.10's or 28.2's (error framing, null labels...). */
  client: '20.10' | '28.2';
  /**
   * Daemons from 25.0 store an empty restart policy name (`--restart ''`) as `no` (moby
   * daemon/create.go containerCreate); 20.10 keeps `""` (recorded: core/run-settings-inspect).
   */
  emptyRestartIsNo: boolean;
  /**
   * The stop's releaseNetwork returns at once for a network-disabled container (20.10: its
   * endpoints keep their addresses in NetworkSettings, stale); 26.1 cleans them and deletes the
   * sandbox whatever the flag (moby daemon/container_operations.go releaseNetwork; recorded:
   * network/bridge-none).
   */
  releaseSkipsDisabled: boolean;
  /**
   * Renaming a running container looks up each of its networks to update its DNS names (26.1:
   * `network bridge not found` on a `--bridge=none` daemon); 20.10 only renames the sandbox
   * (moby daemon/rename.go).
   */
  renameUpdatesNetworks: boolean;
  /**
   * `docker kill -s`: 26.1's ContainerKill reads the signal before it looks the container up,
   * and its router wraps each error in `cannot kill container: NAME:` (moby daemon/kill.go,
   * api/server/router/container/container_routes.go); 20.10's router reads it first with an
   * error of its own (`Invalid signal: FOO`), and ContainerKill refuses a number Linux lacks
   * only after the lookup (recorded: lifecycle/kill-stop-signals).
   */
  killReadsSignalFirst: boolean;
  /**
   * A bind volume whose device is missing, met by copy-on-mount at create: 26.1 wraps the mount
   * error as a start does, `failed to populate volume: error while mounting volume '...': `;
   * 20.10 shows the local driver's own `failed to mount local volume: ...`
   * (recorded: core/create-registration on both engines).
   */
  populateWrapsMountError: boolean;
  /**
   * The Compose v2 CLI plugin installed beside the client, or undefined: the oracle's 20.10
   * install has none (its Debian package is the Python v1), the 26.1 one has 2.26.1.
   */
  compose?: string;
  /**
   * moby 25.0's health monitor (daemon/health.go at v26.1.5): within the start period a starting
   * container is checked every StartInterval (which defaults to the Interval until 27.0), and a
   * check that times out keeps what it printed in its log entry. 20.10's checks every Interval
   * and logs only the timeout.
   */
  healthStartInterval: boolean;
  /**
   * How the daemon reads a boolean filter (`dangling=`): from 24.0 filters.GetBoolOrDefault, one
   * boolean exactly (`true`/`1`, `false`/`0`); 20.10 an ExactMatch chain where a true value wins
   * (src/docker/filters.ts filterBool; recorded: mounts/filter-dangling-values).
   */
  boolFilters: boolean;
}

export const PROFILES: Record<EngineName, EngineProfile> = {
  'docker-20.10': {
    name: 'docker-20.10',
    builder: 'legacy',
    pruneAnonymousOnly: false,
    anonymousLabel: false,
    volumeSubpath: false,
    runtimeErrorPrefix: '',
    lowercaseErrors: false,
    readonlyInMountFlags: true,
    cpMountError: 'mount',
    cpInNamespace: false,
    untarReexec: true,
    tarOwnerNames: true,
    tarTypeBits: true,
    cleansImageWorkdir: true,
    workdirLayer: false,
    commitChangeWordAsWritten: false,
    client: '20.10',
    emptyRestartIsNo: false,
    releaseSkipsDisabled: true,
    renameUpdatesNetworks: false,
    killReadsSignalFirst: false,
    populateWrapsMountError: false,
    healthStartInterval: false,
    boolFilters: false,
  },
  'docker-26.1': {
    name: 'docker-26.1',
    builder: 'buildkit',
    pruneAnonymousOnly: true,
    anonymousLabel: true,
    volumeSubpath: true,
    runtimeErrorPrefix: 'failed to create task for container: ',
    lowercaseErrors: true,
    readonlyInMountFlags: false,
    cpMountError: 'mkdir',
    cpInNamespace: true,
    untarReexec: false,
    tarOwnerNames: false,
    tarTypeBits: false,
    cleansImageWorkdir: false,
    workdirLayer: true,
    commitChangeWordAsWritten: true,
    client: '28.2',
    emptyRestartIsNo: true,
    releaseSkipsDisabled: false,
    renameUpdatesNetworks: true,
    killReadsSignalFirst: true,
    populateWrapsMountError: true,
    compose: '2.26.1',
    healthStartInterval: true,
    boolFilters: true,
  },
};

/** The newest engine is the default. */
export const DEFAULT_ENGINE: EngineName = 'docker-26.1';

export function isEngineName(s: string): s is EngineName {
  return Object.prototype.hasOwnProperty.call(PROFILES, s);
}

/** A daemon message in the profile's case (see EngineProfile.lowercaseErrors). */
export function daemonText(profile: EngineProfile, message: string): string {
  const first = message.charAt(0);
  return (profile.lowercaseErrors ? first.toLowerCase() : first.toUpperCase()) + message.slice(1);
}
