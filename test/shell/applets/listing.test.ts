import { describe, expect, it } from 'vitest';
import { entryOf, setEntry, dir, file, symlink } from '../../../src/fs/node.ts';
import { baseTree, harness } from './ctx.ts';

const NOW = 1_700_000_000;
function tree() {
  return baseTree({
    data: dir({ mtime: NOW }, {
      'b.txt': file('hello\nworld\n', { mtime: NOW }),
      'a.log': file('x', { uid: 1000, gid: 1000, mtime: NOW }),
      '.hidden': file('', { mtime: NOW }),
      sub: dir({ mtime: NOW }, { c: file('ccc\n', { mode: 0o755, mtime: NOW }) }),
      ln: symlink('b.txt', { mtime: NOW }),
    }),
  });
}

describe.each(['busybox', 'gnu'] as const)('ls (%s)', (flavor) => {
  const h = () => harness({ flavor, root: tree(), now: NOW });
  it('lists one name per line in C order, hiding dot files', () => {
    expect(h().run(['ls', '/data']).stdout).toBe('a.log\nb.txt\nln\nsub\n');
  });
  it('-a and -A', () => {
    expect(h().run(['ls', '-a', '/data']).stdout).toBe('.\n..\n.hidden\na.log\nb.txt\nln\nsub\n');
    expect(h().run(['ls', '-A', '/data']).stdout).toBe('.hidden\na.log\nb.txt\nln\nsub\n');
  });
  it('files first, then directories with headers', () => {
    expect(h().run(['ls', '/data/sub', '/data/b.txt', '/etc']).stdout).toBe('/data/b.txt\n\n/data/sub:\nc\n\n/etc:\ngroup\npasswd\n');
  });
  it('-R', () => {
    expect(h().run(['ls', '-R', '/data']).stdout).toBe('/data:\na.log\nb.txt\nln\nsub\n\n/data/sub:\nc\n');
  });
  it('-d and -F', () => {
    expect(h().run(['ls', '-d', '/data']).stdout).toBe('/data\n');
    expect(h().run(['ls', '-F', '/data']).stdout).toBe('a.log\nb.txt\nln@\nsub/\n');
  });
  it('-l', () => {
    const out = h().run(['ls', '-l', '/data']).stdout;
    if (flavor === 'busybox') {
      expect(out).toBe(
        'total 12\n' +
          '-rw-r--r--    1 app      app              1 Nov 14 22:13 a.log\n' +
          '-rw-r--r--    1 root     root            12 Nov 14 22:13 b.txt\n' +
          'lrwxrwxrwx    1 root     root             5 Nov 14 22:13 ln -> b.txt\n' +
          'drwxr-xr-x    2 root     root          4096 Nov 14 22:13 sub\n',
      );
    } else {
      expect(out).toBe(
        'total 12\n' +
          '-rw-r--r-- 1 app  app     1 Nov 14 22:13 a.log\n' +
          '-rw-r--r-- 1 root root   12 Nov 14 22:13 b.txt\n' +
          'lrwxrwxrwx 1 root root    5 Nov 14 22:13 ln -> b.txt\n' +
          'drwxr-xr-x 2 root root 4096 Nov 14 22:13 sub\n',
      );
    }
  });
  it('numeric owners when unknown', () => {
    const root = tree();
    setEntry((entryOf(root, 'data') as ReturnType<typeof dir>), 'z', file('', { uid: 4242, gid: 4242, mtime: 0 }));
    const out = harness({ flavor, root, now: NOW }).run(['ls', '-l', '/data/z']).stdout;
    expect(out).toContain(flavor === 'busybox' ? '4242     4242' : '4242 4242');
    expect(out).toContain('Jan  1  1970');
  });
  describe('-L on links that do not resolve: the stat failure of any other missing file', () => {
    const looped = () =>
      harness({
        flavor,
        now: NOW,
        root: baseTree({ loop: dir({}, { a: symlink('b'), b: symlink('a'), gone: symlink('nowhere'), f: file('x') }) }),
      });
    it('a symlink loop named on the command line (ELOOP)', () => {
      for (const argv of [['ls', '-L', '/loop/a'], ['ls', '-lL', '/loop/a']]) {
        const r = looped().run(argv);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(flavor === 'busybox' ? 'ls: /loop/a: Too many levels of symbolic links\n' : "ls: cannot access '/loop/a': Too many levels of symbolic links\n");
        expect(r.status).toBe(flavor === 'busybox' ? 1 : 2);
      }
    });
    it('a dangling symlink named on the command line (ENOENT)', () => {
      const r = looped().run(['ls', '-L', '/loop/gone']);
      expect(r.stderr).toBe(flavor === 'busybox' ? 'ls: /loop/gone: No such file or directory\n' : "ls: cannot access '/loop/gone': No such file or directory\n");
      expect(r.status).toBe(flavor === 'busybox' ? 1 : 2);
    });
    it('inside a listed directory: one message per entry, the others listed, status 1', () => {
      const r = looped().run(['ls', '-L', '/loop']);
      expect(r.stdout).toContain('f\n');
      for (const name of ['a', 'b']) {
        expect(r.stderr).toContain(flavor === 'busybox' ? `ls: /loop/${name}: Too many levels of symbolic links\n` : `ls: cannot access '/loop/${name}': Too many levels of symbolic links\n`);
      }
      expect(r.status).toBe(1);
    });
  });
});

