import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffLines, unifiedDiff } from '../../src/scenario/index.ts';

const lines = (s: string): string[] => s.split('');

describe('unifiedDiff', () => {
  it('is empty for equal inputs', () => {
    expect(unifiedDiff(['a', 'b'], ['a', 'b'])).toBe('');
    expect(unifiedDiff([], [])).toBe('');
  });

  it('writes GNU diff -u hunks with 3 lines of context (checked against diff -u)', () => {
    const a = lines('abcdefghijklm');
    const b = ['a', 'B', ...lines('cdefghijklmn')];
    expect(unifiedDiff(a, b)).toBe(
      '--- expected\n+++ actual\n' +
        '@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n' +
        '@@ -11,3 +11,4 @@\n k\n l\n m\n+n\n',
    );
  });

  it('merges changes at most 6 lines apart into one hunk', () => {
    const a = lines('abcdefghij');
    const b = ['a', 'B', ...lines('cdefgh'), 'I', 'j'];
    expect(unifiedDiff(a, b)).toBe(
      '--- expected\n+++ actual\n@@ -1,10 +1,10 @@\n a\n-b\n+B\n c\n d\n e\n f\n g\n h\n-i\n+I\n j\n',
    );
  });

  it('writes empty ranges like diff -u', () => {
    expect(unifiedDiff(['x'], [])).toBe('--- expected\n+++ actual\n@@ -1 +0,0 @@\n-x\n');
    expect(unifiedDiff([], ['x'])).toBe('--- expected\n+++ actual\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff(['a', 'b'], ['a', 'x', 'b'], { fromLabel: 'f.scenario', toLabel: 'f.scenario (strata)' })).toBe(
      '--- f.scenario\n+++ f.scenario (strata)\n@@ -1,2 +1,3 @@\n a\n+x\n b\n',
    );
  });

  it('honours the context option', () => {
    expect(unifiedDiff(lines('abcde'), lines('abXde'), { context: 0 })).toBe('--- expected\n+++ actual\n@@ -3 +3 @@\n-c\n+X\n');
  });

  it('lists deletions before insertions and keeps trailing spaces', () => {
    expect(unifiedDiff(['x  ', 'y'], ['x', 'y'])).toBe('--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n-x  \n+x\n y\n');
  });
});

const lcs = (a: string[], b: string[]): number => {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  }
  return t[0][0];
};

describe('diffLines', () => {
  const arr = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 25 });
  it('produces a minimal edit script that turns a into b', () => {
    fc.assert(
      fc.property(arr, arr, (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((o) => o.op !== '+').map((o) => o.line)).toEqual(a);
        expect(ops.filter((o) => o.op !== '-').map((o) => o.line)).toEqual(b);
        expect(ops.filter((o) => o.op === ' ').length).toBe(lcs(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it('hunk headers count the lines of their bodies', () => {
    fc.assert(
      fc.property(arr, arr, fc.integer({ min: 0, max: 4 }), (a, b, context) => {
        const d = unifiedDiff(a, b, { context });
        if (d === '') { expect(a).toEqual(b); return; }
        const body = d.split('\n').slice(2, -1);
        let i = 0;
        while (i < body.length) {
          const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(body[i]);
          expect(m).not.toBeNull();
          const aCount = m![2] === undefined ? 1 : Number(m![2]);
          const bCount = m![4] === undefined ? 1 : Number(m![4]);
          i++;
          let na = 0;
          let nb = 0;
          while (i < body.length && !body[i].startsWith('@@')) {
            if (body[i][0] !== '+') na++;
            if (body[i][0] !== '-') nb++;
            i++;
          }
          expect([na, nb]).toEqual([aCount, bCount]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('diffLines on large inputs (linear space, bounded cost)', () => {
  // Past the cost limit the script need not be minimal, but it must still turn a into b.
  const valid = (a: string[], b: string[]): void => {
    const ops = diffLines(a, b);
    expect(ops.filter((o) => o.op !== '+').map((o) => o.line)).toEqual(a);
    expect(ops.filter((o) => o.op !== '-').map((o) => o.line)).toEqual(b);
  };

  it('turns a into b when they differ by far more than the cost limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let s = seed;
        const rnd = (n: number): number => ((s = (s * 1103515245 + 12345) & 0x7fffffff) % n);
        const a = Array.from({ length: 3000 }, () => String(rnd(40)));
        const b = Array.from({ length: 3000 }, () => String(rnd(40)));
        valid(a, b);
      }),
      { numRuns: 5 },
    );
  });

  it('is still minimal for a few changes in a long text', () => {
    const a = Array.from({ length: 50000 }, (_, i) => `l${i}`);
    const b = a.map((l, i) => (i % 5000 === 0 ? `changed ${i}` : l));
    const ops = diffLines(a, b);
    expect(ops.filter((o) => o.op === '-').length).toBe(10);
    expect(ops.filter((o) => o.op === '+').length).toBe(10);
    valid(a, b);
  });

  it('lists a replaced block as its deletions, then its insertions', () => {
    const a = ['k', ...Array.from({ length: 2000 }, (_, i) => `old${i}`), 'k2'];
    const b = ['k', ...Array.from({ length: 2000 }, (_, i) => `new${i}`), 'k2'];
    const ops = diffLines(a, b).map((o) => o.op).join('');
    expect(ops).toBe(` ${'-'.repeat(2000)}${'+'.repeat(2000)} `);
  });
});
