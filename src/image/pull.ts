// The daemon's side of pulling an image (moby distribution/pull_v2.go, distribution/xfer), with
// the catalog of stand-in images (catalog/README.md) as the registry. A catalog image is built
// from its context, once per engine profile (the build is a pure function of both), and added to
// the image store; the progress messages are the ones a real pull of the real image streams, in
// one order a real pull can print them.

import type { EngineEvent } from '../engine/events.ts';
import type { EngineProfile } from '../engine/profile.ts';
import type { BuildCacheRecord, EngineState, Image, Layer } from '../engine/state.ts';
import { initialState, ORACLE_CLOCK } from '../engine/initial-state.ts';
import { memoryFs } from '../fs/memory.ts';
import { build } from './build/builder.ts';
import { BASE_ENTRY, catalogEntry, catalogTags, contextTree, dockerfileOf, familiarRef, splitRef, type CatalogEntry } from './catalog/index.ts';
import { isOfficialRepository } from './catalog/official.ts';
import { baseImage, busyboxLayer, usesOracleBase } from './base.ts';
import { NotSimulated } from '../engine/not-simulated.ts';
import { tableGet, tableKeys, tablePeek, tablePeekValues, tableSet, tableSetDefault } from '../engine/table.ts';
import { registerMemo } from '../engine/memos.ts';
import { decodeGraph, encodeGraph } from './stand-in-form.ts';
import { freeze } from 'immer';
import { realFacts, registerReal } from './real.ts';

/** One line of the daemon's JSON message stream (jsonmessage.JSONMessage: ID and Status). */
export interface PullMessage {
  id?: string;
  status: string;
  /** A layer's progress (moby progress.Update: a JSONMessage with a Progress), not a plain message. */
  layer?: true;
}

export type PullResult =
  | { ok: true; messages: PullMessage[]; imageId: string; downloaded: boolean }
  | { ok: false; messages: PullMessage[]; error: string };

/** What building a stand-in adds to a fresh engine: its image and everything the build left. */
interface StandIn {
  imageId: string;
  images: Image[];
  layers: Layer[];
  buildCache: BuildCacheRecord[];
}

/** moby's transfer manager starts at most this many downloads at once (max-concurrent-downloads). */
const MAX_CONCURRENT_DOWNLOADS = 3;

const standIns = new Map<string, StandIn>();
registerMemo(() => standIns.clear());

/**
 * Where built stand-ins come from before they are built here: the text `standInText` made of
 * one, by engine and catalog context, or undefined. The CLI reads the ones `npm run build` wrote
 * (src/cli/stand-ins.ts); without it, or when it has none, each is built on first use.
 */
let builtStandIns: ((engine: string, context: string) => string | undefined) | undefined;

/** Take built stand-ins from `read` (undefined: build every one here). */
export function useBuiltStandIns(read: ((engine: string, context: string) => string | undefined) | undefined): void {
  builtStandIns = read;
  standIns.clear();
}

/** A catalog image built on the profile's engine, as text that `useBuiltStandIns` can give back. */
export function standInText(profile: EngineProfile, entry: CatalogEntry): string {
  return encodeGraph(buildStandIn(profile, entry));
}

/**
 * A catalog image built in a fresh engine of the profile, memoized: the result depends only on
 * the profile and the entry. busybox:latest is no build: the oracle's (`oracle`) or the real one.
 */
function standIn(oracle: boolean, profile: EngineProfile, entry: CatalogEntry): StandIn {
  if (entry === BASE_ENTRY) {
    // the base image: no build, the image and layer the engine started with (image/base.ts),
    // the same on every engine profile: one per kind of base
    const key = `base|${oracle ? 'oracle' : 'real'}`;
    const cached = standIns.get(key);
    if (cached) return cached;
    const { layer, image } = baseImage(oracle);
    const base: StandIn = freeze({ imageId: image.id, images: [image], layers: [layer], buildCache: [] }, true);
    standIns.set(key, base);
    return base;
  }
  const key = `${profile.name}|${entry.context}`;
  const cached = standIns.get(key);
  if (cached) return cached;
  const text = builtStandIns?.(profile.name, entry.context);
  // Frozen, as every state's objects are after the command that made them: each scenario's store
  // then takes the images as they are, and a later change copies what it changes (immer), where
  // a deep copy per `# images:` line was made and then frozen again, object by object, at the end
  // of every scenario's first state.
  const result = freeze(text !== undefined ? (decodeGraph(text) as StandIn) : buildStandIn(profile, entry), true);
  standIns.set(key, result);
  return result;
}

