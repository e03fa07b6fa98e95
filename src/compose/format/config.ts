// `docker compose config`: the loaded project as compose-go marshals it (types/project.go
// MarshalYAML / MarshalJSON): struct fields in the order of compose-go v2.4.8's types, empty ones
// left out (`omitempty`, with the JSON exceptions: `command` and `entrypoint` are always written,
// as null when unset; a network's `ipam` struct too), map keys sorted, `x-*` extensions inline in
// YAML only; then every `$` doubled (cmd/compose/config.go escapeDollarSign).

import { fromBytes, toBytes } from '../../fs/bytes.ts';
import { isYamlMap, type YamlValue } from '../yaml.ts';
import type { DeployModel, DeployResource, HealthcheckModel, NetworkModel, Project, SecretModel, ServiceModel, ServiceSecret, ServiceVolume, VolumeModel } from '../model/project.ts';
import type { PortConfig } from '../model/ports.ts';
import { formatGoDuration } from '../../docker/format/duration.ts';
import { encodeJson, encodeYaml, gbool, glist, gmap, gnull, gnum, gstr, jsonSortedKeys, yamlSortedKeys, type GoVal } from './govalue.ts';

type Mode = 'yaml' | 'json';

class Fields {
  readonly entries: [string, GoVal][] = [];
  add(key: string, v: GoVal | undefined): this {
    if (v !== undefined) this.entries.push([key, v]);
    return this;
  }
  str(key: string, v: string | undefined): this {
    return this.add(key, v !== undefined && v !== '' ? gstr(v) : undefined);
  }
  bool(key: string, v: boolean | undefined): this {
    return this.add(key, v ? gbool(true) : undefined);
  }
  num(key: string, v: number | undefined): this {
    return this.add(key, v !== undefined && v !== 0 ? gnum(v) : undefined);
  }
  list(key: string, v: string[] | undefined): this {
    return this.add(key, v !== undefined && v.length > 0 ? glist(v.map(gstr)) : undefined);
  }
  map(key: string, v: GoVal | undefined): this {
    return this.add(key, v !== undefined && v.k === 'map' && v.entries.length > 0 ? v : undefined);
  }
  done(): GoVal {
    return gmap(this.entries);
  }
}

function sortedKeys(mode: Mode, keys: string[]): string[] {
  return mode === 'yaml' ? yamlSortedKeys(keys) : jsonSortedKeys(keys);
}

function stringMap(mode: Mode, m: Record<string, string | null> | undefined): GoVal | undefined {
  if (m === undefined) return undefined;
  return gmap(sortedKeys(mode, Object.keys(m)).map((k) => [k, m[k] === null ? gnull : gstr(m[k]!)]));
}

/** A value kept as written (extensions): yaml.v3 / encoding/json of map[string]any. */
function raw(mode: Mode, v: YamlValue): GoVal {
  if (v === null) return gnull;
  if (typeof v === 'string') return gstr(v);
  if (typeof v === 'number') return gnum(v);
  if (typeof v === 'boolean') return gbool(v);
  if (Array.isArray(v)) return glist(v.map((x) => raw(mode, x)));
  return gmap(sortedKeys(mode, Object.keys(v)).map((k) => [k, raw(mode, v[k])]));
}

function inlineExtensions(mode: Mode, f: Fields, ext: Record<string, YamlValue> | undefined): void {
  if (mode !== 'yaml' || !ext) return;
  for (const k of sortedKeys(mode, Object.keys(ext))) f.add(k, raw(mode, ext[k]));
}

function volumeMount(mode: Mode, v: ServiceVolume): GoVal {
  const f = new Fields().str('type', v.type).str('source', v.source).str('target', v.target).bool('read_only', v.read_only).str('consistency', v.consistency);
  if (v.bind) {
    f.add('bind', new Fields().str('selinux', v.bind.selinux).str('propagation', v.bind.propagation).bool('create_host_path', v.bind.create_host_path).str('recursive', v.bind.recursive).done());
  }
  if (v.volume) f.add('volume', new Fields().bool('nocopy', v.volume.nocopy).str('subpath', v.volume.subpath).done());
  if (v.tmpfs) {
    // UnitBytes marshals as a string in both encoders (types/bytes.go).
    f.add('tmpfs', new Fields().add('size', v.tmpfs.size ? gstr(String(v.tmpfs.size)) : undefined).num('mode', v.tmpfs.mode).done());
  }
  void mode;
  return f.done();
}

