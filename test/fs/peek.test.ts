// fs/peek.ts reads what an immer draft reads from, through immer's internal state: these tests
// hold it to the value immer's own getOwnPropertyDescriptor trap gives (the read the engine made
// before), at every point of a draft's life, so that an immer upgrade that changes its internals
// fails here rather than in a replay.

import { describe, expect, it } from 'vitest';
import { createDraft, finishDraft, freeze, isDraft, produce } from 'immer';
import { asItStands, peekOwn } from '../../src/fs/peek.ts';

type Rec = Record<string, { n: number } | undefined>;

/** The value immer's descriptor trap gives: what the engine read before fs/peek.ts. */
const viaDescriptor = (o: object, key: string): unknown => Object.getOwnPropertyDescriptor(o, key)?.value;

describe('asItStands', () => {
  const base = freeze({ a: { n: 1 }, b: { n: 2 } } as Rec, true);

  it('is the object itself when it is not a draft', () => {
    expect(asItStands(base)).toBe(base);
    const plain = Object.create(null) as Rec;
    expect(asItStands(plain)).toBe(plain);
    expect(asItStands([1, 2])).toEqual([1, 2]);
  });

  it('is the base of a draft nothing changed yet, and drafts nothing', () => {
    const d = createDraft(base);
    expect(asItStands(d)).toBe(base);
    expect(peekOwn(d, 'a')).toBe(base.a);
    expect(isDraft(peekOwn(d, 'a'))).toBe(false);
    // nothing was drafted: the finished draft is the base itself
    expect(finishDraft(d)).toBe(base);
  });

  it('gives what the descriptor trap gives, after changes, child drafts and deletions', () => {
    produce(base, (d) => {
      for (const k of ['a', 'b', 'c']) expect(peekOwn(d, k)).toBe(viaDescriptor(d, k));
      d.a!.n = 10; // a draft of a now sits in the copy
      d.c = { n: 3 };
      delete d.b;
      for (const k of ['a', 'b', 'c']) expect(peekOwn(d, k)).toBe(viaDescriptor(d, k));
      expect(isDraft(peekOwn(d, 'a'))).toBe(true);
      expect(peekOwn(d, 'b')).toBeUndefined();
      expect(peekOwn(d, 'c')).toEqual({ n: 3 });
    });
  });

  it('reads arrays as they stand', () => {
    const arr = freeze([['x'], ['y']], true);
    produce(arr, (d) => {
      expect(asItStands(d)).toBe(arr);
      d[1].push('z');
      const now = asItStands(d);
      expect(now).not.toBe(arr);
      expect(now[0]).toBe(arr[0]);
      expect(now[1]).toBe(viaDescriptor(d, '1'));
      expect([...asItStands(now[1])]).toEqual(['y', 'z']);
    });
  });

  it('sees no inherited property', () => {
    expect(peekOwn({} as Rec, 'toString')).toBeUndefined();
    produce(base, (d) => {
      expect(peekOwn(d, 'constructor')).toBeUndefined();
    });
  });
});
