// In the bundled CLI only, this module takes the place of src/image/catalog/contexts.generated.ts
// (scripts/build.mjs): the same catalog, read from dist/ when first needed instead of carried in
// the bundle as a 550 KB string. Every start read, compiled and loaded from the code cache that
// string, `strata --help` too; most runs never look at the catalog, and the ones that pull an
// image read its images once (dist/catalog.json, 60 KB). The texts of the build contexts
// (dist/catalog-blobs.json, 450 KB) are read only when a stand-in is built in the process: the
// build made every one already (src/cli/stand-ins.ts).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogData } from '../image/catalog/types.ts';

let data: CatalogData | undefined;

/** The catalog, read and parsed once (its blobs when first asked for). */
export function catalogData(): CatalogData {
  if (data) return data;
  const dir = dirname(fileURLToPath(import.meta.url));
  // ASCII (scripts/build.mjs escapes the rest), so latin1 reads it as utf8 would, for less
  const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'latin1'));
  const { images } = read('catalog.json') as Pick<CatalogData, 'images'>;
  let blobs: string[] | undefined;
  data = {
    images,
    get blobs(): string[] {
      blobs ??= read('catalog-blobs.json') as string[];
      return blobs;
    },
  };
  return data;
}
