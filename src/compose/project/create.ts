// A service's container as compose asks the daemon for it (pkg/compose/create.go getCreateConfigs,
// buildContainerVolumes, buildContainerMountOptions): labels with the config hash, the command,
// environment, and the mounts. Short-syntax binds (create_host_path) go as `HostConfig.Binds`
// strings so the daemon creates missing sources; every other mount goes as `HostConfig.Mounts`:
// named volumes with their project name, `- /path` as a volume mount without source (so it lacks
// the anonymous label), tmpfs with its options. On a recreate, the old container's anonymous
// volumes (image VOLUME targets and source-less service volumes) are passed again BY NAME, so the
// daemon treats them as named from then on: `down -v` and `rm -v` no longer remove them.

import type { ApiMount, Container, EngineState } from '../../engine/state.ts';
import { DaemonError, containerCreate, type ContainerCreateRequest } from '../../daemon/index.ts';
import { noSuchImage } from '../../image/store.ts';
import { defaultSettings, type ContainerSettings } from '../../container/settings.ts';
import { sha256Hex } from '../../engine/ids.ts';
import { cleanPath } from '../model/canonical.ts';
import { imageName, type Project, type SecretModel, type ServiceModel, type ServiceSecret, type ServiceVolume } from '../model/project.ts';
import { quote } from '../../docker/format/fmt.ts';
import { containerFs } from '../../container/runtime-fs.ts';
import { extractEntries } from '../../archive/untar.ts';
import { COMPOSE_VERSION, LABEL, projectContainers } from './containers.ts';
import { ComposeError, type ComposeEnv } from './env.ts';
import { ComposeUnsupported } from '../model/load.ts';
import { tablePeek } from '../../engine/table.ts';
import { parseGoDuration } from '../../docker/format/duration.ts';

/** ServiceHash (pkg/compose/hash.go): the service's model without build, pull_policy, scale and deploy.replicas. */
export function serviceHash(s: ServiceModel): string {
  const { build: _build, pull_policy: _pull, scale: _scale, ...withDeploy } = s;
  void _build;
  void _pull;
  void _scale;
  const rest: Omit<ServiceModel, 'build' | 'pull_policy' | 'scale'> = withDeploy.deploy ? { ...withDeploy, deploy: { ...withDeploy.deploy, replicas: undefined } } : withDeploy;
  return sha256Hex(JSON.stringify(rest, Object.keys(rest).sort()) + JSON.stringify(rest));
}

/** The labels every container of the project carries (ToProject CustomLabels). */
export function customLabels(p: Project, s: ServiceModel, oneoff: boolean): Record<string, string> {
  return {
    [LABEL.project]: p.name,
    [LABEL.service]: s.name,
    [LABEL.version]: COMPOSE_VERSION,
    [LABEL.workingDir]: p.workingDir,
    [LABEL.configFiles]: p.composeFiles.join(','),
    [LABEL.oneoff]: oneoff ? 'True' : 'False',
  };
}

/** The volume string compose sends in Binds (ServiceVolumeConfig.String). */
function bindString(v: ServiceVolume): string {
  const options = [v.read_only ? 'ro' : 'rw'];
  if (v.bind?.selinux) options.push(v.bind.selinux);
  if (v.bind?.propagation) options.push(v.bind.propagation);
  if (v.volume?.nocopy) options.push('nocopy');
  return `${v.source ?? ''}:${v.target}:${options.join(',')}`;
}

/** buildMount: one service volume as an API mount. */
function buildMount(p: Project, v: ServiceVolume): ApiMount {
  let source = v.source ?? '';
  if (v.type === 'volume' && source !== '' && p.volumes[source]) source = p.volumes[source].name;
  const m: ApiMount = { Type: v.type as ApiMount['Type'], Source: source, Target: cleanPath(v.target) };
  if (v.read_only) m.ReadOnly = true;
  if (v.type === 'volume') {
    if (v.volume) {
      m.VolumeOptions = {};
      if (v.volume.nocopy) m.VolumeOptions.NoCopy = true;
      if (v.volume.subpath) m.VolumeOptions.Subpath = v.volume.subpath;
    }
  } else if (v.type === 'tmpfs' && v.tmpfs) {
    m.TmpfsOptions = {};
    if (v.tmpfs.size) m.TmpfsOptions.SizeBytes = v.tmpfs.size;
    if (v.tmpfs.mode) m.TmpfsOptions.Mode = v.tmpfs.mode;
  }
  return m;
}

