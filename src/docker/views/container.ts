// `docker inspect` of a container: the daemon's ContainerJSON, fields in Go struct order,
// as GoValues for templates and JSON (see ../format/value.ts).

import { portKey } from '../../network/ports.ts';
import type { Container, Endpoint, EngineState, MountPoint } from '../../engine/state.ts';
import { GoNil, NIL_MAP, NIL_PTR, NIL_SLICE, type GoValue, stringMap, stringSet, stringSlice } from '../format/value.ts';
import { PROFILES, type EngineProfile } from '../../engine/profile.ts';
import { rfc3339 } from './time.ts';
import { knownTreeSize, treeSize } from '../../fs/node.ts';
import { shownSize } from '../../image/real.ts';
import { layerDir } from './image.ts';
import { apiJson, ownMarshalJSON } from '../format/json.ts';
import { omitEmpty } from './omitempty.ts';
import { healthStateView, healthView } from './health.ts';

/** A nil []string (`{{printf "%T" .HostConfig.Binds}}` names the type). */
const NIL_STRINGS = new GoNil('slice', '[]string');
import { DATA_ROOT } from '../../engine/data-root.ts';
import { tableGet, tablePeek } from '../../engine/table.ts';
import { hasPortMap } from '../../network/endpoints.ts';

/**
 * The State.Pid inspect shows for a running container, one number for all (the host's differs on
 * every run); `docker top` lists the main process under it (commands/container/top.ts).
 */
export const MAIN_PID = 1000;

export function mountView(m: MountPoint, st: EngineState): GoValue {
  if (m.type === 'volume') {
    return {
      Type: 'volume',
      Name: m.source,
      Source: `${DATA_ROOT}/volumes/${m.source}/_data`,
      Destination: m.destination,
      Driver: tableGet(st.volumes, m.source)?.driver ?? 'local',
      Mode: m.mode,
      RW: m.rw,
      Propagation: m.propagation,
    };
  }
  // Go's MountPoint has Name and Driver with omitempty: templates see "", JSON leaves them out.
  const view = { Type: m.type, Name: '', Source: m.source, Destination: m.destination, Driver: '', Mode: m.mode, RW: m.rw, Propagation: m.propagation };
  const json = { Type: m.type, Source: m.source, Destination: m.destination, Mode: m.mode, RW: m.rw, Propagation: m.propagation };
  Object.defineProperty(view, 'MarshalJSON', { value: ownMarshalJSON(() => apiJson(json)), enumerable: false });
  return view;
}

/** Bytes of a container's own changes (SizeRw) and with its image (SizeRootFs). */
export function containerSizes(st: EngineState, c: Container): { rw: number; rootFs: number } {
  const rw = knownTreeSize(c.upper, `the writable layer of container ${c.name}`);
  return { rw, rootFs: rw + shownSize(st, tablePeek(st.images, c.imageId)!) };
}

/**
 * `raw`: the daemon's JSON as `docker inspect` prints it without --format; templates see the
 * client's struct (the 28.2 client's EndpointSettings has GwPriority, DriverOpts earlier).
 */
