// The engine state: everything a Docker daemon (and the host around it) holds that decides
// where data lives. Immutable between commands (immer), mutated only inside a reducer's draft.

import type { DirNode, LinkableNode } from '../fs/node.ts';
import type { WaitingShell } from '../shell/types.ts';
import type { IdState } from './ids.ts';
import type { EngineName } from './profile.ts';
import type { Table } from './table.ts';
import type { ContainerIndex } from '../container/registry.ts';
import type { DaemonConfig } from '../daemon/config.ts';

// ---------------------------------------------------------------- images

export interface ImageConfig {
  User: string;
  Env: string[] | null;
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  Volumes: Record<string, Record<string, never>> | null;
  Labels: Record<string, string> | null;
  StopSignal: string;
  /** Legacy builder: the image the step ran on (`sha256:<id>`); commit: the container's image name. */
  Image?: string;
  /** EXPOSE ports (`80/tcp`); absent or null when the image exposes none. */
  ExposedPorts?: Record<string, Record<string, never>> | null;
  /** BuildKit sets it with a CMD/ENTRYPOINT (shell or exec form). */
  ArgsEscaped?: boolean;
  /** HEALTHCHECK (durations in nanoseconds, zero fields left out). */
  Healthcheck?: HealthConfig | null;
  /** ONBUILD triggers, as written after the keyword; a child build runs them and clears them. */
  OnBuild?: string[] | null;
  /** SHELL: the shell form's command prefix (default `/bin/sh -c`). */
  Shell?: string[] | null;
  /**
   * `docker commit`: the container's own fields, which the image's config keeps (moby
   * daemon/commit.go merges the container's whole Config in); absent otherwise.
   */
  fromContainer?: { Hostname: string; Domainname?: string; AttachStdin: boolean; AttachStdout: boolean; AttachStderr: boolean; Tty: boolean; OpenStdin: boolean; StdinOnce: boolean; NetworkDisabled: boolean };
}

/** One check's result (moby types.HealthcheckResult); times in seconds on strata's clock. */
export interface HealthResult {
  start: number;
  end: number;
  exitCode: number;
  output: string;
}

/** moby container.Health: the status, the failing streak, the last results, the monitor. */
export interface HealthState {
  status: 'starting' | 'healthy' | 'unhealthy';
  failingStreak: number;
  log: HealthResult[];
  /** When the monitor runs (running, not paused): the time of its next check. */
  next?: number;
}

