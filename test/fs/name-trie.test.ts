// fs/name-trie.ts on its own: a NameTrie is a map from names to values that lists its names as a
// JavaScript record lists its keys (ECMA-262 OrdinaryOwnPropertyKeys: array indices first in
// numeric order, then the other names in the order they were created). The model each test
// compares with is a real record (no prototype) given the same assignments and deletions, so
// what is stated is the engine's own Object.keys, never what the trie happens to do.
// test/fs/large-dir.test.ts drives it at random through fs/node.ts; these cases are the edges a
// few random runs do not reach.

import { describe, expect, it } from 'vitest';
import { hashOf, isNameTrie, trieEach, trieFrom, trieGet, triePath, trieList, trieRemove, trieSet, type NameTrie } from '../../src/fs/name-trie.ts';

type Model = Record<string, number>;
const record = (): Model => Object.create(null) as Model;

/** Names on both sides of ECMA-262's "array index" (canonical decimal below 2^32 - 1). */
const EDGES = ['0', '1', '9', '10', '99', '100', '4294967294', '4294967295', '4294967296', '12345678901', '1234567890', '07', '00', '-1', '1e3', '', '1a', 'a1', '1/', '/1', ' 1', '1:', '٣', 'x'];

function applySet(t: NameTrie<number>, m: Model, name: string, v: number): NameTrie<number> {
  m[name] = v;
  return trieSet(t, name, v);
}

function applyRemove(t: NameTrie<number>, m: Model, name: string): NameTrie<number> {
  delete m[name];
  return trieRemove(t, name);
}

function same(t: NameTrie<number>, m: Model): void {
  expect(JSON.stringify(trieList(t))).toBe(JSON.stringify(Object.entries(m)));
  const visited: [string, number][] = [];
  trieEach(t, (n, v) => visited.push([n, v]));
  expect(JSON.stringify(visited)).toBe(JSON.stringify(Object.entries(m)));
  expect(t.size).toBe(Object.keys(m).length);
  for (const n of Object.keys(m)) expect(trieGet(t, n)).toBe(m[n]);
}

