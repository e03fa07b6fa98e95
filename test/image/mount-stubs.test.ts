// The mount stubs a RUN --mount step's runtime made, taken out of its layer as BuildKit does
// (executor/stubs.go MountStubsCleaner): each missing component of a mount target, the deepest
// first, removed only when it is then an empty directory or an empty file. Recorded on 26.1:
// builds/run-mount-point-prune (a cache mount at /opt/c in an image without /opt, and a `mkdir
// /opt/kept` in the same step: /opt and /opt/kept stay, /opt/c goes; a tmpfs at /tmp/m/x takes
// /tmp/m with it).

import { describe, expect, it } from 'vitest';
import { dir, entryOf, file, symlink, type DirNode } from '../../src/fs/node.ts';
import { pruneMountPoints } from '../../src/image/build/run-mount.ts';

describe('pruneMountPoints: BuildKit\'s mount stubs', () => {
  it('keeps a stub the step wrote into, and removes the empty stubs below and beside it', () => {
    const upper = dir({}, { opt: dir({}, { c: dir(), kept: dir() }), tmp: dir({}, { m: dir({}, { x: dir() }) }) });
    pruneMountPoints(upper, ['/opt/c', '/opt', '/tmp/m/x', '/tmp/m']);
    const opt = entryOf(upper, 'opt') as DirNode;
    expect(opt.kind).toBe('dir');
    expect(entryOf(opt, 'c')).toBeUndefined();
    expect(entryOf(opt, 'kept')).toMatchObject({ kind: 'dir' });
    // /tmp/m is empty once /tmp/m/x is gone: removed too
    expect(entryOf(entryOf(upper, 'tmp') as DirNode, 'm')).toBeUndefined();
  });

  it('removes a parent two targets share only after both are gone', () => {
    const upper = dir({}, { x: dir({}, { a: dir(), b: dir() }) });
    pruneMountPoints(upper, ['/x/a', '/x', '/x/b', '/x']);
    expect(entryOf(upper, 'x')).toBeUndefined();
    const kept = dir({}, { x: dir({}, { a: dir(), b: dir() }) });
    pruneMountPoints(kept, ['/x/a', '/x']);
    expect(entryOf(entryOf(kept, 'x') as DirNode, 'b')).toMatchObject({ kind: 'dir' });
  });

  it('removes an empty file stub, keeps one with data and a symlink', () => {
    const upper = dir({}, { e: file(''), f: file('data'), l: symlink('/x') });
    pruneMountPoints(upper, ['/e', '/f', '/l']);
    expect(entryOf(upper, 'e')).toBeUndefined();
    expect(entryOf(upper, 'f')).toMatchObject({ kind: 'file', data: 'data' });
    expect(entryOf(upper, 'l')).toMatchObject({ kind: 'symlink' });
  });

  it('leaves a stub that holds only a directory the step made', () => {
    const upper = dir({}, { home: dir({}, { t: dir({}, { gone: dir() }) }) });
    pruneMountPoints(upper, ['/home/t', '/home']);
    expect(entryOf(entryOf(upper, 'home') as DirNode, 't')).toMatchObject({ kind: 'dir' });
  });
});
