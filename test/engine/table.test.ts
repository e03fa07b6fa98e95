// engine/table.ts: a keyed table whose change copies one bucket, not every entry.

import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { emptyTable, tableDelete, tableGet, tableKeys, tableSet, tableValues, type Table } from '../../src/engine/table.ts';

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
    const changed = Object.keys(next.buckets).filter((b) => next.buckets[b] !== t.buckets[b]);
    expect(changed).toHaveLength(1);
    expect(tableGet(t, 'new')).toBeUndefined();
    expect(tableGet(next, 'new')).toBe(1);
    expect(tableKeys(next).slice(-2)).toEqual(['v4999', 'new']);
  });
});
