// The CLI hashes long texts with node:crypto (src/cli/native-digest.ts): the digests must be
// @noble/hashes' (image and layer IDs, the build cache's tarsums, `docker save`), chars above
// 255 counting as their low 8 bits.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestHex, useNativeDigest, type DigestAlgorithm } from '../../src/fs/digest.ts';
import { useNodeDigest } from '../../src/cli/native-digest.ts';

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 100);
const ALGOS: DigestAlgorithm[] = ['md5', 'sha1', 'sha256', 'sha512'];

afterEach(() => useNativeDigest(undefined));

describe('the CLI\'s node:crypto digests', () => {
  it('equal @noble/hashes\' on any text, short or long, chars above 255 included', () => {
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0, max: 0xffff }));
    const text = fc.tuple(fc.array(unit, { maxLength: 40 }), fc.integer({ min: 0, max: 3000 })).map(([a, n]) => String.fromCharCode(...a).repeat(a.length ? Math.ceil(n / a.length) : 0).slice(0, n));
    fc.assert(
      fc.property(text, fc.constantFrom(...ALGOS), (t, algo) => {
        useNativeDigest(undefined);
        const noble = digestHex(algo, t);
        useNodeDigest();
        expect(digestHex(algo, t)).toBe(noble);
      }),
      { numRuns: RUNS },
    );
  });

  it('are asked for texts of 1024 bytes or more only', () => {
    const asked: number[] = [];
    useNativeDigest((_algo, bytes) => {
      asked.push(bytes.length);
      return 'native';
    });
    expect(digestHex('sha256', 'x'.repeat(1023))).toMatch(/^[0-9a-f]{64}$/);
    expect(digestHex('sha256', 'x'.repeat(1024))).toBe('native');
    expect(asked).toEqual([1024]);
  });
});