function service(mode: Mode, s: ServiceModel): GoVal {
  const f = new Fields();
  f.list('profiles', s.profiles);
  if (s.attach !== undefined) f.add('attach', gbool(s.attach));
  if (s.build) {
    const b = new Fields().str('context', s.build.context).str('dockerfile', s.build.dockerfile).str('dockerfile_inline', s.build.dockerfile_inline);
    b.map('args', stringMap(mode, s.build.args)).map('labels', stringMap(mode, s.build.labels)).bool('no_cache', s.build.no_cache).bool('pull', s.build.pull);
    b.str('network', s.build.network).str('target', s.build.target).list('tags', s.build.tags);
    f.add('build', b.done());
  }
  f.list('cap_add', s.cap_add).list('cap_drop', s.cap_drop);
  if (s.cpus !== undefined && s.cpus !== 0) f.add('cpus', gnum(float32Value(s.cpus)));
  const command = s.command === null ? undefined : glist(s.command.map(gstr));
  if (mode === 'json') f.add('command', command ?? gnull);
  else f.add('command', command);
  if (s.configs && s.configs.length > 0) f.add('configs', fileReferences(mode, s.configs));
  f.str('container_name', s.container_name);
  if (s.depends_on && Object.keys(s.depends_on).length > 0) {
    f.add('depends_on', gmap(sortedKeys(mode, Object.keys(s.depends_on)).map((k) => {
      const d = s.depends_on![k];
      return [k, new Fields().str('condition', d.condition).bool('restart', d.restart).add('required', gbool(d.required)).done()];
    })));
  }
  if (s.deploy) f.add('deploy', deploy(mode, s.deploy));
  // ServiceConfig's field order: DomainName after DNS (recorded: compose/domainname)
  f.list('dns', s.dns).str('domainname', s.domainname);
  const entrypoint = s.entrypoint === null ? undefined : glist(s.entrypoint.map(gstr));
  if (mode === 'json') f.add('entrypoint', entrypoint ?? gnull);
  else f.add('entrypoint', entrypoint);
  f.map('environment', stringMap(mode, s.environment));
  f.list('expose', s.expose).list('extra_hosts', s.extra_hosts && [...s.extra_hosts].sort()).str('hostname', s.hostname);
  if (s.healthcheck) f.add('healthcheck', healthcheck(s.healthcheck));
  f.str('image', s.image);
  if (s.init !== undefined) f.add('init', gbool(s.init));
  f.map('labels', stringMap(mode, s.labels));
  if (s.logging) f.add('logging', new Fields().str('driver', s.logging.driver).map('options', stringMap(mode, s.logging.options)).done());
  // UnitBytes marshal as strings (recorded: compose/limits)
  if (s.mem_limit) f.add('mem_limit', gstr(String(s.mem_limit)));
  if (s.mem_reservation) f.add('mem_reservation', gstr(String(s.mem_reservation)));
  f.str('network_mode', s.network_mode);
  if (s.networks && Object.keys(s.networks).length > 0) {
    f.add('networks', gmap(sortedKeys(mode, Object.keys(s.networks)).map((k) => {
      const n = s.networks![k];
      return [k, n === null ? gnull : new Fields().num('priority', n.priority).list('aliases', n.aliases).done()];
    })));
  }
  f.str('platform', s.platform);
  if (s.ports && s.ports.length > 0) f.add('ports', glist(s.ports.map((x) => port(mode, x))));
  f.bool('privileged', s.privileged).str('pull_policy', s.pull_policy).bool('read_only', s.read_only).str('restart', s.restart);
  if (s.scale !== undefined) f.add('scale', gnum(s.scale));
  // ServiceSecretConfig (FileReferenceConfig) in its field order (recorded: compose/secrets-file)
  if (s.secrets && s.secrets.length > 0) f.add('secrets', fileReferences(mode, s.secrets));
  // UnitBytes marshals as a string in both encoders (recorded: compose/shm-size)
  if (s.shm_size) f.add('shm_size', gstr(String(s.shm_size)));
  f.bool('stdin_open', s.stdin_open).str('stop_grace_period', s.stop_grace_period).str('stop_signal', s.stop_signal);
  f.list('tmpfs', s.tmpfs).bool('tty', s.tty);
  // UlimitsConfig: a single value as a number, else soft and hard; the map's keys sorted
  if (s.ulimits && Object.keys(s.ulimits).length > 0) {
    const u = s.ulimits;
    f.add('ulimits', gmap(sortedKeys(mode, Object.keys(u)).map((k) => {
      const v = u[k];
      return [k, 'single' in v ? gnum(v.single) : new Fields().add('soft', gnum(v.soft)).add('hard', gnum(v.hard)).done()];
    })));
  }
  f.str('user', s.user);
  if (s.volumes && s.volumes.length > 0) f.add('volumes', glist(s.volumes.map((v) => volumeMount(mode, v))));
  f.list('volumes_from', s.volumes_from).str('working_dir', s.working_dir);
  inlineExtensions(mode, f, s.extensions);
  return f.done();
}

