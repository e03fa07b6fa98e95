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

describe('byte helpers on fixed inputs (the cases a few random runs may miss)', () => {
  const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

  it('UTF-8 both ways at the edge of ASCII, text with no ASCII at all included', () => {
    expect(toBytes('abc\x7f')).toBe('abc\x7f');
    expect(toBytes('\x80')).toBe('\xc2\x80');
    expect(toBytes('é')).toBe('\xc3\xa9');
    expect(toBytes('aé')).toBe('a\xc3\xa9');
    expect(toBytes('\u{1f600}')).toBe('\xf0\x9f\x98\x80');
    expect(fromBytes('abc\x7f')).toBe('abc\x7f');
    expect(fromBytes('\xc3\xa9')).toBe('é');
    expect(fromBytes('\x80')).toBe('\ufffd');
    expect(fromBytes('x\xff')).toBe('x\ufffd');
  });

  it('base64 as RFC 4648 section 10\'s test vectors, both ways, and every bit of the alphabet', () => {
    const vectors = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, coded] of vectors) {
      expect(base64Encode(enc(plain))).toBe(coded);
      expect(byteString(base64Decode(coded))).toBe(plain);
    }
    expect(base64Encode(enc('\xfb\xff'))).toBe('+/8=');
    expect(base64Encode(enc('\xff\xff\xff\x00'))).toBe('////AA==');
    expect(byteString(base64Decode('-_8='))).toBe('\xfb\xff');
    expect(byteString(base64Decode('+/8'))).toBe('\xfb\xff');
    expect(byteString(base64Decode('Zm 9v\nYg!'))).toBe('foob');
    expect(byteString(base64Decode('Zm9v=YmFy'))).toBe('foo');
    expect(byteString(base64Decode('Z'))).toBe('');
  });

  it('hex, and byte strings from arrays and back, a char above 255 as its low byte', () => {
    expect(hexOf(enc('\x00\x0f\x10\xff'))).toBe('000f10ff');
    expect(hexOf(new Uint8Array())).toBe('');
    expect([...byteArray('A\u0141\u00ff')]).toEqual([0x41, 0x41, 0xff]);
    const long = new Uint8Array(0x2000 * 2 + 1).map((_, i) => (i * 7) & 0xff);
    expect(hexOf(byteArray(byteString(long)))).toBe(hexOf(long));
    expect(byteString(new Uint8Array())).toBe('');
  });
});
