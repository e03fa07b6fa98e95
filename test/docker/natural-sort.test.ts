import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/docker/commands/volume/ls.ts';

const sorted = (names: string[]): string[] => [...names].sort(naturalCompare);

describe('naturalCompare (docker volume ls order)', () => {
  it('orders numbers by value, as recorded (vol2 before vol10)', () => {
    expect(sorted(['vol10', 'vol2', 'Vol1', 'vol1', 'v_9'])).toEqual(['Vol1', 'v_9', 'vol1', 'vol2', 'vol10']);
  });
  it('puts a digit before any other character and a prefix before its extensions', () => {
    expect(sorted(['a-', 'a1', 'a', 'aa'])).toEqual(['a', 'a1', 'a-', 'aa']);
  });
  it('orders equal numbers by their leading zeros, fewer first', () => {
    expect(sorted(['x007', 'x7', 'x07', 'x8'])).toEqual(['x7', 'x07', 'x007', 'x8']);
  });
  it('is a consistent order: antisymmetric, zero only for equal names', () => {
    const names = ['a', 'a0', 'a00', 'a1', 'a01', 'b2c', 'b2c3', 'b10', '9', '10', 'z'];
    for (const a of names) for (const b of names) {
      expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0);
      if (a !== b) expect(naturalCompare(a, b)).not.toBe(0);
    }
  });
});
