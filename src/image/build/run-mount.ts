// RUN --mount (BuildKit): what the RUN step sees at each target and what stays in its layer.
// BuildKit frontend/dockerfile/instructions/commands_runmount.go parses the option (type bind by
// default; target|dst|destination, source|src, from, rw|readwrite, ro|readonly, id, sharing,
// mode, uid, gid, required, size), dockerfile2llb/convert_runmount.go turns it into a mount of the
// step (parseMount below, in BuildKit's and the legacy builder's versions; recorded:
// builds/run-mount-options, run-mount-options-legacy).
// Recorded (test/recorded/docker-26.1/builds/buildkit-only-flags, run-mount-kinds):
// - bind: the context (or `from=` a stage or an image) at `source`, read-only unless rw; writes
//   to a rw bind are thrown away;
// - cache: a directory kept by the builder across steps and builds, shared by `id` (the target by
//   default), made with `mode` (0755), `uid` and `gid` (0) the first time;
// - tmpfs: an empty tmpfs;
// - secret: the file `docker build --secret id=ID,src=FILE` gave, at `target` (/run/secrets/ID by
//   default; ID defaults to the target's base name), read-only, `mode` 0400, `uid` and `gid` 0 by
//   default (buildkit frontend/dockerfile/docs/syntax.md, "RUN --mount=type=secret"); a secret
//   the build was not given is not mounted at all, no mount point either, and with `required=true`
//   fails the step (`secret ID: not found`). The secret's content is
//   no part of the step's cache key (its mount is: id, target, mode), so a later build of the
//   same step without the secret gets the cached result (recorded: builds/sb-secret-mount);
// - ssh: strata's `docker build` takes no --ssh, so such a mount is not there (refused when
//   `required=true`);
// - nothing of a mount stays in the layer, not even the mount point directories it had to make.
//
// The step's container gets these as bind mounts of trees placed in the simulated host under
// BUILD_MOUNTS for the step, and taken away after it.

import { nearest } from './suggest.ts';
import { cloneNode, dir, entryList, entryOf, entryToChange, file, removeEntry, setEntry, symlink, type DirNode, type Node } from '../../fs/node.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { components, normalize } from '../../fs/path.ts';
import type { EngineState } from '../../engine/state.ts';
import { Refusal } from './failures.ts';
import { DATA_ROOT } from '../../engine/data-root.ts';
import { quote } from '../../docker/format/fmt.ts';
import { goParseBool } from '../../docker/args.ts';

export interface RunMount {
  type: 'bind' | 'cache' | 'tmpfs' | 'secret';
  target: string;
  /** Path in the context or the `from` root ('' for its root). */
  source: string;
  from?: string;
  rw: boolean;
  /** Cache id (the target by default). */
  id: string;
  mode: number;
  uid: number;
  gid: number;
  /** A tmpfs's size in bytes, when given. */
  size?: number;
  /** A secret's `required=true`. */
  required?: boolean;
}

/** Where the step's mount trees live on the simulated host while it runs. */
export const BUILD_MOUNTS = `${DATA_ROOT}/tmp/buildkit-run-mounts`;

/** Go's strconv.ParseUint(v, base, 32): digits only, no sign, no prefix, below 2^32. */
function parseUint32(v: string, base: 8 | 10): number | undefined {
  if (!(base === 8 ? /^[0-7]+$/ : /^[0-9]+$/).test(v)) return undefined;
  const n = parseInt(v, base);
  return n < 2 ** 32 ? n : undefined;
}

/**
 * go-units RAMInBytes as the 26.1 engine reads a tmpfs `size` (size.go before v0.5.0: sizeRegex
 * `^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`, then strconv.ParseFloat of the number, which
 * refuses a second fraction): one optional space, and `i` and `b` each optional, after a unit letter
 * or none (`1i`, `1ib` are sizes; `1e3`, `1.k`, `1.2.3m` are not; recorded: builds/run-mount-size-values).
 */
function ramInBytes(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp]?)i?b?$/i.exec(v);
  if (m === null) return undefined;
  // (int64(size * unit), from a float64)
  const unit = m[2] === '' ? 1 : 1024 ** ('kmgtp'.indexOf(m[2].toLowerCase()) + 1);
  return Math.trunc(Number(m[1]) * unit);
}

/**
 * The fields of a `--mount` value (encoding/csv, one record). A value csv reads differently
 * from a plain split, or refuses, is refused by name: strata does not guess csv's words.
 */
