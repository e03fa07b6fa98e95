// The applets of backup and restore recipes where busybox and GNU differ: tar over data already
// there, --strip-components, -C, --numeric-owner listings; cp -av's order; ls --full-time.
// Each rule is recorded against both engines under test/recorded/docker-*/archive/backup-*.
import { describe, expect, it } from 'vitest';
import { baseTree, harness } from './ctx.ts';
import { dir, file } from '../../../src/fs/node.ts';

/** A harness whose /snap.tar holds ./, ./a ("old"), ./d/, ./d/x, as `tar cf snap.tar -C /data .` makes it. */
function withSnapshot(flavor: 'busybox' | 'gnu') {
  const h = harness({ flavor, root: baseTree({ data: dir({}, { a: file('old\n'), d: dir({}, { x: file('x\n') }) }) }) });
  expect(h.run(['tar', 'cf', '/snap.tar', '-C', '/data', '.']).status).toBe(0);
  return h;
}

describe('busybox tar restoring onto a volume that holds data (archive/backup-restore-merge)', () => {
  it('keeps a file where the archive has a directory, gives it the directory mode, and dies on the first member under it', () => {
    const h = withSnapshot('busybox');
    h.fs.unlink('/data/d/x');
    h.fs.rmdir('/data/d');
    h.fs.writeFile('/data/d', 'file\n', { mode: 0o600 });
    h.fs.writeFile('/data/a', 'new\n');
    const r = h.run(['tar', 'xf', '/snap.tar', '-C', '/data']);
    expect(r).toMatchObject({ status: 1, stderr: "tar: can't create directory './d': File exists\ntar: can't remove old file ./d/x: Not a directory\n" });
    expect(h.fs.readFile('/data/d')).toBe('file\n');
    expect(h.fs.stat('/data/d').mode & 0o777).toBe(0o755);
    expect(h.fs.readFile('/data/a')).toBe('old\n');
  });

  it('dies with EISDIR where a directory stands in place of a file', () => {
    const h = withSnapshot('busybox');
    h.fs.unlink('/data/a');
    h.fs.mkdir('/data/a');
    h.fs.writeFile('/data/a/in', 'in\n');
    expect(h.run(['tar', 'xf', '/snap.tar', '-C', '/data', './a'])).toMatchObject({ status: 1, stderr: "tar: can't remove old file ./a: Is a directory\n" });
    expect(h.fs.readFile('/data/a/in')).toBe('in\n');
  });

  it('merges into a directory that is there: files the archive lacks stay', () => {
    const h = withSnapshot('busybox');
    h.fs.writeFile('/data/d/k', 'keep\n');
    expect(h.run(['tar', 'xf', '/snap.tar', '-C', '/data']).status).toBe(0);
    expect(h.fs.readdir('/data/d').sort()).toEqual(['k', 'x']);
  });
});

describe('tar --strip-components and -v (archive/backup-docs-dbstore-ubuntu, backup-strip-mismatch)', () => {
  it('busybox names the members the strip leaves empty, GNU does not', () => {
    for (const flavor of ['busybox', 'gnu'] as const) {
      const h = harness({ flavor, root: baseTree({ dbdata: dir({}, { t: file('1\n') }), out: dir() }) });
      expect(h.run(['tar', 'cf', '/b.tar', 'dbdata'], '').status).toBe(0);
      const r = h.run(['tar', 'xvf', '/b.tar', '--strip-components=1', '-C', '/out']);
      expect(r.stdout).toBe(flavor === 'busybox' ? 'dbdata/\ndbdata/t\n' : 'dbdata/t\n');
      expect(h.fs.readFile('/out/t')).toBe('1\n');
    }
  });

  it('busybox lists whole names whatever the strip', () => {
    const bb = harness({ flavor: 'busybox', root: baseTree({ dbdata: dir({}, { t: file('1\n') }) }) });
    bb.run(['tar', 'cf', '/b.tar', 'dbdata']);
    expect(bb.run(['tar', 'tf', '/b.tar', '--strip-components=1']).stdout).toBe('dbdata/\ndbdata/t\n');
  });
});

