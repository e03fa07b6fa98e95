// The overlay primitives through their public functions: lookup and merged listing (whiteouts,
// opaque directories, non-directory prefixes), flattening, the union backend's copy-up and
// removal, and `docker diff`'s rules. Pins what mutation testing found loose (docs/mutation.md).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FsError } from '../../src/fs/errors.ts';
import { entryOf, setEntry, entryNames, entryList, dir, file, symlink, WHITEOUT, type DirNode, type Node } from '../../src/fs/node.ts';
import { clearMemos } from '../../src/engine/memos.ts';
import { diffLayers } from '../../src/union/diff.ts';
import { flattenedImage, flattenLayers, layersHolding } from '../../src/union/flatten.ts';
import { layerRoots, listMerged, lookup, stepLayers } from '../../src/union/lookup.ts';
import { UnionBackend } from '../../src/union/union-backend.ts';

const sorted = (xs: string[] | undefined): string[] | undefined => (xs === undefined ? undefined : [...xs].sort());
const opaque = (entries: Record<string, Node>): DirNode => ({ ...dir({}, entries), opaque: true });

describe('lookup', () => {
  const bottom = dir({}, { a: dir({}, { x: file('1'), y: file('2') }), f: file('f'), g: file('g') });
  it('finds entries in the topmost layer that has them', () => {
    const top = dir({}, { a: dir({}, { x: file('top') }) });
    expect(lookup([top, bottom], ['a', 'x'])).toMatchObject({ data: 'top' });
    expect(lookup([top, bottom], ['a', 'y'])).toMatchObject({ data: '2' });
    expect(lookup([top, bottom], [])).toBe(top);
    expect(lookup([], ['a'])).toBeUndefined();
    expect(lookup([top, bottom], ['nope'])).toBeUndefined();
  });
  it('a whiteout hides the name and everything below it', () => {
    const top = dir({}, { a: WHITEOUT, f: WHITEOUT });
    expect(lookup([top, bottom], ['a'])).toBeUndefined();
    expect(lookup([top, bottom], ['a', 'x'])).toBeUndefined();
    expect(lookup([top, bottom], ['f'])).toBeUndefined();
    expect(lookup([top, bottom], ['g'])).toMatchObject({ data: 'g' });
  });
  it('a whiteout in a middle layer hides lower layers only', () => {
    const mid = dir({}, { f: WHITEOUT });
    const top = dir({}, { f: file('new') });
    expect(lookup([top, mid, bottom], ['f'])).toMatchObject({ data: 'new' });
    expect(lookup([mid, bottom], ['f'])).toBeUndefined();
  });
  it('an opaque directory hides what lower layers hold below it', () => {
    const top = dir({}, { a: opaque({ z: file('z') }) });
    expect(lookup([top, bottom], ['a', 'x'])).toBeUndefined();
    expect(lookup([top, bottom], ['a', 'z'])).toMatchObject({ data: 'z' });
    expect(lookup([top, bottom], ['a'])).toMatchObject({ kind: 'dir', opaque: true });
    // an opaque directory deeper in the path also blocks
    const top2 = dir({}, { a: opaque({}) });
    expect(lookup([top2, bottom], ['a', 'y'])).toBeUndefined();
  });
  it('an opaque ancestor blocks lookups through a plain directory below it', () => {
    // top: /a is opaque and holds a plain /a/x; bottom: /a/x/y. The opaque /a hides y, even
    // though the directory the walk stops in (/a/x) is not opaque itself.
    const deep = dir({}, { a: dir({}, { x: dir({}, { y: file('lower') }) }) });
    const top = dir({}, { a: opaque({ x: dir({}, {}) }) });
    expect(lookup([top, deep], ['a', 'x', 'y'])).toBeUndefined();
    expect(listMerged([top, deep], ['a', 'x'])).toEqual([]);
    // without the opaque flag, y shows through
    const plain = dir({}, { a: dir({}, { x: dir({}, {}) }) });
    expect(lookup([plain, deep], ['a', 'x', 'y'])).toMatchObject({ data: 'lower' });
    expect(listMerged([plain, deep], ['a', 'x'])).toEqual(['y']);
  });
  it('an opaque layer root hides every lower layer', () => {
    const top = { ...dir({}, { n: file('n') }), opaque: true };
    expect(lookup([top, bottom], ['g'])).toBeUndefined();
    expect(lookup([top, bottom], ['n'])).toMatchObject({ data: 'n' });
  });
  it('a non-directory in an upper layer hides a lower directory at the same path', () => {
    const top = dir({}, { a: file('now a file') });
    expect(lookup([top, bottom], ['a'])).toMatchObject({ kind: 'file' });
    expect(lookup([top, bottom], ['a', 'x'])).toBeUndefined();
    const link = dir({}, { a: symlink('/elsewhere') });
    expect(lookup([link, bottom], ['a', 'x'])).toBeUndefined();
    // and a path below a file of the same layer does not exist
    expect(lookup([bottom], ['f', 'x'])).toBeUndefined();
  });
});

