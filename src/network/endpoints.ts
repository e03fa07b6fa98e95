// A container's network endpoints through its life (moby daemon/container_operations.go,
// libnetwork): the endpoint configs made at create and by `docker network connect`, the
// operational part a start fills (sandbox, endpoint ID, IPv4 address, MAC, published ports) and a
// stop clears (releaseNetwork: cleanOperationalData, Ports = nil).

import { nextId } from '../engine/ids.ts';
import { asItStands } from '../fs/peek.ts';
import type { Container, Endpoint, EngineState, Network, PortMapping } from '../engine/state.ts';
import type { EngineProfile } from '../engine/profile.ts';
import { DaemonError } from '../container/errors.ts';
import { contains, formatIPv4, macFromIPv4, parseCidr, parseIPv4 } from './ipv4.ts';
import { allNetworks, isUserDefinedMode, lookupNetwork, netAlloc, networkByName } from './store.ts';
import { daemonConfig } from '../daemon/config.ts';
import { parsePortRange, portKey, type ApiPort } from './ports.ts';
import { peekContainer, runningContainers } from '../container/registry.ts';

/** The network a NetworkMode names in NetworkSettings.Networks (`default` is the bridge). */
export function modeNetworkName(mode: string): string {
  return mode === 'default' ? 'bridge' : mode;
}

export function emptyEndpoint(): Endpoint {
  return { aliases: null, ipamConfig: null, driverOpts: null, dnsNames: null, networkId: '', endpointId: '', ip: '', prefixLen: 0, gateway: '', mac: '' };
}

/**
 * The daemon's updateNetworkConfig for a user-defined network, applied when a container is
 * connected (network connect) or started: 20.10 adds the short ID (and a hostname other than the
 * name) to the aliases; 26.1 keeps the aliases and lists DNSNames (name, aliases, short ID,
 * hostname, without duplicates; daemon/container_operations.go buildEndpointDNSNames).
 */
export function applyEndpointConfig(c: Container, networkName: string, ep: Endpoint, profile: EngineProfile): void {
  if (!isUserDefinedMode(networkName)) return;
  const shortId = c.id.slice(0, 12);
  if (profile.client === '20.10') {
    const aliases = [...(ep.aliases ?? [])];
    if (!aliases.includes(shortId)) aliases.push(shortId);
    // container.Name carries a leading slash, so it never equals the hostname.
    if (!aliases.includes(c.config.Hostname)) aliases.push(c.config.Hostname);
    ep.aliases = aliases;
    return;
  }
  const names = [c.name, ...(ep.aliases ?? []), shortId, c.config.Hostname];
  ep.dnsNames = names.filter((n, i) => n !== '' && names.indexOf(n) === i);
}

/** The IPv4 addresses in use on a network: its gateway and the running endpoints'. */
function usedAddresses(st: EngineState, n: Network, except: Container): Set<number> {
  const used = new Set<number>();
  const gw = parseIPv4(n.gateway);
  if (gw !== undefined) used.add(gw);
  for (const other of runningContainers(st)) {
    if (other.id === except.id || other.sandboxGone) continue;
    const ip = parseIPv4(other.networks?.[n.name]?.ip ?? '');
    if (ip !== undefined) used.add(ip);
  }
  return used;
}

/** libnetwork ipam (not serial for local networks): the requested address, or the lowest free one. */
function allocateAddress(st: EngineState, n: Network, c: Container, requested: string | undefined): number {
  const subnet = parseCidr(n.subnet)!;
  const used = usedAddresses(st, n, c);
  // libnetwork endpoint.go assignAddressVersion and ipamapi's errors.
  if (requested !== undefined) {
    const ip = parseIPv4(requested);
    if (ip === undefined || !contains(subnet, ip)) throw new DaemonError(`Invalid address ${requested}: It does not belong to any of this network's subnets`);
    if (used.has(ip)) throw new DaemonError('Address already in use');
    return ip;
  }
  const size = 2 ** (32 - subnet.bits);
  // The network and broadcast addresses are never handed out.
  for (let i = 1; i < size - 1; i++) {
    if (!used.has(subnet.base + i)) return subnet.base + i;
  }
  throw new DaemonError(`no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`);
}

function isV4(ip: string): boolean {
  return parseIPv4(ip) !== undefined;
}

/** The published ports of the other running containers. */
function others(st: EngineState, c: Container): PortMapping[] {
  return runningContainers(st)
    .filter((o) => o.id !== c.id)
    .flatMap((o) => o.ports ?? []);
}

