// Memory stays bounded on big outputs. The line diff used to keep one array per edit step:
// `$ seq 1 20000` with no expected output took 3.2 GB in `check`. Measured in a process of its
// own; the bound is generous (the point is linear, not quadratic), and time is not asserted
// (timing goals live in `npm run bench`).

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.ts';

const MEASURE = join(ROOT, 'test', 'cli', 'measure.mjs');
const BOUND_KB = 1024 * 1024;

function measured(args: string[]): { status: number | null; stdout: string; maxrssKb: number } {
  const r = spawnSync(process.execPath, [MEASURE, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /maxrss (\d+)\n$/.exec(r.stderr);
  if (!m) throw new Error(`no measurement: ${r.stderr.slice(-2000)}`);
  return { status: r.status, stdout: r.stdout, maxrssKb: Number(m[1]) };
}

describe('bounded memory', () => {
  it('`seq 1 200000` with no expected output: check and --update stay under 1 GB', () => {
    const p = join(tempDir(), 'seq.scenario');
    writeFileSync(p, '$ seq 1 200000\n');
    const check = measured(['check', p]);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('@@ -1 +1,200001 @@\n $ seq 1 200000\n+1\n+2\n');
    expect(check.maxrssKb).toBeLessThan(BOUND_KB);

    const update = measured(['check', '--update', p]);
    expect(update.status).toBe(0);
    expect(update.maxrssKb).toBeLessThan(BOUND_KB);
    const lines = readFileSync(p, 'utf8').split('\n');
    expect([lines.length, lines[1], lines[200000]]).toEqual([200002, '1', '200000']);
  });

  it('every line differing from a 200,000-line expected output: check stays under 1 GB', () => {
    const p = join(tempDir(), 'diff.scenario');
    const expected = Array.from({ length: 200000 }, (_, i) => `x${i + 1}`).join('\n');
    writeFileSync(p, `$ seq 1 200000\n${expected}\n`);
    const check = measured(['check', p]);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/^FAIL .*\n--- expected\n\+\+\+ actual\n@@ -1,200001 \+1,200001 @@\n \$ seq 1 200000\n/);
    expect(check.maxrssKb).toBeLessThan(BOUND_KB);
  });
});
