// awk's associative arrays, kept as each real awk keeps them, because `for (k in a)` walks them in
// the order of the real table and scripts print in that order:
//  - busybox 1.35 (editors/awk.c hash_find, hash_rebuild, hashwalk_init): keys are strings in
//    chained buckets, a new key at the head of its chain; 61 buckets, then 251, 1021, ... once
//    there are more than 8 keys a bucket; for-in walks the buckets in order.
//  - mawk 1.3.4 (array.w): a table of 64 lists that doubles past 12 keys a list on average, each
//    node on a list by its integer value (when it was reached by a number) and on one by the FNV-1
//    hash of its string; a found node moves to the front of its list; split() fills a plain vector
//    that becomes a table on the first other use; for-in adds the string of every integer key, then
//    walks the string lists.

/** A subscript as the array sees it: a number (mawk looks up integral ones by value) or a string. */
export type Key = { num: number } | { str: string };

/** What an array holds for each key (awk.ts's value cells). */
export interface AwkArray<V> {
  get(key: Key, create: boolean): V | undefined;
  /** Remove one key (absent keys are fine). */
  remove(key: Key): void;
  clear(): void;
  /** split(): the array holds exactly these values under 1..n. */
  load(values: V[]): void;
  /** The keys in the order for-in visits them (a snapshot). */
  keys(): string[];
  readonly size: number;
}

// ---------------------------------------------------------------------------------------------
// busybox

const BB_PRIMES = [251, 1021, 4093, 16381, 65521];

function bbHash(name: string): number {
  let idx = 0;
  for (let i = 0; i < name.length; i++) idx = (name.charCodeAt(i) + Math.imul(idx, 63)) >>> 0;
  return idx;
}

export class BbArray<V> implements AwkArray<V> {
  private csize = 61;
  private nprime = 0;
  private nel = 0;
  private buckets: string[][] = Array.from({ length: 61 }, () => []);
  private values = new Map<string, V>();
  constructor(
    private readonly keyOf: (k: Key) => string,
    private readonly blank: () => V,
  ) {}

  get size(): number {
    return this.values.size;
  }

  get(key: Key, create: boolean): V | undefined {
    const name = this.keyOf(key);
    const v = this.values.get(name);
    if (v !== undefined || !create) return v;
    // hash_find: the count goes up before the check, the new key is put in the new table
    if (++this.nel > this.csize * 8) this.rebuild();
    this.buckets[bbHash(name) % this.csize].unshift(name);
    const nv = this.blank();
    this.values.set(name, nv);
    return nv;
  }

  private rebuild(): void {
    if (this.nprime === BB_PRIMES.length) return;
    const size = BB_PRIMES[this.nprime++];
    const items: string[][] = Array.from({ length: size }, () => []);
    for (const chain of this.buckets) for (const name of chain) items[bbHash(name) % size].unshift(name);
    this.csize = size;
    this.buckets = items;
  }

  remove(key: Key): void {
    const name = this.keyOf(key);
    if (!this.values.delete(name)) return;
    const chain = this.buckets[bbHash(name) % this.csize];
    chain.splice(chain.indexOf(name), 1);
    this.nel--;
  }

  clear(): void {
    // hash_clear empties the buckets and keeps their number
    for (const chain of this.buckets) chain.length = 0;
    this.values.clear();
    this.nel = 0;
  }

  load(values: V[]): void {
    this.clear();
    values.forEach((v, i) => {
      this.get({ str: String(i + 1) }, true);
      this.values.set(String(i + 1), v);
    });
  }

  keys(): string[] {
    return this.buckets.flat();
  }
}

// ---------------------------------------------------------------------------------------------
// mawk

const MAX_INT = 2147483647;
const NOT_AN_IVALUE = -MAX_INT - 1;
const STARTING_HMASK = 63;
const MAX_AVE_LIST_LENGTH = 12;
const AY_NULL = 0;
const AY_INT = 1;
const AY_STR = 2;
const AY_SPLIT = 4;

/** mawk's d_to_I: a double to its Int, clamped to ±Max_Int. */
export function dToI(d: number): number {
  if (d >= MAX_INT) return MAX_INT;
  if (d > -MAX_INT) return Math.trunc(d);
  return -MAX_INT;
}

