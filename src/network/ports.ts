// Port specifications as the CLI parses them (docker/go-connections nat: ParsePortSpec,
// ParsePortRange, SplitProtoPort; docker/cli opts.go convertToStandardNotation and --expose), and
// how the CLI prints published ports (docker/cli cli/command/formatter/container.go
// DisplayablePorts; cli/command/container/port.go). The 20.10 CLI vendors an older nat whose
// errors start with a capital ("Invalid hostPort: ..."); the 28.2 CLI's are lower case.

import type { PortBinding } from '../engine/state.ts';
import { isIP, isIPv6 } from './ipv4.ts';
import { quote } from '../docker/format/fmt.ts';

export type Client = '20.10' | '28.2';

/** Go's strconv.ParseUint(s, 10, 16) error text (s quoted by strconv.Quote: go/src/strconv/atoi.go NumError.Error), or the value. */
function parseUint16(s: string): { value: number } | { error: string } {
  if (!/^\d+$/.test(s)) return { error: `strconv.ParseUint: parsing ${quote(s)}: invalid syntax` };
  const v = Number(s);
  if (v > 65535) return { error: `strconv.ParseUint: parsing ${quote(s)}: value out of range` };
  return { value: v };
}

/** nat.ParsePortRange: `8000` or `8000-8010`. */
export function parsePortRange(ports: string, client: Client): { start: number; end: number } | { error: string } {
  if (ports === '') return { error: client === '20.10' ? 'Empty string specified for ports.' : 'empty string specified for ports' };
  if (!ports.includes('-')) {
    const r = parseUint16(ports);
    return 'error' in r ? r : { start: r.value, end: r.value };
  }
  const parts = ports.split('-');
  const start = parseUint16(parts[0]);
  if ('error' in start) return start;
  const end = parseUint16(parts[1]);
  if ('error' in end) return end;
  if (end.value < start.value) {
    return { error: client === '20.10' ? `Invalid range specified for the Port: ${ports}` : `invalid range specified for port: ${ports}` };
  }
  return { start: start.value, end: end.value };
}

/** nat.SplitProtoPort: `80/udp` → ['udp', '80']; no proto means tcp. */
export function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split('/');
  if (raw === '' || parts[0] === '') return ['', ''];
  if (parts.length === 1) return ['tcp', raw];
  if (parts[1] === '') return ['tcp', parts[0]];
  return [parts[1], parts[0]];
}

function splitParts(raw: string): [string, string, string] {
  const parts = raw.split(':');
  const n = parts.length;
  const containerPort = parts[n - 1];
  if (n === 1) return ['', '', containerPort];
  if (n === 2) return ['', parts[0], containerPort];
  if (n === 3) return [parts[0], parts[1], containerPort];
  return [parts.slice(0, n - 2).join(':'), parts[n - 2], containerPort];
}

/** Go's net.SplitHostPort(ip + ":"): the host part, or the error's text (`address X: reason`). */
function splitHostPortColon(ip: string): { host: string } | { error: string } {
  const hostport = ip + ':';
  const i = hostport.length - 1;
  const fail = (why: string) => ({ error: `address ${hostport}: ${why}` });
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return fail("missing ']' in address");
    if (end + 1 !== i) return fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return fail('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return fail("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return fail("unexpected ']' in address");
  return { host };
}

export interface PortMappingSpec {
  /** `80/tcp`. */
  port: string;
  binding: PortBinding;
}

