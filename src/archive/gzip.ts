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
  if (inflator.err) throw new GunzipError(inflator.msg, inflator.err === Z_BUF_ERROR ? 'truncated' : /check$/.test(inflator.msg) ? 'checksum' : 'corrupt', () => deflateBody(data));
  return byteString(inflator.result as Uint8Array);
}

const Z_BUF_ERROR = -5;

/**
 * A gzip stream gunzipBytes refused, by what failed, as Go's compress/gzip reader tells them
 * apart: `truncated` (the input ended first: io.ErrUnexpectedEOF), `checksum` (the trailer's CRC
 * or length is wrong, after all the data: gzip.ErrChecksum), `corrupt` (the deflate data:
 * flate.CorruptInputError, whose byte offset strata does not compute). The message is pako's
 * (zlib's), which the shells' gzip and tar print.
 */
export class GunzipError extends Error {
  constructor(
    message: string,
    readonly kind: 'truncated' | 'checksum' | 'corrupt',
    /** The whole deflate body's data when it is intact (the trailer is wrong or cut), else undefined. */
    readonly body: () => string | undefined,
  ) {
    super(message);
  }
}

/** The data of a gzip member's deflate stream, read to its end whatever the trailer says; undefined when the stream itself is cut or corrupt (RFC 1952 header: FEXTRA, FNAME, FCOMMENT, FHCRC). */
function deflateBody(data: string): string | undefined {
  const flags = data.charCodeAt(3);
  let i = 10;
  if (flags & 4) i += 2 + data.charCodeAt(i) + (data.charCodeAt(i + 1) << 8);
  if (flags & 8) i = data.indexOf('\0', i) + 1;
  if (flags & 16) i = data.indexOf('\0', i) + 1;
  if (flags & 2) i += 2;
  if (i <= 0 || i > data.length) return undefined;
  const inflator = new Inflate({ raw: true });
  let total = 0;
  const keep = inflator.onData.bind(inflator);
  inflator.onData = (chunk) => {
    total += chunk.length;
    if (total > MAX_FILE_BYTES) throw decompressionLimit('gzip');
    keep(chunk);
  };
  inflator.push(byteArray(data.slice(i)), true);
  return inflator.err || !inflator.ended ? undefined : byteString(inflator.result as Uint8Array);
}