function csvFields(spec: string): string[] {
  if (spec.includes('"') || spec === '') throw new Refusal(`strata does not simulate a \`RUN --mount\` value with quotes or none (${spec})`);
  return spec.split(',');
}

/** suggest.WrapError, case-sensitive: the closest option within two edits (none for an exact one). */
export function withSuggestion(message: string, value: string, options: readonly string[], fromMap = true): string {
  const match = nearest(value, options, true, fromMap);
  return match === undefined || match === value ? message : `${message} (did you mean ${match}?)`;
}

/** A `--mount` value BuildKit or the legacy builder refuses, in its words. */
export class MountError extends Error {}

const TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING = ['shared', 'private', 'locked'];
// commands_runmount.go parseMount's allKeys, in its order
const KEYS = ['type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'mode', 'uid', 'gid', 'src', 'dst', 'ro', 'rw', 'readwrite'];

/** What parseMount makes of one value. */
interface ParsedMount {
  type: string;
  from: string;
  source: string;
  target: string;
  readOnly: boolean;
  id: string;
  sharing: string;
  required: boolean;
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
}

/**
 * parseMount of one `--mount` value. `dialect` 'buildkit' is BuildKit v0.13.2's
 * (frontend/dockerfile/instructions/commands_runmount.go, called with the step's expander when
 * the Dockerfile is converted: each value is expanded, errors suggest a near name); 'legacy' is the
 * copy Docker 20.10.24 vendors (buildkit eeb7b65), which runs when the Dockerfile is parsed, expands
 * nothing and suggests nothing (recorded: builds/run-mount-options, run-mount-options-legacy).
 */
function parseMount(spec: string, dialect: 'buildkit' | 'legacy', expand: (w: string) => string): ParsedMount {
  const m: ParsedMount = { type: 'bind', from: '', source: '', target: '', readOnly: false, id: '', sharing: '', required: false };
  const buildkit = dialect === 'buildkit';
  let roAuto = true;
  const fail = (message: string): never => {
    throw new MountError(message);
  };
  const bool = (key: string, value: string): boolean => goParseBool(value) ?? fail(`invalid value for ${key}: ${value}`);
  const uint = (key: string, value: string, base: 8 | 10): number => parseUint32(value, base) ?? fail(`invalid value ${value} for ${key}`);
  for (const field of csvFields(spec)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro' || key === 'readwrite' || key === 'rw') {
        m.readOnly = key === 'readonly' || key === 'ro';
        roAuto = false;
        continue;
      }
      if (key === 'required') {
        if (m.type !== 'secret' && m.type !== 'ssh') fail(`unexpected key '${key}' for mount type '${m.type}'`);
        m.required = true;
        continue;
      }
      fail(`invalid field '${field}' must be a key=value pair`);
    }
    const value = buildkit ? expand(field.slice(eq + 1)) : field.slice(eq + 1);
    switch (key) {
      case 'type': {
        const t = value.toLowerCase();
        if (!TYPES.includes(t)) fail(buildkit ? withSuggestion(`unsupported mount type ${quote(value)}`, value, TYPES) : `unsupported mount type ${quote(value)}`);
        m.type = t;
        break;
      }
      case 'from':
        m.from = value;
        break;
      case 'source':
      case 'src':
        m.source = value;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        m.target = value;
        break;
      case 'readonly':
      case 'ro':
        m.readOnly = bool(key, value);
        roAuto = false;
        break;
      case 'readwrite':
      case 'rw':
        m.readOnly = !bool(key, value);
        roAuto = false;
        break;
      case 'required':
        if (m.type !== 'secret' && m.type !== 'ssh') fail(`unexpected key '${key}' for mount type '${m.type}'`);
        m.required = bool(key, value);
        break;
      case 'size':
        // BuildKit 0.13 only (a tmpfs's size); the legacy builder's parser has no such key
        if (!buildkit) fail(`unexpected key '${key}' in '${field}'`);
        if (m.type !== 'tmpfs') fail(`unexpected key '${key}' for mount type '${m.type}'`);
        m.size = ramInBytes(value) ?? fail(`invalid value for ${key}: ${value}`);
        break;
      case 'id':
        m.id = value;
        break;
      case 'sharing': {
        const v = value.toLowerCase();
        if (!SHARING.includes(v)) fail(buildkit ? withSuggestion(`unsupported sharing value ${quote(value)}`, value, SHARING) : `unsupported sharing value ${quote(value)}`);
        m.sharing = v;
        break;
      }
      case 'mode':
        m.mode = uint(key, value, 8);
        break;
      case 'uid':
        m.uid = uint(key, value, 10);
        break;
      case 'gid':
        m.gid = uint(key, value, 10);
        break;
      default:
        fail(buildkit ? withSuggestion(`unexpected key '${key}' in '${field}'`, key, KEYS, false) : `unexpected key '${key}' in '${field}'`);
    }
  }
  if (m.type !== 'secret' && m.type !== 'ssh' && m.type !== 'cache') {
    if (m.mode !== undefined) fail(`mode not allowed for "${m.type}" type mounts`);
    if (m.uid !== undefined) fail(`uid not allowed for "${m.type}" type mounts`);
    if (m.gid !== undefined) fail(`gid not allowed for "${m.type}" type mounts`);
  }
  if (roAuto) m.readOnly = m.type !== 'cache' && m.type !== 'tmpfs';
  const sharing = (): void => {
    if (m.sharing !== '' && m.type !== 'cache') fail(`invalid cache sharing set for ${m.type} mount`);
  };
  // the legacy builder checks sharing before a secret's fields, BuildKit 0.13 after them
  if (!buildkit) sharing();
  if (m.type === 'secret') {
    if (m.from !== '') fail('secret mount should not have a from');
    if (m.sharing !== '') fail('secret mount should not define sharing');
    if (m.source === '' && m.target === '' && m.id === '') fail('invalid secret mount. one of source, target required');
    if (m.source !== '' && m.id !== '') fail("both source and id can't be set");
  }
  if (buildkit) sharing();
  return m;
}