export function inspectContainer(st: EngineState, c: Container, withSize = false, raw = false): GoValue {
  const running = c.state.status === 'running';
  const sizes = withSize ? containerSizes(st, c) : undefined;
  const profile = PROFILES[st.engine];
  const logType = c.hostConfig.LogConfig?.Type ?? 'json-file';
  const started = c.state.startedAt !== 0;
  // The client's struct names the ID field ID (json "Id"), so a template's `.Id` fails on it and
  // runs again on the raw JSON (docker/cli TemplateInspector tryRawInspectFallback); the printed
  // JSON (no format) is the daemon's own (recorded: inspect/template-go-field-names)
  return omitEmpty({
    [raw ? 'Id' : 'ID']: c.id,
    Created: rfc3339(c.created, true),
    Path: c.path,
    Args: c.args,
    State: omitEmpty({
      Status: c.state.paused ? 'paused' : c.state.status,
      Running: running,
      Paused: c.state.paused === true,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: running ? MAIN_PID : 0,
      ExitCode: c.state.exitCode,
      Error: c.state.error,
      StartedAt: c.state.startedAt ? rfc3339(c.state.startedAt, true) : '0001-01-01T00:00:00Z',
      FinishedAt: c.state.finishedAt ? rfc3339(c.state.finishedAt, true) : '0001-01-01T00:00:00Z',
      // *Health, omitempty: nil (prints `<nil>`) until a start with a probe (container/health.ts)
      Health: c.state.health ? healthStateView(c.state.health) : NIL_PTR,
    }, [], ['Health']),
    Image: `sha256:${c.imageId}`,
    // Set at the first start: the network files by initializeNetworking, the log path by
    // StartLogger (moby daemon/container_operations.go, container/container.go); a container
    // only created shows "" (recorded: inspect/inspect-full-json)
    ResolvConfPath: started ? `${DATA_ROOT}/containers/${c.id}/resolv.conf` : '',
    HostnamePath: started ? `${DATA_ROOT}/containers/${c.id}/hostname` : '',
    HostsPath: started ? `${DATA_ROOT}/containers/${c.id}/hosts` : '',
    // Only json-file keeps a log file the daemon names (recorded: core/log-driver, local and none show "").
    LogPath: started && logType === 'json-file' ? `${DATA_ROOT}/containers/${c.id}/${c.id}-json.log` : '',
    Name: '/' + c.name,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    // moby container.ExecCommands.List(): the execs that run (an exec leaves the list as it exits;
    // recorded: exec/exec-detached); a Go map, so several come in no fixed order
    ExecIDs: c.execs && c.execs.length > 0 ? stringSlice(c.execs.map((x) => x.id)) : NIL_SLICE,
    HostConfig: hostConfigView(c, profile, raw),
    GraphDriver: {
      // overlay2 GetMetadata: LowerDir is the init layer over the image's layers, top-down
      // (recorded: inspect/inspect-graph-driver)
      Data: stringMap({
        LowerDir: [`${DATA_ROOT}/overlay2/${c.layerId}-init/diff`, ...[...tablePeek(st.images, c.imageId)!.layers].reverse().map((l) => `${layerDir(l)}/diff`)].join(':'),
        MergedDir: `${DATA_ROOT}/overlay2/${c.layerId}/merged`,
        UpperDir: `${DATA_ROOT}/overlay2/${c.layerId}/diff`,
        WorkDir: `${DATA_ROOT}/overlay2/${c.layerId}/work`,
      }),
      Name: 'overlay2',
    },
    // Go field order: after GraphDriver; *int64 with omitempty, set only with --size: a nil
    // pointer prints `<nil>` and is left out of the JSON (api/types ContainerJSONBase).
    SizeRw: sizes?.rw ?? NIL_PTR,
    SizeRootFs: sizes?.rootFs ?? NIL_PTR,
    Mounts: c.mounts.filter((m) => m.origin !== 'tmpfs-flag').map((m) => mountView(m, st)),
    Config: configView(c, profile),
    NetworkSettings: networkSettingsView(st, c, profile, raw),
  }, [], ['SizeRw', 'SizeRootFs'], { ID: 'Id' });
}

/** A Go map[string]T from a record, nil when absent. */
function goRecord(rec: Record<string, unknown> | undefined): GoValue {
  return rec === undefined ? NIL_MAP : new Map(Object.entries(rec).map(([k, v]) => [k, v as GoValue]));
}

/** A []string of HostConfig (CapAdd and CapDrop are the API's strslice.StrSlice), nil when absent. */
function list(v: string[] | undefined, type = '[]string'): GoValue {
  return stringSlice(v ?? null, type);
}

/** Docker's default MaskedPaths / ReadonlyPaths (moby oci/defaults.go); 26.1 also masks powercap. */
function maskedPaths(profile: EngineProfile): string[] {
  const paths = ['/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware'];
  return profile.client === '28.2' ? [...paths, '/sys/devices/virtual/powercap'] : paths;
}
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/**
 * HostConfig in Go field order, as each client prints it (recorded: core/run-settings-inspect):
 * the 28.2 client re-encodes with its own struct (ConsoleSize earlier, no KernelMemory, empty
 * device lists and Ulimits as []), the 20.10 one passes the 20.10 daemon's JSON through.
 */
/** Go field names of the HostConfig fields whose json tags differ, and back. */
const GO_NAMES: Record<string, string> = {
  Dns: 'DNS',
  DnsOptions: 'DNSOptions',
  DnsSearch: 'DNSSearch',
  CpuShares: 'CPUShares',
  NanoCpus: 'NanoCPUs',
  CpuPeriod: 'CPUPeriod',
  CpuQuota: 'CPUQuota',
  CpuRealtimePeriod: 'CPURealtimePeriod',
  CpuRealtimeRuntime: 'CPURealtimeRuntime',
  CpuCount: 'CPUCount',
  CpuPercent: 'CPUPercent',
};
const JSON_NAMES: Record<string, string> = Object.fromEntries(Object.entries(GO_NAMES).map(([j, g]) => [g, j]));

