// gzip compression of byte strings, for the shells' gzip and tar -z, ADD and docker's archives.

import { gzip as deflateGzip, Inflate } from 'pako';
import { byteArray, byteString } from '../fs/bytes.ts';
import { decompressionLimit, MAX_FILE_BYTES } from '../fs/errors.ts';

// pako, not fflate: pako is a port of zlib and gives the same bytes as node:zlib did (same header,
// level 6, same matches), so archive sizes and checksums in recordings stay as they were; fflate's
// own deflate gives different (valid) bytes. pako's inflate also fails exactly where zlib does
// (truncated, corrupt, bad CRC or length): test/shell/gzip.test.ts compares them.

/** gzip a byte string (zlib's level 6, mtime 0, no name), as `gzip` writes it. */
export function gzipBytes(data: string): string {
  return byteString(deflateGzip(byteArray(data)));
}

/**
 * Decompress gzip members; throws on anything that is not a whole, valid gzip stream, and
 * LimitError past the simulation's file budget (a few kilobytes of gzip can stand for gigabytes).
 * This is pako's ungzip (Inflate, push with finish, its error), counting what it writes.
 */
export function gunzipBytes(data: string): string {
  // windowBits 16+15: gzip only (pako's default also takes a zlib stream, which gunzip refuses).
  const inflator = new Inflate({ windowBits: 31 });
  const keep = inflator.onData.bind(inflator);
  let total = 0;
  inflator.onData = (chunk) => {
    total += chunk.length;
    if (total > MAX_FILE_BYTES) throw decompressionLimit('gzip');
    keep(chunk);
  };
  inflator.push(byteArray(data), true);
  if (inflator.err) throw new Error(inflator.msg);
  return byteString(inflator.result as Uint8Array);
}
