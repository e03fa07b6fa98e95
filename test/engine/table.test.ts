// engine/table.ts: a keyed table whose change copies one bucket, not every entry.

import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK, emptyTable, tableDelete, tableDiff, tableGet, tableKeys, tableOf, tablePeek, tablePeekValues, tableSet, tableSetDefault, tableSize, tableValues, type Table } from '../../src/engine/table.ts';

/** Every bucket of a table (in its groups). */
const bucketsOf = <T>(t: Table<T>): Record<string, T>[] => Object.values(t.buckets).flatMap((g) => Object.values(g));

describe('Table', () => {
  it('keeps entries by key and in insertion order', () => {
    const t = emptyTable<number>();
    for (const k of ['b', 'a', 'c', 'constructor', '__proto__']) tableSet(t, k, k.length);
    tableSet(t, 'a', 9);
    expect(tableKeys(t)).toEqual(['b', 'a', 'c', 'constructor', '__proto__']);
    expect(tableValues(t)).toEqual([1, 9, 1, 11, 9]);
    expect(tableGet(t, 'toString')).toBeUndefined();
    expect(tableDelete(t, 'a')).toBe(true);
    expect(tableDelete(t, 'a')).toBe(false);
    expect(tableKeys(t)).toEqual(['b', 'c', 'constructor', '__proto__']);
    expect(tableGet(t, 'a')).toBeUndefined();
  });

  it('a change in an immer draft copies one bucket: the others are shared with the old table', () => {
    let t: Table<number> = emptyTable();
    t = produce(t, (d) => {
      for (let i = 0; i < 5000; i++) tableSet(d, `v${i}`, i);
    });
    const next = produce(t, (d) => tableSet(d, 'new', 1));
    const changed = Object.keys(next.buckets).filter((g) => next.buckets[g] !== t.buckets[g]);
    expect(changed).toHaveLength(1);
    const changedBuckets = bucketsOf(next).filter((b) => !bucketsOf(t).includes(b));
    expect(changedBuckets).toHaveLength(1);
    expect(tableGet(t, 'new')).toBeUndefined();
    expect(tableGet(next, 'new')).toBe(1);
    expect(tableKeys(next).slice(-2)).toEqual(['v4999', 'new']);
  });

  it('spreads keys over its buckets, so that a change copies a small one', () => {
    const t = emptyTable<number>();
    for (let i = 0; i < 6400; i++) tableSet(t, `vol${i}`, i);
    const sizes = bucketsOf(t).map((b) => Object.keys(b).length);
    // 16 groups of 16 buckets of 25 keys on average: none empty, none holding a big share of the table
    expect(Object.keys(t.buckets)).toHaveLength(16);
    expect(sizes).toHaveLength(256);
    expect(Math.min(...sizes)).toBeGreaterThan(8);
    expect(Math.max(...sizes)).toBeLessThan(50);
  });

  it('keeps the order in chunks of at most CHUNK keys, none empty, through deletes and inserts', () => {
    const t = emptyTable<number>();
    const model: string[] = [];
    const chunksOk = (): void => {
      for (const c of t.order) {
        expect(c.length).toBeGreaterThan(0);
        expect(c.length).toBeLessThanOrEqual(CHUNK);
      }
      expect(tableKeys(t)).toEqual(model);
      expect(tableValues(t)).toEqual(model.map((k) => Number(k.slice(1))));
    };
    const n = 2 * CHUNK + 40;
    for (let i = 0; i < n; i++) {
      tableSet(t, `k${i}`, i);
      model.push(`k${i}`);
    }
    expect(t.order.map((c) => c.length)).toEqual([CHUNK, CHUNK, 40]);
    chunksOk();
    // empty the middle chunk, then a key of the last one: the empty chunk goes, the order stays
    for (let i = CHUNK; i < 2 * CHUNK; i++) {
      expect(tableDelete(t, `k${i}`)).toBe(true);
      model.splice(model.indexOf(`k${i}`), 1);
    }
    expect(tableDelete(t, `k${n - 1}`)).toBe(true);
    model.pop();
    chunksOk();
    expect(t.order).toHaveLength(2);
    // a deleted key added again goes last
    const again = CHUNK + 1;
    tableSet(t, `k${again}`, again);
    model.push(`k${again}`);
    chunksOk();
    expect(tableGet(t, `k${again}`)).toBe(again);
    expect(tableGet(t, `k${again + 1}`)).toBeUndefined();
  });
});

