// strata check's progress line: on a terminal only, never piped or in CI, cleared before the report.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { main, type CliIO } from '../../src/cli/main.ts';
import { Progress } from '../../src/cli/progress.ts';
import { ROOT, strataProcess } from './helpers.ts';

const LESSONS = ['writable-layer-dies', 'new-run-new-anonymous-volume', 'rm-keeps-anonymous-volume'].map((f) => join(ROOT, 'scenarios', 'lessons', `${f}.scenario`));

function check(io: Partial<CliIO>): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = main(['node', 'strata', 'check', ...LESSONS], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), ...io });
  return { status, stdout, stderr };
}

describe('strata check progress', () => {
  it('on a terminal: one line per file on stderr, rewritten in place and cleared at the end', () => {
    const r = check({ stderrIsTTY: true, env: {}, columns: 200 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('3 passed, 0 failed\n');
    const frames = r.stderr.split('\r\x1b[K');
    expect(frames.filter((f) => f !== '')).toEqual(LESSONS.map((f, k) => `[${k + 1}/3] ${f}`));
    expect(r.stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  it('quiet when piped, in CI, or on a dumb terminal', () => {
    expect(check({ stderrIsTTY: false, env: {} }).stderr).toBe('');
    expect(check({ stderrIsTTY: true, env: { CI: 'true' } }).stderr).toBe('');
    expect(check({ stderrIsTTY: true, env: { TERM: 'dumb' } }).stderr).toBe('');
    // the real process with stderr on a pipe
    const r = strataProcess(['check', ...LESSONS.slice(0, 2)]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('fits the terminal width and says nothing for a single file', () => {
    let out = '';
    const p = new Progress({ write: (t) => void (out += t), isTTY: true, env: {}, columns: 30 }, 2);
    p.update(0, 'scenarios/lessons/a-very-long-name-indeed.scenario');
    expect(out).toBe('\r\x1b[K[1/2] scenarios/lessons/a-ve…');
    let one = '';
    const single = new Progress({ write: (t) => void (one += t), isTTY: true, env: {} }, 1);
    single.update(0, 'x');
    single.clear();
    expect(one).toBe('');
  });
});