describe('listMerged', () => {
  const bottom = dir({}, { a: dir({}, { x: file('1'), y: file('2') }), f: file('f') });
  it('unites names and drops whited-out ones', () => {
    const top = dir({}, { a: dir({}, { x: WHITEOUT, z: file('z') }), n: file('n') });
    expect(sorted(listMerged([top, bottom], ['a']))).toEqual(['y', 'z']);
    expect(sorted(listMerged([top, bottom], []))).toEqual(['a', 'f', 'n']);
  });
  it('a whiteout wins over a lower entry but not over a higher one', () => {
    const mid = dir({}, { a: dir({}, { y: WHITEOUT }) });
    const top = dir({}, { a: dir({}, { y: file('again') }) });
    expect(sorted(listMerged([top, mid, bottom], ['a']))).toEqual(['x', 'y']);
    expect(sorted(listMerged([mid, bottom], ['a']))).toEqual(['x']);
  });
  it('stops at an opaque directory', () => {
    const top = dir({}, { a: opaque({ z: file('z') }) });
    expect(sorted(listMerged([top, bottom], ['a']))).toEqual(['z']);
  });
  it('stops below an opaque ancestor that lacks the directory', () => {
    const top = dir({}, { a: opaque({}) });
    expect(listMerged([top, bottom], ['a', 'sub'])).toBeUndefined();
    const b2 = dir({}, { a: dir({}, { sub: dir({}, { k: file('k') }) }) });
    expect(listMerged([top, b2], ['a', 'sub'])).toBeUndefined();
    expect(sorted(listMerged([dir(), b2], ['a', 'sub']))).toEqual(['k']);
  });
  it('stops at a whiteout of the directory', () => {
    const top = dir({}, { a: WHITEOUT });
    expect(listMerged([top, bottom], ['a'])).toBeUndefined();
  });
  it('is undefined for files and missing paths; a file above a directory ends the listing', () => {
    expect(listMerged([bottom], ['f'])).toBeUndefined();
    expect(listMerged([bottom], ['nope'])).toBeUndefined();
    const fileTop = dir({}, { a: file('x') });
    expect(listMerged([fileTop, bottom], ['a'])).toBeUndefined();
    const dirTop = dir({}, { f: dir({}, { in: file('') }) });
    expect(sorted(listMerged([dirTop, bottom], ['f']))).toEqual(['in']);
  });
});

