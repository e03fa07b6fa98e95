// gzip compression of byte strings, for the shells' gzip and tar -z, ADD and docker's archives.

import { gzip as deflateGzip, Inflate } from 'pako';
import { byteArray, byteString } from '../fs/bytes.ts';
import { decompressionLimit, MAX_FILE_BYTES } from '../fs/errors.ts';
import { registerMemo } from '../engine/memos.ts';

// pako, not fflate: pako is a port of zlib and gives the same bytes as node:zlib did (same header,
// level 6, same matches), so archive sizes and checksums in recordings stay as they were; fflate's
// own deflate gives different (valid) bytes. pako's inflate also fails exactly where zlib does
// (truncated, corrupt, bad CRC or length): test/shell/gzip.test.ts compares them.

/** gzip a byte string (zlib's level 6, mtime 0, no name), as `gzip` writes it. */
export function gzipBytes(data: string): string {
  if (data.length < MEMO_MIN_BYTES) return byteString(deflateGzip(byteArray(data)));
  let zipped = ZIPPED.get(data);
  // Stryker disable next-line ConditionalExpression: compressing again gives the same bytes
  if (zipped === undefined) {
    zipped = byteString(deflateGzip(byteArray(data)));
    remember(ZIPPED, data, zipped);
    // what gunzip gives back of these bytes is the data (within the budget gunzipBytes checks)
    // Stryker disable next-line all: the memo only decides what is decompressed again
    if (data.length <= MAX_FILE_BYTES) remember(UNZIPPED, zipped, data);
  }
  return zipped;
}

// Large archives are compressed and decompressed again and again: a scenario's `docker save |
// gzip > img.tar.gz` and its `docker load` of it, the same images saved in scenario after scenario,
// `tar -z` of the same tree (pako's deflate and inflate were a quarter of those scenarios' time,
// valgrind). Both are functions of their input alone, so they are remembered, as contentDigest
// remembers digests (fs/digest.ts): strings are immutable and a text is its own key. Only one
// direction is inferred: gunzip of what gzipBytes wrote is its input, while gzip of what gunzip
// gave need not be the bytes it was given (another level, or another compressor).
// Small inputs are not kept: compressing them costs less than keeping them.
const MEMO_MIN_BYTES = 4096;
const MEMO_BYTES = 64 << 20;
const ZIPPED = new Map<string, string>();
const UNZIPPED = new Map<string, string>();
let memoBytes = 0;
registerMemo(() => {
  ZIPPED.clear();
  UNZIPPED.clear();
  memoBytes = 0;
});

/** Keep `value` for `key`, emptying both memos first when they would hold more than MEMO_BYTES. */
function remember(memo: Map<string, string>, key: string, value: string): void {
  // Stryker disable all: when the memos are emptied only decides what is computed again, never a result
  if (memoBytes + key.length + value.length > MEMO_BYTES) {
    ZIPPED.clear();
    UNZIPPED.clear();
    memoBytes = 0;
  }
  // Stryker restore all
  memo.set(key, value);
  // Stryker disable next-line all: the byte count only decides when the memos are emptied
  memoBytes += key.length + value.length;
}

/**
 * Decompress gzip members; throws on anything that is not a whole, valid gzip stream, and
 * LimitError past the simulation's file budget (a few kilobytes of gzip can stand for gigabytes).
 * This is pako's ungzip (Inflate, push with finish, its error), counting what it writes.
 */
export function gunzipBytes(data: string): string {
  const known = data.length < MEMO_MIN_BYTES ? undefined : UNZIPPED.get(data);
  // Stryker disable next-line ConditionalExpression: decompressing again gives the same bytes
  if (known !== undefined) return known;
  const result = inflate(data);
  // (a failure is thrown, never remembered)
  // Stryker disable next-line all: the memo only decides what is decompressed again
  if (data.length >= MEMO_MIN_BYTES) remember(UNZIPPED, data, result);
  return result;
}

/** gunzipBytes's work, not remembered. */
function inflate(data: string): string {
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
