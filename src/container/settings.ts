// The storage-neutral container settings (`-p`, `--restart`, `--network`, `-m`, `--cpus`,
// `--log-driver`, `--cap-add`, ...): what the CLI sends, the daemon's checks at create (moby
// daemon/container.go verifyContainerSettings, daemon_unix.go verifyPlatformContainerResources)
// and where each is stored. Strata stores and shows them; it enforces none (no cgroups, no
// restarts), except that ports and networks are bookkept (src/network/).

import { parsePortRange, splitProtoPort } from '../network/ports.ts';
import type { Container, Endpoint, EngineState, HealthConfig, PortBinding, RestartPolicy, Ulimit } from '../engine/state.ts';
import type { EngineProfile } from '../engine/profile.ts';
import { DaemonError } from './errors.ts';
import { findContainer } from './lookup.ts';
import { lookupNetwork } from '../network/store.ts';
import { parseSignal } from './signals.ts';
import { healthProblem, mergeHealth } from './health.ts';

export interface ContainerSettings {
  /** `-p` and `--expose` ports (`80/tcp`), in the order given. */
  exposedPorts: string[];
  portBindings: Record<string, PortBinding[]>;
  publishAll: boolean;
  restart: RestartPolicy;
  /** What the CLI sends: `default` without `--network`. */
  networkMode: string;
  networkAliases: string[];
  logDriver: string;
  logOpts: Record<string, string>;
  dns: string[];
  dnsOptions: string[];
  dnsSearch: string[];
  extraHosts: string[];
  capAdd: string[];
  groupAdd: string[];
  capDrop: string[];
  securityOpt: string[];
  pidMode: string;
  /** `--init` given: its value; undefined when not given. */
  init?: boolean;
  memory: number;
  /** Bytes; 0: none. */
  memoryReservation: number;
  memorySwap: number;
  /** `--shm-size` in bytes; 0 for the daemon's default. */
  shmSize: number;
  /** `--ipc`: '' for the daemon's default. */
  ipcMode: string;
  nanoCpus: number;
  cpuShares: number;
  ulimits: Ulimit[];
  stopSignal?: string;
  stopTimeout?: number;
  /** `--health-*` or `--no-healthcheck`: merged with the image's HEALTHCHECK (container/health.ts). */
  healthcheck?: HealthConfig;
  /** The streams the CLI attaches (docker/cli opts.go parse, run.go: `-d` detaches all). */
  attachStdin: boolean;
  attachStdout: boolean;
  attachStderr: boolean;
}

export function defaultSettings(): ContainerSettings {
  return {
    exposedPorts: [],
    portBindings: {},
    publishAll: false,
    restart: { Name: 'no', MaximumRetryCount: 0 },
    networkMode: 'default',
    networkAliases: [],
    logDriver: '',
    logOpts: {},
    dns: [],
    dnsOptions: [],
    dnsSearch: [],
    extraHosts: [],
    capAdd: [],
    groupAdd: [],
    capDrop: [],
    securityOpt: [],
    pidMode: '',
    memory: 0,
    memoryReservation: 0,
    memorySwap: 0,
    shmSize: 0,
    ipcMode: '',
    nanoCpus: 0,
    cpuShares: 0,
    ulimits: [],
    attachStdin: false,
    attachStdout: true,
    attachStderr: true,
  };
}

/** The simulated host's name (what `hostname` prints in its shell: engine/engine.ts). */
export const HOST_HOSTNAME = 'host';

/** The simulated host's CPUs (the recording host has 2: "Range of CPUs is from 0.01 to 2.00"). */
export const HOST_CPUS = 2;

/** config.DefaultShmSize (moby daemon/config/config.go): 64 MiB. */
export const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

/** linuxMinMemory (daemon/daemon_unix.go): 6 MiB. */
const MIN_MEMORY = 6 * 1024 * 1024;

/** The kernel's capabilities (CAP_CHOWN = 0 ... CAP_CHECKPOINT_RESTORE = 40 on the recording host). */
const CAPABILITIES = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
  'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
  'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ',
  'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
].map((c) => `CAP_${c}`);