describe('Table against a model (random changes, each in its own immer draft)', () => {
  const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 100);
  // few distinct keys, so that sets, replacements and deletes of the same key meet
  const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', ''), fc.integer({ min: 0, max: 40 }).map((i) => `k${i}`));
  const op = fc.oneof(
    fc.tuple(fc.constant('set' as const), key, fc.integer()),
    fc.tuple(fc.constant('default' as const), key, fc.integer()),
    fc.tuple(fc.constant('delete' as const), key, fc.constant(0)),
  );

  it('keys, values, size, peeks and diffs agree with a Map in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 8 }), { maxLength: 12 }), (commands) => {
        let t: Table<number> = emptyTable();
        const model = new Map<string, number>();
        for (const ops of commands) {
          const before = t;
          const modelBefore = new Map(model);
          t = produce(t, (d) => {
            for (const [kind, k, v] of ops) {
              if (kind === 'set') {
                tableSet(d, k, v);
                model.set(k, v);
              } else if (kind === 'default') {
                // `??=`: an entry already there stays
                tableSetDefault(d, k, v);
                if (!model.has(k)) model.set(k, v);
              } else {
                expect(tableDelete(d, k)).toBe(model.delete(k));
              }
              // what the draft holds now, read without drafting
              expect(tablePeek(d, k)).toBe(model.get(k));
              expect(tableSize(d)).toBe(model.size);
            }
            expect(tablePeekValues(d)).toEqual([...model.values()]);
          });
          expect(tableKeys(t)).toEqual([...model.keys()]);
          expect(tableValues(t)).toEqual([...model.values()]);
          expect(tableSize(t)).toBe(model.size);
          for (const k of [...model.keys(), 'absent']) expect(tableGet(t, k)).toBe(model.get(k));
          const removed: number[] = [];
          const added: number[] = [];
          tableDiff(before, t, (v) => removed.push(v), (v) => added.push(v));
          // entries are told by key: a key gone and a key new (a replaced value is neither)
          const gone = [...modelBefore.keys()].filter((k) => !model.has(k));
          const fresh = [...model.keys()].filter((k) => !modelBefore.has(k));
          expect(removed.sort()).toEqual(gone.map((k) => modelBefore.get(k)!).sort());
          expect(added.sort()).toEqual(fresh.map((k) => model.get(k)!).sort());
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a read-only peek inside a draft copies nothing; tableDiff of a table with itself reports nothing', () => {
    let t: Table<{ n: number }> = emptyTable();
    t = produce(t, (d) => {
      for (let i = 0; i < 300; i++) tableSet(d, `v${i}`, { n: i });
    });
    const next = produce(t, (d) => {
      expect(tablePeek(d, 'v7')).toBe(bucketsOf(t).find((b) => ':v7' in b)![':v7']);
      expect(tablePeekValues(d)).toHaveLength(300);
      expect(tableKeys(d)).toHaveLength(300);
      expect(tableSize(d)).toBe(300);
    });
    expect(next).toBe(t);
    const calls: unknown[] = [];
    tableDiff(t, t, (v) => calls.push(v), (v) => calls.push(v));
    expect(calls).toEqual([]);
  });

  it('tableDiff of two tables built apart: every entry of a bucket only one of them has is reported', () => {
    const some = tableOf([['a', 1], ['b', 2], ['c', 3]]);
    const removed: number[] = [];
    const added: number[] = [];
    tableDiff(some, emptyTable<number>(), (v) => removed.push(v), (v) => added.push(v));
    expect([removed.sort(), added]).toEqual([[1, 2, 3], []]);
    tableDiff(emptyTable<number>(), some, (v) => removed.push(v), (v) => added.push(v));
    expect(added.sort()).toEqual([1, 2, 3]);
    expect(removed).toHaveLength(3);
  });
});