/**
 * Build a catalog image in a fresh engine of the profile (its own ID seed, so nothing it numbers
 * collides with the scenario's). Exported for the test of its text form.
 */
export function buildStandIn(profile: EngineProfile, entry: CatalogEntry): StandIn {
  // on the oracle's busybox:latest, as the oracle builds the same context (catalog/README.md)
  const st = initialState({ engine: profile.name, seed: `catalog:${entry.context}`, clock: ORACLE_CLOCK, oracleBase: true });
  const before = { images: new Set(tableKeys(st.images)), layers: new Set(tableKeys(st.layers)) };
  const r = build(st, profile, { dockerfile: dockerfileOf(entry), context: { fs: memoryFs(contextTree(entry)), dir: '/' } }, []);
  // The catalog is part of strata: a context that does not build is strata's bug, not the user's.
  if (!r.ok) throw new Error(`catalog image ${entry.repository}:${entry.tag} does not build on ${profile.name}: ${r.error}`);
  const result: StandIn = {
    imageId: r.imageId,
    images: tablePeekValues(st.images).filter((i) => !before.images.has(i.id)),
    layers: tablePeekValues(st.layers).filter((l) => !before.layers.has(l.id)),
    buildCache: st.buildCache ?? [],
  };
  return result;
}

/**
 * Put a stand-in's images and layers into the store (the memoized images and layers, frozen: a
 * later reducer changes an image through its draft, which copies what it changes) and tag it.
 *
 * `built`: as the recorder makes the images of a `# images:` line, with `docker build -q -t`, so
 * everything that build leaves is there too: the legacy builder's intermediate images (the parents
 * `docker images -a` lists) and BuildKit's cache records (`docker system df`). A pull leaves
 * neither: a pulled image has no parent (moby image/image.go: Parent is set only by a local build
 * or commit; a pulled config has none, so `docker history` shows `<missing>` below the top) and
 * nothing enters the build cache; only its layers and the image itself are stored.
 *
 * In a normal install (no `busyboxStandIns`) an image of a `# images:` line was pulled earlier,
 * as the header says, and a pulled image is the real one: its ID and Created (image/real.ts).
 * Returns the image's ID.
 */
function addStandIn(st: EngineState, s: StandIn, entry: CatalogEntry, built: boolean): string {
  const top = s.images.find((im) => im.id === s.imageId)!;
  const images = built ? s.images : [{ ...top, parent: '' }];
  storeLayers(st, s, built ? s.layers : s.layers.filter((l) => top.layers.includes(l.id)));
  if (st.busyboxStandIns !== true && entry !== BASE_ENTRY) {
    // A normal install: the real image's ID and Created (image/real.ts); the stand-in's layers
    // are what its containers run on. (busybox:latest is strata's base image on every engine,
    // the oracle's own: it stays as it is.) A shallow copy: what it shares is frozen.
    const facts = realFacts(entry);
    registerReal(st, top.layers[top.layers.length - 1], facts);
    const id = facts.id ?? s.imageId;
    const image: Image = { ...top, id, parent: '', created: facts.created ?? top.created, registryLayers: [...entry.registry.layers] };
    if (!tablePeek(st.images, id) || tablePeek(st.images, id)!.removed) tableSet(st.images, id, image);
    st.tags[`${entry.repository}:${entry.tag}`] = id;
    return id;
  }
  // (the top image is a copy, given its registry layers below; the others go in as they are)
  for (const im of images) if (!tablePeek(st.images, im.id) || tablePeek(st.images, im.id)!.removed) tableSet(st.images, im.id, im.id === s.imageId ? { ...im } : im);
  if (built && s.buildCache.length > 0) {
    const have = new Set((st.buildCache ?? []).map((r) => r.id));
    st.buildCache = [...(st.buildCache ?? []), ...s.buildCache.filter((r) => !have.has(r.id)).map((r) => ({ ...r }))];
  }
  tableGet(st.images, s.imageId)!.registryLayers = [...entry.registry.layers];
  st.tags[`${entry.repository}:${entry.tag}`] = s.imageId;
  return s.imageId;
}

/** The ID a catalog image has in this engine: its real image's in a normal install (image/real.ts). */
function pulledId(st: EngineState, s: StandIn, entry: CatalogEntry): string {
  return st.busyboxStandIns !== true && entry !== BASE_ENTRY ? (realFacts(entry).id ?? s.imageId) : s.imageId;
}

/**
 * Put a stand-in's layers into the store, and the base layer under them when it is not there:
 * a stand-in lists only the layers its build made, and `docker rmi busybox` (with no other image
 * on it) removed the base layer its chain starts with.
 */
