// Variable substitution in compose files: compose-go's template package (template/template.go)
// and interpolation package (interpolation/interpolation.go), with the loader's type casts
// (loader/interpolate.go). `$$` is a literal `$`; `$VAR`, `${VAR}`, `${VAR:-default}`,
// `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`.

import { isYamlMap, newMap, type YamlMap, type YamlValue } from '../yaml.ts';
import { nextPath, pathMatches, pathString, type TreePath } from './path.ts';

export type Lookup = (name: string) => string | undefined;

/** An error of the compose file, printed as is (exit 15 unless said otherwise). */
export class ComposeFileError extends Error {
  constructor(
    message: string,
    readonly status = 15,
  ) {
    super(message);
  }
}

class InvalidTemplate extends Error {
  constructor(public template: string) {
    super('invalid template');
  }
}

class MissingRequired extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(reason !== '' ? `required variable ${variable} is missing a value: ${reason}` : `required variable ${variable} is missing a value`);
  }
}

// The pattern of template.go: escaped `$$`, named `$VAR`, braced `${...}` (with its operator),
// or an invalid `${` (an empty group that matches).
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?](?:.*))?)\}|()))/gi;

export interface Substitution {
  lookup: Lookup;
  /** Warnings (logrus), in the order compose logs them. */
  warnings: string[];
}

/** template.Substitute: the template with every variable replaced; the first error is thrown. */
export function substitute(template: string, s: Substitution): string {
  let error: Error | undefined;
  const result = template.replace(PATTERN, (match: string) => {
    try {
      return replacement(match, s);
    } catch (e) {
      if (e instanceof InvalidTemplate && e.template === '') e.template = template;
      if (error === undefined && (e instanceof InvalidTemplate || e instanceof MissingRequired)) error = e;
      else if (!(e instanceof InvalidTemplate || e instanceof MissingRequired)) throw e;
      return '';
    }
  });
  if (error) throw error;
  return result;
}

type SubstituteFunc = (substitution: string, s: Substitution) => { value: string; applied: boolean };

/** DefaultReplacementAppliedFunc. */
function replacement(match: string, s: Substitution): string {
  const subsFunc = substitutionFunctionFor(match);
  const closing = firstBraceClosingIndex(match);
  let rest = '';
  let sub = match;
  if (closing > -1) {
    rest = match.slice(closing + 1);
    sub = match.slice(0, closing + 1);
  }
  const m = new RegExp(PATTERN.source, 'i').exec(sub);
  const escaped = m?.[1] ?? '';
  if (escaped !== '') return escaped;
  let name = m?.[2] ?? '';
  let braced = false;
  if (name === '') {
    name = m?.[3] ?? '';
    braced = true;
  }
  if (name === '') throw new InvalidTemplate('');
  if (braced) {
    const r = subsFunc(name, s);
    if (r.applied) return r.value + substitute(rest, s);
  }
  const value = s.lookup(name);
  if (value === undefined) s.warnings.push(`The ${JSON.stringify(name)} variable is not set. Defaulting to a blank string.`);
  return value ?? '';
}

function substitutionFunctionFor(template: string): SubstituteFunc {
  const ops: [string, SubstituteFunc][] = [
    [':?', (v, s) => required(v, s, ':?', (x) => x !== '')],
    ['?', (v, s) => required(v, s, '?', () => true)],
    [':-', (v, s) => withDefault(v, s, ':-', true)],
    ['-', (v, s) => withDefault(v, s, '-', false)],
    [':+', (v, s) => whenPresent(v, s, ':+', true)],
    ['+', (v, s) => whenPresent(v, s, '+', false)],
  ];
  // The operator that comes first in the template wins (a stable sort here; Go's is not, but
  // two operators never start at the same index).
  const indexed = ops.map((o) => ({ o, i: template.indexOf(o[0]) }));
  indexed.sort((a, b) => (a.i < 0 ? (b.i < 0 ? 0 : 1) : b.i < 0 ? -1 : a.i - b.i));
  return indexed[0].o[1];
}

