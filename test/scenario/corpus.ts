// Locating the recorded corpora for the scenario tests: `test/conformance/**` in the repository
// first (the project copies the corpora there), else `../shared/conformance*` next to the repo.
// Tests skip when neither exists.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandPaths } from '../../src/cli/files.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function scenariosUnder(dirs: string[]): string[] {
  return expandPaths(dirs.filter((d) => fs.existsSync(d) && fs.statSync(d).isDirectory())).sort();
}

/** Every corpus `.scenario` file (absolute paths), [] when no corpus is present. */
export function corpusFiles(): string[] {
  const local = scenariosUnder([path.join(REPO_ROOT, 'test/conformance')]);
  if (local.length > 0) return local;
  const shared = path.resolve(REPO_ROOT, '../shared');
  return scenariosUnder([path.join(shared, 'conformance'), path.join(shared, 'conformance-26.1')]);
}

/** The recorder, when available (for differential tests against the real implementation). */
export const RECORDER_PATH = path.resolve(REPO_ROOT, '../shared/oracle/record.mjs');

export const relative = (file: string): string => path.relative(REPO_ROOT, file);