export interface MountPlan {
  binds: string[];
  mounts: ApiMount[];
}

/**
 * buildContainerMountOptions + buildContainerVolumes. `inherit`: the container being replaced,
 * whose anonymous volumes the new one takes over (unless `-V`).
 */
export function planMounts(st: EngineState, p: Project, s: ServiceModel, imageVolumes: string[], inherit: Container | undefined): MountPlan {
  const mounts = new Map<string, ApiMount>();
  let volumes = s.volumes ?? [];
  if (inherit) {
    for (const m of inherit.mounts) {
      if (m.type === 'tmpfs' || m.origin === 'tmpfs-flag') continue;
      const dst = cleanPath(m.destination);
      const inherited: ApiMount = { Type: m.type, Source: m.source, Target: dst, ...(m.rw ? {} : { ReadOnly: true }) };
      if (imageVolumes.includes(dst)) mounts.set(dst, inherited);
      const kept: ServiceVolume[] = [];
      for (const v of volumes) {
        if (cleanPath(v.target) !== dst || (v.source ?? '') !== '') kept.push(v);
        else mounts.set(dst, inherited);
      }
      volumes = kept;
    }
  }
  void st;
  const binds: string[] = [];
  const apiMounts: ApiMount[] = [...mounts.values()];
  for (const v of volumes) {
    const m = buildMount(p, v);
    if (m.Type === 'bind' && v.bind?.create_host_path) {
      binds.push(bindString(v));
      continue;
    }
    // a later entry for the same target replaces an inherited one
    const i = apiMounts.findIndex((x) => x.Target === m.Target);
    if (i >= 0) apiMounts.splice(i, 1);
    apiMounts.push(m);
  }
  // buildContainerSecretMounts, buildContainerConfigMounts (pkg/compose/create.go at v2.26.1):
  // each file secret is a read-only bind of its file at /run/secrets/SOURCE or its target (a
  // relative one under /run/secrets), each file config at /SOURCE or its target (relative under
  // /), unless a volume (or, for a config, a secret) already has that target; within one kind a
  // later entry for a target wins (a map by target). The daemon refuses a file that does not
  // exist (recorded: compose/secrets-file, compose/configs).
  const taken = new Set([...apiMounts.map((m) => m.Target), ...volumes.filter((v) => v.type === 'bind' && v.bind?.create_host_path).map((v) => cleanPath(v.target))]);
  for (const kind of ['secret', 'config'] as const) {
    const byTarget = new Map<string, ApiMount>();
    for (const x of (kind === 'secret' ? s.secrets : s.configs) ?? []) {
      const defined = (kind === 'secret' ? p.secrets : p.configs)[x.source];
      checkFileObject(kind, defined);
      if (defined?.environment !== undefined || defined?.content !== undefined) continue;
      const target = fileTarget(kind, x);
      byTarget.set(target, { Type: 'bind', Source: defined?.file ?? '', Target: target, ReadOnly: true });
    }
    for (const [target, m] of byTarget) {
      if (taken.has(cleanPath(target))) continue;
      taken.add(cleanPath(target));
      apiMounts.push(m);
    }
  }
  return { binds, mounts: apiMounts };
}

/** Where a secret or config goes in the container: its target, under /run/secrets or / when relative. */
function fileTarget(kind: 'secret' | 'config', x: ServiceSecret): string {
  const base = kind === 'secret' ? '/run/secrets/' : '/';
  return x.target === undefined || x.target === '' ? base + x.source : x.target.startsWith('/') ? x.target : base + x.target;
}

/** The kinds compose refuses when it builds the mounts, with its words. */
function checkFileObject(kind: 'secret' | 'config', defined: SecretModel | undefined): void {
  if (defined?.external) throw new ComposeError(`unsupported external ${kind} ${defined.name}`);
  if (defined?.driver) throw new ComposeError(`Docker Compose does not support ${kind}s.*.driver`);
  if (defined?.template_driver) throw new ComposeError(`Docker Compose does not support ${kind}s.*.template_driver`);
}