function fnv1(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

interface ANode<V> {
  slink?: ANode<V>;
  ilink?: ANode<V>;
  sval?: string;
  hval: number;
  ival: number;
  cell: V;
}

interface DualLink<V> {
  slink?: ANode<V>;
  ilink?: ANode<V>;
}

export class MawkArray<V> implements AwkArray<V> {
  private type = AY_NULL;
  private hmask = 0;
  private limit = 0;
  private count = 0;
  private table: DualLink<V>[] = [];
  private split: V[] = [];
  constructor(
    /** A non-integral number as CONVFMT writes it. */
    private readonly convfmt: (n: number) => string,
    private readonly blank: () => V,
  ) {}

  get size(): number {
    return this.count;
  }

  get(key: Key, create: boolean): V | undefined {
    if (this.count === 0 && !create) return undefined;
    let node: ANode<V> | undefined;
    if ('num' in key) {
      const d = key.num;
      const ival = dToI(d);
      if (ival === d) {
        if (this.type === AY_SPLIT) {
          if (ival >= 1 && ival <= this.count) return this.split[ival - 1];
          if (!create) return undefined;
          this.convertSplit();
        } else if (this.type === AY_NULL) this.makeEmpty(AY_INT);
        node = this.findByIval(ival, create);
      } else node = this.findBySval(this.convfmt(d), create);
    } else node = this.findBySval(key.str, create);
    return node?.cell;
  }

  private makeEmpty(type: number): void {
    this.type = type;
    this.hmask = STARTING_HMASK;
    this.limit = (STARTING_HMASK + 1) * MAX_AVE_LIST_LENGTH;
    this.table = Array.from({ length: STARTING_HMASK + 1 }, () => ({}));
  }

  private findByIval(ival: number, create: boolean): ANode<V> | undefined {
    let indx = (ival >>> 0) & this.hmask;
    let p = this.table[indx].ilink;
    let q: ANode<V> | undefined;
    for (;;) {
      if (!p) {
        if (this.type & AY_STR) {
          // find_by_ival refreshes its table after a doubling here, not its index (kept as mawk has it)
          p = this.findBySval(String(ival), create);
          if (!p) return undefined;
        } else if (create) {
          p = { hval: 0, ival, cell: this.blank() };
          if (++this.count > this.limit) {
            this.double();
            indx = (ival >>> 0) & this.hmask;
          }
        } else return undefined;
        p.ival = ival;
        this.type |= AY_INT;
        break;
      } else if (p.ival === ival) {
        if (!q) return p;
        q.ilink = p.ilink;
        break;
      }
      q = p;
      p = q.ilink;
    }
    p.ilink = this.table[indx].ilink;
    this.table[indx].ilink = p;
    return p;
  }

  private findBySval(sval: string, create: boolean): ANode<V> | undefined {
    const hval = fnv1(sval);
    if (!(this.type & AY_STR)) this.addStringAssociations();
    let indx = hval & this.hmask;
    let p = this.table[indx].slink;
    let q: ANode<V> | undefined;
    for (;;) {
      if (!p) {
        if (!create) return undefined;
        p = { sval, hval, ival: NOT_AN_IVALUE, cell: this.blank() };
        if (++this.count > this.limit) {
          this.double();
          indx = hval & this.hmask;
        }
        break;
      } else if (p.hval === hval && p.sval === sval) {
        if (!q) return p;
        q.slink = p.slink;
        break;
      }
      q = p;
      p = q.slink;
    }
    p.slink = this.table[indx].slink;
    this.table[indx].slink = p;
    return p;
  }

  private addStringAssociations(): void {
    if (this.type === AY_NULL) {
      this.makeEmpty(AY_STR);
      return;
    }
    if (this.type === AY_SPLIT) this.convertSplit();
    for (let i = 0; i <= this.hmask; i++) {
      for (let p = this.table[i].ilink; p; p = p.ilink) {
        p.sval = String(p.ival);
        p.hval = fnv1(p.sval);
        const j = this.hmask & p.hval;
        p.slink = this.table[j].slink;
        this.table[j].slink = p;
      }
    }
    this.type |= AY_STR;
  }

  private convertSplit(): void {
    const cells = this.split;
    this.hmask = STARTING_HMASK;
    this.limit = (STARTING_HMASK + 1) * MAX_AVE_LIST_LENGTH;
    while (this.count > this.limit) {
      this.hmask = this.hmask * 2 + 1;
      this.limit = (this.hmask + 1) * MAX_AVE_LIST_LENGTH;
    }
    this.table = Array.from({ length: this.hmask + 1 }, () => ({}));
    for (let i = 0, j = 1; i < this.count; i++) {
      const p: ANode<V> = { hval: 0, ival: i + 1, cell: cells[i] };
      p.ilink = this.table[j].ilink;
      this.table[j].ilink = p;
      j = (j + 1) & this.hmask;
    }
    this.type = AY_INT;
    this.split = [];
  }

  private double(): void {
    const old = this.hmask;
    const nmask = old * 2 + 1;
    for (let i = 0; i <= old; i++) this.table.push({});
    const t = this.table;
    for (const [link, val] of [
      ['slink', (p: ANode<V>) => p.hval],
      ['ilink', (p: ANode<V>) => p.ival >>> 0],
    ] as const) {
      if (!(this.type & (link === 'slink' ? AY_STR : AY_INT))) continue;
      for (let i = 0, j = old + 1; i <= old; i++, j++) {
        const stay: ANode<V>[] = [];
        const move: ANode<V>[] = [];
        for (let p = t[i][link]; p; p = p[link]) ((val(p) & nmask) !== i ? move : stay).push(p);
        const relink = (list: ANode<V>[]): ANode<V> | undefined => {
          list.forEach((p, k) => (p[link] = list[k + 1]));
          return list[0];
        };
        t[i][link] = relink(stay);
        t[j][link] = relink(move);
      }
    }
    this.hmask = nmask;
    this.limit = (nmask + 1) * MAX_AVE_LIST_LENGTH;
  }

  remove(key: Key): void {
    if (this.count === 0) return;
    const t = (): DualLink<V>[] => this.table;
    if ('num' in key && dToI(key.num) === key.num) {
      const ival = key.num;
      if (this.type === AY_SPLIT) {
        if (ival >= 1 && ival <= this.count) this.convertSplit();
        else return;
      }
      const ap = this.findByIval(ival, false);
      if (!ap) return;
      // found: it is at the front of its integer list
      t()[(ap.ival >>> 0) & this.hmask].ilink = ap.ilink;
      if (ap.sval !== undefined) this.unlink(ap, 'slink', ap.hval & this.hmask);
      if (--this.count === 0) this.clear();
      return;
    }
    const sval = 'num' in key ? this.convfmt(key.num) : key.str;
    const ap = this.findBySval(sval, false);
    if (!ap) return;
    t()[ap.hval & this.hmask].slink = ap.slink;
    if (ap.ival !== NOT_AN_IVALUE) this.unlink(ap, 'ilink', (ap.ival >>> 0) & this.hmask);
    if (--this.count === 0) this.clear();
  }

  private unlink(ap: ANode<V>, link: 'slink' | 'ilink', indx: number): void {
    let p = this.table[indx][link];
    let q: ANode<V> | undefined;
    while (p && p !== ap) {
      q = p;
      p = q[link];
    }
    if (q) q[link] = ap[link];
    else this.table[indx][link] = ap[link];
  }

  clear(): void {
    this.type = AY_NULL;
    this.hmask = 0;
    this.limit = 0;
    this.count = 0;
    this.table = [];
    this.split = [];
  }

  load(values: V[]): void {
    this.clear();
    this.type = AY_SPLIT;
    this.split = values.slice();
    this.count = values.length;
    // array_load of no fields keeps an empty split vector (size 0)
  }

  keys(): string[] {
    if (this.count === 0) return [];
    if (!(this.type & AY_STR)) this.addStringAssociations();
    const out: string[] = [];
    for (let i = 0; i <= this.hmask; i++) for (let p = this.table[i].slink; p; p = p.slink) out.push(p.sval!);
    return out;
  }
}
