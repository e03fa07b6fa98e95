// The host file system behind the data-root guard (src/engine/data-root.ts): every call that names
// a path under /var/lib/docker is refused (DataRootNotSimulated), and every other call is the
// host's own, unchanged: the same answers, the same effects, the same identity and umask.

import { describe, expect, it } from 'vitest';
import { DATA_ROOT, DataRootNotSimulated, guardDataRoot } from '../../src/engine/data-root.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir, file } from '../../src/fs/node.ts';
import type { Vfs } from '../../src/fs/vfs.ts';

const host = (): Vfs => memoryFs(dir({}, { etc: dir({}, { hostname: file('host\n') }), var: dir({}, { lib: dir() }) }), { uid: 0, gid: 0, groups: [4], clock: () => 42 });

/** Each Vfs call, given the path it names (both paths for rename and link). */
const calls: Record<string, (fs: Vfs, p: string, other: string) => unknown> = {
  lstat: (fs, p) => fs.lstat(p),
  stat: (fs, p) => fs.stat(p),
  lstatIfAny: (fs, p) => fs.lstatIfAny(p),
  statIfAny: (fs, p) => fs.statIfAny(p),
  exists: (fs, p) => fs.exists(p),
  readdir: (fs, p) => fs.readdir(p),
  readFile: (fs, p) => fs.readFile(p, 3),
  writeFile: (fs, p) => fs.writeFile(p, 'x'),
  mkdir: (fs, p) => fs.mkdir(p, 0o700),
  rmdir: (fs, p) => fs.rmdir(p),
  unlink: (fs, p) => fs.unlink(p),
  'rename from': (fs, p, o) => fs.rename(p, o),
  'rename to': (fs, p, o) => fs.rename(o, p),
  symlink: (fs, p) => fs.symlink('/etc', p),
  'link existing': (fs, p, o) => fs.link(p, o),
  'link new': (fs, p, o) => fs.link(o, p),
  mknod: (fs, p) => fs.mknod(p, 'null', 0o666),
  readlink: (fs, p) => fs.readlink(p),
  chmod: (fs, p) => fs.chmod(p, 0o600),
  chown: (fs, p) => fs.chown(p, 1, 1),
  utimes: (fs, p) => fs.utimes(p, 7),
  realpath: (fs, p) => fs.realpath(p),
  statfs: (fs, p) => fs.statfs(p),
};

describe('guardDataRoot', () => {
  it.each(Object.keys(calls))('refuses %s under the data root, however the path is spelled', (name) => {
    for (const p of [DATA_ROOT, `${DATA_ROOT}/`, `${DATA_ROOT}/volumes/v/_data`, '/var/lib/../lib/docker/x', '/var//lib/docker']) {
      const fs = guardDataRoot(host());
      expect(() => calls[name](fs, p, '/etc/hostname')).toThrow(DataRootNotSimulated);
      expect(() => calls[name](fs, p, '/etc/hostname')).toThrow(`strata does not simulate the daemon's data root on the host (${DATA_ROOT})`);
    }
  });

  it.each(Object.keys(calls))('answers %s elsewhere as the host does, with the same effect', (name) => {
    // paths beside the data root, and the host's own files
    for (const [p, other] of [['/var/lib/dockerish', '/etc/hostname'], ['/etc/hostname', '/var/lib/x'], ['/var/lib', '/etc/y']]) {
      const plain = host();
      const guarded = guardDataRoot(host());
      const outcome = (fs: Vfs): unknown => {
        try {
          return { value: calls[name](fs, p, other) };
        } catch (e) {
          return { error: String(e) };
        }
      };
      expect(outcome(guarded)).toEqual(outcome(plain));
      // what the call did is seen through the guard as through the host
      for (const q of [p, other]) expect(guarded.exists(q) && guarded.lstat(q)).toEqual(plain.exists(q) && plain.lstat(q));
    }
  });

  it("keeps the host's identity, umask, clock and mounts", () => {
    const plain = host();
    const guarded = guardDataRoot(plain);
    expect([guarded.uid, guarded.gid, guarded.groups, guarded.umask, guarded.now()]).toEqual([0, 0, [4], plain.umask, 42]);
    expect(guarded.mounts()).toBe(plain.mounts());
    expect(guarded.mountOptions('/')).toEqual(plain.mountOptions('/'));
    const other = memoryFs(dir(), { uid: 1000, gid: 100 });
    expect([guardDataRoot(other).uid, guardDataRoot(other).gid, guardDataRoot(other).groups]).toEqual([1000, 100, []]);
  });

  it('with another umask: files made with it, and still guarded', () => {
    const guarded = guardDataRoot(host()).withUmask(0o077);
    expect(guarded.umask).toBe(0o077);
    guarded.mkdir('/d');
    guarded.writeFile('/d/f', 'x');
    expect([guarded.stat('/d').mode & 0o777, guarded.stat('/d/f').mode & 0o777]).toEqual([0o700, 0o600]);
    expect(() => guarded.mkdir(`${DATA_ROOT}/d`)).toThrow(DataRootNotSimulated);
  });
});
