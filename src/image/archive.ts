// docker save / docker load: images as tar archives (moby image/tarexport). 20.10 writes the
// legacy layout (a `<v1 id>/` directory per layer with VERSION, json and layer.tar, the config as
// `<image id>.json`, manifest.json, repositories); 26.1 an OCI image layout (blobs/sha256/: each
// layer tar and its legacy json, the config, the manifest; index.json, oci-layout) with the same
// manifest.json and repositories (recorded: image-layers/save-load-import). The config and each
// layer's v1 JSON: image/config-json.ts (recorded: image-layers/savev1-layer-json). Loading reads
// manifest.json, which both layouts have.

import type { EngineState, Image, HistoryEntry } from '../engine/state.ts';
import type { EngineProfile } from '../engine/profile.ts';
import { createTar, readTar, type TarEntry } from '../archive/tar.ts';
import { dir, entryList, entryToChange, fifo, file, setEntry, symlink, treeSize, type DirNode, type LinkableNode, type Node } from '../fs/node.ts';
import { addLink, maxIno } from '../fs/hard-link.ts';
import { sha256Hex } from '../engine/ids.ts';
import { layerIdFor } from './layers.ts';
import { fullName, normalizeRef } from './store.ts';
import { BASE_LAYER_ID } from './base.ts';
import { REAL_BASE_LAYER_ID } from './busybox-real.ts';
import { NotSimulated } from '../engine/not-simulated.ts';
import { tablePeek, tableSet, tableSetDefault } from '../engine/table.ts';
import { registerMemo } from '../engine/memos.ts';
import { HOST_GROUPS, HOST_USERS } from '../archive/owner-names.ts';
import { imageConfigFromJson, imageConfigJson, v1Layers } from './config-json.ts';
import { decompress } from '../archive/compression.ts';
import { LimitError } from '../fs/errors.ts';

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * A layer as its tar: whiteouts as `.wh.NAME`, an opaque directory's marker as `.wh..wh..opq`.
 * The second and later names of an inode the layer holds several of are hard-link entries naming
 * the first in walk order (moby pkg/archive tarAppender.addTarFile: `!fi.IsDir() &&
 * hasHardlinks(fi)`, SeenFiles by inode, TypeLink; recorded: hardlinks/sw-hardlink-save-load,
 * `hrw-r--r-- d/b link to d/a` in both engines' tars).
 */
export interface LayerTarOptions {
  /**
   * Owner names in the headers, as the daemon host's user database gives them. The layer's tar
   * is made when the layer is (a commit, a build step: the graph driver's Diff in dockerd itself,
   * not chrooted) and kept byte for byte (tar-split), so a 20.10 daemon, whose
   * archive.FileInfoHeader looks names up (archive/tar FileInfoHeader), writes the names of its
   * own machine: root/root, uid 1 `daemon`, gid 2 `bin`, nobody/nogroup on Debian 12, an id it
   * does not know as a number; 26.1 (FileInfoHeaderNoLookups) writes none. Recorded:
   * image-layers/savev1-layer-owners (a commit and a legacy build step, both engines).
   */
  hostNames?: boolean;
  /** The file type in each header's mode (20.10's fillGo18FileTypeBits; EngineProfile.tarTypeBits). */
  typeBits?: boolean;
}

/** `recordSize`: pad to records of this size (a GNU tar's 20 blocks); none: Go's archive/tar, no padding. */
export function layerTar(tree: DirNode, recordSize?: number, options: LayerTarOptions = {}): string {
  const out: TarEntry[] = [];
  const seen = new Map<number, string>();
  const linked = (n: LinkableNode, path: string): TarEntry | undefined => {
    if (n.ino === undefined || (n.nlink ?? 1) < 2) return undefined;
    const first = seen.get(n.ino);
    if (first === undefined) {
      seen.set(n.ino, path);
      return undefined;
    }
    return { name: path, type: 'hardlink', mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime, linkname: first };
  };
  const walk = (d: DirNode, prefix: string): void => {
    if (d.opaque) out.push({ name: `${prefix}${OPAQUE}`, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: d.mtime, data: '' });
    for (const [name, n] of entryList(d).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      const path = prefix + name;
      if (n.kind === 'whiteout') out.push({ name: `${prefix}${WH}${name}`, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, data: '' });
      else if (n.kind === 'dir') {
        out.push({ name: path, type: 'dir', mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime });
        walk(n, `${path}/`);
      } else {
        const link = linked(n, path);
        if (link !== undefined) out.push(link);
        else if (n.kind === 'file') out.push({ name: path, type: 'file', mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime, data: n.data });
        else if (n.kind === 'symlink') out.push({ name: path, type: 'symlink', mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime, linkname: n.target });
        // a FIFO is a FIFO entry (Go's archive/tar TypeFifo), as docker cp and export write it
        else if (n.kind === 'fifo') out.push({ name: path, type: 'fifo', mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime });
        else out.push({ name: path, type: 'chardev', mode: n.mode, uid: n.uid, gid: n.gid, mtime: n.mtime });
      }
    }
  };
  walk(tree, '');
  const named = options.hostNames === true ? out.map(withHostNames) : out;
  return createTar(named, { ...(recordSize === undefined ? {} : { recordSize }), ...(options.typeBits === true ? { typeBits: true } : {}) });
}

/** An entry with the daemon host's names for its owner and group (LayerTarOptions.hostNames), where it has them. */
function withHostNames(e: TarEntry): TarEntry {
  const uname = HOST_USERS[e.uid];
  const gname = HOST_GROUPS[e.gid];
  return { ...e, ...(uname === undefined ? {} : { uname }), ...(gname === undefined ? {} : { gname }) };
}

/**
 * The tar a stored layer is: a loaded or imported layer's own (Layer.tar). The base image was loaded from a GNU tar (padded to 20-block
 * records: the oracle's busybox layer is 2129920 bytes); layers the engine makes are Go's, with
 * no padding (recorded: image-layers/save-layout, LayerSources sizes).
 */
function storedLayerTar(st: EngineState, profile: EngineProfile, id: string): string {
  // A pulled layer is saved as it was pulled (moby keeps its tar-split): the real busybox:latest's
  // is docker-library's tar of real binaries, which strata holds as stubs (image/busybox-real.ts)
  const kept = tablePeek(st.layers, id)?.tar;
  if (kept !== undefined) return kept;
  if (id === REAL_BASE_LAYER_ID) throw new NotSimulated("strata does not simulate the bytes of the real busybox:latest's layer (its binaries are stubs here), which docker save would write");
  const tree = tablePeek(st.layers, id)!.tree;
  const base = id === BASE_LAYER_ID;
  const recordSize = base ? 10240 : undefined;
  const opts: LayerTarOptions = { hostNames: !base && profile.tarOwnerNames, typeBits: !base && profile.tarTypeBits };
  // A stored layer's tree is frozen (every state holds it so), so its tar never changes: a save
  // of busybox serialised its 2 MB binary, and hashed it, again at every `docker save`.
  if (!Object.isFrozen(tree)) return layerTar(tree, recordSize, opts);
  const memoKey = `${recordSize} ${opts.hostNames} ${opts.typeBits}`;
  const known = layerTars.get(tree);
  if (known !== undefined && known.key === memoKey) return known.tar;
  const tar = layerTar(tree, recordSize, opts);
  layerTars.set(tree, { key: memoKey, tar });
  return tar;
}

/** The tars of stored layers by their (frozen) trees: the same string object each time, so its digest is remembered too (fs/digest.ts). */
let layerTars = new WeakMap<DirNode, { key: string; tar: string }>();
registerMemo(() => (layerTars = new WeakMap()));

/**
 * The layer tree a layer tar holds (the reverse of layerTar). A hard-link entry becomes one more
 * name of the inode its member has, with an `ino` above every one in `lower` (the layers under
 * it: node.ts Inode) when that member had a single name so far.
 */
export function treeOf(entries: TarEntry[], lower: readonly DirNode[] = []): DirNode {
  const root = dir();
  let next: number | undefined;
  const fresh = (): number => (next = (next ?? maxIno(lower)) + 1);
  const find = (name: string): Node | undefined => {
    let n: Node | undefined = root;
    for (const p of name.replace(/\/+$/, '').split('/').filter((x) => x !== '' && x !== '.')) n = n?.kind === 'dir' ? entryToChange(n, p) : undefined;
    return n;
  };
  for (const e of entries) {
    const parts = e.name.replace(/\/+$/, '').split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length === 0) continue;
    let d = root;
    for (const p of parts.slice(0, -1)) {
      const next = entryToChange(d, p);
      if (next === undefined || next.kind !== 'dir') {
        const made = dir();
        setEntry(d, p, made);
        d = made;
      } else d = next;
    }
    const name = parts[parts.length - 1];
    const meta = { mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime };
    if (name === OPAQUE) d.opaque = true;
    else if (name.startsWith(WH)) setEntry(d, name.slice(WH.length), { kind: 'whiteout' });
    else if (e.type === 'dir') {
      const old = entryToChange(d, name);
      setEntry(d, name, old?.kind === 'dir' ? { ...old, ...meta } : dir(meta));
    } else if (e.type === 'symlink') setEntry(d, name, symlink(e.linkname ?? '', meta));
    else if (e.type === 'fifo') setEntry(d, name, fifo(meta));
    else if (e.type === 'hardlink') {
      const target = find(e.linkname ?? '');
      // a link to a member the tar does not have (or to a directory) is left out, as the
      // daemon's extraction (archive.createTarFile: os.Link) would fail on it
      if (target !== undefined && target.kind !== 'dir' && target.kind !== 'whiteout') setEntry(d, name, addLink(root, target, fresh));
    } else setEntry(d, name, file(e.data ?? '', meta) as Node);
  }
  return root;
}

