// Interim stand-in for node:crypto's createHash (see README.md): @noble/hashes.
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { Buffer } from './buffer.ts';

const HASHES = { md5, sha1, sha256, sha512 } as const;

export function createHash(algo: string) {
  const h = HASHES[algo as keyof typeof HASHES].create();
  const api = {
    update(data: string | Uint8Array, enc?: string) {
      h.update(typeof data === 'string' ? Buffer.from(data, enc ?? 'utf8') : data);
      return api;
    },
    digest(enc: string) {
      return Buffer.from(h.digest()).toString(enc);
    },
  };
  return api;
}
