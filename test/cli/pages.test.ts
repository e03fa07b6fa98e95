// `strata check` and `check --update` on Markdown pages (issue 10's acceptance): every page
// under scenarios/ passes; blanking a page's outputs and filling them again gives the page back
// byte for byte; one wrong output line is reported as PAGE.md:LINE with exit 1; reporters.

import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenarios } from '../../src/cli/files.ts';
import { parsePage } from '../../src/pages/page.ts';
import { ROOT, strata, tempDir } from './helpers.ts';

const FIXTURE = [
  '# Volumes outlive containers',
  '',
  '<!-- strata engine=docker-26.1 -->',
  '',
  'A named volume:',
  '',
  '```console',
  '$ docker volume create notes',
  'notes',
  "$ docker run --rm -v notes:/n busybox sh -c 'echo hi > /n/a; ls /n'",
  'a',
  '```',
  '',
  '- and after the container is gone:',
  '',
  '  ```console',
  '  $ docker run --rm -v notes:/n busybox cat /n/a',
  '  hi',
  '  ```',
  '',
].join('\r\n');

/** Every Markdown page under scenarios/ that has console blocks. */
function pages(): string[] {
  return findScenarios([join(ROOT, 'scenarios')], { pages: true }).files.filter((f) => f.endsWith('.md') && parsePage(readFileSync(f, 'utf8'), f).commands.length > 0);
}

/**
 * What a reader types in a page's terminal sessions: the lines after the prompts of busybox sh,
 * of psql on database testdb, and of bash (its default `bash-5.1# `, Debian's `root@HOST:DIR# `)
 * (as recorded on a pseudo-terminal: test/pages/pty). They are the author's, not output:
 * blanking keeps them.
 */
const TYPED = /^(\/ # |testdb=# |bash-\d+\.\d+# |root@[0-9a-f]{12}:[^#]*# )./;

/** The page with every visible command's output lines removed (the typed lines of its sessions kept). */
function blanked(text: string, file: string): string {
  const page = parsePage(text, file);
  const out = new Set(page.commands.filter((c) => !c.hidden).flatMap((c) => c.outputLines.filter((_, k) => !TYPED.test(c.output[k]))));
  return page.lines.filter((_, i) => !out.has(i + 1)).map((l) => l.text + l.eol).join('');
}

describe('strata check on Markdown pages', () => {
  it('the bundled pages pass, mixed with scenarios in one directory walk', () => {
    expect(pages().length).toBeGreaterThan(0);
    const r = strata('check', join(ROOT, 'scenarios'));
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed\n$/m);
    expect(r.status).toBe(0);
  });

  it.each([['fixture', ''], ...pages().map((p) => [relative(ROOT, p), p])])('%s: blanked outputs are filled back byte for byte', (_name, source) => {
    const d = tempDir();
    const file = join(d, 'page.md');
    const original = source === '' ? FIXTURE : readFileSync(source, 'utf8');
    writeFileSync(file, blanked(original, file));
    const r = strata('check', '--update', file);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(strata('check', file).status).toBe(0);
  });

  it('one wrong output line is reported as PAGE.md:LINE with a diff, exit 1', () => {
    const d = tempDir();
    const file = join(d, 'page.md');
    writeFileSync(file, FIXTURE.replace('  hi\r\n', '  bye\r\n'));
    const r = strata('check', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${file}:18: output differs\n`);
    expect(r.stdout).toContain('-  bye\n+  hi\n');
  });

  it('a page with a broken block is bad input (exit 2) naming PAGE.md:LINE; a directory of prose only is nothing to check', () => {
    const d = tempDir();
    writeFileSync(join(d, 'broken.md'), '```console\nstray output\n$ echo hi\n```\n');
    const r = strata('check', join(d, 'broken.md'));
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${join(d, 'broken.md')}:2: output line before any command`);
    const prose = tempDir();
    writeFileSync(join(prose, 'README.md'), '# Just prose\n\n```sh\n$ echo not run\n```\n');
    const none = strata('check', prose);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('nothing to check');
  });

  it('replay prints the page with its outputs', () => {
    const d = tempDir();
    const file = join(d, 'page.md');
    writeFileSync(file, blanked(FIXTURE, file));
    const r = strata('replay', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(FIXTURE);
  });

  it('--reporter junit and json describe each file for CI', () => {
    const d = tempDir();
    writeFileSync(join(d, 'good.md'), FIXTURE);
    writeFileSync(join(d, 'bad.md'), FIXTURE.replace('notes\r\n$ docker run', 'wrong\r\n$ docker run'));
    const junit = strata('check', '--reporter', 'junit', d);
    expect(junit.status).toBe(1);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites tests="2" failures="1" errors="0">/);
    expect(junit.stdout).toContain(`<testcase classname="strata" name="${join(d, 'good.md')}"/>`);
    expect(junit.stdout).toContain(`<failure message="${join(d, 'bad.md')}:9: output differs" type="mismatch">`);
    const json = JSON.parse(strata('check', '--reporter', 'json', d).stdout) as { exitStatus: number; passed: number; failed: number; files: { file: string; result: string }[] };
    expect(json).toMatchObject({ exitStatus: 1, passed: 1, failed: 1 });
    expect(json.files.map((f) => [f.file, f.result])).toEqual([
      [join(d, 'bad.md'), 'mismatch'],
      [join(d, 'good.md'), 'passed'],
    ]);
  });
});
