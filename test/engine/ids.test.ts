// engine/ids.ts: seeded IDs. Each is the sha256 of the seed and the next value of a counter kept in
// the engine state, so that a replay prints the same IDs; like moby's stringid.GenerateRandomID
// (pkg/stringid/stringid.go), an ID whose 12-character short form is all digits is drawn again,
// since a short ID is a container's host name and must not read as a number (moby#3869).

import { describe, expect, it } from 'vitest';
import { nextId, sha256Hex } from '../../src/engine/ids.ts';

describe('nextId', () => {
  it('draws the sha256 of the seed and the next counter value, counting up', () => {
    const ids = { seed: 'seed', counter: 0 };
    expect(nextId(ids)).toBe(sha256Hex('seed:1'));
    expect(ids.counter).toBe(1);
    expect(nextId(ids)).toBe(sha256Hex('seed:2'));
    expect(ids.counter).toBe(2);
    // a replay from the same state draws the same IDs
    const again = { seed: 'seed', counter: 0 };
    expect([nextId(again), nextId(again)]).toEqual([sha256Hex('seed:1'), sha256Hex('seed:2')]);
  });

  it('draws again when the short ID would be all digits, and only then', () => {
    // counter 17 of seed "seed" hashes to an ID whose first 12 characters are digits
    expect(sha256Hex('seed:17').slice(0, 12)).toMatch(/^[0-9]{12}$/);
    const ids = { seed: 'seed', counter: 16 };
    expect(nextId(ids)).toBe(sha256Hex('seed:18'));
    expect(ids.counter).toBe(18);
    // counter 28: starts with a digit and holds 12 digits in a row, but not at the start: kept
    const id28 = sha256Hex('seed:28');
    expect(id28).toMatch(/^[0-9].*[0-9]{12}/);
    expect(id28.slice(0, 12)).not.toMatch(/^[0-9]{12}$/);
    expect(nextId({ seed: 'seed', counter: 27 })).toBe(id28);
  });

  it('no ID of a long run has an all-digit short form, and none repeats', () => {
    const ids = { seed: 'strata', counter: 0 };
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(nextId(ids));
    expect(seen.size).toBe(2000);
    expect([...seen].filter((id) => /^[0-9]{12}/.test(id))).toEqual([]);
    // 2000 IDs, and the few all-digit short forms drawn again (about 0.4 % of draws)
    expect(ids.counter).toBeGreaterThan(2000);
  });
});