/**
 * What is wrong with a RUN's `--mount` values when the Dockerfile is parsed: for the legacy
 * builder its whole parseMount (it refuses --mount only at the step, if this passes); for BuildKit
 * (parseMount without an expander) only a `from` that holds a variable.
 */
export function mountParseProblem(specs: string[], legacy: boolean): string | undefined {
  for (const spec of specs) {
    if (!legacy) {
      for (const field of csvFields(spec)) {
        const eq = field.indexOf('=');
        if (eq >= 0 && field.slice(0, eq).toLowerCase() === 'from' && /\$./s.test(field.slice(eq + 1))) {
          return "'from' doesn't support variable expansion, define alias stage instead";
        }
      }
      continue;
    }
    try {
      parseMount(spec, 'legacy', (w) => w);
    } catch (e) {
      if (e instanceof MountError) return e.message;
      throw e;
    }
  }
  return undefined;
}

/**
 * BuildKit's mounts of a RUN step from its `--mount=` values, each value expanded by `expand`;
 * `workdir` is the step's working directory, which a relative target (or none) is joined to
 * (dockerfile2llb/convert_runmount.go dispatchRunMounts: a target that comes to `/` is refused).
 * Ssh mounts that are not required are dropped. Throws MountError.
 */
export function parseRunMounts(specs: string[], expand: (w: string) => string = (w) => w, workdir = '/'): RunMount[] {
  const out: RunMount[] = [];
  for (const spec of specs) {
    const m = parseMount(spec, 'buildkit', expand);
    if (m.type === 'ssh') {
      if (m.required) throw new Refusal('strata does not simulate `RUN --mount=type=ssh,required` (docker build takes no --ssh here)');
      continue;
    }
    if (m.type === 'secret') {
      // (a secret's `source` is its id: parseMount refuses both)
      const id = m.id !== '' ? m.id : m.source !== '' ? m.source : m.target.split('/').filter((p) => p !== '').pop() ?? '';
      const written = m.target !== '' ? m.target : `/run/secrets/${id}`;
      out.push({ type: 'secret', target: normalize(written.startsWith('/') ? written : `/${workdir}/${written}`), source: '', rw: false, id, mode: m.mode ?? 0o400, uid: m.uid ?? 0, gid: m.gid ?? 0, ...(m.required ? { required: true } : {}) });
      continue;
    }
    const target = normalize(m.target.startsWith('/') ? m.target : `/${workdir}/${m.target}`);
    if (target === '/') throw new MountError('invalid mount target "/"');
    out.push({
      type: m.type as RunMount['type'],
      target,
      source: m.source.split('/').filter((p) => p !== '' && p !== '.').join('/'),
      from: m.from === '' ? undefined : m.from,
      rw: !m.readOnly,
      // a cache's id is its target as written, cleaned (path.Clean)
      id: m.id !== '' ? m.id : cleanPath(m.target),
      mode: m.mode ?? 0o755,
      uid: m.uid ?? 0,
      gid: m.gid ?? 0,
      ...(m.size === undefined ? {} : { size: m.size }),
    });
  }
  return out;
}