describe('flattenLayers', () => {
  it('merges layers into one tree without whiteouts or opaque directories', () => {
    const bottom = dir({ mode: 0o700 }, { a: dir({}, { x: file('1'), y: file('2') }), f: file('f'), o: dir({}, { old: file('') }) });
    const top = dir({ mode: 0o755 }, { a: dir({}, { x: WHITEOUT }), f: WHITEOUT, o: opaque({ new: file('') }), n: file('n') });
    const flat = flattenLayers([top, bottom]);
    expect(flat.mode).toBe(0o755);
    expect(sorted(entryNames(flat))).toEqual(['a', 'n', 'o']);
    expect(entryNames(entryOf(flat, 'a') as DirNode)).toEqual(['y']);
    expect(entryNames(entryOf(flat, 'o') as DirNode)).toEqual(['new']);
    expect((entryOf(flat, 'o') as DirNode).opaque).toBeUndefined();
    expect(entryOf(flat, 'n')).toBe(entryOf(top, 'n'));
    expect(layersHolding(entryOf(flat, 'a') as DirNode)).toBe(2);
    expect(layersHolding(entryOf(flat, 'o') as DirNode)).toBe(1);
    expect(layersHolding(flat)).toBe(2);
    expect(layersHolding(dir())).toBe(1);
    // only the layers that have the directory count, down to an opaque one
    const three = flattenLayers([dir({}, { d: dir() }), dir({}, { d: file('') }), dir({}, { e: file('') }), dir({}, { d: opaque({}) }), dir({}, { d: dir() })]);
    expect(layersHolding(entryOf(three, 'd') as DirNode)).toBe(1);
    const gaps = flattenLayers([dir({}, { d: dir() }), dir({}, { e: file('') }), dir({}, { d: opaque({}) }), dir({}, { d: dir() })]);
    expect(layersHolding(entryOf(gaps, 'd') as DirNode)).toBe(2);
  });
  it('of no layers is an empty root directory', () => {
    expect(flattenLayers([])).toEqual({ kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 0, entries: {} });
  });
  it('keeps the metadata of the topmost directory', () => {
    const flat = flattenLayers([dir({ mode: 0o750, uid: 3, gid: 4, mtime: 9 }, {}), dir({ mode: 0o700, uid: 1, gid: 2, mtime: 1 }, { k: file('') })]);
    expect(flat).toMatchObject({ mode: 0o750, uid: 3, gid: 4, mtime: 9 });
  });
  it('flattenedImage takes layer IDs bottom first and memoizes by the stack', () => {
    const layers: Record<string, DirNode> = { base: dir({}, { f: file('base'), g: file('g') }), top: dir({}, { f: file('top'), g: WHITEOUT }) };
    const calls: string[] = [];
    const tree = (id: string): DirNode => {
      calls.push(id);
      return layers[id];
    };
    const a = flattenedImage(['base', 'top'], tree);
    expect(entryOf(a, 'f')).toMatchObject({ data: 'top' });
    expect(entryOf(a, 'g')).toBeUndefined();
    expect(flattenedImage(['base', 'top'], tree)).toBe(a);
    expect(calls).toEqual(['top', 'base']);
    const b = flattenedImage(['top', 'base'], tree);
    expect(entryOf(b, 'f')).toMatchObject({ data: 'base' });
  });
});

/** A flattened tree as names in order, leaves by identity and each directory's layer count. */
function shape(n: Node): unknown {
  if (n.kind !== 'dir') return n;
  return { meta: [n.mode, n.uid, n.gid, n.mtime, n.opaque], holding: layersHolding(n), entries: entryList(n).map(([name, child]) => [name, shape(child)]) };
}

// Layers over a few names at three depths: files, directories (some opaque), whiteouts (for
// flattenedImage and stepLayers below).
const leaf = fc.constantFrom<Node>(file('a'), file('b'), symlink('x'), WHITEOUT);
const names = fc.constantFrom('a', 'b', 'c', '1', 'd');
const level = (inner: fc.Arbitrary<Node>): fc.Arbitrary<DirNode> =>
  fc
    .tuple(fc.uniqueArray(fc.tuple(names, inner), { selector: ([n]) => n, maxLength: 4 }), fc.boolean(), fc.nat(7))
    .map(([entries, opaque, mode]) => (opaque ? { ...dir({ mode }, entries), opaque: true } : dir({ mode }, entries)));
