// Loading a compose project as `docker compose` 2.26.1 does (cmd/compose/compose.go ToProject) with
// the compose-go loader inside it (v2.4.8: cli/options.go, loader/loader.go, loader/normalize.go):
// find the files, read `.env`, pick the project name, then per file decode, interpolate, merge,
// check against the schema and put into canonical form; then defaults, relative paths, the
// normalization (project-prefixed names, the default network) and the consistency checks.
//
// Files are read from the simulated host: compose files are written by the scenario's own
// commands (`cat > compose.yaml <<'EOF'`), as on a real machine.

import { parseRamInBytes } from '../../docker/format/units.ts';
import { basename, dirname } from '../../fs/path.ts';
import { isYamlMap, newMap, nonStringKey, parseYamlDocuments, YamlError, type YamlMap, type YamlValue } from '../yaml.ts';
import { canonical, cleanPath, enforceUnicity, omitEmpty, parseVolumeSpec } from './canonical.ts';
import { COMPOSE_SPEC } from './compose-spec.ts';
import { parseDotEnv } from './dotenv.ts';
import { ComposeFileError, interpolateModel, substitute, type Substitution } from './interpolate.ts';
import { mergeModels } from './merge.ts';
import type { BuildConfig, HealthcheckModel, DeployModel, DeployResource, NetworkModel, Project, SecretModel, ServiceModel, ServiceSecret, ServiceVolume, VolumeModel } from './project.ts';
import { portDefaults, type PortConfig } from './ports.ts';
import { DurationError, parseGoDuration } from '../../docker/format/duration.ts';
import { validateAgainstSchema } from './schema.ts';
import { shellwords } from './shellwords.ts';

/** What the loader reads on the simulated host. */
export interface HostFiles {
  /** A file's text, or undefined when there is none. */
  read(path: string): string | undefined;
  kind(path: string): 'file' | 'dir' | undefined;
}

export interface LoadOptions {
  host: HostFiles;
  /** The directory `docker compose` ran in. */
  cwd: string;
  /** The process environment. */
  env: Record<string, string>;
  files: string[];
  projectName?: string;
  projectDirectory?: string;
  envFiles: string[];
  profiles: string[];
  /** Services named on the command line (they enable their profiles). */
  services?: string[];
  interpolate?: boolean;
  normalize?: boolean;
  resolvePaths?: boolean;
  consistency?: boolean;
  /** Keep services' environment unresolved (`config --services` and friends). */
  resolveEnvironment?: boolean;
  /** Drop volumes and networks no service uses (ProjectOptions.ToProject does; `config --no-...` too). */
  dropUnused?: boolean;
}

/** A part of the compose model strata does not simulate: refused by name (exit 125). */
export class ComposeUnsupported extends Error {}

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** filepath.Abs / filepath.Join + Clean against a directory. */
export function absPath(base: string, p: string): string {
  return cleanPath(p.startsWith('/') ? p : `${base}/${p}`);
}

export interface ProjectOptionsResult {
  /** The files to load, absolute. */
  configPaths: string[];
  workingDir: string;
  environment: Map<string, string>;
  warnings: string[];
}

/** loader.NormalizeProjectName. */
export function normalizeProjectName(s: string): string {
  return (s.toLowerCase().match(/[a-z0-9_-]/g) ?? []).join('').replace(/^[_-]+/, '');
}

export function invalidProjectName(v: string): string {
  return `invalid project name ${JSON.stringify(v)}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`;
}

/**
 * cli.NewProjectOptions with compose's option list: the working directory, the environment
 * (the process's, then `.env` for what it does not set), and the compose files (`-f`,
 * COMPOSE_FILE, or the default names searched from the working directory upwards).
 * Errors here come before the command runs (exit 1).
 */
export function projectOptions(o: ModelOptions): ProjectOptionsResult {
  const warnings: string[] = [];
  if (o.projectName !== undefined && o.projectName !== normalizeProjectName(o.projectName)) {
    throw new ComposeFileError(invalidProjectName(o.projectName), 1);
  }
  // setEnvWithDotEnv (cmd/compose/compose.go at v2.26.1): before the command runs, compose works
  // the options out once from the process's environment and copies every variable of the .env
  // file it finds into that environment (the process's own win); then it works them out again,
  // so the .env's COMPOSE_FILE, COMPOSE_PROFILES... count (recorded: compose/dotenv-compose-vars)
  const osEnv = new Map(Object.entries(o.env));
  const first = locateFiles(o, osEnv, warnings);
  const env = new Map(osEnv);
  readEnvFiles(o, first.envFiles, env, []);
  const second = locateFiles(o, env, warnings);
  readEnvFiles(o, second.envFiles, env, warnings);
  return { configPaths: second.configPaths, workingDir: second.workingDir, environment: env, warnings };
}

