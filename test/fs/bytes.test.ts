// The byte helpers replace Node's Buffer in the core (it runs in a browser too): each must give
// exactly what the Buffer call it replaced gave, on any input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Decode, base64Encode, byteArray, byteString, fromBytes, hexOf, toBytes } from '../../src/fs/bytes.ts';

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 200);
const bytes = fc.uint8Array({ maxLength: 300 });
// UTF-16 units at random: lone surrogates, a BOM, ASCII, and chars above 255.
const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xd800, 0xdfff, 0xfeff)), { maxLength: 100 }).map((a) => String.fromCharCode(...a));
const byteStr = bytes.map((b) => Buffer.from(b).toString('latin1'));

describe('byte helpers give what Buffer gave', () => {
  it('toBytes = Buffer.from(text, "utf8")', () => {
    fc.assert(fc.property(units, (t) => {
      expect(toBytes(t)).toBe(Buffer.from(t, 'utf8').toString('latin1'));
    }), { numRuns: RUNS });
  });

  it('fromBytes = Buffer.toString("utf8"), a leading BOM kept', () => {
    fc.assert(fc.property(bytes, (b) => {
      const s = Buffer.from(b).toString('latin1');
      expect(fromBytes(s)).toBe(Buffer.from(s, 'latin1').toString('utf8'));
    }), { numRuns: RUNS });
    expect(fromBytes('\xef\xbb\xbfx')).toBe('\ufeffx');
  });

  it('byteArray / byteString = Buffer latin1, chars above 255 keep their low byte', () => {
    fc.assert(fc.property(units, (t) => {
      expect(Buffer.from(byteArray(t)).equals(Buffer.from(t, 'latin1'))).toBe(true);
    }), { numRuns: RUNS });
    fc.assert(fc.property(bytes, (b) => {
      expect(byteString(b)).toBe(Buffer.from(b).toString('latin1'));
    }), { numRuns: RUNS });
    const big = new Uint8Array(70_000).map((_, i) => i & 0xff);
    expect(byteString(big)).toBe(Buffer.from(big).toString('latin1'));
  });

  it('hexOf and base64Encode = Buffer.toString("hex" / "base64")', () => {
    fc.assert(fc.property(bytes, (b) => {
      expect(hexOf(b)).toBe(Buffer.from(b).toString('hex'));
      expect(base64Encode(b)).toBe(Buffer.from(b).toString('base64'));
    }), { numRuns: RUNS });
  });

  it('base64Decode = Buffer.from(s, "base64"): skips junk, URL-safe letters, stops at "="', () => {
    const text = fc.array(fc.constantFrom(...'ABCQUJDRAazQ09+/-_= \n!é'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(text, byteStr.map((s) => Buffer.from(s, 'latin1').toString('base64'))), (s) => {
      expect(Buffer.from(base64Decode(s)).equals(Buffer.from(s, 'base64'))).toBe(true);
    }), { numRuns: RUNS * 3 });
    expect(byteString(base64Decode('QUJD=QUJD'))).toBe('ABC');
  });
});