function storeLayers(st: EngineState, s: StandIn, layers: readonly Layer[]): void {
  const base = busyboxLayer();
  if (s.images.find((im) => im.id === s.imageId)!.layers.includes(base.id)) tableSetDefault(st.layers, base.id, base);
  for (const l of layers) tableSetDefault(st.layers, l.id, l);
}

/**
 * `# images:` header lines: images that exist before the first command, as if pulled earlier.
 * The recorder builds them with `docker build -q -t REF` (no RepoDigests), and so does strata
 * with `busyboxStandIns`; a normal install has the pulled image (addStandIn).
 * Returns the references the catalog does not have.
 */
export function loadStandIns(st: EngineState, profile: EngineProfile, refs: string[]): string[] {
  const missing: string[] = [];
  for (const ref of refs) {
    const entry = catalogEntry(ref);
    if (!entry) missing.push(ref);
    else {
      const id = addStandIn(st, standIn(usesOracleBase(st), profile, entry), entry, true);
      if (st.busyboxStandIns !== true) st.digests = { ...(st.digests ?? {}), [`${entry.repository}@${entry.registry.digest}`]: id };
    }
  }
  return missing;
}

/** Whether the chain of registry layers up to and including `n` exists locally (xfer/download.go). */
function chainExists(st: EngineState, layers: string[], n: number): boolean {
  return tablePeekValues(st.images).some((im) => !im.removed && im.registryLayers !== undefined && im.registryLayers.length > n && layers.slice(0, n + 1).every((l, i) => im.registryLayers![i] === l));
}

/**
 * A reference no stand-in answers for is refused unless strata knows the registry has nothing
 * there. Docker Hub's library namespace holds only the official images (catalog/official.ts), so
 * a bare name outside them (`my_image`: a tutorial's own image, not built yet) does not exist,
 * and the registry's answer below is what a user sees. Anything else may well exist (another tag
 * of an official image, `golang`, `docker/getting-started`, another registry's image):
 * answering that it does not would be a wrong answer.
 */
function refuseUnknowable(ref: string): void {
  const familiar = familiarRef(ref);
  const { repository } = splitRef(ref);
  const tags = catalogTags(ref);
  if (tags.length > 0 || isOfficialRepository(repository)) {
    const have = tags.length > 0 ? `strata's catalog has only ${tags.join(', ')}` : `strata's catalog has no stand-in of it`;
    throw new NotSimulated(`strata does not simulate pulling ${familiar}: Docker Hub has the official image ${repository}, but ${have} (catalog/README.md says how to add one)`);
  }
  if (repository.includes('/')) throw new NotSimulated(`strata does not simulate pulling ${familiar}: its catalog has stand-ins of official images only (catalog/README.md)`);
}

