import { describe, expect, it } from 'vitest';
import { layerTar, treeOf } from '../../src/image/archive.ts';
import { readTar } from '../../src/archive/tar.ts';
import { entryOf, dir, file, symlink, WHITEOUT, type DirNode } from '../../src/fs/node.ts';

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

  it('pads to 20-block records only when asked (the base image came from GNU tar)', () => {
    expect(layerTar(layer(), 10240).length % 10240).toBe(0);
    expect(layerTar(layer()).length % 10240).not.toBe(0);
  });
});
