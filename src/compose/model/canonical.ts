// The canonical form of a loaded file (compose-go transform/*.go, override/uncity.go,
// loader/omitEmpty.go): short syntaxes become their long form before files are merged and
// checked, so that `- ./data:/data` and its long form behave alike.

import { isYamlMap, newMap, type YamlMap, type YamlValue } from '../yaml.ts';
import { ComposeFileError } from './interpolate.ts';
import { nextPath, pathMatches, pathString, type TreePath } from './path.ts';
import { parsePortConfig, portConfigToMap, portIndex } from './ports.ts';

// ---------------------------------------------------------------- the volume short syntax

export interface ParsedVolume {
  type: 'volume' | 'bind';
  source: string;
  target: string;
  readOnly: boolean;
  bind?: { propagation?: string; selinux?: string; create_host_path?: boolean };
  volume?: { nocopy?: boolean };
}

const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];

const isLetter = (c: string): boolean => /\p{L}/u.test(c);

/** format.ParseVolume (compose-go format/volume.go). */
export function parseVolumeSpec(spec: string): ParsedVolume {
  const v: ParsedVolume = { type: 'volume', source: '', target: '', readOnly: false };
  const chars = [...spec];
  if (chars.length === 0) throw new ComposeFileError('invalid empty volume spec');
  if (spec.length <= 2) {
    v.target = spec;
    return v;
  }
  let buffer: string[] = [];
  const end = '\0';
  for (const c of [...chars, end]) {
    if (c === ':' && buffer.length === 1 && isLetter(buffer[0])) {
      buffer.push(c);
    } else if (c === ':' || c === end) {
      const problem = populate(c === end, c === ':', buffer.join(''), buffer.length, v);
      if (problem) {
        populateType(v);
        throw new ComposeFileError(`invalid spec: ${spec}: ${problem}`);
      }
      buffer = [];
    } else {
      buffer.push(c);
    }
  }
  populateType(v);
  return v;
}

function populate(atEnd: boolean, colon: boolean, text: string, length: number, v: ParsedVolume): string | undefined {
  if (length === 0) return 'empty section between colons';
  if (v.source === '' && atEnd) {
    v.target = text;
    return undefined;
  }
  if (v.source === '') {
    v.source = text;
    return undefined;
  }
  if (v.target === '') {
    v.target = text;
    return undefined;
  }
  if (colon) return 'too many colons';
  for (const option of text.split(',')) {
    if (option === 'ro') v.readOnly = true;
    else if (option === 'rw') v.readOnly = false;
    else if (option === 'nocopy') v.volume = { nocopy: true };
    else if (PROPAGATIONS.includes(option)) v.bind = { ...(v.bind ?? {}), propagation: option };
    else if (option === 'z' || option === 'Z') v.bind = { ...(v.bind ?? {}), selinux: option };
  }
  return undefined;
}

function populateType(v: ParsedVolume): void {
  if (isFilePath(v.source)) {
    v.type = 'bind';
    v.bind = { ...(v.bind ?? {}), create_host_path: true };
  } else {
    v.type = 'volume';
    v.volume = v.volume ?? {};
  }
}

function isFilePath(source: string): boolean {
  if (source === '') return false;
  if ('./~'.includes(source[0])) return true;
  if (source.startsWith('\\\\')) return true;
  const chars = [...source];
  return chars.length > 1 && chars[1] === ':' && isLetter(chars[0]);
}

/** Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

function volumeToMap(v: ParsedVolume): YamlMap {
  const m = newMap();
  m.type = v.type;
  if (v.source !== '') m.source = v.source;
  if (v.target !== '') m.target = v.target === '' ? '' : cleanPath(v.target);
  if (v.readOnly) m.read_only = true;
  if (v.bind) {
    const b = newMap();
    if (v.bind.selinux) b.selinux = v.bind.selinux;
    if (v.bind.propagation) b.propagation = v.bind.propagation;
    if (v.bind.create_host_path) b.create_host_path = true;
    m.bind = b;
  }
  if (v.volume) {
    const vol = newMap();
    if (v.volume.nocopy) vol.nocopy = true;
    m.volume = vol;
  }
  return m;
}

// ---------------------------------------------------------------- canonical (transform/canonical.go)

type Transformer = (data: YamlValue, p: TreePath) => YamlValue;

const toList: Transformer = (d) => (typeof d === 'string' ? [d] : d);

const TRANSFORMERS: [string, Transformer][] = [
  ['services.*', (d, p) => (isYamlMap(d) ? transformMapping(d, p) : d)],
  ['services.*.depends_on', transformDependsOn],
  ['services.*.env_file', transformEnvFile],
  ['services.*.label_file', toList],
  ['services.*.networks', (d) => {
    if (!Array.isArray(d)) return d;
    const m = newMap();
    for (const n of d) m[String(n)] = null;
    return m;
  }],
  ['services.*.volumes.*', transformVolumeMount],
  // transformFileMount (compose-go transform/secrets.go): `- name` is `{source: name}`
  ['services.*.secrets.*', transformFileMount],
  ['services.*.configs.*', transformFileMount],
  ['services.*.dns', toList],
  ['services.*.ports', transformPorts],
  ['services.*.build', (d, p) => {
    if (isYamlMap(d)) return transformMapping(d, p);
    if (typeof d === 'string') {
      const m = newMap();
      m.context = d;
      return m;
    }
    throw new ComposeFileError(`${pathString(p)}: invalid type ${goType(d)} for build`);
  }],
  ['volumes.*', transformMaybeExternal],
  ['networks.*', transformMaybeExternal],
  ['secrets.*', transformMaybeExternal],
  ['configs.*', transformMaybeExternal],
];

function transformFileMount(d: YamlValue, p: TreePath): YamlValue {
  if (isYamlMap(d)) return transformMapping(d, p);
  if (typeof d === 'string') {
    const m = newMap();
    m.source = d;
    return m;
  }
  throw new ComposeFileError(`${pathString(p)}: unsupported type ${goType(d)}`);
}

function goType(v: YamlValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v === null) return '<nil>';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** transform.Canonical; `ignoreParseError` (an uninterpolated model) keeps short ports that do not parse as written. */
export function canonical(dict: YamlMap, warnings: string[], ignoreParseError = false): YamlMap {
  externalWarnings = warnings;
  ignoreParseErrors = ignoreParseError;
  return transform(dict, '') as YamlMap;
}

let externalWarnings: string[] = [];
let ignoreParseErrors = false;

function transform(data: YamlValue, p: TreePath): YamlValue {
  for (const [pattern, fn] of TRANSFORMERS) if (p !== '' && pathMatches(p, pattern)) return fn(data, p);
  if (isYamlMap(data)) return transformMapping(data, p);
  if (Array.isArray(data)) {
    data.forEach((e, i) => (data[i] = transform(e, nextPath(p, '[]'))));
    return data;
  }
  return data;
}

function transformMapping(v: YamlMap, p: TreePath): YamlMap {
  for (const [k, e] of Object.entries(v)) v[k] = transform(e, nextPath(p, k));
  return v;
}

function transformVolumeMount(d: YamlValue, p: TreePath): YamlValue {
  if (isYamlMap(d)) return d;
  if (typeof d === 'string') return volumeToMap(parseVolumeSpec(d));
  throw new ComposeFileError(`${pathString(p)}: invalid type ${goType(d)} for service volume mount`);
}

/** transform/ports.go transformPorts: each short-syntax entry as one long-syntax entry per port. */
function transformPorts(d: YamlValue, p: TreePath): YamlValue {
  if (!Array.isArray(d)) throw new ComposeFileError(`${pathString(p)}: invalid type ${goType(d)} for port`);
  const ports: YamlValue[] = [];
  for (const entry of d) {
    if ((typeof entry === 'number' && Number.isInteger(entry)) || typeof entry === 'string') {
      const parsed = parsePortConfig(String(entry));
      if (typeof parsed === 'string') {
        // an int's error is returned even when parse errors are ignored
        if (ignoreParseErrors && typeof entry === 'string') return d;
        throw new ComposeFileError(parsed);
      }
      ports.push(...parsed.map(portConfigToMap));
    } else if (isYamlMap(entry)) ports.push(entry);
    else throw new ComposeFileError(`${pathString(p)}: invalid type ${goType(entry)} for port`);
  }
  return ports;
}

function transformDependsOn(d: YamlValue, p: TreePath): YamlValue {
  if (isYamlMap(d)) {
    for (const [k, e] of Object.entries(d)) {
      if (!isYamlMap(e)) throw new ComposeFileError(`${pathString(p)}.${k}: unsupported value`);
      if (!('condition' in e)) e.condition = 'service_started';
      if (!('required' in e)) e.required = true;
    }
    return d;
  }
  if (Array.isArray(d)) {
    const m = newMap();
    for (const k of d) {
      const dep = newMap();
      dep.condition = 'service_started';
      dep.required = true;
      m[String(k)] = dep;
    }
    return m;
  }
  throw new ComposeFileError(`${pathString(p)}: invalid type ${goType(d)} for depend_on`);
}

