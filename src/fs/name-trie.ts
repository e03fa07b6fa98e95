// The names of a large directory: a persistent map from names to values that lists its names
// as a JavaScript record lists its keys (see `orderKey`). fs/node.ts keeps a directory of more
// than SMALL_MAX names in one (smaller ones are plain records) and is its only user.
//
// Why: every past state of the engine is kept (immer shares what a command leaves unchanged),
// and immer copies a record whole when one of its keys changes, so one write into a directory
// of 100,000 names cost 160 ms and 6 MB. Here a write copies one path of a hash trie (HAMT, as
// in Clojure's PersistentHashMap and Bagwell's "Ideal Hash Trees"): branches of up to 32 kids,
// 5 bits of the name's hash per level, about four levels for 100,000 names.
//
// Every node is a plain object or array, so immer can draft it (fs/node.ts's entryToChange walks
// to a value through the drafts) and freezes it with the state. The functions here never change
// a node they are given: a change returns new nodes along one path and shares the rest. They read
// with `field` and `item`, which see through an immer draft without making new drafts (see
// fs/node.ts peekField): a lookup inside a command copies nothing.

import { asItStands } from './peek.ts';

/** A name, its value and its place in the listing order. */
interface Slot<V> {
  name: string;
  key: number;
  value: V;
}

/** Kids at the 5-bit hash chunks whose bits are set in `bits`, in chunk order. */
interface Branch<V> {
  bits: number;
  kids: Kid<V>[];
}

/** Names whose 32-bit hashes are equal. */
interface Collision<V> {
  hash: number;
  slots: Slot<V>[];
}

type Kid<V> = Slot<V> | Branch<V> | Collision<V>;

export interface NameTrie<V> {
  /** How many names it holds. */
  size: number;
  /** How many names that are not array indices it was given so far (their order keys: see orderKey). */
  next: number;
  root: Branch<V>;
}

/** Array indices are the canonical decimal numbers below 2^32 - 1 (ECMA-262 "array index"). */
const INDEX_END = 4294967295;

/** A property of a node as it stands, drafting nothing (reads through an immer draft copy nothing). */
function field<T extends object, K extends keyof T>(o: T, k: K): T[K] {
  return asItStands(o)[k];
}

function item<T>(a: readonly T[], i: number): T {
  return asItStands(a)[i];
}

/** The elements of an array as they stand (a plain array, never a draft). */
function items<T>(a: readonly T[]): T[] {
  return asItStands(a).slice();
}

function isBranch<V>(k: Kid<V>): k is Branch<V> {
  return typeof field(k as Branch<V>, 'bits') === 'number';
}

function isSlot<V>(k: Kid<V>): k is Slot<V> {
  return typeof field(k as Slot<V>, 'name') === 'string';
}

/** Whether `x` (a directory's entries, as fs/node.ts holds them) is a NameTrie rather than a record of nodes. */
export function isNameTrie(x: object): x is NameTrie<unknown> {
  // a record's values are nodes (objects); a trie's `size` is a number
  const src = asItStands(x);
  return Object.prototype.hasOwnProperty.call(src, 'size') && typeof (src as { size: unknown }).size === 'number';
}

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser to spread the bits over all 32. */
export function hashOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** `name` as an array index, or -1: "0", "7", "4294967294", never "07", "-1", "1e3" or "4294967295". */
function arrayIndex(name: string): number {
  const len = name.length;
  // Stryker disable next-line ConditionalExpression: a longer run of digits is past INDEX_END anyway (checked below)
  if (len === 0 || len > 10) return -1;
  if (name.charCodeAt(0) === 48) return len === 1 ? 0 : -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const d = name.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n < INDEX_END ? n : -1;
}

/**
 * The order a record lists its keys in (ECMA-262 OrdinaryOwnPropertyKeys): array indices
 * first, in numeric order, then the other names in the order they were created. A name's key
 * is its index, or -1 - the count of other names created before it (small integers, which V8
 * keeps unboxed: 16 bytes less per name than 2^32 + count); it keeps its key while it stays (a
 * value set again keeps its place), and a name removed and created again goes last.
 */
function orderKey(name: string, next: { n: number }): number {
  const index = arrayIndex(name);
  return index >= 0 ? index : -1 - next.n++;
}

