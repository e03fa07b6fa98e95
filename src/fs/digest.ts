// Message digests of byte strings: image and layer IDs (sha256) and the md5sum/sha*sum applets.
// The core runs in a browser too (issue #15), so this is @noble/hashes (audited, pure JS, no
// dependencies) rather than node:crypto; test/fs/digest.test.ts checks it against FIPS 180-4 /
// RFC 1321 vectors and against node:crypto on random input.

import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { hexOf } from './bytes.ts';
import { registerMemo } from '../engine/memos.ts';

export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

const HASHES = { md5, sha1, sha256, sha512 } as const;

// Byte strings can be large (a layer's tree as JSON is megabytes): convert and hash them a chunk
// at a time instead of building one array as long as the text.
const CHUNK = 1 << 16;

/**
 * Hex digest of a byte string. A char above 255 counts as its low 8 bits, as Buffer's 'latin1'
 * encoding did when node:crypto hashed these strings: IDs stay what they always were.
 */
export function digestHex(algo: DigestAlgorithm, bytes: string): string {
  hashed += bytes.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: either way gives the same digest (test/fs/digest.test.ts)
  if (native !== undefined && hashed >= NATIVE_AFTER) return native(algo, bytes);
  const h = HASHES[algo].create();
  // Stryker disable next-line MethodExpression: a larger buffer only costs memory (what is hashed is its first n bytes)
  const buf = new Uint8Array(Math.min(CHUNK, bytes.length));
  // Stryker disable next-line EqualityOperator: one more chunk at the end is empty and hashes nothing
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const n = Math.min(CHUNK, bytes.length - start);
    // Stryker disable next-line EqualityOperator: a byte written past n is never hashed
    for (let i = 0; i < n; i++) buf[i] = bytes.charCodeAt(start + i);
    // Stryker disable next-line ConditionalExpression: the whole buffer is its subarray of its length
    h.update(n === buf.length ? buf : buf.subarray(0, n));
  }
  return hexOf(h.digest());
}

/**
 * The same digests from a platform's own implementation, given by its host (src/cli gives
 * node:crypto's, ~10x faster on a 4 KB text than @noble/hashes in JavaScript, where builds hash
 * their sources and `docker save` its layers): the core imports no platform module, and a browser
 * keeps @noble/hashes. It must hash a char as its low 8 bits, as node's 'latin1' does.
 */
export type NativeDigest = (algo: DigestAlgorithm, bytes: string) => string;

let native: NativeDigest | undefined;

/**
 * The host's digest takes over once this many bytes have been hashed (since useNativeDigest),
 * the text at hand included: loading it is worth it only for what is left to hash. node:crypto's
 * load costs a process ~7-10 ms of CPU (206 page faults), about what @noble/hashes takes for 4-8
 * KB of text in a process that has not hashed much yet (its code cold); a page check hashes 0.1-12
 * KB in all (short IDs, and nginx's entrypoint an `md5sum -c` of its 1 KB default.conf, which
 * loaded node:crypto for page 002 at the former 1 KB per text), a build or `docker save` megabytes.
 */
const NATIVE_AFTER = 8192;
let hashed = 0;

/** Hash texts with `digest` (undefined: @noble/hashes for all) once NATIVE_AFTER bytes have been hashed, from now on. */
export function useNativeDigest(digest: NativeDigest | undefined): void {
  native = digest;
  hashed = 0;
}

/**
 * sha256 hex of a file's content, remembered: the same contents (a stand-in's binaries, a copied
 * file) are hashed again and again as layers are made of them. Strings are immutable, so the
 * text is its own key; the cache keeps at most CONTENT_MEMO_BYTES of keys alive and is a cache,
 * not state (the digest of a text never changes).
 */
export function contentDigest(bytes: string): string {
  let hex = CONTENT_MEMO.get(bytes);
  // Stryker disable next-line ConditionalExpression: hashing again gives the same digest
  if (hex === undefined) {
    hex = digestHex('sha256', bytes);
    // Stryker disable all: when the memo is emptied only decides what is hashed again, never a digest
    if (contentMemoBytes + bytes.length > CONTENT_MEMO_BYTES) {
      CONTENT_MEMO.clear();
      contentMemoBytes = 0;
    }
    // Stryker restore all
    CONTENT_MEMO.set(bytes, hex);
    // Stryker disable next-line all: the byte count only decides when the memo is emptied
    contentMemoBytes += bytes.length;
  }
  return hex;
}

const CONTENT_MEMO = new Map<string, string>();
const CONTENT_MEMO_BYTES = 64 << 20;
let contentMemoBytes = 0;
registerMemo(() => {
  CONTENT_MEMO.clear();
  contentMemoBytes = 0;
});