/** The ports in use on the host, by `hostIp/proto`, from the running containers. */
function usedPorts(st: EngineState, except: Container): Map<string, Set<number>> {
  const used = new Map<string, Set<number>>();
  for (const other of runningContainers(st)) {
    if (other.id === except.id) continue;
    for (const m of other.ports ?? []) addUsed(used, m);
  }
  return used;
}

function addUsed(used: Map<string, Set<number>>, m: PortMapping): void {
  const key = `${m.hostIp}/${portKey(m.port).proto}`;
  const set = used.get(key) ?? new Set<number>();
  set.add(m.hostPort);
  used.set(key, set);
}

/** The ephemeral range of a normal Linux host (/proc/sys/net/ipv4/ip_local_port_range). */
export const EPHEMERAL_PORTS = { begin: 32768, end: 60999 };

/**
 * The bindings to program, in the daemon's order (daemon/network.go buildPortsRelatedCreate
 * EndpointOptions: ports sorted by nat.SortPortMap, larger host port first, then larger container
 * port, tcp first), with `-P` adding an ephemeral binding for each exposed port without one.
 */
export function bindingsToProgram(c: Container): { port: string; hostIp: string; hostPort: string }[] {
  const bindings = c.hostConfig.PortBindings ?? {};
  const exposed = new Set([...Object.keys(c.config.ExposedPorts ?? {}), ...Object.keys(bindings)]);
  const entries: { port: string; hostIp: string; hostPort: string }[] = [];
  for (const port of exposed) {
    const list = bindings[port] ?? [];
    for (const b of list) entries.push({ port, hostIp: b.HostIp, hostPort: b.HostPort });
    if (list.length === 0 && c.hostConfig.PublishAllPorts) entries.push({ port, hostIp: '', hostPort: '' });
  }
  const hostStart = (hp: string): number => {
    const r = parsePortRange(hp.split('/')[0], '28.2');
    return 'error' in r ? 0 : r.start;
  };
  return entries.sort((a, b) => {
    const ha = hostStart(a.hostPort);
    const hb = hostStart(b.hostPort);
    if (ha !== hb) return hb - ha;
    const pa = portKey(a.port);
    const pb = portKey(b.port);
    if (pa.port !== pb.port) return pb.port - pa.port;
    return (pa.proto === 'tcp' ? 0 : 1) - (pb.proto === 'tcp' ? 0 : 1);
  });
}

/**
 * The bridge driver's allocatePorts: each binding on its host IP, or on 0.0.0.0 and :: (a normal
 * host listens on IPv6) when none was given; an explicit port must be free on that IP and
 * protocol, a range or no port takes the next free one after the last handed out
 * (libnetwork/portallocator: round robin, first = the range's start).
 */
function allocatePorts(st: EngineState, c: Container, endpointId: string): PortMapping[] {
  const used = usedPorts(st, c);
  const alloc = netAlloc(st);
  const out: PortMapping[] = [];
  for (const b of bindingsToProgram(c)) {
    // libnetwork types.ParseProtocol: a name it does not know is protocol 0, which the bridge
    // driver refuses (recorded: compose/ports-long-errors, compose's long syntax `protocol: foo`)
    if (!['tcp', 'udp', 'sctp'].includes(portKey(b.port).proto)) {
      throw new DaemonError(`driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): invalid transport protocol: 0`);
    }
    const ips = b.hostIp === '' ? ['0.0.0.0', '::'] : [b.hostIp];
    for (const ip of ips) {
      const proto = portKey(b.port).proto;
      const key = `${ip}/${proto}`;
      const taken = used.get(key) ?? new Set<number>();
      const range = b.hostPort === '' ? { start: 0, end: 0 } : parsePortRange(b.hostPort, '28.2');
      if ('error' in range) throw new DaemonError(`Error parsing HostPort value (${b.hostPort})`);
      let port: number | undefined;
      if (range.start > 0 && range.start === range.end) {
        if (taken.has(range.start)) {
          throw new DaemonError(
            `driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): Bind for ${ip}:${range.start} failed: port is already allocated`,
          );
        }
        // The allocator keeps one map per host IP; the kernel does not: docker-proxy's listen
        // fails when 0.0.0.0 and a specific IPv4 address share the port (recorded:
        // network/user-network-ports).
        const clash = [...others(st, c), ...out].some(
          (m) =>
            m.hostPort === range.start &&
            portKey(m.port).proto === proto &&
            m.hostIp !== ip &&
            isV4(m.hostIp) &&
            isV4(ip) &&
            (ip === '0.0.0.0' || m.hostIp === '0.0.0.0'),
        );
        if (clash) {
          throw new DaemonError(
            `driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): Error starting userland proxy: listen ${proto}4 ${ip}:${range.start}: bind: address already in use`,
          );
        }
        port = range.start;
      } else {
        const begin = range.start === 0 ? EPHEMERAL_PORTS.begin : range.start;
        const end = range.start === 0 ? EPHEMERAL_PORTS.end : range.end;
        const lastKey = `${key}/${begin}-${end}`;
        let p = alloc.lastPort[lastKey] ?? end;
        for (let i = 0; i <= end - begin; i++) {
          p = p + 1 > end ? begin : p + 1;
          if (!taken.has(p)) {
            port = p;
            alloc.lastPort[lastKey] = p;
            break;
          }
        }
        if (port === undefined) {
          throw new DaemonError(`driver failed programming external connectivity on endpoint ${c.name} (${endpointId}): all ports are allocated`);
        }
      }
      const m: PortMapping = { port: b.port, hostIp: ip, hostPort: port };
      out.push(m);
      addUsed(used, m);
    }
  }
  return out;
}