const pad = (n: number, prefix = 'f'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('a NameTrie lists its names as a record lists its keys', () => {
  it('array indices first in numeric order, up to 4294967294 and written canonically; every other name as created', () => {
    let t = trieFrom<number>([]);
    const m = record();
    let v = 0;
    for (const n of [...pad(40), ...EDGES, ...pad(40, 'g')]) t = applySet(t, m, n, v++);
    same(t, m);
    // a name set again keeps its place; one removed and set again goes last
    for (const n of ['f3', '10', '4294967295', '']) t = applySet(t, m, n, v++);
    for (const n of ['f5', '07', '9']) t = applyRemove(t, m, n);
    for (const n of ['f5', '07', '9']) t = applySet(t, m, n, v++);
    same(t, m);
    // built at once from pairs, a repeated name keeps its first place and takes its last value
    const pairs: [string, number][] = [...EDGES, ...pad(30), 'x', '0', 'f2'].map((n, i) => [n, i]);
    const m2 = record();
    for (const [n, i] of pairs) m2[n] = i;
    same(trieFrom(pairs), m2);
    same(trieFrom(new Map(pairs)), m2);
  });

  it('keeps the creation order after most names are gone, and counts on from there', () => {
    let t = trieFrom<number>(pad(400).map((n, i) => [n, i]));
    const m = record();
    pad(400).forEach((n, i) => (m[n] = i));
    for (const n of ['7', '3', '0', '20', '1', '0', '12', '2']) t = applySet(t, m, n, -1);
    // remove all but a few scattered ones: far more names were created than are left
    for (let i = 0; i < 400; i++) if (i % 97 !== 5) t = applyRemove(t, m, `f${i}`);
    same(t, m);
    expect(t.size).toBe(12);
    for (const n of ['f0', 'f102', 'h', '1']) t = applySet(t, m, n, 1);
    same(t, m);
  });

  it('is a record whatever the values hold, and tells a trie from a record of nodes', () => {
    const t = trieFrom<unknown>([['size', { kind: 'file' }]]);
    expect(isNameTrie(t)).toBe(true);
    const r = Object.create(null) as Record<string, unknown>;
    r.size = { kind: 'dir' };
    expect(isNameTrie(r)).toBe(false);
    expect(isNameTrie(record())).toBe(false);
    expect(trieGet(t, 'size')).toEqual({ kind: 'file' });
    expect(trieGet(t, 'root')).toBeUndefined();
  });
});

describe('names whose hashes meet', () => {
  // FNV-1a collisions (equal 32-bit hashes), and two names whose hashes agree in the low 31 bits
  // only (they part at the last level of the trie, bits 30-31)
  const EQUAL = [['costarring', 'liquid'], ['declinate', 'macallums']];
  const LOW31 = ['n20057', 'n20738'];
  // names whose hashes agree with costarring's (and liquid's) in the low 5, 10 and 15 bits only
  const NEAR = ['c72', 'c531', 'c13866'];

  it('the pool is what it says', () => {
    for (const [a, b] of EQUAL) expect(hashOf(a)).toBe(hashOf(b));
    expect(hashOf(LOW31[0]) & 0x7fffffff).toBe(hashOf(LOW31[1]) & 0x7fffffff);
    expect(hashOf(LOW31[0])).not.toBe(hashOf(LOW31[1]));
    for (const [n, bits] of [['c72', 5], ['c531', 10], ['c13866', 15]] as const) {
      const mask = (1 << bits) - 1;
      expect(hashOf(n) & mask).toBe(hashOf('liquid') & mask);
      expect(hashOf(n) & (mask * 2 + 1)).not.toBe(hashOf('liquid') & (mask * 2 + 1));
    }
  });

  it('are kept apart however the trie was made, set, changed and removed', () => {
    const names = [...EQUAL.flat(), ...LOW31, ...NEAR];
    for (const base of [[], pad(5), pad(300)]) {
      // one at a time
      let t = trieFrom<number>(base.map((n, i) => [n, i]));
      const m = record();
      base.forEach((n, i) => (m[n] = i));
      for (const n of names) t = applySet(t, m, n, n.length);
      same(t, m);
      // all at once
      const built = trieFrom<number>(Object.entries(m));
      same(built, m);
      for (let tr of [t, built]) {
        const mm = Object.assign(record(), m);
        for (const n of names) tr = applySet(tr, mm, n, 100 + n.length);
        same(tr, mm);
        tr = applySet(tr, mm, 'f1', 7);
        for (const n of [names[0], names[3], names[4], 'absent', names[0]]) tr = applyRemove(tr, mm, n);
        same(tr, mm);
        for (const n of [names[0], names[4]]) tr = applySet(tr, mm, n, 9);
        same(tr, mm);
        for (const n of names) tr = applyRemove(tr, mm, n);
        same(tr, mm);
      }
    }
  });
});

describe('three names of one hash', () => {
  // FNV-1a collisions three at a time (found by hashing t0 to t16777215): a collision node holds
  // more than two names, and loses one without becoming a slot
  const THREE = ['t2004364', 't9958310', 't10283867'];
  const perms = (xs: string[]): string[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));

  it('the pool is what it says', () => {
    expect(new Set(THREE.map(hashOf)).size).toBe(1);
  });

  it('are kept apart in every order they are set, changed and removed, one by one or built at once', () => {
    for (const base of [[], pad(5), pad(300)]) {
      for (const order of base.length > 5 ? [THREE] : perms(THREE)) {
        const m = record();
        base.forEach((n, i) => (m[n] = i));
        let t = trieFrom<number>(base.map((n, i) => [n, i]));
        for (const n of order) t = applySet(t, m, n, n.length);
        same(t, m);
        const built = trieFrom<number>(Object.entries(m));
        same(built, m);
        for (let tr of [t, built]) {
          const mm = Object.assign(record(), m);
          // a name of the collision changed keeps its place
          tr = applySet(tr, mm, order[1], -1);
          same(tr, mm);
          // removed one at a time, the others stay found; a removed name set again goes last
          tr = applyRemove(tr, mm, order[0]);
          same(tr, mm);
          tr = applySet(tr, mm, order[0], -2);
          same(tr, mm);
          for (const n of order) {
            tr = applyRemove(tr, mm, n);
            same(tr, mm);
            expect(trieRemove(tr, n)).toBe(tr);
          }
        }
      }
    }
  });
});

describe('a NameTrie is persistent', () => {
  it('a change returns a new trie and leaves the one it was given as it was; removing nothing returns it', () => {
    const t0 = trieFrom<number>(pad(50).map((n, i) => [n, i]));
    const before = JSON.stringify(trieList(t0));
    const t1 = trieSet(t0, 'new', 1);
    const t2 = trieSet(t1, 'f3', 33);
    const t3 = trieRemove(t2, 'f4');
    expect(JSON.stringify(trieList(t0))).toBe(before);
    expect([t0.size, t1.size, t2.size, t3.size]).toEqual([50, 51, 51, 50]);
    expect([trieGet(t1, 'f3'), trieGet(t2, 'f3'), trieGet(t2, 'f4'), trieGet(t3, 'f4')]).toEqual([3, 33, 4, undefined]);
    expect(trieRemove(t3, 'f4')).toBe(t3);
    expect(trieRemove(t3, 'nothing')).toBe(t3);
    // all names gone: an empty trie, which takes names again
    let t = trieFrom<number>([['a', 1]]);
    t = trieRemove(t, 'a');
    expect([t.size, trieList(t)]).toEqual([0, []]);
    expect(trieList(trieSet(t, 'b', 2))).toEqual([['b', 2]]);
  });

  it('triePath leads from the trie to the value of a name, and to nothing for a name it does not hold', () => {
    const t = trieSet(trieSet(trieFrom<number>(pad(300).map((n, i) => [n, i])), 'costarring', -1), 'liquid', -2);
    for (const n of ['f0', 'f299', 'costarring', 'liquid']) {
      const path = triePath(t, n)!;
      expect(path[0]).toBe('root');
      expect(path[path.length - 1]).toBe('value');
      let at: unknown = t;
      for (const k of path) at = (at as Record<string | number, unknown>)[k];
      expect(at).toBe(trieGet(t, n));
    }
    expect(triePath(t, 'f300')).toBeUndefined();
    expect(triePath(t, 'declinate')).toBeUndefined();
  });
});
