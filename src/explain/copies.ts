// Where a copy of destroyed data still exists: "gone for good" is said only when none does
// (issue 11, item 7). Copies are found by content, after the command that destroyed the data:
// in volumes, on the host (also inside tar archives there, gzip-compressed or not: the usual
// `tar cf /backup/x.tar /data` backup), in writable layers, in running containers' tmpfs, and in
// images (a `docker commit`, or the image a file was copied up from and never changed).
//
// A copy is an entry with the same bytes (a file's content, a symlink's target; empty files hold
// no data and have none) and the same name, or, under another name, at least MIN_RENAMED bytes:
// a process id "1" in one container's /run is no copy of another's. A file `docker cp` took out
// of a container is a copy of what it copied whatever its name and size (`docker cp
// db:/root/runs ./runs.bak`): the finder is told which host paths each container's docker cp
// wrote. A real server's file is a copy of exactly the file whose identity it carries (keyOf).
// Transformed data (compressed alone, base64, a database dump) is not recognized.

import type { EngineState } from '../engine/state.ts';
import { tablePeek, tablePeekValues, tableValues } from '../engine/table.ts';
import { nodeAt } from '../fs/locate.ts';
import { entryList, type DirNode, type Node } from '../fs/node.ts';
import { basename } from '../fs/path.ts';
import { isTarHeader, readTar } from '../archive/tar.ts';
import { decompress } from '../archive/compression.ts';
import { flattenedImage } from '../union/flatten.ts';
import type { Namer } from './naming.ts';
import type { Copy, Entry, Place } from './schema.ts';
import { imageStack } from './places.ts';
import { layerOf } from './trees.ts';
import { containerList, peekContainer } from '../container/registry.ts';

/** Bytes a renamed copy in an image must have to count as a copy. */
export const MIN_RENAMED = 16;

/** Where a content was found: a place is made only when it is reported. */
interface Location {
  where: 'volume' | 'host' | 'writable-layer' | 'tmpfs' | 'image';
  /** Volume name, container ID or image ID (host: ''). */
  owner: string;
  /** tmpfs destination. */
  destination?: string;
  /** Path in the place (for the host: the absolute host path). */
  path: string;
  member?: string;
}

const PREFERENCE: Location['where'][] = ['volume', 'host', 'writable-layer', 'tmpfs', 'image'];

// A real server's file (FileNode.placeholder) has no bytes strata knows, also when the placeholder
// is empty (it holds data all the same: trees.ts holdsData). Its copies (copy-up, a volume's copy
// on mount, cp -a, mv, tar, docker cp) carry its identity (FileNode.placeholderId), which a new
// write of the file does not keep: a copy is one of exactly that file, under any name. Two
// clusters of one server hold equal placeholders under the same names, so the stand-in's bytes
// would not tell which cluster a copy is of. A placeholder without an identity (written where
// writes are not counted, a build's RUN) is known by its bytes and the same name only.
const keyOf = (node: Node): Key | undefined => {
  if (node.kind === 'file' && node.placeholder === true) return node.placeholderId !== undefined ? { kind: 'i', value: String(node.placeholderId) } : { kind: 'p', value: node.data };
  if (node.kind === 'file') return node.data.length > 0 ? { kind: 'f', value: node.data } : undefined;
  if (node.kind === 'symlink') return { kind: 'l', value: node.target };
  return undefined;
};

/**
 * What a copy is known by: an identity (`i`), a placeholder's bytes (`p`), a file's bytes (`f`) or
 * a symlink's target (`l`). The value is the entry's own string, never one made from it: the index
 * looks it up as it is, and V8 keeps a string's hash in the string, so the many names of one
 * content (the real busybox:latest's 411 hard links of its 1 MB /bin/busybox, every layer and
 * container holding the same string) are hashed once; a key built by concatenation would be a new
 * string to flatten and hash per entry (a quiz on a lesson took minutes).
 */
interface Key {
  kind: 'i' | 'p' | 'f' | 'l';
  value: string;
}

/** The files of a tar archive (plain, gzip- or bzip2-compressed); [] for anything else. */
function archiveMembers(data: string): { name: string; key: Key }[] {
  let tar: string;
  try {
    tar = decompress(data);
  } catch {
    return [];
  }
  if (tar.length < 512 || !isTarHeader(tar.slice(0, 512))) return [];
  try {
    // (strata's own mark of a server's file, a pax record: src/archive/tar.ts PLACEHOLDER_KEY)
    return readTar(tar, true).flatMap((e): { name: string; key: Key }[] => {
      if (e.type === 'file' && e.data !== undefined && e.placeholder === true) return [{ name: e.name, key: e.placeholderId !== undefined ? { kind: 'i', value: String(e.placeholderId) } : { kind: 'p', value: e.data } }];
      if (e.type === 'file' && e.data !== undefined && e.data.length > 0) return [{ name: e.name, key: { kind: 'f', value: e.data } }];
      if (e.type === 'symlink' && e.linkname !== undefined) return [{ name: e.name, key: { kind: 'l', value: e.linkname } }];
      return [];
    });
  } catch {
    return [];
  }
}

/** Locations by key: one map per kind, keyed by the value. */
type Index = Record<Key['kind'], Map<string, Location[]>>;

const newIndex = (): Index => ({ i: new Map(), p: new Map(), f: new Map(), l: new Map() });

function add(index: Index, key: Key, loc: Location): void {
  const map = index[key.kind];
  const list = map.get(key.value);
  if (list) list.push(loc);
  else map.set(key.value, [loc]);
}

const lookup = (index: Index, key: Key): Location[] => index[key.kind].get(key.value) ?? [];

