// Image references: `name[:tag]` (tag defaults to latest), a full or short image ID, or
// `sha256:<id>`. Also the daemon's image store rules that several commands share: parent links
// (legacy builder steps and commits), what counts as dangling, and image deletion.

import { current, isDraft, produce, type Draft } from 'immer';
import type { EngineState, Image } from '../engine/state.ts';
import { containerList } from '../container/registry.ts';
import { tableDelete, tableGet, tablePeek, tablePeekValues } from '../engine/table.ts';
import { NotSimulated } from '../engine/not-simulated.ts';
import { realBase } from './real.ts';

/**
 * The familiar `repository:tag` of a reference, as the daemon normalizes it
 * (reference.ParseNormalizedNamed + FamiliarString): `docker.io/library/postgres` → `postgres:latest`.
 * References by digest (`name@sha256:...`) keep their digest.
 */
export function normalizeRef(ref: string): string {
  let name = ref;
  for (const prefix of ['docker.io/', 'index.docker.io/']) if (name.startsWith(prefix)) name = name.slice(prefix.length);
  if (name.startsWith('library/') && name.indexOf('/', 'library/'.length) < 0) name = name.slice('library/'.length);
  if (name.includes('@')) return name;
  const lastSlash = name.lastIndexOf('/');
  return name.indexOf(':', lastSlash + 1) >= 0 ? name : `${name}:latest`;
}

/** Images the daemon still lists (not the ones `rmi -f` deleted under a container). */
export function liveImages(st: EngineState): Image[] {
  return tablePeekValues(st.images).filter((i) => !i.removed);
}

