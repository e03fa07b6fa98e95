// The daemon's networks as a normal install has them (moby daemon/network.go, libnetwork): the
// predefined bridge (docker0, 172.17.0.0/16), host and none, and user networks made by
// `docker network create`, each with an IPv4 subnet from libnetwork's predefined pools.
//
// A daemon started with `--bridge=none` (daemon/config.ts) has no `bridge` network: moby
// daemon/daemon_unix.go initNetworkController skips initBridgeDriver when config.DisableBridge, so
// no docker0 holds 172.17.0.0/16 and the first user network gets it. The oracle's daemons run so;
// strata's default is a normal install (docs/compat.md).

import { refuseIfUnfollowed } from '../container/unfollowed.ts';
import { asItStands } from '../fs/peek.ts';
import { sha256Hex } from '../engine/ids.ts';
import { daemonConfig } from '../daemon/config.ts';
import type { Container, EngineState, Network } from '../engine/state.ts';
import { contains, formatCidr, formatIPv4, overlaps, parseCidr, parseIPv4, type Subnet } from './ipv4.ts';
import { containerList } from '../container/registry.ts';

/** libnetwork ipamutils' local-scope default pools: 172.17-31.0.0/16, then 192.168.0.0/16 in /20s. */
export function predefinedPools(): Subnet[] {
  const pools: Subnet[] = [];
  for (let b = 17; b <= 31; b++) pools.push({ base: parseIPv4(`172.${b}.0.0`)!, bits: 16 });
  for (let c = 0; c < 256; c += 16) pools.push({ base: parseIPv4(`192.168.${c}.0`)!, bits: 20 });
  return pools;
}

/** The default bridge's driver options (moby daemon/daemon_unix.go initBridgeDriver, default config). */
const DEFAULT_BRIDGE_OPTIONS: Record<string, string> = {
  'com.docker.network.bridge.default_bridge': 'true',
  'com.docker.network.bridge.enable_icc': 'true',
  'com.docker.network.bridge.enable_ip_masquerade': 'true',
  'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
  'com.docker.network.bridge.name': 'docker0',
  'com.docker.network.driver.mtu': '1500',
};

/**
 * The networks a daemon starts with: bridge (unless `--bridge=none`), host and none; their IDs
 * come from the seed, not the ID counter.
 */
function predefinedNetworks(st: EngineState): Record<string, Network> {
  const make = (name: string, driver: string, extra: Partial<Network> = {}): Network => ({
    id: predefinedId(st.ids.seed, name),
    name,
    driver,
    created: st.clock,
    internal: false,
    attachable: false,
    subnet: '',
    gateway: '',
    showGateway: false,
    options: {},
    labels: {},
    ...extra,
  });
  const nets = [
    ...(daemonConfig(st).disableBridge
      ? []
      : [make('bridge', 'bridge', { subnet: '172.17.0.0/16', gateway: '172.17.0.1', showGateway: true, options: { ...DEFAULT_BRIDGE_OPTIONS } })]),
    make('host', 'host'),
    make('none', 'null'),
  ];
  return Object.fromEntries(nets.map((n) => [n.id, n]));
}

/** moby's stringid rule (no all-digit short ID) applied to a hash of the seed and the name. */
function predefinedId(seed: string, name: string): string {
  for (let i = 0; ; i++) {
    const id = sha256Hex(`${seed}:network:${name}:${i}`);
    if (!/^[0-9]{12}/.test(id)) return id;
  }
}

/** The networks, created on first use with the predefined ones (state made before networks existed). */
export function allNetworks(st: EngineState): Record<string, Network> {
  if (st.networks === undefined) st.networks = predefinedNetworks(st);
  return st.networks;
}

export function netAlloc(st: EngineState): { poolStart: number; lastPort: Record<string, number> } {
  if (st.netAlloc === undefined) st.netAlloc = { poolStart: 0, lastPort: {} };
  return st.netAlloc;
}

/** The predefined networks' names (runconfig.IsPreDefinedNetwork also counts `default`). */
export function isPredefinedName(name: string): boolean {
  return ['bridge', 'host', 'none', 'default'].includes(name);
}

/** A name the daemon treats as user-defined (container.NetworkMode.IsUserDefined). */
export function isUserDefinedMode(mode: string): boolean {
  return !isPredefinedName(mode) && !mode.startsWith('container:');
}

export type NetworkLookup = { network: Network } | { error: 'not-found' } | { error: 'ambiguous'; matches: number };

/** libnetwork/daemon FindNetwork: the full ID, then the name, then a unique ID prefix. */
export function lookupNetwork(st: EngineState, ref: string): NetworkLookup {
  // Every network is read as it stands and only the one found is taken through the draft (by
  // its ID, the record's key): Object.values through the draft drafted every network (a proxy
  // each, and a copy of the record) at every `docker run`.
  const all = allNetworks(st);
  const nets = Object.values(asItStands(all));
  const found = (n: Network): NetworkLookup => ({ network: all[n.id] });
  const byId = nets.find((n) => n.id === ref);
  if (byId) return found(byId);
  const byName = nets.find((n) => n.name === ref);
  if (byName) return found(byName);
  if (ref !== '') {
    const prefixed = nets.filter((n) => n.id.startsWith(ref));
    if (prefixed.length === 1) return found(prefixed[0]);
    if (prefixed.length > 1) return { error: 'ambiguous', matches: prefixed.length };
  }
  return { error: 'not-found' };
}