function hostConfigView(c: Container, profile: EngineProfile, raw = true): GoValue {
  const h = c.hostConfig;
  // api/types/container HostConfig/Resources field names whose json tags differ (a template's
  // `.HostConfig.NanoCpus` fails on the client's struct and falls back to the raw JSON)
  const go = (name: string): string => (raw ? name : (GO_NAMES[name] ?? name));
  const new28 = profile.client === '28.2';
  const emptyList = new28 ? [] : NIL_SLICE;
  const systemPaths = h.SecurityOpt?.includes('systempaths=unconfined');
  const mounts = h.Mounts
    ? h.Mounts.map((m) => ({
        Type: m.Type,
        Source: m.Source || undefined,
        Target: m.Target,
        ReadOnly: m.ReadOnly || undefined,
        Consistency: m.Consistency || undefined,
        BindOptions: m.BindOptions
          ? {
              Propagation: m.BindOptions.Propagation || undefined,
              NonRecursive: m.BindOptions.NonRecursive || undefined,
              ReadOnlyNonRecursive: m.BindOptions.ReadOnlyNonRecursive || undefined,
              ReadOnlyForceRecursive: m.BindOptions.ReadOnlyForceRecursive || undefined,
            }
          : undefined,
        VolumeOptions: m.VolumeOptions
          ? {
              NoCopy: m.VolumeOptions.NoCopy || undefined,
              Labels: m.VolumeOptions.Labels ? stringMap(m.VolumeOptions.Labels) : undefined,
              Subpath: m.VolumeOptions.Subpath,
              DriverConfig: m.VolumeOptions.DriverConfig
                ? {
                    Name: m.VolumeOptions.DriverConfig.Name,
                    Options: m.VolumeOptions.DriverConfig.Options ? stringMap(m.VolumeOptions.DriverConfig.Options) : undefined,
                  }
                : undefined,
            }
          : undefined,
        TmpfsOptions: m.TmpfsOptions ? { SizeBytes: m.TmpfsOptions.SizeBytes, Mode: m.TmpfsOptions.Mode } : undefined,
      }))
    : NIL_SLICE;
  const portBindings = new Map(
    Object.entries(h.PortBindings ?? {}).map(([port, bindings]) => [port, bindings.map((b) => ({ HostIp: b.HostIp, HostPort: b.HostPort }))]),
  );
  const consoleSize = [0, 0];
  const view: Record<string, GoValue> = {
    Binds: h.Binds ?? NIL_STRINGS,
    ContainerIDFile: '',
    LogConfig: { Type: h.LogConfig?.Type ?? 'json-file', Config: goRecord(h.LogConfig?.Config ?? {}) },
    NetworkMode: h.NetworkMode ?? (new28 ? 'bridge' : 'default'),
    PortBindings: portBindings,
    RestartPolicy: { Name: h.RestartPolicy?.Name ?? 'no', MaximumRetryCount: h.RestartPolicy?.MaximumRetryCount ?? 0 },
    AutoRemove: h.AutoRemove,
    VolumeDriver: '',
    VolumesFrom: h.VolumesFrom ?? NIL_SLICE,
    ...(new28 ? { ConsoleSize: consoleSize } : {}),
    CapAdd: list(h.CapAdd, 'strslice.StrSlice'),
    CapDrop: list(h.CapDrop, 'strslice.StrSlice'),
    CgroupnsMode: 'host',
    [go('Dns')]: h.Dns ?? [],
    [go('DnsOptions')]: h.DnsOptions ?? [],
    [go('DnsSearch')]: h.DnsSearch ?? [],
    ExtraHosts: list(h.ExtraHosts),
    GroupAdd: h.GroupAdd ?? NIL_SLICE,
    IpcMode: h.IpcMode ?? 'private',
    Cgroup: '',
    Links: NIL_SLICE,
    OomScoreAdj: 0,
    PidMode: h.PidMode ?? '',
    Privileged: false,
    PublishAllPorts: h.PublishAllPorts ?? false,
    ReadonlyRootfs: h.ReadonlyRootfs,
    SecurityOpt: list(h.SecurityOpt?.filter((o) => o !== 'systempaths=unconfined')),
    Tmpfs: goRecord(h.Tmpfs ?? undefined),
    UTSMode: '',
    UsernsMode: '',
    ShmSize: h.ShmSize ?? 67108864,
    Runtime: 'runc',
    ...(new28 ? {} : { ConsoleSize: consoleSize }),
    Isolation: '',
    [go('CpuShares')]: h.CpuShares ?? 0,
    Memory: h.Memory ?? 0,
    [go('NanoCpus')]: h.NanoCpus ?? 0,
    CgroupParent: '',
    BlkioWeight: 0,
    BlkioWeightDevice: [],
    BlkioDeviceReadBps: emptyList,
    BlkioDeviceWriteBps: emptyList,
    BlkioDeviceReadIOps: emptyList,
    BlkioDeviceWriteIOps: emptyList,
    [go('CpuPeriod')]: 0,
    [go('CpuQuota')]: 0,
    [go('CpuRealtimePeriod')]: 0,
    [go('CpuRealtimeRuntime')]: 0,
    CpusetCpus: '',
    CpusetMems: '',
    Devices: [],
    DeviceCgroupRules: NIL_SLICE,
    DeviceRequests: NIL_SLICE,
    ...(new28 ? {} : { KernelMemory: 0, KernelMemoryTCP: 0 }),
    MemoryReservation: h.MemoryReservation ?? 0,
    MemorySwap: h.MemorySwap ?? 0,
    MemorySwappiness: NIL_PTR,
    OomKillDisable: false,
    PidsLimit: NIL_PTR,
    Ulimits: h.Ulimits ? h.Ulimits.map((u) => ({ Name: u.Name, Hard: u.Hard, Soft: u.Soft })) : emptyList,
    [go('CpuCount')]: 0,
    [go('CpuPercent')]: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
    Mounts: mounts,
    // --security-opt systempaths=unconfined (docker/cli parseSystemPaths) sends empty lists.
    MaskedPaths: systemPaths ? [] : maskedPaths(profile),
    ReadonlyPaths: systemPaths ? [] : READONLY_PATHS,
    Init: h.Init ?? NIL_PTR,
  };
  return omitEmpty(view, ['Tmpfs', 'Mounts', 'Init', ...(new28 ? ['KernelMemory', 'KernelMemoryTCP'] : [])], [], JSON_NAMES);
}

