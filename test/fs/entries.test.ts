// fs/node.ts entryOf and entryList: reading a directory inside a command's draft drafts nothing
// (a read through the draft copied the whole entries record), sees what the command changed, and
// knows only own entries.

import { isDraft, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { setEntry, removeEntry, dir, entryList, entryOf, file, type DirNode } from '../../src/fs/node.ts';

describe('entryOf / entryList', () => {
  const tree = (): { d: DirNode } => produce({ d: dir({}, { a: file('1'), b: dir({}, { c: file('2') }) }) }, () => undefined);

  it('read through a draft, give the base nodes and leave the directory undrafted', () => {
    const base = tree();
    produce(base, (st) => {
      const a = entryOf(st.d, 'a');
      expect(isDraft(a)).toBe(false);
      expect(a).toBe(entryOf(base.d, 'a'));
      expect(entryList(st.d).map(([n, node]) => [n, isDraft(node)])).toEqual([
        ['a', false],
        ['b', false],
      ]);
      // nothing was drafted on the way: the entries record is still the base's
      expect(isDraft(Object.getOwnPropertyDescriptor(st.d, 'entries')!.value)).toBe(false);
    });
  });

  it('see what the command changed so far', () => {
    produce(tree(), (st) => {
      setEntry(st.d, 'a', file('new'));
      removeEntry(st.d, 'b');
      setEntry(st.d, 'z', file('z'));
      expect(entryOf(st.d, 'a')).toMatchObject({ data: 'new' });
      expect(entryOf(st.d, 'b')).toBeUndefined();
      expect(entryList(st.d).map(([n]) => n)).toEqual(['a', 'z']);
    });
  });

  it('know only own entries: a name such as constructor is absent until created', () => {
    const d = dir();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(entryOf(d, name)).toBeUndefined();
    const name: string = 'constructor';
    setEntry(d, name, file('x'));
    expect(entryOf(d, name)).toMatchObject({ kind: 'file', data: 'x' });
    // __proto__ too: an entry, not the record's prototype
    setEntry(d, '__proto__', file('p'));
    expect(entryOf(d, '__proto__')).toMatchObject({ kind: 'file', data: 'p' });
    expect(entryList(d).map(([n]) => n)).toEqual(['constructor', '__proto__']);
  });
});
