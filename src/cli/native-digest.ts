// The CLI hashes with node:crypto once a process has hashed a few KB (src/fs/digest.ts
// useNativeDigest, NATIVE_AFTER): builds hash every source they copy (the build cache's tarsums)
// and `docker save` every layer, ~1.7 % of a whole-corpus check in @noble/hashes' JavaScript.
// node:crypto is loaded only then, so a page check or `--help`, which hash a few IDs, never pays
// its load (~7-10 ms of CPU here, 206 page faults).

import { createRequire } from 'node:module';
import type * as NodeCrypto from 'node:crypto';
import { useNativeDigest } from '../fs/digest.ts';

const load = createRequire(import.meta.url);
let crypto: typeof NodeCrypto | undefined;

/** Hash long texts with node:crypto from now on (in this thread: a worker calls it too, as it loads the engine). */
export function useNodeDigest(): void {
  // 'latin1' writes each char's low 8 bits, as digestHex does for @noble/hashes
  useNativeDigest((algo, bytes) => (crypto ??= load('node:crypto') as typeof NodeCrypto).createHash(algo).update(bytes, 'latin1').digest('hex'));
}