/** Config in Go field order; ExposedPorts, NetworkDisabled and StopTimeout are omitempty. */
function configView(c: Container, profile: EngineProfile): GoValue {
  const cfg = c.config;
  const view = {
    Hostname: cfg.Hostname,
    Domainname: cfg.Domainname ?? '',
    User: cfg.User,
    AttachStdin: cfg.AttachStdin ?? false,
    AttachStdout: cfg.AttachStdout ?? true,
    AttachStderr: cfg.AttachStderr ?? true,
    // the API's container.Config types (recorded: inspect/template-typed-values)
    ExposedPorts: stringSet(cfg.ExposedPorts ? Object.keys(cfg.ExposedPorts).sort() : null, 'nat.PortSet'),
    Tty: cfg.Tty,
    OpenStdin: cfg.OpenStdin,
    StdinOnce: cfg.StdinOnce ?? false,
    // The daemon's merge leaves Env nil when neither -e nor the image set any (recorded `null`).
    Env: stringSlice(cfg.Env.length > 0 ? cfg.Env : null),
    Cmd: stringSlice(cfg.Cmd ?? null, 'strslice.StrSlice'),
    Healthcheck: cfg.Healthcheck ? healthView(cfg.Healthcheck, profile) : NIL_PTR,
    Image: cfg.Image,
    Volumes: stringSet(cfg.Volumes ? Object.keys(cfg.Volumes) : null),
    WorkingDir: cfg.WorkingDir,
    Entrypoint: stringSlice(cfg.Entrypoint ?? null, 'strslice.StrSlice'),
    NetworkDisabled: cfg.NetworkDisabled ?? false,
    OnBuild: stringSlice(null),
    Labels: stringMap(cfg.Labels),
    StopSignal: cfg.StopSignal,
    StopTimeout: cfg.StopTimeout ?? NIL_PTR,
    // The daemon's merge copies neither the image's SHELL nor its ONBUILD (recorded: builds/healthcheck).
    Shell: stringSlice(null, 'strslice.StrSlice'),
  };
  return omitEmpty(view, ['ExposedPorts', 'Healthcheck', 'NetworkDisabled', 'StopSignal', 'StopTimeout', 'Shell']);
}

