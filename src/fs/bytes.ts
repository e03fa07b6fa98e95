// Conversions between JavaScript text, the byte strings the simulated file systems hold (one char
// per byte, 0-255) and Uint8Array. The core runs in a browser too (issue #15), so this uses only
// what both have (TextEncoder, TextDecoder, Uint8Array), never Node's Buffer; each function keeps
// Buffer's exact result (test/fs/bytes.test.ts compares them on random input).

const encoder = new TextEncoder();
// ignoreBOM: keep a leading U+FEFF as Buffer's toString('utf8') does (the default strips it).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A char outside ASCII. ASCII text is its own UTF-8 encoding, and ASCII bytes decode to
 * themselves: every command line and most outputs are ASCII, and skip the arrays.
 */
const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 encode text into a byte string (one char per byte). */
export function toBytes(text: string): string {
  // Stryker disable next-line ConditionalExpression: a shortcut: ASCII text encodes to itself
  if (!NON_ASCII.test(text)) return text;
  return byteString(encoder.encode(text));
}

/** Decode a byte string as UTF-8 text (invalid sequences become U+FFFD, as a terminal shows them). */
export function fromBytes(bytes: string): string {
  // Stryker disable next-line ConditionalExpression: a shortcut: ASCII bytes decode to themselves
  if (!NON_ASCII.test(bytes)) return bytes;
  return decoder.decode(byteArray(bytes));
}

/** A byte string as bytes; a char above 255 keeps its low 8 bits (Buffer's 'latin1'). */
export function byteArray(bytes: string): Uint8Array {
  const n = bytes.length;
  const out = new Uint8Array(n);
  // Stryker disable next-line EqualityOperator: a write past a Uint8Array's end is dropped
  for (let i = 0; i < n; i++) out[i] = bytes.charCodeAt(i);
  return out;
}

const CHUNK = 0x2000;

/** Bytes as a byte string (one char per byte). */
export function byteString(bytes: Uint8Array): string {
  let out = '';
  // `apply` takes the chunk as an array-like; a spread (`fromCharCode(...chunk)`) runs the typed
  // array's iterator, one result object per byte: 3.6-5.8x the time, and the largest single source
  // of allocation in a check of test/recorded/docker-26.1 (heap sampling: its gzip and tar -z).
  // Stryker disable next-line EqualityOperator: one more chunk at the end is empty
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes. */
export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (RFC 4648 section 4), as Go's encoding/json writes []byte. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i + 1 === bytes.length) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63] + '==';
  } else if (i + 2 === bytes.length) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
  }
  return out;
}

const B64_VALUE: ReadonlyMap<string, number> = new Map([...B64].map((c, i) => [c, i] as const).concat([['-', 62], ['_', 63]]));

/**
 * Decode base64 the lenient way Buffer.from(s, 'base64') does: characters outside the alphabet
 * are skipped, the URL-safe `-` and `_` count as `+` and `/`, decoding stops at the first `=`,
 * and bits that do not fill a byte are dropped.
 */
export function base64Decode(text: string): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of text) {
    if (c === '=') break;
    const v = B64_VALUE.get(c);
    if (v === undefined) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
