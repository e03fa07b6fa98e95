// The catalog of stand-in images (catalog/README.md): which images a "registry" holds, and the
// build context of each as a file tree the builder can read. The data is embedded
// (contexts.generated.ts) so that the engine never reads a real file.

import { toBytes } from '../../fs/bytes.ts';
import { dir, entryToChange, file, setEntry, type DirNode } from '../../fs/node.ts';
import { BASE_MTIME } from '../base.ts';
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

/** The catalog entry a reference names, if the catalog has it. */
export function catalogEntry(ref: string): CatalogEntry | undefined {
  return index().get(familiarRef(ref));
}

/** Whether any tag of the reference's repository is in the catalog. */
export function catalogHasRepository(ref: string): boolean {
  const { repository } = splitRef(ref);
  return catalogData().images.some((e) => e.repository === repository);
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
