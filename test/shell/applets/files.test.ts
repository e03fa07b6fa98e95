import { describe, expect, it } from 'vitest';
import { readTar } from '../../../src/archive/tar.ts';
import { dir, file, symlink } from '../../../src/fs/node.ts';
import { baseTree, harness, withTmpfs } from './ctx.ts';

function tree() {
  return baseTree({
    app: dir({}, {
      'conf.ini': file('k=v\n', { mode: 0o640, uid: 1000, gid: 1000, mtime: 100 }),
      bin: dir({}, { run: file('#!/bin/sh\n', { mode: 0o755 }) }),
      current: symlink('bin'),
    }),
  });
}

describe.each(['busybox', 'gnu'] as const)('tar applet (%s)', (flavor) => {
  it('c then t then x round trip', () => {
    const h = harness({ flavor, root: tree() });
    const c = h.run(['tar', 'cf', '/tmp/app.tar', '-C', '/', 'app']);
    expect(c).toEqual({ status: 0, stdout: '', stderr: '' });
    const t = h.run(['tar', '-tf', '/tmp/app.tar']);
    expect(t.stdout).toBe('app/\napp/bin/\napp/bin/run\napp/conf.ini\napp/current\n');
    const entries = readTar(h.fs.readFile('/tmp/app.tar'));
    expect(entries.find((e) => e.name === 'app/conf.ini')).toMatchObject({ uname: 'app', gname: 'app', mode: 0o640, data: 'k=v\n' });
    expect(h.fs.readFile('/tmp/app.tar').length % (flavor === 'gnu' ? 10240 : 512)).toBe(0);
    h.fs.mkdir('/restore');
    const x = h.run(['tar', 'xf', '/tmp/app.tar', '-C', '/restore']);
    expect(x.status).toBe(0);
    expect(h.fs.readFile('/restore/app/conf.ini')).toBe('k=v\n');
    expect(h.fs.stat('/restore/app/conf.ini')).toMatchObject({ mode: 0o640, uid: 1000, gid: 1000, mtime: 100 });
    expect(h.fs.readlink('/restore/app/current')).toBe('bin');
    expect(h.fs.stat('/restore/app/bin/run').mode).toBe(0o755);
  });

  it('absolute members lose their leading slash', () => {
    const h = harness({ flavor, root: tree() });
    const r = h.run(['tar', 'czf', '/tmp/a.tgz', '/app/conf.ini']);
    expect(r.stderr).toBe(flavor === 'busybox' ? "tar: removing leading '/' from member names\n" : "tar: Removing leading `/' from member names\n");
    expect(h.run(['tar', 'tzf', '/tmp/a.tgz']).stdout).toBe('app/conf.ini\n');
    expect(h.run(['tar', '-xOzf', '/tmp/a.tgz']).stdout).toBe('k=v\n');
  });

  it('stdin/stdout archives, verbose listing and --strip-components', () => {
    const h = harness({ flavor, root: tree() });
    const c = h.run(['tar', '-c', '-C', '/app', 'bin']);
    expect(c.status).toBe(0);
    const tv = h.run(['tar', 'tvf', '-'], c.stdout);
    expect(tv.stdout.split('\n')[1]).toMatch(flavor === 'busybox' ? /^-rwxr-xr-x root\/root\s+10 1970-01-01 00:00:00 bin\/run$/ : /^-rwxr-xr-x root\/root\s+10 1970-01-01 00:00 bin\/run$/);
    h.fs.mkdir('/out');
    expect(h.run(['tar', 'x', '--strip-components=1', '-C', '/out'], c.stdout).status).toBe(0);
    expect(h.fs.readFile('/out/run')).toBe('#!/bin/sh\n');
    h.fs.mkdir('/out2');
    expect(h.run(['tar', '-x', '--strip', '1', '-C', '/out2', '-f', '-'], c.stdout).status).toBe(0);
    expect(h.fs.exists('/out2/run')).toBe(true);
  });

  it('rejects garbage', () => {
    const h = harness({ flavor, root: tree() });
    const r = h.run(['tar', 'tf', '-'], 'garbage'.repeat(200));
    expect(r.status).toBe(flavor === 'busybox' ? 1 : 2);
    expect(r.stderr).toBe(flavor === 'busybox' ? 'tar: invalid tar magic\n' : 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
  });
});

describe('dd', () => {
  it('busybox: ENOSPC on a full tmpfs', () => {
    const h = harness({ flavor: 'busybox', fs: withTmpfs('/scratch', 1024 * 1024) });
    const r = h.run(['dd', 'if=/dev/zero', 'of=/scratch/big', 'bs=1024', 'count=2000']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("dd: error writing '/scratch/big': No space left on device\n1025+0 records in\n1024+0 records out\n");
    expect(h.fs.stat('/scratch/big').size).toBe(1024 * 1024);
    const df = h.run(['df', '/scratch']);
    expect(df.stdout).toBe('Filesystem           1K-blocks      Used Available Use% Mounted on\ntmpfs                     1024      1024         0 100% /scratch\n');
  });
  it('busybox: success prints a deterministic timing line', () => {
    const h = harness({ flavor: 'busybox', fs: withTmpfs('/scratch', 1024 * 1024) });
    const r = h.run(['dd', 'if=/dev/zero', 'of=/scratch/f', 'bs=512', 'count=4']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('4+0 records in\n4+0 records out\n2048 bytes (2.0KB) copied, 0.000000 seconds, 0B/s\n');
    expect(h.fs.readFile('/scratch/f')).toBe('\0'.repeat(2048));
  });
  it('gnu: ENOSPC', () => {
    const h = harness({ flavor: 'gnu', fs: withTmpfs('/scratch', 1024 * 1024) });
    const r = h.run(['dd', 'if=/dev/zero', 'of=/scratch/big', 'bs=1024', 'count=2000']);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual(["dd: error writing '/scratch/big': No space left on device", '1025+0 records in', '1024+0 records out']);
  });
  it('df lists every mount with no operand', () => {
    const h = harness({ flavor: 'busybox', fs: withTmpfs('/scratch', 1024 * 1024) });
    const lines = h.run(['df']).stdout.split('\n');
    expect(lines[2]).toBe('tmpfs                     1024         0      1024   0% /scratch');
  });
  it('df -i is refused (inode counts are not kept), not answered with the block table', () => {
    for (const flavor of ['busybox', 'gnu'] as const) {
      const h = harness({ flavor, fs: withTmpfs('/scratch', 1024 * 1024) });
      for (const args of [['-i'], ['-hi', '/scratch'], ['--inodes']]) {
        expect(h.run(['df', ...args])).toMatchObject({ stdout: '', stderr: 'df: strata does not simulate inode counts (df -i)\n', status: 1 });
      }
    }
  });
});

describe.each(['busybox', 'gnu'] as const)('file operations (%s)', (flavor) => {
  it('cp without -p uses umask defaults and the process uid; -a preserves', () => {
    const h = harness({ flavor, root: tree(), uid: 0 });
    expect(h.run(['cp', '/app/conf.ini', '/tmp/c1']).status).toBe(0);
    expect(h.fs.stat('/tmp/c1')).toMatchObject({ mode: 0o640, uid: 0, gid: 0 });
    expect(h.run(['cp', '-a', '/app', '/tmp/app2']).status).toBe(0);
    expect(h.fs.stat('/tmp/app2/conf.ini')).toMatchObject({ mode: 0o640, uid: 1000, gid: 1000, mtime: 100 });
    expect(h.fs.readlink('/tmp/app2/current')).toBe('bin');
    expect(h.run(['cp', '-r', '/app/bin', '/tmp']).status).toBe(0);
    expect(h.fs.readFile('/tmp/bin/run')).toBe('#!/bin/sh\n');
  });
  it('mv across mounts copies and removes', () => {
    const h = harness({ flavor, fs: withTmpfs('/scratch', 1 << 20, tree()) });
    expect(h.run(['mv', '/app', '/scratch/app'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(h.fs.exists('/app')).toBe(false);
    expect(h.fs.stat('/scratch/app/conf.ini')).toMatchObject({ uid: 1000, mode: 0o640 });
  });
  it('ln -s, -f and readlink', () => {
    const h = harness({ flavor, root: tree() });
    expect(h.run(['ln', '-s', '/app/conf.ini', '/tmp/l']).status).toBe(0);
    expect(h.run(['readlink', '/tmp/l']).stdout).toBe('/app/conf.ini\n');
    expect(h.run(['ln', '-sf', '/etc/passwd', '/tmp/l']).status).toBe(0);
    expect(h.run(['readlink', '-f', '/tmp/l']).stdout).toBe('/etc/passwd\n');
  });
  it('chmod octal and symbolic, -R', () => {
    const h = harness({ flavor, root: tree() });
    h.run(['chmod', '600', '/app/conf.ini']);
    expect(h.fs.stat('/app/conf.ini').mode).toBe(0o600);
    h.run(['chmod', 'u+x,go-w', '/app/conf.ini']);
    expect(h.fs.stat('/app/conf.ini').mode).toBe(0o700);
    h.run(['chmod', 'a=r', '/app/conf.ini']);
    expect(h.fs.stat('/app/conf.ini').mode).toBe(0o444);
    h.run(['chmod', '-R', 'go-rx', '/app/bin']);
    expect(h.fs.stat('/app/bin/run').mode).toBe(0o700);
    expect(h.run(['chmod', 'q+z', '/app']).stderr).toBe(flavor === 'busybox' ? "chmod: invalid mode 'q+z'\n" : "chmod: invalid mode: 'q+z'\nTry 'chmod --help' for more information.\n");
  });
  it('chown by name and number, -R', () => {
    const h = harness({ flavor, root: tree() });
    expect(h.run(['chown', '-R', 'app:app', '/app/bin']).status).toBe(0);
    expect(h.fs.stat('/app/bin/run')).toMatchObject({ uid: 1000, gid: 1000 });
    expect(h.run(['chown', '33:44', '/app/conf.ini']).status).toBe(0);
    expect(h.fs.stat('/app/conf.ini')).toMatchObject({ uid: 33, gid: 44 });
    expect(h.run(['chown', 'nobody:', '/app/conf.ini']).status).toBe(0);
    expect(h.fs.stat('/app/conf.ini')).toMatchObject({ uid: 65534, gid: 65534 });
  });
  it('mkdir -p -m, touch, rm -r, rmdir', () => {
    const h = harness({ flavor, root: tree() });
    expect(h.run(['mkdir', '-p', '-m', '700', '/a/b/c']).status).toBe(0);
    expect(h.fs.stat('/a/b/c').mode).toBe(0o700);
    expect(h.fs.stat('/a/b').mode).toBe(0o755);
    expect(h.run(['mkdir', '-p', '/a/b']).status).toBe(0);
    expect(h.run(['touch', '/a/b/c/f']).status).toBe(0);
    expect(h.fs.stat('/a/b/c/f')).toMatchObject({ size: 0, mode: 0o644, mtime: 1_700_000_000 });
    expect(h.run(['rmdir', '/a/b/c/f']).status).toBe(1);
    expect(h.run(['rm', '-r', '/a']).status).toBe(0);
    expect(h.fs.exists('/a')).toBe(false);
  });
  it('du and tee', () => {
    const h = harness({ flavor, root: tree() });
    expect(h.run(['du', '-s', '/app']).stdout).toBe('16\t/app\n');
    expect(h.run(['tee', '/tmp/t'], 'x\n').stdout).toBe('x\n');
    h.run(['tee', '-a', '/tmp/t'], 'y\n');
    expect(h.fs.readFile('/tmp/t')).toBe('x\ny\n');
  });
  it('gzip and gunzip', () => {
    const h = harness({ flavor, root: tree() });
    expect(h.run(['gzip', '/app/conf.ini']).status).toBe(0);
    expect(h.fs.exists('/app/conf.ini')).toBe(false);
    expect(h.run(['zcat', '/app/conf.ini.gz']).stdout).toBe('k=v\n');
    expect(h.run(['gunzip', '/app/conf.ini.gz']).status).toBe(0);
    expect(h.fs.readFile('/app/conf.ini')).toBe('k=v\n');
  });
  it('busybox applet dispatch', () => {
    const h = harness({ flavor, root: tree() });
    const r = h.run(['busybox', 'echo', 'hi']);
    if (flavor === 'busybox') expect(r.stdout).toBe('hi\n');
    else expect(r.status).toBe(127);
  });
});

describe('cp -r of a directory into its own subtree', () => {
  function work(flavor: 'busybox' | 'gnu', cwd = '/w') {
    const h = harness({ flavor, root: baseTree({ w: dir({}, { a: file('a\n'), data: dir({}, { d: dir() }), z: file('z\n') }) }), cwd });
    return h;
  }

  it('busybox: remembers the directories it copies into and omits them, naming the source as reached, and copies the rest', () => {
    const h = work('busybox', '/w/data');
    expect(h.run(['cp', '-r', '.', 'd/x'])).toEqual({ status: 1, stdout: '', stderr: "cp: recursion detected, omitting directory './d/x'\n" });
    expect(h.fs.readdir('/w/data/d/x')).toEqual(['d']);
    expect(h.fs.readdir('/w/data/d/x/d')).toEqual([]);
    const up = work('busybox', '/w/data');
    expect(up.run(['cp', '-r', '..', 'd/x'])).toEqual({ status: 1, stdout: '', stderr: "cp: recursion detected, omitting directory '../data/d/x'\n" });
    expect(up.fs.readdir('/w/data/d/x').sort()).toEqual(['a', 'data', 'z']);
    expect(up.fs.readFile('/w/data/d/x/z')).toBe('z\n');
    expect(up.fs.readdir('/w/data/d/x/data/d')).toEqual([]);
    // spelled without `.`, into a directory that is already there: the copy is data/d/data
    const top = work('busybox', '/w');
    expect(top.run(['cp', '-r', 'data', 'data/d'])).toEqual({ status: 1, stdout: '', stderr: "cp: recursion detected, omitting directory 'data/d/data'\n" });
    expect(top.fs.readdir('/w/data/d')).toEqual(['data']);
    expect(top.fs.readdir('/w/data/d/data')).toEqual(['d']);
    expect(top.fs.readdir('/w/data/d/data/d')).toEqual([]);
  });

  it('gnu: remembers the first directory it made, names the operands and stops the operand there', () => {
    const h = work('gnu', '/w/data');
    expect(h.run(['cp', '-r', '.', 'd/x'])).toEqual({ status: 1, stdout: '', stderr: "cp: cannot copy a directory, '.', into itself, 'd/x'\n" });
    expect(h.fs.readdir('/w/data/d/x/d')).toEqual([]);
    const up = work('gnu', '/w/data');
    expect(up.run(['cp', '-r', '..', 'd/x'])).toEqual({ status: 1, stdout: '', stderr: "cp: cannot copy a directory, '..', into itself, 'd/x'\n" });
    expect(up.fs.exists('/w/data/d/x/data/d/x')).toBe(false);
    const top = work('gnu', '/w');
    expect(top.run(['cp', '-r', 'data', 'data'])).toEqual({ status: 1, stdout: '', stderr: "cp: cannot copy a directory, 'data', into itself, 'data/data'\n" });
    expect(top.fs.readdir('/w/data/data')).toEqual(['d']);
    // the next operand is copied
    const more = work('gnu', '/w');
    more.fs.mkdir('/w/out');
    expect(more.run(['cp', '-r', '.', 'a', 'out']).stderr).toBe("cp: cannot copy a directory, '.', into itself, 'out/.'\n");
    expect(more.fs.readFile('/w/out/a')).toBe('a\n');
  });

  it('counts each directory copied against the step budget', () => {
    for (const flavor of ['busybox', 'gnu'] as const) {
      const h = work(flavor, '/w');
      h.budget.steps = 2;
      expect(() => h.run(['cp', '-r', '.', '/tmp/copy'])).toThrow(/step budget/);
      const ok = work(flavor, '/w');
      ok.budget.steps = 3;
      expect(ok.run(['cp', '-r', '.', '/tmp/copy'])).toEqual({ status: 0, stdout: '', stderr: '' });
      expect(ok.budget.steps).toBe(0);
    }
  });
});

describe.each(['busybox', 'gnu'] as const)('mktemp (%s)', (flavor) => {
  const names = () => {
    const h = harness({ flavor, root: baseTree({}) });
    const a = h.run(['mktemp']).stdout.trim();
    const b = h.run(['mktemp', '-d']).stdout.trim();
    return { h, a, b };
  };

  it('makes a new file then a new directory, each under /tmp with the template length, mode 0600 and 0700', () => {
    const { h, a, b } = names();
    const suffix = flavor === 'gnu' ? /^\/tmp\/tmp\.[A-Za-z0-9]{10}$/ : /^\/tmp\/tmp\.[A-Za-z0-9]{6}$/;
    expect(a).toMatch(suffix);
    expect(b).toMatch(suffix);
    expect(a).not.toBe(b);
    expect(h.fs.stat(a)).toMatchObject({ kind: 'file', mode: 0o600 });
    expect(h.fs.stat(b)).toMatchObject({ kind: 'dir', mode: 0o700 });
  });

  it('names the same files in a replay, whatever ran before in the process', () => {
    const first = names();
    names();
    const again = names();
    expect([again.a, again.b]).toEqual([first.a, first.b]);
  });
});
