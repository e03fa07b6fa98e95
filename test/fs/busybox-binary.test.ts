// A limited read of a file (`head -c`, the `#!` check of an interpreter) gives the file's first
// bytes, also for the busybox binary, whose head is made without slicing its 2 MB string.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUSYBOX_SIZE, busyboxBinary, headOf } from '../../src/fs/busybox-binary.ts';

describe('headOf', () => {
  // the expected heads are computed from a flat copy of the bytes (Array.join), never by headOf
  const flat = ['\x7fELF\x02\x01\x01', ...new Array<string>(BUSYBOX_SIZE - 7).fill('\0')].join('');

  it('gives the busybox binary\'s first bytes, at any limit', () => {
    for (const limit of [0, 1, 6, 7, 8, 256, 4096, BUSYBOX_SIZE - 1, BUSYBOX_SIZE, BUSYBOX_SIZE + 1]) {
      const head = headOf(busyboxBinary(), limit);
      expect(head.length).toBe(Math.min(limit, BUSYBOX_SIZE));
      expect(head === flat.slice(0, limit)).toBe(true);
    }
  });

  it('gives any other data\'s first bytes', () => {
    fc.assert(fc.property(fc.string(), fc.nat(40), (data, limit) => {
      expect(headOf(data, limit)).toBe(data.slice(0, limit));
    }));
    // a string of busybox's length that is not its bytes
    const other = 'x'.repeat(BUSYBOX_SIZE);
    expect(headOf(other, 3)).toBe('xxx');
  });
});
