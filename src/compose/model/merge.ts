// Merging compose files (`-f a.yaml -f b.yaml`, an override file): compose-go override/merge.go.
// Mappings merge key by key, lists append, scalars are replaced, with the special rules below
// (command and entrypoint replaced whole; environment, labels, tmpfs... merged as `KEY=VALUE`
// lists; networks and depends_on as mappings). Duplicates are then resolved by unicity.

import { isYamlMap, newMap, type YamlMap, type YamlValue } from '../yaml.ts';
import { ComposeFileError } from './interpolate.ts';
import { nextPath, pathMatches, pathString, type TreePath } from './path.ts';

type Merger = (e: YamlValue, o: YamlValue, p: TreePath) => YamlValue;

/** Go's fmt %v of a scalar in `KEY=VALUE` conversions. */
function goString(v: YamlValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function toSequence(value: YamlValue): YamlValue[] {
  if (isYamlMap(value)) {
    const seq: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === null) seq.push(k);
      else if (Array.isArray(v)) for (const x of v) seq.push(`${k}=${goString(x)}`);
      else seq.push(`${k}=${goString(v)}`);
    }
    return seq.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [value];
  return [];
}

function toMapping(value: YamlValue, dflt: YamlMap | null): YamlMap {
  if (isYamlMap(value)) return value;
  const m = newMap();
  if (Array.isArray(value)) {
    for (const s of value) m[String(s)] = dflt === null ? null : Object.assign(newMap(), dflt);
  }
  return m;
}

const mergeToSequence: Merger = (e, o) => [...toSequence(e), ...toSequence(o)];
const override: Merger = (_e, o) => o;

function dependsDefault(): YamlMap {
  const m = newMap();
  m.condition = 'service_started';
  m.required = true;
  return m;
}

const SPECIALS: [string, Merger][] = [
  ['networks.*.labels', mergeToSequence],
  ['volumes.*.labels', mergeToSequence],
  ['services.*.annotations', mergeToSequence],
  ['services.*.build', (e, o, p) => {
    const asBuild = (v: YamlValue): YamlMap => {
      if (typeof v === 'string') {
        const m = newMap();
        m.context = v;
        return m;
      }
      return isYamlMap(v) ? v : newMap();
    };
    return mergeMappings(asBuild(e), asBuild(o), p);
  }],
  ['services.*.build.args', mergeToSequence],
  ['services.*.build.labels', mergeToSequence],
  ['services.*.command', override],
  ['services.*.depends_on', (e, o, p) => mergeMappings(toMapping(e, dependsDefault()), toMapping(o, dependsDefault()), p)],
  ['services.*.dns', mergeToSequence],
  ['services.*.entrypoint', override],
  ['services.*.env_file', mergeToSequence],
  ['services.*.environment', mergeToSequence],
  ['services.*.labels', mergeToSequence],
  ['services.*.networks', (e, o, p) => mergeMappings(toMapping(e, null), toMapping(o, null), p)],
  ['services.*.tmpfs', mergeToSequence],
];

function mergeYaml(e: YamlValue, o: YamlValue, p: TreePath): YamlValue {
  for (const [pattern, merger] of SPECIALS) if (pathMatches(p, pattern)) return merger(e, o, p);
  if (o === null) return e;
  if (isYamlMap(e)) {
    if (!isYamlMap(o)) throw new ComposeFileError(`cannot override ${pathString(p)}`);
    return mergeMappings(e, o, p);
  }
  if (Array.isArray(e)) {
    if (!Array.isArray(o)) throw new ComposeFileError(`cannot override ${pathString(p)}`);
    return [...e, ...o];
  }
  return o;
}

function mergeMappings(mapping: YamlMap, other: YamlMap, p: TreePath): YamlMap {
  for (const [k, v] of Object.entries(other)) {
    if (!(k in mapping) || k.startsWith('x-')) {
      mapping[k] = v;
      continue;
    }
    mapping[k] = mergeYaml(mapping[k], v, nextPath(p, k));
  }
  return mapping;
}

/** override.Merge(dict, file): the file's model merged over what earlier files gave. */
export function mergeModels(base: YamlMap, file: YamlMap): YamlMap {
  return mergeMappings(base, file, '');
}