/** One pass of toProjectOptions: the compose files, the working directory and the env files. */
function locateFiles(o: ModelOptions, env: Map<string, string>, warnings: string[]): { configPaths: string[]; workingDir: string; envFiles: string[] } {
  let configPaths = o.files.map((f) => absPath(o.cwd, f));
  const projectDir = o.projectDirectory !== undefined && o.projectDirectory !== '' ? absPath(o.cwd, o.projectDirectory) : undefined;
  if (configPaths.length === 0 && env.has('COMPOSE_FILE')) {
    const sep = env.get('COMPOSE_PATH_SEPARATOR') || ':';
    configPaths = env.get('COMPOSE_FILE')!.split(sep).map((f) => absPath(o.cwd, f));
  }
  const workingDirOf = (): string => projectDir ?? (configPaths.length > 0 ? dirname(configPaths[0]) : o.cwd);
  if (configPaths.length === 0) {
    let dir = workingDirOf();
    for (;;) {
      const found = DEFAULT_FILES.map((n) => absPath(dir, n)).filter((p) => o.host.kind(p) === 'file');
      if (found.length > 0) {
        // each pass looks the default files up (WithDefaultConfigPath), so the pair of warnings
        // comes twice (recorded: compose/project-name-env-and-files)
        if (found.length > 1) {
          warnings.push(`Found multiple config files with supported names: ${found.join(', ')}`);
          warnings.push(`Using ${found[0]}`);
        }
        configPaths.push(found[0]);
        const overrides = OVERRIDE_FILES.map((n) => absPath(dir, n)).filter((p) => o.host.kind(p) === 'file');
        if (overrides.length > 0) {
          if (overrides.length > 1) {
            warnings.push(`Found multiple override files with supported names: ${overrides.join(', ')}`);
            warnings.push(`Using ${overrides[0]}`);
          }
          configPaths.push(overrides[0]);
        }
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  const workingDir = workingDirOf();
  let envFiles = o.envFiles.map((f) => absPath(o.cwd, f));
  if (envFiles.length === 0 && env.get('COMPOSE_ENV_FILES')) envFiles = env.get('COMPOSE_ENV_FILES')!.split(',').map((f) => absPath(o.cwd, f));
  if (envFiles.length === 0 && o.host.kind(absPath(workingDir, '.env')) === 'file') envFiles = [absPath(workingDir, '.env')];
  return { configPaths, workingDir, envFiles };
}

/** dotenv.GetEnvFromFile, merged under what `env` already sets. */
function readEnvFiles(o: ModelOptions, envFiles: string[], env: Map<string, string>, warnings: string[]): void {
  // GetEnvFromFile (compose-go dotenv/env.go at v2.0.2): the files in order, a later file's value
  // over an earlier one's, each file's ${VAR} looked up in the environment, then in the files read
  // before it; WithDotEnv then adds them under the environment's own (Mapping.Merge; recorded:
  // compose/sweep-env-file-flag-profiles)
  const fromFiles = new Map<string, string>();
  for (const file of envFiles) {
    const kind = o.host.kind(file);
    if (kind === undefined) throw new ComposeFileError(`Couldn't find env file: ${file}`, 1);
    if (kind === 'dir') throw new ComposeFileError(`${file} is a directory`, 1);
    const vars = parseDotEnv(o.host.read(file) ?? '', (k) => env.get(k) ?? fromFiles.get(k), warnings);
    for (const [k, v] of vars) fromFiles.set(k, v);
  }
  for (const [k, v] of fromFiles) if (!env.has(k)) env.set(k, v);
}

/** A compose file read from the host, and its documents once decoded (or why they were not). */
interface ComposeFile {
  path: string;
  text: string;
  decoded?: { docs: YamlValue[] } | { error: unknown };
}

/**
 * The documents of a file, decoded once, when first needed: loadProject reads the project name
 * from them and then the model (decoding was a third of loading, done twice whenever no -p named
 * the project). Only read them before the model's pass, which changes them.
 */
function decodeFile(f: ComposeFile): YamlValue[] {
  if (f.decoded === undefined) {
    try {
      f.decoded = { docs: parseYamlDocuments(f.text) };
    } catch (error) {
      f.decoded = { error };
    }
  }
  if ('error' in f.decoded) throw f.decoded.error;
  return f.decoded.docs;
}

/** Load the project. Warnings are appended to `warnings` in the order compose logs them. */
export function loadProject(o: LoadOptions, warnings: string[]): Project {
  const { services, profiles, consistency, resolveEnvironment, dropUnused, ...model } = o;
  return finishProject(loadProjectModel(model, warnings), o);
}

/** The options the model is loaded with: those the command's own selection reads are not. */
export type ModelOptions = Omit<LoadOptions, 'services' | 'profiles' | 'consistency' | 'resolveEnvironment' | 'dropUnused'>;

/**
 * The project as its files, environment and name make it, before the command's selection
 * (profiles, the services named, the checks and the environment files that follow): what
 * loadProject's commands share (model/load-memo.ts keeps it).
 */
export function loadProjectModel(o: ModelOptions, warnings: string[]): Project {
  const opts = projectOptions(o);
  warnings.push(...opts.warnings);
  const { configPaths, workingDir, environment } = opts;
  if (configPaths.length === 0) throw new ComposeFileError('no configuration file provided: not found', 14);
  const files: ComposeFile[] = [];
  for (const path of configPaths) {
    const text = o.host.read(path);
    if (text === undefined) {
      throw new ComposeFileError(o.host.kind(path) === 'dir' ? `read ${path}: is a directory` : `open ${path}: no such file or directory`, 14);
    }
    files.push({ path, text });
  }
  const lookup = (k: string): string | undefined => environment.get(k);
  const sub: Substitution = { lookup, warnings };
  const interpolate = o.interpolate !== false;

  // The project name: -p, COMPOSE_PROJECT_NAME, the last `name:` of the files, the directory.
  let name: string;
  if (o.projectName !== undefined && o.projectName !== '') name = o.projectName;
  else if (environment.get('COMPOSE_PROJECT_NAME')) {
    name = environment.get('COMPOSE_PROJECT_NAME')!;
    if (normalizeProjectName(name) !== name) throw new ComposeFileError(invalidProjectName(name));
  } else {
    let fromFile = '';
    for (const f of files) {
      try {
        for (const doc of decodeFile(f)) {
          if (isYamlMap(doc) && typeof doc.name === 'string' && doc.name !== '') fromFile = doc.name;
        }
      } catch {
        // a file that does not parse fails later, with its own error
      }
    }
    if (interpolate && fromFile !== '') fromFile = substituteName(fromFile, sub);
    fromFile = normalizeProjectName(fromFile);
    name = fromFile !== '' ? fromFile : normalizeProjectName(basename(workingDir));
  }
  environment.set('COMPOSE_PROJECT_NAME', name);

  const dict = loadModel(files, { host: o.host, interpolate, sub, warnings, chain: [], workingDir, home: o.env.HOME });
  setDefaults(dict);
  checkVolumesAndNetworks(dict);
  if (o.resolvePaths !== false) resolvePaths(dict, workingDir, o.host, o.env.HOME);
  resolveEnvironment(dict, environment);
  if (Object.keys(dict).length === 0) throw new ComposeFileError('empty compose file');
  const normalize = o.normalize !== false;
  if (normalize) {
    dict.name = name;
    normalizeModel(dict, environment);
  }
  return toProject(dict, name, workingDir, configPaths, environment, normalize);
}

/**
 * The command's selection of a loaded model (changed in place): the profiles (-p, else
 * COMPOSE_PROFILES of the project's environment) and the services named, the consistency checks,
 * the services' environment files, the unused volumes and networks dropped.
 */
export function finishProject(project: Project, o: LoadOptions): Project {
  const { environment } = project;
  const profiles = o.profiles.length > 0 ? o.profiles : (environment.get('COMPOSE_PROFILES') ?? '').split(',').map((s) => s.trim());
  // compose-go v2.0.2 loader.go: WithProfiles, then checkConsistency; only then does compose's
  // ToProject enable the services named on the command line (WithServicesEnabled), so a service
  // that depends on a profiled one fails the project even when the command names that one
  // (recorded: compose/tut-profile-run-and-deps, `run --rm backup`)
  applyProfiles(project, profiles, o.services ?? [], o.consistency !== false ? checkConsistency : undefined);
  if (o.resolveEnvironment !== false) resolveEnvFiles(project, o.host);
  if (o.dropUnused !== false) dropUnused(project);
  return project;
}

function substituteName(text: string, sub: Substitution): string {
  return substitute(text, sub);
}

/** convertToStringKeysRecursive: a key that is not a string is refused, with where it was. */
function checkStringKeys(value: YamlValue, prefix: string): void {
  if (isYamlMap(value)) {
    const bad = nonStringKey(value);
    if (bad !== undefined) throw new ComposeFileError(`Non-string key ${prefix === '' ? 'at top level' : `in ${prefix}`}: ${bad}`);
    for (const [k, v] of Object.entries(value)) checkStringKeys(v, prefix === '' ? k : `${prefix}.${k}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkStringKeys(v, `${prefix}[${i}]`));
  }
}

/** What loading a model needs: the host's files, interpolation, warnings, the include chain. */
interface ModelLoad {
  host: HostFiles;
  interpolate: boolean;
  sub: Substitution;
  warnings: string[];
  /** The files whose `include` led here (compose-go's `included`). */
  chain: string[];
  /** The project's working directory (whose .env the environment has). */
  workingDir: string;
  /** The process's HOME, for paths written `~` (paths.ExpandUser). */
  home: string | undefined;
}

/**
 * ApplyInclude (compose-go loader/include.go): each entry's file is loaded as a model of its own
 * (its own includes and extends applied, in canonical form, its relative paths made absolute in
 * its directory: ResolvePaths), and its services, volumes, networks, secrets and configs join
 * this file's; one this file defines otherwise is `KEY.NAME conflicts with imported resource`
 * (importResource; recorded: compose/include). Refused by name, their words or environment not
 * recorded: an entry's env_file or project_directory, several files in one entry, a `.env` in the
 * included directory (its variables would interpolate that file), a missing file, a cycle.
 */
function applyInclude(cfg: YamlMap, file: string, m: ModelLoad): void {
  const entries = cfg.include;
  delete cfg.include;
  const refuse = (what: string): never => {
    throw new ComposeUnsupported(`strata does not simulate compose's \`include\` ${what}`);
  };
  if (!Array.isArray(entries)) return refuse('that is not a list');
  for (const entry of entries) {
    const spec = typeof entry === 'string' ? { path: entry } : isYamlMap(entry) ? entry : refuse('entry that is neither a path nor a mapping');
    const other = Object.keys(spec).find((k) => k !== 'path');
    if (other !== undefined) refuse(`with \`${other}\``);
    const paths = Array.isArray(spec.path) ? spec.path : [spec.path];
    if (paths.length !== 1 || typeof paths[0] !== 'string') return refuse('of several files in one entry');
    const path = absPath(dirname(file), paths[0]);
    if (path === file || m.chain.includes(path)) refuse(`cycle (${path})`);
    if (dirname(path) !== m.workingDir && m.host.kind(absPath(dirname(path), '.env')) === 'file') refuse(`of a directory with its own .env (${dirname(path)})`);
    const text = m.host.read(path);
    if (text === undefined) return refuse(`of a file that is not there (${path})`);
    const imported = loadModel([{ path, text }], { ...m, chain: [...m.chain, file] });
    resolvePaths(imported, dirname(path), m.host, m.home);
    for (const key of ['services', 'volumes', 'networks', 'secrets', 'configs']) {
      const from = imported[key];
      if (!isYamlMap(from)) continue;
      const existing = cfg[key];
      const to = isYamlMap(existing) ? existing : newMap();
      for (const [name, value] of Object.entries(from)) {
        if (name in to) {
          // reflect.DeepEqual: the same definition twice is no conflict
          if (JSON.stringify(to[name]) === JSON.stringify(value)) continue;
          throw new ComposeFileError(`${key}.${name} conflicts with imported resource`);
        }
        to[name] = value;
      }
      cfg[key] = to;
    }
  }
}

/**
 * loadYamlModel (compose-go loader/loader.go): each file's documents in turn, interpolated, their
 * `include` and `extends` applied, merged over the files before, checked against the schema and
 * put in canonical form.
 */
function loadModel(files: ComposeFile[], m: ModelLoad): YamlMap {
  const { host, interpolate, sub } = m;
  let dict = newMap();
  for (const f of files) {
    let docs: YamlValue[];
    try {
      docs = decodeFile(f);
    } catch (e) {
      if (e instanceof YamlError) throw new ComposeFileError(e.message);
      throw e;
    }
    for (const raw of docs) {
      checkStringKeys(raw, '');
      if (!isYamlMap(raw)) throw new ComposeFileError('Top-level object must be a mapping');
      let cfg = interpolate ? interpolateModel(raw, sub) : raw;
      if ('include' in cfg) applyInclude(cfg, f.path, m);
      checkServiceMappings(cfg);
      applyExtends(cfg, f.path, (path) => {
        const text = host.read(path);
        if (text === undefined) return undefined;
        const docs = parseYamlDocuments(text);
        const doc = docs[0];
        if (!isYamlMap(doc)) return undefined;
        checkServiceMappings(doc);
        return interpolate ? interpolateModel(doc, sub) : doc;
      });
      dict = mergeModels(dict, cfg);
      dict = enforceUnicity(dict) as YamlMap;
      const invalid = validateAgainstSchema(COMPOSE_SPEC, dict);
      if (invalid !== undefined) throw new ComposeFileError(`validating ${f.path}: ${invalid}`);
      if ('version' in dict) {
        m.warnings.push(`${f.path}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`);
        delete dict.version;
      }
      dict = canonical(dict, m.warnings, !interpolate);
      dict = omitEmpty(dict);
      dict = enforceUnicity(dict) as YamlMap;
      cfg = dict;
    }
  }
  return dict;
}

/**
 * ApplyExtends (compose-go loader/extends.go) runs before the schema check and has its own words
 * for services that are not mappings (recorded: compose/config-top-level-errors).
 */
function checkServiceMappings(cfg: YamlMap): void {
  if (!('services' in cfg)) return;
  const services = cfg.services;
  if (services === null) return;
  if (!isYamlMap(services)) throw new ComposeFileError('services must be a mapping');
  for (const [name, s] of Object.entries(services)) {
    if (s === null) continue;
    if (!isYamlMap(s)) throw new ComposeFileError(`services.${name} must be a mapping`);
  }
}

function cloneYaml(v: YamlValue): YamlValue {
  if (Array.isArray(v)) return v.map(cloneYaml);
  if (isYamlMap(v)) {
    const m = newMap();
    for (const [k, x] of Object.entries(v)) m[k] = cloneYaml(x);
    return m;
  }
  return v;
}

/**
 * ApplyExtends (compose-go loader/extends.go): a service with `extends` is its base service
 * (in the same file, or `file:`), itself extended first, with the service merged over it as a
 * later file's service would be (override.ExtendService: the merge rules of -f files), before
 * the schema check and the canonical forms (recorded: compose/extends). A base from a file in
 * another directory has its relative paths made absolute in that directory first
 * (getExtendsBaseFromFile's paths.ResolveRelativePaths; recorded: compose/extends-other-dir). A
 * cycle is refused by name.
 */
function applyExtends(cfg: YamlMap, file: string, readFile: (path: string) => YamlMap | undefined): void {
  const services = cfg.services;
  if (!isYamlMap(services)) return;
  for (const name of Object.keys(services)) extendService(name, services, file, readFile, []);
}

function extendService(name: string, services: YamlMap, file: string, readFile: (path: string) => YamlMap | undefined, chain: string[]): YamlValue {
  const s = services[name];
  if (!isYamlMap(s) || !('extends' in s)) return s;
  const ext = s.extends;
  const ref = typeof ext === 'string' ? ext : isYamlMap(ext) ? String(ext.service) : '';
  const other = isYamlMap(ext) && typeof ext.file === 'string' ? absPath(dirname(file), ext.file) : undefined;
  const at = `${file}#${name}`;
  if (chain.includes(at)) throw new ComposeUnsupported(`strata does not simulate compose's error for a circular \`extends\` (services.${name})`);
  let baseServices = services;
  let baseFile = file;
  if (other !== undefined) {
    const doc = readFile(other);
    const found = doc !== undefined && isYamlMap(doc.services) ? doc.services : undefined;
    if (found === undefined || !(ref in found)) throw new ComposeUnsupported(`strata does not simulate compose's error for \`extends\` of a service ${other} does not have (${ref})`);
    baseServices = found;
    baseFile = other;
  } else if (!(ref in services)) {
    throw new ComposeFileError(`cannot extend service ${JSON.stringify(name)} in ${file}: service ${JSON.stringify(ref)} not found`);
  }
  const base = extendService(ref, baseServices, baseFile, readFile, [...chain, at]);
  if (base === null || base === undefined) return s;
  const left = newMap();
  const leftServices = newMap();
  leftServices[name] = dirname(baseFile) === dirname(file) ? cloneYaml(base) : rebasePaths(cloneYaml(base), dirname(baseFile));
  left.services = leftServices;
  const right = newMap();
  const rightServices = newMap();
  rightServices[name] = s;
  right.services = rightServices;
  const merged = (mergeModels(left, right).services as YamlMap)[name];
  if (isYamlMap(merged)) delete merged.extends;
  services[name] = merged;
  return merged;
}

/**
 * compose-go paths.ResolveRelativePaths for one service of another directory's file: its build
 * context (a URL or git reference stays), its env_file paths and its bind mounts' sources (short
 * `./x:/y` or long `type: bind`) are joined to `dir`.
 */
function rebasePaths(s: YamlValue, dir: string): YamlValue {
  // (s is the caller's copy: changed in place)
  if (!isYamlMap(s)) return s;
  const abs = (p: YamlValue): YamlValue => (typeof p === 'string' ? absPath(dir, p) : p);
  const remote = (p: YamlValue): boolean => typeof p === 'string' && (p.includes('://') || p.startsWith('git@') || p.startsWith('github.com/'));
  if (typeof s.build === 'string' && !remote(s.build)) s.build = abs(s.build);
  else if (isYamlMap(s.build) && 'context' in s.build && !remote(s.build.context)) s.build.context = abs(s.build.context);
  if (typeof s.env_file === 'string') s.env_file = abs(s.env_file);
  else if (Array.isArray(s.env_file)) {
    s.env_file = s.env_file.map((e) => {
      if (!isYamlMap(e)) return abs(e);
      if ('path' in e) e.path = abs(e.path);
      return e;
    });
  }
  if (Array.isArray(s.volumes)) {
    s.volumes = s.volumes.map((v) => {
      if (isYamlMap(v)) {
        if (v.type === 'bind' && typeof v.source === 'string' && !v.source.startsWith('~')) v.source = abs(v.source);
        return v;
      }
      if (typeof v !== 'string') return v;
      const parsed = parseVolumeSpec(v);
      if (parsed.type !== 'bind' || !parsed.source.startsWith('.') || !v.startsWith(parsed.source)) return v;
      return `${absPath(dir, parsed.source)}${v.slice(parsed.source.length)}`;
    });
  }
  return s;
}

/** transform.SetDefaultValues: a build without context builds `.`; a port's protocol and mode (portDefaults). */
function setDefaults(dict: YamlMap): void {
  const services = dict.services;
  if (!isYamlMap(services)) return;
  for (const s of Object.values(services)) {
    if (isYamlMap(s) && isYamlMap(s.build) && !('context' in s.build)) s.build.context = '.';
    if (isYamlMap(s) && Array.isArray(s.ports)) s.ports = s.ports.map(portDefaults);
    // defaultSecretMount (compose-go transform/defaults.go): a secret without target goes to
    // /run/secrets/SOURCE (recorded: compose/secrets-file)
    if (isYamlMap(s) && Array.isArray(s.secrets)) for (const x of s.secrets) if (isYamlMap(x) && !('target' in x)) x.target = `/run/secrets/${String(x.source)}`;
  }
}

/** validation.Validate (compose-go validation/): checks the schema cannot express. */
function checkVolumesAndNetworks(dict: YamlMap): void {
  for (const kind of ['volumes', 'networks'] as const) {
    const all = dict[kind];
    if (!isYamlMap(all)) continue;
    for (const [key, v] of Object.entries(all)) {
      if (!isYamlMap(v) || v.external !== true) continue;
      for (const conflict of kind === 'volumes' ? ['driver', 'driver_opts', 'labels'] : ['driver', 'driver_opts', 'ipam', 'internal']) {
        if (conflict in v) throw new ComposeFileError(`${kind}.${key}: conflicting parameters "external" and "${conflict}" specified`);
      }
    }
  }
}

/** paths.ResolveRelativePaths: bind sources, build contexts, env files, local bind-mounted volume devices. */
function resolvePaths(dict: YamlMap, workingDir: string, host: HostFiles, home: string | undefined): void {
  // paths.ExpandUser (compose-go paths/home.go at v2.0.2): a path that starts with `~` is the rest
  // of it joined to os.UserHomeDir(), the process's HOME (recorded: compose/sweep-tilde-bind);
  // without HOME it stays as written
  const expand = (p: string): string => (p.startsWith('~') && home !== undefined && home !== '' ? cleanPath(`${home}/${p.slice(1)}`) : p);
  const services = dict.services;
  if (isYamlMap(services)) {
    for (const s of Object.values(services)) {
      if (!isYamlMap(s)) continue;
      if (isYamlMap(s.build) && typeof s.build.context === 'string') {
        const c = s.build.context;
        const remote = c.includes('://') || c.startsWith('service:') || ['https://', 'http://', 'git://', 'ssh://', 'github.com/', 'git@'].some((x) => c.startsWith(x));
        if (!remote) s.build.context = c === '' ? c : absPath(workingDir, expand(c));
      }
      if (Array.isArray(s.env_file)) {
        for (const e of s.env_file) if (isYamlMap(e) && typeof e.path === 'string' && e.path !== '') e.path = absPath(workingDir, expand(e.path));
      }
      if (Array.isArray(s.volumes)) {
        for (const v of s.volumes) {
          if (!isYamlMap(v) || v.type !== 'bind') continue;
          if (!('source' in v)) throw new ComposeFileError('invalid mount config for type "bind": field Source must not be empty');
          if (typeof v.source === 'string') v.source = absPath(workingDir, expand(v.source));
        }
      }
    }
  }
  void host;
  // ResolveRelativePaths: a secret's file, relative to the project directory
  for (const kind of ['secrets', 'configs']) {
    const all = dict[kind];
    if (isYamlMap(all)) for (const x of Object.values(all)) if (isYamlMap(x) && typeof x.file === 'string' && x.file !== '') x.file = absPath(workingDir, expand(x.file));
  }
  const volumes = dict.volumes;
  if (isYamlMap(volumes)) {
    for (const v of Object.values(volumes)) {
      if (!isYamlMap(v) || v.driver !== 'local' || !isYamlMap(v.driver_opts)) continue;
      const opts = v.driver_opts;
      if (opts.o === 'bind' && typeof opts.device === 'string') opts.device = absPath(workingDir, expand(opts.device));
    }
  }
}

/** loader.ResolveEnvironment: `KEY` without a value takes the environment's (build args, service environment). */
function resolveEnvironment(dict: YamlMap, env: Map<string, string>): void {
  const services = dict.services;
  if (!isYamlMap(services)) return;
  for (const s of Object.values(services)) {
    if (!isYamlMap(s)) continue;
    if ('environment' in s) s.environment = resolveList(s.environment, env, true);
    if (isYamlMap(s.build) && 'args' in s.build) s.build.args = resolveList(s.build.args, env, false);
  }
}

function resolveList(v: YamlValue, env: Map<string, string>, keepEmpty: boolean): YamlValue {
  if (Array.isArray(v)) {
    const out: YamlValue[] = [];
    for (const e of v) {
      if (typeof e === 'string' && !e.includes('=')) {
        const val = env.get(e);
        if (val !== undefined) out.push(`${e}=${val}`);
        else if (keepEmpty) out.push(e);
      } else out.push(e);
    }
    return out;
  }
  if (isYamlMap(v)) {
    const out = newMap();
    for (const [k, val] of Object.entries(v)) {
      if (val !== null) out[k] = val;
      else if (env.has(k)) out[k] = env.get(k)!;
      else if (keepEmpty) out[k] = null;
    }
    return out;
  }
  return v;
}

/** loader.Normalize: the default network, depends_on implied by volumes_from and `service:` modes, resource names. */
function normalizeModel(dict: YamlMap, env: Map<string, string>): void {
  void env;
  const networks = isYamlMap(dict.networks) ? dict.networks : newMap();
  let usesDefault = false;
  const services = isYamlMap(dict.services) ? dict.services : undefined;
  if (services) {
    for (const s of Object.values(services)) {
      if (!isYamlMap(s) || 'network_mode' in s) continue;
      const n = s.networks;
      if (n === undefined || (isYamlMap(n) && Object.keys(n).length === 0)) {
        const m = newMap();
        m.default = null;
        s.networks = m;
        usesDefault = true;
      } else if (isYamlMap(n) && 'default' in n) usesDefault = true;
    }
  }
  if (!('default' in networks) && usesDefault) networks.default = null;
  if (Object.keys(networks).length > 0) dict.networks = networks;
  if (services) {
    for (const s of Object.values(services)) {
      if (!isYamlMap(s)) continue;
      if (s.pull_policy === 'if_not_present') s.pull_policy = 'missing';
      if (isYamlMap(s.build)) {
        if (s.build.context === null || s.build.context === undefined) s.build.context = '.';
        if (s.build.dockerfile == null && s.build.dockerfile_inline == null) s.build.dockerfile = 'Dockerfile';
      }
      const dependsOn = isYamlMap(s.depends_on) ? s.depends_on : newMap();
      const dep = (restart: boolean): YamlMap => {
        const m = newMap();
        m.condition = 'service_started';
        m.restart = restart;
        m.required = true;
        return m;
      };
      if (Array.isArray(s.links)) {
        for (const l of s.links) {
          const name = String(l).split(':').length === 2 ? String(l).split(':')[0] : String(l);
          if (!(name in dependsOn)) dependsOn[name] = dep(true);
        }
      }
      for (const ns of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
        const ref = s[ns];
        if (typeof ref === 'string' && ref.startsWith('service:')) {
          const shared = ref.slice('service:'.length);
          if (!(shared in dependsOn)) dependsOn[shared] = dep(true);
        }
      }
      if (Array.isArray(s.volumes)) {
        for (const v of s.volumes) if (isYamlMap(v) && typeof v.target === 'string') v.target = cleanPath(v.target);
      }
      if (Array.isArray(s.volumes_from)) {
        for (const v of s.volumes_from) {
          const spec = String(v);
          if (!spec.startsWith('container:')) {
            const name = spec.split(':')[0];
            if (!(name in dependsOn)) dependsOn[name] = dep(false);
          }
        }
      }
      if (Object.keys(dependsOn).length > 0) s.depends_on = dependsOn;
    }
  }
  for (const kind of ['networks', 'volumes', 'configs', 'secrets']) {
    const all = dict[kind];
    if (!isYamlMap(all)) continue;
    for (const [key, r] of Object.entries(all)) {
      const resource = isYamlMap(r) ? r : newMap();
      if (resource.name === undefined || resource.name === null) {
        const ext = resource.external;
        resource.name = ext !== undefined && goBool(ext) ? key : `${String(dict.name)}_${key}`;
      }
      all[key] = resource;
    }
  }
}

/** strconv.ParseBool(fmt.Sprint(x)). */
function goBool(x: YamlValue): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(String(x));
}

// ---------------------------------------------------------------- decoding into the model

const SERVICE_KEYS = new Set([
  'profiles', 'attach', 'build', 'cap_add', 'cap_drop', 'command', 'container_name', 'depends_on', 'dns', 'domainname', 'entrypoint',
  'environment', 'env_file', 'expose', 'extra_hosts', 'healthcheck', 'hostname', 'image', 'init', 'labels', 'logging', 'network_mode',
  'networks', 'platform', 'ports', 'privileged', 'pull_policy', 'read_only', 'restart', 'stdin_open', 'stop_grace_period',
  'stop_signal', 'tmpfs', 'tty', 'user', 'volumes', 'volumes_from', 'working_dir', 'links', 'secrets', 'configs', 'shm_size', 'cpus', 'mem_limit', 'mem_reservation', 'ulimits', 'deploy', 'scale',
]);

const BUILD_KEYS = new Set(['context', 'dockerfile', 'dockerfile_inline', 'args', 'labels', 'no_cache', 'pull', 'network', 'target', 'tags']);

function str(v: YamlValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function stringList(v: YamlValue | undefined): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.map((x) => str(x) ?? '');
  return undefined;
}

/**
 * HostsList (compose-go types/hostList.go at v2.0.2): `host=ip` or `host:ip` entries (the first
 * `=`, else the first `:`), or a mapping; each host's addresses together, in the order the hosts
 * first come (a Go map's order in compose: one order it can take), brackets taken off an address;
 * kept as `host=ip` (config prints them sorted, the daemon gets `host:ip`; recorded:
 * compose/sweep-hostname-extra-hosts).
 */
function hostsList(v: YamlValue, path: string): string[] {
  const hosts = new Map<string, string[]>();
  const add = (host: string, ip: string): void => {
    // cleanup: compose-go's words for these are not recorded
    if (host === '' || /[:=]/.test(host)) throw new ComposeUnsupported(`strata does not simulate compose's error for \`${path}\` host ${JSON.stringify(host)}`);
    const bare = ip.length > 2 && ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
    hosts.set(host, [...(hosts.get(host) ?? []), bare]);
  };
  if (isYamlMap(v)) {
    for (const [host, ip] of Object.entries(v)) add(host, ip === null ? '' : (str(ip) ?? ''));
  } else {
    for (const e of stringList(v) ?? []) {
      const sep = e.includes('=') ? '=' : e.includes(':') ? ':' : undefined;
      if (sep === undefined) throw new ComposeUnsupported(`strata does not simulate compose's error for \`${path}\` entry ${JSON.stringify(e)} (no address)`);
      const i = e.indexOf(sep);
      add(e.slice(0, i), e.slice(i + 1));
    }
  }
  return [...hosts.entries()].flatMap(([host, ips]) => ips.map((ip) => `${host}=${ip}`));
}

/** MappingWithEquals: `KEY=VALUE` lists or mappings; a bare `KEY` (or a null value) stays unset. */
function mappingWithEquals(v: YamlValue | undefined): Record<string, string | null> | undefined {
  if (v === undefined || v === null) return undefined;
  const out: Record<string, string | null> = {};
  if (Array.isArray(v)) {
    for (const e of v) {
      const s = str(e) ?? '';
      const i = s.indexOf('=');
      if (i >= 0) out[s.slice(0, i)] = s.slice(i + 1);
      else out[s] = null;
    }
  } else if (isYamlMap(v)) {
    for (const [k, x] of Object.entries(v)) out[k] = x === null ? null : (str(x) ?? null);
  }
  return out;
}

/** Labels / Options: like MappingWithEquals, a bare key maps to ''. */
function labels(v: YamlValue | undefined): Record<string, string> | undefined {
  const m = mappingWithEquals(v);
  if (m === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(m)) out[k] = x ?? '';
  return out;
}

/** compose-go's HealthCheckConfig from the YAML (the schema has checked the keys and types). */
function healthcheck(h: YamlMap, path: string): HealthcheckModel {
  const out: HealthcheckModel = {};
  // HealthCheckTest: a string is the shell form
  if (typeof h.test === 'string') out.test = ['CMD-SHELL', h.test];
  else if (h.test !== undefined && h.test !== null) out.test = stringList(h.test);
  for (const key of ['timeout', 'interval', 'start_period', 'start_interval'] as const) {
    const v = h[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new ComposeUnsupported(`strata does not simulate compose's \`${path}.${key}\` given as a ${typeof v}`);
    try {
      out[key] = Number(parseGoDuration(v));
    } catch (e) {
      if (!(e instanceof DurationError)) throw e;
      // compose-go's words for it are not recorded
      throw new ComposeUnsupported(`strata does not simulate compose's error for \`${path}.${key}: ${v}\` (${e.message})`);
    }
  }
  if (typeof h.retries === 'number' && Number.isInteger(h.retries) && h.retries < 0) {
    // HealthCheckConfig.Retries is a *uint64: mapstructure's words for a negative int, as for a
    // port's target (recorded: compose/healthcheck-bounds)
    const [, service] = path.split('.');
    throw new ComposeFileError(`decoding failed due to the following error(s):\n\ncannot parse 'services[${service}].healthcheck.retries', ${h.retries} overflows uint`);
  }
  if (typeof h.retries === 'number') out.retries = h.retries;
  if (h.disable === true) out.disable = true;
  return out;
}

function bool(v: YamlValue | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** units.RAMInBytes for `tmpfs.size` and friends: `1g`, `512m`, a number. */
export function ramInBytes(v: YamlValue | undefined, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp]?)(i?b?)$/i.exec(String(v).trim());
  if (!m) throw new ComposeFileError(`${path}: invalid size: '${String(v)}'`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't' | 'p'];
  return Math.floor(Number(m[1]) * mult);
}

function decodeVolume(v: YamlValue, path: string): ServiceVolume {
  if (!isYamlMap(v)) throw new ComposeFileError(`${path}: invalid volume`);
  const out: ServiceVolume = { type: str(v.type) ?? '', target: str(v.target) ?? '' };
  if (v.source !== undefined && v.source !== null) out.source = str(v.source);
  if (bool(v.read_only)) out.read_only = true;
  if (v.consistency !== undefined) out.consistency = str(v.consistency);
  if (isYamlMap(v.bind)) {
    out.bind = {};
    if (v.bind.selinux !== undefined) out.bind.selinux = str(v.bind.selinux);
    if (v.bind.propagation !== undefined) out.bind.propagation = str(v.bind.propagation);
    if (v.bind.create_host_path === true) out.bind.create_host_path = true;
    if (v.bind.recursive !== undefined) out.bind.recursive = str(v.bind.recursive);
  }
  if (isYamlMap(v.volume)) {
    out.volume = {};
    if (v.volume.nocopy === true) out.volume.nocopy = true;
    if (v.volume.subpath !== undefined) out.volume.subpath = str(v.volume.subpath);
  }
  if (isYamlMap(v.tmpfs)) {
    out.tmpfs = {};
    const size = ramInBytes(v.tmpfs.size, `${path}.tmpfs.size`);
    if (size !== undefined) out.tmpfs.size = size;
    if (typeof v.tmpfs.mode === 'number') out.tmpfs.mode = v.tmpfs.mode;
  }
  if (out.type === 'npipe' || out.type === 'cluster' || out.type === 'image') throw new ComposeUnsupported(`strata does not simulate \`type: ${out.type}\` mounts`);
  return out;
}

/**
 * A long-syntax port into ServicePortConfig (loader.Transform: mapstructure with compose-go's
 * `cast` hook, so an int `published` becomes its decimal string and a numeric string `target` a
 * uint32; recorded: compose/config-ports-errors).
 */
function decodePort(v: YamlValue, path: string): PortConfig {
  // the canonical form holds only mappings once interpolated; an uninterpolated short entry that
  // does not parse is kept as written, which strata does not print
  if (!isYamlMap(v)) throw new ComposeUnsupported(`strata does not simulate compose's \`${path}\` left uninterpolated: ${String(v)}`);
  let target: number;
  if (typeof v.target === 'number' && Number.isInteger(v.target) && v.target < 0) {
    // mapstructure's words for a negative int into a uint32 (recorded: compose/ports-long-errors)
    const [, service, , index] = path.split('.');
    throw new ComposeFileError(`decoding failed due to the following error(s):\n\ncannot parse 'services[${service}].ports[${index}].target', ${v.target} overflows uint`);
  }
  if (typeof v.target === 'number' && Number.isInteger(v.target) && v.target <= 0xffffffff) target = v.target;
  else if (typeof v.target === 'string' && /^\d+$/.test(v.target) && Number(v.target) <= 0xffffffff) target = Number(v.target);
  else throw new ComposeUnsupported(`strata does not simulate compose's error for \`${path}.target: ${String(v.target)}\``);
  const out: PortConfig = { target };
  if (v.name != null) out.name = str(v.name);
  if (v.mode != null) out.mode = str(v.mode);
  if (v.host_ip != null) out.host_ip = str(v.host_ip);
  if (typeof v.published === 'number') {
    if (!Number.isInteger(v.published)) throw new ComposeUnsupported(`strata does not simulate compose's error for \`${path}.published: ${v.published}\``);
    out.published = String(v.published);
  } else if (v.published != null) out.published = str(v.published);
  if (v.protocol != null) out.protocol = str(v.protocol);
  if (v.app_protocol != null) out.app_protocol = str(v.app_protocol);
  const ext = extensionsOf(v);
  if (ext) out.extensions = ext;
  for (const key of ['name', 'mode', 'host_ip', 'protocol', 'app_protocol'] as const) {
    if (out[key] === '') delete out[key];
  }
  if (out.published === '') delete out.published;
  return out;
}

function extensionsOf(v: YamlMap): YamlMap | undefined {
  const ext = newMap();
  for (const [k, x] of Object.entries(v)) if (k.startsWith('x-')) ext[k] = x;
  return Object.keys(ext).length > 0 ? ext : undefined;
}

function decodeService(name: string, s: YamlMap): ServiceModel {
  for (const key of Object.keys(s)) {
    if (key.startsWith('x-')) continue;
    if (!SERVICE_KEYS.has(key)) throw new ComposeUnsupported(`strata does not simulate compose's \`services.${name}.${key}\``);
  }
  const out: ServiceModel = { name, command: null, entrypoint: null };
  const parseCommand = (v: YamlValue | undefined): string[] | null => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return shellwords(v);
    return stringList(v) ?? null;
  };
  out.command = parseCommand(s.command);
  out.entrypoint = parseCommand(s.entrypoint);
  if (s.profiles !== undefined) out.profiles = stringList(s.profiles);
  if (s.attach !== undefined) out.attach = bool(s.attach);
  if (isYamlMap(s.build)) {
    for (const key of Object.keys(s.build)) {
      if (!key.startsWith('x-') && !BUILD_KEYS.has(key)) throw new ComposeUnsupported(`strata does not simulate compose's \`services.${name}.build.${key}\``);
    }
    const b: BuildConfig = { context: str(s.build.context) ?? '.' };
    if (s.build.dockerfile != null) b.dockerfile = str(s.build.dockerfile);
    if (s.build.dockerfile_inline != null) b.dockerfile_inline = str(s.build.dockerfile_inline);
    if (s.build.args !== undefined) b.args = mappingWithEquals(s.build.args);
    if (s.build.labels !== undefined) b.labels = labels(s.build.labels);
    if (s.build.no_cache === true) b.no_cache = true;
    if (s.build.pull === true) b.pull = true;
    if (s.build.network != null) b.network = str(s.build.network);
    if (s.build.target != null) b.target = str(s.build.target);
    if (s.build.tags !== undefined) b.tags = stringList(s.build.tags);
    out.build = b;
  }
  for (const key of ['cap_add', 'cap_drop', 'dns', 'expose', 'tmpfs', 'volumes_from'] as const) {
    if (s[key] !== undefined) out[key] = stringList(s[key]);
  }
  if (s.extra_hosts !== undefined && s.extra_hosts !== null) out.extra_hosts = hostsList(s.extra_hosts, `services.${name}.extra_hosts`);
  for (const key of ['container_name', 'domainname', 'hostname', 'image', 'network_mode', 'platform', 'pull_policy', 'restart', 'stop_grace_period', 'stop_signal', 'user', 'working_dir'] as const) {
    if (s[key] !== undefined && s[key] !== null) out[key] = str(s[key]);
  }
  if (out.stop_grace_period !== undefined) {
    // a types.Duration: time.ParseDuration's error in mapstructure's words (recorded:
    // compose/sweep-stop-grace-timeouts)
    try {
      parseGoDuration(out.stop_grace_period);
    } catch (e) {
      if (!(e instanceof DurationError)) throw e;
      throw new ComposeFileError(`decoding failed due to the following error(s):\n\nerror decoding 'services[${name}].stop_grace_period': ${e.message}`);
    }
  }
  for (const key of ['init', 'privileged', 'read_only', 'stdin_open', 'tty'] as const) {
    if (s[key] !== undefined) out[key] = bool(s[key]);
  }
  if (isYamlMap(s.depends_on)) {
    out.depends_on = {};
    for (const [dep, cfg] of Object.entries(s.depends_on)) {
      const c = isYamlMap(cfg) ? cfg : newMap();
      out.depends_on[dep] = { condition: str(c.condition) ?? 'service_started', required: c.required !== false, ...(c.restart === true ? { restart: true } : {}) };
    }
  }
  // UnitBytes (compose-go types/bytes.go): a number is bytes, a string goes through units.RAMInBytes
  if (typeof s.shm_size === 'number') out.shm_size = s.shm_size;
  else if (typeof s.shm_size === 'string') {
    try {
      out.shm_size = parseRamInBytes(s.shm_size);
    } catch {
      throw new ComposeUnsupported(`strata does not simulate compose's error for \`services.${name}.shm_size: ${s.shm_size}\``);
    }
  }
  const bytes = (v: YamlValue | undefined, key: string): number | undefined => {
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') return undefined;
    try {
      return parseRamInBytes(v);
    } catch {
      throw new ComposeUnsupported(`strata does not simulate compose's error for \`services.${name}.${key}: ${v}\``);
    }
  };
  const float32 = (v: YamlValue | undefined, key: string): number | undefined => {
    if (v === undefined || v === null) return undefined;
    const n = typeof v === 'number' ? v : Number(v);
    if (typeof v === 'string' && (v.trim() === '' || !Number.isFinite(n))) throw new ComposeUnsupported(`strata does not simulate compose's error for \`services.${name}.${key}: ${v}\``);
    return Math.fround(n);
  };
  if (typeof s.scale === 'number') out.scale = s.scale;
  if (s.cpus !== undefined) out.cpus = float32(s.cpus, 'cpus');
  if (s.mem_limit !== undefined) out.mem_limit = bytes(s.mem_limit, 'mem_limit');
  if (s.mem_reservation !== undefined) out.mem_reservation = bytes(s.mem_reservation, 'mem_reservation');
  if (isYamlMap(s.ulimits)) {
    out.ulimits = {};
    for (const [k, u] of Object.entries(s.ulimits)) {
      if (typeof u === 'number') out.ulimits[k] = { single: u };
      else if (isYamlMap(u)) out.ulimits[k] = { soft: Number(u.soft ?? 0), hard: Number(u.hard ?? 0) };
    }
  }
  if (isYamlMap(s.deploy)) {
    // A single engine applies a deploy's replicas, resources (pkg/compose/create.go
    // getDeployResources) and restart policy (getRestartPolicy); swarm's placement, update
    // policies... are refused by name
    for (const key of Object.keys(s.deploy)) {
      if (!key.startsWith('x-') && !['replicas', 'resources', 'restart_policy'].includes(key)) throw new ComposeUnsupported(`strata does not simulate compose's \`services.${name}.deploy.${key}\``);
    }
    const d: DeployModel = {};
    if (typeof s.deploy.replicas === 'number') d.replicas = s.deploy.replicas;
    if (isYamlMap(s.deploy.resources)) {
      const r: DeployModel['resources'] = {};
      for (const kind of ['limits', 'reservations'] as const) {
        const m = s.deploy.resources[kind];
        if (!isYamlMap(m)) continue;
        for (const key of Object.keys(m)) {
          if (!['cpus', 'memory'].includes(key)) throw new ComposeUnsupported(`strata does not simulate compose's \`services.${name}.deploy.resources.${kind}.${key}\``);
        }
        const res: DeployResource = {};
        if (m.cpus !== undefined) res.cpus = float32(m.cpus, `deploy.resources.${kind}.cpus`);
        if (m.memory !== undefined) res.memory = bytes(m.memory, `deploy.resources.${kind}.memory`);
        r[kind] = res;
      }
      d.resources = r;
    }
    const rp = s.deploy.restart_policy;
    if (isYamlMap(rp)) {
      for (const key of Object.keys(rp)) {
        if (!key.startsWith('x-') && !['condition', 'delay', 'max_attempts', 'window'].includes(key)) throw new ComposeUnsupported(`strata does not simulate compose's \`services.${name}.deploy.restart_policy.${key}\``);
      }
      const policy: NonNullable<DeployModel['restart_policy']> = {};
      if (rp.condition !== undefined) policy.condition = str(rp.condition);
      if (typeof rp.max_attempts === 'number') policy.max_attempts = rp.max_attempts;
      for (const key of ['delay', 'window'] as const) {
        const v = rp[key];
        if (v === undefined || v === null) continue;
        try {
          if (typeof v !== 'string') throw new DurationError('');
          policy[key] = Number(parseGoDuration(v));
        } catch (e) {
          if (!(e instanceof DurationError)) throw e;
          throw new ComposeUnsupported(`strata does not simulate compose's error for \`services.${name}.deploy.restart_policy.${key}: ${String(v)}\``);
        }
      }
      d.restart_policy = policy;
    }
    out.deploy = d;
  }
  if (isYamlMap(s.healthcheck)) out.healthcheck = healthcheck(s.healthcheck, `services.${name}.healthcheck`);
  if (s.environment !== undefined) out.environment = mappingWithEquals(s.environment);
  if (s.labels !== undefined) out.labels = labels(s.labels);
  if (isYamlMap(s.logging)) out.logging = { driver: str(s.logging.driver), options: labels(s.logging.options) };
  if (isYamlMap(s.networks)) {
    out.networks = {};
    for (const [n, cfg] of Object.entries(s.networks)) {
      if (cfg === null) out.networks[n] = null;
      else if (isYamlMap(cfg)) {
        out.networks[n] = { ...(cfg.aliases !== undefined ? { aliases: stringList(cfg.aliases) } : {}), ...(typeof cfg.priority === 'number' ? { priority: cfg.priority } : {}) };
      }
    }
  }
  if (Array.isArray(s.volumes)) out.volumes = s.volumes.map((v, i) => decodeVolume(v, `services.${name}.volumes.${i}`));
  for (const kind of ['secrets', 'configs'] as const) {
    const list = s[kind];
    if (!Array.isArray(list)) continue;
    out[kind] = list.filter(isYamlMap).map((x) => {
      const r: ServiceSecret = { source: str(x.source) ?? '' };
      if (x.target != null) r.target = str(x.target);
      if (x.uid != null) r.uid = str(x.uid);
      if (x.gid != null) r.gid = str(x.gid);
      if (typeof x.mode === 'number') r.mode = x.mode;
      r.extensions = extensionsOf(x);
      return r;
    });
  }
  if (Array.isArray(s.ports)) out.ports = s.ports.map((v, i) => decodePort(v, `services.${name}.ports.${i}`));
  if (Array.isArray(s.env_file)) {
    out.envFiles = s.env_file.filter(isYamlMap).map((e) => ({ path: str(e.path) ?? '', required: e.required !== false }));
  }
  out.extensions = extensionsOf(s);
  return out;
}

function decodeVolumeConfig(key: string, v: YamlValue): VolumeModel {
  const m = isYamlMap(v) ? v : newMap();
  const out: VolumeModel = { name: str(m.name) ?? key };
  if (m.driver != null) out.driver = str(m.driver);
  if (m.driver_opts !== undefined) out.driver_opts = labels(m.driver_opts);
  if (m.external !== undefined) out.external = goBool(m.external);
  if (m.labels !== undefined) out.labels = labels(m.labels);
  out.extensions = extensionsOf(m);
  return out;
}

function decodeNetworkConfig(key: string, v: YamlValue): NetworkModel {
  const m = isYamlMap(v) ? v : newMap();
  for (const k of Object.keys(m)) {
    if (!k.startsWith('x-') && !['name', 'driver', 'driver_opts', 'external', 'internal', 'attachable', 'labels', 'enable_ipv6'].includes(k)) {
      throw new ComposeUnsupported(`strata does not simulate compose's \`networks.${key}.${k}\``);
    }
  }
  const out: NetworkModel = { name: str(m.name) ?? key };
  if (m.driver != null) out.driver = str(m.driver);
  if (m.driver_opts !== undefined) out.driver_opts = labels(m.driver_opts);
  if (m.external !== undefined) out.external = goBool(m.external);
  if (m.internal !== undefined) out.internal = bool(m.internal);
  if (m.attachable !== undefined) out.attachable = bool(m.attachable);
  if (m.enable_ipv6 !== undefined) out.enable_ipv6 = bool(m.enable_ipv6);
  if (m.labels !== undefined) out.labels = labels(m.labels);
  out.extensions = extensionsOf(m);
  return out;
}

function decodeSecretConfig(key: string, v: YamlValue): SecretModel {
  const m = isYamlMap(v) ? v : newMap();
  const out: SecretModel = { name: str(m.name) ?? key };
  for (const k of ['file', 'environment', 'content', 'driver', 'template_driver'] as const) if (m[k] != null) out[k] = str(m[k]);
  if (m.external !== undefined) out.external = goBool(m.external);
  if (m.labels !== undefined) out.labels = labels(m.labels);
  if (m.driver_opts !== undefined) out.driver_opts = labels(m.driver_opts);
  out.extensions = extensionsOf(m);
  return out;
}

function toProject(dict: YamlMap, name: string, workingDir: string, files: string[], environment: Map<string, string>, normalized: boolean): Project {
  const services: Record<string, ServiceModel> = {};
  if (isYamlMap(dict.services)) {
    for (const [n, s] of Object.entries(dict.services)) services[n] = decodeService(n, isYamlMap(s) ? s : newMap());
  }
  const volumes: Record<string, VolumeModel> = {};
  if (isYamlMap(dict.volumes)) for (const [k, v] of Object.entries(dict.volumes)) volumes[k] = decodeVolumeConfig(k, v);
  const networks: Record<string, NetworkModel> = {};
  if (isYamlMap(dict.networks)) for (const [k, v] of Object.entries(dict.networks)) networks[k] = decodeNetworkConfig(k, v);
  const extensions = newMap();
  for (const [k, v] of Object.entries(dict)) if (k.startsWith('x-')) extensions[k] = v;
  const secrets: Record<string, SecretModel> = {};
  if (isYamlMap(dict.secrets)) for (const [k, v] of Object.entries(dict.secrets)) secrets[k] = decodeSecretConfig(k, v);
  const configs: Record<string, SecretModel> = {};
  if (isYamlMap(dict.configs)) for (const [k, v] of Object.entries(dict.configs)) configs[k] = decodeSecretConfig(k, v);
  return { name, workingDir, composeFiles: files, environment, services, disabled: {}, volumes, networks, secrets, configs, extensions, normalized };
}

/**
 * Project.WithProfiles, the loader's `check` of that project, then WithServicesEnabled for the
 * services named on the command line (their profiles added to the active ones).
 */
function applyProfiles(p: Project, profiles: string[], named: string[], check?: (p: Project) => void): void {
  const active = new Set(profiles.filter((x) => x !== ''));
  const all = { ...p.services };
  const partition = (): void => {
    p.services = {};
    p.disabled = {};
    for (const [n, s] of Object.entries(all)) {
      const enabled = !s.profiles || s.profiles.length === 0 || active.has('*') || s.profiles.some((x) => active.has(x));
      (enabled ? p.services : p.disabled)[n] = s;
    }
  };
  partition();
  check?.(p);
  if (named.length === 0) return;
  // an enabled one adds nothing ("already enabled")
  for (const n of named) {
    const s = p.disabled[n];
    if (s?.profiles) for (const prof of s.profiles) active.add(prof);
  }
  partition();
}

/** loader.checkConsistency (compose-go loader/validate.go), for the parts strata reads. */
function checkConsistency(p: Project): void {
  for (const s of Object.values(p.services)) {
    if (s.build === undefined && (s.image === undefined || s.image === '')) {
      throw new ComposeFileError(`service ${JSON.stringify(s.name)} has neither an image nor a build context specified: invalid compose project`);
    }
    if (s.build?.dockerfile_inline && s.build.dockerfile) {
      throw new ComposeFileError(`service ${JSON.stringify(s.name)} declares mutualy exclusive dockerfile and dockerfile_inline: invalid compose project`);
    }
    // a unique container_name cannot name several replicas (recorded: compose/scale)
    if (s.container_name && s.deploy?.replicas !== undefined && s.deploy.replicas > 1) {
      throw new ComposeFileError(`services.deploy.replicas: can't set container_name and ${s.name} as container name must be unique: invalid compose project`);
    }
    if (s.network_mode && s.networks && Object.keys(s.networks).length > 0) {
      throw new ComposeFileError(`service ${s.name} declares mutually exclusive \`network_mode\` and \`networks\`: invalid compose project`);
    }
    for (const n of Object.keys(s.networks ?? {})) {
      if (!(n in p.networks)) throw new ComposeFileError(`service ${JSON.stringify(s.name)} refers to undefined network ${n}: invalid compose project`);
    }
    for (const [dep, cfg] of Object.entries(s.depends_on ?? {})) {
      if (dep in p.services) continue;
      if (dep in p.disabled && !cfg.required) continue;
      throw new ComposeFileError(`service ${JSON.stringify(s.name)} depends on undefined service ${JSON.stringify(dep)}: invalid compose project`);
    }
    if (s.network_mode?.startsWith('service:')) {
      const target = s.network_mode.slice('service:'.length);
      if (!(target in p.services)) throw new ComposeFileError(`service ${JSON.stringify(target)} not found for network_mode 'service:${target}'`);
    }
    for (const x of s.secrets ?? []) {
      if (!(x.source in p.secrets)) throw new ComposeFileError(`service ${JSON.stringify(s.name)} refers to undefined secret ${x.source}: invalid compose project`);
    }
    for (const x of s.configs ?? []) {
      if (!(x.source in p.configs)) throw new ComposeFileError(`service ${JSON.stringify(s.name)} refers to undefined config ${x.source}: invalid compose project`);
    }
    for (const v of s.volumes ?? []) {
      if (v.type === 'volume' && v.source && !(v.source in p.volumes)) {
        throw new ComposeFileError(`service ${JSON.stringify(s.name)} refers to undefined volume ${v.source}: invalid compose project`);
      }
    }
  }
}

/** Project.WithServicesEnvironmentResolved(discard env_file): env files read into the environment. */
function resolveEnvFiles(p: Project, host: HostFiles): void {
  for (const s of [...Object.values(p.services), ...Object.values(p.disabled)]) {
    if (!s.envFiles) continue;
    const fromFiles: Record<string, string> = {};
    const lookup = (k: string): string | undefined => fromFiles[k] ?? p.environment.get(k);
    for (const f of s.envFiles) {
      const text = host.read(f.path);
      if (text === undefined) {
        // an os.PathError: compose exits 14, FileNotFoundFailure (recorded: compose/env-file-service)
        if (f.required) throw new ComposeFileError(`env file ${f.path} not found: stat ${f.path}: no such file or directory`, 14);
        continue;
      }
      for (const [k, v] of parseDotEnv(text, lookup, [])) fromFiles[k] = v;
    }
    s.environment = { ...fromFiles, ...(s.environment ?? {}) };
    delete s.envFiles;
  }
}

/** Project.WithoutUnnecessaryResources: volumes and networks no enabled service uses are dropped. */
function dropUnused(p: Project): void {
  const nets = new Set<string>();
  const vols = new Set<string>();
  for (const s of Object.values(p.services)) {
    for (const n of Object.keys(s.networks ?? {})) nets.add(n);
    for (const v of s.volumes ?? []) if (v.type === 'volume' && v.source) vols.add(v.source);
  }
  const secrets = new Set<string>();
  const configs = new Set<string>();
  for (const s of Object.values(p.services)) for (const x of s.secrets ?? []) secrets.add(x.source);
  for (const s of Object.values(p.services)) for (const x of s.configs ?? []) configs.add(x.source);
  p.secrets = Object.fromEntries(Object.entries(p.secrets).filter(([k]) => secrets.has(k)));
  p.configs = Object.fromEntries(Object.entries(p.configs).filter(([k]) => configs.has(k)));
  p.networks = Object.fromEntries(Object.entries(p.networks).filter(([k]) => nets.has(k)));
  p.volumes = Object.fromEntries(Object.entries(p.volumes).filter(([k]) => vols.has(k)));
}
