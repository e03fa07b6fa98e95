// The text form of built stand-in images (src/image/stand-in-form.ts), which `npm run build`
// writes and the CLI reads back instead of building each image: what it gives back must be the
// very graph the build made (the recorded corpora replay through it), so the comparison here is
// stricter than a deep equality: same prototypes, same key order, same frozen objects, and the
// same sharing (an object met twice in one is met twice in the other).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/engine/profile.ts';
import { catalogEntries } from '../../src/image/catalog/index.ts';
import { buildStandIn } from '../../src/image/pull.ts';
import { decodeGraph, encodeGraph } from '../../src/image/stand-in-form.ts';
import { busyboxBinary } from '../../src/fs/busybox-binary.ts';

/** Where `a` and `b` differ as graphs ('' when they do not). */
function graphDifference(a: unknown, b: unknown): string {
  const pairs = new Map<object, object>();
  const back = new Map<object, object>();
  const todo: [unknown, unknown, string][] = [[a, b, '$']];
  while (todo.length > 0) {
    const [x, y, at] = todo.pop()!;
    if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null) {
      if (!Object.is(x, y)) return `${at}: ${String(x)} vs ${String(y)}`;
      continue;
    }
    if (pairs.has(x) || back.has(y)) {
      if (pairs.get(x) !== y || back.get(y) !== x) return `${at}: shared differently`;
      continue;
    }
    pairs.set(x, y);
    back.set(y, x);
    if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return `${at}: another prototype`;
    if (Array.isArray(x) !== Array.isArray(y)) return `${at}: array vs object`;
    if (Object.isFrozen(x) !== Object.isFrozen(y)) return `${at}: frozen differs`;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.join('\0') !== ky.join('\0') || kx.length !== ky.length) return `${at}: keys ${kx.join(',')} vs ${ky.join(',')}`;
    for (const k of kx) todo.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${at}.${k}`]);
  }
  return '';
}

describe('the text form of a built stand-in image', () => {
  it('gives back every catalog image on every engine as the build made it', () => {
    const contexts = new Map(catalogEntries().map((e) => [e.context, e]));
    expect(contexts.size).toBeGreaterThan(0);
    for (const profile of Object.values(PROFILES)) {
      for (const entry of contexts.values()) {
        const built = buildStandIn(profile, entry);
        expect(graphDifference(decodeGraph(encodeGraph(built)), built), `${profile.name} ${entry.context}`).toBe('');
      }
    }
  });

  it('gives back any value graph: sharing, records without prototype, frozen objects, undefined, -0, NaN', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: false, withMap: false, withSet: false, withObjectString: false, withTypedArray: false, withSparseArray: false, withDate: false, withBigInt: false }), fc.nat(), fc.boolean(), (value, pick, freeze) => {
        // share one of its objects in a second place, maybe frozen
        const objects: object[] = [];
        const collect = (v: unknown): void => {
          if (typeof v !== 'object' || v === null || objects.includes(v)) return;
          objects.push(v);
          for (const k of Object.keys(v)) collect((v as Record<string, unknown>)[k]);
        };
        collect(value);
        const shared = objects.length > 0 ? objects[pick % objects.length] : {};
        if (freeze) Object.freeze(shared);
        const graph = { value, again: shared, ['__proto__']: 1 } as Record<string, unknown>;
        Object.defineProperty(graph, '__proto__', { value: [shared], enumerable: true, writable: true, configurable: true });
        expect(graphDifference(decodeGraph(encodeGraph(graph)), graph)).toBe('');
      }),
    );
  });

  it("holds busybox's bytes (moved to /usr/bin in a GNU system's stand-in) as a tag, and gives back the same string", () => {
    expect(encodeGraph({ data: busyboxBinary() })).toBe('[1,"data",[6]]');
    const text = encodeGraph({ data: busyboxBinary(), other: busyboxBinary().slice(1) });
    const back = decodeGraph(text) as { data: string; other: string };
    expect(back.data).toBe(busyboxBinary());
    expect(back.other).toBe(busyboxBinary().slice(1));
    expect(encodeGraph('[6]')).toBe('"[6]"');
  });

  it('holds a long text met again (the postgres programs\' copies of one script) once, and gives every copy back', () => {
    const long = (c: string, n: number): string => c.repeat(n);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(long('a', 1024), long('b', 2000), long('a', 1023), 'short', ''), fc.string()), { maxLength: 30 }), (items) => {
        const graph = { items, nested: [{ again: items.slice().reverse() }] };
        const text = encodeGraph(graph);
        expect(graphDifference(decodeGraph(text), graph)).toBe('');
        // each long text once in the text, whatever the number of its copies
        for (const t of [long('a', 1024), long('b', 2000)]) expect(text.split(t).length - 1).toBe(items.includes(t) ? 1 : 0);
      }),
    );
  });

  it('the comparison sees a difference in sharing, freezing, key order and prototype', () => {
    const o = { a: 1 };
    expect(graphDifference({ x: o, y: o }, { x: { a: 1 }, y: { a: 1 } })).not.toBe('');
    expect(graphDifference({ x: Object.freeze({}) }, { x: {} })).not.toBe('');
    expect(graphDifference({ a: 1, b: 2 }, { b: 2, a: 1 })).not.toBe('');
    expect(graphDifference(Object.create(null), {})).not.toBe('');
    expect(graphDifference([-0], [0])).not.toBe('');
    expect(graphDifference({ a: undefined }, {})).not.toBe('');
  });

  it('gives back the numbers JSON cannot hold as themselves: -0, NaN and both infinities', () => {
    // (the property test above draws them rarely at a few runs; these are the cases it stands for)
    const numbers = [-0, 0, NaN, Infinity, -Infinity, 1.5, -2];
    const back = decodeGraph(encodeGraph(numbers)) as number[];
    expect(back.length).toBe(numbers.length);
    numbers.forEach((n, i) => expect(Object.is(back[i], n), `${i}: ${String(back[i])}`).toBe(true));
    // and a finite number is written as itself, as the shape above says
    expect(encodeGraph([1.5, -2, 0])).toBe(`[${0},1.5,-2,0]`);
  });

  it('gives back an own `__proto__` key as an ordinary property: enumerable, writable, configurable, the prototype untouched', () => {
    const graph = JSON.parse('{"__proto__": [1], "a": 2}') as Record<string, unknown>;
    const back = decodeGraph(encodeGraph(graph)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')).toEqual(Object.getOwnPropertyDescriptor(graph, '__proto__'));
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')).toEqual({ value: [1], enumerable: true, writable: true, configurable: true });
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
  });

  it('refuses what it cannot hold', () => {
    expect(() => encodeGraph(new Map())).toThrow(/class/);
    expect(() => encodeGraph({ f: () => 1 })).toThrow(/function/);
  });
});
