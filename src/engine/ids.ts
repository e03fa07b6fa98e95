// Seeded identifiers: the core has no randomness, so every replay prints the same IDs.
// The generator state lives in the engine state (a counter hashed with the seed).

import { createHash } from 'node:crypto';

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

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'latin1').digest('hex');
}
