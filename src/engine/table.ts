// A keyed table in the engine state that stays cheap to change as it grows.
//
// Every command runs in one immer draft, and the first change to a plain record copies the
// whole record: with one record of volumes, 10,000 `docker volume create` commands copied
// 50 million entries (105 s; a record of thousands of keys is a hash table, slow to copy). Here
// entries are spread over small records (buckets) by a hash of the key, in two levels (GROUPS
// groups of GROUP_BUCKETS buckets), so a change copies one bucket, its group and the group
// index, not every entry. Two levels, not one index of 64 buckets: immer freezes each new state
// deeply, and the walk calls Object.isFrozen on every child of each object the command copied;
// V8 answers it by looking at every property of that child, so with one level a change to one
// bucket looked at every key of the table, every bucket being a child of the copied index (with
// 1,000 containers and 2,000 volumes kept, a tenth of each command's time). The group records
// have the small integer keys V8 keeps as frozen elements, answered at once; the walk looks at
// the keys of GROUP_BUCKETS buckets, a 256th of the table each. The keys keep insertion order (listings and
// prunes follow it) in chunks of at most CHUNK keys, so that a new key copies one chunk and the
// list of chunks: with one flat array, immer copied and froze all 4,000 keys at every
// `docker volume create` (4,000 creates took 2.6 s, most of it there).
//
// Reading the tables inside a command's draft without drafting what is only read: reading an
// object through an immer draft makes a draft of it (a proxy, finalized at the end of the
// command) and a copy of its parent, so a scan of every container to find one by name made a
// thousand drafts per command. The *Peek functions read what a draft reads from (fs/peek.ts): the
// base state's object or the draft this command already made of it, drafting nothing, and
// whatever is to be changed is then taken through the draft by its key (tableGet).

import { peekOwn, asItStands } from '../fs/peek.ts';

/** Entries by key (prefixed, see `slot`). */
type Bucket<T> = Record<string, T>;

/**
 * Entries by key, spread over buckets in groups, in no order: an index kept beside a table
 * (container names, volume users) changes as cheaply as the table itself.
 */
export type Index<T> = Record<string, Record<string, Bucket<T>>>;

/** Entries by key, spread over buckets; `order` holds the keys in insertion order, chunked. */
export interface Table<T> {
  buckets: Index<T>;
  /** Each chunk non-empty, at most CHUNK keys. */
  order: string[][];
}

const GROUPS = 16;
const GROUP_BUCKETS = 16;
/** Keys per chunk of the order: a new key copies one chunk and the list of chunks (about √n each for a few thousand keys). */
export const CHUNK = 64;

/** The group and bucket of a key: FNV-1a of its UTF-16 code units, its low 4 bits and the next 4. */
function placeOf(key: string): [group: string, bucket: string] {
  let h = 0x811c9dc5;
  // Stryker disable next-line EqualityOperator: `<=` hashes one NaN (as 0) more, i.e. multiplies h once more by the odd FNV prime, a bijection of its low 8 bits: the same keys share a bucket under another name, and no reader depends on bucket names (tableDiff reports in no order)
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return [String(h & (GROUPS - 1)), String((h >>> 4) & (GROUP_BUCKETS - 1))];
}

/** The bucket of a place as it stands, drafting nothing (undefined when there is none yet). */
function peekBucket<T>(index: Index<T>, g: string, b: string): Bucket<T> | undefined {
  const group = peekProp(index, g);
  return group !== undefined ? peekProp(group, b) : undefined;
}

export function emptyTable<T>(): Table<T> {
  return { buckets: {}, order: [] };
}

/** A table of these entries, in this order. */
export function tableOf<T>(entries: [string, T][]): Table<T> {
  const t = emptyTable<T>();
  for (const [k, v] of entries) tableSet(t, k, v);
  return t;
}

/** A key as stored in its bucket: prefixed, so that `__proto__` or `constructor` is a key like any other. */
const slot = (key: string): string => `:${key}`;

const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** An entry of an index, through the draft when the index is one (to be changed). */
export function indexGet<T>(index: Index<T>, key: string): T | undefined {
  const [g, k] = placeOf(key);
  // a miss drafts nothing: only a hit is taken through the draft
  const b = peekBucket(index, g, k);
  return b !== undefined && has(b, slot(key)) ? index[g][k][slot(key)] : undefined;
}

/**
 * An entry of an index as it stands, without drafting it or its bucket when the index is an
 * immer draft (see the top of this file): only read it. Reading through a draft makes a draft of the
 * bucket, which copies it on the way (immer's get trap prepares a copy of the parent).
 */
export function indexPeek<T>(index: Index<T>, key: string): T | undefined {
  const [g, k] = placeOf(key);
  const b = peekBucket(index, g, k);
  return b !== undefined ? peekProp(b, slot(key)) : undefined;
}

/** Add or replace an entry of an index; true when the key is new. */
export function indexSet<T>(index: Index<T>, key: string, value: T): boolean {
  const [g, k] = placeOf(key);
  const b = ((index[g] ??= {})[k] ??= {});
  const added = !has(b, slot(key));
  b[slot(key)] = value;
  return added;
}

/** Remove an entry of an index; false when there was none. */
export function indexDelete<T>(index: Index<T>, key: string): boolean {
  const [g, k] = placeOf(key);
  const b = peekBucket(index, g, k);
  if (b === undefined || !has(b, slot(key))) return false;
  delete index[g][k][slot(key)];
  return true;
}

