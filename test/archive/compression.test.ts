// bzip2 decoding and moby's DetectCompression. The streams below were written by bzip2(1) 1.0.8
// (`printf 'just some text\n' | bzip2 -9`, and a tar of pkg/p1 = "p1\n"), so the decoder is
// checked against the real compressor's output, not its own.
import { XzError } from '../../src/archive/xz.ts';
import { LimitError } from '../../src/fs/errors.ts';
import { describe, expect, it } from 'vitest';
import { Bzip2Error, bunzip2 } from '../../src/archive/bzip2.ts';
import { UnsupportedCompression, decompress, detectCompression } from '../../src/archive/compression.ts';
import { GunzipError, gunzipBytes, gzipBytes } from '../../src/archive/gzip.ts';
import { readTar } from '../../src/archive/tar.ts';

const hex = (h: string): string => h.replace(/../g, (b) => String.fromCharCode(parseInt(b, 16)));
const TEXT = hex('425a6839314159265359d1331428000002d1800010400002128e4020003100302068c9a281b60a3cc06fc5dc914e1424344cc50a00');
const TAR = hex(
  '425a68393141592653594dc6e314000091fb80c99000024000ff80001460885e000408200070500034000024926d536984d43469ea69ea667b4f7a0e9013d52422b7beb40d8b5e048421856854c103934711518038f5d85618886081b9a1c3aeec44b14847db8cf290f04747d28739c37464c9926241fc5dc914e14241371b8c50',
);

describe('bunzip2', () => {
  it('decodes what bzip2 wrote, one stream or several concatenated', () => {
    expect(bunzip2(TEXT)).toBe('just some text\n');
    expect(bunzip2(TEXT + TEXT)).toBe('just some text\njust some text\n');
    const entries = readTar(bunzip2(TAR));
    expect(entries.map((e) => [e.name, e.type, e.data ?? ''])).toEqual([
      ['pkg', 'dir', ''],
      ['pkg/p1', 'file', 'p1\n'],
    ]);
  });

  it('stops a decompression bomb at the file budget instead of filling memory', () => {
    // `head -c 70000000 /dev/zero | bzip2 -c`: 82 bytes past the 64 MiB file budget
    const bomb = hex('425a68393141592653590e09e2df015f8e4000c0000008200030804d4642a025a90a8097314159265359c52f629100b8984004c00000200008200030cc0529a60a2153621442a78bb9229c28486c9e539780');
    expect(() => bunzip2(bomb)).toThrow(LimitError);
  });

  it('refuses truncated or corrupt data', () => {
    expect(() => bunzip2(TEXT.slice(0, 30))).toThrow(Bzip2Error);
    const flipped = TEXT.slice(0, 20) + String.fromCharCode(TEXT.charCodeAt(20) ^ 0xff) + TEXT.slice(21);
    expect(() => bunzip2(flipped)).toThrow(Bzip2Error);
    expect(() => bunzip2('BZh9not really')).toThrow(Bzip2Error);
  });
});

describe('gunzipBytes', () => {
  it('tells a cut stream, a wrong trailer and corrupt data apart, and gives the data of an intact body', () => {
    const text = 'line of a tar archive\n'.repeat(2000);
    const gz = gzipBytes(text);
    const failure = (data: string): GunzipError => {
      try {
        gunzipBytes(data);
      } catch (e) {
        if (e instanceof GunzipError) return e;
        throw e;
      }
      throw new Error('gunzipBytes took it');
    };
    const cut = failure(gz.slice(0, gz.length >> 1));
    expect([cut.kind, cut.body()]).toEqual(['truncated', undefined]);
    // a cut trailer: the deflate body is whole
    const cutTrailer = failure(gz.slice(0, -4));
    expect([cutTrailer.kind, cutTrailer.body()]).toEqual(['truncated', text]);
    const crc = failure(gz.slice(0, -8) + '\0\0\0\0' + gz.slice(-4));
    expect([crc.kind, crc.body()]).toEqual(['checksum', text]);
    // a name in the header (FNAME) is skipped to reach the body
    const named = gz.slice(0, 3) + String.fromCharCode(gz.charCodeAt(3) | 8) + gz.slice(4, 10) + 'f.tar\0' + gz.slice(10);
    expect(gunzipBytes(named)).toBe(text);
    expect(failure(named.slice(0, -8) + '\0\0\0\0' + named.slice(-4)).body()).toBe(text);
    // a block type 3 (reserved) right after the header
    const corrupt = failure(gz.slice(0, 10) + '\xff\xff\xff' + gz.slice(13));
    expect([corrupt.kind, corrupt.body()]).toEqual(['corrupt', undefined]);
  });
  it('stops a decompression bomb at the file budget instead of filling memory', () => {
    // 65 MiB of zeros compress to about 64 KB; the members decompress one after another
    const member = gzipBytes('\0'.repeat(33 << 20));
    expect(gunzipBytes(member).length).toBe(33 << 20);
    expect(() => gunzipBytes(member + member)).toThrow(LimitError);
  });
});

describe('detectCompression and decompress (moby pkg/archive)', () => {
  it('tells the compressions apart by their magic bytes, whatever else follows', () => {
    expect(detectCompression(TEXT)).toBe('bzip2');
    expect(detectCompression(gzipBytes('x'))).toBe('gzip');
    expect(detectCompression('\xfd7zXZ\x00rest')).toBe('xz');
    expect(detectCompression('BZh')).toBe('none'); // no block size digit
    expect(detectCompression('\x1f\x8b\x07')).toBe('none'); // gzip's magic names deflate (08)
    expect(detectCompression('plain text')).toBe('none');
  });

  it('decompresses gzip and bzip2, passes the rest; xz (xz.test.ts) fails on a bare magic', () => {
    expect(decompress(gzipBytes('abc'))).toBe('abc');
    expect(decompress(TEXT)).toBe('just some text\n');
    expect(decompress('plain')).toBe('plain');
    expect(() => decompress('\xfd7zXZ\x00')).toThrow(XzError);
  });
});
