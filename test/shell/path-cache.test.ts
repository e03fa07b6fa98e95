// The shell keeps what its PATH searches found while no file system changed (programs.ts,
// fs/changes.ts). These runs change the files between two runs of one name, in each of the ways a
// change can come: the script's own writes, a direct change of the tree by code outside the shell
// while the shell waits for it (as the engine changes trees in place), and writes to a mount's
// root. A kept answer would run the program the first search found.

import { describe, expect, it } from 'vitest';
import { fsChanges } from '../../src/fs/changes.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir, entryOf, type DirNode, type FileNode } from '../../src/fs/node.ts';
import { Namespace } from '../../src/fs/namespace.ts';
import { TreeBackend } from '../../src/fs/tree-backend.ts';
import type { Applet } from '../../src/shell/types.ts';
import { fakeApplets, setup, sh } from './helpers.ts';

const script = (text: string): string => `#!/bin/sh\necho ${text}\n`;

/** Test applets that change files through the process's view, as rm and chmod do. */
const changers: Record<string, Applet> = {
  unlink: (ctx, args) => {
    ctx.fs.unlink(args[0]);
    return 0;
  },
  mkexe: (ctx, args) => {
    ctx.fs.writeFile(args[0], script(args[1]), { mode: 0o755 });
    return 0;
  },
  chmod: (ctx, args) => {
    ctx.fs.chmod(args[1], parseInt(args[0], 8));
    return 0;
  },
};

function withChangers(files: Record<string, string>) {
  const s = setup('busybox', files);
  s.env.applets = (name) => changers[name] ?? fakeApplets[name];
  // (unlink and chmod are busybox's applets, run before any PATH search; mkexe is reached through PATH)
  s.fs.symlink('/bin/busybox', '/bin/mkexe');
  return s;
}

describe("the shell's PATH searches follow the files", () => {
  it('a program removed from the first PATH directory: the next one found (ash goes on down PATH)', () => {
    const s = withChangers({ '/usr/local/bin/greet': script('local'), '/bin/greet': script('bin') });
    expect(sh('greet; unlink /usr/local/bin/greet; greet', s)).toMatchObject({ out: 'local\nbin\n', status: 0 });
  });

  it('a program written over by the script: the new one runs', () => {
    const s = withChangers({ '/bin/greet': script('old') });
    expect(sh('greet; mkexe /bin/greet new; greet', s).out).toBe('old\nnew\n');
  });

  it('a program that loses its execute bits: the second run fails (126, as execve EACCES)', () => {
    const s = withChangers({ '/bin/greet': script('ran') });
    const r = sh('greet; chmod 644 /bin/greet; greet', s);
    expect(r.out).toBe('ran\n');
    expect(r.status).toBe(126);
  });

  it('a change made in the tree by code outside the shell while it sleeps (no namespace write): seen after the sleep', () => {
    const root = dir();
    const fs = memoryFs(root);
    for (const d of ['/bin', '/tmp', '/root', '/usr', '/usr/local', '/usr/local/bin']) fs.mkdir(d);
    fs.writeFile('/bin/busybox', '\x7fELF busybox', { mode: 0o755 });
    for (const name of ['sh', 'echo', 'sleep']) fs.symlink('/bin/busybox', `/bin/${name}`);
    fs.writeFile('/usr/local/bin/greet', script('ran'), { mode: 0o755 });
    const s = setup();
    s.env.fs = fs;
    s.env.sleep = () => {
      // the file's interpreter is gone: execve fails with ENOENT, ash says `not found` (127)
      const file = entryOf(entryOf(entryOf(entryOf(root, 'usr') as DirNode, 'local') as DirNode, 'bin') as DirNode, 'greet') as FileNode;
      file.data = '#!/no/such/interpreter\necho ran again\n';
    };
    const r = sh('greet; sleep 1; greet', s);
    expect(r.out).toBe('ran\n');
    expect(r.status).toBe(127);
  });
});

describe('the change count (fs/changes.ts)', () => {
  it('moves at every kind of write, a mount root changed in place too', () => {
    const root = dir({}, [['vol', dir()]]);
    const vol = dir();
    const fs = new Namespace([
      { target: '/', backend: new TreeBackend(() => root), readonly: false, source: '/dev/sda1' },
      { target: '/vol', backend: new TreeBackend(() => vol), readonly: false, source: '/dev/sdb1' },
    ]);
    fs.mkdir('/e');
    const writes: [string, () => void][] = [
      ['mkdir', () => fs.mkdir('/d')],
      ['writeFile', () => fs.writeFile('/d/f', 'x')],
      ['append', () => fs.writeFile('/d/f', 'y', { append: true })],
      ['symlink', () => fs.symlink('f', '/d/l')],
      ['link', () => fs.link('/d/f', '/d/h')],
      ['rename', () => fs.rename('/d/h', '/d/h2')],
      ['chmod', () => fs.chmod('/d/f', 0o600)],
      ['chown', () => fs.chown('/d/f', 1, 1)],
      ['utimes', () => fs.utimes('/d/f', 5)],
      ['unlink', () => fs.unlink('/d/h2')],
      ['chmod of a mount root', () => fs.chmod('/vol', 0o700)],
      ['chown of a mount root', () => fs.chown('/vol', 2, 2)],
      ['utimes of a mount root', () => fs.utimes('/vol', 7)],
      ['rmdir', () => fs.rmdir('/e')],
    ];
    for (const [what, write] of writes) {
      const before = fsChanges();
      write();
      expect({ what, moved: fsChanges() > before }).toEqual({ what, moved: true });
    }
    expect(fs.changes()).toBe(fsChanges());
  });
});
