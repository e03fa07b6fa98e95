/// <reference path="./unbzip2-stream.d.ts" />
// bzip2 decompression, for ADD (moby pkg/archive DetectCompression recognises `BZh`) and the
// shells' tar. The decoder is unbzip2-stream's (lib/bzip2.js: pure JavaScript over byte arrays,
// MIT, runs in a browser); this drives it over a whole buffer, stream after stream, as bzip2(1)
// and Go's compress/bzip2 read concatenated streams (pbzip2's output).

import bzip2 from 'unbzip2-stream/lib/bzip2.js';
import bitIterator from 'unbzip2-stream/lib/bit_iterator.js';
import { byteArray, byteString } from '../fs/bytes.ts';
import { decompressionLimit, LimitError, MAX_FILE_BYTES } from '../fs/errors.ts';

/** Data that is not a whole bzip2 stream (bad magic, a bad block, a CRC mismatch, truncation). */
export class Bzip2Error extends Error {}

/** Whether bytes start like a bzip2 stream (magic `BZh` and a block size digit). */
export function isBzip2(data: string): boolean {
  return /^BZh[1-9]/.test(data.slice(0, 4));
}

/** The decompressed bytes of a byte string holding one or more bzip2 streams. */
export function bunzip2(data: string): string {
  const input = byteArray(data);
  let served = false;
  const bits = bitIterator(() => {
    if (served) throw new Bzip2Error('unexpected end of bzip2 data');
    served = true;
    return input;
  });
  let out = new Uint8Array(Math.max(4096, input.length * 4));
  let n = 0;
  const push = (byte: number): void => {
    // a few kilobytes of bzip2 can stand for gigabytes: the simulation's file budget bounds it
    if (n >= MAX_FILE_BYTES) throw decompressionLimit('bzip2');
    if (n === out.length) {
      const bigger = new Uint8Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[n++] = byte;
  };
  try {
    for (;;) {
      const level = bzip2.header(bits);
      const bufsize = 100000 * level;
      const buf = new Int32Array(bufsize);
      for (let crc: number | null = 0; crc !== null; ) crc = bzip2.decompress(bits, push, buf, bufsize, crc);
      const next = bits.bytesRead;
      if (next >= input.length || !isBzip2(data.slice(next, next + 4))) break;
    }
  } catch (e) {
    if (e instanceof Bzip2Error || e instanceof LimitError) throw e;
    throw new Bzip2Error(e instanceof Error ? e.message : String(e));
  }
  return byteString(out.subarray(0, n));
}