/**
 * injectSecrets, injectConfigs (pkg/compose/secrets.go at v2.26.1), after the create: a secret
 * from `environment:`, a config from `content:` or `environment:`, is copied into the new
 * container as a tar of one file at its target, mode 0444 (or the entry's), owned by uid/gid
 * (0), its missing parents made 0755 root: it lives in the writable layer, and a container kept
 * by up keeps the old value (recorded: compose/configs).
 */
function injectFiles(env: ComposeEnv, p: Project, s: ServiceModel, c: Container): void {
  const st = env.ctx.st;
  for (const kind of ['secret', 'config'] as const) {
    for (const x of (kind === 'secret' ? s.secrets : s.configs) ?? []) {
      const defined = (kind === 'secret' ? p.secrets : p.configs)[x.source];
      if (!defined) continue;
      let content = kind === 'config' ? (defined.content ?? '') : '';
      if (defined.environment !== undefined) {
        const value = p.environment.get(defined.environment);
        if (value === undefined) throw new ComposeError(`environment variable ${quote(defined.environment)} required by file ${quote(defined.name)} is not set`);
        content = value;
      } else if (kind === 'secret') continue;
      if (content === '') continue;
      if (c.hostConfig.ReadonlyRootfs) throw new ComposeUnsupported(`strata does not simulate compose copying ${kind} ${x.source} into a container with a read-only root file system`);
      const uid = x.uid === undefined ? 0 : Number(x.uid);
      const gid = x.gid === undefined ? 0 : Number(x.gid);
      if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new ComposeUnsupported(`strata does not simulate compose's error for the ${kind} ${x.source}'s uid or gid`);
      const cfs = containerFs(st, c, { createMountpoints: true, withoutTmpfs: true, withoutNetworkFiles: c.state.startedAt === 0 });
      extractEntries(cfs, '/', [{ name: fileTarget(kind, x), type: 'file', mode: x.mode ?? 0o444, uid, gid, mtime: st.clock, data: content }], { chown: true });
    }
  }
}

export interface ServiceContainerOptions {
  name: string;
  number: number;
  imageId: string;
  oneoff: boolean;
  inherit?: Container;
  autoRemove?: boolean;
  /** `run`: its command, environment, extra volumes... */
  override?: Partial<Pick<ServiceModel, 'command' | 'entrypoint' | 'user' | 'working_dir' | 'volumes'>> & { env?: Record<string, string | null>; labels?: Record<string, string>; tty?: boolean; stdinOpen?: boolean };
  /** Extra labels (com.docker.compose.replace on a recreate). */
  labels?: Record<string, string>;
}

/**
 * resolveSharedNamespaces (pkg/compose/convergence.go at v2.26.1): `network_mode: service:NAME`
 * becomes `container:<ID>` of NAME's first container by name, so the daemon joins its network
 * namespace (its hostname and /etc/hosts too); none is `cannot share network namespace with
 * service NAME: container missing` (recorded: compose/sweep-network-mode-service).
 */
export function resolveNetworkMode(env: ComposeEnv, p: Project, mode: string): string {
  if (!mode.startsWith('service:')) return mode;
  const name = mode.slice('service:'.length);
  const deps = projectContainers(env.ctx.st, p.name, 'exclude', [name]).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (deps.length === 0) throw new ComposeError(`cannot share network namespace with service ${name}: container missing`);
  return `container:${deps[0].id}`;
}

/** mapRestartPolicyCondition: deploy's words for the engine's restart policies. */
function restartCondition(condition: string): string {
  if (condition === 'none') return 'no';
  if (condition === 'any') return 'always';
  return condition;
}

