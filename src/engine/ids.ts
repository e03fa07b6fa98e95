// Seeded identifiers: the core has no randomness, so every replay prints the same IDs.
// The generator state lives in the engine state (a counter hashed with the seed).

import { digestHex } from '../fs/digest.ts';

export interface IdState {
  seed: string;
  counter: number;
}

/**
 * Next 64-hex ID. Like moby's stringid.GenerateRandomID, an ID whose 12-char short form is all
 * digits is redrawn (it could be mistaken for a number).
 */
export function nextId(ids: IdState): string {
  for (;;) {
    ids.counter += 1;
    const id = sha256Hex(`${ids.seed}:${ids.counter}`);
    if (!/^[0-9]{12}/.test(id)) return id;
  }
}

/** sha256 of a byte string (a char above 255 counts as its low 8 bits), as hex. */
export function sha256Hex(text: string): string {
  return digestHex('sha256', text);
}
