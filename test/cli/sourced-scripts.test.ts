// The build stores the parse of the files the stand-ins source (/.strata-stand-in/, scripts/build.mjs)
// beside their `#!` scripts (dist/scripts/, src/cli/scripts.ts): mysqld, mysql and mysqladmin
// source my-defaults, which every process that starts a mysql or mariadb container parsed anew.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newest, ROOT } from './helpers.ts';
import type { ScriptIndex } from '../../src/cli/scripts.ts';
import { readStoredScript } from '../../src/cli/scripts.ts';
import { toBytes } from '../../src/fs/bytes.ts';
import { clearMemos } from '../../src/engine/memos.ts';
import { scriptChunks, useParsedScripts } from '../../src/shell/index.ts';
import { checkPage } from '../../src/index.ts';
import { expectReadBackAsParsed } from '../shell/stored-parse.ts';

const DIST = join(ROOT, 'dist');

/** A dist/ as new as the sources and the build script (CI's npm ci made one; a checkout being edited may hold an older one). */
function freshDist(): void {
  const bundle = join(DIST, 'cli.cjs');
  const sources = Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'scripts', 'build.mjs')).mtimeMs);
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
}

afterEach(() => {
  useParsedScripts(undefined);
  clearMemos();
});

describe('the stand-ins\' sourced files, parsed by the build', () => {
  it('are stored as ash and bash parse them, my-defaults among them, under the digest of its bytes', () => {
    freshDist();
    const src = toBytes(readFileSync(join(ROOT, 'catalog', 'mysql', 'files', 'my-defaults'), 'utf8'));
    // (no `#!` line: sourced, never run)
    expect(src.startsWith('#!')).toBe(false);
    const sha = createHash('sha256').update(src, 'latin1').digest('hex');
    const index = JSON.parse(readFileSync(join(DIST, 'scripts', 'index.json'), 'latin1')) as ScriptIndex;
    expect(index).toContainEqual([src.length, sha]);
    expect(index).toContainEqual([src.length, `${sha}-bash`, true]);
    for (const [name, bash] of [[sha, false], [`${sha}-bash`, true]] as const) {
      const read = readStoredScript(readFileSync(join(DIST, 'scripts', `${name}.jsonl`), 'latin1'), src)!;
      const chunks = scriptChunks(src, bash)!;
      // every command read back is the one the shell parses, a function's body read at its first call
      const functions = expectReadBackAsParsed(read, chunks);
      // (my-defaults is its functions: my_defaults, _md_refuse, my_server_options, _so_take)
      expect(functions).toBe(4);
    }
    // (a checkout being edited builds dist/ first: minutes on a loaded machine)
  }, 600_000);

  it('are what a sourcing stand-in runs: page 002\'s mysql stand-ins read my-defaults from them, and the page passes', () => {
    freshDist();
    const src = toBytes(readFileSync(join(ROOT, 'catalog', 'mysql', 'files', 'my-defaults'), 'utf8'));
    const sha = createHash('sha256').update(src, 'latin1').digest('hex');
    // the stored parse of my-defaults served (the mysql image is Oracle Linux's: bash parses it),
    // every other text parsed by the shell
    const served: boolean[] = [];
    useParsedScripts((text, bash) => {
      if (text !== src) return undefined;
      served.push(bash);
      return readStoredScript(readFileSync(join(DIST, 'scripts', `${sha}${bash ? '-bash' : ''}.jsonl`), 'latin1'), text);
    });
    const page = join(ROOT, 'scenarios', 'tutorials', '002-docker-volume-persistent-data-store.md');
    const r = checkPage(readFileSync(page, 'utf8'), { file: page });
    expect(r.passed).toBe(true);
    // (once: the shell keeps what it read)
    expect(served).toEqual([true]);
  }, 600_000);
});
