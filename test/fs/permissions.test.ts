// Permission checks of the mount namespace for processes that are not root (Linux's
// generic_permission, may_delete's sticky rule, chmod/chown ownership), and root's bypass.

import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir, type DirNode } from '../../src/fs/node.ts';
import { errno } from './errno.ts';
import { Namespace } from '../../src/fs/namespace.ts';
import { TreeBackend } from '../../src/fs/tree-backend.ts';

const NOBODY = { uid: 65534, gid: 65534 };

/** One tree seen by root and by nobody (same nodes: the two namespaces share them). */
function setup(): { root: Namespace; nobody: Namespace } {
  const tree: DirNode = dir();
  const root = memoryFs(tree);
  root.mkdir('/etc', 0o755);
  root.writeFile('/etc/passwd', 'root:x:0:0\n');
  root.mkdir('/root', 0o700);
  root.writeFile('/root/secret', 's\n');
  root.mkdir('/tmp', 0o777);
  root.chmod('/tmp', 0o1777);
  root.writeFile('/tmp/rootfile', 'r\n');
  root.mkdir('/d', 0o755);
  root.writeFile('/d/private', 'p\n');
  root.chmod('/d/private', 0o600);
  root.writeFile('/d/public', 'x\n');
  root.chmod('/d/public', 0o666);
  root.mkdir('/d/readonly-dir', 0o755);
  root.mkdir('/d/noread', 0o711);
  root.writeFile('/d/noread/f', 'f\n');
  root.mkdir('/d/nosearch', 0o744);
  root.writeFile('/d/nosearch/f', 'f\n');
  root.mkdir('/home', 0o755);
  root.mkdir('/home/nobody', 0o755);
  root.chown('/home/nobody', 65534, 65534);
  root.mkdir('/group', 0o775);
  root.chown('/group', 0, 65534);
  root.chmod('/group', 0o775);
  return { root, nobody: memoryFs(tree, NOBODY) };
}


describe('permission checks for a process that is not root', () => {
  it('refuses creating files and directories in a directory without w', () => {
    const { nobody } = setup();
    expect(errno(() => nobody.writeFile('/etc/x', ''))).toBe('EACCES');
    expect(errno(() => nobody.mkdir('/etc/sub'))).toBe('EACCES');
    expect(errno(() => nobody.symlink('/x', '/etc/link'))).toBe('EACCES');
  });

  it('reports EEXIST before EACCES, as the lookup comes first', () => {
    const { nobody } = setup();
    expect(errno(() => nobody.mkdir('/etc'))).toBe('EEXIST');
  });

  it('needs r to read a file or list a directory, x to look inside one', () => {
    const { nobody } = setup();
    expect(errno(() => nobody.readdir('/root'))).toBe('EACCES');
    expect(errno(() => nobody.readFile('/d/private'))).toBe('EACCES');
    expect(errno(() => nobody.stat('/root/secret'))).toBe('EACCES');
    expect(errno(() => nobody.readdir('/d/noread'))).toBe('EACCES');
    expect(nobody.readFile('/d/noread/f')).toBe('f\n');
    expect(nobody.readdir('/d/nosearch')).toEqual(['f']);
    expect(errno(() => nobody.stat('/d/nosearch/f'))).toBe('EACCES');
    expect(errno(() => nobody.readFile('/d/nosearch/f'))).toBe('EACCES');
  });

  it('needs w to write an existing file', () => {
    const { nobody } = setup();
    expect(errno(() => nobody.writeFile('/etc/passwd', 'x'))).toBe('EACCES');
    expect(errno(() => nobody.writeFile('/etc/passwd', '', { append: true }))).toBe('EACCES');
    nobody.writeFile('/d/public', 'y\n', { append: true });
    expect(nobody.readFile('/d/public')).toBe('x\ny\n');
  });

  it('removes from a directory only with w there, and in a sticky one only its own entries', () => {
    const { nobody } = setup();
    expect(errno(() => nobody.unlink('/d/public'))).toBe('EACCES');
    expect(errno(() => nobody.rmdir('/d/readonly-dir'))).toBe('EACCES');
    expect(errno(() => nobody.unlink('/tmp/rootfile'))).toBe('EPERM');
    nobody.writeFile('/tmp/mine', 'm');
    nobody.unlink('/tmp/mine');
    expect(nobody.exists('/tmp/mine')).toBe(false);
    expect(errno(() => nobody.rename('/d/public', '/tmp/public'))).toBe('EACCES');
  });

  it('gives new files and directories its own uid and gid', () => {
    const { nobody } = setup();
    nobody.writeFile('/home/nobody/f', 'x');
    nobody.mkdir('/home/nobody/sub');
    expect(nobody.stat('/home/nobody/f')).toMatchObject({ uid: 65534, gid: 65534, mode: 0o644 });
    expect(nobody.stat('/home/nobody/sub')).toMatchObject({ uid: 65534, gid: 65534, mode: 0o755 });
  });

  it('uses the group bits when the file is in its group', () => {
    const { nobody } = setup();
    nobody.writeFile('/group/g', 'g');
    expect(nobody.stat('/group/g').uid).toBe(65534);
  });

  it('lets only the owner chmod, and nobody but root chown', () => {
    const { nobody } = setup();
    expect(errno(() => nobody.chmod('/d/public', 0o777))).toBe('EPERM');
    expect(errno(() => nobody.chown('/d/public', 65534, 65534))).toBe('EPERM');
    nobody.writeFile('/home/nobody/f', 'x');
    nobody.chmod('/home/nobody/f', 0o600);
    nobody.chown('/home/nobody/f', 65534, 65534);
    expect(nobody.stat('/home/nobody/f').mode).toBe(0o600);
  });

  it('touches (utimes) to now what it owns or may write, and to a given time only what it owns', () => {
    const { nobody } = setup();
    expect(errno(() => nobody.utimes('/etc/passwd', 5, { now: true }))).toBe('EACCES');
    expect(errno(() => nobody.utimes('/d/public', 5))).toBe('EPERM');
    nobody.utimes('/d/public', 5, { now: true });
    expect(nobody.stat('/d/public').mtime).toBe(5);
  });

  it('reports EROFS before EACCES on a read-only mount, EEXIST before both', () => {
    const { root } = setup();
    const tree = dir();
    const ro = new Namespace([{ target: '/', backend: new TreeBackend(() => tree), readonly: true, source: 'ro' }], NOBODY);
    expect(root.exists('/etc')).toBe(true);
    expect(errno(() => ro.writeFile('/x', 'x'))).toBe('EROFS');
    expect(errno(() => ro.mkdir('/'))).toBe('EEXIST');
  });
});

describe('root', () => {
  it('bypasses every read, write and search check', () => {
    const { root } = setup();
    root.chmod('/root', 0o000);
    root.chmod('/d/private', 0o000);
    expect(root.readFile('/root/secret')).toBe('s\n');
    expect(root.readFile('/d/private')).toBe('p\n');
    root.writeFile('/d/private', 'q');
    root.unlink('/tmp/rootfile');
    root.chown('/d/public', 65534, 65534);
    root.chmod('/d/public', 0o600);
    root.writeFile('/d/public', 'again');
    expect(root.readdir('/root')).toEqual(['secret']);
  });
});