export class ArchiveError extends Error {}

/**
 * The daemon's error in the middle of a load (load.go returns it into the JSON stream, which the
 * CLI prints as it is and exits 1), after the lines of the images it already loaded.
 */
export class LoadFailure extends Error {
  constructor(
    message: string,
    readonly lines: string[],
  ) {
    super(message);
  }
}

/** The archive `docker save` writes for these images (already resolved, in the order asked). */
export function saveImages(st: EngineState, profile: EngineProfile, images: { image: Image; refs: string[] }[]): string {
  const entries: TarEntry[] = [];
  const seen = new Set<string>();
  const manifest: Record<string, unknown>[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  const legacy = profile.client === '20.10';
  const owner = legacy ? { uid: 0, gid: 0, uname: 'root', gname: 'root' } : { uid: 0, gid: 0 };
  // Each member's time is the one save.go gives it (system.Chtimes): the epoch for manifest.json,
  // repositories, oci-layout and 26.1's manifest blob; the image's created time for its config
  // and for each layer it saves first (20.10: the layer's directory, VERSION, json and
  // layer.tar; 26.1: the layer blob, its v1 json blob and blobs/). What it writes without a
  // Chtimes has the save's time: 20.10's directory of a layer saved again as a symlink, 26.1's
  // index.json and blobs/sha256/ (a blob written after its Chtimes). So the same save twice is
  // the same archive on 20.10 and differs in blobs/sha256/'s header on 26.1 (recorded:
  // image-layers/loadkeep-import, cmp's `char 659, line 1`).
  const put = (name: string, data: string, mtime: number): void => {
    if (seen.has(name)) return;
    seen.add(name);
    entries.push({ name, type: 'file', mode: 0o644, mtime, data, ...owner });
  };
  const putDir = (name: string, mtime: number): TarEntry | undefined => {
    if (seen.has(name)) return undefined;
    seen.add(name);
    const e: TarEntry = { name, type: 'dir', mode: 0o755, mtime, ...owner };
    entries.push(e);
    return e;
  };
  const putLink = (name: string, linkname: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    entries.push({ name, type: 'symlink', mode: 0o777, mtime: st.clock, linkname, ...owner });
  };
  const diffIdPaths = new Map<string, string>();
  const blobs = legacy ? undefined : putDir('blobs', st.clock);
  if (!legacy) putDir('blobs/sha256', st.clock);
  const indexManifests: unknown[] = [];
  for (const { image, refs } of images) {
    const tars = image.layers.map((l) => storedLayerTar(st, profile, l));
    // A layer's diff ID is its tar's digest; the oracle's busybox layer keeps the one the real
    // tar has (its ID: the binary's bytes are not what strata holds), which the config, the
    // manifest and every v1 ID below are made of (recorded: image-layers/savev1-layer-json). A
    // loaded layer's tar is the one it was loaded from, so its digest is its config's diff ID
    // (but for busybox's: a loaded config names the digest of strata's tar of it, where the
    // real one names the real tar's; recorded: image-layers/loadkeep-foreign, the blob's name).
    const diffIds = tars.map((t, i) => (image.layers[i] === BASE_LAYER_ID ? BASE_LAYER_ID : sha256Hex(t)));
    tars.forEach((t, i) => ((st.layerDigests ??= {})[sha256Hex(t)] = image.layers[i]));
    // save.go: img.RawJSON(), the bytes the image was created from (a loaded image's as loaded)
    const config = image.loadedConfig ?? imageConfigJson(st, profile, image, diffIds);
    const created = image.created;
    const v1 = v1Layers(st, profile, image, diffIds);
    const layerPaths: string[] = [];
    const sources: Record<string, unknown> = {};
    let top = '';
    tars.forEach((t, i) => {
      const { id, json } = v1[i];
      if (legacy) {
        // a layer already written under another v1 ID (the same tar below another top layer)
        // is a symlink to it (save.go saveLayer: diffIDPaths, os.Symlink of the relative path;
        // recorded: image-layers/savev1-shared-layer), its directory left at the save's time
        const first = diffIdPaths.get(diffIds[i]);
        const linked = first !== undefined && first !== `${id}/layer.tar`;
        const time = linked ? st.clock : created;
        putDir(id, time);
        put(`${id}/VERSION`, '1.0', time);
        put(`${id}/json`, json, time);
        if (linked) putLink(`${id}/layer.tar`, `../${first}`);
        else put(`${id}/layer.tar`, t, time);
        if (first === undefined) diffIdPaths.set(diffIds[i], `${id}/layer.tar`);
        layerPaths.push(`${id}/layer.tar`);
        top = id;
      } else {
        put(`blobs/sha256/${diffIds[i]}`, t, created);
        put(`blobs/sha256/${sha256Hex(json)}`, json, created);
        layerPaths.push(`blobs/sha256/${diffIds[i]}`);
        sources[`sha256:${diffIds[i]}`] = { mediaType: 'application/vnd.oci.image.layer.v1.tar', size: t.length, digest: `sha256:${diffIds[i]}` };
        // (save.go: the repositories file names the top layer's digest, Encoded(): no `sha256:`)
        top = diffIds[i];
      }
    });
    if (legacy) put(`${image.id}.json`, config, created);
    else {
      put(`blobs/sha256/${image.id}`, config, created);
      // (saveImage's last Chtimes of blobs/: the image's created time)
      if (blobs !== undefined) blobs.mtime = created;
      // moby image/tarexport/save.go: the manifest's layers are OCI descriptors (mediaType, digest,
      // size), LayerSources distribution's (mediaType, size, digest) in a Go map, by key
      const layers = diffIds.map((d, i) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${d}`, size: tars[i].length }));
      const m = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${image.id}`, size: config.length }, layers });
      const md = sha256Hex(m);
      put(`blobs/sha256/${md}`, m, 0);
      // index.json: the manifest once per name it is saved under, annotated with the full name and
      // the tag; once without annotations only while the index has no descriptor yet (recorded:
      // image-layers/save-oci-index)
      const descriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${md}`, size: m.length };
      for (const ref of refs) indexManifests.push({ ...descriptor, annotations: { 'io.containerd.image.name': fullName(ref), 'org.opencontainers.image.ref.name': ref.slice(ref.lastIndexOf(':') + 1) } });
      if (indexManifests.length === 0) indexManifests.push(descriptor);
    }
    const layerSources = Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // moby image/tarexport/save.go: Parent (manifestItem, omitempty, before LayerSources) names
    // the image's parent when that image is saved in the same archive (validatedParentLinks), so
    // that load links them again (recorded: image-layers/sw-save-load-roundtrips on 20.10, whose
    // builder gives parents; `"Parent":"sha256:..."` for `docker save base child`, none for child alone)
    const parentSaved = image.parent !== '' && image.parent !== image.id && images.some((o) => o.image.id === image.parent);
    manifest.push({ Config: legacy ? `${image.id}.json` : `blobs/sha256/${image.id}`, RepoTags: refs.length > 0 ? refs : null, Layers: layerPaths, ...(parentSaved ? { Parent: `sha256:${image.parent}` } : {}), ...(legacy ? {} : { LayerSources: layerSources }) });
    for (const ref of refs) {
      const i = ref.lastIndexOf(':');
      (repositories[ref.slice(0, i)] ??= {})[ref.slice(i + 1)] = top;
    }
  }
  if (!legacy) {
    put('index.json', JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: indexManifests }), st.clock);
    // (save.go's ociLayoutContent, written as text, with its space)
    put('oci-layout', '{"imageLayoutVersion": "1.0.0"}', 0);
  }
  // both written with a json.Encoder: a newline after the document (save.go)
  put('manifest.json', `${JSON.stringify(manifest)}\n`, 0);
  if (Object.keys(repositories).length > 0) put('repositories', `${JSON.stringify(repositories)}\n`, 0);
  // archive.Tar of the directory: filepath.Walk's order, each directory's names sorted
  return createTar(entries.sort((a, b) => walkOrder(a.name, b.name)));
}

/** filepath.Walk's order of two paths: component by component, a directory before what it holds. */
function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length;
}

/** A layer the store has for this diff ID: one loaded by it, or one strata made whose tar has that digest. */
function layerByDiff(st: EngineState, diff: string): string | undefined {
  if (tablePeek(st.layers, diff) !== undefined) return diff;
  const known = st.layerDigests?.[diff];
  return known !== undefined && tablePeek(st.layers, known) !== undefined ? known : undefined;
}

/**
 * `docker load`: the images of an archive; returns the lines the daemon streams back.
 *
 * moby image/tarexport/load.go (v20.10.24, v26.1.5; the classic store, which 26.1 uses without
 * the containerd snapshotter): for each manifest entry, the config's bytes become the image (its
 * ID their digest, `l.is.Create(config)`: kept whole, Image.loadedConfig); each of its
 * rootfs.diff_ids is looked up in the layer store and, when missing, the layer's tar is read
 * (decompressed), registered (its digest must be that diff ID) and kept byte for byte
 * (Layer.tar). strata looks a layer up by its diff ID, not by the chain ID under it.
 */
export function loadImages(st: EngineState, data: string): string[] {
  const members = new Map<string, TarEntry>();
  for (const e of readTar(data)) members.set(e.name.replace(/^\.\//, '').replace(/\/+$/, ''), e);
  const manifestEntry = members.get('manifest.json');
  // Without one the daemon tries the pre-1.10 format and names its random temporary directory.
  if (manifestEntry === undefined) throw new ArchiveError('strata does not simulate `docker load` of an archive without manifest.json (the legacy pre-1.10 format)');
  const manifest = JSON.parse(manifestEntry.data ?? '[]') as { Config: string; RepoTags: string[] | null; Layers: string[]; Parent?: string }[];
  // moby image/tarexport/load.go: a Parent that names another image of the same archive links the
  // two again (validatedParentLinks, setParentID), so `docker rmi` of the parent only untags it
  const configIds = new Set(manifest.map((m) => configId(m.Config, memberData(members, m.Config))));
  const lines: string[] = [];
  // load.go: `Loaded image ID: ...` of every image, printed at the end only when the last one had
  // no tag (imageRefCount is reset for each image; imageIDsStr is not)
  const idLines: string[] = [];
  let refCount = 0;
  for (const m of manifest) {
    const cfgText = memberData(members, m.Config);
    const cfg = JSON.parse(cfgText === '' ? '{}' : cfgText) as { config?: unknown; container?: string; container_config?: unknown; created: string; comment?: string; author?: string; rootfs?: { diff_ids?: string[] }; history?: { created: string; author?: string; created_by?: string; comment?: string; empty_layer?: boolean }[] };
    const diffIds = (cfg.rootfs?.diff_ids ?? []).map((d) => d.replace(/^sha256:/, ''));
    // (recorded: image-layers/loadkeep-load-errors on 20.10; 26.1's load.go has the same words)
    if (diffIds.length !== m.Layers.length) throw new LoadFailure(`invalid manifest, layers length mismatch: expected ${m.Layers.length}, got ${diffIds.length}`, lines);
    const layers: string[] = [];
    diffIds.forEach((diff, i) => {
      const have = layerByDiff(st, diff);
      if (have !== undefined) {
        // (the daemon does not read a layer's tar when it has the layer)
        layers.push(have);
        return;
      }
      let t: string;
      try {
        t = decompress(memberData(members, m.Layers[i]));
      } catch (e) {
        if (e instanceof LimitError) throw e;
        throw new ArchiveError(`strata does not simulate \`docker load\` of a layer it cannot decompress (${e instanceof Error ? e.message : String(e)})`);
      }
      const actual = sha256Hex(t);
      // a layer strata made and saved (its tar's digest names it), or one named by its digest;
      // the oracle's busybox layer by the real tar's digest (strata's tar of it holds a stub binary)
      const known = diff === BASE_LAYER_ID ? BASE_LAYER_ID : st.layerDigests?.[actual];
      // (Go's %q of each digest; recorded: image-layers/loadkeep-load-errors on 20.10, the same in 26.1's load.go)
      if (actual !== diff && known !== diff) throw new LoadFailure(`invalid diffID for layer ${i}: expected "sha256:${diff}", got "sha256:${actual}"`, lines);
      const id = known ?? diff;
      const tree = treeOf(readTar(t), layers.map((l) => tablePeek(st.layers, l)!.tree));
      tableSetDefault(st.layers, id, { id, tree, size: treeSize(tree), tar: t });
      layers.push(id);
    });
    const id = configId(m.Config, cfgText);
    let li = 0;
    const history: HistoryEntry[] = (cfg.history ?? []).map((h) => {
      const size = h.empty_layer ? 0 : (tablePeek(st.layers, layers[li++])?.size ?? 0);
      return { created: unixSeconds(h.created), ...(typeof h.author === 'string' && h.author !== '' ? { author: h.author } : {}), createdBy: h.created_by ?? '', comment: h.comment ?? '', emptyLayer: h.empty_layer === true, size };
    });
    const parentId = (m.Parent ?? '').replace(/^sha256:/, '');
    const parent = parentId !== id && configIds.has(parentId) ? parentId : '';
    if (!tablePeek(st.images, id) || tablePeek(st.images, id)!.removed) {
      // the config as the archive has it: a commit's or legacy build step's container too
      const container = typeof cfg.container === 'string' && cfg.container !== '' ? { container: { id: cfg.container, config: imageConfigFromJson(cfg.container_config) } } : {};
      tableSet(st.images, id, { id, layers, config: imageConfigFromJson(cfg.config), history, created: unixSeconds(cfg.created), parent, comment: cfg.comment ?? '', author: cfg.author ?? '', ...container, loadedConfig: cfgText });
    } else if (parent !== '' && tablePeek(st.images, id)!.parent === '') tableSet(st.images, id, { ...tablePeek(st.images, id)!, parent });
    idLines.push(`Loaded image ID: sha256:${id}`);
    refCount = 0;
    for (const t of m.RepoTags ?? []) {
      // (both lines name it as reference.FamiliarString does: normalizeRef's form)
      const ref = normalizeRef(t);
      // load.go setLoadedTag: a tag that named another image moves, with this line
      const prev = st.tags[ref];
      if (prev !== undefined && prev !== id) lines.push(`The image ${ref} already exists, renaming the old one with ID sha256:${prev} to empty string`);
      st.tags[ref] = id;
      lines.push(`Loaded image: ${ref}`);
      refCount++;
    }
  }
  if (refCount === 0) lines.push(...idLines);
  return lines;
}

