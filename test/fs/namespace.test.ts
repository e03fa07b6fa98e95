// The mount namespace as Linux behaves: path resolution (symlinks, `..`, ELOOP), the covering
// mount, the errno of each refused call (rename(2), link(2), mknod(2), open(2) flags), modes
// under the umask, /proc/mounts lines and statfs.

import { describe, expect, it } from 'vitest';
import { errno } from './errno.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { Namespace } from '../../src/fs/namespace.ts';
import { setEntry, dir, file, symlink, type DirNode } from '../../src/fs/node.ts';
import { TreeBackend } from '../../src/fs/tree-backend.ts';
import { UnionBackend } from '../../src/union/union-backend.ts';
import { LimitError, MAX_FILE_BYTES, MAX_PATH_DEPTH } from '../../src/fs/errors.ts';


/** A root with a volume mounted at /data (another file system) and a read-only bind at /ro. */
function mounted(opts: { uid?: number; gid?: number } = {}): { fs: Namespace } {
  const root = dir({}, { data: dir(), database: dir(), ro: dir(), tmp: dir({ mode: 0o1777 }) });
  const data = dir({}, { v: file('volume\n') });
  const ro = dir({}, { f: file('ro\n') });
  const fs = new Namespace(
    [
      { target: '/', backend: new TreeBackend(() => root, { fstype: 'overlay', device: 'overlay' }), readonly: false, source: 'overlay', options: 'lowerdir=x' },
      { target: '/data', backend: new TreeBackend(() => data), readonly: false, source: '/dev/sda1' },
      { target: '/ro', backend: new TreeBackend(() => ro, { fstype: 'tmpfs', capacity: 1000 }), readonly: true, source: 'tmpfs', procOptions: 'ro,nosuid,size=1k' },
    ],
    { clock: () => 42, ...opts },
  );
  return { fs };
}

describe('path resolution', () => {
  it('statIfAny and lstatIfAny answer stat and lstat, undefined where those fail with ENOENT, and throw their other errors', () => {
    const root = dir({}, { d: dir({}, { f: file('x\n') }), l: symlink('d/f'), dangling: symlink('nowhere'), loop: symlink('loop'), f: file('top\n'), locked: dir({ mode: 0o700 }, { g: file('g\n') }) });
    const fs = memoryFs(root);
    const nobody = new Namespace([{ target: '/', backend: new TreeBackend(() => root), readonly: false, source: '/dev/sda1' }], { uid: 1000, gid: 1000 });
    for (const view of [fs, nobody]) {
      for (const p of ['/d/f', '/l', '/dangling', '/loop', '/f/x', '/nope', '/nope/deeper', '/d/nope', '/d/f/', '/d/./f', '/locked/g', '/locked/nope', '/']) {
        for (const [probe, call] of [
          [(q: string) => view.statIfAny(q), (q: string) => view.stat(q)],
          [(q: string) => view.lstatIfAny(q), (q: string) => view.lstat(q)],
        ] as const) {
          const code = errno(() => call(p));
          if (code === undefined) expect(probe(p)).toEqual(call(p));
          else if (code === 'ENOENT') expect(probe(p)).toBeUndefined();
          else expect(errno(() => probe(p))).toBe(code);
        }
      }
    }
    // the cases above reach each outcome
    expect([errno(() => fs.stat('/nope/deeper')), errno(() => fs.stat('/f/x')), errno(() => fs.stat('/loop')), errno(() => nobody.stat('/locked/g'))]).toEqual(['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES']);
    expect(fs.lstatIfAny('/dangling')?.kind).toBe('symlink');
    expect(fs.statIfAny('/dangling')).toBeUndefined();
  });

  it('steps into each directory the part before found, and into a mount only at its exact target', () => {
    // mounts whose targets share a last part with paths that are no mount (/v/data vs /data, /w/data)
    const root = dir({}, { v: dir({}, { data: dir() }), w: dir({}, { data: dir({}, { f: file('root\n') }) }), rel: symlink('w/data') });
    const vdata = dir({}, { f: file('volume\n'), up: symlink('../../w/data/f'), sub: dir({}, { g: file('g\n') }) });
    const fs = new Namespace([
      { target: '/', backend: new TreeBackend(() => root), readonly: false, source: '/dev/sda1' },
      { target: '/v/data', backend: new TreeBackend(() => vdata), readonly: false, source: '/dev/sdb1' },
    ]);
    expect(fs.readFile('/v/data/f')).toBe('volume\n');
    expect(fs.readFile('/w/data/f')).toBe('root\n');
    expect(fs.stat('/w/data/f').mount).toBe('/');
    expect(fs.stat('/v/data/sub/g').mount).toBe('/v/data');
    // a relative link goes on from the directory holding it; `..` leaves the mount
    expect(fs.readFile('/v/data/up')).toBe('root\n');
    expect(fs.readFile('/rel/f')).toBe('root\n');
    expect(fs.readFile('/v/data/sub/../f')).toBe('volume\n');
    expect(errno(() => fs.readFile('/v/data/f/x'))).toBe('ENOTDIR');
    expect(errno(() => fs.readFile('/v/nope/f'))).toBe('ENOENT');
  });

  it('TreeBackend.child gives what get gives one part deeper', () => {
    const tree = dir({}, { a: dir({}, { b: dir({}, { f: file('x') }), l: symlink('b') }), g: file('y') });
    const backend = new TreeBackend(() => tree);
    const dirs: string[][] = [[], ['a'], ['a', 'b']];
    for (const rel of dirs) {
      const at = backend.get(rel) as DirNode;
      for (const name of ['a', 'b', 'f', 'l', 'g', 'nope']) expect(backend.child(at, name)).toBe(backend.get([...rel, name]));
    }
  });

  it('follows symlinks in every part, absolute ones from the root, and never climbs above /', () => {
    const fs = memoryFs(dir({}, { a: dir({}, { b: dir({}, { f: file('x') }) }), up: symlink('../../../a'), abs: symlink('/a/b') }));
    expect(fs.readFile('/up/b/f')).toBe('x');
    expect(fs.readFile('/abs/f')).toBe('x');
    expect(fs.readFile('/../../a/./b/../b/f')).toBe('x');
    expect(fs.realpath('/abs/../b/f')).toBe('/a/b/f');
    expect(fs.lstat('/abs')).toMatchObject({ kind: 'symlink', target: '/a/b', size: 4 });
    expect(fs.stat('/abs').kind).toBe('dir');
  });

  it('gives ELOOP after 40 links and ENOTDIR / ENOENT for a file or nothing in the middle', () => {
    const fs = memoryFs(dir({}, { f: file('x'), loop: symlink('loop') }));
    const chain: DirNode = dir({}, { l0: file('end') });
    for (let i = 1; i <= 41; i++) setEntry(chain, `l${i}`, symlink(`l${i - 1}`));
    const chained = memoryFs(chain);
    expect(chained.readFile('/l40')).toBe('end');
    expect(errno(() => chained.readFile('/l41'))).toBe('ELOOP');
    expect(errno(() => fs.stat('/loop'))).toBe('ELOOP');
    expect(fs.lstat('/loop').kind).toBe('symlink');
    expect(errno(() => fs.stat('/f/x'))).toBe('ENOTDIR');
    expect(errno(() => fs.stat('/none/x'))).toBe('ENOENT');
    expect(errno(() => fs.readdir('/f'))).toBe('ENOTDIR');
    expect(errno(() => fs.readlink('/f'))).toBe('EINVAL');
    expect(fs.exists('/loop')).toBe(false);
  });

  it('picks the deepest mount covering a path, by whole components', () => {
    const { fs } = mounted();
    expect(fs.stat('/data/v').mount).toBe('/data');
    expect(fs.stat('/data').mount).toBe('/data');
    expect(fs.stat('/database').mount).toBe('/');
    expect(fs.statfs('/data/v')).toMatchObject({ mountpoint: '/data', fstype: 'ext4', device: '/dev/sda1', capacity: 250 * 1024 ** 3 });
    expect(fs.statfs('/ro/f')).toMatchObject({ mountpoint: '/ro', fstype: 'tmpfs', device: 'tmpfs', capacity: 1000, used: 3 });
  });

  it('lists the mounts as /proc/mounts does, in mount order', () => {
    const { fs } = mounted();
    expect(fs.mounts()).toBe('overlay / overlay rw,lowerdir=x 0 0\n/dev/sda1 /data ext4 rw 0 0\ntmpfs /ro tmpfs ro,nosuid,size=1k 0 0\n');
  });
});

