// In the bundled CLI only, this module takes the place of src/image/catalog/contexts.generated.ts
// (scripts/build.mjs): the same catalog, read from dist/catalog.json (which the build writes from
// that module) when first needed instead of carried in the bundle as a 550 KB string. Every
// start read, compiled and loaded from the code cache that string, `strata --help` too; most
// runs never look at the catalog, and the ones that pull an image read it once.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogData } from '../image/catalog/types.ts';

let data: CatalogData | undefined;

/** The catalog, read and parsed once. */
export function catalogData(): CatalogData {
  // ASCII (scripts/build.mjs escapes the rest), so latin1 reads it as utf8 would, for less
  data ??= JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'catalog.json'), 'latin1')) as CatalogData;
  return data;
}
