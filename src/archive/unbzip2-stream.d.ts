// Types for the two files of unbzip2-stream that strata uses (the package ships none): its
// decoder and bit reader, plain JavaScript over arrays of bytes with no Node API.

declare module 'unbzip2-stream/lib/bit_iterator.js' {
  /** Read n bits (big-endian); `null` skips to the next byte boundary. */
  export interface BitReader {
    (n: number | null): number;
    /** Bytes started so far. */
    bytesRead: number;
  }
  export default function bitIterator(nextBuffer: () => ArrayLike<number>): BitReader;
}

declare module 'unbzip2-stream/lib/bzip2.js' {
  import type { BitReader } from 'unbzip2-stream/lib/bit_iterator.js';
  interface Bzip2 {
    /** Read a stream header (`BZh1`..`BZh9`); the block size level, 1 to 9. */
    header(bits: BitReader): number;
    /**
     * Decode one block, each byte to `stream`; the running stream CRC, or null at the end of the
     * stream (its CRC checked, the reader aligned to a byte).
     */
    decompress(bits: BitReader, stream: (byte: number) => void, buf: Int32Array, bufsize: number, streamCRC: number): number | null;
  }
  const bzip2: Bzip2;
  export default bzip2;
}