/** createMobyContainer: the request, then the daemon's create. Throws the daemon's DaemonError. */
export function createServiceContainer(env: ComposeEnv, p: Project, s: ServiceModel, o: ServiceContainerOptions): Container {
  const st = env.ctx.st;
  // an image compose did not pull (pull_policy never, --pull never): ContainerCreate's answer
  // (recorded: compose/sweep-pull-never-untagged)
  if (o.imageId === '') throw new DaemonError(noSuchImage(imageName(p, s)));
  const image = tablePeek(st.images, o.imageId)!;
  const service: ServiceModel = { ...s, ...(o.override ?? {}) };
  // buildContainerSecretMounts, buildContainerConfigMounts: a logrus warning per entry
  for (const kind of ['secret', 'config'] as const) {
    for (const x of (kind === 'secret' ? service.secrets : service.configs) ?? []) {
      if (x.uid !== undefined || x.gid !== undefined || x.mode !== undefined) env.warn(`${kind === 'secret' ? 'secrets' : 'config'} \`uid\`, \`gid\` and \`mode\` are not supported, they will be ignored`);
    }
  }
  const plan = planMounts(st, p, service, Object.keys(image.config.Volumes ?? {}).map(cleanPath), o.inherit);
  const environment = { ...(s.environment ?? {}), ...(o.override?.env ?? {}) };
  const labels: Record<string, string> = {
    ...(s.labels ?? {}),
    ...customLabels(p, s, o.oneoff),
    ...(o.override?.labels ?? {}),
    [LABEL.configHash]: serviceHash(s),
    [LABEL.number]: String(o.number),
    [LABEL.dependsOn]: Object.entries(s.depends_on ?? {}).map(([k, d]) => `${k}:${d.condition}:${d.restart === true}`).join(','),
    [LABEL.image]: `sha256:${o.imageId}`,
    ...(o.labels ?? {}),
  };
  const settings: ContainerSettings = defaultSettings();
  settings.attachStdin = false;
  settings.attachStdout = true;
  settings.attachStderr = true;
  const mainNetwork = Object.keys(service.networks ?? {}).sort()[0];
  if (service.network_mode) settings.networkMode = resolveNetworkMode(env, p, service.network_mode);
  else if (mainNetwork !== undefined && p.networks[mainNetwork]) {
    settings.networkMode = p.networks[mainNetwork].name;
    settings.networkAliases = o.oneoff ? [] : [o.name, s.name, ...(service.networks?.[mainNetwork]?.aliases ?? [])];
  } else settings.networkMode = 'none';
  // getRestartPolicy (pkg/compose/create.go at v2.26.1): `restart`, then deploy.restart_policy
  // over it, each condition mapped to the engine's (recorded: compose/sweep-restart-policies,
  // compose/sweep-restart-policy-any)
  if (s.restart) settings.restart = { Name: restartCondition(s.restart.split(':')[0]), MaximumRetryCount: Number(s.restart.split(':')[1] ?? '0') };
  const rp = s.deploy?.restart_policy;
  if (rp) settings.restart = { Name: restartCondition(rp.condition ?? ''), MaximumRetryCount: rp.max_attempts ?? 0 };
  if (s.stop_signal) settings.stopSignal = s.stop_signal;
  // LogConfig: logging's driver and options (getCreateConfigs; an empty driver is the daemon's
  // default; recorded: compose/sweep-logging-driver)
  if (s.logging) {
    settings.logDriver = s.logging.driver ?? '';
    settings.logOpts = { ...(s.logging.options ?? {}) };
  }
  // StopTimeout: stop_grace_period in whole seconds, truncated (utils.DurationSecondToInt,
  // pkg/compose/create.go getCreateConfigs at v2.26.1; recorded: compose/sweep-stop-grace-timeouts)
  if (s.stop_grace_period !== undefined) settings.stopTimeout = Number(parseGoDuration(s.stop_grace_period) / 1_000_000_000n);
  // ToHealthCheck (pkg/compose/create.go): `disable` is NONE; the daemon merges it with the image's
  if (s.healthcheck) {
    const h = s.healthcheck;
    settings.healthcheck = h.disable
      ? { Test: ['NONE'] }
      : {
          Test: h.test ?? [],
          ...(h.interval ? { Interval: h.interval } : {}),
          ...(h.timeout ? { Timeout: h.timeout } : {}),
          ...(h.start_period ? { StartPeriod: h.start_period } : {}),
          ...(h.start_interval ? { StartInterval: h.start_interval } : {}),
          ...(h.retries ? { Retries: h.retries } : {}),
        };
  }
  if (s.init !== undefined) settings.init = s.init;
  if (s.shm_size) settings.shmSize = s.shm_size;
  // getDeployResources (pkg/compose/create.go at v2.26.1): mem_limit, mem_reservation and cpus
  // (a float32 times 1e9, truncated), then deploy.resources' limits (cpus, memory) and
  // reservations (memory; a cpus reservation is swarm's) over them (recorded: compose/limits)
  const nano = (cpus: number): number => Math.trunc(Math.fround(Math.fround(cpus) * 1e9));
  if (s.mem_limit) settings.memory = s.mem_limit;
  if (s.mem_reservation) settings.memoryReservation = s.mem_reservation;
  if (s.cpus) settings.nanoCpus = nano(s.cpus);
  const limits = s.deploy?.resources?.limits;
  if (limits?.cpus) settings.nanoCpus = nano(limits.cpus);
  if (limits?.memory) settings.memory = limits.memory;
  const reservations = s.deploy?.resources?.reservations;
  if (reservations?.memory && reservations.memory > 0) settings.memoryReservation = reservations.memory;
  // getUlimits: a single value is both limits; compose walks a Go map (any order), strata sorts
  settings.ulimits = Object.keys(s.ulimits ?? {}).sort().map((name) => {
    const u = s.ulimits![name];
    return 'single' in u ? { Name: name, Soft: u.single, Hard: u.single } : { Name: name, Soft: u.soft, Hard: u.hard };
  });
  settings.capAdd = s.cap_add ?? [];
  settings.capDrop = s.cap_drop ?? [];
  settings.dns = s.dns ?? [];
  // HostsList.AsList(":"): the daemon's `host:ip`
  settings.extraHosts = (s.extra_hosts ?? []).map((h) => h.replace('=', ':'));
  // buildContainerPorts / buildContainerPortBindingOptions (pkg/compose/create.go): `expose`
  // entries as written (`5000`, no protocol), then each port's `TARGET/PROTOCOL`; a binding per
  // entry, its host IP and published port as given (empty: all addresses, an ephemeral port).
  for (const e of s.expose ?? []) if (!settings.exposedPorts.includes(e)) settings.exposedPorts.push(e);
  for (const port of s.ports ?? []) {
    const key = `${port.target}/${port.protocol ?? ''}`;
    if (!settings.exposedPorts.includes(key)) settings.exposedPorts.push(key);
    settings.portBindings[key] = [...(settings.portBindings[key] ?? []), { HostIp: port.host_ip ?? '', HostPort: port.published ?? '' }];
  }
  const tmpfs: Record<string, string> = {};
  for (const t of s.tmpfs ?? []) {
    const i = t.indexOf(':');
    tmpfs[i >= 0 ? t.slice(0, i) : t] = i >= 0 ? t.slice(i + 1) : '';
  }
  const req: ContainerCreateRequest = {
    name: o.name,
    imageId: o.imageId,
    imageRef: imageName(p, s),
    cmd: service.command ?? [],
    entrypoint: service.entrypoint === null ? undefined : service.entrypoint.length === 0 ? '' : service.entrypoint[0],
    env: Object.entries(environment).map(([k, v]) => (v === null ? k : `${k}=${v}`)),
    workdir: service.working_dir,
    hostname: s.hostname,
    // ServiceConfig.DomainName into container.Config.Domainname (pkg/compose/create.go getCreateConfigs)
    domainname: s.domainname,
    user: service.user,
    tty: o.override?.tty ?? s.tty ?? false,
    openStdin: o.override?.stdinOpen ?? s.stdin_open ?? false,
    binds: plan.binds,
    anonymous: [],
    mounts: plan.mounts,
    tmpfs,
    volumesFrom: service.volumes_from ?? [],
    readOnly: s.read_only ?? false,
    autoRemove: o.autoRemove ?? false,
    labels,
    settings,
  };
  const c = containerCreate(st, req, env.ctx.events);
  injectFiles(env, p, service, c);
  // An entrypoint of several words: the daemon's create takes the whole list.
  if (service.entrypoint && service.entrypoint.length > 1) {
    c.config.Entrypoint = [...service.entrypoint];
    const argv = [...service.entrypoint, ...(c.config.Cmd ?? [])];
    c.path = argv[0];
    c.args = argv.slice(1);
  }
  // compose sends an empty Env list as null when the service sets none.
  return c;
}
