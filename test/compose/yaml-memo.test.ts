// A compose file decoded again (src/compose/yaml.ts keeps decoded files by their bytes): each call
// gets documents of its own, as a fresh decode makes them, since the model's pass changes them.

import { describe, expect, it } from 'vitest';
import { nonStringKey, parseYamlDocuments, type YamlMap, type YamlValue } from '../../src/compose/yaml.ts';
import { clearMemos } from '../../src/engine/memos.ts';

const FILE = [
  'x-common: &common',
  '  image: busybox',
  '  environment: [A=1]',
  'services:',
  '  web:',
  '    <<: *common',
  '    ports: ["8080:80"]',
  '  db:',
  '    labels: *common',
  '    1: one',
  '---',
  '# only a comment',
  '---',
  '- a',
  '- [b, c]',
  '',
].join('\n');

/** Everything observable of a decoded value: own keys with their attributes, prototypes, and which values are the same object. */
function shape(v: YamlValue | YamlValue[], seen = new Map<object, number>()): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (seen.has(v)) return { same: seen.get(v) };
  seen.set(v, seen.size);
  return {
    proto: Object.getPrototypeOf(v) === null ? 'null' : Array.isArray(v) ? 'array' : 'object',
    frozen: Object.isFrozen(v),
    keys: Reflect.ownKeys(v).map((k) => {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      return [String(k), d.enumerable, d.writable, d.configurable, k === 'length' ? d.value : shape(d.value as YamlValue, seen)];
    }),
  };
}

describe('compose files decoded again', () => {
  it('give what a fresh decode gives, as objects of their own', () => {
    clearMemos();
    const fresh = parseYamlDocuments(FILE);
    const again = parseYamlDocuments(FILE);
    const third = parseYamlDocuments(FILE);
    expect(shape(again)).toEqual(shape(fresh));
    expect(shape(third)).toEqual(shape(fresh));
    // the non-string key 1 is remembered on its mapping, hidden, as decode puts it
    const db = ((again[0] as YamlMap).services as YamlMap).db as YamlMap;
    expect(nonStringKey(db)).toBe('1');
    // an alias's value is shared within one call's documents, never between calls
    expect(db.labels).toBe((again[0] as YamlMap)['x-common']);
    expect(db.labels).not.toBe((fresh[0] as YamlMap)['x-common']);
    // a change made by one caller reaches no other
    ((fresh[0] as YamlMap).services as YamlMap).web = 'changed';
    ((again[0] as YamlMap)['x-common'] as YamlMap).image = 'changed too';
    const fourth = parseYamlDocuments(FILE);
    clearMemos();
    expect(shape(fourth)).toEqual(shape(parseYamlDocuments(FILE)));
    expect(((fourth[0] as YamlMap).services as YamlMap).web).not.toBe('changed');
  });

  it('throw again on a file that does not decode', () => {
    clearMemos();
    const bad = 'services:\n  web: [\n';
    const first = (): YamlValue[] => parseYamlDocuments(bad);
    expect(first).toThrow();
    let message = '';
    try {
      parseYamlDocuments(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(() => parseYamlDocuments(bad)).toThrow(message);
  });
});
