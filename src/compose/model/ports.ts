// A service's `ports:` as compose-go v2.4.8 reads them: the short syntax
// `[HOST_IP:][HOST_PORT[-RANGE]:]CONTAINER_PORT[-RANGE][/PROTOCOL]` through types.ParsePortConfig
// (docker/go-connections nat.ParsePortSpecs, the release compose 2.26.1 vendors: its errors start
// with a capital, `Invalid hostPort: x`, and an unbracketed IPv6 host fails net.SplitHostPort, as in
// the 20.10 CLI's copy; recorded: compose/config-ports-errors), turned into the long syntax by
// transform/ports.go transformPorts, then portDefaults (transform/defaults.go) and the unicity
// key (override/uncity.go portIndexer).

import { isYamlMap, newMap, type YamlMap, type YamlValue } from '../yaml.ts';
import { parsePortSpec } from '../../network/ports.ts';

/** compose-go ServicePortConfig, in its field order (types/types.go). */
export interface PortConfig {
  name?: string;
  mode?: string;
  host_ip?: string;
  target: number;
  published?: string;
  protocol?: string;
  app_protocol?: string;
  /** `x-*` keys of a long-syntax entry. */
  extensions?: YamlMap;
}

/**
 * types.ParsePortConfig: one short-syntax value as long-syntax entries (a range gives one per
 * port), or nat's error text. ParsePortSpecs returns a map; compose-go sorts its keys as strings
 * (`10/tcp` before `8/tcp`), each key's bindings in the order given.
 */
export function parsePortConfig(value: string): PortConfig[] | string {
  const specs = parsePortSpec(value, '20.10');
  if (typeof specs === 'string') return specs;
  const keys = [...new Set(specs.map((s) => s.port))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: PortConfig[] = [];
  for (const key of keys) {
    const slash = key.indexOf('/');
    for (const s of specs.filter((x) => x.port === key)) {
      const c: PortConfig = { mode: 'ingress', target: Number(key.slice(0, slash)), protocol: key.slice(slash + 1).toLowerCase() };
      if (s.binding.HostIp !== '') c.host_ip = s.binding.HostIp;
      if (s.binding.HostPort !== '') c.published = s.binding.HostPort;
      out.push(c);
    }
  }
  return out;
}

/** mapstructure's encoding of a ServicePortConfig with its yaml tags (omitempty). */
export function portConfigToMap(c: PortConfig): YamlMap {
  const m = newMap();
  if (c.host_ip !== undefined) m.host_ip = c.host_ip;
  if (c.mode !== undefined) m.mode = c.mode;
  if (c.protocol !== undefined) m.protocol = c.protocol;
  if (c.published !== undefined) m.published = c.published;
  if (c.target !== 0) m.target = c.target;
  return m;
}

/** Go's `%s` / `%d` of a value of the decoded YAML (fmt's error forms for the wrong kind). */
function goVerb(v: YamlValue | undefined, verb: 's' | 'd'): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  if (typeof v === 'string') return verb === 's' ? v : `%!d(string=${v})`;
  if (typeof v === 'number') {
    const t = Number.isInteger(v) ? 'int' : 'float64';
    return verb === 'd' && t === 'int' ? String(v) : `%!${verb}(${t}=${v})`;
  }
  if (typeof v === 'boolean') return `%!${verb}(bool=${v})`;
  return `%!${verb}(${JSON.stringify(v)})`;
}

/**
 * override/uncity.go portIndexer: entries with the same key are one port (a later one replaces
 * an earlier one). Undefined means the entry has no target (the caller's error).
 */
export function portIndex(y: YamlValue): string | undefined {
  if (typeof y === 'number' && Number.isInteger(y)) return String(y);
  if (typeof y === 'string') return y;
  if (isYamlMap(y)) {
    if (!('target' in y)) return undefined;
    const host = 'host_ip' in y ? y.host_ip : '0.0.0.0';
    const protocol = 'protocol' in y ? y.protocol : 'tcp';
    return `${goVerb(host, 's')}:${goVerb(y.published, 's')}:${goVerb(y.target, 'd')}/${goVerb(protocol, 's')}`;
  }
  return '';
}

/** transform/defaults.go portDefaults: a long-syntax entry without protocol or mode. */
export function portDefaults(v: YamlValue): YamlValue {
  if (!isYamlMap(v)) return v;
  if (!('protocol' in v)) v.protocol = 'tcp';
  if (!('mode' in v)) v.mode = 'ingress';
  return v;
}