/**
 * The image ID of a config: its digest (the daemon's image store), or, for a config named by a
 * 64-hex ID (`<id>.json`, `blobs/sha256/<id>`: every archive `docker save` writes), that name:
 * strata's IDs of the images it builds are not the digests of the configs it writes for them.
 */
function configId(name: string, text: string): string {
  return /^(?:blobs\/sha256\/)?([0-9a-f]{64})(?:\.json)?$/.exec(name)?.[1] ?? sha256Hex(text);
}

/**
 * A member's bytes, through the symlinks 20.10 writes for a layer saved twice (the daemon opens
 * the path in the unpacked archive: load.go, os.Open follows them); a link out of the archive or
 * a loop reads as nothing.
 */
function memberData(members: Map<string, TarEntry>, path: string): string {
  let name = path;
  for (let hops = 0; hops < 40; hops++) {
    const e = members.get(name);
    if (e === undefined) return '';
    if (e.type !== 'symlink') return e.data ?? '';
    const parts: string[] = [];
    const link = e.linkname ?? '';
    for (const p of [...(link.startsWith('/') ? [] : name.split('/').slice(0, -1)), ...link.split('/')]) {
      if (p === '..') parts.pop();
      else if (p !== '' && p !== '.') parts.push(p);
    }
    name = parts.join('/');
  }
  return '';
}

/** An RFC 3339 time of a config as strata's whole seconds since the epoch. */
function unixSeconds(time: string): number {
  return Math.floor(Date.parse(time) / 1000);
}