/**
 * What a start does to networking (daemon.initializeNetworking / allocateNetwork): a container
 * sharing another's namespace needs it running; every other container first loses any sandbox
 * left from before (SandboxDestroy), then, unless it is network-disabled, gets a new sandbox and
 * one endpoint per network, on the NetworkMode's network first. On a `--bridge=none` daemon the
 * default `bridge` has no endpoint: connectToNetwork marks the container network-disabled
 * (Config.NetworkDisabled, kept), and every later start skips networking altogether, keeping
 * the sandbox ID and the endpoint settings as they were (recorded: network/bridge-none). Throws a
 * DaemonError (the container stays as it was) when a network is gone or a port is taken.
 */
export function startNetworking(st: EngineState, c: Container, profile: EngineProfile): void {
  const mode = c.hostConfig.NetworkMode ?? 'default';
  if (mode.startsWith('container:')) {
    const ref = mode.slice('container:'.length);
    const target = peekContainer(st, ref);
    // daemon/container_operations.go getNetworkedContainer.
    if (!target) throw new DaemonError(`No such container: ${ref}`);
    if (target.state.status !== 'running') throw new DaemonError(`cannot join network of a non running container: ${ref}`);
    // initializeNetworking (daemon/container_operations.go): the container takes the other's
    // hostname, and its /etc/hosts is the other's (runtime-fs.ts; recorded on both engines:
    // network/container-mode-hostname)
    c.config.Hostname = target.config.Hostname;
    return;
  }
  if (c.sandboxId !== undefined) c.sandboxGone = true;
  if (c.config.NetworkDisabled) return;
  const sandboxId = nextId(st.ids);
  const endpoints = c.networks ?? {};
  const names = Object.keys(endpoints);
  const primary = modeNetworkName(mode);
  const ordered = [...names.filter((n) => n === primary), ...names.filter((n) => n !== primary)];
  const assigned: Record<string, Endpoint> = {};
  let disabled = false;
  let ports: PortMapping[] = [];
  for (const name of ordered) {
    if (bridgeDisabled(st, name)) {
      disabled = true;
      continue;
    }
    const n = networkByName(st, name) ?? allNetworks(st)[endpoints[name].networkId];
    if (!n) throw new DaemonError(`network ${name} not found`);
    const ep = activeEndpoint(st, c, n, endpoints[name], profile);
    if (name === primary && n.driver === 'bridge') ports = allocatePorts(st, c, ep.endpointId);
    assigned[name] = ep;
  }
  if (disabled) c.config.NetworkDisabled = true;
  c.networks = { ...endpoints, ...assigned };
  c.sandboxId = sandboxId;
  // the new sandbox writes the container's hosts and resolv.conf (container/runtime-fs.ts)
  c.networkFilesAt = st.clock;
  delete c.sandboxGone;
  c.ports = ports;
}

/**
 * Whether the container has NetworkSettings.Ports to show (docker inspect, docker ps): the
 * daemon reads them from the sandbox's endpoint, so only while running on a network of its own,
 * not on host, none, another's namespace, nor network-disabled (`{}`; recorded:
 * network/bridge-none).
 */
export function hasPortMap(c: Container): boolean {
  const mode = c.hostConfig.NetworkMode ?? 'default';
  return c.state.status === 'running' && !mode.startsWith('container:') && mode !== 'host' && mode !== 'none' && !c.config.NetworkDisabled;
}

/**
 * connectToNetwork on a `--bridge=none` daemon: the name `bridge` (runconfig IsBridge, the exact
 * name) connects nothing and marks the container network-disabled instead.
 */
