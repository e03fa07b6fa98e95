// fs/node.ts: the nodes, their sizes, deep copies, and a directory's entries read and written
// only through its functions. The order every listing is compared with is a JavaScript record's
// (Object.keys: array indices first, then names as created), which is the order strata gives to
// `ls -f`, `find` and a merged readdir; large-dir.test.ts drives the same at random.

import { freeze, isDraft, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import {
  builtDir,
  clearEntries,
  cloneNode,
  device,
  dir,
  eachEntry,
  entriesFrom,
  entriesJson,
  entryCount,
  entryList,
  entryNames,
  entryOf,
  entryToChange,
  file,
  isEmptyDir,
  namesRecord,
  noEntries,
  removeEntry,
  S_IFMT,
  setEntry,
  SMALL_MAX,
  symlink,
  treeSize,
  treeSizeIfKnown,
  holdsPlaceholder,
  WHITEOUT,
  type DirNode,
  type FileNode,
  type Node,
} from '../../src/fs/node.ts';

const names = (n: number, prefix = 'f'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const pairs = (ns: string[]): [string, Node][] => ns.map((n) => [n, file(n)]);
const visited = (d: DirNode): string[] => {
  const out: string[] = [];
  eachEntry(d, (n, node) => out.push(`${n}=${(node as FileNode).data}`));
  return out;
};

describe('nodes', () => {
  it('carry the st_mode file types of stat(2) (inode(7): S_IFREG, S_IFDIR, S_IFLNK, S_IFCHR, S_IFSOCK, S_IFIFO)', () => {
    expect(S_IFMT).toEqual({ file: 0o100000, dir: 0o040000, symlink: 0o120000, chardev: 0o020000, socket: 0o140000, fifo: 0o010000 });
  });

  it('have the defaults of a fresh inode: files 0644, directories 0755, symlinks 0777, devices 0666, root-owned', () => {
    expect(file('x')).toEqual({ kind: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, data: 'x' });
    expect(symlink('t', { uid: 3 })).toEqual({ kind: 'symlink', mode: 0o777, uid: 3, gid: 0, mtime: 0, target: 't' });
    expect(device('zero')).toEqual({ kind: 'chardev', mode: 0o666, uid: 0, gid: 0, mtime: 0, device: 'zero' });
    const d = dir({ mode: 0o700, mtime: 5 });
    expect([d.kind, d.mode, d.uid, d.gid, d.mtime, entryCount(d), isEmptyDir(d)]).toEqual(['dir', 0o700, 0, 0, 5, 0, true]);
  });

  it('treeSize counts what moby\'s pkg/directory Size counts: file bytes and link targets, a hard-linked inode once', () => {
    const tree = dir({}, {
      a: file('12345', { ino: 9, nlink: 2 }),
      sub: dir({}, { b: file('12345', { ino: 9, nlink: 2 }), c: file('xy', { ino: 4, nlink: 2 }), gone: WHITEOUT, z: device('zero') }),
      l: symlink('/etc'),
      d: file('xy', { ino: 4, nlink: 2 }),
    });
    expect(treeSize(tree)).toBe(5 + 2 + 4);
    expect(treeSize(file('abc'))).toBe(3);
    expect(treeSize(dir({}, { a: file('12'), b: file('345'), d: dir({}, { c: file('6') }) }))).toBe(6);
    expect(treeSize(WHITEOUT)).toBe(0);
  });

  it("treeSizeIfKnown is treeSize, or undefined where the tree holds a server's file or directory (holdsPlaceholder)", () => {
    const known = dir({}, { a: file('12345', { ino: 9, nlink: 2 }), sub: dir({}, { b: file('12345', { ino: 9, nlink: 2 }), gone: WHITEOUT }), l: symlink('/etc') });
    const withFile = dir({}, { a: file('12'), sub: dir({}, { deep: dir({}, { p: { ...file('stand-in rows'), placeholder: true as const } }) }) });
    const withDir = dir({}, { a: file('12'), global: { ...dir({}, { x: file('345') }), placeholder: true as const } });
    // the second name of a hard-linked placeholder is one the walk meets after the first
    const linked = dir({}, { a: { ...file('', { ino: 3, nlink: 2 }), placeholder: true as const }, b: { ...file('', { ino: 3, nlink: 2 }), placeholder: true as const } });
    for (const t of [known, withFile, withDir, linked, file('abc'), WHITEOUT, { ...file(''), placeholder: true as const }]) {
      expect(treeSizeIfKnown(t)).toBe(holdsPlaceholder(t) ? undefined : treeSize(t));
    }
    expect([treeSizeIfKnown(known), treeSizeIfKnown(withFile), treeSizeIfKnown(withDir), treeSizeIfKnown(linked)]).toEqual([5 + 4, undefined, undefined, undefined]);
  });

  it('cloneNode copies every level: the copy is equal, shares no node, and changes to it leave the original', () => {
    const deep = dir({ mode: 0o711 }, { z: file('1'), a: dir({}, { '2': file('two'), b: dir({}, { c: file('c', { ino: 3, nlink: 1 }) }), '1': symlink('x') }) });
    const before = JSON.stringify(deep, entriesJson);
    const copy = cloneNode(deep);
    expect(JSON.stringify(copy, entriesJson)).toBe(before);
    const a = entryOf(copy, 'a') as DirNode;
    expect(a).not.toBe(entryOf(deep, 'a'));
    expect(entryOf(a, 'b')).not.toBe(entryOf(entryOf(deep, 'a') as DirNode, 'b'));
    expect(entryNames(a)).toEqual(['1', '2', 'b']);
    (entryToChange(entryOf(a, 'b') as DirNode, 'c') as FileNode).data = 'changed';
    setEntry(copy, 'new', file(''));
    removeEntry(a, '2');
    expect(JSON.stringify(deep, entriesJson)).toBe(before);
    const f = file('x');
    const fc = cloneNode(f);
    expect(fc).toEqual(f);
    expect(fc).not.toBe(f);
  });
});

describe('a directory\'s entries', () => {
  it('are made from a record, pairs or a Map in the order a record takes them, a repeated name in its first place with its last node', () => {
    for (const count of [3, SMALL_MAX, SMALL_MAX + 1, 600]) {
      const ns = [...names(count), '7', '0', 'f1'];
      const expected = Object.create(null) as Record<string, string>;
      ns.forEach((n, i) => (expected[n] = `${n}#${i}`));
      const list = ns.map((n, i) => [n, file(`${n}#${i}`)] as [string, Node]);
      const want = Object.entries(expected).map(([n, v]) => `${n}=${v}`);
      const fromPairs = dir({}, list);
      const fromIterable = dir({}, (function* () {
        yield* list;
      })());
      const fromMap = dir({}, new Map(list));
      const rec = Object.create(null) as Record<string, Node>;
      for (const [n, node] of list) rec[n] = node;
      const fromRecord = dir({}, rec);
      for (const d of [fromPairs, fromIterable, fromMap, fromRecord]) {
        expect(visited(d)).toEqual(want);
        expect(entryCount(d)).toBe(want.length);
        expect(entryNames(d)).toEqual(Object.keys(expected));
      }
    }
  });

  it('many pairs that repeat few names are a directory of few names, which grows and shrinks as any other', () => {
    const list = [...pairs(names(200)), ...pairs(names(200))];
    const d = dir({}, list);
    expect(entryCount(d)).toBe(200);
    for (const n of names(100, 'g')) setEntry(d, n, file(n));
    expect(entryCount(d)).toBe(300);
    expect(entryNames(d).slice(198, 202)).toEqual(['f198', 'f199', 'g0', 'g1']);
    for (const n of names(100, 'g')) removeEntry(d, n);
    expect(entryNames(d)).toEqual(names(200));
    // a name set into a full small directory makes it large, in the same order
    const full = dir({}, pairs(names(SMALL_MAX)));
    setEntry(full, 'f3', file('again'));
    expect(entryCount(full)).toBe(SMALL_MAX);
    setEntry(full, 'last', file('last'));
    expect(entryNames(full)).toEqual([...names(SMALL_MAX), 'last']);
    expect((entryOf(full, 'f3') as FileNode).data).toBe('again');
    removeEntry(full, 'absent');
    expect(entryCount(full)).toBe(SMALL_MAX + 1);
  });

  it('clearEntries and noEntries leave a directory with none; a whiteout is an entry like any other', () => {
    for (const count of [2, 400]) {
      const d = dir({}, pairs(names(count)));
      setEntry(d, 'w', WHITEOUT);
      expect(isEmptyDir(d)).toBe(false);
      clearEntries(d);
      expect([entryCount(d), isEmptyDir(d), entryList(d), visited(d)]).toEqual([0, true, [], []]);
      setEntry(d, 'w', WHITEOUT);
      expect([entryCount(d), isEmptyDir(d), entryOf(d, 'w')]).toEqual([1, false, WHITEOUT]);
    }
    const d = dir();
    d.entries = noEntries();
    expect(entryNames(d)).toEqual([]);
    expect(entriesFrom([])).toEqual(noEntries());
  });

  it('a built directory keeps the record it was given, however many names, and still takes writes', () => {
    const rec = namesRecord();
    for (const n of [...names(300), '5', '__proto__']) rec[n] = file(n);
    const d = builtDir({ mode: 0o750, uid: 1, gid: 2, mtime: 3 }, rec);
    expect([d.kind, d.mode, d.uid, d.gid, d.mtime]).toEqual(['dir', 0o750, 1, 2, 3]);
    expect(entryNames(d)).toEqual(['5', ...names(300), '__proto__']);
    expect((entryOf(d, '__proto__') as FileNode).data).toBe('__proto__');
    expect(entryOf(d, 'toString')).toBeUndefined();
    setEntry(d, 'x', file('x'));
    removeEntry(d, 'f0');
    expect(entryNames(d).slice(0, 2)).toEqual(['5', 'f1']);
    expect(entryNames(d).slice(-2)).toEqual(['__proto__', 'x']);
    expect(visited(d).slice(0, 2)).toEqual(['5=5', 'f1=f1']);
  });
});

describe('changes in place', () => {
  it('inside a command change drafts, and every state before stays as it was, small or large', () => {
    for (const count of [3, 400]) {
      const before = freeze({ d: dir({}, { sub: dir({}, pairs(names(count))), ...Object.fromEntries(pairs(names(count, 'top'))) }) }, true);
      const json = JSON.stringify(before, entriesJson);
      const after = produce(before, (draft) => {
        const sub = entryToChange(draft.d, 'sub') as DirNode;
        expect(isDraft(sub)).toBe(true);
        (entryToChange(sub, 'f1') as FileNode).data = 'changed';
        (entryToChange(draft.d, 'top2') as FileNode).mode = 0o600;
        setEntry(sub, 'new', file('new'));
        removeEntry(draft.d, 'top0');
        expect(entryToChange(draft.d, 'absent')).toBeUndefined();
      });
      expect(JSON.stringify(before, entriesJson)).toBe(json);
      const sub = entryOf(after.d, 'sub') as DirNode;
      expect([(entryOf(sub, 'f1') as FileNode).data, (entryOf(after.d, 'top2') as FileNode).mode, entryOf(after.d, 'top0')]).toEqual(['changed', 0o600, undefined]);
      expect(entryNames(sub).slice(-1)).toEqual(['new']);
      expect(entryOf(entryOf(before.d, 'sub') as DirNode, 'f2')).toBe(entryOf(sub, 'f2'));
    }
  });

  it('a frozen tree outside a command refuses a change through it, as immer\'s frozen states do', () => {
    const frozen = freeze(dir({}, { f: file('x') }), true);
    const f = entryToChange(frozen, 'f') as FileNode;
    expect(f).toBe(entryOf(frozen, 'f'));
    expect(() => {
      f.data = 'y';
    }).toThrow(TypeError);
  });

  it('a change after a write in the same command reaches the new node, never the state before (a rebuilt trie path)', () => {
    const before = freeze({ d: dir({}, pairs(names(400))) }, true);
    const after = produce(before, (draft) => {
      setEntry(draft.d, 'n', file('n'));
      (entryToChange(draft.d, 'f5') as FileNode).data = 'five';
      (entryToChange(draft.d, 'n') as FileNode).data = 'N';
    });
    expect((entryOf(before.d, 'f5') as FileNode).data).toBe('f5');
    expect(entryOf(before.d, 'n')).toBeUndefined();
    expect([(entryOf(after.d, 'f5') as FileNode).data, (entryOf(after.d, 'n') as FileNode).data]).toEqual(['five', 'N']);
  });
});
