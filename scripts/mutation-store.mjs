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
// statuses and reasons, and the tests' names and locations. A surviving mutant's `coveredBy` is
// stored as a bitmap over the test ids (Stryker's report numbers its tests 0, 1, 2, ...): one bit
// per test of the suite (~4,400: 555 bytes) where the list of a mutant the corpora cover was up to
// 30 KB; `restore` writes the list back, in increasing order (Stryker reads it as a set).
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
      mutants: file.mutants.map((m) => {
        if (m.status === 'Killed' && m.killedBy !== undefined) return { ...m, coveredBy: m.killedBy };
        const bits = toBits(m.coveredBy);
        if (bits === undefined) return m;
        const { coveredBy: _list, ...rest } = m;
        return { ...rest, coveredByBits: bits };
      }),
    };
  }
  return { ...report, files, strata: meta };
}

export function expand(stored) {
  const { strata: _meta, ...report } = stored;
  const files = {};
  for (const [name, file] of Object.entries(report.files)) {
    files[name] = {
      ...file,
      mutants: file.mutants.map(({ coveredByBits, ...m }) => (coveredByBits === undefined ? m : { ...m, coveredBy: fromBits(coveredByBits) })),
    };
  }
  return { ...report, files };
}

// base64 of a bitmap, bit i of byte i >> 3 set for test id i; undefined when a list is short
// (a bitmap would be longer) or an id is not a plain number
function toBits(ids) {
  if (ids === undefined || ids.length < 64 || !ids.every((id) => /^(0|[1-9]\d{0,6})$/.test(id))) return undefined;
  const bytes = new Uint8Array((Math.max(...ids.map(Number)) >> 3) + 1);
  for (const id of ids) bytes[Number(id) >> 3] |= 1 << (Number(id) & 7);
  return Buffer.from(bytes).toString('base64');
}
function fromBits(base64) {
  const ids = [];
  const bytes = Buffer.from(base64, 'base64');
  for (let i = 0; i < bytes.length * 8; i++) if (bytes[i >> 3] & (1 << (i & 7))) ids.push(String(i));
  return ids;
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
  mkdirSync('reports', { recursive: true });
  writeFileSync(incrementalFile(dir), JSON.stringify(expand(stored)));
  return true;
}
