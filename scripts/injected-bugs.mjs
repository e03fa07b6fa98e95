#!/usr/bin/env node
// Hand-injected bugs: the acceptance check "introducing any one of these bugs by hand makes the
// test suite fail", made reproducible. The tree under test (by default the working tree: tracked
// files plus untracked, non-ignored ones) is snapshotted once; for each bug below the snapshot is
// copied into a fresh temporary directory (node_modules is symlinked, not copied), one exact
// search/replace is applied to a file in src/, and the whole vitest suite is run there
// (`npx vitest run`, no tsc). A bug is *detected* when vitest exits non-zero and its summary
// reports at least one failed test (a test file that fails to load is not evidence).
//
// Each search text must occur exactly once in its file, otherwise the script stops before
// running anything: a refactor must update the edit here rather than make the check vacuous.
//
// Usage: node scripts/injected-bugs.mjs [--only a,c] [--ref REV] [--baseline] [--check] [--verbose]
//   (npm run test:injected-bugs -- ...)
//   --only a,c   run only these bugs
//   --ref REV    test a commit (git archive REV) instead of the working tree
//   --baseline   first run the unmodified snapshot; stop unless it is green
//   --check      only check that every edit applies (no test run)
//   --verbose    print the tail of every vitest run, not only of unexpected ones
// Exit status: 0 every bug detected, 1 some bug left the suite green, 2 the check could not be
// carried out (edit not applicable, red baseline, no failed test in a failing run).

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The bugs of the issue. `edits` are applied in order to `file`; each `search` must occur
 * exactly once in the file as it stands when that edit is applied.
 */