/** moby container.HealthConfig: `Test` is `["NONE"]`, `["CMD", ...]` or `["CMD-SHELL", cmd]`. */
export interface HealthConfig {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface HistoryEntry {
  created: number;
  /**
   * `docker commit -a`: the row's author (moby image.History.Author, written in the config, which
   * `docker history` does not show; recorded: image-layers/loadkeep-roundtrip's config).
   */
  author?: string;
  createdBy: string;
  comment: string;
  emptyLayer: boolean;
  /** Bytes of the layer this step made (0 for metadata-only steps). */
  size: number;
  /** The image ID this step produced, where the builder kept one (legacy intermediates). */
  imageId?: string;
}

export interface BuildCacheRecord {
  id: string;
  kind: 'base' | 'source' | 'layer';
  size: number;
  /** The base image or layer the record stands for. */
  ref?: string;
  /** A local source's shared key (image/build/cache.ts): a later build of that directory reuses the record. */
  key?: string;
}

export interface Layer {
  id: string;
  tree: DirNode;
  size: number;
  /** BuildKit made it: its build cache holds a reference, so `rmi` never frees it. */
  cached?: boolean;
  /**
   * `docker load` or `docker import` made it: the tar it was given (uncompressed), which the
   * daemon's layer store keeps byte for byte (tar-split) and `docker save` writes back (moby
   * layer/layer_store.go applyTar; recorded: image-layers/loadkeep-foreign, loadkeep-import).
   * Only such layers keep theirs: a layer the engine made is written from its tree.
   */
  tar?: string;
}

export interface Image {
  id: string;
  /** Layer IDs, bottom first. */
  layers: string[];
  config: ImageConfig;
  history: HistoryEntry[];
  created: number;
  /** Legacy builder: the intermediate image this one was built on ('' for none). */
  parent: string;
  comment: string;
  /** `docker commit -a`. */
  author?: string;
  /**
   * `docker import`: the daemon wrote its config itself (moby image_import.go: an image.Image with
   * DockerVersion, a zero ContainerConfig), as for a commit (recorded: image-layers/savev1-import-config).
   */
  imported?: true;
  /**
   * `docker load`: the config as the archive held it. The image store keeps those bytes (the ID
   * is their digest), `docker save` writes them back, and the fields strata does not model
   * (docker_version, the exact created time, container_config) are read from them (moby
   * image/tarexport/load.go `l.is.Create(config)`; recorded: image-layers/loadkeep-*).
   */
  loadedConfig?: string;
  /** `docker commit`: the container's ID and config as the 20.10 daemon shows them (Container, ContainerConfig). */
  container?: { id: string; config: ImageConfig };
  /** Deleted by `rmi -f` while a container still uses it: only that container sees it. */
  removed?: boolean;
  /**
   * A catalog stand-in: the real image's registry layer digests (bottom first), which a later
   * pull of an image sharing them reports as `Already exists` (src/image/pull.ts).
   */
  registryLayers?: string[];
}

// ---------------------------------------------------------------- volumes

export interface Volume {
  name: string;
  driver: 'local';
  labels: Record<string, string> | null;
  options: Record<string, string> | null;
  createdAt: number;
  /** The volume's _data directory. */
  data: DirNode;
  /** The refusal of its readers when strata no longer follows what it holds (container/unfollowed.ts). */
  unfollowed?: string;
}

// ---------------------------------------------------------------- containers

export type MountType = 'volume' | 'bind' | 'tmpfs';

/** One entry of a container's mount table (moby's MountPoint, plus `--tmpfs`). */
export interface MountPoint {
  type: MountType;
  destination: string;
  /** Volume name for volumes; host path for binds; '' for tmpfs. */
  source: string;
  rw: boolean;
  /** As `docker inspect` shows it: 'z' for a named -v volume, 'ro'... */
  mode: string;
  propagation: string;
  /** The source the user gave ('' for anonymous volumes: those are removed by rm -v / --rm). */
  specSource: string;
  /** Copy image content into an empty volume at create (false for nocopy and --volumes-from). */
  copyData: boolean;
  subpath?: string;
  /** tmpfs size limit in bytes and root mode. */
  tmpfsSize?: number;
  tmpfsMode?: number;
  /** `--tmpfs DST:OPTS`: the option string as given (validated at start). */
  tmpfsOptions?: string;
  /** How the mount was asked for: decides HostConfig.Binds/Mounts/Tmpfs and `.Mounts` listing. */
  origin: 'bind-flag' | 'mount-flag' | 'config-volume' | 'tmpfs-flag' | 'volumes-from';
}

export type ContainerStatus = 'created' | 'running' | 'exited';

/** The runtime's own tmpfs mounts of a run, /dev and /dev/shm, and when runc mounted them. */
export interface RuntimeTmpfs {
  dev: DirNode;
  shm: DirNode;
  /** The start's time on strata's clock: /dev, /proc, /sys and /etc/hostname are dated then. */
  mounted: number;
}

export interface ContainerState {
  status: ContainerStatus;
  /** Frozen by `docker pause`: still running for everything storage cares about. */
  paused?: boolean;
  exitCode: number;
  startedAt: number;
  finishedAt: number;
  /** Daemon-side error of the last start (`docker inspect .State.Error`). */
  error: string;
  /** State.Health of a container whose health check has a probe (container/health.ts). */
  health?: HealthState;
}

export interface ContainerConfig {
  Hostname: string;
  /** --domainname, compose's `domainname:` (the UTS domain name); absent: "". */
  Domainname?: string;
  User: string;
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  Image: string;
  Volumes: Record<string, Record<string, never>> | null;
  Labels: Record<string, string>;
  Tty: boolean;
  OpenStdin: boolean;
  StopSignal: string;
  /** `-p`/`--expose` ports and the image's EXPOSE (`80/tcp`); absent when none. */
  ExposedPorts?: Record<string, Record<string, never>>;
  /** `--stop-timeout` (seconds); absent unless given. */
  StopTimeout?: number;
  /** The streams the CLI attaches (run -d: none; otherwise stdout, stderr, and stdin with -i); absent = stdout and stderr. */
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  /** `-i` with stdin attached: stdin closes when the client detaches. */
  StdinOnce?: boolean;
  /**
   * Set by the daemon, never by a flag here: a start on the default bridge of a `--bridge=none`
   * daemon (moby connectToNetwork); later starts then skip networking. Shown when true.
   */
  NetworkDisabled?: boolean;
  /** The image's HEALTHCHECK (moby merges it in at create); absent when the image has none. */
  Healthcheck?: HealthConfig;
}

/** One `-p` binding as the API stores it (nat.PortBinding): HostIp/HostPort may be ''. */
export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** `--restart` (container.RestartPolicy): Name is '' , 'no', 'always', 'unless-stopped' or 'on-failure'. */
export interface RestartPolicy {
  Name: string;
  MaximumRetryCount: number;
}

/** `--ulimit name=soft[:hard]` (units.Ulimit). */
export interface Ulimit {
  Name: string;
  Hard: number;
  Soft: number;
}

export interface HostConfig {
  Binds: string[] | null;
  /** `--mount` values as the API stores them (for inspect .HostConfig.Mounts). */
  Mounts: ApiMount[] | null;
  Tmpfs: Record<string, string> | null;
  ReadonlyRootfs: boolean;
  AutoRemove: boolean;
  VolumesFrom: string[] | null;
  // The storage-neutral settings below are stored and shown as given (absent = Docker's default,
  // see docker/views/container.ts); strata enforces none of them except where a test says so.
  /** `-p`: container port (`80/tcp`) → bindings. */
  PortBindings?: Record<string, PortBinding[]>;
  PublishAllPorts?: boolean;
  RestartPolicy?: RestartPolicy;
  /** `--network`: `default`/`bridge`, `host`, `none`, `container:ID` or a user network's name. */
  NetworkMode?: string;
  LogConfig?: { Type: string; Config: Record<string, string> };
  Dns?: string[];
  DnsOptions?: string[];
  DnsSearch?: string[];
  ExtraHosts?: string[];
  CapAdd?: string[];
  /** `--group-add`: supplementary groups, numbers or names resolved at start. */
  GroupAdd?: string[];
  CapDrop?: string[];
  SecurityOpt?: string[];
  PidMode?: string;
  /** `--init` given (true or false); absent = nil (the daemon's default). */
  Init?: boolean;
  Memory?: number;
  /** `--memory-reservation` / compose `mem_reservation`, bytes. */
  MemoryReservation?: number;
  MemorySwap?: number;
  /** `--shm-size`: bytes of /dev/shm (the default 64 MiB filled in at create). */
  ShmSize?: number;
  /** `--ipc`: `private` (the default), `shareable` or `none` (no /dev/shm). */
  IpcMode?: string;
  NanoCpus?: number;
  CpuShares?: number;
  Ulimits?: Ulimit[];
}

/**
 * A container's attachment to one network (api/types/network.EndpointSettings): what was asked
 * for at create/connect, and the operational part the daemon fills at start and clears at stop.
 */
export interface Endpoint {
  /** `--network-alias` / `network connect --alias`, plus what the daemon adds (the short ID, on 20.10). */
  aliases: string[] | null;
  /** null from `run --network`; `{}` (or `--ip`) from `network connect`. */
  ipamConfig: { IPv4Address?: string } | null;
  driverOpts: Record<string, string> | null;
  /** 26.1: the names the embedded DNS answers for (user networks), set when the config is applied. */
  dnsNames: string[] | null;
  /** '' until the first start; kept after a stop. */
  networkId: string;
  /** Operational, while running ('' / 0 otherwise). */
  endpointId: string;
  ip: string;
  prefixLen: number;
  gateway: string;
  mac: string;
}

/** One published port while the container runs (NetworkSettings.Ports), in allocation order. */
export interface PortMapping {
  /** `80/tcp`. */
  port: string;
  hostIp: string;
  hostPort: number;
}

/** What `docker network` manages (moby api/types.NetworkResource). */
export interface Network {
  id: string;
  name: string;
  /** `bridge`, `host` or `null` (none). */
  driver: string;
  created: number;
  internal: boolean;
  attachable: boolean;
  /** IPAM.Config: the subnet, and the gateway when the user gave one or the daemon chose the pool. */
  subnet: string;
  gateway: string;
  /** Whether IPAM.Config lists the gateway (an auto-allocated pool or `--gateway`). */
  showGateway: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
}

export interface ApiMount {
  Type: MountType;
  Source: string;
  Target: string;
  ReadOnly?: boolean;
  /** `consistency=` as the CLI lower-cased it; stored and shown, meaningless on Linux. */
  Consistency?: string;
  /**
   * api/types/mount.BindOptions as the CLI sets it (`bind-propagation`, `bind-nonrecursive`, the
   * 28.2 client's `bind-recursive`); an empty object when a key was given with a false value.
   */
  BindOptions?: {
    Propagation?: string;
    NonRecursive?: boolean;
    ReadOnlyNonRecursive?: boolean;
    ReadOnlyForceRecursive?: boolean;
  };
  /** Field order is Go's (api/types/mount.VolumeOptions); the CLI always sets DriverConfig. */
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    Subpath?: string;
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
  };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface LogChunk {
  stream: 'stdout' | 'stderr';
  data: string;
  /** The run ended here: its streams closed, the log driver logs what is left of a line (data ''). */
  end?: true;
  /** With `end`: the main process's exit status. */
  status?: number;
  /** strata's clock when it was written (docker logs of a catalog server: container/server-log.ts). */
  at?: number;
  /**
   * A request the container's web server answered (data ''): its access log line, which
   * container/server-log.ts writes as a normal install's server would.
   */
  request?: AccessRecord;
}

/** What a web server's access log says of one request (network/http/web.ts). */
export interface AccessRecord {
  method: 'GET' | 'HEAD';
  target: string;
  status: number;
  /** The body's bytes sent (0 for HEAD). */
  bytes: number;
  agent: string;
  /** The client's address as the server sees it; undefined where strata does not know it. */
  client?: string;
}

/**
 * A process `docker exec -d` started that has not ended: it blocked (a sleep, `tail -f`, a shell
 * or `cat` reading a stdin that stays open) and runs in the background of its container until it
 * ends by itself on strata's clock or the main process ends (container/background-exec.ts).
 */
export interface BackgroundExec {
  /** The exec's ID (a 64-hex moby exec ID, in the container's ExecIDs). */
  id: string;
  argv: string[];
  /** Who it runs as and its environment, for a script that goes on after a sleep. */
  uid: number;
  gid: number;
  groups: number[];
  env: Record<string, string>;
  /** When it started on strata's clock (docker top's STIME). */
  startedAt: number;
  /** Its place among the processes of the container's run (Container.spawned), and its sleeping script's `sleep` child's. */
  pid: number;
  sleepPid?: number;
  /** Its PID in the container's namespace (container/process.ts execPid: `$$`). */
  nsPid?: number;
  /** As Container.execArgv, execJobs and jobPids, for this process. */
  execArgv?: string[];
  execJobs?: (string[] | null)[];
  jobPids?: number[];
  /** As Container.waiting, wakeAt and sleeping, for this process. */
  waiting?: WaitingShell;
  wakeAt?: number;
  sleeping?: WaitingShell;
}

export interface Container {
  id: string;
  /** Changed only by container/registry.ts renameContainer, which keeps the index of names. */
  readonly name: string;
  imageId: string;
  created: number;
  /** The main process: argv as Docker execs it. */
  path: string;
  args: string[];
  config: ContainerConfig;
  hostConfig: HostConfig;
  mounts: MountPoint[];
  /** overlay2 directory name of the writable layer (appears in some daemon errors). */
  layerId: string;
  /** The writable (upper) layer. */
  upper: DirNode;
  /** A BuildKit RUN step's container (see container/init-layer.ts). */
  buildkitStep?: boolean;
  /** Contents of the container's tmpfs mounts while it runs, by destination. */
  tmpfsData: Record<string, DirNode>;
  /**
   * The runtime's own tmpfs mounts, /dev and /dev/shm, from start to stop: every process of the
   * running container shares them (shm-lifetime recording); undefined when not running.
   */
  runtimeTmpfs?: RuntimeTmpfs;
  /**
   * Single-file binds hold the inode they were started with (container/file-binds.ts): the host
   * file as it was last seen through that inode, by destination; undefined when not running.
   */
  pinnedBinds?: Record<string, LinkableNode>;
  state: ContainerState;
  /**
   * The main process's shell while it is blocked in `wait` (its traps decide what `docker stop`
   * does); undefined when the main process is something else or not running.
   */
  waiting?: WaitingShell;
  /**
   * The time on strata's clock at which the main process's sleep is over (container/lifecycle.ts
   * endDueSleeps): a bare `sleep N` ends the process with 0 then; a script's `sleep N` lets it go
   * on (`sleeping`; its times keep fractions of a second). Undefined for any other process or
   * `sleep infinity`.
   */
  wakeAt?: number;
  /** The main process's shell asleep in a `sleep` of its script, with where it goes on (WaitingShell.frames, rest). */
  sleeping?: WaitingShell;
  /**
   * The processes started in the container's run after its main process, counted (their PIDs
   * come in that order: `docker top` lists them so): `docker exec -d` processes and the `sleep`
   * children of scripts asleep. `sleepPid` is the main script's current `sleep` child's number.
   */
  spawned?: number;
  sleepPid?: number;
  /** The last PID the container's PID namespace gave in this run (container/process.ts nextPid). */
  lastPid?: number;
  /** The program the main process's shell exec'd and that blocks (`exec sleep 1000`): what the process is now. */
  execArgv?: string[];
  /** The background jobs of the shell that exec'd it, as WaitingShell.jobs (still its children). */
  execJobs?: (string[] | null)[];
  /**
   * The credentials the main process took after it started as root (busybox `su USER`, which the
   * server images' entrypoints do through gosu, su-exec or setpriv: container/runtime-fs.ts
   * mainUser); undefined while it keeps the ones it started with. Cleared at each start.
   */
  mainDrop?: { uid: number; gid: number; groups: number[] };
  /** The numbers (as spawned) of the background jobs the main process's shell waits for (WaitingShell.jobs). */
  jobPids?: number[];
  /**
   * The processes `docker exec -d` started that still run, in the order they started (moby's
   * container.ExecCommands holds an exec until it exits); undefined when there are none.
   */
  execs?: BackgroundExec[];
  /** What the main process printed, in order and by stream (docker logs). */
  logs: LogChunk[];
  restartCount: number;
  /**
   * A client's `docker stop` or `docker kill` since the last start (moby HasBeenManuallyStopped);
   * `canceled`: one of them canceled the restart manager (ExitOnNext). container/restart.ts.
   */
  stoppedByHand?: { canceled: boolean };
  /**
   * strata no longer follows it (container/unfollowed.ts): the daemon keeps restarting it, or it
   * mounts what such a container changes; `why` is the refusal of every command that would show it.
   */
  unfollowed?: { why: string; runOutput?: string };
  /** Networks by name (NetworkSettings.Networks); absent on containers that never had one. */
  networks?: Record<string, Endpoint>;
  /** The network sandbox of the last start (NetworkSettings.SandboxID/SandboxKey). */
  sandboxId?: string;
  /**
   * libnetwork no longer holds the sandbox `sandboxId` names (deleted at a stop, or destroyed at a
   * start that made none: a network-disabled container, network/endpoints.ts); the ID stays in
   * NetworkSettings. Its endpoints are gone: no /etc/hosts lines, no addresses in use.
   */
  sandboxGone?: boolean;
  /**
   * When a start last made the network sandbox, which writes /etc/hosts and /etc/resolv.conf
   * (network/endpoints.ts startNetworking); undefined before that.
   */
  networkFilesAt?: number;
  /** Published ports while running; absent when stopped. */
  ports?: PortMapping[];
}

// ---------------------------------------------------------------- the whole engine

export interface EngineState {
  engine: EngineName;
  /** The dockerd flags it runs with (daemon/config.ts); absent: a normal install. */
  daemon?: DaemonConfig;
  /**
   * The oracle's stand-ins (EngineOptions.busyboxStandIns): every container runs busybox, also
   * one of a Debian- or Ubuntu-based stand-in (container/userland.ts). Absent: a normal install's
   * images, whose GNU tools such a stand-in's marker names.
   */
  busyboxStandIns?: true;
  /**
   * busybox:latest is the oracle's (EngineOptions.oracleBase: the engine a catalog stand-in is
   * built in), not the real image a normal install pulls (image/base.ts baseImage). Implied by
   * busyboxStandIns.
   */
  oracleBase?: true;
  ids: IdState;
  /** Seconds since the epoch; advances one second per scenario command. */
  clock: number;
  /** By ID (engine/table.ts: reading or changing one copies a bucket, not every layer). */
  layers: Table<Layer>;
  /** By ID, in creation order (engine/table.ts). */
  images: Table<Image>;
  /** `name:tag` → image ID. */
  tags: Record<string, string>;
  /**
   * A normal install's pulled catalog images (image/real.ts): the top layer of each stand-in → what
   * strata knows of the real image it stands for. Absent with `busyboxStandIns`.
   */
  realImages?: Record<string, import('../image/real.ts').RealFacts>;
  /** Digest references of pulled images, `name@sha256:...` → image ID (RepoDigests). */
  digests?: Record<string, string>;
  /**
   * Layer identities by the digest of their tar (Docker's DiffID): `docker load` of a layer the
   * engine once had gives it back its ID, as a real daemon derives it from the content
   * (image/archive.ts).
   */
  layerDigests?: Record<string, string>;
  /** BuildKit's build cache (26.1 profile only; see image/build/cache.ts). */
  buildCache?: BuildCacheRecord[];
  /**
   * Set once BuildKit built from a context strata keeps no cache records for (what, in words):
   * from then on the build cache's figures are unknown and the commands that print them refuse.
   */
  buildCacheUnsimulated?: string;
  /** BuildKit's RUN --mount=type=cache directories, by cache id (image/build/run-mount.ts). */
  buildMountCache?: Record<string, DirNode>;
  /**
   * The predefined proxy args (and BuildKit's secrets) a RUN step last ran with, by the step's
   * cache key without them (image/build/builder.ts proxyRun), and what that run made (the legacy
   * builder's step image, BuildKit's layer): while that result is still cached, a build with other
   * proxy values or secrets (or none) takes it.
   */
  buildProxyRuns?: Record<string, { proxies: Record<string, string>; secrets?: Record<string, string>; ref: string }>;
  /**
   * BuildKit's steps (RUN, COPY, ADD, WORKDIR) by a key of what they ran on and with, and the
   * layer each made: while that layer's cache record is there, the same step is `CACHED` in the
   * build's display (image/build/builder.ts, image/build/progress.ts).
   */
  buildSteps?: Record<string, string>;
  /**
   * What BuildKit holds of each context directory it was sent (its path → each entry's
   * metadata, image/build/progress.ts entryFingerprint): a later transfer of the directory sends
   * the data of new and changed files only. Gone with the build cache's source records.
   */
  buildContextSent?: Record<string, Record<string, string>>;
  /** By ID, in creation order (engine/table.ts); changed only through container/registry.ts. */
  containers: Table<Container>;
  /** Names and volume references of the containers, kept with them by container/registry.ts. */
  containerIndex: ContainerIndex;
  /** By name, in creation order (engine/table.ts: cheap to change however many there are). */
  volumes: Table<Volume>;
  /** By ID, in creation order: the normal install's bridge, host and none, then user networks. */
  networks?: Record<string, Network>;
  /**
   * The daemon's allocators that keep a position: the predefined-pool start index (libnetwork
   * ipam, round robin) and the last port handed out per (host IP, proto, range) (portallocator).
   */
  netAlloc?: { poolStart: number; lastPort: Record<string, number> };
  /** The simulated host's file system (bind sources, $PWD). */
  host: DirNode;
  /** The scenario's working directory on the host ($PWD). */
  hostCwd: string;
  /** Host directories strata no longer follows, with the refusal of their readers (container/unfollowed.ts). */
  unfollowedHost?: Record<string, string>;
}