/** Order keys compared: indices (>= 0) first and ascending, then the others as created. */
function compareKeys(a: number, b: number): number {
  if (a >= 0) return b >= 0 ? a - b : -1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with b = 0, b - a is -a > 0, the same answer as 1
  return b >= 0 ? 1 : b - a;
}

/** `a` with `x` inserted at `i`, in an array of exactly the new length (no growth slack: it is kept). */
function inserted<T>(a: readonly T[], i: number, x: T): T[] {
  // Stryker disable next-line ArrayDeclaration: the exact length only saves the growth slack
  const out = new Array<T>(a.length + 1);
  // Stryker disable next-line EqualityOperator: element i, copied one step too far, is overwritten next
  for (let j = 0; j < i; j++) out[j] = item(a, j);
  out[i] = x;
  for (let j = i; j < a.length; j++) out[j + 1] = item(a, j);
  return out;
}

/** `a` without its element `i`, in an array of exactly the new length. */
function removed<T>(a: readonly T[], i: number): T[] {
  // Stryker disable next-line ArrayDeclaration: the exact length only saves the growth slack
  const out = new Array<T>(a.length - 1);
  for (let j = 0; j < i; j++) out[j] = item(a, j);
  for (let j = i + 1; j < a.length; j++) out[j - 1] = item(a, j);
  return out;
}

/**
 * The slot of `name`, read only. With `path`, the property names that lead to it from the trie
 * (`root`, `kids`, 3, ..., `slots`, 1) are pushed onto it on the way: one walk serves lookups
 * and in-place changes alike.
 */
function slotOf<V>(t: NameTrie<V>, name: string, path?: (string | number)[]): Slot<V> | undefined {
  const h = hashOf(name);
  let node: Kid<V> = field(t, 'root');
  for (let shift = 0; ; shift += 5) {
    if (isBranch(node)) {
      const bits: number = field(node, 'bits');
      const bit = 1 << ((h >>> shift) & 31);
      if ((bits & bit) === 0) return undefined;
      const i = popcount(bits & (bit - 1));
      path?.push('kids', i);
      node = item(field(node, 'kids'), i);
    } else if (isSlot(node)) return field(node, 'name') === name ? node : undefined;
    else {
      const slots = items(field(node, 'slots'));
      const j = slots.findIndex((s) => field(s, 'name') === name);
      // Stryker disable next-line ConditionalExpression: slots[-1] is undefined as well
      if (j < 0) return undefined;
      path?.push('slots', j);
      return slots[j];
    }
  }
}

/** The value of `name`, read only (a draft only where the command already made one). */
export function trieGet<V>(t: NameTrie<V>, name: string): V | undefined {
  const slot = slotOf(t, name);
  return slot === undefined ? undefined : field(slot, 'value');
}

/**
 * The property names that lead from the trie to the value of `name` (`root`, `kids`, 3, ...,
 * `value`), or undefined when it has no such name: fs/node.ts follows them through the drafts
 * to change the value in place.
 */
export function triePath<V>(t: NameTrie<V>, name: string): (string | number)[] | undefined {
  const path: (string | number)[] = ['root'];
  if (slotOf(t, name, path) === undefined) return undefined;
  path.push('value');
  return path;
}

/** Two kids that meet at one chunk of level `shift`: a branch that tells them apart (or a collision). */
function pair<V>(a: Slot<V> | Collision<V>, ha: number, b: Slot<V>, hb: number, shift: number): Kid<V> {
  if (ha === hb) return { hash: ha, slots: [a as Slot<V>, b] };
  const ia = (ha >>> shift) & 31;
  const ib = (hb >>> shift) & 31;
  if (ia === ib) return { bits: 1 << ia, kids: [pair(a, ha, b, hb, shift + 5)] };
  // Stryker disable next-line EqualityOperator: ia === ib returned above
  return { bits: (1 << ia) | (1 << ib), kids: ia < ib ? [a, b] : [b, a] };
}