/** Go's path.Clean. */
function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined === '' ? '.' : joined;
}

/** A copy of `path` in `fs` as a tree (symlinks kept, owners kept unless `root`). */
export function treeOf(fs: Vfs, path: string, opts: { root: boolean; skip?: (rel: string) => boolean }): Node {
  const walk = (p: string, rel: string): Node => {
    const s = fs.lstat(p);
    const meta = { mode: s.mode, uid: opts.root ? 0 : s.uid, gid: opts.root ? 0 : s.gid, mtime: s.mtime };
    if (s.kind === 'symlink') return symlink(s.target ?? '', meta);
    if (s.kind !== 'dir') return file(fs.readFile(p), meta);
    const entries: [string, Node][] = [];
    for (const name of fs.readdir(p).sort()) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (opts.skip?.(childRel)) continue;
      entries.push([name, walk(`${p === '/' ? '' : p}/${name}`, childRel)]);
    }
    return dir(meta, entries);
  };
  return walk(path, '');
}

/** The builder's cache mounts, by id, across builds. */
export function cacheTree(st: EngineState, m: RunMount): DirNode {
  const store = (st.buildMountCache ??= {});
  return (store[m.id] ??= dir({ mode: m.mode, uid: m.uid, gid: m.gid }));
}

/** Put `tree` at `BUILD_MOUNTS/<n>` in the simulated host; returns that path. */
export function placeOnHost(st: EngineState, n: number, tree: Node): string {
  let node: DirNode = st.host;
  for (const part of components(BUILD_MOUNTS)) {
    const next = entryToChange(node, part);
    if (next === undefined || next.kind !== 'dir') {
      const made = dir({ mode: 0o700 });
      setEntry(node, part, made);
      node = made;
    } else node = next;
  }
  setEntry(node, String(n), cloneNode(tree));
  return `${BUILD_MOUNTS}/${n}`;
}

/** What a cache mount holds after the step (read back from the host). */
export function takeFromHost(st: EngineState, n: number): Node | undefined {
  let node: Node | undefined = st.host;
  for (const part of [...components(BUILD_MOUNTS), String(n)]) node = node?.kind === 'dir' ? entryOf(node, part) : undefined;
  return node === undefined ? undefined : cloneNode(node);
}

/** Remove the step's trees from the host (and the directories made for them). */
export function clearHost(st: EngineState): void {
  const parts = components(BUILD_MOUNTS);
  let node: Node | undefined = st.host;
  for (const part of parts.slice(0, -1)) node = node?.kind === 'dir' ? entryToChange(node, part) : undefined;
  if (node?.kind === 'dir') removeEntry(node, parts[parts.length - 1]);
}

/**
 * Take the mount stubs out of a step's layer (BuildKit executor/stubs.go MountStubsCleaner): the
 * components of each mount target the image did not have, which the runtime made in the upper
 * directory at start, are removed after the step in the order given (each target's deepest
 * first), each only when it is then an empty directory or an empty file. What the step made in
 * them stays, and so do they (recorded: builds/run-mount-kinds, /var/exists/mnt is gone and
 * /var/exists stays; builds/run-mount-point-prune, /opt/kept keeps the /opt a cache mount at
 * /opt/c made, and /tmp/m goes with /tmp/m/x).
 */
export function pruneMountPoints(upper: DirNode, stubs: string[]): void {
  for (const path of stubs) {
    const parts = components(path);
    let node: DirNode | undefined = upper;
    for (const part of parts.slice(0, -1)) {
      const next: Node | undefined = node && entryToChange(node, part);
      node = next?.kind === 'dir' ? next : undefined;
    }
    const last = parts[parts.length - 1];
    const entry = node && entryOf(node, last);
    const empty = entry?.kind === 'dir' ? entryList(entry).length === 0 : entry?.kind === 'file' && entry.data === '';
    if (node && empty) removeEntry(node, last);
  }
}
