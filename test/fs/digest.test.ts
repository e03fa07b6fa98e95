// Digests are @noble/hashes instead of node:crypto (the core runs in a browser too). Image and
// layer IDs are sha256 of byte strings: they must stay what node:crypto made of them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { contentDigest, digestHex, type DigestAlgorithm } from '../../src/fs/digest.ts';
import { sha256Hex } from '../../src/engine/ids.ts';

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 100);
const ALGOS: DigestAlgorithm[] = ['md5', 'sha1', 'sha256', 'sha512'];

describe('digests', () => {
  // FIPS 180-4 examples (NIST CSRC "Examples with intermediate values") and RFC 1321 section A.5.
  it('match the published test vectors', () => {
    expect(digestHex('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digestHex('sha256', '')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(digestHex('sha256', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(digestHex('sha256', 'a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
    expect(digestHex('sha1', 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(digestHex('sha512', 'abc')).toBe('ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
    expect(digestHex('md5', '')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(digestHex('md5', 'message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
  });

  it('equal node:crypto over latin1 on any text, chars above 255 included', () => {
    // UTF-16 units at random (fast-check's 'binary' strings are slow to draw).
    const text = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0, max: 0xffff })), { maxLength: 300 }).map((a) => String.fromCharCode(...a));
    fc.assert(fc.property(text, fc.constantFrom(...ALGOS), (t, algo) => {
      expect(digestHex(algo, t)).toBe(createHash(algo).update(t, 'latin1').digest('hex'));
    }), { numRuns: RUNS });
  });

  it('hash long texts a chunk (64 KiB) at a time without losing or repeating a byte', () => {
    for (const n of [65_535, 65_536, 65_537, 2 * 65_536 + 3]) {
      const t = 'x\u0100y'.repeat(n).slice(0, n);
      expect(digestHex('sha256', t)).toBe(createHash('sha256').update(t, 'latin1').digest('hex'));
    }
  });

  it('contentDigest is the sha256 of a file\'s content, the same each time it is asked', () => {
    for (const t of ['abc', 'abc', '', 'h\u00e9llo']) expect(contentDigest(t)).toBe(createHash('sha256').update(t, 'latin1').digest('hex'));
  });

  it('sha256Hex, the ID hash, is node:crypto\'s sha256 over latin1', () => {
    const layerLike = JSON.stringify([['a'.repeat(64)], { kind: 'dir', entries: { 'é.txt': { data: 'h\u00e9llo\n' } } }]);
    expect(sha256Hex(layerLike)).toBe(createHash('sha256').update(layerLike, 'latin1').digest('hex'));
  });
});