const layer = level(fc.oneof(leaf, level(fc.oneof(leaf, level(leaf)))));

describe('flattenedImage over a cached stack', () => {
  it('is the tree flattening the whole stack in one pass gives', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 5 }), (layers) => {
        clearMemos();
        const ids = layers.map((_, i) => `l${i}`);
        const tree = (id: string): DirNode => layers[Number(id.slice(1))];
        // every stack below the top flattened first, as a build's steps do
        for (let n = 1; n < ids.length; n++) flattenedImage(ids.slice(0, n), tree);
        const stepwise = flattenedImage(ids, tree);
        const whole = flattenLayers([...layers].reverse());
        expect(shape(stepwise)).toEqual(shape(whole));
      }),
    );
  });
});

describe('stepLayers', () => {
  it('finds, one component at a time, what lookup finds for every path of up to four names', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 5 }), fc.array(fc.array(names, { maxLength: 4 }), { minLength: 1, maxLength: 10 }), (layers, paths) => {
        for (const rel of paths) {
          let at = layerRoots(layers);
          expect(at.node).toBe(lookup(layers, []));
          for (let i = 0; i < rel.length; i++) {
            at = stepLayers(at, rel[i]);
            expect(at.node).toBe(lookup(layers, rel.slice(0, i + 1)));
          }
          expect(new UnionBackend(layers[0], layers.slice(1)).getLayered(rel).node).toBe(lookup(layers, rel));
        }
      }),
      { numRuns: 300 },
    );
  });
  it('stops below a whiteout, a file and an absent name under an opaque directory; goes on past a layer merely without the name', () => {
    const bottom = dir({}, { a: dir({}, { x: file('low') }), f: dir({}, { y: file('y') }) });
    const middle = dir({}, { b: dir({}, {}) });
    expect(stepLayers(stepLayers(layerRoots([middle, bottom]), 'a'), 'x').node).toMatchObject({ data: 'low' });
    expect(stepLayers(stepLayers(layerRoots([dir({}, { a: WHITEOUT }), bottom]), 'a'), 'x').node).toBeUndefined();
    expect(stepLayers(stepLayers(layerRoots([dir({}, { f: file('f') }), bottom]), 'f'), 'y').node).toBeUndefined();
    expect(stepLayers(stepLayers(layerRoots([opaque({ a: dir({}, {}) }), bottom]), 'a'), 'x').node).toBeUndefined();
    expect(stepLayers(stepLayers(layerRoots([dir({}, { a: opaque({}) }), bottom]), 'a'), 'x').node).toBeUndefined();
  });
});

