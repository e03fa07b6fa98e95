import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Namespace } from '../../src/fs/namespace.ts';
import { entryOf, dir, file, type DirNode } from '../../src/fs/node.ts';
import { UnionBackend } from '../../src/union/union-backend.ts';
import { diffLayers } from '../../src/union/diff.ts';
import { FsError } from '../../src/fs/errors.ts';

function image(): DirNode {
  return dir({}, {
    etc: dir({}, { passwd: file('root\n'), group: file('root\n') }),
    var: dir({}, { log: dir({}, { a: file('a') }) }),
  });
}

function view(upper: DirNode, lowers: DirNode[]): Namespace {
  return new Namespace([{ target: '/', backend: new UnionBackend(upper, lowers), readonly: false, source: 'overlay' }]);
}

describe('union of layers', () => {
  it('copies a lower file up on write and leaves the lower layer untouched', () => {
    const lower = image();
    const upper = dir();
    const fs = view(upper, [lower]);
    fs.writeFile('/etc/passwd', 'app\n', { append: true });
    expect(fs.readFile('/etc/passwd')).toBe('root\napp\n');
    expect(entryOf((entryOf(lower, 'etc') as DirNode), 'passwd')).toMatchObject({ data: 'root\n' });
    expect(diffLayers(upper, [lower])).toEqual([{ kind: 'C', path: '/etc' }, { kind: 'C', path: '/etc/passwd' }]);
  });

  it('copies up on chmod alone (metadata change copies the whole file)', () => {
    const lower = image();
    const upper = dir();
    view(upper, [lower]).chmod('/etc/group', 0o600);
    expect(entryOf((entryOf(upper, 'etc') as DirNode), 'group')).toMatchObject({ kind: 'file', data: 'root\n', mode: 0o600 });
  });

  it('hides a deleted lower entry with a whiteout', () => {
    const lower = image();
    const upper = dir();
    const fs = view(upper, [lower]);
    fs.unlink('/etc/group');
    expect(fs.exists('/etc/group')).toBe(false);
    expect(fs.readdir('/etc').sort()).toEqual(['passwd']);
    expect(entryOf((entryOf(upper, 'etc') as DirNode), 'group')).toEqual({ kind: 'whiteout' });
    expect(diffLayers(upper, [lower])).toEqual([{ kind: 'C', path: '/etc' }, { kind: 'D', path: '/etc/group' }]);
  });

  it('makes a directory removed and created again opaque', () => {
    const lower = image();
    const upper = dir();
    const fs = view(upper, [lower]);
    fs.unlink('/var/log/a');
    fs.rmdir('/var/log');
    fs.mkdir('/var/log');
    fs.writeFile('/var/log/b', 'b');
    expect(fs.readdir('/var/log')).toEqual(['b']);
    expect((entryOf((entryOf(upper, 'var') as DirNode), 'log') as DirNode).opaque).toBe(true);
  });

  it('renames across layers: the new name has the merged content, the old one is gone', () => {
    const lower = image();
    const upper = dir();
    const fs = view(upper, [lower]);
    fs.rename('/var/log', '/var/old');
    expect(fs.readFile('/var/old/a')).toBe('a');
    expect(fs.exists('/var/log')).toBe(false);
  });

  it('refuses writes on a read-only mount with EROFS', () => {
    const ns = new Namespace([{ target: '/', backend: new UnionBackend(dir(), [image()]), readonly: true, source: 'overlay' }]);
    expect(() => ns.writeFile('/x', '')).toThrow(FsError);
  });

  it('law: a path the container never wrote reads as in the image, and the image never changes', () => {
    const names = fc.constantFrom('a', 'b', 'c');
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), dir: names, name: names, data: fc.string() }),
      fc.record({ kind: fc.constant('rm' as const), dir: names, name: names }),
      fc.record({ kind: fc.constant('mkdir' as const), dir: names }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
        const lower = dir({}, { a: dir({}, { a: file('1'), b: file('2') }), b: dir() });
        const snapshot = JSON.stringify(lower);
        const fs = view(dir(), [lower]);
        const touched = new Set<string>();
        for (const o of ops) {
          try {
            if (o.kind === 'mkdir') fs.mkdir(`/${o.dir}`);
            else if (o.kind === 'write') fs.writeFile(`/${o.dir}/${o.name}`, o.data);
            else fs.unlink(`/${o.dir}/${o.name}`);
          } catch (e) {
            if (!(e instanceof FsError)) throw e;
          }
          touched.add(o.kind === 'mkdir' ? `/${o.dir}` : `/${o.dir}/${o.name}`);
        }
        expect(JSON.stringify(lower)).toBe(snapshot);
        for (const [d, f, data] of [['a', 'a', '1'], ['a', 'b', '2']]) {
          if (!touched.has(`/${d}/${f}`)) expect(fs.readFile(`/${d}/${f}`)).toBe(data);
        }
      }),
    );
  });

  it('a directory copied up keeps its mode, owner and group (overlayfs.rst: copy-up copies the attributes; /root stays 700 after a write in it)', () => {
    const lower = dir({}, { root: dir({ mode: 0o700, uid: 0, gid: 0 }), srv: dir({ mode: 0o750, uid: 65534, gid: 65534 }) });
    const fs = view(dir(), [lower]);
    fs.writeFile('/root/.ash_history', 'ls\n');
    fs.writeFile('/srv/x', 'x');
    expect(fs.stat('/root')).toMatchObject({ mode: 0o700, uid: 0, gid: 0 });
    expect(fs.stat('/srv')).toMatchObject({ mode: 0o750, uid: 65534, gid: 65534 });
  });
});
