// The tree comparisons under every "written" event: plain trees (volumes, the host, tmpfs) and a
// writable layer over image layers (copy-up, whiteouts, opaque directories, runtime mount points).

import { describe, expect, it } from 'vitest';
import { entryOf, setEntry, dir, file, symlink, WHITEOUT } from '../../src/fs/node.ts';
import { entriesOf, layerOf, plainDiff, upperDiff, upperEntries, type LowerStack } from '../../src/explain/trees.ts';

const image = dir({}, { etc: dir({}, { group: file('root:x:0:\n'), passwd: file('root\n') }), var: dir({}, { log: dir() }) });
const stack: LowerStack = { layers: [{ layer: 2, tree: dir({}, { app: dir({}, { a: file('a\n') }) }) }, { layer: 1, tree: image }] };

describe('plain trees', () => {
  it('created, modified, deleted; a new empty directory; unchanged subtrees skipped', () => {
    const shared = dir({}, { keep: file('same') });
    const before = dir({}, { s: shared, f: file('old'), gone: dir({}, { x: file('x') }) });
    const after = dir({}, { s: shared, f: file('new'), fresh: dir(), n: file('12345') });
    expect(plainDiff(before, after)).toEqual([
      { path: '/f', kind: 'file', bytes: 3, change: 'modified' },
      { path: '/fresh', kind: 'dir', bytes: 0, change: 'created' },
      { path: '/gone', kind: 'dir', bytes: 1, change: 'deleted' },
      { path: '/n', kind: 'file', bytes: 5, change: 'created' },
    ]);
  });

  it('a symlink replaced by a file is a deletion and a creation', () => {
    expect(plainDiff(dir({}, { l: symlink('/dev/stdout') }), dir({}, { l: file('') }))).toEqual([
      { path: '/l', kind: 'symlink', bytes: 11, target: '/dev/stdout', change: 'deleted' },
      { path: '/l', kind: 'file', bytes: 0, change: 'created' },
    ]);
  });

  it('entries: leaves only, empty directories included', () => {
    expect(entriesOf(dir({}, { a: dir({}, { b: file('xy') }), e: dir() }), '/v')).toEqual([
      { path: '/v/a/b', kind: 'file', bytes: 2 },
      { path: '/v/e', kind: 'dir', bytes: 0 },
    ]);
  });
});

describe('a writable layer', () => {
  it('copy-up from the layer that has the file, a whiteout, an opaque directory, a new file', () => {
    const upper = dir({}, {
      etc: dir({}, { group: file('root:x:0:\nextra\n'), passwd: WHITEOUT }),
      var: dir({ mtime: 1 }, { fresh: file('n\n') }),
      app: dir({}, { b: file('b\n') }),
    });
    setEntry(upper, 'var', { ...(entryOf(upper, 'var') as ReturnType<typeof dir>), opaque: true });
    expect(upperDiff(undefined, upper, stack, new Set()).map((c) => [c.path, c.change, c.layer])).toEqual([
      ['/app/b', 'created', undefined],
      ['/etc/group', 'copied-up', 1],
      ['/etc/passwd', 'deleted', 1],
      ['/var', 'replaced', 1],
      ['/var/fresh', 'created', undefined],
    ]);
  });

  it('a second change to a copied-up file is a modification; mount points the runtime made are no change', () => {
    const first = dir({}, { etc: dir({}, { group: file('v1') }) });
    const second = dir({}, { etc: dir({}, { group: file('v2') }), data: dir(), conf: file('') });
    expect(upperDiff(first, second, stack, new Set(['/data', '/conf']))).toEqual([{ path: '/etc/group', kind: 'file', bytes: 2, change: 'modified' }]);
    expect(upperEntries(second, stack, new Set(['/data', '/conf']))).toEqual([{ path: '/etc/group', kind: 'file', bytes: 2 }]);
  });

  it('the layer of a path: the top one that has it', () => {
    expect(layerOf(stack, ['app', 'a'])).toBe(2);
    expect(layerOf(stack, ['etc', 'group'])).toBe(1);
    expect(layerOf(stack, ['nothing'])).toBeUndefined();
  });
});