/** oci/caps NormalizeLegacyCapabilities: upper case, `CAP_` added, `ALL` kept; an unknown one is an error. */
function normalizeCaps(caps: string[], which: 'CapAdd' | 'CapDrop'): string[] {
  return caps.map((raw) => {
    const c = raw.toUpperCase();
    if (c === 'ALL') return c;
    const full = c.startsWith('CAP_') ? c : `CAP_${c}`;
    if (!CAPABILITIES.includes(full)) throw new DaemonError(`invalid ${which}: unknown capability: "${full}"`);
    return full;
  });
}

/** The log drivers strata simulates, with the options each accepts (daemon/logger/*: ValidateLogOpt). */
const LOG_DRIVERS: Record<string, string[]> = {
  'json-file': ['max-file', 'max-size', 'compress', 'labels', 'labels-regex', 'env', 'env-regex', 'tag'],
  local: ['max-file', 'max-size', 'compress'],
  none: [],
};

/** The logging drivers a daemon has built in (daemon/logdrivers_linux.go) that strata does not run. */
export const OTHER_LOG_DRIVERS = ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'logentries', 'splunk', 'syslog'];

/**
 * The daemon's check of a restart policy (verifyContainerSettings: validateRestartPolicy), for
 * create and update alike; 26.1 words its errors in lower case with a prefix.
 */
export function validateRestartPolicy(r: RestartPolicy, profile: EngineProfile): void {
  const lower = profile.lowercaseErrors;
  if (['always', 'unless-stopped', 'no'].includes(r.Name) && r.MaximumRetryCount !== 0) {
    if (!lower) throw new DaemonError(`maximum retry count cannot be used with restart policy '${r.Name}'`);
    throw new DaemonError(`invalid restart policy: maximum retry count can only be used with 'on-failure'${r.MaximumRetryCount < 0 ? ' and cannot be negative' : ''}`);
  }
  if (r.Name === 'on-failure' && r.MaximumRetryCount < 0) {
    throw new DaemonError(lower ? 'invalid restart policy: maximum retry count cannot be negative' : 'maximum retry count cannot be negative');
  }
  if (!['always', 'unless-stopped', 'no', 'on-failure', ''].includes(r.Name)) {
    throw new DaemonError(
      lower ? `invalid restart policy: unknown policy '${r.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'` : `invalid restart policy '${r.Name}'`,
    );
  }
}

/**
 * The daemon's checks of the settings at create, in its order (validateContainerConfig,
 * validateHostConfig, verifyPlatformContainerResources, the log config), then the values as the
 * daemon stores them. Throws a DaemonError with the profile's words.
 */