describe('errno of refused calls', () => {
  it('rename(2): EBUSY for a mount point, EXDEV across mounts, EINVAL into itself, EISDIR/ENOTDIR/ENOTEMPTY over the wrong kind', () => {
    const { fs } = mounted();
    fs.mkdir('/d');
    fs.mkdir('/d/sub');
    fs.writeFile('/f', 'f');
    fs.mkdir('/full');
    fs.writeFile('/full/x', 'x');
    expect(errno(() => fs.rename('/data', '/elsewhere'))).toBe('EBUSY');
    expect(errno(() => fs.rename('/f', '/data'))).toBe('EBUSY');
    expect(errno(() => fs.rename('/f', '/data/f'))).toBe('EXDEV');
    expect(errno(() => fs.rename('/d', '/d/sub/d'))).toBe('EINVAL');
    expect(errno(() => fs.rename('/f', '/d'))).toBe('EISDIR');
    expect(errno(() => fs.rename('/d', '/f'))).toBe('ENOTDIR');
    expect(errno(() => fs.rename('/d/sub', '/full'))).toBe('ENOTEMPTY');
    expect(errno(() => fs.rename('/ro/f', '/ro/g'))).toBe('EROFS');
    // onto itself: nothing happens; a directory over an empty one replaces it
    fs.rename('/d', '/d');
    expect(fs.readdir('/d')).toEqual(['sub']);
    fs.mkdir('/empty');
    fs.rename('/d', '/empty');
    expect(fs.exists('/d')).toBe(false);
    expect(fs.readdir('/empty')).toEqual(['sub']);
    fs.rename('/f', '/empty/sub/g');
    expect(fs.readFile('/empty/sub/g')).toBe('f');
  });

  it('link(2), mknod(2), mkdir(2), rmdir(2), unlink(2)', () => {
    const { fs } = mounted();
    fs.writeFile('/f', 'f');
    expect(errno(() => fs.link('/f', '/data/f'))).toBe('EXDEV');
    expect(errno(() => fs.link('/tmp', '/t2'))).toBe('EPERM');
    expect(errno(() => fs.link('/f', '/tmp'))).toBe('EEXIST');
    expect(errno(() => fs.link('/f', '/ro/f2'))).toBe('EROFS');
    expect(errno(() => fs.mknod('/tmp', 'null', 0o666))).toBe('EEXIST');
    expect(errno(() => fs.mkdir('/f'))).toBe('EEXIST');
    expect(errno(() => fs.rmdir('/f'))).toBe('ENOTDIR');
    expect(errno(() => fs.rmdir('/data'))).toBe('EBUSY');
    expect(errno(() => fs.rmdir('/'))).toBe('EBUSY');
    expect(errno(() => fs.unlink('/tmp'))).toBe('EISDIR');
    expect(errno(() => fs.unlink('/ro/f'))).toBe('EROFS');
    expect(errno(() => fs.rmdir('/ro'))).toBe('EBUSY');
    fs.mknod('/null', 'null', 0o7666);
    expect(fs.stat('/null')).toMatchObject({ kind: 'chardev', device: 'null', mode: 0o7644, uid: 0, mtime: 42 });
    const nobody = mounted({ uid: 1000, gid: 1000 }).fs;
    expect(errno(() => nobody.mknod('/tmp/null', 'null', 0o666))).toBe('EPERM');
  });

  it("bind(2) of a unix socket: mknod's checks, EADDRINUSE for a taken name, no CAP_MKNOD", () => {
    const { fs } = mounted();
    fs.writeFile('/f', 'f');
    expect(errno(() => fs.mksocket('/f', 0o777))).toBe('EADDRINUSE');
    expect(errno(() => fs.mksocket('/new/', 0o777))).toBe('ENOENT');
    expect(errno(() => fs.mksocket('/ro/s', 0o777))).toBe('EROFS');
    fs.mksocket('/s', 0o777);
    expect(fs.stat('/s')).toMatchObject({ kind: 'socket', mode: 0o755, uid: 0 });
    const nobody = mounted({ uid: 1000, gid: 1000 }).fs;
    nobody.mksocket('/tmp/s', 0o777);
    expect(nobody.stat('/tmp/s')).toMatchObject({ kind: 'socket', uid: 1000 });
    expect(errno(() => nobody.mksocket('/s2', 0o777))).toBe('EACCES');
  });

  it("mkfifo(3): mknod's checks, EEXIST for a taken name, no CAP_MKNOD; open(2) of it would wait, refused by name", () => {
    const { fs } = mounted();
    fs.writeFile('/f', 'f');
    expect(errno(() => fs.mkfifo('/f', 0o666))).toBe('EEXIST');
    expect(errno(() => fs.mkfifo('/new/p', 0o666))).toBe('ENOENT');
    expect(errno(() => fs.mkfifo('/ro/p', 0o666))).toBe('EROFS');
    fs.mkfifo('/p', 0o666);
    // the umask (022) applies, as to any mknod(2)
    expect(fs.stat('/p')).toMatchObject({ kind: 'fifo', mode: 0o644, uid: 0, size: 0 });
    const nobody = mounted({ uid: 1000, gid: 1000 }).fs;
    nobody.mkfifo('/tmp/p', 0o600);
    expect(nobody.stat('/tmp/p')).toMatchObject({ kind: 'fifo', mode: 0o600, uid: 1000 });
    expect(errno(() => nobody.mkfifo('/p2', 0o666))).toBe('EACCES');
    const refusal = 'strata does not simulate reading or writing a named pipe (/p): it runs no reader and writer at once';
    expect(() => fs.readFile('/p')).toThrow(refusal);
    expect(() => fs.writeFile('/p', 'x')).toThrow(refusal);
    // the permission check comes first, as open(2)'s does
    expect(errno(() => nobody.writeFile('/p', 'x'))).toBe('EACCES');
  });

  it('open(2): O_EXCL on an existing file, a directory, a device, a read-only mount, a full tmpfs', () => {
    const { fs } = mounted();
    fs.writeFile('/f', 'f');
    expect(errno(() => fs.writeFile('/f', 'g', { exclusive: true }))).toBe('EEXIST');
    expect(errno(() => fs.writeFile('/tmp', 'g'))).toBe('EISDIR');
    expect(errno(() => fs.readFile('/tmp'))).toBe('EISDIR');
    expect(errno(() => fs.writeFile('/ro/f', 'g'))).toBe('EROFS');
    expect(errno(() => fs.writeFile('/ro/new', 'g'))).toBe('EROFS');
    const full = memoryFs();
    expect(errno(() => full.writeFile('/dev/full', 'x'))).toBe('ENOSPC');
    full.writeFile('/dev/null', 'discarded');
    expect(full.readFile('/dev/null')).toBe('');
    expect(full.readFile('/dev/zero', 3)).toBe('\0\0\0');
    const small = dir();
    const tmpfs = new Namespace([{ target: '/', backend: new TreeBackend(() => small, { capacity: 10 }), readonly: false, source: 'tmpfs' }]);
    tmpfs.writeFile('/a', '12345');
    tmpfs.writeFile('/a', '1234567890');
    expect(errno(() => tmpfs.writeFile('/b', 'x'))).toBe('ENOSPC');
    expect(errno(() => tmpfs.writeFile('/a', 'x', { append: true }))).toBe('ENOSPC');
    tmpfs.writeFile('/a', 'short');
    tmpfs.writeFile('/b', 'x');
  });
});

