// The bundled CLI (scripts/build.mjs, run by `npm ci` through `prepare`): bin/strata.js runs it
// with plain node when it is at least as new as the sources, and it prints what the sources print.
// Its program (dist/cli.cjs) loads the engine (dist/engine.cjs) only when a verb runs.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, newest, ROOT, strata } from './helpers.ts';
import { createHash } from 'node:crypto';
import type { ScriptIndex } from '../../src/cli/scripts.ts';
import { toBytes } from '../../src/fs/bytes.ts';
import { programEntries } from '../../src/image/catalog/data-dirs.ts';

describe('the bundled CLI', () => {
  it('runs from dist/ when fresh, and prints what the sources print', () => {
    const bundle = join(ROOT, 'dist', 'cli.cjs');
    // A checkout being edited may hold an older bundle: build it (CI's npm ci already did).
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(join(ROOT, 'src'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    const scenario = join(ROOT, 'scenarios', 'lessons', 'anonymous-volume-orphaned.scenario');
    const r = spawnSync(process.execPath, [BIN, 'check', scenario], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, STRATA_BIN_DEBUG: '1' } });
    // the caches were made under the V8 flags bin/bundle.js sets (bin/v8-flags.js, for the engine
    // only): V8 rejects one made under other flags
    expect(r.stderr).toBe('strata: running dist/cli.cjs (code cache: used)\nstrata: loaded dist/engine.cjs (code cache: used)\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(strata('check', scenario).stdout);
    // the bundled scenarios are found from dist/ too (replay without a file)
    const story = spawnSync(process.execPath, [BIN, 'replay'], { cwd: ROOT, encoding: 'utf8' });
    expect(story.status).toBe(0);
    expect(story.stdout).toBe(strata('replay').stdout);
    // --help, a verb's --help and a usage error load the program only (dist/cli.cjs), not the
    // engine (dist/engine.cjs), and print what the sources print
    for (const args of [['--help'], ['check', '--help'], ['--bogus'], ['check']]) {
      const help = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, STRATA_BIN_DEBUG: '1' } });
      const own = strata(...args);
      expect(help.stderr).toBe(`strata: running dist/cli.cjs (code cache: used)\n${own.stderr}`);
      expect(help.stdout).toBe(own.stdout);
      expect(help.status).toBe(own.status);
    }
  });

  it('reads the stand-ins\' scripts parsed with it (dist/scripts/), and a page running them passes', () => {
    const bundle = join(ROOT, 'dist', 'cli.cjs');
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(join(ROOT, 'src'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    // the mysql client stand-in (2,000 lines) is among them, under the digest of its bytes, its text first
    const index = JSON.parse(readFileSync(join(ROOT, 'dist', 'scripts', 'index.json'), 'latin1')) as ScriptIndex;
    const client = toBytes(readFileSync(join(ROOT, 'catalog', 'mysql', 'files', 'mysql'), 'utf8'));
    const sha = createHash('sha256').update(client, 'latin1').digest('hex');
    expect(index).toContainEqual([client.length, sha]);
    const stored = readFileSync(join(ROOT, 'dist', 'scripts', `${sha}.jsonl`), 'latin1').split('\n');
    expect(JSON.parse(stored[0])).toBe(client);
    const page = join(ROOT, 'scenarios', 'tutorials', '002-docker-volume-persistent-data-store.md');
    const r = spawnSync(process.execPath, [BIN, 'check', page], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toBe('1 passed, 0 failed\n');
    expect(r.status).toBe(0);
  });

  it('keeps the servers\' own programs as the sources find them in the catalog (dist/programs.json)', () => {
    const bundle = join(ROOT, 'dist', 'cli.cjs');
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(join(ROOT, 'src'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    const built = JSON.parse(readFileSync(join(ROOT, 'dist', 'programs.json'), 'latin1')) as [string, string[]][];
    expect(built).toEqual(programEntries());
    // postgres's entrypoint among them, as its bytes, postgres's alone
    const entrypoint = toBytes(readFileSync(join(ROOT, 'catalog', 'postgres', 'files', 'docker-entrypoint.sh'), 'utf8'));
    expect(built.find(([bytes]) => bytes === entrypoint)?.[1]).toEqual(['postgres']);
  });

  it('serves the library entry (dist/index.mjs) to a plain node process, as a docs build imports it', () => {
    if (!existsSync(join(ROOT, 'dist', 'index.mjs')) || statSync(join(ROOT, 'dist', 'index.mjs')).mtimeMs < newest(join(ROOT, 'src'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    const page = join(ROOT, 'scenarios', 'tutorials', '004-docker-volume-concepts.md');
    const script = `import { checkPage } from ${JSON.stringify(join(ROOT, 'dist', 'index.mjs'))};
      import { readFileSync } from 'node:fs';
      const f = ${JSON.stringify(page)};
      const r = checkPage(readFileSync(f, 'utf8'), { file: f });
      console.log(JSON.stringify({ passed: r.passed }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ passed: true });
  });
  it('checks many files on worker threads with the report and exit status of a sequential check', () => {
    const bundle = join(ROOT, 'dist', 'cli.cjs');
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(join(ROOT, 'src'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    // docker-20.10's recordings checked on 26.1: most differ (reports with diffs), some pass
    const dir = join('test', 'recorded', 'docker-20.10', 'cp');
    const args = ['--engine', 'docker-26.1', 'check', '--busybox-stand-ins', '--daemon=--bridge=none', dir];
    // (the JSON report: every file's status and report, the counts and the exit status)
    const run = (threads: string) => spawnSync(process.execPath, [BIN, ...args, '--reporter', 'json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, STRATA_CHECK_THREADS: threads, STRATA_DEBUG: '1' } });
    const one = run('1');
    const two = run('2');
    const report = JSON.parse(one.stdout) as { passed: number; failed: number; files: unknown[] };
    // every scenario of the directory (its count grows with new recordings)
    const scenarios = readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.scenario')).length;
    expect(report.files).toHaveLength(scenarios);
    expect(report.passed).toBeGreaterThan(0);
    expect(report.failed).toBeGreaterThan(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.status).toBe(one.status);
    expect(one.stderr).toBe('');
    // the worker did take files (its start, ~0.3-0.7 s of CPU, is short beside the directory's 44 files, ~1.3 s)
    const [, total, workers] = /^strata: checked (\d+) files on 2 threads, (\d+) of them by workers\n$/.exec(two.stderr) ?? [];
    expect(Number(total)).toBe(scenarios);
    expect(Number(workers)).toBeGreaterThan(0);
    // (two processes of ~1 s of CPU each, which a loaded machine stretches)
  }, 180_000);
});
