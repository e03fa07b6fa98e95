// Go's unicode/utf8 over byte strings: decoding must agree with the platform's UTF-8 decoder on
// valid text, and on any bytes split them into runes that join back to the input, an invalid
// byte alone as U+FFFD (Go's rule, not WHATWG's maximal subparts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byteString, toBytes } from '../../src/fs/bytes.ts';
import { RUNE_ERROR, decodeRune, encodeRune, mapRunes, runeCount, runes, validUtf8 } from '../../src/fs/utf8.ts';

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 200);
const text = fc.string({ unit: 'grapheme', maxLength: 60 });
const anyBytes = fc.uint8Array({ maxLength: 200 }).map(byteString);

describe('utf8 over byte strings', () => {
  it('decodes valid UTF-8 to the code points of the text it encodes', () => {
    fc.assert(
      fc.property(text, (t) => {
        const b = toBytes(t);
        expect([...runes(b)].map((r) => r.cp)).toEqual([...t].map((c) => c.codePointAt(0)));
        expect(runeCount(b)).toBe([...t].length);
        expect([...t].map((c) => encodeRune(c.codePointAt(0)!)).join('')).toBe(b);
        expect(validUtf8(b)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('splits any bytes into runes that join back, validity as a fatal TextDecoder sees it', () => {
    fc.assert(
      fc.property(anyBytes, (b) => {
        const rs = [...runes(b)];
        expect(rs.map((r) => r.bytes).join('')).toBe(b);
        for (const r of rs) if (r.cp === RUNE_ERROR && r.bytes.length === 1) expect(r.bytes.charCodeAt(0)).toBeGreaterThanOrEqual(0x80);
        let fatalOk = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(b, (c) => c.charCodeAt(0)));
        } catch {
          fatalOk = false;
        }
        expect(validUtf8(b)).toBe(fatalOk);
      }),
      { numRuns: RUNS },
    );
  });

  it('follows Go on the edge cases', () => {
    expect(decodeRune('\xe2\x82', 0)).toEqual({ cp: RUNE_ERROR, size: 1 }); // truncated: one byte at a time
    expect(decodeRune('\xc0\x80', 0)).toEqual({ cp: RUNE_ERROR, size: 1 }); // overlong
    expect(decodeRune('\xed\xa0\x80', 0)).toEqual({ cp: RUNE_ERROR, size: 1 }); // a surrogate
    expect(decodeRune('\xf4\x90\x80\x80', 0)).toEqual({ cp: RUNE_ERROR, size: 1 }); // above U+10FFFF
    expect(encodeRune(0xd800)).toBe('\xef\xbf\xbd');
    expect(mapRunes('a\xffb', (c) => c)).toBe('a\xef\xbf\xbdb'); // strings.Map writes U+FFFD for an invalid byte
  });
});

describe('utf8 at every boundary of Go\'s acceptRanges', () => {
  // The oracle: a valid sequence is the one prefix of at most 4 bytes that a fatal TextDecoder
  // reads as exactly one code point (valid UTF-8 is prefix-free); anything else is Go's RuneError
  // of width 1 (utf8.go DecodeRuneInString).
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const oracle = (s: string): { cp: number; size: number } => {
    for (let n = 1; n <= Math.min(4, s.length); n++) {
      try {
        const cps = [...fatal.decode(Uint8Array.from(s.slice(0, n), (c) => c.charCodeAt(0)))];
        if (cps.length === 1) return { cp: cps[0].codePointAt(0)!, size: n };
      } catch {
        // not a whole sequence yet
      }
    }
    return { cp: RUNE_ERROR, size: 1 };
  };
  const LEADS = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xd0, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff];
  const SECONDS = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
  const TAILS = [0x7f, 0x80, 0xbf, 0xc0];

  it('decodes each lead byte with each edge of its second and later bytes as a fatal decoder does', () => {
    const got: string[] = [];
    const want: string[] = [];
    const check = (s: string, at: number): void => {
      got.push(`${s} ${JSON.stringify(decodeRune(s, at))}`);
      want.push(`${s} ${JSON.stringify(oracle(s.slice(at)))}`);
    };
    for (const b0 of LEADS)
      for (const b1 of SECONDS) {
        // cut short: the bytes that are there decide
        check(String.fromCharCode(b0), 0);
        check(String.fromCharCode(b0, b1), 0);
        for (const b2 of TAILS) {
          check(String.fromCharCode(b0, b1, b2), 0);
          for (const b3 of TAILS) check(String.fromCharCode(0x78, b0, b1, b2, b3), 1);
        }
      }
    expect(got).toEqual(want);
  });

  it('encodes each boundary code point as TextEncoder does, and what is no scalar value as U+FFFD', () => {
    const encoder = new TextEncoder();
    for (const cp of [0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff]) {
      expect(encodeRune(cp)).toBe(byteString(encoder.encode(String.fromCodePoint(cp))));
    }
    for (const cp of [-1, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0x110000]) expect(encodeRune(cp)).toBe('\xef\xbf\xbd');
  });

  it('counts, maps and validates rune by rune', () => {
    const s = 'a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff\xc3';
    expect(runeCount(s)).toBe(6);
    expect([...runes(s)].map((r) => [r.cp, r.bytes.length])).toEqual([[0x61, 1], [0xe9, 2], [0x20ac, 3], [0x1f600, 4], [RUNE_ERROR, 1], [RUNE_ERROR, 1]]);
    expect(mapRunes(s, (c) => c + 1)).toBe(toBytes('b\u00ea\u20ad\u{1f601}\ufffe\ufffe'));
    expect(validUtf8(s)).toBe(false);
    expect(validUtf8(s.slice(0, 10))).toBe(true);
    expect(validUtf8('\xef\xbf\xbd')).toBe(true); // U+FFFD written out is valid
    expect(validUtf8('')).toBe(true);
  });
});
