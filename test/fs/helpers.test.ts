// The small helpers of src/fs: the host's devices, mkdir -p with the daemon's defaults, direct
// lookups of canonical paths, errno texts, and the tree backend's own refusals.

import { freeze, isDraft, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { decompressionLimit, FsError, fileSizeLimit, goErrorText, isFsError, LimitError, STRERROR } from '../../src/fs/errors.ts';
import { nodeAt } from '../../src/fs/locate.ts';
import { memoryFs, withDevices } from '../../src/fs/memory.ts';
import { mkdirAll } from '../../src/fs/mkdir-all.ts';
import { entryOf, dir, file, metaOf, nodeSize, symlink, WHITEOUT, device, type DirNode, type FileNode } from '../../src/fs/node.ts';
import { TreeBackend } from '../../src/fs/tree-backend.ts';

describe('withDevices / memoryFs', () => {
  it('gives /dev the character devices scripts redirect to, keeping what /dev already holds', () => {
    const root = dir({}, { dev: dir({}, { null: file('not a device'), tty: device('tty') }) });
    withDevices(root);
    const fs = memoryFs(root);
    expect(fs.readdir('/dev').sort()).toEqual(['full', 'null', 'random', 'stderr', 'stdin', 'stdout', 'tty', 'urandom', 'zero']);
    expect(fs.stat('/dev/null').kind).toBe('file');
    const fresh = memoryFs();
    for (const [name, dev] of [['null', 'null'], ['zero', 'zero'], ['full', 'full'], ['urandom', 'urandom'], ['random', 'random'], ['stdin', 'fd0'], ['stdout', 'fd1'], ['stderr', 'fd2']] as const) {
      expect(fresh.stat(`/dev/${name}`)).toMatchObject({ kind: 'chardev', device: dev, mode: 0o666 });
    }
    // a /dev that is not a directory is left alone
    const odd = dir({}, { dev: file('x') });
    expect(entryOf(withDevices(odd), 'dev')).toEqual(file('x'));
  });

  it('fills a /dev that holds none of them, and is one ext4 file system on /dev/sda1 whose hard links reach the trees given', () => {
    const fs = memoryFs(dir({}, { dev: dir({}, { tty: device('tty') }) }));
    expect(fs.readdir('/dev').sort()).toEqual(['full', 'null', 'random', 'stderr', 'stdin', 'stdout', 'tty', 'urandom', 'zero']);
    expect(fs.mounts()).toBe('/dev/sda1 / ext4 rw 0 0\n');
    const pinned = dir({}, { pin: file('x', { ino: 1, nlink: 2 }) });
    const linked = memoryFs(dir({}, { a: file('x', { ino: 1, nlink: 2 }) }), {}, () => [pinned]);
    linked.writeFile('/a', 'y');
    expect(entryOf(pinned, 'pin')).toMatchObject({ data: 'y', ino: 1 });
  });
});

describe('mkdirAll', () => {
  it('makes each missing parent with the mode (minus the umask) and owner given, and leaves existing ones', () => {
    const fs = memoryFs();
    fs.mkdir('/a', 0o700);
    mkdirAll(fs, '/a/b/c', 0o775, { uid: 5, gid: 6 });
    expect(fs.stat('/a')).toMatchObject({ mode: 0o700, uid: 0 });
    expect(fs.stat('/a/b')).toMatchObject({ mode: 0o755, uid: 5, gid: 6 });
    expect(fs.stat('/a/b/c')).toMatchObject({ mode: 0o755, uid: 5, gid: 6 });
    mkdirAll(fs, '/x//y/');
    expect(fs.stat('/x/y')).toMatchObject({ kind: 'dir', mode: 0o755, uid: 0 });
  });
});

describe('nodeAt', () => {
  it('walks canonical paths without following symlinks; a whiteout or a file in the way is nothing', () => {
    const root = dir({}, { a: dir({}, { f: file('x'), gone: WHITEOUT, l: symlink('f') }) });
    expect(nodeAt(root, '/a/f')).toEqual(file('x'));
    expect(nodeAt(root, ['a', 'l'])).toEqual(symlink('f'));
    expect(nodeAt(root, '/')).toBe(root);
    expect(nodeAt(root, '/a/gone')).toBeUndefined();
    expect(nodeAt(root, '/a/f/x')).toBeUndefined();
    expect(nodeAt(root, '/a/l/x')).toBeUndefined();
    expect(nodeAt(root, '/b')).toBeUndefined();
  });

  it('inside a command: the drafts of the way, to change what it finds, or read only the nodes as they stand', () => {
    const before = freeze({ root: dir({}, { a: dir({}, { f: file('x') }) }) }, true);
    const after = produce(before, (draft) => {
      const seen = nodeAt(draft.root, '/a/f', true);
      expect(seen).toBe(entryOf(entryOf(before.root, 'a') as DirNode, 'f'));
      expect(isDraft(seen)).toBe(false);
      const f = nodeAt(draft.root, '/a/f') as FileNode;
      expect(isDraft(f)).toBe(true);
      f.data = 'y';
    });
    expect((nodeAt(before.root, '/a/f') as FileNode).data).toBe('x');
    expect((nodeAt(after.root, '/a/f') as FileNode).data).toBe('y');
  });
});

describe('nodes', () => {
  it('nodeSize: a file its bytes, a symlink its target, nothing else counts', () => {
    expect(nodeSize(file('abc'))).toBe(3);
    expect(nodeSize(symlink('/usr/bin'))).toBe(8);
    expect(nodeSize(dir({}, { f: file('abc') }))).toBe(0);
    expect(nodeSize(device('zero'))).toBe(0);
    expect(metaOf(file('x', { mode: 0o600, uid: 1, gid: 2, mtime: 3, ino: 4 }))).toEqual({ mode: 0o600, uid: 1, gid: 2, mtime: 3 });
  });
});

describe('errors', () => {
  it('carry the errno and path, with glibc\'s words and Go\'s lower-case ones', () => {
    const e = new FsError('ENOENT', '/x');
    expect(e.message).toBe('ENOENT: /x');
    expect(e.name).toBe('FsError');
    expect(isFsError(e)).toBe(true);
    expect(isFsError(new Error('ENOENT: /x'))).toBe(false);
    expect(STRERROR.ENOTEMPTY).toBe('Directory not empty');
    expect(goErrorText('EXDEV')).toBe('invalid cross-device link');
    const limit = fileSizeLimit('/big', 70_000_000);
    expect(limit).toBeInstanceOf(LimitError);
    expect(limit.name).toBe('ShellLimitError');
    expect(limit.message).toBe('file /big exceeded the size limit (67108864 bytes; it would be 70000000)');
  });

  it('word each errno as glibc\'s strerror(3) and as Go\'s syscall.Errno.Error() (zerrors_linux_amd64.go), the lower case of it', () => {
    const glibc = {
      ENOENT: 'No such file or directory',
      EEXIST: 'File exists',
      ENOTDIR: 'Not a directory',
      EISDIR: 'Is a directory',
      ENOTEMPTY: 'Directory not empty',
      EROFS: 'Read-only file system',
      ENOSPC: 'No space left on device',
      ELOOP: 'Too many levels of symbolic links',
      EINVAL: 'Invalid argument',
      EXDEV: 'Invalid cross-device link',
      EBUSY: 'Device or resource busy',
      EPERM: 'Operation not permitted',
      EACCES: 'Permission denied',
      ENXIO: 'No such device or address',
      EADDRINUSE: 'Address already in use',
    } as const;
    expect(STRERROR).toEqual(glibc);
    expect(goErrorText('ENOENT')).toBe('no such file or directory');
    expect(goErrorText('EROFS')).toBe('read-only file system');
  });

  it('an FsError carries no stack trace (it is thrown on ordinary paths), and leaves other errors theirs', () => {
    const e = new FsError('EACCES', '/p');
    expect([e.code, e.path]).toEqual(['EACCES', '/p']);
    expect(e.stack ?? '').not.toMatch(/\n\s+at /);
    expect(new Error('after').stack).toMatch(/\n\s+at /);
  });

  it('budget refusals name the budget: compressed data past the file size limit', () => {
    const e = decompressionLimit('gzip');
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toBe('gzip data decompresses past the size limit of 67108864 bytes');
  });
});

describe('TreeBackend', () => {
  it('refuses to list or write into what is missing or not a directory, and to link a directory', () => {
    const root = dir({}, { d: dir({}, { f: file('x') }) });
    const b = new TreeBackend(() => root);
    expect(b.fstype).toBe('ext4');
    expect(b.device).toBe('/dev/sda1');
    expect(b.capacity).toBeUndefined();
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof FsError ? `${e.code} ${e.path}` : String(e);
      }
      return undefined;
    };
    expect(code(() => b.list(['nope']))).toBe('ENOENT /nope');
    expect(code(() => b.list(['d', 'f']))).toBe('ENOTDIR /d/f');
    expect(code(() => b.writable(['d', 'g']))).toBe('ENOENT /d/g');
    expect(code(() => b.put(['d', 'f'], 'x', file('y')))).toBe('ENOTDIR /d/f');
    expect(code(() => b.link(['d'], [], 'd2'))).toBe('EPERM /d');
    expect(b.list(['d'])).toEqual(['f']);
    expect(b.materialize(['d', 'nope'])).toBeUndefined();
    const copy = b.materialize(['d'])!;
    expect(copy).toEqual(entryOf(root, 'd'));
    expect(copy).not.toBe(entryOf(root, 'd'));
    expect(b.used()).toBe(1);
    // a lone file (a single-file bind) has no file system of links
    const lone = new TreeBackend(() => file('solo'), { fstype: 'tmpfs', device: 'tmpfs', capacity: 9 });
    expect(lone.get([])).toEqual(file('solo'));
    expect(lone.get(['x'])).toBeUndefined();
    expect(code(() => lone.link([], [], 'x'))).toBe('EPERM /');
    expect([lone.fstype, lone.device, lone.capacity]).toEqual(['tmpfs', 'tmpfs', 9]);
  });
});