/** Index every file of a tree (and the members of archives among them). */
function indexTree(index: Index, tree: DirNode, base: Omit<Location, 'path' | 'member'>, prefix: string, skip: (path: string) => boolean = () => false): void {
  const walk = (node: Node, path: string): void => {
    if (node.kind === 'dir') {
      for (const [name, child] of entryList(node)) {
        const p = `${path}/${name}`;
        if (!skip(p)) walk(child, p);
      }
      return;
    }
    const key = keyOf(node);
    if (key === undefined) return;
    add(index, key, { ...base, path });
    if (node.kind === 'file') for (const m of archiveMembers(node.data)) add(index, m.key, { ...base, path, member: m.name });
  };
  walk(tree, prefix);
}

/** The host's own pseudo file systems hold no data of the scenario's. */
const HOST_SKIP = new Set(['/proc', '/sys', '/dev']);

export class CopyFinder {
  /** Images never change: each is indexed once. */
  private readonly images = new Map<string, Index>();

  /** Host paths written by `docker cp` out of each container (container ID → paths). */
  private readonly copiedOut = new Map<string, Set<string>>();

  constructor(private readonly namer: Namer) {}

  /** `docker cp` wrote `paths` on the host from container `id`. */
  copiedFrom(id: string, paths: readonly string[]): void {
    let set = this.copiedOut.get(id);
    if (!set) this.copiedOut.set(id, (set = new Set()));
    for (const p of paths) set.add(p);
  }

  /**
   * Copies, in `st`, of the data entries of `root` (a destroyed tree, paths from its root; `from`:
   * the container it belonged to): one per entry that has a copy, the most accessible place first
   * (volume, host, writable layer, tmpfs, image).
   */
  find(st: EngineState, root: DirNode, entries: readonly Entry[], from?: string): Copy[] {
    const wanted = entries.map((e) => ({ e, node: nodeAt(root, e.path) })).filter((w) => w.node !== undefined && keyOf(w.node) !== undefined);
    if (wanted.length === 0) return [];
    const index = newIndex();
    for (const v of tableValues(st.volumes)) indexTree(index, v.data, { where: 'volume', owner: v.name }, '');
    indexTree(index, st.host, { where: 'host', owner: '' }, '', (p) => HOST_SKIP.has(p));
    for (const c of containerList(st)) {
      if (c.buildkitStep) continue;
      indexTree(index, c.upper, { where: 'writable-layer', owner: c.id }, '');
      for (const [dst, tree] of Object.entries(c.tmpfsData)) indexTree(index, tree, { where: 'tmpfs', owner: c.id, destination: dst }, '');
    }
    const copies: Copy[] = [];
    for (const { e, node } of wanted) {
      const key = keyOf(node!)!;
      const name = basename(e.path);
      const cpOut = from !== undefined ? this.copiedOut.get(from) : undefined;
      // (an identity is a copy of that file under any name)
      const likely = (l: Location): boolean =>
        key.kind === 'i' ||
        basename(l.member ?? l.path) === name ||
        ((key.kind === 'f' || key.kind === 'l') && key.value.length >= MIN_RENAMED) ||
        (l.where === 'host' && cpOut?.has(l.path) === true);
      let found = lookup(index, key).filter(likely);
      if (found.length === 0) found = this.inImages(st, key).filter(likely);
      if (found.length === 0) continue;
      // The most accessible place first; within a place, the copy at the same path (a database's
      // files often share contents: base/4/PG_VERSION's copy is base/4/PG_VERSION, not base/1's),
      // then one of the same name.
      const nearness = (l: Location): number => ((l.member ?? l.path) === e.path ? 0 : basename(l.member ?? l.path) === name ? 1 : 2);
      found.sort((a, b) => PREFERENCE.indexOf(a.where) - PREFERENCE.indexOf(b.where) || nearness(a) - nearness(b));
      const place = this.place(st, found[0]);
      if (place) copies.push({ path: e.path, at: place, atPath: found[0].path, ...(found[0].member ? { member: found[0].member } : {}) });
    }
    return copies;
  }

  private inImages(st: EngineState, key: Key): Location[] {
    const out: Location[] = [];
    for (const img of tablePeekValues(st.images)) {
      let index = this.images.get(img.id);
      if (index === undefined) {
        index = newIndex();
        indexTree(index, flattenedImage(img.layers, (id) => tablePeek(st.layers, id)!.tree), { where: 'image', owner: img.id }, '');
        this.images.set(img.id, index);
      }
      out.push(...lookup(index, key));
    }
    return out;
  }

  private place(st: EngineState, l: Location): Place | undefined {
    switch (l.where) {
      case 'volume':
        return { kind: 'volume', volume: this.namer.volume(l.owner) };
      case 'host':
        return { kind: 'host', ...this.namer.host(l.path) };
      case 'writable-layer': {
        const c = peekContainer(st, l.owner)!; // a location found in this state
        return { kind: 'writable-layer', container: this.namer.container(c.id, c.name) };
      }
      case 'tmpfs': {
        const c = peekContainer(st, l.owner)!; // a location found in this state
        return { kind: 'tmpfs', container: this.namer.container(c.id, c.name), destination: l.destination ?? '' };
      }
      case 'image': {
        const img = tablePeek(st.images, l.owner)!;
        const stack = imageStack(st, img.id);
        const layer = layerOf(stack, l.path.split('/').filter((p) => p !== '')) ?? img.layers.length;
        return { kind: 'image-layer', image: this.namer.image(img.id, st), layer, layers: img.layers.length };
      }
    }
  }
}