/** The image a reference names; a 64-hex string or `sha256:` form is an ID, never a tag. */
export function findImage(st: EngineState, ref: string): Image | undefined {
  const tagged = ref.includes('@') ? st.digests?.[normalizeRef(ref)] : st.tags[normalizeRef(ref)];
  if (tagged && tablePeek(st.images, tagged) && !tablePeek(st.images, tagged)!.removed) return tablePeek(st.images, tagged);
  const hex = ref.startsWith('sha256:') ? ref.slice(7) : ref;
  if (/^[0-9a-f]{4,64}$/.test(hex)) {
    const matches = liveImages(st).filter((i) => i.id.startsWith(hex));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

/** `ref` names an image by its ID (moby isImageIDPrefix), not by a repository reference. */
export function isIdRef(image: Image, ref: string): boolean {
  return image.id.startsWith(ref.startsWith('sha256:') ? ref.slice(7) : ref);
}

/**
 * The daemon's "No such image" text: the reference with `:latest` added when it has no tag
 * (moby ErrImageDoesNotExist uses reference.TagNameOnly).
 */
export function noSuchImage(ref: string): string {
  return `No such image: ${ref.startsWith('sha256:') ? ref : normalizeRef(ref)}`;
}

/**
 * The full form of a stored (familiar) reference (distribution/reference splitDockerDomain): a
 * first component with `.` or `:`, `localhost` or an upper-case letter is a registry, anything
 * else is Docker Hub's, `library/` for a single component.
 */
export function fullName(ref: string): string {
  const slash = ref.indexOf('/');
  const first = ref.slice(0, Math.max(slash, 0));
  if (slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) return ref;
  return slash < 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
}

/**
 * The daemon's reference store lists an image's references by their full form (moby
 * reference/store.go References: sort.Sort(lexicalRefs), which compares ref.String()), so
 * `lib/x` comes before `busybox` (docker.io/lib/x < docker.io/library/busybox) and a registry's
 * `localhost:5000/x` after every Docker Hub name (recorded: image-layers/rmi-reference-rules).
 */
function byFullName(refs: string[]): string[] {
  return refs
    .map((r) => [fullName(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

/** Tags pointing at an image, in the reference store's order (RepoTags). */
export function tagsOf(st: EngineState, id: string): string[] {
  return byFullName(Object.entries(st.tags).filter(([, v]) => v === id).map(([k]) => k));
}

export function imageSize(st: EngineState, image: Image): number {
  return image.layers.reduce((sum, l) => sum + tablePeek(st.layers, l)!.size, 0);
}

/** Live images whose parent is `id`. */
export function childrenOf(st: EngineState, id: string): Image[] {
  return liveImages(st).filter((i) => i.parent === id);
}

/** Images that are the parent of another image (legacy intermediates). */
export function isIntermediate(st: EngineState, id: string): boolean {
  return tagsOf(st, id).length === 0 && childrenOf(st, id).length > 0;
}

/** moby imageIsDangling: no tag and no child image. */
export function isDangling(st: EngineState, id: string): boolean {
  return tagsOf(st, id).length === 0 && digestRefsOf(st, id).length === 0 && childrenOf(st, id).length === 0;
}

/**
 * The image ID of each history row, newest first (moby ImageHistory): the image itself, then its
 * parent chain; a row past the end of the chain (or past a deleted parent) is `<missing>`.
 */
export function historyIds(st: EngineState, image: Image): (string | undefined)[] {
  const ids: (string | undefined)[] = [];
  let cur: Image | undefined = image;
  for (let i = 0; i < image.history.length; i++) {
    ids.push(cur?.id);
    cur = cur && cur.parent ? tablePeek(st.images, cur.parent) : undefined;
    if (cur?.removed) cur = undefined;
  }
  return ids;
}

/** One line of `docker rmi` / `docker image prune` output. */
export type DeleteRecord = { untagged: string } | { deleted: string; layerSize?: number };

export class ImageDeleteError extends Error {}

/** A container that uses the image (running ones first, as the daemon checks them first). */
function user(st: EngineState, id: string, running: boolean | undefined): string | undefined {
  const c = containerList(st).find((x) => x.imageId === id && (running === undefined || (x.state.status === 'running' || x.unfollowed !== undefined) === running));
  return c?.id;
}

interface Conflict {
  message: string;
  hard: boolean;
  used: boolean;
}

const HARD = 1;
const SOFT_REF = 2;
const SOFT_STOPPED = 4;

/** moby checkImageDeleteConflict. */
function conflictOf(st: EngineState, id: string, mask: number): Conflict | undefined {
  if (mask & HARD && childrenOf(st, id).length > 0) return { message: 'image has dependent child images', hard: true, used: false };
  if (mask & HARD) {
    const c = user(st, id, true);
    if (c) return { message: `image is being used by running container ${c.slice(0, 12)}`, hard: true, used: true };
  }
  if (mask & SOFT_REF && tagsOf(st, id).length > 0) return { message: 'image is referenced in multiple repositories', hard: false, used: false };
  if (mask & SOFT_STOPPED) {
    const c = user(st, id, false);
    if (c) return { message: `image is being used by stopped container ${c.slice(0, 12)}`, hard: false, used: true };
  }
  return undefined;
}

function conflictText(id: string, c: Conflict): string {
  return `conflict: unable to delete ${id.slice(0, 12)} (${c.hard ? 'cannot be forced' : 'must be forced'}) - ${c.message}`;
}

/** Digest references (`name@sha256:...`) pointing at an image, in the store's order (RepoDigests). */
export function digestRefsOf(st: EngineState, id: string): string[] {
  return byFullName(Object.entries(st.digests ?? {}).filter(([, v]) => v === id).map(([k]) => k));
}

/** Every reference (tags and digests) to an image, in the reference store's order (moby References). */
function refsOf(st: EngineState, id: string): string[] {
  return byFullName([...tagsOf(st, id), ...digestRefsOf(st, id)]);
}

/** Drop one tag or digest reference and say so. */
function untagRef(st: EngineState, ref: string, records: DeleteRecord[]): void {
  if (ref.includes('@')) untagDigest(st, ref, records);
  else {
    delete st.tags[ref];
    records.push({ untagged: familiar(ref) });
  }
}

/** The repository part of a tag or digest reference. */
function repositoryOf(ref: string): string {
  const at = ref.indexOf('@');
  if (at >= 0) return ref.slice(0, at);
  return ref.slice(0, ref.lastIndexOf(':'));
}

function untagDigest(st: EngineState, ref: string, records: DeleteRecord[]): void {
  if (!st.digests || !(ref in st.digests)) return;
  const { [ref]: _gone, ...rest } = st.digests;
  st.digests = rest;
  records.push({ untagged: ref });
}

/**
 * moby isSingleReference: deleting by ID untags the image when it has at most one tag and all its
 * references (tags and digests) are in one repository.
 */
function isSingleReference(st: EngineState, id: string): boolean {
  const refs = refsOf(st, id);
  return tagsOf(st, id).length <= 1 && refs.length > 0 && refs.every((r) => repositoryOf(r) === repositoryOf(refs[0]));
}

/** The familiar form of a stored tag (`docker.io/library/` never appears: tags are kept short). */
function familiar(tag: string): string {
  return tag;
}

/**
 * moby ImageService.ImageDelete: untag and/or delete, then prune untagged parents. Throws
 * ImageDeleteError with the daemon's message. Layers no image or container holds any more are
 * freed and reported (`Deleted: <chain ID>`), except those BuildKit's cache still holds.
 */
export function deleteImage(st: EngineState, ref: string, force: boolean, prune: boolean): DeleteRecord[] {
  return refusedFirst(st, (s) => deleteImageIn(s, ref, force, prune));
}

/**
 * A deletion that may free a real image's layers runs on a copy of the store first: a refusal
 * (refuseFreeingReal) comes before the deletion has untagged or deleted anything, and a refused
 * command leaves the store as it was.
 */
function refusedFirst<T>(st: EngineState, del: (s: EngineState) => T): T {
  if (st.realImages === undefined) return del(st);
  produce(isDraft(st) ? (current(st as Draft<EngineState>) as EngineState) : st, (s) => void del(s as EngineState));
  return del(st);
}

function deleteImageIn(st: EngineState, ref: string, force: boolean, prune: boolean): DeleteRecord[] {
  const image = findImage(st, ref);
  if (!image) throw new ImageDeleteError(noSuchImage(ref));
  const records: DeleteRecord[] = [];
  const id = image.id;
  let quiet = false;
  if (!isIdRef(image, ref)) {
    // moby: `!force && isSingleReference(repoRefs)`, digests counted: a tag beside another
    // repository's digest can go while a container uses the image
    if (!force && isSingleReference(st, id)) {
      const c = user(st, id, undefined);
      if (c) {
        throw new ImageDeleteError(`conflict: unable to remove repository reference "${ref}" (must force) - container ${c.slice(0, 12)} is using its referenced image ${id.slice(0, 12)}`);
      }
    }
    const tag = normalizeRef(ref);
    if (tag.includes('@')) untagDigest(st, tag, records);
    else {
      delete st.tags[tag];
      records.push({ untagged: familiar(tag) });
      // The last tag of a repository takes the repository's digest references with it.
      if (!tagsOf(st, id).some((t) => repositoryOf(t) === repositoryOf(tag))) {
        for (const d of digestRefsOf(st, id)) if (repositoryOf(d) === repositoryOf(tag)) untagDigest(st, d, records);
      }
    }
    if (tagsOf(st, id).length > 0 || digestRefsOf(st, id).length > 0) return records;
    quiet = true;
  } else if (isSingleReference(st, id)) {
    const c = conflictOf(st, id, force ? HARD : HARD | SOFT_STOPPED);
    if (c) throw new ImageDeleteError(conflictText(id, c));
    for (const r of refsOf(st, id)) untagRef(st, r, records);
  }
  deleteHelper(st, id, records, force, prune, quiet);
  return records;
}

/** moby imageDeleteHelper. */
function deleteHelper(st: EngineState, id: string, records: DeleteRecord[], force: boolean, prune: boolean, quiet: boolean): void {
  const c = conflictOf(st, id, force ? HARD : HARD | SOFT_REF | SOFT_STOPPED);
  if (c) {
    // Pruning parents stops silently at the first one still in use.
    if (quiet && (!isDangling(st, id) || c.used)) return;
    throw new ImageDeleteError(conflictText(id, c));
  }
  const image = tableGet(st.images, id)!; // conflictOf found it
  for (const r of refsOf(st, id)) untagRef(st, r, records); // removeAllReferencesToImageID
  records.push({ deleted: `sha256:${id}` });
  if (user(st, id, undefined)) image.removed = true;
  else tableDelete(st.images, id);
  refuseFreeingReal(st, image);
  for (const l of freedLayers(st, image.layers)) records.push({ deleted: `sha256:${l.id}`, layerSize: l.size });
  if (!prune || !image.parent || !tablePeek(st.images, image.parent) || tablePeek(st.images, image.parent)!.removed) return;
  deleteHelper(st, image.parent, records, false, true, true);
}

/**
 * A normal install's pulled catalog image stands on its stand-in's layers (image/real.ts). When
 * deleting an image would free the real image's layers (no other image, and no container through
 * a deleted image, holds them any more), the daemon reports each freed layer by its chain ID
 * (moby daemon/images/image_delete.go imageDeleteHelper: a `Deleted` item per layer the image
 * store's Delete released, top first). A chain ID is the digest of the chain of the layers'
 * uncompressed digests (diff IDs, image/spec's ChainID), which docker-library/repo-info does not
 * give: printing only the image's line would be a short list, so the command is refused.
 * (`--busybox-stand-ins` registers no real image: there the recorder built the stand-ins, and
 * BuildKit's cache keeps their layers.)
 */
function refuseFreeingReal(st: EngineState, image: Image): void {
  if (image.removed === true) return;
  const real = realBase(st, image);
  if (real === undefined) return;
  const top = image.layers[real.index];
  if (tablePeekValues(st.images).some((i) => i.layers.includes(top))) return;
  const n = real.facts.layerCount;
  throw new NotSimulated(
    `strata does not simulate deleting the layers of the real ${real.facts.ref}: the daemon reports each layer it frees as \`Deleted: sha256:<chain ID>\`${n === undefined ? '' : ` (the image has ${n} layers)`}, and a chain ID comes from the layers' uncompressed digests (diff IDs), which docker-library/repo-info does not give (catalog/README.md)`,
  );
}

/**
 * Layers of a deleted image (top first) that nothing holds any more; they leave the store. A
 * normal install's real image (image/real.ts) stands on its stand-in's layers, its base image's
 * too (busybox:latest's), but the real image holds none of them: a layer only such an image
 * still stands on is freed as the daemon frees it (reported), and stays in strata's store for the
 * stand-in that needs it.
 */
function freedLayers(st: EngineState, layers: readonly string[]): { id: string; size: number }[] {
  const held = new Set<string>();
  const standsOn = new Set<string>();
  for (const i of tablePeekValues(st.images)) {
    const real = realBase(st, i);
    i.layers.forEach((l, n) => (real === undefined || n >= real.index ? held : standsOn).add(l));
  }
  const freed: { id: string; size: number }[] = [];
  for (const l of [...layers].reverse()) {
    if (held.has(l) || !tablePeek(st.layers, l) || tablePeek(st.layers, l)!.cached) break;
    freed.push({ id: l, size: tablePeek(st.layers, l)!.size });
    if (!standsOn.has(l)) tableDelete(st.layers, l);
  }
  return freed;
}

/**
 * moby ImagesPrune: untagged images nobody builds on (with `all`, every image no container
 * uses), each deleted like `docker rmi` without force; conflicts are skipped silently.
 */
export function pruneImages(st: EngineState, all: boolean, keep: (image: Image) => boolean): DeleteRecord[] {
  return refusedFirst(st, (s) => pruneImagesIn(s, all, keep));
}

function pruneImagesIn(st: EngineState, all: boolean, keep: (image: Image) => boolean): DeleteRecord[] {
  const records: DeleteRecord[] = [];
  const candidates = liveImages(st)
    .filter((i) => all || childrenOf(st, i.id).length === 0)
    .filter((i) => !(refsOf(st, i.id).length === 0 && childrenOf(st, i.id).length > 0))
    .filter(keep)
    .sort((a, b) => b.created - a.created);
  for (const image of candidates) {
    if (!tablePeek(st.images, image.id) || tablePeek(st.images, image.id)!.removed) continue;
    const tags = tagsOf(st, image.id);
    // Without --all only untagged images go (the daemon's map order: strata takes newest first).
    if (tags.length > 0 && !all) continue;
    // every reference, digests too (moby: ImageDelete(ref.String()) for each of References)
    const refs = refsOf(st, image.id);
    if (refs.length === 0) refs.push(image.id);
    for (const ref of refs) {
      try {
        records.push(...deleteImageIn(st, ref, false, true));
      } catch (e) {
        if (!(e instanceof ImageDeleteError)) throw e;
      }
    }
  }
  return records;
}