describe('what a call leaves behind', () => {
  it("a name added or removed sets its directory's mtime; a write, a chmod or a copy-up does not (fs/dir-mtime)", () => {
    let now = 1;
    const lower = dir({}, { etc: dir({}, { passwd: file('root\n'), group: file('root\n') }) });
    const fs = new Namespace([{ target: '/', backend: new UnionBackend(dir(), [lower]), readonly: false, source: 'overlay' }], { clock: () => now });
    const mtime = (p: string): number => fs.stat(p).mtime;
    const at = (t: number, call: () => void): void => {
      now = t;
      call();
    };
    at(2, () => fs.writeFile('/etc/passwd', 'x\n', { append: true }));
    expect([mtime('/etc'), mtime('/etc/passwd')]).toEqual([0, 2]); // copy-up and write: the directory keeps its time
    at(3, () => fs.chmod('/etc/passwd', 0o600));
    expect(mtime('/etc')).toBe(0);
    at(4, () => fs.unlink('/etc/group')); // a whiteout is a removal
    expect(mtime('/etc')).toBe(4);
    at(5, () => fs.mkdir('/etc/d'));
    expect([mtime('/etc'), mtime('/')]).toEqual([5, 0]);
    at(6, () => fs.writeFile('/etc/d/f', ''));
    expect([mtime('/etc/d'), mtime('/etc')]).toEqual([6, 5]);
    at(7, () => fs.symlink('f', '/etc/d/l'));
    expect(mtime('/etc/d')).toBe(7);
    at(8, () => fs.link('/etc/d/f', '/etc/d/h'));
    expect(mtime('/etc/d')).toBe(8);
    at(9, () => fs.rename('/etc/d/f', '/etc/f'));
    expect([mtime('/etc/d'), mtime('/etc')]).toEqual([9, 9]);
    at(10, () => fs.unlink('/etc/d/h'));
    at(11, () => fs.unlink('/etc/d/l'));
    expect(mtime('/etc/d')).toBe(11);
    at(12, () => fs.rmdir('/etc/d'));
    expect(mtime('/etc')).toBe(12);
    at(13, () => fs.rename('/etc/f', '/etc/f'));
    expect(mtime('/etc')).toBe(12); // rename onto itself changes nothing
  });

  it('new files and directories get the mode asked for minus the umask, the clock as mtime, the process as owner', () => {
    const { fs } = mounted({ uid: 0, gid: 0 });
    fs.writeFile('/f', 'x');
    fs.writeFile('/g', 'x', { mode: 0o777 });
    fs.mkdir('/d');
    fs.mkdir('/e', 0o700);
    expect(fs.stat('/f')).toMatchObject({ mode: 0o644, mtime: 42, uid: 0, size: 1 });
    expect(fs.stat('/g').mode).toBe(0o755);
    expect(fs.stat('/d').mode).toBe(0o755);
    expect(fs.stat('/e').mode).toBe(0o700);
    const strict = fs.withUmask(0o077);
    expect(fs.withUmask(0o022)).toBe(fs);
    expect(strict.umask).toBe(0o077);
    expect(fs.umask).toBe(0o022);
    strict.writeFile('/s', 'x');
    strict.mkdir('/sd');
    expect(fs.stat('/s').mode).toBe(0o600);
    expect(fs.stat('/sd').mode).toBe(0o700);
    // an existing file keeps its mode; append adds, a plain write replaces
    fs.writeFile('/g', 'y', { mode: 0o600, append: true });
    expect(fs.stat('/g').mode).toBe(0o755);
    expect(fs.readFile('/g')).toBe('xy');
    expect(fs.readFile('/g', 1)).toBe('x');
  });

  it('chmod keeps only the permission bits; chown without follow changes the link itself', () => {
    const { fs } = mounted();
    fs.writeFile('/f', 'x');
    fs.symlink('f', '/l');
    fs.chmod('/l', 0o104755);
    expect(fs.stat('/f').mode).toBe(0o4755);
    fs.chown('/l', 5, 6, true);
    expect(fs.lstat('/l')).toMatchObject({ uid: 5, gid: 6 });
    expect(fs.stat('/f')).toMatchObject({ uid: 0, gid: 0 });
    fs.chown('/l', 7, 8);
    expect(fs.stat('/f')).toMatchObject({ uid: 7, gid: 8 });
    fs.utimes('/l', 9);
    expect(fs.stat('/f').mtime).toBe(9);
    expect(fs.lstat('/l').mtime).toBe(42);
  });

  it('an owner without CAP_CHOWN may change the group only to its own group', () => {
    const tree = dir({}, { f: file('x', { uid: 1000, gid: 0 }), g: file('x', { uid: 2000, gid: 2000 }) });
    const u = new Namespace([{ target: '/', backend: new TreeBackend(() => tree), readonly: false, source: 'x' }], { uid: 1000, gid: 1000, groups: [50] });
    expect(errno(() => u.chown('/f', 1000, 7))).toBe('EPERM');
    expect(errno(() => u.chown('/f', 0, 0))).toBe('EPERM');
    expect(errno(() => u.chown('/g', 2000, 1000))).toBe('EPERM');
    u.chown('/f', 1000, 1000);
    expect(u.stat('/f').gid).toBe(1000);
    // a supplementary group opens what the group bits allow
    setEntry(tree, 'h', file('secret', { uid: 0, gid: 50, mode: 0o640 }));
    expect(u.readFile('/h')).toBe('secret');
  });
});

