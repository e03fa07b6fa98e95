// Seeded identifiers: the core has no randomness, so every replay prints the same IDs.
// The generator state lives in the engine state (a counter hashed with the seed).

import { contentDigest, digestHex } from '../fs/digest.ts';
import { BoundedMemo } from './memos.ts';

export interface IdState {
  seed: string;
  counter: number;
  /** Placeholder identities given so far (nextPlaceholderId); absent: none. */
  placeholders?: number;
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

/**
 * A new identity for a placeholder file a server writes (fs/node.ts FileNode.placeholderId). Its
 * own counter, so that the IDs Docker shows (nextId) stay what they were. Only strata sees it:
 * explain tells by it which placeholder a copy is of.
 */
export function nextPlaceholderId(ids: IdState): string {
  ids.placeholders = (ids.placeholders ?? 0) + 1;
  return String(ids.placeholders);
}

/** sha256 of a byte string (a char above 255 counts as its low 8 bits), as hex. */
export function sha256Hex(text: string): string {
  // Every replay starts from the same state, so the same IDs and layer digests are hashed again
  // and again (the seeded IDs, a build's layers): short inputs are remembered. A cache, not
  // state: the digest of a text never changes.
  // Stryker disable next-line all: which cache a text goes through never changes its digest (both are sha256)
  if (text.length > MEMO_MAX_TEXT) return contentDigest(text);
  let hex = MEMO.get(text);
  // Stryker disable next-line ConditionalExpression: hashing a text again on a hit gives the digest the memo holds
  if (hex === undefined) {
    hex = digestHex('sha256', text);
    MEMO.set(text, hex);
  }
  return hex;
}

const MEMO = new BoundedMemo<string, string>(8192);
const MEMO_MAX_TEXT = 16384;
