// `npm run test:mutation`: the six mutated folders in sequence, each an incremental Stryker run
// on the whole suite that starts from the results kept in the repository (mutation/<dir>.json.gz,
// scripts/mutation-store.mjs) and saves them back when it ends, then a table of Stryker's counts
// and scores per folder, read from those results.
//
//   npm run test:mutation                          # every folder, smallest first
//   npm run test:mutation -- engine volume          # some folders
//   npm run test:mutation -- volume --force         # test every mutant again (Stryker's --force)
//   npm run test:mutation -- --table                # only the table of what is stored
//   npm run test:mutation -- --concurrency 1 --timeout 10000   # passed on to mutation-dir.mjs
//
// Resumable by folder: Stryker writes its results only when a run ends, so each folder's run is
// saved as soon as it ends, and an interrupted run loses that folder's run only. A folder whose
// run fails (a red dry run, a crash) keeps what was stored before and stops the sequence.
//
// What Stryker sees and what it does not (its incremental differ, @stryker-mutator/core
// src/mutants/incremental-differ.ts): it diffs the text of each mutated file and of each test
// file against the stored sources, and tests again a mutant whose own text changed, a killed
// mutant whose killing tests changed or no longer cover it, and a surviving one (or a timeout, or
// one without coverage) that a new or changed test now covers. It does not see anything else: the
// other folders of src/, test helpers and data (test/recorded/, scenarios/), the configuration.
// The table lists, per folder, which of those inputs changed since its results (digests stored
// with them); after such a change, `--force` that folder for a figure to trust.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { calculateMetrics } from 'mutation-testing-metrics';
import { DIRS, incrementalFile, load, restore, save } from './mutation-store.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    force: { type: 'boolean', default: false },
    table: { type: 'boolean', default: false },
    // part of one folder (mutation-dir.mjs's globs), run against that folder's stored results:
    // Stryker carries the results of the folder's other files over unchanged (its differ keeps an
    // old mutant outside the mutated files), so a folder too big for one sitting is measured in
    // parts, each saved when it ends
    only: { type: 'string' },
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
  },
});
const unknown = positionals.filter((d) => !DIRS.includes(d));
if (unknown.length > 0) {
  process.stderr.write(`usage: npm run test:mutation -- [DIR...] [--force] [--table] [--concurrency N] [--timeout MS]\nDIR is one of ${DIRS.join(', ')}; not: ${unknown.join(', ')}\n`);
  process.exit(2);
}
const dirs = positionals.length > 0 ? DIRS.filter((d) => positionals.includes(d)) : DIRS;
if (values.only !== undefined && (dirs.length !== 1 || values.force)) {
  process.stderr.write('--only names files of one folder, without --force (that would forget the folder\'s other results)\n');
  process.exit(2);
}