function firstBraceClosingIndex(s: string): number {
  let open = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (s[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

function partition(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}

function withDefault(substitution: string, s: Substitution, sep: string, emptyOrUnset: boolean): { value: string; applied: boolean } {
  if (!substitution.includes(sep)) return { value: '', applied: false };
  const [name, rawDefault] = partition(substitution, sep);
  const dflt = substitute(rawDefault, s);
  const value = s.lookup(name);
  if (value === undefined || (emptyOrUnset && value === '')) return { value: dflt, applied: true };
  return { value, applied: true };
}

function whenPresent(substitution: string, s: Substitution, sep: string, notEmpty: boolean): { value: string; applied: boolean } {
  if (!substitution.includes(sep)) return { value: '', applied: false };
  const [name, rawAlt] = partition(substitution, sep);
  const alt = substitute(rawAlt, s);
  const value = s.lookup(name);
  if (value !== undefined && (!notEmpty || value !== '')) return { value: alt, applied: true };
  return { value: value ?? '', applied: true };
}

function required(substitution: string, s: Substitution, sep: string, valid: (v: string) => boolean): { value: string; applied: boolean } {
  if (!substitution.includes(sep)) return { value: '', applied: false };
  const [name, rawMessage] = partition(substitution, sep);
  const message = substitute(rawMessage, s);
  const value = s.lookup(name);
  if (value === undefined || !valid(value)) throw new MissingRequired(name, message);
  return { value, applied: true };
}

// ---------------------------------------------------------------- the whole file

type Cast = (v: string, s: Substitution) => YamlValue;

function toInt(v: string): YamlValue {
  if (!/^[-+]?\d+$/.test(v)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

function toInt64(v: string): YamlValue {
  if (!/^[-+]?\d+$/.test(v)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

function toFloat(v: string): YamlValue {
  const n = Number(v);
  if (v.trim() === '' || Number.isNaN(n)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
  return n;
}

function toBoolean(v: string, s: Substitution): YamlValue {
  switch (v.toLowerCase()) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'y':
    case 'yes':
    case 'on':
      s.warnings.push(`${JSON.stringify(v)} for boolean is not supported by YAML 1.2, please use \`true\``);
      return true;
    case 'n':
    case 'no':
    case 'off':
      s.warnings.push(`${JSON.stringify(v)} for boolean is not supported by YAML 1.2, please use \`false\``);
      return false;
    default:
      throw new Error(`invalid boolean: ${v}`);
  }
}

/** loader/interpolate.go interpolateTypeCastMapping: strings at these paths become typed values. */
const CASTS: [string, Cast][] = [
  ['services.*.configs.[].mode', toInt],
  ['services.*.cpu_count', toInt64],
  ['services.*.cpu_percent', toFloat],
  ['services.*.cpu_period', toInt64],
  ['services.*.cpu_quota', toInt64],
  ['services.*.cpu_rt_period', toInt64],
  ['services.*.cpu_rt_runtime', toInt64],
  ['services.*.cpus', toFloat],
  ['services.*.cpu_shares', toInt64],
  ['services.*.init', toBoolean],
  ['services.*.deploy.replicas', toInt],
  ['services.*.deploy.update_config.parallelism', toInt],
  ['services.*.deploy.update_config.max_failure_ratio', toFloat],
  ['services.*.deploy.rollback_config.parallelism', toInt],
  ['services.*.deploy.rollback_config.max_failure_ratio', toFloat],
  ['services.*.deploy.restart_policy.max_attempts', toInt],
  ['services.*.deploy.placement.max_replicas_per_node', toInt],
  ['services.*.healthcheck.retries', toInt],
  ['services.*.healthcheck.disable', toBoolean],
  ['services.*.oom_kill_disable', toBoolean],
  ['services.*.oom_score_adj', toInt64],
  ['services.*.pids_limit', toInt64],
  ['services.*.ports.[].target', toInt],
  ['services.*.privileged', toBoolean],
  ['services.*.read_only', toBoolean],
  ['services.*.scale', toInt],
  ['services.*.secrets.[].mode', toInt],
  ['services.*.stdin_open', toBoolean],
  ['services.*.tty', toBoolean],
  ['services.*.ulimits.*', toInt],
  ['services.*.ulimits.*.hard', toInt],
  ['services.*.ulimits.*.soft', toInt],
  ['services.*.volumes.[].read_only', toBoolean],
  ['services.*.volumes.[].volume.nocopy', toBoolean],
  ['networks.*.external', toBoolean],
  ['networks.*.internal', toBoolean],
  ['networks.*.attachable', toBoolean],
  ['networks.*.enable_ipv4', toBoolean],
  ['networks.*.enable_ipv6', toBoolean],
  ['volumes.*.external', toBoolean],
  ['secrets.*.external', toBoolean],
  ['configs.*.external', toBoolean],
];

/** interpolation.Interpolate over a decoded file. */
export function interpolateModel(config: YamlMap, s: Substitution): YamlMap {
  const out = newMap();
  for (const [k, v] of Object.entries(config)) out[k] = interpolateValue(v, nextPath('', k), s);
  return out;
}

function interpolateValue(value: YamlValue, path: TreePath, s: Substitution): YamlValue {
  if (typeof value === 'string') {
    let text: string;
    try {
      text = substitute(value, s);
    } catch (e) {
      throw pathError(path, e);
    }
    const cast = CASTS.find(([pattern]) => pathMatches(path, pattern));
    if (!cast) return text;
    try {
      return cast[1](text, s);
    } catch (e) {
      throw new ComposeFileError(`error while interpolating ${pathString(path)}: failed to cast to expected type: ${(e as Error).message}`);
    }
  }
  if (Array.isArray(value)) return value.map((v) => interpolateValue(v, nextPath(path, '[]'), s));
  if (isYamlMap(value)) {
    const out = newMap();
    for (const [k, v] of Object.entries(value)) out[k] = interpolateValue(v, nextPath(path, k), s);
    return out;
  }
  return value;
}

function pathError(path: TreePath, e: unknown): Error {
  if (e instanceof InvalidTemplate) {
    return new ComposeFileError(`invalid interpolation format for ${pathString(path)}.\nYou may need to escape any $ with another $.\n${e.template}`);
  }
  if (e instanceof MissingRequired) return new ComposeFileError(`error while interpolating ${pathString(path)}: ${e.message}`);
  return e as Error;
}
