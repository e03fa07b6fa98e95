// A keyed table in the engine state that stays cheap to change as it grows.
//
// Every command runs in one immer draft, and the first change to a plain record copies the
// whole record: with one record of volumes, 10,000 `docker volume create` commands copied
// 50 million entries (105 s; a record of thousands of keys is a hash table, slow to copy). Here
// entries are spread over BUCKETS small records by a hash of the key, so a change copies one
// bucket and the bucket index, not every entry. The keys keep insertion order (listings and
// prunes follow it) in chunks of at most CHUNK keys, so that a new key copies one chunk and the
// list of chunks: with one flat array, immer copied and froze all 4,000 keys at every
// `docker volume create` (4,000 creates took 2.6 s, most of it there).

/** Entries by key, spread over buckets; `order` holds the keys in insertion order, chunked. */
export interface Table<T> {
  buckets: Record<string, Record<string, T>>;
  /** Each chunk non-empty, at most CHUNK keys. */
  order: string[][];
}

const BUCKETS = 64;
const CHUNK = 256;

/** The bucket of a key: FNV-1a of its UTF-16 code units. */
function bucketOf(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return String((h >>> 0) % BUCKETS);
}

export function emptyTable<T>(): Table<T> {
  return { buckets: {}, order: [] };
}

/** A key as stored in its bucket: prefixed, so that `__proto__` or `constructor` is a key like any other. */
const slot = (key: string): string => `:${key}`;

export function tableGet<T>(t: Table<T>, key: string): T | undefined {
  const b = t.buckets[bucketOf(key)];
  return b !== undefined && Object.prototype.hasOwnProperty.call(b, slot(key)) ? b[slot(key)] : undefined;
}

/** Add or replace an entry (a new key goes last in the order). */
export function tableSet<T>(t: Table<T>, key: string, value: T): void {
  const k = bucketOf(key);
  const b = (t.buckets[k] ??= {});
  if (!Object.prototype.hasOwnProperty.call(b, slot(key))) {
    const n = t.order.length;
    if (n > 0 && peekAt(t.order, n - 1).length < CHUNK) t.order[n - 1].push(key);
    else t.order.push([key]);
  }
  b[slot(key)] = value;
}

/** Remove an entry; false when there was none. */
export function tableDelete<T>(t: Table<T>, key: string): boolean {
  const b = t.buckets[bucketOf(key)];
  if (b === undefined || !Object.prototype.hasOwnProperty.call(b, slot(key))) return false;
  delete b[slot(key)];
  for (let i = 0; i < t.order.length; i++) {
    const at = peekAt(t.order, i).indexOf(key);
    if (at < 0) continue;
    if (t.order[i].length === 1) t.order.splice(i, 1);
    else t.order[i].splice(at, 1);
    break;
  }
  return true;
}

/** The entries in insertion order. */
export function tableValues<T>(t: Table<T>): T[] {
  return tableKeys(t).map((k) => t.buckets[bucketOf(k)][slot(k)]);
}

/** The keys in insertion order (a copy). */
export function tableKeys<T>(t: Table<T>): string[] {
  const keys: string[] = [];
  for (const chunk of t.order) for (const k of chunk) keys.push(k);
  return keys;
}

/**
 * Element i of an array as it stands, without drafting it when the array is an immer draft (a
 * search through every chunk must not make a draft of each: engine/peek.ts).
 */
function peekAt<T>(a: T[], i: number): T {
  return Object.getOwnPropertyDescriptor(a, i)!.value as T;
}
