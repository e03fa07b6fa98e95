// A placeholder's identity (src/fs/node.ts FileNode.placeholderId): every server write gives the
// file a new one, and a copy keeps the copied file's (explain/copies.ts tells by it which file a
// copy is of: two clusters of one server hold equal placeholders under the same names).

import { describe, expect, it } from 'vitest';
import { createTar, readTar } from '../../src/archive/tar.ts';
import { collectEntries } from '../../src/archive/collect.ts';
import { extractEntries } from '../../src/archive/untar.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import type { Namespace } from '../../src/fs/namespace.ts';
import { nodeAt } from '../../src/fs/locate.ts';
import { dir, type DirNode, type FileNode } from '../../src/fs/node.ts';

/** A file system whose writes are counted as the engine counts them, its root, and its stand-in view. */
function counted(): { fs: Namespace; root: DirNode; server: Namespace } {
  const root = dir();
  let n = 0;
  const fs = memoryFs(root, { placeholderIds: () => `w${++n}` });
  return { fs, root, server: fs.standInView() };
}

const at = (root: DirNode, path: string): FileNode => nodeAt(root, path) as FileNode;

describe("a placeholder's identity", () => {
  it('each server write gives one of its own, also of the same bytes at the same path', () => {
    const { root, server } = counted();
    server.writeFile('/a', 'rows');
    server.writeFile('/b', 'rows');
    const [a, b] = [at(root, '/a').placeholderId, at(root, '/b').placeholderId];
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
    server.writeFile('/a', 'rows');
    expect(at(root, '/a').placeholder).toBe(true);
    expect(at(root, '/a').placeholderId).not.toBe(a);
  });

  it("a copy (readToCopy, then writeFile with the mark) keeps it; a rename keeps it", () => {
    const { fs, root, server } = counted();
    server.writeFile('/a', 'rows');
    const read = fs.readToCopy('/a');
    expect(read).toEqual({ data: 'rows', placeholder: true, placeholderId: at(root, '/a').placeholderId });
    fs.writeFile('/copy', read.data, { placeholder: true, placeholderId: read.placeholderId });
    fs.writeFile('/over', 'x');
    fs.writeFile('/over', read.data, { placeholder: true, placeholderId: read.placeholderId });
    fs.rename('/a', '/moved');
    const id = at(root, '/moved').placeholderId;
    expect(id).toBeDefined();
    expect([at(root, '/copy').placeholderId, at(root, '/over').placeholderId]).toEqual([id, id]);
  });

  it("another program's append leaves a placeholder of other contents: a new identity; its whole new contents: none", () => {
    const { fs, root, server } = counted();
    server.writeFile('/a', 'rows');
    const before = at(root, '/a').placeholderId;
    fs.writeFile('/a', 'more', { append: true });
    expect(at(root, '/a').placeholder).toBe(true);
    expect(at(root, '/a').placeholderId).toBeDefined();
    expect(at(root, '/a').placeholderId).not.toBe(before);
    fs.writeFile('/a', 'known');
    expect(at(root, '/a').placeholder).toBeUndefined();
    expect(at(root, '/a').placeholderId).toBeUndefined();
  });

  it('where writes are not counted there is none, and a copy of such a placeholder has none', () => {
    const root = dir();
    const fs = memoryFs(root);
    fs.standInView().writeFile('/a', 'rows');
    expect(at(root, '/a').placeholder).toBe(true);
    expect(at(root, '/a').placeholderId).toBeUndefined();
    const { fs: other, root: otherRoot, server } = counted();
    server.writeFile('/b', 'rows');
    const read = fs.readToCopy('/a');
    other.writeFile('/b', read.data, { placeholder: true, placeholderId: read.placeholderId });
    expect(at(otherRoot, '/b').placeholderId).toBeUndefined();
  });

  it("an archive of strata's tar keeps it (a pax record), read back only where marks are read; extracting carries it", () => {
    const { fs, root, server } = counted();
    fs.mkdir('/data');
    server.writeFile('/data/a', 'rows');
    server.writeFile('/data/b', '');
    const entries = collectEntries(fs, '/data', 'data', new Map(), true);
    const ids = entries.filter((e) => e.type === 'file').map((e) => e.placeholderId);
    expect(ids).toEqual([at(root, '/data/a').placeholderId, at(root, '/data/b').placeholderId]);
    const archive = createTar(entries);
    expect(readTar(archive, true).filter((e) => e.type === 'file').map((e) => [e.name, e.placeholder, e.placeholderId])).toEqual([
      ['data/a', true, ids[0]],
      ['data/b', true, ids[1]],
    ]);
    expect(readTar(archive).some((e) => e.placeholderId !== undefined)).toBe(false);
    fs.mkdir('/restore');
    extractEntries(fs, '/restore', readTar(archive, true), { chown: true });
    expect([at(root, '/restore/data/a').placeholderId, at(root, '/restore/data/b').placeholderId]).toEqual(ids);
  });
});
