// fs/tree-backend.ts: one plain tree mounted, as a volume, a tmpfs, the host, or a bind of a part
// of the host. A bind mounts a directory of the host's file system, not a copy: an inode bound in
// keeps its names outside the bound directory, so a write through one name is seen through all
// of them and an unlink drops their count (link(2), unlink(2): "deletes a name ... the file is
// deleted only when the last link is gone"; stat(2) st_nlink).

import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { Namespace } from '../../src/fs/namespace.ts';
import { dir, entryOf, file, WHITEOUT, type DirNode, type FileNode } from '../../src/fs/node.ts';
import { TreeBackend } from '../../src/fs/tree-backend.ts';

const at = (root: DirNode, ...names: string[]): FileNode => names.reduce<DirNode>((d, n) => entryOf(d, n) as DirNode, root) as unknown as FileNode;

/** A host with /srv/a linked to /other/b (inode 7), and a namespace binding /srv at /mnt. */
function bound(): { host: () => DirNode; fs: Namespace; pinned: DirNode } {
  const host = dir({}, {
    srv: dir({}, { a: file('one', { ino: 7, nlink: 2 }), plain: file('p') }),
    other: dir({}, { b: file('one', { ino: 7, nlink: 2 }) }),
    mnt: dir(),
  });
  // a single-file bind's pinned copy of the inode, kept equal to it (container/file-binds.ts)
  const pinned = dir({}, { pin: file('one', { ino: 7, nlink: 2 }) });
  const srv = (): DirNode => entryOf(host, 'srv') as DirNode;
  const fs = new Namespace([
    { target: '/', backend: new TreeBackend(() => host), readonly: false, source: '/dev/sda1' },
    { target: '/mnt', backend: new TreeBackend(srv, { fileSystem: () => host, linked: () => [pinned] }), readonly: false, source: '/dev/sda1' },
  ]);
  return { host: () => host, fs, pinned };
}

describe('a bind of a host directory', () => {
  it('a write through a bound name reaches every name of the inode, outside the bind too', () => {
    const { host, fs, pinned } = bound();
    fs.writeFile('/mnt/a', 'two');
    expect(at(host(), 'other', 'b').data).toBe('two');
    expect(at(pinned, 'pin').data).toBe('two');
    fs.chmod('/mnt/a', 0o600);
    expect(fs.stat('/other/b').mode).toBe(0o600);
    expect(at(pinned, 'pin').mode).toBe(0o600);
    // a file of one name changes alone
    fs.writeFile('/mnt/plain', 'q');
    expect(fs.readFile('/srv/plain')).toBe('q');
  });

  it('an unlink through the bind counts the inode one name less where its other names are', () => {
    const { fs } = bound();
    fs.unlink('/mnt/a');
    expect(fs.exists('/srv/a')).toBe(false);
    expect(fs.stat('/other/b').nlink).toBeUndefined();
    expect(fs.readFile('/other/b')).toBe('one');
  });

  it('a rename inside the bind keeps the inode\'s names and count', () => {
    const { fs } = bound();
    fs.rename('/mnt/a', '/mnt/c');
    expect(fs.stat('/mnt/c').nlink).toBe(2);
    expect(fs.stat('/other/b').nlink).toBe(2);
  });

  it('a new link takes an inode number no tree of the file system uses, and its pinned copies follow', () => {
    const { fs, pinned } = bound();
    fs.link('/mnt/plain', '/mnt/plain2');
    expect(fs.stat('/mnt/plain2')).toMatchObject({ nlink: 2, ino: 8 });
    expect(fs.stat('/srv/plain').nlink).toBe(2);
    fs.link('/mnt/a', '/mnt/a2');
    expect([fs.stat('/other/b').nlink, fs.stat('/mnt/a2').ino, at(pinned, 'pin').nlink]).toEqual([3, 7, 3]);
  });
});

describe('a tree backend on its own', () => {
  it('a write through one name of a hard-linked file reaches its other names, with no other tree to keep equal', () => {
    const root = dir({}, { a: file('x', { ino: 1, nlink: 2 }), d: dir({}, { b: file('x', { ino: 1, nlink: 2 }) }) });
    const fs = new Namespace([{ target: '/', backend: new TreeBackend(() => root), readonly: false, source: '/dev/sda1' }]);
    fs.writeFile('/a', 'y');
    expect(fs.readFile('/d/b')).toBe('y');
    // a lone file mounted by itself has no file system of names to reach
    const lone = file('solo', { ino: 3, nlink: 2 });
    new TreeBackend(() => lone).update([], (n) => void ((n as FileNode).data = 'changed'));
    expect(lone.data).toBe('changed');
  });

  it('reads through `peek` and writes through `root`, and counts its use from what it reads', () => {
    const base = produce({ t: dir({}, { f: file('abc'), w: WHITEOUT }) }, () => undefined);
    produce(base, (draft) => {
      const b = new TreeBackend(() => draft.t, { peek: () => base.t });
      expect(b.get(['f'])).toBe(entryOf(base.t, 'f'));
      expect(b.child(base.t, 'f')).toBe(entryOf(base.t, 'f'));
      expect(b.child(base.t, 'w')).toBeUndefined();
      expect(b.get(['w'])).toBeUndefined();
      expect(b.list([])).toEqual(['f']);
      expect(b.used()).toBe(3);
      b.update(['f'], (n) => void ((n as FileNode).data = 'abcd'));
      expect((entryOf(draft.t, 'f') as FileNode).data).toBe('abcd');
    });
  });

  it('a file that is not a directory has no entries to write into; a removal moving a name keeps its links\' count', () => {
    const root = dir({}, { f: file('x'), a: file('l', { ino: 1, nlink: 2 }), b: file('l', { ino: 1, nlink: 2 }) });
    const b = new TreeBackend(() => root);
    expect(() => b.writableDir(['f'])).toThrow('ENOTDIR: /f');
    b.remove([], 'a', true);
    expect((entryOf(root, 'b') as FileNode).nlink).toBe(2);
    b.remove([], 'b');
    expect(entryOf(root, 'b')).toBeUndefined();
    b.remove([], 'absent');
    expect(b.list([])).toEqual(['f']);
    // errors name the path from the mount's root
    const deep = new TreeBackend(() => dir({}, { d: dir({}, { sub: dir() }) }));
    expect(() => deep.list(['d', 'nope'])).toThrow('ENOENT: /d/nope');
    expect(() => deep.link(['d', 'sub'], [], 'x')).toThrow('EPERM: /d/sub');
  });
});