describe('devices and the rules for other users', () => {
  it('/dev/full reads as zeros, endlessly (full(4)); /dev/null is empty; the random devices repeat a fixed block', () => {
    const fs = memoryFs();
    expect(fs.readFile('/dev/full', 4)).toBe('\0\0\0\0');
    expect(() => fs.readFile('/dev/full')).toThrow('never reaches end of file');
    expect(fs.readFile('/dev/null')).toBe('');
    expect(fs.readFile('/dev/null', 10)).toBe('');
    const r = fs.readFile('/dev/urandom', 600);
    expect(r.slice(0, 256)).toBe(r.slice(256, 512));
    expect(new Set(r.slice(0, 256)).size).toBe(256);
    expect(fs.readFile('/dev/random', 5)).toBe(r.slice(0, 5));
    expect(fs.readFile('/dev/urandom', 0)).toBe('');
  });

  it('sticky directories: the directory\'s owner may remove anything in it, others only their own; a rename over another\'s entry is refused too', () => {
    const tree = dir({}, {
      tmp: dir({ mode: 0o1777, uid: 1000, gid: 1000 }, { theirs: file('t', { uid: 2000, gid: 2000 }), mine: file('m', { uid: 3000 }) }),
      shared: dir({ mode: 0o1777 }, { theirs: file('t', { uid: 2000, gid: 2000 }), mine: file('m', { uid: 3000 }) }),
    });
    const owner = new Namespace([{ target: '/', backend: new TreeBackend(() => tree), readonly: false, source: 'x' }], { uid: 1000, gid: 1000 });
    const other = new Namespace([{ target: '/', backend: new TreeBackend(() => tree), readonly: false, source: 'x' }], { uid: 3000, gid: 3000 });
    owner.unlink('/tmp/theirs');
    expect(owner.exists('/tmp/theirs')).toBe(false);
    expect(errno(() => other.unlink('/shared/theirs'))).toBe('EPERM');
    expect(errno(() => other.rename('/shared/mine', '/shared/theirs'))).toBe('EPERM');
    expect(errno(() => other.rename('/shared/theirs', '/shared/x'))).toBe('EPERM');
    other.rename('/shared/mine', '/shared/moved');
    expect(other.readFile('/shared/moved')).toBe('m');
  });

  it('moving a directory to another parent needs write permission on it (its .. changes); renaming it in place does not', () => {
    const tree = dir({}, { a: dir({ mode: 0o777 }, { d: dir({ mode: 0o555, uid: 1000 }) }), b: dir({ mode: 0o777 }) });
    const u = new Namespace([{ target: '/', backend: new TreeBackend(() => tree), readonly: false, source: 'x' }], { uid: 1000, gid: 1000 });
    expect(errno(() => u.rename('/a/d', '/b/d'))).toBe('EACCES');
    u.rename('/a/d', '/a/e');
    expect(u.stat('/a/e').kind).toBe('dir');
    u.chmod('/a/e', 0o755);
    u.rename('/a/e', '/b/d');
    expect(u.readdir('/b')).toEqual(['d']);
  });

  it('touch (utimes) of a file someone else owns: the current time with write permission on it, a given time never', () => {
    const tree = dir({}, { f: file('x', { uid: 0, mode: 0o666, mtime: 1 }), g: file('x', { uid: 0, mode: 0o644 }), mine: file('x', { uid: 1000, mode: 0o444 }) });
    const u = new Namespace([{ target: '/', backend: new TreeBackend(() => tree), readonly: false, source: 'x' }], { uid: 1000, gid: 1000, clock: () => 7 });
    // recorded: shell/touch-permissions (Operation not permitted for -d, Permission denied on 644)
    expect(errno(() => u.utimes('/f', 99))).toBe('EPERM');
    expect(u.stat('/f').mtime).toBe(1);
    u.utimes('/f', 99, { now: true });
    expect(u.stat('/f').mtime).toBe(99);
    expect(errno(() => u.utimes('/g', 99, { now: true }))).toBe('EACCES');
    expect(errno(() => u.chmod('/f', 0o600))).toBe('EPERM');
    // its own file takes any time, even without write permission
    u.utimes('/mine', 42);
    expect(u.stat('/mine').mtime).toBe(42);
  });
});