const BUGS = [
  {
    id: 'a',
    title: 'plain `docker rm` deletes anonymous volumes',
    file: 'src/container/remove.ts',
    // The RemoveVolume (-v) flag is ignored: anonymous volumes go with every removal.
    edits: [
      {
        search: `if (opts.removeVolumes && m.specSource === '' && !stillUsed) {`,
        replace: `if (m.specSource === '' && !stillUsed) {`,
      },
    ],
  },
  {
    id: 'b',
    title: 'copy-on-empty also copies into non-empty volumes',
    file: 'src/container/create.ts',
    // The isEmptyVolume check is dropped: only a subpath's directory is still checked for emptiness.
    edits: [
      {
        search: `if (m.subpath === undefined ? !isEmptyVolume(volume) : Object.keys(dest.entries).length > 0) continue;`,
        replace: `if (m.subpath !== undefined && Object.keys(dest.entries).length > 0) continue;`,
      },
    ],
  },
  {
    id: 'c',
    title: 'tmpfs survives restart',
    file: 'src/container/lifecycle.ts',
    // Start reuses the tmpfs trees of the previous run instead of fresh ones, and the end of the
    // main process no longer discards them (both resets must go, as each alone empties tmpfs).
    edits: [
      {
        search: `  c.tmpfsData = {};
  for (const m of c.mounts) {
    if (m.type !== 'tmpfs') continue;
    const settings = tmpfsSettings(m, PROFILES[st.engine]);
    if (typeof settings === 'string') continue; // refused below, when the namespace is built
    c.tmpfsData[m.destination] = dir(`,
        replace: `  for (const m of c.mounts) {
    if (m.type !== 'tmpfs') continue;
    const settings = tmpfsSettings(m, PROFILES[st.engine]);
    if (typeof settings === 'string') continue; // refused below, when the namespace is built
    c.tmpfsData[m.destination] ??= dir(`,
      },
      {
        search: `  const discarded = Object.keys(c.tmpfsData);
  c.tmpfsData = {};
`,
        replace: `  const discarded = Object.keys(c.tmpfsData);
`,
      },
    ],
  },
  {
    id: 'd',
    title: '`--volumes-from` carries tmpfs',
    file: 'src/container/create.ts',
    // --volumes-from copies every mount point of the source container, --tmpfs ones included.
    edits: [
      {
        search: `      if (m.origin === 'tmpfs-flag') continue;
`,
        replace: ``,
      },
    ],
  },
  {
    id: 'e',
    title: 'a whiteout is not honoured in the merged view',
    file: 'src/union/lookup.ts',
    // A whiteout is treated like a missing entry, so a lookup falls through to the lower layer's file.
    edits: [
      {
        search: `    if (child.kind === 'whiteout') return { kind: 'hidden' };`,
        replace: `    if (child.kind === 'whiteout') return { kind: 'absent', opaqueAbove };`,
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------

class SetupError extends Error {}

const USAGE = 'usage: node scripts/injected-bugs.mjs [--only a,c] [--ref REV] [--baseline] [--check] [--verbose]';

function parseArgs(argv) {
  const opts = { only: undefined, ref: undefined, baseline: false, check: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const eq = a.indexOf('=');
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (!v) throw new SetupError(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--baseline') opts.baseline = true;
    else if (a === '--check') opts.check = true;
    else if (a === '--only' || a.startsWith('--only=')) opts.only = value().split(',').filter(Boolean);
    else if (a === '--ref' || a.startsWith('--ref=')) opts.ref = value();
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new SetupError(`unknown argument: ${a}\n${USAGE}`);
  }
  if (opts.only) {
    const known = new Set(BUGS.map((b) => b.id));
    for (const id of opts.only) if (!known.has(id)) throw new SetupError(`unknown bug id: ${id}`);
  }
  return opts;
}

function countOccurrences(text, needle) {
  if (needle === '') return 0;
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

/** Apply a bug's edits to `text`; throws SetupError unless each search occurs exactly once. */
function applyEdits(bug, text) {
  for (const [i, { search, replace }] of bug.edits.entries()) {
    const n = countOccurrences(text, search);
    if (n !== 1) {
      throw new SetupError(
        `bug ${bug.id} (${bug.file}), edit ${i + 1}: the search text occurs ${n} times, expected exactly once:\n` +
          search.replace(/^/gm, '    | '),
      );
    }
    text = text.replace(search, () => replace);
  }
  return text;
}

/** Tracked files plus untracked, non-ignored ones, relative to ROOT (deleted files skipped). */
function workingTreeFiles() {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = [...new Set(out.split('\0').filter(Boolean))];
  return files.filter((f) => f !== 'node_modules' && !f.startsWith('node_modules/') && lstatOrUndefined(path.join(ROOT, f)));
}

function lstatOrUndefined(p) {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

/** size and mtime of every file: to notice a working tree that changes while it is copied. */
function fingerprint(files) {
  return files
    .map((f) => {
      const st = lstatOrUndefined(path.join(ROOT, f));
      return st ? `${f}\0${st.size}\0${st.mtimeMs}` : `${f}\0-`;
    })
    .join('\n');
}

function copyWorkingTree(files, dest) {
  for (const f of files) {
    const from = path.join(ROOT, f);
    const to = path.join(dest, f);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const st = lstatOrUndefined(from);
    if (st?.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else if (st?.isFile()) fs.copyFileSync(from, to);
  }
}

/**
 * The tree under test, copied once into `dest` so that every bug runs against the same files:
 * `git archive REV`, or the working tree (copied again if it changed meanwhile, e.g. while
 * someone edits it; refused after three attempts).
 */
function snapshot(ref, dest) {
  if (ref !== undefined) {
    let commit;
    try {
      commit = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      throw new SetupError(`--ref ${ref}: not a commit`);
    }
    const tar = execFileSync('git', ['archive', '--format=tar', commit], { cwd: ROOT, maxBuffer: 1024 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dest], { input: tar });
    return `${ref} (${commit.slice(0, 7)})`;
  }
  for (let attempt = 1; attempt <= 3; attempt++) {
    const files = workingTreeFiles();
    const before = fingerprint(files);
    copyWorkingTree(files, dest);
    if (fingerprint(workingTreeFiles()) === before) {
      const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=normal'], { cwd: ROOT, encoding: 'utf8' });
      const changed = dirty.split('\n').filter(Boolean).length;
      return `working tree (${files.length} files${changed > 0 ? `, ${changed} changed or untracked paths` : ', clean'})`;
    }
    process.stderr.write(`the working tree changed while it was copied (attempt ${attempt})\n`);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest);
  }
  throw new SetupError('the working tree keeps changing: cannot take a consistent snapshot (try --ref HEAD)');
}

/** A fresh copy of the snapshot with node_modules linked to the real one. */
function copySnapshot(snap, dest) {
  fs.cpSync(snap, dest, { recursive: true, verbatimSymlinks: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dest, 'node_modules'), 'dir');
}

const tempDirs = new Set();
let child;

function removeTemp(dir) {
  if (!tempDirs.has(dir)) return;
  tempDirs.delete(dir);
  // Unlink the node_modules symlink first, so nothing can ever reach the real one.
  try {
    fs.unlinkSync(path.join(dir, 'node_modules'));
  } catch {
    // not created yet
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function cleanupAll() {
  if (child && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  for (const dir of [...tempDirs]) removeTemp(dir);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanupAll();
    process.exit(130);
  });
}
process.on('exit', cleanupAll);

function runVitest(cwd) {
  return new Promise((resolve, reject) => {
    let output = '';
    // Own process group (detached), so an interrupt can stop vitest's workers too.
    child = spawn('npx', ['vitest', 'run', '--no-cache'], {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * vitest's summary ("Tests  5 failed | 1229 passed (1234)", "Test Files  2 failed | ...") and
 * the files of its "FAIL  test/x.test.ts > suite > test" lines.
 */
function parseSummary(output) {
  const text = output.replace(ANSI, '');
  const tests = [...text.matchAll(/^\s*Tests\s+(.*)$/gm)].at(-1)?.[1];
  const files = [...text.matchAll(/^\s*Test Files\s+(.*)$/gm)].at(-1)?.[1];
  const num = (line, word) => {
    const m = line && new RegExp(`(\\d+) ${word}`).exec(line);
    return m ? Number(m[1]) : 0;
  };
  const total = (line) => {
    const m = line && /\((\d+)\)\s*$/.exec(line);
    return m ? Number(m[1]) : undefined;
  };
  const failing = [...new Set([...text.matchAll(/^\s*FAIL\s+(\S+)/gm)].map((m) => m[1]))];
  return {
    parsed: tests !== undefined,
    failing,
    failedTests: num(tests, 'failed'),
    totalTests: total(tests),
    failedFiles: num(files, 'failed'),
    totalFiles: total(files),
  };
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function printTable(rows) {
  const header = ['bug', 'file edited', 'failed tests', 'failed files', 'time', 'result'];
  const lines = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...lines.map((r) => String(r[i]).length)));
  const fmt = (r) => '| ' + r.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(fmt(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(fmt(r));
}

function makeTemp(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `strata-${label}-`));
  tempDirs.add(dir);
  return dir;
}

/** One vitest run in a copy of the snapshot, with `patch` (file, text) written over it. */
async function runCase(snap, label, patch) {
  const dir = makeTemp(label);
  const t0 = Date.now();
  try {
    copySnapshot(snap, dir);
    if (patch) fs.writeFileSync(path.join(dir, patch.file), patch.text);
    const { code, signal, output } = await runVitest(dir);
    return { code, signal, output, summary: parseSummary(output), elapsed: Date.now() - t0 };
  } finally {
    child = undefined;
    removeTemp(dir);
  }
}

function printTail(id, output) {
  const tail = output.replace(ANSI, '').trimEnd().split('\n').slice(-40).join('\n');
  process.stderr.write(tail.replace(/^/gm, `  [${id}] `) + '\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const bugs = opts.only ? BUGS.filter((b) => opts.only.includes(b.id)) : BUGS;
  const started = Date.now();

  if (!fs.existsSync(path.join(ROOT, 'node_modules', 'vitest'))) {
    throw new SetupError('node_modules/vitest is missing: run `npm ci` first');
  }
  const snap = makeTemp('snapshot');
  const source = snapshot(opts.ref, snap);
  process.stderr.write(`tree under test: ${source}\n`);

  // Check every edit against the snapshot before anything runs.
  const patched = new Map();
  for (const bug of bugs) {
    const file = path.join(snap, bug.file);
    if (!fs.existsSync(file)) throw new SetupError(`bug ${bug.id}: ${bug.file} is not part of the tree under test`);
    patched.set(bug.id, applyEdits(bug, fs.readFileSync(file, 'utf8')));
  }
  if (opts.check) {
    console.log(`every edit applies exactly once: ${bugs.map((b) => `(${b.id}) ${b.file}`).join(', ')}`);
    return 0;
  }

  if (opts.baseline) {
    process.stderr.write('[baseline] unmodified tree: running vitest... ');
    const r = await runCase(snap, 'baseline', undefined);
    process.stderr.write(`exit ${r.code ?? r.signal}, ${r.summary.failedTests} failed tests, ${seconds(r.elapsed)}\n`);
    if (opts.verbose || r.code !== 0) printTail('baseline', r.output);
    if (r.code !== 0) {
      throw new SetupError('the unmodified tree does not pass vitest: the injected bugs prove nothing');
    }
  }

  const rows = [];
  let survived = 0;
  let broken = 0;
  for (const bug of bugs) {
    process.stderr.write(`[${bug.id}] ${bug.title} (${bug.file}): running vitest... `);
    const { code, signal, output, summary: s, elapsed } = await runCase(
      snap,
      `bug-${bug.id}`,
      { file: bug.file, text: patched.get(bug.id) },
    );
    let result;
    if (code === 0) {
      result = 'SURVIVED (suite green)';
      survived++;
    } else if (!s.parsed || s.failedTests === 0) {
      // Non-zero exit without failed tests (crash, no summary, a file that failed to load):
      // that is not evidence that the tests catch the bug.
      result = `ERROR (exit ${code ?? signal}, no failed test)`;
      broken++;
    } else {
      result = 'detected';
    }
    process.stderr.write(`${result}, ${s.failedTests} failed tests, ${seconds(elapsed)}\n`);
    if (s.failing.length > 0) process.stderr.write(`  [${bug.id}] failing: ${s.failing.join(', ')}\n`);
    if (opts.verbose || result !== 'detected') printTail(bug.id, output);
    rows.push([
      `(${bug.id}) ${bug.title}`,
      bug.file,
      s.parsed ? `${s.failedTests} / ${s.totalTests ?? '?'}` : '?',
      s.parsed ? `${s.failedFiles} / ${s.totalFiles ?? '?'}` : '?',
      seconds(elapsed),
      result,
    ]);
  }

  console.log('');
  console.log(`tree under test: ${source}`);
  printTable(rows);
  console.log('');
  console.log(`total time: ${seconds(Date.now() - started)}`);
  if (survived > 0) {
    console.log(`${survived} injected bug(s) left the suite green.`);
    return 1;
  }
  if (broken > 0) {
    console.log(`${broken} run(s) failed without a failing test: the check is inconclusive.`);
    return 2;
  }
  console.log(`all ${bugs.length} injected bugs make the suite fail.`);
  return 0;
}

main().then(
  (status) => {
    cleanupAll();
    process.exitCode = status;
  },
  (e) => {
    cleanupAll();
    if (e instanceof SetupError) {
      console.error(`injected-bugs: ${e.message}`);
      process.exitCode = 2;
    } else {
      console.error(e);
      process.exitCode = 2;
    }
  },
);