describe.each(['busybox', 'gnu'] as const)('stat (%s)', (flavor) => {
  const h = () => harness({ flavor, root: tree(), now: NOW });
  it('-c formats', () => {
    const r = h().run(['stat', '-c', '%a %A %U %G %u %g %n %s %F %h %Y', '/data/a.log', '/data/sub', '/data/ln']);
    expect(r.stdout).toBe(
      `644 -rw-r--r-- app app 1000 1000 /data/a.log 1 regular file 1 ${NOW}\n` +
        `755 drwxr-xr-x root root 0 0 /data/sub 4096 directory 2 ${NOW}\n` +
        `777 lrwxrwxrwx root root 0 0 /data/ln 5 symbolic link 1 ${NOW}\n`,
    );
  });
  it('UNKNOWN owner names', () => {
    const root = tree();
    setEntry((entryOf(root, 'data') as ReturnType<typeof dir>), 'z', file('', { uid: 4242, gid: 4242 }));
    expect(harness({ flavor, root }).run(['stat', '-c', '%U:%G %F', '/data/z']).stdout).toBe('UNKNOWN:UNKNOWN regular empty file\n');
  });
  it('default format', () => {
    const out = h().run(['stat', '/data/b.txt']).stdout;
    expect(out).toContain('  Size: 12        \tBlocks: 8          IO Block: 4096   regular file\n');
    expect(out).toContain('Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)\n');
    expect(out).toContain('Modify: 2023-11-14 22:13:20.000000000 +0000\n');
    expect(out.startsWith('  File: /data/b.txt\n')).toBe(true);
  });
});

describe('wc column formats', () => {
  it('busybox', () => {
    const h = harness({ flavor: 'busybox', root: tree() });
    expect(h.run(['wc', '-l', '/data/b.txt']).stdout).toBe('2 /data/b.txt\n');
    expect(h.run(['wc', '-l'], 'a\nb\n').stdout).toBe('2\n');
    expect(h.run(['wc'], 'a b\nc\n').stdout).toBe('        2         3         6\n');
    expect(h.run(['wc', '/data/b.txt']).stdout).toBe('        2         2        12 /data/b.txt\n');
    expect(h.run(['wc', '-l', '/data/b.txt', '/data/a.log']).stdout).toBe('        2 /data/b.txt\n        0 /data/a.log\n        2 total\n');
  });
  it('gnu', () => {
    const h = harness({ flavor: 'gnu', root: tree() });
    expect(h.run(['wc', '-l', '/data/b.txt']).stdout).toBe('2 /data/b.txt\n');
    expect(h.run(['wc', '-l'], 'a\nb\n').stdout).toBe('2\n');
    expect(h.run(['wc'], 'a b\nc\n').stdout).toBe('      2       3       6\n');
    expect(h.run(['wc', '/data/b.txt']).stdout).toBe(' 2  2 12 /data/b.txt\n');
    expect(h.run(['wc', '-c', '/data/b.txt', '/data/a.log']).stdout).toBe('12 /data/b.txt\n 1 /data/a.log\n13 total\n');
  });
});

describe.each(['busybox', 'gnu'] as const)('find (%s)', (flavor) => {
  const h = () => harness({ flavor, root: tree() });
  it('-name, -type, -maxdepth', () => {
    expect(h().run(['find', '/data', '-name', '*.txt']).stdout).toBe('/data/b.txt\n');
    expect(h().run(['find', '/data', '-type', 'd']).stdout).toBe('/data\n/data/sub\n');
    expect(h().run(['find', '/data', '-maxdepth', '1', '-type', 'l']).stdout).toBe('/data/ln\n');
    expect(h().run(['find', '/data', '-mindepth', '2', '-print']).stdout).toBe('/data/sub/c\n');
    expect(h().run(['find', '/data', '!', '-type', 'd', '-name', 'c']).stdout).toBe('/data/sub/c\n');
  });
  it('relative paths', () => {
    const hh = harness({ flavor, root: tree(), cwd: '/data' });
    expect(hh.run(['find', '.', '-name', 'c']).stdout).toBe('./sub/c\n');
  });
});
