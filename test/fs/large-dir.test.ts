// A directory's entries (fs/node.ts) behave as a plain record, small or large (fs/name-trie.ts):
// the same names, values and order as `Object.keys` of a record given the same assignments and
// deletions, across the record/trie threshold both ways, on a private tree, inside immer drafts,
// and with every past state kept unchanged.

import { freeze, isDraft, produce } from 'immer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dir,
  entriesJson,
  entryCount,
  entryList,
  entryListToChange,
  entryNames,
  entryOf,
  entryToChange,
  file,
  isEmptyDir,
  removeEntry,
  setEntry,
  SMALL_MAX,
  type DirNode,
  type FileNode,
  type Node,
} from '../../src/fs/node.ts';
import { hashOf } from '../../src/fs/name-trie.ts';

type Op =
  | { op: 'set'; name: string; v: number }
  | { op: 'remove'; name: string }
  | { op: 'fill'; count: number; v: number }
  | { op: 'drain'; count: number; from: number }
  | { op: 'touch'; name: string; v: number };

// names that are array indices and names that only look like ones, names of Object.prototype,
// names of the trie's own fields, and two pairs whose hashes are equal (FNV-1a collisions)
const SPECIAL = ['0', '1', '7', '10', '42', '4294967294', '4294967295', '07', '-1', '1e3', '', '__proto__', 'constructor', 'toString', 'size', 'next', 'root', 'kids', 'bits', 'entries', 'costarring', 'liquid', 'declinate', 'macallums'];
const name = fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom('a', 'b', 'c'), fc.nat(600).map((n) => `new${n}`), fc.nat(400).map(String));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), name, v: fc.nat(1000) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('remove' as const), name }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('fill' as const), count: fc.integer({ min: 1, max: 280 }), v: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drain' as const), count: fc.integer({ min: 1, max: 300 }), from: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('touch' as const), name, v: fc.nat(1000) }) },
);

/** The model: a record without prototype, so that every name is an own key. */
type Model = Record<string, string>;

/** Apply `o` to the directory `d` (a draft or a private tree) and to the model. */
function apply(d: DirNode, model: Model, o: Op, fresh: { n: number }): void {
  switch (o.op) {
    case 'set':
      setEntry(d, o.name, file(`${o.v}`));
      model[o.name] = `${o.v}`;
      return;
    case 'remove':
      removeEntry(d, o.name);
      delete model[o.name];
      return;
    case 'fill':
      for (let i = 0; i < o.count; i++) {
        const n = `new${fresh.n++}`;
        setEntry(d, n, file(`${o.v}`));
        model[n] = `${o.v}`;
      }
      return;
    case 'drain': {
      const names = Object.keys(model);
      for (let i = 0; i < o.count && names.length > 0; i++) {
        const [n] = names.splice((o.from + i * 7) % names.length, 1);
        removeEntry(d, n);
        delete model[n];
      }
      return;
    }
    case 'touch': {
      // a change in place, through entryToChange (a draft inside a command)
      const node = entryToChange(d, o.name);
      if (o.name in model) {
        expect(node?.kind).toBe('file');
        (node as FileNode).data = `t${o.v}`;
        model[o.name] = `t${o.v}`;
      } else expect(node).toBeUndefined();
      return;
    }
  }
}

function check(d: DirNode, model: Model): void {
  const keys = Object.keys(model);
  // compared as JSON: toEqual on thousands of pairs cost most of this test's time
  expect(JSON.stringify(entryNames(d))).toBe(JSON.stringify(keys));
  expect(JSON.stringify(entryList(d).map(([n, node]) => [n, (node as FileNode).data]))).toBe(JSON.stringify(keys.map((k) => [k, model[k]])));
  expect(entryCount(d)).toBe(keys.length);
  expect(isEmptyDir(d)).toBe(keys.length === 0);
  for (const n of SPECIAL) expect((entryOf(d, n) as FileNode | undefined)?.data).toBe(model[n]);
}

const newModel = (): Model => Object.create(null) as Model;