export function applySettings(
  st: EngineState,
  profile: EngineProfile,
  c: Container,
  s: ContainerSettings,
  imageExposed: string[],
  hostnameGiven: boolean,
): void {
  const lower = profile.lowercaseErrors;
  if (s.healthcheck) {
    const problem = healthProblem(s.healthcheck);
    if (problem !== undefined) throw new DaemonError(problem);
  }
  if (s.stopSignal !== undefined && s.stopSignal !== '' && parseSignal(s.stopSignal) === undefined) {
    throw new DaemonError(`${lower ? 'invalid' : 'Invalid'} signal: ${s.stopSignal}`);
  }
  // validateHostConfig's validatePortBindings (moby daemon/container.go): each container port is
  // nat.ParsePort, each host port nat.NewPort; the CLI checks -p first, compose's long syntax does
  // not (recorded: compose/ports-long-errors)
  for (const [port, bindings] of Object.entries(s.portBindings)) {
    const num = splitProtoPort(port)[1];
    if (num !== '' && (!/^\d+$/.test(num) || Number(num) > 65535)) throw new DaemonError(`invalid port specification: ${JSON.stringify(num)}`);
    for (const b of bindings) {
      const host = splitProtoPort(b.HostPort)[1];
      if (host !== '' && 'error' in parsePortRange(host, '28.2')) throw new DaemonError(`invalid port specification: ${JSON.stringify(b.HostPort)}`);
    }
  }
  validateRestartPolicy(s.restart, profile);
  const capAdd = normalizeCaps(s.capAdd, 'CapAdd');
  const capDrop = normalizeCaps(s.capDrop, 'CapDrop');
  if (s.memory !== 0 && s.memory < MIN_MEMORY) throw new DaemonError('Minimum memory limit allowed is 6MB');
  if (s.memory > 0 && s.memorySwap > 0 && s.memorySwap < s.memory) {
    throw new DaemonError('Minimum memoryswap limit should be larger than memory limit, see usage');
  }
  if (s.memory === 0 && s.memorySwap > 0) throw new DaemonError('You should always set the Memory limit when using Memoryswap limit, see usage');
  if (s.nanoCpus < 0 || s.nanoCpus > HOST_CPUS * 1e9) {
    throw new DaemonError(`Range of CPUs is from 0.01 to ${HOST_CPUS}.00, as there are only ${HOST_CPUS} CPUs available`);
  }
  if (s.networkMode.startsWith('container:')) {
    // runconfig validateNetContainerMode: a shared namespace brings its own names and ports.
    if (hostnameGiven) throw new DaemonError('conflicting options: hostname and the network mode');
    if (s.dns.length > 0) throw new DaemonError('conflicting options: dns and the network mode');
    if (s.extraHosts.length > 0) throw new DaemonError('conflicting options: custom host-to-IP mapping and the network mode');
    if (Object.keys(s.portBindings).length > 0 || s.publishAll) throw new DaemonError('conflicting options: port publishing and the container type network mode');
    if (s.exposedPorts.length > 0) throw new DaemonError('conflicting options: port exposing and the container type network mode');
  }
  if (s.pidMode.startsWith('container:')) {
    const ref = s.pidMode.slice('container:'.length);
    if (!findContainer(st, ref)) throw new DaemonError(`No such container: ${ref}`);
  }
  const driver = s.logDriver === '' ? 'json-file' : s.logDriver;
  const known = LOG_DRIVERS[driver];
  if (known === undefined) throw new DaemonError(`error looking up logging plugin ${driver}: plugin "${driver}" not found`);
  for (const key of Object.keys(s.logOpts)) {
    if (!known.includes(key)) throw new DaemonError(`unknown log opt '${key}' for ${driver} log driver`);
  }

  const exposed: Record<string, Record<string, never>> = {};
  for (const p of [...s.exposedPorts, ...imageExposed]) exposed[p] = {};
  if (Object.keys(exposed).length > 0) c.config.ExposedPorts = exposed;
  if (s.stopSignal) c.config.StopSignal = s.stopSignal;
  if (s.healthcheck) c.config.Healthcheck = mergeHealth(s.healthcheck, c.config.Healthcheck);
  if (s.stopTimeout !== undefined) c.config.StopTimeout = s.stopTimeout;
  c.config.AttachStdin = s.attachStdin;
  c.config.AttachStdout = s.attachStdout;
  c.config.AttachStderr = s.attachStderr;
  c.config.StdinOnce = c.config.OpenStdin && s.attachStdin;
  const h = c.hostConfig;
  h.PortBindings = s.portBindings;
  h.PublishAllPorts = s.publishAll;
  h.RestartPolicy = { Name: s.restart.Name === '' && profile.emptyRestartIsNo ? 'no' : s.restart.Name, MaximumRetryCount: s.restart.MaximumRetryCount };
  // The 26.1 daemon (API 1.44+) stores the default mode under its real name (recorded: core/run-settings-inspect).
  h.NetworkMode = s.networkMode === 'default' && profile.client === '28.2' ? 'bridge' : sharedById(st, s.networkMode);
  h.LogConfig = { Type: driver, Config: { ...s.logOpts } };
  h.Dns = [...s.dns];
  h.DnsOptions = [...s.dnsOptions];
  h.DnsSearch = [...s.dnsSearch];
  if (s.extraHosts.length > 0) h.ExtraHosts = [...s.extraHosts];
  // 20.10 keeps the capabilities as typed; 26.1 stores them normalized (recorded: core/run-settings-inspect).
  if (capAdd.length > 0) h.CapAdd = lower ? capAdd : [...s.capAdd];
  if (capDrop.length > 0) h.CapDrop = lower ? capDrop : [...s.capDrop];
  // Stored as given; names are looked up in the container's /etc/group at start (user.ts).
  if (s.groupAdd.length > 0) h.GroupAdd = [...s.groupAdd];
  // daemon/create.go generateSecurityOpt: a host PID namespace turns SELinux labels off,
  // unless a label option was given.
  const securityOpt = [...s.securityOpt];
  if (s.pidMode === 'host' && !securityOpt.some((o) => o.split('=')[0] === 'label')) securityOpt.push('label=disable');
  if (securityOpt.length > 0) h.SecurityOpt = securityOpt;
  h.PidMode = sharedById(st, s.pidMode);
  if (s.init !== undefined) h.Init = s.init;
  h.Memory = s.memory;
  if (s.memoryReservation !== 0) h.MemoryReservation = s.memoryReservation;
  // daemon/daemon_unix.go adaptContainerSettings: a memory limit without --memory-swap gets
  // twice as much swap, stored at create (recorded: inspect/inspect-size-health)
  h.MemorySwap = s.memory > 0 && s.memorySwap === 0 ? s.memory * 2 : s.memorySwap;
  // daemon/daemon_unix.go adaptContainerSettings: ShmSize 0 is config.DefaultShmSize (64 MiB) and
  // an empty IpcMode the default `private`, both stored at create (mounts/shm-size)
  h.ShmSize = s.shmSize || DEFAULT_SHM_SIZE;
  h.IpcMode = s.ipcMode || 'private';
  h.NanoCpus = s.nanoCpus;
  h.CpuShares = s.cpuShares;
  if (s.ulimits.length > 0) h.Ulimits = s.ulimits.map((u) => ({ ...u }));
  c.networks = initialEndpoints(st, s);
}

