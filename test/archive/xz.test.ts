// The xz decoder (src/archive/xz.ts) against files XZ Utils wrote (test/archive/xz/README.md):
// every check type, presets, unusual lc/lp/pb, several blocks, several streams; and corrupt or
// truncated input is an XzError, never a crash or wrong bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, crc64, unxz, XzError, XzUnsupported } from '../../src/archive/xz.ts';
import { decompress, detectCompression, UnsupportedCompression } from '../../src/archive/compression.ts';
import { LimitError } from '../../src/fs/errors.ts';

const DIR = join(import.meta.dirname, 'xz');
const fixture = (name: string): string => readFileSync(join(DIR, name)).toString('latin1');

const TEXT = Array.from({ length: 3000 }, (_, i) => `line ${i + 1} hello world ${(i + 1) % 37}\n`).join('');
const RANDOM = ((): string => {
  let x = 12345;
  let s = '';
  for (let i = 0; i < 8192; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += String.fromCharCode(x >>> 24);
  }
  return s;
})();

describe('unxz', () => {
  it.each(['text.xz', 'text-crc32.xz', 'text-sha256-9e.xz', 'text-none-0.xz', 'text-lc4-pb0.xz', 'text-lp2-pb4.xz', 'text-blocks.xz'])('decodes %s', (name) => {
    expect(unxz(fixture(name))).toBe(TEXT);
  });

  it('decodes incompressible data, an empty file and concatenated streams with padding', () => {
    expect(unxz(fixture('random.xz'))).toBe(RANDOM);
    expect(unxz(fixture('empty.xz'))).toBe('');
    expect(unxz(fixture('two-streams.xz'))).toBe(TEXT + 'a');
  });

  it('refuses a filter other than LZMA2 by name, and decompress() turns that into a refusal', () => {
    expect(() => unxz(fixture('text-bcj-x86.xz'))).toThrow(XzUnsupported);
    expect(() => decompress(fixture('text-bcj-x86.xz'))).toThrow(UnsupportedCompression);
    expect(detectCompression(fixture('text.xz'))).toBe('xz');
    expect(decompress(fixture('text.xz'))).toBe(TEXT);
  });

  it('reports a changed byte or a truncation as XzError, never as other bytes', () => {
    const good = fixture('text.xz');
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, xor, truncate) => {
        const bad = truncate ? good.slice(0, at) : good.slice(0, at) + String.fromCharCode(good.charCodeAt(at) ^ xor) + good.slice(at + 1);
        let out: string | undefined;
        try {
          out = unxz(bad);
        } catch (e) {
          expect(e instanceof XzError || e instanceof XzUnsupported).toBe(true);
          return;
        }
        // every byte of an xz file is covered by a CRC, the check or the format's rules
        expect(out).toBe(TEXT);
        expect(truncate).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('stops a decompression bomb at the file budget instead of filling memory', () => {
    expect(() => unxz(fixture('zeros-70M.xz'))).toThrow(LimitError);
  });

  it('computes CRC32 and CRC64 as the xz format defines them (check values of "123456789")', () => {
    const digits = new TextEncoder().encode('123456789');
    expect(crc32(digits)).toBe(0xcbf43926);
    expect(crc64(digits)).toEqual([0xdf1939fa, 0x995dc9bb]);
  });
});