describe('what each rule leaves to other cases', () => {
  const one = (tree: DirNode, opts: { uid?: number; gid?: number; clock?: () => number } = {}): Namespace =>
    new Namespace([{ target: '/', backend: new TreeBackend(() => tree), readonly: false, source: 'x' }], opts);

  it('only a sticky directory limits removal to owners; root removes anything, even in a sticky directory it does not own', () => {
    const tree = dir({}, {
      open: dir({ mode: 0o777 }, { theirs: file('t', { uid: 2000 }) }),
      sticky: dir({ mode: 0o1777, uid: 2000 }, { theirs: file('t', { uid: 3000 }) }),
    });
    one(tree, { uid: 1000, gid: 1000 }).unlink('/open/theirs');
    const root = one(tree);
    root.unlink('/sticky/theirs');
    expect(root.readdir('/open')).toEqual([]);
    expect(root.readdir('/sticky')).toEqual([]);
  });

  it('group bits only for members of the group; search (x) is checked on directories only, so a file in the middle is ENOTDIR', () => {
    const tree = dir({}, { g: file('g', { mode: 0o640, gid: 5 }), d: dir({ mode: 0o755 }, { f: file('f', { mode: 0o644 }) }) });
    const member = one(tree, { uid: 1000, gid: 5 });
    const stranger = one(tree, { uid: 1000, gid: 1000 });
    expect(member.readFile('/g')).toBe('g');
    expect(errno(() => stranger.readFile('/g'))).toBe('EACCES');
    expect(errno(() => stranger.stat('/d/f/x'))).toBe('ENOTDIR');
    expect(errno(() => stranger.stat('/d/missing/x'))).toBe('ENOENT');
  });

  it('the last component is not followed by mkdir, rmdir, unlink, rename, symlink, link and mknod; it is by readdir and realpath', () => {
    const fs = memoryFs(dir({}, { dir: dir({}, { f: file('f') }), todir: symlink('dir'), dangling: symlink('nowhere') }));
    expect(errno(() => fs.mkdir('/dangling'))).toBe('EEXIST');
    expect(errno(() => fs.symlink('x', '/dangling'))).toBe('EEXIST');
    expect(errno(() => fs.link('/dir/f', '/dangling'))).toBe('EEXIST');
    expect(errno(() => fs.mknod('/dangling', 'null', 0o666))).toBe('EEXIST');
    expect(fs.exists('/nowhere')).toBe(false);
    expect(errno(() => fs.rmdir('/todir'))).toBe('ENOTDIR');
    expect(fs.readdir('/todir')).toEqual(['f']);
    expect(fs.realpath('/todir')).toBe('/dir');
    fs.link('/todir', '/samelink'); // link(2) names the symlink itself
    expect(fs.lstat('/samelink')).toMatchObject({ kind: 'symlink', target: 'dir' });
    fs.rename('/todir', '/moved');
    expect(fs.lstat('/moved').kind).toBe('symlink');
    expect(fs.readdir('/dir')).toEqual(['f']);
    fs.rename('/dir/f', '/dangling'); // over the link, not through it
    expect(fs.lstat('/dangling').kind).toBe('file');
    expect(fs.exists('/nowhere')).toBe(false);
    fs.unlink('/moved');
    expect(fs.stat('/dir').kind).toBe('dir');
  });

  it('rename: a file changes parents without write permission on itself, a directory not; parents are compared whole', () => {
    const tree = dir({}, {
      a: dir({ mode: 0o777 }, { f: file('f', { uid: 1000, mode: 0o444 }) }),
      b: dir({ mode: 0o777 }),
      x: dir({ mode: 0o777 }, { d: dir({ mode: 0o555, uid: 1000 }), e: dir({ mode: 0o777 }) }),
      p: dir({ mode: 0o777 }, { qr: dir({ mode: 0o777 }, { d: dir({ mode: 0o555, uid: 1000 }) }) }),
      pq: dir({ mode: 0o777 }, { r: dir({ mode: 0o777 }) }),
    });
    const u = one(tree, { uid: 1000, gid: 1000 });
    u.rename('/a/f', '/b/f');
    expect(u.readFile('/b/f')).toBe('f');
    expect(errno(() => u.rename('/x/d', '/x/e/d'))).toBe('EACCES'); // /x and /x/e share a first component
    expect(errno(() => u.rename('/p/qr/d', '/pq/r/d'))).toBe('EACCES'); // p/qr and pq/r spell the same letters
  });

  it('rename: a name that only starts like the source is not inside it; a hard link renamed onto its other name stays', () => {
    const fs = memoryFs(dir({}, { b: dir() }));
    fs.writeFile('/b/g', 'g');
    fs.rename('/b/g', '/b/gh');
    expect(fs.readFile('/b/gh')).toBe('g');
    fs.link('/b/gh', '/b/h');
    fs.rename('/b/gh', '/b/h');
    expect(fs.readdir('/b').sort()).toEqual(['gh', 'h']);
  });

  it('an append of nothing copies up but leaves the file as it was, its time too', () => {
    let now = 5;
    const lower = dir({}, { f: file('data', { mtime: 1 }) });
    const fs = new Namespace([{ target: '/', backend: new UnionBackend(dir(), [lower]), readonly: false, source: 'overlay' }], { clock: () => now });
    fs.writeFile('/f', '', { append: true });
    expect(fs.stat('/f')).toMatchObject({ mtime: 1, size: 4 });
    now = 6;
    fs.writeFile('/f', '!', { append: true });
    expect(fs.stat('/f')).toMatchObject({ mtime: 6, size: 5 });
  });

  it('chown to the owner and group a file already has needs no capability; touch of its own read-only file is allowed', () => {
    const tree = dir({}, { f: file('f', { uid: 1000, gid: 0, mode: 0o444 }) });
    const u = one(tree, { uid: 1000, gid: 1000, clock: () => 9 });
    u.chown('/f', 1000, 0);
    u.utimes('/f', 3);
    expect(u.stat('/f')).toMatchObject({ uid: 1000, gid: 0, mtime: 3 });
  });

  it('a clock defaults to 0; the later of two mounts on one place wins, and deeper mounts win whatever the order', () => {
    const first = dir({}, { which: file('first') });
    const second = dir({}, { which: file('second') });
    const deep = dir({}, { which: file('deep') });
    const fs = new Namespace([
      { target: '/m/deep', backend: new TreeBackend(() => deep), readonly: false, source: 'c' },
      { target: '/', backend: new TreeBackend(() => dir({}, { m: dir({}, { deep: dir() }) })), readonly: false, source: 'r' },
      { target: '/m', backend: new TreeBackend(() => first), readonly: false, source: 'a' },
      { target: '/m', backend: new TreeBackend(() => second), readonly: false, source: 'b' },
    ]);
    expect(fs.readFile('/m/which')).toBe('second');
    expect(fs.readFile('/m/deep/which')).toBe('deep');
    fs.writeFile('/m/new', '');
    expect(fs.stat('/m/new').mtime).toBe(0);
  });

  it(`paths stop at ${MAX_PATH_DEPTH} components: mkdir, link, and a rename by the height of the tree it carries`, () => {
    const fs = memoryFs(dir());
    const at = (n: number): string => '/d'.repeat(n);
    for (let i = 1; i <= MAX_PATH_DEPTH; i++) fs.mkdir(at(i));
    expect(() => fs.mkdir(at(MAX_PATH_DEPTH + 1))).toThrow(LimitError);
    fs.writeFile('/f', '');
    fs.link('/f', at(MAX_PATH_DEPTH - 1) + '/e');
    expect(() => fs.link('/f', at(MAX_PATH_DEPTH) + '/e')).toThrow(LimitError);
    // /t holds s, which holds a file: two levels below /t
    fs.mkdir('/t');
    fs.mkdir('/t/s');
    fs.writeFile('/t/s/f', '');
    fs.rename('/t', at(MAX_PATH_DEPTH - 3) + '/t');
    expect(() => fs.rename(at(MAX_PATH_DEPTH - 3) + '/t', at(MAX_PATH_DEPTH - 2) + '/t')).toThrow(LimitError);
  });

  it('a read of an endless device beyond the file budget is a budget error that says so', () => {
    const fs = memoryFs();
    expect(() => fs.readFile('/dev/zero', MAX_FILE_BYTES * 2)).toThrow(`a read of ${MAX_FILE_BYTES * 2} bytes from /dev/zero exceeds`);
  });
});

