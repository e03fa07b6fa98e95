// The catalog of stand-in images (catalog/README.md): which images a "registry" holds, and the
// build context of each as a file tree the builder can read. The data is embedded
// (contexts.generated.ts) so that the engine never reads a real file.

import { toBytes } from '../../fs/bytes.ts';
import { dir, entryToChange, file, setEntry, type DirNode } from '../../fs/node.ts';
import { BASE_IMAGE_REF, BASE_MTIME, BASE_REGISTRY } from '../base.ts';
import { normalizeRef } from '../store.ts';
import { catalogData } from './contexts.generated.ts';
import type { CatalogEntry } from './types.ts';
import { registerMemo } from '../../engine/memos.ts';

export type { CatalogEntry } from './types.ts';

/** The familiar `repository:tag` of a reference (the daemon's normalization). */
export const familiarRef = normalizeRef;

/** `repository` and `tag` of a familiar `repository:tag`. */
export function splitRef(ref: string): { repository: string; tag: string } {
  const f = familiarRef(ref);
  const colon = f.lastIndexOf(':');
  return { repository: f.slice(0, colon), tag: f.slice(colon + 1) };
}

let byRef: Map<string, CatalogEntry> | undefined;
registerMemo(() => (byRef = undefined));

function index(): Map<string, CatalogEntry> {
  byRef ??= new Map(catalogData().images.map((e) => [`${e.repository}:${e.tag}`, e]));
  return byRef;
}

/**
 * The base image as the registry holds it (`busybox:latest`): no context to build, the image
 * every engine starts with (src/image/base.ts). Not among catalogEntries(), which are built.
 */
export const BASE_ENTRY: CatalogEntry = { repository: 'busybox', tag: 'latest', context: '', files: [], registry: BASE_REGISTRY };

/** The catalog entry a reference names, if the catalog has it (the base image included). */
export function catalogEntry(ref: string): CatalogEntry | undefined {
  const familiar = familiarRef(ref);
  return index().get(familiar) ?? (familiar === BASE_IMAGE_REF ? BASE_ENTRY : undefined);
}

/** The catalog's tags of the reference's repository (`busybox`'s base image included). */
export function catalogTags(ref: string): string[] {
  const { repository } = splitRef(ref);
  const tags = catalogData()
    .images.filter((e) => e.repository === repository)
    .map((e) => `${repository}:${e.tag}`);
  return repository === BASE_ENTRY.repository ? [BASE_IMAGE_REF, ...tags] : tags;
}

/** Every catalog image, by repository then tag. */
export function catalogEntries(): readonly CatalogEntry[] {
  return catalogData().images;
}

/**
 * The entry's build context as a directory tree (files as the catalog's checkout has them:
 * owned by root, mtime fixed since a checkout's times mean nothing).
 */
export function contextTree(entry: CatalogEntry): DirNode {
  const root = dir({ mtime: BASE_MTIME });
  for (const f of entry.files) {
    const parts = f.path.split('/');
    let cur = root;
    for (const part of parts.slice(0, -1)) {
      const next = entryToChange(cur, part);
      if (next && next.kind === 'dir') cur = next;
      else {
        const d = dir({ mtime: BASE_MTIME });
        setEntry(cur, part, d);
        cur = d;
      }
    }
    setEntry(cur, parts[parts.length - 1], file(toBytes(catalogData().blobs[f.blob]), { mode: f.mode, mtime: BASE_MTIME }));
  }
  return root;
}

/** The Dockerfile text of an entry. */
export function dockerfileOf(entry: CatalogEntry): string {
  const f = entry.files.find((x) => x.path === 'Dockerfile');
  return f ? catalogData().blobs[f.blob] : '';
}

