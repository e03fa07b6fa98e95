// What compression a byte string is in, by its first bytes, and its decompressed bytes: moby's
// pkg/archive DetectCompression and DecompressStream, which ADD uses to decide whether a local
// source is an archive whatever its name (both builders), and which the shells' tar reads too.

import { gunzipBytes } from './gzip.ts';
import { bunzip2, isBzip2 } from './bzip2.ts';
import { isXz, unxz, XzUnsupported } from './xz.ts';

export type Compression = 'none' | 'gzip' | 'bzip2' | 'xz';

/**
 * moby pkg/archive DetectCompression: bzip2 `BZh`, gzip 1f 8b 08, xz fd '7zXZ' 00. (bzip2 here
 * also wants the block size digit that every bzip2 stream has after `BZh`.)
 */
export function detectCompression(data: string): Compression {
  if (isBzip2(data)) return 'bzip2';
  if (data.startsWith('\x1f\x8b\x08')) return 'gzip';
  if (isXz(data)) return 'xz';
  return 'none';
}

/** A compression strata has no decoder for: refused by name where it would be read. */
export class UnsupportedCompression extends Error {
  constructor(readonly compression: Compression) {
    super(`${compression}-compressed data`);
  }
}

/**
 * The bytes of data once decompressed (DecompressStream over the whole buffer). Throws on
 * corrupt or truncated data, and UnsupportedCompression for an xz file that uses a filter other
 * than LZMA2 (xz.ts decodes what `xz` and `tar -J` write, not BCJ or delta filters).
 */
export function decompress(data: string): string {
  switch (detectCompression(data)) {
    case 'none':
      return data;
    case 'gzip':
      return gunzipBytes(data);
    case 'bzip2':
      return bunzip2(data);
    case 'xz':
      try {
        return unxz(data);
      } catch (e) {
        if (e instanceof XzUnsupported) throw new UnsupportedCompression('xz');
        throw e;
      }
  }
}