/** A float32 as Go prints it (strconv.FormatFloat(f, 'g', -1, 32)): the shortest decimal that reads back as the same float32. */
function float32Value(x: number): number {
  for (let p = 1; p <= 9; p++) {
    const n = Number(x.toPrecision(p));
    if (Math.fround(n) === Math.fround(x)) return n;
  }
  return x;
}

/**
 * DeployConfig, Resources, Resource, RestartPolicy in their field order (recorded: compose/limits,
 * compose/sweep-restart-policies); JSON writes the Resources and Placement structs even when
 * empty (encoding/json's omitempty never leaves out a struct), YAML leaves them out.
 */
function deploy(mode: Mode, d: DeployModel): GoVal {
  const f = new Fields().num('replicas', d.replicas);
  const res = (r: DeployResource | undefined): GoVal | undefined =>
    r === undefined ? undefined : new Fields().add('cpus', r.cpus ? gnum(float32Value(r.cpus)) : undefined).add('memory', r.memory ? gstr(String(r.memory)) : undefined).done();
  if (d.resources) f.add('resources', new Fields().add('limits', res(d.resources.limits)).add('reservations', res(d.resources.reservations)).done());
  else if (mode === 'json') f.add('resources', new Fields().done());
  const rp = d.restart_policy;
  if (rp) {
    const dur = (ns: number | undefined) => (ns === undefined ? undefined : gstr(formatGoDuration(BigInt(ns))));
    f.add('restart_policy', new Fields().str('condition', rp.condition).add('delay', dur(rp.delay)).add('max_attempts', rp.max_attempts === undefined ? undefined : gnum(rp.max_attempts)).add('window', dur(rp.window)).done());
  }
  if (mode === 'json') f.add('placement', new Fields().done());
  return f.done();
}

/** ServicePortConfig in its field order; `published` is a string (recorded: compose/config-ports). */
function port(mode: Mode, c: PortConfig): GoVal {
  const f = new Fields().str('name', c.name).str('mode', c.mode).str('host_ip', c.host_ip).num('target', c.target);
  f.str('published', c.published).str('protocol', c.protocol).str('app_protocol', c.app_protocol);
  inlineExtensions(mode, f, c.extensions);
  return f.done();
}

/** HealthCheckConfig in its field order; durations as Go's Duration.String (recorded: compose/healthcheck). */
function healthcheck(h: HealthcheckModel): GoVal {
  const d = (ns: number | undefined) => (ns === undefined ? undefined : gstr(formatGoDuration(BigInt(ns))));
  const f = new Fields().list('test', h.test).add('timeout', d(h.timeout)).add('interval', d(h.interval));
  // Retries is a *uint64: written whenever it is set
  f.add('retries', h.retries === undefined ? undefined : gnum(h.retries));
  return f.add('start_period', d(h.start_period)).add('start_interval', d(h.start_interval)).bool('disable', h.disable).done();
}