describe('a directory of many entries', () => {
  it('FNV collisions are in the name pool (the trie keeps names of equal hash apart)', () => {
    expect(hashOf('costarring')).toBe(hashOf('liquid'));
    expect(hashOf('declinate')).toBe(hashOf('macallums'));
  });

  it('behaves as a record on a private tree, across the threshold both ways', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const d = dir();
        const model = newModel();
        const fresh = { n: 0 };
        for (const o of ops) {
          apply(d, model, o, fresh);
          check(d, model);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('behaves as a record in immer drafts, a command at a time, and every past state stays as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 4 }), { maxLength: 8 }), (commands) => {
        let st = freeze({ d: dir() }, true);
        const model = newModel();
        const fresh = { n: 0 };
        const history: [{ d: DirNode }, [string, string][]][] = [];
        for (const ops of commands) {
          st = produce(st, (draft) => {
            for (const o of ops) {
              apply(draft.d, model, o, fresh);
              check(draft.d, model);
            }
          });
          check(st.d, model);
          history.push([st, Object.entries(model)]);
        }
        for (const [past, entries] of history) expect(entryList(past.d).map(([n, node]) => [n, (node as FileNode).data])).toEqual(entries);
      }),
      { numRuns: 10 },
    );
  });

  it('names of equal hash are told apart in a large directory', () => {
    const d = dir({}, Array.from({ length: SMALL_MAX + 10 }, (_, i) => [`f${i}`, file('')] as [string, Node]));
    for (const n of ['costarring', 'liquid', 'declinate', 'macallums']) setEntry(d, n, file(n));
    for (const n of ['costarring', 'liquid', 'declinate', 'macallums']) expect(entryOf(d, n)).toMatchObject({ data: n });
    expect(entryNames(d).slice(-4)).toEqual(['costarring', 'liquid', 'declinate', 'macallums']);
    setEntry(d, 'liquid', file('again'));
    removeEntry(d, 'costarring');
    (entryToChange(d, 'macallums') as FileNode).data = 'changed';
    expect(entryOf(d, 'costarring')).toBeUndefined();
    expect(entryList(d).slice(-3).map(([n, f]) => [n, (f as FileNode).data])).toEqual([
      ['liquid', 'again'],
      ['declinate', 'declinate'],
      ['macallums', 'changed'],
    ]);
    removeEntry(d, 'declinate');
    expect(entryNames(d).slice(-2)).toEqual(['liquid', 'macallums']);
    expect(entryCount(d)).toBe(SMALL_MAX + 12);
  });

  it('a write into a large directory copies one path: the rest is shared with the state before', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `f${i}`);
    const before = produce({ d: dir({}, names.map((n) => [n, file(n)] as [string, Node])) }, () => undefined);
    const after = produce(before, (draft) => {
      setEntry(draft.d, 'new', file('new'));
      (entryToChange(draft.d, 'f7') as FileNode).data = 'changed';
    });
    const same = names.filter((n) => entryOf(after.d, n) === entryOf(before.d, n));
    expect(same).toHaveLength(names.length - 1);
    expect((entryOf(before.d, 'f7') as FileNode).data).toBe('f7');
    expect(entryOf(before.d, 'new')).toBeUndefined();
    expect(entryNames(after.d).slice(-2)).toEqual(['f4999', 'new']);
  });

  it('reads inside a command draft nothing; entryListToChange gives drafts', () => {
    const base = produce({ d: dir({}, Array.from({ length: 400 }, (_, i) => [`f${i}`, file(`${i}`)] as [string, Node])) }, () => undefined);
    produce(base, (draft) => {
      expect(isDraft(entryOf(draft.d, 'f3'))).toBe(false);
      expect(entryList(draft.d).some(([, n]) => isDraft(n))).toBe(false);
      expect(isDraft(Object.getOwnPropertyDescriptor(draft.d, 'entries')!.value)).toBe(false);
      expect(entryListToChange(draft.d).every(([, n]) => isDraft(n))).toBe(true);
    });
  });

  it('a tree shows as the same JSON (a layer ID hashes it) however its entries are held', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 400 }), fc.nat(300), (names, cut) => {
        const pairs = names.map((n) => [n, file(n)] as [string, Node]);
        const big = dir({}, [...pairs, ...Array.from({ length: SMALL_MAX + 1 }, (_, i) => [`pad${i}`, file('')] as [string, Node])]);
        for (let i = 0; i < SMALL_MAX + 1 - Math.min(cut, SMALL_MAX); i++) removeEntry(big, `pad${i}`);
        const record = Object.create(null) as Record<string, Node>;
        for (const [n, node] of entryList(big)) record[n] = node;
        expect(JSON.stringify(big, entriesJson)).toBe(JSON.stringify({ ...big, entries: record }));
      }),
      { numRuns: 25 },
    );
  });
});
