import { describe, expect, it } from 'vitest';
import { ArchiveError, layerTar, loadImages, treeOf } from '../../src/image/archive.ts';
import { createTar, readTar, type TarEntry } from '../../src/archive/tar.ts';
import { entryOf, entryList, device, dir, file, symlink, WHITEOUT, type DirNode } from '../../src/fs/node.ts';
import { initialState } from '../../src/engine/initial-state.ts';

describe('a layer as a tar (docker save / load)', () => {
  const layer = (): DirNode =>
    dir({}, {
      etc: dir({ mode: 0o750, uid: 12, gid: 34, mtime: 100 }, { conf: file('a=1\n', { mode: 0o600, mtime: 101 }), gone: WHITEOUT }),
      data: { ...dir({ mtime: 7 }, { new: file('x') }), opaque: true },
      link: symlink('/etc/conf', { mtime: 5 }),
    });

  it('writes whiteouts as .wh. files and an opaque directory as .wh..wh..opq', () => {
    const names = readTar(layerTar(layer())).map((e) => e.name);
    expect(names).toContain('etc/.wh.gone');
    expect(names).toContain('data/.wh..wh..opq');
    expect(names).not.toContain('etc/gone');
  });

  it('reads back the same tree: modes, owners, times, content, links, whiteouts, opaque', () => {
    const back = treeOf(readTar(layerTar(layer())));
    const etc = entryOf(back, 'etc') as DirNode;
    expect(etc).toMatchObject({ kind: 'dir', mode: 0o750, uid: 12, gid: 34, mtime: 100 });
    expect(entryOf(etc, 'conf')).toMatchObject({ kind: 'file', data: 'a=1\n', mode: 0o600, mtime: 101 });
    expect(entryOf(etc, 'gone')).toEqual(WHITEOUT);
    expect((entryOf(back, 'data') as DirNode).opaque).toBe(true);
    expect(entryOf(back, 'link')).toMatchObject({ kind: 'symlink', target: '/etc/conf' });
    // A second round trip is byte for byte the same archive.
    expect(layerTar(back)).toBe(layerTar(layer()));
  });

  it('writes the later names of a hard-linked inode as links to the first, and reads them back as one inode above the lower layers (recorded: hardlinks/sw-hardlink-save-load)', () => {
    const one = { ino: 7, nlink: 3, mode: 0o640 };
    const tree = dir({}, { d: dir({}, { a: file('one\n', one), b: file('one\n', one), sub: dir({}, { c: file('one\n', one) }) }), x: file('solo', { ino: 9, nlink: 2 }) });
    const entries = readTar(layerTar(tree));
    expect(entries.filter((e) => e.type === 'hardlink').map((e) => [e.name, e.linkname])).toEqual([
      ['d/b', 'd/a'],
      ['d/sub/c', 'd/a'],
    ]);
    // x's other name is in a lower layer: a plain file here
    expect(entries.find((e) => e.name === 'x')?.type).toBe('file');
    const lower = dir({}, { old: file('', { ino: 41, nlink: 2 }) });
    const back = treeOf(entries, [lower]);
    const d = entryOf(back, 'd') as DirNode;
    const names = [entryOf(d, 'a'), entryOf(d, 'b'), entryOf(entryOf(d, 'sub') as DirNode, 'c')];
    for (const n of names) expect(n).toMatchObject({ kind: 'file', data: 'one\n', mode: 0o640, nlink: 3 });
    const inos = new Set(names.map((n) => (n as { ino?: number }).ino));
    expect(inos.size).toBe(1);
    expect([...inos][0]).toBeGreaterThan(41);
    expect(entryOf(back, 'x')).not.toHaveProperty('ino');
  });

  it('pads to 20-block records only when asked (the base image came from GNU tar)', () => {
    expect(layerTar(layer(), 10240).length % 10240).toBe(0);
    expect(layerTar(layer()).length % 10240).not.toBe(0);
  });

  it('writes each directory\'s members in lexical order, as moby\'s archive walks a layer (filepath.WalkDir)', () => {
    const d = dir({}, [['b', file('')], ['C', file('')], ['a', dir({}, [['z', file('')], ['y', file('')]])], ['a-b', file('')]]);
    expect(readTar(layerTar(d)).map((e) => e.name.replace(/\/$/, ''))).toEqual(['C', 'a', 'a/y', 'a/z', 'a-b', 'b']);
  });

  it('writes the whiteout and opaque markers as empty regular files (OCI image-spec layer.md: whiteouts)', () => {
    const markers = readTar(layerTar(layer())).filter((e) => e.name.split('/').pop()!.startsWith('.wh.'));
    expect(markers.map((e) => [e.type, e.data])).toEqual([
      ['file', ''],
      ['file', ''],
    ]);
  });

  it('writes a device node as a character device and a link as a symlink', () => {
    const back = readTar(layerTar(dir({}, [['null', device('null', { mode: 0o666 })], ['l', symlink('null')]])));
    expect(back.map((e) => [e.name, e.type, e.linkname ?? ''])).toEqual([
      ['l', 'symlink', 'null'],
      ['null', 'chardev', ''],
    ]);
  });
});

// moby pkg/archive Unpack: each name is filepath.Clean'ed, a missing parent is made (0755), and a
// directory member over a directory already there keeps its content and takes the member's mode
describe('a layer tar read back (docker load of an archive another tool packed)', () => {
  const meta = { mode: 0o755, uid: 0, gid: 0, mtime: 9 };
  const names = (d: DirNode, prefix = ''): string[] =>
    entryList(d).flatMap(([n, e]) => (e.kind === 'dir' ? [`${prefix}${n}/`, ...names(e, `${prefix}${n}/`)] : [`${prefix}${n}`]));

  it('takes GNU tar\'s ./ names, trailing and doubled slashes, and skips the ./ entry', () => {
    const entries: TarEntry[] = [
      { name: './', type: 'dir', ...meta },
      { name: './etc/', type: 'dir', ...meta, mode: 0o700 },
      { name: './etc//conf', type: 'file', ...meta, data: 'x' },
    ];
    const back = treeOf(entries);
    expect(names(back)).toEqual(['etc/', 'etc/conf']);
    expect(entryOf(back, 'etc')).toMatchObject({ mode: 0o700 });
    expect(entryOf(entryOf(back, 'etc') as DirNode, 'conf')).toMatchObject({ kind: 'file', data: 'x' });
  });

  it('makes the parents a member names before their own entries, and keeps their content when those come', () => {
    const back = treeOf([
      { name: 'a/b/f', type: 'file', ...meta, data: 'f' },
      { name: 'a/g', type: 'file', ...meta, data: 'g' },
      { name: 'a/', type: 'dir', ...meta, mode: 0o711 },
    ]);
    expect(names(back)).toEqual(['a/', 'a/b/', 'a/b/f', 'a/g']);
    expect(entryOf(back, 'a')).toMatchObject({ kind: 'dir', mode: 0o711 });
  });
});

describe('docker load of an archive without manifest.json', () => {
  it('is refused by name: the pre-1.10 format is not simulated', () => {
    const tar = createTar([{ name: 'repositories', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, data: '{}' }]);
    expect(() => loadImages(initialState(), tar)).toThrow(ArchiveError);
    expect(() => loadImages(initialState(), tar)).toThrow('strata does not simulate `docker load` of an archive without manifest.json (the legacy pre-1.10 format)');
  });
});