function bridgeDisabled(st: EngineState, name: string): boolean {
  return name === 'bridge' && daemonConfig(st).disableBridge;
}

/** An endpoint joining its network now: the config applied, an endpoint ID, and on a bridge an address. */
function activeEndpoint(st: EngineState, c: Container, n: Network, config: Endpoint, profile: EngineProfile): Endpoint {
  const ep: Endpoint = { ...config };
  applyEndpointConfig(c, n.name, ep, profile);
  ep.networkId = n.id;
  ep.endpointId = nextId(st.ids);
  if (n.driver === 'bridge') {
    const ip = allocateAddress(st, n, c, ep.ipamConfig?.IPv4Address);
    ep.ip = formatIPv4(ip);
    ep.prefixLen = parseCidr(n.subnet)!.bits;
    // 26.1 gives an internal network's endpoints no gateway (recorded: network/network-commands).
    ep.gateway = n.internal && profile.client === '28.2' ? '' : n.gateway;
    ep.mac = macFromIPv4(ip);
  }
  return ep;
}

/**
 * `docker network connect` (daemon.ConnectToNetwork): a running container joins at once, a
 * stopped one keeps the config (replacing an earlier one) for its next start. The 28.2 CLI
 * always sends an alias list and an IPAM config, the 20.10 CLI an IPAM config.
 */
export function connectNetwork(
  st: EngineState,
  c: Container,
  ref: string,
  found: Network | undefined,
  opts: { aliases: string[]; ip?: string },
  profile: EngineProfile,
): void {
  const config: Endpoint = {
    ...emptyEndpoint(),
    aliases: opts.aliases.length > 0 || profile.client === '28.2' ? [...opts.aliases] : null,
    ipamConfig: opts.ip !== undefined ? { IPv4Address: opts.ip } : {},
    driverOpts: {},
  };
  // A stopped container keeps the config even for a network that does not exist (yet): its start
  // fails then (daemon.ConnectToNetwork).
  if (c.state.status !== 'running' && found === undefined) {
    c.networks = { ...(c.networks ?? {}), [ref]: config };
    return;
  }
  const mode = c.hostConfig.NetworkMode ?? 'default';
  // connectToNetwork: a running container joins `bridge` of a --bridge=none daemon by becoming
  // network-disabled, silently (recorded: network/bridge-none).
  if (c.state.status === 'running' && !mode.startsWith('container:') && bridgeDisabled(st, ref)) {
    c.config.NetworkDisabled = true;
    return;
  }
  if (found === undefined) throw new DaemonError(`network ${ref} not found`);
  const n = found;
  if (mode === 'none') throw new DaemonError('container cannot be connected to multiple networks with one of the networks in private (none) mode');
  if (mode === 'host' || mode.startsWith('container:')) {
    throw new DaemonError('container sharing network namespace with another container or host cannot be connected to any other network');
  }
  const existing = c.networks?.[n.name];
  if (c.state.status === 'running' && existing?.endpointId) throw new DaemonError(`endpoint with name ${c.name} already exists in network ${n.name}`);
  if (c.state.status === 'running') {
    c.networks = { ...(c.networks ?? {}), [n.name]: activeEndpoint(st, c, n, config, profile) };
    return;
  }
  applyEndpointConfig(c, n.name, config, profile);
  c.networks = { ...(c.networks ?? {}), [n.name]: config };
}

/**
 * `docker network disconnect` (daemon.DisconnectFromNetwork): a stopped container just forgets
 * the config, by the network's name or the name given (even of a network that is gone); a
 * running one leaves a network that exists, freeing its address.
 */
export function disconnectNetwork(c: Container, ref: string, n: Network | undefined, force: boolean): void {
  if (c.state.status !== 'running' || (n === undefined && force)) {
    const name = n?.name ?? ref;
    if (!c.networks?.[name]) throw new DaemonError(`container ${c.id} is not connected to the network ${name}`);
    dropEndpoint(c, name);
    return;
  }
  if (n === undefined) throw new DaemonError(`network ${ref} not found`);
  if (!c.networks?.[n.name]) throw new DaemonError(`container ${c.id} is not connected to network ${n.name}`);
  dropEndpoint(c, n.name);
  // The ports were programmed on the NetworkMode's network.
  if (modeNetworkName(c.hostConfig.NetworkMode ?? 'default') === n.name) c.ports = [];
}

function dropEndpoint(c: Container, name: string): void {
  const rest = { ...c.networks };
  delete rest[name];
  c.networks = rest;
}