describe('UnionBackend', () => {
  const lowerTree = (): DirNode => dir({}, { etc: dir({ mode: 0o755 }, { passwd: file('root\n', { mode: 0o644 }) }), f: file('f') });
  it('names its file system overlay unless told otherwise', () => {
    const u = new UnionBackend(dir(), []);
    expect([u.fstype, u.device]).toEqual(['overlay', 'overlay']);
    const v = new UnionBackend(dir(), [], { fstype: 'tmpfs', device: 'shm' });
    expect([v.fstype, v.device]).toEqual(['tmpfs', 'shm']);
  });
  it('copy-up copies a file whole and a directory without its entries', () => {
    const upper = dir();
    const u = new UnionBackend(upper, [lowerTree()]);
    const node = u.writable(['etc', 'passwd']);
    expect(node).toMatchObject({ kind: 'file', data: 'root\n', mode: 0o644 });
    expect(entryNames(entryOf(upper, 'etc') as DirNode)).toEqual(['passwd']);
    expect(u.writable([])).toBe(upper);
  });
  it('writable refuses missing paths and paths below files', () => {
    const u = new UnionBackend(dir(), [lowerTree()]);
    expect(() => u.writable(['nope', 'x'])).toThrow(FsError);
    expect(() => u.writable(['f', 'x'])).toThrow(/ENOTDIR/);
    expect(() => u.writableDir(['f'])).toThrow(/ENOTDIR/);
  });
  it('list refuses files (ENOTDIR) and missing paths (ENOENT)', () => {
    const u = new UnionBackend(dir(), [lowerTree()]);
    expect(() => u.list(['f'])).toThrow(/ENOTDIR/);
    expect(() => u.list(['nope'])).toThrow(/ENOENT/);
    expect(sorted(u.list([]))).toEqual(['etc', 'f']);
  });
  it('remove leaves a whiteout only over a lower entry; put over a lower entry makes an opaque directory', () => {
    const upper = dir();
    const u = new UnionBackend(upper, [lowerTree()]);
    u.put([], 'mine', file('m'));
    u.remove([], 'mine');
    expect(entryOf(upper, 'mine')).toBeUndefined();
    u.remove([], 'f');
    expect(entryOf(upper, 'f')).toBe(WHITEOUT);
    expect(u.get(['f'])).toBeUndefined();
    expect(u.lowerGet(['f'])).toMatchObject({ data: 'f' });
    u.remove([], 'etc');
    u.put([], 'etc', dir());
    expect((entryOf(upper, 'etc') as DirNode).opaque).toBe(true);
    expect(u.list(['etc'])).toEqual([]);
    u.put([], 'fresh', dir());
    expect((entryOf(upper, 'fresh') as DirNode).opaque).toBeUndefined();
    // a whiteout is replaced by copy-up of nothing: the path is gone
    expect(() => u.writable(['f'])).toThrow(/ENOENT/);
  });
  it('merged: a directory held by more than one layer', () => {
    const upper = dir({}, { etc: dir() });
    const u = new UnionBackend(upper, [lowerTree()]);
    expect(u.merged(['etc'])).toBe(true);
    expect(u.merged(['f'])).toBe(false);
    const w = new UnionBackend(dir({}, { etc: opaque({}) }), [lowerTree()]);
    expect(w.merged(['etc'])).toBe(false);
    const flat = flattenLayers([dir({}, { d: dir() }), dir({}, { d: dir() })]);
    expect(new UnionBackend(dir(), [flat]).merged(['d'])).toBe(true);
    expect(new UnionBackend(dir(), [lowerTree()]).merged(['etc'])).toBe(false);
  });
  it('materialize copies the merged tree and used() measures the upper layer', () => {
    const upper = dir();
    const u = new UnionBackend(upper, [lowerTree()]);
    expect(u.used()).toBe(0);
    u.remove(['etc'], 'passwd');
    u.put([], 'big', file('12345'));
    const m = u.materialize([]);
    expect(m).toMatchObject({ kind: 'dir' });
    expect(sorted(entryNames(m as DirNode))).toEqual(['big', 'etc', 'f']);
    expect(entryOf(m as DirNode, 'etc')).toMatchObject({ kind: 'dir', mode: 0o755, entries: {} });
    expect(u.materialize(['nope'])).toBeUndefined();
    expect(u.materialize(['f'])).not.toBe(entryOf(lowerTree(), 'f'));
    expect(u.used()).toBeGreaterThanOrEqual(5);
  });
});