/** The registry's answer for a bare name outside the library namespace (distribution/errors.go notFoundError). */
function notFound(ref: string): string {
  const { repository } = splitRef(ref);
  return `pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
}

/** POST /images/create: pull `ref` (a tag; `latest` when none) from the catalog. */
export function pullImage(st: EngineState, profile: EngineProfile, ref: string, events: EngineEvent[]): PullResult {
  const entry = catalogEntry(ref);
  if (!entry) {
    refuseUnknowable(ref);
    events.push({ type: 'image-not-in-catalog', ref: familiarRef(ref) });
    return { ok: false, messages: [], error: notFound(ref) };
  }
  const tagged = `${entry.repository}:${entry.tag}`;
  const s = standIn(usesOracleBase(st), profile, entry);
  const messages: PullMessage[] = [{ id: entry.tag, status: `Pulling from library/${entry.repository}` }];
  const id = pulledId(st, s, entry);
  const present = tablePeek(st.images, id) !== undefined && !tablePeek(st.images, id)!.removed;
  if (!present) {
    // Layers already in the store are a prefix of the chain; the first missing one and all
    // after it are downloaded (xfer/download.go: the check stops at the first missing layer).
    const layers = entry.registry.layers;
    let have = 0;
    while (have < layers.length && chainExists(st, layers, have)) have++;
    const short = (d: string): string => d.slice('sha256:'.length, 'sha256:'.length + 12);
    const missing = layers.slice(have).map(short);
    for (const l of layers.slice(0, have)) messages.push({ id: short(l), status: 'Already exists', layer: true });
    for (const id of missing) messages.push({ id, status: 'Pulling fs layer', layer: true });
    for (const id of missing.slice(MAX_CONCURRENT_DOWNLOADS)) messages.push({ id, status: 'Waiting', layer: true });
    for (const id of missing) messages.push({ id, status: 'Verifying Checksum', layer: true }, { id, status: 'Download complete', layer: true });
    for (const id of missing) messages.push({ id, status: 'Pull complete', layer: true });
  }
  // A tag that pointed at another image (one built here) is moved: the pull downloaded "newer".
  const downloaded = !present || st.tags[tagged] !== id;
  addStandIn(st, s, entry, false);
  const digestRef = `${entry.repository}@${entry.registry.digest}`;
  st.digests = { ...(st.digests ?? {}), [digestRef]: id };
  messages.push({ status: `Digest: ${entry.registry.digest}` });
  messages.push({ status: downloaded ? `Status: Downloaded newer image for ${tagged}` : `Status: Image is up to date for ${tagged}` });
  events.push({ type: 'image-pulled', image: id, ref: tagged });
  return { ok: true, messages, imageId: id, downloaded };
}

/** A catalog image's config as its stand-in has it (built on demand, memoized). */
export function standInConfig(profile: EngineProfile, entry: CatalogEntry): Image['config'] {
  const s = standIn(false, profile, entry);
  return s.images.find((i) => i.id === s.imageId)!.config;
}

/**
 * A build's base image that is not in the store (`FROM postgres:16`), as each builder gets it.
 * The legacy builder pulls it into the image store like `docker pull` (the pull's lines go to
 * the build log); BuildKit resolves it into its own content store, so `docker images` does not
 * list it afterwards. An image no catalog has fails with each builder's registry error.
 */
export function buildBaseImage(st: EngineState, profile: EngineProfile, ref: string, events: EngineEvent[]): { ok: true; image: Image; log: string } | { ok: false; error: string } {
  const entry = catalogEntry(ref);
  const familiar = familiarRef(ref);
  if (!entry) {
    refuseUnknowable(ref);
    events.push({ type: 'image-not-in-catalog', ref: familiar });
    if (profile.builder === 'legacy') return { ok: false, error: notFound(ref) };
    // buildkit/util/resolver: the registry's 401 for a repository it does not have.
    const qualified = qualifiedRef(ref);
    return {
      ok: false,
      error: `failed to solve: ${ref}: failed to resolve source metadata for ${qualified}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (profile.builder === 'legacy') {
    const r = pullImage(st, profile, ref, events);
    if (!r.ok) return { ok: false, error: r.error };
    return { ok: true, image: tablePeek(st.images, r.imageId)!, log: formatPullMessages(r.messages) };
  }
  const s = standIn(usesOracleBase(st), profile, entry);
  storeLayers(st, s, s.layers);
  // (the memoized image, frozen: both builders copy what they take of it)
  const base = s.images.find((i) => i.id === s.imageId)!;
  // what is built on it holds the real image's layers (image/real.ts: its size, its history)
  if (entry !== BASE_ENTRY) registerReal(st, base.layers[base.layers.length - 1], realFacts(entry));
  return { ok: true, image: base, log: '' };
}

/**
 * What jsonmessage.DisplayJSONMessagesStream prints for the messages (moby pkg/jsonmessage). Not
 * on a terminal, a line for each. On a terminal (a Markdown page's session), a line for each
 * layer, rewritten in place as its status changes: a new layer's line is opened with "\n", the
 * cursor goes up to the layer's line (ESC [ N A), Display clears it (ESC [ 1 K, ESC [ K), writes
 * "\r", "ID: STATUS " and the progress bar (none without sizes) and "\r", and the cursor goes back
 * down (ESC [ N B); a message that is no layer's forgets the layers' lines. The terminal then shows
 * each layer's last status, with the space before the (empty) progress bar.
 */
export function formatPullMessages(messages: PullMessage[], terminal = false): string {
  const plain = (m: PullMessage): string => (m.id !== undefined ? `${m.id}: ${m.status}\n` : `${m.status}\n`);
  if (!terminal) return messages.map(plain).join('');
  let out = '';
  let lines = new Map<string, number>();
  for (const m of messages) {
    if (!m.layer || m.id === undefined) {
      lines = new Map();
      out += plain(m);
      continue;
    }
    let line = lines.get(m.id);
    if (line === undefined) {
      line = lines.size;
      lines.set(m.id, line);
      out += '\n';
    }
    const diff = lines.size - line;
    out += `\x1b[${diff}A\x1b[1K\x1b[K\r${m.id}: ${m.status} \r\x1b[${diff}B`;
  }
  return out;
}

/** The fully qualified reference `docker pull` prints last (reference.ParseNormalizedNamed). */
export function qualifiedRef(ref: string): string {
  const { repository, tag } = splitRef(ref);
  const path = repository.includes('/') ? repository : `library/${repository}`;
  return `docker.io/${path}:${tag}`;
}