// Each errno below was also checked with the same calls on Linux 6.18 (the oracle host, ext4).
describe('a trailing slash or a last `.` (path_resolution(7); recorded: fs/trailing-slash, both engines)', () => {
  // /app -> /data (a directory), /lf -> /data/f (a file), /dang -> /nowhere, /rel -> data (relative)
  const links = (): Namespace =>
    memoryFs(dir({}, { data: dir({}, { f: file('hi\n') }), app: symlink('/data'), lf: symlink('/data/f'), dang: symlink('/nowhere'), rel: symlink('data') }));

  it('lstat, readlink and the other no-follow lookups follow the last link when the path ends in / or /.', () => {
    const fs = links();
    // `stat -c %F /app /app/ /app/.`: symbolic link, directory, directory
    expect(fs.lstat('/app').kind).toBe('symlink');
    expect(fs.lstat('/app/').kind).toBe('dir');
    expect(fs.lstat('/app//').kind).toBe('dir');
    expect(fs.lstat('/app/.').kind).toBe('dir');
    expect(fs.lstat('/app/./').kind).toBe('dir');
    expect(fs.lstat('/rel/').kind).toBe('dir');
    // ... and then want a directory: `stat /lf/` Not a directory, `stat /dang/` No such file
    expect(errno(() => fs.lstat('/lf/'))).toBe('ENOTDIR');
    expect(errno(() => fs.lstat('/lf/.'))).toBe('ENOTDIR');
    expect(errno(() => fs.lstat('/data/f/'))).toBe('ENOTDIR');
    expect(errno(() => fs.lstat('/dang/'))).toBe('ENOENT');
    expect(fs.lstat('/dang').kind).toBe('symlink');
    // `readlink /app/` fails (a directory has no target), `cat /lf/` Not a directory
    expect(errno(() => fs.readlink('/app/'))).toBe('EINVAL');
    expect(fs.readlink('/app')).toBe('/data');
    expect(errno(() => fs.readFile('/lf/'))).toBe('ENOTDIR');
    expect(fs.readFile('/lf')).toBe('hi\n');
    expect(fs.readdir('/app/.')).toEqual(['f']);
    // lchown and utimes without following change the directory through the link
    fs.chown('/app/', 7, 7, true);
    expect(fs.stat('/data').uid).toBe(7);
    expect(fs.lstat('/app').uid).toBe(0);
    fs.utimes('/app/', 5, { noFollow: true });
    expect(fs.stat('/data').mtime).toBe(5);
    // link(2) of `/app/` meets the directory: EPERM, not a second name of the symlink
    expect(errno(() => fs.link('/app/', '/l2'))).toBe('EPERM');
    // the root and a last `..` are directories whatever follows
    expect(fs.lstat('/').kind).toBe('dir');
    expect(fs.lstat('/.').kind).toBe('dir');
    expect(fs.lstat('/app/..').kind).toBe('dir');
    expect(fs.realpath('/app/')).toBe('/data');
  });

  it('the calls that make or remove an entry never follow it: rmdir and rename are ENOTDIR on the link, unlink too, mkdir EEXIST', () => {
    const fs = links();
    // `rmdir /app/`: Not a directory; `mkdir /app/`: File exists; `mv /app/ /moved`, `mv /lf/ /moved2`: Not a directory
    expect(errno(() => fs.rmdir('/app/'))).toBe('ENOTDIR');
    expect(errno(() => fs.mkdir('/app/'))).toBe('EEXIST');
    expect(errno(() => fs.rename('/app/', '/moved'))).toBe('ENOTDIR');
    expect(errno(() => fs.rename('/lf/', '/moved2'))).toBe('ENOTDIR');
    expect(errno(() => fs.rename('/lf', '/moved3/'))).toBe('ENOTDIR');
    expect(errno(() => fs.unlink('/app/'))).toBe('ENOTDIR');
    expect(errno(() => fs.unlink('/data/f/'))).toBe('ENOTDIR');
    expect(errno(() => fs.unlink('/data/'))).toBe('EISDIR');
    expect(errno(() => fs.unlink('/nope/'))).toBe('ENOENT');
    // nothing was removed or moved
    expect(fs.lstat('/app').kind).toBe('symlink');
    expect(fs.lstat('/lf').kind).toBe('symlink');
    expect(fs.lstat('/data/f').kind).toBe('file');
    // a directory moves with slashes on either side, and mkdir makes a directory named with one
    fs.rename('/data/', '/moved/');
    expect(fs.readdir('/moved')).toEqual(['f']);
    fs.mkdir('/new/');
    expect(fs.lstat('/new').kind).toBe('dir');
    fs.rmdir('/new/');
    expect(errno(() => fs.lstat('/new'))).toBe('ENOENT');
  });

  it('a last `.` names the directory itself: rmdir EINVAL, unlink EISDIR, rename EBUSY, mkdir EEXIST, a missing one ENOENT', () => {
    const fs = links();
    expect(errno(() => fs.rmdir('/data/.'))).toBe('EINVAL');
    expect(errno(() => fs.unlink('/data/.'))).toBe('EISDIR');
    expect(errno(() => fs.rename('/data/.', '/x'))).toBe('EBUSY');
    expect(errno(() => fs.rename('/data', '/x/.'))).toBe('ENOENT');
    fs.mkdir('/y');
    expect(errno(() => fs.rename('/data', '/y/.'))).toBe('EBUSY');
    expect(errno(() => fs.mkdir('/data/.'))).toBe('EEXIST');
    expect(errno(() => fs.mkdir('/new/.'))).toBe('ENOENT');
    expect(errno(() => fs.symlink('x', '/data/.'))).toBe('EEXIST');
    expect(errno(() => fs.lstat('/nope/.'))).toBe('ENOENT');
    expect(fs.readdir('/data')).toEqual(['f']);
  });

  it('a new name that is no directory cannot end in a slash: ENOENT, or EEXIST where something is', () => {
    const fs = links();
    // `ln -s x /new/`: No such file or directory
    expect(errno(() => fs.symlink('x', '/new/'))).toBe('ENOENT');
    expect(errno(() => fs.link('/data/f', '/new/'))).toBe('ENOENT');
    expect(errno(() => fs.mknod('/new/', 'null', 0o666))).toBe('ENOENT');
    expect(errno(() => fs.symlink('x', '/app/'))).toBe('EEXIST');
    expect(errno(() => fs.link('/data/f', '/lf/'))).toBe('EEXIST');
    expect(errno(() => fs.mknod('/dang/', 'null', 0o666))).toBe('EEXIST');
    expect(errno(() => fs.lstat('/new'))).toBe('ENOENT');
  });

  it('open with O_CREAT of a path ending in / or /. is EISDIR, whatever is there; a missing parent is still ENOENT', () => {
    const fs = links();
    // `touch /new2/`, `echo x > /lf/`, `echo x > /new3/`: Is a directory
    expect(errno(() => fs.writeFile('/new2/', ''))).toBe('EISDIR');
    expect(errno(() => fs.writeFile('/lf/', 'x\n'))).toBe('EISDIR');
    expect(errno(() => fs.writeFile('/data/', 'x\n', { append: true }))).toBe('EISDIR');
    expect(errno(() => fs.writeFile('/data/.', 'x\n'))).toBe('EISDIR');
    expect(errno(() => fs.writeFile('/lf/.', 'x\n'))).toBe('ENOTDIR');
    expect(errno(() => fs.writeFile('/nope/x/', 'x\n'))).toBe('ENOENT');
    expect(fs.readFile('/data/f')).toBe('hi\n');
    expect(errno(() => fs.lstat('/new2'))).toBe('ENOENT');
  });
});