/** `kid` with `name` set to `value` (new nodes along the path; `kid` is unchanged). */
function assoc<V>(kid: Kid<V>, shift: number, h: number, name: string, value: V, next: { n: number }): Kid<V> {
  if (isBranch(kid)) {
    const bits = field(kid, 'bits');
    const kids = field(kid, 'kids');
    const bit = 1 << ((h >>> shift) & 31);
    const i = popcount(bits & (bit - 1));
    if ((bits & bit) === 0) return { bits: bits | bit, kids: inserted(kids, i, { name, key: orderKey(name, next), value }) };
    const copy = items(kids);
    copy[i] = assoc(copy[i], shift + 5, h, name, value, next);
    return { bits, kids: copy };
  }
  if (isSlot(kid)) {
    if (field(kid, 'name') === name) return { name, key: field(kid, 'key'), value };
    return pair(kid, hashOf(field(kid, 'name')), { name, key: orderKey(name, next), value }, h, shift);
  }
  const hash = field(kid, 'hash');
  // Stryker disable next-line ConditionalExpression: a name of another hash kept in this collision is still found here (its path leads here, and a collision compares names)
  if (hash !== h) return pair(kid, hash, { name, key: orderKey(name, next), value }, h, shift);
  const slots = items(field(kid, 'slots'));
  const j = slots.findIndex((s) => field(s, 'name') === name);
  if (j >= 0) slots[j] = { name, key: field(slots[j], 'key'), value };
  else slots.push({ name, key: orderKey(name, next), value });
  return { hash, slots };
}

/** `t` with `name` set to `value`: a new trie sharing all but one path with `t`. */
export function trieSet<V>(t: NameTrie<V>, name: string, value: V): NameTrie<V> {
  const next = { n: field(t, 'next') };
  const had = slotOf(t, name) !== undefined;
  const root = assoc(field(t, 'root'), 0, hashOf(name), name, value, next) as Branch<V>;
  return { size: field(t, 'size') + (had ? 0 : 1), next: next.n, root };
}

/**
 * `kid` without `name`: `kid` itself when it has no such name, undefined when nothing is left,
 * and below the root a branch left with one slot or collision is replaced by it (a kid may sit
 * at any level: a lookup compares the name when it reaches one).
 */
function dissoc<V>(kid: Kid<V>, shift: number, h: number, name: string): Kid<V> | undefined {
  if (isSlot(kid)) return field(kid, 'name') === name ? undefined : kid;
  if (!isBranch(kid)) {
    const slots = items(field(kid, 'slots'));
    const j = slots.findIndex((s) => field(s, 'name') === name);
    if (j < 0) return kid;
    slots.splice(j, 1);
    return slots.length === 1 ? slots[0] : { hash: field(kid, 'hash'), slots };
  }
  const bits = field(kid, 'bits');
  const bit = 1 << ((h >>> shift) & 31);
  if ((bits & bit) === 0) return kid;
  const kids = field(kid, 'kids');
  const i = popcount(bits & (bit - 1));
  const child = item(kids, i);
  const rest = dissoc(child, shift + 5, h, name);
  if (rest === child) return kid;
  const copy = rest === undefined ? removed(kids, i) : items(kids);
  if (rest !== undefined) copy[i] = rest;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a kid may sit at any level, the root too: every reader steps by what a node is and compares the name at a slot, so a trie shaped otherwise holds, finds and lists the same names
  if (shift > 0 && copy.length === 0) return undefined;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a kid may sit at any level, the root too: every reader steps by what a node is and compares the name at a slot, so a trie shaped otherwise holds, finds and lists the same names
  if (shift > 0 && copy.length === 1 && !isBranch(copy[0])) return copy[0];
  return { bits: rest === undefined ? bits & ~bit : bits, kids: copy };
}

/** `t` without `name` (`t` itself when it has no such name). */
export function trieRemove<V>(t: NameTrie<V>, name: string): NameTrie<V> {
  const root = field(t, 'root');
  const rest = dissoc(root, 0, hashOf(name), name);
  if (rest === root) return t;
  // (the root stays a branch: dissoc returns undefined only below it)
  return { size: field(t, 'size') - 1, next: field(t, 'next'), root: rest as Branch<V> };
}

/** The names and values in order (see orderKey), read only. */
export function trieList<V>(t: NameTrie<V>): [string, V][] {
  const out: [string, V][] = [];
  trieEach(t, (name, value) => void out.push([name, value]));
  return out;
}

