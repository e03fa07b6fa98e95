// gzip compression of byte strings, for the shells' gzip and tar -z, ADD and docker's archives.

import { gzip as deflateGzip, ungzip } from 'pako';
import { byteArray, byteString } from '../fs/bytes.ts';

// pako, not fflate: pako is a port of zlib and gives the same bytes as node:zlib did (same header,
// level 6, same matches), so archive sizes and checksums in recordings stay as they were; fflate's
// own deflate gives different (valid) bytes. pako's inflate also fails exactly where zlib does
// (truncated, corrupt, bad CRC or length): test/shell/gzip.test.ts compares them.

/** gzip a byte string (zlib's level 6, mtime 0, no name), as `gzip` writes it. */
export function gzipBytes(data: string): string {
  return byteString(deflateGzip(byteArray(data)));
}

/** Decompress gzip members; throws on anything that is not a whole, valid gzip stream. */
export function gunzipBytes(data: string): string {
  // windowBits 16+15: gzip only (pako's default also takes a zlib stream, which gunzip refuses).
  return byteString(ungzip(byteArray(data), { windowBits: 31 }));
}
