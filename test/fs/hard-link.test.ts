// Hard links in the tree (src/fs/hard-link.ts) and link(2) in the namespace: the cases the
// names-share-inode and lower-copy-up probes recorded, one rule per test.

import { freeze, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { errno as code } from './errno.ts';
import { addLink, dropLink, linksOf, maxIno, relink, syncLinks, unlinked } from '../../src/fs/hard-link.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { Namespace } from '../../src/fs/namespace.ts';
import { entryOf, entryToChange, removeEntry, setEntry, cloneNode, dir, file, symlink, treeSize, type DirNode, type FileNode } from '../../src/fs/node.ts';
import { TreeBackend } from '../../src/fs/tree-backend.ts';
import { UnionBackend } from '../../src/union/union-backend.ts';

describe('hard links in a tree', () => {
  it('a second name shares content, metadata and a count of 2; the first name gets a fresh ino', () => {
    const root = dir({}, { a: file('x', { mode: 0o600, uid: 5 }), b: file('y', { ino: 7, nlink: 1 }) });
    const a = entryOf(root, 'a') as FileNode;
    const copy = addLink(root, a, () => maxIno([root]) + 1);
    expect(a.ino).toBe(8);
    expect(copy).toEqual({ ...a });
    expect(copy).not.toBe(a);
    expect(a.nlink).toBe(2);
    expect(copy).toMatchObject({ data: 'x', mode: 0o600, uid: 5, nlink: 2, ino: 8 });
  });

  it('a third name counts 3 on every name', () => {
    const fs = memoryFs(dir());
    fs.writeFile('/a', 'x');
    fs.link('/a', '/b');
    fs.link('/b', '/c');
    for (const n of ['/a', '/b', '/c']) expect(fs.stat(n).nlink).toBe(3);
    expect(fs.stat('/a').ino).toBe(fs.stat('/c').ino);
  });

  it('syncLinks copies a change to every other name and leaves other inodes alone', () => {
    const root = dir({}, {
      a: file('new', { ino: 1, nlink: 2, mode: 0o700 }),
      d: dir({}, { b: file('old', { ino: 1, nlink: 2 }) }),
      c: file('other', { ino: 2, nlink: 1 }),
    });
    syncLinks(root, entryOf(root, 'a') as FileNode);
    expect(entryOf((entryOf(root, 'd') as DirNode), 'b')).toMatchObject({ data: 'new', mode: 0o700 });
    expect(entryOf(root, 'c')).toMatchObject({ data: 'other' });
  });

  it('dropLink counts the remaining names and makes the last one a plain file', () => {
    const root = dir({}, { a: file('x', { ino: 3, nlink: 3 }), b: file('x', { ino: 3, nlink: 3 }) });
    dropLink(root, file('x', { ino: 3, nlink: 3 }));
    expect(entryOf(root, 'a')).toMatchObject({ nlink: 2 });
    removeEntry(root, 'b');
    dropLink(root, file('x', { ino: 3, nlink: 2 }));
    expect(entryOf(root, 'a')).not.toHaveProperty('ino');
    expect(entryOf(root, 'a')).not.toHaveProperty('nlink');
    // a plain file or a directory going away changes nothing, the plain files left included
    setEntry(root, 'p', file('p'));
    dropLink(root, file('x'));
    dropLink(root, dir());
    expect(entryOf(root, 'a')).toEqual(file('x'));
    expect(entryOf(root, 'p')).not.toHaveProperty('nlink');
  });

  it('relink recounts a copied subtree and makes a single name plain', () => {
    const tree = dir({}, { a: file('x', { ino: 4, nlink: 3 }), b: file('x', { ino: 4, nlink: 3 }), c: file('y', { ino: 5, nlink: 2 }) });
    relink(tree);
    expect(entryOf(tree, 'a')).toMatchObject({ nlink: 2, ino: 4 });
    expect(entryOf(tree, 'c')).toEqual(file('y'));
    const single = file('z', { ino: 9, nlink: 2 });
    expect(relink(single)).toEqual(file('z'));
  });

  it('unlinked is a new inode: no ino, no count, the rest kept; a directory is copied shallowly', () => {
    expect(unlinked(file('x', { ino: 1, nlink: 2, mode: 0o640 }))).toEqual(file('x', { mode: 0o640 }));
    const plain = symlink('/t');
    expect(unlinked(plain)).toEqual(plain);
    expect(unlinked(plain)).not.toBe(plain);
  });

  it('linksOf and maxIno see every depth, whiteouts and directories skipped', () => {
    const root = dir({}, { d: dir({}, { e: dir({}, { f: file('x', { ino: 11, nlink: 2 }) }) }), g: file('x', { ino: 11, nlink: 2 }), w: { kind: 'whiteout' } });
    expect(linksOf(root, 11)).toHaveLength(2);
    expect(maxIno([dir(), root])).toBe(11);
    expect(maxIno([])).toBe(0);
  });

  it('treeSize and cloneNode: an inode counts once, a copy keeps its links', () => {
    const root = dir({}, { a: file('12345', { ino: 1, nlink: 2 }), b: file('12345', { ino: 1, nlink: 2 }), c: file('xy') });
    expect(treeSize(root)).toBe(7);
    const copy = cloneNode(root);
    expect(copy).toEqual(root);
    expect(entryOf(copy, 'a')).not.toBe(entryOf(root, 'a'));
  });
});

describe('link(2) in a namespace', () => {
  it('refuses a directory (EPERM), an existing name (EEXIST), a missing source (ENOENT) and another mount (EXDEV)', () => {
    const vol = dir();
    const fs = new Namespace([
      { target: '/', backend: new TreeBackend(() => root), readonly: false, source: '/dev/sda1' },
      { target: '/v', backend: new TreeBackend(() => vol), readonly: false, source: '/dev/sdb1' },
    ]);
    const root = dir({}, { d: dir(), f: file('x'), v: dir() });
    expect(code(() => fs.link('/d', '/e'))).toBe('EPERM');
    expect(code(() => fs.link('/f', '/d'))).toBe('EEXIST');
    expect(code(() => fs.link('/nope', '/g'))).toBe('ENOENT');
    expect(code(() => fs.link('/f', '/v/f'))).toBe('EXDEV');
    expect(code(() => fs.link('/f', '/g'))).toBeUndefined();
    expect(fs.stat('/g').nlink).toBe(2);
  });

  it('refuses a read-only mount (EROFS) and links a symlink itself, not its target', () => {
    const ro = new Namespace([{ target: '/', backend: new TreeBackend(() => dir({}, { f: file('x') })), readonly: true, source: 'x' }]);
    expect(code(() => ro.link('/f', '/g'))).toBe('EROFS');
    const fs = memoryFs(dir({}, { t: file('x'), s: symlink('t') }));
    fs.link('/s', '/s2');
    expect(fs.lstat('/s2')).toMatchObject({ kind: 'symlink', nlink: 2 });
    expect(fs.stat('/t').nlink).toBeUndefined();
  });

  it('rename keeps the inode, over another name of it does nothing, over another file drops that file a link', () => {
    const fs = memoryFs(dir());
    fs.writeFile('/a', 'x');
    fs.link('/a', '/b');
    fs.rename('/a', '/b');
    expect(fs.exists('/a')).toBe(true);
    fs.rename('/a', '/c');
    expect(fs.stat('/c').nlink).toBe(2);
    fs.writeFile('/o', 'o');
    fs.link('/o', '/p');
    fs.rename('/c', '/o');
    expect(fs.stat('/p').nlink).toBeUndefined();
    expect(fs.stat('/o').nlink).toBe(2);
    expect(fs.readFile('/o')).toBe('x');
  });

  it('over a union: ln of a lower file copies it up and links in the upper layer; the lower layer never changes', () => {
    const lower = dir({}, { etc: dir({}, { group: file('root\n') }) });
    const upper = dir();
    const fs = new Namespace([{ target: '/', backend: new UnionBackend(upper, [lower]), readonly: false, source: 'overlay' }]);
    fs.link('/etc/group', '/h');
    fs.writeFile('/h', 'z\n', { append: true });
    expect(fs.readFile('/etc/group')).toBe('root\nz\n');
    expect(fs.stat('/etc/group').nlink).toBe(2);
    expect(entryOf((entryOf(lower, 'etc') as DirNode), 'group')).toEqual(file('root\n'));
    // a fresh ino above every layer
    expect(fs.stat('/h').ino).toBe(1);
  });
});

describe('hard links inside a command', () => {
  it('the largest ino is found wherever it sits, so a new one is fresh', () => {
    const root = dir({}, { a: file('x', { ino: 9, nlink: 1 }), b: file('y', { ino: 2, nlink: 1 }), d: dir({}, { c: file('z', { ino: 4, nlink: 1 }) }) });
    expect(maxIno([root])).toBe(9);
    expect(maxIno([dir({}, { d: dir({}, { c: file('z', { ino: 12, nlink: 1 }) }), a: file('x', { ino: 3, nlink: 1 }) }), root])).toBe(12);
  });

  it('a change through one name, a recount and a lost name reach the other names through the drafts; the state before keeps its counts', () => {
    const before = freeze({ t: dir({}, { a: file('x', { ino: 1, nlink: 3 }), d: dir({}, { b: file('x', { ino: 1, nlink: 3 }), c: file('x', { ino: 1, nlink: 3 }) }) }) }, true);
    const after = produce(before, (draft) => {
      const a = entryToChange(draft.t, 'a') as FileNode;
      a.data = 'new';
      syncLinks(draft.t, a);
      removeEntry(entryToChange(draft.t, 'd') as DirNode, 'c');
      dropLink(draft.t, file('new', { ino: 1, nlink: 3 }));
    });
    expect(entryOf(entryOf(after.t, 'd') as DirNode, 'b')).toEqual(file('new', { ino: 1, nlink: 2 }));
    expect(entryOf(after.t, 'a')).toEqual(file('new', { ino: 1, nlink: 2 }));
    expect(entryOf(entryOf(before.t, 'd') as DirNode, 'b')).toEqual(file('x', { ino: 1, nlink: 3 }));
    const copied = produce(before, (draft) => {
      removeEntry(draft.t, 'a');
      relink(entryToChange(draft.t, 'd') as DirNode);
    });
    expect(entryOf(entryOf(copied.t, 'd') as DirNode, 'c')).toEqual(file('x', { ino: 1, nlink: 2 }));
    expect(entryOf(entryOf(before.t, 'd') as DirNode, 'c')).toEqual(file('x', { ino: 1, nlink: 3 }));
  });
});