describe('tar -C (archive/backup-tar-errors, backup-host-gnu-tar)', () => {
  it('busybox creates the archive before entering -C, so a missing directory leaves an empty one', () => {
    const h = harness({ flavor: 'busybox' });
    expect(h.run(['tar', 'czf', '/a.tgz', '-C', '/data', '.'])).toMatchObject({ status: 1, stderr: "tar: can't change directory to '/data': No such file or directory\n" });
    expect(h.fs.readFile('/a.tgz')).toBe('');
  });

  it('a missing -C ends extraction and listing in both, after the archive is opened', () => {
    for (const flavor of ['busybox', 'gnu'] as const) {
      const h = harness({ flavor, root: baseTree({ f: file('x') }) });
      h.run(['tar', 'cf', '/b.tar', 'f']);
      const want = flavor === 'gnu' ? { status: 2, stderr: 'tar: out: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n' } : { status: 1, stderr: "tar: can't change directory to 'out': No such file or directory\n" };
      expect(h.run(['tar', 'xvf', '/b.tar', '-C', 'out'])).toMatchObject({ stdout: '', ...want });
      expect(h.run(['tar', 'tf', '/b.tar', '-C', 'out'])).toMatchObject({ stdout: '', ...want });
      expect(h.run(['tar', 'xf', '/none.tar', '-C', 'out']).stderr).toMatch(/none\.tar/);
    }
  });
});

describe('tar tv --numeric-owner (archive/backup-gzip-C-dot-listing)', () => {
  it('GNU shows the numbers, busybox the names', () => {
    for (const flavor of ['busybox', 'gnu'] as const) {
      const h = harness({ flavor, root: baseTree({ f: file('x', { uid: 1000, gid: 1000 }) }), now: 1_580_638_830 });
      h.run(['tar', 'cf', '/b.tar', 'f']);
      const line = h.run(['tar', '--numeric-owner', '-tvf', '/b.tar']).stdout;
      expect(line.split(' ')[1]).toBe(flavor === 'gnu' ? '1000/1000' : 'app/app');
    }
  });
});

describe('cp -av (archive/backup-cp-a-two-volumes)', () => {
  it('busybox names a directory after its entries, GNU before', () => {
    for (const flavor of ['busybox', 'gnu'] as const) {
      const h = harness({ flavor, root: baseTree({ from: dir({}, { d: dir({}, { f: file('x') }) }), to: dir() }) });
      const lines = ["'/from/./d/f' -> '/to/./d/f'", "'/from/./d' -> '/to/./d'", "'/from/.' -> '/to/.'"];
      expect(h.run(['cp', '-av', '/from/.', '/to/']).stdout).toBe((flavor === 'busybox' ? lines : [...lines].reverse()).join('\n') + '\n');
    }
  });

  it('busybox prints no line for a second name of a file it links to the first copy', () => {
    const h = harness({ flavor: 'busybox', root: baseTree({ from: dir({}, { f: file('x') }), to: dir() }) });
    h.fs.link('/from/f', '/from/g');
    expect(h.run(['cp', '-av', '/from/f', '/from/g', '/to/']).stdout).toBe("'/from/f' -> '/to/f'\n");
    expect(h.fs.stat('/to/g').nlink).toBe(2);
  });
});

describe('ls --full-time (archive/backup-gzip-C-dot-listing)', () => {
  it('implies -l; busybox prints seconds and the zone, GNU nanoseconds too', () => {
    for (const flavor of ['busybox', 'gnu'] as const) {
      const h = harness({ flavor, root: baseTree({ f: file('x') }) });
      h.fs.utimes('/f', 1_580_638_830);
      const out = h.run(['ls', '--full-time', '/f']).stdout;
      expect(out).toContain(flavor === 'busybox' ? ' 2020-02-02 10:20:30 +0000 /f' : ' 2020-02-02 10:20:30.000000000 +0000 /f');
      expect(out.startsWith('-rw-r--r--')).toBe(true);
    }
  });
});

describe("tar -cv of an absolute path (Docker's docs: tar cvf /backup/backup.tar /dbdata)", () => {
  // Expected output: what this host's GNU tar 1.34 and the oracle's busybox 1.35 print for it
  // (GNU: run here, `tar cvf x.tar /tmp/gsd` with sub/f and sub/l; busybox: recorded,
  // archive/backup-docs-dbstore-ubuntu). Both store the names without the leading `/`.
  const tree = () => baseTree({ dbdata: dir({}, { sub: dir({}, { f: file('hi\n') }) }) });

  it('GNU lists the names as given, after its warning', () => {
    const h = harness({ flavor: 'gnu', root: tree() });
    expect(h.run(['tar', 'cvf', '/b.tar', '/dbdata'])).toMatchObject({ status: 0, stdout: '/dbdata/\n/dbdata/sub/\n/dbdata/sub/f\n', stderr: "tar: Removing leading `/' from member names\n" });
    expect(h.run(['tar', 'tf', '/b.tar']).stdout).toBe('dbdata/\ndbdata/sub/\ndbdata/sub/f\n');
  });

  it('busybox lists the members', () => {
    const h = harness({ flavor: 'busybox', root: tree() });
    expect(h.run(['tar', 'cvf', '/b.tar', '/dbdata'])).toMatchObject({ status: 0, stdout: 'dbdata/\ndbdata/sub/\ndbdata/sub/f\n', stderr: "tar: removing leading '/' from member names\n" });
  });
});
