// A built stand-in image (src/image/pull.ts) as JSON text, so that `npm run build` can build
// every catalog image once and the CLI read them back (src/cli/stand-ins.ts) instead of
// building each pulled image again in every process (a third of the CPU time of checking
// scenarios/tutorials/003, before).
//
// The text holds the value graph exactly: every object and array in the order a depth-first walk
// meets them, an object met again as a reference to the first (layer trees share nodes and
// entries), records without prototype as such (a directory's entries), frozen objects frozen
// again, and `undefined`, -0, NaN and infinities as themselves. So what `decodeStandIn` returns
// is indistinguishable from what the build returned (test/image/stand-in-form.test.ts checks it
// with a deep strict comparison, for every catalog image on every engine).
//
// Shape: a value is a JSON string, finite number, boolean or null as itself, or an array whose
// first item says what it is (the tags below). An object or array gets the next number (from 0)
// when it is first met.

import { BUSYBOX_SIZE, busyboxBinary } from '../fs/busybox-binary.ts';

/** An array: [ARRAY, ...items]. */
const ARRAY = 0;
/** An object with Object.prototype: [OBJECT, key, value, key, value, ...]. */
const OBJECT = 1;
/** An object without prototype: [BARE, key, value, ...]. */
const BARE = 2;
/** The object or array numbered n, met before: [REF, n]. */
const REF = 3;
/** undefined: [UNDEFINED]. */
const UNDEFINED = 4;
/** -0, NaN, Infinity, -Infinity: [NUMBER, 'NaN'...]. */
const NUMBER = 5;
/**
 * busybox's bytes (src/fs/busybox-binary.ts, 1.98 MB), which a stand-in of a Debian, Ubuntu or
 * Oracle Linux image holds in a layer of its own (its merged /usr moves busybox to /usr/bin):
 * [BUSYBOX], given back as the very string busyboxBinary() returns. Written out, it was 12 MB of
 * `\u0000` in each such image's text (921 MB of dist/).
 */
const BUSYBOX = 6;
/**
 * A long string (LONG_TEXT characters or more) met before: [TEXT, n], the n-th long string met,
 * in the order of the walk. The postgres stand-ins' other programs (createdb, pg_dump, ...) are 35
 * copies of one 70 KB script: written out each time, postgres:16-alpine's text was 2.8 MB, which
 * every process that pulls it read and parsed (~2,000 more page faults checking page 001).
 */
const TEXT = 7;
const LONG_TEXT = 1024;
/** Added to ARRAY, OBJECT or BARE: the array or object is frozen. */
const FROZEN = 8;

type Encoded = string | number | boolean | null | Encoded[];

/** The JSON text of a value graph made of plain objects, records without prototype, arrays and primitives. */
export function encodeGraph(value: unknown): string {
  const numbers = new Map<object, number>();
  const texts = new Map<string, number>();
  const encode = (v: unknown): Encoded => {
    if (v === undefined) return [UNDEFINED];
    if (typeof v === 'string') {
      if (v.length === BUSYBOX_SIZE && v === busyboxBinary()) return [BUSYBOX];
      if (v.length < LONG_TEXT) return v;
      const met = texts.get(v);
      if (met !== undefined) return [TEXT, met];
      texts.set(v, texts.size);
      return v;
    }
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : [NUMBER, Object.is(v, -0) ? '-0' : String(v)];
    if (typeof v !== 'object') throw new Error(`stand-in form: cannot hold a ${typeof v}`);
    const seen = numbers.get(v);
    if (seen !== undefined) return [REF, seen];
    numbers.set(v, numbers.size);
    const frozen = Object.isFrozen(v) ? FROZEN : 0;
    if (Array.isArray(v)) {
      const out: Encoded[] = [ARRAY + frozen];
      for (let i = 0; i < v.length; i++) out.push(encode(v[i]));
      return out;
    }
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto !== Object.prototype && proto !== null) throw new Error('stand-in form: cannot hold an object of a class');
    const out: Encoded[] = [(proto === null ? BARE : OBJECT) + frozen];
    for (const key of Object.keys(v)) out.push(key, encode((v as Record<string, unknown>)[key]));
    return out;
  };
  return JSON.stringify(encode(value));
}

/** The value graph `encodeGraph` made `text` of. */
export function decodeGraph(text: string): unknown {
  const objects: object[] = [];
  const texts: string[] = [];
  const decode = (e: Encoded): unknown => {
    if (!Array.isArray(e)) {
      if (typeof e === 'string' && e.length >= LONG_TEXT) texts.push(e);
      return e;
    }
    const tag = e[0] as number;
    switch (tag) {
      case REF:
        return objects[e[1] as number];
      case TEXT:
        return texts[e[1] as number];
      case UNDEFINED:
        return undefined;
      case BUSYBOX:
        return busyboxBinary();
      case NUMBER:
        // Number('-0') is -0, Number('NaN') NaN, Number('-Infinity') -Infinity
        return Number(e[1]);
    }
    const kind = tag & ~FROZEN;
    let made: object;
    if (kind === ARRAY) {
      const a: unknown[] = [];
      objects.push(a);
      for (let i = 1; i < e.length; i++) a.push(decode(e[i]));
      made = a;
    } else {
      const o = (kind === BARE ? Object.create(null) : {}) as Record<string, unknown>;
      objects.push(o);
      for (let i = 1; i < e.length; i += 2) {
        const key = e[i] as string;
        // (assigning `__proto__` to an ordinary object would set its prototype)
        if (key === '__proto__') Object.defineProperty(o, key, { value: decode(e[i + 1]), enumerable: true, writable: true, configurable: true });
        else o[key] = decode(e[i + 1]);
      }
      made = o;
    }
    if (tag & FROZEN) Object.freeze(made);
    return made;
  };
  return decode(JSON.parse(text) as Encoded);
}
