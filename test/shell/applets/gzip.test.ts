// gzip/gunzip are pako instead of node:zlib (the core runs in a browser too). pako is a port of
// zlib: the bytes it writes, and where it refuses to inflate, must stay what node:zlib gave, or
// archive sizes and checksums printed in scenarios would change.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { gunzipBytes, gzipBytes } from '../../../src/archive/gzip.ts';

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 100);
const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
// Compressible text (repeats, as files in scenarios are) and random bytes.
const data = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map(latin1),
  fc.array(fc.constantFrom('hello\n', 'world ', 'a', 'data\n', '\x00'), { maxLength: 400 }).map((a) => a.join('')),
);
const nodeGunzip = (s: string): string | 'error' => {
  try {
    return gunzipSync(Buffer.from(s, 'latin1')).toString('latin1');
  } catch {
    return 'error';
  }
};
const ourGunzip = (s: string): string | 'error' => {
  try {
    return gunzipBytes(s);
  } catch {
    return 'error';
  }
};

describe('gzip', () => {
  it('writes the bytes node:zlib wrote', () => {
    fc.assert(fc.property(data, (d) => {
      expect(gzipBytes(d)).toBe(gzipSync(Buffer.from(d, 'latin1')).toString('latin1'));
    }), { numRuns: RUNS });
  });

  it('inflates, and fails, where node:zlib does: truncated, corrupted, concatenated, trailing bytes', () => {
    const damaged = fc.tuple(data, data, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.constantFrom('truncate', 'flip', 'concat', 'trail')).map(([a, b, at, x, how]) => {
      const z = gzipBytes(a);
      const i = at % z.length;
      if (how === 'truncate') return z.slice(0, i);
      if (how === 'flip') return z.slice(0, i) + String.fromCharCode(z.charCodeAt(i) ^ x) + z.slice(i + 1);
      if (how === 'concat') return z + gzipBytes(b);
      return z + b.slice(0, 1 + (at % 8));
    });
    fc.assert(fc.property(damaged, (z) => {
      expect(ourGunzip(z)).toBe(nodeGunzip(z));
    }), { numRuns: RUNS * 2 });
  });

  it('refuses a zlib (not gzip) stream, as gunzip does', () => {
    expect(ourGunzip(latin1(deflateSync(Buffer.from('hi'))))).toBe('error');
  });
});