describe('diffLayers', () => {
  const lower = (): DirNode =>
    dir({}, {
      etc: dir({ mode: 0o755 }, { passwd: file('root', { mtime: 1 }), group: file('g', { mtime: 1 }) }),
      l: symlink('a', { mtime: 1 }),
      d: dir({ mode: 0o755 }, { k: file('k', { mtime: 1 }) }),
    });
  it('reports nothing for an empty upper layer and for an identical copy-up', () => {
    expect(diffLayers(dir(), [lower()])).toEqual([]);
    const upper = dir({}, { etc: dir({ mode: 0o755 }, { passwd: file('root', { mtime: 1 }) }) });
    expect(diffLayers(upper, [lower()])).toEqual([]);
  });
  it('A for an added tree and each descendant, in sorted order', () => {
    const upper = dir({}, { new: dir({}, { b: file(''), a: dir({}, { z: file('') }) }) });
    expect(diffLayers(upper, [lower()])).toEqual([
      { kind: 'A', path: '/new' },
      { kind: 'A', path: '/new/a' },
      { kind: 'A', path: '/new/a/z' },
      { kind: 'A', path: '/new/b' },
    ]);
  });
  it('D once for a deleted tree, C for its parent', () => {
    const upper = dir({}, { d: WHITEOUT, etc: dir({ mode: 0o755 }, { group: WHITEOUT }) });
    expect(diffLayers(upper, [lower()])).toEqual([
      { kind: 'D', path: '/d' },
      { kind: 'C', path: '/etc' },
      { kind: 'D', path: '/etc/group' },
    ]);
  });
  it('C for changed content, mtime, mode, owner, symlink target or kind', () => {
    const cases: [Record<string, Node>, string][] = [
      [{ etc: dir({ mode: 0o755 }, { passwd: file('ROOT', { mtime: 1 }) }) }, '/etc/passwd'],
      [{ etc: dir({ mode: 0o755 }, { passwd: file('root', { mtime: 2 }) }) }, '/etc/passwd'],
      [{ etc: dir({ mode: 0o755 }, { passwd: file('root', { mtime: 1, mode: 0o600 }) }) }, '/etc/passwd'],
      [{ etc: dir({ mode: 0o755 }, { passwd: file('root', { mtime: 1, uid: 5 }) }) }, '/etc/passwd'],
      [{ etc: dir({ mode: 0o755 }, { passwd: file('root', { mtime: 1, gid: 5 }) }) }, '/etc/passwd'],
    ];
    for (const [entries, path] of cases) {
      expect(diffLayers(dir({}, entries), [lower()])).toEqual([
        { kind: 'C', path: '/etc' },
        { kind: 'C', path },
      ]);
    }
    expect(diffLayers(dir({}, { l: symlink('b', { mtime: 1 }) }), [lower()])).toEqual([{ kind: 'C', path: '/l' }]);
    expect(diffLayers(dir({}, { l: symlink('a', { mtime: 1 }) }), [lower()])).toEqual([]);
    expect(diffLayers(dir({}, { l: file('a', { mtime: 1 }) }), [lower()])).toEqual([{ kind: 'C', path: '/l' }]);
    expect(diffLayers(dir({}, { d: file('now a file', { mtime: 1 }) }), [lower()])).toEqual([{ kind: 'C', path: '/d' }]);
  });
  it('a directory is C for its own mode/owner change, not for its mtime', () => {
    expect(diffLayers(dir({}, { d: dir({ mode: 0o700 }) }), [lower()])).toEqual([{ kind: 'C', path: '/d' }]);
    expect(diffLayers(dir({}, { d: dir({ mode: 0o755, uid: 1 }) }), [lower()])).toEqual([{ kind: 'C', path: '/d' }]);
    expect(diffLayers(dir({}, { d: dir({ mode: 0o755, gid: 1 }) }), [lower()])).toEqual([{ kind: 'C', path: '/d' }]);
    expect(diffLayers(dir({}, { d: dir({ mode: 0o755, mtime: 99 }) }), [lower()])).toEqual([]);
  });
  it('an opaque directory replacing a lower one: its lower content is deleted', () => {
    const upper = dir({}, { d: opaque({ n: file('') }) });
    setEntry(upper, 'd', { ...(entryOf(upper, 'd') as DirNode), mode: 0o755 });
    expect(diffLayers(upper, [lower()])).toEqual([
      { kind: 'C', path: '/d' },
      { kind: 'D', path: '/d/k' },
      { kind: 'A', path: '/d/n' },
    ]);
  });
});