/** The entry of `key`, through the draft when the table is one (to be changed). */
export function tableGet<T>(t: Table<T>, key: string): T | undefined {
  return indexGet(t.buckets, key);
}

/** The entry of `key` as it stands, drafting nothing: only read it (see indexPeek). */
export function tablePeek<T>(t: Table<T>, key: string): T | undefined {
  return indexPeek(peekProp(t, 'buckets')!, key);
}

/** Add or replace an entry (a new key goes last in the order). */
export function tableSet<T>(t: Table<T>, key: string, value: T): void {
  if (!indexSet(t.buckets, key, value)) return;
  // The list of chunks is replaced by a copy whose last chunk is a longer copy (or a new one),
  // read as it stands: pushing through the draft drafted the list and the chunk (proxies,
  // copies, trips through immer's array traps, where setting `length` is slow, and
  // finalizations). The list holds about n/64 chunks.
  const order = asItStands(peekProp(t, 'order')!);
  const n = order.length;
  const last = n > 0 ? asItStands(order[n - 1]) : undefined;
  t.order = last !== undefined && last.length < CHUNK ? [...order.slice(0, n - 1), [...last, key]] : [...order, [key]];
}

/** Add an entry unless the key has one (`??=`). */
export function tableSetDefault<T>(t: Table<T>, key: string, value: T): void {
  if (tablePeek(t, key) === undefined) tableSet(t, key, value);
}

/** Remove an entry; false when there was none. */
export function tableDelete<T>(t: Table<T>, key: string): boolean {
  if (!indexDelete(t.buckets, key)) return false;
  // newest first: what is removed is most often what was just added (a --rm container, a
  // scratch volume), so that the search stops in the last chunk. The list is replaced by a copy
  // without the key (see tableSet): a splice through the draft set each later key or chunk
  // through immer's array traps.
  const order = asItStands(peekProp(t, 'order')!);
  for (let i = order.length - 1; i >= 0; i--) {
    const chunk = asItStands(order[i]);
    const at = chunk.lastIndexOf(key);
    if (at < 0) continue;
    const rest = chunk.length === 1 ? [] : [[...chunk.slice(0, at), ...chunk.slice(at + 1)]];
    t.order = [...order.slice(0, i), ...rest, ...order.slice(i + 1)];
    break;
  }
  return true;
}

/** The entries in insertion order (through the draft when the table is one: each is drafted). */
export function tableValues<T>(t: Table<T>): T[] {
  return tableKeys(t).map((k) => {
    const [g, b] = placeOf(k);
    return t.buckets[g][b][slot(k)];
  });
}

/**
 * The entries in insertion order as they stand, drafting nothing: only read them (a listing of
 * every container must not copy every bucket). Take one to change it with tableGet.
 */
export function tablePeekValues<T>(t: Table<T>): T[] {
  const buckets = peekProp(t, 'buckets')!;
  // every key in the order has its entry
  return tableKeys(t).map((k) => {
    const [g, b] = placeOf(k);
    return peekProp(peekBucket(buckets, g, b)!, slot(k))!;
  });
}

/**
 * What changed between two versions of a table (finished states, not drafts): the entries whose
 * keys were removed and added. Buckets immer left unchanged are the same objects and are
 * skipped, so the cost follows what changed, not the size of the table.
 */
export function tableDiff<T>(before: Table<T>, after: Table<T>, removed: (value: T) => void, added: (value: T) => void): void {
  // Stryker disable next-line ConditionalExpression: a shortcut: when the tables share their buckets, each bucket is skipped below as the same object anyway
  if (before.buckets === after.buckets) return;
  const none: Record<string, never> = {};
  const compare = (b: Bucket<T>, a: Bucket<T>): void => {
    // Stryker disable next-line ConditionalExpression: a shortcut: a bucket both tables share has the same keys, so neither loop would report anything
    if (a === b) return;
    for (const key of Object.keys(b)) if (!has(a, key)) removed(b[key]);
    for (const key of Object.keys(a)) if (!has(b, key)) added(a[key]);
  };
  // groups and buckets are never removed, but a table built otherwise may lack one the old had
  const each = <V>(before: Record<string, V>, after: Record<string, V>, f: (b: V | Record<string, never>, a: V | Record<string, never>) => void): void => {
    for (const k of Object.keys(after)) f(has(before, k) ? before[k] : none, after[k]);
    for (const k of Object.keys(before)) if (!has(after, k)) f(before[k], none);
  };
  each(before.buckets, after.buckets, (b, a) => {
    // Stryker disable next-line ConditionalExpression: a shortcut: a group both tables share has the same buckets, each skipped in compare anyway
    if (a !== b) each(b, a, compare);
  });
}

/** The number of entries. */
export function tableSize<T>(t: Table<T>): number {
  let n = 0;
  const order = asItStands(peekProp(t, 'order')!);
  for (let i = 0; i < order.length; i++) n += asItStands(order[i]).length;
  return n;
}

/** The keys in insertion order (a copy; drafts nothing). */
export function tableKeys<T>(t: Table<T>): string[] {
  const keys: string[] = [];
  const order = asItStands(peekProp(t, 'order')!);
  for (let i = 0; i < order.length; i++) keys.push(...asItStands(order[i]));
  return keys;
}

/** A property of a record as it stands, drafting nothing (undefined when absent). */
function peekProp<O extends object, K extends keyof O & string>(o: O, key: K): O[K] | undefined {
  return peekOwn(o, key);
}