/**
 * A namespace shared with another container (`--network` or `--pid container:NAME`) is stored by
 * that container's ID when it is found (moby daemon/daemon_unix.go adaptSharedNamespaceContainer;
 * recorded: network/network-modes, core/settings-edges); another mode as given.
 */
function sharedById(st: EngineState, mode: string): string {
  if (!mode.startsWith('container:')) return mode;
  const target = findContainer(st, mode.slice('container:'.length));
  return target ? `container:${target.id}` : mode;
}

/**
 * NetworkSettings.Networks right after create: one endpoint config for the NetworkMode's network
 * (a user network by the name it was given; none for `container:`), empty until the first start.
 */
function initialEndpoints(st: EngineState, s: ContainerSettings): Record<string, Endpoint> {
  const mode = s.networkMode;
  if (mode.startsWith('container:')) return {};
  const name = mode === 'default' ? 'bridge' : mode;
  const found = lookupNetwork(st, name);
  const key = 'network' in found ? found.network.name : name;
  return {
    [key]: {
      aliases: s.networkAliases.length > 0 ? [...s.networkAliases] : null,
      ipamConfig: null,
      driverOpts: null,
      dnsNames: null,
      networkId: '',
      endpointId: '',
      ip: '',
      prefixLen: 0,
      gateway: '',
      mac: '',
    },
  };
}

/** Daemon warnings the CLI prints as `WARNING: ...` after a create (daemon_unix.go verifyPlatformContainerSettings). */
export function createWarnings(c: Container): string[] {
  const w: string[] = [];
  if (c.hostConfig.NetworkMode === 'host' && Object.keys(c.hostConfig.PortBindings ?? {}).length > 0) {
    w.push('Published ports are discarded when using host network mode');
  }
  return w;
}