function transformEnvFile(d: YamlValue, p: TreePath): YamlValue {
  const entry = (path: string): YamlMap => {
    const m = newMap();
    m.path = path;
    m.required = true;
    return m;
  };
  if (typeof d === 'string') return [entry(d)];
  if (Array.isArray(d)) {
    return d.map((e) => {
      if (typeof e === 'string') return entry(e);
      if (isYamlMap(e)) {
        if (!('required' in e)) e.required = true;
        return e;
      }
      throw new ComposeFileError(`${pathString(p)}: invalid type ${goType(e)} for env_file`);
    });
  }
  throw new ComposeFileError(`${pathString(p)}: invalid type ${goType(d)} for env_file`);
}

function transformMaybeExternal(d: YamlValue, p: TreePath): YamlValue {
  if (d === null || !isYamlMap(d)) return d;
  const resource = transformMapping(d, p);
  const ext = resource.external;
  if (ext !== undefined && isYamlMap(ext)) {
    resource.external = true;
    if ('name' in ext) {
      externalWarnings.push(`${pathString(p)}: external.name is deprecated. Please set name and external: true`);
      if ('name' in resource && ext.name !== resource.name) throw new ComposeFileError(`${pathString(p)}: name and external.name conflict; only use name`);
      if (!('name' in resource)) resource.name = ext.name;
    }
  }
  return resource;
}

// ---------------------------------------------------------------- unicity (override/uncity.go)

type Indexer = (v: YamlValue, p: TreePath) => string;

const keyValueIndexer: Indexer = (v, p) => {
  if (typeof v !== 'string') throw new ComposeFileError(`${pathString(p)}: unexpected type ${goType(v)}`);
  const i = v.indexOf('=');
  return i >= 0 ? v.slice(0, i) : v;
};

const volumeIndexer: Indexer = (v, p) => {
  if (isYamlMap(v)) {
    if (typeof v.target !== 'string') throw new ComposeFileError(`service volume ${pathString(p)} is missing a mount target`);
    return v.target;
  }
  if (typeof v === 'string') return parseVolumeSpec(v).target;
  return '';
};

const portIndexer: Indexer = (v, p) => {
  const key = portIndex(v);
  if (key === undefined) throw new ComposeFileError(`service ports ${pathString(p)} is missing a target port`);
  return key;
};

const UNIQUE: [string, Indexer][] = [
  ['services.*.build.args', keyValueIndexer],
  ['services.*.build.labels', keyValueIndexer],
  ['services.*.cap_add', keyValueIndexer],
  ['services.*.cap_drop', keyValueIndexer],
  ['services.*.dns', keyValueIndexer],
  ['services.*.environment', keyValueIndexer],
  ['services.*.labels', keyValueIndexer],
  ['services.*.links', keyValueIndexer],
  ['services.*.ports', portIndexer],
  ['services.*.profiles', keyValueIndexer],
  ['services.*.tmpfs', keyValueIndexer],
  ['services.*.volumes', volumeIndexer],
];

/** EnforceUnicity: in these lists a later entry with the same key replaces the earlier one, in its place. */
export function enforceUnicity(value: YamlValue, p: TreePath = ''): YamlValue {
  if (isYamlMap(value)) {
    for (const [k, e] of Object.entries(value)) value[k] = enforceUnicity(e, nextPath(p, k));
    return value;
  }
  if (Array.isArray(value)) {
    const rule = UNIQUE.find(([pattern]) => pathMatches(p, pattern));
    if (!rule) return value;
    const seq: YamlValue[] = [];
    const keys = new Map<string, number>();
    value.forEach((entry, i) => {
      const key = rule[1](entry, nextPath(p, `[${i}]`));
      const j = keys.get(key);
      if (j !== undefined) seq[j] = entry;
      else {
        seq.push(entry);
        keys.set(key, seq.length - 1);
      }
    });
    return seq;
  }
  return value;
}

/** OmitEmpty: empty `dns` entries are dropped. */
export function omitEmpty(dict: YamlMap): YamlMap {
  const services = dict.services;
  if (isYamlMap(services)) {
    for (const s of Object.values(services)) {
      if (isYamlMap(s) && 'dns' in s) {
        const dns = s.dns;
        if (dns === null || dns === '') delete s.dns;
        else if (Array.isArray(dns)) s.dns = dns.filter((e) => e !== null && e !== '');
      }
    }
  }
  return dict;
}
