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