/** Visit the names and values in order (see orderKey), read only. */
export function trieEach<V>(t: NameTrie<V>, visit: (name: string, value: V) => void): void {
  const keys: number[] = [];
  const names: string[] = [];
  const values: V[] = [];
  const todo: Kid<V>[] = [field(t, 'root')];
  while (todo.length > 0) {
    const node = todo.pop()!;
    if (isSlot(node)) {
      keys.push(field(node, 'key'));
      names.push(field(node, 'name'));
      values.push(field(node, 'value'));
      continue;
    }
    const kids: readonly Kid<V>[] = isBranch(node) ? field(node, 'kids') : field(node, 'slots');
    for (let i = 0; i < kids.length; i++) todo.push(item(kids, i));
  }
  // the other names by creation count, placed straight where they go (a sort of 100,000 names
  // was most of a listing's cost); array indices, rare, sorted before them
  // (both ways give the same order: the bound only picks the cheaper one, so the mutants of
  // this choice and of the array's size are marked as no input can tell them)
  // Stryker disable next-line StringLiteral
  const next = field(t, 'next');
  const order: number[] = [];
  const indices: number[] = [];
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator
  if (next <= 4 * names.length + 64) {
    // Stryker disable next-line ArrayDeclaration: holes are skipped as the -1s are
    const byCount = new Array<number>(next).fill(-1);
    // Stryker disable next-line EqualityOperator: keys[names.length] is undefined, stored under no index
    for (let i = 0; i < names.length; i++) {
      if (keys[i] >= 0) {
        indices.push(i);
        continue;
      }
      // Stryker disable next-line UnaryOperator: every place two further on keeps the order
      byCount[-1 - keys[i]] = i;
    }
    indices.sort((a, b) => keys[a] - keys[b]);
    order.push(...indices);
    for (const i of byCount) if (i >= 0) order.push(i);
  } else {
    for (let i = 0; i < names.length; i++) order.push(i);
    order.sort((a, b) => compareKeys(keys[a], keys[b]));
  }
  for (const i of order) visit(names[i], values[i]);
}

/** A trie of `pairs`, as successive assignments to a record would make it (a repeated name keeps its first place, takes the last value). */
export function trieFrom<V>(pairs: Iterable<readonly [string, V]>): NameTrie<V> {
  const slots: Slot<V>[] = [];
  const next = { n: 0 };
  // Stryker disable next-line ConditionalExpression: a shortcut: a Map through the loop below keeps its unique names as they are
  if (pairs instanceof Map) {
    // a Map's names are unique already
    for (const [name, value] of pairs as Map<string, V>) slots.push({ name, key: orderKey(name, next), value });
  } else {
    const at = new Map<string, number>();
    for (const [name, value] of pairs) {
      const i = at.get(name);
      if (i !== undefined) slots[i].value = value;
      else {
        at.set(name, slots.length);
        slots.push({ name, key: orderKey(name, next), value });
      }
    }
  }
  const hashes = slots.map((s) => hashOf(s.name));
  const all = slots.map((_, i) => i);
  return { size: slots.length, next: next.n, root: build(slots, hashes, all, 0) as Branch<V> };
}

/** The kid holding slots `of` (their hashes agree below `shift`), built in one pass per level. */
function build<V>(slots: Slot<V>[], hashes: number[], of: number[], shift: number): Kid<V> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a kid may sit at any level, the root too: every reader steps by what a node is and compares the name at a slot, so a trie shaped otherwise holds, finds and lists the same names
  if (shift > 0 && of.length === 1) return slots[of[0]];
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,ArrowFunction: names of equal hash fall in one bucket at every level, so splitting on goes on to shift 35 and makes the same collision; a kid may sit at any level, the root too: every reader steps by what a node is and compares the name at a slot, so a trie shaped otherwise holds, finds and lists the same names
  if (shift > 30 || (shift > 0 && of.every((i) => hashes[i] === hashes[of[0]]))) return { hash: hashes[of[0]], slots: of.map((i) => slots[i]) };
  const buckets: number[][] = [];
  for (const i of of) (buckets[(hashes[i] >>> shift) & 31] ??= []).push(i);
  let bits = 0;
  const kids: Kid<V>[] = [];
  // Stryker disable next-line EqualityOperator: there is no bucket 32
  for (let c = 0; c < 32; c++) {
    const b = buckets[c];
    if (b === undefined) continue;
    bits |= 1 << c;
    kids.push(build(slots, hashes, b, shift + 5));
  }
  return { bits, kids };
}