/** One network's endpoint (api/types/network.EndpointSettings), in each client's field order. */
function endpointView(ep: Endpoint, profile: EngineProfile, raw: boolean): GoValue {
  const ipam = ep.ipamConfig === null ? NIL_PTR : omitEmpty({ IPv4Address: ep.ipamConfig.IPv4Address ?? '', IPv6Address: '', LinkLocalIPs: NIL_SLICE }, ['IPv4Address', 'IPv6Address', 'LinkLocalIPs']);
  const aliases = ep.aliases ?? NIL_SLICE;
  const driverOpts = ep.driverOpts === null ? NIL_MAP : goRecord(ep.driverOpts);
  const operational = {
    NetworkID: ep.networkId,
    EndpointID: ep.endpointId,
    Gateway: ep.gateway,
    IPAddress: ep.ip,
    IPPrefixLen: ep.prefixLen,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
  };
  if (profile.client === '20.10') {
    return { IPAMConfig: ipam, Links: NIL_SLICE, Aliases: aliases, ...operational, MacAddress: ep.mac, DriverOpts: driverOpts };
  }
  // The 26.1 daemon's own order (recorded: network/network-modes, a full `docker inspect`).
  if (raw) return { IPAMConfig: ipam, Links: NIL_SLICE, Aliases: aliases, MacAddress: ep.mac, ...operational, DriverOpts: driverOpts, DNSNames: ep.dnsNames ?? NIL_SLICE };
  return {
    IPAMConfig: ipam,
    Links: NIL_SLICE,
    Aliases: aliases,
    MacAddress: ep.mac,
    DriverOpts: driverOpts,
    GwPriority: 0,
    ...operational,
    DNSNames: ep.dnsNames ?? NIL_SLICE,
  };
}

/**
 * NetworkSettings: the sandbox of the last start, the published ports while
 * running, the default-bridge address in the top-level fields, and every network's endpoint.
 */
function networkSettingsView(st: EngineState, c: Container, profile: EngineProfile, raw: boolean): GoValue {
  const mode = c.hostConfig.NetworkMode ?? 'default';
  const ports = new Map<string, GoValue>();
  if (hasPortMap(c)) {
    // an exposed port stored without a protocol (compose's `expose: ["5000"]`) is shown as nat
    // reads it, `5000/tcp` (recorded: compose/up-ports)
    for (const p of Object.keys(c.config.ExposedPorts ?? {})) {
      const k = portKey(p);
      ports.set(`${k.port}/${k.proto}`, NIL_SLICE);
    }
    for (const m of c.ports ?? []) {
      const prev = ports.get(m.port);
      const list = Array.isArray(prev) ? prev : [];
      ports.set(m.port, [...list, { HostIp: m.hostIp, HostPort: String(m.hostPort) }]);
    }
  }
  const sandboxKey = c.sandboxId === undefined ? '' : mode === 'host' ? '/var/run/docker/netns/default' : `/var/run/docker/netns/${c.sandboxId.slice(0, 12)}`;
  const bridge = (mode === 'default' || mode === 'bridge') && c.state.status === 'running' ? c.networks?.['bridge'] : undefined;
  const networks = new Map(Object.entries(c.networks ?? {}).map(([name, ep]) => [name, endpointView(ep, profile, raw)]));
  const head = { Bridge: '', SandboxID: c.sandboxId ?? '' };
  const link = { HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0 };
  const tail = {
    SecondaryIPAddresses: NIL_SLICE,
    SecondaryIPv6Addresses: NIL_SLICE,
    EndpointID: bridge?.endpointId ?? '',
    Gateway: bridge?.gateway ?? '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: bridge?.ip ?? '',
    IPPrefixLen: bridge?.prefixLen ?? 0,
    IPv6Gateway: '',
    MacAddress: bridge?.mac ?? '',
    Networks: networks,
  };
  if (profile.client === '20.10') return { ...head, ...link, Ports: ports, SandboxKey: sandboxKey, ...tail };
  return { ...head, SandboxKey: sandboxKey, Ports: ports, ...link, ...tail };
}