/**
 * releaseNetwork: the published ports are freed, the endpoints lose their operational data and
 * the sandbox is deleted (its ID stays in NetworkSettings). 20.10 returns at once for a
 * network-disabled container (EngineProfile.releaseSkipsDisabled).
 */
export function stopNetworking(c: Container, profile: EngineProfile): void {
  if (c.config.NetworkDisabled && profile.releaseSkipsDisabled) return;
  c.ports = undefined;
  if (c.sandboxId !== undefined) c.sandboxGone = true;
  if (!c.networks) return;
  for (const ep of Object.values(c.networks)) {
    ep.endpointId = '';
    ep.ip = '';
    ep.prefixLen = 0;
    ep.gateway = '';
    ep.mac = '';
  }
}

/**
 * What renaming a running container does to its network sandbox (moby daemon/rename.go): the
 * sandbox must still exist (a network-disabled container restarted has none: `sandbox ID not
 * found`), and 26.1 then looks up each network to update the endpoint's DNS names.
 */
export function renameSandbox(st: EngineState, c: Container, profile: EngineProfile): void {
  if (c.state.status !== 'running' || c.sandboxId === undefined) return;
  if (c.sandboxGone) throw new DaemonError(`sandbox ${c.sandboxId} not found`);
  if (!profile.renameUpdatesNetworks) return;
  for (const [name, ep] of Object.entries(c.networks ?? {})) {
    const n = lookupNetwork(st, name);
    if (!('network' in n)) throw new DaemonError(`network ${name} not found`);
    if (ep.endpointId === '') throw new DaemonError(`no endpoint attached to network ${n.network.name} found`);
  }
}

/**
 * The lines libnetwork adds to a container's /etc/hosts: the `--add-host` entries when the
 * sandbox is made, then one line per endpoint address with the hostname while the sandbox lives
 * (sandbox.updateHostsFile: `FQDN short` for a dotted hostname). `host-gateway` is the daemon's
 * HostGatewayIP, the default bridge's gateway (daemon_unix.go initNetworkController); a
 * `--bridge=none` daemon leaves it nil, which Go prints as `<nil>` (recorded: network/bridge-none).
 */
export function hostsFileExtra(st: EngineState, container: Container): string {
  // only read: as it stands, so that reading the settings and endpoints of a container taken
  // through the draft drafts none of them (every process start and exec builds /etc/hosts)
  const c = asItStands(container);
  const mode = c.hostConfig.NetworkMode ?? 'default';
  // A container sharing another's namespace gets that one's file (not simulated: the defaults).
  if (mode.startsWith('container:')) return '';
  let out = '';
  for (const h of c.hostConfig.ExtraHosts ?? []) {
    const i = h.indexOf(':');
    const ip = h.slice(i + 1);
    out += `${ip === 'host-gateway' ? networkByName(st, 'bridge')?.gateway ?? '<nil>' : ip}\t${h.slice(0, i)}\n`;
  }
  // libnetwork sandbox_dns_unix.go updateHostsFile: the FQDN (host name, dot, domain name when
  // one is set) and, when it has a dot, the name up to it (recorded: compose/domainname)
  const fqdn = c.config.Domainname ? `${c.config.Hostname}.${c.config.Domainname}` : c.config.Hostname;
  const dot = fqdn.indexOf('.');
  const names = dot >= 0 ? `${fqdn} ${fqdn.slice(0, dot)}` : fqdn;
  if (c.sandboxGone) return out;
  for (const ep of Object.values(c.networks ?? {})) {
    if (ep.ip !== '') out += `${ep.ip}\t${names}\n`;
  }
  return out;
}

/**
 * The daemon's ps Ports (container/view.go, from NetworkSettings.Ports): while running, each
 * exposed port without a binding as `80/tcp`, each binding as host IP and port; nothing for a
 * stopped container (network/endpoints.ts hasPortMap).
 */
export function apiPorts(c: Container): ApiPort[] {
  if (!hasPortMap(c)) return [];
  const bound = new Set((c.ports ?? []).map((m) => m.port));
  const out: ApiPort[] = [];
  // a key stored without a protocol (compose's `expose: ["80"]`) is nat's `80/tcp`
  for (const key of new Set(Object.keys(c.config.ExposedPorts ?? {}).map((k) => `${portKey(k).port}/${portKey(k).proto}`))) {
    if (bound.has(key)) continue;
    const { port, proto } = portKey(key);
    out.push({ ip: '', privatePort: port, publicPort: 0, type: proto });
  }
  for (const m of c.ports ?? []) {
    const { port, proto } = portKey(m.port);
    out.push({ ip: m.hostIp, privatePort: port, publicPort: m.hostPort, type: proto });
  }
  return out;
}