/** nat.ParsePortSpec: one `-p` value, expanded over its ranges; an error text when invalid. */
export function parsePortSpec(raw: string, client: Client): PortMappingSpec[] | string {
  const cap = (lower: string) => (client === '20.10' ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower);
  let [ip, hostPort, containerPort] = splitParts(raw);
  let proto: string;
  [proto, containerPort] = splitProtoPort(containerPort);
  // The 20.10 nat always runs net.SplitHostPort (so `::1` unbracketed fails); 28.2's only for `[`.
  if (client === '20.10' || ip.startsWith('[')) {
    const r = splitHostPortColon(ip);
    if ('error' in r) return client === '20.10' ? `Invalid ip address ${ip}: ${r.error}` : `invalid IP address ${ip}: ${r.error}`;
    ip = r.host;
  }
  if (ip !== '' && !isIP(ip)) return client === '20.10' ? `Invalid ip address: ${ip}` : `invalid IP address: ${ip}`;
  if (containerPort === '') return cap(`no port specified: ${raw}<empty>`);
  const c = parsePortRange(containerPort, client);
  if ('error' in c) return cap(`invalid containerPort: ${containerPort}`);
  let hStart = 0;
  let hEnd = 0;
  if (hostPort !== '') {
    const h = parsePortRange(hostPort, client);
    if ('error' in h) return cap(`invalid hostPort: ${hostPort}`);
    hStart = h.start;
    hEnd = h.end;
  }
  // A host range with a single container port is the range to allocate the host port from.
  if (hostPort !== '' && c.end - c.start !== hEnd - hStart && c.end !== c.start) {
    return cap(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) return cap(`invalid proto: ${proto}`);
  const out: PortMappingSpec[] = [];
  for (let i = 0; i <= c.end - c.start; i++) {
    let hp = hostPort === '' ? '' : String(hStart + i);
    if (c.start === c.end && hStart !== hEnd) hp = `${hp}-${hEnd}`;
    out.push({ port: `${c.start + i}/${proto.toLowerCase()}`, binding: { HostIp: ip, HostPort: hp } });
  }
  return out;
}

/** convertToStandardNotation: the long form `published=8080,target=80,protocol=udp`. */
export function standardNotation(publish: string): string | { error: string } {
  if (!publish.includes('=')) return publish;
  const params: Record<string, string> = { protocol: 'tcp' };
  for (const param of publish.split(',')) {
    const eq = param.indexOf('=');
    if (eq <= 0) return { error: `invalid publish opts format (should be name=value but got '${param}')` };
    params[param.slice(0, eq)] = param.slice(eq + 1);
  }
  return `${params['published'] ?? ''}:${params['target'] ?? ''}/${params['protocol']}`;
}

/** `--expose 80`, `--expose 3000-3002/udp`: the ports it adds to ExposedPorts, or the CLI's error. */
export function parseExpose(e: string, client: Client): string[] | string {
  if (e.includes(':')) return `invalid port format for --expose: ${e}`;
  const [proto, port] = splitProtoPort(e);
  const r = parsePortRange(port, client);
  if ('error' in r) return `invalid range format for --expose: ${e}, error: ${r.error}`;
  const out: string[] = [];
  for (let p = r.start; p <= r.end; p++) out.push(`${p}/${proto}`);
  return out;
}

/** A `80/tcp` key's number and protocol. */
export function portKey(key: string): { port: number; proto: string } {
  const [proto, port] = splitProtoPort(key);
  return { port: Number(port), proto };
}

/** net.JoinHostPort: brackets around an IPv6 host (the 28.2 CLI; 20.10 prints `:::8080`). */
export function joinHostPort(host: string, port: string | number, client: Client): string {
  return client === '28.2' && isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** One entry of the daemon's ps Ports list (types.Port). */
export interface ApiPort {
  ip: string;
  privatePort: number;
  publicPort: number;
  type: string;
}

/** Go's sort.Slice with comparePorts: private port, IP, public port, type. */
function comparePorts(a: ApiPort, b: ApiPort): number {
  if (a.privatePort !== b.privatePort) return a.privatePort - b.privatePort;
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (a.publicPort !== b.publicPort) return a.publicPort - b.publicPort;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/**
 * formatter.DisplayablePorts: consecutive ports of one IP and type grouped (`7000-7001/tcp`),
 * mappings to another host port listed after them (`0.0.0.0:8080->80/tcp`).
 */
export function displayablePorts(ports: ApiPort[], client: Client): string {
  const sorted = [...ports].sort(comparePorts);
  const groups = new Map<string, { first: number; last: number }>();
  const order: string[] = [];
  const result: string[] = [];
  const hostMappings: string[] = [];
  const formGroup = (key: string, start: number, last: number): string => {
    const slash = key.lastIndexOf('/');
    const ip = slash >= 0 ? key.slice(0, slash) : '';
    const type = slash >= 0 ? key.slice(slash + 1) : key;
    let group = start === last ? String(start) : `${start}-${last}`;
    if (ip !== '') group = `${joinHostPort(ip, group, client)}->${group}`;
    return `${group}/${type}`;
  };
  for (const p of sorted) {
    let key = p.type;
    if (p.ip !== '') {
      if (p.publicPort !== p.privatePort) {
        hostMappings.push(`${joinHostPort(p.ip, p.publicPort, client)}->${p.privatePort}/${p.type}`);
        continue;
      }
      key = `${p.ip}/${p.type}`;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: p.privatePort, last: p.privatePort });
      order.push(key);
      continue;
    }
    if (p.privatePort === g.last + 1) {
      g.last = p.privatePort;
      continue;
    }
    result.push(formGroup(key, g.first, g.last));
    groups.set(key, { first: p.privatePort, last: p.privatePort });
  }
  for (const key of order) {
    const g = groups.get(key)!;
    result.push(formGroup(key, g.first, g.last));
  }
  return [...result, ...hostMappings].join(', ');
}