const git = (...args) => spawnSync('git', args, { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout ?? '';

// The inputs of a folder's run that Stryker's differ cannot see, each summed up in one digest of
// its files' contents as they are in the working tree (git's blob ids, the modified files hashed
// again): every other folder of src/, the test files' helpers and data, the scenarios and catalog,
// the configuration.
function unseenInputs(dir) {
  const groups = {};
  const modified = new Set(git('ls-files', '-m', '-z').split('\0').filter(Boolean));
  for (const line of git('ls-files', '-s', '-z').split('\0')) {
    const m = /^\d+ ([0-9a-f]+) \d\t(.*)$/s.exec(line);
    if (m === null) continue;
    const [, blob, path] = m;
    const group = groupOf(dir, path);
    if (group === undefined) continue;
    const id = modified.has(path) && existsSync(path) ? git('hash-object', '--', path).trim() : blob;
    (groups[group] ??= createHash('sha1')).update(`${path}\0${id}\n`);
  }
  return Object.fromEntries(Object.entries(groups).map(([g, h]) => [g, h.digest('hex')]).sort());
}
const sha1 = (data) => createHash('sha1').update(data).digest('hex');
const folderFiles = (dir) => git('ls-files', '--', `src/${dir}`).split('\n').filter((f) => f.endsWith('.ts') && existsSync(f));
function groupOf(dir, path) {
  if (path.startsWith(`src/${dir}/`) || /\.test\.ts$/.test(path)) return undefined; // seen
  if (path.startsWith('src/')) return path.split('/').slice(0, 2).join('/');
  if (path.startsWith('test/recorded/')) return 'test/recorded';
  if (path.startsWith('test/')) return 'test (helpers, data)';
  if (path.startsWith('scenarios/')) return 'scenarios';
  if (path.startsWith('catalog/')) return 'catalog';
  if (/^(package(-lock)?\.json|stryker\.config\.json|vitest(\.stryker)?\.config\.ts|tsconfig\.json)$/.test(path)) return 'configuration';
  return undefined;
}

let failed;
if (!values.table) {
  for (const dir of dirs) {
    const restored = !values.force && restore(dir);
    process.stdout.write(`\n== src/${dir}: ${values.force ? 'every mutant (--force)' : restored ? 'incremental, from mutation/' + dir + '.json.gz' : 'nothing stored: every mutant'}\n`);
    const meta = {
      startedAt: new Date().toISOString(),
      commit: git('rev-parse', 'HEAD').trim(),
      dirty: git('status', '--porcelain', '--untracked-files=no').trim() !== '',
      unseen: unseenInputs(dir),
    };
    const before = existsSync(incrementalFile(dir)) ? statSync(incrementalFile(dir)).mtimeMs : 0;
    const args = ['scripts/mutation-dir.mjs', dir, '--suite', 'full'];
    if (values.concurrency !== undefined) args.push('--concurrency', values.concurrency);
    if (values.timeout !== undefined) args.push('--timeout', values.timeout);
    if (values.force) args.push('--force');
    if (values.only !== undefined) args.push('--only', values.only, '--name', dir);
    const t0 = Date.now();
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    const fresh = existsSync(incrementalFile(dir)) && statSync(incrementalFile(dir)).mtimeMs > before;
    if (run.status !== 0 || !fresh) {
      failed = dir;
      process.stdout.write(`\nsrc/${dir}: the run failed (exit ${run.status ?? run.signal}); its stored results are unchanged, and the folders after it were not run.\n`);
      break;
    }
    const report = JSON.parse(readFileSync(incrementalFile(dir), 'utf8'));
    // the folder's files that gave no mutant (types only, or left out), so that the table can from one of these
    // tell a new file from one of these (after a part, --only, what the folder's last whole run found)
    const previous = values.only === undefined ? undefined : (load(dir)?.strata?.withoutMutants ?? {});
    meta.withoutMutants = Object.fromEntries(
      folderFiles(dir)
        .filter((f) => !(f in report.files) && (previous === undefined || f in previous))
        .map((f) => [f, sha1(readFileSync(f))]),
    );
    save(dir, report, { ...meta, ...(values.only === undefined ? {} : { only: values.only }), minutes: Math.round((Date.now() - t0) / 600) / 100 });
    process.stdout.write(`src/${dir}: results saved to mutation/${dir}.json.gz (commit it to keep them)\n`);
  }
}

// The table: Stryker's counts (mutation-testing-metrics, the package its clear-text and JSON
// reporters compute them with) from the stored results of each folder.
const pct = (x) => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(2)} %`);
const rows = [['folder', 'mutants', 'killed', 'timeout', 'survived', 'no cov', 'ignored', 'score', 'measured', 'files', 'to test: changed or new files', 'unseen by Stryker: changed since']];
for (const dir of DIRS) {
  const stored = load(dir);
  if (stored === undefined) {
    rows.push([`src/${dir}`, '', '', '', '', '', '', 'not measured', '', `0/${folderFiles(dir).length}`, '', '']);
    continue;
  }
  const m = calculateMetrics(stored.files).metrics;
  const meta = stored.strata ?? {};
  const now = unseenInputs(dir);
  // what Stryker will see and test again at the next run: mutated files and test files whose
  // text differs from the stored sources (or that are new, or gone)
  const seen = [];
  const sources = [...Object.entries(stored.files), ...Object.entries(stored.testFiles ?? {})];
  for (const [name, file] of sources) {
    const now = existsSync(name) ? readFileSync(name, 'utf8') : undefined;
    if (file.source !== undefined && now !== file.source) seen.push(name);
  }
  // and the folder's files not measured yet (new, or outside the parts run so far)
  for (const name of folderFiles(dir)) {
    if (!(name in stored.files) && meta.withoutMutants?.[name] !== sha1(readFileSync(name))) seen.push(name);
  }
  const changed = Object.keys({ ...now, ...(meta.unseen ?? {}) }).filter((g) => now[g] !== meta.unseen?.[g]);
  rows.push([
    `src/${dir}`,
    String(m.totalMutants),
    String(m.killed),
    String(m.timeout),
    String(m.survived),
    String(m.noCoverage),
    String(m.ignored),
    pct(m.mutationScore),
    `${(meta.startedAt ?? '').slice(0, 16).replace('T', ' ')} ${(meta.commit ?? '').slice(0, 8)}${meta.dirty ? '+' : ''}`,
    `${Object.keys(stored.files).length + Object.keys(meta.withoutMutants ?? {}).length}/${folderFiles(dir).length}`,
    String(seen.length),
    changed.length === 0 ? '—' : changed.join(', '),
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
process.stdout.write('\n' + rows.map((r) => r.map((c, i) => (i > 0 && i < 8 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n');
process.stdout.write('score = (killed + timeout) / (killed + timeout + survived + no cov), as Stryker computes it; "measured": when the run started, at which commit (+: with uncommitted changes); "files": the folder\'s files measured (or without mutants), of all\n');
process.exit(failed === undefined ? 0 : 1);