export function findNetwork(st: EngineState, ref: string): Network | undefined {
  const r = lookupNetwork(st, ref);
  return 'network' in r ? r.network : undefined;
}

export function networkByName(st: EngineState, name: string): Network | undefined {
  // (as lookupNetwork: only the network found is drafted)
  const all = allNetworks(st);
  const n = Object.values(asItStands(all)).find((x) => x.name === name);
  return n === undefined ? undefined : all[n.id];
}

/**
 * The running containers with an endpoint on the network (network inspect .Containers, "in use"):
 * not those whose sandbox is gone (a network-disabled container's stale settings on 20.10).
 */
export function activeEndpoints(st: EngineState, n: Network): Container[] {
  // a container the daemon keeps restarting has an endpoint only while it runs (container/restart.ts)
  for (const c of containerList(st)) if (c.unfollowed !== undefined && c.networks?.[n.name] !== undefined) refuseIfUnfollowed(c);
  return containerList(st).filter((c) => c.state.status === 'running' && !c.sandboxGone && c.networks?.[n.name]?.endpointId);
}

export interface NetworkCreateRequest {
  name: string;
  driver: string;
  subnet?: string;
  gateway?: string;
  internal: boolean;
  attachable: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
}

/** A daemon refusal of `network create`, in the words of the profile's daemon. */
export class NetworkError extends Error {
  constructor(
    message: string,
    /** The CLI prints it without `Error response from daemon: ` (a client-side check). */
    readonly client = false,
  ) {
    super(message);
  }
}

/**
 * `POST /networks/create` (moby daemon/network.go createNetwork, libnetwork NewNetwork): the
 * bridge driver only; overlay, host, null and unknown drivers fail as the recorded daemons do
 * (macvlan and ipvlan are refused by the command: the oracle's "operation not supported" is its
 * sandbox, a normal install creates them).
 */
export function createNetwork(st: EngineState, req: NetworkCreateRequest, id: string, lowercase: boolean): Network {
  if (isPredefinedName(req.name)) throw new NetworkError(`operation is not permitted on predefined ${req.name} network`);
  if (networkByName(st, req.name)) throw new NetworkError(`network with name ${req.name} already exists`);
  const driver = req.driver === '' ? 'bridge' : req.driver;
  if (driver === 'overlay') {
    throw new NetworkError('This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
  }
  if (driver === 'host' || driver === 'null') throw new NetworkError(`only one instance of "${driver}" network is allowed`);
  if (driver !== 'bridge') throw new NetworkError(`plugin "${driver}" not found`);
  let subnet: Subnet;
  let showGateway = false;
  if (req.subnet !== undefined) {
    const parsed = parseCidr(req.subnet);
    if (parsed === undefined) {
      throw new NetworkError(lowercase ? `invalid network config:\ninvalid subnet ${req.subnet}: invalid CIDR block notation` : `Invalid subnet ${req.subnet} : invalid CIDR address: ${req.subnet}`);
    }
    if (usedSubnets(st).some((s) => overlaps(s, parsed))) throw new NetworkError('Pool overlaps with other one on this address space');
    subnet = parsed;
  } else {
    subnet = allocatePool(st);
    showGateway = true;
  }
  let gateway = formatIPv4(subnet.base + 1);
  if (req.gateway !== undefined) {
    const g = parseIPv4(req.gateway);
    if (g === undefined || !contains(subnet, g)) throw new NetworkError(`no matching subnet for gateway ${req.gateway}`, true);
    gateway = req.gateway;
    showGateway = true;
  }
  const n: Network = {
    id,
    name: req.name,
    driver,
    created: st.clock,
    internal: req.internal,
    attachable: req.attachable,
    subnet: formatCidr(subnet),
    gateway,
    showGateway,
    options: { ...req.options },
    labels: { ...req.labels },
  };
  allNetworks(st)[id] = n;
  return n;
}

function usedSubnets(st: EngineState): Subnet[] {
  return Object.values(allNetworks(st))
    .map((n) => parseCidr(n.subnet))
    .filter((s): s is Subnet => s !== undefined);
}

/**
 * libnetwork ipam allocatePredefinedPool: the first free predefined pool from a start index that
 * moves past each pool handed out (round robin, so a removed network's pool is not reused at once).
 */
function allocatePool(st: EngineState): Subnet {
  const pools = predefinedPools();
  const alloc = netAlloc(st);
  const used = usedSubnets(st);
  const start = alloc.poolStart < pools.length ? alloc.poolStart : 0;
  const rotated = [...pools.slice(start), ...pools.slice(0, start)];
  for (let i = 0; i < rotated.length; i++) {
    const pool = rotated[i];
    if (used.some((u) => overlaps(u, pool))) continue;
    const next = start + i + 1;
    alloc.poolStart = next >= pools.length ? 0 : next;
    return pool;
  }
  throw new NetworkError('could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
}

export function removeNetwork(st: EngineState, n: Network): void {
  delete allNetworks(st)[n.id];
}
