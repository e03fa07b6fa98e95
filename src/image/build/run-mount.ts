// RUN --mount (BuildKit): what the RUN step sees at each target and what stays in its layer.
// BuildKit frontend/dockerfile/instructions/commands_runmount.go parses the option (type bind by
// default; target|dst|destination, source|src, from, rw|readwrite, ro|readonly, id, mode, uid,
// gid, required), dockerfile2llb/convert_runmount.go turns it into a mount of the step.
// Recorded (test/recorded/docker-26.1/builds/buildkit-only-flags, run-mount-kinds):
// - bind: the context (or `from=` a stage or an image) at `source`, read-only unless rw; writes
//   to a rw bind are thrown away;
// - cache: a directory kept by the builder across steps and builds, shared by `id` (the target by
//   default), made with `mode` (0755), `uid` and `gid` (0) the first time;
// - tmpfs: an empty tmpfs;
// - secret, ssh: strata's `docker build` takes no --secret or --ssh, so such a mount is not there
//   (BuildKit skips a secret that was not given unless `required=true`, refused here);
// - nothing of a mount stays in the layer, not even the mount point directories it had to make.
//
// The step's container gets these as bind mounts of trees placed in the simulated host under
// BUILD_MOUNTS for the step, and taken away after it.

import { cloneNode, dir, entryList, entryOf, entryToChange, file, removeEntry, setEntry, symlink, type DirNode, type Node } from '../../fs/node.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { components, normalize } from '../../fs/path.ts';
import type { EngineState } from '../../engine/state.ts';
import { Refusal } from './failures.ts';
import { DATA_ROOT } from '../../engine/data-root.ts';

export interface RunMount {
  type: 'bind' | 'cache' | 'tmpfs';
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
}

/** Where the step's mount trees live on the simulated host while it runs. */
export const BUILD_MOUNTS = `${DATA_ROOT}/tmp/buildkit-run-mounts`;

/** Parse the values of `--mount=` flags; secret and ssh mounts that are not required are dropped. */
export function parseRunMounts(specs: string[]): RunMount[] {
  const out: RunMount[] = [];
  for (const spec of specs) {
    const kv = new Map<string, string | undefined>();
    for (const field of spec.split(',')) {
      const eq = field.indexOf('=');
      const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
      kv.set(key, eq < 0 ? undefined : field.slice(eq + 1));
    }
    const type = kv.get('type') ?? 'bind';
    const flag = (k: string): boolean => kv.has(k) && (kv.get(k) === undefined || kv.get(k) === 'true');
    if (type === 'secret' || type === 'ssh') {
      if (flag('required')) throw new Refusal(`strata does not simulate \`RUN --mount=type=${type},required\` (docker build takes no --${type} here)`);
      continue;
    }
    if (type !== 'bind' && type !== 'cache' && type !== 'tmpfs') throw new Refusal(`strata does not simulate \`RUN --mount=type=${type}\``);
    const target = kv.get('target') ?? kv.get('dst') ?? kv.get('destination');
    if (target === undefined || target === '') throw new Refusal('strata does not simulate `RUN --mount` without a target');
    for (const key of kv.keys()) {
      if (!['type', 'target', 'dst', 'destination', 'source', 'src', 'from', 'rw', 'readwrite', 'ro', 'readonly', 'id', 'mode', 'uid', 'gid', 'sharing', 'required'].includes(key)) {
        throw new Refusal(`strata does not simulate \`RUN --mount\` option \`${key}\``);
      }
    }
    const num = (k: string, base: number, dflt: number): number => {
      const v = kv.get(k);
      if (v === undefined) return dflt;
      const n = parseInt(v, base);
      if (Number.isNaN(n)) throw new Refusal(`strata does not simulate \`RUN --mount\` with ${k}=${v}`);
      return n;
    };
    const abs = normalize(target.startsWith('/') ? target : `/${target}`);
    out.push({
      type,
      target: abs,
      source: (kv.get('source') ?? kv.get('src') ?? '').split('/').filter((p) => p !== '' && p !== '.').join('/'),
      from: kv.get('from'),
      // Binds are read-only unless rw; caches and tmpfs are writable.
      rw: type !== 'bind' || flag('rw') || flag('readwrite'),
      id: kv.get('id') ?? abs,
      mode: num('mode', 8, 0o755),
      uid: num('uid', 10, 0),
      gid: num('gid', 10, 0),
    });
  }
  return out;
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
 * Take the mount points out of a step's layer: the mount targets the image did not have were
 * made in the upper directory at start; BuildKit leaves none of them (recorded: run-mount-kinds,
 * /var/exists/mnt is gone, /var/exists stays). `created` is the first missing component of each.
 */
export function pruneMountPoints(upper: DirNode, created: string[]): void {
  for (const path of created) {
    const parts = components(path);
    let node: DirNode | undefined = upper;
    for (const part of parts.slice(0, -1)) {
      const next: Node | undefined = node && entryToChange(node, part);
      node = next?.kind === 'dir' ? next : undefined;
    }
    const last = parts[parts.length - 1];
    const entry = node && entryOf(node, last);
    if (node && entry?.kind === 'dir' && onlyDirs(entry)) removeEntry(node, last);
  }
}

function onlyDirs(d: DirNode): boolean {
  return entryList(d).every(([, e]) => e.kind === 'dir' && onlyDirs(e));
}