function network(mode: Mode, n: NetworkModel): GoVal {
  const f = new Fields().str('name', n.name).str('driver', n.driver).map('driver_opts', stringMap(mode, n.driver_opts));
  // IPAMConfig is a struct, not a pointer: encoding/json always writes it.
  if (mode === 'json') f.add('ipam', gmap([]));
  f.bool('external', n.external).bool('internal', n.internal).bool('attachable', n.attachable).bool('enable_ipv6', n.enable_ipv6);
  f.map('labels', stringMap(mode, n.labels));
  inlineExtensions(mode, f, n.extensions);
  return f.done();
}

function volume(mode: Mode, v: VolumeModel): GoVal {
  const f = new Fields().str('name', v.name).str('driver', v.driver).map('driver_opts', stringMap(mode, v.driver_opts)).bool('external', v.external);
  f.map('labels', stringMap(mode, v.labels));
  inlineExtensions(mode, f, v.extensions);
  return f.done();
}

function fileReferences(mode: Mode, list: ServiceSecret[]): GoVal {
  return glist(list.map((x) => {
    const r = new Fields().str('source', x.source).str('target', x.target).str('uid', x.uid).str('gid', x.gid).num('mode', x.mode);
    inlineExtensions(mode, r, x.extensions);
    return r.done();
  }));
}

/** FileObjectConfig in its field order. */
function secret(mode: Mode, x: SecretModel): GoVal {
  const f = new Fields().str('name', x.name).str('file', x.file).str('environment', x.environment).str('content', x.content).bool('external', x.external);
  f.map('labels', stringMap(mode, x.labels)).str('driver', x.driver).map('driver_opts', stringMap(mode, x.driver_opts)).str('template_driver', x.template_driver);
  inlineExtensions(mode, f, x.extensions);
  return f.done();
}

function projectValue(mode: Mode, p: Project): GoVal {
  const services = gmap(sortedKeys(mode, Object.keys(p.services)).map((k) => [k, service(mode, p.services[k])]));
  const networks = gmap(sortedKeys(mode, Object.keys(p.networks)).map((k) => [k, network(mode, p.networks[k])]));
  const volumes = gmap(sortedKeys(mode, Object.keys(p.volumes)).map((k) => [k, volume(mode, p.volumes[k])]));
  const secrets = gmap(sortedKeys(mode, Object.keys(p.secrets)).map((k) => [k, secret(mode, p.secrets[k])]));
  const configs = gmap(sortedKeys(mode, Object.keys(p.configs)).map((k) => [k, secret(mode, p.configs[k])]));
  if (mode === 'yaml') {
    // Project's field order: secrets before configs (recorded: compose/configs)
    const f = new Fields().str('name', p.name).add('services', services).map('networks', networks).map('volumes', volumes).map('secrets', secrets).map('configs', configs);
    inlineExtensions(mode, f, p.extensions);
    return f.done();
  }
  // MarshalJSON builds a map: its keys are sorted, extensions included.
  const m: Record<string, GoVal> = { name: gstr(p.name), services };
  if (p.networks && Object.keys(p.networks).length > 0) m.networks = networks;
  if (Object.keys(p.volumes).length > 0) m.volumes = volumes;
  if (Object.keys(p.secrets).length > 0) m.secrets = secrets;
  if (Object.keys(p.configs).length > 0) m.configs = configs;
  for (const [k, v] of Object.entries(p.extensions)) m[k] = raw(mode, v);
  return gmap(jsonSortedKeys(Object.keys(m)).map((k) => [k, m[k]]));
}

/** The text `docker compose config [--format json]` prints. */
export function formatConfig(p: Project, format: 'yaml' | 'json'): string {
  // The model holds byte strings; the encoders below quote and escape runes, so they get the text
  // the bytes encode, and their output goes back to bytes.
  const value = textOf(projectValue(format, p));
  const text = format === 'yaml' ? encodeYaml(value) : encodeJson(value);
  return toBytes(text.replaceAll('$', '$$'));
}

function textOf(v: GoVal): GoVal {
  switch (v.k) {
    case 'str':
      return gstr(fromBytes(v.v));
    case 'list':
      return glist(v.items.map(textOf));
    case 'map':
      return gmap(v.entries.map(([k, x]) => [fromBytes(k), textOf(x)]));
    default:
      return v;
  }
}

export { isYamlMap };
