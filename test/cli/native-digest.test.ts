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
    // (node:crypto's from the first byte on: 8 KB hashed first, as a build hashes them)
    const warmed = (): void => {
      useNodeDigest();
      digestHex('sha256', 'x'.repeat(8192));
    };
    fc.assert(
      fc.property(text, fc.constantFrom(...ALGOS), (t, algo) => {
        useNativeDigest(undefined);
        const noble = digestHex(algo, t);
        warmed();
        expect(digestHex(algo, t)).toBe(noble);
      }),
      { numRuns: RUNS },
    );
  });

  it('are asked for from the text at which 8 KB have been hashed since the host gave them on', () => {
    const asked: number[] = [];
    const native = (_algo: DigestAlgorithm, bytes: string): string => {
      asked.push(bytes.length);
      return 'native';
    };
    // texts hashed before the host's digest was given do not count
    digestHex('sha256', 'x'.repeat(9000));
    useNativeDigest(native);
    expect(digestHex('sha256', 'x'.repeat(4000))).toMatch(/^[0-9a-f]{64}$/);
    expect(digestHex('md5', 'x'.repeat(4191))).toMatch(/^[0-9a-f]{32}$/);
    // 8,191 bytes so far: the next byte reaches 8 KB, and every text after it is the host's
    expect(digestHex('sha256', 'x')).toBe('native');
    expect(digestHex('sha1', 'y')).toBe('native');
    expect(asked).toEqual([1, 1]);
    // given again (a worker's engine), the count starts again
    useNativeDigest(native);
    expect(digestHex('sha256', 'x'.repeat(8191))).toMatch(/^[0-9a-f]{64}$/);
    expect(digestHex('sha256', 'x'.repeat(9000))).toBe('native');
    expect(asked).toEqual([1, 1, 9000]);
  });
});
