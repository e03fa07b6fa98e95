// The mutation results kept in the repository (mutation/<dir>.json.gz), so that a fresh checkout
// runs Stryker incrementally instead of from nothing (a whole run is many hours on 2 cores).
//
// A stored file is Stryker's own incremental report (the mutation-testing-report-schema JSON it
// writes to reports/stryker-incremental-<dir>.json), made smaller in one way that changes none of
// Stryker's reuse decisions (@stryker-mutator/core, src/mutants/incremental-differ.ts,
// mutantCanBeReused): a killed mutant is reused when one of its killing tests still covers it
// unchanged, whatever else covered it, so its `coveredBy` list is cut to its `killedBy` tests (the
// corpora cover nearly every line, so that list named thousands of tests per mutant). A mutant
// that was not killed (survived, timeout, no coverage) keeps its whole `coveredBy`: Stryker tests
// it again when a covering test is new, and needs the old list to know which are. Everything
// else is kept as written: the sources of the mutated files and of the test files (Stryker diffs
// them to find the mutants and tests whose text changed), the mutants' locations, mutators,
// statuses and reasons, and the tests' names and locations.
import { gunzipSync, gzipSync } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';

export const DIRS = ['engine', 'volume', 'union', 'fs', 'container', 'image'];
export const storedFile = (dir) => `mutation/${dir}.json.gz`;
export const incrementalFile = (dir) => `reports/stryker-incremental-${dir}.json`;

// The run's context, beside Stryker's report (Stryker ignores fields it does not know; they are
// removed again before it reads the file anyway).
export function compact(report, meta) {
  const files = {};
  for (const [name, file] of Object.entries(report.files)) {
    files[name] = {
      ...file,
      mutants: file.mutants.map((m) => (m.status === 'Killed' && m.killedBy !== undefined ? { ...m, coveredBy: m.killedBy } : m)),
    };
  }
  return { ...report, files, strata: meta };
}

export function save(dir, report, meta) {
  mkdirSync('mutation', { recursive: true });
  // level 9 and no indentation: the stored form is for Stryker and the table, not for reading
  writeFileSync(storedFile(dir), gzipSync(JSON.stringify(compact(report, meta)), { level: 9 }));
}

export function load(dir) {
  if (!existsSync(storedFile(dir))) return undefined;
  return JSON.parse(gunzipSync(readFileSync(storedFile(dir))).toString('utf8'));
}

// Writes the stored results where Stryker reads them; false when nothing is stored for dir.
export function restore(dir) {
  const stored = load(dir);
  if (stored === undefined) return false;
  const { strata: _meta, ...report } = stored;
  mkdirSync('reports', { recursive: true });
  writeFileSync(incrementalFile(dir), JSON.stringify(report));
  return true;
}
