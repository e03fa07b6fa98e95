// `strata check` and `strata replay` exit statuses and messages: 0 passed, 1 an output differs,
// 125 strata refused a command or ran out of a budget, 2 bad input (usage, missing, unreadable or
// malformed files, nothing to check); the most serious wins. No failure is a stack trace, and one
// bad file never stops the others from being checked.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRASH, strata, strataProcess, tempDir } from './helpers.ts';

const PASSING = '$ echo hi\nhi\n';
const DIFFERING = '$ echo hi\nho\n';
const MALFORMED = '$ echo hi\n[exit 0]\n';
const REFUSED = '$ docker run --privileged busybox true\n';

function files(spec: Record<string, string>): string {
  const d = tempDir();
  for (const [name, text] of Object.entries(spec)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}

const noCrash = (r: { stdout: string; stderr: string }): void => {
  expect(r.stdout + r.stderr).not.toMatch(CRASH);
};

describe('strata check: exit statuses', () => {
  it('0 when every file passes', () => {
    const d = files({ 'a.scenario': PASSING });
    const r = strata('check', d);
    expect([r.status, r.stdout]).toEqual([0, '1 passed, 0 failed\n']);
  });

  it('1 when an output differs, with the diff', () => {
    const d = files({ 'a.scenario': DIFFERING });
    const r = strata('check', d);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`FAIL ${join(d, 'a.scenario')}\n--- expected\n+++ actual\n`);
    expect(r.stdout).toContain('-ho\n+hi\n');
  });

  it('2 for a malformed file, naming file and line, and the other files are still checked', () => {
    const d = files({ 'a.scenario': MALFORMED, 'b.scenario': PASSING });
    const r = strata('check', d);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${join(d, 'a.scenario')}:2: "[exit 0]" is not written`);
    expect(r.stdout).toMatch(/1 passed, 1 failed\n$/);
    noCrash(r);
  });

  it('125 when strata refuses a command inside a scenario, naming file and line', () => {
    const d = files({ 'a.scenario': `$ true\n${REFUSED}` });
    const r = strata('check', d);
    expect(r.status).toBe(125);
    expect(r.stdout).toContain(`${join(d, 'a.scenario')}:2: $ docker run --privileged busybox true: strata does not simulate \`--privileged\``);
  });

  it('the most serious failure wins: 2 over 125 over 1', () => {
    expect(strata('check', files({ 'a.scenario': DIFFERING, 'b.scenario': REFUSED })).status).toBe(125);
    expect(strata('check', files({ 'a.scenario': REFUSED, 'b.scenario': MALFORMED })).status).toBe(2);
    expect(strata('check', files({ 'a.scenario': MALFORMED, 'b.scenario': DIFFERING })).status).toBe(2);
  });

  it('2 for a folder with nothing to check (CI must not pass while checking nothing)', () => {
    const empty = tempDir();
    const r = strata('check', empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`strata: nothing to check: no .scenario files or pages with console blocks in ${empty}\n`);
    const other = files({ 'README.md': '# not a scenario\n', 'sub/notes.txt': 'x' });
    expect(strata('check', other).status).toBe(2);
  });

  it('2 for a missing path, and the paths that exist are still checked', () => {
    const d = files({ 'a.scenario': PASSING });
    const r = strata('check', join(d, 'missing.scenario'), d);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${join(d, 'missing.scenario')}: no such file or directory\n`);
    expect(r.stdout).toMatch(/1 passed, 1 failed\n$/);
    noCrash(r);
  });

  it('a dangling .scenario symlink under a checked folder is reported; other dangling links are not scenarios', () => {
    const d = files({ 'a.scenario': PASSING });
    symlinkSync(join(d, 'nowhere'), join(d, 'broken.scenario'));
    symlinkSync(join(d, 'nowhere'), join(d, 'broken-link'));
    mkdirSync(join(d, 'deep', 'er'), { recursive: true });
    symlinkSync('/nonexistent/x', join(d, 'deep', 'er', 'x.scenario'));
    const r = strata('check', d);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${join(d, 'broken.scenario')}: dangling symbolic link`);
    expect(r.stdout).toContain(`${join(d, 'deep', 'er', 'x.scenario')}: dangling symbolic link`);
    expect(r.stdout).not.toContain('broken-link');
    expect(r.stdout).toMatch(/1 passed, 2 failed\n$/);
    noCrash(r);
  });

  it('a symlink loop between folders is walked once', () => {
    const d = files({ 'sub/a.scenario': PASSING });
    symlinkSync(d, join(d, 'sub', 'up'));
    const r = strata('check', d);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('1 passed, 0 failed\n');
  });

  it('2 for a device or a FIFO named on the command line, without reading it', () => {
    const r = strata('check', '/dev/zero');
    expect([r.status, r.stdout]).toEqual([2, 'FAIL /dev/zero\n/dev/zero: not a regular file\n0 passed, 1 failed\n']);
  });

  it('2 for a file over the size budget (32 MiB), without reading it all', () => {
    const d = tempDir();
    const big = join(d, 'big.scenario');
    writeFileSync(big, '$ true\n' + 'x\n'.repeat(17 * 1024 * 1024));
    const r = strata('check', big);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${big}: larger than 32 MiB, the limit for a scenario file`);
  });

  it('2 for a usage error', () => {
    expect(strata('check', '--bogus').status).toBe(2);
    expect(strata('--engine', 'docker-1.0', 'check', '.').status).toBe(2);
    expect(strata('frobnicate').status).toBe(2);
  });
});

describe('strata replay: bad input and refusals', () => {
  it.each([
    ['a missing file', (d: string) => join(d, 'nope.scenario'), /^strata: .*nope\.scenario: no such file or directory\n$/],
    ['a directory', (d: string) => d, /^strata: .*: is a directory \(give a \.scenario file, or use `strata check DIR`\)\n$/],
    ['a device', () => '/dev/zero', /^strata: \/dev\/zero: not a regular file\n$/],
    ['a malformed file', (d: string) => { writeFileSync(join(d, 'm.scenario'), MALFORMED); return join(d, 'm.scenario'); }, /m\.scenario:2: "\[exit 0\]" is not written/],
  ])('2 for %s, with one line and no stack', (_what, path, message) => {
    const r = strata('replay', path(tempDir()));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    noCrash(r);
  });

  it('- reads the scenario from standard input (it crashed reading a file named -)', () => {
    const r = strataProcess(['replay', '-'], { input: '$ echo hi\n$ docker run --privileged busybox true\n' });
    expect(r.stdout).toBe('$ echo hi\nhi\n$ docker run --privileged busybox true\nstrata does not simulate `--privileged` (a privileged container sees the host\'s devices in /dev and may mount file systems, which strata does not simulate)\n[exit 125]\n');
    expect(r.stderr).toMatch(/^<stdin>:2: \$ docker run --privileged busybox true: strata does not simulate/);
    expect(r.status).toBe(125);
  });

  it('125 when a command is refused: the transcript is printed and stderr names file and line', () => {
    const d = files({ 'r.scenario': `$ echo one\n${REFUSED}` });
    const r = strata('replay', join(d, 'r.scenario'));
    expect(r.status).toBe(125);
    expect(r.stdout).toContain('strata does not simulate `--privileged`');
    expect(r.stderr).toMatch(new RegExp(`^${join(d, 'r.scenario').replace(/[.]/g, '\\.')}:2: \\$ docker run --privileged busybox true: strata does not simulate`));
  });
});
