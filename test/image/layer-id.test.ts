// Layer IDs are content addresses: equal trees on equal parents share an ID, and any difference
// in a file's content (long contents are hashed as digests) or in the parents gives another.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layerIdFor } from '../../src/image/layers.ts';
import { contentDigest, digestHex } from '../../src/fs/digest.ts';
import { dir, file } from '../../src/fs/node.ts';

const tree = (data: string) => dir({}, { bin: dir({}, { busybox: file(data, { mode: 0o755 }) }) });

describe('layerIdFor', () => {
  it('is the same for equal trees and differs for any change of content or parents', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 300 }), fc.string({ minLength: 0, maxLength: 300 }), (a, b) => {
        expect(layerIdFor([], tree(a)) === layerIdFor([], tree(b))).toBe(a === b);
        expect(layerIdFor(['x'], tree(a))).not.toBe(layerIdFor([], tree(a)));
      }),
    );
  });

  it('cannot confuse a long content with a short one that spells its digest', () => {
    const long = 'z'.repeat(1000);
    const spelled = JSON.stringify({ sha256: contentDigest(long) });
    expect(layerIdFor([], tree(long))).not.toBe(layerIdFor([], tree(spelled)));
  });

  it('remembers content digests without changing them', () => {
    const big = 'ab'.repeat(40000);
    expect(contentDigest(big)).toBe(digestHex('sha256', big));
    expect(contentDigest(big)).toBe(digestHex('sha256', big));
  });
});
