// tar and compressed archives: bzip2 and xz are read (GNU by content, busybox with -j/-J), while creating a
// bzip2 or xz archive is refused by name instead of writing a plain tar under a compressed
// archive's name.
import { describe, expect, it } from 'vitest';
import { baseTree, harness } from './ctx.ts';
import { file } from '../../../src/fs/node.ts';
import { gzipBytes } from '../../../src/archive/gzip.ts';
import { LimitError } from '../../../src/fs/errors.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// `tar c` of hello ("hi\n") compressed by xz(1) 5.4.1 (test/archive/xz/README.md)
const TXZ = readFileSync(join(import.meta.dirname, '..', '..', 'archive', 'xz', 'hello.tar.xz')).toString('latin1');

// `tar c` of pkg/p1 ("p1\n") compressed by bzip2(1) 1.0.8.
const hex = (h: string): string => h.replace(/../g, (b) => String.fromCharCode(parseInt(b, 16)));
const TBZ = hex(
  '425a68393141592653594dc6e314000091fb80c99000024000ff80001460885e000408200070500034000024926d536984d43469ea69ea667b4f7a0e9013d52422b7beb40d8b5e048421856854c103934711518038f5d85618886081b9a1c3aeec44b14847db8cf290f04747d28739c37464c9926241fc5dc914e14241371b8c50',
);

describe.each(['gnu', 'busybox'] as const)('tar (%s) and compression', (flavor) => {
  const status = flavor === 'gnu' ? 2 : 1;

  // GNU tar finds the compression by content; Debian's busybox 1.35 has no FEATURE_TAR_AUTODETECT:
  // without -j/-J a compressed file is read as tar (less than a block: `short read`; recorded
  // archive/backup-tar-errors)
  const unflagged = (h: ReturnType<typeof harness>, name: string, listing: string): void => {
    const r = h.run(['tar', '-tf', name]);
    if (flavor === 'gnu') expect(r.stdout).toBe(listing);
    else expect(r).toMatchObject({ stdout: '', stderr: 'tar: short read\n', status: 1 });
  };

  it('extracts and lists a bzip2-compressed archive, with -j (GNU also without)', () => {
    const h = harness({ flavor, root: baseTree({ 'a.tbz': file(TBZ) }) });
    unflagged(h, 'a.tbz', 'pkg/\npkg/p1\n');
    expect(h.run(['tar', '-tjf', 'a.tbz']).stdout).toBe('pkg/\npkg/p1\n');
    expect(h.run(['tar', '-xjf', 'a.tbz']).status).toBe(0);
    expect(h.fs.readFile('/pkg/p1')).toBe('p1\n');
    h.fs.writeFile('/bad.tbz', TBZ.slice(0, 40));
    const r = h.run(['tar', '-xjf', 'bad.tbz']);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(/strata does not simulate the words for corrupt bzip2 data/);
  });

  it('refuses to create bzip2 or xz archives, writing nothing', () => {
    const h = harness({ flavor, root: baseTree({ d: file('x') }) });
    for (const flag of ['-cjf', '-cJf']) {
      const r = h.run(['tar', flag, 'out.tar', 'd']);
      expect(r.status).toBe(status);
      expect(r.stderr).toMatch(/strata does not simulate (bzip2 \(-j\)|xz \(-J\)) compression/);
      expect(h.fs.exists('/out.tar')).toBe(false);
    }
  });

  it('extracts an xz-compressed archive, with -J (GNU also without), and refuses corrupt xz data by name', () => {
    const h = harness({ flavor, root: baseTree({ 'a.txz': file(TXZ), 'bad.txz': file(TXZ.slice(0, 40)) }) });
    unflagged(h, 'a.txz', 'hello\n');
    expect(h.run(['tar', '-xJf', 'a.txz']).status).toBe(0);
    expect(h.fs.readFile('/hello')).toBe('hi\n');
    const r = h.run(['tar', '-xJf', 'bad.txz']);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(/strata does not simulate the words for corrupt xz data/);
  });

  it('stops at the file budget, not with a corrupt-data message, when a gzip stream decompresses past it', () => {
    const member = gzipBytes('\0'.repeat(33 << 20));
    const h = harness({ flavor, root: baseTree({ 'bomb.gz': file(member + member) }) });
    expect(() => h.run(['tar', '-xzf', 'bomb.gz'])).toThrow(LimitError);
    expect(() => h.run(['gzip', '-dc', 'bomb.gz'])).toThrow(LimitError);
  });
});
