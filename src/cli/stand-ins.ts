// The catalog's stand-in images as `npm run build` built them (scripts/build.mjs writes
// dist/stand-ins/<engine>/<context>.json with the core's standInText), handed to the core so that
// a pull reads one file instead of building the image again in every process. Only the bundle
// uses them: bin/strata.js runs dist/ only when it is newer than every source file, so they are
// what the sources build; the sources run through tsx build every stand-in themselves.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBuiltPrograms } from '../image/catalog/data-dirs.ts';
import { useBuiltStandIns } from '../image/pull.ts';

/** The folder of built stand-ins beside the bundle in `dist`. */
export function useStandInsIn(dist: string): void {
  const dir = join(dist, 'stand-ins');
  useBuiltStandIns((engine, context) => {
    try {
      return readFileSync(join(dir, engine, `${context}.json`), 'utf8');
    } catch {
      // not built (an older dist/, a context added since): the core builds it
      return undefined;
    }
  });
  // the servers' own programs (src/image/catalog/data-dirs.ts programEntries), written by the build
  useBuiltPrograms(() => {
    try {
      return JSON.parse(readFileSync(join(dist, 'programs.json'), 'latin1')) as [string, string[]][];
    } catch {
      // not built (an older dist/): the core computes them from the catalog
      return undefined;
    }
  });
}
